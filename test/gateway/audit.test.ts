import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { testConfig, testEnv } from '../support/env.ts';
import { startGateway, type TestGateway } from '../support/gateway.ts';
import { graphql } from '../support/graphql.ts';
import { createTenant, login, type Tenant } from '../support/tenants.ts';

let gateway: TestGateway;
let tenant: Tenant;
let admin: string;

const AUDIT = `query ($filter: AuditFilter) {
  auditLog(first: 50, filter: $filter) {
    ... on QueryAuditLogSuccess { data { actorType actorId actorLabel operation targetType targetId outcome errorCode requestId ip } }
  }
}`;

beforeAll(async () => {
  gateway = await startGateway(testConfig(testEnv()));
  tenant = await createTenant(gateway.orm, 'Audit');
  admin = (await login(gateway.url, tenant.emails.admin)).accessToken;
});
afterAll(() => gateway?.stop());

describe('audit log', () => {
  it('records a successful mutation with who did it and to what', async () => {
    const created = await graphql(
      gateway.url,
      `mutation ($email: String!) {
        createUser(input: { email: $email, displayName: "New Hire", role: AGENT, password: "a long enough password" }) {
          ... on MutationCreateUserSuccess { data { id } }
        }
      }`,
      { email: `new.hire.${crypto.randomUUID()}@audit.test` },
      admin,
    );
    const userId = created.data?.createUser.data.id;
    const log = await graphql(gateway.url, AUDIT, { filter: { operation: 'createUser' } }, admin);
    expect(log.data?.auditLog.data[0]).toMatchObject({
      actorType: 'user',
      actorLabel: tenant.emails.admin,
      operation: 'createUser',
      targetType: 'User',
      targetId: userId,
      outcome: 'SUCCESS',
      errorCode: null,
      requestId: expect.any(String),
      ip: expect.stringContaining('127.0.0.1'),
    });
  });

  it('records failed and refused mutations with their error code', async () => {
    const agent = (await login(gateway.url, tenant.emails.agent)).accessToken;
    await graphql(gateway.url, `mutation { endCall(id: "${crypto.randomUUID()}") { __typename } }`, {}, admin);
    await graphql(
      gateway.url,
      'mutation { createApiKey(input: { name: "sneaky", role: ADMIN }) { __typename } }',
      {},
      agent,
    );
    const log = await graphql(gateway.url, AUDIT, {}, admin);
    const entries = log.data?.auditLog.data as {
      operation: string;
      outcome: string;
      errorCode: string;
      actorLabel: string;
    }[];
    expect(entries).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ operation: 'endCall', outcome: 'ERROR', errorCode: 'NOT_FOUND' }),
        expect.objectContaining({
          operation: 'createApiKey',
          outcome: 'DENIED',
          errorCode: 'FORBIDDEN',
          actorLabel: tenant.emails.agent,
        }),
      ]),
    );
  });

  it('records sign-in attempts with the address tried', async () => {
    await graphql(
      gateway.url,
      'mutation ($e: String!) { login(email: $e, password: "wrong password") { __typename } }',
      {
        e: tenant.emails.viewer,
      },
    );
    const log = await graphql(gateway.url, AUDIT, { filter: { operation: 'login', outcome: 'ERROR' } }, admin);
    // A failed sign-in has no organisation yet; the admin sees the successful ones of their users.
    const ok = await graphql(gateway.url, AUDIT, { filter: { operation: 'login', outcome: 'SUCCESS' } }, admin);
    expect(log.data?.auditLog.data).toEqual([]);
    expect(ok.data?.auditLog.data.map((e: { actorLabel: string }) => e.actorLabel)).toEqual(
      expect.arrayContaining([tenant.emails.admin, tenant.emails.agent]),
    );
    const failed = await gateway.orm.em
      .fork()
      .execute<{ outcome: string; error_code: string }[]>(
        "select outcome, error_code from audit_log where operation = 'login' and actor_label = ? order by id desc limit 1",
        [tenant.emails.viewer],
      );
    expect(failed[0]).toEqual({ outcome: 'error', error_code: 'INVALID_CREDENTIALS' });
  });

  it('cannot be changed or deleted, not even by the application', async () => {
    const em = gateway.orm.em.fork();
    await expect(em.execute("update audit_log set outcome = 'success'")).rejects.toThrow(/append-only/);
    await expect(em.execute('delete from audit_log')).rejects.toThrow(/append-only/);
  });

  it('is readable by admins only', async () => {
    const supervisor = (await login(gateway.url, tenant.emails.supervisor)).accessToken;
    const response = await graphql(gateway.url, AUDIT, {}, supervisor);
    expect(response.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
