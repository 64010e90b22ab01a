/**
 * Call quality over GraphQL: each customer line's sentiment and the call's timeline, the QA score
 * (live and final, with violations), reviewers' overrides, recalculation, and each business's rules.
 */
import { z } from 'zod';
import {
  BusinessConfig,
  type QaComponentScores,
  QaScore,
  type StoredViolation,
  TranscriptLine,
  User,
} from '../db/entities/index.ts';
import { TOPICS } from '../db/events.ts';
import { NotFoundError, ValidationError } from '../lib/errors.ts';
import { isUuid } from '../lib/ids.ts';
import { type QualitySettings, qualitySettingsOf, qualitySettingsSchema } from '../quality/settings.ts';
import { type LineSentiment, TERMINAL_CALL_STATUSES } from '../workflows/definitions/call.ts';
import { audited, builder } from './builder.ts';
import { BusinessConfigRef } from './business.ts';
import { CallRef, findCall } from './call.ts';
import { TranscriptLineRef } from './call-record.ts';
import type { GatewayContext } from './context.ts';
import { organizationEventIds, ownedOrNotFound } from './lookup.ts';
import { UserRef } from './users.ts';
import { parseInput } from './validation.ts';

const LineSentimentRef = builder.objectRef<LineSentiment>('LineSentiment').implement({
  description: 'VADER scores of a customer line, and the call’s rolling sentiment after it.',
  fields: (t) => ({
    compound: t.exposeFloat('compound', { description: '−1 (most negative) to 1.' }),
    pos: t.exposeFloat('pos'),
    neu: t.exposeFloat('neu'),
    neg: t.exposeFloat('neg'),
    label: t.exposeString('label', { description: 'positive, neutral or negative.' }),
    rolling: t.exposeFloat('rolling'),
  }),
});

builder.objectFields(TranscriptLineRef, (t) => ({
  sentiment: t.field({
    type: LineSentimentRef,
    nullable: true,
    description: 'Customer lines only.',
    resolve: (line) => line.sentiment ?? null,
  }),
}));

interface SentimentPoint {
  sequence: number;
  at: Date;
  compound: number;
  rolling: number;
  label: string;
}
const SentimentPointRef = builder.objectRef<SentimentPoint>('SentimentPoint').implement({
  fields: (t) => ({
    sequence: t.exposeInt('sequence'),
    at: t.field({ type: 'DateTime', resolve: (p) => p.at }),
    compound: t.exposeFloat('compound'),
    rolling: t.exposeFloat('rolling'),
    label: t.exposeString('label'),
  }),
});
const CallSentimentRef = builder
  .objectRef<{ current: number | null; timeline: SentimentPoint[] }>('CallSentiment')
  .implement({
    fields: (t) => ({
      current: t.exposeFloat('current', { nullable: true, description: 'The rolling sentiment now.' }),
      timeline: t.field({ type: [SentimentPointRef], resolve: (s) => s.timeline }),
    }),
  });

const QaComponentsRef = builder.objectRef<QaComponentScores>('QaComponents').implement({
  fields: (t) => ({
    sentiment: t.exposeFloat('sentiment'),
    compliance: t.exposeFloat('compliance'),
    accuracy: t.exposeFloat('accuracy'),
    professionalism: t.exposeFloat('professionalism'),
  }),
});
const ViolationRef = builder.objectRef<StoredViolation>('Violation').implement({
  fields: (t) => ({
    rule: t.exposeString('rule'),
    severity: t.exposeString('severity'),
    lineSequence: t.exposeInt('lineSequence', { nullable: true }),
    offsetMs: t.exposeInt('offsetMs', { nullable: true }),
    detail: t.exposeString('detail'),
  }),
});
const QaOverrideRef = builder
  .objectRef<{ score: number; reason: string; by: string | null; at: Date }>('QaOverride')
  .implement({
    fields: (t) => ({
      score: t.exposeFloat('score'),
      reason: t.exposeString('reason'),
      by: t.field({
        type: UserRef,
        nullable: true,
        resolve: (o, _args, { em }) => (o.by ? em.findOne(User, o.by) : null),
      }),
      at: t.field({ type: 'DateTime', resolve: (o) => o.at }),
    }),
  });
