import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { openCredentials, rotateSecrets } from '../../db/credentials.ts';
import { OrganizationCredential } from '../../db/entities/index.ts';
import { Encryption } from '../../lib/encryption.ts';
import { testConfig, testEnv } from '../support/env.ts';
import { startGateway, type TestGateway } from '../support/gateway.ts';
import { graphql } from '../support/graphql.ts';
import { createTenant, login, type Tenant } from '../support/tenants.ts';

/**
 * An organisation's own credentials through the real gateway: sealed at rest (the test reads the raw
 * column), shown only as their last four characters, audited without their values, and re-sealed
 * under a new master key by the rotation command's code.
 */
const OLD_KEY = { id: 'old', key: randomBytes(32) };
const NEW_KEY = { id: 'new', key: randomBytes(32) };
const keysEnv = (...keys: { id: string; key: Buffer }[]) =>
  keys.map((k) => `${k.id}:${k.key.toString('base64')}`).join(',');

let gateway: TestGateway;
let tenant: Tenant;
let admin: string;
let supervisor: string;

const AUTH_TOKEN = `tok${randomBytes(14).toString('hex')}wxyz`;
const API_KEY = `sk-test-${randomBytes(12).toString('hex')}k3y9`;
const SMTP_PASSWORD = `pw-${randomBytes(8).toString('hex')}-p4ss`;
const ACCOUNT_SID = `AC${randomBytes(16).toString('hex')}`;

const STATUS =
  'integration usingPlatformDefault platformAccount accountSid host port username from secretLastFour version';
const api = (query: string, variables: Record<string, unknown> = {}, token = admin) =>
  graphql(gateway.url, query, variables, token);

beforeAll(async () => {
  gateway = await startGateway(testConfig(testEnv({ ENCRYPTION_KEYS: keysEnv(OLD_KEY) })));
  tenant = await createTenant(gateway.orm, 'Credentials');
  admin = (await login(gateway.url, tenant.emails.admin)).accessToken;
  supervisor = (await login(gateway.url, tenant.emails.supervisor)).accessToken;
});
afterAll(() => gateway?.stop());

const rawRows = () =>
  gateway.orm.em
    .fork()
    .getConnection()
    .execute<{ integration: string; settings: unknown; sealed_secret: string; secret_last_four: string }[]>(
      'select integration, settings, sealed_secret, secret_last_four from organization_credential where organization_id = ? order by integration',
      [tenant.organizationId],
    );

