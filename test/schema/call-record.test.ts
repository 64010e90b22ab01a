import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { recordCall } from '../../db/calls.ts';
import { TranscriptLine } from '../../db/entities/index.ts';
import { testConfig, testEnv } from '../support/env.ts';
import { startGateway, type TestGateway } from '../support/gateway.ts';
import { graphql } from '../support/graphql.ts';
import { createTenant, login, type Tenant } from '../support/tenants.ts';

let gateway: TestGateway;
let tenant: Tenant;
const tokens = {} as Record<'admin' | 'supervisor' | 'agent' | 'viewer', string>;

/** A finished call with these lines, written the way the call workflow records them. */
async function callWithTranscript(lines: [speaker: 'customer' | 'ai', text: string][]): Promise<string> {
  const id = randomUUID();
  await recordCall(gateway.orm.em, {
    id,
    organizationId: tenant.organizationId,
    businessId: tenant.businessId,
    direction: 'inbound',
    fromNumber: '+14155550100',
    toNumber: '+15005550006',
  });
  const em = gateway.orm.em.fork();
  for (const [sequence, [speaker, text]] of lines.entries()) {
    em.create(TranscriptLine, {
      call: id,
      sequence,
      speaker,
      text,
      startMs: sequence * 3_000,
      endMs: sequence * 3_000 + 2_500,
    });
  }

  await em.flush();
  return id;
}

beforeAll(async () => {
  gateway = await startGateway(testConfig(testEnv()));
  tenant = await createTenant(gateway.orm, 'Record');
  for (const role of ['admin', 'supervisor', 'agent', 'viewer'] as const) {
    tokens[role] = (await login(gateway.url, tenant.emails[role])).accessToken;
  }
});
afterAll(() => gateway?.stop());

describe('a call record', () => {
  it('pages through the transcript in spoken order', async () => {
    const callId = await callWithTranscript([
      ['ai', 'Thanks for calling, how can I help?'],
      ['customer', 'I need to change my delivery address.'],
      ['ai', 'Sure, what is the new address?'],
    ]);
    const page = (afterSequence?: number) =>
      graphql(
        gateway.url,
        `query ($id: ID!, $after: Int) {
          call(id: $id) { transcript(first: 2, afterSequence: $after) { totalCount hasMore lines { sequence speaker text startMs endMs } } }
        }`,
        { id: callId, after: afterSequence },
        tokens.viewer,
      );
    const first = (await page()).data?.call.transcript;
    expect(first).toMatchObject({ totalCount: 3, hasMore: true });
    expect(first.lines.map((l: { speaker: string }) => l.speaker)).toEqual(['AI', 'CUSTOMER']);
    const rest = (await page(first.lines[1].sequence)).data?.call.transcript;
    expect(rest).toMatchObject({
      hasMore: false,
      lines: [{ sequence: 2, text: 'Sure, what is the new address?', startMs: 6000, endMs: 8500 }],
    });
  });

  it('finds calls by words said in them', async () => {
    const refund = await callWithTranscript([['customer', 'I would like refunds for both of my orders.']]);
    const other = await callWithTranscript([['customer', 'What time do you open tomorrow?']]);
    const search = async (text: string) => {
      const response = await graphql(
        gateway.url,
        'query ($text: String) { calls(first: 50, filter: { text: $text }) { ... on QueryCallsSuccess { data { edges { node { id } } } } } }',
        { text },
        tokens.viewer,
      );
      return response.data?.calls.data.edges.map((e: { node: { id: string } }) => e.node.id);
    };
    const found = await search('refund');
    expect(found).toContain(refund);
    expect(found).not.toContain(other);
    expect(await search('"open tomorrow"')).toEqual([other]);
  });

  it('keeps notes: agents add and edit their own, supervisors may remove any, viewers only read', async () => {
    const callId = await callWithTranscript([['customer', 'Hello?']]);
    const add = await graphql(
      gateway.url,
      `mutation ($callId: ID!) {
        addCallNote(callId: $callId, input: { body: "Customer sounded unsure", category: "follow-up", tags: ["callback"] }) {
          ... on MutationAddCallNoteSuccess { data { id body tags author { email } } }
        }
      }`,
      { callId },
      tokens.agent,
    );
    const note = add.data?.addCallNote.data;
    expect(note).toMatchObject({
      body: 'Customer sounded unsure',
      tags: ['callback'],
      author: { email: tenant.emails.agent },
    });

    const edit = (token: string) =>
      graphql(
        gateway.url,
        'mutation ($id: ID!) { updateCallNote(id: $id, input: { body: "Called back, resolved" }) { __typename ... on Error { code } } }',
        { id: note.id },
        token,
      );
    expect((await edit(tokens.supervisor)).data?.updateCallNote).toEqual({
      __typename: 'ForbiddenActionError',
      code: 'FORBIDDEN_ACTION',
    });
    expect((await edit(tokens.agent)).data?.updateCallNote.__typename).toBe('MutationUpdateCallNoteSuccess');

    const read = await graphql(
      gateway.url,
      'query ($id: ID!) { call(id: $id) { notes { body } } }',
      { id: callId },
      tokens.viewer,
    );
    expect(read.data?.call.notes).toEqual([{ body: 'Called back, resolved' }]);
    const viewerAdd = await graphql(
      gateway.url,
      'mutation ($callId: ID!) { addCallNote(callId: $callId, input: { body: "x" }) { __typename } }',
      { callId },
      tokens.viewer,
    );
    expect(viewerAdd.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const removed = await graphql(
      gateway.url,
      'mutation ($id: ID!) { deleteCallNote(id: $id) { __typename } }',
      { id: note.id },
      tokens.supervisor,
    );
    expect(removed.data?.deleteCallNote.__typename).toBe('MutationDeleteCallNoteSuccess');
    const after = await graphql(
      gateway.url,
      'query ($id: ID!) { call(id: $id) { notes { body } } }',
      { id: callId },
      tokens.viewer,
    );
    expect(after.data?.call.notes).toEqual([]);
  });

  it('refuses an empty note with a typed error', async () => {
    const callId = await callWithTranscript([]);
    const response = await graphql(
      gateway.url,
      'mutation ($callId: ID!) { addCallNote(callId: $callId, input: { body: "   " }) { __typename ... on ValidationError { fieldErrors { field } } } }',
      { callId },
      tokens.agent,
    );
    expect(response.data?.addCallNote).toEqual({ __typename: 'ValidationError', fieldErrors: [{ field: 'body' }] });
  });
});
