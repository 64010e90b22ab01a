import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { WorkflowNotFoundError } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { createRetentionActivities } from '../../activities/retention.ts';
import { createHashingEmbedder } from '../../knowledge/embed.ts';
import { createKnowledgeStore, type KnowledgeStore } from '../../knowledge/store.ts';
import { connectWeaviate, type WeaviateClient } from '../../lib/weaviate.ts';
import { testConfig, testEnv } from '../support/env.ts';
import { startGateway, type TestGateway } from '../support/gateway.ts';
import { graphql } from '../support/graphql.ts';
import { quietTemporalRuntime, testDataConverter } from '../support/temporal.ts';
import { createTenant, login, type Tenant } from '../support/tenants.ts';
import { until } from '../support/wait.ts';
import { finishSignal } from './support/retention-workflows.ts';

/**
 * A retention run, triggered on the schedule the policy API made: real Postgres, Weaviate and
 * Temporal behind the real activities, batches of two rows so every kind takes several.
 */
const DAY_MS = 86_400_000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY_MS).toISOString();
const POLICY = {
  transcriptDays: 7,
  qaDetailDays: 20,
  callDays: 30,
  notificationDays: 30,
  eventLogDays: 30,
  auditLogDays: 30,
  knowledgeSourceDays: 30,
};

let gateway: TestGateway;
let connection: NativeConnection;
let worker: Worker;
let running: Promise<void>;
let weaviate: WeaviateClient;
let knowledge: KnowledgeStore;
let tenant: Tenant;
let bystander: Tenant;
let token: string;

interface Seeded {
  /** 40 days old, its workflow finished: goes with everything about it. */
  oldCall: string;
  /** 40 days old, its workflow still open: kept, only its transcript goes. */
  openCall: string;
  /** 10 days old: keeps its QA, loses its transcript. */
  middleCall: string;
  /** A day old: kept whole. */
  recentCall: string;
  oldEntry: string;
  recentEntry: string;
}

const sql = <T = unknown>(query: string, params: unknown[] = []) =>
  gateway.orm.em.fork().getConnection().execute<T[]>(query, params);

async function seedCall(owner: Tenant, createdAt: string, lines: number, qa: boolean): Promise<string> {
  const id = randomUUID();
  await sql(
    `insert into call (id, organization_id, business_id, direction, status, from_number, to_number, workflow_id,
       status_changed_at, created_at, updated_at)
     values (?, ?, ?, 'inbound', 'completed', '+15005550006', ?, ?, ?, ?, ?)`,
    [id, owner.organizationId, owner.businessId, owner.businessNumber, `call-${id}`, createdAt, createdAt, createdAt],
  );
  for (let sequence = 1; sequence <= lines; sequence++) {
    await sql(
      `insert into call_interaction (id, call_id, sequence, speaker, text, original_text, created_at)
       values (?, ?, ?, 'customer', 'My card is [card •••• 4242]', 'sealed-original', ?)`,
      [randomUUID(), id, sequence, createdAt],
    );
  }
  if (qa) {
    await sql(
      `insert into qa_score (id, call_id, score, components, weights, grader, computed_at)
       values (?, ?, 0.8, '{}', '{}', 'rules', ?)`,
      [randomUUID(), id, createdAt],
    );
  }
  await sql('insert into call_note (id, call_id, body, created_at, updated_at) values (?, ?, ?, ?, ?)', [
    randomUUID(),
    id,
    'Called about a refund.',
    createdAt,
    createdAt,
  ]);
  return id;
}

async function seedEvent(owner: Tenant, topic: string, key: string, type: string, createdAt: string) {
  await sql('insert into event_log (topic, key, payload, created_at) values (?, ?, ?, ?)', [
    topic,
    key,
    JSON.stringify({ type, organizationId: owner.organizationId }),
    createdAt,
  ]);
}

async function seedNotification(owner: Tenant, createdAt: string) {
  const [user] = await sql<{ id: string }>('select id from app_user where email = ?', [owner.emails.admin]);
  await sql(
    `insert into notification (id, organization_id, user_id, type, title, body, dedupe_key, created_at)
     values (?, ?, ?, 'system_update', 'Maintenance', 'Tonight.', ?, ?)`,
    [randomUUID(), owner.organizationId, user!.id, randomUUID(), createdAt],
  );
}

async function seedAudit(owner: Tenant, createdAt: string) {
  await sql(
    `insert into audit_log (organization_id, actor_type, operation, outcome, created_at)
     values (?, 'user', 'updateBusiness', 'success', ?)`,
    [owner.organizationId, createdAt],
  );
}

async function seedEntry(owner: Tenant, updatedAt: string): Promise<string> {
  const id = randomUUID();
  await sql(
    `insert into knowledge_entry (id, organization_id, business_id, title, source, status, created_at, updated_at)
     values (?, ?, ?, 'Returns', 'text', 'ready', ?, ?)`,
    [id, owner.organizationId, owner.businessId, updatedAt, updatedAt],
  );
  await knowledge.replaceChunks(
    owner.businessId,
    {
      entryId: id,
      title: 'Returns',
      sourceUrl: null,
      vendor: null,
      docType: null,
      version: null,
      tags: [],
      contentHash: 'h1',
    },
    [{ index: 0, heading: 'Returns', text: 'Returns are accepted within thirty days.', tokens: 8 }],
  );
  return id;
}

