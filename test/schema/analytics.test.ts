import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { EntityManager } from '@mikro-orm/postgresql';
import { compactAnalytics } from '../../db/analytics.ts';
import { testConfig, testEnv } from '../support/env.ts';
import { startGateway, type TestGateway } from '../support/gateway.ts';
import { graphql } from '../support/graphql.ts';
import { createBusiness, createTenant, login, type Tenant } from '../support/tenants.ts';

let gateway: TestGateway;
let tenant: Tenant;
let other: Tenant;
let secondBusiness: string;
const tokens: Record<string, string> = {};
const agents = { alice: randomUUID(), bob: randomUUID() };

interface CallSpec {
  business?: string;
  direction: 'inbound' | 'outbound';
  createdAt: string;
  status: string;
  answeredAt?: string;
  durationSeconds?: number;
  endReason?: string;
}

/** A call recorded as queued and then moved to how it ended, as the call's workflow writes it (triggers and all). */
async function addCall(em: EntityManager, t: Tenant, spec: CallSpec): Promise<string> {
  const id = randomUUID();
  await em.execute(
    `insert into call (id, organization_id, business_id, direction, status, from_number, to_number, workflow_id,
       status_changed_at, created_at, updated_at)
     values (?, ?, ?, ?, 'queued', '+15005550006', '+14155550100', ?, ?, ?, ?)`,
    [
      id,
      t.organizationId,
      spec.business ?? t.businessId,
      spec.direction,
      `call-${id}`,
      spec.createdAt,
      spec.createdAt,
      spec.createdAt,
    ],
  );
  if (spec.answeredAt)
    await em.execute(`update call set status = 'in_progress', answered_at = ? where id = ?`, [spec.answeredAt, id]);
  if (spec.status !== 'queued' && spec.status !== 'in_progress') {
    await em.execute(
      `update call set status = ?, duration_seconds = ?, end_reason = ?, ended_at = now() where id = ?`,
      [spec.status, spec.durationSeconds ?? 0, spec.endReason ?? spec.status, id],
    );
  }
  return id;
}

/** The caller's scored lines: the first line's compound, and the rolling sentiment after the last. */
async function addCallerLines(em: EntityManager, callId: string, firstCompound: number, finalRolling: number) {
  const lines = [
    [0, 'customer', { compound: firstCompound, rolling: firstCompound }],
    [1, 'ai', null],
    [2, 'customer', { compound: finalRolling, rolling: finalRolling }],
  ] as const;
  for (const [sequence, speaker, sentiment] of lines) {
    await em.execute(
      `insert into call_interaction (id, call_id, sequence, speaker, text, sentiment, created_at) values (?, ?, ?, ?, 'words', ?, now())`,
      [randomUUID(), callId, sequence, speaker, sentiment ? JSON.stringify(sentiment) : null],
    );
  }
}

async function addQa(
  em: EntityManager,
  callId: string,
  score: number,
  components: [number, number, number, number],
  violations: { rule: string; severity: string }[],
  override?: number,
) {
  const [sentiment, compliance, accuracy, professionalism] = components;
  const id = randomUUID();
  // Scored live first, then final: only the final score counts.
  await em.execute(
    `insert into qa_score (id, call_id, score, components, weights, grader, final, violations, notes, computed_at)
     values (?, ?, 0.1, ?, '{}', 'rules', false, '[]', '[]', now())`,
    [id, callId, JSON.stringify({ sentiment, compliance, accuracy, professionalism })],
  );
  await em.execute(`update qa_score set score = ?, final = true, grader = 'llm', violations = ? where id = ?`, [
    score,
    JSON.stringify(violations.map((v) => ({ ...v, lineSequence: null, offsetMs: null, detail: '' }))),
    id,
  ]);
  if (override !== undefined) {
    await em.execute(
      `update qa_score set override_score = ?, override_reason = 'reviewed', override_at = now() where id = ?`,
      [override, id],
    );
  }
}

