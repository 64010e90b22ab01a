/**
 * Outbound campaigns over GraphQL: campaigns (created and changed as drafts), their contacts (CSV
 * import with a preview, or the API), start, pause, resume and cancel through the campaign's
 * workflow, and live progress.
 */
import { z } from 'zod';
import { toCallView } from '../db/calls.ts';
import { addContacts, type CampaignEventPayload } from '../db/campaigns.ts';
import {
  BusinessConfig,
  Call,
  Campaign,
  CampaignContact,
  CampaignImport,
  CampaignImportError,
  Organization,
  type PostCallHooks,
} from '../db/entities/index.ts';
import { TOPICS } from '../db/events.ts';
import { contactVariablesOf } from '../db/sealed-columns.ts';
import { templateProblems } from '../lib/agent-prompt.ts';
import { ConflictError, NotFoundError, ValidationError } from '../lib/errors.ts';
import { isUuid } from '../lib/ids.ts';
import { type CountryCode, phoneCountry } from '../lib/phone.ts';
import { extractionSchemaProblems } from '../quality/extraction-schema.ts';
import {
  ATTEMPT_OUTCOMES,
  CAMPAIGN_STATUSES,
  type CallingWindow,
  type CampaignProgress,
  type CampaignStatus,
  CONTACT_STATUSES,
  campaignWorkflowId,
  cancelCampaignUpdate,
  pauseCampaignUpdate,
  type RetryPolicy,
  resumeCampaignUpdate,
  type VoicemailPolicy,
} from '../workflows/definitions/campaign.ts';
import { audited, builder } from './builder.ts';
import { BusinessConfigRef } from './business.ts';
import { CallRef } from './call.ts';
import { PageInfoRef } from './call-history.ts';
import {
  type ColumnMapping,
  checkContact,
  importContactsCsv,
  missingColumns,
  previewContactsCsv,
} from './campaign-import.ts';
import type { GatewayContext } from './context.ts';
import { findOwned, organizationEventIds, ownedOrNotFound } from './lookup.ts';
import { parseInput } from './validation.ts';

const upper = <T extends string>(values: readonly T[]) =>
  Object.fromEntries(values.map((value) => [value.toUpperCase(), { value }])) as Record<string, { value: T }>;

export const CampaignStatusEnum = builder.enumType('CampaignStatus', { values: upper(CAMPAIGN_STATUSES) });
export const ContactStatusEnum = builder.enumType('CampaignContactStatus', {
  description:
    'Where a contact stands. BUSY, NO_ANSWER and FAILED are final (the attempts ran out); SKIPPED_* were held back at dial time or import.',
  values: upper(CONTACT_STATUSES),
});
const AttemptOutcomeEnum = builder.enumType('CampaignAttemptOutcome', { values: upper(ATTEMPT_OUTCOMES) });
const VoicemailCountsAsEnum = builder.enumType('VoicemailCountsAs', {
  values: {
    REACHED: { value: 'reached', description: 'A voicemail reached the contact: no retry.' },
    RETRY: { value: 'retry', description: 'A voicemail is tried again, like no answer.' },
  },
});

const CallingWindowRef = builder.objectRef<CallingWindow>('CallingWindow').implement({
  description: "When the campaign may call a contact, in the contact's local time.",
  fields: (t) => ({
    start: t.exposeString('start', { description: 'HH:MM, inclusive.' }),
    end: t.exposeString('end', { description: 'HH:MM (or 24:00), exclusive.' }),
    days: t.exposeIntList('days', { description: '1 = Monday … 7 = Sunday.' }),
  }),
});
const RetryPolicyRef = builder.objectRef<RetryPolicy>('RetryPolicy').implement({
  description:
    'Busy, unanswered and failed attempts are tried again after `initialDelaySeconds`, each next wait `backoffMultiplier` times longer (at most `maxDelaySeconds`), spread by ±`jitter`, up to `maxAttempts` in all.',
  fields: (t) => ({
    maxAttempts: t.exposeInt('maxAttempts'),
    initialDelaySeconds: t.exposeInt('initialDelaySeconds'),
    backoffMultiplier: t.exposeFloat('backoffMultiplier'),
    maxDelaySeconds: t.exposeInt('maxDelaySeconds'),
    jitter: t.exposeFloat('jitter'),
  }),
});
const VoicemailPolicyRef = builder.objectRef<VoicemailPolicy>('VoicemailPolicy').implement({
  fields: (t) => ({
    detect: t.exposeBoolean('detect', { description: "Detect answering machines (Twilio's AMD)." }),
    message: t.exposeString('message', { nullable: true, description: 'Left after the beep; none: hang up.' }),
    countsAs: t.field({ type: VoicemailCountsAsEnum, resolve: (v) => v.countsAs }),
  }),
});
const PostCallHooksRef = builder.objectRef<PostCallHooks>('CampaignPostCallHooks').implement({
  description: 'Kept for post-call analysis: what to extract from each call, and where to send it.',
  fields: (t) => ({
    extractionSchema: t.string({
      nullable: true,
      description: 'A JSON Schema, as JSON text.',
      resolve: (h) => (h.extractionSchema ? JSON.stringify(h.extractionSchema) : null),
    }),
    webhookUrl: t.string({ nullable: true, resolve: (h) => h.webhookUrl ?? null }),
  }),
});

