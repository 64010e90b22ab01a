/**
 * npm run bench:fanout — live events from Postgres to graphql-ws subscribers on one gateway.
 *
 * The gateway runs in a process of its own (gateway/server.ts, or FANOUT_GATEWAY_DIR's checkout of
 * it); subscribers and writers share this process, speaking graphql-transport-ws over raw `ws` so a
 * subscriber costs one socket and one JSON.parse per event. Times are performance.now() in this
 * process: a line carries the time its transaction finished its insert, just before COMMIT, so
 * "commit → delivery" includes the commit itself. Infrastructure must be up; uses the test database.
 *   1. fan-out: one transcript line at a time to FANOUT_SUBSCRIBERS (1,000) subscribers of one call;
 *   2. bus: FANOUT_WRITERS (1,4,8) writers publishing as fast as they commit, one subscriber reading;
 *   3. a stuck subscriber (its socket no longer read) beside 10 reading ones while writers publish
 *      FANOUT_STUCK_EVENTS (10,000) lines of 6 KB: the gateway's memory, and the others' latency.
 */
import { spawn } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import WebSocket from 'ws';
import { recordCall } from '../db/calls.ts';
import { publishEvent, TOPICS } from '../db/events.ts';
import { openOrm } from '../db/orm.ts';
import { TEST_DATABASE_URL, testEnv } from '../test/support/env.ts';
import { freePort } from '../test/support/ports.ts';
import { createTenant, login } from '../test/support/tenants.ts';
import { cpuSeconds, rssBytes } from './bridge/protocol.ts';
import { percentiles } from './stats.ts';

const subscriberCount = Number(process.env.FANOUT_SUBSCRIBERS ?? 1_000);
const lineCount = Number(process.env.FANOUT_LINES ?? 50);
const writerLevels = (process.env.FANOUT_WRITERS ?? '1,4,8').split(',').map(Number);
const writerSeconds = Number(process.env.FANOUT_SECONDS ?? 5);
const stuckEvents = Number(process.env.FANOUT_STUCK_EVENTS ?? 10_000);
const gatewayDir = resolve(process.env.FANOUT_GATEWAY_DIR ?? resolve(import.meta.dirname, '..'));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

console.log('bench:fanout');
console.log(
  `  ${new Date().toISOString()}  node ${process.version}  ${cpus().length} cores  load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}  gateway ${gatewayDir}`,
);

const orm = await openOrm(TEST_DATABASE_URL, 16);
const tenant = await createTenant(orm, 'Bench fanout');
const port = await freePort();
const gateway = spawn(process.execPath, [resolve(gatewayDir, 'gateway/server.ts')], {
  cwd: gatewayDir,
  env: {
    ...process.env,
    ...testEnv({ LOG_LEVEL: 'warn', GATEWAY_PORT: String(port), RATE_LIMIT_PER_MINUTE: '100000000' }),
  },
  stdio: ['ignore', 'ignore', 'inherit'],
});
process.once('exit', () => gateway.kill('SIGKILL'));
const baseUrl = `http://127.0.0.1:${port}`;
for (let tries = 0; ; tries++) {
  const up = await fetch(`${baseUrl}/healthz`).then(
    (r) => r.ok,
    () => false,
  );
  if (up) break;
  if (tries > 300) throw new Error('the gateway did not start');
  await sleep(200);
}
const { accessToken } = await login(baseUrl, tenant.emails.supervisor);

async function newCall(): Promise<string> {
  const callId = crypto.randomUUID();
  await recordCall(orm.em.fork(), {
    id: callId,
    organizationId: tenant.organizationId,
    businessId: tenant.businessId,
    direction: 'inbound',
    fromNumber: '+14155550100',
    toNumber: tenant.businessNumber,
  });
  return callId;
}

const SUBSCRIPTION = 'subscription ($id: ID!) { callEvents(callId: $id) { line { sequence text } } }';

/** One graphql-ws subscriber of a call's events; each line's text starts with when it was committed. */
class Subscriber {
  readonly socket: WebSocket;
  readonly ready: Promise<void>;
  latencies: number[] = [];
  received = 0;

