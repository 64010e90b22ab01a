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

import { extractDocx } from './docx.ts';
import { BrokenDocumentError, firstLine, UnsupportedDocumentError } from './errors.ts';
import { extractHtml } from './html.ts';
import { extractMarkdown } from './markdown.ts';
import { extractPdf } from './pdf.ts';
import { decodeText, isBinary, sniffDocumentType } from './sniff.ts';
import { extractText } from './text.ts';
import { DOCUMENT_TYPES, type DocumentHints, type DocumentType, type ExtractedDocument } from './types.ts';

export { BrokenDocumentError, UnsupportedDocumentError } from './errors.ts';
export { type HtmlPageLinks, htmlLinks } from './html.ts';
export { type ExtractionLimits, extractInWorker } from './isolated.ts';
export { sniffDocumentType } from './sniff.ts';
export * from './types.ts';

/** How long one extraction may take before it is given up as broken. */
const EXTRACTION_DEADLINE_MS = 60_000;

/** Decodes a text-based document, or fails as broken when it was declared text but is not. */
function textOf(bytes: Uint8Array, type: DocumentType): string {
  const text = decodeText(bytes);
  if (text === null) throw new BrokenDocumentError(type, 'it is not UTF-8 text');
  if (isBinary(text)) throw new BrokenDocumentError(type, 'it holds control characters, so it is binary data');
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
