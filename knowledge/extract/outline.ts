/** Blocks under a heading path, shared by every format. */
import type { DocumentBlock } from './types.ts';

/** Collapses all whitespace to single spaces and drops invisible characters (soft hyphen, zero-width). */
export function normalizeWhitespace(text: string): string {
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
export class Outline {
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
export function tableRowBlocks(rows: string[][], hasHeader: boolean): string[] {
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
