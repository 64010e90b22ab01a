import { z } from 'zod';
import * as analytics from '../db/analytics.ts';
import { ValidationError } from '../lib/errors.ts';
import { isUuid } from '../lib/ids.ts';
import type { CallDirection, CallStatus } from '../workflows/definitions/call.ts';
import { AvailabilityEnum } from './agents.ts';
import { builder } from './builder.ts';
import { CallDirectionEnum, CallStatusEnum } from './call.ts';
import { CampaignStatusEnum, ContactStatusEnum } from './campaigns.ts';
import type { GatewayContext } from './context.ts';
import { EscalationReasonEnum } from './escalations.ts';
import { parseInput } from './validation.ts';

/** Ranges up to a year and a day; hour buckets up to 31 days (744 points). */
export const MAX_RANGE_DAYS = 366;
const MAX_HOUR_BUCKET_DAYS = 31;

const localDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-03-01')
  .refine(
    (value) =>
      !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value),
    'is not a calendar date',
  );

const timeZone = z.string().refine((zone) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}, 'must be an IANA time zone like Europe/Paris');

const daysBetween = (from: string, to: string) =>
  (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000 + 1;

/** A date range (local calendar days, both included) and the filter, as every analytics request and export takes them. */
export const analyticsArgs = z
  .object({
    range: z.object({ from: localDate, to: localDate, timeZone }),
    filter: z
      .object({
        businessId: z.string().refine(isUuid, 'must be a UUID').nullish(),
        campaignId: z.string().refine(isUuid, 'must be a UUID').nullish(),
      })
      .passthrough()
      .nullish(),
  })
  .superRefine(({ range }, ctx) => {
    const days = daysBetween(range.from, range.to);
    if (days < 1) ctx.addIssue({ code: 'custom', path: ['range', 'to'], message: 'must not be before range.from' });
    if (days > MAX_RANGE_DAYS) {
      ctx.addIssue({
        code: 'custom',
        path: ['range', 'to'],
        message: `must be at most ${MAX_RANGE_DAYS} days after range.from`,
      });
    }
  });

export const AnalyticsRangeInput = builder.inputType('AnalyticsRange', {
  description: 'Local calendar days, both included, in a time zone; the previous period is as many days just before.',
  fields: (t) => ({
    from: t.string({ required: true, description: 'First day, YYYY-MM-DD.' }),
    to: t.string({ required: true, description: 'Last day, YYYY-MM-DD (at most 366 days after `from`).' }),
    timeZone: t.string({
      required: true,
      description: 'IANA time zone the days and buckets are in, e.g. Asia/Kolkata.',
    }),
  }),
});

export const AnalyticsFilterInput = builder.inputType('AnalyticsFilter', {
  fields: (t) => ({
    businessId: t.id({ required: false }),
    campaignId: t.id({ required: false, description: 'Calls this campaign placed.' }),
    direction: t.field({ type: CallDirectionEnum, required: false }),
    status: t.field({ type: [CallStatusEnum], required: false, description: 'Calls in any of these statuses.' }),
  }),
});

/** The filter as the database layer takes it. */
export function filterOf(
  filter:
    | { businessId?: string | null; campaignId?: string | null; direction?: string | null; status?: string[] | null }
    | null
    | undefined,
): analytics.AnalyticsFilter {
  return {
    businessId: filter?.businessId ?? null,
    campaignId: filter?.campaignId ?? null,
    direction: (filter?.direction as CallDirection | null | undefined) ?? null,
    statuses: (filter?.status as CallStatus[] | null | undefined) ?? null,
  };
}

const BucketEnum = builder.enumType('AnalyticsBucket', {
  values: { HOUR: { value: 'hour' }, DAY: { value: 'day' }, WEEK: { value: 'week' } },
});

const OverviewFiguresRef = builder.objectRef<analytics.Overview>('OverviewFigures').implement({
  fields: (t) => ({
    calls: t.exposeInt('calls'),
    answered: t.exposeInt('answered'),
    answeredRate: t.exposeFloat('answeredRate', { nullable: true, description: 'Answered calls ÷ calls.' }),
    totalMinutes: t.exposeFloat('totalMinutes', { description: 'Talk time of answered calls, in minutes.' }),
    averageMinutes: t.exposeFloat('averageMinutes', { nullable: true, description: 'Talk time per answered call.' }),
    averageHandleSeconds: t.exposeFloat('averageHandleSeconds', {
      nullable: true,
      description: "Per answered call: talk time, or up to the human agent's completion when that is later.",
    }),
    containmentRate: t.exposeFloat('containmentRate', {
      nullable: true,
      description:
        'Answered calls that ended without a human (no agent accepted, no callback, no take over) ÷ answered.',
    }),
    averageQaScore: t.exposeFloat('averageQaScore', {
      nullable: true,
      description: 'Mean final QA score (overrides win).',
    }),
    averageSentiment: t.exposeFloat('averageSentiment', {
      nullable: true,
      description: "Mean of each call's final rolling caller sentiment (−1 to 1).",
    }),
    escalated: t.exposeInt('escalated', { description: 'Calls with at least one escalation.' }),
    escalationRate: t.exposeFloat('escalationRate', {
      nullable: true,
      description: 'Escalated calls ÷ answered calls.',
    }),
  }),
});

const OverviewRef = builder
  .objectRef<{ current: analytics.Overview; previous: analytics.Overview; activeNow: number }>('AnalyticsOverview')
  .implement({
    fields: (t) => ({
      current: t.field({ type: OverviewFiguresRef, resolve: (o) => o.current }),
      previous: t.field({
        type: OverviewFiguresRef,
        description: 'The same figures for the period before.',
        resolve: (o) => o.previous,
      }),
      activeNow: t.exposeInt('activeNow', { description: 'Calls not yet ended, now (whatever the range).' }),
    }),
  });

const VolumeBucketRef = builder.objectRef<analytics.VolumeBucket>('VolumeBucket').implement({
  fields: (t) => ({
    start: t.field({
      type: 'DateTime',
      description: 'When the local hour, day or week starts.',
      resolve: (b) => b.start,
    }),
    calls: t.exposeInt('calls'),
    answered: t.exposeInt('answered'),
    escalated: t.exposeInt('escalated'),
    averageQaScore: t.exposeFloat('averageQaScore', { nullable: true }),
    averageSentiment: t.exposeFloat('averageSentiment', { nullable: true }),
    previousCalls: t.exposeInt('previousCalls', { description: 'Calls in the same bucket of the previous period.' }),
  }),
});
const StatusCountRef = builder.objectRef<{ status: CallStatus; calls: number }>('StatusCount').implement({
  fields: (t) => ({ status: t.field({ type: CallStatusEnum, resolve: (s) => s.status }), calls: t.exposeInt('calls') }),
});
const DirectionCountRef = builder.objectRef<{ direction: CallDirection; calls: number }>('DirectionCount').implement({
  fields: (t) => ({
    direction: t.field({ type: CallDirectionEnum, resolve: (d) => d.direction }),
    calls: t.exposeInt('calls'),
  }),
});
const HeatmapCellRef = builder.objectRef<{ weekday: number; hour: number; calls: number }>('HeatmapCell').implement({
  fields: (t) => ({
    weekday: t.exposeInt('weekday', { description: 'ISO weekday, 1 = Monday.' }),
    hour: t.exposeInt('hour', { description: 'Local hour, 0–23.' }),
    calls: t.exposeInt('calls'),
  }),
});
const VolumeRef = builder.objectRef<analytics.Volume>('CallVolume').implement({
  fields: (t) => ({
    buckets: t.field({ type: [VolumeBucketRef], resolve: (v) => v.buckets }),
    byStatus: t.field({ type: [StatusCountRef], resolve: (v) => v.byStatus }),
    byDirection: t.field({ type: [DirectionCountRef], resolve: (v) => v.byDirection }),
    heatmap: t.field({
      type: [HeatmapCellRef],
      description: 'Weekday × hour; empty cells are left out.',
      resolve: (v) => v.heatmap,
    }),
  }),
});

const ScoreBandRef = builder.objectRef<{ from: number; to: number; calls: number }>('ScoreBand').implement({
  fields: (t) => ({ from: t.exposeFloat('from'), to: t.exposeFloat('to'), calls: t.exposeInt('calls') }),
});
const ViolationCountRef = builder
  .objectRef<{ rule: string; severity: string; count: number }>('ViolationCount')
  .implement({
    fields: (t) => ({
      rule: t.exposeString('rule'),
      severity: t.exposeString('severity'),
      count: t.exposeInt('count'),
    }),
  });
const QaComponentAveragesRef = builder.objectRef<analytics.Quality['components']>('QaComponentAverages').implement({
  fields: (t) => ({
    sentiment: t.exposeFloat('sentiment', { nullable: true }),
    compliance: t.exposeFloat('compliance', { nullable: true }),
    accuracy: t.exposeFloat('accuracy', { nullable: true }),
    professionalism: t.exposeFloat('professionalism', { nullable: true }),
  }),
});
const QualityRef = builder.objectRef<analytics.Quality>('QualityAnalytics').implement({
  fields: (t) => ({
    scored: t.exposeInt('scored', { description: 'Calls with a final QA score.' }),
    averageScore: t.exposeFloat('averageScore', { nullable: true }),
    components: t.field({ type: QaComponentAveragesRef, resolve: (q) => q.components }),
    distribution: t.field({ type: [ScoreBandRef], resolve: (q) => q.distribution }),
    topViolations: t.field({
      type: [ViolationCountRef],
      description: 'The ten most frequent.',
      resolve: (q) => q.topViolations,
    }),
    overrides: t.exposeInt('overrides', { description: 'Scores a reviewer overrode.' }),
    averageOverrideChange: t.exposeFloat('averageOverrideChange', {
      nullable: true,
      description: 'Override minus computed score, on average.',
    }),
  }),
});

const SentimentRef = builder.objectRef<analytics.Sentiment>('SentimentAnalytics').implement({
  fields: (t) => ({
    calls: t.exposeInt('calls', { description: 'Calls with a scored caller line.' }),
    average: t.exposeFloat('average', { nullable: true }),
    negative: t.exposeInt('negative', { description: 'Ended at or below −0.05.' }),
    neutral: t.exposeInt('neutral'),
    positive: t.exposeInt('positive', { description: 'Ended at or above 0.05.' }),
    recovered: t.exposeInt('recovered', { description: "The caller's first line negative, the call ending positive." }),
  }),
});

const TriggerCountRef = builder.objectRef<{ reason: string; count: number }>('EscalationTriggerCount').implement({
  fields: (t) => ({
    reason: t.field({ type: EscalationReasonEnum, resolve: (r) => r.reason as never }),
    count: t.exposeInt('count'),
  }),
});
const AgentOffersRef = builder.objectRef<analytics.Escalations['perAgent'][number]>('AgentOfferCounts').implement({
  fields: (t) => ({
    agentId: t.exposeID('agentId'),
    name: t.exposeString('name'),
    offered: t.exposeInt('offered'),
    accepted: t.exposeInt('accepted'),
    acceptanceRate: t.exposeFloat('acceptanceRate', { nullable: true }),
  }),
});
const EscalationsRef = builder.objectRef<analytics.Escalations>('EscalationAnalytics').implement({
  fields: (t) => ({
    total: t.exposeInt('total', { description: 'Escalations triggered in the range.' }),
    byTrigger: t.field({ type: [TriggerCountRef], resolve: (e) => e.byTrigger }),
    waitToAgentP50Seconds: t.exposeFloat('waitToAgentP50Seconds', {
      nullable: true,
      description: 'Trigger to an agent accepting.',
    }),
    waitToAgentP90Seconds: t.exposeFloat('waitToAgentP90Seconds', { nullable: true }),
    acceptanceRate: t.exposeFloat('acceptanceRate', {
      nullable: true,
      description: 'Escalations an agent accepted ÷ escalations.',
    }),
    callbackRate: t.exposeFloat('callbackRate', {
      nullable: true,
      description: 'Escalations that became callback tasks ÷ escalations.',
    }),
    perAgent: t.field({
      type: [AgentOffersRef],
      description: 'Offers made to each agent and how many they accepted.',
      resolve: (e) => e.perAgent,
    }),
  }),
});

const AgentFiguresRef = builder.objectRef<analytics.AgentFigures>('AgentAnalytics').implement({
  fields: (t) => ({
    agentId: t.exposeID('agentId'),
    name: t.exposeString('name'),
    availability: t.field({ type: AvailabilityEnum, description: 'Now.', resolve: (a) => a.availability as never }),
    currentLoad: t.exposeInt('currentLoad'),
    maxConcurrent: t.exposeInt('maxConcurrent'),
    callsHandled: t.exposeInt('callsHandled', { description: 'Escalated calls the agent accepted in the range.' }),
    averageHandleSeconds: t.exposeFloat('averageHandleSeconds', {
      nullable: true,
      description: 'Accepted to completed.',
    }),
    averageQaAfterHandoff: t.exposeFloat('averageQaAfterHandoff', {
      nullable: true,
      description: 'QA of the calls the agent took.',
    }),
  }),
});

const CampaignHourRef = builder
  .objectRef<analytics.CampaignFigures['byHour'][number]>('CampaignHourFigures')
  .implement({
    fields: (t) => ({
      hour: t.exposeInt('hour', { description: 'Local hour, 0–23.' }),
      calls: t.exposeInt('calls'),
      answered: t.exposeInt('answered'),
    }),
  });
const ContactStatusCountRef = builder
  .objectRef<analytics.CampaignFigures['contacts'][number]>('CampaignContactStatusCount')
  .implement({
    fields: (t) => ({
      status: t.field({ type: ContactStatusEnum, resolve: (c) => c.status as never }),
      contacts: t.exposeInt('contacts'),
    }),
  });
const CampaignFiguresRef = builder.objectRef<analytics.CampaignFigures>('CampaignAnalytics').implement({
  fields: (t) => ({
    campaignId: t.exposeID('campaignId'),
    name: t.exposeString('name'),
    status: t.field({ type: CampaignStatusEnum, description: 'Now.', resolve: (c) => c.status as never }),
    calls: t.exposeInt('calls', { description: 'Calls the campaign placed in the range.' }),
    answered: t.exposeInt('answered'),
    answerRate: t.exposeFloat('answerRate', { nullable: true, description: 'Answered ÷ calls.' }),
    retries: t.exposeInt('retries', { description: "Calls in the range that were not a contact's first attempt." }),
    byHour: t.field({
      type: [CampaignHourRef],
      description: 'Calls and answers by the local hour they were placed in; hours without calls left out.',
      resolve: (c) => c.byHour,
    }),
    contactsTotal: t.exposeInt('contactsTotal', { description: 'Contacts in the campaign, now.' }),
    contactsDialled: t.exposeInt('contactsDialled', { description: 'Contacts dialled at least once, now.' }),
    contacts: t.field({
      type: [ContactStatusCountRef],
      description: 'The funnel: where its contacts stand now, by status (whatever the range).',
      resolve: (c) => c.contacts,
    }),
  }),
});

const PeriodRef = builder.objectRef<analytics.AnalyticsScope>('AnalyticsPeriod').implement({
  fields: (t) => ({
    start: t.field({ type: 'DateTime', resolve: (s) => s.start }),
    end: t.field({ type: 'DateTime', description: 'Exclusive.', resolve: (s) => s.end }),
    previousStart: t.field({ type: 'DateTime', resolve: (s) => s.previousStart }),
    timeZone: t.exposeString('timeZone'),
  }),
});

const daysOf = (scope: analytics.AnalyticsScope) =>
  Math.round((scope.end.getTime() - scope.start.getTime()) / 86_400_000);

const AnalyticsRef = builder.objectRef<analytics.AnalyticsScope>('Analytics').implement({
  description:
    "Figures for the viewer's organisation over a range of local days; each is computed only when asked for.",
  fields: (t) => ({
    period: t.field({ type: PeriodRef, resolve: (s) => s }),
    overview: t.field({ type: OverviewRef, resolve: (s, _args, ctx) => analytics.overview(ctx.em, s) }),
    volume: t.field({
      type: VolumeRef,
      errors: { types: [ValidationError] },
      args: { bucket: t.arg({ type: BucketEnum, required: true, defaultValue: 'day' }) },
      resolve: (s, { bucket }, ctx: GatewayContext) => {
        if (bucket === 'hour' && daysOf(s) > MAX_HOUR_BUCKET_DAYS) {
          throw new ValidationError([
            { field: 'bucket', message: `HOUR needs a range of at most ${MAX_HOUR_BUCKET_DAYS} days` },
          ]);
        }
        return analytics.volume(ctx.em, s, bucket);
      },
    }),
    quality: t.field({ type: QualityRef, resolve: (s, _args, ctx) => analytics.quality(ctx.em, s) }),
    sentiment: t.field({ type: SentimentRef, resolve: (s, _args, ctx) => analytics.sentiment(ctx.em, s) }),
    escalations: t.field({ type: EscalationsRef, resolve: (s, _args, ctx) => analytics.escalations(ctx.em, s) }),
    agents: t.field({ type: [AgentFiguresRef], resolve: (s, _args, ctx) => analytics.agents(ctx.em, s) }),
    campaigns: t.field({
      type: [CampaignFiguresRef],
      description: 'Each campaign that placed calls in the range, most calls first.',
      resolve: (s, _args, ctx) => analytics.campaigns(ctx.em, s),
    }),
  }),
});

builder.queryFields((t) => ({
  analytics: t.field({
    type: AnalyticsRef,
    description:
      'Analytics of calls created in a range of local days, filtered by business, campaign, direction and status.',
    authScopes: { permission: 'analytics:read' },
    errors: { types: [ValidationError] },
    args: {
      range: t.arg({ type: AnalyticsRangeInput, required: true }),
      filter: t.arg({ type: AnalyticsFilterInput }),
    },
    resolve: (_root, args, ctx) => {
      const { range } = parseInput(analyticsArgs, args);
      return analytics.resolveScope(ctx.em, ctx.auth!.organizationId, range, filterOf(args.filter));
    },
  }),
}));
