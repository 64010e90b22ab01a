import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { recordCall } from '../../db/calls.ts';
import { addContacts, type NewContact } from '../../db/campaigns.ts';
import type { StoredExtraction } from '../../db/entities/index.ts';
import { Campaign } from '../../db/entities/index.ts';
import { personCallIds, personContactIds, personLookup } from '../../db/person-data.ts';
import {
  contactVariablesOf,
  extractionPurpose,
  openExtraction,
  resealCallNotes,
  resealContactVariables,
  resealExtractions,
  resealWebhookEvents,
  sealExtraction,
} from '../../db/sealed-columns.ts';
import { recordWebhookEvent, webhookEventBody } from '../../db/webhooks.ts';
import { DecryptionError, Encryption } from '../../lib/encryption.ts';
import type { PersonSubject } from '../../workflows/definitions/person-requests.ts';
import { testConfig, testEnv } from '../support/env.ts';
import { startGateway, type TestGateway } from '../support/gateway.ts';
import { graphql } from '../support/graphql.ts';
import { createTenant, login, type Tenant } from '../support/tenants.ts';

/**
 * Sealed columns. Call extractions sealed at rest beside a blind index of the emails and numbers in them: the raw
 * row holds neither, the API opens it, a person's lookup finds the call by their email or number
 * through the digests, and a master key rotation re-seals and re-indexes it (sealing one written in
 * plaintext before extractions were sealed). A note marked sensitive is sealed the same way, and a
 * webhook event that carries an extraction is sealed too.
 */
const OLD_KEY = { id: 'old', key: randomBytes(32) };
const NEW_KEY = { id: 'new', key: randomBytes(32) };
const JANE = 'Jane.Doe@Example.com';
const JANE_PHONE = '+44 20 7946 0958';
const BOB = 'bob.stone@example.org';

const extractionOf = (data: Record<string, unknown>): StoredExtraction => ({
  status: 'valid',
  schemaName: 'Contact details',
  schemaHash: 'test',
  data,
  rejected: null,
  fields: [],
  provenance: [],
  errors: [],
  gaps: [],
  source: 'llm',
  notes: [],
});
const ANALYSIS = `query ($id: ID!) { call(id: $id) { analysis { extraction { status data } } } }`;

let gateway: TestGateway;
let tenant: Tenant;
let other: Tenant;
let supervisor: string;
const old = new Encryption([OLD_KEY]);
const renewed = new Encryption([NEW_KEY]);
const sealedCall = randomUUID();
const legacyCall = randomUUID();

async function callOf(t: Tenant, id: string) {
  await recordCall(gateway.orm.em, {
    id,
    organizationId: t.organizationId,
    businessId: t.businessId,
    direction: 'inbound',
    fromNumber: '+15550107777',
    toNumber: t.businessNumber,
  });
}

async function insertAnalysis(callId: string, organizationId: string, columns: Record<string, unknown>) {
  await gateway.orm.em.fork().execute(
    `insert into call_analysis (id, call_id, organization_id, action_items, notes, extraction, sealed_extraction,
       identifier_digests, created_at, updated_at)
     values (?, ?, ?, '[]', '[]', ?::jsonb, ?, ?::text[], now(), now())`,
    [
      randomUUID(),
      callId,
      organizationId,
      columns.extraction ? JSON.stringify(columns.extraction) : null,
      columns.sealed ?? null,
      `{${((columns.digests as string[]) ?? []).join(',')}}`,
    ],
  );
}

const raw = async (callId: string) =>
  (
    await gateway.orm.em
      .fork()
      .execute<{ extraction: unknown; sealed_extraction: string | null; identifier_digests: string[] }[]>(
        'select extraction, sealed_extraction, identifier_digests from call_analysis where call_id = ?',
        [callId],
      )
  )[0]!;

const found = (encryption: Encryption, subject: PersonSubject, organizationId = tenant.organizationId) =>
  personCallIds(gateway.orm.em.fork(), organizationId, personLookup(encryption, organizationId, subject), {
    limit: 10,
  });

