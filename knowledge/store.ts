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
import { normaliseSpokenQuery } from './spoken-query.ts';

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
  /**
   * Cosine similarity of the chunk's vector to the question's (search hits only): unlike `score`,
   * which is relative to the other candidates, it says how close the best hit really is.
   */
  similarity: number | null;
}

/** What an agent's line cites of a hit: enough for a supervisor to open the source and see how close it was. */
export interface KnowledgeCitation {
  chunkId: string;
  entryId: string;
  title: string;
  heading: string;
  sourceUrl: string | null;
  score: number | null;
  similarity: number | null;
}

export const citationOf = ({ chunkId, entryId, title, heading, sourceUrl, score, similarity }: KnowledgeHit) => ({
  chunkId,
  entryId,
  title,
  heading,
  sourceUrl,
  score,
  similarity,
});

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
  /** Drops filler and writes spoken numbers and spelled letters as text first (./spoken-query.ts); default true. */
  normaliseSpeech?: boolean;
}

export const chunkId = (entryId: string, hash: string, index: number) =>
  uuidFor('knowledge-chunk', `${entryId}:${hash}:${index}`);

/**
 * Chunks live in one collection per embedder, because vectors of different sizes cannot share an
 * index: `KnowledgeChunk_<embedder>`. `KnowledgeChunk`, from before there was one per embedder,
 * holds the chunks of whichever embedder was configured then; like any other embedder's collection
 * it is emptied into the current one by the reindex workflow (../workflows/knowledge-reindex.ts).
 */
export const LEGACY_COLLECTION = 'KnowledgeChunk';
export const collectionFor = (embedderName: string) => `KnowledgeChunk_${embedderName.replace(/[^A-Za-z0-9]/g, '_')}`;

const PROPERTIES = [
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
] as const;

