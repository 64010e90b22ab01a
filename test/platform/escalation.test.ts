import { randomInt, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createEscalationActivities } from '../../activities/escalation.ts';
import { Call, Escalation, HumanAgent, Notification, User } from '../../db/entities/index.ts';
import { createMailer } from '../../lib/mailer.ts';
import { type CallStack, FAST_SPEECH, finishedCall, placeCall, startCallStack } from '../support/call-stack.ts';
import { graphql } from '../support/graphql.ts';
import { type MailServer, startMailServer } from '../support/mail.ts';
import { createBusiness, login } from '../support/tenants.ts';
import { eventually } from '../support/wait.ts';

/**
 * Escalation to human agents with simulated callers, against the whole platform: gateway, worker,
 * bridge, the telephony simulator's conferences and agent phones, and a real SMTP server.
 */
const ANGRY = '+15550100002';
const ASKS_FOR_HUMAN = '+15550100003';
/** Asks for a human and holds on for half a minute. */
const HOLDS_FOR_HUMAN = '+155501000011';
const COOPERATIVE = '+15550100000';

let stack: CallStack;
let mail: MailServer;
let agentUserToken: string;
let agentUserId: string;

beforeAll(async () => {
  mail = await startMailServer();
  stack = await startCallStack('Escalation', { env: { SMTP_URL: mail.smtpUrl }, speechMsPerCharacter: FAST_SPEECH });
  const em = stack.gateway.orm.em.fork();
  agentUserId = (await em.findOneOrFail(User, { email: stack.tenant.emails.agent })).id;
  agentUserToken = (await login(stack.gateway.url, stack.tenant.emails.agent)).accessToken;
});

afterAll(async () => {
  await stack?.stop();
  await mail?.stop();
});

const gql = (query: string, variables: Record<string, unknown> = {}, token = stack.token) =>
  graphql(stack.gateway.url, query, variables, token);

/** A business of this tenant's organisation with its own quality rules. */
async function business(quality: Record<string, unknown> = {}): Promise<string> {
  const businessId = await createBusiness(stack.gateway.orm, stack.tenant);
  const result = await gql(
    `mutation ($b: ID!, $i: QualitySettingsInput!) { updateQualitySettings(businessId: $b, input: $i) {
      __typename ... on Error { message } } }`,
    { b: businessId, i: quality },
  );
  expect(result.data?.updateQualitySettings.__typename).toBe('MutationUpdateQualitySettingsSuccess');
  return businessId;
}

/** An agent of this organisation; available unless told otherwise. */
async function agent(input: {
  name: string;
  phone?: string;
  skills?: string[];
  availability?: 'AVAILABLE' | 'OFFLINE' | 'BUSY';
  userId?: string;
}): Promise<string> {
  const created = await gql(
    `mutation ($i: CreateHumanAgentInput!) { createHumanAgent(input: $i) {
      __typename ... on MutationCreateHumanAgentSuccess { data { id } } ... on Error { message } } }`,
    {
      i: {
        name: input.name,
        email: `${input.name.toLowerCase().replace(/\W+/g, '.')}.${randomUUID().slice(0, 6)}@agents.test`,
        phoneNumber: input.phone ?? `+1555020${randomInt(100, 999)}${randomInt(0, 7)}`,
        skills: input.skills ?? [],
        userId: input.userId,
      },
    },
  );
  const id = created.data?.createHumanAgent.data.id as string;
  const set = await gql(
    'mutation ($id: ID!, $a: Availability!) { setAgentAvailability(id: $id, availability: $a) { __typename } }',
    { id, a: input.availability ?? 'AVAILABLE' },
  );
  expect(set.data?.setAgentAvailability.__typename).toBe('MutationSetAgentAvailabilitySuccess');
  return id;
}

/** Makes every agent of the organisation offline, so each test routes only to its own. */
async function everyoneOffline() {
  await stack.gateway.orm.em
    .fork()
    .nativeUpdate(HumanAgent, { organization: stack.tenant.organizationId }, { availability: 'offline' });
}

