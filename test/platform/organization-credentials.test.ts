import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Call, QaScore } from '../../db/entities/index.ts';
import { inboundCallId } from '../../gateway/twilio-webhooks.ts';
import { SIMULATOR_ACCOUNT_SID } from '../../lib/config.ts';
import { type CallStack, FAST_SPEECH, finishedCall, placeCall, startCallStack } from '../support/call-stack.ts';
import { graphql } from '../support/graphql.ts';
import { type MailServer, startMailServer } from '../support/mail.ts';
import { freePort } from '../support/ports.ts';
import { type RunningProcess, startProcess } from '../support/processes.ts';
import { createTenant, login, type Tenant } from '../support/tenants.ts';
import { eventually, until } from '../support/wait.ts';

/**
 * Two organisations on one platform: the first uses the platform's Twilio account and OpenAI key,
 * the second its own, stored through the API. Real gateway, worker and bridge processes and the
 * simulators, which check the account SID and auth token (and the API key) on every request.
 */
const COOPERATIVE = '+15550100000';
const OWN = {
  accountSid: `AC${randomBytes(16).toString('hex')}`,
  authToken: randomBytes(16).toString('hex'),
  apiKey: `sk-own-${randomBytes(12).toString('hex')}`,
  nextApiKey: `sk-next-${randomBytes(12).toString('hex')}`,
};
const WRONG_KEY = `sk-wrong-${randomBytes(12).toString('hex')}`;
const SMTP = { username: 'ownmail', password: `pw-${randomBytes(8).toString('hex')}` };
/** The simulated model ends each echo of the caller with it: a phrase to prohibit, so the call raises a compliance email. */
const PROHIBITED = 'anything else';

let stack: CallStack;
let own: Tenant;
let ownSupervisor: string;
let api: RunningProcess;
let apiUrl: string;
let mail: MailServer;

const asOwnAdmin = async (query: string, variables: Record<string, unknown> = {}) =>
  graphql(apiUrl, query, variables, (await login(apiUrl, own.emails.admin)).accessToken);

async function placeOwnCall(): Promise<string> {
  const started = await graphql(
    stack.gateway.url,
    `mutation ($i: StartCallInput!) { startCall(input: $i) { __typename ... on MutationStartCallSuccess { data { id } } } }`,
    { i: { businessId: own.businessId, toNumber: COOPERATIVE } },
    ownSupervisor,
  );
  const id = started.data?.startCall.data?.id;
  if (!id) throw new Error(JSON.stringify(started));
  return id;
}

/** The Realtime session a call's agent talked in: the one whose instructions the bridge sent for it. */
const sessionsWith = (apiKey: string) => stack.realtime.sessions.filter((s) => s.apiKey === apiKey);
const instructionsOf = (session: (typeof stack.realtime.sessions)[number]) =>
  (session.received.find((e) => e.type === 'session.update') as { session: { instructions: string } } | undefined)
    ?.session.instructions ?? '';

beforeAll(async () => {
  mail = await startMailServer({ users: { [SMTP.username]: SMTP.password } });
  stack = await startCallStack('Platform account', {
    env: { LOG_LEVEL: 'debug' },
    realtimeKeys: ['simulator', OWN.apiKey, OWN.nextApiKey],
    speechMsPerCharacter: FAST_SPEECH,
  });
  own = await createTenant(stack.gateway.orm, 'Own account');
  stack.telephony.sim.addAccount({
    accountSid: OWN.accountSid,
    authToken: OWN.authToken,
    phoneNumbers: [own.businessNumber],
  });
  // The API as its own process, logging everything, so its log can be read for secrets.
  const port = await freePort();
  api = startProcess('gateway/server.ts', { ...stack.env, GATEWAY_PORT: String(port), LOG_LEVEL: 'trace' });
  await api.waitForLog('gateway listening');
  apiUrl = `http://127.0.0.1:${port}`;
  ownSupervisor = (await login(stack.gateway.url, own.emails.supervisor)).accessToken;
});
afterAll(async () => {
  await api?.stop();
  await stack?.stop();
  await mail?.stop();
});