async function addEscalation(
  em: EntityManager,
  t: Tenant,
  callId: string,
  e: {
    reason: string;
    triggeredAt: string;
    status: string;
    agentId: string;
    outcome: string;
    acceptedAt?: string;
    completedAt?: string;
  },
) {
  const id = randomUUID();
  await em.execute(
    `insert into escalation (id, organization_id, business_id, call_id, workflow_id, status, reason, priority, context,
       offers, triggered_at, created_at, updated_at)
     values (?, ?, ?, ?, ?, 'routing', ?, 'high', '{}', '[]', ?, ?, ?)`,
    [
      id,
      t.organizationId,
      t.businessId,
      callId,
      `escalation-${id}`,
      e.reason,
      e.triggeredAt,
      e.triggeredAt,
      e.triggeredAt,
    ],
  );
  await em.execute(
    `update escalation set status = ?, agent_id = ?, offers = ?, offered_at = ?, accepted_at = ?, completed_at = ? where id = ?`,
    [
      e.status,
      e.agentId,
      JSON.stringify([{ agentId: e.agentId, attempt: 1, offeredAt: e.triggeredAt, outcome: e.outcome }]),
      e.triggeredAt,
      e.acceptedAt ?? null,
      e.completedAt ?? null,
      id,
    ],
  );
}

/**
 * The fixed data set (all of it on Tuesday 10 March 2026, UTC, plus one call the day before):
 * | call | business | dir | created | outcome                            | QA (components s/c/a/p)         | caller first → last | escalation                         |
 * | c1   | main     | in  | 09:00   | answered 09:00:10, 300 s completed  | 0.8 (.7/1/.6/.9) missing_disclosure | −0.6 → 0.3 (turned round) | –                              |
 * | c2   | main     | out | 09:20   | answered 09:20:10, 120 s completed  | 0.6 overridden to 0.9 (.5/.4/.8/.7) two violations | 0.2 → 0.5 | keyword; Alice accepts at +30 s, completes 09:30 |
 * | c3   | main     | in  | 10:05   | answered 10:05:10, 60 s completed   | 0.4 (.2/.6/.4/.4)                | −0.7 → −0.4           | sentiment; offered to Bob, timed out, callback |
 * | c4   | main     | out | 10:40   | no answer                           | –                                | –                     | –                                  |
 * | c5   | second   | out | 11:00   | busy                                | –                                | –                     | –                                  |
 * | c6   | main     | in  | 11:50   | answered 11:50:10, still in progress | –                               | –                     | –                                  |
 * | c0   | main     | in  | 9 March 15:00 | answered, 200 s completed     | –                                | –                     | –                                  |
 */