const ProgressCountsRef = builder.objectRef<CampaignProgress['counts']>('CampaignProgressCounts').implement({
  description: 'Contacts by where they stand; `connected` counts those whose call is answered now.',
  fields: (t) => ({
    pending: t.exposeInt('pending'),
    dialling: t.exposeInt('dialling'),
    connected: t.exposeInt('connected'),
    completed: t.exposeInt('completed'),
    voicemail: t.exposeInt('voicemail'),
    busy: t.exposeInt('busy'),
    noAnswer: t.exposeInt('no_answer'),
    failed: t.exposeInt('failed'),
    skippedDnc: t.exposeInt('skipped_dnc'),
    skippedNoConsent: t.exposeInt('skipped_no_consent'),
    skippedNoWindow: t.exposeInt('skipped_no_window'),
    waitingWindow: t.exposeInt('waiting_window'),
    retryScheduled: t.exposeInt('retry_scheduled'),
  }),
});
const ProgressRef = builder.objectRef<CampaignProgress>('CampaignProgress').implement({
  fields: (t) => ({
    counts: t.field({ type: ProgressCountsRef, resolve: (p) => p.counts }),
    total: t.exposeInt('total'),
    dialsPerMinute: t.exposeFloat('dialsPerMinute', { description: 'Calls placed per minute over the last five.' }),
    etaAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When every contact left would have been dialled at the current rate.',
      resolve: (p) => p.etaAt,
    }),
    updatedAt: t.field({ type: 'DateTime', resolve: (p) => p.updatedAt }),
  }),
});

const VariableRef = builder.objectRef<{ key: string; value: string }>('ContactVariable').implement({
  fields: (t) => ({ key: t.exposeString('key'), value: t.exposeString('value') }),
});

export const CampaignContactRef = builder.objectRef<CampaignContact>('CampaignContact').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    phoneNumber: t.exposeString('phoneNumber'),
    name: t.exposeString('name', { nullable: true }),
    timeZone: t.exposeString('timeZone', { nullable: true, description: 'As the contact came with it.' }),
    numberTimeZones: t.exposeStringList('numberTimeZones', {
      description: "The zones the number's range spans; the window must be open in all of them.",
    }),
    variables: t.field({
      type: [VariableRef],
      description: 'Sealed at rest with the organisation’s key; opened here.',
      resolve: (c, _args, ctx) =>
        Object.entries(
          contactVariablesOf(ctx.encryption, c.organization.id, {
            campaignId: c.campaign.id,
            phoneNumber: c.phoneNumber,
            variables: c.variables,
            sealedVariables: c.sealedVariables,
          }),
        ).map(([key, value]) => ({ key, value })),
    }),
    consent: t.exposeBoolean('consent', { nullable: true }),
    status: t.field({ type: ContactStatusEnum, resolve: (c) => c.status }),
    attempts: t.exposeInt('attempts'),
    nextAttemptAt: t.field({ type: 'DateTime', nullable: true, resolve: (c) => c.nextAttemptAt }),
    lastOutcome: t.field({ type: AttemptOutcomeEnum, nullable: true, resolve: (c) => c.lastOutcome }),
    sourceLine: t.exposeInt('sourceLine', { nullable: true }),
    calls: t.field({
      type: [CallRef],
      description: "Every attempt's call, first to last.",
      resolve: async (c, _args, { em }) => {
        const calls = await em.find(Call, { id: { $in: c.callIds } });
        const byId = new Map(calls.map((call) => [call.id, call]));
        return c.callIds.flatMap((id) => (byId.has(id) ? [toCallView(byId.get(id)!)] : []));
      },
    }),
  }),
});

