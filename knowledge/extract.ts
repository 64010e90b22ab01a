/**
 * Text extraction for the knowledge base: turns an uploaded PDF, Word (.docx), HTML, Markdown or
 * plain-text file into a title and a list of blocks (paragraphs, list items, table rows, code
 * blocks), each carrying the heading path above it, which is what the chunker needs.
 *
 * The type is decided from the bytes first (magic numbers, ZIP contents, text vs binary), then
 * from the filename or content type to tell Markdown from plain text. Every format is read with a
 * real parser, never with patterns over markup: PDF with PDF.js (via unpdf), DOCX with mammoth
 * (converted to HTML, then read like any web page), HTML with parse5 (keeping the main content and
 * dropping navigation, headers, footers, scripts and forms) and Markdown with mdast (GFM tables).
 *
 * Failures are typed: {@link UnsupportedDocumentError} when the file is not one of the supported
 * kinds (an image, a ZIP that is not a DOCX, an unknown binary, nothing at all) and
 * {@link BrokenDocumentError} when it is, but cannot be read or has no text. Extraction is
 * bounded by a deadline, so a pathological file fails instead of hanging the caller.
 */
import { unzipSync } from 'fflate';
import mammoth from 'mammoth';
import type { ListItem, Nodes as MarkdownNode, Table as MarkdownTable } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';
import {
  type DefaultTreeAdapterTypes,
  defaultTreeAdapter,
  parse as parseHtml,
  parseFragment as parseHtmlFragment,
} from 'parse5';
import { getResolvedPDFJS } from 'unpdf';

export const DOCUMENT_TYPES = ['pdf', 'docx', 'html', 'markdown', 'text'] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

/** One paragraph, list item, table row or code block, under the headings that enclose it. */
export interface DocumentBlock {
  /** The heading path above the block, outermost first (h1 > h2 > …). */
  headings: string[];
  /** The block's text, whitespace-normalised. */
  text: string;
}

export interface ExtractedDocument {
  type: DocumentType;
  title: string | null;
  blocks: DocumentBlock[];
}

export interface DocumentHints {
  filename?: string;
  contentType?: string;
}

const TYPE_LABELS: Record<DocumentType, string> = {
  pdf: 'PDF',
  docx: 'Word document (.docx)',
  html: 'HTML',
  markdown: 'Markdown',
  text: 'plain text',
};

const SUPPORTED = 'PDF, Word (.docx), HTML, Markdown and plain text (UTF-8)';

/** The file is not a kind of document the knowledge base can read. */
export class UnsupportedDocumentError extends Error {
  readonly code = 'UNSUPPORTED_DOCUMENT';
  override readonly name = 'UnsupportedDocumentError';
  /** What the file was recognised as, e.g. "a PNG image". */
  readonly detected: string;

  /** `advice` is a sentence on what to do instead, e.g. "Save it as .docx or PDF and upload it again." */
  constructor(detected: string, advice?: string) {
    const tail = advice ? ` ${advice}` : '';
    super(`Detected ${detected}, which cannot be added to the knowledge base; supported are ${SUPPORTED}.${tail}`);
    this.detected = detected;
  }
}

/** The file is a supported kind of document but cannot be read, or holds no text. */
export class BrokenDocumentError extends Error {
  readonly code = 'BROKEN_DOCUMENT';
  override readonly name = 'BrokenDocumentError';
  readonly type: DocumentType;
  readonly reason: string;

  constructor(type: DocumentType, reason: string, options?: ErrorOptions) {
    super(`The file could not be read as ${TYPE_LABELS[type]}: ${reason}.`, options);
    this.type = type;
    this.reason = reason;
  }
}

/** How long one extraction may take before it is given up as broken. */
const EXTRACTION_DEADLINE_MS = 60_000;
/** A DOCX that inflates beyond this is refused before mammoth unpacks it (a ZIP bomb, or no policy document). */
const MAX_DOCX_UNPACKED_BYTES = 256 * 1024 * 1024;
/** How far into a binary file the PDF header may start, as readers allow junk before it. */
const PDF_HEADER_WINDOW = 1024;

