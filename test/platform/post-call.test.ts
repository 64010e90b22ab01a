import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { Notification } from '../../db/entities/index.ts';
import { EMPLOYMENT_HISTORY_TEMPLATE } from '../../quality/extraction-schema.ts';
import { type CallStack, FAST_SPEECH, finishedCall, placeCall, startCallStack } from '../support/call-stack.ts';
import { graphql } from '../support/graphql.ts';
import { freePort } from '../support/ports.ts';
import { createBusiness, login } from '../support/tenants.ts';
import { eventually, until } from '../support/wait.ts';

/**
 * After the call, on real calls (gateway, worker, bridge, simulators): the analysis (summary,
 * outcome, extraction with provenance and the history gap, adversarial score) and its webhooks,
 * signed per Standard Webhooks and checked by a real receiver that verifies them, is down for a
 * while, and sees its worker killed between attempts.
 */
const WORK_HISTORY = '+15550100020';
const MANIPULATOR = '+15550100021';
const COOPERATIVE = '+15550100000';

/** An HTTP receiver on 127.0.0.1 that verifies every request with the Standard Webhooks library. */
interface Receiver {
  url: string;
  /** The verified deliveries, in the order they arrived. */
  accepted: { id: string; type: string; data: Record<string, unknown> }[];
  /** The events of requests answered 503 while down (type and call id); the number refused as unverified. */
  refusedWhileDown: { type: string; callId: string }[];
  unverified: number;
  secrets: string[];
  down: boolean;
  /** The last request as it came, to replay with a forged or stale signature. */
  last?: { headers: IncomingHttpHeaders; body: string };
  server: Server;
}

async function startReceiver(port: number): Promise<Receiver> {
  const receiver: Receiver = {
    url: `http://127.0.0.1:${port}/hooks`,
    accepted: [],
    refusedWhileDown: [],
    unverified: 0,
    secrets: [],
    down: false,
    server: createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        if (receiver.down) {
          const event = JSON.parse(body) as { type: string; data: { callId?: string; call?: { id: string } } };
          receiver.refusedWhileDown.push({
            type: event.type,
            callId: String(event.data.callId ?? event.data.call?.id),
          });
          res.writeHead(503).end();
          return;
        }
        const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
        // A receiver holding any of the endpoint's secrets accepts the signature made with it.
        const verified = receiver.secrets.some((secret) => {
          try {
            new Webhook(secret).verify(body, headers);
            return true;
          } catch (error) {
            if (error instanceof WebhookVerificationError) return false;
            throw error;
          }
        });
        if (!verified) {
          receiver.unverified++;
          res.writeHead(401).end();
          return;
        }
        receiver.last = { headers: req.headers, body };
        const event = JSON.parse(body) as { type: string; data: Record<string, unknown> };
        receiver.accepted.push({ id: String(req.headers['webhook-id']), type: event.type, data: event.data });
        res.writeHead(204).end();
      });
    }),
  };
  await new Promise<void>((resolve) => receiver.server.listen(port, '127.0.0.1', resolve));
  return receiver;
}

let stack: CallStack;
let receiver: Receiver;
let adminToken: string;

beforeAll(async () => {
  const port = await freePort();
  receiver = await startReceiver(port);
  stack = await startCallStack('PostCall', {
    speechMsPerCharacter: FAST_SPEECH,
    env: {
      // Exactly the test's receiver: every other private address stays refused.
      FETCH_ALLOWED_HOSTS: `127.0.0.1:${port}`,
      WEBHOOK_RETRY_BASE_SECONDS: '0.5',
      WEBHOOK_RETRY_MAX_DELAY_SECONDS: '1',
      WEBHOOK_RETRY_WINDOW_SECONDS: '120',
    },
  });
  adminToken = (await login(stack.gateway.url, stack.tenant.emails.admin)).accessToken;
});

afterAll(async () => {
  await stack?.stop();
  await new Promise((resolve) => receiver?.server.close(resolve));
});

const gql = (query: string, variables: Record<string, unknown> = {}, token = stack.token) =>
  graphql(stack.gateway.url, query, variables, token);

const SETTINGS = `mutation ($b: ID!, $i: PostCallSettingsInput!) { updatePostCallSettings(businessId: $b, input: $i) {
  __typename ... on ValidationError { message fieldErrors { field message } } } }`;