const ContactConnectionRef = builder
  .objectRef<{
    nodes: CampaignContact[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    totalCount: number;
  }>('CampaignContactConnection')
  .implement({
    fields: (t) => ({
      nodes: t.field({ type: [CampaignContactRef], resolve: (c) => c.nodes }),
      pageInfo: t.field({ type: PageInfoRef, resolve: (c) => c.pageInfo }),
      totalCount: t.exposeInt('totalCount'),
    }),
  });

const ContactFilterInput = builder.inputType('CampaignContactFilter', {
  fields: (t) => ({
    status: t.field({ type: [ContactStatusEnum], required: false }),
    search: t.string({ required: false, description: 'Part of the number or the name.' }),
  }),
});

const ImportErrorRef = builder.objectRef<CampaignImportError>('CampaignImportError').implement({
  description: 'A CSV row that was not imported: its line in the file and why.',
  fields: (t) => ({
    line: t.exposeInt('line'),
    field: t.exposeString('field', { nullable: true }),
    message: t.exposeString('message'),
  }),
});

export const CampaignImportRef = builder.objectRef<CampaignImport>('CampaignImport').implement({
  description:
    'One CSV upload: rows read, contacts added, rows merged into a contact already there (same number), contacts on the do-not-call list, rows refused.',
  fields: (t) => ({
    id: t.exposeID('id'),
    fileName: t.exposeString('fileName'),
    rows: t.exposeInt('rows'),
    added: t.exposeInt('added'),
    merged: t.exposeInt('merged'),
    doNotCall: t.exposeInt('doNotCall'),
    failed: t.exposeInt('failed', { description: 'Rows refused (see `errors`).' }),
    errors: t.field({
      type: [ImportErrorRef],
      description: 'The refused rows, by line.',
      args: { first: t.arg.int({ defaultValue: 100 }), afterLine: t.arg.int({ defaultValue: 0 }) },
      resolve: (i, { first, afterLine }, { em }) =>
        em.find(
          CampaignImportError,
          { import: i.id, line: { $gt: afterLine ?? 0 } },
          { orderBy: { line: 'asc', id: 'asc' }, limit: Math.min(Math.max(first ?? 100, 1), 1_000) },
        ),
    }),
    createdAt: t.field({ type: 'DateTime', resolve: (i) => i.createdAt }),
  }),
});

export const CampaignRef = builder.objectRef<Campaign>('Campaign').implement({
  description: 'An outbound campaign: who it calls, how fast, when, and how far it has got.',
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    status: t.field({ type: CampaignStatusEnum, resolve: (c) => c.status }),
    business: t.field({
      type: BusinessConfigRef,
      resolve: (c, _args, { em }) => em.findOneOrFail(BusinessConfig, c.business.id),
    }),
    startAt: t.field({ type: 'DateTime', nullable: true, resolve: (c) => c.startAt }),
    endAt: t.field({ type: 'DateTime', nullable: true, resolve: (c) => c.endAt }),
    callsPerMinute: t.exposeInt('callsPerMinute'),
    maxConcurrentCalls: t.exposeInt('maxConcurrentCalls'),
    callingWindow: t.field({ type: CallingWindowRef, nullable: true, resolve: (c) => c.callingWindow }),
    timeZone: t.exposeString('timeZone', {
      nullable: true,
      description: "For numbers whose zone is unknown; the business's when null.",
    }),
    retry: t.field({ type: RetryPolicyRef, resolve: (c) => c.retry }),
    voicemail: t.field({ type: VoicemailPolicyRef, resolve: (c) => c.voicemail }),
    requireConsent: t.exposeBoolean('requireConsent'),
    instructions: t.exposeString('instructions', { nullable: true }),
    greeting: t.exposeString('greeting', { nullable: true }),
    defaultCountry: t.exposeString('defaultCountry', { nullable: true }),
    postCall: t.field({ type: PostCallHooksRef, resolve: (c) => c.postCall }),
    progress: t.field({ type: ProgressRef, nullable: true, resolve: (c) => c.progress }),
    workflowId: t.exposeString('workflowId', { nullable: true }),
    workflowUrl: t.string({
      nullable: true,
      description: 'The campaign in the Temporal Web UI.',
      resolve: (c, _args, { config }) =>
        c.workflowId
          ? `${config.temporal.uiUrl}/namespaces/${encodeURIComponent(config.temporal.namespace)}/workflows/${encodeURIComponent(c.workflowId)}`
          : null,
    }),
    startedAt: t.field({ type: 'DateTime', nullable: true, resolve: (c) => c.startedAt }),
    finishedAt: t.field({ type: 'DateTime', nullable: true, resolve: (c) => c.finishedAt }),
    createdAt: t.field({ type: 'DateTime', resolve: (c) => c.createdAt }),
    contactCount: t.int({ resolve: (c, _args, { em }) => em.count(CampaignContact, { campaign: c.id }) }),
    contacts: t.field({
      type: ContactConnectionRef,
      description: 'The contacts in dialling order, filtered; `after` is the `endCursor` of the page before.',
      args: {
        first: t.arg.int({ defaultValue: 50 }),
        after: t.arg.string(),
        filter: t.arg({ type: ContactFilterInput }),
      },
      resolve: async (c, args, { em }) => {
        const first = Math.min(Math.max(args.first ?? 50, 1), 200);
        const where: Record<string, unknown> = { campaign: c.id };
        if (args.filter?.status?.length) where.status = { $in: args.filter.status };
        const search = args.filter?.search?.trim();
        if (search) where.$or = [{ phoneNumber: { $like: `%${search}%` } }, { name: { $ilike: `%${search}%` } }];
        const after = args.after && /^\d{1,9}$/.test(args.after) ? Number(args.after) : 0;
        const [nodes, totalCount] = await Promise.all([
          em.find(
            CampaignContact,
            { ...where, position: { $gt: after } },
            { orderBy: { position: 'asc' }, limit: first + 1 },
          ),
          em.count(CampaignContact, where),
        ]);
        const page = nodes.slice(0, first);
        return {
          nodes: page,
          totalCount,
          pageInfo: {
            hasNextPage: nodes.length > first,
            endCursor: page.at(-1) ? String(page.at(-1)!.position) : null,
          },
        };
      },
    }),
    imports: t.field({
      type: [CampaignImportRef],
      description: 'CSV uploads, newest first.',
      resolve: (c, _args, { em }) => em.find(CampaignImport, { campaign: c.id }, { orderBy: { createdAt: 'desc' } }),
    }),
  }),
});

