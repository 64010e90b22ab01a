import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AuditLog, Escalation } from '../../db/entities/index.ts';
import { type CallStack, finishedCall, placeCall, startCallStack } from '../support/call-stack.ts';
import { collect, graphql, wsClient } from '../support/graphql.ts';
import { createBusiness, login } from '../support/tenants.ts';
import { eventually } from '../support/wait.ts';

/**
 * Personal data on a real call (gateway, worker, bridge, simulators): what the caller reads out is
 * taken out before anything is stored or published, and only a role allowed to see the original can.
 */
const READS_CARD = '+155501000012';
const CARD = '4242 4242 4242 4242';
const EMAIL = 'jane.doe@example.com';

let stack: CallStack;

beforeAll(async () => {
  stack = await startCallStack('Privacy');
});

afterAll(async () => {
  await stack?.stop();
});

const gql = (query: string, variables: Record<string, unknown> = {}, token = stack.token) =>
  graphql(stack.gateway.url, query, variables, token);

const PRIVACY = `mutation ($b: ID!, $i: PrivacySettingsInput!) { updatePrivacySettings(businessId: $b, input: $i) {
  __typename ... on MutationUpdatePrivacySettingsSuccess { data { privacy { redact keepOriginals } } }
  ... on ValidationError { fieldErrors { field message } } } }`;
const REVEAL = `mutation ($id: ID!) { revealTranscriptOriginals(callId: $id) {
  __typename ... on MutationRevealTranscriptOriginalsSuccess { data { sequence text } } ... on Error { code } } }`;
const TRANSCRIPT = `query ($id: ID!) { call(id: $id) { transcript { lines { sequence text redactions { kind tail } } } } }`;

describe('redaction on a call', () => {
  it('takes a card number and an email out of the stored transcript, the live events, the escalation and search; an admin alone reveals the original, audited', async () => {
    const businessId = await createBusiness(stack.gateway.orm, stack.tenant);
    const admin = (await login(stack.gateway.url, stack.tenant.emails.admin)).accessToken;
    const kept = await gql(PRIVACY, { b: businessId, i: { keepOriginals: true } }, admin);
    expect(kept.data?.updatePrivacySettings.data.privacy).toMatchObject({ keepOriginals: true });

    const { id } = await placeCall(stack, READS_CARD, businessId);
    const ws = wsClient(stack.gateway.url, stack.token);
    const live = collect<{ callEvents: { type: string; line: { text: string } | null } }>(
      ws,
      'subscription ($id: ID!) { callEvents(callId: $id, after: "0") { type line { text } } }',
      { id },
      (items) => items.some((e) => e.callEvents.line?.text.includes('[email]')),
      60_000,
    );
    const { lines } = await finishedCall(stack, id);
    const liveLines = (await live).map((e) => e.callEvents.line?.text ?? '');
    ws.dispose();

    const spoken = lines.find((line) => line.text.includes('[card •••• 4242]'));
    expect(spoken?.text).toBe('My card number is [card •••• 4242] and my email is [email].');
    const stored = (await gql(TRANSCRIPT, { id })).data?.call.transcript.lines as {
      text: string;
      redactions: unknown[];
    }[];
    expect(stored.find((line) => line.text === spoken?.text)?.redactions).toEqual([
      { kind: 'CARD_NUMBER', tail: '4242' },
      { kind: 'EMAIL', tail: null },
    ]);
    for (const text of [...lines.map((line) => line.text), ...liveLines]) {
      expect(text).not.toContain(CARD);
      expect(text).not.toContain(EMAIL);
    }
    expect(liveLines).toContain(spoken?.text);

    // The caller asked for a person: the handoff carries the redacted lines, never the numbers.
    const escalation = await eventually(
      async () => (await stack.gateway.orm.em.fork().findOne(Escalation, { call: id })) ?? undefined,
    );
    expect(JSON.stringify(escalation.context)).not.toContain(CARD.replaceAll(' ', ''));
    expect(JSON.stringify(escalation.context)).not.toContain(CARD);
    expect(JSON.stringify(escalation.context)).not.toContain(EMAIL);

    // Full-text search over transcripts finds the call by its words, not by what was taken out.
    const search = async (words: string) =>
      (
        await gql(
          'query ($s: String!) { calls(first: 5, filter: { text: $s }) { ... on QueryCallsSuccess { data { edges { node { id } } } } } }',
          { s: words },
        )
      ).data?.calls.data.edges.map((e: { node: { id: string } }) => e.node.id);
    expect(await search('pay my bill with my card')).toContain(id);
    expect(await search(EMAIL)).not.toContain(id);
    expect(await search('4242424242424242')).not.toContain(id);

    // A supervisor may not see the original; an admin may, and the reveal is in the audit log.
    expect((await gql(REVEAL, { id })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const revealed = (await gql(REVEAL, { id }, admin)).data?.revealTranscriptOriginals.data as {
      sequence: number;
      text: string;
    }[];
    expect(revealed).toContainEqual({
      sequence: spoken!.sequence,
      text: `My card number is ${CARD} and my email is ${EMAIL}.`,
    });
    const audit = await eventually(
      async () =>
        (await stack.gateway.orm.em
          .fork()
          .findOne(AuditLog, { operation: 'revealTranscriptOriginals', targetId: id, outcome: 'success' })) ??
        undefined,
    );
    expect(audit.actorLabel).toBe(stack.tenant.emails.admin);
  });
});
