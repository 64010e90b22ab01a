import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { getIntrospectionQuery } from 'graphql';
import { PERMISSIONS, type Permission, ROLES, type Role } from '../../lib/permissions.ts';
import { schema } from '../../schema/index.ts';
import { testConfig, testEnv } from '../support/env.ts';
import { startGateway, type TestGateway } from '../support/gateway.ts';
import { graphql, wsClient } from '../support/graphql.ts';
import { createTenant, login } from '../support/tenants.ts';
import { BUSINESS_OPERATIONS } from './support/business-operations.ts';

type Access = Permission | 'authenticated' | 'public';
interface Operation {
  field: string;
  kind: 'query' | 'mutation' | 'subscription';
  access: Access;
  /** Inputs that are authorised or not, but change nothing when they are. */
  document: string;
  /** Sent as a GraphQL multipart request with a small file as `$file`. */
  upload?: boolean;
}

const unknownId = randomUUID();

/** Every root field, who may use it, and a harmless way to call it. README's role table mirrors this. */
const OPERATIONS: Operation[] = [
  { field: 'me', kind: 'query', access: 'authenticated', document: '{ me { id } }' },
  {
    field: 'passwordPolicy',
    kind: 'query',
    access: 'public',
    document: '{ passwordPolicy { minLength maxLength } }',
  },
  { field: 'call', kind: 'query', access: 'calls:read', document: `{ call(id: "${unknownId}") { id } }` },
  { field: 'calls', kind: 'query', access: 'calls:read', document: '{ calls(first: 1) { __typename } }' },
  { field: 'businessConfigs', kind: 'query', access: 'businesses:read', document: '{ businessConfigs { id } }' },
  {
    field: 'businessConfig',
    kind: 'query',
    access: 'businesses:read',
    document: `{ businessConfig(id: "${unknownId}") { id } }`,
  },
  { field: 'users', kind: 'query', access: 'users:manage', document: '{ users { id } }' },
  { field: 'apiKeys', kind: 'query', access: 'apiKeys:manage', document: '{ apiKeys { id } }' },
  { field: 'auditLog', kind: 'query', access: 'audit:read', document: '{ auditLog(first: 1) { __typename } }' },
  {
    field: 'startCall',
    kind: 'mutation',
    access: 'calls:start',
    document: `mutation { startCall(input: { businessId: "${unknownId}", toNumber: "bad" }) { __typename } }`,
  },
  {
    field: 'endCall',
    kind: 'mutation',
    access: 'calls:end',
    document: `mutation { endCall(id: "${unknownId}") { __typename } }`,
  },
  {
    field: 'interveneCall',
    kind: 'mutation',
    access: 'calls:intervene',
    document: `mutation { interveneCall(id: "${unknownId}", input: { action: PAUSE_AI }) { __typename } }`,
  },
  {
    field: 'knowledgeEntries',
    kind: 'query',
    access: 'knowledge:read',
    document: `{ knowledgeEntries(businessId: "${unknownId}") { __typename } }`,
  },
  {
    field: 'knowledgeEntry',
    kind: 'query',
    access: 'knowledge:read',
    document: `{ knowledgeEntry(id: "${unknownId}") { id } }`,
  },
  {
    field: 'searchKnowledge',
    kind: 'query',
    access: 'knowledge:read',
    document: `{ searchKnowledge(businessId: "${unknownId}", query: "x") { __typename } }`,
  },
  {
    field: 'createKnowledgeEntry',
    kind: 'mutation',
    access: 'knowledge:write',
    document: `mutation { createKnowledgeEntry(input: { businessId: "${unknownId}", text: "x" }) { __typename } }`,
  },
  {
    field: 'uploadKnowledgeDocument',
    kind: 'mutation',
    access: 'knowledge:write',
    document: `mutation ($file: File!) { uploadKnowledgeDocument(businessId: "${unknownId}", file: $file) { __typename } }`,
    upload: true,
  },
  {
    field: 'updateKnowledgeEntry',
    kind: 'mutation',
    access: 'knowledge:write',
    document: `mutation { updateKnowledgeEntry(id: "${unknownId}", input: {}) { __typename } }`,
  },
  {
    field: 'reindexKnowledgeEntry',
    kind: 'mutation',
    access: 'knowledge:write',
    document: `mutation { reindexKnowledgeEntry(id: "${unknownId}") { __typename } }`,
  },
  {
    field: 'deleteKnowledgeEntry',
    kind: 'mutation',
    access: 'knowledge:write',
    document: `mutation { deleteKnowledgeEntry(id: "${unknownId}") { __typename } }`,
  },
  {
    field: 'docSyncPresets',
    kind: 'query',
    access: 'knowledge:read',
    document: '{ docSyncPresets { key } }',
  },
  {
    field: 'docSyncs',
    kind: 'query',
    access: 'knowledge:read',
    document: `{ docSyncs(businessId: "${unknownId}") { __typename } }`,
  },
  {
    field: 'docSync',
    kind: 'query',
    access: 'knowledge:read',
    document: `{ docSync(source: "${unknownId}") { id } }`,
  },
  {
    field: 'createDocSource',
    kind: 'mutation',
    access: 'knowledge:write',
    document: `mutation { createDocSource(input: { businessId: "${unknownId}", startUrl: "https://example.com/docs/" }) { __typename } }`,
  },
  {
    field: 'updateDocSource',
    kind: 'mutation',
    access: 'knowledge:write',
    document: `mutation { updateDocSource(id: "${unknownId}", input: {}) { __typename } }`,
  },
  {
    field: 'deleteDocSource',
    kind: 'mutation',
    access: 'knowledge:write',
    document: `mutation { deleteDocSource(id: "${unknownId}") { __typename } }`,
  },
  {
    field: 'startDocSync',
    kind: 'mutation',
    access: 'knowledge:write',
    document: `mutation { startDocSync(source: "${unknownId}") { __typename } }`,
  },
  {
    field: 'cancelDocSync',
    kind: 'mutation',
    access: 'knowledge:write',
    document: `mutation { cancelDocSync(source: "${unknownId}") { __typename } }`,
  },
  {
    field: 'humanAgents',
    kind: 'query',
    access: 'agents:read',
    document: '{ humanAgents { id } }',
  },
  {
    field: 'humanAgent',
    kind: 'query',
    access: 'agents:read',
    document: `{ humanAgent(id: "${unknownId}") { id } }`,
  },
  {
    field: 'createHumanAgent',
    kind: 'mutation',
    access: 'agents:manage',
    document: `mutation { createHumanAgent(input: { name: "x", email: "bad", phoneNumber: "bad" }) { __typename } }`,
  },
  {
    field: 'updateHumanAgent',
    kind: 'mutation',
    access: 'agents:manage',
    document: `mutation { updateHumanAgent(id: "${unknownId}", input: {}) { __typename } }`,
  },
  {
    field: 'setAgentAvailability',
    kind: 'mutation',
    access: 'agents:availability',
    document: `mutation { setAgentAvailability(id: "${unknownId}", availability: AVAILABLE) { __typename } }`,
  },
  {
    field: 'deleteHumanAgent',
    kind: 'mutation',
    access: 'agents:manage',
    document: `mutation { deleteHumanAgent(id: "${unknownId}") { __typename } }`,
  },
  {
    field: 'escalations',
    kind: 'query',
    access: 'escalations:read',
    document: '{ escalations { id } }',
  },
  {
    field: 'escalation',
    kind: 'query',
    access: 'escalations:read',
    document: `{ escalation(id: "${unknownId}") { id } }`,
  },
  {
    field: 'escalateCall',
    kind: 'mutation',
    access: 'calls:escalate',
    document: `mutation { escalateCall(callId: "${unknownId}") { __typename } }`,
  },
  {
    field: 'acceptEscalation',
    kind: 'mutation',
    access: 'escalations:handle',
    document: `mutation { acceptEscalation(id: "${unknownId}") { __typename } }`,
  },
  {
    field: 'declineEscalation',
    kind: 'mutation',
    access: 'escalations:handle',
    document: `mutation { declineEscalation(id: "${unknownId}") { __typename } }`,
  },
  {
    field: 'completeEscalation',
    kind: 'mutation',
    access: 'escalations:handle',
    document: `mutation { completeEscalation(id: "${unknownId}", input: { resolved: true }) { __typename } }`,
  },
  {
    field: 'overrideQaScore',
    kind: 'mutation',
    access: 'quality:review',
    document: `mutation { overrideQaScore(callId: "${unknownId}", score: 0.5, reason: "because") { __typename } }`,
  },
  {
    field: 'recalculateQa',
    kind: 'mutation',
    access: 'quality:review',
    document: `mutation { recalculateQa(callId: "${unknownId}") { __typename } }`,
  },
  {
    field: 'updateQualitySettings',
    kind: 'mutation',
    access: 'quality:configure',
    document: `mutation { updateQualitySettings(businessId: "${unknownId}", input: {}) { __typename } }`,
  },
  {
    field: 'notifications',
    kind: 'query',
    access: 'authenticated',
    document: '{ notifications { id } }',
  },
  {
    field: 'unreadNotificationCount',
    kind: 'query',
    access: 'authenticated',
    document: '{ unreadNotificationCount }',
  },
  {
    field: 'notificationPreferences',
    kind: 'query',
    access: 'authenticated',
    document: '{ notificationPreferences { emailTypes } }',
  },
  {
    field: 'markNotificationRead',
    kind: 'mutation',
    access: 'authenticated',
    document: `mutation { markNotificationRead(id: "${unknownId}") { __typename } }`,
  },
  {
    field: 'markAllNotificationsRead',
    kind: 'mutation',
    access: 'authenticated',
    document: 'mutation { markAllNotificationsRead }',
  },
  {
    field: 'deleteNotification',
    kind: 'mutation',
    access: 'authenticated',
    document: `mutation { deleteNotification(id: "${unknownId}") { __typename } }`,
  },
  {
    field: 'updateNotificationPreferences',
    kind: 'mutation',
    access: 'authenticated',
    document: 'mutation { updateNotificationPreferences(emailTypes: [QA_ALERT]) { __typename } }',
  },
  {
    field: 'takeOverCall',
    kind: 'mutation',
    access: 'calls:intervene',
    document: `mutation { takeOverCall(id: "${unknownId}", input: {}) { __typename } }`,
  },
  {
    field: 'listenToCall',
    kind: 'mutation',
    access: 'calls:listen',
    document: `mutation { listenToCall(id: "${unknownId}") { __typename } }`,
  },
  {
    field: 'addCallNote',
    kind: 'mutation',
    access: 'notes:write',
    document: `mutation { addCallNote(callId: "${unknownId}", input: { body: "x" }) { __typename } }`,
  },
  {
    field: 'updateCallNote',
    kind: 'mutation',
    access: 'notes:write',
    document: `mutation { updateCallNote(id: "${unknownId}", input: { body: "x" }) { __typename } }`,
  },
  {
    field: 'deleteCallNote',
    kind: 'mutation',
    access: 'notes:write',
    document: `mutation { deleteCallNote(id: "${unknownId}") { __typename } }`,
  },
  {
    field: 'createUser',
    kind: 'mutation',
    access: 'users:manage',
    document: 'mutation { createUser(input: { email: "bad", displayName: "x", role: VIEWER }) { __typename } }',
  },
  {
    field: 'updateUser',
    kind: 'mutation',
    access: 'users:manage',
    document: `mutation { updateUser(id: "${unknownId}", input: { role: VIEWER }) { __typename } }`,
  },
  {
    field: 'createApiKey',
    kind: 'mutation',
    access: 'apiKeys:manage',
    document: 'mutation { createApiKey(input: { name: "", role: VIEWER }) { __typename } }',
  },
  {
    field: 'revokeApiKey',
    kind: 'mutation',
    access: 'apiKeys:manage',
    document: `mutation { revokeApiKey(id: "${unknownId}") { __typename } }`,
  },
  {
    field: 'login',
    kind: 'mutation',
    access: 'public',
    document: 'mutation { login(email: "nobody@roles.test", password: "x") { __typename } }',
  },
  {
    field: 'refreshSession',
    kind: 'mutation',
    access: 'public',
    document: 'mutation { refreshSession(refreshToken: "none") { __typename } }',
  },
  { field: 'logout', kind: 'mutation', access: 'public', document: 'mutation { logout(refreshToken: "none") }' },
  {
    field: 'forgotPassword',
    kind: 'mutation',
    access: 'public',
    document: 'mutation { forgotPassword(email: "nobody@roles.test") }',
  },
  {
    field: 'resetPassword',
    kind: 'mutation',
    access: 'public',
    document: 'mutation { resetPassword(token: "none", newPassword: "x") { __typename } }',
  },
  {
    field: 'callEvents',
    kind: 'subscription',
    access: 'calls:read',
    document: `subscription { callEvents(callId: "${unknownId}") { cursor } }`,
  },
  {
    field: 'callsChanged',
    kind: 'subscription',
    access: 'calls:read',
    document: 'subscription { callsChanged { cursor } }',
  },
  {
    field: 'knowledgeEntryChanged',
    kind: 'subscription',
    access: 'knowledge:read',
    document: `subscription { knowledgeEntryChanged(businessId: "${unknownId}") { id } }`,
  },
  {
    field: 'escalationChanged',
    kind: 'subscription',
    access: 'escalations:read',
    document: 'subscription { escalationChanged { id } }',
  },
  {
    field: 'notificationAdded',
    kind: 'subscription',
    access: 'authenticated',
    document: 'subscription { notificationAdded { id } }',
  },
  {
    field: 'callQaChanged',
    kind: 'subscription',
    access: 'calls:read',
    document: `subscription { callQaChanged(callId: "${unknownId}") { score } }`,
  },
  {
    field: 'docSyncProgress',
    kind: 'subscription',
    access: 'knowledge:read',
    document: `subscription { docSyncProgress(source: "${unknownId}") { id } }`,
  },
  ...BUSINESS_OPERATIONS,
];

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

/** What the caller got: 'denied' (FORBIDDEN / UNAUTHENTICATED) or 'allowed' (anything else). */
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