async function apiExtraction(callId: string) {
  const { data, errors } = await graphql(gateway.url, ANALYSIS, { id: callId }, supervisor);
  if (!data) throw new Error(JSON.stringify(errors));
  const extraction = data.call.analysis.extraction as { status: string; data: string };
  return { status: extraction.status, data: JSON.parse(extraction.data) };
}

beforeAll(async () => {
  // Every process holds both keys while a rotation runs.
  const keys = [NEW_KEY, OLD_KEY].map((k) => `${k.id}:${k.key.toString('base64')}`).join(',');
  gateway = await startGateway(testConfig(testEnv({ ENCRYPTION_KEYS: keys })));
  tenant = await createTenant(gateway.orm, 'Sealed extractions');
  other = await createTenant(gateway.orm, 'Sealed extractions, another');
  supervisor = (await login(gateway.url, tenant.emails.supervisor)).accessToken;
  await callOf(tenant, sealedCall);
  await callOf(tenant, legacyCall);
  // Sealed before the rotation, under the old key; the other written before extractions were sealed.
  const sealed = sealExtraction(
    old,
    tenant.organizationId,
    sealedCall,
    extractionOf({ name: 'Jane Doe', email: JANE, phone: JANE_PHONE, employers: ['Acme Ltd'] }),
  );
  await insertAnalysis(sealedCall, tenant.organizationId, {
    sealed: sealed.sealedExtraction,
    digests: sealed.identifierDigests,
  });
  await insertAnalysis(legacyCall, tenant.organizationId, {
    extraction: extractionOf({ name: 'Bob Stone', email: BOB }),
  });
});
afterAll(() => gateway?.stop());

describe('sealed call extractions', () => {
  it('hold neither the data nor the identifiers in the row, and open through the API', async () => {
    const row = await raw(sealedCall);
    expect(row.extraction).toBeNull();
    expect(row.sealed_extraction).toMatch(/^v1:old:/);
    expect(row.sealed_extraction).not.toMatch(/Jane|Acme|7946/i);
    // One digest each for the email (lower-cased) and the number (E.164), neither in plaintext.
    expect(row.identifier_digests).toEqual(
      expect.arrayContaining([
        old.blindIndex(tenant.organizationId, 'jane.doe@example.com'),
        old.blindIndex(tenant.organizationId, '+442079460958'),
      ]),
    );
    expect(row.identifier_digests).toHaveLength(2);
    expect(await apiExtraction(sealedCall)).toEqual({
      status: 'VALID',
      data: { name: 'Jane Doe', email: JANE, phone: JANE_PHONE, employers: ['Acme Ltd'] },
    });
    expect((await apiExtraction(legacyCall)).data).toEqual({ name: 'Bob Stone', email: BOB });
  });

  it('opens only for its own organisation and call, and digests differ between organisations', () => {
    const { sealedExtraction } = sealExtraction(old, tenant.organizationId, sealedCall, extractionOf({ a: 1 }));
    const open = (organizationId: string, callId: string) =>
      openExtraction(old, { organizationId, callId, extraction: null, sealedExtraction });
    expect(open(tenant.organizationId, sealedCall)?.data).toEqual({ a: 1 });
    expect(() => open(other.organizationId, sealedCall)).toThrow(DecryptionError);
    expect(() => open(tenant.organizationId, legacyCall)).toThrow(DecryptionError);
    expect(() => old.open(tenant.organizationId, extractionPurpose(legacyCall), sealedExtraction)).toThrow(
      DecryptionError,
    );
    expect(old.blindIndex(tenant.organizationId, BOB)).not.toBe(old.blindIndex(other.organizationId, BOB));
  });

  it('lets a person’s lookup find the call by their email or number through the digests', async () => {
    const gatewayKeys = gateway.encryption;
    expect(await found(gatewayKeys, { kind: 'email', value: 'jane.doe@example.com' })).toEqual([sealedCall]);
    expect(await found(gatewayKeys, { kind: 'phone', value: '+442079460958' })).toEqual([sealedCall]);
    // Written in plaintext before sealing: still found, by its text.
    expect(await found(gatewayKeys, { kind: 'email', value: BOB })).toEqual([legacyCall]);
    expect(await found(gatewayKeys, { kind: 'email', value: 'nobody@example.com' })).toEqual([]);
    // Indexed under the old key, so a process holding only the new one does not find it yet.
    expect(await found(renewed, { kind: 'email', value: 'jane.doe@example.com' })).toEqual([]);
  });

  it('are re-sealed and re-indexed under the new key by the rotation, the plaintext one sealed, once', async () => {
    const first = await resealExtractions(gateway.orm, gateway.encryption, 1);
    // Other test runs' extractions, sealed under keys this test does not hold, are reported and left alone.
    expect(first.failed.filter((f) => f.organizationId === tenant.organizationId)).toEqual([]);
    expect(first.resealed).toBeGreaterThanOrEqual(2);
    for (const callId of [sealedCall, legacyCall]) {
      const row = await raw(callId);
      expect(row.extraction).toBeNull();
      expect(row.sealed_extraction).toMatch(/^v1:new:/);
      expect(row.sealed_extraction).not.toMatch(/Jane|Bob|example/i);
    }
    expect((await raw(legacyCall)).identifier_digests).toEqual([renewed.blindIndex(tenant.organizationId, BOB)]);
    // The old key can go: the new one alone opens and finds both.
    expect(
      openExtraction(renewed, {
        organizationId: tenant.organizationId,
        callId: legacyCall,
        extraction: null,
        sealedExtraction: (await raw(legacyCall)).sealed_extraction,
      })?.data,
    ).toEqual({ name: 'Bob Stone', email: BOB });
    expect(await found(renewed, { kind: 'email', value: 'jane.doe@example.com' })).toEqual([sealedCall]);
    expect(await found(renewed, { kind: 'email', value: BOB })).toEqual([legacyCall]);
    expect((await apiExtraction(sealedCall)).data.name).toBe('Jane Doe');
    expect((await resealExtractions(gateway.orm, gateway.encryption)).resealed).toBe(0);
  });
});

