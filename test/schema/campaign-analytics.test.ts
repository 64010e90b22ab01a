/**
 * Campaign analytics on a small data set whose figures can be checked by hand: one campaign's
 * answer rate (overall and by the local hour calls were placed), retries and contact funnel; every
 * analytics figure filtered to the campaign's calls; and the campaign results export, one row per
 * call with its contact and attempt number.
 */
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { EntityManager } from '@mikro-orm/postgresql';
import { createExportActivities } from '../../activities/exports.ts';
import { testConfig, testEnv } from '../support/env.ts';
import { startGateway, type TestGateway } from '../support/gateway.ts';
import { graphql } from '../support/graphql.ts';
import { type InProcessWorker, startInProcessWorker } from '../support/temporal.ts';
import { createTenant, login, type Tenant } from '../support/tenants.ts';
import { until } from '../support/wait.ts';

let gateway: TestGateway;
let worker: InProcessWorker;
let tenant: Tenant;
let other: Tenant;
const tokens: Record<string, string> = {};
let campaignId: string;
let otherCampaignId: string;

// 10 March 2026 in New York is EDT (UTC−4): 13:10Z is 09:10 local.
const range = { from: '2026-03-10', to: '2026-03-10', timeZone: 'America/New_York' };

/** A call the campaign placed (or not), written as the call workflow writes it: queued, maybe answered, ended. */
async function addCall(
  em: EntityManager,
  t: Tenant,
  spec: { at: string; status: string; answered?: boolean; campaign?: string; contact?: string; direction?: string },
) {
  const id = randomUUID();
  await em.execute(
    `insert into call (id, organization_id, business_id, direction, status, from_number, to_number, workflow_id,
       campaign_id, campaign_contact_id, status_changed_at, created_at, updated_at)
     values (?, ?, ?, ?, 'queued', '+15005550006', '+14155550100', ?, ?, ?, ?, ?, ?)`,
    [
      id,
      t.organizationId,
      t.businessId,
      spec.direction ?? 'outbound',
      `call-${id}`,
      spec.campaign ?? null,
      spec.contact ?? null,
      spec.at,
      spec.at,
      spec.at,
    ],
  );
  if (spec.answered) {
    await em.execute(
      `update call set status = 'in_progress', answered_at = ?::timestamptz + interval '5 seconds' where id = ?`,
      [spec.at, id],
    );
  }
  await em.execute(
    `update call set status = ?, duration_seconds = ?, end_reason = ?, ended_at = ?::timestamptz + interval '2 minutes' where id = ?`,
    [spec.status, spec.answered ? 60 : 0, spec.status, spec.at, id],
  );
  return id;
}

async function addCampaign(em: EntityManager, t: Tenant, name: string) {
  const id = randomUUID();
  await em.execute(
    `insert into campaign (id, organization_id, business_id, name, status, created_at, updated_at)
     values (?, ?, ?, ?, 'running', now(), now())`,
    [id, t.organizationId, t.businessId, name],
  );
  return id;
}

async function addContact(
  em: EntityManager,
  t: Tenant,
  campaign: string,
  spec: { phone: string; name: string; status: string; attempts: number },
) {
  const id = randomUUID();
  await em.execute(
    `insert into campaign_contact (id, campaign_id, organization_id, phone_number, name, status, attempts, created_at, updated_at)
     values (?, ?, ?, ?, ?, ?, ?, now(), now())`,
    [id, campaign, t.organizationId, spec.phone, spec.name, spec.status, spec.attempts],
  );
  return id;
}

/** Records a call as the contact's next attempt, as the campaign's dial activity does. */
const attempt = (em: EntityManager, contact: string, call: string) =>
  em.execute(
    'update campaign_contact set call_ids = array_append(call_ids, ?::text), last_call_id = ?::uuid where id = ?',
    [call, call, contact],
  );

