import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Webhook } from 'standardwebhooks';
import type { SimulatedCall } from '../../scripts/simulators/telephony.ts';
import { type CallStack, FAST_SPEECH, startCallStack } from '../support/call-stack.ts';
import { graphql } from '../support/graphql.ts';
import { freePort } from '../support/ports.ts';
import { createBusiness, login } from '../support/tenants.ts';
import { eventually } from '../support/wait.ts';

/**
 * Campaigns on the whole platform: the campaign workflow and its activities on Postgres, every dial a
 * real call through the worker, the bridge and the simulators. The numbers pick the contact's
 * behaviour (`+15553ODDDDD`, scripts/simulators/personas.ts): 0 answers briefly, 1 is busy,
 * 2 does not answer, 3 is a voicemail, 4 asks not to be called again.
 */
const BRIEF = 0;
const BUSY = 1;
const NO_ANSWER = 2;
const VOICEMAIL = 3;
const ASKS_NOT_TO_CALL = 4;
let serial = 0;
/** A contact's number of this file's own, with the behaviour `outcome`. */
const contact = (outcome: number) => `+15553${outcome}${String(++serial).padStart(5, '0')}`;

let stack: CallStack;
/** The integrator's webhook receiver: every request it verified, as the events they carried. */
let receiver: Server;
let receiverUrl: string;
let verifier: Webhook | undefined;
const received: { type: string; data: Record<string, unknown> }[] = [];

