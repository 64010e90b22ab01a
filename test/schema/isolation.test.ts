import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { testConfig, testEnv } from '../support/env.ts';
import { startGateway, type TestGateway } from '../support/gateway.ts';
import { collect, graphql, wsClient } from '../support/graphql.ts';
import { type RunningProcess, startProcess } from '../support/processes.ts';
import { startTelephony } from '../support/telephony.ts';
import { createTenant, login, type Tenant } from '../support/tenants.ts';

let env: Record<string, string>;
let telephony: Awaited<ReturnType<typeof startTelephony>>;
let gateway: TestGateway;
let worker: RunningProcess;
let acme: Tenant;
let globex: Tenant;
let acmeToken: string;
let globexToken: string;

const START = `mutation ($input: StartCallInput!) {
  startCall(input: $input) { __typename ... on MutationStartCallSuccess { data { id } } ... on Error { code } }
}`;
const EVENTS = 'subscription ($after: String) { callsChanged(after: $after) { cursor call { id status } } }';

beforeAll(async () => {
  telephony = await startTelephony();
  env = testEnv(telephony.env);
  gateway = await startGateway(testConfig(env));
  worker = startProcess('worker.ts', { ...env, PUBLIC_URL: gateway.url });
  acme = await createTenant(gateway.orm, 'Acme');
  globex = await createTenant(gateway.orm, 'Globex');
  acmeToken = (await login(gateway.url, acme.emails.admin)).accessToken;
  globexToken = (await login(gateway.url, globex.emails.admin)).accessToken;
  await worker.waitForLog('worker started');
});
afterAll(async () => {
  await gateway?.stop();
  await worker?.stop();
  await telephony?.sim.stop();
});

describe('one organisation cannot see or touch another', () => {
  it("hides another organisation's calls, businesses, users, keys and audit log", async () => {
    const started = await graphql(
      gateway.url,
      START,
      { input: { businessId: acme.businessId, toNumber: '+14155550123' } },
      acmeToken,
    );
    const callId = started.data?.startCall.data.id;
    await graphql(
      gateway.url,
      'mutation { createApiKey(input: { name: "acme key", role: VIEWER }) { __typename } }',
      {},
      acmeToken,
    );

    const asGlobex = (query: string, variables = {}) => graphql(gateway.url, query, variables, globexToken);
    expect((await asGlobex('query ($id: ID!) { call(id: $id) { id } }', { id: callId })).data?.call).toBeNull();
    const calls = await asGlobex(
      '{ calls(first: 100) { ... on QueryCallsSuccess { data { edges { node { id } } } } } }',
    );
    expect(JSON.stringify(calls.data)).not.toContain(callId);
    const byBusiness = await asGlobex(
      'query ($b: ID) { calls(first: 10, filter: { businessId: $b }) { ... on QueryCallsSuccess { data { totalCount } } } }',
      { b: acme.businessId },
    );
    expect(byBusiness.data?.calls.data.totalCount).toBe(0);
    expect(
      (await asGlobex('query ($id: ID!) { businessConfig(id: $id) { id } }', { id: acme.businessId })).data
        ?.businessConfig,
    ).toBeNull();
    const businesses = await asGlobex('{ businessConfigs { id } }');
    expect(businesses.data?.businessConfigs).toEqual([{ id: globex.businessId }]);
    const users = await asGlobex('{ users { email } }');
    expect(users.data?.users.map((u: { email: string }) => u.email).sort()).toEqual(
      Object.values(globex.emails).sort(),
    );
    expect(JSON.stringify((await asGlobex('{ apiKeys { name } }')).data)).not.toContain('acme key');
    expect(
      JSON.stringify(
        (await asGlobex('{ auditLog(first: 200) { ... on QueryAuditLogSuccess { data { actorLabel } } } }')).data,
      ),
    ).not.toContain(acme.emails.admin);
  });

  it("refuses to change another organisation's calls and users, or to call with its business", async () => {
    const started = await graphql(
      gateway.url,
      START,
      { input: { businessId: acme.businessId, toNumber: '+14155550124' } },
      acmeToken,
    );
    const callId = started.data?.startCall.data.id;
    const end = await graphql(
      gateway.url,
      'mutation ($id: ID!) { endCall(id: $id) { __typename } }',
      { id: callId },
      globexToken,
    );
    expect(end.data?.endCall.__typename).toBe('NotFoundError');
    const borrow = await graphql(
      gateway.url,
      START,
      { input: { businessId: acme.businessId, toNumber: '+14155550125' } },
      globexToken,
    );
    expect(borrow.data?.startCall).toEqual({ __typename: 'NotFoundError', code: 'NOT_FOUND' });

    const acmeUsers = await graphql(gateway.url, '{ users { id } }', {}, acmeToken);
    const victim = acmeUsers.data?.users[0].id;
    const promote = await graphql(
      gateway.url,
      'mutation ($id: ID!) { updateUser(id: $id, input: { active: false }) { __typename } }',
      { id: victim },
      globexToken,
    );
    expect(promote.data?.updateUser.__typename).toBe('NotFoundError');
  });

  it("never delivers another organisation's live events to a subscriber", async () => {
    const globexEvents = collect<{ callsChanged: { call: { id: string; status: string } } }>(
      wsClient(gateway.url, globexToken),
      EVENTS,
      {},
      (items) => items.some((e) => e.callsChanged.call.status === 'COMPLETED'),
    );
    const acmeCall = await graphql(
      gateway.url,
      START,
      { input: { businessId: acme.businessId, toNumber: '+14155550126' } },
      acmeToken,
    );
    const globexCall = await graphql(
      gateway.url,
      START,
      { input: { businessId: globex.businessId, toNumber: '+14155550127' } },
      globexToken,
    );
    const seen = await globexEvents;
    const ids = new Set(seen.map((e) => e.callsChanged.call.id));
    expect(ids.has(globexCall.data?.startCall.data.id)).toBe(true);
    expect(ids.has(acmeCall.data?.startCall.data.id)).toBe(false);

    // Asking for the other organisation's call by id, history included, yields nothing either.
    const probe = wsClient(gateway.url, globexToken);
    const leaked: unknown[] = [];
    const stop = probe.subscribe(
      {
        query: 'subscription ($id: ID!) { callEvents(callId: $id, after: "0") { cursor } }',
        variables: { id: acmeCall.data?.startCall.data.id },
      },
      { next: (r) => leaked.push(r), error: () => undefined, complete: () => undefined },
    );
    await new Promise((r) => setTimeout(r, 1_000));
    stop();
    await probe.dispose();
    expect(leaked).toEqual([]);
  });
});