async function seedFixture(em: EntityManager) {
  await em.execute(
    `insert into human_agent (id, organization_id, name, email, phone_number, skills, availability, max_concurrent, current_load, created_at, updated_at)
     values (?, ?, 'Alice', ?, '+14155550111', '{}', 'available', 2, 0, now(), now()),
            (?, ?, 'Bob', ?, '+14155550112', '{}', 'offline', 1, 0, now(), now())`,
    [
      agents.alice,
      tenant.organizationId,
      `alice-${agents.alice}@x.test`,
      agents.bob,
      tenant.organizationId,
      `bob-${agents.bob}@x.test`,
    ],
  );
  const c1 = await addCall(em, tenant, {
    direction: 'inbound',
    createdAt: '2026-03-10T09:00:00Z',
    answeredAt: '2026-03-10T09:00:10Z',
    status: 'completed',
    durationSeconds: 300,
  });
  await addQa(em, c1, 0.8, [0.7, 1, 0.6, 0.9], [{ rule: 'missing_disclosure', severity: 'high' }]);
  await addCallerLines(em, c1, -0.6, 0.3);

  const c2 = await addCall(em, tenant, {
    direction: 'outbound',
    createdAt: '2026-03-10T09:20:00Z',
    answeredAt: '2026-03-10T09:20:10Z',
    status: 'completed',
    durationSeconds: 120,
    endReason: 'escalated_to_agent',
  });
  await addQa(
    em,
    c2,
    0.6,
    [0.5, 0.4, 0.8, 0.7],
    [
      { rule: 'missing_disclosure', severity: 'high' },
      { rule: 'prohibited_phrase', severity: 'medium' },
    ],
    0.9,
  );
  await addCallerLines(em, c2, 0.2, 0.5);
  await addEscalation(em, tenant, c2, {
    reason: 'keyword',
    triggeredAt: '2026-03-10T09:21:00Z',
    status: 'completed',
    agentId: agents.alice,
    outcome: 'accepted',
    acceptedAt: '2026-03-10T09:21:30Z',
    completedAt: '2026-03-10T09:30:00Z',
  });

  const c3 = await addCall(em, tenant, {
    direction: 'inbound',
    createdAt: '2026-03-10T10:05:00Z',
    answeredAt: '2026-03-10T10:05:10Z',
    status: 'completed',
    durationSeconds: 60,
  });
  await addQa(em, c3, 0.4, [0.2, 0.6, 0.4, 0.4], []);
  await addCallerLines(em, c3, -0.7, -0.4);
  await addEscalation(em, tenant, c3, {
    reason: 'sentiment',
    triggeredAt: '2026-03-10T10:06:00Z',
    status: 'callback',
    agentId: agents.bob,
    outcome: 'timed_out',
  });

  await addCall(em, tenant, { direction: 'outbound', createdAt: '2026-03-10T10:40:00Z', status: 'no_answer' });
  await addCall(em, tenant, {
    business: secondBusiness,
    direction: 'outbound',
    createdAt: '2026-03-10T11:00:00Z',
    status: 'busy',
  });
  await addCall(em, tenant, {
    direction: 'inbound',
    createdAt: '2026-03-10T11:50:00Z',
    answeredAt: '2026-03-10T11:50:10Z',
    status: 'in_progress',
  });
  await addCall(em, tenant, {
    direction: 'inbound',
    createdAt: '2026-03-09T15:00:00Z',
    answeredAt: '2026-03-09T15:00:05Z',
    status: 'completed',
    durationSeconds: 200,
  });
}

const ANALYTICS = `query ($range: AnalyticsRange!, $filter: AnalyticsFilter, $bucket: AnalyticsBucket!) {
  analytics(range: $range, filter: $filter) {
    __typename
    ... on QueryAnalyticsSuccess {
      data {
        period { start end previousStart }
        overview {
          activeNow
          current { calls answered answeredRate totalMinutes averageMinutes averageHandleSeconds containmentRate
                    averageQaScore averageSentiment escalated escalationRate }
          previous { calls answered }
        }
        volume(bucket: $bucket) {
          __typename
          ... on AnalyticsVolumeSuccess {
            data {
              buckets { start calls previousCalls answered averageQaScore }
              byStatus { status calls }
              byDirection { direction calls }
              heatmap { weekday hour calls }
            }
          }
          ... on ValidationError { fieldErrors { field message } }
        }
        quality {
          scored averageScore overrides averageOverrideChange
          components { sentiment compliance accuracy professionalism }
          distribution { from calls }
          topViolations { rule severity count }
        }
        sentiment { calls average negative neutral positive recovered }
        escalations {
          total acceptanceRate callbackRate waitToAgentP50Seconds waitToAgentP90Seconds
          byTrigger { reason count }
          perAgent { name offered accepted acceptanceRate }
        }
        agents { name availability callsHandled averageHandleSeconds averageQaAfterHandoff }
      }
    }
    ... on ValidationError { fieldErrors { field message } }
  }
}`;

const day = (date: string, timeZone = 'UTC') => ({ from: date, to: date, timeZone });

async function analytics(
  variables: { range: Record<string, string>; filter?: Record<string, unknown>; bucket?: string },
  token = tokens.supervisor,
) {
  const response = await graphql(gateway.url, ANALYTICS, { bucket: 'DAY', ...variables }, token);
  if (response.errors) throw new Error(JSON.stringify(response.errors));
  return response.data!.analytics;
}
const figures = async (variables: Parameters<typeof analytics>[0], token?: string) =>
  (await analytics(variables, token)).data;

