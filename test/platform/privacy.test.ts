import { execFile } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AuditLog, Escalation } from '../../db/entities/index.ts';
import { callRecordFor } from '../../db/person-data.ts';
import { RECORDING_OBJECTION_NOTE } from '../../lib/privacy-settings.ts';
import { DO_NOT_CALL_END_REASON } from '../../workflows/definitions/call.ts';
import { type CallStack, FAST_SPEECH, finishedCall, placeCall, startCallStack } from '../support/call-stack.ts';
import { TEST_DATABASE_URL } from '../support/env.ts';
import { collect, graphql, wsClient } from '../support/graphql.ts';
import { temporalCli, temporalStoreFile } from '../support/temporal.ts';
import { createBusiness, login } from '../support/tenants.ts';
import { eventually } from '../support/wait.ts';

/**
 * Personal data on a real call (gateway, worker, bridge, simulators): what the caller reads out is
 * taken out before anything is stored or published, and only a role allowed to see the original can.
 */
const READS_CARD = '+155501000014';
const OBJECTS = '+155501000015';
const COOPERATIVE = '+15550100000';
const ASKS_NOT_TO_CALL = `+1555011${String(Math.floor(Math.random() * 10_000)).padStart(4, '0')}`;
const CARD = '4242 4242 4242 4242';
const EMAIL = 'jane.doe@example.com';
/** What the caller says first: no personal data in it, so only encryption keeps it out of Temporal. */
const FIRST_LINE = 'I want to pay my bill with my card.';
const run = promisify(execFile);

/**
 * How often a text occurs in a file's bytes, read as a stream: the store is hundreds of megabytes,
 * and reading it in one go blocks this process (which hosts the gateway) for seconds.
 */
async function occurrences(file: string, text: string): Promise<number> {
  const needle = Buffer.from(text);
  let count = 0;
  let carry = Buffer.alloc(0);
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    const window = Buffer.concat([carry, chunk]);
    for (let at = window.indexOf(needle); at !== -1; at = window.indexOf(needle, at + needle.length)) count++;
    // Keep the tail that could begin a match split across chunks, but never a whole match counted already.
    carry = window.subarray(Math.max(0, window.length - needle.length + 1));
  }
  return count;
}

/** Every payload's data in a history as `temporal workflow show --output json` prints it, decoded from base64. */
function payloadData(historyJson: string): string {
  const found: string[] = [];
  const walk = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      if (key === 'data' && typeof value === 'string') found.push(Buffer.from(value, 'base64').toString('utf8'));
      else walk(value);
    }
  };
  walk(JSON.parse(historyJson));
  return found.join('\n');
}

let stack: CallStack;

