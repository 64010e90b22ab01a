import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { recordCall } from '../../db/calls.ts';
import { testConfig, testEnv } from '../support/env.ts';
import { startGateway, type TestGateway } from '../support/gateway.ts';
import { graphql } from '../support/graphql.ts';
import { createTenant, login, type Tenant } from '../support/tenants.ts';

/**
 * Business configuration through the real gateway: create, update, archive, restore and delete, each
 * input checked field by field, numbers normalised and owned once across organisations (by the
 * database too), every change audited with before and after, instructions kept as versions.
 */
let gateway: TestGateway;
let tenant: Tenant;
let other: Tenant;
let admin: string;
let supervisor: string;
let viewer: string;
let otherAdmin: string;

/** A number of this run's own in a real US area code, as an admin would type it. */
const fresh = () => `+1 (415) 555-${String(Math.floor(Math.random() * 10_000)).padStart(4, '0')}`;
const e164 = (typed: string) => `+${typed.replace(/\D/g, '')}`;

const FIELDS = `id name type description phoneNumbers instructions greeting instructionsVersion voice model language
  timeZone escalationKeywords handoffNumber answeringMachineDetection voicemailMessage active archivedAt callCount
  callingHours { start end timeZone days } knowledgeLookup { enabled maxResults minScore }`;
const RESULT = `__typename ... on Error { code message } ... on ValidationError { fieldErrors { field message } }`;
const CREATE = `mutation ($input: CreateBusinessInput!) { createBusiness(input: $input) {
  ${RESULT} ... on MutationCreateBusinessSuccess { data { ${FIELDS} } } } }`;
const UPDATE = `mutation ($id: ID!, $input: UpdateBusinessInput!) { updateBusiness(id: $id, input: $input) {
  ${RESULT} ... on MutationUpdateBusinessSuccess { data { ${FIELDS} } } } }`;
const ARCHIVE = `mutation ($id: ID!) { archiveBusiness(id: $id) { __typename ... on Error { code message } ... on MutationArchiveBusinessSuccess { data { active archivedAt } } } }`;
const RESTORE = `mutation ($id: ID!) { restoreBusiness(id: $id) { ${RESULT} ... on MutationRestoreBusinessSuccess { data { active } } } }`;
const DELETE = `mutation ($id: ID!) { deleteBusiness(id: $id) { __typename ... on Error { code message } ... on MutationDeleteBusinessSuccess { data } } }`;

beforeAll(async () => {
  gateway = await startGateway(testConfig(testEnv()));
  tenant = await createTenant(gateway.orm, 'Businesses');
  other = await createTenant(gateway.orm, 'Other businesses');
  admin = (await login(gateway.url, tenant.emails.admin)).accessToken;
  supervisor = (await login(gateway.url, tenant.emails.supervisor)).accessToken;
  viewer = (await login(gateway.url, tenant.emails.viewer)).accessToken;
  otherAdmin = (await login(gateway.url, other.emails.admin)).accessToken;
});
afterAll(() => gateway?.stop());

const api = (query: string, variables: Record<string, unknown>, token = supervisor) =>
  graphql(gateway.url, query, variables, token);

async function create(input: Record<string, unknown>, token = supervisor) {
  const response = await api(CREATE, { input }, token);
  if (!response.data?.createBusiness) throw new Error(`createBusiness failed: ${JSON.stringify(response.errors)}`);
  return response.data.createBusiness;
}

