/**
 * One execution per event for identical subscriptions. graphql-ws runs a subscription's selection
 * set once per event for every subscriber; a thousand sockets watching one call under one principal
 * cost a thousand executions of the same fields with the same answer. Subscriptions with the same
 * key (the principal, its role and organisation, the operation text and its variables: everything
 * a result can depend on) share one source stream here, and each event's result goes to all of them.
 *
 * Each subscriber keeps a queue of its own, so a slow socket never holds the others back; one that
 * leaves `maxUnread` results unread ends with `SubscriberTooSlowError`, as the event bus ends a
 * slow subscription. The source stops when its last subscriber leaves.
 */
import type { ExecutionResult } from 'graphql';
import { type DocumentNode, Kind, visit } from 'graphql';
import { MAX_UNREAD_EVENTS, SubscriberTooSlowError } from '../db/event-bus.ts';

type Result = ExecutionResult;
type Source = AsyncIterableIterator<Result> | AsyncGenerator<Result>;
type Started = Result | AsyncIterable<Result>;

const isAsyncIterable = (value: unknown): value is AsyncIterable<Result> =>
  typeof value === 'object' && value !== null && Symbol.asyncIterator in value;

/**
 * The key under which a subscription may share its execution, or null when it must run alone: an
 * operation that asks for a replay (an `after` cursor) starts from a point of its own.
 */
export function shareKey(
  principal: { kind: string; id: string; role: string; organizationId: string } | null,
  document: DocumentNode,
  query: string,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | null | undefined,
): string | null {
  if (!principal) return null;
  let replays = false;
  visit(document, {
    [Kind.ARGUMENT]: (node) => {
      if (node.name.value === 'after') replays = true;
    },
  });
  if (replays) return null;
  return JSON.stringify([
    principal.kind,
    principal.id,
    principal.role,
    principal.organizationId,
    query,
    operationName ?? null,
    sortedKeys(variables ?? {}),
  ]);
}

/** The value with object keys in order, so `{a, b}` and `{b, a}` make one key. */
function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortedKeys((value as Record<string, unknown>)[key])]),
  );
}

export class SharedSubscriptions {
  readonly #streams = new Map<string, Promise<SharedStream | null>>();
  readonly #live = new Set<SharedStream>();
  readonly #maxUnread: number;

  constructor(options: { maxUnread?: number } = {}) {
    this.#maxUnread = options.maxUnread ?? MAX_UNREAD_EVENTS;
  }

  /** How many source streams run, and how many subscribers they serve. */
  get size(): { streams: number; subscribers: number } {
    return { streams: this.#live.size, subscribers: [...this.#live].reduce((n, s) => n + s.subscribers, 0) };
  }

  /**
   * A subscriber's results: joined to the running stream of its key, or from `start()` (the real
   * subscribe), which becomes that stream. Without a key the stream is the subscriber's alone; when
   * `start()` answers with a single result (an error), that result is the subscriber's.
   */
  async subscribe(key: string | null, start: () => Promise<Started> | Started): Promise<Started> {
    for (let entry = key === null ? undefined : this.#streams.get(key); entry; ) {
      const joined = (await entry)?.join();
      if (joined) return joined;
      // That stream failed to start or has ended (and is forgotten): join the next one, or start it.
      const next = this.#streams.get(key!);
      if (next === entry) break;
      entry = next;
    }
    let resolveStream!: (stream: SharedStream | null) => void;
    const pending = new Promise<SharedStream | null>((resolve) => {
      resolveStream = resolve;
    });
    if (key !== null) this.#streams.set(key, pending);
    const forget = () => {
      if (key !== null && this.#streams.get(key) === pending) this.#streams.delete(key);
    };
    let started: Started;
    try {
      started = await start();
    } catch (error) {
      forget();
      resolveStream(null);
      throw error;
    }
    if (!isAsyncIterable(started)) {
      forget();
      resolveStream(null);
      return started;
    }
    // A subscription without a key is a stream of one: counted, and bounded like the others.
    const stream = new SharedStream(started[Symbol.asyncIterator]() as Source, this.#maxUnread, () => {
      this.#live.delete(stream);
      forget();
    });
    this.#live.add(stream);
    resolveStream(stream);
    return stream.join()!;
  }
}

/** A source read by one pump and fanned out to every subscriber's queue. */
class SharedStream {
  readonly #source: Source;
  readonly #maxUnread: number;
  readonly #onEnd: () => void;
  readonly #subscribers = new Set<SharedSubscriber>();
  #ended = false;

