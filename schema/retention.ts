/**
 * How long an organisation keeps what its calls leave behind, and what its retention schedule
 * removed last; `privacy:manage` reads and changes it, and every change is audited.
 */
import { z } from 'zod';
import { RetentionPolicy } from '../db/entities/index.ts';
import { ValidationError } from '../lib/errors.ts';
import { RETENTION_KINDS, type RetentionRemoved, retentionScheduleId } from '../workflows/definitions/retention.ts';
import { changesBetween } from './audit-changes.ts';
import { audited, builder } from './builder.ts';
import type { GatewayContext } from './context.ts';
import { parseInput } from './validation.ts';

const DAYS_FIELDS = [
  'transcriptDays',
  'callDays',
  'qaDetailDays',
  'notificationDays',
  'eventLogDays',
  'auditLogDays',
  'knowledgeSourceDays',
] as const;
type DaysField = (typeof DAYS_FIELDS)[number];
type Days = Record<DaysField, number | null>;

interface RetentionView extends Days {
  /** The organisation's. */
  id: string;
  updatedAt: Date | null;
  lastRun: { startedAt: Date; finishedAt: Date; removed: RetentionRemoved } | null;
}

const DESCRIPTIONS: Record<DaysField, string> = {
  transcriptDays: 'Transcript lines, their encrypted originals and their live events.',
  callDays:
    'Ended calls with everything about them (notes, analysis, escalations, QA, transcript) and their workflow executions in Temporal; they also leave the analytics.',
  qaDetailDays: "QA scores of calls this old, with their components, violations and graders' notes.",
  notificationDays: 'In-app notifications.',
  eventLogDays: 'The live event log subscribers resume from.',
  auditLogDays: 'Audit log entries.',
  knowledgeSourceDays:
    'Knowledge entries not updated for this long, with their chunks in Weaviate and their ingestion workflow executions.',
};

const RemovedRef = builder.objectRef<RetentionRemoved>('RetentionRemoved').implement({
  description:
    'What a retention run deleted: rows per kind, and the closed workflow executions of the calls and knowledge entries it deleted.',
  fields: (t) => ({
    ...Object.fromEntries(RETENTION_KINDS.map((kind) => [kind, t.exposeInt(kind)])),
    workflowExecutions: t.exposeInt('workflowExecutions'),
  }),
});

const RetentionRunRef = builder.objectRef<NonNullable<RetentionView['lastRun']>>('RetentionRun').implement({
  fields: (t) => ({
    startedAt: t.field({ type: 'DateTime', resolve: (run) => run.startedAt }),
    finishedAt: t.field({ type: 'DateTime', resolve: (run) => run.finishedAt }),
    removed: t.field({ type: RemovedRef, resolve: (run) => run.removed }),
  }),
});

const RetentionPolicyRef = builder.objectRef<RetentionView>('RetentionPolicy').implement({
  description:
    'Days the organisation keeps each kind of record; null keeps it forever. Audio of listen-in is never stored: a supervisor listens live and nothing is recorded, so there is nothing to keep.',
  fields: (t) => ({
    ...Object.fromEntries(
      DAYS_FIELDS.map((field) => [field, t.exposeInt(field, { nullable: true, description: DESCRIPTIONS[field] })]),
    ),
    scheduleId: t.string({
      nullable: true,
      description:
        'The Temporal schedule that enforces the policy (daily), in the Temporal Web UI under Schedules; null while it keeps everything.',
      resolve: (view) => (DAYS_FIELDS.some((f) => view[f] !== null) ? retentionScheduleId(view.id) : null),
    }),
    updatedAt: t.field({ type: 'DateTime', nullable: true, resolve: (view) => view.updatedAt }),
    lastRun: t.field({
      type: RetentionRunRef,
      nullable: true,
      description: 'The schedule’s latest finished run.',
      resolve: (view) => view.lastRun,
    }),
  }),
});

const daysInput = z
  .number()
  .int()
  .min(1, 'must be at least one day')
  .max(36_500, 'must be at most 100 years')
  .nullable();
