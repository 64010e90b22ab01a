import { ApplicationFailure, heartbeat } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import { KnowledgeEntry, type KnowledgeStatus } from '../db/entities/index.ts';
import { publishEvent, TOPICS } from '../db/events.ts';
import type { Orm } from '../db/orm.ts';
import { type Chunk, chunkBlocks, contentHash } from '../knowledge/chunk.ts';
import {
  BrokenDocumentError,
  type DocumentHints,
  type DocumentType,
  type ExtractedDocument,
  type ExtractionLimits,
  extractInWorker,
  UnsupportedDocumentError,
} from '../knowledge/extract/index.ts';
import {
  FetchPolicy,
  FetchRefusedError,
  fetchLimited,
  TooLargeError,
  TooManyRedirectsError,
} from '../knowledge/fetch.ts';
import type { ChunkMetadata, KnowledgeStore } from '../knowledge/store.ts';
import type { Config } from '../lib/config.ts';
import {
  KNOWLEDGE_REINDEX_WORKFLOW_TYPE,
  type KnowledgeReindexWorkflow,
  knowledgeReindexWorkflowId,
} from '../workflows/definitions/knowledge.ts';
import { searchAttributes } from '../workflows/definitions/search-attributes.ts';

export const MAX_FETCH_BYTES = 10 * 1024 * 1024;
/** Chunks re-embedded between heartbeats (about 100 ms each with the local sentence encoder). */
const REEMBED_BATCH = 32;

export interface KnowledgeActivityDeps {
  orm: Orm;
  knowledge: KnowledgeStore;
  config: Pick<Config, 'knowledge'>;
}

export type PreparedEntry =
  | { unchanged: true }
  | { unchanged: false; businessId: string; hash: string; chunks: Chunk[]; meta: EntryMeta };

/** What every chunk of an entry carries, besides the entry id and content hash. */
export type EntryMeta = Omit<ChunkMetadata, 'entryId' | 'contentHash'>;

/** Failures of a fetch that no retry can fix: a refused address, a redirect loop, a body over the cap. */
export function isPermanentFetchError(
  error: unknown,
): error is FetchRefusedError | TooManyRedirectsError | TooLargeError {
  return error instanceof FetchRefusedError || error instanceof TooManyRedirectsError || error instanceof TooLargeError;
}

/** Fetches a URL entry's document through the policy, with a size cap and a timeout. */
async function fetchDocument(
  url: string,
  policy: FetchPolicy,
): Promise<{ bytes: Uint8Array; contentType: string | null }> {
  let page: Awaited<ReturnType<typeof fetchLimited>>;
  try {
    page = await fetchLimited(url, { policy, maxBytes: MAX_FETCH_BYTES, timeoutMs: 15_000 });
  } catch (error) {
    if (isPermanentFetchError(error)) throw ApplicationFailure.nonRetryable(error.message, error.code);
    throw error;
  }
  if (page.status >= 400) {
    const permanent = page.status < 500 && page.status !== 429;
    const message = `fetching ${url} answered HTTP ${page.status}`;
    throw permanent ? ApplicationFailure.nonRetryable(message, 'FetchFailed') : new Error(message);
  }
  return { bytes: page.bytes, contentType: page.headers.get('content-type') };
}

/**
 * Extracts, chunks and hashes a document: the hash covers the metadata and the chunks' text, so it
 * changes exactly when what would be written to Weaviate changes. An unsupported or broken document
 * fails for good (no retry can fix it).
 */
export async function digestDocument(
  bytes: Uint8Array,
  hints: DocumentHints & { type?: DocumentType },
  meta: Omit<EntryMeta, 'title'> & { title: string | null },
  limits: ExtractionLimits,
): Promise<{ meta: EntryMeta; chunks: Chunk[]; hash: string }> {
  let extracted: ExtractedDocument;
  try {
    extracted = await extractInWorker(bytes, hints, limits);
  } catch (error) {
    if (error instanceof UnsupportedDocumentError || error instanceof BrokenDocumentError) {
      throw ApplicationFailure.nonRetryable(error.message, error.code);
    }
    throw error;
  }
  const full: EntryMeta = { ...meta, title: meta.title || extracted.title || 'Untitled' };
  const chunks = chunkBlocks(extracted.blocks);
  return { meta: full, chunks, hash: contentHash(JSON.stringify([full, chunks.map((c) => c.text)])) };
}

/** Tells subscribers (the console's knowledge page) an entry's status changed. */
export async function publishEntry(orm: Orm, entry: KnowledgeEntry): Promise<void> {
  await publishEvent(orm.em.fork(), {
    topic: TOPICS.knowledge,
    key: entry.id,
    payload: {
      type: 'status',
      organizationId: entry.organization.id,
      businessId: entry.business.id,
      entryId: entry.id,
      status: entry.status,
      chunkCount: entry.chunkCount,
      error: entry.error ?? null,
    },
  });
}

/**
 * Starts a reindex for every business whose chunks another embedder wrote (the configured embedder
 * changed since they were indexed). The worker runs this once it is up; `start` joins a reindex
 * already running for the business.
 */
