/**
 * Escalations over GraphQL: the queue, a supervisor's `escalateCall`, and the agent's accept,
 * decline and complete, each a message to the escalation's workflow; and closing a callback task
 * (its workflow is over: the caller was told someone will call back).
 */
import { LockMode, raw } from '@mikro-orm/core';
import type { WorkflowHandle } from '@temporalio/client';
import { z } from 'zod';
import { type CallView, toCallView } from '../db/calls.ts';
import {
  Call,
  ESCALATION_REASONS,
  ESCALATION_STATUSES,
  Escalation,
  type EscalationContext,
  type EscalationOffer,
  HumanAgent,
  PRIORITIES,
} from '../db/entities/index.ts';
import { publishEvent, TOPICS } from '../db/events.ts';
import { recordEscalationEvent } from '../db/webhooks.ts';
import { ConflictError, NotFoundError, ValidationError } from '../lib/errors.ts';
import { can } from '../lib/permissions.ts';
import {
  acceptEscalationUpdate,
  completeEscalationUpdate,
  declineEscalationSignal,
  escalateUpdate,
} from '../workflows/definitions/escalation.ts';
import { HumanAgentRef } from './agents.ts';
import { audited, builder } from './builder.ts';
import { CallRef, findLiveCall } from './call.ts';
import type { GatewayContext } from './context.ts';
import { findOwned, organizationEventIds, ownedOrNotFound } from './lookup.ts';
import { parseInput } from './validation.ts';

const EscalationStatusEnum = builder.enumType('EscalationStatus', {
  values: Object.fromEntries(ESCALATION_STATUSES.map((s) => [s.toUpperCase(), { value: s }])),
});
export const EscalationReasonEnum = builder.enumType('EscalationReason', {
  values: Object.fromEntries(ESCALATION_REASONS.map((s) => [s.toUpperCase(), { value: s }])),
});
export const PriorityEnum = builder.enumType('Priority', {
  values: Object.fromEntries(PRIORITIES.map((s) => [s.toUpperCase(), { value: s }])),
});

const KnowledgeCitationRef = builder
  .objectRef<EscalationContext['knowledgeUsed'][number]>('KnowledgeCitation')
  .implement({
    fields: (t) => ({
      chunkId: t.exposeID('chunkId'),
      title: t.exposeString('title'),
      sourceUrl: t.exposeString('sourceUrl', { nullable: true }),
    }),
  });
const EscalationContextRef = builder.objectRef<EscalationContext>('EscalationContext').implement({
  description: 'What the human needs to carry on without asking the caller to repeat themselves.',
  fields: (t) => ({
    summary: t.exposeString('summary'),
    keyPoints: t.exposeStringList('keyPoints'),
    customerNumber: t.exposeString('customerNumber'),
    customerName: t.exposeString('customerName', { nullable: true }),
    knowledgeUsed: t.field({ type: [KnowledgeCitationRef], resolve: (c) => c.knowledgeUsed }),
    reason: t.exposeString('reason'),
    priority: t.field({ type: PriorityEnum, resolve: (c) => c.priority }),
    transcriptTail: t.exposeStringList('transcriptTail', { description: 'The last lines, "speaker: text".' }),
  }),
});
const EscalationOfferRef = builder.objectRef<EscalationOffer>('EscalationOffer').implement({
  fields: (t) => ({
    agent: t.field({
      type: HumanAgentRef,
      nullable: true,
      resolve: (o, _args, { em }) => em.findOne(HumanAgent, o.agentId),
    }),
    offeredAt: t.field({ type: 'DateTime', resolve: (o) => new Date(o.offeredAt) }),
    outcome: t.string({
      resolve: (o) => o.outcome.toUpperCase(),
      description: 'PENDING, ACCEPTED, TIMED_OUT or DECLINED.',
    }),
  }),
});

export const EscalationRef = builder.objectRef<Escalation>('Escalation').implement({
  description: 'A call handed to a human agent; its workflow is `escalation-<id>`.',
  fields: (t) => ({
    id: t.exposeID('id'),
    call: t.field({
      type: CallRef,
      resolve: async (e, _args, { em }): Promise<CallView> => toCallView(await em.findOneOrFail(Call, e.call.id)),
    }),
    status: t.field({ type: EscalationStatusEnum, resolve: (e) => e.status }),
    reason: t.field({ type: EscalationReasonEnum, resolve: (e) => e.reason }),
    reasonDetail: t.exposeString('reasonDetail', { nullable: true }),
    priority: t.field({ type: PriorityEnum, resolve: (e) => e.priority }),
    context: t.field({ type: EscalationContextRef, resolve: (e) => e.context }),
    agent: t.field({
      type: HumanAgentRef,
      nullable: true,
      description: 'The agent it is offered to or held by.',
      resolve: (e, _args, { em }) => (e.agent ? em.findOne(HumanAgent, e.agent.id) : null),
    }),
    offers: t.field({ type: [EscalationOfferRef], resolve: (e) => e.offers }),
    triggeredAt: t.field({ type: 'DateTime', resolve: (e) => e.triggeredAt }),
    offeredAt: t.field({ type: 'DateTime', nullable: true, resolve: (e) => e.offeredAt }),
    acceptedAt: t.field({ type: 'DateTime', nullable: true, resolve: (e) => e.acceptedAt }),
    connectedAt: t.field({ type: 'DateTime', nullable: true, resolve: (e) => e.connectedAt }),
    completedAt: t.field({ type: 'DateTime', nullable: true, resolve: (e) => e.completedAt }),
    resolved: t.exposeBoolean('resolved', { nullable: true }),
    resolutionNotes: t.exposeString('resolutionNotes', { nullable: true }),
    workflowId: t.exposeString('workflowId'),
  }),
});

