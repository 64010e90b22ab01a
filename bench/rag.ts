/**
 * npm run bench:rag — retrieval quality and search latency of the knowledge base (issue 5).
 *
 * Quality: the Markdown corpus in bench/rag/corpus goes through the production path (extractDocument
 * → chunkBlocks → store.replaceChunks) into a tenant of its own, then every labelled question in
 * bench/rag/questions.json is asked in six modes: BM25 (alpha 0), vector (alpha 1), hybrid (0.5),
 * hybrid + rerank, BM25 + rerank, and hybrid at 0.25 + rerank (the local embedder's default). A hit is relevant when it comes from the question's document and its heading
 * path holds the question's section. Recall@5 is the share of questions with a relevant hit among
 * the first 5 of a search with limit 5 (whose rerank reads the same 20 candidates as the voice agent's
 * limit 3); MRR is over a search with limit 10.
 *
 * Latency: synthetic chunks (corpus sentences recombined by a seeded PRNG, so every run writes the
 * same objects) in tenants of 10k and 100k chunks; a tenant already holding the expected count is
 * reused. Each mode is timed over sequential searches (limit 5) through store.search, query
 * embedding included, after a warm-up. Infrastructure must be up (`npm run infra up`).
 *   --quick             skip the 100k tenant
 *   --embedder local|openai   default: OpenAI with a real key, local otherwise
 * Prints tables and writes bench/results/rag.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { createLocalEmbedder, createOpenAIEmbedder, type Embedder } from '../knowledge/embed.ts';
import { embedderFor } from '../knowledge/embedder.ts';
import { createKnowledgeStore } from '../knowledge/store.ts';
import { type Config, loadConfig, loadDotEnv } from '../lib/config.ts';
import { uuidFor } from '../lib/ids.ts';
import { openAiClientFor } from '../lib/openai.ts';
import { connectWeaviate } from '../lib/weaviate.ts';
import { corpusBytes, readCorpus, readQuestions } from './rag/labelled-corpus.ts';
import { LATENCY_SIZES, measureLatency, printLatency } from './rag/latency.ts';
import { measureQuality, printQuality } from './rag/quality.ts';
import { type LatencyRow, RESULT_FILE } from './rag/results.ts';
import { fillSyntheticTenant } from './rag/synthetic.ts';
import { ingestCorpus, type RagBench } from './rag/tenants.ts';

const { values: flags } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
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
  console.log(`embedder ${embedder.name}`);
  const documents = await readCorpus();
  const questions = readQuestions(documents);
  const corpusTenant = tenantId('corpus');
  const ingestMs = await ingestCorpus(bench, corpusTenant, documents);
  const chunkCount = documents.reduce((sum, d) => sum + d.chunks.length, 0);
  const bytes = corpusBytes();
  console.log(
    `corpus: ${documents.length} documents, ${(bytes / 1024).toFixed(1)} KB, ${chunkCount} chunks, ` +
      `ingested in ${(ingestMs / 1000).toFixed(1)} s (tenant ${corpusTenant}); ${questions.length} questions\n`,
  );

  const quality = await measureQuality(bench, corpusTenant, documents, questions);
  printQuality(quality, questions);

  const sizes = flags.quick ? LATENCY_SIZES.filter((n) => n < 100_000) : LATENCY_SIZES;
  const latency: LatencyRow[] = [];
  for (const size of sizes) {
    const tenant = tenantId(`synthetic-${size}`);
    const insert = await fillSyntheticTenant(bench, tenant, size, documents);
    latency.push({ chunks: size, tenant, ...insert, modes: await measureLatency(bench, tenant, questions) });
  }
  printLatency(latency);

  mkdirSync(dirname(RESULT_FILE), { recursive: true });
  writeFileSync(
    RESULT_FILE,
    `${JSON.stringify(
      {
        ranAt: new Date().toISOString(),
        embedder: embedder.name,
        corpus: { documents: documents.length, bytes, chunks: chunkCount, ingestMs: Math.round(ingestMs) },
        quality: quality.summary,
        missedByEveryMode: quality.missedByAll,
        perQuestion: quality.perQuestion,
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
  if (name === 'local') return createLocalEmbedder();
  if (name === 'openai') {
    if (!config.openai.keyConfigured)
      throw new Error('--embedder openai needs OPENAI_API_KEY (the simulator has no embeddings)');
    return createOpenAIEmbedder(openAiClientFor(config.openai));
  }
  throw new Error(`--embedder must be local or openai (got ${JSON.stringify(name)})`);
}
