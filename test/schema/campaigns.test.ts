import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Organization } from '../../db/entities/index.ts';
import { testConfig, testEnv } from '../support/env.ts';
import { startGateway, type TestGateway } from '../support/gateway.ts';
import { graphql } from '../support/graphql.ts';
import { createTenant, login, type Tenant } from '../support/tenants.ts';

/**
 * Campaigns and the do-not-call list through the real gateway: drafts created and checked field by
 * field, contacts imported from a CSV file (bad rows kept by line, duplicates merged, numbers on the
 * list marked) or added by the API, and every campaign visible to its own organisation only.
 */
let gateway: TestGateway;
let tenant: Tenant;
let other: Tenant;
let supervisor: string;
let agent: string;
let otherAdmin: string;

beforeAll(async () => {
  gateway = await startGateway(testConfig(testEnv()));
  tenant = await createTenant(gateway.orm, 'Campaigns');
  other = await createTenant(gateway.orm, 'Other campaigns');
  // National numbers (as a CSV has them) are read in the organisation's country.
  await gateway.orm.em.fork().nativeUpdate(Organization, { id: tenant.organizationId }, { country: 'US' });
  supervisor = (await login(gateway.url, tenant.emails.supervisor)).accessToken;
  agent = (await login(gateway.url, tenant.emails.agent)).accessToken;
  otherAdmin = (await login(gateway.url, other.emails.admin)).accessToken;
});
afterAll(() => gateway?.stop());

/** A US number of this run's own (415 is a real area code, so it has a time zone), in E.164. */
const fresh = () => `+1415555${String(Math.floor(Math.random() * 10_000)).padStart(4, '0')}`;
const national = (e164: string) => `(${e164.slice(2, 5)}) ${e164.slice(5, 8)}-${e164.slice(8)}`;

const ERROR = '__typename ... on Error { code message }';
const RESULT = `${ERROR} ... on ValidationError { fieldErrors { field message } }`;
const CREATE = `mutation ($input: CreateCampaignInput!) { createCampaign(input: $input) {
  ${RESULT} ... on MutationCreateCampaignSuccess { data { id status callsPerMinute maxConcurrentCalls
  callingWindow { start end days } retry { maxAttempts } } } } }`;
const IMPORT = `mutation ($campaignId: ID!, $file: File!, $mapping: ContactColumnMapping) {
  importCampaignContacts(campaignId: $campaignId, file: $file, mapping: $mapping, defaultCountry: "US") {
  ${RESULT} ... on MutationImportCampaignContactsSuccess { data { rows added merged doNotCall failed
  errors { line field message } } } } }`;
const CONTACTS = `query ($id: ID!, $filter: CampaignContactFilter) { campaign(id: $id) {
  contacts(filter: $filter) { totalCount nodes { phoneNumber name status consent numberTimeZones sourceLine
  variables { key value } } } } }`;
const ADD_DNC = `mutation ($input: AddDoNotCallInput!) { addDoNotCall(input: $input) {
  ${RESULT} ... on MutationAddDoNotCallSuccess { data { id phoneNumber reason source addedBy } } } }`;

const api = (query: string, variables: Record<string, unknown>, token = supervisor) =>
  graphql(gateway.url, query, variables, token);

async function createCampaign(input: Record<string, unknown> = {}, token = supervisor) {
  const response = await api(CREATE, { input: { businessId: tenant.businessId, name: 'Renewals', ...input } }, token);
  return response.data?.createCampaign;
}