const ANALYSIS = `query ($id: ID!) { call(id: $id) { outcome adversarialScore analysis {
  summary outcome actionItems intent source completedAt
  extraction { status data errors rejected fields { path status required } gaps { from to months description }
    provenance { path source lineSequences lines { sequence text } } }
  adversarial { score rulesScore llmScore llmReasons flagged threshold signals { kind detail lineSequence } } } } }`;

/** A business that extracts the employment-history profile, and a finished call to it, once analysed. */
async function analysedCall(toNumber: string, schema: unknown = EMPLOYMENT_HISTORY_TEMPLATE) {
  const businessId = await createBusiness(stack.gateway.orm, stack.tenant);
  const saved = await gql(SETTINGS, { b: businessId, i: { extractionSchema: JSON.stringify(schema) } });
  expect(saved.data?.updatePostCallSettings.__typename).toBe('MutationUpdatePostCallSettingsSuccess');
  // The profile collects the caller's email: this business keeps emails in its transcripts.
  const admin = (await login(stack.gateway.url, stack.tenant.emails.admin)).accessToken;
  const privacy = await gql(
    `mutation ($b: ID!) { updatePrivacySettings(businessId: $b, input: { redact: [CARD_NUMBER, BANK_ACCOUNT, NATIONAL_ID, STREET_ADDRESS, DATE_OF_BIRTH] }) { __typename } }`,
    { b: businessId },
    admin,
  );
  expect(privacy.data?.updatePrivacySettings.__typename).toBe('MutationUpdatePrivacySettingsSuccess');
  const { id } = await placeCall(stack, toNumber, businessId);
  await finishedCall(stack, id);
  const call = await eventually(
    async () => {
      const found = (await gql(ANALYSIS, { id })).data?.call;
      // The call's own outcome and score are written with completedAt, but read before it here: wait for both.
      return found?.analysis?.completedAt && found.adversarialScore !== null ? found : undefined;
    },
    60_000,
    'the analysis',
  );
  return { id, businessId, call };
}