describe("an organisation's own Twilio account, OpenAI key and SMTP server", () => {
  it('are stored, and tested, through the API', async () => {
    const smtp = await asOwnAdmin(
      `mutation ($i: SmtpSettingsInput!) { updateSmtpSettings(input: $i) { __typename } }`,
      { i: { host: '127.0.0.1', port: mail.port, ...SMTP, from: 'Own Co <alerts@own.example>' } },
    );
    expect(smtp.data?.updateSmtpSettings.__typename).toBe('MutationUpdateSmtpSettingsSuccess');
    const rules = await asOwnAdmin(
      `mutation ($id: ID!, $p: String!) { updateQualitySettings(businessId: $id, input: { prohibitedPhrases: [$p], sentimentEscalationEnabled: false }) { __typename } }`,
      { id: own.businessId, p: PROHIBITED },
    );
    expect(rules.data?.updateQualitySettings.__typename).toBe('MutationUpdateQualitySettingsSuccess');
    const twilio = await asOwnAdmin(
      `mutation ($i: TwilioCredentialsInput!) { updateTwilioCredentials(input: $i) { __typename } }`,
      { i: { accountSid: OWN.accountSid, authToken: OWN.authToken } },
    );
    expect(twilio.data?.updateTwilioCredentials.__typename).toBe('MutationUpdateTwilioCredentialsSuccess');
    const openai = await asOwnAdmin(
      `mutation ($k: String!) { updateOpenAiCredentials(input: { apiKey: $k }) { __typename } }`,
      {
        k: OWN.apiKey,
      },
    );
    expect(openai.data?.updateOpenAiCredentials.__typename).toBe('MutationUpdateOpenAiCredentialsSuccess');
    const tested = await asOwnAdmin(
      `mutation { testTwilioConnection { ... on MutationTestTwilioConnectionSuccess { data { ok account } } } }`,
    );
    expect(tested.data?.testTwilioConnection.data).toEqual({
      ok: true,
      account: `the organisation's Twilio account ${OWN.accountSid}`,
    });
    // Failures are where a careless error message would leak a secret: make some for the log check.
    const failed = await asOwnAdmin(
      `mutation ($k: String!) { testOpenAiConnection(apiKey: $k) { ... on MutationTestOpenAiConnectionSuccess { data { ok } } } }`,
      { k: WRONG_KEY },
    );
    expect(failed.data?.testOpenAiConnection.data.ok).toBe(false);
  });

  it("place the second organisation's calls through its own account while the first uses the platform's", async () => {
    const requestsBefore = stack.telephony.sim.requests.length;
    const [platformCallId, ownCallId] = await Promise.all([
      placeCall(stack, COOPERATIVE).then((c) => c.id),
      placeOwnCall(),
    ]);
    const [platformCall, ownCall] = await Promise.all([
      finishedCall(stack, platformCallId),
      finishedCall(stack, ownCallId),
    ]);

    expect(platformCall.simulated.accountSid).toBe(SIMULATOR_ACCOUNT_SID);
    expect(ownCall.simulated.accountSid).toBe(OWN.accountSid);
    // The simulator signed the own account's webhooks with its token: the gateway took them, the call completed.
    expect(ownCall.call.status).toBe('completed');
    expect(ownCall.simulated.callbacks).toEqual(
      expect.arrayContaining(['initiated', 'ringing', 'in-progress', 'completed']),
    );
    expect(ownCall.lines.length).toBeGreaterThan(2);

    // Every REST request named an account the simulator checked; the own call's went to the own account.
    const requests = stack.telephony.sim.requests.slice(requestsBefore);
    expect(requests.every((r) => r.authorized)).toBe(true);
    const ownSid = ownCall.simulated.sid;
    const aboutOwnCall = requests.filter((r) => r.path.includes(ownSid) || r.accountSid === OWN.accountSid);
    expect(aboutOwnCall.length).toBeGreaterThan(0);
    expect(aboutOwnCall.every((r) => r.accountSid === OWN.accountSid)).toBe(true);
    expect(
      requests
        .filter((r) => r.path.includes(platformCall.simulated.sid))
        .every((r) => r.accountSid === SIMULATOR_ACCOUNT_SID),
    ).toBe(true);

    // The voice agent and the QA grader of each call used that organisation's key.
    expect(sessionsWith(OWN.apiKey).length).toBeGreaterThanOrEqual(1);
    expect(sessionsWith('simulator').length).toBeGreaterThanOrEqual(1);
    await until(
      async () => (await stack.gateway.orm.em.fork().findOne(QaScore, { call: ownCallId, final: true })) !== null,
      30_000,
      'the own call graded',
    );
    const grading = stack.realtime.chatRequests.filter((r) =>
      JSON.stringify(r.messages).includes('quality assurance grader'),
    );
    expect(grading.map((r) => r.apiKey)).toEqual(expect.arrayContaining([OWN.apiKey, 'simulator']));
  });

  it('reach the next call in every process as soon as they change, with the new instructions version', async () => {
    const changed = await asOwnAdmin(
      `mutation ($k: String!) { updateOpenAiCredentials(input: { apiKey: $k }) { __typename } }`,
      {
        k: OWN.nextApiKey,
      },
    );
    expect(changed.data?.updateOpenAiCredentials.__typename).toBe('MutationUpdateOpenAiCredentialsSuccess');
    const updated = await asOwnAdmin(
      `mutation ($id: ID!) { updateBusiness(id: $id, input: { instructions: "You are the new agent of {{business_name}}. Version two." }) {
        ... on MutationUpdateBusinessSuccess { data { instructionsVersion } } } }`,
      { id: own.businessId },
    );
    expect(updated.data?.updateBusiness.data.instructionsVersion).toBe(2);

    const callId = await placeOwnCall();
    const call = await finishedCall(stack, callId);
    expect(call.call.status).toBe('completed');
    const [session] = sessionsWith(OWN.nextApiKey);
    expect(session).toBeDefined();
    expect(instructionsOf(session!)).toContain(`You are the new agent of ${own.businessName}. Version two.`);

    const recorded = await graphql(
      stack.gateway.url,
      `query ($id: ID!) { call(id: $id) { instructionsVersion { version instructions createdBy } } }`,
      { id: callId },
      ownSupervisor,
    );
    expect(recorded.data?.call.instructionsVersion).toEqual({
      version: 2,
      instructions: 'You are the new agent of {{business_name}}. Version two.',
      createdBy: own.emails.admin,
    });
    const earlier = await stack.gateway.orm.em
      .fork()
      .find(Call, { business: own.businessId, id: { $ne: callId } }, { populate: ['instructionsVersion'] });
    expect(earlier.map((c) => c.instructionsVersion?.version)).toEqual([1]);
  });

  it("let the organisation's own account call its number: the webhook is checked with the own account's token", async () => {
    const inbound = stack.telephony.sim.placeInboundCall({
      from: COOPERATIVE,
      to: own.businessNumber,
      voiceUrl: `${stack.gateway.url}/twilio/voice/inbound`,
      statusCallback: `${stack.gateway.url}/twilio/status`,
    });
    expect(inbound.accountSid).toBe(OWN.accountSid);
    await inbound.done;
    expect(inbound.streams).toBe(1);
    expect(inbound.twimlSaid).toEqual([]);
    const call = await eventually(
      async () => (await stack.gateway.orm.em.fork().findOne(Call, inboundCallId(inbound.sid))) ?? undefined,
    );
    expect(call.business.id).toBe(own.businessId);
  });

  it('never appear in any process’s log', () => {
    const logs = { gateway: api.output(), worker: stack.worker.output(), bridge: stack.bridges[0]!.process.output() };
    for (const [name, log] of Object.entries(logs)) {
      expect(log.length).toBeGreaterThan(0);
      for (const secret of [OWN.authToken, OWN.apiKey, OWN.nextApiKey, WRONG_KEY, SMTP.password]) {
        expect({ process: name, leaked: log.includes(secret) }).toEqual({ process: name, leaked: false });
      }
    }
  });
});
