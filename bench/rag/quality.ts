import type { KnowledgeHit } from '../../knowledge/store.ts';
import { type Document, inSection, type Question } from './labelled-corpus.ts';
import { MODES, rerankOption } from './search-modes.ts';
import type { RagBench } from './tenants.ts';

/** A question's outcome in one mode: the rank (1-based) of the first relevant hit, if any. */
interface Outcome {
  rankIn5: number | null;
  rankIn10: number | null;
  top: string | null;
}

/**
 * Asks every question in every mode: the rank of its first relevant hit in a search with limit 5 and
 * one with limit 10; recall@5 and MRR@10 overall and per question style.
 */
export async function measureQuality(bench: RagBench, tenant: string, documents: Document[], questions: Question[]) {
  const fileOf = new Map(documents.map((d) => [d.entryId, d.file]));
  const rankOf = (hits: KnowledgeHit[], q: Question) => {
    const index = hits.findIndex((h) => fileOf.get(h.entryId) === q.doc && inSection(h.heading, q.section));
    return index < 0 ? null : index + 1;
  };
  const outcomes = new Map<string, Outcome[]>();
  for (const mode of MODES) {
    const list: Outcome[] = [];
    for (const q of questions) {
      const search = (limit: number) =>
        bench.store.search({ businessId: tenant, query: q.question, alpha: mode.alpha, limit, ...rerankOption(mode) });
      const top10 = await search(10);
      const top5 = await search(5);
      const first = top5[0];
      list.push({
        rankIn5: rankOf(top5, q),
        rankIn10: rankOf(top10, q),
        top: first ? `${fileOf.get(first.entryId)} § ${first.heading}` : null,
      });
    }
    outcomes.set(mode.name, list);
  }
  const score = (indices: number[], list: Outcome[]) => ({
    n: indices.length,
    recallAt5: indices.filter((i) => list[i]!.rankIn5 !== null).length / indices.length,
    mrrAt10: indices.reduce((sum, i) => sum + 1 / (list[i]!.rankIn10 ?? Number.POSITIVE_INFINITY), 0) / indices.length,
  });
  const all = questions.map((_, i) => i);
  const styles = [...new Set(questions.map((q) => q.style))].sort();
  const summary = MODES.map((mode) => {
    const list = outcomes.get(mode.name)!;
    return {
      mode: mode.name,
      alpha: mode.alpha,
      rerank: mode.rerank ?? false,
      ...score(all, list),
      byStyle: Object.fromEntries(
        styles.map((style) => [
          style,
          score(
            all.filter((i) => questions[i]!.style === style),
            list,
          ),
        ]),
      ),
    };
  });
  const perQuestion = questions.map((q, i) => ({
    ...q,
    ranks: Object.fromEntries(MODES.map((m) => [m.name, outcomes.get(m.name)![i]!.rankIn10])),
    topHybridRerank: outcomes.get('hybrid+rerank')![i]!.top,
  }));
  const missedByAll = perQuestion.filter((_, i) => MODES.every((m) => outcomes.get(m.name)![i]!.rankIn5 === null));
  return { summary, perQuestion, missedByAll };
}

export function printQuality(quality: Awaited<ReturnType<typeof measureQuality>>, questions: Question[]) {
  const styles = Object.keys(quality.summary[0]!.byStyle);
  const counts = styles.map((s) => `${s} ${questions.filter((q) => q.style === s).length}`).join(', ');
  console.log(`Retrieval quality (${questions.length} questions: ${counts}); recall@5 / MRR@10`);
  console.log(['mode'.padEnd(14), 'all'.padEnd(13), ...styles.map((s) => s.padEnd(13))].join(' '));
  for (const row of quality.summary) {
    const cell = (s: { recallAt5: number; mrrAt10: number }) => `${pct(s.recallAt5)} / ${s.mrrAt10.toFixed(2)}`;
    console.log(
      [row.mode.padEnd(14), cell(row).padEnd(13), ...styles.map((s) => cell(row.byStyle[s]!).padEnd(13))].join(' '),
    );
  }
  console.log(`\nMissed by every mode (no relevant hit in the top 5): ${quality.missedByAll.length}`);
  for (const q of quality.missedByAll) {
    console.log(`  ${q.id} [${q.style}] "${q.question}" → ${q.doc} § ${q.section}`);
    console.log(`      hybrid+rerank top hit: ${q.topHybridRerank}`);
  }
}

function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}
