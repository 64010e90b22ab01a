/**
 * A call's history and live control beyond the basics: its status timeline and latency figures,
 * handing the line to a human (take over) and listening in from the console.
 */
import { z } from 'zod';
import { type CallView, latencyStats, toCallView } from '../db/calls.ts';
import { BusinessConfig } from '../db/entities/index.ts';
import { TOPICS } from '../db/events.ts';
import { ConflictError, NotFoundError, ValidationError } from '../lib/errors.ts';
import { LISTEN_TOKEN_TTL_SECONDS, signListenToken } from '../lib/listen-token.ts';
import { isE164 } from '../lib/phone.ts';
import { type CallStatus, takeoverUpdate } from '../workflows/definitions/call.ts';
import { audited, builder } from './builder.ts';
import { CallLatencyRef, CallRef, CallStatusEnum, findLiveCall } from './call.ts';
import { parseInput } from './validation.ts';

const CallStatusChangeRef = builder.objectRef<{ status: CallStatus; at: Date }>('CallStatusChange').implement({
  description: 'A status the call reached, and when.',
  fields: (t) => ({
    status: t.field({ type: CallStatusEnum, resolve: (c) => c.status }),
    at: t.field({ type: 'DateTime', resolve: (c) => c.at }),
  }),
});

builder.objectFields(CallRef, (t) => ({
  timeline: t.field({
    type: [CallStatusChangeRef],
    description: 'Every status the call went through, oldest first.',
    resolve: async (call, _args, { em }) => {
      const rows = await em.execute<{ status: CallStatus; at: Date }[]>(
        `select payload->'call'->>'status' as status, payload->'call'->>'statusChangedAt' as at
           from event_log where topic = ? and key = ? and payload->>'type' in ('created', 'status') order by id`,
        [TOPICS.call, call.id],
      );
      return rows.map((row) => ({ status: row.status, at: new Date(row.at) }));
    },
  }),
  latency: t.field({
    type: CallLatencyRef,
    description: "The voice agent's response latency over the call's recorded replies.",
    resolve: async (call, _args, { em }) => {
      const rows = await em.execute<{ ms: number }[]>(
        `select (metadata->>'latencyMs')::int as ms from call_interaction
          where call_id = ? and metadata->>'latencyMs' is not null order by sequence`,
        [call.id],
      );
      return latencyStats(rows.map((r) => Number(r.ms)));
    },
  }),
}));

const TakeOverInput = builder.inputType('TakeOverInput', {
  fields: (t) => ({
    toNumber: t.string({
      required: false,
      description: "The human's number in E.164; without it, the business's handoff number.",
    }),
  }),
});
const takeOverInput = z.object({
  toNumber: z.string().refine(isE164, 'must be an E.164 number like +14155550100').nullish(),
});

const ListenSessionRef = builder.objectRef<{ url: string; expiresAt: Date }>('ListenSession').implement({
  description:
    'Where to hear a live call: open `url` as a WebSocket before `expiresAt`. It sends ' +
    '`{"event":"media","track":"inbound"|"outbound","payload":<base64 μ-law 8 kHz>}` messages ' +
    '(inbound is the caller, outbound the agent) and `{"event":"stop"}` when the call ends.',
  fields: (t) => ({
    url: t.exposeString('url'),
    expiresAt: t.field({ type: 'DateTime', resolve: (s) => s.expiresAt }),
  }),
});

builder.mutationFields((t) => ({
  takeOverCall: t.field({
    type: CallRef,
    description:
      "Hands the caller to a human: the voice agent leaves and Twilio dials the number (the business's " +
      'handoff number unless one is given). The call becomes ESCALATED.',
    authScopes: { permission: 'calls:intervene' },
    errors: { types: [NotFoundError, ConflictError, ValidationError] },
    args: { id: t.arg.id({ required: true }), input: t.arg({ type: TakeOverInput, required: true }) },
    resolve: audited('Call', async (_root, { id, input }, ctx): Promise<CallView> => {
      const { toNumber: given } = parseInput(takeOverInput, input);
      const call = await findLiveCall(ctx, id);
      const business = await ctx.em.findOneOrFail(BusinessConfig, call.business.id);
      const toNumber = given ?? business.handoffNumber;
      if (!toNumber) {
        throw new ValidationError([{ field: 'toNumber', message: 'is required: the business has no handoff number' }]);
      }
      await ctx.workflows.updateCall(call.id, takeoverUpdate, { toNumber, reason: 'supervisor_takeover' }, 'take over');
      await ctx.em.refresh(call);
      return toCallView(call);
    }),
  }),
  listenToCall: t.field({
    type: ListenSessionRef,
    description: 'A short-lived ticket to hear a live call in the browser (see `ListenSession`).',
    authScopes: { permission: 'calls:listen' },
    errors: { types: [NotFoundError, ConflictError] },
    args: { id: t.arg.id({ required: true }) },
    resolve: audited('Call', async (_root, { id }, ctx) => {
      const call = await findLiveCall(ctx, id);
      const bridge = await ctx.workflows.bridgeOf(call.id);
      if (!bridge) throw new ConflictError('the call is not connected to a voice agent right now');
      const token = await signListenToken(ctx.config.auth.jwtSecret, call.id, ctx.auth!.id);
      return {
        url: `${bridge.url}/listen?token=${encodeURIComponent(token)}`,
        expiresAt: new Date(Date.now() + LISTEN_TOKEN_TTL_SECONDS * 1000),
      };
    }),
  }),
}));
