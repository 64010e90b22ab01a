import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { BusinessConfig } from './business-config.ts';
import { Call } from './call.ts';
import { timestamps } from './common.ts';
import { HumanAgent } from './human-agent.ts';
import { Organization } from './organization.ts';

export const ESCALATION_STATUSES = [
  'routing',
  'offered',
  'accepted',
  'connected',
  'completed',
  'callback',
  'handed_off',
  'cancelled',
] as const;
export type EscalationStatus = (typeof ESCALATION_STATUSES)[number];
export const ESCALATION_REASONS = ['sentiment', 'keyword', 'complexity', 'tool', 'supervisor'] as const;
export type EscalationReason = (typeof ESCALATION_REASONS)[number];
export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type Priority = (typeof PRIORITIES)[number];

/** What the human needs to carry on without asking the caller to repeat themselves. */
export interface EscalationContext {
  summary: string;
  keyPoints: string[];
  customerNumber: string;
  customerName: string | null;
  knowledgeUsed: { chunkId: string; title: string; sourceUrl: string | null }[];
  reason: string;
  priority: Priority;
  transcriptTail: string[];
}

export interface EscalationOffer {
  agentId: string;
  attempt: number;
  offeredAt: string;
  outcome: 'pending' | 'accepted' | 'timed_out' | 'declined';
}

/** A call handed to a human agent, driven by its `escalation-<id>` workflow. */
export const Escalation = defineEntity({
  name: 'Escalation',
  properties: {
    /** Chosen by whoever starts the escalation, so the workflow id is known before the row exists. */
    id: p.uuid().primary(),
    organization: () => p.manyToOne(Organization).deleteRule('cascade'),
    business: () => p.manyToOne(BusinessConfig).deleteRule('cascade'),
    call: () => p.manyToOne(Call).deleteRule('cascade'),
    workflowId: p.string(),
    status: p.enum(ESCALATION_STATUSES).default('routing'),
    reason: p.enum(ESCALATION_REASONS),
    reasonDetail: p.text().nullable(),
    priority: p.enum(PRIORITIES).default('normal'),
    context: p.json<EscalationContext>(),
    /** The agent it is offered to or held by. */
    agent: () => p.manyToOne(HumanAgent).nullable().deleteRule('set null'),
    offers: p
      .json<EscalationOffer[]>()
      .default('[]')
      .onCreate(() => []),
    /** The warm transfer's call to the agent's phone (so a retried dial does not ring twice). */
    agentCallSid: p.string().length(64).nullable(),
    triggeredAt: p.datetime(),
    offeredAt: p.datetime().nullable(),
    acceptedAt: p.datetime().nullable(),
    connectedAt: p.datetime().nullable(),
    completedAt: p.datetime().nullable(),
    resolved: p.boolean().nullable(),
    resolutionNotes: p.text().nullable(),
    ...timestamps(),
  },
  indexes: [
    { properties: ['organization', 'status', 'createdAt'] },
    { properties: ['call'] },
    { properties: ['agent', 'status'] },
    { properties: ['organization', 'triggeredAt'] },
  ],
  // Analytics: each change recomputes the call's row in call_facts (db/entities/analytics.ts).
  triggers: [
    {
      name: 'escalation_analytics_insert',
      timing: 'after',
      events: ['insert'],
      forEach: 'statement',
      expression:
        'create trigger "escalation_analytics_insert" after insert on "escalation" referencing new table as changed for each statement execute function analytics_call_parts_changed()',
    },
    {
      name: 'escalation_analytics_update',
      timing: 'after',
      events: ['update'],
      forEach: 'statement',
      expression:
        'create trigger "escalation_analytics_update" after update on "escalation" referencing new table as changed for each statement execute function analytics_call_parts_changed()',
    },
    {
      name: 'escalation_analytics_delete',
      timing: 'after',
      events: ['delete'],
      forEach: 'statement',
      expression:
        'create trigger "escalation_analytics_delete" after delete on "escalation" referencing old table as changed for each statement execute function analytics_call_parts_changed()',
    },
  ],
});
export type Escalation = InferEntity<typeof Escalation>;
