import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { testConfig, testEnv } from '../support/env.ts';
import { startGateway, type TestGateway } from '../support/gateway.ts';
import { graphql, wsClient } from '../support/graphql.ts';
import { createTenant, login, type Tenant } from '../support/tenants.ts';

/**
 * Text PostgreSQL or Weaviate cannot take (NUL bytes, lone surrogates) and dates outside the years
 * they can store are refused where they come in, as a ValidationError naming the argument, not
 * passed down to fail as an unexpected error.
 */
let gateway: TestGateway;
let tenant: Tenant;
let adminToken: string;

beforeAll(async () => {
  gateway = await startGateway(testConfig(testEnv()));
  tenant = await createTenant(gateway.orm, 'Input edges');
  adminToken = (await login(gateway.url, tenant.emails.admin)).accessToken;
});
afterAll(async () => {
  await gateway?.stop();
});

const NUL = 'bill\u0000ing';
const LONE_SURROGATE = 'bill\uD800ing';

/** The error a request came back with: the union's ValidationError, or a top-level error's code. */
async function refusal(query: string, variables: Record<string, unknown>) {
  const response = await graphql(gateway.url, query, variables, adminToken);
  const payload = Object.values(response.data ?? {})[0] as { __typename?: string; fieldErrors?: unknown } | undefined;
  return {
    typename: payload?.__typename,
    fieldErrors: payload?.fieldErrors,
    codes: (response.errors ?? []).map((e) => (e.extensions as { code?: string } | undefined)?.code),
    messages: (response.errors ?? []).map((e) => e.message),
  };
}

const CALLS = `query ($filter: CallFilter) { calls(first: 5, filter: $filter) {
  __typename ... on ValidationError { fieldErrors { field message } } } }`;

describe('text and dates the stores cannot take', () => {
  it.each([
    ['a NUL byte', NUL],
    ['a lone surrogate', LONE_SURROGATE],
  ])('refuses %s in a call search as a ValidationError on the argument', async (_what, text) => {
    const result = await refusal(CALLS, { filter: { text } });
    expect(result.typename).toBe('ValidationError');
    expect(result.fieldErrors).toEqual([{ field: 'filter.text', message: expect.any(String) }]);
  });

  it('refuses a NUL byte in the phone filter, the audit filter, an agent department and a knowledge search', async () => {
    const calls = await refusal(CALLS, { filter: { phoneNumber: `+1555\u00000100` } });
    expect(calls.typename).toBe('ValidationError');
    const audit = await refusal(
      `query ($f: AuditFilter) { auditLog(filter: $f) { __typename ... on ValidationError { fieldErrors { field } } } }`,
      { f: { operation: NUL } },
    );
    expect(audit.typename).toBe('ValidationError');
    const agents = await refusal('query ($d: String) { humanAgents(department: $d) { id } }', { d: NUL });
    expect(agents.codes).toEqual(['VALIDATION_FAILED']);
    const search = await refusal(
      `query ($b: ID!, $q: String!) { searchKnowledge(businessId: $b, query: $q) {
        __typename ... on ValidationError { fieldErrors { field } } } }`,
      { b: tenant.businessId, q: LONE_SURROGATE },
    );
    expect(search.typename).toBe('ValidationError');
  });

  it('refuses a NUL byte in a knowledge URL', async () => {
    const result = await refusal(
      `mutation ($i: CreateKnowledgeEntryInput!) { createKnowledgeEntry(input: $i) {
        __typename ... on ValidationError { fieldErrors { field } } } }`,
      { i: { businessId: tenant.businessId, title: 'Docs', url: `https://example.com/\u0000` } },
    );
    expect(result.typename).toBe('ValidationError');
  });

  it('refuses a date PostgreSQL cannot store', async () => {
    const result = await refusal(CALLS, { filter: { createdAfter: '-010000-01-01T00:00:00Z' } });
    expect(result.typename).toBe('ValidationError');
    expect(result.fieldErrors).toEqual([{ field: 'filter.createdAfter', message: expect.stringMatching(/years/) }]);
    const early = await refusal(CALLS, { filter: { createdBefore: '0000-06-01T00:00:00Z' } });
    expect(early.typename).toBe('ValidationError');
  });

  it('still answers ordinary text', async () => {
    const result = await refusal(CALLS, { filter: { text: 'billing “question” – ünïcode 📞' } });
    expect(result.typename).toBe('QueryCallsSuccess');
    expect(result.codes).toEqual([]);
  });
});

describe('graphql-ws under bad messages', () => {
  it('answers a malformed subscription with an error and keeps the connection and its other subscriptions', async () => {
    const client = wsClient(gateway.url, adminToken);
    try {
      const good: unknown[] = [];
      const stop = client.subscribe(
        { query: 'subscription { callsChanged { cursor } }' },
        { next: (value) => good.push(value), error: () => undefined, complete: () => undefined },
      );
      const malformed = await new Promise<unknown>((resolve) => {
        client.subscribe(
          { query: 'subscription { callsChanged { cursor ' },
          { next: () => undefined, error: resolve, complete: () => resolve('completed without error') },
        );
      });
      expect(JSON.stringify(malformed)).toMatch(/Syntax Error/);
      // The connection is still open: a query on it answers.
      const me = await new Promise<unknown>((resolve, reject) => {
        client.subscribe({ query: '{ me { id } }' }, { next: resolve, error: reject, complete: () => undefined });
      });
      expect(JSON.stringify(me)).toMatch(/"me"/);
      stop();
    } finally {
      await client.dispose();
    }
  });
});
