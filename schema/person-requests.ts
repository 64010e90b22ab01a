/**
 * A person's rights (GDPR/CCPA subject requests), for `privacy:subjectRequests`: an export of
 * everything about them as a JSON archive, and their erasure with a receipt of what was removed
 * where. Each runs as a workflow; the request row shows its progress and never who it is about.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  DataExport,
  type ErasureReceipt,
  Organization,
  PersonRequest,
  type PersonRequest as PersonRequestRow,
} from '../db/entities/index.ts';
import { ValidationError } from '../lib/errors.ts';
import { isUuid } from '../lib/ids.ts';
import { can } from '../lib/permissions.ts';
import { subjectHash, subjectHashes, subjectHint } from '../lib/person-subject.ts';
import { isE164, normalizePhoneNumber, phoneCountry } from '../lib/phone.ts';
import {
  type PersonSubject,
  personErasureWorkflowId,
  personExportWorkflowId,
} from '../workflows/definitions/person-requests.ts';
import { audited, builder } from './builder.ts';
import type { GatewayContext } from './context.ts';
import { DownloadLinkRef, downloadLink } from './exports.ts';

const upper = <T extends string>(values: readonly T[]) =>
  Object.fromEntries(values.map((value) => [value.toUpperCase(), { value }])) as Record<string, { value: T }>;

const PersonRequestKindEnum = builder.enumType('PersonRequestKind', {
  values: upper(['export', 'erasure'] as const),
});
const PersonRequestStatusEnum = builder.enumType('PersonRequestStatus', {
  values: upper(['running', 'completed', 'failed'] as const),
});

type PostgresReceipt = ErasureReceipt['postgres'];
const ErasurePostgresRef = builder.objectRef<PostgresReceipt>('ErasurePostgresReceipt').implement({
  description: 'What the erasure removed from Postgres.',
  fields: (t) => ({
    callIds: t.stringList({
      description: 'Calls kept for the figures, their numbers anonymised and their content removed.',
      resolve: (r) => r.calls,
    }),
    activeCallIds: t.stringList({
      description: 'Calls still in progress, left alone: erase again once they end.',
      resolve: (r) => r.activeCalls,
    }),
    transcriptLines: t.exposeInt('transcriptLines', { description: 'Deleted.' }),
    transcriptOriginals: t.exposeInt('transcriptOriginals', { description: 'Sealed originals among them.' }),
    notes: t.exposeInt('notes', { description: 'Deleted.' }),
    qaScores: t.exposeInt('qaScores', { description: 'Scores kept, violations and notes removed.' }),
    analyses: t.exposeInt('analyses', { description: 'Summary, intent, action items, extraction removed.' }),
    escalationIds: t.stringList({ description: 'Handoff context emptied.', resolve: (r) => r.escalations }),
    liveEvents: t.exposeInt('liveEvents', { description: 'Live-event log rows deleted.' }),
    notifications: t.exposeInt('notifications', { description: 'Deleted.' }),
    webhookEvents: t.exposeInt('webhookEvents', { description: 'Deleted, with their deliveries.' }),
    campaignContactIds: t.stringList({
      description: 'Contacts anonymised.',
      resolve: (r) => r.campaignContacts,
    }),
    exportIds: t.stringList({ description: 'Earlier archives about them, deleted.', resolve: (r) => r.exports }),
  }),
});

const ErasureTemporalRef = builder.objectRef<ErasureReceipt['temporal']>('ErasureTemporalReceipt').implement({
  description: 'Workflow executions that carried their data.',
  fields: (t) => ({
    deleted: t.exposeStringList('deleted', { description: 'Workflow ids deleted.' }),
    notFound: t.exposeStringList('notFound', { description: 'Already gone, or never ran.' }),
    running: t.exposeStringList('running', { description: 'Still running: not deleted.' }),
  }),
});

const ErasureReceiptRef = builder.objectRef<ErasureReceipt>('ErasureReceipt').implement({
  description: 'What an erasure removed, where.',
  fields: (t) => ({
    postgres: t.field({ type: ErasurePostgresRef, resolve: (r) => r.postgres }),
    weaviateObjects: t.int({
      description: 'Weaviate holds knowledge chunks only: nothing is written there per call, so this is 0.',
      resolve: (r) => r.weaviate.objects,
    }),
    temporal: t.field({ type: ErasureTemporalRef, resolve: (r) => r.temporal }),
    addedToDoNotCall: t.boolean({ resolve: (r) => r.doNotCall.added }),
  }),
});

const PersonRequestRef = builder.objectRef<PersonRequestRow>('PersonRequest').implement({
  description: 'A subject request (export or erasure of one person), run by its workflow.',
  fields: (t) => ({
    id: t.exposeID('id'),
    kind: t.field({ type: PersonRequestKindEnum, resolve: (r) => r.kind }),
    status: t.field({ type: PersonRequestStatusEnum, resolve: (r) => r.status }),
    subjectHint: t.exposeString('subjectHint', {
      description: 'The number or email, masked: the request never stores who it is about.',
    }),
    requestedBy: t.exposeString('requestedByLabel', { nullable: true }),
    includeOriginals: t.exposeBoolean('includeOriginals', {
      description: 'Export: transcripts as spoken are included (the requester may reveal them).',
    }),
    addToDoNotCall: t.exposeBoolean('addToDoNotCall'),
    stage: t.exposeString('stage', { nullable: true }),
    itemsDone: t.exposeInt('itemsDone', { description: 'Calls written or erased so far.' }),
    itemsTotal: t.exposeInt('itemsTotal', { nullable: true }),
    progress: t.float({
      nullable: true,
      description: 'Share done, 0–1 (null until counted).',
      resolve: (r) => (r.status === 'completed' ? 1 : r.itemsTotal ? Math.min(1, r.itemsDone / r.itemsTotal) : null),
    }),
    error: t.exposeString('error', { nullable: true }),
    workflowId: t.exposeString('workflowId'),
    createdAt: t.field({ type: 'DateTime', resolve: (r) => r.createdAt }),
    completedAt: t.field({ type: 'DateTime', nullable: true, resolve: (r) => r.completedAt ?? null }),
    download: t.field({
      type: DownloadLinkRef,
      nullable: true,
      description: 'Export: a fresh signed link to the JSON archive, while it is kept.',
      resolve: async (r, _args, ctx) => {
        if (!r.export) return null;
        const file = await ctx.em.findOne(DataExport, r.export.id);
        return file?.status === 'completed'
          ? downloadLink(ctx, `/downloads/exports/${file.id}`, `export:${file.id}`)
          : null;
      },
    }),
    receipt: t.field({
      type: ErasureReceiptRef,
      nullable: true,
      description: 'Erasure: what was removed where, as it goes.',
      resolve: (r) => r.receipt ?? null,
    }),
  }),
});

const subjectInput = z
  .object({
    phoneNumber: z.string().trim().min(1).max(40).optional(),
    email: z.email('must be an email address').max(320).optional(),
  })
  .refine((input) => (input.phoneNumber ? 1 : 0) + (input.email ? 1 : 0) === 1, {
    message: 'give a phone number or an email, not both',
    path: ['phoneNumber'],
  });

const PHONE_DESCRIPTION = 'In E.164, or as typed (read in the organisation’s country).';

const ExportPersonDataInput = builder.inputType('ExportPersonDataInput', {
  description: 'Exactly one of `phoneNumber` and `email`.',
  fields: (t) => ({
    phoneNumber: t.string({ required: false, description: PHONE_DESCRIPTION }),
    email: t.string({ required: false }),
  }),
});
const ErasePersonInput = builder.inputType('ErasePersonInput', {
  description: 'Exactly one of `phoneNumber` and `email`.',
  fields: (t) => ({
    phoneNumber: t.string({ required: false, description: PHONE_DESCRIPTION }),
    email: t.string({ required: false }),
    addToDoNotCall: t.boolean({
      required: true,
      description: 'Put the number on the do-not-call list (a phone number only).',
    }),
  }),
});

/** The subject as the workflows see it: a number in E.164, or an email in lower case. */
async function subjectOf(
  ctx: GatewayContext,
  input: { phoneNumber?: string | null; email?: string | null },
): Promise<PersonSubject> {
  const parsed = parseSubject(input);
  if (parsed.email) return { kind: 'email', value: parsed.email.toLowerCase() };
  // A number calls were placed to is E.164 already (the fields that take one check it so).
  if (parsed.phoneNumber && isE164(parsed.phoneNumber)) return { kind: 'phone', value: parsed.phoneNumber };
  const organization = await ctx.em.findOneOrFail(Organization, ctx.auth!.organizationId);
  const read = normalizePhoneNumber(parsed.phoneNumber ?? '', phoneCountry(organization.country));
  if (!read.ok) throw new ValidationError([{ field: 'input.phoneNumber', message: read.problem }]);
  return { kind: 'phone', value: read.e164 };
}

