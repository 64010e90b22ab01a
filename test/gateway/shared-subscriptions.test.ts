import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ExecutionResult } from 'graphql';
import type { Client } from 'graphql-ws';
import { recordCall } from '../../db/calls.ts';
import { SubscriberTooSlowError } from '../../db/event-bus.ts';
import { publishEvent, TOPICS } from '../../db/events.ts';
import { SharedSubscriptions } from '../../gateway/shared-subscriptions.ts';
import { testConfig, testEnv } from '../support/env.ts';
import { startGateway, type TestGateway } from '../support/gateway.ts';
import { wsClient } from '../support/graphql.ts';
import { createTenant, login, type Tenant } from '../support/tenants.ts';
import { until } from '../support/wait.ts';

const LINES = 'subscription ($id: ID!) { callEvents(callId: $id) { line { sequence text } } }';

let gateway: TestGateway;
let tenant: Tenant;
const clients: Client[] = [];

beforeAll(async () => {
  gateway = await startGateway(testConfig(testEnv()));
  tenant = await createTenant(gateway.orm, 'Shared subscriptions');
});
afterAll(async () => {
  for (const client of clients) await client.dispose();
  await gateway?.stop();
});

async function newCall(): Promise<string> {
  const id = randomUUID();
  await recordCall(gateway.orm.em.fork(), {
    id,
    organizationId: tenant.organizationId,
    businessId: tenant.businessId,
    direction: 'inbound',
    fromNumber: '+14155550100',
    toNumber: tenant.businessNumber,
  });
  return id;
}

async function publishLine(callId: string, sequence: number): Promise<void> {
  await gateway.orm.em.fork().transactional((tx) =>
    publishEvent(tx, {
      topic: TOPICS.call,
      key: callId,
      payload: {
        type: 'transcript',
        organizationId: tenant.organizationId,
        line: { callId, sequence, speaker: 'agent', text: `line ${sequence}`, startMs: null, endMs: null },
      },
    }),
  );
}

/** A subscriber of one call's lines: the sequences it received, and a way to leave. */
function subscriber(token: string, callId: string, query = LINES, variables: Record<string, unknown> = {}) {
  const client = wsClient(gateway.url, token);
  clients.push(client);
  const received: number[] = [];
  const errors: unknown[] = [];
  const leave = client.subscribe<{ callEvents: { line: { sequence: number } | null } }>(
    { query, variables: { id: callId, ...variables } },
    {
      next: (result) => {
        if (result.errors) errors.push(...result.errors);
        const line = result.data?.callEvents.line;
        if (line) received.push(line.sequence);
      },
      error: (error) => errors.push(error),
      complete: () => undefined,
    },
  );
  return { received, errors, leave };
}

/** Publishes lines until every subscriber has one (subscriptions go live asynchronously). */
async function untilLive(callId: string, subscribers: { received: number[] }[]): Promise<void> {
  for (let n = 1; !subscribers.every((s) => s.received.length > 0); n++) {
    await publishLine(callId, -n);
    await new Promise((resolve) => setTimeout(resolve, 100));
    if (n > 100) throw new Error('the subscriptions did not go live');
  }
  for (const s of subscribers) s.received.length = 0;
}

