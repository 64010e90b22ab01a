import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import twilio from 'twilio';
import { Call } from '../../db/entities/index.ts';
import { TEST_TWILIO_AUTH_TOKEN, testConfig, testEnv } from '../support/env.ts';
import { startGateway, type TestGateway } from '../support/gateway.ts';
import { collect, graphql, wsClient } from '../support/graphql.ts';
import { type RunningProcess, startProcess } from '../support/processes.ts';
import { RINGS_OUT, startTelephony } from '../support/telephony.ts';
import { createTenant, login, TEST_PASSWORD, type Tenant } from '../support/tenants.ts';

const TWILIO_TOKEN = TEST_TWILIO_AUTH_TOKEN;
let env: Record<string, string>;
let telephony: Awaited<ReturnType<typeof startTelephony>>;
let gateway: TestGateway;
let worker: RunningProcess;
let tenant: Tenant;
let token: string;

beforeAll(async () => {
  telephony = await startTelephony();
  env = testEnv({
    ...telephony.env,
    LOGIN_ATTEMPTS_PER_15_MINUTES: '5',
    GRAPHQL_MAX_DEPTH: '5',
    MAX_REQUEST_BYTES: '20000',
  });
  gateway = await startGateway(testConfig(env));
  worker = startProcess('worker.ts', { ...env, PUBLIC_URL: gateway.url });
  tenant = await createTenant(gateway.orm, 'Abuse');
  token = (await login(gateway.url, tenant.emails.supervisor)).accessToken;
  await worker.waitForLog('worker started');
});
afterAll(async () => {
  await gateway?.stop();
  await worker?.stop();
  await telephony?.sim.stop();
});