describe('sealed webhook events', () => {
  it('keep a body that carries personal data sealed, send it opened, and move with the rotation', async () => {
    const { eventId } = await gateway.orm.em.fork().transactional((tx) =>
      recordWebhookEvent(tx, {
        organizationId: tenant.organizationId,
        type: 'call.analyzed',
        eventKey: `call.analyzed:${randomUUID()}`,
        data: { extraction: { email: JANE } },
        sealWith: old,
      }),
    );
    const rowOf = async () =>
      (
        await gateway.orm.em
          .fork()
          .execute<{ id: string; organization_id: string; payload: unknown; sealed_payload: string }[]>(
            'select id, organization_id, payload, sealed_payload from webhook_event where id = ?',
            [eventId],
          )
      )[0]!;
    const before = await rowOf();
    expect(before.payload).toBeNull();
    expect(before.sealed_payload).toMatch(/^v1:old:/);
    expect(before.sealed_payload).not.toContain('Jane');
    const body = (e: typeof before, encryption: Encryption) =>
      JSON.parse(
        webhookEventBody(encryption, {
          id: e.id,
          organization: { id: e.organization_id },
          payload: null,
          sealedPayload: e.sealed_payload,
        }),
      );
    expect(body(before, gateway.encryption)).toMatchObject({
      type: 'call.analyzed',
      data: { extraction: { email: JANE } },
    });
    const rotated = await resealWebhookEvents(gateway.orm, gateway.encryption);
    expect(rotated.failed.filter((f) => f.organizationId === tenant.organizationId)).toEqual([]);
    expect(rotated.resealed).toBeGreaterThanOrEqual(1);
    const after = await rowOf();
    expect(after.sealed_payload).toMatch(/^v1:new:/);
    expect(body(after, renewed).data).toEqual({ extraction: { email: JANE } });
    expect((await resealWebhookEvents(gateway.orm, gateway.encryption)).resealed).toBe(0);
  });
});

const ADD_NOTE = `mutation ($c: ID!, $i: CallNoteInput!) { addCallNote(callId: $c, input: $i) {
  __typename ... on MutationAddCallNoteSuccess { data { id body sensitive } } ... on Error { message } } }`;
const UPDATE_NOTE = `mutation ($id: ID!, $i: CallNoteInput!) { updateCallNote(id: $id, input: $i) {
  __typename ... on MutationUpdateCallNoteSuccess { data { id body sensitive } } ... on Error { message } } }`;

