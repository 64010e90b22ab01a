import type { Embedder } from '../../knowledge/embed.ts';
import { normaliseSpokenQuery } from '../../knowledge/spoken-query.ts';
import { type Percentiles, percentiles } from '../stats.ts';
import type { Question } from './labelled-corpus.ts';
import type { LatencyRow } from './results.ts';
import { MODES, modeOptions } from './search-modes.ts';
import type { RagBench } from './tenants.ts';

export const LATENCY_SIZES = [10_000, 100_000];
const LATENCY_QUERIES = 400;
const WARMUP_QUERIES = 50;
/** The modes worth timing: each kind of search once, and what the voice agent runs. */
const LATENCY_MODES = ['bm25', 'vector', 'hybrid', 'hybrid+rerank', 'default'];

/** Sequential searches (limit 5) per mode, the labelled questions in turn, after a warm-up. */
export async function measureLatency(bench: RagBench, tenant: string, questions: Question[]) {
  const results = [];
  for (const mode of MODES.filter((m) => LATENCY_MODES.includes(m.name))) {
    const samples: number[] = [];
    for (let i = 0; i < WARMUP_QUERIES + LATENCY_QUERIES; i++) {
      const query = questions[i % questions.length]!.question;
      const started = performance.now();
      const hits = await bench.store.search({
        businessId: tenant,
        query,
        limit: 5,
        ...modeOptions(mode),
      });
      if (i >= WARMUP_QUERIES) samples.push(performance.now() - started);
      if (!hits.length) throw new Error(`${mode.name} found nothing for "${query}" in tenant ${tenant}`);
    }
    results.push({ mode: mode.name, ...percentiles(samples) });
  }
  return results;
}

/**
 * One question embedded at a time, as a call's lookup does, the questions in turn after a warm-up:
 * the share of a search's latency the local model adds (run the bench under `taskset -c 0` for one core).
 */
export async function measureQueryEmbedding(embedder: Embedder, questions: Question[]): Promise<Percentiles> {
  const samples: number[] = [];
  for (let i = 0; i < WARMUP_QUERIES + LATENCY_QUERIES; i++) {
    const query = normaliseSpokenQuery(questions[i % questions.length]!.question);
    const started = performance.now();
    await embedder.embed([query]);
    if (i >= WARMUP_QUERIES) samples.push(performance.now() - started);
  }
  return percentiles(samples);
}

export function printLatency(rows: LatencyRow[]) {
  console.log(`\nSearch latency, ms (limit 5, sequential, ${LATENCY_QUERIES} queries after ${WARMUP_QUERIES} warm-up)`);
  console.log(
    ['chunks'.padEnd(8), 'mode'.padEnd(14), 'p50'.padStart(7), 'p99'.padStart(7), 'mean'.padStart(7)].join(' '),
  );
  for (const row of rows) {
    for (const m of row.modes) {
      console.log(
        [
          String(row.chunks).padEnd(8),
          m.mode.padEnd(14),
          m.p50.toFixed(2).padStart(7),
          m.p99.toFixed(2).padStart(7),
          m.mean.toFixed(2).padStart(7),
        ].join(' '),
      );
    }
  }
  for (const row of rows) {
    const took =
      row.insertMs === null
        ? 'insert time unknown'
        : `inserted in ${(row.insertMs / 1000).toFixed(1)} s, ${row.chunksPerSecond} chunks/s`;
    console.log(`${row.chunks} chunks: ${row.reused ? `tenant reused (${took} by an earlier run)` : took}`);
  }
}
