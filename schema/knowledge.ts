/**
 * The knowledge base over GraphQL: entries (a Postgres record, chunks in Weaviate), their
 * ingestion as a workflow with live status, and hybrid search with scores and sources.
 */
import { z } from 'zod';
import { BusinessConfig, KNOWLEDGE_STATUSES, KnowledgeEntry } from '../db/entities/index.ts';
import { TOPICS } from '../db/events.ts';
import {
  BrokenDocumentError,
  type DocumentType,
  extractInWorker,
  sniffDocumentType,
  UnsupportedDocumentError,
} from '../knowledge/extract/index.ts';
import type { KnowledgeHit } from '../knowledge/store.ts';
import { NotFoundError, ValidationError } from '../lib/errors.ts';
import { isUuid } from '../lib/ids.ts';
import type { KnowledgeReindexProgress } from '../workflows/definitions/knowledge.ts';
import { audited, builder } from './builder.ts';
import { BusinessConfigRef } from './business.ts';
import type { GatewayContext } from './context.ts';
import { findOwned, organizationEventIds, ownedOrNotFound } from './lookup.ts';
import { httpUrl, parseInput, refuseUnfetchable } from './validation.ts';

const KnowledgeStatusEnum = builder.enumType('KnowledgeStatus', {
  values: Object.fromEntries(KNOWLEDGE_STATUSES.map((s) => [s.toUpperCase(), { value: s }])),
});

const KnowledgeHitRef = builder.objectRef<KnowledgeHit>('KnowledgeHit').implement({
  description: 'A chunk of a knowledge entry, with its search score (null when listed, not searched).',
  fields: (t) => ({
    chunkId: t.exposeID('chunkId'),
    entryId: t.exposeID('entryId'),
    title: t.exposeString('title'),
    heading: t.exposeString('heading', { description: 'The heading path above the text.' }),
    text: t.exposeString('text'),
    sourceUrl: t.exposeString('sourceUrl', { nullable: true }),
    score: t.exposeFloat('score', { nullable: true }),
    similarity: t.exposeFloat('similarity', {
      nullable: true,
      description: 'Searched hits: cosine similarity of the chunk to the question (not relative to the other hits).',
    }),
  }),
});

const KnowledgeEntryRef = builder.objectRef<KnowledgeEntry>('KnowledgeEntry').implement({
  description: 'A document the voice agent can answer from.',
  fields: (t) => ({
    id: t.exposeID('id'),
    business: t.field({
      type: BusinessConfigRef,
      resolve: (e, _args, { em }) => em.findOneOrFail(BusinessConfig, e.business.id),
    }),
    title: t.exposeString('title'),
    source: t.string({ resolve: (e) => e.source.toUpperCase() }),
    sourceUrl: t.exposeString('sourceUrl', { nullable: true }),
    vendor: t.exposeString('vendor', { nullable: true }),
    docType: t.exposeString('docType', { nullable: true }),
    version: t.exposeString('version', { nullable: true }),
    tags: t.exposeStringList('tags'),
    contentHash: t.exposeString('contentHash', { nullable: true }),
    status: t.field({ type: KnowledgeStatusEnum, resolve: (e) => e.status }),
    error: t.exposeString('error', { nullable: true, description: 'Why processing failed.' }),
    chunkCount: t.exposeInt('chunkCount'),
    indexedAt: t.field({ type: 'DateTime', nullable: true, resolve: (e) => e.indexedAt }),
    createdAt: t.field({ type: 'DateTime', resolve: (e) => e.createdAt }),
    updatedAt: t.field({ type: 'DateTime', resolve: (e) => e.updatedAt }),
    chunks: t.field({
      type: [KnowledgeHitRef],
      description: 'The chunks in Weaviate, in document order.',
      resolve: (e, _args, { knowledge }) => knowledge.chunksOf(e.business.id, e.id),
    }),
  }),
});