beforeAll(async () => {
  gateway = await startGateway(testConfig(testEnv()));
  tenant = await createTenant(gateway.orm, 'Analytics');
  other = await createTenant(gateway.orm, 'Elsewhere');
  secondBusiness = await createBusiness(gateway.orm, tenant);
  for (const role of ['admin', 'supervisor', 'agent', 'viewer'] as const) {
    tokens[role] = (await login(gateway.url, tenant.emails[role])).accessToken;
  }
  tokens.other = (await login(gateway.url, other.emails.supervisor)).accessToken;
  await seedFixture(gateway.orm.em.fork());
});
afterAll(() => gateway?.stop());

describe('analytics of a small fixed data set', () => {
  it('computes the overview figures and compares them with the day before', async () => {
    const { overview } = await figures({ range: day('2026-03-10') });
    expect(overview.activeNow).toBe(1);
    expect(overview.previous).toEqual({ calls: 1, answered: 1 });
    const c = overview.current;
    expect(c).toMatchObject({ calls: 6, answered: 4, totalMinutes: 8, averageMinutes: 2, escalated: 2 });
    expect(c.answeredRate).toBeCloseTo(4 / 6);
    // Handle time: 300 + (wrap-up to 09:30:00 after answering at 09:20:10 = 590) + 60 + 0, over 4 answered calls.
    expect(c.averageHandleSeconds).toBeCloseTo(950 / 4);
    // c1 and c6 ended (or go on) without a human; c2 was accepted by an agent, c3 became a callback.
    expect(c.containmentRate).toBeCloseTo(0.5);
    // Final scores 0.8, 0.9 (the override wins over 0.6) and 0.4.
    expect(c.averageQaScore).toBeCloseTo(0.7);
    expect(c.averageSentiment).toBeCloseTo((0.3 + 0.5 - 0.4) / 3);
    expect(c.escalationRate).toBeCloseTo(0.5);
  });

  it('counts volume by day, hour, status, direction and weekday × hour', async () => {
    const byDay = (await figures({ range: day('2026-03-10') })).volume.data;
    expect(byDay.buckets).toEqual([
      expect.objectContaining({ start: '2026-03-10T00:00:00.000Z', calls: 6, previousCalls: 1, answered: 4 }),
    ]);
    expect(byDay.byStatus).toEqual([
      { status: 'COMPLETED', calls: 3 },
      { status: 'BUSY', calls: 1 },
      { status: 'IN_PROGRESS', calls: 1 },
      { status: 'NO_ANSWER', calls: 1 },
    ]);
    expect(byDay.byDirection).toEqual([
      { direction: 'INBOUND', calls: 3 },
      { direction: 'OUTBOUND', calls: 3 },
    ]);
    // Tuesday is ISO weekday 2.
    expect(byDay.heatmap).toEqual([
      { weekday: 2, hour: 9, calls: 2 },
      { weekday: 2, hour: 10, calls: 2 },
      { weekday: 2, hour: 11, calls: 2 },
    ]);
    const byHour = (await figures({ range: day('2026-03-10'), bucket: 'HOUR' })).volume.data.buckets;
    expect(byHour).toHaveLength(24);
    expect(
      byHour.filter((b: { calls: number }) => b.calls).map((b: { start: string; calls: number }) => [b.start, b.calls]),
    ).toEqual([
      ['2026-03-10T09:00:00.000Z', 2],
      ['2026-03-10T10:00:00.000Z', 2],
      ['2026-03-10T11:00:00.000Z', 2],
    ]);
    expect(byHour[9].averageQaScore).toBeCloseTo(0.85);
  });

  it('buckets hours at the local clock in zones half and quarter hours off UTC', async () => {
    const hours = async (timeZone: string) =>
      (await figures({ range: day('2026-03-10', timeZone), bucket: 'HOUR' })).volume.data.buckets
        .filter((b: { calls: number }) => b.calls)
        .map((b: { start: string; calls: number }) => [b.start, b.calls]);
    // India (+5:30): 14:30 and 14:50 | 15:35 | 16:10 and 16:30 | 17:20 local.
    expect(await hours('Asia/Kolkata')).toEqual([
      ['2026-03-10T08:30:00.000Z', 2],
      ['2026-03-10T09:30:00.000Z', 1],
      ['2026-03-10T10:30:00.000Z', 2],
      ['2026-03-10T11:30:00.000Z', 1],
    ]);
    // Nepal (+5:45): 14:45 | 15:05 and 15:50 | 16:25 and 16:45 | 17:35 local.
    expect(await hours('Asia/Kathmandu')).toEqual([
      ['2026-03-10T08:15:00.000Z', 1],
      ['2026-03-10T09:15:00.000Z', 2],
      ['2026-03-10T10:15:00.000Z', 2],
      ['2026-03-10T11:15:00.000Z', 1],
    ]);
    const heatmap = (await figures({ range: day('2026-03-10', 'Asia/Kolkata') })).volume.data.heatmap;
    expect(heatmap).toEqual([
      { weekday: 2, hour: 14, calls: 2 },
      { weekday: 2, hour: 15, calls: 1 },
      { weekday: 2, hour: 16, calls: 2 },
      { weekday: 2, hour: 17, calls: 1 },
    ]);
  });

  it('computes quality: average, components, distribution, violations and overrides', async () => {
    const { quality } = await figures({ range: day('2026-03-10') });
    expect(quality.scored).toBe(3);
    expect(quality.averageScore).toBeCloseTo(0.7);
    expect(quality.components.sentiment).toBeCloseTo((0.7 + 0.5 + 0.2) / 3);
    expect(quality.components.compliance).toBeCloseTo((1 + 0.4 + 0.6) / 3);
    expect(quality.components.accuracy).toBeCloseTo((0.6 + 0.8 + 0.4) / 3);
    expect(quality.components.professionalism).toBeCloseTo((0.9 + 0.7 + 0.4) / 3);
    const bands = Object.fromEntries(
      quality.distribution.map((b: { from: number; calls: number }) => [b.from, b.calls]),
    );
    expect(bands).toEqual({ 0: 0, 0.1: 0, 0.2: 0, 0.3: 0, 0.4: 1, 0.5: 0, 0.6: 0, 0.7: 0, 0.8: 1, 0.9: 1 });
    expect(quality.topViolations).toEqual([
      { rule: 'missing_disclosure', severity: 'high', count: 2 },
      { rule: 'prohibited_phrase', severity: 'medium', count: 1 },
    ]);
    expect(quality.overrides).toBe(1);
    expect(quality.averageOverrideChange).toBeCloseTo(0.3);
  });

  it('computes sentiment: average, labels and calls turned from negative to positive', async () => {
    const { sentiment } = await figures({ range: day('2026-03-10') });
    expect(sentiment).toMatchObject({ calls: 3, negative: 1, neutral: 0, positive: 2, recovered: 1 });
    expect(sentiment.average).toBeCloseTo(0.4 / 3);
  });

  it('computes escalations by trigger, wait to an agent, acceptance, callbacks and per agent', async () => {
    const { escalations } = await figures({ range: day('2026-03-10') });
    expect(escalations).toMatchObject({
      total: 2,
      acceptanceRate: 0.5,
      callbackRate: 0.5,
      waitToAgentP50Seconds: 30,
      waitToAgentP90Seconds: 30,
    });
    expect(escalations.byTrigger).toEqual([
      { reason: 'KEYWORD', count: 1 },
      { reason: 'SENTIMENT', count: 1 },
    ]);
    expect(escalations.perAgent).toEqual([
      { name: 'Alice', offered: 1, accepted: 1, acceptanceRate: 1 },
      { name: 'Bob', offered: 1, accepted: 0, acceptanceRate: 0 },
    ]);
  });

  it('computes agents: calls handled, handle time, QA after handoff and availability', async () => {
    const { agents: rows } = await figures({ range: day('2026-03-10') });
    expect(rows).toEqual([
      {
        name: 'Alice',
        availability: 'AVAILABLE',
        callsHandled: 1,
        averageHandleSeconds: 510,
        averageQaAfterHandoff: 0.9,
      },
      {
        name: 'Bob',
        availability: 'OFFLINE',
        callsHandled: 0,
        averageHandleSeconds: null,
        averageQaAfterHandoff: null,
      },
    ]);
  });

  it('filters by business, direction and status', async () => {
    const calls = async (filter: Record<string, unknown>) =>
      (await figures({ range: day('2026-03-10'), filter })).overview.current.calls;
    expect(await calls({ businessId: secondBusiness })).toBe(1);
    expect(await calls({ direction: 'OUTBOUND' })).toBe(3);
    expect(await calls({ status: ['COMPLETED'] })).toBe(3);
    expect(await calls({ status: ['NO_ANSWER', 'BUSY'], direction: 'OUTBOUND' })).toBe(2);
  });

  it('keeps every figure the same after the rollup is compacted, and equal to the facts recomputed from the calls', async () => {
    const em = gateway.orm.em.fork();
    const before = await figures({ range: day('2026-03-10') });
    await compactAnalytics(em);
    // Sums added in another order may differ in the last bit of a double: compare to 12 digits.
    const rounded = (value: unknown) =>
      JSON.parse(JSON.stringify(value, (_key, v) => (typeof v === 'number' ? Number(v.toPrecision(12)) : v)));
    expect(rounded(await figures({ range: day('2026-03-10') }))).toEqual(rounded(before));
    const drift = await em.execute(
      `select s.call_id from analytics_call_facts(array(select id from call where organization_id = ?)) s
       join call_facts f on f.call_id = s.call_id
       where (s.status, s.answered, s.talk_seconds, s.handle_seconds, s.contained, s.escalated, s.qa_score, s.sentiment_final)
         is distinct from (f.status, f.answered, f.talk_seconds, f.handle_seconds, f.contained, f.escalated, f.qa_score, f.sentiment_final)`,
      [tenant.organizationId],
    );
    expect(drift).toEqual([]);
  });
});