function parseSubject(input: { phoneNumber?: string | null; email?: string | null }) {
  const result = subjectInput.safeParse({
    phoneNumber: input.phoneNumber ?? undefined,
    email: input.email ?? undefined,
  });
  if (result.success) return result.data;
  throw new ValidationError(
    result.error.issues.map((issue) => ({ field: `input.${issue.path.join('.')}`, message: issue.message })),
  );
}

/** The request's row, as both kinds start it. */
function newRequest(ctx: GatewayContext, kind: PersonRequestRow['kind'], subject: PersonSubject) {
  const auth = ctx.auth!;
  const id = randomUUID();
  return ctx.em.create(PersonRequest, {
    id,
    organization: auth.organizationId,
    kind,
    subjectKind: subject.kind,
    subjectHash: subjectHash(ctx.encryption, auth.organizationId, subject),
    subjectHashes: subjectHashes(ctx.encryption, auth.organizationId, subject),
    subjectHint: subjectHint(subject),
    requestedById: auth.id,
    requestedByLabel: auth.label,
    workflowId: kind === 'export' ? personExportWorkflowId(id) : personErasureWorkflowId(id),
  });
}

builder.queryFields((t) => ({
  personRequests: t.field({
    type: [PersonRequestRef],
    description: "The organisation's subject requests, newest first.",
    authScopes: { permission: 'privacy:subjectRequests' },
    args: { first: t.arg.int({ defaultValue: 20 }) },
    resolve: (_root, args, ctx) =>
      ctx.em.find(
        PersonRequest,
        { organization: ctx.auth!.organizationId },
        { orderBy: { createdAt: 'desc' }, limit: Math.min(100, Math.max(1, args.first ?? 20)) },
      ),
  }),
  personRequest: t.field({
    type: PersonRequestRef,
    nullable: true,
    authScopes: { permission: 'privacy:subjectRequests' },
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, { id }, ctx) =>
      isUuid(id) ? ctx.em.findOne(PersonRequest, { id, organization: ctx.auth!.organizationId }) : null,
  }),
}));