describe('sensitive call notes', () => {
  const noteCall = randomUUID();
  const rawNote = async (id: string) =>
    (
      await gateway.orm.em
        .fork()
        .execute<
          { body: string | null; sensitive: boolean; sealed_body: string | null; identifier_digests: string[] }[]
        >('select body, sensitive, sealed_body, identifier_digests from call_note where id = ?', [id])
    )[0]!;
  const gql = async (query: string, variables: Record<string, unknown>) => {
    const { data, errors } = await graphql(gateway.url, query, variables, supervisor);
    if (!data) throw new Error(JSON.stringify(errors));
    return data;
  };

  it('are sealed at rest with their identifiers indexed, read in the clear, and keep their mark on edit', async () => {
    await callOf(tenant, noteCall);
    const text = 'Caller is moving; write to carla.mendes@example.net or call +44 20 7946 0111.';
    const added = (await gql(ADD_NOTE, { c: noteCall, i: { body: text, sensitive: true } })).addCallNote.data;
    expect(added).toMatchObject({ body: text, sensitive: true });
    const row = await rawNote(added.id);
    expect(row.body).toBeNull();
    expect(row.sealed_body).toMatch(/^v1:new:/);
    expect(row.sealed_body).not.toMatch(/carla|moving|7946/i);
    expect(row.identifier_digests.sort()).toEqual(
      [
        renewed.blindIndex(tenant.organizationId, 'carla.mendes@example.net'),
        renewed.blindIndex(tenant.organizationId, '+442079460111'),
      ].sort(),
    );
    expect(await found(gateway.encryption, { kind: 'email', value: 'carla.mendes@example.net' })).toEqual([noteCall]);
    expect(await found(gateway.encryption, { kind: 'phone', value: '+442079460111' })).toEqual([noteCall]);

    // An edit that leaves the mark out keeps the note sealed; clearing it stores the note in the clear.
    const edited = 'Caller moved; write to carla.mendes@example.net.';
    const kept = (await gql(UPDATE_NOTE, { id: added.id, i: { body: edited } })).updateCallNote.data;
    expect(kept).toMatchObject({ body: edited, sensitive: true });
    expect((await rawNote(added.id)).sealed_body).not.toContain('carla');
    const plain = (await gql(UPDATE_NOTE, { id: added.id, i: { body: 'Nothing personal.', sensitive: false } }))
      .updateCallNote.data;
    expect(plain).toMatchObject({ body: 'Nothing personal.', sensitive: false });
    expect(await rawNote(added.id)).toMatchObject({
      body: 'Nothing personal.',
      sealed_body: null,
      identifier_digests: [],
    });
    expect(await found(gateway.encryption, { kind: 'email', value: 'carla.mendes@example.net' })).toEqual([]);

    // A sensitive note sealed under the old key is re-sealed and re-indexed by the rotation.
    const again = (await gql(ADD_NOTE, { c: noteCall, i: { body: 'Reach carla@example.net.', sensitive: true } }))
      .addCallNote.data;
    await gateway.orm.em
      .fork()
      .execute('update call_note set sealed_body = ?, identifier_digests = ? where id = ?', [
        old.seal(tenant.organizationId, `call-note:${again.id}`, 'Reach carla@example.net.'),
        `{${old.blindIndex(tenant.organizationId, 'carla@example.net')}}`,
        again.id,
      ]);
    const rotated = await resealCallNotes(gateway.orm, gateway.encryption);
    expect(rotated.failed.filter((f) => f.organizationId === tenant.organizationId)).toEqual([]);
    expect((await rawNote(again.id)).sealed_body).toMatch(/^v1:new:/);
    expect(await found(renewed, { kind: 'email', value: 'carla@example.net' })).toEqual([noteCall]);
    const notes = (await gql('query ($id: ID!) { call(id: $id) { notes { id body } } }', { id: noteCall })).call.notes;
    expect(notes).toContainEqual({ id: again.id, body: 'Reach carla@example.net.' });
  });
});

