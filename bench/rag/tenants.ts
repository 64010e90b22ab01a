import { contentHash } from '../../knowledge/chunk.ts';
import type { ChunkMetadata, KnowledgeStore } from '../../knowledge/store.ts';
import type { WeaviateClient } from '../../lib/weaviate.ts';
import type { Document } from './labelled-corpus.ts';

/** What the benchmark reads and writes through: Weaviate itself (tenants, counts) and the knowledge store. */
export interface RagBench {
  client: WeaviateClient;
  store: KnowledgeStore;
}

/** How many chunks a tenant holds (0 when it does not exist). */
export async function chunksIn(bench: RagBench, tenant: string): Promise<number> {
  if (!(await bench.client.collections.exists(bench.store.collectionName))) return 0;
  const collection = bench.client.collections.use(bench.store.collectionName);
  if (!(await collection.tenants.getByName(tenant))) return 0;
  return (await collection.withTenant(tenant).aggregate.overAll()).totalCount;
}

/** Drops one of this benchmark's tenants (never another), e.g. one left half-filled by an interrupted run. */
export async function dropTenant(bench: RagBench, tenant: string): Promise<void> {
  await bench.client.collections.use(bench.store.collectionName).tenants.remove(tenant);
}

/** Writes every document as the ingestion activity does; a document removed from the corpus empties the tenant first. */
export async function ingestCorpus(bench: RagBench, tenant: string, documents: Document[]): Promise<number> {
  const started = performance.now();
  const expected = documents.reduce((sum, d) => sum + d.chunks.length, 0);
  if ((await chunksIn(bench, tenant)) > expected) await dropTenant(bench, tenant);
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
    await bench.store.replaceChunks(tenant, { ...meta, entryId: document.entryId, contentHash: hash }, document.chunks);
  }
  const found = await chunksIn(bench, tenant);
  if (found !== expected) throw new Error(`corpus tenant holds ${found} chunks, expected ${expected}`);
  return performance.now() - started;
}