const ESCALATION = `query ($id: ID!) { escalation(id: $id) {
  id status reason reasonDetail priority workflowId
  agent { id name currentLoad }
  offers { agent { id } outcome }
  context { summary keyPoints customerNumber reason priority transcriptTail knowledgeUsed { chunkId } }
  resolved resolutionNotes } }`;

/** The call's escalation once it reaches one of `statuses`. */
async function escalationOf(callId: string, statuses: string[], timeoutMs = 40_000) {
  return eventually(
    async () => {
      const row = await stack.gateway.orm.em.fork().findOne(Escalation, { call: callId });
      if (!row) return undefined;
      const view = (await gql(ESCALATION, { id: row.id })).data?.escalation;
      return statuses.includes(view?.status) ? view : undefined;
    },
    timeoutMs,
    `an escalation of call ${callId} in ${statuses.join('/')}`,
  );
}

const accept = (id: string, token = agentUserToken) =>
  gql(
    `mutation ($id: ID!) { acceptEscalation(id: $id) { __typename
      ... on MutationAcceptEscalationSuccess { data { status } } ... on Error { message } } }`,
    { id },
    token,
  );

describe('escalation triggers', () => {
  it('escalates an angry caller by sentiment, offers the call to the free agent in the app and by email', async () => {
    await everyoneOffline();
    const agentId = await agent({ name: 'Riley Angry', userId: agentUserId });
    const businessId = await business({ escalationKeywords: [] });
    const { id } = await placeCall(stack, ANGRY, businessId);

    const offered = await escalationOf(id, ['OFFERED', 'CANCELLED']);
    expect(offered).toMatchObject({ reason: 'SENTIMENT', priority: 'HIGH' });
    expect(offered.reasonDetail).toMatch(/unhappy lines in a row/);
    expect(offered.offers[0].agent.id).toBe(agentId);
    expect(offered.context.customerNumber).toBe(ANGRY);
    expect(offered.context.transcriptTail.join('\n')).toContain('terrible service');

    // Offered in the app to the agent's user, and by email.
    const inbox = await eventually(async () => {
      const n = await stack.gateway.orm.em
        .fork()
        .findOne(Notification, { user: agentUserId, escalationId: offered.id });
      return n ?? undefined;
    });
    expect(inbox.type).toBe('call_escalated');
    const email = await mail.waitForMail(stack.tenant.emails.agent);
    expect(email.subject).toMatch(/Escalated call for you/);

    // The sentiment timeline shows the caller's mood falling; supervisors got a sentiment alert.
    const { call } = await finishedCall(stack, id);
    const sentiment = (
      await gql('query ($id: ID!) { call(id: $id) { sentiment { current timeline { compound label } } } }', { id })
    ).data?.call.sentiment;
    expect(sentiment.timeline.filter((p: { label: string }) => p.label === 'negative').length).toBeGreaterThanOrEqual(
      2,
    );
    expect(sentiment.current).toBeLessThan(-0.4);
    const alert = await stack.gateway.orm.em.fork().findOne(Notification, { callId: call.id, type: 'sentiment_alert' });
    expect(alert).not.toBeNull();

    // Nobody accepted before the caller hung up: the escalation is cancelled and the agent free again.
    const cancelled = await escalationOf(id, ['CANCELLED']);
    expect(cancelled.agent).toBeNull();
    expect((await stack.gateway.orm.em.fork().findOneOrFail(HumanAgent, agentId)).currentLoad).toBe(0);
  });

  it('escalates "let me talk to a real person" by keyword and warm-transfers the caller to the agent who accepts', async () => {
    await everyoneOffline();
    const agentId = await agent({ name: 'Sam Keyword', userId: agentUserId });
    const { id } = await placeCall(stack, ASKS_FOR_HUMAN);
    const offered = await escalationOf(id, ['OFFERED']);
    expect(offered).toMatchObject({ reason: 'KEYWORD', priority: 'HIGH' });
    expect(offered.reasonDetail).toMatch(/real person/);

    const accepted = await accept(offered.id);
    expect(accepted.data?.acceptEscalation).toMatchObject({ __typename: 'MutationAcceptEscalationSuccess' });
    const connected = await escalationOf(id, ['CONNECTED']);
    expect(connected.agent.id).toBe(agentId);

    const { result, call, simulated } = await finishedCall(stack, id);
    expect(result.endReason).toBe('escalated_to_agent');
    // The telephony simulator saw the warm transfer: the agent heard the summary, joined the
    // conference, then the caller's stream to the AI stopped and the caller joined.
    const conference = stack.telephony.sim.conferenceNamed(`escalation-${offered.id}`)!;
    const [first, second] = conference.participants;
    expect(second?.callSid).toBe(call.twilioCallSid);
    const agentCall = stack.telephony.sim.calls.get(first!.callSid)!;
    expect(agentCall.twimlSaid[0]).toMatch(/^Escalated call from .* Reason: keyword/);
    const at = (c: typeof simulated, event: string) => c.timeline.find((e) => e.event === event)?.at ?? Number.NaN;
    expect(at(agentCall, 'say')).toBeLessThan(at(agentCall, 'conference-joined'));
    expect(at(agentCall, 'conference-joined')).toBeLessThanOrEqual(at(simulated, 'stream-stopped'));
    expect(at(simulated, 'stream-stopped')).toBeLessThanOrEqual(at(simulated, 'conference-joined'));
    expect(conference.speech.some((s) => s.persona === 'agent' && s.heardBy.includes(call.twilioCallSid!))).toBe(true);

    const done = await gql(
      `mutation ($id: ID!, $i: CompleteEscalationInput!) { completeEscalation(id: $id, input: $i) { __typename
        ... on MutationCompleteEscalationSuccess { data { status resolved resolutionNotes } } } }`,
      { id: offered.id, i: { resolved: true, notes: 'Rebooked the delivery for Friday.' } },
      agentUserToken,
    );
    expect(done.data?.completeEscalation.data).toEqual({
      status: 'COMPLETED',
      resolved: true,
      resolutionNotes: 'Rebooked the delivery for Friday.',
    });
    const stats = (
      await gql(
        'query ($id: ID!) { humanAgent(id: $id) { currentLoad stats { handled resolutionRate averageHandleSeconds } } }',
        { id: agentId },
      )
    ).data?.humanAgent;
    expect(stats).toMatchObject({ currentLoad: 0, stats: { handled: 1, resolutionRate: 1 } });
    expect(stats.stats.averageHandleSeconds).toBeGreaterThan(0);
  });

  it("escalates through the model's escalate_to_human tool when keywords are off", async () => {
    await everyoneOffline();
    await agent({ name: 'Tess Tool' });
    const businessId = await business({ escalationKeywords: [], sentimentEscalationEnabled: false });
    const { id } = await placeCall(stack, ASKS_FOR_HUMAN, businessId);
    const escalation = await escalationOf(id, ['OFFERED', 'CANCELLED']);
    expect(escalation).toMatchObject({ reason: 'TOOL', priority: 'NORMAL' });
    await finishedCall(stack, id);
  });

  it("escalates on a supervisor's escalateCall, urgently", async () => {
    await everyoneOffline();
    const { id } = await placeCall(stack, COOPERATIVE);
    await eventually(async () =>
      (await stack.gateway.orm.em.fork().findOneOrFail(Call, id)).status === 'in_progress' ? true : undefined,
    );
    const escalated = await gql(
      `mutation ($id: ID!) { escalateCall(callId: $id, reason: "customer is a VIP") { __typename
        ... on MutationEscalateCallSuccess { data { reason reasonDetail priority status } } ... on Error { message } } }`,
      { id },
    );
    expect(escalated.data?.escalateCall.data).toMatchObject({
      reason: 'SUPERVISOR',
      reasonDetail: 'customer is a VIP',
      priority: 'URGENT',
    });
    const viewer = (await login(stack.gateway.url, stack.tenant.emails.viewer)).accessToken;
    const refused = await gql('mutation ($id: ID!) { escalateCall(callId: $id) { __typename } }', { id }, viewer);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    await finishedCall(stack, id);
  });
});

