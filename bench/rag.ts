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
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { type Chunk, chunkBlocks, contentHash, countTokens } from '../knowledge/chunk.ts';
import { createLocalEmbedder, createOpenAIEmbedder, type Embedder } from '../knowledge/embed.ts';
import { embedderFor } from '../knowledge/embedder.ts';
import { extractDocument } from '../knowledge/extract/index.ts';
import {
  type ChunkMetadata,
  createKnowledgeStore,
  KNOWLEDGE_COLLECTION,
  type KnowledgeHit,
  type SearchOptions,
} from '../knowledge/store.ts';
import { type Config, loadConfig, loadDotEnv } from '../lib/config.ts';
import { uuidFor } from '../lib/ids.ts';
import { openAiClientFor } from '../lib/openai.ts';
import { connectWeaviate } from '../lib/weaviate.ts';
import { type Percentiles, percentiles } from './stats.ts';

const HERE = import.meta.dirname;
const CORPUS_DIR = join(HERE, 'rag', 'corpus');
const QUESTIONS_FILE = join(HERE, 'rag', 'questions.json');
const RESULT_FILE = join(HERE, 'results', 'rag.json');

const LATENCY_SIZES = [10_000, 100_000];
const LATENCY_QUERIES = 400;
const WARMUP_QUERIES = 50;
const SYNTHETIC_ENTRY_CHUNKS = 1_000;
const SEED = 5;

interface Mode {
  name: string;
  alpha: number;
  rerank?: boolean;
}

const MODES: Mode[] = [
  { name: 'bm25', alpha: 0 },
  { name: 'vector', alpha: 1 },
  { name: 'hybrid', alpha: 0.5 },
  { name: 'hybrid+rerank', alpha: 0.5, rerank: true },
  { name: 'bm25+rerank', alpha: 0, rerank: true },
  /** What the voice agent runs with the local embedder (its default alpha). */
  { name: 'hybrid 0.25+rerank', alpha: 0.25, rerank: true },
];

interface Question {
  id: string;
  question: string;
  doc: string;
  section: string;
  style: string;
}

interface Document {
  file: string;
  entryId: string;
  title: string;
  chunks: Chunk[];
}

/** A question's outcome in one mode: the rank (1-based) of the first relevant hit, if any. */
interface Outcome {
  rankIn5: number | null;
  rankIn10: number | null;
  top: string | null;
}

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
const tenantId = (name: string) => uuidFor('bench-rag', `${embedder.name}:${name}`);