describe('post-call analysis', () => {
  it('tells the agent mid-call what is missing, then gives a work-history call a summary, an outcome, the profile with provenance and the gap computed in code', async () => {
    const sessionsBefore = stack.realtime.sessions.length;
    const { call } = await analysedCall(WORK_HISTORY);
    const { analysis } = call;
    expect(analysis.source).toBe('LLM');
    // While the caller talked, the agent (the Realtime session this call opened) was told which required fields were missing.
    const told = stack.realtime.sessions
      .slice(sessionsBefore)
      .flatMap((s) => s.received)
      .filter(
        (e) => e.type === 'conversation.item.create' && JSON.stringify(e).includes('Still to collect from the caller:'),
      );
    expect(told.length).toBeGreaterThanOrEqual(1);
    expect(analysis.summary.length).toBeGreaterThan(20);
    expect(['resolved', 'callback', 'sale', 'not_interested', 'escalated', 'unresolved']).toContain(analysis.outcome);
    expect(call.outcome).toBe(analysis.outcome);

    const { extraction } = analysis;
    expect(extraction.status).toBe('VALID');
    expect(extraction.errors).toEqual([]);
    const profile = JSON.parse(extraction.data);
    expect(profile).toMatchObject({
      fullName: 'Maria Lopez',
      email: 'maria.lopez@example.com',
      employmentHistory: [
        expect.objectContaining({ employer: 'Acme Steel', start: '1970', end: '1977' }),
        expect.objectContaining({ employer: 'Bayside Shipyard', start: '2004', end: '2015' }),
        expect.objectContaining({ employer: 'Northgate Construction', start: '2015', end: null }),
      ],
    });
    expect(extraction.fields).toEqual(
      expect.arrayContaining([
        { path: '/fullName', status: 'FOUND', required: true },
        { path: '/employmentHistory', status: 'FOUND', required: true },
      ]),
    );
    // Each value is tied to the caller's line that says it.
    const linesOf = (path: string) =>
      extraction.provenance.find((p: { path: string }) => p.path === path)?.lines.map((l: { text: string }) => l.text);
    expect(linesOf('/employmentHistory/0/start')).toEqual(['I worked as a welder at Acme Steel from 1970 to 1977.']);
    expect(linesOf('/employmentHistory/1/employer')).toEqual([
      'Then I was a shift lead at Bayside Shipyard from 2004 to 2015.',
    ]);
    expect(linesOf('/email')?.[0]).toContain('maria.lopez@example.com');
    expect(extraction.gaps).toEqual([expect.objectContaining({ from: '1977', to: '2004' })]);
    expect(extraction.gaps[0].description).toMatch(/1977.2004 not accounted for/);

    expect(analysis.adversarial.score).toBeLessThanOrEqual(2);
  }, 120_000);

  it('scores a manipulating caller 7 or more with both parts shown, flags the call and tells supervisors; a cooperative one 2 or less', async () => {
    const manipulated = await analysedCall(MANIPULATOR);
    const score = manipulated.call.analysis.adversarial;
    expect(score.score).toBeGreaterThanOrEqual(7);
    expect(score.flagged).toBe(true);
    expect(score.rulesScore).toBeGreaterThan(0);
    expect(score.llmScore).not.toBeNull();
    expect(score.llmReasons.length).toBeGreaterThan(0);
    expect(score.signals.map((s: { kind: string }) => s.kind)).toEqual(expect.arrayContaining(['MANIPULATION']));
    expect(manipulated.call.adversarialScore).toBe(score.score);
    const notice = await eventually(
      async () =>
        (await stack.gateway.orm.em
          .fork()
          .findOne(Notification, { callId: manipulated.id, type: 'adversarial_caller' })) ?? undefined,
    );
    expect(notice.title).toMatch(/difficult caller/);

    const cooperative = await analysedCall(COOPERATIVE);
    expect(cooperative.call.analysis.adversarial.score).toBeLessThanOrEqual(2);
    expect(cooperative.call.analysis.adversarial.flagged).toBe(false);
  }, 180_000);

  it('records an extraction that breaks the schema as invalid, storing nothing as fact', async () => {
    const digitsOnlyEmail = {
      ...EMPLOYMENT_HISTORY_TEMPLATE,
      properties: {
        ...(EMPLOYMENT_HISTORY_TEMPLATE.properties as object),
        email: { type: 'string', pattern: '^[0-9]+$' },
      },
    };
    const { call } = await analysedCall(WORK_HISTORY, digitsOnlyEmail);
    const { extraction } = call.analysis;
    expect(extraction.status).toBe('INVALID');
    expect(extraction.data).toBeNull();
    expect(extraction.errors.join(' ')).toMatch(/\/email/);
    expect(extraction.fields).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: '/email', status: 'INVALID' })]),
    );
    expect(JSON.parse(extraction.rejected).email).toBe('maria.lopez@example.com');
  }, 120_000);
});

const CREATE_ENDPOINT = `mutation ($i: WebhookEndpointInput!) { createWebhookEndpoint(input: $i) {
  __typename ... on MutationCreateWebhookEndpointSuccess { data { secret endpoint { id } } }
  ... on ValidationError { message fieldErrors { field message } } } }`;
const ROTATE = `mutation ($id: ID!) { rotateWebhookSecret(id: $id) {
  __typename ... on MutationRotateWebhookSecretSuccess { data { secret } } } }`;
const TEST_SEND = `mutation ($id: ID!) { sendTestWebhook(endpointId: $id) { __typename } }`;
const LOG = `query ($id: ID!) { webhookEndpoint(id: $id) { deliveries { eventId eventType status attempts
  attemptLog { number responseStatus latencyMs } } } }`;

