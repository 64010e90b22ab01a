import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Percentiles } from '../stats.ts';

export const RESULT_FILE = join(import.meta.dirname, '..', 'results', 'rag.json');

export interface LatencyRow {
  chunks: number;
  tenant: string;
  reused: boolean;
  insertMs: number | null;
  chunksPerSecond: number | null;
  modes: ({ mode: string } & Percentiles)[];
}

/** How long filling a reused tenant took, as the run that filled it recorded (carried from result to result). */
export function earlierInsert(tenant: string): Pick<LatencyRow, 'insertMs' | 'chunksPerSecond'> {
  const previous: { latency?: LatencyRow[] } = existsSync(RESULT_FILE)
    ? JSON.parse(readFileSync(RESULT_FILE, 'utf8'))
    : {};
  const row = previous.latency?.find((r) => r.tenant === tenant);
  return { insertMs: row?.insertMs ?? null, chunksPerSecond: row?.chunksPerSecond ?? null };
}
