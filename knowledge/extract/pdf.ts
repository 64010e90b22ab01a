/** PDF through PDF.js (via unpdf): lines grouped into headings (by font size) and paragraphs. */
import { getResolvedPDFJS } from 'unpdf';
import { BrokenDocumentError, firstLine } from './errors.ts';
import { normalizeWhitespace, Outline } from './outline.ts';
import type { ExtractedDocument } from './types.ts';

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

export async function extractPdf(bytes: Uint8Array, signal: AbortSignal): Promise<ExtractedDocument> {
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
