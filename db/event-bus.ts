import pg from 'pg';
import { AppError } from '../lib/errors.ts';
import type { Logger } from '../lib/logger.ts';
import { type BusEvent, EVENTS_CHANNEL } from './events.ts';

export interface EventFilter {
  topic: string;
  /** Only events about this key (e.g. one call id); all keys when absent. */
  key?: string;
  /** Cursor: replay every logged event after this id before going live. */
  after?: string;
}

interface Row {
  id: string;
  topic: string;
  key: string;
  payload: Record<string, unknown>;
  created_at: Date;
}

const REPLAY_PAGE = 1_000;
/** A live subscriber this far behind is dropped rather than buffered for without end. */
export const MAX_UNREAD_EVENTS = 5_000;

/**
 * A subscriber fell too far behind (a stuck or very slow client): its subscription ended so the
 * gateway's memory stays bounded. It resumes from the last cursor it received.
 */
export class SubscriberTooSlowError extends AppError {
  readonly code = 'SUBSCRIBER_TOO_SLOW';
  constructor(unread: number) {
    super(`The subscriber left ${unread} events unread; resubscribe from the last cursor received.`);
    this.name = 'SubscriberTooSlowError';
  }
}

const toEvent = (row: Row): BusEvent => ({
  id: row.id,
  topic: row.topic,
  key: row.key,
  payload: row.payload,
  createdAt: row.created_at.toISOString(),
});

/**
 * The receiving side of the cross-process event bus: one LISTEN connection per process fans
 * Postgres notifications out to subscribers, each of which can resume from a cursor.
 */
export class EventBus {
  readonly #databaseUrl: string;
  readonly #logger: Logger;
  readonly #pool: pg.Pool;
  readonly #maxUnread: number;
  readonly #subscriptions = new Set<Subscription>();
  #listener: pg.Client | undefined;
  #closed = false;
  #reconnectDelayMs = 250;

  private constructor(databaseUrl: string, logger: Logger, maxUnread: number) {
    this.#databaseUrl = databaseUrl;
    this.#logger = logger;
    this.#maxUnread = maxUnread;
    this.#pool = new pg.Pool({ connectionString: databaseUrl, max: 4 });
    // An idle connection the server dropped (a restart, an outage) is replaced on the next query.
    this.#pool.on('error', (error) => this.#logger.warn({ err: error }, 'event bus lost an idle connection'));
  }

  static async connect(
    databaseUrl: string,
    logger: Logger,
    options: { maxUnreadEvents?: number } = {},
  ): Promise<EventBus> {
    const bus = new EventBus(databaseUrl, logger, options.maxUnreadEvents ?? MAX_UNREAD_EVENTS);
    await bus.#listen();
    return bus;
  }

  /** Events matching the filter, replayed from the cursor and then live, until the iterator is returned. */
  subscribe(filter: EventFilter): AsyncIterableIterator<BusEvent> {
    const subscription = new Subscription(filter, this.#maxUnread, (s) => this.#subscriptions.delete(s));
    this.#subscriptions.add(subscription);
    if (filter.after !== undefined) {
      this.#replay(subscription, filter.after).catch((error: unknown) => subscription.fail(error));
    } else {
      subscription.goLive();
    }
    return subscription;
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const subscription of this.#subscriptions) subscription.end();
    await this.#listener?.end().catch(() => undefined);
    await this.#pool.end();
  }

  async #listen(): Promise<void> {
    const client = new pg.Client({ connectionString: this.#databaseUrl });
    client.on('notification', (message) => {
      if (message.channel === EVENTS_CHANNEL && message.payload) this.#onNotification(message.payload);
    });
    client.on('error', (error) => this.#reconnect(client, error));
    client.on('end', () => this.#reconnect(client, new Error('listener connection ended')));
    await client.connect();
    await client.query(`listen ${EVENTS_CHANNEL}`);
    this.#listener = client;
    this.#reconnectDelayMs = 250;
  }

  #reconnect(client: pg.Client, error: Error): void {
    if (this.#closed || this.#listener !== client) return;
    this.#listener = undefined;
    client.removeAllListeners();
    client.end().catch(() => undefined);
    this.#scheduleListen(error);
  }

  #scheduleListen(error: unknown): void {
    const delayMs = this.#reconnectDelayMs;
    this.#reconnectDelayMs = Math.min(delayMs * 2, 5_000);
    this.#logger.warn({ err: error, retryInMs: delayMs }, 'event bus listener lost; reconnecting');
    setTimeout(() => {
      if (this.#closed) return;
      this.#listen().then(
        // Whatever was published while we were away is in the log: catch every subscriber up.
        () => {
          for (const s of this.#subscriptions) {
            if (s.lastId === undefined) continue;
            s.catchingUp();
            this.#replay(s, s.lastId).catch((e: unknown) => s.fail(e));
          }
        },
        (e: unknown) => this.#scheduleListen(e),
      );
    }, delayMs).unref();
  }

  #onNotification(text: string): void {
    let body: Partial<BusEvent> & { id: string };
    try {
      body = JSON.parse(text);
    } catch {
      this.#logger.warn('unparseable event notification dropped');
      return;
    }
    if (body.payload !== undefined && body.topic !== undefined && body.key !== undefined) {
      this.#dispatch(body as BusEvent);
      return;
    }
    this.#pool
      .query<Row>('select id::text as id, topic, key, payload, created_at from event_log where id = $1', [body.id])
      .then(
        ({ rows }) => rows[0] && this.#dispatch(toEvent(rows[0])),
        (error: unknown) => this.#logger.error({ err: error, eventId: body.id }, 'could not read event'),
      );
  }

  #dispatch(event: BusEvent): void {
    for (const subscription of this.#subscriptions) subscription.offer(event);
  }

  /** Everything logged after the cursor, page by page in cursor order, then the live events that waited. */
  async #replay(subscription: Subscription, after: string): Promise<void> {
    const { topic, key } = subscription.filter;
    let cursor = after;
    for (;;) {
      const { rows } = await this.#pool.query<Row>(
        `select id::text as id, topic, key, payload, created_at from event_log
         where topic = $1 and ($2::text is null or key = $2) and event_log.id > $3::bigint order by event_log.id limit ${REPLAY_PAGE}`,
        [topic, key ?? null, cursor],
      );
      subscription.replayedPage(rows.map(toEvent));
      if (rows.length < REPLAY_PAGE) break;
      cursor = rows.at(-1)!.id;
    }
    subscription.goLive();
  }
}

