/**
 * What the voice agent would do with each question: `lookup_knowledge`'s own search (limit 3,
 * reranked, the embedder's alpha), its verdict (answer, clarify, decline: ../../bridge/knowledge.ts)
 * and, when it answers, whether the chunks it cites hold the labelled section.
 */
import { type LookupVerdict, spokenAnswer, verdictFor } from '../../bridge/knowledge.ts';
import type { KnowledgeHit } from '../../knowledge/store.ts';
import type { Document, Question } from './labelled-corpus.ts';
import { pct, relevantTo } from './quality.ts';
import type { RagBench } from './tenants.ts';

const AGENT_HITS = 3;

export interface Unanswerable {
  id: string;
  question: string;
  split: 'tuning' | 'held-back';
}

interface Asked {
  hits: KnowledgeHit[];
  /** Undefined for a question the corpus does not answer. */
  labelled?: Question;
  split: 'tuning' | 'held-back';
}

export type AgentOutcome = 'right section' | 'wrong section' | 'clarified' | 'declined';

export async function askAsTheAgent(
  bench: RagBench,
  tenant: string,
  labelled: Question[],
  unanswerable: Unanswerable[],
): Promise<Asked[]> {
  const asked: Asked[] = [];
  const search = (query: string) => bench.store.search({ businessId: tenant, query, limit: AGENT_HITS, rerank: true });
  for (const q of labelled) asked.push({ hits: await search(q.question), labelled: q, split: q.split ?? 'tuning' });
  for (const q of unanswerable) asked.push({ hits: await search(q.question), split: q.split });
  return asked;
}

function outcomeOf(asked: Asked, verdict: LookupVerdict, fileOf: Map<string, string>): AgentOutcome {
  if (verdict === 'decline') return 'declined';
  if (verdict === 'clarify') return 'clarified';
  const cited = new Set(spokenAnswer(asked.hits).chunkIds);
  const relevant = asked.labelled ? relevantTo(fileOf, asked.labelled) : () => false;
  return asked.hits.some((h) => cited.has(h.chunkId) && relevant(h)) ? 'right section' : 'wrong section';
}

export interface AgentTable {
  split: string;
  thresholds: { decline: number; clarify: number };
  answerable: Record<AgentOutcome, number> & { n: number };
  unanswerable: Record<AgentOutcome, number> & { n: number };
}

export function agentTable(
  asked: Asked[],
  documents: Document[],
  thresholds: { decline: number; clarify: number },
  split: 'tuning' | 'held-back',
): AgentTable {
  const fileOf = new Map(documents.map((d) => [d.entryId, d.file]));
  const count = (list: Asked[]) => {
    const tally = { n: list.length, 'right section': 0, 'wrong section': 0, clarified: 0, declined: 0 };
    for (const a of list) tally[outcomeOf(a, verdictFor(a.hits, thresholds), fileOf)] += 1;
    return tally;
  };
  const inSplit = asked.filter((a) => a.split === split);
  return {
    split,
    thresholds,
    answerable: count(inSplit.filter((a) => a.labelled)),
    unanswerable: count(inSplit.filter((a) => !a.labelled)),
  };
}

/** Every pair of thresholds from 0.05 to 0.7 on the tuning split: what choosing them trades. */
export function thresholdSweep(asked: Asked[], documents: Document[]): AgentTable[] {
  const steps = Array.from({ length: 14 }, (_, i) => Number((0.05 + i * 0.05).toFixed(2)));
  return steps.flatMap((decline) =>
    steps
      .filter((clarify) => clarify >= decline)
      .map((clarify) => agentTable(asked, documents, { decline, clarify }, 'tuning')),
  );
}

/**
 * What an outcome costs the caller, in turns: a clarifying question one, a needless hand-over to a
 * colleague two, a wrong answer (or an answer to what the corpus does not say) three.
 */
const COST = { wrong: 3, answeredUnanswerable: 3, declinedAnswerable: 2, clarified: 1 };

/** The rule the embedder's thresholds are chosen by, on the tuning half: the pair of least total cost. */
export function chooseThresholds(sweep: AgentTable[]): AgentTable | undefined {
  const cost = (t: AgentTable) =>
    COST.wrong * t.answerable['wrong section'] +
    COST.declinedAnswerable * t.answerable.declined +
    COST.clarified * (t.answerable.clarified + t.unanswerable.clarified) +
    COST.answeredUnanswerable * (t.unanswerable['right section'] + t.unanswerable['wrong section']);
  return [...sweep].sort((a, b) => cost(a) - cost(b))[0];
}

export function printAgent(tables: AgentTable[]) {
  console.log('\nThe voice agent on the call set (lookup_knowledge: limit 3, reranked, its verdict)');
  console.log(
    [
      'split'.padEnd(10),
      'thresholds'.padEnd(12),
      'questions'.padEnd(10),
      'right'.padEnd(8),
      'wrong'.padEnd(8),
      'clarified'.padEnd(10),
      'declined',
    ].join(' '),
  );
  for (const t of tables) {
    for (const [kind, tally] of [
      ['answerable', t.answerable],
      ['unanswerable', t.unanswerable],
    ] as const) {
      const share = (k: AgentOutcome) => pct(tally[k] / Math.max(1, tally.n)).padEnd(kind === 'answerable' ? 8 : 8);
      console.log(
        [
          t.split.padEnd(10),
          `${t.thresholds.decline}/${t.thresholds.clarify}`.padEnd(12),
          `${tally.n} ${kind}`.padEnd(10),
          share('right section'),
          share('wrong section'),
          share('clarified').padEnd(10),
          share('declined'),
        ].join(' '),
      );
    }
  }
}