// ---------------------------------------------------------------------------------------------
// Sniffing
// ---------------------------------------------------------------------------------------------

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

/**
 * Decodes UTF-8 (or UTF-16 with a byte-order mark) text; null when the bytes are not text:
 * invalid in the encoding, or containing NUL characters.
 */
function decodeText(bytes: Uint8Array): string | null {
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
 * from text. Refuses images, zip archives that are not DOCX, other binaries (NUL bytes / invalid
 * UTF-8), empty input.
 */
export function sniffDocumentType(bytes: Uint8Array, hints: DocumentHints = {}): DocumentType {
  if (bytes.length === 0) throw new UnsupportedDocumentError('an empty file');
  if (hasBytesAt(bytes, '%PDF-')) return 'pdf';
  if (isZip(bytes)) return sniffZip(bytes, hints);
  const signature = SIGNATURES.find((s) => s.parts.every(([offset, part]) => hasBytesAt(bytes, part, offset)));
  if (signature) throw new UnsupportedDocumentError(signature.detected, signature.advice);

  const text = decodeText(bytes);
  if (text === null) {
    // Readers accept a PDF header after some junk; only binary files get that benefit of the doubt.
    if (findBytes(bytes, '%PDF-', PDF_HEADER_WINDOW)) return 'pdf';
    throw undecodableError(bytes);
  }
  const markup = sniffMarkup(text);
  if (markup === 'svg') throw new UnsupportedDocumentError('an SVG image');
  if (markup === 'html') return 'html';
  const hinted = typeFromHints(hints);
  return hinted === 'html' || hinted === 'markdown' ? hinted : 'text';
}

// ---------------------------------------------------------------------------------------------
// Blocks under a heading path, shared by every format
// ---------------------------------------------------------------------------------------------

/** Collapses all whitespace to single spaces and drops invisible characters (soft hyphen, zero-width). */
function normalizeWhitespace(text: string): string {
  return text
    .replace(/[\u00ad\u200b-\u200d\u2060\ufeff]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

interface Heading {
  level: number;
  text: string;
}

/** Collects blocks while tracking the current heading path (a deeper heading nests, a shallower one pops). */
class Outline {
  readonly blocks: DocumentBlock[] = [];
  /** Every heading in document order, for choosing a title. */
  readonly headings: Heading[] = [];
  #path: Heading[] = [];

  heading(level: number, raw: string): void {
    const text = normalizeWhitespace(raw);
    if (!text) return;
    while ((this.#path.at(-1)?.level ?? 0) >= level) this.#path.pop();
    this.#path.push({ level, text });
    this.headings.push({ level, text });
  }

  block(raw: string): void {
    const text = normalizeWhitespace(raw);
    if (text) this.blocks.push({ headings: this.#path.map((h) => h.text), text });
  }

  firstHeading(level?: number): string | null {
    return this.headings.find((h) => level === undefined || h.level === level)?.text ?? null;
  }
}

/**
 * Turns table rows into one block each. With a header row, every cell is labelled with its column
 * ("Plan: Basic; Price: $10") so a row still makes sense alone; without one, cells are joined.
 */
function tableRowBlocks(rows: string[][], hasHeader: boolean): string[] {
  const cleaned = rows.map((row) => row.map(normalizeWhitespace));
  if (!hasHeader || cleaned.length < 2) return cleaned.map((row) => row.filter(Boolean).join(' | '));
  const [header = [], ...body] = cleaned;
  return body.map((row) =>
    row
      .map((cell, i) => (cell && header[i] ? `${header[i]}: ${cell}` : cell))
      .filter(Boolean)
      .join('; '),
  );
}

// ---------------------------------------------------------------------------------------------
// HTML (and DOCX, through mammoth's HTML)
// ---------------------------------------------------------------------------------------------

type HtmlNode = DefaultTreeAdapterTypes.Node;
type HtmlElement = DefaultTreeAdapterTypes.Element;

const { isElementNode, isTextNode, getTagName, getAttrList, getChildNodes, getParentNode, getTextNodeContent } =
  defaultTreeAdapter;

/** A set of tag names, written as space-separated groups. */
function tagSet(...groups: string[]): ReadonlySet<string> {
  return new Set(groups.join(' ').split(' '));
}

/** Never content: dropped even when the strict pass found nothing. */
const NEVER_CONTENT = tagSet(
  'head script style noscript template iframe object embed',
  'svg math canvas video audio button select textarea input dialog',
);
/** Page furniture: dropped around the main content. */
const BOILERPLATE = tagSet('nav aside footer form');
const BOILERPLATE_ROLES = new Set(['navigation', 'banner', 'contentinfo', 'complementary', 'search', 'dialog']);
/** Elements whose own `<header>` belongs to the content, not to the page. */
const SECTIONING = tagSet('main article section');
const HEADING_LEVELS: Record<string, number> = { h1: 1, h2: 2, h3: 3, h4: 4, h5: 5, h6: 6 };
/** Elements that start and end a block; everything else is inline and flows into the current block. */
const BLOCK_ELEMENTS = tagSet(
  'html body main article section header hgroup address div p blockquote pre hr',
  'ul ol li dl dt dd details summary figure figcaption fieldset legend table caption tr td th',
);

function attribute(element: HtmlElement, name: string): string | null {
  return getAttrList(element).find((attr) => attr.name === name)?.value ?? null;
}

function isHidden(element: HtmlElement): boolean {
  return attribute(element, 'hidden') !== null || attribute(element, 'aria-hidden') === 'true';
}

function children(node: HtmlNode): HtmlNode[] {
  return 'childNodes' in node ? getChildNodes(node) : [];
}

function hasAncestor(element: HtmlElement, tags: ReadonlySet<string>): boolean {
  for (let parent = getParentNode(element); parent; parent = isElementNode(parent) ? getParentNode(parent) : null) {
    if (isElementNode(parent) && tags.has(getTagName(parent))) return true;
  }
  return false;
}

/** Depth-first search for elements matching a predicate, not descending into matches. */
function findElements(root: HtmlNode, matches: (element: HtmlElement) => boolean): HtmlElement[] {
  const found: HtmlElement[] = [];
  const visit = (node: HtmlNode): void => {
    if (isElementNode(node) && matches(node)) found.push(node);
    else for (const child of children(node)) visit(child);
  };
  visit(root);
  return found;
}

/** The main content: `<main>`, else `[role=main]`, else a lone `<article>`, else the whole body. */
function contentRoot(document: DefaultTreeAdapterTypes.Document): HtmlNode {
  const visible = (test: (element: HtmlElement) => boolean) =>
    findElements(document, (element) => test(element) && !isHidden(element));
  const main = visible((el) => getTagName(el) === 'main')[0] ?? visible((el) => attribute(el, 'role') === 'main')[0];
  if (main) return main;
  const articles = visible((el) => getTagName(el) === 'article');
  if (articles.length === 1) return articles[0]!;
  return findElements(document, (el) => getTagName(el) === 'body')[0] ?? document;
}

/** The concatenated text inside a node, skipping what is never content. */
function textContent(node: HtmlNode): string {
  if (isTextNode(node)) return getTextNodeContent(node);
  if (isElementNode(node)) {
    const tag = getTagName(node);
    if (NEVER_CONTENT.has(tag) || isHidden(node)) return '';
    if (tag === 'br') return ' ';
  }
  const inner = children(node).map(textContent).join('');
  return isElementNode(node) && BLOCK_ELEMENTS.has(getTagName(node)) ? ` ${inner} ` : inner;
}

const LAYOUT_CONTENT = tagSet('table ul ol h1 h2 h3 h4 h5 h6');

/** A table is tabular data unless it nests headings, lists or tables, i.e. lays out a page. */
function isDataTable(table: HtmlElement): boolean {
  if (attribute(table, 'role') === 'presentation') return false;
  return findElements(table, (el) => el !== table && LAYOUT_CONTENT.has(getTagName(el))).length === 0;
}

/** The element children of a node with one of the given tag names. */
function childElements(node: HtmlNode, ...tags: string[]): HtmlElement[] {
  return children(node)
    .filter(isElementNode)
    .filter((element) => tags.includes(getTagName(element)));
}

/** The rows of a table, through thead/tbody/tfoot but not into nested tables. */
function tableRows(table: HtmlElement): HtmlElement[] {
  const sections = [table, ...childElements(table, 'thead', 'tbody', 'tfoot')];
  return sections.flatMap((section) => childElements(section, 'tr'));
}

/** A header row is in `<thead>` or made only of `<th>` cells. */
function isHeaderRow(row: HtmlElement | undefined): boolean {
  if (!row) return false;
  const parent = getParentNode(row);
  const cells = childElements(row, 'td', 'th');
  const inHead = parent !== null && isElementNode(parent) && getTagName(parent) === 'thead';
  return inHead || (cells.length > 0 && cells.every((cell) => getTagName(cell) === 'th'));
}

/** Walks an HTML tree in document order, emitting headings and blocks into an outline. */
class HtmlWalker {
  readonly #outline: Outline;
  readonly #dropBoilerplate: boolean;
  #inline: string[] = [];

  constructor(outline: Outline, dropBoilerplate: boolean) {
    this.#outline = outline;
    this.#dropBoilerplate = dropBoilerplate;
  }

  walk(node: HtmlNode): void {
    if (isTextNode(node)) {
      this.#inline.push(getTextNodeContent(node));
      return;
    }
    if (!isElementNode(node)) {
      for (const child of children(node)) this.walk(child);
      return;
    }
    this.#element(node);
  }

  finish(): void {
    this.#flush();
  }

  #element(element: HtmlElement): void {
    const tag = getTagName(element);
    if (this.#isDropped(element, tag)) return;
    const level = HEADING_LEVELS[tag];
    if (level !== undefined) {
      this.#flush();
      this.#outline.heading(level, textContent(element));
    } else if (tag === 'br') {
      this.#inline.push(' ');
    } else if (tag === 'pre') {
      this.#flush();
      this.#outline.block(textContent(element));
    } else if (tag === 'table' && isDataTable(element)) {
      this.#flush();
      this.#table(element);
    } else {
      const block = BLOCK_ELEMENTS.has(tag);
      if (block) this.#flush();
      for (const child of children(element)) this.walk(child);
      if (block) this.#flush();
    }
  }

  #isDropped(element: HtmlElement, tag: string): boolean {
    if (NEVER_CONTENT.has(tag) || isHidden(element)) return true;
    if (!this.#dropBoilerplate) return false;
    if (BOILERPLATE.has(tag) || BOILERPLATE_ROLES.has(attribute(element, 'role') ?? '')) return true;
    return tag === 'header' && !hasAncestor(element, SECTIONING);
  }

  #table(table: HtmlElement): void {
    for (const caption of childElements(table, 'caption')) this.#outline.block(textContent(caption));
    const rows = tableRows(table);
    const texts = rows.map((row) => childElements(row, 'td', 'th').map(textContent));
    for (const text of tableRowBlocks(texts, isHeaderRow(rows[0]))) this.#outline.block(text);
  }

  #flush(): void {
    this.#outline.block(this.#inline.join(''));
    this.#inline = [];
  }
}

function htmlTitle(document: DefaultTreeAdapterTypes.Document): string | null {
  const title = findElements(document, (el) => getTagName(el) === 'title' && !hasAncestor(el, tagSet('svg')))[0];
  return title ? normalizeWhitespace(textContent(title)) || null : null;
}

/**
 * Reads the main content of an HTML page. If dropping page furniture leaves nothing (a page
 * wrapped whole in a `<form>`, say), it reads the whole body instead.
 */
function htmlOutline(html: string): { outline: Outline; document: DefaultTreeAdapterTypes.Document } {
  const document = parseHtml(html);
  for (const dropBoilerplate of [true, false]) {
    const outline = new Outline();
    const walker = new HtmlWalker(outline, dropBoilerplate);
    walker.walk(dropBoilerplate ? contentRoot(document) : document);
    walker.finish();
    if (outline.blocks.length > 0) return { outline, document };
  }
  return { outline: new Outline(), document };
}

function extractHtml(html: string): ExtractedDocument {
  const { outline, document } = htmlOutline(html);
  return { type: 'html', title: htmlTitle(document) ?? outline.firstHeading(1), blocks: outline.blocks };
}

// ---------------------------------------------------------------------------------------------
// DOCX
// ---------------------------------------------------------------------------------------------

/** Word's own Title style is the document title; mammoth's defaults cover Heading 1–6. */
const DOCX_STYLE_MAP = [
  "p[style-name='Title'] => h1:fresh",
  'p.Title => h1:fresh',
  "p[style-name='Subtitle'] => p:fresh",
];

/** Images are not text: give them an empty source instead of inlining them as data URIs. */
const skipImages = mammoth.images.imgElement(async () => ({ src: '' }));

/** Turns mammoth's (and its XML and ZIP readers') failures into a short reason. */
function describeDocxError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (message.includes('xmldom')) return 'its text part (word/document.xml) is not valid XML';
  if (message.includes('main document part')) return 'it has no main document part (word/document.xml)';
  if (message.includes('zip') || message.includes('central directory')) return 'the file is damaged or truncated';
  return firstLine(message);
}

async function extractDocx(bytes: Uint8Array): Promise<ExtractedDocument> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const result = await mammoth
    .convertToHtml({ buffer }, { styleMap: DOCX_STYLE_MAP, convertImage: skipImages, externalFileAccess: false })
    .catch((error: unknown) => {
      throw new BrokenDocumentError('docx', describeDocxError(error), { cause: error });
    });
  const { outline } = htmlOutline(result.value);
  return { type: 'docx', title: outline.firstHeading(), blocks: outline.blocks };
}

// ---------------------------------------------------------------------------------------------
// Markdown
// ---------------------------------------------------------------------------------------------

/** Plain text of inline Markdown: emphasis and links unwrapped, images and raw HTML dropped. */
function inlineText(node: MarkdownNode): string {
  switch (node.type) {
    case 'text':
    case 'inlineCode':
      return node.value;
    case 'break':
      return ' ';
    case 'html':
    case 'image':
    case 'imageReference':
    case 'footnoteReference':
      return '';
    default:
      return 'children' in node ? (node.children as MarkdownNode[]).map(inlineText).join('') : '';
  }
}

/** The text of raw HTML embedded in Markdown (a `<details>` block, say), parsed as HTML. */
function htmlBlockText(html: string): string {
  return textContent(parseHtmlFragment(html));
}

function markdownTable(table: MarkdownTable, outline: Outline): void {
  const rows = table.children.map((row) => row.children.map(inlineText));
  for (const text of tableRowBlocks(rows, true)) outline.block(text);
}

/** A list item's own paragraphs form one block; nested lists follow as their own blocks. */
function markdownListItem(item: ListItem, outline: Outline): void {
  const nested = item.children.filter((child) => child.type === 'list');
  const own = item.children.filter((child) => child.type !== 'list');
  outline.block(own.map((child) => (child.type === 'code' ? child.value : inlineText(child))).join(' '));
  for (const list of nested) walkMarkdown(list, outline);
}

function walkMarkdown(node: MarkdownNode, outline: Outline): void {
  switch (node.type) {
    case 'heading':
      outline.heading(node.depth, inlineText(node));
      return;
    case 'paragraph':
      outline.block(inlineText(node));
      return;
    case 'code':
      outline.block(node.value);
      return;
    case 'html':
      outline.block(htmlBlockText(node.value));
      return;
    case 'table':
      markdownTable(node, outline);
      return;
    case 'listItem':
      markdownListItem(node, outline);
      return;
    case 'definition':
    case 'thematicBreak':
      return;
    default:
      if ('children' in node) for (const child of node.children as MarkdownNode[]) walkMarkdown(child, outline);
  }
}

function extractMarkdown(markdown: string): ExtractedDocument {
  const tree = fromMarkdown(markdown, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
  const outline = new Outline();
  walkMarkdown(tree, outline);
  return { type: 'markdown', title: outline.firstHeading(1), blocks: outline.blocks };
}

// ---------------------------------------------------------------------------------------------
// Plain text
// ---------------------------------------------------------------------------------------------

const TITLE_MAX_LENGTH = 80;

/** A lone short first line, not ending like a sentence or a lead-in, followed by more text. */
function isTitleLine(paragraph: string, followedByText: boolean): boolean {
  if (!followedByText || paragraph.includes('\n') || paragraph.length > TITLE_MAX_LENGTH) return false;
  return !['.', ',', ';', ':'].includes(paragraph.at(-1) ?? '');
}

function extractText(text: string): ExtractedDocument {
  const paragraphs = text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t\f\v]*\n/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean);
  const outline = new Outline();
  const [first = '', ...rest] = paragraphs;
  const title = isTitleLine(first, rest.length > 0) ? normalizeWhitespace(first) : null;
  if (title) outline.heading(1, title);
  for (const paragraph of title ? rest : paragraphs) outline.block(paragraph);
  return { type: 'text', title, blocks: outline.blocks };
}

// ---------------------------------------------------------------------------------------------
// PDF
// ---------------------------------------------------------------------------------------------

/** The parts of a PDF.js text item used here. */
interface PdfTextItem {
  str: string;
  transform: number[];
  hasEOL: boolean;
}

interface PdfLine {
  text: string;
  /** Font size in points. */
  size: number;
  /** Baseline, from the bottom of the page. */
  y: number;
}

/** A line is larger than body text by this factor to count as a heading. */
const PDF_HEADING_SCALE = 1.15;
const PDF_HEADING_MAX_LENGTH = 120;
/** A baseline gap above this many font sizes starts a new paragraph (single spacing is about 1.2). */
const PDF_PARAGRAPH_GAP = 1.5;

/** Groups a page's text items into lines, by end-of-line marks and by baseline. */
function pdfLines(items: PdfTextItem[]): PdfLine[] {
  const lines: PdfLine[] = [];
  let current: { parts: string[]; size: number; y: number } | null = null;
  const endLine = () => {
    const text = current ? normalizeWhitespace(current.parts.join('')) : '';
    if (current && text) lines.push({ text, size: current.size, y: current.y });
    current = null;
  };
  for (const item of items) {
    const [, , c = 0, d = 0, , y = 0] = item.transform;
    const size = Math.round(Math.hypot(c, d) * 2) / 2;
    if (item.str.trim()) {
      if (current && Math.abs(y - current.y) > current.size / 2) endLine();
      current ??= { parts: [], size, y };
      current.parts.push(item.str);
      current.size = Math.max(current.size, size);
    } else if (current) {
      current.parts.push(item.str);
    }
    if (item.hasEOL) endLine();
  }
  endLine();
  return lines;
}

/** The font size most of the text is set in. */
function bodySize(lines: PdfLine[]): number {
  const characters = new Map<number, number>();
  for (const line of lines) characters.set(line.size, (characters.get(line.size) ?? 0) + line.text.length);
  return [...characters].sort(([, a], [, b]) => b - a)[0]?.[0] ?? 0;
}

/** Joins a wrapped line to its paragraph, undoing end-of-line hyphenation ("infor-" + "mation"). */
function joinLine(paragraph: string, line: string): string {
  if (!paragraph) return line;
  const first = line[0] ?? '';
  if (paragraph.endsWith('-') && first !== first.toUpperCase()) return paragraph.slice(0, -1) + line;
  return `${paragraph} ${line}`;
}

/** Lines clearly larger than body text are headings; the largest heading size is level 1. */
function headingLevels(lines: PdfLine[]): (line: PdfLine) => number | null {
  const body = bodySize(lines);
  const isHeading = (line: PdfLine) =>
    line.size >= body * PDF_HEADING_SCALE && line.text.length <= PDF_HEADING_MAX_LENGTH;
  const sizes = [...new Set(lines.filter(isHeading).map((line) => line.size))].sort((a, b) => b - a);
  return (line) => (isHeading(line) ? Math.min(sizes.indexOf(line.size) + 1, 6) : null);
}

/** Whether a line carries on from the one above it: same size, just below it. */
function continuesLine(previous: PdfLine | null, line: PdfLine): boolean {
  if (!previous || previous.size !== line.size) return false;
  const gap = previous.y - line.y;
  return gap > 0 && gap <= line.size * PDF_PARAGRAPH_GAP;
}

/**
 * Lays out each page's lines as headings and paragraphs: a heading wrapped over lines is joined,
 * and a wide vertical gap or a change of font size ends a paragraph.
 */
function pdfOutline(pages: PdfLine[][]): Outline {
  const levelOf = headingLevels(pages.flat());
  const outline = new Outline();
  for (const lines of pages) {
    let pending: { level: number | null; text: string } | null = null;
    let previous: PdfLine | null = null;
    const flush = (next: { level: number | null; text: string } | null) => {
      if (pending?.level) outline.heading(pending.level, pending.text);
      else if (pending) outline.block(pending.text);
      return next;
    };
    for (const line of lines) {
      const level = levelOf(line);
      if (pending && pending.level === level && continuesLine(previous, line)) {
        pending.text = level ? `${pending.text} ${line.text}` : joinLine(pending.text, line.text);
      } else {
        pending = flush({ level, text: line.text });
      }
      previous = line;
    }
    flush(null);
  }
  return outline;
}

function pdfMetadataTitle(meta: { info: object; metadata: { get(name: string): unknown } | null }): string | null {
  const info = meta.info as { Title?: unknown };
  const candidates = [info.Title, meta.metadata?.get('dc:title')];
  const title = candidates.find((value): value is string => typeof value === 'string' && value.trim() !== '');
  return title ? normalizeWhitespace(title) : null;
}

function describePdfError(error: unknown): string {
  const name = error instanceof Error ? error.name : '';
  if (name === 'PasswordException') return 'it is password-protected';
  if (name === 'InvalidPDFException') return 'the file is damaged or truncated';
  return firstLine(error instanceof Error ? error.message : String(error));
}

async function extractPdf(bytes: Uint8Array, signal: AbortSignal): Promise<ExtractedDocument> {
  const { getDocument } = await getResolvedPDFJS();
  // PDF.js may take ownership of the buffer it is given, so it gets a copy.
  const task = getDocument({
    data: bytes.slice(),
    verbosity: 0,
    disableFontFace: true,
    useSystemFonts: false,
  });
  const stop = () => void task.destroy();
  signal.addEventListener('abort', stop, { once: true });
  try {
    const pdf = await task.promise.catch((error: unknown) => {
      throw new BrokenDocumentError('pdf', describePdfError(error), { cause: error });
    });
    const pages: PdfLine[][] = [];
    for (let number = 1; number <= pdf.numPages && !signal.aborted; number++) {
      const content = await (await pdf.getPage(number)).getTextContent();
      pages.push(pdfLines(content.items.flatMap((item) => ('str' in item ? [item] : []))));
    }
    const outline = pdfOutline(pages);
    const title = pdfMetadataTitle(await pdf.getMetadata()) ?? outline.firstHeading(1);
    return { type: 'pdf', title, blocks: outline.blocks };
  } finally {
    signal.removeEventListener('abort', stop);
    await task.destroy();
  }
}

// ---------------------------------------------------------------------------------------------
// Extraction
// ---------------------------------------------------------------------------------------------

/** Decodes a text-based document, or fails as broken when it was declared text but is not. */
function textOf(bytes: Uint8Array, type: DocumentType): string {
  const text = decodeText(bytes);
  if (text === null) throw new BrokenDocumentError(type, 'it is not UTF-8 text');
  return text;
}

const EXTRACTORS: Record<DocumentType, (bytes: Uint8Array, signal: AbortSignal) => Promise<ExtractedDocument>> = {
  pdf: extractPdf,
  docx: extractDocx,
  html: async (bytes) => extractHtml(textOf(bytes, 'html')),
  markdown: async (bytes) => extractMarkdown(textOf(bytes, 'markdown')),
  text: async (bytes) => extractText(textOf(bytes, 'text')),
};

/** Runs an extraction, failing it as broken (and aborting it) once the deadline passes. */
async function withDeadline<T>(type: DocumentType, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new BrokenDocumentError(type, `reading it took longer than ${EXTRACTION_DEADLINE_MS / 1000} seconds`));
    }, EXTRACTION_DEADLINE_MS);
  });
  const work = run(controller.signal);
  work.catch(() => undefined); // a late failure after the deadline is already reported
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** The first line of an error message, without a closing full stop (it goes inside a sentence). */
function firstLine(message: string): string {
  const line = message.split('\n')[0]?.trim() ?? '';
  return (line.endsWith('.') ? line.slice(0, -1) : line) || 'unknown error';
}