describe('outbound webhooks', () => {
  it('delivers call.analyzed signed to a receiver that was down and whose worker died between attempts, once per event id', async () => {
    const created = await gql(
      CREATE_ENDPOINT,
      { i: { url: receiver.url, eventTypes: ['call.completed', 'call.analyzed'] } },
      adminToken,
    );
    expect(created.data?.createWebhookEndpoint.__typename).toBe('MutationCreateWebhookEndpointSuccess');
    const { secret, endpoint } = created.data!.createWebhookEndpoint.data;
    expect(secret).toMatch(/^whsec_/);
    receiver.secrets = [secret];
    receiver.down = true;

    const { id } = await placeCall(stack, COOPERATIVE);
    await finishedCall(stack, id);
    // call.analyzed comes after the analysis, later than call.completed: both must have been refused.
    await until(
      () =>
        ['call.analyzed', 'call.completed'].every((type) =>
          receiver.refusedWhileDown.some((refused) => refused.type === type && refused.callId === id),
        ),
      90_000,
      'both events refused while the receiver is down',
    );
    // The worker dies between attempts and another takes over; then the receiver comes back.
    await stack.worker.stop();
    stack.worker = await stack.startWorker();
    receiver.down = false;

    await until(
      () => receiver.accepted.some((e) => e.type === 'call.analyzed' && e.data.callId === id),
      60_000,
      'call.analyzed after the receiver came back',
    );
    // Wait out one more retry period: nothing is delivered a second time.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    // call.analyzed carries the call's id, call.completed the call itself.
    const forCall = receiver.accepted.filter((e) => (e.data.callId ?? (e.data.call as { id: string }).id) === id);
    expect(forCall.map((e) => e.type).sort()).toEqual(['call.analyzed', 'call.completed']);
    expect(new Set(forCall.map((e) => e.id)).size).toBe(forCall.length);
    expect(receiver.unverified).toBe(0);

    const log = (await gql(LOG, { id: endpoint.id })).data?.webhookEndpoint.deliveries;
    const analyzed = log.find((d: { eventType: string }) => d.eventType === 'call.analyzed');
    expect(analyzed.status).toBe('SUCCEEDED');
    expect(analyzed.attempts).toBeGreaterThanOrEqual(2);
    expect(analyzed.attemptLog.map((a: { responseStatus: number }) => a.responseStatus).at(-1)).toBe(204);
    expect(analyzed.attemptLog.slice(0, -1).every((a: { responseStatus: number }) => a.responseStatus === 503)).toBe(
      true,
    );
  }, 180_000);

  it('is verified by the receiver, which rejects a forged or stale signature; a rotated secret overlaps the old one', async () => {
    const created = await gql(
      CREATE_ENDPOINT,
      { i: { url: receiver.url, eventTypes: ['knowledge.synced'] } },
      adminToken,
    );
    const { secret, endpoint } = created.data!.createWebhookEndpoint.data;
    receiver.secrets = [secret];
    const accepted = receiver.accepted.length;
    expect((await gql(TEST_SEND, { id: endpoint.id }, adminToken)).data?.sendTestWebhook.__typename).toBe(
      'MutationSendTestWebhookSuccess',
    );
    await until(() => receiver.accepted.length > accepted, 30_000, 'the test event');
    const genuine = receiver.last!;
    expect(JSON.parse(genuine.body).type).toBe('webhook.test');

    /** The request again, with its signing headers as given (the rest, such as its length, made anew). */
    const replay = (headers: IncomingHttpHeaders, body = genuine.body) =>
      fetch(receiver.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...Object.fromEntries(
            Object.entries(headers)
              .filter(([k]) => k.startsWith('webhook-'))
              .map(([k, v]) => [k, String(v)]),
          ),
        },
        body,
      }).then((r) => r.status);
    const forged = new Webhook(`whsec_${Buffer.from('not the endpoint secret, 32 bytes').toString('base64')}`);
    const now = new Date();
    expect(
      await replay({
        ...genuine.headers,
        'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
        'webhook-signature': forged.sign(String(genuine.headers['webhook-id']), now, genuine.body),
      }),
    ).toBe(401);
    expect(await replay(genuine.headers, genuine.body.replace('webhook.test', 'call.analyzed'))).toBe(401);
    const stale = new Date(Date.now() - 10 * 60_000);
    expect(
      await replay({
        ...genuine.headers,
        'webhook-timestamp': String(Math.floor(stale.getTime() / 1000)),
        'webhook-signature': new Webhook(secret).sign(String(genuine.headers['webhook-id']), stale, genuine.body),
      }),
    ).toBe(401);

    // After a rotation both secrets sign: a receiver still on the old one goes on verifying.
    const rotated = (await gql(ROTATE, { id: endpoint.id }, adminToken)).data?.rotateWebhookSecret.data.secret;
    expect(rotated).toMatch(/^whsec_/);
    expect(rotated).not.toBe(secret);
    const before = receiver.accepted.length;
    await gql(TEST_SEND, { id: endpoint.id }, adminToken);
    await until(() => receiver.accepted.length > before, 30_000, 'the test event after rotation');
    const signatures = String(receiver.last!.headers['webhook-signature']).split(' ');
    expect(signatures).toHaveLength(2);
    receiver.secrets = [rotated];
    expect(await replay(receiver.last!.headers, receiver.last!.body)).toBe(204);
  }, 120_000);
});