try {
  console.log(`embedder ${embedder.name}`);
  const documents = await readCorpus();
  const questions = readQuestions(documents);
  const corpusTenant = tenantId('corpus');
  const ingestMs = await ingestCorpus(corpusTenant, documents);
  const chunkCount = documents.reduce((sum, d) => sum + d.chunks.length, 0);
  const bytes = readdirSync(CORPUS_DIR).reduce((sum, f) => sum + readFileSync(join(CORPUS_DIR, f)).length, 0);
  console.log(
    `corpus: ${documents.length} documents, ${(bytes / 1024).toFixed(1)} KB, ${chunkCount} chunks, ` +
      `ingested in ${(ingestMs / 1000).toFixed(1)} s (tenant ${corpusTenant}); ${questions.length} questions\n`,
  );

  const quality = await measureQuality(corpusTenant, documents, questions);
  printQuality(quality, questions);

  const sizes = flags.quick ? LATENCY_SIZES.filter((n) => n < 100_000) : LATENCY_SIZES;
  const latency: LatencyRow[] = [];
  for (const size of sizes) {
    const tenant = tenantId(`synthetic-${size}`);
    const insert = await fillSyntheticTenant(tenant, size, documents);
    latency.push({ chunks: size, tenant, ...insert, modes: await measureLatency(tenant, questions) });
  }
  printLatency(latency);

  mkdirSync(join(HERE, 'results'), { recursive: true });
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

async function readCorpus(): Promise<Document[]> {
  const files = readdirSync(CORPUS_DIR)
    .filter((f) => f.endsWith('.md'))
    .sort();
  return Promise.all(
    files.map(async (file) => {
      const extracted = await extractDocument(readFileSync(join(CORPUS_DIR, file)), { filename: file });
      return {
        file,
        entryId: uuidFor('bench-rag-document', file),
        title: extracted.title ?? file,
        chunks: chunkBlocks(extracted.blocks),
      };
    }),
  );
}

/** Reads the labelled set and refuses labels that name no section of the chunked corpus. */
function readQuestions(documents: Document[]): Question[] {
  const questions = JSON.parse(readFileSync(QUESTIONS_FILE, 'utf8')) as Question[];
  const bad = questions.filter((q) => {
    const document = documents.find((d) => d.file === q.doc);
    return !document?.chunks.some((c) => inSection(c.heading, q.section));
  });
  if (bad.length) throw new Error(`questions with no matching section: ${bad.map((q) => q.id).join(', ')}`);
  return questions;
}

function inSection(heading: string, section: string): boolean {
  return heading.split(' > ').includes(section);
}

async function chunksIn(tenant: string): Promise<number> {
  const collection = client.collections.use(KNOWLEDGE_COLLECTION);
  if (!(await collection.tenants.getByName(tenant))) return 0;
  return (await collection.withTenant(tenant).aggregate.overAll()).totalCount;
}

/** Drops one of this benchmark's tenants (never another), e.g. one left half-filled by an interrupted run. */
async function dropTenant(tenant: string): Promise<void> {
  await client.collections.use(KNOWLEDGE_COLLECTION).tenants.remove(tenant);
}

/** Writes every document as the ingestion activity does; a document removed from the corpus empties the tenant first. */
async function ingestCorpus(tenant: string, documents: Document[]): Promise<number> {
  const started = performance.now();
  const expected = documents.reduce((sum, d) => sum + d.chunks.length, 0);
  if ((await chunksIn(tenant)) > expected) await dropTenant(tenant);
  for (const document of documents) {
    const meta: Omit<ChunkMetadata, 'entryId' | 'contentHash'> = {
      title: document.title,
      sourceUrl: null,
      vendor: null,
      docType: null,
      version: null,
      tags: [],
    };
    const hash = contentHash(JSON.stringify([meta, document.chunks.map((c) => c.text)]));
    await store.replaceChunks(tenant, { ...meta, entryId: document.entryId, contentHash: hash }, document.chunks);
  }
  const found = await chunksIn(tenant);
  if (found !== expected) throw new Error(`corpus tenant holds ${found} chunks, expected ${expected}`);
  return performance.now() - started;
}

async function measureQuality(tenant: string, documents: Document[], questions: Question[]) {
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
        store.search({ businessId: tenant, query: q.question, alpha: mode.alpha, limit, ...rerankOption(mode) });
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

/** `rerank` is only passed when asked for, so the plain modes send exactly what other callers send. */
function rerankOption(mode: Mode): Pick<SearchOptions, 'rerank'> {
  return mode.rerank ? { rerank: true } : {};
}

function printQuality(quality: Awaited<ReturnType<typeof measureQuality>>, questions: Question[]) {
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

/** A small seeded PRNG (mulberry32): the same synthetic chunks on every run. */
function prng(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  return { next, int, pick };
}

/**
 * `count` chunks shaped like the corpus's: a heading path, then 3–8 corpus sentences in which about
 * one word in five is swapped for another corpus word, so documents share vocabulary but not text.
 */
function* syntheticChunks(count: number, documents: Document[]): Generator<Chunk> {
  const random = prng(SEED);
  const bodies = documents.flatMap((d) => d.chunks.map((c) => c.text.slice(c.heading.length + 1)));
  const sentences = bodies.flatMap((b) => b.split(/(?<=[.!?])\s+/)).filter((s) => s.split(' ').length >= 5);
  const vocabulary = [...new Set(bodies.join(' ').match(/\p{L}{3,}/gu) ?? [])];
  const titles = documents.map((d) => d.title);
  const sections = [...new Set(documents.flatMap((d) => d.chunks.map((c) => c.heading.split(' > ').at(-1)!)))];
  for (let i = 0; i < count; i++) {
    const heading = `${random.pick(titles)} ${random.int(1, 500)} > ${random.pick(sections)}`;
    const body = Array.from({ length: random.int(3, 8) }, () =>
      random
        .pick(sentences)
        .split(' ')
        .map((word) => (random.next() < 0.2 ? random.pick(vocabulary) : word))
        .join(' '),
    ).join(' ');
    const text = `${heading}\n${body}`;
    yield { index: i % SYNTHETIC_ENTRY_CHUNKS, heading, text, tokens: countTokens(text) };
  }
}

/** Fills a tenant with `size` synthetic chunks through store.replaceChunks, 1,000 per entry, unless it already holds them. */
async function fillSyntheticTenant(tenant: string, size: number, documents: Document[]) {
  const before = await chunksIn(tenant);
  if (before === size) {
    console.log(`${size} chunks: reusing tenant ${tenant}`);
    return { reused: true, ...earlierInsert(tenant) };
  }
  if (before) await dropTenant(tenant);
  console.log(`${size} chunks: inserting into tenant ${tenant} …`);
  const started = performance.now();
  let entry: Chunk[] = [];
  let entries = 0;
  const flush = async () => {
    const hash = contentHash(entry.map((c) => c.text).join('\n'));
    const meta = {
      title: `Synthetic ${entries}`,
      sourceUrl: null,
      vendor: null,
      docType: null,
      version: null,
      tags: [],
    };
    await store.replaceChunks(
      tenant,
      { ...meta, entryId: uuidFor('bench-rag-synthetic', `${size}:${entries}`), contentHash: hash },
      entry,
    );
    entries += 1;
    entry = [];
    if (entries % 10 === 0) console.log(`  ${entries * SYNTHETIC_ENTRY_CHUNKS} / ${size}`);
  };
  for (const chunk of syntheticChunks(size, documents)) {
    entry.push(chunk);
    if (entry.length === SYNTHETIC_ENTRY_CHUNKS) await flush();
  }
  if (entry.length) await flush();
  const insertMs = performance.now() - started;
  const found = await chunksIn(tenant);
  if (found !== size) throw new Error(`tenant ${tenant} holds ${found} chunks after inserting ${size}`);
  console.log(`  inserted in ${(insertMs / 1000).toFixed(1)} s (${Math.round(size / (insertMs / 1000))} chunks/s)`);
  return { reused: false, insertMs: Math.round(insertMs), chunksPerSecond: Math.round(size / (insertMs / 1000)) };
}

/** How long filling a reused tenant took, as the run that filled it recorded (carried from result to result). */
function earlierInsert(tenant: string): Pick<LatencyRow, 'insertMs' | 'chunksPerSecond'> {
  const previous: { latency?: LatencyRow[] } = existsSync(RESULT_FILE)
    ? JSON.parse(readFileSync(RESULT_FILE, 'utf8'))
    : {};
  const row = previous.latency?.find((r) => r.tenant === tenant);
  return { insertMs: row?.insertMs ?? null, chunksPerSecond: row?.chunksPerSecond ?? null };
}

/** Sequential searches (limit 5) per mode, the labelled questions in turn, after a warm-up. */
async function measureLatency(tenant: string, questions: Question[]) {
  const results = [];
  for (const mode of MODES) {
    const samples: number[] = [];
    for (let i = 0; i < WARMUP_QUERIES + LATENCY_QUERIES; i++) {
      const query = questions[i % questions.length]!.question;
      const started = performance.now();
      const hits = await store.search({
        businessId: tenant,
        query,
        alpha: mode.alpha,
        limit: 5,
        ...rerankOption(mode),
      });
      if (i >= WARMUP_QUERIES) samples.push(performance.now() - started);
      if (!hits.length) throw new Error(`${mode.name} found nothing for "${query}" in tenant ${tenant}`);
    }
    results.push({ mode: mode.name, ...percentiles(samples) });
  }
  return results;
}

interface LatencyRow {
  chunks: number;
  tenant: string;
  reused: boolean;
  insertMs: number | null;
  chunksPerSecond: number | null;
  modes: ({ mode: string } & Percentiles)[];
}

function printLatency(rows: LatencyRow[]) {
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
