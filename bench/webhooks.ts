/**
 * npm run bench:webhooks — outbound webhooks, two figures:
 *
 * 1. Deliveries per second one worker sustains: BENCH_WEBHOOKS events (default 1000) recorded at
 *    once for one endpoint, delivered by one worker process to a receiver on 127.0.0.1 that
 *    verifies every signature (Standard Webhooks); from the first event recorded to the last
 *    delivery received.
 * 2. Hang-up → `call.analyzed` webhook received, p50/p99 over BENCH_CALLS simulated calls (default
 *    50, BENCH_CONCURRENCY at a time, default 5) on the whole stack (gateway, worker, bridge,
 *    telephony and Realtime simulators): from the call's `endedAt` to the receiver's clock.
 *
 * Infrastructure must be up (`npm run infra up`); uses the test database.
 */
import { createServer } from 'node:http';
import { Webhook } from 'standardwebhooks';
import { Call, Organization, WebhookEndpoint } from '../db/entities/index.ts';
import { addWebhookSecret, recordWebhookEvent } from '../db/webhooks.ts';
import { Encryption } from '../lib/encryption.ts';
import { finishedCall, placeCall, startCallStack } from '../test/support/call-stack.ts';
import { testConfig } from '../test/support/env.ts';
import { freePort } from '../test/support/ports.ts';
import { login } from '../test/support/tenants.ts';
import { percentiles } from './stats.ts';

const total = Number(process.env.BENCH_WEBHOOKS ?? 1000);
const calls = Number(process.env.BENCH_CALLS ?? 50);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 5);

/** The receiver: verifies each request and remembers when each event id first arrived. */
const port = await freePort();
const received = new Map<string, { at: number; type: string; callId?: string }>();
let verifier: Webhook | undefined;
let unverified = 0;
const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8');
    try {
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
      const event = verifier!.verify(body, headers) as { type: string; data: { callId?: string } };
      const id = String(req.headers['webhook-id']);
      if (!received.has(id)) received.set(id, { at: Date.now(), type: event.type, callId: event.data.callId });
      res.writeHead(204).end();
    } catch {
      unverified++;
      res.writeHead(401).end();
    }
  });
});
await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));

const stack = await startCallStack('Bench webhooks', {
  env: { FETCH_ALLOWED_HOSTS: `127.0.0.1:${port}` },
});
const { orm } = stack.gateway;
const encryption = new Encryption(testConfig(stack.env).encryption.keys);
const em = orm.em.fork();
const endpoint = em.create(WebhookEndpoint, {
  organization: stack.tenant.organizationId,
  url: `http://127.0.0.1:${port}/hooks`,
  description: 'bench',
  eventTypes: ['call.analyzed', 'knowledge.synced'],
  enabled: true,
  secrets: [],
  createdById: null,
});
verifier = new Webhook(addWebhookSecret(encryption, endpoint, 0));
await em.flush();

const until = async (done: () => boolean, timeoutMs: number) => {
  const deadline = Date.now() + timeoutMs;
  while (!done() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
};

// 1. Throughput.
const started = Date.now();
for (let i = 0; i < total; i += 100) {
  await orm.em.fork().transactional(async (tx) => {
    for (let j = i; j < Math.min(total, i + 100); j++) {
      await recordWebhookEvent(tx, {
        organizationId: stack.tenant.organizationId,
        type: 'knowledge.synced',
        eventKey: `bench:${started}:${j}`,
        data: { bench: j },
      });
    }
  });
}
await until(() => [...received.values()].filter((r) => r.type === 'knowledge.synced').length >= total, 600_000);
const synced = [...received.values()].filter((r) => r.type === 'knowledge.synced');
const lastAt = Math.max(...synced.map((r) => r.at));
const seconds = (lastAt - started) / 1000;
console.log(
  `deliveries: ${synced.length}/${total} in ${seconds.toFixed(1)} s: ${(synced.length / seconds).toFixed(1)} per second (one worker), unverified: ${unverified}`,
);

// 2. Hang-up → call.analyzed.
const latencies: number[] = [];
let next = 0;
const runOne = async () => {
  while (next < calls) {
    next++;
    // A run outlasts an access token: sign in again for each call.
    stack.token = (await login(stack.gateway.url, stack.tenant.emails.supervisor)).accessToken;
    const { id } = await placeCall(stack, '+15550100000');
    const { call } = await finishedCall(stack, id);
    await until(() => [...received.values()].some((r) => r.type === 'call.analyzed' && r.callId === id), 120_000);
    const analyzed = [...received.values()].find((r) => r.type === 'call.analyzed' && r.callId === id);
    const ended = (await orm.em.fork().findOneOrFail(Call, id)).endedAt ?? call.endedAt;
    if (analyzed && ended) latencies.push(analyzed.at - ended.getTime());
  }
};
await Promise.all(Array.from({ length: concurrency }, runOne));
const latency = percentiles(latencies);
console.log(
  `hang-up → call.analyzed received: n ${latency.n}/${calls} (${concurrency} at a time): p50 ${latency.p50} ms, p90 ${latency.p90} ms, p99 ${latency.p99} ms, max ${latency.max} ms`,
);

await orm.em
  .fork()
  .nativeDelete(Organization, stack.tenant.organizationId)
  .catch(() => undefined);
await stack.stop();
server.close();
if (synced.length < total || latencies.length < calls) process.exit(1);
