import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { EventBus } from '../../db/event-bus.ts';
import type { BusEvent } from '../../db/events.ts';
import { publishEvent } from '../../db/events.ts';
import { type Orm, openOrm } from '../../db/orm.ts';
import { createLogger } from '../../lib/logger.ts';
import { TEST_DATABASE_URL } from '../support/env.ts';

let orm: Orm;
let bus: EventBus;
const logger = createLogger('event-bus-test', 'silent');

const publish = (topic: string, key: string, payload: Record<string, unknown>) =>
  orm.em.fork().transactional((tx) => publishEvent(tx, { topic, key, payload }));

async function take(iterator: AsyncIterator<BusEvent>, count: number, timeoutMs = 10_000): Promise<BusEvent[]> {
  const events: BusEvent[] = [];
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`got ${events.length} of ${count} events`)), timeoutMs);
  });
  try {
    while (events.length < count) {
      const next = await Promise.race([iterator.next(), timeout]);
      if (next.done) break;
      events.push(next.value);
    }
    return events;
  } finally {
    clearTimeout(timer);
  }
}

beforeAll(async () => {
  orm = await openOrm(TEST_DATABASE_URL, 2);
  bus = await EventBus.connect(TEST_DATABASE_URL, logger);
});
afterAll(async () => {
  await bus?.close();
  await orm?.close();
});

describe('event bus (Postgres LISTEN/NOTIFY + event log)', () => {
  it('delivers only the events for the subscribed key', async () => {
    const topic = `t-${randomUUID()}`;
    const subscription = bus.subscribe({ topic, key: 'a' });
    await publish(topic, 'b', { n: 1 });
    await publish(topic, 'a', { n: 2 });
    const [event] = await take(subscription, 1);
    expect(event).toMatchObject({ topic, key: 'a', payload: { n: 2 } });
    await subscription.return?.();
  });

  it('carries events larger than a NOTIFY payload by reading them from the log', async () => {
    const topic = `t-${randomUUID()}`;
    const subscription = bus.subscribe({ topic });
    const big = 'x'.repeat(20_000);
    await publish(topic, 'k', { big });
    const [event] = await take(subscription, 1);
    expect((event!.payload as { big: string }).big).toHaveLength(20_000);
    await subscription.return?.();
  });

  it('does not deliver an event whose transaction rolled back', async () => {
    const topic = `t-${randomUUID()}`;
    const subscription = bus.subscribe({ topic });
    await orm.em
      .fork()
      .transactional(async (tx) => {
        await publishEvent(tx, { topic, key: 'k', payload: { n: 'rolled back' } });
        throw new Error('abort');
      })
      .catch(() => undefined);
    await publish(topic, 'k', { n: 'committed' });
    const [event] = await take(subscription, 1);
    expect(event!.payload).toEqual({ n: 'committed' });
    await subscription.return?.();
  });

  it('catches subscribers up on what was published while its connection was down', async () => {
    const topic = `t-${randomUUID()}`;
    const subscription = bus.subscribe({ topic, after: '0' });
    await publish(topic, 'k', { n: 1 });
    expect((await take(subscription, 1))[0]!.payload).toEqual({ n: 1 });

    // Kill the bus's LISTEN connection from the server side, then publish while it reconnects.
    const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
    await admin.query(
      "select pg_terminate_backend(pid) from pg_stat_activity where query ilike 'listen %' and pid <> pg_backend_pid()",
    );
    await admin.end();
    await publish(topic, 'k', { n: 2 });
    await publish(topic, 'k', { n: 3 });
    const rest = await take(subscription, 2);
    expect(rest.map((e) => e.payload)).toEqual([{ n: 2 }, { n: 3 }]);
    await subscription.return?.();
  });
});