beforeAll(async () => {
  const port = await freePort();
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
      received.push(verifier!.verify(Buffer.concat(chunks).toString('utf8'), headers) as (typeof received)[number]);
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(port, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${port}/hooks`;
  stack = await startCallStack('CampaignCalls', {
    speechMsPerCharacter: FAST_SPEECH,
    env: { FETCH_ALLOWED_HOSTS: `127.0.0.1:${port}` },
  });
});

afterAll(async () => {
  await stack?.stop();
  await new Promise((resolve) => receiver?.close(resolve));
});

const gql = (query: string, variables: Record<string, unknown> = {}) =>
  graphql(stack.gateway.url, query, variables, stack.token);

const ALWAYS = { start: '00:00', end: '24:00', days: [1, 2, 3, 4, 5, 6, 7] };
const RESULT = '__typename ... on Error { code message } ... on ValidationError { fieldErrors { field message } }';

/** A campaign of `numbers` (each `{ phoneNumber, timeZone? }`) for a business of its own, started. */
async function startedCampaign(
  numbers: { phoneNumber: string; timeZone?: string }[],
  settings: Record<string, unknown>,
): Promise<string> {
  const businessId = await createBusiness(stack.gateway.orm, stack.tenant);
  const created = await gql(
    `mutation ($input: CreateCampaignInput!) { createCampaign(input: $input) { ${RESULT}
      ... on MutationCreateCampaignSuccess { data { id } } } }`,
    { input: { businessId, name: 'Renewals', callingWindow: ALWAYS, ...settings } },
  );
  const id = created.data?.createCampaign.data?.id as string;
  expect(id).toBeDefined();
  const added = await gql(
    `mutation ($id: ID!, $contacts: [CampaignContactInput!]!) { addCampaignContacts(campaignId: $id, contacts: $contacts) {
      ${RESULT} ... on MutationAddCampaignContactsSuccess { data { added } } } }`,
    { id, contacts: numbers },
  );
  expect(added.data?.addCampaignContacts.data).toEqual({ added: numbers.length });
  const started = await gql(`mutation ($id: ID!) { startCampaign(id: $id) { ${RESULT} } }`, { id });
  expect(started.data?.startCampaign.__typename).toBe('MutationStartCampaignSuccess');
  return id;
}

interface CampaignView {
  status: string;
  progress: { counts: Record<string, number> } | null;
  contacts: {
    nodes: {
      phoneNumber: string;
      status: string;
      attempts: number;
      lastOutcome: string | null;
      nextAttemptAt: string | null;
      calls: { id: string; status: string }[];
    }[];
  };
}

const CAMPAIGN = `query ($id: ID!) { campaign(id: $id) { status
  progress { counts { completed busy noAnswer voicemail skippedDnc pending dialling retryScheduled waitingWindow } }
  contacts(first: 100) { nodes { phoneNumber status attempts lastOutcome nextAttemptAt calls { id status } } } } }`;

const campaign = async (id: string): Promise<CampaignView> => (await gql(CAMPAIGN, { id })).data?.campaign;

/** Waits for the campaign's workflow to finish it; answers the campaign as the API then shows it. */
async function finished(id: string, timeoutMs = 120_000): Promise<CampaignView> {
  return eventually(
    async () => {
      const view = await campaign(id);
      return view.status === 'COMPLETED' ? view : undefined;
    },
    timeoutMs,
    'the campaign to complete',
  );
}

/** The simulator's calls to `number`, first to last. */
const callsTo = (number: string): SimulatedCall[] =>
  [...stack.telephony.sim.calls.values()].filter((c) => c.to === number).sort((a, b) => a.createdAt - b.createdAt);

/** The most of `calls` up at one moment: each from when it was placed until it ended. */
function peakConcurrency(calls: SimulatedCall[]): number {
  const edges = calls.flatMap((call) => {
    const ended = call.timeline.find((e) => e.event === 'ended')?.at ?? Number.POSITIVE_INFINITY;
    return [
      { at: call.createdAt, change: 1 },
      { at: ended, change: -1 },
    ];
  });
  edges.sort((a, b) => a.at - b.at || a.change - b.change);
  let up = 0;
  let peak = 0;
  for (const edge of edges) {
    up += edge.change;
    peak = Math.max(peak, up);
  }
  return peak;
}

describe('a campaign on the whole platform', () => {
  it('dials each eligible contact once per attempt under its cap, retries busy and unanswered ones up to the limit, and never dials a number listed mid-campaign', async () => {
    const brief = [contact(BRIEF), contact(BRIEF), contact(BRIEF), contact(BRIEF)];
    const busy = contact(BUSY);
    const noAnswer = contact(NO_ANSWER);
    const voicemail = contact(VOICEMAIL);
    const asksNotToCall = contact(ASKS_NOT_TO_CALL);
    // Last in dialling order: it goes on the list while the campaign is dialling the others.
    const listedLater = contact(BRIEF);
    const numbers = [...brief, busy, noAnswer, voicemail, asksNotToCall, listedLater];
    // The integrator hears when the campaign is done.
    const admin = (await login(stack.gateway.url, stack.tenant.emails.admin)).accessToken;
    const endpoint = await graphql(
      stack.gateway.url,
      `mutation ($i: WebhookEndpointInput!) { createWebhookEndpoint(input: $i) {
        ${RESULT} ... on MutationCreateWebhookEndpointSuccess { data { secret } } } }`,
      { i: { url: receiverUrl, eventTypes: ['campaign.completed'] } },
      admin,
    );
    verifier = new Webhook(endpoint.data?.createWebhookEndpoint.data.secret);
    const id = await startedCampaign(
      numbers.map((phoneNumber) => ({ phoneNumber })),
      {
        callsPerMinute: 120,
        maxConcurrentCalls: 2,
        retry: { maxAttempts: 2, initialDelaySeconds: 1, backoffMultiplier: 1, jitter: 0 },
        voicemail: { detect: true, countsAs: 'REACHED' },
      },
    );
    const listed = await gql(`mutation ($input: AddDoNotCallInput!) { addDoNotCall(input: $input) { ${RESULT} } }`, {
      input: { phoneNumber: listedLater, reason: 'Asked by email' },
    });
    expect(listed.data?.addDoNotCall.__typename).toBe('MutationAddDoNotCallSuccess');

    const done = await finished(id);
    const dials = (number: string) => callsTo(number).length;
    for (const number of [...brief, voicemail, asksNotToCall]) expect(dials(number)).toBe(1);
    expect(dials(busy)).toBe(2);
    expect(dials(noAnswer)).toBe(2);
    expect(dials(listedLater)).toBe(0);
    // The retry came after its backoff, not at once.
    const [first, second] = callsTo(busy);
    const firstEnded = first!.timeline.find((e) => e.event === 'ended')!.at;
    expect(second!.createdAt - firstEnded).toBeGreaterThanOrEqual(1_000);
    expect(
      peakConcurrency([...stack.telephony.sim.calls.values()].filter((c) => numbers.includes(c.to))),
    ).toBeLessThanOrEqual(2);

    const statusOf = Object.fromEntries(done.contacts.nodes.map((c) => [c.phoneNumber, c.status]));
    expect(statusOf).toEqual({
      ...Object.fromEntries(brief.map((n) => [n, 'COMPLETED'])),
      [busy]: 'BUSY',
      [noAnswer]: 'NO_ANSWER',
      [voicemail]: 'VOICEMAIL',
      [asksNotToCall]: 'COMPLETED',
      [listedLater]: 'SKIPPED_DNC',
    });
    expect(done.progress?.counts).toMatchObject({
      completed: 5,
      busy: 1,
      noAnswer: 1,
      voicemail: 1,
      skippedDnc: 1,
      pending: 0,
      dialling: 0,
      retryScheduled: 0,
    });
    // Every attempt is a call on record, ended, and linked from its contact.
    for (const node of done.contacts.nodes) {
      expect(node.calls).toHaveLength(node.attempts);
      for (const call of node.calls) expect(['COMPLETED', 'BUSY', 'NO_ANSWER', 'VOICEMAIL']).toContain(call.status);
    }

    // The contact who asked is on the list now, and the campaign's calls are found by its id in Temporal.
    const lookup = await gql(
      `query ($n: String!) { doNotCallLookup(phoneNumber: $n) { ... on QueryDoNotCallLookupSuccess { data { source } } } }`,
      { n: asksNotToCall },
    );
    expect(lookup.data?.doNotCallLookup?.data).toEqual({ source: 'CALL' });
    const inTemporal: string[] = [];
    for await (const execution of stack.gateway.temporal.workflow.list({ query: `CampaignId = "${id}"` })) {
      inTemporal.push(execution.workflowId);
    }
    expect(inTemporal).toContain(`campaign-${id}`);
    expect(inTemporal.filter((w) => w.startsWith('call-'))).toHaveLength(
      done.contacts.nodes.reduce((sum, c) => sum + c.attempts, 0),
    );
    const completed = await eventually(async () => received.find((e) => e.type === 'campaign.completed'));
    expect(completed.data).toMatchObject({
      campaignId: id,
      total: numbers.length,
      counts: expect.objectContaining({ completed: 5, busy: 1, noAnswer: 1, voicemail: 1, skippedDnc: 1 }),
    });
  }, 240_000);

  it('holds a contact whose calling window is closed until it opens, then dials it', async () => {
    // A window that opens at the next whole minute (UTC) at least 15 s away, for a contact in UTC.
    const opening = new Date(Math.ceil((Date.now() + 15_000) / 60_000) * 60_000);
    const hhmm = opening.toISOString().slice(11, 16);
    const start = hhmm === '00:00' ? '00:01' : hhmm;
    const opensAt = hhmm === '00:00' ? new Date(opening.getTime() + 60_000) : opening;
    const waiting = contact(BRIEF);
    const id = await startedCampaign([{ phoneNumber: waiting, timeZone: 'UTC' }], {
      callsPerMinute: 60,
      callingWindow: { start, end: '24:00', days: [1, 2, 3, 4, 5, 6, 7] },
    });

    const held = await eventually(async () => {
      const node = (await campaign(id)).contacts.nodes[0];
      return node?.status === 'WAITING_WINDOW' ? node : undefined;
    });
    expect(new Date(held.nextAttemptAt!).getTime()).toBe(opensAt.getTime());
    expect(callsTo(waiting)).toEqual([]);

    await finished(id, 150_000);
    const [call] = callsTo(waiting);
    expect(call!.createdAt).toBeGreaterThanOrEqual(opensAt.getTime());
  }, 240_000);

  it("speaks the business's disclosure first on a campaign's call, and records that it did", async () => {
    const businessId = await createBusiness(stack.gateway.orm, stack.tenant);
    const admin = (await login(stack.gateway.url, stack.tenant.emails.admin)).accessToken;
    const disclosure = 'This call is recorded and placed by an AI assistant.';
    const set = await graphql(
      stack.gateway.url,
      `mutation ($b: ID!, $i: PrivacySettingsInput!) { updatePrivacySettings(businessId: $b, input: $i) { __typename } }`,
      { b: businessId, i: { disclosureText: disclosure } },
      admin,
    );
    expect(set.data?.updatePrivacySettings.__typename).toBe('MutationUpdatePrivacySettingsSuccess');
    const id = await startedCampaign([{ phoneNumber: contact(BRIEF) }], {
      businessId,
      callsPerMinute: 60,
      greeting: 'Hello {{contact.name}}, this is about your renewal.',
    });
    const callId = (await finished(id)).contacts.nodes[0]!.calls[0]!.id;
    const call = (
      await gql(
        `query ($id: ID!) { call(id: $id) { disclosureSpokenAt answeredAt transcript { lines { speaker text } } } }`,
        { id: callId },
      )
    ).data?.call;
    const firstAgentLine = call.transcript.lines.find((l: { speaker: string }) => l.speaker === 'AI');
    expect(firstAgentLine?.text).toContain(disclosure);
    expect(Date.parse(call.disclosureSpokenAt)).toBeGreaterThanOrEqual(Date.parse(call.answeredAt));
  }, 180_000);

  it("extracts each call's data against the campaign's own schema, and refuses a schema that cannot be used", async () => {
    const schema = {
      type: 'object',
      properties: {
        renewal_confirmed: { type: 'boolean', description: 'Whether the contact confirmed the renewal.' },
        preferred_day: { type: 'string', description: 'The day the contact prefers to be called back.' },
      },
      required: ['renewal_confirmed'],
    };
    const bad = await gql(`mutation ($input: CreateCampaignInput!) { createCampaign(input: $input) { ${RESULT} } }`, {
      input: {
        businessId: await createBusiness(stack.gateway.orm, stack.tenant),
        name: 'Bad schema',
        postCall: { extractionSchema: JSON.stringify({ type: 'object', properties: { x: { type: 'nope' } } }) },
      },
    });
    expect(bad.data?.createCampaign.__typename).toBe('ValidationError');
    expect(bad.data?.createCampaign.fieldErrors[0].field).toBe('postCall.extractionSchema');

    // The campaign's business collects nothing of its own.
    const answering = contact(BRIEF);
    const id = await startedCampaign([{ phoneNumber: answering }], {
      callsPerMinute: 60,
      postCall: { extractionSchema: JSON.stringify(schema) },
    });
    const [dialled] = (await finished(id)).contacts.nodes;
    const callId = dialled!.calls[0]!.id;
    const extraction = await eventually(async () => {
      const found = (
        await gql(
          `query ($id: ID!) { call(id: $id) { analysis { extraction { status fields { path required status } } } } }`,
          { id: callId },
        )
      ).data?.call?.analysis?.extraction;
      return found?.status ? found : undefined;
    }, 60_000);
    expect(extraction.fields.map((f: { path: string; required: boolean }) => [f.path, f.required]).sort()).toEqual([
      ['/preferred_day', false],
      ['/renewal_confirmed', true],
    ]);
  }, 180_000);

  it('dials no one twice when the worker is killed mid-campaign, and every call still ends with its transcript', async () => {
    const numbers = Array.from({ length: 8 }, () => contact(BRIEF));
    const id = await startedCampaign(
      numbers.map((phoneNumber) => ({ phoneNumber })),
      { callsPerMinute: 240, maxConcurrentCalls: 3 },
    );
    await eventually(async () => (callsTo(numbers[2]!).length ? true : undefined), 60_000, 'three dials');
    stack.worker.child.kill('SIGKILL');
    await new Promise((resolve) => stack.worker.child.once('exit', resolve));
    stack.worker = await stack.startWorker();

    const done = await finished(id);
    for (const number of numbers) expect(callsTo(number)).toHaveLength(1);
    expect(done.contacts.nodes.map((c) => c.status)).toEqual(numbers.map(() => 'COMPLETED'));
    const lines = await gql(`query ($id: ID!) { call(id: $id) { transcript { lines { speaker text } } } }`, {
      id: done.contacts.nodes[0]!.calls[0]!.id,
    });
    expect(lines.data?.call.transcript.lines.map((l: { text: string }) => l.text)).toContain(
      'Yes, got it, thanks, bye.',
    );
  }, 240_000);
});
