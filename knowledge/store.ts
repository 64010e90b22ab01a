/**
 * The knowledge base in Weaviate: one `KnowledgeChunk` collection, a tenant per business (so one
 * business never sees another's chunks), vectors we bring ourselves (./embed.ts). Chunk ids are
 * derived from the entry and the chunk's content, so writing the same chunks twice changes nothing.
 */
import weaviate, { Filters, type WeaviateClient } from 'weaviate-client';
import { uuidFor } from '../lib/ids.ts';
import type { Chunk } from './chunk.ts';
import type { Embedder } from './embed.ts';
import { rerank } from './rerank.ts';

export const KNOWLEDGE_COLLECTION = 'KnowledgeChunk';

export interface ChunkMetadata {
  entryId: string;
  title: string;
  sourceUrl: string | null;
  vendor: string | null;
  docType: string | null;
  version: string | null;
  tags: string[];
  contentHash: string;
}

export interface KnowledgeHit {
  chunkId: string;
  entryId: string;
  title: string;
  heading: string;
  text: string;
  sourceUrl: string | null;
  score: number | null;
}

export interface SearchOptions {
  businessId: string;
  query: string;
  limit?: number;
  /** 0 = keywords only (BM25), 1 = vectors only; hybrid in between. Default: the embedder's. */
  alpha?: number;
  /** Hits scoring below this are dropped. */
  minScore?: number;
  filters?: { vendor?: string; docType?: string; tags?: string[]; entryIds?: string[] };
  /** Reads more candidates and reorders them against the question (./rerank.ts). */
  rerank?: boolean;
}

export const chunkId = (entryId: string, hash: string, index: number) =>
  uuidFor('knowledge-chunk', `${entryId}:${hash}:${index}`);