function asTypedError(error: unknown, type: DocumentType): Error {
  if (error instanceof UnsupportedDocumentError || error instanceof BrokenDocumentError) return error;
  const reason = firstLine(error instanceof Error ? error.message : String(error));
  return new BrokenDocumentError(type, reason, { cause: error });
}

function noTextReason(type: DocumentType): string {
  return type === 'pdf' ? 'it contains no text (a scanned PDF needs text recognition first)' : 'it contains no text';
}

/**
 * Extracts the title and text blocks of a document. The type is sniffed from the bytes unless
 * `hints.type` says it; a file of the wrong kind throws {@link UnsupportedDocumentError}, a damaged
 * or empty one {@link BrokenDocumentError}.
 */
export async function extractDocument(
  bytes: Uint8Array,
  hints: DocumentHints & { type?: DocumentType } = {},
): Promise<ExtractedDocument> {
  if (bytes.length === 0) throw new UnsupportedDocumentError('an empty file');
  const type = hints.type ?? sniffDocumentType(bytes, hints);
  if (!DOCUMENT_TYPES.includes(type)) throw new UnsupportedDocumentError(`a file declared as type "${String(type)}"`);
  let document: ExtractedDocument;
  try {
    document = await withDeadline(type, (signal) => EXTRACTORS[type](bytes, signal));
  } catch (error) {
    throw asTypedError(error, type);
  }
  if (document.blocks.length === 0) throw new BrokenDocumentError(type, noTextReason(type));
  return document;
}