builder.objectFields(CallRef, (t) => ({
  escalations: t.field({
    type: [EscalationRef],
    authScopes: { permission: 'escalations:read' },
    resolve: (call, _args, { em }) => em.find(Escalation, { call: call.id }, { orderBy: { triggeredAt: 'asc' } }),
  }),
}));

/**
 * The agent this user acts for on an escalation: the offered (or holding) agent when it is the
 * user's own, or any agent for a supervisor or admin. Anyone else is told the escalation is not theirs.
 */
async function actingAgent(ctx: GatewayContext, escalation: Escalation): Promise<string> {
  const agentId = escalation.agent?.id;
  if (!agentId) throw new ConflictError('the escalation is not offered to anyone right now');
  if (can(ctx.auth!.role, 'agents:manage')) return agentId;
  const agent = await ctx.em.findOne(HumanAgent, agentId);
  if (ctx.auth!.kind !== 'user' || agent?.user?.id !== ctx.auth!.id) {
    throw new ConflictError('the escalation is offered to another agent');
  }
  return agentId;
}

/** Sends a message to the escalation's workflow (a refusal is a typed conflict); answers the row afresh. */
async function updateEscalation(
  ctx: GatewayContext,
  escalation: Escalation,
  send: (handle: WorkflowHandle) => Promise<unknown>,
  what: string,
): Promise<Escalation> {
  await ctx.workflows.messageEscalation(escalation.workflowId, send, what);
  return ctx.em.findOneOrFail(Escalation, escalation.id, { refresh: true });
}

const completeInput = z.object({ resolved: z.boolean(), notes: z.string().trim().max(5000).nullish() });
const CompleteEscalationInput = builder.inputType('CompleteEscalationInput', {
  fields: (t) => ({
    resolved: t.boolean({ required: true, description: "Whether the caller's issue was resolved." }),
    notes: t.string({ required: false, description: 'Resolution notes.' }),
  }),
});

builder.queryFields((t) => ({
  escalations: t.field({
    type: [EscalationRef],
    description: 'The escalation queue, most urgent and oldest first.',
    authScopes: { permission: 'escalations:read' },
    args: {
      status: t.arg({ type: [EscalationStatusEnum] }),
      first: t.arg.int({ defaultValue: 50 }),
    },
    resolve: async (_root, args, ctx) => {
      return ctx.em.find(
        Escalation,
        { organization: ctx.auth!.organizationId, ...(args.status?.length && { status: { $in: args.status } }) },
        {
          // Most urgent first (PRIORITIES runs low → urgent), then oldest.
          orderBy: [
            { [raw(`array_position(array['${PRIORITIES.join("','")}'], priority)`)]: 'desc' },
            { triggeredAt: 'asc' },
          ],
          limit: Math.min(Math.max(args.first ?? 50, 1), 200),
        },
      );
    },
  }),
  escalation: t.field({
    type: EscalationRef,
    nullable: true,
    authScopes: { permission: 'escalations:read' },
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, { id }, ctx) => findOwned(ctx, Escalation, id),
  }),
}));

