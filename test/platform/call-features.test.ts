import { randomInt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import twilio from 'twilio';
import WebSocket from 'ws';
import { BusinessConfig, Call } from '../../db/entities/index.ts';
import { inboundCallId } from '../../gateway/twilio-webhooks.ts';
import { knowledgeWorkflowId } from '../../workflows/definitions/knowledge.ts';
import { type CallStack, finishedCall, placeCall, startCallStack } from '../support/call-stack.ts';
import { TEST_TWILIO_AUTH_TOKEN } from '../support/env.ts';
import { collect, graphql, wsClient } from '../support/graphql.ts';
import { createBusiness } from '../support/tenants.ts';
import { eventually, until } from '../support/wait.ts';

let stack: CallStack;
/** A number of this test's own, so inbound calls find this tenant's business. */
const businessNumber = `+1555${randomInt(1_000_000, 9_999_999)}`;
const HANDOFF = '+15557770101';
let machineBusinessId: string;

beforeAll(async () => {
  stack = await startCallStack('Features');
  const em = stack.gateway.orm.em.fork();
  const business = await em.findOneOrFail(BusinessConfig, stack.tenant.businessId);
  business.phoneNumbers = [businessNumber];
  business.handoffNumber = HANDOFF;
  await em.flush();
  // A second business that detects answering machines and leaves a message.
  machineBusinessId = await createBusiness(stack.gateway.orm, stack.tenant, {
    answeringMachineDetection: true,
    voicemailMessage: 'Hi, this is Acme calling about your order. Please call us back.',
  });
});

afterAll(async () => {
  await stack?.stop();
});

const gql = (query: string, variables: Record<string, unknown> = {}) =>
  graphql(stack.gateway.url, query, variables, stack.token);

describe('inbound calls', () => {
  it('answers a call to a business number, streams it to the agent and records it under that business', async () => {
    const voiceUrl = `${stack.gateway.url}/twilio/voice/inbound`;
    const simulated = stack.telephony.sim.placeInboundCall({
      from: '+15550100000',
      to: businessNumber,
      voiceUrl,
      statusCallback: `${stack.gateway.url}/twilio/status`,
    });
    const id = inboundCallId(simulated.sid);
    await eventually(async () => (await stack.gateway.orm.em.fork().findOne(Call, id)) ?? undefined);

    // Twilio retries a slow webhook: the same call, not a second one.
    const params = { CallSid: simulated.sid, From: '+15550100000', To: businessNumber, CallStatus: 'ringing' };
    const retry = await fetch(voiceUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': twilio.getExpectedTwilioSignature(TEST_TWILIO_AUTH_TOKEN, voiceUrl, params),
      },
      body: new URLSearchParams(params).toString(),
    });
    expect(retry.status).toBe(200);
    expect(await retry.text()).toContain(`value="${id}"`);

    const { result, call, lines } = await finishedCall(stack, id);
    expect(result.status).toBe('completed');
    expect(simulated.said).toHaveLength(3);
    expect(simulated.heard[0]).toBe('Hello, thanks for calling. How can I help you today?');
    expect(call.direction).toBe('inbound');
    expect(call.business.id).toBe(stack.tenant.businessId);
    expect(call.fromNumber).toBe('+15550100000');
    expect(call.answeredAt).not.toBeNull();
    expect(await stack.gateway.orm.em.fork().count(Call, { twilioCallSid: simulated.sid })).toBe(1);
    expect(lines.filter((l) => l.speaker === 'customer').map((l) => l.text)).toEqual(simulated.said);
    expect(lines.map((l) => l.sequence)).toEqual(lines.map((_, i) => i));
  });

  it('tells a caller to a number no business answers that it is not in service', async () => {
    const simulated = stack.telephony.sim.placeInboundCall({
      from: '+15550100000',
      to: '+15559990000',
      voiceUrl: `${stack.gateway.url}/twilio/voice/inbound`,
    });
    await simulated.done;
    expect(simulated.twimlSaid).toEqual(['Sorry, this number is not in service.']);
    expect(simulated.streams).toBe(0);
    expect(await stack.gateway.orm.em.fork().count(Call, { id: inboundCallId(simulated.sid) })).toBe(0);
  });
});

describe('answering machines', () => {
  it('leaves the business voicemail message after the beep, and lets a person talk to the agent', async () => {
    const [machine, person] = await Promise.all([
      placeCall(stack, '+15550100005', machineBusinessId).then(({ id }) => finishedCall(stack, id)),
      placeCall(stack, '+15550100000', machineBusinessId).then(({ id }) => finishedCall(stack, id)),
    ]);
    expect(machine.call.answeredBy).toBe('machine_end_beep');
    expect(machine.result).toEqual({ status: 'completed', endReason: 'voicemail_left' });
    expect(machine.simulated.twimlSaid).toEqual(['Hi, this is Acme calling about your order. Please call us back.']);
    expect(machine.lines.at(-1)?.speaker).toBe('system');

    expect(person.call.answeredBy).toBe('human');
    expect(person.result.status).toBe('completed');
    expect(person.simulated.twimlSaid).toEqual([]);
    expect(person.lines.filter((l) => l.speaker === 'customer').map((l) => l.text)).toEqual(person.simulated.said);
  });
});