async function seed(owner: Tenant): Promise<Seeded> {
  const old = daysAgo(40);
  const seeded: Seeded = {
    oldCall: await seedCall(owner, old, 3, true),
    openCall: await seedCall(owner, old, 1, false),
    middleCall: await seedCall(owner, daysAgo(10), 3, true),
    recentCall: await seedCall(owner, daysAgo(1), 2, true),
    oldEntry: await seedEntry(owner, old),
    recentEntry: await seedEntry(owner, daysAgo(1)),
  };
  await seedEvent(owner, 'call', seeded.oldCall, 'status', old);
  await seedEvent(owner, 'call', seeded.middleCall, 'transcript', daysAgo(10));
  await seedEvent(owner, 'call', seeded.middleCall, 'transcript', daysAgo(10));
  await seedEvent(owner, 'call', seeded.recentCall, 'transcript', daysAgo(1));
  await seedEvent(owner, 'notifications', randomUUID(), 'created', old);
  await seedEvent(owner, 'notifications', randomUUID(), 'created', old);
  await seedEvent(owner, 'notifications', randomUUID(), 'created', daysAgo(1));
  for (const age of [40, 40, 40, 1]) {
    await seedNotification(owner, daysAgo(age));
    await seedAudit(owner, daysAgo(age));
  }
  return seeded;
}

let mine: Seeded;
let firstRunStartedAt: string;
let theirs: Seeded;

beforeAll(async () => {
  const config = testConfig(testEnv({ RETENTION_BATCH_SIZE: '2' }));
  gateway = await startGateway(config);
  weaviate = await connectWeaviate(config.weaviate);
  knowledge = createKnowledgeStore(weaviate, createHashingEmbedder());
  quietTemporalRuntime();
  connection = await NativeConnection.connect({ address: config.temporal.address });
  worker = await Worker.create({
    connection,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    dataConverter: testDataConverter(gateway.orm),
    workflowsPath: fileURLToPath(new URL('./support/retention-workflows.ts', import.meta.url)),
    activities: createRetentionActivities({ orm: gateway.orm, knowledge }),
  });
  running = worker.run();

  tenant = await createTenant(gateway.orm, 'Retention');
  bystander = await createTenant(gateway.orm, 'Retention bystander');
  token = (await login(gateway.url, tenant.emails.admin)).accessToken;
  mine = await seed(tenant);
  theirs = await seed(bystander);
  const start = (workflowType: string, workflowId: string) =>
    gateway.temporal.workflow.start(workflowType, { taskQueue: config.temporal.taskQueue, workflowId, args: [] });
  await (await start('finishedCallWorkflow', `call-${mine.oldCall}`)).result();
  await (await start('finishedCallWorkflow', `postcall-${mine.oldCall}`)).result();
  await (await start('finishedCallWorkflow', `knowledge-${mine.oldEntry}`)).result();
  await (await start('finishedCallWorkflow', `call-${mine.recentCall}`)).result();
  await start('runningCallWorkflow', `call-${mine.openCall}`);
}, 60_000);

afterAll(async () => {
  await gateway?.temporal.workflow
    .getHandle(`call-${mine?.openCall}`)
    .signal(finishSignal)
    .catch(() => undefined);
  await gateway?.temporal.schedule
    .getHandle(`retention-${tenant?.organizationId}`)
    .delete()
    .catch(() => undefined);
  worker?.shutdown();
  await running;
  await connection?.close();
  await weaviate?.close();
  await gateway?.stop();
});

const LAST_RUN = `{ retentionPolicy { lastRun { startedAt finishedAt removed {
  transcripts qaDetails calls notifications eventLog auditLog knowledgeSources workflowExecutions } } } }`;

const count = async (query: string, params: unknown[]) =>
  Number((await sql<{ count: string }>(`select count(*) as count from ${query}`, params))[0]!.count);

const executionExists = (workflowId: string) =>
  gateway.temporal.workflow
    .getHandle(workflowId)
    .describe()
    .then(
      () => true,
      (error: unknown) => {
        if (error instanceof WorkflowNotFoundError) return false;
        throw error;
      },
    );

