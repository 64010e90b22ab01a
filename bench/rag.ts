/**
 * npm run bench:rag — retrieval quality and search latency of the knowledge base (issues 5 and 16).
 *
 * Quality: the Markdown corpus in bench/rag/corpus goes through the production path (extractDocument
 * → chunkBlocks → store.replaceChunks) into a tenant of its own, then two labelled sets are asked in
 * every mode of ./rag/search-modes.ts: the original bench/rag/questions.json (99, keyword-heavy) and
 * bench/rag/call-questions.json (179 questions as callers say them), whose tuning and held-back
 * halves are reported apart. A hit is relevant when it comes from the question's document and its
 * heading path holds the question's section. Recall@5 is the share of questions with a relevant hit
 * among the first 5 of a search with limit 5; MRR is over a search with limit 10. Then the voice
 * agent's side: what `lookup_knowledge` would do with each call question and with the questions the
 * corpus does not answer (bench/rag/unanswerable-questions.json): answer from the right section, from
 * a wrong one, ask a clarifying question, or decline.
 *
 * Latency: synthetic chunks (corpus sentences recombined by a seeded PRNG, so every run writes the
 * same objects) in tenants of 10k and 100k chunks; a tenant already holding the expected count is
 * reused. Each mode is timed over sequential searches (limit 5) through store.search, query
 * embedding included, after a warm-up; the query embedding alone is timed too (one question per call, as a
 * lookup embeds). Infrastructure must be up (`npm run infra up`).
 *   --quick             skip the 100k tenant
 *   --quality           quality only (no latency)
 *   --sweep             also: hybrid balance and agent thresholds over the call set's tuning half
 *   --embedder local|hash|openai   default: OpenAI with a real key, the local sentence encoder otherwise
 * Prints tables and writes bench/results/rag.json.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { createHashingEmbedder, createOpenAIEmbedder, type Embedder } from '../knowledge/embed.ts';
import { embedderFor } from '../knowledge/embedder.ts';
import { createSentenceEncoderEmbedder } from '../knowledge/sentence-encoder.ts';
import { createKnowledgeStore } from '../knowledge/store.ts';
import { type Config, loadConfig, loadDotEnv } from '../lib/config.ts';
import { uuidFor } from '../lib/ids.ts';
import { openAiClientFor } from '../lib/openai.ts';
import { connectWeaviate } from '../lib/weaviate.ts';
import {
  agentTable,
  askAsTheAgent,
  chooseThresholds,
  printAgent,
  thresholdSweep,
  type Unanswerable,
} from './rag/agent.ts';
import { corpusBytes, readCorpus, readQuestions } from './rag/labelled-corpus.ts';
import { LATENCY_SIZES, measureLatency, measureQueryEmbedding, printLatency } from './rag/latency.ts';
import { measureQuality, missedByEveryMode, printSideBySide, printTable, tableOf } from './rag/quality.ts';
import { type LatencyRow, RESULT_FILE } from './rag/results.ts';
import { printAlphaSweep, sweepAlpha } from './rag/sweep.ts';
import { fillSyntheticTenant } from './rag/synthetic.ts';
import { ingestCorpus, type RagBench } from './rag/tenants.ts';
import type { Percentiles } from './stats.ts';

const { values: flags } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    quality: { type: 'boolean', default: false },
    sweep: { type: 'boolean', default: false },
    embedder: { type: 'string' },
  },
});

loadDotEnv();
const config = loadConfig();
const embedder = chooseEmbedder(config, flags.embedder);
const client = await connectWeaviate(config.weaviate);
const store = createKnowledgeStore(client, embedder);
const bench: RagBench = { client, store };
const tenantId = (name: string) => uuidFor('bench-rag', `${embedder.name}:${name}`);

try {
  console.log(`embedder ${embedder.name} (default alpha ${embedder.defaultAlpha})`);
  const documents = await readCorpus();
  const original = readQuestions(documents, 'original');
  const calls = readQuestions(documents, 'calls');
  const unanswerable = JSON.parse(
    readFileSync(join(import.meta.dirname, 'rag', 'unanswerable-questions.json'), 'utf8'),
  ) as Unanswerable[];
  const corpusTenant = tenantId('corpus');
  const ingestMs = await ingestCorpus(bench, corpusTenant, documents);
  const chunkCount = documents.reduce((sum, d) => sum + d.chunks.length, 0);
  const bytes = corpusBytes();
  console.log(
    `corpus: ${documents.length} documents, ${(bytes / 1024).toFixed(1)} KB, ${chunkCount} chunks, ` +
      `ingested in ${(ingestMs / 1000).toFixed(1)} s (tenant ${corpusTenant}); ` +
      `${original.length} original and ${calls.length} call questions, ${unanswerable.length} unanswerable`,
  );

  const originalRun = await measureQuality(bench, corpusTenant, documents, original);
  const callRun = await measureQuality(bench, corpusTenant, documents, calls);
  const tables = [
    tableOf(originalRun, 'original set'),
    tableOf(callRun, 'calls, tuning', (q) => q.split === 'tuning'),
    tableOf(callRun, 'calls, held-back', (q) => q.split === 'held-back'),
    tableOf(callRun, 'calls, all'),
  ];
  for (const table of tables) printTable(table);
  printSideBySide(tables);
  const missed = [...missedByEveryMode(originalRun), ...missedByEveryMode(callRun)];
  console.log(`\nMissed by every mode (no relevant hit in the top 5): ${missed.length}`);
  for (const q of missed) {
    console.log(`  ${q.id} [${q.style}] "${q.question}" → ${q.doc} § ${q.section}`);
    console.log(`      default mode's top hit: ${q.topDefault}`);
  }

  const asked = await askAsTheAgent(bench, corpusTenant, calls, unanswerable);
  const agent = (['tuning', 'held-back'] as const).map((split) =>
    agentTable(asked, documents, embedder.relevance, split),
  );
  printAgent(agent);

  let sweeps: unknown;
  if (flags.sweep) {
    const tuning = calls.filter((q) => q.split === 'tuning');
    const alpha = await sweepAlpha(bench, corpusTenant, documents, tuning);
    printAlphaSweep(alpha);
    const thresholds = thresholdSweep(asked, documents);
    const chosen = chooseThresholds(thresholds);
    console.log('\nAgent thresholds of least cost on the tuning half (./rag/agent.ts):');
    printAgent(chosen ? [chosen] : []);
    sweeps = { alpha, thresholds, chosen };
  }

  const latency: LatencyRow[] = [];
  let queryEmbedding: Percentiles | undefined;
  if (!flags.quality) {
    queryEmbedding = await measureQueryEmbedding(embedder, calls);
    console.log(
      `\nQuery embedding (${embedder.name}, one call question at a time): ` +
        `p50 ${queryEmbedding.p50} ms, p99 ${queryEmbedding.p99} ms, max ${queryEmbedding.max} ms`,
    );
    const sizes = flags.quick ? LATENCY_SIZES.filter((n) => n < 100_000) : LATENCY_SIZES;
    for (const size of sizes) {
      const tenant = tenantId(`synthetic-${size}`);
      const insert = await fillSyntheticTenant(bench, tenant, size, documents);
      latency.push({ chunks: size, tenant, ...insert, modes: await measureLatency(bench, tenant, original) });
    }
    printLatency(latency);
  }

  mkdirSync(dirname(RESULT_FILE), { recursive: true });
  writeFileSync(
    RESULT_FILE,
    `${JSON.stringify(
      {
        ranAt: new Date().toISOString(),
        embedder: embedder.name,
        defaultAlpha: embedder.defaultAlpha,
        relevance: embedder.relevance,
        corpus: { documents: documents.length, bytes, chunks: chunkCount, ingestMs: Math.round(ingestMs) },
        quality: tables,
        missedByEveryMode: missed,
        agent,
        sweeps,
        queryEmbedding,
        latency,
      },
      null,
      2,
    )}\n`,
  );
  console.log(`\nwrote ${RESULT_FILE}`);
} finally {
  await client.close();
}

function chooseEmbedder(config: Config, name: string | undefined): Embedder {
  if (name === undefined) return embedderFor(config);
  if (name === 'local') return createSentenceEncoderEmbedder();
  if (name === 'hash') return createHashingEmbedder();
  if (name === 'openai') {
    if (!config.openai.keyConfigured)
      throw new Error('--embedder openai needs OPENAI_API_KEY (the simulator has no embeddings)');
    return createOpenAIEmbedder(openAiClientFor(config.openai));
  }
  throw new Error(`--embedder must be local, hash or openai (got ${JSON.stringify(name)})`);
}