describe('the gateway under abuse', () => {
  it('refuses a query nested deeper than the limit', async () => {
    const deep = '{ calls(first: 1) { ... on QueryCallsSuccess { data { edges { node { business { id } } } } } } }';
    const response = await graphql(gateway.url, deep, {}, token);
    expect(response.data).toBeUndefined();
    expect(response.errors?.[0]?.message).toMatch(/depth/i);
  });

  it('refuses an alias bomb', async () => {
    const bomb = `{ ${Array.from({ length: 200 }, (_, i) => `a${i}: me { id }`).join(' ')} }`;
    const response = await graphql(gateway.url, bomb, {}, token);
    expect(response.data).toBeUndefined();
    expect(response.errors?.[0]?.message).toMatch(/aliases/i);
  });

  it('refuses a query with too many tokens', async () => {
    const huge = `{ me { ${Array.from({ length: 2_500 }, () => 'id').join(' ')} } }`;
    const response = await graphql(gateway.url, huge, {}, token);
    expect(response.errors?.[0]?.message).toMatch(/token/i);
  });

  it('refuses an oversized body with 413 before parsing it', async () => {
    const response = await fetch(`${gateway.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: '{ me { id } }', variables: { padding: 'x'.repeat(50_000) } }),
    });
    expect(response.status).toBe(413);
    expect((await response.json()).errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('rate limits brute-force sign-in attempts on one account', async () => {
    const attempt = (password: string) =>
      graphql(gateway.url, 'mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { __typename } }', {
        e: tenant.emails.viewer,
        p: password,
      });
    for (let i = 0; i < 5; i++)
      expect((await attempt(`guess ${i}`)).data?.login.__typename).toBe('InvalidCredentialsError');
    const blocked = await attempt(TEST_PASSWORD);
    expect(blocked.status).toBe(429);
    expect(blocked.errors?.[0]?.extensions).toMatchObject({
      code: 'RATE_LIMITED',
      retryAfterSeconds: expect.any(Number),
    });
  });

  it('rate limits requests that present bad credentials, per address', async () => {
    const strict = await startGateway(testConfig(testEnv({ AUTH_FAILURES_PER_IP_PER_15_MINUTES: '5' })));
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 7; i++) {
        statuses.push((await graphql(strict.url, '{ me { id } }', {}, `cpk_guess${i}_not-a-real-key`)).status);
      }
      // Earlier failures from this machine in the window count too, so the 429 may come sooner.
      const firstRefusal = statuses.indexOf(429);
      expect(firstRefusal).toBeGreaterThanOrEqual(0);
      expect(firstRefusal).toBeLessThanOrEqual(5);
      expect(statuses.slice(0, firstRefusal).every((status) => status === 401)).toBe(true);
      expect(statuses.slice(firstRefusal).every((status) => status === 429)).toBe(true);
    } finally {
      await strict.stop();
    }
  });

  it('rate limits a caller that sends too many requests, per user', async () => {
    const strict = await startGateway(testConfig(testEnv({ RATE_LIMIT_PER_MINUTE: '20' })));
    try {
      const other = await createTenant(strict.orm, 'Flood');
      // Sign in elsewhere: anonymous requests from this machine share one per-IP budget.
      const flooder = (await login(gateway.url, other.emails.viewer)).accessToken;
      const statuses: number[] = [];
      for (let i = 0; i < 25; i++) statuses.push((await graphql(strict.url, '{ me { id } }', {}, flooder)).status);
      expect(statuses.slice(0, 19).every((s) => s === 200)).toBe(true);
      expect(statuses.at(-1)).toBe(429);
      // Another user is not affected by the flooder.
      const bystander = (await login(gateway.url, other.emails.agent)).accessToken;
      expect((await graphql(strict.url, '{ me { id } }', {}, bystander)).status).toBe(200);
    } finally {
      await strict.stop();
    }
  });

  it('hides introspection when it is turned off', async () => {
    const closed = await startGateway(testConfig(testEnv({ GRAPHQL_INTROSPECTION: 'false' })));
    try {
      const response = await graphql(closed.url, '{ __schema { types { name } } }', {}, token);
      expect(response.errors?.[0]?.message).toMatch(/introspection/i);
    } finally {
      await closed.stop();
    }
  });

  it('lets only the configured browser origins call across origins', async () => {
    const corsGateway = await startGateway(testConfig(testEnv({ CORS_ORIGINS: 'https://console.example' })));
    try {
      const preflight = (origin: string) =>
        fetch(`${corsGateway.url}/graphql`, {
          method: 'OPTIONS',
          headers: {
            origin,
            'access-control-request-method': 'POST',
            'access-control-request-headers': 'authorization',
          },
        });
      const allowed = await preflight('https://console.example');
      expect(allowed.headers.get('access-control-allow-origin')).toBe('https://console.example');
      const other = await preflight('https://evil.example');
      expect(other.headers.get('access-control-allow-origin')).not.toBe('https://evil.example');
    } finally {
      await corsGateway.stop();
    }
  });

  it('masks unexpected errors in production and gives an id to quote', async () => {
    const production = await startGateway(
      testConfig(
        testEnv({
          NODE_ENV: 'production',
          AUTH_JWT_SECRET: 'x'.repeat(40),
          TWILIO_ACCOUNT_SID: `AC${'1'.repeat(32)}`,
          ENCRYPTION_KEYS: `prod:${Buffer.alloc(32, 7).toString('base64')}`,
          // Nothing listens here: a knowledge search fails in a way no caller can fix.
          WEAVIATE_URL: 'http://127.0.0.1:9',
          WEAVIATE_GRPC_PORT: '9',
        }),
      ),
    );
    try {
      const prodToken = (await login(production.url, tenant.emails.admin)).accessToken;
      const response = await fetch(`${production.url}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${prodToken}`,
          'x-request-id': 'req-abc-123',
        },
        body: JSON.stringify({
          query: `{ searchKnowledge(businessId: "${tenant.businessId}", query: "opening hours") { __typename } }`,
        }),
      });
      expect(response.headers.get('x-request-id')).toBe('req-abc-123');
      const body = await response.json();
      expect(body.errors[0].message).toBe('Unexpected error.');
      expect(body.errors[0].extensions).toEqual({ code: 'INTERNAL', errorId: expect.any(String) });
      expect(JSON.stringify(body)).not.toMatch(/weaviate|ECONNREFUSED|127\.0\.0\.1/i);
    } finally {
      await production.stop();
    }
  });
});

describe('Twilio webhooks', () => {
  async function postStatus(callId: string, params: Record<string, string>, signature?: string) {
    const path = `/twilio/status?callId=${callId}`;
    // Twilio signs the URL it called (PUBLIC_URL is not set here, so the address it reached).
    const signedUrl = `${gatewayPublicUrl()}${path}`;
    return fetch(`${gateway.url}${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': signature ?? twilio.getExpectedTwilioSignature(TWILIO_TOKEN, signedUrl, params),
      },
      body: new URLSearchParams(params).toString(),
    });
  }
  const gatewayPublicUrl = () => gateway.url;

  it('refuses a forged or unsigned callback with 403', async () => {
    const callId = crypto.randomUUID();
    expect((await postStatus(callId, { CallStatus: 'completed' }, 'forged-signature')).status).toBe(403);
    const unsigned = await fetch(`${gateway.url}/twilio/status?callId=${callId}`, {
      method: 'POST',
      body: 'CallStatus=completed',
    });
    expect(unsigned.status).toBe(403);
    // Signed with another account's token.
    const params = { CallStatus: 'completed' };
    const wrongToken = twilio.getExpectedTwilioSignature(
      'someone-elses-token',
      `${gatewayPublicUrl()}/twilio/status?callId=${callId}`,
      params,
    );
    expect((await postStatus(callId, params, wrongToken)).status).toBe(403);
  });

  it('delivers a correctly signed status callback to the call: busy ends a ringing call as busy', async () => {
    const started = await graphql(
      gateway.url,
      'mutation ($i: StartCallInput!) { startCall(input: $i) { ... on MutationStartCallSuccess { data { id } } } }',
      { i: { businessId: tenant.businessId, toNumber: RINGS_OUT } },
      token,
    );
    const callId = started.data?.startCall.data.id;
    await collect(
      wsClient(gateway.url, token),
      'subscription ($id: ID!) { callEvents(callId: $id, after: "0") { call { status } } }',
      { id: callId },
      (items: { callEvents: { call: { status: string } } }[]) =>
        items.some((e) => e.callEvents.call.status === 'RINGING'),
    );
    const response = await postStatus(callId, { CallSid: 'CA123', CallStatus: 'busy', SequenceNumber: '2' });
    expect(response.status).toBe(204);
    await gateway.temporal.workflow.getHandle(`call-${callId}`).result();
    const row = await gateway.orm.em.fork().findOneOrFail(Call, callId);
    expect(row).toMatchObject({ status: 'busy', endReason: 'busy' });
  });
});
