import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { transitionCall } from '../../db/calls.ts';
import { Call } from '../../db/entities/index.ts';
import { searchAttributes } from '../../workflows/definitions/search-attributes.ts';
import { testConfig, testEnv } from '../support/env.ts';
import { startGateway, type TestGateway } from '../support/gateway.ts';
import { collect, graphql, wsClient } from '../support/graphql.ts';
import { type RunningProcess, startProcess } from '../support/processes.ts';
import { RINGS_OUT, startTelephony } from '../support/telephony.ts';
import { createTenant, login } from '../support/tenants.ts';

let env: Record<string, string>;
let telephony: Awaited<ReturnType<typeof startTelephony>>;
let gateway: TestGateway;
let worker: RunningProcess;
let businessId: string;
let businessNumber: string;
let token: string;

const START_CALL = `
  mutation ($input: StartCallInput!) {
    startCall(input: $input) {
      __typename
      ... on MutationStartCallSuccess { data { id status direction fromNumber toNumber workflowId } }
      ... on Error { code message }
      ... on ValidationError { fieldErrors { field message } }
    }
  }`;

const CALL_EVENTS = `
  subscription ($callId: ID!, $after: String) {
    callEvents(callId: $callId, after: $after) { cursor type previousStatus call { id status endReason durationSeconds } }
  }`;

interface CallEvent {
  callEvents: {
    cursor: string;
    type: string;
    previousStatus: string | null;
    call: { id: string; status: string; endReason: string | null };
  };
}

async function startCall(input: Record<string, unknown>) {
  const response = await graphql(gateway.url, START_CALL, { input }, token);
  expect(response.errors).toBeUndefined();
  return response.data!.startCall;
}

beforeAll(async () => {
  telephony = await startTelephony();
  env = testEnv(telephony.env);
  gateway = await startGateway(testConfig(env));
  // The worker runs as its own process: events it publishes reach this gateway only through Postgres.
  // Twilio's webhooks (here the simulator's) go to this gateway.
  worker = startProcess('worker.ts', { ...env, PUBLIC_URL: gateway.url });
  const tenant = await createTenant(gateway.orm, 'Thread');
  businessId = tenant.businessId;
  businessNumber = tenant.businessNumber;
  token = (await login(gateway.url, tenant.emails.supervisor)).accessToken;
  await worker.waitForLog('worker started');
});

afterAll(async () => {
  await gateway?.stop();
  expect(await worker?.stop()).toBe(0);
  await telephony?.sim.stop();
});

