/**
 * npm run bench:escalation — escalation latency: from the trigger to the first agent being offered
 * the call (context package with an LLM summary, atomic claim, in-app notification and email).
 *
 * A real worker process serves the workflows; the Realtime simulator in this process answers the
 * summary requests (Chat Completions) and nothing catches the emails (each fails fast, as an outage
 * would, and is logged). BENCH_ESCALATIONS escalations (default 100) arrive BENCH_RATE per second
 * (default 10), each for a call of its own, with as many available agents, so every escalation is
 * offered at once and the figure is the platform's own latency. Reads `triggeredAt` → `offeredAt`
 * from Postgres. Infrastructure must be up (`npm run infra up`); uses the test database.
 */
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { recordCall } from '../db/calls.ts';
import { Escalation, HumanAgent, Organization } from '../db/entities/index.ts';
import { openOrm } from '../db/orm.ts';
import { startRealtimeSimulator } from '../scripts/simulators/realtime.ts';
import { simulatorTls } from '../scripts/simulators/tls.ts';
import { TEST_DATABASE_URL, testEnv } from '../test/support/env.ts';
import { startProcess } from '../test/support/processes.ts';
import { testDataConverter } from '../test/support/temporal.ts';
import { createTenant } from '../test/support/tenants.ts';
import { escalationWorkflowId } from '../workflows/definitions/escalation.ts';
import type { escalationWorkflow } from '../workflows/escalation.ts';
import { percentiles } from './stats.ts';

const total = Number(process.env.BENCH_ESCALATIONS ?? 100);
const rate = Number(process.env.BENCH_RATE ?? 10);

const tls = simulatorTls(join(tmpdir(), 'callplatform-test-tls'));
const realtime = await startRealtimeSimulator({ tls, keepLog: false });
const orm = await openOrm(TEST_DATABASE_URL, 4);
const tenant = await createTenant(orm, 'Bench escalation');
const env = testEnv({ LOG_LEVEL: 'error', OPENAI_BASE_URL: realtime.baseUrl, OPENAI_CA_FILE: tls.certPath });
const worker = startProcess('worker.ts', env);
await worker.waitForLog('worker started', 60_000).catch(() => undefined);
const connection = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233' });
const temporal = new Client({ connection, dataConverter: testDataConverter(orm) });

const em = orm.em.fork();
for (let i = 0; i < total; i++) {
  em.create(HumanAgent, {
    organization: tenant.organizationId,
    name: `Bench agent ${String(i).padStart(3, '0')}`,
    email: `bench-${i}-${randomUUID().slice(0, 6)}@agents.test`,
    phoneNumber: `+1555020${String(100 + (i % 800)).padStart(3, '0')}1`,
    availability: 'available',
    maxConcurrent: 1,
    currentLoad: 0,
    skills: [],
  });
}
await em.flush();
const calls: string[] = [];
for (let i = 0; i < total; i++) {
  const id = randomUUID();
  await recordCall(orm.em, {
    id,
    organizationId: tenant.organizationId,
    businessId: tenant.businessId,
    direction: 'inbound',
    fromNumber: `+1555030${String(i).padStart(4, '0')}`,
    toNumber: '+15005550006',
  });
  calls.push(id);
}

const escalations: string[] = [];
const started = Date.now();
for (let i = 0; i < total; i++) {
  const escalationId = randomUUID();
  escalations.push(escalationId);
  const due = started + (i * 1000) / rate;
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - Date.now())));
  void temporal.workflow.start<typeof escalationWorkflow>('escalationWorkflow', {
    taskQueue: env.TEMPORAL_TASK_QUEUE!,
    workflowId: escalationWorkflowId(escalationId),
    args: [
      {
        escalationId,
        callId: calls[i]!,
        callWorkflowId: `bench-call-${calls[i]}`,
        organizationId: tenant.organizationId,
        businessId: tenant.businessId,
        callSid: null,
        businessNumber: '+15005550006',
        request: { reason: 'supervisor', detail: 'bench' },
        triggeredAt: new Date().toISOString(),
        settings: { offerTimeoutSeconds: 300, maxWaitSeconds: 600, department: null, skills: [] },
        handoffNumber: null,
      },
    ],
  });
}

// Wait for every escalation to be offered.
const deadline = Date.now() + 120_000;
let rows: Escalation[] = [];
while (Date.now() < deadline) {
  rows = await orm.em.fork().find(Escalation, { id: { $in: escalations }, offeredAt: { $ne: null } });
  if (rows.length === total) break;
  await new Promise((resolve) => setTimeout(resolve, 250));
}
const latency = percentiles(rows.map((r) => r.offeredAt!.getTime() - r.triggeredAt.getTime()));
const agentsOffered = new Set(rows.map((r) => r.agent?.id)).size;

console.log(`escalations offered: ${rows.length}/${total} at ${rate}/s, distinct agents: ${agentsOffered}`);
console.log(
  `trigger → offer: p50 ${latency.p50} ms, p90 ${latency.p90} ms, p99 ${latency.p99} ms, max ${latency.max} ms, mean ${latency.mean} ms`,
);

await Promise.all(
  escalations.map((id) =>
    temporal.workflow
      .getHandle(escalationWorkflowId(id))
      .terminate('benchmark over')
      .catch(() => undefined),
  ),
);
await orm.em
  .fork()
  .nativeDelete(Organization, tenant.organizationId)
  .catch(() => undefined);
await worker.stop();
await connection.close();
await orm.close();
await realtime.stop();
if (rows.length !== total) process.exit(1);
