import type { SearchOptions } from '../../knowledge/store.ts';

export interface Mode {
  name: string;
  /** Undefined: the embedder's default balance. */
  alpha?: number;
  rerank?: boolean;
  /** Searches the question as written, without ../../knowledge/spoken-query.ts. */
  rawQuery?: boolean;
}

export const MODES: Mode[] = [
  { name: 'bm25', alpha: 0 },
  { name: 'vector', alpha: 1 },
  { name: 'hybrid', alpha: 0.5 },
  { name: 'hybrid+rerank', alpha: 0.5, rerank: true },
  { name: 'bm25+rerank', alpha: 0, rerank: true },
  { name: 'vector+rerank', alpha: 1, rerank: true },
  /** What the voice agent runs: the embedder's alpha, reranked, the question normalised for speech. */
  { name: 'default', rerank: true },
  { name: 'default, raw query', rerank: true, rawQuery: true },
  { name: 'default, no rerank' },
];

export const DEFAULT_MODE = 'default';

/** Only what a mode sets is passed, so the plain modes send exactly what other callers send. */
export function modeOptions(mode: Mode): Pick<SearchOptions, 'alpha' | 'rerank' | 'normaliseSpeech'> {
  return {
    ...(mode.alpha !== undefined && { alpha: mode.alpha }),
    ...(mode.rerank && { rerank: true }),
    ...(mode.rawQuery && { normaliseSpeech: false }),
  };
}