describe('startCall → callWorkflow → Postgres → callEvents', () => {
  it('delivers every status change of a started call, in order, to a subscriber in another process', async () => {
    const started = await startCall({ businessId, toNumber: '+14155550100' });
    expect(started.__typename).toBe('MutationStartCallSuccess');
    const call = started.data;
    expect(call).toMatchObject({
      status: 'QUEUED',
      direction: 'OUTBOUND',
      fromNumber: businessNumber,
      toNumber: '+14155550100',
    });
    expect(call.workflowId).toBe(`call-${call.id}`);

    // after: "0" replays from the start of the log, so no event is lost to the subscribe race.
    const events = await collect<CallEvent>(
      wsClient(gateway.url, token),
      CALL_EVENTS,
      { callId: call.id, after: '0' },
      (items) => items.some((e) => e.callEvents.call.status === 'COMPLETED'),
    );
    expect(events.map((e) => e.callEvents.call.status)).toEqual([
      'QUEUED',
      'INITIATED',
      'RINGING',
      'IN_PROGRESS',
      'COMPLETED',
    ]);
    expect(events[0]!.callEvents.type).toBe('CREATED');
    expect(events.at(-1)!.callEvents).toMatchObject({ type: 'STATUS_CHANGED', previousStatus: 'IN_PROGRESS' });

    const row = await gateway.orm.em.fork().findOneOrFail(Call, call.id);
    expect(row).toMatchObject({ status: 'completed', endReason: 'hangup', direction: 'outbound' });
    expect(row.answeredAt).toBeInstanceOf(Date);
    expect(row.endedAt!.getTime()).toBeGreaterThan(row.answeredAt!.getTime());
  });

  it('shows the workflow to operators with its search attributes and a memo of whose call it is', async () => {
    const { data } = await startCall({ businessId, toNumber: '+442071838750' });
    const handle = gateway.temporal.workflow.getHandle(data.workflowId);
    await handle.result();
    const description = await handle.describe();
    expect(description.typedSearchAttributes.get(searchAttributes.businessId)).toBe(businessId);
    expect(description.typedSearchAttributes.get(searchAttributes.callDirection)).toBe('outbound');
    expect(description.typedSearchAttributes.get(searchAttributes.callStatus)).toBe('completed');
    expect(description.memo).toEqual({
      business: expect.stringContaining('Thread'),
      direction: 'outbound',
      from: expect.stringMatching(/^\+\d+$/),
      to: '+442071838750',
    });

    // The same filter an operator types into the Temporal UI (visibility is eventually consistent).
    const query = `BusinessId = "${businessId}" AND CallStatus = "completed" AND CallDirection = "outbound"`;
    let found: string[] = [];
    for (let attempt = 0; attempt < 50 && !found.includes(data.workflowId); attempt++) {
      found = [];
      for await (const wf of gateway.temporal.workflow.list({ query })) found.push(wf.workflowId);
      if (!found.includes(data.workflowId)) await new Promise((r) => setTimeout(r, 200));
    }
    expect(found).toContain(data.workflowId);
  });

  it('resumes a subscription from a cursor without losing or repeating events', async () => {
    const { data } = await startCall({ businessId, toNumber: '+14155550101' });
    const firstTwo = await collect<CallEvent>(
      wsClient(gateway.url, token),
      CALL_EVENTS,
      { callId: data.id, after: '0' },
      (items) => items.length === 2,
    );
    const rest = await collect<CallEvent>(
      wsClient(gateway.url, token),
      CALL_EVENTS,
      { callId: data.id, after: firstTwo[1]!.callEvents.cursor },
      (items) => items.some((e) => e.callEvents.call.status === 'COMPLETED'),
    );
    const statuses = [...firstTwo, ...rest].map((e) => e.callEvents.call.status);
    expect(statuses).toEqual(['QUEUED', 'INITIATED', 'RINGING', 'IN_PROGRESS', 'COMPLETED']);
  });

  it('ends a live call on request and records why', async () => {
    const { data } = await startCall({ businessId, toNumber: RINGS_OUT });
    await collect<CallEvent>(wsClient(gateway.url, token), CALL_EVENTS, { callId: data.id, after: '0' }, (items) =>
      items.some((e) => e.callEvents.call.status === 'RINGING'),
    );
    const ended = await graphql(
      gateway.url,
      `mutation ($id: ID!) { endCall(id: $id, reason: "test_hangup") { __typename } }`,
      { id: data.id },
      token,
    );
    expect(ended.data?.endCall.__typename).toBe('MutationEndCallSuccess');
    const result = await gateway.temporal.workflow.getHandle(data.workflowId).result();
    expect(result.status).toBe('canceled');
    const row = await gateway.orm.em.fork().findOneOrFail(Call, data.id);
    expect(row.endReason).toBe('test_hangup');

    const again = await graphql(
      gateway.url,
      `mutation ($id: ID!) { endCall(id: $id) { __typename ... on Error { code } } }`,
      { id: data.id },
      token,
    );
    expect(again.data?.endCall).toEqual({ __typename: 'ConflictError', code: 'CONFLICT' });
  });

  it('records busy and unanswered calls as Twilio reports them, dialled through the real Twilio SDK', async () => {
    const busy = (await startCall({ businessId, toNumber: '+15550100006' })).data;
    const unanswered = (await startCall({ businessId, toNumber: RINGS_OUT })).data;
    const results = await Promise.all(
      [busy, unanswered].map((c) => gateway.temporal.workflow.getHandle(c.workflowId).result()),
    );
    expect(results).toEqual([
      { status: 'busy', endReason: 'busy' },
      { status: 'no_answer', endReason: 'no_answer' },
    ]);
    const row = await gateway.orm.em.fork().findOneOrFail(Call, busy.id);
    const simulated = telephony.sim.calls.get(row.twilioCallSid!);
    expect(simulated).toMatchObject({ to: '+15550100006', from: businessNumber, persona: 'busy' });
  });

  it('never lets a late status overwrite a final one', async () => {
    const { data } = await startCall({ businessId, toNumber: '+14155550103' });
    await gateway.temporal.workflow.getHandle(data.workflowId).result();
    const late = await transitionCall(gateway.orm.em, {
      callId: data.id,
      status: 'ringing',
      at: new Date().toISOString(),
    });
    expect(late.changed).toBe(false);
    expect(late.call.status).toBe('completed');
  });

  it('rejects bad input with typed errors and starts nothing', async () => {
    const invalid = await startCall({ businessId: 'not-a-uuid', toNumber: '0415 555 0100' });
    expect(invalid.__typename).toBe('ValidationError');
    expect(invalid.fieldErrors.map((e: { field: string }) => e.field).sort()).toEqual(['businessId', 'toNumber']);

    const unknown = await startCall({ businessId: crypto.randomUUID(), toNumber: '+14155550100' });
    expect(unknown).toMatchObject({ __typename: 'NotFoundError', code: 'NOT_FOUND' });
  });

  it('lists calls newest first with filters and cursor pagination', async () => {
    const list = await graphql(
      gateway.url,
      `query ($filter: CallFilter, $after: String) {
        calls(first: 2, after: $after, filter: $filter) {
          __typename
          ... on QueryCallsSuccess { data { totalCount pageInfo { hasNextPage endCursor } edges { node { id createdAt } } } }
        }
      }`,
      { filter: { businessId, direction: 'OUTBOUND' } },
      token,
    );
    const page = list.data!.calls.data;
    expect(page.totalCount).toBeGreaterThanOrEqual(5);
    expect(page.edges).toHaveLength(2);
    expect(page.pageInfo.hasNextPage).toBe(true);
    const next = await graphql(
      gateway.url,
      `query ($filter: CallFilter, $after: String) {
        calls(first: 2, after: $after, filter: $filter) { ... on QueryCallsSuccess { data { edges { node { id createdAt } } } } }
      }`,
      { filter: { businessId }, after: page.pageInfo.endCursor },
      token,
    );
    const ids = [...page.edges, ...next.data!.calls.data.edges].map((e: { node: { id: string } }) => e.node.id);
    expect(new Set(ids).size).toBe(4);
    const times = [...page.edges, ...next.data!.calls.data.edges].map(
      (e: { node: { createdAt: string } }) => e.node.createdAt,
    );
    expect([...times].sort().reverse()).toEqual(times);
  });
});