builder.mutationFields((t) => ({
  escalateCall: t.field({
    type: EscalationRef,
    description: "Hands a live call to a human agent now (the call's current escalation if it has one).",
    authScopes: { permission: 'calls:escalate' },
    errors: { types: [NotFoundError, ConflictError, ValidationError] },
    args: {
      callId: t.arg.id({ required: true }),
      reason: t.arg.string(),
      priority: t.arg({ type: PriorityEnum }),
    },
    resolve: audited('Escalation', async (_root, args, ctx) => {
      const input = parseInput(z.object({ reason: z.string().trim().max(500).nullish() }), { reason: args.reason });
      const call = await findLiveCall(ctx, args.callId);
      const { escalationId } = await ctx.workflows.updateCall(
        call.id,
        escalateUpdate,
        {
          reason: 'supervisor',
          detail: input.reason ?? `escalated by ${ctx.auth!.label}`,
          priority: args.priority ?? null,
        },
        'escalate the call',
      );
      if (!escalationId) throw new ConflictError('the call cannot be escalated now');
      // The workflow has started; its first activity writes the row.
      for (let i = 0; i < 200; i++) {
        const row = await ctx.em.findOne(Escalation, escalationId, { refresh: true });
        if (row) return row;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new ConflictError('the escalation did not start in time; try again');
    }),
  }),
  acceptEscalation: t.field({
    type: EscalationRef,
    description: 'Takes the offer: the caller is warm-transferred to the agent.',
    authScopes: { permission: 'escalations:handle' },
    errors: { types: [NotFoundError, ConflictError] },
    args: { id: t.arg.id({ required: true }) },
    resolve: audited('Escalation', async (_root, { id }, ctx) => {
      const escalation = await ownedOrNotFound(ctx, Escalation, id);
      const agentId = await actingAgent(ctx, escalation);
      return updateEscalation(
        ctx,
        escalation,
        (handle) => handle.executeUpdate(acceptEscalationUpdate, { args: [{ agentId }] }),
        'accept the escalation',
      );
    }),
  }),
  declineEscalation: t.field({
    type: EscalationRef,
    description: 'Turns the offer down; it goes to the next agent.',
    authScopes: { permission: 'escalations:handle' },
    errors: { types: [NotFoundError, ConflictError] },
    args: { id: t.arg.id({ required: true }) },
    resolve: audited('Escalation', async (_root, { id }, ctx) => {
      const escalation = await ownedOrNotFound(ctx, Escalation, id);
      if (escalation.status !== 'offered') throw new ConflictError('only an offered escalation can be declined');
      const agentId = await actingAgent(ctx, escalation);
      return updateEscalation(
        ctx,
        escalation,
        (handle) => handle.signal(declineEscalationSignal, { agentId }),
        'decline the escalation',
      );
    }),
  }),
  completeCallback: t.field({
    type: EscalationRef,
    description:
      'Closes a callback task (nobody took the escalation, the caller was promised a call back) once someone has called back.',
    authScopes: { permission: 'escalations:handle' },
    errors: { types: [NotFoundError, ConflictError, ValidationError] },
    args: { id: t.arg.id({ required: true }), input: t.arg({ type: CompleteEscalationInput, required: true }) },
    resolve: audited('Escalation', async (_root, args, ctx) => {
      const input = parseInput(completeInput, args.input);
      const escalation = await ownedOrNotFound(ctx, Escalation, args.id);
      return ctx.em.transactional(async (tx) => {
        // Only one person closes a callback: the row is locked and its status checked under the lock.
        const row = await tx.findOneOrFail(Escalation, escalation.id, { lockMode: LockMode.PESSIMISTIC_WRITE });
        if (row.status !== 'callback') throw new ConflictError(`the escalation is ${row.status}, not a callback task`);
        Object.assign(row, {
          status: 'completed',
          completedAt: new Date(),
          resolved: input.resolved,
          resolutionNotes: input.notes ?? `called back by ${ctx.auth!.label}`,
        });
        await tx.flush();
        await recordEscalationEvent(tx, row);
        await publishEvent(tx, {
          topic: TOPICS.escalations,
          key: row.id,
          payload: {
            organizationId: row.organization.id,
            escalationId: row.id,
            callId: row.call.id,
            status: row.status,
          },
        });
        return row;
      });
    }),
  }),
  completeEscalation: t.field({
    type: EscalationRef,
    description: 'Closes an accepted escalation with whether it was resolved and notes.',
    authScopes: { permission: 'escalations:handle' },
    errors: { types: [NotFoundError, ConflictError, ValidationError] },
    args: { id: t.arg.id({ required: true }), input: t.arg({ type: CompleteEscalationInput, required: true }) },
    resolve: audited('Escalation', async (_root, args, ctx) => {
      const input = parseInput(completeInput, args.input);
      const escalation = await ownedOrNotFound(ctx, Escalation, args.id);
      await actingAgent(ctx, escalation);
      // The update answers once the workflow has closed the row.
      return updateEscalation(
        ctx,
        escalation,
        (handle) =>
          handle.executeUpdate(completeEscalationUpdate, {
            args: [{ resolved: input.resolved, notes: input.notes ?? null }],
          }),
        'complete the escalation',
      );
    }),
  }),
}));

builder.subscriptionFields((t) => ({
  escalationChanged: t.field({
    type: EscalationRef,
    description: "Each change of an escalation in the caller's organisation (created, offered, accepted, …).",
    authScopes: { permission: 'escalations:read' },
    subscribe: (_root, _args, ctx) =>
      organizationEventIds<{ organizationId: string; escalationId: string }>(
        ctx,
        { topic: TOPICS.escalations },
        (p) => p.escalationId,
      ),
    resolve: (id, _args, { em }) => em.findOneOrFail(Escalation, id as unknown as string, { refresh: true }),
  }),
}));
