/**
 * Documentation sync over GraphQL: sources (a site to keep in a business's knowledge), their runs
 * with live progress, start and cancel, presets, and a Temporal schedule per source.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  BusinessConfig,
  DOC_SYNC_STATUSES,
  DocSource,
  DocSyncRun,
  type DocTypeRule,
  KnowledgeEntry,
  NEW_RUN,
} from '../db/entities/index.ts';
import { TOPICS } from '../db/events.ts';
import { safeRegExp } from '../knowledge/crawl.ts';
import { DOC_SYNC_PRESETS, type DocSyncPreset } from '../knowledge/presets.ts';
import { ConflictError, NotFoundError, ValidationError } from '../lib/errors.ts';
import { isUuid } from '../lib/ids.ts';
import { type DocSyncError, docSyncWorkflowId, STALE_RUN_MS } from '../workflows/definitions/doc-sync.ts';
import { audited, builder } from './builder.ts';
import type { GatewayContext } from './context.ts';
import { findOwned, organizationEventIds, ownedOrNotFound } from './lookup.ts';
import { httpUrl, parseInput, refuseUnfetchable } from './validation.ts';

const DocSyncStatusEnum = builder.enumType('DocSyncStatus', {
  values: Object.fromEntries(DOC_SYNC_STATUSES.map((s) => [s.toUpperCase(), { value: s }])),
});

const DocTypeRuleRef = builder.objectRef<DocTypeRule>('DocTypeRule').implement({
  description: 'Pages whose URL matches `pattern` (a regular expression, case-insensitive) get `docType`.',
  fields: (t) => ({ pattern: t.exposeString('pattern'), docType: t.exposeString('docType') }),
});
const DocSyncErrorRef = builder.objectRef<DocSyncError>('DocSyncError').implement({
  fields: (t) => ({ url: t.exposeString('url'), message: t.exposeString('message') }),
});
const DocSyncPresetRef = builder.objectRef<DocSyncPreset>('DocSyncPreset').implement({
  description: 'A documentation site that ships configured (knowledge/doc-sync-presets.json).',
  fields: (t) => ({
    key: t.exposeString('key'),
    name: t.exposeString('name'),
    vendor: t.exposeString('vendor'),
    startUrl: t.exposeString('startUrl'),
    allowedPrefixes: t.exposeStringList('allowedPrefixes'),
    sitemapUrl: t.exposeString('sitemapUrl', { nullable: true }),
    docTypeRules: t.field({ type: [DocTypeRuleRef], resolve: (p) => p.docTypeRules }),
  }),
});

const DocSyncRunRef = builder.objectRef<DocSyncRun>('DocSyncRun').implement({
  description:
    'One sync of a source. `found` counts in-scope URLs discovered; `fetched` the requests answered so far ' +
    '(of which `indexed`, `unchanged`, `failed` and `removed`); `skipped` URLs were left out (robots.txt, noindex, redirects).',
  fields: (t) => ({
    id: t.exposeID('id'),
    status: t.field({ type: DocSyncStatusEnum, resolve: (r) => r.status }),
    trigger: t.string({ resolve: (r) => r.trigger.toUpperCase(), description: 'MANUAL or SCHEDULE.' }),
    workflowId: t.exposeString('workflowId', { description: 'The Temporal workflow doing the sync.' }),
    found: t.exposeInt('found'),
    fetched: t.exposeInt('fetched'),
    indexed: t.exposeInt('indexed'),
    unchanged: t.exposeInt('unchanged'),
    failed: t.exposeInt('failed'),
    removed: t.exposeInt('removed'),
    skipped: t.exposeInt('skipped'),
    errors: t.field({ type: [DocSyncErrorRef], resolve: (r) => r.errors, description: 'The latest 50 errors.' }),
    startedAt: t.field({ type: 'DateTime', resolve: (r) => r.startedAt }),
    finishedAt: t.field({ type: 'DateTime', nullable: true, resolve: (r) => r.finishedAt }),
  }),
});

const DocSourceRef = builder.objectRef<DocSource>('DocSource').implement({
  description: "A documentation site kept in sync with a business's knowledge; each page becomes an entry.",
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    preset: t.exposeString('preset', { nullable: true }),
    startUrl: t.exposeString('startUrl'),
    allowedPrefixes: t.exposeStringList('allowedPrefixes', {
      description: "URL prefixes the crawl stays within (default: the start URL's folder).",
    }),
    sitemapUrl: t.exposeString('sitemapUrl', { nullable: true }),
    vendor: t.exposeString('vendor', { nullable: true }),
    docTypeRules: t.field({ type: [DocTypeRuleRef], resolve: (s) => s.docTypeRules }),
    requestsPerSecond: t.float({ resolve: (s) => Number(s.requestsPerSecond) }),
    concurrency: t.exposeInt('concurrency'),
    maxPages: t.exposeInt('maxPages'),
    resyncEvery: t.exposeString('resyncEvery', { nullable: true, description: 'e.g. "24h"; null = only on demand.' }),
    pageCount: t.int({
      description: 'Pages of this source in the knowledge base.',
      resolve: (s, _args, { em }) => em.count(KnowledgeEntry, { docSource: s.id }),
    }),
    lastRun: t.field({
      type: DocSyncRunRef,
      nullable: true,
      resolve: (s, _args, { em }) => em.findOne(DocSyncRun, { source: s.id }, { orderBy: { startedAt: 'desc' } }),
    }),
    runs: t.field({
      type: [DocSyncRunRef],
      args: { first: t.arg.int({ defaultValue: 10 }) },
      resolve: (s, { first }, { em }) =>
        em.find(
          DocSyncRun,
          { source: s.id },
          { orderBy: { startedAt: 'desc' }, limit: Math.min(Math.max(first ?? 10, 1), 100) },
        ),
    }),
    createdAt: t.field({ type: 'DateTime', resolve: (s) => s.createdAt }),
  }),
});

const docTypeRule = z.object({
  pattern: z
    .string()
    .min(1)
    .max(300)
    .refine((p) => safeRegExp(p) !== null, 'must be a valid regular expression'),
  docType: z.string().trim().min(1).max(50),
});
const sourceFields = {
  name: z.string().trim().min(1).max(200),
  startUrl: httpUrl,
  allowedPrefixes: z.array(httpUrl).max(20),
  sitemapUrl: httpUrl.nullish(),
  vendor: z.string().trim().min(1).max(100).nullish(),
  docTypeRules: z.array(docTypeRule).max(30),
  requestsPerSecond: z.number().min(0.1).max(50),
  concurrency: z.number().int().min(1).max(16),
  maxPages: z.number().int().min(1).max(10_000),
  resyncEvery: z
    .string()
    .regex(/^[1-9]\d{0,3}[mhd]$/, 'must be a number of minutes, hours or days, e.g. "30m", "24h", "7d"')
    .refine((v) => Number.parseInt(v, 10) * { m: 1, h: 60, d: 1440 }[v.slice(-1) as 'm' | 'h' | 'd'] >= 15, {
      message: 'must be at least 15 minutes',
    })
    .nullish(),
};
const createInput = z.object({
  businessId: z.string().refine(isUuid, 'must be a UUID'),
  preset: z.string().nullish(),
  ...Object.fromEntries(Object.entries(sourceFields).map(([k, v]) => [k, v.nullish()])),
}) as z.ZodType<{ businessId: string; preset?: string | null } & Partial<SourceFields>>;
type SourceFields = { [K in keyof typeof sourceFields]: z.infer<(typeof sourceFields)[K]> };
const completeSource = z.object(sourceFields);
const updateInput = z.object(sourceFields).partial();

const sourceInputFields = (t: Parameters<Parameters<typeof builder.inputType>[1]['fields']>[0]) => ({
  name: t.string({ required: false }),
  startUrl: t.string({ required: false }),
  allowedPrefixes: t.stringList({ required: false }),
  sitemapUrl: t.string({ required: false, description: 'Default: the sitemaps robots.txt lists.' }),
  vendor: t.string({ required: false }),
  docTypeRules: t.field({ type: [DocTypeRuleInput], required: false }),
  requestsPerSecond: t.float({ required: false, description: 'Default 2 (robots.txt Crawl-delay wins if slower).' }),
  concurrency: t.int({ required: false, description: 'Pages fetched at once; default 4.' }),
  maxPages: t.int({ required: false, description: 'Default 1000.' }),
  resyncEvery: t.string({ required: false, description: 'Re-sync on a schedule: "30m", "24h", "7d" (at least 15m).' }),
});
const DocTypeRuleInput = builder.inputType('DocTypeRuleInput', {
  fields: (t) => ({ pattern: t.string({ required: true }), docType: t.string({ required: true }) }),
});
const CreateDocSourceInput = builder.inputType('CreateDocSourceInput', {
  description: 'A source from a preset (its fields can be overridden) or from scratch (`startUrl` required).',
  fields: (t) => ({
    businessId: t.id({ required: true }),
    preset: t.string({ required: false, description: 'A `docSyncPresets` key.' }),
    ...sourceInputFields(t),
  }),
});
const UpdateDocSourceInput = builder.inputType('UpdateDocSourceInput', { fields: (t) => sourceInputFields(t) });

/** The source's run in progress, if any (a run silent for longer than STALE_RUN_MS is over). */
const runningRun = (ctx: GatewayContext, source: DocSource) =>
  ctx.em.findOne(
    DocSyncRun,
    { source: source.id, status: 'running', updatedAt: { $gt: new Date(Date.now() - STALE_RUN_MS) } },
    { orderBy: { startedAt: 'desc' } },
  );

