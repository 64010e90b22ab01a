import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { getIntrospectionQuery } from 'graphql';
import { PERMISSIONS, ROLES, type Role } from '../../lib/permissions.ts';
import { schema } from '../../schema/index.ts';
import { testConfig, testEnv } from '../support/env.ts';
import { startGateway, type TestGateway } from '../support/gateway.ts';
import { graphql, wsClient } from '../support/graphql.ts';
import { createTenant, login } from '../support/tenants.ts';
import { type Access, OPERATIONS, type Operation } from './support/role-table/index.ts';

const allowed = (access: Access, role: Role | 'anonymous'): boolean =>
  access === 'public' ||
  (role !== 'anonymous' && (access === 'authenticated' || (PERMISSIONS[access] as readonly Role[]).includes(role)));

let gateway: TestGateway;
const tokens = {} as Record<Role, string>;

beforeAll(async () => {
  gateway = await startGateway(testConfig(testEnv()));
  const tenant = await createTenant(gateway.orm, 'Roles');
  for (const role of ROLES) tokens[role] = (await login(gateway.url, tenant.emails[role])).accessToken;
});
afterAll(() => gateway?.stop());

/** Sends `query` as a GraphQL multipart request with a small Markdown file as `$file`. */
async function uploadRequest(query: string, token: string | undefined) {
  const form = new FormData();
  form.set('operations', JSON.stringify({ query, variables: { file: null } }));
  form.set('map', JSON.stringify({ 0: ['variables.file'] }));
  form.set('0', new Blob(['# Notes\n\nNothing much.']), 'notes.md');
  const response = await fetch(`${gateway.url}/graphql`, {
    method: 'POST',
    headers: token ? { authorization: `Bearer ${token}` } : {},
    body: form,
  });
  return (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
}

/** What the caller got: 'denied' (FORBIDDEN / UNAUTHENTICATED) or 'allowed' (anything else). */
async function outcome(op: Operation, role: Role | 'anonymous'): Promise<'allowed' | 'denied'> {
  const token = role === 'anonymous' ? undefined : tokens[role];
  if (op.kind !== 'subscription') {
    const response = op.upload
      ? await uploadRequest(op.document, token)
      : await graphql(gateway.url, op.document, {}, token);
    const codes = (response.errors ?? []).map((e) => e.extensions?.code);
    return codes.includes('FORBIDDEN') || codes.includes('UNAUTHENTICATED') ? 'denied' : 'allowed';
  }
  const client = wsClient(gateway.url, token);
  try {
    // A refused subscription errors at once; an accepted one stays open and quiet.
    return await new Promise((resolve) => {
      const timer = setTimeout(() => resolve('allowed'), 400);
      client.subscribe(
        { query: op.document },
        {
          next: (result) => {
            clearTimeout(timer);
            const codes = (result.errors ?? []).map((e) => e.extensions?.code);
            resolve(codes.includes('FORBIDDEN') || codes.includes('UNAUTHENTICATED') ? 'denied' : 'allowed');
          },
          error: () => resolve('denied'),
          complete: () => undefined,
        },
      );
    });
  } finally {
    await client.dispose();
  }
}

describe('authorization table', () => {
  it('covers every query, mutation and subscription in the schema', () => {
    const roots = [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()];
    const fields = roots.flatMap((type) => Object.keys(type?.getFields() ?? {})).sort();
    expect(OPERATIONS.map((op) => op.field).sort()).toEqual(fields);
  });

  for (const role of [...ROLES, 'anonymous'] as const) {
    it(`gives ${role} exactly the operations the table allows`, async () => {
      const expected = Object.fromEntries(
        OPERATIONS.map((op) => [op.field, allowed(op.access, role) ? 'allowed' : 'denied']),
      );
      const actual: Record<string, string> = {};
      for (const op of OPERATIONS) actual[op.field] = await outcome(op, role);
      expect(actual).toEqual(expected);
    });
  }

  it('is the table the README shows', () => {
    // Table cells may be padded for alignment; compare with single spaces.
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8').replace(/ {2,}/g, ' ');
    for (const op of OPERATIONS) {
      const roles =
        op.access === 'public'
          ? 'anyone'
          : op.access === 'authenticated'
            ? 'any signed-in role'
            : PERMISSIONS[op.access].join(', ');
      expect(readme).toContain(`| \`${op.field}\` | ${op.kind} | ${roles} |`);
    }
  });

  it('keeps introspection available outside production for tooling', async () => {
    const response = await graphql(gateway.url, getIntrospectionQuery(), {}, tokens.viewer);
    expect(response.errors).toBeUndefined();
  });
});
