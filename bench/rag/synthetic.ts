import { type Chunk, contentHash, countTokens } from '../../knowledge/chunk.ts';
import type { Embedder } from '../../knowledge/embed.ts';
import { createKnowledgeStore } from '../../knowledge/store.ts';
import { uuidFor } from '../../lib/ids.ts';
import type { Document } from './labelled-corpus.ts';
import { earlierInsert } from './results.ts';
import { chunksIn, dropTenant, type RagBench } from './tenants.ts';

const SYNTHETIC_ENTRY_CHUNKS = 1_000;
const SEED = 5;

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
 * Each comes with its parts (title, section and the sentences before the swaps) for ./synthetic.ts's
 * composed vectors.
 */
function* syntheticChunks(count: number, documents: Document[]): Generator<{ chunk: Chunk; parts: string[] }> {
  const random = prng(SEED);
  const bodies = documents.flatMap((d) => d.chunks.map((c) => c.text.slice(c.heading.length + 1)));
  const sentences = bodies.flatMap((b) => b.split(/(?<=[.!?])\s+/)).filter((s) => s.split(' ').length >= 5);
  const vocabulary = [...new Set(bodies.join(' ').match(/\p{L}{3,}/gu) ?? [])];
  const titles = documents.map((d) => d.title);
  const sections = [...new Set(documents.flatMap((d) => d.chunks.map((c) => c.heading.split(' > ').at(-1)!)))];
  for (let i = 0; i < count; i++) {
    const title = random.pick(titles);
    const section = random.pick(sections);
    const heading = `${title} ${random.int(1, 500)} > ${section}`;
    const picked = Array.from({ length: random.int(3, 8) }, () => random.pick(sentences));
    const body = picked
      .map((sentence) =>
        sentence
          .split(' ')
          .map((word) => (random.next() < 0.2 ? random.pick(vocabulary) : word))
          .join(' '),
      )
      .join(' ');
    const text = `${heading}\n${body}`;
    yield {
      chunk: { index: i % SYNTHETIC_ENTRY_CHUNKS, heading, text, tokens: countTokens(text) },
      parts: [title, section, ...picked],
    };
  }
}

/**
 * Vectors for synthetic chunks made from the vectors of their parts (normalised sum), each part
 * embedded once by the real embedder: a sentence encoder takes about 100 ms per chunk on this
 * machine, so embedding 100k chunks one by one would take hours, while the corpus has only a few
 * hundred distinct sentences. The vectors cluster as real ones do (by topic), which is what search
 * latency depends on; feature hashing is additive, so for it the composition is nearly exact.
 */
function composedEmbedder(real: Embedder, partsOf: Map<string, string[]>): Embedder {
  const cache = new Map<string, number[]>();
  return {
    ...real,
    async embed(texts) {
      const parts = texts.map((t) => partsOf.get(t) ?? [t]);
      const missing = [...new Set(parts.flat().filter((p) => !cache.has(p)))];
      const vectors = await real.embed(missing);
      for (const [i, part] of missing.entries()) cache.set(part, vectors[i]!);
      return parts.map((list) => {
        const sum = new Array<number>(real.dimensions).fill(0);
        for (const part of list) {
          const vector = cache.get(part)!;
          for (let i = 0; i < sum.length; i++) sum[i] = sum[i]! + vector[i]!;
        }
        const norm = Math.hypot(...sum) || 1;
        return sum.map((x) => x / norm);
      });
    },
  };
}

/** Fills a tenant with `size` synthetic chunks through store.replaceChunks, 1,000 per entry, unless it already holds them. */
export async function fillSyntheticTenant(bench: RagBench, tenant: string, size: number, documents: Document[]) {
  const before = await chunksIn(bench, tenant);
  if (before === size) {
    console.log(`${size} chunks: reusing tenant ${tenant}`);
    return { reused: true, ...earlierInsert(tenant) };
  }
  if (before) await dropTenant(bench, tenant);
  console.log(`${size} chunks: inserting into tenant ${tenant} …`);
  const started = performance.now();
  let entry: Chunk[] = [];
  let entries = 0;
  const partsOf = new Map<string, string[]>();
  const store = createKnowledgeStore(bench.client, composedEmbedder(bench.store.embedder, partsOf));
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
    partsOf.clear();
    if (entries % 10 === 0) console.log(`  ${entries * SYNTHETIC_ENTRY_CHUNKS} / ${size}`);
  };
  for (const { chunk, parts } of syntheticChunks(size, documents)) {
    entry.push(chunk);
    partsOf.set(chunk.text, parts);
    if (entry.length === SYNTHETIC_ENTRY_CHUNKS) await flush();
  }
  if (entry.length) await flush();
  const insertMs = performance.now() - started;
  const found = await chunksIn(bench, tenant);
  if (found !== size) throw new Error(`tenant ${tenant} holds ${found} chunks after inserting ${size}`);
  console.log(`  inserted in ${(insertMs / 1000).toFixed(1)} s (${Math.round(size / (insertMs / 1000))} chunks/s)`);
  return { reused: false, insertMs: Math.round(insertMs), chunksPerSecond: Math.round(size / (insertMs / 1000)) };
}
