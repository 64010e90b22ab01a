import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { EventBus, SubscriberTooSlowError } from '../../db/event-bus.ts';
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

  it('hands out cursors in commit order, so a live subscriber never sees one below the last it got', async () => {
    const topic = `t-${randomUUID()}`;
    const subscription = bus.subscribe({ topic });
    const writers = 24;
    // Each writer publishes, then holds its transaction open for a while: without ordering, a
    // transaction that drew a lower id could commit after one that drew a higher id.
    await Promise.all(
      Array.from({ length: writers }, (_, n) =>
        orm.em.fork().transactional(async (tx) => {
          await publishEvent(tx, { topic, key: 'k', payload: { n } });
          await tx.execute(`select pg_sleep(${((n * 7) % 5) / 100})`);
        }),
      ),
    );
    const delivered = await take(subscription, writers);
    const ids = delivered.map((e) => BigInt(e.id));
    expect(ids).toHaveLength(writers);
    expect(ids.every((id, i) => i === 0 || id > (ids[i - 1] as bigint))).toBe(true);
    await subscription.return?.();
  });

  it('replays in cursor order when the cursors cross a power of ten', async () => {
    const topic = `t-${randomUUID()}`;
    const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
    // Each run moves the reused test database's sequence up a power of ten; before it nears the
    // top of bigint, this worker's own database starts its log again (no other file runs on it now).
    const last = async () =>
      (await admin.query<{ last: string }>('select last_value::text as last from event_log_id_seq')).rows[0]?.last ??
      '1';
    if ((await last()).length > 15) {
      await admin.query('delete from event_log');
      await admin.query('alter sequence event_log_id_seq restart with 1');
    }
    const next = 10n ** BigInt((await last()).length);
    await admin.query('select setval($1, $2)', ['event_log_id_seq', String(next - 3n)]);
    await admin.end();
    for (let n = 0; n < 6; n++) await publish(topic, 'k', { n });
    const replay = bus.subscribe({ topic, after: '0' });
    const events = await take(replay, 6);
    expect(events.map((e) => (e.payload as { n: number }).n)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(events.map((e) => e.id).some((id) => BigInt(id) >= next)).toBe(true);
    await replay.return?.();
  });

  it('logs an event once when two publishers share its dedupe key', async () => {
    const topic = `t-${randomUUID()}`;
    const first = await orm.em
      .fork()
      .transactional((tx) =>
        publishEvent(tx, { topic, key: 'k', payload: { from: 'bridge' }, dedupeKey: `${topic}:line-1` }),
      );
    const second = await orm.em
      .fork()
      .transactional((tx) =>
        publishEvent(tx, { topic, key: 'k', payload: { from: 'workflow' }, dedupeKey: `${topic}:line-1` }),
      );
    expect(first).not.toBeNull();
    expect(second).toBeNull();
    const replay = bus.subscribe({ topic, after: '0' });
    await publish(topic, 'k', { from: 'after' });
    expect((await take(replay, 2)).map((e) => e.payload)).toEqual([{ from: 'bridge' }, { from: 'after' }]);
    await replay.return?.();
  });

  it('drops a subscriber that stops reading, without holding back the others', async () => {
    const topic = `t-${randomUUID()}`;
    const smallBus = await EventBus.connect(TEST_DATABASE_URL, logger, { maxUnreadEvents: 3 });
    try {
      const stuck = smallBus.subscribe({ topic });
      const reading = smallBus.subscribe({ topic });
      const readingFive = take(reading, 5);
      for (let n = 0; n < 5; n++) await publish(topic, 'k', { n });
      const read = await readingFive;
      expect(read.map((e) => e.payload)).toEqual([0, 1, 2, 3, 4].map((n) => ({ n })));
      await expect(stuck.next()).rejects.toBeInstanceOf(SubscriberTooSlowError);
      await publish(topic, 'k', { n: 5 });
      expect((await take(reading, 1))[0]!.payload).toEqual({ n: 5 });
      await reading.return?.();
    } finally {
      await smallBus.close();
    }
  });
});