const metaFields = {
  vendor: z.string().trim().min(1).max(100).nullish(),
  docType: z.string().trim().min(1).max(50).nullish(),
  version: z.string().trim().min(1).max(50).nullish(),
  tags: z.array(z.string().trim().min(1).max(50)).max(30).nullish(),
};
const createInput = z
  .object({
    businessId: z.string().refine(isUuid, 'must be a UUID'),
    title: z.string().trim().min(1).max(300).nullish(),
    text: z.string().min(1, 'must not be empty').max(1_000_000, 'must be at most 1 MB').nullish(),
    url: httpUrl.nullish(),
    ...metaFields,
  })
  .refine((i) => Boolean(i.text) !== Boolean(i.url), { message: 'give exactly one of text or url', path: ['text'] });
/** Metadata any new entry may carry. */
const uploadInput = z.object({ title: z.string().trim().min(1).max(300).nullish(), ...metaFields });
const updateInput = z.object({
  title: z.string().trim().min(1).max(300).nullish(),
  text: z.string().min(1).max(1_000_000).nullish(),
  url: httpUrl.nullish(),
  ...metaFields,
});

const KnowledgeMetaFields = (t: PothosInputFieldBuilder) => ({
  vendor: t.string({ required: false, description: 'Whose product the document is about (Twilio, OpenAI, …).' }),
  docType: t.string({ required: false, description: 'api_reference, guide, tutorial, changelog, policy, …' }),
  version: t.string({ required: false }),
  tags: t.stringList({ required: false }),
});
type PothosInputFieldBuilder = Parameters<Parameters<typeof builder.inputType>[1]['fields']>[0];

const CreateKnowledgeEntryInput = builder.inputType('CreateKnowledgeEntryInput', {
  fields: (t) => ({
    businessId: t.id({ required: true }),
    title: t.string({ required: false, description: "Defaults to the document's own title." }),
    text: t.string({ required: false, description: 'Markdown or plain text; give this or `url`.' }),
    url: t.string({ required: false, description: 'A page or file (HTML, PDF, DOCX, Markdown, text) to fetch.' }),
    ...KnowledgeMetaFields(t),
  }),
});
const UpdateKnowledgeEntryInput = builder.inputType('UpdateKnowledgeEntryInput', {
  fields: (t) => ({
    title: t.string({ required: false }),
    text: t.string({ required: false, description: 'New content (text entries only).' }),
    url: t.string({ required: false, description: 'A new address to fetch (URL entries only).' }),
    ...KnowledgeMetaFields(t),
  }),
});
const KnowledgeFilter = builder.inputType('KnowledgeFilter', {
  fields: (t) => ({
    status: t.field({ type: KnowledgeStatusEnum, required: false }),
    vendor: t.string({ required: false }),
    docType: t.string({ required: false }),
    tag: t.string({ required: false }),
  }),
});
const SearchFilter = builder.inputType('KnowledgeSearchFilter', {
  fields: (t) => ({
    vendor: t.string({ required: false }),
    docType: t.string({ required: false }),
    tags: t.stringList({ required: false, description: 'Chunks with any of these tags.' }),
  }),
});

/** (Re)ingests an entry; a newer request replaces one still running for the same entry. */
async function ingest(ctx: GatewayContext, entryId: string) {
  await ctx.workflows.ingestKnowledgeEntry(entryId);
}

/** Records a new entry with its metadata and starts its ingestion. */
async function addEntry(
  ctx: GatewayContext,
  business: BusinessConfig,
  meta: z.infer<typeof uploadInput>,
  source: Pick<KnowledgeEntry, 'source' | 'sourceUrl' | 'content' | 'mimeType'>,
): Promise<KnowledgeEntry> {
  const entry = ctx.em.create(KnowledgeEntry, {
    ...source,
    organization: business.organization,
    business,
    title: meta.title ?? '',
    vendor: meta.vendor ?? null,
    docType: meta.docType ?? null,
    version: meta.version ?? null,
    tags: [...new Set(meta.tags ?? [])],
  });
  await ctx.em.flush();
  await ingest(ctx, entry.id);
  return entry;
}

/** A business's knowledge embeddings: which embedder is configured, and how far re-embedding has come. */
interface KnowledgeReindexView {
  embedder: string;
  /** Chunks still carrying vectors of another embedder. */
  staleChunks: number;
  progress: KnowledgeReindexProgress | null;
}