// ------------------------------------------------------------------ input

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'must be HH:MM (24-hour)');
const minutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
const ianaZone = z.string().refine((zone) => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}, 'must be an IANA time zone such as America/New_York');
const template = z
  .string()
  .max(20_000)
  .superRefine((value, ctx) => {
    for (const message of templateProblems(value, 'campaign')) ctx.addIssue({ code: 'custom', message });
  });

const campaignFields = z.object({
  name: z.string().trim().min(1, 'must not be empty').max(200),
  startAt: z.date().nullish(),
  endAt: z.date().nullish(),
  callsPerMinute: z.number().int().min(1).max(3_000),
  maxConcurrentCalls: z.number().int().min(1).max(500),
  callingWindow: z
    .object({
      start: clock,
      end: clock,
      days: z.array(z.number().int().min(1).max(7)).min(1, 'needs at least one day').max(7),
    })
    .refine((w) => minutes(w.end) > minutes(w.start), { message: 'must be after start', path: ['end'] })
    .nullish(),
  timeZone: ianaZone.nullish(),
  retry: z
    .object({
      maxAttempts: z.number().int().min(1).max(10),
      initialDelaySeconds: z
        .number()
        .int()
        .min(1)
        .max(7 * 86_400),
      backoffMultiplier: z.number().min(1).max(10),
      maxDelaySeconds: z
        .number()
        .int()
        .min(1)
        .max(30 * 86_400),
      jitter: z.number().min(0).max(1),
    })
    .partial(),
  voicemail: z
    .object({
      detect: z.boolean(),
      message: z.string().trim().max(1_000).nullish(),
      countsAs: z.enum(['reached', 'retry']),
    })
    .partial(),
  requireConsent: z.boolean(),
  instructions: template.nullish(),
  greeting: template.nullish(),
  defaultCountry: z
    .string()
    .refine((code) => phoneCountry(code) !== undefined, 'must be an ISO country code the phone library knows, e.g. US')
    .transform((code) => code.toUpperCase())
    .nullish(),
  postCall: z
    .object({
      extractionSchema: z
        .string()
        .max(50_000)
        .transform((text, ctx) => {
          try {
            const parsed = JSON.parse(text);
            if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
              const problems = extractionSchemaProblems(parsed);
              if (problems.length === 0) return parsed as Record<string, unknown>;
              for (const problem of problems) ctx.addIssue({ code: 'custom', message: problem });
              return z.NEVER;
            }
          } catch {
            // reported below
          }
          ctx.addIssue({ code: 'custom', message: 'must be a JSON Schema object as JSON text' });
          return z.NEVER;
        })
        .nullish(),
      webhookUrl: z
        .url({ protocol: /^https?$/ })
        .max(2_048)
        .nullish(),
    })
    .partial(),
});
type CampaignFields = z.infer<typeof campaignFields>;

const endsAfterStart = (fields: Partial<CampaignFields>, current?: Campaign) => {
  const startAt = fields.startAt !== undefined ? fields.startAt : current?.startAt;
  const endAt = fields.endAt !== undefined ? fields.endAt : current?.endAt;
  if (startAt && endAt && endAt <= startAt)
    throw new ValidationError([{ field: 'endAt', message: 'must be after startAt' }]);
};

const CallingWindowInput = builder.inputType('CallingWindowInput', {
  fields: (t) => ({
    start: t.string({ required: true, description: 'HH:MM, inclusive.' }),
    end: t.string({ required: true, description: 'HH:MM (or 24:00), exclusive.' }),
    days: t.intList({ required: true, description: '1 = Monday … 7 = Sunday.' }),
  }),
});
const RetryPolicyInput = builder.inputType('RetryPolicyInput', {
  fields: (t) => ({
    maxAttempts: t.int({ required: false }),
    initialDelaySeconds: t.int({ required: false }),
    backoffMultiplier: t.float({ required: false }),
    maxDelaySeconds: t.int({ required: false }),
    jitter: t.float({ required: false }),
  }),
});
const VoicemailPolicyInput = builder.inputType('VoicemailPolicyInput', {
  fields: (t) => ({
    detect: t.boolean({ required: false }),
    message: t.string({ required: false }),
    countsAs: t.field({ type: VoicemailCountsAsEnum, required: false }),
  }),
});
const PostCallHooksInput = builder.inputType('CampaignPostCallHooksInput', {
  fields: (t) => ({
    extractionSchema: t.string({ required: false, description: 'A JSON Schema, as JSON text.' }),
    webhookUrl: t.string({ required: false }),
  }),
});
const campaignInputFields = (t: Parameters<Parameters<typeof builder.inputType>[1]['fields']>[0]) => ({
  name: t.string({ required: false }),
  startAt: t.field({ type: 'DateTime', required: false, description: 'Dialling starts then; at once when null.' }),
  endAt: t.field({ type: 'DateTime', required: false, description: 'Dialling stops then.' }),
  callsPerMinute: t.int({ required: false, description: 'Pacing: calls placed per minute at most (default 10).' }),
  maxConcurrentCalls: t.int({ required: false, description: 'Calls up at once at most (default 5).' }),
  callingWindow: t.field({ type: CallingWindowInput, required: false, description: 'Required to start.' }),
  timeZone: t.string({ required: false }),
  retry: t.field({ type: RetryPolicyInput, required: false }),
  voicemail: t.field({ type: VoicemailPolicyInput, required: false }),
  requireConsent: t.boolean({ required: false }),
  instructions: t.string({ required: false, description: "A template; the business's instructions when null." }),
  greeting: t.string({ required: false, description: "A template; the business's greeting when null." }),
  defaultCountry: t.string({
    required: false,
    description: "For numbers without a country code; the organisation's when null.",
  }),
  postCall: t.field({ type: PostCallHooksInput, required: false }),
});
const CreateCampaignInput = builder.inputType('CreateCampaignInput', {
  fields: (t) => ({ businessId: t.id({ required: true }), ...campaignInputFields(t) }),
});
const UpdateCampaignInput = builder.inputType('UpdateCampaignInput', { fields: (t) => campaignInputFields(t) });

