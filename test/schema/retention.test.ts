import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ScheduleNotFoundError } from '@temporalio/client';
import { testConfig, testEnv } from '../support/env.ts';
import { startGateway, type TestGateway } from '../support/gateway.ts';
import { graphql } from '../support/graphql.ts';
import { createTenant, login, type Tenant } from '../support/tenants.ts';

/** The retention policy API: who may set it, what it refuses, its audit trail and its Temporal schedule. */
let gateway: TestGateway;
let tenant: Tenant;
const tokens: Record<string, string> = {};

const POLICY_FIELDS =
  'transcriptDays callDays qaDetailDays notificationDays eventLogDays auditLogDays knowledgeSourceDays scheduleId lastRun { startedAt }';
const READ = `{ retentionPolicy { ${POLICY_FIELDS} } }`;
const UPDATE = `mutation ($input: RetentionPolicyInput!) {
  updateRetentionPolicy(input: $input) {
    __typename
    ... on MutationUpdateRetentionPolicySuccess { data { ${POLICY_FIELDS} } }
    ... on ValidationError { fieldErrors { field message } }
  }
}`;

const update = (input: Record<string, unknown>, token = tokens.admin) => graphql(gateway.url, UPDATE, { input }, token);
const schedule = () => gateway.temporal.schedule.getHandle(`retention-${tenant.organizationId}`);

beforeAll(async () => {
  gateway = await startGateway(testConfig(testEnv({ RETENTION_INTERVAL_MINUTES: '720' })));
  tenant = await createTenant(gateway.orm, 'Retention policy');
  for (const role of ['admin', 'supervisor'] as const) {
    tokens[role] = (await login(gateway.url, tenant.emails[role])).accessToken;
  }
});

afterAll(async () => {
  await schedule()
    .delete()
    .catch(() => undefined);
  await gateway?.stop();
});

describe('retention policy', () => {
  it('keeps everything forever until an admin sets a policy', async () => {
    const read = await graphql(gateway.url, READ, {}, tokens.admin);
    expect(read.data?.retentionPolicy).toEqual({
      transcriptDays: null,
      callDays: null,
      qaDetailDays: null,
      notificationDays: null,
      eventLogDays: null,
      auditLogDays: null,
      knowledgeSourceDays: null,
      scheduleId: null,
      lastRun: null,
    });
  });

  it('saves the days an admin sets, schedules the retention run and audits the change with before and after', async () => {
    const saved = await update({ transcriptDays: 7, callDays: 30, auditLogDays: 365 });
    expect(saved.data?.updateRetentionPolicy).toMatchObject({
      __typename: 'MutationUpdateRetentionPolicySuccess',
      data: { transcriptDays: 7, callDays: 30, auditLogDays: 365, notificationDays: null },
    });
    const changed = await update({ transcriptDays: 14 });
    expect(changed.data?.updateRetentionPolicy.data).toMatchObject({
      transcriptDays: 14,
      callDays: 30,
      scheduleId: `retention-${tenant.organizationId}`,
    });

    const described = await schedule().describe();
    expect(described.action).toMatchObject({
      type: 'startWorkflow',
      workflowType: 'retentionWorkflow',
      workflowId: `retention-${tenant.organizationId}`,
    });
    expect(described.spec.intervals).toEqual([expect.objectContaining({ every: 12 * 3_600_000 })]);

    const log = await graphql(
      gateway.url,
      `{ auditLog(first: 5, filter: { operation: "updateRetentionPolicy" }) {
        ... on QueryAuditLogSuccess { data { targetId actorLabel outcome changes { field before after } } } } }`,
      {},
      tokens.admin,
    );
    const [latest, first] = log.data?.auditLog.data ?? [];
    expect(latest).toMatchObject({
      targetId: tenant.organizationId,
      actorLabel: tenant.emails.admin,
      outcome: 'SUCCESS',
    });
    expect(latest.changes).toEqual([{ field: 'transcriptDays', before: '7', after: '14' }]);
    expect(first.changes).toEqual(
      expect.arrayContaining([
        { field: 'transcriptDays', before: null, after: '7' },
        { field: 'callDays', before: null, after: '30' },
        { field: 'auditLogDays', before: null, after: '365' },
      ]),
    );
    expect(first.changes).toHaveLength(3);
  });

  it('refuses less than a day, and transcripts or QA kept longer than their calls, naming each field', async () => {
    const refused = await update({ notificationDays: 0, transcriptDays: 60, qaDetailDays: 31 });
    expect(refused.data?.updateRetentionPolicy.__typename).toBe('ValidationError');
    expect(refused.data?.updateRetentionPolicy.fieldErrors).toEqual(
      expect.arrayContaining([
        { field: 'notificationDays', message: 'must be at least one day' },
        { field: 'transcriptDays', message: 'cannot be kept longer than calls (callDays)' },
        { field: 'qaDetailDays', message: 'cannot be kept longer than calls (callDays)' },
      ]),
    );
    const read = await graphql(gateway.url, READ, {}, tokens.admin);
    expect(read.data?.retentionPolicy).toMatchObject({
      transcriptDays: 14,
      notificationDays: null,
      qaDetailDays: null,
    });
  });

  it('is neither read nor changed by a supervisor', async () => {
    const read = await graphql(gateway.url, READ, {}, tokens.supervisor);
    expect(read.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const changed = await update({ callDays: 1 }, tokens.supervisor);
    expect(changed.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const after = await graphql(gateway.url, READ, {}, tokens.admin);
    expect(after.data?.retentionPolicy.callDays).toBe(30);
  });

  it('removes the schedule once everything is kept forever again', async () => {
    const cleared = await update({ transcriptDays: null, callDays: null, auditLogDays: null });
    expect(cleared.data?.updateRetentionPolicy.data).toMatchObject({ callDays: null, scheduleId: null });
    await expect(schedule().describe()).rejects.toBeInstanceOf(ScheduleNotFoundError);
  });
});