beforeAll(async () => {
  stack = await startCallStack('Privacy', { speechMsPerCharacter: FAST_SPEECH });
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
const CONSENT = `query ($id: ID!) { call(id: $id) { answeredAt endedAt disclosureSpokenAt callerObjectedAt callerObjection } }`;
const TRANSCRIPT = `query ($id: ID!) { call(id: $id) { transcript { lines { sequence text redactions { kind tail } } } } }`;

describe('redaction on a call', () => {
  it('takes a card number and an email out of the stored transcript, the live events, the escalation and search, and Temporal; an admin alone reveals the original, audited', async () => {
    const businessId = await createBusiness(stack.gateway.orm, stack.tenant);
    const admin = (await login(stack.gateway.url, stack.tenant.emails.admin)).accessToken;
    const kept = await gql(PRIVACY, { b: businessId, i: { keepOriginals: true } }, admin);
    expect(kept.data?.updatePrivacySettings.data.privacy).toMatchObject({ keepOriginals: true });

    // The dev server's store is shared with every earlier test: count what is there before this call.
    const storedBefore = await occurrences(temporalStoreFile(), FIRST_LINE);
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

    // Temporal holds the call's history sealed: nothing the caller said is in its store, or in the
    // history as the CLI shows it, until the codec endpoint opens it for an admin.
    expect(await occurrences(temporalStoreFile(), FIRST_LINE)).toBeLessThanOrEqual(storedBefore);
    const history = async (...codec: string[]) =>
      (
        await run(temporalCli(), ['workflow', 'show', '-w', `call-${id}`, '--output', 'json', ...codec], {
          maxBuffer: 64 * 1024 * 1024,
        })
      ).stdout;
    const sealed = await history();
    expect(sealed).toContain(Buffer.from('binary/encrypted').toString('base64'));
    expect(payloadData(sealed)).not.toContain(FIRST_LINE);
    const opened = await history(
      '--codec-endpoint',
      `${stack.gateway.url}/temporal-codec`,
      '--codec-auth',
      `Bearer ${admin}`,
    );
    expect(payloadData(opened)).toContain(FIRST_LINE);
    expect(payloadData(opened)).not.toContain(CARD);

    // Nor does any row of Postgres that names the call hold the card number or the line as spoken.
    const { stdout: dump } = await run('pg_dump', ['--data-only', TEST_DATABASE_URL], {
      maxBuffer: 1024 * 1024 * 1024,
    });
    const rows = dump.split('\n').filter((row) => row.includes(id));
    expect(rows.join('\n')).toContain('My card number is [card •••• 4242]');
    for (const spokenForm of [CARD, CARD.replaceAll(' ', ''), EMAIL, 'My card number is 4242']) {
      expect(rows.join('\n')).not.toContain(spokenForm);
    }
  }, 300_000);
});

describe('consent on a call', () => {
  it('speaks the business’s disclosure first, keeps nothing the caller says after objecting to recording, and records both on the call', async () => {
    const businessId = await createBusiness(stack.gateway.orm, stack.tenant);
    const admin = (await login(stack.gateway.url, stack.tenant.emails.admin)).accessToken;
    const disclosure = 'This call is recorded and answered by an AI assistant.';
    const set = await gql(PRIVACY, { b: businessId, i: { disclosureText: disclosure } }, admin);
    expect(set.data?.updatePrivacySettings.__typename).toBe('MutationUpdatePrivacySettingsSuccess');

    const { id } = await placeCall(stack, OBJECTS, businessId);
    const { lines } = await finishedCall(stack, id);
    expect(lines.find((line) => line.speaker === 'ai')?.text).toContain(disclosure);
    const objection = lines.findIndex((line) => line.text === RECORDING_OBJECTION_NOTE);
    expect(objection).toBeGreaterThan(0);
    expect(lines.slice(objection + 1)).toEqual([]);
    expect(lines.map((line) => line.text).join(' ')).not.toMatch(/do not record|Thornbury/);

    const consent = await gql(CONSENT, { id });
    const call = consent.data?.call;
    expect(call).toMatchObject({ callerObjection: 'RECORDING' });
    const [spokenAt, objectedAt] = [Date.parse(call.disclosureSpokenAt), Date.parse(call.callerObjectedAt)];
    expect(spokenAt).toBeGreaterThanOrEqual(Date.parse(call.answeredAt));
    expect(objectedAt).toBeGreaterThanOrEqual(spokenAt);
    expect(objectedAt).toBeLessThanOrEqual(Date.parse(call.endedAt));
    // A person's export carries the same record.
    const record = await callRecordFor(stack.gateway.orm.em.fork(), stack.gateway.encryption, id);
    expect(record.call).toMatchObject({ caller_objection: 'recording' });
    expect(new Date(record.call?.disclosure_spoken_at as string).getTime()).toBe(spokenAt);
    expect(new Date(record.call?.caller_objected_at as string).getTime()).toBe(objectedAt);
  }, 300_000);

  it('records a caller’s asking not to be called again as an objection to calls', async () => {
    const { id } = await placeCall(stack, ASKS_NOT_TO_CALL);
    const { call: ended } = await finishedCall(stack, id);
    expect(ended.endReason).toBe(DO_NOT_CALL_END_REASON);
    const call = (await gql(CONSENT, { id })).data?.call;
    expect(call).toMatchObject({ callerObjection: 'CALLS', callerObjectedAt: call.endedAt });
  }, 300_000);

  it('records no disclosure on a call whose business has none, and no objection from a caller who made none', async () => {
    const businessId = await createBusiness(stack.gateway.orm, stack.tenant);
    const { id } = await placeCall(stack, COOPERATIVE, businessId);
    await finishedCall(stack, id);
    const call = (await gql(CONSENT, { id })).data?.call;
    expect(call).toMatchObject({ disclosureSpokenAt: null, callerObjectedAt: null, callerObjection: null });
  }, 300_000);
});