const MappingInput = builder.inputType('ContactColumnMapping', {
  description: 'Which CSV column (by its header) holds what; `variables` columns become `{{contact.<column>}}`.',
  fields: (t) => ({
    phoneNumber: t.string({ required: true }),
    name: t.string({ required: false }),
    timeZone: t.string({ required: false }),
    consent: t.string({ required: false, description: 'yes/no, true/false, 1/0, y/n; empty is unknown.' }),
    variables: t.stringList({ required: false }),
  }),
});

/** Applies the given fields to a campaign (policies merged into what it has). */
function applyFields(campaign: Campaign, fields: Partial<CampaignFields>) {
  const { retry, voicemail, postCall, ...rest } = fields;
  for (const [key, value] of Object.entries(rest)) {
    if (value !== undefined) Object.assign(campaign, { [key]: value });
  }
  if (retry) campaign.retry = { ...campaign.retry, ...defined(retry) };
  if (voicemail) campaign.voicemail = { ...campaign.voicemail, ...defined(voicemail) } as VoicemailPolicy;
  if (postCall) campaign.postCall = { ...campaign.postCall, ...defined(postCall) };
}
const defined = <T extends object>(value: T) =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;

const countryOf = async (
  ctx: GatewayContext,
  campaign: Campaign,
  given?: string | null,
): Promise<CountryCode | undefined> =>
  phoneCountry(
    given ?? campaign.defaultCountry ?? (await ctx.em.findOneOrFail(Organization, campaign.organization.id)).country,
  );

/** A campaign of the caller's organisation that is still a draft, or why not. */
async function draftCampaign(ctx: GatewayContext, id: string, what: string) {
  const campaign = await ownedOrNotFound(ctx, Campaign, id);
  if (campaign.status !== 'draft') throw new ConflictError(`cannot ${what} a ${campaign.status} campaign`);
  return campaign;
}

/** Contacts can be added until the campaign has finished; a running one looks for them at once. */
async function openCampaign(ctx: GatewayContext, id: string) {
  const campaign = await ownedOrNotFound(ctx, Campaign, id);
  if (campaign.status === 'completed' || campaign.status === 'canceled') {
    throw new ConflictError(`cannot add contacts to a ${campaign.status} campaign`);
  }
  return campaign;
}

const createdBy = (ctx: GatewayContext) => ({ id: ctx.auth!.id, label: ctx.auth!.label });

// ------------------------------------------------------------------ queries

builder.queryFields((t) => ({
  campaigns: t.field({
    type: [CampaignRef],
    description: "The organisation's campaigns, newest first.",
    authScopes: { permission: 'campaigns:read' },
    args: { status: t.arg({ type: [CampaignStatusEnum] }), businessId: t.arg.id() },
    resolve: (_root, args, ctx) =>
      ctx.em.find(
        Campaign,
        {
          organization: ctx.auth!.organizationId,
          ...(args.status?.length && { status: { $in: args.status } }),
          ...(args.businessId && isUuid(args.businessId) && { business: args.businessId }),
        },
        { orderBy: { createdAt: 'desc' }, limit: 500 },
      ),
  }),
  campaign: t.field({
    type: CampaignRef,
    nullable: true,
    authScopes: { permission: 'campaigns:read' },
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, { id }, ctx) => findOwned(ctx, Campaign, id),
  }),
  campaignCsvPreview: t.field({
    type: CsvPreviewRef,
    description:
      'The first rows of a CSV file as they would import (GraphQL multipart request): its header, the column mapping suggested (or the one given) and each row’s number or problems.',
    authScopes: { permission: 'campaigns:manage' },
    errors: { types: [ValidationError, NotFoundError] },
    args: {
      campaignId: t.arg.id({ required: true }),
      file: t.arg({ type: 'File', required: true }),
      mapping: t.arg({ type: MappingInput }),
      defaultCountry: t.arg.string(),
      rows: t.arg.int({ defaultValue: 10 }),
    },
    resolve: async (_root, args, ctx) => {
      const campaign = await ownedOrNotFound(ctx, Campaign, args.campaignId);
      return previewContactsCsv(args.file, {
        mapping: args.mapping ?? null,
        country: await countryOf(ctx, campaign, args.defaultCountry),
        rows: Math.min(Math.max(args.rows ?? 10, 1), 50),
      });
    },
  }),
}));