const ANALYTICS = `query ($range: AnalyticsRange!, $filter: AnalyticsFilter) {
  analytics(range: $range, filter: $filter) {
    __typename
    ... on QueryAnalyticsSuccess { data {
      overview { current { calls answered answeredRate } }
      volume(bucket: DAY) { ... on AnalyticsVolumeSuccess { data { buckets { calls } } } }
      campaigns {
        campaignId name status calls answered answerRate retries contactsTotal contactsDialled
        byHour { hour calls answered }
        contacts { status contacts }
      }
    } }
    ... on ValidationError { fieldErrors { field message } }
  }
}`;

beforeAll(async () => {
  const config = testConfig(testEnv({}));
  gateway = await startGateway(config);
  worker = await startInProcessWorker(
    config,
    gateway.orm,
    fileURLToPath(new URL('../../workflows/export.ts', import.meta.url)),
    createExportActivities({ orm: gateway.orm }),
  );

  tenant = await createTenant(gateway.orm, 'Campaign analytics');
  other = await createTenant(gateway.orm, 'Campaign analytics other');
  for (const role of ['supervisor', 'viewer'] as const)
    tokens[role] = (await login(gateway.url, tenant.emails[role])).accessToken;
  tokens.other = (await login(gateway.url, other.emails.supervisor)).accessToken;

  const em = gateway.orm.em.fork();
  campaignId = await addCampaign(em, tenant, 'Spring renewals');
  const ann = await addContact(em, tenant, campaignId, {
    phone: '+14155550101',
    name: 'Ann',
    status: 'completed',
    attempts: 2,
  });
  const ben = await addContact(em, tenant, campaignId, {
    phone: '+14155550102',
    name: 'Ben',
    status: 'completed',
    attempts: 1,
  });
  const cat = await addContact(em, tenant, campaignId, {
    phone: '+14155550103',
    name: 'Cat',
    status: 'retry_scheduled',
    attempts: 1,
  });
  await addContact(em, tenant, campaignId, { phone: '+14155550104', name: 'Dan', status: 'pending', attempts: 0 });
  await addContact(em, tenant, campaignId, { phone: '+14155550105', name: 'Eve', status: 'skipped_dnc', attempts: 0 });

  // Ann: no answer at 09:10, answered on the retry at 11:05; Ben answered at 09:20; Cat busy at 09:30.
  await attempt(
    em,
    ann,
    await addCall(em, tenant, { at: '2026-03-10T13:10:00Z', status: 'no_answer', campaign: campaignId, contact: ann }),
  );
  await attempt(
    em,
    ben,
    await addCall(em, tenant, {
      at: '2026-03-10T13:20:00Z',
      status: 'completed',
      answered: true,
      campaign: campaignId,
      contact: ben,
    }),
  );
  await attempt(
    em,
    cat,
    await addCall(em, tenant, { at: '2026-03-10T13:30:00Z', status: 'busy', campaign: campaignId, contact: cat }),
  );
  await attempt(
    em,
    ann,
    await addCall(em, tenant, {
      at: '2026-03-10T15:05:00Z',
      status: 'completed',
      answered: true,
      campaign: campaignId,
      contact: ann,
    }),
  );
  // Not counted as the campaign's that day: an inbound call, and a campaign call at 00:30 local on the 11th.
  await addCall(em, tenant, { at: '2026-03-10T14:00:00Z', status: 'completed', answered: true, direction: 'inbound' });
  await addCall(em, tenant, { at: '2026-03-11T04:30:00Z', status: 'no_answer', campaign: campaignId });

  otherCampaignId = await addCampaign(em, other, 'Other renewals');
  await addCall(em, other, {
    at: '2026-03-10T13:40:00Z',
    status: 'completed',
    answered: true,
    campaign: otherCampaignId,
  });
}, 120_000);

afterAll(async () => {
  await worker?.stop();
  await gateway?.stop();
});