const QaScoreRef = builder.objectRef<QaScore>('QaScore').implement({
  fields: (t) => ({
    callId: t.id({ resolve: (q) => q.call.id }),
    score: t.float({ resolve: (q) => Number(q.score), description: 'As computed, 0–1.' }),
    effectiveScore: t.float({
      resolve: (q) => Number(q.overrideScore ?? q.score),
      description: "The reviewer's score when overridden, else the computed one.",
    }),
    components: t.field({ type: QaComponentsRef, resolve: (q) => q.components }),
    weights: t.field({ type: QaComponentsRef, resolve: (q) => q.weights }),
    grader: t.string({ resolve: (q) => q.grader.toUpperCase(), description: 'LLM or RULES.' }),
    final: t.exposeBoolean('final', { description: 'False while the call runs.' }),
    violations: t.field({ type: [ViolationRef], resolve: (q) => q.violations }),
    notes: t.exposeStringList('notes'),
    computedAt: t.field({ type: 'DateTime', resolve: (q) => q.computedAt }),
    override: t.field({
      type: QaOverrideRef,
      nullable: true,
      resolve: (q) =>
        q.overrideScore === null || q.overrideScore === undefined
          ? null
          : {
              score: Number(q.overrideScore),
              reason: q.overrideReason ?? '',
              by: q.overrideBy?.id ?? null,
              at: q.overrideAt!,
            },
    }),
  }),
});

builder.objectFields(CallRef, (t) => ({
  sentiment: t.field({
    type: CallSentimentRef,
    description: "The caller's sentiment line by line, and where it stands now.",
    resolve: async (call, _args, { em }) => {
      const lines = await em.find(
        TranscriptLine,
        { call: call.id, speaker: 'customer', sentiment: { $ne: null } },
        { orderBy: { sequence: 'asc' } },
      );
      const timeline = lines.map((l) => ({
        sequence: l.sequence,
        at: l.createdAt,
        compound: l.sentiment!.compound,
        rolling: l.sentiment!.rolling,
        label: l.sentiment!.label,
      }));
      return { current: timeline.at(-1)?.rolling ?? null, timeline };
    },
  }),
  qa: t.field({
    type: QaScoreRef,
    nullable: true,
    resolve: (call, _args, { em }) => em.findOne(QaScore, { call: call.id }),
  }),
}));

const QaWeightsInput = builder.inputType('QaWeightsInput', {
  fields: (t) => ({
    sentiment: t.float({ required: true }),
    compliance: t.float({ required: true }),
    accuracy: t.float({ required: true }),
    professionalism: t.float({ required: true }),
  }),
});
const DisclosureInput = builder.inputType('DisclosureInput', {
  fields: (t) => ({ phrase: t.string({ required: true }), withinSeconds: t.int({ required: true }) }),
});
const CallingHoursInput = builder.inputType('CallingHoursInput', {
  fields: (t) => ({
    start: t.string({ required: true, description: 'HH:MM local time.' }),
    end: t.string({ required: true }),
    timeZone: t.string({ required: true, description: 'IANA, e.g. America/New_York.' }),
    days: t.intList({ required: true, description: '1 = Monday … 7 = Sunday.' }),
  }),
});
const QualitySettingsInput = builder.inputType('QualitySettingsInput', {
  description: 'Any subset; fields left out keep their current value.',
  fields: (t) => ({
    sentimentAlertThreshold: t.float({ required: false }),
    sentimentEscalationEnabled: t.boolean({ required: false }),
    sentimentEscalationLines: t.int({ required: false }),
    escalationKeywords: t.stringList({ required: false }),
    maxFailedLookups: t.int({ required: false }),
    maxToolErrors: t.int({ required: false }),
    disclosures: t.field({ type: [DisclosureInput], required: false }),
    prohibitedPhrases: t.stringList({ required: false }),
    piiChecks: t.stringList({ required: false, description: 'card_number, ssn, iban, email, phone.' }),
    callingHours: t.field({ type: CallingHoursInput, required: false }),
    clearCallingHours: t.boolean({ required: false }),
    qaWeights: t.field({ type: QaWeightsInput, required: false }),
    qaAlertThreshold: t.float({ required: false }),
    offerTimeoutSeconds: t.int({ required: false }),
    maxWaitSeconds: t.int({ required: false }),
    escalationDepartment: t.string({ required: false }),
    escalationSkills: t.stringList({ required: false }),
  }),
});

