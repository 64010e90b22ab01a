import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { CALL_DIRECTIONS, CALL_STATUSES } from '../../workflows/definitions/call.ts';
import { Call } from './call.ts';

/** Calls that have not ended: "active now" reads them through a partial index. */
const ACTIVE_STATUSES = "('queued', 'initiated', 'ringing', 'in_progress', 'escalated')";

/**
 * One row per call with what analytics counts of it, kept by database triggers on `call`, `qa_score`,
 * `escalation` and `call_interaction` (each change recomputes the call's row from those tables with
 * `analytics_call_facts`, see the analytics migration). Every change to a row adds its difference to
 * `analytics_rollup`, so the rollup is always the sum of these rows.
 */
export const CallFacts = defineEntity({
  name: 'CallFacts',
  tableName: 'call_facts',
  properties: {
    call: () => p.oneToOne(Call).owner().primary().deleteRule('cascade'),
    organizationId: p.uuid(),
    businessId: p.uuid(),
    direction: p.enum(CALL_DIRECTIONS),
    status: p.enum(CALL_STATUSES),
    createdAt: p.datetime(),
    /** 1 when the call was answered. */
    answered: p.integer(),
    /** Connected time, answer to hang-up (0 for calls never answered). */
    talkSeconds: p.integer(),
    /** Talk time, or up to when the human agent who took the call completed it (wrap-up), whichever is later. */
    handleSeconds: p.integer(),
    /** 1 for an answered call that ended without a human: no agent accepted it, no callback, no take over. */
    contained: p.integer(),
    /** 1 when the call had at least one escalation. */
    escalated: p.integer(),
    /** The final QA score as it stands (a reviewer's override wins), and its components. */
    qaScore: p.double().nullable(),
    qaSentiment: p.double().nullable(),
    qaCompliance: p.double().nullable(),
    qaAccuracy: p.double().nullable(),
    qaProfessionalism: p.double().nullable(),
    qaOverridden: p.integer(),
    /** Override minus the computed score. */
    qaOverrideChange: p.double().nullable(),
    /** VADER compound of the caller's first scored line, and the rolling sentiment after their last. */
    sentimentFirst: p.double().nullable(),
    sentimentFinal: p.double().nullable(),
    updatedAt: p.datetime(),
  },
  indexes: [
    { properties: ['organizationId', 'createdAt'] },
    // The call list's QA filter: a score range few calls fall in is read from here (`npm run bench:api`).
    { properties: ['qaScore'] },
    {
      name: 'call_facts_active',
      expression: `create index "call_facts_active" on "call_facts" ("organization_id") where "status" in ${ACTIVE_STATUSES}`,
    },
  ],
  triggers: [
    {
      name: 'call_facts_to_rollup',
      timing: 'after',
      events: ['insert', 'update', 'delete'],
      forEach: 'row',
      expression:
        'create trigger "call_facts_to_rollup" after insert or update or delete on "call_facts" for each row execute function analytics_facts_to_rollup()',
    },
  ],
});
export type CallFacts = InferEntity<typeof CallFacts>;

/** The sums both rollups keep (the measures of `analytics_contribution`). */
const rollupSums = () => ({
  calls: p.integer(),
  answered: p.integer(),
  talkSeconds: p.bigint('number'),
  handleSeconds: p.bigint('number'),
  contained: p.integer(),
  escalated: p.integer(),
  qaCount: p.integer(),
  qaSum: p.double(),
  qaSentimentSum: p.double(),
  qaComplianceSum: p.double(),
  qaAccuracySum: p.double(),
  qaProfessionalismSum: p.double(),
  qaOverridden: p.integer(),
  qaOverrideChangeSum: p.double(),
  sentimentCount: p.integer(),
  sentimentSum: p.double(),
  sentimentNegative: p.integer(),
  sentimentPositive: p.integer(),
  /** Calls whose caller started negative and ended positive. */
  sentimentRecovered: p.integer(),
});

/**
 * Sums of call facts per organisation, 15-minute UTC bucket (of the call's creation), business,
 * direction and status. Every UTC offset in use is a whole number of quarter hours, so any time
 * zone's hours, days and weeks are whole sets of these buckets. Trigger-written rows are
 * differences (`compacted` false), appended without locking; `analytics_compact_rollup` folds them
 * into one row per key. Queries sum every row of a key, so they are exact either way.
 */
export const AnalyticsRollup = defineEntity({
  name: 'AnalyticsRollup',
  tableName: 'analytics_rollup',
  properties: {
    id: p.bigint('string').primary().autoincrement(),
    organizationId: p.uuid(),
    bucket: p.datetime(),
    businessId: p.uuid(),
    direction: p.enum(CALL_DIRECTIONS),
    status: p.enum(CALL_STATUSES),
    compacted: p.boolean().default(false),
    ...rollupSums(),
  },
  indexes: [
    { properties: ['organizationId', 'bucket'] },
    {
      name: 'analytics_rollup_uncompacted',
      expression:
        'create index "analytics_rollup_uncompacted" on "analytics_rollup" ("organization_id", "bucket") where not "compacted"',
    },
  ],
});
export type AnalyticsRollup = InferEntity<typeof AnalyticsRollup>;

/**
 * A time zone an organisation's analytics are read in, whose local days `analytics_day_rollup` keeps.
 * Asked for by the first query in that zone (`ready` false until the compactor has built its days
 * from the rollup; queries read the 15-minute rollup until then).
 */
export const AnalyticsTimeZone = defineEntity({
  name: 'AnalyticsTimeZone',
  tableName: 'analytics_time_zone',
  properties: {
    organizationId: p.uuid().primary(),
    timeZone: p.string().length(64).primary(),
    ready: p.boolean().default(false),
    requestedAt: p.datetime(),
  },
});
export type AnalyticsTimeZone = InferEntity<typeof AnalyticsTimeZone>;

/**
 * The compacted rollup summed per local day of one of the organisation's analytics time zones, with
 * the calls of each local hour (`hour_calls[1]` is 00:00–01:00; the repeated hour of a change back
 * from daylight saving counts in its hour). Kept by `analytics_compact_rollup` as it folds rollup
 * differences, so for a ready zone these days plus the not yet compacted rollup rows are every call.
 */
export const AnalyticsDayRollup = defineEntity({
  name: 'AnalyticsDayRollup',
  tableName: 'analytics_day_rollup',
  properties: {
    organizationId: p.uuid().primary(),
    timeZone: p.string().length(64).primary(),
    day: p.date().primary(),
    businessId: p.uuid().primary(),
    direction: p.enum(CALL_DIRECTIONS).primary(),
    status: p.enum(CALL_STATUSES).primary(),
    ...rollupSums(),
    hourCalls: p.array().columnType('int[]'),
  },
});
export type AnalyticsDayRollup = InferEntity<typeof AnalyticsDayRollup>;