/**
 * A subscriber's queue: buffers live events while a replay runs, and yields events in cursor order,
 * each once. Cursors are compared as numbers; since they follow commit order, an event at or below
 * the last one delivered has been delivered already.
 */
class Subscription implements AsyncIterableIterator<BusEvent> {
  readonly filter: EventFilter;
  lastId: string | undefined;
  #last: bigint;
  readonly #maxUnread: number;
  readonly #onEnd: (s: Subscription) => void;
  readonly #queue: BusEvent[] = [];
  #live = false;
  #pendingLive: BusEvent[] = [];
  #waiting: ((result: IteratorResult<BusEvent>) => void) | undefined;
  #failWaiting: ((error: unknown) => void) | undefined;
  #error: unknown;
  #done = false;

  constructor(filter: EventFilter, maxUnread: number, onEnd: (s: Subscription) => void) {
    this.filter = filter;
    this.#maxUnread = maxUnread;
    this.lastId = filter.after;
    this.#last = filter.after === undefined ? -1n : BigInt(filter.after);
    this.#onEnd = onEnd;
  }

  offer(event: BusEvent): void {
    if (this.#done || event.topic !== this.filter.topic) return;
    if (this.filter.key !== undefined && event.key !== this.filter.key) return;
    if (!this.#live) {
      this.#pendingLive.push(event);
      return;
    }
    if (this.#queue.length >= this.#maxUnread) {
      const unread = this.#queue.length;
      this.#queue.length = 0;
      this.fail(new SubscriberTooSlowError(unread));
      return;
    }
    this.#push(event);
  }

  replayedPage(events: BusEvent[]): void {
    for (const event of events) this.#push(event);
  }

  /** The listener was away: live events wait until the replay of what was missed is in. */
  catchingUp(): void {
    this.#live = false;
  }

  goLive(): void {
    this.#live = true;
    for (const event of this.#pendingLive) this.#push(event);
    this.#pendingLive = [];
  }

  fail(error: unknown): void {
    this.#error = error;
    if (this.#failWaiting) {
      const reject = this.#failWaiting;
      this.#waiting = this.#failWaiting = undefined;
      reject(error);
    }
    this.end();
  }

  end(): void {
    if (this.#done) return;
    this.#done = true;
    this.#onEnd(this);
    if (this.#waiting) {
      const resolve = this.#waiting;
      this.#waiting = this.#failWaiting = undefined;
      resolve({ value: undefined, done: true });
    }
  }

  #push(event: BusEvent): void {
    const id = BigInt(event.id);
    if (id <= this.#last) return;
    this.#last = id;
    this.lastId = event.id;
    if (this.#waiting) {
      const resolve = this.#waiting;
      this.#waiting = this.#failWaiting = undefined;
      resolve({ value: event, done: false });
    } else {
      this.#queue.push(event);
    }
  }

  next(): Promise<IteratorResult<BusEvent>> {
    const event = this.#queue.shift();
    if (event) return Promise.resolve({ value: event, done: false });
    if (this.#error !== undefined) return Promise.reject(this.#error);
    if (this.#done) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve, reject) => {
      this.#waiting = resolve;
      this.#failWaiting = reject;
    });
  }

  return(): Promise<IteratorResult<BusEvent>> {
    this.end();
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<BusEvent> {
    return this;
  }
}