const KnowledgeReindexRef = builder.objectRef<KnowledgeReindexView>('KnowledgeReindex').implement({
  description:
    'Vectors of a business’s knowledge: chunks embedded by another embedder than the configured one are ' +
    're-embedded by a reindex workflow (`knowledge-reindex-<business>`), which starts on its own when the ' +
    'worker finds them, or by `reindexKnowledge`.',
  fields: (t) => ({
    embedder: t.exposeString('embedder', { description: 'The configured embedder, e.g. use-lite-512.' }),
    staleChunks: t.exposeInt('staleChunks'),
    status: t.string({
      description: '`current` (nothing to re-embed), `running` or `pending` (stale chunks, no reindex running).',
      resolve: (r) => (r.progress?.status === 'running' ? 'running' : r.staleChunks ? 'pending' : 'current'),
    }),
    totalChunks: t.int({
      nullable: true,
      description: 'Chunks to re-embed when the latest reindex started.',
      resolve: (r) => r.progress?.totalChunks ?? null,
    }),
    reembeddedChunks: t.int({ nullable: true, resolve: (r) => r.progress?.reembeddedChunks ?? null }),
  }),
});

const reindexView = async (ctx: GatewayContext, businessId: string): Promise<KnowledgeReindexView> => ({
  embedder: ctx.knowledge.embedder.name,
  staleChunks: await ctx.knowledge.staleChunkCount(businessId),
  progress: await ctx.workflows.knowledgeReindexProgress(businessId),
});

builder.queryFields((t) => ({
  knowledgeReindex: t.field({
    type: KnowledgeReindexRef,
    description: "Which embedder a business's knowledge uses, and the progress of re-embedding it.",
    authScopes: { permission: 'knowledge:read' },
    errors: { types: [NotFoundError] },
    args: { businessId: t.arg.id({ required: true }) },
    resolve: async (_root, { businessId }, ctx) =>
      reindexView(ctx, (await ownedOrNotFound(ctx, BusinessConfig, businessId)).id),
  }),
  knowledgeEntries: t.field({
    type: [KnowledgeEntryRef],
    description: "A business's knowledge entries, newest first.",
    authScopes: { permission: 'knowledge:read' },
    errors: { types: [NotFoundError] },
    args: {
      businessId: t.arg.id({ required: true }),
      filter: t.arg({ type: KnowledgeFilter }),
      first: t.arg.int({ defaultValue: 100 }),
    },
    resolve: async (_root, { businessId, filter, first }, ctx) => {
      const business = await ownedOrNotFound(ctx, BusinessConfig, businessId);
      return ctx.em.find(
        KnowledgeEntry,
        {
          business: business.id,
          ...(filter?.status && { status: filter.status }),
          ...(filter?.vendor && { vendor: filter.vendor }),
          ...(filter?.docType && { docType: filter.docType }),
          ...(filter?.tag && { tags: { $contains: [filter.tag] } }),
        },
        { orderBy: { createdAt: 'desc' }, limit: Math.min(Math.max(first ?? 100, 1), 500) },
      );
    },
  }),
  knowledgeEntry: t.field({
    type: KnowledgeEntryRef,
    nullable: true,
    authScopes: { permission: 'knowledge:read' },
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, { id }, ctx) => findOwned(ctx, KnowledgeEntry, id),
  }),
  searchKnowledge: t.field({
    type: [KnowledgeHitRef],
    description:
      "Hybrid search (BM25 and vectors) of a business's knowledge: best first, with scores and sources. " +
      '`alpha` 0 is keywords only, 1 vectors only; by default 0.6 with the local sentence encoder, 0.5 with OpenAI embeddings. ' +
      'Spoken filler is dropped and spoken numbers and spelled letters written as text before searching.',
    authScopes: { permission: 'knowledge:read' },
    errors: { types: [NotFoundError, ValidationError] },
    args: {
      businessId: t.arg.id({ required: true }),
      query: t.arg.string({ required: true }),
      limit: t.arg.int({ defaultValue: 5 }),
      alpha: t.arg.float(),
      minScore: t.arg.float({ description: 'Drops hits scoring below this (the reranked score when reranking).' }),
      rerank: t.arg.boolean({
        defaultValue: true,
        description: 'Reorder more candidates against the question (term coverage and proximity).',
      }),
      filter: t.arg({ type: SearchFilter }),
    },
    resolve: async (_root, args, ctx) => {
      const input = parseInput(
        z.object({
          query: z.string().trim().min(1, 'must not be empty').max(500),
          limit: z.number().int().min(1).max(50),
          alpha: z.number().min(0).max(1).optional(),
        }),
        { query: args.query, limit: args.limit ?? 5, alpha: args.alpha ?? undefined },
      );
      const business = await ownedOrNotFound(ctx, BusinessConfig, args.businessId);
      return ctx.knowledge.search({
        businessId: business.id,
        ...input,
        minScore: args.minScore ?? undefined,
        rerank: args.rerank ?? true,
        filters: {
          vendor: args.filter?.vendor ?? undefined,
          docType: args.filter?.docType ?? undefined,
          tags: args.filter?.tags ?? undefined,
        },
      });
    },
  }),
}));

