import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { CALL_DIRECTIONS, CALL_STATUSES } from '../../workflows/definitions/call.ts';
import { BusinessConfig, BusinessInstructionsVersion } from './business-config.ts';
import { Campaign, CampaignContact } from './campaign.ts';
import { timestamps } from './common.ts';
import { Organization } from './organization.ts';

/** What a caller can object to: `recording` (the transcript stops there), `calls` (the number goes on the do-not-call list). */
export const CALLER_OBJECTIONS = ['recording', 'calls'] as const;
export type CallerObjection = (typeof CALLER_OBJECTIONS)[number];

export const Call = defineEntity({
  name: 'Call',
  properties: {
    /** Chosen by whoever starts the call, so the workflow id `call-<id>` is known before the row exists. */
    id: p.uuid().primary(),
    organization: () => p.manyToOne(Organization).deleteRule('cascade'),
    business: () => p.manyToOne(BusinessConfig).deleteRule('restrict'),
    direction: p.enum(CALL_DIRECTIONS),
    status: p.enum(CALL_STATUSES).default('queued'),
    fromNumber: p.string().length(16),
    toNumber: p.string().length(16),
    workflowId: p.string(),
    twilioCallSid: p.string().length(64).nullable().unique(),
    /** When the platform first asked Twilio to dial (outbound): a retried dial looks for that call before dialling again. */
    dialStartedAt: p.datetime().nullable(),
    endReason: p.string().nullable(),
    /** Twilio's answering-machine verdict for outbound calls that asked for it (human, machine_end_beep, …). */
    answeredBy: p.string().length(32).nullable(),
    answeredAt: p.datetime().nullable(),
    endedAt: p.datetime().nullable(),
    durationSeconds: p.integer().nullable(),
    metadata: p.json<Record<string, unknown>>().nullable(),
    /** When the business's disclosure (recording, AI) was spoken whole; null when it was not, or there is none. */
    disclosureSpokenAt: p.datetime().nullable(),
    /** When the caller first objected, and to what: being recorded, or being called again. */
    callerObjectedAt: p.datetime().nullable(),
    callerObjection: p.enum(CALLER_OBJECTIONS).nullable(),
    /** The instructions the agent ran with: set when the first media stream of the call starts. */
    instructionsVersion: () => p.manyToOne(BusinessInstructionsVersion).nullable().deleteRule('set null'),
    /** From the post-call analysis, kept on the call for history's filters: the outcome and the adversarial score (0–10). */
    outcome: p.string().length(60).nullable(),
    adversarialScore: p.double().nullable(),
    /** The campaign that placed the call, and for whom. */
    campaign: () => p.manyToOne(Campaign).nullable().deleteRule('set null'),
    campaignContact: () => p.manyToOne(CampaignContact).nullable().deleteRule('set null'),
    statusChangedAt: p.datetime().onCreate(() => new Date()),
    ...timestamps(),
  },
  // The call list filters by business, status, direction, date range and number, newest first.
  indexes: [
    { properties: ['organization', 'createdAt'] },
    { properties: ['business', 'createdAt'] },
    { properties: ['status', 'createdAt'] },
    { properties: ['direction', 'createdAt'] },
    { properties: ['createdAt'] },
    { properties: ['fromNumber'] },
    { properties: ['toNumber'] },
    { properties: ['campaign', 'createdAt'] },
    { properties: ['organization', 'outcome'] },
    { properties: ['organization', 'adversarialScore'] },
    // The call list's other orders, read in index order a page at a time (`npm run bench:api`).
    { properties: ['organization', 'statusChangedAt'] },
    {
      name: 'call_organization_id_duration_order',
      expression: `create index "call_organization_id_duration_order" on "call" ("organization_id", coalesce("duration_seconds", -1), "id")`,
    },
    {
      name: 'call_organization_id_adversarial_order',
      expression: `create index "call_organization_id_adversarial_order" on "call" ("organization_id", coalesce("adversarial_score", -1), "id")`,
    },
  ],
  // Analytics: each change recomputes the call's row in call_facts (db/entities/analytics.ts).
  triggers: [
    {
      name: 'call_analytics_insert',
      timing: 'after',
      events: ['insert'],
      forEach: 'statement',
      expression:
        'create trigger "call_analytics_insert" after insert on "call" referencing new table as changed for each statement execute function analytics_call_rows_changed()',
    },
    {
      name: 'call_analytics_update',
      timing: 'after',
      events: ['update'],
      forEach: 'statement',
      expression:
        'create trigger "call_analytics_update" after update on "call" referencing new table as changed for each statement execute function analytics_call_rows_changed()',
    },
  ],
});
export type Call = InferEntity<typeof Call>;
