import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { testConfig, testEnv } from '../support/env.ts';
import { startGateway, type TestGateway } from '../support/gateway.ts';
import { graphql } from '../support/graphql.ts';
import { type RunningProcess, startProcess } from '../support/processes.ts';
import { createTenant, login, type Tenant } from '../support/tenants.ts';
import { until } from '../support/wait.ts';

const ZONE = 'Asia/Kolkata';
const OVERVIEW = `query { analytics(range: { from: "2026-05-01", to: "2026-05-31", timeZone: "${ZONE}" }) {
  ... on QueryAnalyticsSuccess { data { overview { current { calls answered } } volume(bucket: DAY) {
    ... on AnalyticsVolumeSuccess { data { buckets { start calls } } } } } } } }`;

let gateway: TestGateway;
let worker: RunningProcess;
let tenant: Tenant;
let token: string;

beforeAll(async () => {
  const env = testEnv({ ANALYTICS_COMPACT_INTERVAL_SECONDS: '1' });
  gateway = await startGateway(testConfig(env));
  worker = startProcess('worker.ts', env);
  await worker.waitForLog('worker started');
  tenant = await createTenant(gateway.orm, 'Compactor');
  token = (await login(gateway.url, tenant.emails.supervisor)).accessToken;
});
afterAll(async () => {
  await worker?.stop();
  await gateway?.stop();
});

/** A call that rang, was answered and ended (each change appends rollup differences). */
async function endedCall(createdAt: string): Promise<void> {
  const em = gateway.orm.em.fork();
  const id = randomUUID();
  await em.execute(
    `insert into call (id, organization_id, business_id, direction, status, from_number, to_number, workflow_id,
       status_changed_at, created_at, updated_at)
     values (?, ?, ?, 'inbound', 'queued', '+15005550006', '+14155550100', ?, ?, ?, ?)`,
    [id, tenant.organizationId, tenant.businessId, `call-${id}`, createdAt, createdAt, createdAt],
  );
  await em.execute(`update call set status = 'ringing' where id = ?`, [id]);
  await em.execute(`update call set status = 'in_progress', answered_at = ? where id = ?`, [createdAt, id]);
  await em.execute(`update call set status = 'completed', duration_seconds = 60, ended_at = now() where id = ?`, [id]);
}

const uncompacted = async () => {
  const [row] = await gateway.orm.em
    .fork()
    .execute<{ n: string }[]>(
      'select count(*) as n from analytics_rollup where organization_id = ? and not compacted',
      [tenant.organizationId],
    );
  return Number(row!.n);
};

describe('the worker’s analytics compactor', () => {
  it('folds a call’s rollup differences, builds the local days of a zone first asked for, and keeps the figures', async () => {
    const asked = await graphql(gateway.url, OVERVIEW, {}, token);
    expect(asked.data?.analytics.data.overview.current.calls).toBe(0);
    await endedCall('2026-05-10T20:00:00Z'); // 11 May, 01:30 in India
    await endedCall('2026-05-11T03:00:00Z');
    // Each change appended differences (compacted rows and local days come only from the compactor).
    await until(async () => (await uncompacted()) === 0, 20_000, 'the rollup compacted');
    await until(
      async () => {
        const [zone] = await gateway.orm.em
          .fork()
          .execute<{ ready: boolean }[]>(
            'select ready from analytics_time_zone where organization_id = ? and time_zone = ?',
            [tenant.organizationId, ZONE],
          );
        return zone?.ready === true;
      },
      20_000,
      'the zone’s days built',
    );
    const [days] = await gateway.orm.em
      .fork()
      .execute<{ calls: string }[]>(
        'select sum(calls) as calls from analytics_day_rollup where organization_id = ? and time_zone = ? and day = ?',
        [tenant.organizationId, ZONE, '2026-05-11'],
      );
    expect(Number(days!.calls)).toBe(2);

    const read = await graphql(gateway.url, OVERVIEW, {}, token);
    const data = read.data?.analytics.data;
    expect(data.overview.current).toEqual({ calls: 2, answered: 2 });
    const busy = data.volume.data.buckets.filter((b: { calls: number }) => b.calls > 0);
    expect(busy).toEqual([{ start: '2026-05-10T18:30:00.000Z', calls: 2 }]);
  });
});