describe('creating a business', () => {
  it('starts from its type’s template, normalises its numbers and keeps version 1 of its instructions', async () => {
    const typed = fresh();
    const created = await create({
      name: `Clinic ${randomUUID().slice(0, 6)}`,
      type: 'APPOINTMENTS',
      phoneNumbers: [typed],
    });
    expect(created.__typename).toBe('MutationCreateBusinessSuccess');
    expect(created.data).toMatchObject({
      type: 'APPOINTMENTS',
      phoneNumbers: [e164(typed)],
      instructionsVersion: 1,
      voice: 'alloy',
      model: 'gpt-realtime',
      language: 'en-US',
      timeZone: 'UTC',
      active: true,
      callCount: 0,
      knowledgeLookup: { enabled: true, maxResults: 3, minScore: 0 },
    });
    expect(created.data.instructions).toContain('appointments for {{business_name}}');
    expect(created.data.greeting).toContain('{{business_name}}');
    const history = await api(
      `query ($id: ID!) { businessConfig(id: $id) { instructionsHistory { version createdBy instructions } } }`,
      { id: created.data.id },
    );
    expect(history.data?.businessConfig.instructionsHistory).toEqual([
      { version: 1, createdBy: tenant.emails.supervisor, instructions: created.data.instructions },
    ]);
  });

  it('refuses bad input with an error on each field at fault', async () => {
    const result = await create({
      name: ' ',
      phoneNumbers: ['+1 415 555', 'not a number', '+44 20 7183 8750'],
      instructions: 'Hello {{caller_name}}, {{#business_name}}unclosed',
      greeting: 'Hi {{nope}}',
      voice: 'robot',
      model: 'gpt-4o',
      language: 'english please',
      timeZone: 'Mars/Olympus',
      handoffNumber: '12',
      callingHours: { start: '18:00', end: '09:00', days: [] },
      knowledgeLookup: { maxResults: 50, minScore: 2 },
    });
    expect(result.__typename).toBe('ValidationError');
    const fields = Object.fromEntries(
      result.fieldErrors.map((e: { field: string; message: string }) => [e.field, e.message]),
    );
    expect(fields).toMatchObject({
      name: 'is required',
      'phoneNumbers.0': 'is too short for its country',
      'phoneNumbers.1': 'is not a phone number',
      voice: expect.stringContaining('alloy'),
      model: expect.stringContaining('Realtime'),
      language: expect.stringContaining('BCP 47'),
      timeZone: expect.stringContaining('IANA'),
      handoffNumber: expect.any(String),
      'callingHours.end': 'must be after start',
      'callingHours.days': 'needs at least one day',
      'knowledgeLookup.maxResults': expect.any(String),
      'knowledgeLookup.minScore': expect.any(String),
    });
    expect(fields.instructions).toMatch(/Unclosed section|unclosed/i);
    expect(fields.greeting).toContain('{{nope}}');
    expect(fields).not.toHaveProperty('phoneNumbers.2');
    const twice = await create({ name: 'Twice', phoneNumbers: ['+44 20 7183 8750', '+442071838750'] });
    expect(twice.fieldErrors).toEqual([{ field: 'phoneNumbers.1', message: 'lists +442071838750 twice' }]);
  });

  it('reads numbers without a country code in the organisation’s country', async () => {
    const org = await api(`mutation { updateOrganization(input: { country: "GB" }) { __typename } }`, {}, admin);
    expect(org.data?.updateOrganization.__typename).toBe('MutationUpdateOrganizationSuccess');
    const created = await create({ name: `London ${randomUUID().slice(0, 6)}`, phoneNumbers: ['020 7183 8750'] });
    await api(`mutation { updateOrganization(input: { country: "" }) { __typename } }`, {}, admin);
    // The number may already be claimed by an earlier run: either way it was read as a London number.
    if (created.__typename === 'ValidationError') {
      expect(created.fieldErrors).toEqual([
        { field: 'phoneNumbers.0', message: '+442071838750 is already answered by another business' },
      ]);
    } else {
      expect(created.data.phoneNumbers).toEqual(['+442071838750']);
      await api(ARCHIVE, { id: created.data.id });
    }
  });

  it('gives a number to one business only, across organisations, and the database holds to it', async () => {
    const typed = fresh();
    const first = await create({ name: `First ${randomUUID().slice(0, 6)}`, phoneNumbers: [typed] });
    expect(first.__typename).toBe('MutationCreateBusinessSuccess');
    const elsewhere = await create({ name: 'Elsewhere', phoneNumbers: [e164(typed)] }, otherAdmin);
    expect(elsewhere).toMatchObject({
      __typename: 'ValidationError',
      fieldErrors: [{ field: 'phoneNumbers.0', message: `${e164(typed)} is already answered by another business` }],
    });
    // Written around the API, the same claim is refused by the database.
    await expect(
      gateway.orm.em
        .fork()
        .getConnection()
        .execute(
          `insert into business_config (id, organization_id, name, phone_numbers, system_prompt, created_at, updated_at)
           values (?, ?, 'Around the API', array[?], 'p', now(), now())`,
          [randomUUID(), other.organizationId, e164(typed)],
        ),
    ).rejects.toThrow(/business_phone_number_pkey/);
    // Archived, the number is free for another business; the first cannot come back while it is taken.
    expect((await api(ARCHIVE, { id: first.data.id })).data?.archiveBusiness.data.active).toBe(false);
    const taker = await create({ name: `Taker ${randomUUID().slice(0, 6)}`, phoneNumbers: [typed] }, otherAdmin);
    expect(taker.__typename).toBe('MutationCreateBusinessSuccess');
    expect((await api(RESTORE, { id: first.data.id })).data?.restoreBusiness).toMatchObject({
      __typename: 'ValidationError',
      fieldErrors: [{ field: 'phoneNumbers.0', message: `${e164(typed)} is already answered by another business` }],
    });
  });

  it('refuses a second business of the same name in the organisation', async () => {
    const name = `Twin ${randomUUID().slice(0, 6)}`;
    expect((await create({ name })).__typename).toBe('MutationCreateBusinessSuccess');
    expect(await create({ name })).toMatchObject({
      __typename: 'ValidationError',
      fieldErrors: [{ field: 'name', message: 'another business of the organisation has this name' }],
    });
  });
});

