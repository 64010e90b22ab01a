/**
 * Decides a document's type from its bytes first (magic numbers, ZIP contents, text vs binary),
 * then from the filename or content type to tell Markdown from plain text.
 */
import { unzipSync } from 'fflate';
import { BrokenDocumentError, UnsupportedDocumentError } from './errors.ts';
import type { DocumentHints, DocumentType } from './types.ts';

/** A DOCX that inflates beyond this is refused before mammoth unpacks it (a ZIP bomb, or no policy document). */
const MAX_DOCX_UNPACKED_BYTES = 256 * 1024 * 1024;
/** How far into a binary file the PDF header may start, as readers allow junk before it. */
const PDF_HEADER_WINDOW = 1024;

/** A known binary format: byte patterns (at offsets) that must all match. */
interface Signature {
  detected: string;
  advice?: string;
  parts: ReadonlyArray<readonly [offset: number, bytes: readonly number[] | string]>;
}

const RESAVE = 'Save it as .docx or PDF and upload it again.';

/** Binary formats recognised by name so the refusal can say what the file actually is. */
const SIGNATURES: readonly Signature[] = [
  { detected: 'a PNG image', parts: [[0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]]] },
  { detected: 'a JPEG image', parts: [[0, [0xff, 0xd8, 0xff]]] },
  { detected: 'a GIF image', parts: [[0, 'GIF87a']] },
  { detected: 'a GIF image', parts: [[0, 'GIF89a']] },
  {
    detected: 'a WebP image',
    parts: [
      [0, 'RIFF'],
      [8, 'WEBP'],
    ],
  },
  { detected: 'a TIFF image', parts: [[0, [0x49, 0x49, 0x2a, 0x00]]] },
  { detected: 'a TIFF image', parts: [[0, [0x4d, 0x4d, 0x00, 0x2a]]] },
  { detected: 'a HEIC image', parts: [[4, 'ftypheic']] },
  { detected: 'a HEIF image', parts: [[4, 'ftypmif1']] },
  { detected: 'an AVIF image', parts: [[4, 'ftypavif']] },
  {
    detected: 'a WAV audio file',
    parts: [
      [0, 'RIFF'],
      [8, 'WAVE'],
    ],
  },
  { detected: 'an Ogg audio file', parts: [[0, [0x4f, 0x67, 0x67, 0x53, 0x00]]] },
  {
    detected: 'a legacy Microsoft Office file (.doc, .xls or .ppt)',
    advice: RESAVE,
    parts: [[0, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]]],
  },
  { detected: 'an RTF document', advice: RESAVE, parts: [[0, '{\\rtf']] },
  { detected: 'a gzip archive', parts: [[0, [0x1f, 0x8b]]] },
  { detected: 'a 7-Zip archive', parts: [[0, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]]] },
  { detected: 'a RAR archive', parts: [[0, [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07]]] },
];

function hasBytesAt(bytes: Uint8Array, expected: readonly number[] | string, offset = 0): boolean {
  const codes = typeof expected === 'string' ? [...expected].map((c) => c.charCodeAt(0)) : expected;
  if (bytes.length < offset + codes.length) return false;
  return codes.every((code, i) => bytes[offset + i] === code);
}

function findBytes(bytes: Uint8Array, needle: string, within: number): boolean {
  const limit = Math.min(bytes.length, within);
  for (let i = 0; i + needle.length <= limit; i++) if (hasBytesAt(bytes, needle, i)) return true;
  return false;
}

function isZip(bytes: Uint8Array): boolean {
  return (
    hasBytesAt(bytes, [0x50, 0x4b, 0x03, 0x04]) ||
    hasBytesAt(bytes, [0x50, 0x4b, 0x05, 0x06]) ||
    hasBytesAt(bytes, [0x50, 0x4b, 0x07, 0x08])
  );
}

interface ZipEntry {
  name: string;
  size: number;
}