/** What a crawler needs of an HTML page besides its text. */
export interface HtmlPageLinks {
  /** `href`s of the page's links, as written (resolve them against `base`). */
  hrefs: string[];
  /** `<base href>`, when the page sets one. */
  base: string | null;
  /** `<meta name="robots">` says not to index the page / not to follow its links. */
  noindex: boolean;
  nofollow: boolean;
}

/** Reads an HTML page's links, `<base>` and robots meta tag (links marked `rel=nofollow` are left out). */
export function htmlLinks(html: string): HtmlPageLinks {
  const document = parseHtml(html);
  const robots = findElements(
    document,
    (el) => getTagName(el) === 'meta' && attribute(el, 'name')?.toLowerCase() === 'robots',
  )
    .map((el) => attribute(el, 'content')?.toLowerCase() ?? '')
    .join(',');
  const hrefs = findElements(document, (el) => getTagName(el) === 'a' && attribute(el, 'href') !== null)
    .filter((el) => !/\bnofollow\b/i.test(attribute(el, 'rel') ?? ''))
    .map((el) => attribute(el, 'href')!.trim());
  const base = findElements(document, (el) => getTagName(el) === 'base')[0];
  return {
    hrefs,
    base: base ? attribute(base, 'href') : null,
    noindex: /\b(noindex|none)\b/.test(robots),
    nofollow: /\b(nofollow|none)\b/.test(robots),
  };
}