async function executions(): Promise<number> {
  const text = await (await fetch(`${gateway.url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith('gateway_graphql_subscription_executions'));
  return Number(line?.split(' ').at(-1));
}

describe('subscriptions that share one execution per event', () => {
  it('delivers every line once and in order to each of 20 subscribers of one principal, from one execution', async () => {
    const token = (await login(gateway.url, tenant.emails.supervisor)).accessToken;
    const callId = await newCall();
    const subscribers = Array.from({ length: 20 }, () => subscriber(token, callId));
    await untilLive(callId, subscribers);
    expect(await executions()).toBe(1);
    for (let sequence = 1; sequence <= 5; sequence++) await publishLine(callId, sequence);
    await until(() => subscribers.every((s) => s.received.length === 5), 10_000, 'every line to everyone');
    for (const s of subscribers) {
      expect(s.received).toEqual([1, 2, 3, 4, 5]);
      expect(s.errors).toEqual([]);
    }
    for (const s of subscribers) s.leave();
    await until(async () => (await executions()) === 0, 5_000, 'the execution stopped with its last subscriber');
  });

  it('gives another principal, other variables or a replay from a cursor executions of their own', async () => {
    const supervisor = (await login(gateway.url, tenant.emails.supervisor)).accessToken;
    const admin = (await login(gateway.url, tenant.emails.admin)).accessToken;
    const callId = await newCall();
    const otherCall = await newCall();
    const ours = subscriber(supervisor, callId);
    const theirs = subscriber(admin, callId);
    const elsewhere = subscriber(supervisor, otherCall);
    await untilLive(callId, [ours, theirs]);
    await untilLive(otherCall, [elsewhere]);
    expect(await executions()).toBe(3);

    // A replay starts from its own cursor, so it never joins a running execution.
    const [cursor] = await gateway.orm.em
      .fork()
      .execute<{ id: string }[]>('select max(id)::text as id from event_log where key = ?', [callId]);
    const replaying = subscriber(
      supervisor,
      callId,
      'subscription ($id: ID!, $after: String) { callEvents(callId: $id, after: $after) { line { sequence text } } }',
      { after: cursor!.id },
    );
    await publishLine(callId, 1);
    await until(
      () => [ours, theirs, replaying].every((s) => s.received.includes(1)),
      10_000,
      'the line to each of them',
    );
    expect(await executions()).toBe(4);
    expect(elsewhere.received).toEqual([]);
    for (const s of [ours, theirs, elsewhere, replaying]) s.leave();
    await until(async () => (await executions()) === 0, 5_000, 'every execution stopped');
  });

  it('keeps serving the others when one subscriber leaves', async () => {
    const token = (await login(gateway.url, tenant.emails.supervisor)).accessToken;
    const callId = await newCall();
    const [first, second] = [subscriber(token, callId), subscriber(token, callId)];
    await untilLive(callId, [first!, second!]);
    first!.leave();
    await publishLine(callId, 1);
    await until(() => second!.received.includes(1), 10_000, 'the line to the one who stayed');
    expect(first!.received).toEqual([]);
    expect(await executions()).toBe(1);
    second!.leave();
  });
});

describe('SharedSubscriptions', () => {
  /** A source the test feeds, shaped as the event bus's subscriptions are (return ends a pending next). */
  function source() {
    const queue: ExecutionResult[] = [];
    let waiting: ((result: IteratorResult<ExecutionResult>) => void) | undefined;
    let ended = false;
    let returned = 0;
    const settle = () => {
      if (!waiting) return;
      const next = queue.shift();
      if (next) waiting({ value: next, done: false });
      else if (ended) waiting({ value: undefined, done: true });
      else return;
      waiting = undefined;
    };
    const iterator: AsyncIterableIterator<ExecutionResult> = {
      next: () =>
        new Promise((resolve) => {
          waiting = resolve;
          settle();
        }),
      return: async () => {
        returned += 1;
        ended = true;
        settle();
        return { value: undefined, done: true };
      },
      [Symbol.asyncIterator]: () => iterator,
    };
    return {
      generator: iterator,
      push: (n: number) => {
        queue.push({ data: { n } });
        settle();
      },
      end: () => {
        ended = true;
        settle();
      },
      returned: () => returned,
    };
  }

  it('ends a subscriber who leaves too many results unread with SubscriberTooSlowError, and not the others', async () => {
    const shared = new SharedSubscriptions({ maxUnread: 3 });
    const feed = source();
    const reader = (await shared.subscribe('k', () => feed.generator)) as AsyncGenerator<ExecutionResult>;
    const stuck = (await shared.subscribe('k', () => {
      throw new Error('a second subscriber joins the running stream');
    })) as AsyncGenerator<ExecutionResult>;
    expect(shared.size).toEqual({ streams: 1, subscribers: 2 });
    const read: unknown[] = [];
    for (let n = 1; n <= 5; n++) {
      feed.push(n);
      read.push((await reader.next()).value?.data?.n);
    }
    expect(read).toEqual([1, 2, 3, 4, 5]);
    await expect(stuck.next()).rejects.toBeInstanceOf(SubscriberTooSlowError);
    expect(shared.size).toEqual({ streams: 1, subscribers: 1 });
    await reader.return(undefined);
    expect(shared.size).toEqual({ streams: 0, subscribers: 0 });
    await until(() => feed.returned() === 1, 2_000, 'the source stopped');
  });

  it('lets a subscriber who joins after the source ended start a new one, and runs keyless subscriptions alone', async () => {
    const shared = new SharedSubscriptions();
    const first = source();
    const one = (await shared.subscribe('k', () => first.generator)) as AsyncGenerator<ExecutionResult>;
    first.end();
    expect((await one.next()).done).toBe(true);
    const second = source();
    const two = (await shared.subscribe('k', () => second.generator)) as AsyncGenerator<ExecutionResult>;
    second.push(7);
    expect((await two.next()).value?.data).toEqual({ n: 7 });
    // Without a key a subscriber has a stream of its own, even with the same source behind it.
    const alone = source();
    const solo = (await shared.subscribe(null, () => alone.generator)) as AsyncGenerator<ExecutionResult>;
    expect(shared.size).toEqual({ streams: 2, subscribers: 2 });
    alone.push(8);
    expect((await solo.next()).value?.data).toEqual({ n: 8 });
    // A start that answers with a single result (an error) is that subscriber's alone.
    const refused = { errors: [] };
    expect(await shared.subscribe('other', () => refused)).toBe(refused);
    expect(shared.size).toEqual({ streams: 2, subscribers: 2 });
  });
});