describe("the voice agent's tools", () => {
  it('answers a question from a document ingested by its workflow, and keeps the chunk it used on the line', async () => {
    const created = await gql(
      `mutation ($input: CreateKnowledgeEntryInput!) { createKnowledgeEntry(input: $input) {
        ... on MutationCreateKnowledgeEntrySuccess { data { id } } } }`,
      {
        input: {
          businessId: stack.tenant.businessId,
          text: [
            '# Store guide',
            '## Opening hours',
            'On Saturday we are open from nine in the morning until one in the afternoon.',
            '## Returns',
            'Returns are accepted within thirty days with a receipt.',
          ].join('\n\n'),
        },
      },
    );
    const entryId = created.data?.createKnowledgeEntry.data.id as string;
    await stack.gateway.temporal.workflow.getHandle(knowledgeWorkflowId(entryId)).result();
    const entry = await gql('query ($id: ID!) { knowledgeEntry(id: $id) { status chunks { chunkId heading } } }', {
      id: entryId,
    });
    expect(entry.data?.knowledgeEntry.status).toBe('READY');
    const hoursChunk = entry.data?.knowledgeEntry.chunks.find((c: { heading: string }) =>
      c.heading.endsWith('Opening hours'),
    );

    const { id } = await placeCall(stack, '+15550100009'); // "What are your opening hours on Saturday?"
    const { lines, simulated, result } = await finishedCall(stack, id);
    expect(result.endReason).toBe('agent_ended_call');
    const answer = lines.find((l) => l.speaker === 'ai' && l.text.startsWith('Here is what I found.'));
    expect(answer?.text).toContain('On Saturday we are open from nine in the morning until one in the afternoon.');
    const sources = (answer?.metadata as { knowledgeChunkIds?: string[] } | undefined)?.knowledgeChunkIds;
    expect(sources?.[0]).toBe(hoursChunk.chunkId);
    expect(simulated.heard).toContain(answer?.text);
  });

  it('hands a caller who asks for a person to the business handoff number when it has no agents', async () => {
    const { id } = await placeCall(stack, '+15550100003'); // "Can I please talk to a real person?"
    const { result, simulated, lines, call } = await finishedCall(stack, id);
    expect(simulated.twimlSaid).toContain('Please hold while I connect you.');
    expect(simulated.dialed).toEqual([{ to: HANDOFF, callerId: call.fromNumber }]);
    expect(result.status).toBe('completed');
    expect(result.endReason).toBe('agent_escalated: keyword');
    expect(lines.at(-1)).toMatchObject({ speaker: 'system', text: expect.stringContaining(HANDOFF) });
    const view = await gql('query ($id: ID!) { call(id: $id) { timeline { status } escalations { status reason } } }', {
      id,
    });
    expect(view.data?.call.timeline.map((t: { status: string }) => t.status)).toContain('ESCALATED');
    expect(view.data?.call.escalations).toEqual([{ status: 'HANDED_OFF', reason: 'KEYWORD' }]);
  });
});

