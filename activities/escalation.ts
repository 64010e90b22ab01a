/**
 * Escalation to human agents, for `escalationWorkflow`: the context package, routing (an agent
 * claimed atomically), offers and their outcomes, and closing. Each step is safe to repeat: an
 * offer is keyed by its attempt, and an agent's load moves only with a recorded change of state.
 */
import { LockMode } from '@mikro-orm/core';
import type OpenAI from 'openai';
import {
  BusinessConfig,
  Call,
  Escalation,
  type EscalationContext,
  type EscalationStatus,
  HumanAgent,
  type Priority,
  TranscriptLine,
} from '../db/entities/index.ts';
import { publishEvent, TOPICS } from '../db/events.ts';
import type { Orm } from '../db/orm.ts';
import { recordEscalationEvent } from '../db/webhooks.ts';
import type { KnowledgeStore } from '../knowledge/store.ts';
import { redactPii } from '../lib/pii.ts';
import { privacyOf } from '../lib/privacy-settings.ts';
import { summarizeForHandoff } from '../quality/grader.ts';
import type { EscalationReasonName, EscalationWorkflowInput } from '../workflows/definitions/escalation.ts';
import { type Mailers, notify, sendQuietly } from './notifications.ts';

const TRANSCRIPT_TAIL = 12;

export interface EscalationActivityDeps {
  orm: Orm;
  mailers: Mailers;
  knowledge: KnowledgeStore;
  /** For summaries, per organisation: OpenAI (its key or the platform's), or its simulator; null means the rule-based summary. */
  chatFor: (organizationId: string) => Promise<OpenAI | null>;
}

const PRIORITY_BY_REASON: Record<EscalationReasonName, Priority> = {
  supervisor: 'urgent',
  sentiment: 'high',
  keyword: 'high',
  tool: 'normal',
  complexity: 'normal',
};

export interface OfferedAgent {
  agentId: string;
  name: string;
  phoneNumber: string;
}