describe('changing a business', () => {
  let id: string;
  beforeAll(async () => {
    id = (await create({ name: `Changing ${randomUUID().slice(0, 6)}`, instructions: 'You help {{business_name}}.' }))
      .data.id;
  });

  it('changes every setting, makes a new instructions version and audits the before and after', async () => {
    const typed = fresh();
    const updated = await api(UPDATE, {
      id,
      input: {
        description: 'Repairs bicycles.',
        phoneNumbers: [typed],
        instructions: 'You answer for {{business_name}} ({{business_description}}).',
        greeting: 'Hello from {{business_name}}!',
        voice: 'marin',
        model: 'gpt-realtime-mini',
        language: 'de-de',
        timeZone: 'Europe/Berlin',
        escalationKeywords: ['Chef', 'Mensch'],
        handoffNumber: '+49 30 901820',
        answeringMachineDetection: true,
        voicemailMessage: 'Please call us back.',
        callingHours: { start: '09:00', end: '17:30', days: [1, 2, 3, 4, 5] },
        knowledgeLookup: { maxResults: 5, minScore: 0.2 },
      },
    });
    expect(updated.data?.updateBusiness.__typename).toBe('MutationUpdateBusinessSuccess');
    expect(updated.data?.updateBusiness.data).toMatchObject({
      description: 'Repairs bicycles.',
      phoneNumbers: [e164(typed)],
      instructionsVersion: 2,
      voice: 'marin',
      model: 'gpt-realtime-mini',
      language: 'de-DE',
      timeZone: 'Europe/Berlin',
      escalationKeywords: ['Chef', 'Mensch'],
      handoffNumber: '+4930901820',
      answeringMachineDetection: true,
      voicemailMessage: 'Please call us back.',
      callingHours: { start: '09:00', end: '17:30', timeZone: 'Europe/Berlin', days: [1, 2, 3, 4, 5] },
      knowledgeLookup: { enabled: true, maxResults: 5, minScore: 0.2 },
    });

    const log = await api(
      `{ auditLog(first: 5, filter: { operation: "updateBusiness" }) {
        ... on QueryAuditLogSuccess { data { targetId actorLabel outcome changes { field before after } } } } }`,
      {},
      admin,
    );
    const entry = log.data?.auditLog.data.find((e: { targetId: string }) => e.targetId === id);
    expect(entry).toMatchObject({ actorLabel: tenant.emails.supervisor, outcome: 'SUCCESS' });
    const changes = Object.fromEntries(
      entry.changes.map((c: { field: string; before: string; after: string }) => [c.field, [c.before, c.after]]),
    );
    expect(changes.voice).toEqual(['"alloy"', '"marin"']);
    expect(changes.instructionsVersion).toEqual(['1', '2']);
    expect(changes.language).toEqual(['"en-US"', '"de-DE"']);
    expect(changes.phoneNumbers).toEqual(['[]', JSON.stringify([e164(typed)])]);
    expect(changes).not.toHaveProperty('name');
  });

  it('keeps the history of the instructions, newest first, and makes no version when they did not change', async () => {
    await api(UPDATE, { id, input: { voice: 'alloy' } });
    await api(UPDATE, { id, input: { instructions: 'Version three for {{business_name}}.' } }, admin);
    const history = await api(
      `query ($id: ID!) { businessConfig(id: $id) { instructionsVersion instructionsHistory { version createdBy instructions greeting } } }`,
      { id },
    );
    expect(history.data?.businessConfig.instructionsVersion).toBe(3);
    expect(history.data?.businessConfig.instructionsHistory).toEqual([
      {
        version: 3,
        createdBy: tenant.emails.admin,
        instructions: 'Version three for {{business_name}}.',
        greeting: 'Hello from {{business_name}}!',
      },
      expect.objectContaining({ version: 2, createdBy: tenant.emails.supervisor }),
      expect.objectContaining({ version: 1, instructions: 'You help {{business_name}}.' }),
    ]);
  });

  it('previews the prompt the agent would get, variables filled in, and names template errors', async () => {
    const preview = await api(
      `query ($id: ID, $draft: AgentPromptDraftInput!) { previewAgentPrompt(businessId: $id, draft: $draft) {
        prompt greeting problems { field message } variables { name value } } }`,
      {
        id,
        draft: {
          instructions:
            'You are {{business_name}}; it is {{local_time}} in {{time_zone}}.{{#handoff_number}} Hand over to {{handoff_number}}.{{/handoff_number}}',
        },
      },
    );
    const result = preview.data?.previewAgentPrompt;
    const business = (await api(`query ($id: ID!) { businessConfig(id: $id) { name } }`, { id })).data?.businessConfig;
    expect(result.problems).toEqual([]);
    expect(result.prompt).toMatch(
      new RegExp(
        `^You are ${business.name}; it is \\d\\d:\\d\\d in Europe/Berlin\\. Hand over to \\+4930901820\\.\\nSpeak German \\(Germany\\)`,
      ),
    );
    expect(result.prompt).toContain(`Start the call by saying: "Hello from ${business.name}!"`);
    expect(result.variables).toContainEqual({ name: 'business_name', value: business.name });
    const broken = await api(
      `query ($draft: AgentPromptDraftInput!) { previewAgentPrompt(draft: $draft) { problems { field message } } }`,
      { draft: { instructions: 'Hi {{who}}' } },
    );
    expect(broken.data?.previewAgentPrompt.problems).toEqual([
      { field: 'instructions', message: expect.stringContaining('{{who}}') },
    ]);
  });

  it('clears optional settings with empty values', async () => {
    const cleared = await api(UPDATE, {
      id,
      input: { handoffNumber: '', voicemailMessage: '', greeting: '', clearCallingHours: true },
    });
    expect(cleared.data?.updateBusiness.data).toMatchObject({
      handoffNumber: null,
      voicemailMessage: null,
      greeting: null,
      callingHours: null,
    });
  });

  it('is not found in another organisation, and not changeable by a viewer', async () => {
    const elsewhere = await api(UPDATE, { id, input: { voice: 'ash' } }, otherAdmin);
    expect(elsewhere.data?.updateBusiness).toMatchObject({ __typename: 'NotFoundError' });
    const denied = await api(UPDATE, { id, input: { voice: 'ash' } }, viewer);
    expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('archiving and deleting', () => {
  it('archives a business with calls (it keeps them) and refuses to delete it', async () => {
    const business = await create({ name: `With calls ${randomUUID().slice(0, 6)}`, phoneNumbers: [fresh()] });
    await recordCall(gateway.orm.em, {
      id: randomUUID(),
      organizationId: tenant.organizationId,
      businessId: business.data.id,
      direction: 'inbound',
      fromNumber: '+14155550100',
      toNumber: business.data.phoneNumbers[0],
    });
    expect((await api(DELETE, { id: business.data.id })).data?.deleteBusiness).toMatchObject({
      __typename: 'ConflictError',
      message: expect.stringContaining('has 1 call: archive it instead'),
    });
    const archived = await api(ARCHIVE, { id: business.data.id });
    expect(archived.data?.archiveBusiness.data).toMatchObject({ active: false, archivedAt: expect.any(String) });
    const listed = await api(
      `{ active: businessConfigs { id } all: businessConfigs(includeInactive: true) { id callCount } }`,
      {},
    );
    expect(listed.data?.active.map((b: { id: string }) => b.id)).not.toContain(business.data.id);
    expect(listed.data?.all).toContainEqual({ id: business.data.id, callCount: 1 });
    const started = await api(`mutation ($i: StartCallInput!) { startCall(input: $i) { __typename } }`, {
      i: { businessId: business.data.id, toNumber: '+15550100000' },
    });
    expect(started.data?.startCall.__typename).toBe('NotFoundError');
    expect((await api(RESTORE, { id: business.data.id })).data?.restoreBusiness.data.active).toBe(true);
  });

  it('deletes a business that never had a call', async () => {
    const business = await create({ name: `Never called ${randomUUID().slice(0, 6)}` });
    expect((await api(DELETE, { id: business.data.id })).data?.deleteBusiness.data).toBe(business.data.id);
    expect(
      (await api(`query ($id: ID!) { businessConfig(id: $id) { id } }`, { id: business.data.id })).data?.businessConfig,
    ).toBeNull();
  });
});