describe('supervisor control', () => {
  it('lets a supervisor listen in and then take the call over to a human', async () => {
    // A caller who talks, so the agent answers while the supervisor listens: the greeting alone may
    // reach the bridge before the listener joins (the model sends audio faster than it is played).
    const { id } = await placeCall(stack, '+15550100000');
    const listen = await eventually(async () => {
      const r = await gql(
        'mutation ($id: ID!) { listenToCall(id: $id) { __typename ... on MutationListenToCallSuccess { data { url } } ... on Error { message } } }',
        { id },
      );
      return r.data?.listenToCall.__typename === 'MutationListenToCallSuccess'
        ? (r.data.listenToCall.data.url as string)
        : undefined;
    });
    // A forged ticket is refused at the door.
    const forged = new WebSocket(listen.replace(/token=[^&]+/, 'token=forged'));
    const refused = await new Promise<number>((resolve) =>
      forged.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)),
    );
    expect(refused).toBe(401);

    const heard = { inbound: 0, outbound: 0, stopped: false };
    const socket = new WebSocket(listen);
    socket.on('message', (data) => {
      const message = JSON.parse(data.toString()) as {
        event: string;
        track?: 'inbound' | 'outbound';
        payload?: string;
      };
      if (message.event === 'media' && message.track)
        heard[message.track] += Buffer.from(message.payload!, 'base64').length;
      if (message.event === 'stop') heard.stopped = true;
    });
    const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    // Both sides reach the listener (8 bytes of μ-law per ms): a second of the caller, and at least a
    // fifth of a second of the agent.
    await until(() => heard.outbound >= 1_600 && heard.inbound > 8_000, 45_000, 'both sides at the listener').catch(
      (error: Error) => {
        throw new Error(`${error.message}; it heard ${JSON.stringify(heard)}`);
      },
    );

    const noNumber = await gql(
      'mutation ($id: ID!) { takeOverCall(id: $id, input: { toNumber: "12345" }) { __typename } }',
      { id },
    );
    expect(noNumber.data?.takeOverCall.__typename).toBe('ValidationError');
    const taken = await gql(
      'mutation ($id: ID!) { takeOverCall(id: $id, input: { toNumber: "+15557770199" }) { __typename ... on MutationTakeOverCallSuccess { data { status } } } }',
      { id },
    );
    expect(taken.data?.takeOverCall).toEqual({
      __typename: 'MutationTakeOverCallSuccess',
      data: { status: 'ESCALATED' },
    });
    await closed;
    expect(heard.stopped).toBe(true);

    const { result, simulated } = await finishedCall(stack, id);
    expect(simulated.dialed.map((d) => d.to)).toEqual(['+15557770199']);
    expect(result).toEqual({ status: 'completed', endReason: 'supervisor_takeover' });
    const again = await gql('mutation ($id: ID!) { takeOverCall(id: $id, input: {}) { __typename } }', { id });
    expect(again.data?.takeOverCall.__typename).toBe('ConflictError');
  });
});

describe('call history', () => {
  it('shows latency, the status timeline and metrics events, and sorts and pages by duration', async () => {
    const { id } = await placeCall(stack, '+15550100000');
    await finishedCall(stack, id);
    const detail = await gql(
      `query ($id: ID!) { call(id: $id) {
        latency { samples p50Ms p95Ms averageMs lastMs }
        timeline { status at }
        transcript { lines { speaker latencyMs } }
      } }`,
      { id },
    );
    const call = detail.data?.call;
    expect(call.timeline.map((t: { status: string }) => t.status)).toEqual([
      'QUEUED',
      'INITIATED',
      'RINGING',
      'IN_PROGRESS',
      'COMPLETED',
    ]);
    const latencies = call.transcript.lines
      .filter((l: { latencyMs: number | null }) => l.latencyMs !== null)
      .map((l: { latencyMs: number }) => l.latencyMs);
    expect(latencies.length).toBeGreaterThanOrEqual(2);
    expect(call.latency.samples).toBe(latencies.length);
    expect(call.latency.lastMs).toBe(latencies.at(-1));
    expect(call.latency.p50Ms).toBeGreaterThan(0);
    expect(call.latency.p95Ms).toBeGreaterThanOrEqual(call.latency.p50Ms);

    const metrics = await collect<{ callEvents: { type: string; latency: { samples: number } | null } }>(
      wsClient(stack.gateway.url, stack.token),
      'subscription ($id: ID!) { callEvents(callId: $id, after: "0") { type latency { samples } } }',
      { id },
      (items) => items.filter((e) => e.callEvents.type === 'METRICS').length >= latencies.length,
    );
    expect(metrics.filter((e) => e.callEvents.type === 'METRICS').map((e) => e.callEvents.latency?.samples)).toEqual(
      latencies.map((_: number, i: number) => i + 1),
    );

    // Every call this test made, longest first, two at a time.
    const page = (after?: string) =>
      gql(
        `query ($after: String) { calls(first: 2, after: $after, orderBy: { field: DURATION, direction: DESC }) {
          ... on QueryCallsSuccess { data { totalCount edges { node { id durationSeconds } } pageInfo { hasNextPage endCursor } } }
        } }`,
        { after },
      );
    const seen: { id: string; durationSeconds: number | null }[] = [];
    let after: string | undefined;
    for (;;) {
      const { data } = await page(after);
      const connection = data?.calls.data;
      seen.push(...connection.edges.map((e: { node: { id: string; durationSeconds: number | null } }) => e.node));
      if (!connection.pageInfo.hasNextPage) {
        expect(seen).toHaveLength(connection.totalCount);
        break;
      }
      after = connection.pageInfo.endCursor;
    }
    const durations = seen.map((c) => c.durationSeconds ?? -1);
    expect(durations).toEqual([...durations].sort((a, b) => b - a));
    expect(new Set(seen.map((c) => c.id)).size).toBe(seen.length);
    const mismatched = await gql('query ($after: String) { calls(first: 2, after: $after) { __typename } }', { after });
    expect(mismatched.data?.calls.__typename).toBe('ValidationError');
  });
});