describe('routing', () => {
  it('re-routes an offer nobody takes in time to the next agent', async () => {
    await everyoneOffline();
    const first = await agent({ name: 'Aaron First' });
    const second = await agent({ name: 'Zoe Second', userId: agentUserId });
    const businessId = await business({ offerTimeoutSeconds: 5 });
    const { id } = await placeCall(stack, HOLDS_FOR_HUMAN, businessId);
    const rerouted = await eventually(async () => {
      const row = await stack.gateway.orm.em.fork().findOne(Escalation, { call: id });
      const view = row && (await gql(ESCALATION, { id: row.id })).data?.escalation;
      return view?.offers.length === 2 && view.status === 'OFFERED' ? view : undefined;
    }, 30_000);
    expect(rerouted.offers.map((o: { agent: { id: string }; outcome: string }) => [o.agent.id, o.outcome])).toEqual([
      [first, 'TIMED_OUT'],
      [second, 'PENDING'],
    ]);
    expect((await stack.gateway.orm.em.fork().findOneOrFail(HumanAgent, first)).currentLoad).toBe(0);
    expect((await accept(rerouted.id)).data?.acceptEscalation.__typename).toBe('MutationAcceptEscalationSuccess');
    await escalationOf(id, ['CONNECTED']);
    await finishedCall(stack, id);
  });

  it('falls back to a callback task and tells the caller when no agent is free', async () => {
    await everyoneOffline();
    await agent({ name: 'Olga Offline', skills: ['spanish'], availability: 'OFFLINE' });
    const businessId = await business({ escalationSkills: ['spanish'], maxWaitSeconds: 10 });
    const { id } = await placeCall(stack, HOLDS_FOR_HUMAN, businessId);
    const callback = await escalationOf(id, ['CALLBACK']);
    expect(callback.offers).toEqual([]);
    const { simulated } = await finishedCall(stack, id);
    expect(simulated.heard.join(' ')).toContain('Someone will call you back at this number');
    // Supervisors get the callback task, in the app and by email.
    const task = await stack.gateway.orm.em
      .fork()
      .findOne(Notification, { escalationId: callback.id, user: { email: stack.tenant.emails.supervisor } });
    expect(task?.title).toMatch(/^Call back \+155501000011/);
    expect((await mail.waitForMail(stack.tenant.emails.supervisor)).subject).toMatch(/^Call back/);
  });

  it('tells the caller only what was decided when nobody can take the call, and keeps the callback open until closed', async () => {
    await everyoneOffline();
    const businessId = await business({ escalationSkills: ['klingon'], maxWaitSeconds: 10 });
    const { id } = await placeCall(stack, ASKS_FOR_HUMAN, businessId);
    const callback = await escalationOf(id, ['CALLBACK']);
    const { simulated } = await finishedCall(stack, id);
    const heard = simulated.heard.join(' | ');
    // Nobody could take it: no "bringing in a colleague" first, and, asked again, no promise to connect.
    expect(heard).not.toMatch(/bringing in a colleague|connecting you/i);
    const told = simulated.heard.findIndex((line) => /call you back/.test(line));
    expect(told).toBeGreaterThanOrEqual(0);
    expect(simulated.heard.slice(told + 1).join(' ')).not.toMatch(/finding a colleague/i);

    // The callback stays in the open queue until someone closes it.
    const open = await gql('{ escalations(status: [ROUTING, OFFERED, ACCEPTED, CONNECTED, CALLBACK]) { id status } }');
    expect(open.data?.escalations).toContainEqual({ id: callback.id, status: 'CALLBACK' });
    const close = `mutation ($id: ID!) { completeCallback(id: $id, input: { resolved: true, notes: "Called back, sorted." }) {
      __typename ... on MutationCompleteCallbackSuccess { data { status resolved resolutionNotes } } ... on Error { message } } }`;
    const closed = await gql(close, { id: callback.id });
    expect(closed.data?.completeCallback).toEqual({
      __typename: 'MutationCompleteCallbackSuccess',
      data: { status: 'COMPLETED', resolved: true, resolutionNotes: 'Called back, sorted.' },
    });
    expect((await gql(close, { id: callback.id })).data?.completeCallback.__typename).toBe('ConflictError');
  });

  it('never gives two simultaneous escalations the same agent', async () => {
    await everyoneOffline();
    const agents = await Promise.all(Array.from({ length: 5 }, (_, i) => agent({ name: `Parallel ${i}` })));
    const em = stack.gateway.orm.em.fork();
    const call = em.create(Call, {
      id: randomUUID(),
      organization: stack.tenant.organizationId,
      business: stack.tenant.businessId,
      direction: 'outbound',
      fromNumber: '+15005550006',
      toNumber: COOPERATIVE,
      workflowId: 'test',
    });
    const escalations = Array.from({ length: 12 }, () =>
      em.create(Escalation, {
        id: randomUUID(),
        organization: stack.tenant.organizationId,
        business: stack.tenant.businessId,
        call,
        workflowId: 'test',
        reason: 'supervisor',
        context: {
          summary: 's',
          keyPoints: [],
          customerNumber: COOPERATIVE,
          customerName: null,
          knowledgeUsed: [],
          reason: 'r',
          priority: 'normal',
          transcriptTail: [],
        },
        offers: [],
        triggeredAt: new Date(),
      }),
    );
    await em.flush();
    const mailer = createMailer({ smtpUrl: mail.smtpUrl, from: 'test@example.com' });
    const activities = createEscalationActivities({
      orm: stack.gateway.orm,
      mailers: async () => mailer,
      knowledge: null as never, // routing never reads knowledge
      chatFor: async () => null,
    });
    const settings = { offerTimeoutSeconds: 30, maxWaitSeconds: 60, department: null, skills: [] };
    const offers = await Promise.all(
      escalations.map((e) => activities.offerEscalation({ escalationId: e.id, attempt: 1, exclude: [], settings })),
    );
    mailer.close();
    const taken = offers.filter((o) => o !== null).map((o) => o!.agentId);
    expect(taken).toHaveLength(5);
    expect(new Set(taken)).toEqual(new Set(agents));
    const loads = await em.fork().find(HumanAgent, { id: { $in: agents } });
    expect(loads.map((a) => a.currentLoad)).toEqual([1, 1, 1, 1, 1]);
    // Repeating an attempt answers the same agent and claims nothing more.
    const again = await activities.offerEscalation({
      escalationId: escalations[0]!.id,
      attempt: 1,
      exclude: [],
      settings,
    });
    expect(again?.agentId ?? null).toBe(offers[0]?.agentId ?? null);
  });

  it('refuses to delete an agent who holds an escalation', async () => {
    const em = stack.gateway.orm.em.fork();
    const busy = await em.findOneOrFail(HumanAgent, { organization: stack.tenant.organizationId, currentLoad: 1 });
    const held = await em.findOneOrFail(Escalation, { agent: busy.id });
    expect(['offered', 'accepted', 'connected']).toContain(held.status);
    const refused = await gql(
      'mutation ($id: ID!) { deleteHumanAgent(id: $id) { __typename ... on Error { message } } }',
      {
        id: busy.id,
      },
    );
    expect(refused.data?.deleteHumanAgent).toMatchObject({ __typename: 'ConflictError' });
  });
});
