import { randomUUID } from 'node:crypto';
import { filter } from 'graphql-yoga';
import { z } from 'zod';
import {
  type CallEventPayload,
  type CallView,
  type LatencyStats,
  lineInterrupted,
  lineLatencyMs,
  recordCall,
  toCallView,
  transitionCall,
} from '../db/calls.ts';
import { BusinessConfig, Call } from '../db/entities/index.ts';
import { type BusEvent, TOPICS } from '../db/events.ts';
import { ConflictError, NotFoundError, ValidationError } from '../lib/errors.ts';
import { isUuid } from '../lib/ids.ts';
import { isE164 } from '../lib/phone.ts';
import {
  CALL_DIRECTIONS,
  CALL_STATUSES,
  interveneUpdate,
  TERMINAL_CALL_STATUSES,
  type TranscriptLineInput,
} from '../workflows/definitions/call.ts';
import { audited, builder } from './builder.ts';
import { BusinessConfigRef } from './business.ts';
import { lineCitations, TranscriptCitationRef } from './citations.ts';
import type { GatewayContext } from './context.ts';
import { ownedOrNotFound } from './lookup.ts';
import { parseInput } from './validation.ts';

const upperValues = <T extends string>(values: readonly T[]) =>
  Object.fromEntries(values.map((value) => [value.toUpperCase(), { value }])) as Record<string, { value: T }>;

export const CallStatusEnum = builder.enumType('CallStatus', { values: upperValues(CALL_STATUSES) });
export const CallDirectionEnum = builder.enumType('CallDirection', { values: upperValues(CALL_DIRECTIONS) });

const CallerObjectionEnum = builder.enumType('CallerObjection', {
  values: {
    RECORDING: { value: 'recording', description: 'Asked not to be recorded: the transcript stops there.' },
    CALLS: { value: 'calls', description: 'Asked not to be called again: the number is on the do-not-call list.' },
  },
});

export const CallRef = builder.objectRef<CallView>('Call').implement({
  description: 'A phone call, inbound or outbound, and where it stands.',
  fields: (t) => ({
    id: t.exposeID('id'),
    business: t.field({
      type: BusinessConfigRef,
      resolve: (call, _args, { em }) => em.findOneOrFail(BusinessConfig, { id: call.businessId }),
    }),
    direction: t.field({ type: CallDirectionEnum, resolve: (call) => call.direction }),
    status: t.field({ type: CallStatusEnum, resolve: (call) => call.status }),
    fromNumber: t.exposeString('fromNumber'),
    toNumber: t.exposeString('toNumber'),
    workflowId: t.exposeString('workflowId', { description: 'The Temporal workflow that runs this call.' }),
    workflowUrl: t.string({
      description: 'Where operators inspect the workflow in the Temporal Web UI.',
      resolve: (call, _args, { config }) =>
        `${config.temporal.uiUrl}/namespaces/${encodeURIComponent(config.temporal.namespace)}/workflows/${encodeURIComponent(call.workflowId)}`,
    }),
    twilioCallSid: t.exposeString('twilioCallSid', { nullable: true }),
    endReason: t.exposeString('endReason', { nullable: true }),
    answeredBy: t.exposeString('answeredBy', {
      nullable: true,
      description: "Twilio's answering-machine verdict (human, machine_end_beep, …) when detection was on.",
    }),
    createdAt: t.field({ type: 'DateTime', resolve: (call) => call.createdAt }),
    statusChangedAt: t.field({ type: 'DateTime', resolve: (call) => call.statusChangedAt }),
    answeredAt: t.field({ type: 'DateTime', nullable: true, resolve: (call) => call.answeredAt }),
    endedAt: t.field({ type: 'DateTime', nullable: true, resolve: (call) => call.endedAt }),
    durationSeconds: t.exposeInt('durationSeconds', { nullable: true }),
    disclosureSpokenAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: "When the agent spoke the business's disclosure (recording, AI) in full; null when it did not.",
      resolve: (call) => call.disclosureSpokenAt ?? null,
    }),
    callerObjectedAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When the caller first objected to being recorded or to being called again.',
      resolve: (call) => call.callerObjectedAt ?? null,
    }),
    callerObjection: t.field({
      type: CallerObjectionEnum,
      nullable: true,
      description: 'What the caller objected to.',
      resolve: (call) => call.callerObjection ?? null,
    }),
  }),
});

const CallEventTypeEnum = builder.enumType('CallEventType', {
  values: {
    CREATED: { value: 'created' },
    STATUS_CHANGED: { value: 'status' },
    TRANSCRIPT: { value: 'transcript' },
    METRICS: { value: 'metrics', description: "The voice agent's latency figures changed (`latency`)." },
  },
});