  constructor(callId: string, stuck = false) {
    this.socket = new WebSocket(`${baseUrl.replace('http', 'ws')}/graphql`, 'graphql-transport-ws', {
      perMessageDeflate: false,
    });
    this.ready = new Promise((ready, fail) => {
      this.socket.once('error', fail);
      this.socket.once('open', () =>
        this.socket.send(
          JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${accessToken}` } }),
        ),
      );
      this.socket.on('message', (data: Buffer) => {
        const now = performance.now();
        const message = JSON.parse(data.toString()) as {
          type: string;
          payload?: { data?: { callEvents?: { line?: { text: string } | null } } };
        };
        if (message.type === 'connection_ack') {
          this.socket.send(
            JSON.stringify({ id: '1', type: 'subscribe', payload: { query: SUBSCRIPTION, variables: { id: callId } } }),
          );
          ready();
          // Stops reading: the kernel's buffers fill, then the gateway's.
          if (stuck) this.socket.pause();
          return;
        }
        if (message.type === 'error') throw new Error(`subscription refused: ${JSON.stringify(message.payload)}`);
        const text = message.payload?.data?.callEvents?.line?.text;
        if (message.type !== 'next' || text === undefined) return;
        this.received += 1;
        this.latencies.push(now - Number(text.slice(0, text.indexOf(' '))));
      });
    });
    this.socket.on('error', () => undefined);
  }

  close(): void {
    this.socket.terminate();
  }
}

let sequence = 0;
/** Publishes a transcript line in its own transaction, stamped just before its commit. */
async function publishLine(callId: string, padding = ''): Promise<void> {
  await orm.em.fork().transactional(async (tx) => {
    sequence += 1;
    await publishEvent(tx, {
      topic: TOPICS.call,
      key: callId,
      payload: {
        type: 'transcript',
        organizationId: tenant.organizationId,
        line: {
          callId,
          sequence,
          speaker: 'agent',
          text: `${performance.now()} ${padding}`,
          startMs: null,
          endMs: null,
        },
      },
    });
  });
}

async function until(check: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

async function subscribe(callId: string, count: number): Promise<Subscriber[]> {
  const subscribers: Subscriber[] = [];
  for (let at = 0; at < count; at += 50) {
    const batch = Array.from({ length: Math.min(50, count - at) }, () => new Subscriber(callId));
    await Promise.all(batch.map((s) => s.ready));
    subscribers.push(...batch);
  }
  // A subscription is live once a line reaches it.
  for (let tries = 0; !subscribers.every((s) => s.received > 0); tries++) {
    if (tries > 300) throw new Error('the subscriptions did not go live');
    await publishLine(callId);
    await sleep(200);
  }
  for (const s of subscribers) s.latencies = [];
  return subscribers;
}

const gatewayCpu = () => cpuSeconds(gateway.pid!);
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;

// 1. One line at a time to every subscriber.
const fanoutCall = await newCall();
const rssIdle = rssBytes(gateway.pid!);
const subscribers = await subscribe(fanoutCall, subscriberCount);
const cpuFrom = gatewayCpu();
const harnessFrom = process.cpuUsage();
const fanoutFrom = performance.now();
for (let n = 0; n < lineCount; n++) {
  await publishLine(fanoutCall);
  await sleep(100);
}
await until(() => subscribers.every((s) => s.latencies.length >= lineCount), 'every line to every subscriber');
const harnessUsage = process.cpuUsage(harnessFrom);
const harnessCpu = (harnessUsage.user + harnessUsage.system) / 1e3 / (performance.now() - fanoutFrom);
const fanout = percentiles(subscribers.flatMap((s) => s.latencies));
console.log(`\n1. fan-out: ${lineCount} lines, 10 per second, to ${subscriberCount} subscribers of one call`);
console.log(
  `  commit → delivery p50 ${fanout.p50} ms  p99 ${fanout.p99} ms  max ${fanout.max} ms  (${fanout.n} deliveries)`,
);
console.log(
  `  gateway CPU ${(((gatewayCpu() - cpuFrom) * 1e6) / (lineCount * subscriberCount)).toFixed(1)} µs per delivery; RSS ${mb(rssIdle)} idle, ${mb(rssBytes(gateway.pid!))} with ${subscriberCount} subscribers; this process (subscribers, writer) ${(harnessCpu * 100).toFixed(0)}% of a core`,
);
for (const s of subscribers) s.close();

// 2. The bus at full speed from several writers.
console.log(`\n2. bus: writers publishing as fast as their transactions commit, ${writerSeconds} s each level`);
for (const writers of writerLevels) {
  const busCall = await newCall();
  const [reader] = await subscribe(busCall, 1);
  const stopAt = performance.now() + writerSeconds * 1000;
  let published = 0;
  const from = reader!.received;
  await Promise.all(
    Array.from({ length: writers }, async () => {
      while (performance.now() < stopAt) {
        await publishLine(busCall);
        published += 1;
      }
    }),
  );
  await until(() => reader!.received - from >= published, 'the reader to get every event', 30_000).catch(
    () => undefined,
  );
  const delivery = percentiles(reader!.latencies);
  console.log(
    `  ${String(writers).padStart(2)} writers: ${(published / writerSeconds).toFixed(0).padStart(6)} events/s committed, ${reader!.received - from} of ${published} delivered; commit → delivery p50 ${delivery.p50} ms  p99 ${delivery.p99} ms`,
  );
  reader!.close();
}

// 3. A stuck subscriber beside reading ones.
const stuckCall = await newCall();
const readers = await subscribe(stuckCall, 10);
const stuck = new Subscriber(stuckCall, true);
await stuck.ready;
await sleep(500);
const rssBefore = rssBytes(gateway.pid!);
let rssPeak = rssBefore;
const sampler = setInterval(() => {
  rssPeak = Math.max(rssPeak, rssBytes(gateway.pid!));
}, 200);
const padding = 'x'.repeat(6_000);
let written = 0;
await Promise.all(
  Array.from({ length: 8 }, async () => {
    while (written < stuckEvents) {
      written += 1;
      await publishLine(stuckCall, padding);
    }
  }),
);
await until(() => readers.every((r) => r.latencies.length >= written), 'the reading subscribers', 60_000).catch(
  () => undefined,
);
await sleep(1_000);
clearInterval(sampler);
const others = percentiles(readers.flatMap((r) => r.latencies));
console.log(
  `\n3. one stuck subscriber beside 10 reading ones, ${written} lines of 6 KB from 8 writers (the stuck one read ${stuck.received})`,
);
console.log(
  `  gateway RSS ${mb(rssBefore)} before, peak ${mb(rssPeak)}, ${mb(rssBytes(gateway.pid!))} after; the others: ${Math.min(...readers.map((r) => r.latencies.length))} of ${written} each, commit → delivery p50 ${others.p50} ms  p99 ${others.p99} ms`,
);
for (const r of [...readers, stuck]) r.close();

console.log(
  `\nload average at the end ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
gateway.kill('SIGTERM');
await orm.close();