describe('analytics across daylight-saving changes', () => {
  let dst: Tenant;
  let token: string;
  beforeAll(async () => {
    dst = await createTenant(gateway.orm, 'Daylight');
    token = (await login(gateway.url, dst.emails.supervisor)).accessToken;
    const em = gateway.orm.em.fork();
    // New York: 8 March 2026 starts at 05:00Z (EST) and ends at 04:00Z on the 9th (EDT): 23 hours.
    for (const createdAt of [
      '2026-03-08T04:30:00Z',
      '2026-03-08T05:10:00Z',
      '2026-03-09T03:50:00Z',
      '2026-03-09T04:10:00Z',
    ]) {
      await addCall(em, dst, { direction: 'inbound', createdAt, status: 'no_answer' });
    }
    // 1 November 2026: 01:30 EDT (05:30Z) and, an hour later, 01:30 EST again (06:30Z).
    for (const createdAt of ['2026-11-01T05:30:00Z', '2026-11-01T06:30:00Z']) {
      await addCall(em, dst, { direction: 'inbound', createdAt, status: 'no_answer' });
    }
  });

  it('counts a 23-hour spring-forward day by the local calendar, in 23 hour buckets', async () => {
    const data = await figures({ range: day('2026-03-08', 'America/New_York'), bucket: 'HOUR' }, token);
    expect(data.period).toMatchObject({ start: '2026-03-08T05:00:00.000Z', end: '2026-03-09T04:00:00.000Z' });
    expect(data.overview.current.calls).toBe(2);
    const buckets = data.volume.data.buckets;
    expect(buckets).toHaveLength(23);
    // 01:00 EST is followed by 03:00 EDT.
    expect(buckets.slice(1, 3).map((b: { start: string }) => b.start)).toEqual([
      '2026-03-08T06:00:00.000Z',
      '2026-03-08T07:00:00.000Z',
    ]);
    const byDay = await figures(
      { range: { from: '2026-03-07', to: '2026-03-09', timeZone: 'America/New_York' } },
      token,
    );
    expect(byDay.volume.data.buckets.map((b: { start: string; calls: number }) => [b.start, b.calls])).toEqual([
      ['2026-03-07T05:00:00.000Z', 1],
      ['2026-03-08T05:00:00.000Z', 2],
      ['2026-03-09T04:00:00.000Z', 1],
    ]);
  });

  it('keeps the repeated hour of a fall-back day as two buckets of an hour each', async () => {
    const data = await figures({ range: day('2026-11-01', 'America/New_York'), bucket: 'HOUR' }, token);
    const buckets = data.volume.data.buckets;
    expect(buckets).toHaveLength(25);
    expect(
      buckets
        .filter((b: { calls: number }) => b.calls)
        .map((b: { start: string; calls: number }) => [b.start, b.calls]),
    ).toEqual([
      ['2026-11-01T05:00:00.000Z', 1],
      ['2026-11-01T06:00:00.000Z', 1],
    ]);
  });
});

