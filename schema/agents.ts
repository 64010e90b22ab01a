/**
 * Human agents escalated calls are routed to: who they are, what they can handle, whether they are
 * available, how loaded they are, and how they perform.
 */
import { z } from 'zod';
import { AVAILABILITIES, Escalation, HumanAgent, User } from '../db/entities/index.ts';
import { ConflictError, NotFoundError, ValidationError } from '../lib/errors.ts';
import { isUuid } from '../lib/ids.ts';
import { can } from '../lib/permissions.ts';
import { isE164 } from '../lib/phone.ts';
import { audited, builder } from './builder.ts';
import type { GatewayContext } from './context.ts';
import { findOwned, ownedOrNotFound } from './lookup.ts';
import { UserRef } from './users.ts';
import { parseInput } from './validation.ts';

export const AvailabilityEnum = builder.enumType('Availability', {
  values: Object.fromEntries(AVAILABILITIES.map((a) => [a.toUpperCase(), { value: a }])),
});

interface AgentStats {
  handled: number;
  averageHandleSeconds: number | null;
  resolutionRate: number | null;
}
const AgentStatsRef = builder.objectRef<AgentStats>('AgentStats').implement({
  description: 'Completed escalations, their average handle time (accepted → completed) and the share resolved.',
  fields: (t) => ({
    handled: t.exposeInt('handled'),
    averageHandleSeconds: t.exposeFloat('averageHandleSeconds', { nullable: true }),
    resolutionRate: t.exposeFloat('resolutionRate', { nullable: true }),
  }),
});

/** Escalations still open (offered to or held by an agent): an agent with any cannot be deleted. */
export const OPEN_ESCALATION_STATUSES = ['routing', 'offered', 'accepted', 'connected'] as const;

export const HumanAgentRef = builder.objectRef<HumanAgent>('HumanAgent').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    email: t.exposeString('email'),
    phoneNumber: t.exposeString('phoneNumber', { description: 'E.164; the warm transfer dials it.' }),
    skills: t.exposeStringList('skills'),
    department: t.exposeString('department', { nullable: true }),
    availability: t.field({ type: AvailabilityEnum, resolve: (a) => a.availability }),
    maxConcurrent: t.exposeInt('maxConcurrent'),
    currentLoad: t.exposeInt('currentLoad', { description: 'Escalations offered to or held by the agent now.' }),
    user: t.field({
      type: UserRef,
      nullable: true,
      resolve: (a, _args, { em }) => (a.user ? em.findOne(User, a.user.id) : null),
    }),
    stats: t.field({
      type: AgentStatsRef,
      resolve: async (a, _args, { em }) => {
        const [row] = await em
          .getConnection()
          .execute<{ handled: string; avg_seconds: number | null; resolved: string }[]>(
            `select count(*) as handled,
                  avg(extract(epoch from completed_at - accepted_at)) as avg_seconds,
                  count(*) filter (where resolved) as resolved
             from escalation where agent_id = ? and status = 'completed'`,
            [a.id],
          );
        const handled = Number(row?.handled ?? 0);
        return {
          handled,
          averageHandleSeconds:
            row?.avg_seconds === null || row?.avg_seconds === undefined ? null : Number(row.avg_seconds),
          resolutionRate: handled ? Number(row?.resolved ?? 0) / handled : null,
        };
      },
    }),
    createdAt: t.field({ type: 'DateTime', resolve: (a) => a.createdAt }),
  }),
});

const agentFields = {
  name: z.string().trim().min(1).max(200),
  email: z.email().max(320),
  phoneNumber: z.string().refine(isE164, 'must be an E.164 number, e.g. +14155550100'),
  skills: z.array(z.string().trim().min(1).max(50)).max(30),
  department: z.string().trim().min(1).max(100).nullish(),
  maxConcurrent: z.number().int().min(1).max(10),
  userId: z.string().refine(isUuid, 'must be a UUID').nullish(),
};
const createInput = z.object({
  ...agentFields,
  skills: agentFields.skills.default([]),
  maxConcurrent: agentFields.maxConcurrent.default(1),
});
const updateInput = z.object(agentFields).partial();

const CreateHumanAgentInput = builder.inputType('CreateHumanAgentInput', {
  fields: (t) => ({
    name: t.string({ required: true }),
    email: t.string({ required: true, description: 'Escalation offers are emailed here.' }),
    phoneNumber: t.string({ required: true }),
    skills: t.stringList({ required: false }),
    department: t.string({ required: false }),
    maxConcurrent: t.int({ required: false, description: 'Escalations held at once; default 1.' }),
    userId: t.id({ required: false, description: 'The console user who is this agent (to accept offers).' }),
  }),
});
const UpdateHumanAgentInput = builder.inputType('UpdateHumanAgentInput', {
  fields: (t) => ({
    name: t.string({ required: false }),
    email: t.string({ required: false }),
    phoneNumber: t.string({ required: false }),
    skills: t.stringList({ required: false }),
    department: t.string({ required: false }),
    maxConcurrent: t.int({ required: false }),
    userId: t.id({ required: false }),
  }),
});