  constructor(source: Source, maxUnread: number, onEnd: () => void) {
    this.#source = source;
    this.#maxUnread = maxUnread;
    this.#onEnd = onEnd;
    void this.#pump();
  }

  get subscribers(): number {
    return this.#subscribers.size;
  }

  /** A new subscriber, or undefined once the stream has ended (the caller starts another). */
  join(): SharedSubscriber | undefined {
    if (this.#ended) return undefined;
    const subscriber = new SharedSubscriber(this.#maxUnread, () => this.#leave(subscriber));
    this.#subscribers.add(subscriber);
    return subscriber;
  }

  async #pump(): Promise<void> {
    try {
      for (;;) {
        const { value, done } = await this.#source.next();
        if (done) break;
        for (const subscriber of this.#subscribers) subscriber.offer(value);
      }
      this.#end();
      for (const subscriber of this.#subscribers) subscriber.finish();
    } catch (error) {
      this.#end();
      for (const subscriber of this.#subscribers) subscriber.fail(error);
    }
  }

  #leave(subscriber: SharedSubscriber): void {
    this.#subscribers.delete(subscriber);
    if (this.#subscribers.size > 0 || this.#ended) return;
    this.#end();
    void this.#source.return?.(undefined);
  }

  #end(): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#onEnd();
  }
}

/** One subscriber's queue of shared results, as graphql-ws reads it (an async generator's shape). */
class SharedSubscriber implements AsyncGenerator<Result, undefined> {
  readonly #maxUnread: number;
  readonly #onLeave: () => void;
  readonly #queue: Result[] = [];
  #waiting: { resolve: (r: IteratorResult<Result, undefined>) => void; reject: (e: unknown) => void } | undefined;
  #error: unknown;
  #done = false;

  constructor(maxUnread: number, onLeave: () => void) {
    this.#maxUnread = maxUnread;
    this.#onLeave = onLeave;
  }

  offer(result: Result): void {
    if (this.#done || this.#error) return;
    if (this.#waiting) {
      const waiting = this.#waiting;
      this.#waiting = undefined;
      waiting.resolve({ value: result, done: false });
      return;
    }
    this.#queue.push(result);
    if (this.#queue.length > this.#maxUnread) {
      const unread = this.#queue.length;
      this.#queue.length = 0;
      this.fail(new SubscriberTooSlowError(unread));
      this.#onLeave();
    }
  }

  finish(): void {
    this.#done = true;
    this.#settleWaiting();
  }

  fail(error: unknown): void {
    if (this.#done) return;
    this.#error = error;
    this.#settleWaiting();
  }

  #settleWaiting(): void {
    const waiting = this.#waiting;
    if (!waiting) return;
    this.#waiting = undefined;
    if (this.#error) {
      const error = this.#error;
      this.#error = undefined;
      this.#done = true;
      waiting.reject(error);
    } else waiting.resolve({ value: undefined, done: true });
  }

  next(): Promise<IteratorResult<Result, undefined>> {
    const queued = this.#queue.shift();
    if (queued) return Promise.resolve({ value: queued, done: false });
    if (this.#error) {
      const error = this.#error;
      this.#done = true;
      this.#error = undefined;
      return Promise.reject(error);
    }
    if (this.#done) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve, reject) => {
      this.#waiting = { resolve, reject };
    });
  }

  return(): Promise<IteratorResult<Result, undefined>> {
    if (!this.#done) {
      this.#done = true;
      this.#queue.length = 0;
      this.#settleWaiting();
      this.#onLeave();
    }
    return Promise.resolve({ value: undefined, done: true });
  }

  throw(error: unknown): Promise<IteratorResult<Result, undefined>> {
    void this.return();
    return Promise.reject(error);
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.return();
  }
}