const policyInput = z
  .object(Object.fromEntries(DAYS_FIELDS.map((field) => [field, daysInput])) as Record<DaysField, typeof daysInput>)
  .superRefine((days, issues) => {
    // What goes with a call cannot outlive it (null: it goes with the call).
    for (const field of ['transcriptDays', 'qaDetailDays'] as const) {
      const own = days[field];
      if (days.callDays !== null && own !== null && own > days.callDays) {
        issues.addIssue({ code: 'custom', path: [field], message: 'cannot be kept longer than calls (callDays)' });
      }
    }
  });

const RetentionPolicyInput = builder.inputType('RetentionPolicyInput', {
  description: 'Days to keep each kind; null keeps it forever, a field left out keeps its value.',
  fields: (t) => ({
    transcriptDays: t.int({ required: false, description: DESCRIPTIONS.transcriptDays }),
    callDays: t.int({ required: false, description: DESCRIPTIONS.callDays }),
    qaDetailDays: t.int({ required: false, description: DESCRIPTIONS.qaDetailDays }),
    notificationDays: t.int({ required: false, description: DESCRIPTIONS.notificationDays }),
    eventLogDays: t.int({ required: false, description: DESCRIPTIONS.eventLogDays }),
    auditLogDays: t.int({ required: false, description: DESCRIPTIONS.auditLogDays }),
    knowledgeSourceDays: t.int({ required: false, description: DESCRIPTIONS.knowledgeSourceDays }),
  }),
});

async function currentPolicy(ctx: GatewayContext) {
  return ctx.em.findOne(RetentionPolicy, { organization: ctx.auth!.organizationId });
}

function viewOf(organizationId: string, policy: RetentionPolicy | null): RetentionView {
  const days = Object.fromEntries(DAYS_FIELDS.map((field) => [field, policy?.[field] ?? null])) as Days;
  return {
    ...days,
    id: organizationId,
    updatedAt: policy?.updatedAt ?? null,
    lastRun:
      policy?.lastRunStartedAt && policy.lastRunFinishedAt && policy.lastRunRemoved
        ? { startedAt: policy.lastRunStartedAt, finishedAt: policy.lastRunFinishedAt, removed: policy.lastRunRemoved }
        : null,
  };
}

const daysOf = (view: RetentionView): Days =>
  Object.fromEntries(DAYS_FIELDS.map((field) => [field, view[field]])) as Days;

builder.queryField('retentionPolicy', (t) =>
  t.field({
    type: RetentionPolicyRef,
    description: "The organisation's retention policy and its schedule's last run.",
    authScopes: { permission: 'privacy:manage' },
    resolve: async (_root, _args, ctx) => viewOf(ctx.auth!.organizationId, await currentPolicy(ctx)),
  }),
);

builder.mutationField('updateRetentionPolicy', (t) =>
  t.field({
    type: RetentionPolicyRef,
    description:
      'Changes how long the organisation keeps each kind of record, and its `retention-<organization>` schedule with it (removed when everything is kept forever). The next run deletes what is older.',
    authScopes: { permission: 'privacy:manage' },
    errors: { types: [ValidationError] },
    args: { input: t.arg({ type: RetentionPolicyInput, required: true }) },
    resolve: audited('RetentionPolicy', async (_root, { input }, ctx) => {
      const organizationId = ctx.auth!.organizationId;
      const existing = await currentPolicy(ctx);
      const before = daysOf(viewOf(organizationId, existing));
      const days = parseInput(
        policyInput,
        Object.fromEntries(
          DAYS_FIELDS.map((field) => [field, input[field] === undefined ? before[field] : input[field]]),
        ),
      );
      const policy = existing ?? ctx.em.create(RetentionPolicy, { organization: organizationId, ...days });
      Object.assign(policy, days);
      await ctx.em.flush();
      await ctx.workflows.applyRetentionSchedule(
        organizationId,
        DAYS_FIELDS.some((field) => days[field] !== null),
      );
      const changes = changesBetween(before, days);
      if (changes) ctx.audit.noteChanges(changes);
      return viewOf(organizationId, policy);
    }),
  }),
);