export function createKnowledgeStore(client: WeaviateClient, embedder: Embedder) {
  let ensured: Promise<void> | undefined;
  /** Creates the collection once (a concurrent creator winning the race is fine). */
  const ensureCollection = () =>
    (ensured ??= (async () => {
      if (await client.collections.exists(KNOWLEDGE_COLLECTION)) return;
      await client.collections
        .create({
          name: KNOWLEDGE_COLLECTION,
          multiTenancy: weaviate.configure.multiTenancy({ enabled: true, autoTenantCreation: true }),
          properties: [
            { name: 'entryId', dataType: 'text', tokenization: 'field' },
            { name: 'title', dataType: 'text' },
            { name: 'heading', dataType: 'text' },
            { name: 'text', dataType: 'text' },
            { name: 'sourceUrl', dataType: 'text', tokenization: 'field' },
            { name: 'vendor', dataType: 'text', tokenization: 'field' },
            { name: 'docType', dataType: 'text', tokenization: 'field' },
            { name: 'version', dataType: 'text', tokenization: 'field' },
            { name: 'tags', dataType: 'text[]', tokenization: 'field' },
            { name: 'contentHash', dataType: 'text', tokenization: 'field' },
            { name: 'chunkIndex', dataType: 'int' },
            { name: 'embedder', dataType: 'text', tokenization: 'field' },
          ],
        })
        .catch(async (error: unknown) => {
          if (!(await client.collections.exists(KNOWLEDGE_COLLECTION))) throw error;
        });
    })().catch((error: unknown) => {
      ensured = undefined;
      throw error;
    }));
  const tenant = async (businessId: string) => {
    await ensureCollection();
    return client.collections.use(KNOWLEDGE_COLLECTION).withTenant(businessId);
  };
  /** A business that never had knowledge has no tenant yet: it simply finds nothing. */
  const noTenant = (error: unknown): never[] => {
    if (/tenant not found/i.test((error as Error).message)) return [];
    throw error;
  };
  const byEntry = (collection: Awaited<ReturnType<typeof tenant>>, entryId: string) =>
    collection.filter.byProperty('entryId').equal(entryId);

  return {
    embedder,
    /** Replaces an entry's chunks with these; a repeat with the same chunks writes the same objects. */
    async replaceChunks(businessId: string, meta: ChunkMetadata, chunks: Chunk[]): Promise<void> {
      const collection = await tenant(businessId);
      const vectors = await embedder.embed(chunks.map((c) => c.text));
      const ids = chunks.map((c) => chunkId(meta.entryId, meta.contentHash, c.index));
      if (chunks.length) {
        const result = await collection.data.insertMany(
          chunks.map((chunk, i) => ({
            id: ids[i],
            vectors: vectors[i],
            properties: {
              ...meta,
              sourceUrl: meta.sourceUrl ?? '',
              vendor: meta.vendor ?? '',
              docType: meta.docType ?? '',
              version: meta.version ?? '',
              heading: chunk.heading,
              text: chunk.text,
              chunkIndex: chunk.index,
              embedder: embedder.name,
            },
          })),
        );
        if (result.hasErrors)
          throw new Error(`Weaviate refused chunks: ${JSON.stringify(result.errors).slice(0, 500)}`);
      }
      // Chunks of an earlier version of the entry go.
      await collection.data.deleteMany(
        Filters.and(
          byEntry(collection, meta.entryId),
          collection.filter.byProperty('contentHash').notEqual(meta.contentHash),
        ),
      );
    },
    async deleteEntry(businessId: string, entryId: string): Promise<void> {
      const collection = await tenant(businessId);
      await collection.data.deleteMany(byEntry(collection, entryId));
    },
    async chunksOf(businessId: string, entryId: string): Promise<KnowledgeHit[]> {
      const collection = await tenant(businessId);
      const result = await collection.query
        .fetchObjects({ filters: byEntry(collection, entryId), limit: 1000 })
        .catch(noTenant);
      if (Array.isArray(result)) return result;
      return result.objects
        .map((o) => toHit(o.uuid, o.properties, null))
        .sort((a, b) => a.chunkIndex - b.chunkIndex)
        .map(({ chunkIndex: _index, ...hit }) => hit);
    },
    /** The chunks with these ids (a citation's title and source); ids no longer there are left out. */
    async chunksByIds(businessId: string, ids: string[]): Promise<KnowledgeHit[]> {
      const collection = await tenant(businessId);
      const result = await collection.query
        .fetchObjects({ filters: collection.filter.byId().containsAny(ids), limit: ids.length })
        .catch(noTenant);
      if (Array.isArray(result)) return result;
      const byId = new Map(result.objects.map((o) => [o.uuid, toHit(o.uuid, o.properties, null)]));
      return ids.flatMap((id) => {
        const hit = byId.get(id);
        if (!hit) return [];
        const { chunkIndex: _index, ...rest } = hit;
        return [rest];
      });
    },
    async search(options: SearchOptions): Promise<KnowledgeHit[]> {
      const collection = await tenant(options.businessId);
      const f = options.filters ?? {};
      const conditions = [
        ...(f.vendor ? [collection.filter.byProperty('vendor').equal(f.vendor)] : []),
        ...(f.docType ? [collection.filter.byProperty('docType').equal(f.docType)] : []),
        ...(f.tags?.length ? [collection.filter.byProperty('tags').containsAny(f.tags)] : []),
        ...(f.entryIds?.length ? [collection.filter.byProperty('entryId').containsAny(f.entryIds)] : []),
      ];
      const [vector] = await embedder.embed([options.query]);
      const limit = options.limit ?? 5;
      const result = await collection.query
        .hybrid(options.query, {
          vector,
          alpha: options.alpha ?? embedder.defaultAlpha,
          limit: options.rerank ? Math.min(Math.max(limit * 4, 20), 100) : limit,
          returnMetadata: ['score'],
          ...(conditions.length && { filters: Filters.and(...conditions) }),
        })
        .catch(noTenant);
      if (Array.isArray(result)) return result;
      const hits = result.objects.map((o) => toHit(o.uuid, o.properties, o.metadata?.score ?? null));
      return (options.rerank ? rerank(options.query, hits) : hits)
        .slice(0, limit)
        .filter((hit) => options.minScore === undefined || (hit.score ?? 0) >= options.minScore)
        .map(({ chunkIndex: _index, ...hit }) => hit);
    },
  };
}

export type KnowledgeStore = ReturnType<typeof createKnowledgeStore>;

function toHit(uuid: string, p: Record<string, unknown>, score: number | null) {
  return {
    chunkId: uuid,
    entryId: String(p.entryId ?? ''),
    title: String(p.title ?? ''),
    heading: String(p.heading ?? ''),
    text: String(p.text ?? ''),
    sourceUrl: p.sourceUrl ? String(p.sourceUrl) : null,
    score,
    chunkIndex: Number(p.chunkIndex ?? 0),
  };
}
