import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type RealtimeSimulator, startRealtimeSimulator } from '../../scripts/simulators/realtime.ts';
import { simulatorTls } from '../../scripts/simulators/tls.ts';
import { testConfig, testEnv } from '../support/env.ts';
import { startGateway, type TestGateway } from '../support/gateway.ts';
import { graphql } from '../support/graphql.ts';
import { type MailServer, startMailServer } from '../support/mail.ts';
import { type RunningProcess, startProcess } from '../support/processes.ts';
import { startTelephony } from '../support/telephony.ts';
import { createTenant, login, type Tenant } from '../support/tenants.ts';

/**
 * Every connection test really tries its integration, against the simulators, a real SMTP server,
 * Weaviate and Temporal: success with the right credentials, and with a wrong one a failure that says
 * which check failed and what to do.
 */
let telephony: Awaited<ReturnType<typeof startTelephony>>;
let realtime: RealtimeSimulator;
let mail: MailServer;
let gateway: TestGateway;
let broken: TestGateway;
let worker: RunningProcess;
let tenant: Tenant;
let admin: string;
let brokenAdmin: string;

const OWN_ACCOUNT = { accountSid: `AC${randomBytes(16).toString('hex')}`, authToken: randomBytes(16).toString('hex') };
const OWN_NUMBER = '+15553330001';
const OWN_KEY = `sk-org-${randomBytes(12).toString('hex')}`;
const SMTP_USER = { username: 'alerts', password: `pw-${randomBytes(6).toString('hex')}` };

const RESULT = 'ok account checks { name ok detail hint }';

beforeAll(async () => {
  const tls = simulatorTls(join(tmpdir(), 'callplatform-test-tls'));
  realtime = await startRealtimeSimulator({ tls, apiKeys: ['simulator', OWN_KEY] });
  telephony = await startTelephony();
  telephony.sim.addAccount({ ...OWN_ACCOUNT, friendlyName: 'Own account', phoneNumbers: [OWN_NUMBER] });
  mail = await startMailServer({ users: { [SMTP_USER.username]: SMTP_USER.password } });
  const env = testEnv({
    ...telephony.env,
    OPENAI_BASE_URL: realtime.baseUrl,
    OPENAI_CA_FILE: tls.certPath,
    SMTP_URL: mail.smtpUrl,
  });
  gateway = await startGateway(testConfig(env));
  // A worker polling the gateway's task queue, as in production.
  worker = startProcess('worker.ts', env);
  await worker.waitForLog('worker started');
  broken = await startGateway(
    testConfig(
      testEnv({
        TEMPORAL_NAMESPACE: `no-such-namespace-${randomBytes(3).toString('hex')}`,
        WEAVIATE_URL: 'http://127.0.0.1:9',
      }),
    ),
  );
  tenant = await createTenant(gateway.orm, 'Connections');
  admin = (await login(gateway.url, tenant.emails.admin)).accessToken;
  brokenAdmin = (await login(broken.url, tenant.emails.admin)).accessToken;
});
afterAll(async () => {
  await broken?.stop();
  await gateway?.stop();
  await worker?.stop();
  await telephony?.sim.stop();
  await realtime?.stop();
  await mail?.stop();
});

/** Runs a connection test mutation; `args` is `variable definitions|arguments`. Tests of the platform take no input and answer no errors. */
const test = async (
  field: string,
  args: string,
  variables: Record<string, unknown> = {},
  on = gateway,
  token = admin,
) => {
  const [definitions, values] = args ? args.split('|') : [];
  const union = !/Weaviate|Temporal/.test(field);
  const selection = union
    ? `{ __typename ... on Mutation${field[0]!.toUpperCase()}${field.slice(1)}Success { data { ${RESULT} } } ... on Error { message } }`
    : `{ ${RESULT} }`;
  const response = await graphql(
    on.url,
    `mutation ${definitions ? `(${definitions})` : ''} { ${field}${values ? `(${values})` : ''} ${selection} }`,
    variables,
    token,
  );
  if (!response.data) throw new Error(JSON.stringify(response.errors));
  return union ? response.data[field].data : response.data[field];
};