const DisclosureRef = builder.objectRef<{ phrase: string; withinSeconds: number }>('Disclosure').implement({
  fields: (t) => ({ phrase: t.exposeString('phrase'), withinSeconds: t.exposeInt('withinSeconds') }),
});

/** The settings as GraphQL shows them (the stored JSON, defaults filled in). */
const QualitySettingsRef = builder.objectRef<QualitySettings>('QualitySettings').implement({
  fields: (t) => ({
    sentimentAlertThreshold: t.exposeFloat('sentimentAlertThreshold'),
    sentimentEscalationEnabled: t.boolean({ resolve: (s) => s.sentimentEscalation.enabled }),
    sentimentEscalationLines: t.int({ resolve: (s) => s.sentimentEscalation.consecutiveLines }),
    escalationKeywords: t.exposeStringList('escalationKeywords'),
    maxFailedLookups: t.int({ resolve: (s) => s.complexity.maxFailedLookups }),
    maxToolErrors: t.int({ resolve: (s) => s.complexity.maxToolErrors }),
    disclosures: t.stringList({
      resolve: (s) => s.disclosures.map((d) => `${d.phrase} (within ${d.withinSeconds} s)`),
    }),
    disclosureRules: t.field({
      type: [DisclosureRef],
      description: 'What the agent must say, and within how many seconds of the start.',
      resolve: (s) => s.disclosures,
    }),
    prohibitedPhrases: t.exposeStringList('prohibitedPhrases'),
    piiChecks: t.stringList({ resolve: (s) => s.piiChecks }),
    callingHours: t.string({
      nullable: true,
      resolve: (s) =>
        s.callingHours
          ? `${s.callingHours.start}–${s.callingHours.end} ${s.callingHours.timeZone}, days ${s.callingHours.days.join(',')}`
          : null,
    }),
    qaWeights: t.field({ type: QaComponentsRef, resolve: (s) => s.qaWeights }),
    qaAlertThreshold: t.exposeFloat('qaAlertThreshold'),
    offerTimeoutSeconds: t.int({ resolve: (s) => s.escalation.offerTimeoutSeconds }),
    maxWaitSeconds: t.int({ resolve: (s) => s.escalation.maxWaitSeconds }),
    escalationDepartment: t.string({ nullable: true, resolve: (s) => s.escalation.department }),
    escalationSkills: t.stringList({ resolve: (s) => s.escalation.skills }),
  }),
});

builder.objectFields(BusinessConfigRef, (t) => ({
  qualitySettings: t.field({
    type: QualitySettingsRef,
    description: 'Sentiment, compliance, QA and escalation rules (defaults filled in).',
    resolve: (business) => qualitySettingsOf(business),
  }),
}));

async function qaOf(ctx: GatewayContext, callId: string) {
  const call = await findCall(ctx, callId);
  const qa = await ctx.em.findOne(QaScore, { call: call.id });
  if (!qa) throw new NotFoundError('QaScore', callId);
  return qa;
}