/** Lists a ZIP's entries from its central directory without inflating anything; null if unreadable. */
function zipEntries(bytes: Uint8Array): ZipEntry[] | null {
  const entries: ZipEntry[] = [];
  try {
    unzipSync(bytes, {
      filter: (file) => {
        entries.push({ name: file.name, size: file.originalSize });
        return false;
      },
    });
    return entries;
  } catch {
    return null;
  }
}

/** Names the kind of a ZIP-based file that is not a DOCX. */
function describeZip(names: Set<string>): string {
  if (names.has('xl/workbook.xml')) return 'an Excel workbook (.xlsx)';
  if (names.has('ppt/presentation.xml')) return 'a PowerPoint presentation (.pptx)';
  if (names.has('mimetype') && names.has('content.xml')) return 'an OpenDocument file (.odt, .ods or .odp)';
  if (names.has('META-INF/container.xml')) return 'an EPUB e-book';
  return 'a ZIP archive';
}

function sniffZip(bytes: Uint8Array, hints: DocumentHints): 'docx' {
  const entries = zipEntries(bytes);
  if (!entries) {
    if (typeFromHints(hints) === 'docx') throw new BrokenDocumentError('docx', 'the file is damaged or truncated');
    throw new UnsupportedDocumentError('a damaged ZIP archive');
  }
  const names = new Set(entries.map((entry) => entry.name));
  if (!names.has('word/document.xml')) throw new UnsupportedDocumentError(describeZip(names));
  const unpacked = entries.reduce((sum, entry) => sum + entry.size, 0);
  if (unpacked > MAX_DOCX_UNPACKED_BYTES) {
    const limit = MAX_DOCX_UNPACKED_BYTES / 1024 / 1024;
    throw new BrokenDocumentError('docx', `it unpacks to more than ${limit} MB`);
  }
  return 'docx';
}

/** Control characters text does not hold: C0 other than tab, LF, FF and CR; DEL; C1. */
const isControlCharacter = (code: number) =>
  (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0c && code !== 0x0d) || (code >= 0x7f && code <= 0x9f);
/**
 * One control character in this many is tolerated (a stray vertical tab or escape in pasted
 * terminal output); binary data that happens to decode holds several in a hundred.
 */
const CONTROL_TOLERANCE = 1_000;

/** Whether decoded text holds more control characters than text does: binary data, not a document. */
export function isBinary(text: string): boolean {
  let controls = 0;
  for (let i = 0; i < text.length; i++) if (isControlCharacter(text.charCodeAt(i))) controls++;
  return controls > text.length / CONTROL_TOLERANCE;
}

/**
 * Decodes UTF-8 (or UTF-16 with a byte-order mark) text; null when the bytes are not text:
 * invalid in the encoding, or containing NUL characters.
 */
export function decodeText(bytes: Uint8Array): string | null {
  let encoding = 'utf-8';
  let start = 0;
  if (hasBytesAt(bytes, [0xef, 0xbb, 0xbf])) start = 3;
  else if (hasBytesAt(bytes, [0xff, 0xfe])) [encoding, start] = ['utf-16le', 2];
  else if (hasBytesAt(bytes, [0xfe, 0xff])) [encoding, start] = ['utf-16be', 2];
  try {
    const text = new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes.subarray(start));
    return text.includes('\0') ? null : text;
  } catch {
    return null;
  }
}

/** Tells undecodable text (a legacy 8-bit encoding) from binary data, by the share of control bytes. */
function undecodableError(bytes: Uint8Array): UnsupportedDocumentError {
  const sample = bytes.subarray(0, 4096);
  const isControl = (byte: number) =>
    (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0c && byte !== 0x0d) || byte === 0x7f;
  const control = sample.filter(isControl).length;
  if (sample.includes(0) || control > sample.length / 100) {
    return new UnsupportedDocumentError('binary data of an unknown kind');
  }
  return new UnsupportedDocumentError('text that is not UTF-8 encoded', 'Save it as UTF-8 and upload it again.');
}