const UPLOAD_MIME: Record<DocumentType, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  html: 'text/html',
  markdown: 'text/markdown',
  text: 'text/plain',
};

const UploadKnowledgeInput = builder.inputType('UploadKnowledgeInput', {
  fields: (t) => ({
    title: t.string({ required: false, description: "Defaults to the document's own title." }),
    ...KnowledgeMetaFields(t),
  }),
});

builder.mutationFields((t) => ({
  uploadKnowledgeDocument: t.field({
    type: KnowledgeEntryRef,
    description:
      'Adds a PDF, DOCX, HTML, Markdown or text file (GraphQL multipart request, up to MAX_UPLOAD_BYTES). ' +
      'The type is read from the bytes; an unsupported or unreadable file (a decompression bomb too) is refused at once.',
    authScopes: { permission: 'knowledge:write' },
    errors: { types: [ValidationError, NotFoundError] },
    args: {
      businessId: t.arg.id({ required: true }),
      file: t.arg({ type: 'File', required: true }),
      input: t.arg({ type: UploadKnowledgeInput }),
    },
    resolve: audited('KnowledgeEntry', async (_root, args, ctx) => {
      const input = parseInput(uploadInput, args.input ?? {});
      const business = await ownedOrNotFound(ctx, BusinessConfig, args.businessId);
      const bytes = new Uint8Array(await args.file.arrayBuffer());
      const hints = { filename: args.file.name, contentType: args.file.type || undefined };
      let type: DocumentType;
      try {
        type = sniffDocumentType(bytes, hints);
        // Read it now (in a bounded worker thread), so a broken file is refused with the reason instead of failing later.
        await extractInWorker(bytes, { ...hints, type }, ctx.config.knowledge);
      } catch (error) {
        if (error instanceof UnsupportedDocumentError || error instanceof BrokenDocumentError) {
          throw new ValidationError([{ field: 'file', message: error.message }]);
        }
        throw error;
      }
      return addEntry(ctx, business, input, {
        source: 'upload',
        sourceUrl: null,
        content: Buffer.from(bytes),
        mimeType: UPLOAD_MIME[type],
      });
    }),
  }),
  createKnowledgeEntry: t.field({
    type: KnowledgeEntryRef,
    description: 'Adds a document from text or a URL; it is processed in the background (watch `status`).',
    authScopes: { permission: 'knowledge:write' },
    errors: { types: [ValidationError, NotFoundError] },
    args: { input: t.arg({ type: CreateKnowledgeEntryInput, required: true }) },
    resolve: audited('KnowledgeEntry', async (_root, args, ctx) => {
      const input = parseInput(createInput, args.input);
      await refuseUnfetchable(ctx.config, { url: input.url });
      const business = await ownedOrNotFound(ctx, BusinessConfig, input.businessId);
      return addEntry(ctx, business, input, {
        source: input.url ? 'url' : 'text',
        sourceUrl: input.url ?? null,
        content: input.text ? Buffer.from(input.text) : null,
        mimeType: input.text ? 'text/markdown' : null,
      });
    }),
  }),
  updateKnowledgeEntry: t.field({
    type: KnowledgeEntryRef,
    description: 'Changes an entry and re-indexes it (an unchanged result writes nothing).',
    authScopes: { permission: 'knowledge:write' },
    errors: { types: [ValidationError, NotFoundError] },
    args: { id: t.arg.id({ required: true }), input: t.arg({ type: UpdateKnowledgeEntryInput, required: true }) },
    resolve: audited('KnowledgeEntry', async (_root, args, ctx) => {
      const input = parseInput(updateInput, args.input);
      const entry = await ownedOrNotFound(ctx, KnowledgeEntry, args.id);
      if (input.text && entry.source !== 'text') {
        throw new ValidationError([{ field: 'text', message: 'only text entries take new text' }]);
      }
      if (input.url && entry.source !== 'url') {
        throw new ValidationError([{ field: 'url', message: 'only URL entries take a new url' }]);
      }
      await refuseUnfetchable(ctx.config, { url: input.url });
      if (input.title) entry.title = input.title;
      if (input.text) entry.content = Buffer.from(input.text);
      if (input.url) entry.sourceUrl = input.url;
      if (input.vendor !== undefined) entry.vendor = input.vendor;
      if (input.docType !== undefined) entry.docType = input.docType;
      if (input.version !== undefined) entry.version = input.version;
      if (input.tags) entry.tags = [...new Set(input.tags)];
      await ctx.em.flush();
      await ingest(ctx, entry.id);
      return entry;
    }),
  }),
  reindexKnowledgeEntry: t.field({
    type: KnowledgeEntryRef,
    description: 'Processes an entry again (a URL is fetched again); unchanged content writes nothing.',
    authScopes: { permission: 'knowledge:write' },
    errors: { types: [NotFoundError] },
    args: { id: t.arg.id({ required: true }) },
    resolve: audited('KnowledgeEntry', async (_root, { id }, ctx) => {
      const entry = await ownedOrNotFound(ctx, KnowledgeEntry, id);
      await ingest(ctx, entry.id);
      return entry;
    }),
  }),
  reindexKnowledge: t.field({
    type: KnowledgeReindexRef,
    description: 'Re-embeds the chunks of a business that another embedder wrote (joins a reindex already running).',
    authScopes: { permission: 'knowledge:write' },
    errors: { types: [NotFoundError] },
    args: { businessId: t.arg.id({ required: true }) },
    resolve: audited('BusinessConfig', async (_root, { businessId }, ctx) => {
      const business = await ownedOrNotFound(ctx, BusinessConfig, businessId);
      await ctx.workflows.reindexKnowledge(business.id);
      return reindexView(ctx, business.id);
    }),
  }),
  deleteKnowledgeEntry: t.field({
    type: KnowledgeEntryRef,
    description: 'Deletes an entry and its chunks.',
    authScopes: { permission: 'knowledge:write' },
    errors: { types: [NotFoundError] },
    args: { id: t.arg.id({ required: true }) },
    resolve: audited('KnowledgeEntry', async (_root, { id }, ctx) => {
      const entry = await ownedOrNotFound(ctx, KnowledgeEntry, id);
      await ctx.workflows.stopKnowledgeIngest(entry.id);
      await ctx.knowledge.deleteEntry(entry.business.id, entry.id);
      await ctx.em.remove(entry).flush();
      return entry;
    }),
  }),
}));

builder.subscriptionFields((t) => ({
  knowledgeEntryChanged: t.field({
    type: KnowledgeEntryRef,
    description: "An entry's processing status changed (processing, ready, failed).",
    authScopes: { permission: 'knowledge:read' },
    args: { businessId: t.arg.id({ required: true }) },
    subscribe: (_root, { businessId }, ctx) => {
      if (!isUuid(businessId)) throw new ValidationError([{ field: 'businessId', message: 'must be a UUID' }]);
      return organizationEventIds<{ organizationId: string; businessId: string; entryId: string }>(
        ctx,
        { topic: TOPICS.knowledge },
        (p) => p.entryId,
        (p) => p.businessId === businessId,
      );
    },
    // refresh: the connection's entity manager would otherwise answer its first copy every time.
    resolve: async (entryId, _args, { em }) =>
      em.findOneOrFail(KnowledgeEntry, entryId as unknown as string, { refresh: true }),
  }),
}));
