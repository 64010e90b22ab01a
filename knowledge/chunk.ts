/**
 * Chunking by structure: a chunk holds the blocks of one section (one heading path), fills up to a
 * token budget, and a section longer than that is cut between paragraphs (or sentences), each cut
 * repeating the tail of the previous chunk (overlap) so an answer that straddles it is found whole. Token counts are estimates (words and
 * punctuation), close enough to budget for embedding models and the voice agent's context.
 */
import { createHash } from 'node:crypto';

export interface Block {
  headings: string[];
  text: string;
}

export interface Chunk {
  index: number;
  /** The heading path above the chunk's text ("Billing > Refunds"). */
  heading: string;
  text: string;
  tokens: number;
}

export interface ChunkOptions {
  maxTokens?: number;
  overlapTokens?: number;
}

/** About one token per word, plus one per punctuation mark. */
export function countTokens(text: string): number {
  return (text.match(/[\p{L}\p{N}]+|[^\s\p{L}\p{N}]/gu) ?? []).length;
}

/** Splits a block longer than the budget at sentence boundaries (or words, for a run-on sentence). */
function pieces(text: string, maxTokens: number): string[] {
  if (countTokens(text) <= maxTokens) return [text];
  const sentences = text.match(/[^.!?]+[.!?]+["')\]]*\s*|[^.!?]+$/g) ?? [text];
  const out: string[] = [];
  let current = '';
  for (const sentence of sentences.flatMap((s) => (countTokens(s) > maxTokens ? words(s, maxTokens) : [s]))) {
    if (current && countTokens(current + sentence) > maxTokens) {
      out.push(current.trim());
      current = '';
    }
    current += sentence;
  }
  if (current.trim()) out.push(current.trim());
  return out;
}

function words(text: string, maxTokens: number): string[] {
  const all = text.split(/\s+/);
  const out: string[] = [];
  const size = Math.max(1, Math.floor(maxTokens * 0.7));
  for (let i = 0; i < all.length; i += size) out.push(`${all.slice(i, i + size).join(' ')} `);
  return out;
}

export function chunkBlocks(blocks: readonly Block[], options: ChunkOptions = {}): Chunk[] {
  const maxTokens = options.maxTokens ?? 300;
  const overlapTokens = Math.min(options.overlapTokens ?? 50, Math.floor(maxTokens / 3));
  const chunks: Chunk[] = [];
  let parts: string[] = [];
  let heading: string | undefined;
  /** Closes the current chunk; `carry` keeps its tail (whole paragraphs, within the overlap) for the next. */
  const flush = (carry: boolean) => {
    const body = parts.join('\n').trim();
    if (body) {
      const text = heading ? `${heading}\n${body}` : body;
      chunks.push({ index: chunks.length, heading: heading ?? '', text, tokens: countTokens(text) });
    }
    const carried: string[] = [];
    for (let i = parts.length - 1; carry && i >= 0; i--) {
      if (countTokens([parts[i], ...carried].join('\n')) > overlapTokens) break;
      carried.unshift(parts[i] as string);
    }
    parts = carried.length === parts.length ? [] : carried;
  };
  for (const block of blocks) {
    const text = block.text.replace(/\s+/g, ' ').trim();
    if (!text) continue;
    const path = block.headings.join(' > ');
    if (path !== heading) {
      // A new section: nothing carried across headings.
      flush(false);
      heading = path;
    }
    for (const piece of pieces(text, maxTokens - countTokens(path) - overlapTokens)) {
      if (parts.length && countTokens([path, ...parts, piece].join('\n')) > maxTokens) flush(true);
      parts.push(piece);
    }
  }
  flush(false);
  return chunks;
}

export const contentHash = (text: string): string => createHash('sha256').update(text).digest('hex');
