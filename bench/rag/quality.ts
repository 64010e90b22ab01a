import type { KnowledgeHit } from '../../knowledge/store.ts';
import { type Document, inSection, type Question } from './labelled-corpus.ts';
import { MODES, type Mode, modeOptions } from './search-modes.ts';
import type { RagBench } from './tenants.ts';

/** A question's outcome in one mode: the rank (1-based) of the first relevant hit, if any. */
interface Outcome {
  rankIn5: number | null;
  rankIn10: number | null;
  top: string | null;
}

export interface Score {
  n: number;
  recallAt5: number;
  mrrAt10: number;
}

export interface ModeScores extends Score {
  mode: string;
  byStyle: Record<string, Score>;
}

/** One table's worth: a set (or a split of it), every mode, overall and per style. */
export interface QualityTable {
  label: string;
  questions: number;
  styles: Record<string, number>;
  modes: ModeScores[];
}

/** Whether a hit is from the question's labelled document and section. */
export const relevantTo = (fileOf: Map<string, string>, q: Pick<Question, 'doc' | 'section'>) => (hit: KnowledgeHit) =>
  fileOf.get(hit.entryId) === q.doc && inSection(hit.heading, q.section);

/**
 * Asks every question in every mode: the rank of its first relevant hit in a search with limit 5 and
 * one with limit 10 (recall@5 and MRR@10 come from these).
 */
export async function measureQuality(
  bench: RagBench,
  tenant: string,
  documents: Document[],
  questions: Question[],
  modes: Mode[] = MODES,
) {
  const fileOf = new Map(documents.map((d) => [d.entryId, d.file]));
  const outcomes = new Map<string, Outcome[]>();
  for (const mode of modes) {
    const list: Outcome[] = [];
    for (const q of questions) {
      const search = (limit: number) =>
        bench.store.search({ businessId: tenant, query: q.question, limit, ...modeOptions(mode) });
      const relevant = relevantTo(fileOf, q);
      const rank = (hits: KnowledgeHit[]) => {
        const index = hits.findIndex(relevant);
        return index < 0 ? null : index + 1;
      };
      const top10 = await search(10);
      const top5 = await search(5);
      const first = top5[0];
      list.push({
        rankIn5: rank(top5),
        rankIn10: rank(top10),
        top: first ? `${fileOf.get(first.entryId)} § ${first.heading}` : null,
      });
    }
    outcomes.set(mode.name, list);
  }
  return { questions, modes, outcomes };
}

export type QualityRun = Awaited<ReturnType<typeof measureQuality>>;

/** Recall@5 and MRR@10 of the questions `keep` selects, overall and per style, for every mode. */
export function tableOf(run: QualityRun, label: string, keep: (q: Question) => boolean = () => true): QualityTable {
  const indices = run.questions.flatMap((q, i) => (keep(q) ? [i] : []));
  const styles = [...new Set(indices.map((i) => run.questions[i]!.style))].sort();
  const score = (subset: number[], list: Outcome[]): Score => ({
    n: subset.length,
    recallAt5: subset.filter((i) => list[i]!.rankIn5 !== null).length / subset.length,
    mrrAt10: subset.reduce((sum, i) => sum + 1 / (list[i]!.rankIn10 ?? Number.POSITIVE_INFINITY), 0) / subset.length,
  });
  return {
    label,
    questions: indices.length,
    styles: Object.fromEntries(styles.map((s) => [s, indices.filter((i) => run.questions[i]!.style === s).length])),
    modes: run.modes.map((mode) => {
      const list = run.outcomes.get(mode.name)!;
      return {
        mode: mode.name,
        ...score(indices, list),
        byStyle: Object.fromEntries(
          styles.map((style) => [
            style,
            score(
              indices.filter((i) => run.questions[i]!.style === style),
              list,
            ),
          ]),
        ),
      };
    }),
  };
}

/** The questions no mode found in its top 5, with what the default mode found instead. */
export function missedByEveryMode(run: QualityRun) {
  return run.questions.flatMap((q, i) =>
    run.modes.every((m) => run.outcomes.get(m.name)![i]!.rankIn5 === null)
      ? [{ ...q, topDefault: run.outcomes.get('default')![i]!.top }]
      : [],
  );
}

export function printTable(table: QualityTable) {
  const styles = Object.keys(table.styles);
  const counts = styles.map((s) => `${s} ${table.styles[s]}`).join(', ');
  console.log(`\n${table.label} (${table.questions} questions: ${counts}); recall@5 / MRR@10`);
  console.log(['mode'.padEnd(19), 'all'.padEnd(13), ...styles.map((s) => s.padEnd(13))].join(' '));
  for (const row of table.modes) {
    console.log(
      [row.mode.padEnd(19), cell(row).padEnd(13), ...styles.map((s) => cell(row.byStyle[s]!).padEnd(13))].join(' '),
    );
  }
}

/** The sets side by side, one line per mode: what `npm run bench:rag` is read for first. */
export function printSideBySide(tables: QualityTable[]) {
  console.log('\nSide by side, recall@5 / MRR@10');
  console.log(['mode'.padEnd(19), ...tables.map((t) => `${t.label} (${t.questions})`.padEnd(24))].join(' '));
  for (const [i, mode] of tables[0]!.modes.entries()) {
    console.log([mode.mode.padEnd(19), ...tables.map((t) => cell(t.modes[i]!).padEnd(24))].join(' '));
  }
}

const cell = (s: Score) => `${pct(s.recallAt5)} / ${s.mrrAt10.toFixed(2)}`;

export function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}
