/**
 * The hybrid balance chosen on the call set's tuning half: recall@5 and MRR@10 at every alpha from 0
 * to 1, with and without reranking. The held-back half is never swept.
 */
import type { Document, Question } from './labelled-corpus.ts';
import { measureQuality, pct, tableOf } from './quality.ts';
import type { Mode } from './search-modes.ts';
import type { RagBench } from './tenants.ts';

const ALPHAS = Array.from({ length: 11 }, (_, i) => i / 10);

export async function sweepAlpha(bench: RagBench, tenant: string, documents: Document[], tuning: Question[]) {
  const modes: Mode[] = ALPHAS.flatMap((alpha) => [
    { name: `${alpha}`, alpha },
    { name: `${alpha}+rerank`, alpha, rerank: true },
  ]);
  const table = tableOf(await measureQuality(bench, tenant, documents, tuning, modes), 'calls, tuning');
  return ALPHAS.map((alpha, i) => ({ alpha, plain: table.modes[2 * i]!, reranked: table.modes[2 * i + 1]! }));
}

export function printAlphaSweep(rows: Awaited<ReturnType<typeof sweepAlpha>>) {
  console.log('\nHybrid balance on the call set’s tuning half, recall@5 / MRR@10');
  console.log(['alpha'.padEnd(6), 'plain'.padEnd(14), 'reranked'].join(' '));
  for (const row of rows) {
    console.log(
      [
        String(row.alpha).padEnd(6),
        `${pct(row.plain.recallAt5)} / ${row.plain.mrrAt10.toFixed(2)}`.padEnd(14),
        `${pct(row.reranked.recallAt5)} / ${row.reranked.mrrAt10.toFixed(2)}`,
      ].join(' '),
    );
  }
}
