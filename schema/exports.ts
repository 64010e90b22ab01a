import { randomUUID } from 'node:crypto';
import { DataExport, type DataExport as DataExportRow, type ExportKind } from '../db/entities/index.ts';
import { type DownloadResource, signDownloadToken } from '../lib/download-token.ts';
import { ValidationError } from '../lib/errors.ts';
import { isUuid } from '../lib/ids.ts';
import { exportWorkflowId } from '../workflows/definitions/export.ts';
import { AnalyticsFilterInput, AnalyticsRangeInput, analyticsArgs, filterOf } from './analytics.ts';
import { audited, builder } from './builder.ts';
import { CallRef } from './call.ts';
import type { GatewayContext } from './context.ts';

const upper = <T extends string>(values: readonly T[]) =>
  Object.fromEntries(values.map((value) => [value.toUpperCase(), { value }])) as Record<string, { value: T }>;

const ExportKindEnum = builder.enumType('ExportKind', {
  values: {
    CALLS: { value: 'calls', description: 'CSV: one row per call.' },
    TRANSCRIPTS: { value: 'transcripts', description: 'CSV: one row per transcript line.' },
    QA_SCORES: { value: 'qa_scores', description: 'CSV: one row per final QA score.' },
    ESCALATIONS: { value: 'escalations', description: 'CSV: one row per escalation.' },
    CAMPAIGN_RESULTS: {
      value: 'campaign_results',
      description: 'CSV: one row per call a campaign placed, with its contact, attempt and where the contact stands.',
    },
    REPORT: { value: 'report', description: 'PDF: the analytics page for the range, charts included.' },
  },
});
const ExportStatusEnum = builder.enumType('ExportStatus', {
  values: upper(['running', 'completed', 'failed', 'expired'] as const),
});
const TranscriptFormatEnum = builder.enumType('TranscriptFormat', {
  values: { TXT: { value: 'txt' }, JSON: { value: 'json' }, PDF: { value: 'pdf' } },
});

export const DownloadLinkRef = builder.objectRef<{ url: string; expiresAt: Date }>('DownloadLink').implement({
  description: 'A link that works without credentials until it expires.',
  fields: (t) => ({
    url: t.exposeString('url', {
      description: "On the gateway: absolute with PUBLIC_URL set, else a path from the gateway's root.",
    }),
    expiresAt: t.field({ type: 'DateTime', resolve: (l) => l.expiresAt }),
  }),
});

/** A signed, expiring link to one file. */
export async function downloadLink(ctx: GatewayContext, path: string, resource: DownloadResource) {
  const { token, expiresAt } = await signDownloadToken(
    ctx.config.auth.jwtSecret,
    resource,
    ctx.config.exports.downloadLinkTtlSeconds,
  );
  const base = ctx.config.gateway.publicUrlConfigured ? ctx.config.gateway.publicUrl.replace(/\/$/, '') : '';
  return { url: `${base}${path}?token=${encodeURIComponent(token)}`, expiresAt };
}

const ExportRef = builder.objectRef<DataExportRow>('Export').implement({
  description: 'A file made by an `export-<id>` workflow, kept until `expiresAt`.',
  fields: (t) => ({
    id: t.exposeID('id'),
    // A person's archive is never listed as an export (the queries leave it out): see PersonRequest.
    kind: t.field({ type: ExportKindEnum, resolve: (e) => e.kind as Exclude<ExportKind, 'person_data'> }),
    status: t.field({ type: ExportStatusEnum, resolve: (e) => e.status }),
    fileName: t.exposeString('fileName'),
    contentType: t.string({ resolve: (e) => (e.format === 'pdf' ? 'application/pdf' : 'text/csv') }),
    rowsDone: t.exposeInt('rowsDone'),
    rowsTotal: t.exposeInt('rowsTotal', { nullable: true }),
    progress: t.float({
      nullable: true,
      description: 'Share written, 0–1 (null until the rows are counted).',
      resolve: (e) => (e.status === 'completed' ? 1 : e.rowsTotal ? Math.min(1, e.rowsDone / e.rowsTotal) : null),
    }),
    bytes: t.float({ resolve: (e) => Number(e.bytes) }),
    error: t.exposeString('error', { nullable: true }),
    workflowId: t.exposeString('workflowId'),
    createdAt: t.field({ type: 'DateTime', resolve: (e) => e.createdAt }),
    completedAt: t.field({ type: 'DateTime', nullable: true, resolve: (e) => e.completedAt ?? null }),
    expiresAt: t.field({ type: 'DateTime', resolve: (e) => e.expiresAt }),
    download: t.field({
      type: DownloadLinkRef,
      nullable: true,
      description: 'A fresh signed link, once the file is written.',
      resolve: (e, _args, ctx) =>
        e.status === 'completed' ? downloadLink(ctx, `/downloads/exports/${e.id}`, `export:${e.id}`) : null,
    }),
  }),
});