builder.queryFields((t) => ({
  docSyncPresets: t.field({
    type: [DocSyncPresetRef],
    authScopes: { permission: 'knowledge:read' },
    resolve: () => [...DOC_SYNC_PRESETS],
  }),
  docSyncs: t.field({
    type: [DocSourceRef],
    description: "A business's documentation sources, oldest first.",
    authScopes: { permission: 'knowledge:read' },
    errors: { types: [NotFoundError] },
    args: { businessId: t.arg.id({ required: true }) },
    resolve: async (_root, { businessId }, ctx) => {
      const business = await ownedOrNotFound(ctx, BusinessConfig, businessId);
      return ctx.em.find(DocSource, { business: business.id }, { orderBy: { createdAt: 'asc' } });
    },
  }),
  docSync: t.field({
    type: DocSourceRef,
    nullable: true,
    authScopes: { permission: 'knowledge:read' },
    args: { source: t.arg.id({ required: true }) },
    resolve: (_root, { source }, ctx) => findOwned(ctx, DocSource, source),
  }),
}));

builder.mutationFields((t) => ({
  createDocSource: t.field({
    type: DocSourceRef,
    description:
      'Adds a documentation source (and its re-sync schedule when `resyncEvery` is set); no sync starts yet.',
    authScopes: { permission: 'knowledge:write' },
    errors: { types: [ValidationError, NotFoundError] },
    args: { input: t.arg({ type: CreateDocSourceInput, required: true }) },
    resolve: audited('DocSource', async (_root, args, ctx) => {
      const input = parseInput(createInput, args.input);
      const preset = input.preset ? DOC_SYNC_PRESETS.find((p) => p.key === input.preset) : undefined;
      if (input.preset && !preset) {
        throw new ValidationError([
          { field: 'preset', message: `unknown preset; one of ${DOC_SYNC_PRESETS.map((p) => p.key).join(', ')}` },
        ]);
      }
      const defined = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== null && v !== undefined));
      const fields = parseInput(completeSource, {
        name: preset?.name ?? (input.startUrl ? new URL(input.startUrl).host : undefined),
        allowedPrefixes: preset?.allowedPrefixes ?? [],
        sitemapUrl: preset?.sitemapUrl ?? null,
        vendor: preset?.vendor ?? null,
        docTypeRules: preset?.docTypeRules ?? [],
        startUrl: preset?.startUrl,
        requestsPerSecond: 2,
        concurrency: 4,
        maxPages: 1000,
        resyncEvery: null,
        ...defined,
      });
      await refuseUnfetchable(ctx.config, { startUrl: fields.startUrl, sitemapUrl: fields.sitemapUrl });
      const business = await ownedOrNotFound(ctx, BusinessConfig, input.businessId);
      const source = ctx.em.create(DocSource, {
        ...fields,
        organization: business.organization,
        business,
        preset: preset?.key ?? null,
      });
      await ctx.em.flush();
      await ctx.workflows.applyDocSyncSchedule(source);
      return source;
    }),
  }),
  updateDocSource: t.field({
    type: DocSourceRef,
    description: 'Changes a source (and its schedule); the next sync uses the new settings.',
    authScopes: { permission: 'knowledge:write' },
    errors: { types: [ValidationError, NotFoundError] },
    args: { id: t.arg.id({ required: true }), input: t.arg({ type: UpdateDocSourceInput, required: true }) },
    resolve: audited('DocSource', async (_root, args, ctx) => {
      const input = parseInput(updateInput, args.input);
      await refuseUnfetchable(ctx.config, { startUrl: input.startUrl, sitemapUrl: input.sitemapUrl });
      const source = await ownedOrNotFound(ctx, DocSource, args.id);
      for (const [key, value] of Object.entries(input)) {
        if (value !== undefined) Object.assign(source, { [key]: value });
      }
      await ctx.em.flush();
      await ctx.workflows.applyDocSyncSchedule(source);
      return source;
    }),
  }),
  deleteDocSource: t.field({
    type: DocSourceRef,
    description: 'Stops any sync, removes the schedule, and deletes the source with all its pages and chunks.',
    authScopes: { permission: 'knowledge:write' },
    errors: { types: [NotFoundError] },
    args: { id: t.arg.id({ required: true }) },
    resolve: audited('DocSource', async (_root, { id }, ctx) => {
      const source = await ownedOrNotFound(ctx, DocSource, id);
      for (const run of await ctx.em.find(DocSyncRun, { source: source.id, status: 'running' })) {
        await ctx.workflows.terminateDocSync(run.workflowId, 'source deleted');
      }
      await ctx.workflows.applyDocSyncSchedule({ ...source, resyncEvery: null });
      for (const entry of await ctx.em.find(KnowledgeEntry, { docSource: source.id }, { fields: ['id'] })) {
        await ctx.knowledge.deleteEntry(source.business.id, entry.id);
      }
      await ctx.em.remove(source).flush();
      return source;
    }),
  }),
  startDocSync: t.field({
    type: DocSyncRunRef,
    description: 'Starts syncing a source now. ConflictError while a sync of it is running.',
    authScopes: { permission: 'knowledge:write' },
    errors: { types: [NotFoundError, ConflictError] },
    args: { source: t.arg.id({ required: true }) },
    resolve: audited('DocSource', async (_root, args, ctx) => {
      const source = await ownedOrNotFound(ctx, DocSource, args.source);
      const running = await runningRun(ctx, source);
      if (running) throw new ConflictError(`a sync of ${source.name} is already running`);
      const input = { sourceId: source.id, runId: randomUUID() };
      const run = ctx.em.create(DocSyncRun, {
        id: input.runId,
        organization: source.organization,
        source,
        workflowId: docSyncWorkflowId(source.id),
        trigger: 'manual',
        ...NEW_RUN,
      });
      await ctx.em.flush();
      try {
        await ctx.workflows.startDocSync(source, input);
      } catch (error) {
        await ctx.em.remove(run).flush();
        throw error;
      }
      return run;
    }),
  }),
  cancelDocSync: t.field({
    type: DocSyncRunRef,
    description: 'Cancels the running sync of a source; it stops after the pages in flight and removes nothing.',
    authScopes: { permission: 'knowledge:write' },
    errors: { types: [NotFoundError, ConflictError] },
    args: { source: t.arg.id({ required: true }) },
    resolve: audited('DocSource', async (_root, args, ctx) => {
      const source = await ownedOrNotFound(ctx, DocSource, args.source);
      const run = await ctx.em.findOne(
        DocSyncRun,
        { source: source.id, status: 'running' },
        { orderBy: { startedAt: 'desc' } },
      );
      if (!run) throw new ConflictError(`no sync of ${source.name} is running`);
      if (!(await ctx.workflows.cancelDocSync(run.workflowId))) {
        // Its workflow is gone (terminated by an operator): the run is over.
        Object.assign(run, { status: 'cancelled', finishedAt: new Date() });
        await ctx.em.flush();
      }
      return run;
    }),
  }),
}));

builder.subscriptionFields((t) => ({
  docSyncProgress: t.field({
    type: DocSyncRunRef,
    description: "The source's current run, each time its progress or status is persisted (about once a second).",
    authScopes: { permission: 'knowledge:read' },
    args: { source: t.arg.id({ required: true }) },
    subscribe: (_root, { source }, ctx) => {
      if (!isUuid(source)) throw new ValidationError([{ field: 'source', message: 'must be a UUID' }]);
      return organizationEventIds<{ organizationId: string; runId: string }>(
        ctx,
        { topic: TOPICS.docSync, key: source },
        (p) => p.runId,
      );
    },
    // refresh: the connection's entity manager would otherwise answer its first copy every time.
    resolve: (runId, _args, { em }) => em.findOneOrFail(DocSyncRun, runId as unknown as string, { refresh: true }),
  }),
}));