describe('Twilio', () => {
  it("fetches the platform's account and the organisation's numbers", async () => {
    const result = await test('testTwilioConnection', '');
    expect(result).toMatchObject({ ok: true, account: expect.stringContaining("the platform's Twilio account") });
    expect(result.checks[0]).toMatchObject({ name: 'account', ok: true, detail: expect.stringContaining('is active') });
    expect(result.checks[1]).toMatchObject({ name: `number ${tenant.businessNumber}`, ok: true });
  });

  it('tries credentials before they are saved: the account and a number it owns', async () => {
    const result = await test(
      'testTwilioConnection',
      '$c: TwilioConnectionTestInput, $n: String|credentials: $c, phoneNumber: $n',
      { c: OWN_ACCOUNT, n: OWN_NUMBER },
    );
    expect(result.ok).toBe(true);
    expect(result.checks.map((c: { detail: string }) => c.detail)).toEqual([
      'account "Own account" is active',
      `${OWN_NUMBER} belongs to the account`,
    ]);
  });

  it('says a wrong auth token was refused, and what to do', async () => {
    const result = await test('testTwilioConnection', '$c: TwilioConnectionTestInput|credentials: $c', {
      c: { ...OWN_ACCOUNT, authToken: randomBytes(16).toString('hex') },
    });
    expect(result.ok).toBe(false);
    expect(result.checks).toEqual([
      {
        name: 'account',
        ok: false,
        detail: expect.stringContaining('Twilio refused the account SID and auth token'),
        hint: expect.stringContaining('Auth Token'),
      },
    ]);
  });

  it('says a number does not belong to the account', async () => {
    const result = await test(
      'testTwilioConnection',
      '$c: TwilioConnectionTestInput, $n: String|credentials: $c, phoneNumber: $n',
      { c: OWN_ACCOUNT, n: '+15553339999' },
    );
    expect(result.ok).toBe(false);
    expect(result.checks[1]).toMatchObject({
      ok: false,
      detail: '+15553339999 is not a number of this account',
      hint: expect.stringContaining('port the number'),
    });
  });
});

describe('OpenAI', () => {
  it('lists the models and opens a Realtime session with a key', async () => {
    const result = await test('testOpenAiConnection', '$k: String|apiKey: $k', { k: OWN_KEY });
    expect(result.ok).toBe(true);
    expect(result.checks[0].detail).toContain('gpt-realtime among them');
    expect(result.checks[1]).toMatchObject({ name: 'realtime session (gpt-realtime)', ok: true });
    expect(realtime.sessions.at(-1)).toMatchObject({ apiKey: OWN_KEY, model: 'gpt-realtime' });
  });

  it('says a wrong key was refused, as OpenAI words it, and what to do', async () => {
    const wrong = `sk-wrong-${randomBytes(12).toString('hex')}`;
    const result = await test('testOpenAiConnection', '$k: String|apiKey: $k', { k: wrong });
    expect(result.ok).toBe(false);
    expect(result.checks).toEqual([
      {
        name: 'models',
        ok: false,
        detail: expect.stringContaining('Incorrect API key provided: sk-'),
        hint: expect.stringContaining('platform.openai.com/api-keys'),
      },
    ]);
    expect(result.checks[0].detail).not.toContain(wrong);
  });
});

describe('SMTP', () => {
  const settings = { host: '127.0.0.1', from: 'Alerts <alerts@example.com>', ...SMTP_USER };

  it('signs in to the server', async () => {
    const result = await test('testSmtpConnection', '$s: SmtpSettingsInput|settings: $s', {
      s: { ...settings, port: mail.port },
    });
    expect(result).toMatchObject({ ok: true, checks: [{ name: 'sign in', ok: true }] });
  });

  it('says a wrong password was refused, and what to do', async () => {
    const result = await test('testSmtpConnection', '$s: SmtpSettingsInput|settings: $s', {
      s: { ...settings, port: mail.port, password: 'not-the-password' },
    });
    expect(result.checks).toEqual([
      {
        name: 'sign in',
        ok: false,
        detail: expect.stringContaining('refused the sign-in'),
        hint: 'Check the user name and password.',
      },
    ]);
  });
});

describe("the platform's Weaviate and Temporal", () => {
  it('answer, with a worker polling the task queue', async () => {
    const weaviate = await test('testWeaviateConnection', '');
    expect(weaviate).toMatchObject({
      ok: true,
      checks: [{ detail: expect.stringMatching(/^Weaviate \d+\.\d+/) }, { ok: true }],
    });
    const temporal = await test('testTemporalConnection', '');
    expect(temporal.ok).toBe(true);
    expect(temporal.checks[1].detail).toMatch(/^\d+ workers? poll test-/);
  });

  it('say what is down and how to bring it up', async () => {
    const weaviate = await test('testWeaviateConnection', '', {}, broken, brokenAdmin);
    expect(weaviate.checks[0]).toMatchObject({
      ok: false,
      detail: expect.stringContaining('127.0.0.1:9'),
      hint: expect.stringContaining('WEAVIATE_URL'),
    });
    const temporal = await test('testTemporalConnection', '', {}, broken, brokenAdmin);
    expect(temporal.checks[0]).toMatchObject({
      ok: false,
      detail: expect.stringMatching(/^namespace no-such-namespace-\w+ does not exist$/),
      hint: expect.stringContaining('TEMPORAL_NAMESPACE'),
    });
  });

  it('are for admins only', async () => {
    const supervisor = (await login(gateway.url, tenant.emails.supervisor)).accessToken;
    const denied = await graphql(gateway.url, 'mutation { testTemporalConnection { __typename } }', {}, supervisor);
    expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