builder.mutationFields((t) => ({
  exportPersonData: t.field({
    type: PersonRequestRef,
    description:
      "Starts a JSON archive of every call, line, note, QA score, analysis, campaign contact and escalation about a person; transcripts' originals are in it only when the requester may reveal them. Watch `personRequest(id)`.",
    authScopes: { permission: 'privacy:subjectRequests' },
    errors: { types: [ValidationError] },
    args: { input: t.arg({ type: ExportPersonDataInput, required: true }) },
    resolve: audited('PersonRequest', async (_root, { input }, ctx) => {
      const subject = await subjectOf(ctx, input);
      const request = newRequest(ctx, 'export', subject);
      request.includeOriginals = can(ctx.auth!.role, 'transcripts:reveal');
      const file = ctx.em.create(DataExport, {
        id: randomUUID(),
        organization: ctx.auth!.organizationId,
        createdBy: ctx.auth!.kind === 'user' ? ctx.auth!.id : null,
        kind: 'person_data',
        format: 'json',
        parameters: null,
        workflowId: request.workflowId,
        fileName: `person-data-${new Date().toISOString().slice(0, 10)}.json`,
        expiresAt: new Date(Date.now() + ctx.config.exports.retentionSeconds * 1000),
      });
      request.export = file;
      await ctx.em.flush();
      ctx.audit.noteChanges({
        before: {},
        after: { kind: 'export', subject: request.subjectHint, includeOriginals: request.includeOriginals },
      });
      await ctx.workflows.startPersonExport({ requestId: request.id, exportId: file.id, subject });
      return request;
    }),
  }),
  erasePerson: t.field({
    type: PersonRequestRef,
    description:
      'Starts erasing a person across Postgres and Temporal: their calls anonymised (numbers replaced, transcripts, notes, QA details, analyses and escalation context removed), campaign contacts anonymised, earlier archives deleted, and the closed workflow executions of their calls deleted. Watch `personRequest(id) { receipt }`.',
    authScopes: { permission: 'privacy:subjectRequests' },
    errors: { types: [ValidationError] },
    args: { input: t.arg({ type: ErasePersonInput, required: true }) },
    resolve: audited('PersonRequest', async (_root, { input }, ctx) => {
      const subject = await subjectOf(ctx, input);
      if (input.addToDoNotCall && subject.kind !== 'phone') {
        throw new ValidationError([{ field: 'input.addToDoNotCall', message: 'needs a phone number' }]);
      }
      const request = newRequest(ctx, 'erasure', subject);
      request.addToDoNotCall = input.addToDoNotCall;
      await ctx.em.flush();
      ctx.audit.noteChanges({
        before: {},
        after: { kind: 'erasure', subject: request.subjectHint, addToDoNotCall: input.addToDoNotCall },
      });
      await ctx.workflows.startPersonErasure({
        requestId: request.id,
        subject,
        addToDoNotCall: input.addToDoNotCall,
      });
      return request;
    }),
  }),
}));