export const CallLatencyRef = builder.objectRef<LatencyStats>('CallLatency').implement({
  description: "How fast the voice agent answers: the caller's end of speech to the first audio byte sent back.",
  fields: (t) => ({
    samples: t.exposeInt('samples'),
    p50Ms: t.exposeInt('p50Ms', { nullable: true }),
    p95Ms: t.exposeInt('p95Ms', { nullable: true }),
    averageMs: t.exposeInt('averageMs', { nullable: true }),
    lastMs: t.exposeInt('lastMs', { nullable: true }),
  }),
});

const LiveTranscriptLineRef = builder.objectRef<TranscriptLineInput>('LiveTranscriptLine').implement({
  description: 'A line as it was spoken; the same line appears in `call.transcript` once recorded.',
  fields: (t) => ({
    sequence: t.exposeInt('sequence'),
    speaker: t.string({ resolve: (l) => l.speaker.toUpperCase() }),
    text: t.exposeString('text'),
    startMs: t.exposeInt('startMs', { nullable: true }),
    endMs: t.exposeInt('endMs', { nullable: true }),
    latencyMs: t.int({ nullable: true, resolve: (l) => lineLatencyMs(l.metadata) }),
    interrupted: t.boolean({
      description: 'The caller talked over this line of the agent: `text` is the part they heard.',
      resolve: (l) => lineInterrupted(l.metadata),
    }),
    citations: t.field({
      type: [TranscriptCitationRef],
      description: "The agent's lines: the knowledge chunks the line was answered from, best first.",
      resolve: (l) => lineCitations(l.metadata),
    }),
  }),
});

const CallEventRef = builder.objectRef<BusEvent<CallEventPayload>>('CallEvent').implement({
  description: 'Something that happened to a call. Pass `cursor` as `after` to resume a subscription.',
  fields: (t) => ({
    cursor: t.exposeString('id'),
    type: t.field({ type: CallEventTypeEnum, resolve: (e) => e.payload.type }),
    at: t.field({ type: 'DateTime', resolve: (e) => e.createdAt }),
    call: t.field({
      type: CallRef,
      description: 'The call as of this event (for transcript lines: as it is now).',
      resolve: async (e, _args, { em }) =>
        'call' in e.payload ? e.payload.call : toCallView(await em.findOneOrFail(Call, { id: e.key })),
    }),
    previousStatus: t.field({
      type: CallStatusEnum,
      nullable: true,
      resolve: (e) => (e.payload.type === 'status' ? e.payload.previousStatus : null),
    }),
    line: t.field({
      type: LiveTranscriptLineRef,
      nullable: true,
      resolve: (e) => (e.payload.type === 'transcript' ? e.payload.line : null),
    }),
    latency: t.field({
      type: CallLatencyRef,
      nullable: true,
      resolve: (e) => (e.payload.type === 'metrics' ? e.payload.latency : null),
    }),
  }),
});

// ------------------------------------------------------------------ mutations

/** A call of the caller's organisation, or NotFoundError. */
export async function findCall(ctx: GatewayContext, id: string) {
  return ownedOrNotFound(ctx, Call, id);
}

/** A call that has not ended yet, or NotFoundError / ConflictError. */
export async function findLiveCall(ctx: GatewayContext, id: string) {
  const call = await findCall(ctx, id);
  if (TERMINAL_CALL_STATUSES.includes(call.status)) {
    throw new ConflictError(`call ${id} has already ended (${call.status})`);
  }
  return call;
}

const StartCallInput = builder.inputType('StartCallInput', {
  fields: (t) => ({
    businessId: t.id({ required: true }),
    toNumber: t.string({ required: true, description: 'Who to call, in E.164 (+14155550100).' }),
    fromNumber: t.string({
      required: false,
      description: "Caller id in E.164; defaults to the business's first number.",
    }),
  }),
});

const startCallInput = z.object({
  businessId: z.string().refine(isUuid, 'must be a UUID'),
  toNumber: z.string().refine(isE164, 'must be an E.164 number like +14155550100'),
  fromNumber: z.string().refine(isE164, 'must be an E.164 number like +14155550100').nullish(),
});

async function startOutboundCall(ctx: GatewayContext, raw: unknown): Promise<CallView> {
  const input = parseInput(startCallInput, raw);
  const organizationId = ctx.auth!.organizationId;
  const business = await ctx.em.findOne(BusinessConfig, {
    id: input.businessId,
    organization: organizationId,
    active: true,
  });
  if (!business) throw new NotFoundError('BusinessConfig', input.businessId);
  const fromNumber = input.fromNumber ?? business.phoneNumbers[0];
  if (!fromNumber) {
    throw new ValidationError([{ field: 'fromNumber', message: 'is required: the business has no phone number' }]);
  }
  const callId = randomUUID();
  const { call } = await recordCall(ctx.em, {
    id: callId,
    organizationId,
    businessId: business.id,
    direction: 'outbound',
    fromNumber,
    toNumber: input.toNumber,
  });
  const workflowInput = ctx.workflows.callInput(business, {
    callId,
    organizationId,
    direction: 'outbound',
    fromNumber,
    toNumber: input.toNumber,
  });
  try {
    await ctx.workflows.startCall(workflowInput, business);
  } catch (error) {
    await transitionCall(ctx.em, {
      callId,
      status: 'failed',
      at: new Date().toISOString(),
      endReason: 'workflow_start_failed',
    });
    throw error;
  }
  ctx.logger.info({ callId }, 'call started');
  return call;
}