export function createEscalationActivities({ orm, mailers, knowledge, chatFor }: EscalationActivityDeps) {
  const publish = async (escalation: Escalation) => {
    await publishEvent(orm.em.fork(), {
      topic: TOPICS.escalations,
      key: escalation.id,
      payload: {
        organizationId: escalation.organization.id,
        escalationId: escalation.id,
        callId: escalation.call.id,
        status: escalation.status,
      },
    });
  };
  /** Gives back the agent's place (load) when the escalation lets go of them. */
  const releaseAgent = async (agentId: string) => {
    await orm.em
      .fork()
      .getConnection()
      .execute('update human_agent set current_load = greatest(current_load - 1, 0) where id = ?', [agentId]);
  };

  return {
    /**
     * Records the escalation with its context package (summary, key points, customer, knowledge used,
     * reason, priority) and says whether any agent could ever take it (skills and department).
     */
    async openEscalation(input: EscalationWorkflowInput): Promise<{ canRoute: boolean; priority: Priority }> {
      const em = orm.em.fork();
      let escalation = await em.findOne(Escalation, input.escalationId);
      if (!escalation) {
        const call = await em.findOneOrFail(Call, input.callId);
        const lines = await em.find(TranscriptLine, { call: call.id }, { orderBy: { sequence: 'asc' } });
        const transcript = lines.map((l) => `${l.speaker}: ${l.text}`);
        // The lines were redacted when stored; what the model wrote about them is redacted the same way.
        const { redact } = privacyOf(await em.findOneOrFail(BusinessConfig, input.businessId));
        const redacted = (text: string) => redactPii(text, redact).text;
        const reasonText = redacted(
          input.request.detail ? `${input.request.reason}: ${input.request.detail}` : input.request.reason,
        );
        const handoff = await summarizeForHandoff(
          await chatFor(call.organization.id),
          transcript.join('\n'),
          reasonText,
        );
        const summary = redacted(handoff.summary);
        const keyPoints = handoff.keyPoints.map(redacted);
        const chunkIds = [
          ...new Set(
            lines.flatMap(
              (l) => ((l.metadata as { knowledgeChunkIds?: string[] } | null)?.knowledgeChunkIds ?? []) as string[],
            ),
          ),
        ];
        const cited = chunkIds.length ? await knowledge.chunksByIds(input.businessId, chunkIds) : [];
        const priority = input.request.priority ?? PRIORITY_BY_REASON[input.request.reason];
        const context: EscalationContext = {
          summary,
          keyPoints,
          customerNumber: call.direction === 'inbound' ? call.fromNumber : call.toNumber,
          customerName: typeof call.metadata?.customerName === 'string' ? call.metadata.customerName : null,
          knowledgeUsed: cited.map((c) => ({ chunkId: c.chunkId, title: c.title, sourceUrl: c.sourceUrl })),
          reason: reasonText,
          priority,
          transcriptTail: transcript.slice(-TRANSCRIPT_TAIL),
        };
        escalation = em.create(Escalation, {
          id: input.escalationId,
          organization: input.organizationId,
          business: input.businessId,
          call,
          workflowId: `escalation-${input.escalationId}`,
          status: 'routing',
          reason: input.request.reason,
          reasonDetail: input.request.detail ?? null,
          priority,
          context,
          offers: [],
          triggeredAt: new Date(input.triggeredAt),
        });
        await em.flush();
        await publish(escalation);
      }
      // Recorded on every try (once per escalation): a retry after a crash still sends it.
      await recordEscalationEvent(em, escalation);
      const candidates = await em.count(HumanAgent, {
        organization: input.organizationId,
        ...(input.settings.skills.length && { skills: { $contains: input.settings.skills } }),
        ...(input.settings.department && { department: input.settings.department }),
      });
      return { canRoute: candidates > 0, priority: escalation.priority };
    },

    /**
     * Claims the best free agent and offers them the call: skills and department match, available,
     * below their limit, least loaded, then longest since their last offer (round-robin among
     * equals). The claim raises the agent's load in the same transaction that records the offer, so
     * two escalations never take the same place. Answers null when nobody is free.
     */
    async offerEscalation(input: {
      escalationId: string;
      attempt: number;
      exclude: string[];
      settings: EscalationWorkflowInput['settings'];
    }): Promise<OfferedAgent | null> {
      const offered = await orm.em.fork().transactional(async (em) => {
        const escalation = await em.findOneOrFail(Escalation, input.escalationId, {
          lockMode: LockMode.PESSIMISTIC_WRITE,
        });
        const earlier = escalation.offers.find((o) => o.attempt === input.attempt);
        if (earlier) return em.findOneOrFail(HumanAgent, earlier.agentId);
        const rows = await em.getConnection().execute<{ id: string }[]>(
          `update human_agent set current_load = current_load + 1, last_offered_at = now()
            where id = (
              select id from human_agent
               where organization_id = ? and availability = 'available' and current_load < max_concurrent
                 and skills @> ?::text[] and (?::text is null or department = ?) and not (id = any(?::uuid[]))
               order by current_load asc, last_offered_at asc nulls first, name asc
               limit 1 for update skip locked)
            returning id`,
          [
            escalation.organization.id,
            `{${input.settings.skills.map((s) => JSON.stringify(s)).join(',')}}`,
            input.settings.department,
            input.settings.department,
            `{${input.exclude.join(',')}}`,
          ],
          'all',
          em.getTransactionContext(),
        );
        const agentId = rows[0]?.id;
        if (!agentId) return null;
        const agent = await em.findOneOrFail(HumanAgent, agentId);
        escalation.offers = [
          ...escalation.offers,
          { agentId, attempt: input.attempt, offeredAt: new Date().toISOString(), outcome: 'pending' },
        ];
        escalation.agent = agent;
        escalation.status = 'offered';
        escalation.offeredAt ??= new Date();
        return agent;
      });
      if (!offered) return null;
      const em = orm.em.fork();
      const escalation = await em.findOneOrFail(Escalation, input.escalationId, { populate: ['call'] });
      await publish(escalation);
      const title = `Escalated call for you (${escalation.priority} priority)`;
      const body = [
        `Reason: ${escalation.context.reason}`,
        `Caller: ${escalation.context.customerNumber}`,
        `Summary: ${escalation.context.summary}`,
        '',
        'Accept it in the console (Escalations) to be connected.',
      ].join('\n');
      const dedupeKey = `escalation:${escalation.id}:offer:${input.attempt}`;
      if (offered.user) {
        await notify(
          { orm, mailers },
          {
            organizationId: escalation.organization.id,
            userIds: [offered.user.id],
            type: 'call_escalated',
            title,
            body,
            callId: escalation.call.id,
            escalationId: escalation.id,
            dedupeKey,
          },
        );
      } else {
        await sendQuietly(await mailers(escalation.organization.id), {
          to: offered.email,
          subject: title,
          text: `${body}\n`,
        });
      }
      return { agentId: offered.id, name: offered.name, phoneNumber: offered.phoneNumber };
    },

    /** Records how an offer ended; an offer not accepted gives the agent's place back. */
    async settleOffer(input: {
      escalationId: string;
      attempt: number;
      outcome: 'accepted' | 'timed_out' | 'declined';
    }): Promise<void> {
      const em = orm.em.fork();
      const escalation = await em.findOneOrFail(Escalation, input.escalationId);
      const offer = escalation.offers.find((o) => o.attempt === input.attempt);
      if (offer?.outcome !== 'pending') return; // settled by an earlier attempt
      escalation.offers = escalation.offers.map((o) => (o === offer ? { ...o, outcome: input.outcome } : o));
      if (input.outcome === 'accepted') {
        escalation.status = 'accepted';
        escalation.acceptedAt = new Date();
      } else {
        escalation.status = 'routing';
        escalation.agent = null;
      }
      await em.flush();
      if (input.outcome !== 'accepted') await releaseAgent(offer.agentId);
      await publish(escalation);
    },

    /** What the warm transfer needs: the agent's phone and name, and the summary they hear first. */
    async transferBrief(input: {
      escalationId: string;
      agentId: string;
    }): Promise<{ summary: string; agentNumber: string; agentName: string }> {
      const em = orm.em.fork();
      const escalation = await em.findOneOrFail(Escalation, input.escalationId);
      const agent = await em.findOneOrFail(HumanAgent, input.agentId);
      const { context } = escalation;
      const summary = [
        `Escalated call from ${context.customerName ?? 'a caller'} at ${context.customerNumber.split('').join(' ')}.`,
        `Reason: ${context.reason}.`,
        context.summary,
        ...context.keyPoints.slice(0, 3),
        'Connecting you now.',
      ].join(' ');
      return { summary, agentNumber: agent.phoneNumber, agentName: agent.name };
    },

    async markConnected(input: { escalationId: string }): Promise<void> {
      const em = orm.em.fork();
      const escalation = await em.findOneOrFail(Escalation, input.escalationId);
      if (escalation.status !== 'accepted') return;
      escalation.status = 'connected';
      escalation.connectedAt = new Date();
      await em.flush();
      await publish(escalation);
    },

    /**
     * Closes the escalation: completed (with the agent's notes), a callback task (nobody took it:
     * supervisors are told), handed off (to the business's handoff number), or cancelled. The holding agent's place is given back once.
     */
    async closeEscalation(input: {
      escalationId: string;
      status: Extract<EscalationStatus, 'completed' | 'callback' | 'handed_off' | 'cancelled'>;
      resolved?: boolean;
      notes?: string | null;
    }): Promise<void> {
      const em = orm.em.fork();
      const escalation = await em.findOneOrFail(Escalation, input.escalationId, { populate: ['call'] });
      if (['completed', 'callback', 'handed_off', 'cancelled'].includes(escalation.status)) {
        // Closed by an earlier try, which may have died before its event was recorded (once per escalation).
        await recordEscalationEvent(em, escalation);
        return;
      }
      const holder = escalation.agent?.id;
      Object.assign(escalation, {
        status: input.status,
        completedAt: new Date(),
        ...(input.status === 'completed' && {
          resolved: input.resolved ?? false,
          resolutionNotes: input.notes ?? null,
        }),
      });
      await em.flush();
      if (holder) await releaseAgent(holder);
      await publish(escalation);
      await recordEscalationEvent(em, escalation);
      if (input.status === 'callback') {
        await notify(
          { orm, mailers },
          {
            organizationId: escalation.organization.id,
            roles: ['admin', 'supervisor'],
            type: 'call_escalated',
            title: `Call back ${escalation.context.customerNumber}: nobody took the escalation`,
            body: [
              `Reason: ${escalation.context.reason}`,
              `Summary: ${escalation.context.summary}`,
              'The caller was told a colleague will call them back.',
            ].join('\n'),
            callId: escalation.call.id,
            escalationId: escalation.id,
            dedupeKey: `escalation:${escalation.id}:callback`,
          },
        );
      }
    },
  };
}