describe("an organisation's own credentials", () => {
  it("start as the platform's defaults", async () => {
    const { data } = await api(`{ integrations { ${STATUS} } }`);
    expect(data?.integrations).toEqual([
      expect.objectContaining({ integration: 'TWILIO', usingPlatformDefault: true, secretLastFour: null }),
      expect.objectContaining({ integration: 'OPENAI', usingPlatformDefault: true }),
      expect.objectContaining({ integration: 'SMTP', usingPlatformDefault: true }),
    ]);
  });

  it('are stored sealed, answered with their last four characters only, and unreadable in the database', async () => {
    const twilio = await api(
      `mutation ($i: TwilioCredentialsInput!) { updateTwilioCredentials(input: $i) { __typename ... on MutationUpdateTwilioCredentialsSuccess { data { ${STATUS} } } } }`,
      { i: { accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN } },
    );
    expect(twilio.data?.updateTwilioCredentials.data).toMatchObject({
      usingPlatformDefault: false,
      accountSid: ACCOUNT_SID,
      secretLastFour: 'wxyz',
      version: 1,
    });
    await api(`mutation ($k: String!) { updateOpenAiCredentials(input: { apiKey: $k }) { __typename } }`, {
      k: API_KEY,
    });
    await api(
      `mutation ($p: String!) { updateSmtpSettings(input: { host: "smtp.example.com", port: 587, username: "alerts", password: $p, from: "Alerts <alerts@example.com>" }) { __typename } }`,
      { p: SMTP_PASSWORD },
    );

    const rows = await rawRows();
    expect(rows.map((r) => r.integration)).toEqual(['openai', 'smtp', 'twilio']);
    const everything = JSON.stringify(rows);
    for (const secret of [AUTH_TOKEN, API_KEY, SMTP_PASSWORD]) {
      expect(everything).not.toContain(secret);
      expect(everything).not.toContain(Buffer.from(secret).toString('base64'));
    }
    for (const row of rows) expect(row.sealed_secret).toMatch(/^v1:old:[A-Za-z0-9_-]+$/);
    expect(rows.map((r) => r.secret_last_four)).toEqual(['k3y9', 'p4ss', 'wxyz']);

    // Nothing in the API answers more than the last four characters.
    const listed = await api(`{ integrations { ${STATUS} lastTest { ok } } }`);
    expect(JSON.stringify(listed)).not.toMatch(new RegExp([AUTH_TOKEN, API_KEY, SMTP_PASSWORD].join('|')));
    expect(listed.data?.integrations[2]).toMatchObject({
      host: 'smtp.example.com',
      port: 587,
      username: 'alerts',
      secretLastFour: 'p4ss',
    });
  });

  it('open only for their own organisation and purpose', async () => {
    const encryption = new Encryption([OLD_KEY]);
    const row = await gateway.orm.em
      .fork()
      .findOneOrFail(OrganizationCredential, { organization: tenant.organizationId, integration: 'twilio' });
    expect(openCredentials<'twilio'>(encryption, row)).toEqual({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN });
    expect(() => encryption.open(crypto.randomUUID(), 'credential:twilio', row.sealedSecret!)).toThrow(/does not open/);
    expect(() => encryption.open(tenant.organizationId, 'credential:openai', row.sealedSecret!)).toThrow(
      /does not open/,
    );
    const tampered = `${row.sealedSecret!.slice(0, -2)}${row.sealedSecret!.endsWith('A') ? 'B' : 'A'}A`;
    expect(() => encryption.open(tenant.organizationId, 'credential:twilio', tampered)).toThrow(/does not open/);
  });

  it('are audited with what changed, never with the secret', async () => {
    await api(`mutation ($i: TwilioCredentialsInput!) { updateTwilioCredentials(input: $i) { __typename } }`, {
      i: { accountSid: ACCOUNT_SID, authToken: `${AUTH_TOKEN.slice(0, -4)}9876` },
    });
    const log = await api(
      `{ auditLog(first: 20) { ... on QueryAuditLogSuccess { data { operation changes { field before after } } } } }`,
    );
    const entries = log.data?.auditLog.data.filter((e: { operation: string }) => /Credentials|Smtp/.test(e.operation));
    expect(entries.length).toBeGreaterThanOrEqual(4);
    expect(JSON.stringify(entries)).not.toMatch(new RegExp([AUTH_TOKEN, API_KEY, SMTP_PASSWORD].join('|')));
    const latest = entries.find((e: { operation: string }) => e.operation === 'updateTwilioCredentials');
    expect(latest.changes).toEqual([{ field: 'secret', before: '"••••wxyz"', after: '"••••9876"' }]);
  });

  it('refuse malformed values field by field, and are for admins only', async () => {
    const bad = await api(
      `mutation { updateTwilioCredentials(input: { accountSid: "AB12", authToken: "short" }) { __typename ... on ValidationError { fieldErrors { field } } } }`,
    );
    expect(bad.data?.updateTwilioCredentials.fieldErrors.map((e: { field: string }) => e.field)).toEqual([
      'accountSid',
      'authToken',
    ]);
    const key = await api(
      `mutation { updateOpenAiCredentials(input: { apiKey: "not-an-openai-key-at-all" }) { __typename ... on ValidationError { fieldErrors { field message } } } }`,
    );
    expect(key.data?.updateOpenAiCredentials.fieldErrors).toEqual([
      { field: 'apiKey', message: 'must be an OpenAI API key (it starts with sk-)' },
    ]);
    const denied = await api(`{ integrations { integration } }`, {}, supervisor);
    expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('are re-sealed under a new master key, and still open with it alone', async () => {
    const rotated = await rotateSecrets(gateway.orm, new Encryption([NEW_KEY, OLD_KEY]));
    expect(rotated.resealed).toBeGreaterThanOrEqual(3);
    // Other test runs' secrets, sealed under keys this test does not hold, are reported and left alone.
    expect(rotated.failed.filter((f) => f.organizationId === tenant.organizationId)).toEqual([]);
    const rows = await rawRows();
    for (const row of rows) expect(row.sealed_secret).toMatch(/^v1:new:/);
    const onlyNew = new Encryption([NEW_KEY]);
    const mine = await gateway.orm.em.fork().find(OrganizationCredential, { organization: tenant.organizationId });
    expect(mine.map((r) => openCredentials(onlyNew, r))).toEqual(
      expect.arrayContaining([
        { accountSid: ACCOUNT_SID, authToken: `${AUTH_TOKEN.slice(0, -4)}9876` },
        { apiKey: API_KEY },
        expect.objectContaining({ host: 'smtp.example.com', password: SMTP_PASSWORD }),
      ]),
    );
    // Running it again finds nothing left to do.
    expect(await rotateSecrets(gateway.orm, new Encryption([NEW_KEY, OLD_KEY]))).toMatchObject({ resealed: 0 });
  });

  it('are forgotten on request, and the platform default applies again', async () => {
    const removed = await api(
      `mutation { removeCredentials(integration: OPENAI) { usingPlatformDefault secretLastFour } }`,
    );
    expect(removed.data?.removeCredentials).toEqual({ usingPlatformDefault: true, secretLastFour: null });
    const { data } = await api(`{ integrations { integration usingPlatformDefault } }`);
    expect(data?.integrations[1]).toEqual({ integration: 'OPENAI', usingPlatformDefault: true });
  });
});