const InterventionActionEnum = builder.enumType('InterventionAction', {
  values: {
    SAY: { value: 'say', description: 'The agent says `text` now, word for word.' },
    INSTRUCT: { value: 'instruct', description: 'The agent follows `text` as an instruction from now on.' },
    PAUSE_AI: { value: 'pause_ai', description: 'The agent stops talking and does not answer until resumed.' },
    RESUME_AI: { value: 'resume_ai', description: 'The agent answers again.' },
  },
});

const InterveneInput = builder.inputType('InterveneInput', {
  fields: (t) => ({
    action: t.field({ type: InterventionActionEnum, required: true }),
    text: t.string({ required: false }),
  }),
});

builder.mutationFields((t) => ({
  interveneCall: t.field({
    type: CallRef,
    description: "Steers a live call's voice agent; answers once the bridge holding the call has done it.",
    authScopes: { permission: 'calls:intervene' },
    errors: { types: [NotFoundError, ConflictError, ValidationError] },
    args: { id: t.arg.id({ required: true }), input: t.arg({ type: InterveneInput, required: true }) },
    resolve: audited('Call', async (_root, { id, input }, ctx) => {
      if (input.text && input.text.length > 2_000) {
        throw new ValidationError([{ field: 'text', message: 'must be at most 2000 characters' }]);
      }
      const call = await findCall(ctx, id);
      await ctx.workflows.updateCall(
        call.id,
        interveneUpdate,
        { action: input.action, text: input.text ?? undefined },
        'intervene',
      );
      return toCallView(call);
    }),
  }),
  startCall: t.field({
    type: CallRef,
    description: 'Places an outbound call; follow it with the `callEvents` subscription.',
    authScopes: { permission: 'calls:start' },
    errors: { types: [ValidationError, NotFoundError] },
    args: { input: t.arg({ type: StartCallInput, required: true }) },
    resolve: audited('Call', (_root, { input }, ctx) => startOutboundCall(ctx, input)),
  }),
  endCall: t.field({
    type: CallRef,
    description: 'Ends a call that is still going; the call moves to a final status shortly after.',
    authScopes: { permission: 'calls:end' },
    errors: { types: [NotFoundError, ConflictError] },
    args: { id: t.arg.id({ required: true }), reason: t.arg.string() },
    resolve: audited('Call', async (_root, { id, reason }, ctx) => {
      const call = await findLiveCall(ctx, id);
      await ctx.workflows.endCall(call.id, reason ?? 'ended_by_supervisor');
      return toCallView(call);
    }),
  }),
}));

// ------------------------------------------------------------------ subscriptions

/**
 * Live call events, only those of the subscriber's organisation. One call's stream carries its
 * transcript lines; the all-calls stream only what changes a call, so dashboards are not sent a
 * fresh copy of the call for every spoken line.
 */
function callEventsFor(ctx: GatewayContext, callId: string | undefined, after: string | null | undefined) {
  const organizationId = ctx.auth!.organizationId;
  const events = ctx.events.subscribe({
    topic: TOPICS.call,
    key: callId,
    after: after ?? undefined,
  }) as AsyncIterableIterator<BusEvent<CallEventPayload>>;
  return filter(
    (event: BusEvent<CallEventPayload>) =>
      event.payload.organizationId === organizationId &&
      (callId !== undefined || event.payload.type === 'created' || event.payload.type === 'status'),
  )(events);
}

const cursorArg = z
  .string()
  .regex(/^\d{1,19}$/, 'must be a cursor from an earlier event')
  .nullish();

builder.subscriptionFields((t) => ({
  callEvents: t.field({
    type: CallEventRef,
    description: "One call's events. With `after`, replays what happened since that cursor first.",
    authScopes: { permission: 'calls:read' },
    args: { callId: t.arg.id({ required: true }), after: t.arg.string() },
    subscribe: (_root, { callId, after }, ctx) => {
      if (!isUuid(callId)) throw new ValidationError([{ field: 'callId', message: 'must be a UUID' }]);
      parseInput(cursorArg, after);
      return callEventsFor(ctx, callId, after);
    },
    resolve: (event) => event,
  }),
  callsChanged: t.field({
    type: CallEventRef,
    description:
      'Every call created or changed (status), for live dashboards; transcript lines come with `callEvents`.',
    authScopes: { permission: 'calls:read' },
    args: { after: t.arg.string() },
    subscribe: (_root, { after }, ctx) => {
      parseInput(cursorArg, after);
      return callEventsFor(ctx, undefined, after);
    },
    resolve: (event) => event,
  }),
}));