builder.mutationFields((t) => ({
  overrideQaScore: t.field({
    type: QaScoreRef,
    description: "A reviewer's score for the call, with the reason (audited); the computed score is kept.",
    authScopes: { permission: 'quality:review' },
    errors: { types: [NotFoundError, ValidationError] },
    args: {
      callId: t.arg.id({ required: true }),
      score: t.arg.float({ required: true }),
      reason: t.arg.string({ required: true }),
    },
    resolve: audited('QaScore', async (_root, args, ctx) => {
      const input = parseInput(
        z.object({ score: z.number().min(0).max(1), reason: z.string().trim().min(3, 'say why').max(2000) }),
        { score: args.score, reason: args.reason },
      );
      const qa = await qaOf(ctx, args.callId);
      Object.assign(qa, {
        overrideScore: input.score,
        overrideReason: input.reason,
        overrideBy: ctx.auth!.kind === 'user' ? ctx.auth!.id : null,
        overrideAt: new Date(),
      });
      await ctx.em.flush();
      return qa;
    }),
  }),
  recalculateQa: t.field({
    type: QaScoreRef,
    description: "Scores the call again with its business's current rules (an override is kept).",
    authScopes: { permission: 'quality:review' },
    errors: { types: [NotFoundError] },
    args: { callId: t.arg.id({ required: true }) },
    resolve: audited('QaScore', async (_root, { callId }, ctx) => {
      const call = await findCall(ctx, callId);
      const ended = TERMINAL_CALL_STATUSES.includes(call.status);
      await ctx.workflows.recalculateQa(call.id, ended);
      return ctx.em.findOneOrFail(QaScore, { call: call.id }, { refresh: true });
    }),
  }),
  updateQualitySettings: t.field({
    type: BusinessConfigRef,
    description: "Changes a business's quality rules; calls from now on use them (`recalculateQa` rescores old ones).",
    authScopes: { permission: 'quality:configure' },
    errors: { types: [NotFoundError, ValidationError] },
    args: { businessId: t.arg.id({ required: true }), input: t.arg({ type: QualitySettingsInput, required: true }) },
    resolve: audited('BusinessConfig', async (_root, { businessId, input }, ctx) => {
      const business = await ownedOrNotFound(ctx, BusinessConfig, businessId);
      const current = qualitySettingsOf(business);
      const given = <T>(value: T | null | undefined, fallback: T): T =>
        value === null || value === undefined ? fallback : value;
      const next = {
        ...current,
        sentimentAlertThreshold: given(input.sentimentAlertThreshold, current.sentimentAlertThreshold),
        sentimentEscalation: {
          enabled: given(input.sentimentEscalationEnabled, current.sentimentEscalation.enabled),
          consecutiveLines: given(input.sentimentEscalationLines, current.sentimentEscalation.consecutiveLines),
        },
        escalationKeywords: given(input.escalationKeywords, current.escalationKeywords),
        complexity: {
          maxFailedLookups: given(input.maxFailedLookups, current.complexity.maxFailedLookups),
          maxToolErrors: given(input.maxToolErrors, current.complexity.maxToolErrors),
        },
        disclosures: given(input.disclosures, current.disclosures),
        prohibitedPhrases: given(input.prohibitedPhrases, current.prohibitedPhrases),
        piiChecks: given(input.piiChecks, current.piiChecks),
        callingHours: input.clearCallingHours ? null : given(input.callingHours, current.callingHours),
        qaWeights: given(input.qaWeights, current.qaWeights),
        qaAlertThreshold: given(input.qaAlertThreshold, current.qaAlertThreshold),
        escalation: {
          offerTimeoutSeconds: given(input.offerTimeoutSeconds, current.escalation.offerTimeoutSeconds),
          maxWaitSeconds: given(input.maxWaitSeconds, current.escalation.maxWaitSeconds),
          department:
            input.escalationDepartment === undefined
              ? current.escalation.department
              : input.escalationDepartment || null,
          skills: given(input.escalationSkills, current.escalation.skills),
        },
      };
      const settings = parseInput(qualitySettingsSchema, next);
      business.settings = { ...(business.settings ?? {}), quality: settings };
      await ctx.em.flush();
      return business;
    }),
  }),
}));

builder.subscriptionFields((t) => ({
  callQaChanged: t.field({
    type: QaScoreRef,
    description: "The call's QA score each time it is computed: live while the call runs, then final.",
    authScopes: { permission: 'calls:read' },
    args: { callId: t.arg.id({ required: true }) },
    subscribe: (_root, { callId }, ctx) => {
      if (!isUuid(callId)) throw new ValidationError([{ field: 'callId', message: 'must be a UUID' }]);
      return organizationEventIds<{ organizationId: string; callId: string }>(
        ctx,
        { topic: TOPICS.qa, key: callId },
        (p) => p.callId,
      );
    },
    resolve: (callId, _args, { em }) =>
      em.findOneOrFail(QaScore, { call: callId as unknown as string }, { refresh: true }),
  }),
}));