describe('campaign contacts’ variables', () => {
  const contact = (phoneNumber: string, variables: Record<string, string>, name: string | null = null): NewContact => ({
    phoneNumber,
    name,
    timeZone: null,
    numberTimeZones: [],
    variables,
    consent: null,
    sourceLine: null,
  });
  const rawContacts = async (campaignId: string) =>
    gateway.orm.em.fork().execute<
      {
        id: string;
        phone_number: string;
        variables: Record<string, string>;
        sealed_variables: string | null;
        identifier_digests: string[];
      }[]
    >(
      'select id, phone_number, variables, sealed_variables, identifier_digests from campaign_contact where campaign_id = ? order by phone_number',
      [campaignId],
    );
  const opened = (campaignId: string, row: Awaited<ReturnType<typeof rawContacts>>[number], encryption: Encryption) =>
    contactVariablesOf(encryption, tenant.organizationId, {
      campaignId,
      phoneNumber: row.phone_number,
      variables: row.variables,
      sealedVariables: row.sealed_variables,
    });
  const contactsOf = (encryption: Encryption, subject: PersonSubject) =>
    personContactIds(
      gateway.orm.em.fork(),
      tenant.organizationId,
      personLookup(encryption, tenant.organizationId, subject),
    );

  it('are sealed with their identifiers indexed, merged in code when a number comes again, and rotated', async () => {
    const em = gateway.orm.em.fork();
    const campaign = em.create(Campaign, {
      organization: tenant.organizationId,
      business: tenant.businessId,
      name: 'Sealed variables',
    });
    await em.flush();
    const target = { id: campaign.id, organizationId: tenant.organizationId };
    const added = await gateway.orm.em
      .fork()
      .transactional((tx) =>
        addContacts(tx, gateway.encryption, target, [
          contact('+15550108001', { plan: 'gold', email: 'dana.kim@example.com' }),
          contact('+15550108002', {}),
          contact('+15550108001', { renewal: 'march' }),
        ]),
      );
    expect(added).toMatchObject({ added: 2, merged: 1 });
    // A later batch merges into the contact the campaign has: old variables kept, new ones added or changed.
    const again = await gateway.orm.em
      .fork()
      .transactional((tx) =>
        addContacts(tx, gateway.encryption, target, [contact('+15550108001', { plan: 'platinum' })]),
      );
    expect(again).toMatchObject({ added: 0, merged: 1 });
    const [dana, empty] = await rawContacts(campaign.id);
    expect(dana!.variables).toEqual({});
    expect(dana!.sealed_variables).toMatch(/^v1:new:/);
    expect(dana!.sealed_variables).not.toMatch(/dana|gold|platinum|march/i);
    expect(opened(campaign.id, dana!, gateway.encryption)).toEqual({
      plan: 'platinum',
      email: 'dana.kim@example.com',
      renewal: 'march',
    });
    expect(empty).toMatchObject({ variables: {}, sealed_variables: null, identifier_digests: [] });
    expect(dana!.identifier_digests).toEqual([renewed.blindIndex(tenant.organizationId, 'dana.kim@example.com')]);
    expect(await contactsOf(gateway.encryption, { kind: 'email', value: 'dana.kim@example.com' })).toEqual([dana!.id]);

    // Variables written in plaintext before they were sealed are found by their text, then sealed by the rotation.
    await gateway.orm.em
      .fork()
      .execute(`update campaign_contact set variables = '{"email": "lee@example.com"}' where id = ?`, [empty!.id]);
    expect(await contactsOf(gateway.encryption, { kind: 'email', value: 'lee@example.com' })).toEqual([empty!.id]);
    const rotated = await resealContactVariables(gateway.orm, gateway.encryption);
    expect(rotated.failed.filter((f) => f.organizationId === tenant.organizationId)).toEqual([]);
    const [, lee] = await rawContacts(campaign.id);
    expect(lee).toMatchObject({ variables: {}, sealed_variables: expect.stringMatching(/^v1:new:/) });
    expect(opened(campaign.id, lee!, renewed)).toEqual({ email: 'lee@example.com' });
    expect(await contactsOf(renewed, { kind: 'email', value: 'lee@example.com' })).toEqual([empty!.id]);
    expect((await resealContactVariables(gateway.orm, gateway.encryption)).resealed).toBe(0);
  });
});