/** Starts (or finds running) a business's reindex: `knowledge-reindex-<business>`, one at a time. */
export const knowledgeReindexStarter = (client: Client, taskQueue: string) => (businessId: string) =>
  client.workflow.start<KnowledgeReindexWorkflow>(KNOWLEDGE_REINDEX_WORKFLOW_TYPE, {
    taskQueue,
    workflowId: knowledgeReindexWorkflowId(businessId),
    args: [{ businessId }],
    workflowIdConflictPolicy: 'USE_EXISTING',
    typedSearchAttributes: [{ key: searchAttributes.businessId, value: businessId }],
  });

export async function startStaleReindexes(deps: {
  orm: Orm;
  knowledge: KnowledgeStore;
  start: (businessId: string) => Promise<unknown>;
}): Promise<string[]> {
  const rows = await deps.orm.em
    .fork()
    .getConnection()
    .execute<{ business_id: string }[]>('select distinct business_id from knowledge_entry');
  const started: string[] = [];
  for (const { business_id: businessId } of rows) {
    if (!(await deps.knowledge.staleChunkCount(businessId))) continue;
    await deps.start(businessId);
    started.push(businessId);
  }
  return started;
}

/** Knowledge ingestion for its workflow: each step safe to repeat. */
export function createKnowledgeActivities({ orm, knowledge, config }: KnowledgeActivityDeps) {
  const policy = new FetchPolicy(config.knowledge.fetchAllowedHosts);
  const publish = (entry: KnowledgeEntry) => publishEntry(orm, entry);
  const setStatus = async (
    entryId: string,
    change: Partial<Pick<KnowledgeEntry, 'status' | 'error' | 'chunkCount' | 'contentHash' | 'indexedAt'>>,
  ) => {
    const em = orm.em.fork();
    const entry = await em.findOneOrFail(KnowledgeEntry, entryId);
    Object.assign(entry, change);
    await em.flush();
    await publish(entry);
  };
  return {
    /** Reads, extracts and chunks the document; says when it is unchanged since the last indexing. */
    async prepareKnowledgeEntry(input: { entryId: string }): Promise<PreparedEntry> {
      const em = orm.em.fork();
      const entry = await em.findOneOrFail(KnowledgeEntry, input.entryId, { populate: ['content'] });
      let bytes: Uint8Array | undefined = entry.content ? new Uint8Array(entry.content) : undefined;
      let contentType = entry.mimeType ?? undefined;
      if (entry.source === 'url' && entry.sourceUrl) {
        const fetched = await fetchDocument(entry.sourceUrl, policy);
        bytes = fetched.bytes;
        contentType = fetched.contentType ?? undefined;
      }
      if (!bytes) throw ApplicationFailure.nonRetryable('the entry has no content', 'NoContent');
      const { meta, chunks, hash } = await digestDocument(
        bytes,
        {
          contentType,
          filename: entry.sourceUrl ?? undefined,
          ...(entry.source === 'text' && { type: 'markdown' as const }),
        },
        {
          title: entry.title,
          sourceUrl: entry.sourceUrl ?? null,
          vendor: entry.vendor ?? null,
          docType: entry.docType ?? null,
          version: entry.version ?? null,
          tags: entry.tags,
        },
        config.knowledge,
      );
      if (hash === entry.contentHash && entry.status === 'ready') return { unchanged: true };
      entry.status = 'processing';
      if (!entry.title) entry.title = meta.title.slice(0, 300);
      if (entry.source === 'url') {
        entry.content = Buffer.from(bytes);
        entry.mimeType = contentType?.slice(0, 100) ?? null;
      }
      await em.flush();
      await publish(entry);
      return { unchanged: false, businessId: entry.business.id, hash, chunks, meta };
    },
    /** Writes the chunks to the business's tenant (deterministic ids: a repeat writes the same). */
    async indexKnowledgeEntry(input: {
      entryId: string;
      businessId: string;
      hash: string;
      chunks: Chunk[];
      meta: EntryMeta;
    }) {
      await knowledge.replaceChunks(
        input.businessId,
        { ...input.meta, entryId: input.entryId, contentHash: input.hash },
        input.chunks,
      );
    },
    /** The embedder a reindex writes with, and how many chunks another one wrote. */
    async startKnowledgeReindex(input: { businessId: string }): Promise<{ embedder: string; totalChunks: number }> {
      return { embedder: knowledge.embedder.name, totalChunks: await knowledge.staleChunkCount(input.businessId) };
    },
    async staleKnowledgeEntries(input: { businessId: string; limit: number }): Promise<string[]> {
      return knowledge.staleEntryIds(input.businessId, input.limit);
    },
    /** Re-embeds an entry's stale chunks in batches, heartbeating between them; how many it re-embedded. */
    async reembedKnowledgeEntry(input: { businessId: string; entryId: string }): Promise<number> {
      let total = 0;
      for (;;) {
        const done = await knowledge.reembedStaleChunks(input.businessId, input.entryId, REEMBED_BATCH);
        if (!done) return total;
        total += done;
        heartbeat({ reembedded: total });
      }
    },
    async finishKnowledgeEntry(input: {
      entryId: string;
      status: KnowledgeStatus;
      hash?: string;
      chunkCount?: number;
      error?: string;
    }) {
      await setStatus(input.entryId, {
        status: input.status,
        error: input.error ?? null,
        ...(input.hash !== undefined && { contentHash: input.hash, indexedAt: new Date() }),
        ...(input.chunkCount !== undefined && { chunkCount: input.chunkCount }),
      });
    },
  };
}