const CreateExportInput = builder.inputType('CreateExportInput', {
  fields: (t) => ({
    kind: t.field({ type: ExportKindEnum, required: true }),
    range: t.field({ type: AnalyticsRangeInput, required: true }),
    filter: t.field({ type: AnalyticsFilterInput, required: false }),
  }),
});

builder.queryFields((t) => ({
  exports: t.field({
    type: [ExportRef],
    description: "The organisation's exports, newest first.",
    authScopes: { permission: 'exports:create' },
    args: { first: t.arg.int({ defaultValue: 20 }) },
    resolve: (_root, args, ctx) =>
      ctx.em.find(
        DataExport,
        { organization: ctx.auth!.organizationId, kind: { $ne: 'person_data' } },
        { orderBy: { createdAt: 'desc' }, limit: Math.min(100, Math.max(1, args.first ?? 20)) },
      ),
  }),
  export: t.field({
    type: ExportRef,
    nullable: true,
    authScopes: { permission: 'exports:create' },
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, { id }, ctx) =>
      isUuid(id)
        ? ctx.em.findOne(DataExport, { id, organization: ctx.auth!.organizationId, kind: { $ne: 'person_data' } })
        : null,
  }),
}));

builder.mutationFields((t) => ({
  createExport: t.field({
    type: ExportRef,
    description: 'Starts an export of the calls created in a range (as the analytics count them); watch `export(id)`.',
    authScopes: { permission: 'exports:create' },
    errors: { types: [ValidationError] },
    args: { input: t.arg({ type: CreateExportInput, required: true }) },
    resolve: audited('Export', async (_root, { input }, ctx) => {
      const { range } = parseExportInput(input);
      const filter = filterOf(input.filter);
      const id = randomUUID();
      const kind = input.kind as ExportKind;
      const format = kind === 'report' ? 'pdf' : 'csv';
      const row = ctx.em.create(DataExport, {
        id,
        organization: ctx.auth!.organizationId,
        createdBy: ctx.auth!.kind === 'user' ? ctx.auth!.id : null,
        kind,
        format,
        parameters: {
          ...range,
          businessId: filter.businessId ?? null,
          campaignId: filter.campaignId ?? null,
          direction: filter.direction ?? null,
          statuses: filter.statuses ?? [],
        },
        workflowId: exportWorkflowId(id),
        fileName: `${kind.replace('_', '-')}-${range.from}-to-${range.to}.${format}`,
        expiresAt: new Date(Date.now() + ctx.config.exports.retentionSeconds * 1000),
      });
      await ctx.em.flush();
      await ctx.workflows.startExport(id);
      return row;
    }),
  }),
}));

function parseExportInput(input: { range: unknown; filter?: unknown }) {
  try {
    return analyticsArgs.parse({ range: input.range, filter: input.filter });
  } catch (error) {
    const issues = (error as { issues?: { path: (string | number)[]; message: string }[] }).issues ?? [];
    throw new ValidationError(issues.map((i) => ({ field: `input.${i.path.join('.')}`, message: i.message })));
  }
}

builder.objectField(CallRef, 'transcriptDownload', (t) =>
  t.field({
    type: DownloadLinkRef,
    description: "A signed link to the call's transcript as plain text, JSON or PDF.",
    args: { format: t.arg({ type: TranscriptFormatEnum, required: true }) },
    resolve: (call, { format }, ctx) =>
      downloadLink(ctx, `/downloads/calls/${call.id}/transcript.${format}`, `transcript:${call.id}:${format}`),
  }),
);
