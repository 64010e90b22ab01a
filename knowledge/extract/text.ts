/** Plain text: paragraphs split on blank lines, and a short first line taken as the title. */
import { normalizeWhitespace, Outline } from './outline.ts';
import type { ExtractedDocument } from './types.ts';

const TITLE_MAX_LENGTH = 80;

/** A lone short first line, not ending like a sentence or a lead-in, followed by more text. */
function isTitleLine(paragraph: string, followedByText: boolean): boolean {
  if (!followedByText || paragraph.includes('\n') || paragraph.length > TITLE_MAX_LENGTH) return false;
  return !['.', ',', ';', ':'].includes(paragraph.at(-1) ?? '');
}

export function extractText(text: string): ExtractedDocument {
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
