import type { SearchOptions } from '../../knowledge/store.ts';

export interface Mode {
  name: string;
  alpha: number;
  rerank?: boolean;
}

export const MODES: Mode[] = [
  { name: 'bm25', alpha: 0 },
  { name: 'vector', alpha: 1 },
  { name: 'hybrid', alpha: 0.5 },
  { name: 'hybrid+rerank', alpha: 0.5, rerank: true },
  { name: 'bm25+rerank', alpha: 0, rerank: true },
  /** What the voice agent runs with the local embedder (its default alpha). */
  { name: 'hybrid 0.25+rerank', alpha: 0.25, rerank: true },
];

/** `rerank` is only passed when asked for, so the plain modes send exactly what other callers send. */
export function rerankOption(mode: Mode): Pick<SearchOptions, 'rerank'> {
  return mode.rerank ? { rerank: true } : {};
}