const EXTENSION_TYPES: Record<string, DocumentType> = {
  pdf: 'pdf',
  docx: 'docx',
  html: 'html',
  htm: 'html',
  xhtml: 'html',
  md: 'markdown',
  markdown: 'markdown',
  mdown: 'markdown',
  mkd: 'markdown',
  mkdn: 'markdown',
  txt: 'text',
  text: 'text',
};

const CONTENT_TYPE_TYPES: Record<string, DocumentType> = {
  'application/pdf': 'pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'text/html': 'html',
  'application/xhtml+xml': 'html',
  'text/markdown': 'markdown',
  'text/x-markdown': 'markdown',
  'text/plain': 'text',
};

/** The extension of a filename or of a URL's last path segment ("faq.md?v=2" → "md"). */
function extensionOf(filename: string): string {
  const name = URL.canParse(filename) ? new URL(filename).pathname : filename;
  const base = name.slice(name.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  const extension = dot >= 0 ? base.slice(dot + 1) : '';
  return extension.trim().toLowerCase();
}

/** The type the filename extension, or else the content type, claims; null when neither says. */
function typeFromHints(hints: DocumentHints): DocumentType | null {
  const byExtension = EXTENSION_TYPES[extensionOf(hints.filename ?? '')];
  if (byExtension) return byExtension;
  const mime = hints.contentType?.split(';')[0]?.trim().toLowerCase() ?? '';
  return CONTENT_TYPE_TYPES[mime] ?? null;
}

const MARKUP_ROOTS = [
  ['<!doctype html', 'html'],
  ['<html', 'html'],
  ['<svg', 'svg'],
] as const;

/**
 * Looks at the start of a text for an HTML document (or an SVG image, which is refused): the root
 * must open the text, or be the first root after an XML declaration or a comment.
 */
function sniffMarkup(text: string): 'html' | 'svg' | null {
  const head = text.slice(0, 2048).trimStart().toLowerCase();
  const prologue = head.startsWith('<?xml') || head.startsWith('<!--');
  const roots = MARKUP_ROOTS.map(([marker, kind]) => ({ kind, at: head.indexOf(marker) }))
    .filter(({ at }) => at === 0 || (prologue && at > 0))
    .sort((a, b) => a.at - b.at);
  return roots[0]?.kind ?? null;
}

/**
 * Decides the type from the bytes first (magic numbers: %PDF-, PK zip containing word/document.xml,
 * binary vs text, <html/<!doctype html), then filename extension / content type to tell markdown
 * from text. Refuses images, zip archives that are not DOCX, other binaries (invalid UTF-8, or
 * control characters beyond a tiny tolerance), empty input.
 */
export function sniffDocumentType(bytes: Uint8Array, hints: DocumentHints = {}): DocumentType {
  if (bytes.length === 0) throw new UnsupportedDocumentError('an empty file');
  if (hasBytesAt(bytes, '%PDF-')) return 'pdf';
  if (isZip(bytes)) return sniffZip(bytes, hints);
  const signature = SIGNATURES.find((s) => s.parts.every(([offset, part]) => hasBytesAt(bytes, part, offset)));
  if (signature) throw new UnsupportedDocumentError(signature.detected, signature.advice);

  const text = decodeText(bytes);
  if (text === null || isBinary(text)) {
    // Readers accept a PDF header after some junk; only binary files get that benefit of the doubt.
    if (findBytes(bytes, '%PDF-', PDF_HEADER_WINDOW)) return 'pdf';
    throw text === null ? undecodableError(bytes) : new UnsupportedDocumentError('binary data of an unknown kind');
  }
  const markup = sniffMarkup(text);
  if (markup === 'svg') throw new UnsupportedDocumentError('an SVG image');
  if (markup === 'html') return 'html';
  const hinted = typeFromHints(hints);
  return hinted === 'html' || hinted === 'markdown' ? hinted : 'text';
}
