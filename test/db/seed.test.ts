import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DEMO_PHONES, seedDemo } from '../../db/demo.ts';
import { Escalation, HumanAgent, KnowledgeEntry } from '../../db/entities/index.ts';
import { knowledgeWorkflowId } from '../../workflows/definitions/knowledge.ts';
import { type CallStack, FAST_SPEECH, type FinishedCall, finishedCall, startCallStack } from '../support/call-stack.ts';
import { testConfig } from '../support/env.ts';
import { graphql } from '../support/graphql.ts';
import { login, TEST_PASSWORD, uniqueNumber } from '../support/tenants.ts';
import { eventually } from '../support/wait.ts';

/**
 * The demo data (`npm run db:seed`) shows what each simulated persona is for, out of the box: the
 * caller with a question hears the answer from the demo knowledge base (ingested by the real
 * workflow), a voicemail greeting gets the business's message, a caller asking for a person is offered
 * to one of the demo's human agents, and a take over reaches the demo's handoff number.
 */
const PERSONA = {
  voicemail: '+15550100005',
  asksForHuman: '+15550100003',
  asksQuestion: '+15550100009',
  /** An answering phone that stays quiet: a live call to take over. */
  quiet: '+15550201231',
};

let stack: CallStack;
let businessId: string;
let organizationId: string;
let token: string;
const suffix = randomUUID().slice(0, 8);
const adminEmail = `demo-admin-${suffix}@acme.test`;

beforeAll(async () => {
  stack = await startCallStack('Demo data', { speechMsPerCharacter: FAST_SPEECH });
  const log: string[] = [];
  const seeded = await seedDemo(stack.gateway.orm, stack.gateway.temporal, testConfig(stack.env), {
    organization: `Acme (demo) ${suffix}`,
    business: `Acme Support (demo) ${suffix}`,
    number: uniqueNumber(),
    adminEmail,
    adminPassword: TEST_PASSWORD,
    generatePassword: () => 'unused',
    log: (line) => log.push(line),
  });
  ({ businessId, organizationId } = seeded);
  expect(log).toEqual(
    expect.arrayContaining([
      expect.stringMatching(/^created business/),
      expect.stringMatching(/^created human agent: Sam Rivera/),
    ]),
  );
  token = (await login(stack.gateway.url, adminEmail)).accessToken;
  // The worker ingests the demo documents through knowledgeIngestWorkflow.
  const entries = await stack.gateway.orm.em.fork().find(KnowledgeEntry, { business: businessId });
  expect(entries.map((e) => e.title).sort()).toEqual(['Opening hours', 'Orders and delivery', 'Returns and refunds']);
  await Promise.all(entries.map((e) => stack.gateway.temporal.workflow.getHandle(knowledgeWorkflowId(e.id)).result()));
});
afterAll(() => stack?.stop());

async function call(toNumber: string): Promise<string> {
  const started = await graphql(
    stack.gateway.url,
    `mutation ($i: StartCallInput!) { startCall(input: $i) { ... on MutationStartCallSuccess { data { id } } } }`,
    { i: { businessId, toNumber } },
    token,
  );
  return started.data?.startCall.data.id;
}

describe('the demo business', () => {
  it('runs again without duplicating anything', async () => {
    const log: string[] = [];
    await seedDemo(stack.gateway.orm, stack.gateway.temporal, testConfig(stack.env), {
      organization: `Acme (demo) ${suffix}`,
      business: `Acme Support (demo) ${suffix}`,
      adminEmail,
      generatePassword: () => 'unused',
      log: (line) => log.push(line),
    });
    expect(log).toEqual([`admin ${adminEmail} exists`]);
    expect(await stack.gateway.orm.em.fork().count(HumanAgent, { organization: organizationId })).toBe(2);
  });

  it('answers the question persona from its knowledge base, leaves the voicemail message, and offers the human-asker to a demo agent', async () => {
    const [questionId, voicemailId, humanId] = await Promise.all([
      call(PERSONA.asksQuestion),
      call(PERSONA.voicemail),
      call(PERSONA.asksForHuman),
    ]);
    const [question, voicemail] = await Promise.all([
      finishedCall(stack, questionId),
      finishedCall(stack, voicemailId),
    ]);

    const answer = question.lines.find(
      (l) => l.speaker === 'ai' && (l.metadata as { knowledgeChunkIds?: string[] } | null)?.knowledgeChunkIds?.length,
    );
    expect(answer?.text).toMatch(/On Saturday we are open from nine a m to one p m\./);
    expect(question.simulated.heard).toContain(answer?.text);

    expect(voicemail.result.endReason).toBe('voicemail_left');
    expect(voicemail.simulated.twimlSaid).toEqual([expect.stringContaining('Acme Support returning your call')]);

    // Offered to a demo agent (the offer may have timed out by now: nobody here accepts it).
    const offered = await eventually(async () => {
      const found = await stack.gateway.orm.em.fork().findOne(Escalation, { call: humanId });
      return found?.offers[0]?.agentId;
    }, 30_000);
    const agent = await stack.gateway.orm.em.fork().findOneOrFail(HumanAgent, offered);
    expect(DEMO_PHONES.agents).toContain(agent.phoneNumber);
    await graphql(stack.gateway.url, 'mutation ($id: ID!) { endCall(id: $id) { __typename } }', { id: humanId }, token);
  });

  it('hands a taken-over call to its handoff number', async () => {
    const id = await call(PERSONA.quiet);
    await eventually(async () => {
      const { data } = await graphql(stack.gateway.url, 'query ($id: ID!) { call(id: $id) { status } }', { id }, token);
      return data?.call.status === 'IN_PROGRESS' ? true : undefined;
    }, 30_000);
    const taken = await graphql(
      stack.gateway.url,
      'mutation ($id: ID!) { takeOverCall(id: $id, input: {}) { __typename } }',
      { id },
      token,
    );
    expect(taken.data?.takeOverCall.__typename).toBe('MutationTakeOverCallSuccess');
    const finished: FinishedCall = await finishedCall(stack, id);
    expect(finished.simulated.dialed.map((d) => d.to)).toEqual([DEMO_PHONES.handoff]);
  });
});