describe('analytics from local days', () => {
  let zoned: Tenant;
  let token: string;
  const NEW_YORK = 'America/New_York';
  const year = { from: '2026-01-01', to: '2026-12-31', timeZone: NEW_YORK };
  // Sums added in another order may differ in the last bit of a double: compare to 12 digits.
  const rounded = (value: unknown) =>
    JSON.parse(JSON.stringify(value, (_key, v) => (typeof v === 'number' ? Number(v.toPrecision(12)) : v)));
  const everything = async () => ({
    day: await figures({ range: year, bucket: 'DAY' }, token),
    week: await figures({ range: year, bucket: 'WEEK' }, token),
    outbound: await figures({ range: year, bucket: 'WEEK', filter: { direction: 'OUTBOUND' } }, token),
    fallBack: await figures(
      { range: { from: '2026-10-31', to: '2026-11-01', timeZone: NEW_YORK }, bucket: 'HOUR' },
      token,
    ),
    springForward: await figures(
      { range: { from: '2026-03-08', to: '2026-03-08', timeZone: NEW_YORK }, bucket: 'HOUR' },
      token,
    ),
  });
  beforeAll(async () => {
    zoned = await createTenant(gateway.orm, 'Local days');
    token = (await login(gateway.url, zoned.emails.supervisor)).accessToken;
    const em = gateway.orm.em.fork();
    // Both daylight-saving changes, the edges of local days, and a call of the previous year.
    for (const [createdAt, status, direction] of [
      ['2025-12-31T12:00:00Z', 'completed', 'inbound'],
      ['2026-01-01T04:59:00Z', 'completed', 'inbound'],
      ['2026-01-01T05:00:00Z', 'no_answer', 'outbound'],
      ['2026-03-08T06:59:00Z', 'completed', 'outbound'],
      ['2026-03-08T07:00:00Z', 'busy', 'outbound'],
      ['2026-07-04T03:45:00Z', 'completed', 'inbound'],
      ['2026-11-01T05:30:00Z', 'completed', 'inbound'],
      ['2026-11-01T06:30:00Z', 'no_answer', 'outbound'],
      ['2026-12-31T23:59:00Z', 'completed', 'inbound'],
    ] as const) {
      await addCall(em, zoned, {
        direction,
        createdAt,
        status,
        ...(status === 'completed' ? { answeredAt: createdAt, durationSeconds: 90 } : {}),
      });
    }
  });

  it("gives the same day and week figures from a zone's local days as from 15-minute sums, and counts calls not compacted yet", async () => {
    const em = gateway.orm.em.fork();
    const fromQuarters = await everything();
    expect(fromQuarters.day.overview.current.calls).toBe(7);
    expect(fromQuarters.day.overview.previous.calls).toBe(2);
    // The first query asked for the zone's days; the compactor builds them.
    const { zonesBuilt } = await compactAnalytics(em);
    expect(zonesBuilt).toContain(NEW_YORK);
    const [days] = await em.execute<{ rows: string }[]>(
      'select count(*) as rows from analytics_day_rollup where organization_id = ? and time_zone = ?',
      [zoned.organizationId, NEW_YORK],
    );
    expect(Number(days!.rows)).toBeGreaterThan(0);
    expect(rounded(await everything())).toEqual(rounded(fromQuarters));

    // A call after the build is a difference not compacted yet: counted at once, and the same once folded.
    await addCall(em, zoned, { direction: 'inbound', createdAt: '2026-11-01T06:40:00Z', status: 'busy' });
    const added = await everything();
    expect(added.day.overview.current.calls).toBe(8);
    const november = added.day.volume.data.buckets.find(
      (b: { start: string }) => b.start === '2026-11-01T04:00:00.000Z',
    );
    expect(november.calls).toBe(3);
    // Sunday 01:00–02:00: those three and 01:59 EST on 8 March.
    expect(added.day.volume.data.heatmap).toContainEqual({ weekday: 7, hour: 1, calls: 4 });
    await compactAnalytics(em);
    expect(rounded(await everything())).toEqual(rounded(added));
  });
});