const CsvRowRef = builder
  .objectRef<{
    line: number;
    values: string[];
    phoneNumber: string | null;
    problems: { field: string; message: string }[];
  }>('CampaignCsvRow')
  .implement({
    fields: (t) => ({
      line: t.exposeInt('line'),
      values: t.exposeStringList('values'),
      phoneNumber: t.exposeString('phoneNumber', { nullable: true, description: 'In E.164, when the row is good.' }),
      problems: t.field({
        type: [
          builder.objectRef<{ field: string; message: string }>('CampaignCsvProblem').implement({
            fields: (u) => ({ field: u.exposeString('field'), message: u.exposeString('message') }),
          }),
        ],
        resolve: (r) => r.problems,
      }),
    }),
  });
const MappingRef = builder.objectRef<ColumnMapping>('ContactColumnMappingResult').implement({
  fields: (t) => ({
    phoneNumber: t.exposeString('phoneNumber'),
    name: t.string({ nullable: true, resolve: (m) => m.name ?? null }),
    timeZone: t.string({ nullable: true, resolve: (m) => m.timeZone ?? null }),
    consent: t.string({ nullable: true, resolve: (m) => m.consent ?? null }),
    variables: t.stringList({ resolve: (m) => m.variables ?? [] }),
  }),
});
const CsvPreviewRef = builder
  .objectRef<Awaited<ReturnType<typeof previewContactsCsv>>>('CampaignCsvPreview')
  .implement({
    fields: (t) => ({
      headers: t.exposeStringList('headers'),
      mapping: t.field({ type: MappingRef, resolve: (p) => p.mapping }),
      missingColumns: t.stringList({
        description: 'Columns the mapping names that the file does not have.',
        resolve: (p) => p.missing.map((m) => m.message),
      }),
      rows: t.field({ type: [CsvRowRef], resolve: (p) => p.rows }),
    }),
  });

// ------------------------------------------------------------------ mutations

const ContactInput = builder.inputType('CampaignContactInput', {
  fields: (t) => ({
    phoneNumber: t.string({ required: true, description: "E.164, or national in the campaign's country." }),
    name: t.string({ required: false }),
    timeZone: t.string({ required: false, description: 'IANA; else derived from the number.' }),
    consent: t.boolean({ required: false }),
    variables: t.field({
      type: [
        builder.inputType('ContactVariableInput', {
          fields: (u) => ({ key: u.string({ required: true }), value: u.string({ required: true }) }),
        }),
      ],
      required: false,
    }),
  }),
});
const RejectedContactRef = builder
  .objectRef<{ index: number; field: string; message: string }>('RejectedContact')
  .implement({
    fields: (t) => ({
      index: t.exposeInt('index'),
      field: t.exposeString('field'),
      message: t.exposeString('message'),
    }),
  });
const ContactsAddedRef = builder
  .objectRef<{
    id: string;
    added: number;
    merged: number;
    doNotCall: number;
    rejected: { index: number; field: string; message: string }[];
  }>('CampaignContactsAdded')
  .implement({
    fields: (t) => ({
      campaignId: t.exposeID('id'),
      added: t.exposeInt('added'),
      merged: t.exposeInt('merged', { description: 'Given for a number the campaign already had: merged into it.' }),
      doNotCall: t.exposeInt('doNotCall', { description: 'Added as SKIPPED_DNC: the number is on the list.' }),
      rejected: t.field({ type: [RejectedContactRef], resolve: (r) => r.rejected }),
    }),
  });

const MAX_CONTACTS_PER_CALL = 1_000;
const variableKey = /^[a-z0-9_]{1,60}$/;

