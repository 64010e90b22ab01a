import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { generateCalls } from '../../bench/support/generate-calls.ts';
import { recordCall } from '../../db/calls.ts';
import { TranscriptLine } from '../../db/entities/index.ts';
import { CALL_COUNT_CAP, FEW_TEXT_MATCHES } from '../../schema/call-history.ts';
import { TEST_DATABASE_URL, testConfig, testEnv } from '../support/env.ts';
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

  it('counts matching calls up to the cap, says when more match, and finds words said in thousands of lines', async () => {
    const busy = await createTenant(gateway.orm, 'Busy');
    const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await client.connect();
    try {
      // Calls over 30 days, each answered one with two of a handful of stock lines: every word is common.
      await generateCalls(client, {
        organizationId: busy.organizationId,
        businessIds: [busy.businessId],
        agentIds: [],
        calls: 8_000,
        until: new Date(),
        days: 30,
        transcripts: false,
      });
    } finally {
      await client.end();
    }
    const token = (await login(gateway.url, busy.emails.viewer)).accessToken;
    const list = async (filter: Record<string, unknown>) =>
      (
        await graphql(
          gateway.url,
          `query ($filter: CallFilter) { calls(first: 5, filter: $filter) {
            ... on QueryCallsSuccess { data { totalCount totalCountCapped edges { node { id createdAt } } } } } }`,
          { filter },
          token,
        )
      ).data?.calls.data;
    const exactly = async (sql: string, params: unknown[] = []) =>
      Number((await gateway.orm.em.fork().execute(sql, [busy.organizationId, ...params]))[0]?.n);
    // Every call matches: the count stops at the cap and says so.
    expect(await list({})).toMatchObject({ totalCount: CALL_COUNT_CAP, totalCountCapped: true });
    // Fewer than the cap match: counted exactly.
    const recent = new Date(Date.now() - 2 * 86_400_000).toISOString();
    const noAnswer = await exactly(
      `select count(*) as n from call where organization_id = ? and status = 'no_answer' and created_at >= ?`,
      [recent],
    );
    expect(noAnswer).toBeGreaterThan(0);
    expect(noAnswer).toBeLessThan(CALL_COUNT_CAP);
    expect(await list({ status: ['NO_ANSWER'], createdAfter: recent })).toMatchObject({
      totalCount: noAnswer,
      totalCountCapped: false,
    });
    // Words said in thousands of lines are checked call by call: the same calls, newest first.
    const lines = await exactly(
      `select count(*) as n from call c join call_interaction ci on ci.call_id = c.id
       where c.organization_id = ? and (ci.text like '%router%' or ci.text like '%invoice%')`,
    );
    expect(lines).toBeGreaterThan(FEW_TEXT_MATCHES);
    expect(await list({ text: 'router or invoice' })).toMatchObject({
      totalCount: CALL_COUNT_CAP,
      totalCountCapped: true,
    });
    const said = await exactly(
      `select count(distinct c.id) as n from call c join call_interaction ci on ci.call_id = c.id
       where c.organization_id = ? and c.created_at >= ? and (ci.text like '%router%' or ci.text like '%invoice%')`,
      [recent],
    );
    const found = await list({ text: 'router or invoice', createdAfter: recent });
    expect(found).toMatchObject({ totalCount: said, totalCountCapped: false });
    const newest = await gateway.orm.em.fork().execute<{ id: string }[]>(
      `select c.id from call c where c.organization_id = ? and exists (select 1 from call_interaction ci
         where ci.call_id = c.id and (ci.text like '%router%' or ci.text like '%invoice%'))
       order by c.created_at desc, c.id desc limit 5`,
      [busy.organizationId],
    );
    expect(found.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual(newest.map((r) => r.id));
  }, 60_000);

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