describe('analytics access', () => {
  const FIELDS = ['period', 'overview', 'volume', 'quality', 'sentiment', 'escalations', 'agents'];
  const selection: Record<string, string> = {
    period: 'period { start }',
    overview: 'overview { activeNow current { calls } previous { calls } }',
    volume:
      'volume(bucket: DAY) { ... on AnalyticsVolumeSuccess { data { buckets { calls } byStatus { calls } heatmap { calls } } } }',
    quality: 'quality { scored topViolations { count } distribution { calls } }',
    sentiment: 'sentiment { calls recovered }',
    escalations: 'escalations { total perAgent { offered } byTrigger { count } }',
    agents: 'agents { name callsHandled }',
  };
  const ask = (field: string, token: string | undefined, filter: Record<string, unknown> = {}) =>
    graphql(
      gateway.url,
      `query ($filter: AnalyticsFilter) { analytics(range: { from: "2026-03-10", to: "2026-03-10", timeZone: "UTC" }, filter: $filter) {
        ... on QueryAnalyticsSuccess { data { ${selection[field]} } } } }`,
      { filter },
      token,
    );

  it('lets admins, supervisors and viewers read every figure, and refuses agents and anonymous callers', async () => {
    for (const field of FIELDS) {
      for (const role of ['admin', 'supervisor', 'viewer'])
        expect((await ask(field, tokens[role])).errors).toBeUndefined();
      for (const token of [tokens.agent, undefined]) {
        const response = await ask(field, token);
        expect(response.errors?.[0]?.extensions?.code).toMatch(/FORBIDDEN|UNAUTHENTICATED/);
      }
    }
  });

  it('shows another organisation none of these calls in any figure, even filtered by this business', async () => {
    for (const filter of [{}, { businessId: tenant.businessId }]) {
      const { data } = await graphql(
        gateway.url,
        `{ analytics(range: { from: "2026-03-10", to: "2026-03-10", timeZone: "UTC" }, filter: ${filter.businessId ? `{ businessId: "${filter.businessId}" }` : '{}'}) {
          ... on QueryAnalyticsSuccess { data { ${FIELDS.map((f) => selection[f]).join(' ')} } } } }`,
        {},
        tokens.other,
      );
      const seen = data!.analytics.data;
      expect(seen.overview).toEqual({ activeNow: 0, current: { calls: 0 }, previous: { calls: 0 } });
      expect(seen.volume.data).toEqual({ buckets: [{ calls: 0 }], byStatus: [], heatmap: [] });
      expect(seen.quality.scored).toBe(0);
      expect(seen.quality.topViolations).toEqual([]);
      expect(seen.sentiment).toEqual({ calls: 0, recovered: 0 });
      expect(seen.escalations).toEqual({ total: 0, perAgent: [], byTrigger: [] });
      expect(seen.agents).toEqual([]);
    }
  });

  it('refuses a bad range, zone or bucket with field errors', async () => {
    const bad = await analytics({ range: { from: '2026-03-10', to: '2026-03-01', timeZone: 'Mars/Olympus' } });
    expect(bad.fieldErrors).toEqual(
      expect.arrayContaining([
        { field: 'range.timeZone', message: expect.stringContaining('IANA') },
        { field: 'range.to', message: 'must not be before range.from' },
      ]),
    );
    const tooLong = await figures({ range: { from: '2026-01-01', to: '2026-03-01', timeZone: 'UTC' }, bucket: 'HOUR' });
    expect(tooLong.volume.fieldErrors).toEqual([{ field: 'bucket', message: 'HOUR needs a range of at most 31 days' }]);
  });
});