async function userOf(ctx: GatewayContext, userId: string | null | undefined) {
  if (!userId) return null;
  const user = await ctx.em.findOne(User, { id: userId, organization: ctx.auth!.organizationId });
  if (!user) throw new ValidationError([{ field: 'userId', message: 'no such user in this organisation' }]);
  return user;
}

builder.queryFields((t) => ({
  humanAgents: t.field({
    type: [HumanAgentRef],
    authScopes: { permission: 'agents:read' },
    args: { availability: t.arg({ type: AvailabilityEnum }), department: t.arg.string() },
    resolve: (_root, args, ctx) =>
      ctx.em.find(
        HumanAgent,
        {
          organization: ctx.auth!.organizationId,
          ...(args.availability && { availability: args.availability }),
          ...(args.department && { department: args.department }),
        },
        { orderBy: { name: 'asc' } },
      ),
  }),
  humanAgent: t.field({
    type: HumanAgentRef,
    nullable: true,
    authScopes: { permission: 'agents:read' },
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, { id }, ctx) => findOwned(ctx, HumanAgent, id),
  }),
}));

builder.mutationFields((t) => ({
  createHumanAgent: t.field({
    type: HumanAgentRef,
    authScopes: { permission: 'agents:manage' },
    errors: { types: [ValidationError, ConflictError] },
    args: { input: t.arg({ type: CreateHumanAgentInput, required: true }) },
    resolve: audited('HumanAgent', async (_root, args, ctx) => {
      const input = parseInput(createInput, args.input);
      const email = input.email.toLowerCase();
      if (await ctx.em.count(HumanAgent, { organization: ctx.auth!.organizationId, email })) {
        throw new ConflictError(`an agent with ${email} exists`);
      }
      const agent = ctx.em.create(HumanAgent, {
        organization: ctx.auth!.organizationId,
        user: await userOf(ctx, input.userId),
        name: input.name,
        email,
        phoneNumber: input.phoneNumber,
        skills: [...new Set(input.skills)],
        department: input.department ?? null,
        maxConcurrent: input.maxConcurrent,
        availability: 'offline',
        currentLoad: 0,
      });
      await ctx.em.flush();
      return agent;
    }),
  }),
  updateHumanAgent: t.field({
    type: HumanAgentRef,
    authScopes: { permission: 'agents:manage' },
    errors: { types: [ValidationError, NotFoundError] },
    args: { id: t.arg.id({ required: true }), input: t.arg({ type: UpdateHumanAgentInput, required: true }) },
    resolve: audited('HumanAgent', async (_root, args, ctx) => {
      const input = parseInput(updateInput, args.input);
      const agent = await ownedOrNotFound(ctx, HumanAgent, args.id);
      const { userId, email, skills, ...rest } = input;
      Object.assign(
        agent,
        Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)),
        email ? { email: email.toLowerCase() } : {},
        skills ? { skills: [...new Set(skills)] } : {},
      );
      if (userId !== undefined) agent.user = await userOf(ctx, userId);
      await ctx.em.flush();
      return agent;
    }),
  }),
  setAgentAvailability: t.field({
    type: HumanAgentRef,
    description: 'Available, busy or offline; an agent may change their own, a supervisor anyone’s.',
    authScopes: { permission: 'agents:availability' },
    errors: { types: [NotFoundError] },
    args: { id: t.arg.id({ required: true }), availability: t.arg({ type: AvailabilityEnum, required: true }) },
    resolve: audited('HumanAgent', async (_root, args, ctx) => {
      const agent = await ownedOrNotFound(ctx, HumanAgent, args.id);
      const self = ctx.auth!.kind === 'user' && agent.user?.id === ctx.auth!.id;
      if (!self && !can(ctx.auth!.role, 'agents:manage')) throw new NotFoundError('HumanAgent', args.id);
      agent.availability = args.availability;
      await ctx.em.flush();
      return agent;
    }),
  }),
  deleteHumanAgent: t.field({
    type: HumanAgentRef,
    description: 'Deletes an agent; refused while escalations are offered to or held by them.',
    authScopes: { permission: 'agents:manage' },
    errors: { types: [NotFoundError, ConflictError] },
    args: { id: t.arg.id({ required: true }) },
    resolve: audited('HumanAgent', async (_root, { id }, ctx) => {
      const agent = await ownedOrNotFound(ctx, HumanAgent, id);
      const open = await ctx.em.count(Escalation, { agent: agent.id, status: { $in: [...OPEN_ESCALATION_STATUSES] } });
      if (open)
        throw new ConflictError(`${agent.name} has ${open} open escalation(s); complete or re-route them first`);
      await ctx.em.remove(agent).flush();
      return agent;
    }),
  }),
}));