describe('retention run', () => {
  it('removes exactly what is older than the policy in Postgres and Weaviate, and keeps the rest', async () => {
    const saved = await graphql(
      gateway.url,
      `mutation ($input: RetentionPolicyInput!) { updateRetentionPolicy(input: $input) {
        ... on MutationUpdateRetentionPolicySuccess { data { scheduleId } } } }`,
      { input: POLICY },
      token,
    );
    const scheduleId = saved.data?.updateRetentionPolicy.data.scheduleId;
    expect(scheduleId).toBe(`retention-${tenant.organizationId}`);
    await gateway.temporal.schedule.getHandle(scheduleId).trigger();

    let lastRun: { startedAt: string; removed: Record<string, number> } | null = null;
    await until(
      async () => {
        lastRun = (await graphql(gateway.url, LAST_RUN, {}, token)).data?.retentionPolicy.lastRun;
        return lastRun !== null;
      },
      30_000,
      'the retention run to report',
    );
    expect(lastRun!.removed).toEqual({
      transcripts: 7,
      qaDetails: 1,
      calls: 1,
      notifications: 3,
      // Two transcript events, the old call's event, two old notification events.
      eventLog: 5,
      auditLog: 3,
      knowledgeSources: 1,
      workflowExecutions: 3,
    });

    // What Temporal holds of the run is sealed under the organisation's key.
    const { info } = await gateway.temporal.schedule.getHandle(scheduleId).describe();
    const runId = info.recentActions.at(-1)?.action.workflow.workflowId;
    expect(runId).toMatch(new RegExp(`^retention-${tenant.organizationId}-`));
    const history = await gateway.temporal.workflowService.getWorkflowExecutionHistory({
      namespace: gateway.temporal.options.namespace,
      execution: { workflowId: runId },
    });
    const [input] = history.history?.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads ?? [];
    expect(new TextDecoder().decode(input?.metadata?.['encryption-organization'])).toBe(tenant.organizationId);

    const linesOf = (callId: string) => count('call_interaction where call_id = ?', [callId]);
    expect(await count('call where id = ?', [mine.oldCall])).toBe(0);
    expect(await count('call_note where call_id = ?', [mine.oldCall])).toBe(0);
    expect(await linesOf(mine.oldCall)).toBe(0);
    expect(await count('call where id = ?', [mine.openCall])).toBe(1);
    expect(await linesOf(mine.openCall)).toBe(0);
    expect(await linesOf(mine.middleCall)).toBe(0);
    expect(await count('qa_score where call_id = ?', [mine.middleCall])).toBe(1);
    expect(await linesOf(mine.recentCall)).toBe(2);
    expect(await count('qa_score where call_id = ?', [mine.recentCall])).toBe(1);
    expect(await count(`event_log where payload->>'organizationId' = ?`, [tenant.organizationId])).toBe(2);
    expect(await count('notification where organization_id = ?', [tenant.organizationId])).toBe(1);
    expect(
      await count('audit_log where organization_id = ? and created_at < ?', [tenant.organizationId, daysAgo(30)]),
    ).toBe(0);
    expect(await count('knowledge_entry where id = any(?::uuid[])', [`{${mine.oldEntry},${mine.recentEntry}}`])).toBe(
      1,
    );

    expect(await knowledge.chunksOf(tenant.businessId, mine.oldEntry)).toEqual([]);
    expect(await knowledge.chunksOf(tenant.businessId, mine.recentEntry)).toHaveLength(1);

    // Another organisation's records, just as old, are untouched.
    expect(await count('call where organization_id = ?', [bystander.organizationId])).toBe(4);
    expect(await linesOf(theirs.oldCall)).toBe(3);
    expect(await count('notification where organization_id = ?', [bystander.organizationId])).toBe(4);
    expect(await count('audit_log where organization_id = ?', [bystander.organizationId])).toBe(4);
    expect(await count(`event_log where payload->>'organizationId' = ?`, [bystander.organizationId])).toBe(7);
    expect(await knowledge.chunksOf(bystander.businessId, theirs.oldEntry)).toHaveLength(1);
    firstRunStartedAt = lastRun!.startedAt;
  });

  it('finds nothing more to remove when it runs again, and keeps what the first run kept', async () => {
    await gateway.temporal.schedule.getHandle(`retention-${tenant.organizationId}`).trigger();
    let lastRun: { startedAt: string; removed: Record<string, number> } | null = null;
    await until(
      async () => {
        lastRun = (await graphql(gateway.url, LAST_RUN, {}, token)).data?.retentionPolicy.lastRun;
        return lastRun?.startedAt !== firstRunStartedAt;
      },
      30_000,
      'the second retention run to report',
    );
    expect(Object.values(lastRun!.removed).every((removed) => removed === 0)).toBe(true);
    expect(await count('call where organization_id = ?', [tenant.organizationId])).toBe(3);
    expect(await count('call_interaction where call_id = ?', [mine.recentCall])).toBe(2);
    expect(await executionExists(`call-${mine.openCall}`)).toBe(true);
  });

  it('deletes the closed workflow executions of the old call and knowledge entry from Temporal and keeps the others', async () => {
    // Temporal deletes an execution in the background: about 20 s after it is asked to on the dev server.
    await until(
      async () =>
        !(await executionExists(`call-${mine.oldCall}`)) &&
        !(await executionExists(`postcall-${mine.oldCall}`)) &&
        !(await executionExists(`knowledge-${mine.oldEntry}`)),
      45_000,
      "the old call's and entry's executions to go",
    );
    expect(await executionExists(`call-${mine.recentCall}`)).toBe(true);
    expect(await executionExists(`call-${mine.openCall}`)).toBe(true);
  }, 60_000);
});