describe('campaign analytics', () => {
  it("gives each campaign's answer rate overall and by local hour, its retries and its contact funnel", async () => {
    const response = await graphql(gateway.url, ANALYTICS, { range }, tokens.supervisor);
    const data = response.data?.analytics.data;
    // The inbound call counts overall; the next day's call does not count at all.
    expect(data.overview.current.calls).toBe(5);
    expect(data.campaigns).toEqual([
      {
        campaignId,
        name: 'Spring renewals',
        status: 'RUNNING',
        calls: 4,
        answered: 2,
        answerRate: 0.5,
        retries: 1,
        contactsTotal: 5,
        contactsDialled: 3,
        byHour: [
          { hour: 9, calls: 3, answered: 1 },
          { hour: 11, calls: 1, answered: 1 },
        ],
        contacts: [
          { status: 'COMPLETED', contacts: 2 },
          { status: 'PENDING', contacts: 1 },
          { status: 'RETRY_SCHEDULED', contacts: 1 },
          { status: 'SKIPPED_DNC', contacts: 1 },
        ],
      },
    ]);
  });

  it("filters every figure to one campaign's calls", async () => {
    const response = await graphql(gateway.url, ANALYTICS, { range, filter: { campaignId } }, tokens.supervisor);
    const data = response.data?.analytics.data;
    expect(data.overview.current).toEqual({ calls: 4, answered: 2, answeredRate: 0.5 });
    expect(data.volume.data.buckets).toEqual([{ calls: 4 }]);
    expect(data.campaigns.map((c: { campaignId: string }) => c.campaignId)).toEqual([campaignId]);

    const bad = await graphql(gateway.url, ANALYTICS, { range, filter: { campaignId: 'nope' } }, tokens.supervisor);
    expect(bad.data?.analytics).toMatchObject({
      __typename: 'ValidationError',
      fieldErrors: [{ field: 'filter.campaignId', message: 'must be a UUID' }],
    });
  });

  it("shows no other organisation's campaign, even when asked for by id", async () => {
    const mine = await graphql(gateway.url, ANALYTICS, { range }, tokens.other);
    expect(mine.data?.analytics.data.campaigns.map((c: { name: string }) => c.name)).toEqual(['Other renewals']);
    const theirs = await graphql(gateway.url, ANALYTICS, { range, filter: { campaignId } }, tokens.other);
    expect(theirs.data?.analytics.data.overview.current.calls).toBe(0);
    expect(theirs.data?.analytics.data.campaigns).toEqual([]);
  });

  it('exports the campaign results: one row per call with its contact, attempt and where the contact stands', async () => {
    const created = await graphql(
      gateway.url,
      `mutation ($input: CreateExportInput!) { createExport(input: $input) {
         ... on MutationCreateExportSuccess { data { id } } ... on Error { message } } }`,
      { input: { kind: 'CAMPAIGN_RESULTS', range, filter: { campaignId } } },
      tokens.supervisor,
    );
    const id = created.data?.createExport.data.id as string;
    let record: { status: string; download: { url: string } | null } | undefined;
    await until(
      async () => {
        record = (
          await graphql(
            gateway.url,
            'query ($id: ID!) { export(id: $id) { status download { url } } }',
            { id },
            tokens.supervisor,
          )
        ).data?.export;
        return record?.status === 'COMPLETED' || record?.status === 'FAILED';
      },
      60_000,
      'the campaign results export',
    );
    expect(record?.status).toBe('COMPLETED');
    const csv = await (await fetch(new URL(record!.download!.url, gateway.url))).text();
    const [header, ...rows] = csv.trimEnd().split('\n');
    expect(header).toBe(
      'campaign_id,campaign,call_id,called_at,phone_number,contact_name,attempt,call_status,end_reason,answered,duration_seconds,contact_status,contact_attempts,contact_last_outcome',
    );
    const cells = rows.map((row) => row.split(','));
    expect(cells.map((c) => [c[5], c[6], c[7], c[9], c[11]])).toEqual([
      ['Ann', '1', 'no_answer', 'false', 'completed'],
      ['Ben', '1', 'completed', 'true', 'completed'],
      ['Cat', '1', 'busy', 'false', 'retry_scheduled'],
      ['Ann', '2', 'completed', 'true', 'completed'],
    ]);
    expect(cells.every((c) => c[0] === campaignId && c[1] === 'Spring renewals')).toBe(true);
  }, 90_000);
});