export function createKnowledgeStore(client: WeaviateClient, embedder: Embedder) {
  const collectionName = collectionFor(embedder.name);
  let ensured: Promise<void> | undefined;
  /** Creates the current embedder's collection once (a concurrent creator winning the race is fine). */
  const ensureCollection = () =>
    (ensured ??= (async () => {
      if (await client.collections.exists(collectionName)) return;
      await client.collections
        .create({
          name: collectionName,
          multiTenancy: weaviate.configure.multiTenancy({ enabled: true, autoTenantCreation: true }),
          properties: PROPERTIES.map((p) => ({ ...p })),
        })
        .catch(async (error: unknown) => {
          if (!(await client.collections.exists(collectionName))) throw error;
        });
    })().catch((error: unknown) => {
      ensured = undefined;
      throw error;
    }));
  const tenant = async (businessId: string) => {
    await ensureCollection();
    return client.collections.use(collectionName).withTenant(businessId);
  };
  /** The business's chunks in the collections of other embedders (what a reindex still has to move). */
  const staleTenants = async (businessId: string) =>
    (await client.collections.listAll())
      .map((c) => c.name)
      .filter((name) => (name === LEGACY_COLLECTION || name.startsWith('KnowledgeChunk_')) && name !== collectionName)
      .sort()
      .map((name) => client.collections.use(name).withTenant(businessId));
  /** A business that never had knowledge has no tenant yet: it simply finds nothing. */
  const noTenant = (error: unknown): never[] => {
    if (/tenant not found|not found/i.test((error as Error).message)) return [];
    throw error;
  };
  type Tenant = Awaited<ReturnType<typeof tenant>>;
  const byEntry = (collection: Tenant, entryId: string) => collection.filter.byProperty('entryId').equal(entryId);
  const fetchHits = async (collection: Tenant, options: Parameters<Tenant['query']['fetchObjects']>[0]) => {
    const result = await collection.query.fetchObjects(options).catch(noTenant);
    return Array.isArray(result) ? [] : result.objects.map((o) => toHit(o.uuid, o.properties, null));
  };
  const withoutIndex = ({ chunkIndex: _index, ...hit }: ReturnType<typeof toHit>): KnowledgeHit => hit;

  return {
    embedder,
    collectionName,
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
      // Chunks of an earlier version of the entry go, and so do those another embedder wrote.
      await collection.data.deleteMany(
        Filters.and(
          byEntry(collection, meta.entryId),
          collection.filter.byProperty('contentHash').notEqual(meta.contentHash),
        ),
      );
      for (const stale of await staleTenants(businessId))
        await stale.data.deleteMany(byEntry(stale, meta.entryId)).catch(noTenant);
    },
    async deleteEntry(businessId: string, entryId: string): Promise<void> {
      for (const collection of [await tenant(businessId), ...(await staleTenants(businessId))])
        await collection.data.deleteMany(byEntry(collection, entryId)).catch(noTenant);
    },
    /** An entry's chunks in order (from another embedder's collection while a reindex has not moved them). */
    async chunksOf(businessId: string, entryId: string): Promise<KnowledgeHit[]> {
      for (const collection of [await tenant(businessId), ...(await staleTenants(businessId))]) {
        const hits = await fetchHits(collection, { filters: byEntry(collection, entryId), limit: 1000 });
        if (hits.length) return hits.sort((a, b) => a.chunkIndex - b.chunkIndex).map(withoutIndex);
      }
      return [];
    },
    /** The chunks with these ids (a citation's title and source); ids no longer there are left out. */
    async chunksByIds(businessId: string, ids: string[]): Promise<KnowledgeHit[]> {
      const byId = new Map<string, KnowledgeHit>();
      for (const collection of [await tenant(businessId), ...(await staleTenants(businessId))]) {
        const missing = ids.filter((id) => !byId.has(id));
        if (!missing.length) break;
        const hits = await fetchHits(collection, {
          filters: collection.filter.byId().containsAny(missing),
          limit: missing.length,
        });
        for (const hit of hits) byId.set(hit.chunkId, withoutIndex(hit));
      }
      return ids.flatMap((id) => byId.get(id) ?? []);
    },
    /** How many of the business's chunks carry vectors of another embedder than the configured one. */
    async staleChunkCount(businessId: string): Promise<number> {
      let count = 0;
      for (const stale of await staleTenants(businessId)) {
        const result = await stale.aggregate.overAll().catch(noTenant);
        if (!Array.isArray(result)) count += result.totalCount;
      }
      return count;
    },
    /** Up to `limit` entries that still have chunks another embedder wrote. */
    async staleEntryIds(businessId: string, limit: number): Promise<string[]> {
      const ids = new Set<string>();
      for (const stale of await staleTenants(businessId)) {
        const result = await stale.query
          .fetchObjects({ returnProperties: ['entryId'], limit: limit * 50 })
          .catch(noTenant);
        if (!Array.isArray(result)) for (const o of result.objects) ids.add(String(o.properties.entryId));
        if (ids.size >= limit) break;
      }
      return [...ids].slice(0, limit);
    },
    /**
     * Moves up to `batch` of an entry's chunks that another embedder wrote into the current
     * collection: same ids and properties, vectors of the current embedder. Written before the old
     * copies are deleted, so it is safe to repeat; 0 once the entry is done.
     */
    async reembedStaleChunks(businessId: string, entryId: string, batch: number): Promise<number> {
      const collection = await tenant(businessId);
      for (const stale of await staleTenants(businessId)) {
        const result = await stale.query
          .fetchObjects({ filters: byEntry(stale, entryId), limit: batch })
          .catch(noTenant);
        if (Array.isArray(result) || !result.objects.length) continue;
        const vectors = await embedder.embed(result.objects.map((o) => String(o.properties.text ?? '')));
        const written = await collection.data.insertMany(
          result.objects.map((o, i) => ({
            id: o.uuid,
            vectors: vectors[i],
            properties: { ...o.properties, embedder: embedder.name },
          })),
        );
        if (written.hasErrors)
          throw new Error(`Weaviate refused chunks: ${JSON.stringify(written.errors).slice(0, 500)}`);
        await stale.data.deleteMany(stale.filter.byId().containsAny(result.objects.map((o) => o.uuid)));
        return result.objects.length;
      }
      return 0;
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
      const query = options.normaliseSpeech === false ? options.query : normaliseSpokenQuery(options.query);
      const [vector] = await embedder.embed([query]);
      const limit = options.limit ?? 5;
      const result = await collection.query
        .hybrid(query, {
          vector,
          alpha: options.alpha ?? embedder.defaultAlpha,
          limit: options.rerank ? Math.min(Math.max(limit * 4, 20), 100) : limit,
          returnMetadata: ['score'],
          includeVector: true,
          ...(conditions.length && { filters: Filters.and(...conditions) }),
        })
        .catch(noTenant);
      if (Array.isArray(result)) return result;
      const hits = result.objects.map((o) =>
        toHit(
          o.uuid,
          o.properties,
          o.metadata?.score ?? null,
          cosine(vector!, o.vectors?.default as number[] | undefined),
        ),
      );
      return (options.rerank ? rerank(query, hits) : hits)
        .slice(0, limit)
        .filter((hit) => options.minScore === undefined || (hit.score ?? 0) >= options.minScore)
        .map(({ chunkIndex: _index, ...hit }) => hit);
    },
  };
}

export type KnowledgeStore = ReturnType<typeof createKnowledgeStore>;

/** Both vectors are unit length (every embedder normalises), so the dot product is the cosine. */
function cosine(a: number[], b: number[] | undefined): number | null {
  if (!b || b.length !== a.length) return null;
  let dot = 0;
  for (let i = 0; i < a.length; i++) dot += a[i]! * b[i]!;
  return dot;
}

function toHit(uuid: string, p: Record<string, unknown>, score: number | null, similarity: number | null = null) {
  return {
    chunkId: uuid,
    entryId: String(p.entryId ?? ''),
    title: String(p.title ?? ''),
    heading: String(p.heading ?? ''),
    text: String(p.text ?? ''),
    sourceUrl: p.sourceUrl ? String(p.sourceUrl) : null,
    score,
    similarity,
    chunkIndex: Number(p.chunkIndex ?? 0),
  };
}