/** Sends `query` as a GraphQL multipart request with `csv` as `$file`. */
async function upload(query: string, variables: Record<string, unknown>, csv: string, token = supervisor) {
  const form = new FormData();
  form.set('operations', JSON.stringify({ query, variables: { ...variables, file: null } }));
  form.set('map', JSON.stringify({ 0: ['variables.file'] }));
  form.set('0', new Blob([csv], { type: 'text/csv' }), 'contacts.csv');
  const response = await fetch(`${gateway.url}/graphql`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  // biome-ignore lint/suspicious/noExplicitAny: read loosely, like test/support/graphql.ts
  return (await response.json()) as { data?: Record<string, any>; errors?: unknown[] };
}

describe('a draft campaign', () => {
  it('is created with sensible pacing and refused field by field when its settings make no sense', async () => {
    const created = await createCampaign({ callingWindow: { start: '09:00', end: '17:30', days: [1, 2, 3, 4, 5] } });
    expect(created.data).toMatchObject({
      status: 'DRAFT',
      callingWindow: { start: '09:00', end: '17:30', days: [1, 2, 3, 4, 5] },
    });
    expect(created.data.callsPerMinute).toBeGreaterThan(0);
    expect(created.data.maxConcurrentCalls).toBeGreaterThan(0);

    const refused = await createCampaign({
      name: ' ',
      callsPerMinute: 0,
      callingWindow: { start: '18:00', end: '09:00', days: [8] },
      greeting: 'Hello {{contact.plan}}, {{nonsense}}',
    });
    expect(refused.__typename).toBe('ValidationError');
    const fields = refused.fieldErrors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(
      expect.arrayContaining(['name', 'callsPerMinute', 'callingWindow.end', 'callingWindow.days.0', 'greeting']),
    );
  });

  it('refuses to start without a calling window, and only a supervisor may create one', async () => {
    const created = await createCampaign();
    const started = await api(`mutation ($id: ID!) { startCampaign(id: $id) { ${RESULT} } }`, {
      id: created.data.id,
    });
    expect(started.data?.startCampaign.__typename).toBe('ValidationError');
    expect(started.data?.startCampaign.fieldErrors).toEqual(
      expect.arrayContaining([{ field: 'callingWindow', message: 'must be set before the campaign starts' }]),
    );
    const byAgent = await api(CREATE, { input: { businessId: tenant.businessId, name: 'x' } }, agent);
    expect(byAgent.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('importing contacts from a CSV file', () => {
  it('keeps the good rows, reports each bad one by its line, merges duplicates and marks do-not-call numbers', async () => {
    const campaign = (await createCampaign()).data;
    const [alice, bob, blocked] = [fresh(), fresh(), fresh()];
    const dnc = await api(ADD_DNC, { input: { phoneNumber: blocked, reason: 'asked by letter' } });
    expect(dnc.data?.addDoNotCall.data).toMatchObject({ phoneNumber: blocked, source: 'MANUAL' });

    const csv = [
      'Phone,Full Name,Plan Level,Consent',
      `${national(alice)},Alice Ames,gold,yes`,
      '12,Too Short,silver,yes',
      `${bob},Bob Burns,bronze,maybe`,
      `${blocked},Blocked Person,gold,yes`,
      `${alice},,platinum,`,
      `${bob},Bob Burns,bronze,no`,
    ].join('\n');
    const imported = await upload(IMPORT, { campaignId: campaign.id }, csv);
    const result = imported.data?.importCampaignContacts;
    expect(result.__typename).toBe('MutationImportCampaignContactsSuccess');
    expect(result.data).toMatchObject({ rows: 6, added: 3, merged: 1, doNotCall: 1, failed: 2 });
    expect(result.data.errors).toEqual([
      { line: 3, field: 'phoneNumber', message: expect.stringContaining('12') },
      { line: 4, field: 'consent', message: 'maybe is not yes or no' },
    ]);

    const listed = await api(CONTACTS, { id: campaign.id });
    const contacts = listed.data?.campaign.contacts;
    expect(contacts.totalCount).toBe(3);
    const byNumber = Object.fromEntries(contacts.nodes.map((c: { phoneNumber: string }) => [c.phoneNumber, c]));
    expect(byNumber[alice]).toMatchObject({
      name: 'Alice Ames',
      status: 'PENDING',
      consent: true,
      numberTimeZones: ['America/Los_Angeles'],
      sourceLine: 2,
      variables: [{ key: 'plan_level', value: 'platinum' }],
    });
    expect(byNumber[bob]).toMatchObject({ status: 'PENDING', consent: false, sourceLine: 7 });
    expect(byNumber[blocked]).toMatchObject({ status: 'SKIPPED_DNC' });

    const skipped = await api(CONTACTS, { id: campaign.id, filter: { status: ['SKIPPED_DNC'] } });
    expect(skipped.data?.campaign.contacts.nodes.map((c: { phoneNumber: string }) => c.phoneNumber)).toEqual([blocked]);
  });

  it('refuses a mapping that names a column the file does not have, importing nothing', async () => {
    const campaign = (await createCampaign()).data;
    const imported = await upload(
      IMPORT,
      { campaignId: campaign.id, mapping: { phoneNumber: 'Phone', name: 'Name' } },
      `Phone,Plan\n${fresh()},gold\n`,
    );
    expect(imported.data?.importCampaignContacts).toMatchObject({
      __typename: 'ValidationError',
      fieldErrors: [{ field: 'mapping.name', message: 'the file has no column Name' }],
    });
    expect((await api(CONTACTS, { id: campaign.id })).data?.campaign.contacts.totalCount).toBe(0);
  });

  it('previews the first rows with the mapping it suggests', async () => {
    const campaign = (await createCampaign()).data;
    const number = fresh();
    const preview = await upload(
      `query ($campaignId: ID!, $file: File!) { campaignCsvPreview(campaignId: $campaignId, file: $file) {
        ${RESULT} ... on QueryCampaignCsvPreviewSuccess { data { headers mapping { phoneNumber name variables }
        rows { line phoneNumber problems { field } } } } } }`,
      { campaignId: campaign.id },
      `Mobile,Name,Plan\n${national(number)},Ann,gold\nnope,Bo,silver\n`,
    );
    expect(preview.data?.campaignCsvPreview.data).toEqual({
      headers: ['Mobile', 'Name', 'Plan'],
      mapping: { phoneNumber: 'Mobile', name: 'Name', variables: ['Plan'] },
      rows: [
        { line: 2, phoneNumber: number, problems: [] },
        { line: 3, phoneNumber: null, problems: [{ field: 'phoneNumber' }] },
      ],
    });
  });
});

describe('adding contacts by the API', () => {
  it('adds the good ones and answers each refused one by its index', async () => {
    const campaign = (await createCampaign()).data;
    const number = fresh();
    const added = await api(
      `mutation ($id: ID!, $contacts: [CampaignContactInput!]!) { addCampaignContacts(campaignId: $id, contacts: $contacts) {
        ${RESULT} ... on MutationAddCampaignContactsSuccess { data { added merged rejected { index field } } } } }`,
      {
        id: campaign.id,
        contacts: [
          { phoneNumber: number, name: 'Cy', variables: [{ key: 'plan', value: 'gold' }] },
          { phoneNumber: 'x' },
          { phoneNumber: fresh(), timeZone: 'Mars/Olympus' },
        ],
      },
    );
    expect(added.data?.addCampaignContacts.data).toEqual({
      added: 1,
      merged: 0,
      rejected: [
        { index: 1, field: 'phoneNumber' },
        { index: 2, field: 'timeZone' },
      ],
    });
  });
});

describe('the do-not-call list', () => {
  it('is added to, searched, looked up, changed and removed from, and marks open contacts at once', async () => {
    const campaign = (await createCampaign()).data;
    const number = fresh();
    await upload(IMPORT, { campaignId: campaign.id }, `phone\n${number}\n`);

    const added = await api(ADD_DNC, { input: { phoneNumber: national(number), reason: 'Asked on the phone' } });
    const entry = added.data?.addDoNotCall.data;
    expect(entry).toMatchObject({ phoneNumber: number, reason: 'Asked on the phone', source: 'MANUAL' });
    expect((await api(CONTACTS, { id: campaign.id })).data?.campaign.contacts.nodes[0].status).toBe('SKIPPED_DNC');

    const found = await api('query ($s: String) { doNotCallEntries(search: $s) { totalCount nodes { id } } }', {
      s: 'on the phone',
    });
    expect(found.data?.doNotCallEntries.nodes.map((e: { id: string }) => e.id)).toContain(entry.id);
    const lookup = `query ($n: String!) { doNotCallLookup(phoneNumber: $n) { ${RESULT}
      ... on QueryDoNotCallLookupSuccess { data { id reason } } } }`;
    expect((await api(lookup, { n: number })).data?.doNotCallLookup.data.id).toBe(entry.id);

    const changed = await api(
      `mutation ($id: ID!) { updateDoNotCall(id: $id, reason: "By letter") { ${RESULT}
        ... on MutationUpdateDoNotCallSuccess { data { reason } } } }`,
      { id: entry.id },
    );
    expect(changed.data?.updateDoNotCall.data.reason).toBe('By letter');
    const removed = await api(
      `mutation ($id: ID!) { removeDoNotCall(id: $id) { ${ERROR} ... on MutationRemoveDoNotCallSuccess { data { id } } } }`,
      { id: entry.id },
    );
    expect(removed.data?.removeDoNotCall.data.id).toBe(entry.id);
    expect((await api(lookup, { n: number })).data?.doNotCallLookup).toBeNull();

    const invalid = await api(ADD_DNC, { input: { phoneNumber: 'call me maybe' } });
    expect(invalid.data?.addDoNotCall.fieldErrors[0].field).toBe('phoneNumber');
  });
});

describe('tenant isolation', () => {
  it("keeps a campaign and its contacts out of another organisation's reach", async () => {
    const campaign = (await createCampaign()).data;
    expect((await api('query ($id: ID!) { campaign(id: $id) { id } }', { id: campaign.id }, otherAdmin)).data).toEqual({
      campaign: null,
    });
    expect(
      (await api('{ campaigns { id } }', {}, otherAdmin)).data?.campaigns.map((c: { id: string }) => c.id),
    ).not.toContain(campaign.id);
    const imported = await upload(IMPORT, { campaignId: campaign.id }, `phone\n${fresh()}\n`, otherAdmin);
    expect(imported.data?.importCampaignContacts.code).toBe('NOT_FOUND');
    const deleted = await api(
      `mutation ($id: ID!) { deleteCampaign(id: $id) { ${ERROR} } }`,
      { id: campaign.id },
      otherAdmin,
    );
    expect(deleted.data?.deleteCampaign.code).toBe('NOT_FOUND');
  });
});