builder.mutationFields((t) => ({
  createCampaign: t.field({
    type: CampaignRef,
    description: 'A draft campaign for a business; add contacts, then start it.',
    authScopes: { permission: 'campaigns:manage' },
    errors: { types: [ValidationError, NotFoundError] },
    args: { input: t.arg({ type: CreateCampaignInput, required: true }) },
    resolve: audited('Campaign', async (_root, { input }, ctx) => {
      const { businessId, ...rest } = input;
      const fields = parseInput(campaignFields.partial().required({ name: true }), rest);
      endsAfterStart(fields);
      const business = await ownedOrNotFound(ctx, BusinessConfig, businessId);
      const campaign = ctx.em.create(Campaign, {
        organization: business.organization,
        business,
        name: fields.name,
        createdById: createdBy(ctx).id,
        createdByLabel: createdBy(ctx).label,
      });
      applyFields(campaign, fields);
      await ctx.em.flush();
      return campaign;
    }),
  }),
  updateCampaign: t.field({
    type: CampaignRef,
    description: 'Changes a draft campaign. ConflictError once it has started.',
    authScopes: { permission: 'campaigns:manage' },
    errors: { types: [ValidationError, NotFoundError, ConflictError] },
    args: { id: t.arg.id({ required: true }), input: t.arg({ type: UpdateCampaignInput, required: true }) },
    resolve: audited('Campaign', async (_root, args, ctx) => {
      const fields = parseInput(campaignFields.partial(), args.input);
      const campaign = await draftCampaign(ctx, args.id, 'change');
      endsAfterStart(fields, campaign);
      applyFields(campaign, fields);
      await ctx.em.flush();
      return campaign;
    }),
  }),
  deleteCampaign: t.field({
    type: CampaignRef,
    description: 'Deletes a draft campaign with its contacts. ConflictError once it has started.',
    authScopes: { permission: 'campaigns:manage' },
    errors: { types: [NotFoundError, ConflictError] },
    args: { id: t.arg.id({ required: true }) },
    resolve: audited('Campaign', async (_root, { id }, ctx) => {
      const campaign = await draftCampaign(ctx, id, 'delete');
      await ctx.em.remove(campaign).flush();
      return campaign;
    }),
  }),
  importCampaignContacts: t.field({
    type: CampaignImportRef,
    description:
      'Adds the contacts of a CSV file (GraphQL multipart request, up to MAX_UPLOAD_BYTES), read as a stream. Rows are mapped by `mapping` (else by header names that look like a phone, name, time zone, consent); numbers are normalised to E.164 in `defaultCountry`. Bad rows are kept by line (`errors`) and never stop the import; a number given twice is merged into one contact; numbers on the do-not-call list are marked.',
    authScopes: { permission: 'campaigns:manage' },
    errors: { types: [ValidationError, NotFoundError, ConflictError] },
    args: {
      campaignId: t.arg.id({ required: true }),
      file: t.arg({ type: 'File', required: true }),
      mapping: t.arg({ type: MappingInput }),
      defaultCountry: t.arg.string(),
    },
    resolve: audited('CampaignImport', async (_root, args, ctx) => {
      const campaign = await openCampaign(ctx, args.campaignId);
      const country = await countryOf(ctx, campaign, args.defaultCountry);
      if (args.defaultCountry && !country) {
        throw new ValidationError([{ field: 'defaultCountry', message: 'must be an ISO country code, e.g. US' }]);
      }
      const mapping = args.mapping ?? null;
      if (mapping) {
        const preview = await previewContactsCsv(args.file, { mapping, country, rows: 1 });
        const missing = missingColumns(mapping, preview.headers);
        if (missing.length) throw new ValidationError(missing);
      }
      const imported = await importContactsCsv(ctx.em, campaign, args.file, {
        mapping,
        country,
        createdBy: createdBy(ctx).label,
        encryption: ctx.encryption,
      });
      if (campaign.status !== 'draft') await ctx.workflows.campaignContactsAdded(campaign.id);
      return imported;
    }),
  }),
  addCampaignContacts: t.field({
    type: ContactsAddedRef,
    description: `Adds up to ${MAX_CONTACTS_PER_CALL} contacts; each one refused is answered by its index and why, and the others are added.`,
    authScopes: { permission: 'campaigns:manage' },
    errors: { types: [ValidationError, NotFoundError, ConflictError] },
    args: {
      campaignId: t.arg.id({ required: true }),
      contacts: t.arg({ type: [ContactInput], required: true }),
    },
    resolve: audited('Campaign', async (_root, args, ctx) => {
      if (args.contacts.length > MAX_CONTACTS_PER_CALL) {
        throw new ValidationError([{ field: 'contacts', message: `at most ${MAX_CONTACTS_PER_CALL} at a time` }]);
      }
      const campaign = await openCampaign(ctx, args.campaignId);
      const country = await countryOf(ctx, campaign);
      const rejected: { index: number; field: string; message: string }[] = [];
      const good = args.contacts.flatMap((input, index) => {
        const bad = (input.variables ?? []).find((v) => !variableKey.test(v.key));
        if (bad) {
          rejected.push({
            index,
            field: 'variables',
            message: `${bad.key}: keys are lower-case letters, digits and _`,
          });
          return [];
        }
        const checked = checkContact(
          {
            ...input,
            variables: Object.fromEntries((input.variables ?? []).map((v) => [v.key, v.value])),
          },
          country,
        );
        if ('contact' in checked) return [checked.contact];
        rejected.push(...checked.problems.map((p) => ({ index, ...p })));
        return [];
      });
      const added = await addContacts(
        ctx.em,
        ctx.encryption,
        { id: campaign.id, organizationId: campaign.organization.id },
        good,
      );
      if (campaign.status !== 'draft' && added.added) await ctx.workflows.campaignContactsAdded(campaign.id);
      return { ...added, rejected, id: campaign.id };
    }),
  }),
  startCampaign: t.field({
    type: CampaignRef,
    description:
      'Starts dialling (at `startAt`, or now). ValidationError without a calling window, contacts or a business number.',
    authScopes: { permission: 'campaigns:run' },
    errors: { types: [ValidationError, NotFoundError, ConflictError] },
    args: { id: t.arg.id({ required: true }) },
    resolve: audited('Campaign', async (_root, { id }, ctx) => {
      const campaign = await draftCampaign(ctx, id, 'start');
      const business = await ctx.em.findOneOrFail(BusinessConfig, campaign.business.id);
      const problems = [
        ...(campaign.callingWindow
          ? []
          : [{ field: 'callingWindow', message: 'must be set before the campaign starts' }]),
        ...(business.active && business.phoneNumbers.length
          ? []
          : [{ field: 'businessId', message: 'the business must be active and have a phone number to call from' }]),
        ...((await ctx.em.count(CampaignContact, { campaign: campaign.id }))
          ? []
          : [{ field: 'contacts', message: 'add contacts before starting' }]),
      ];
      if (problems.length) throw new ValidationError(problems);
      const status: CampaignStatus = campaign.startAt && campaign.startAt > new Date() ? 'scheduled' : 'running';
      // The workflow's move to running finds it running already: the start is stamped here (rate and ETA need it).
      Object.assign(campaign, {
        status,
        workflowId: campaignWorkflowId(campaign.id),
        startedAt: status === 'running' ? new Date() : null,
      });
      await ctx.em.flush();
      try {
        await ctx.workflows.startCampaign(campaign, business);
      } catch (error) {
        Object.assign(campaign, { status: 'draft', workflowId: null, startedAt: null });
        await ctx.em.flush();
        throw error;
      }
      return campaign;
    }),
  }),
  pauseCampaign: t.field({
    type: CampaignRef,
    description: 'Stops placing new calls within seconds; calls in progress go on. ConflictError unless it runs.',
    authScopes: { permission: 'campaigns:run' },
    errors: { types: [NotFoundError, ConflictError] },
    args: { id: t.arg.id({ required: true }) },
    resolve: audited('Campaign', async (_root, { id }, ctx) => {
      const campaign = await ownedOrNotFound(ctx, Campaign, id);
      await ctx.workflows.messageCampaign(
        campaign.id,
        (h) => h.executeUpdate(pauseCampaignUpdate),
        'pause the campaign',
      );
      return ctx.em.refreshOrFail(campaign);
    }),
  }),
  resumeCampaign: t.field({
    type: CampaignRef,
    description: 'Carries on dialling a paused campaign.',
    authScopes: { permission: 'campaigns:run' },
    errors: { types: [NotFoundError, ConflictError] },
    args: { id: t.arg.id({ required: true }) },
    resolve: audited('Campaign', async (_root, { id }, ctx) => {
      const campaign = await ownedOrNotFound(ctx, Campaign, id);
      await ctx.workflows.messageCampaign(
        campaign.id,
        (h) => h.executeUpdate(resumeCampaignUpdate),
        'resume the campaign',
      );
      return ctx.em.refreshOrFail(campaign);
    }),
  }),
  cancelCampaign: t.field({
    type: CampaignRef,
    description:
      'Stops the campaign for good: no more calls are placed. Calls in progress finish, or are ended with `endCalls`.',
    authScopes: { permission: 'campaigns:run' },
    errors: { types: [NotFoundError, ConflictError] },
    args: { id: t.arg.id({ required: true }), endCalls: t.arg.boolean({ defaultValue: false }) },
    resolve: audited('Campaign', async (_root, { id, endCalls }, ctx) => {
      const campaign = await ownedOrNotFound(ctx, Campaign, id);
      if (campaign.status === 'draft') throw new ConflictError('a draft campaign has not started; delete it instead');
      await ctx.workflows.messageCampaign(
        campaign.id,
        (h) => h.executeUpdate(cancelCampaignUpdate, { args: [{ endCalls: endCalls ?? false }] }),
        'cancel the campaign',
      );
      return ctx.em.refreshOrFail(campaign);
    }),
  }),
}));

// ------------------------------------------------------------------ live

builder.subscriptionFields((t) => ({
  campaignProgress: t.field({
    type: CampaignRef,
    description:
      'A campaign each time its status or progress changes (about every two seconds while it dials); without `campaignId`, every campaign of the organisation.',
    authScopes: { permission: 'campaigns:read' },
    args: { campaignId: t.arg.id() },
    subscribe: (_root, { campaignId }, ctx) => {
      if (campaignId && !isUuid(campaignId))
        throw new ValidationError([{ field: 'campaignId', message: 'must be a UUID' }]);
      return organizationEventIds<CampaignEventPayload>(
        ctx,
        { topic: TOPICS.campaign, ...(campaignId && { key: campaignId }) },
        (p) => p.campaignId,
      );
    },
    // refresh: the connection's entity manager would otherwise answer its first copy every time.
    resolve: (id, _args, { em }) => em.findOneOrFail(Campaign, id as unknown as string, { refresh: true }),
  }),
}));
