import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AuditLog, Notification } from '../../db/entities/index.ts';
import { type CallStack, FAST_SPEECH, finishedCall, placeCall, startCallStack } from '../support/call-stack.ts';
import { collect, graphql, wsClient } from '../support/graphql.ts';
import { type MailServer, startMailServer } from '../support/mail.ts';
import { createBusiness } from '../support/tenants.ts';
import { eventually } from '../support/wait.ts';

/**
 * Call quality on real calls (gateway, worker, bridge, simulators, SMTP): sentiment per line, the
 * live and final QA score with the LLM grader (the simulator's), compliance rules, alerts,
 * recalculation after a rule change, and a reviewer's override.
 */
const COOPERATIVE = '+15550100000';

let stack: CallStack;
let mail: MailServer;

beforeAll(async () => {
  mail = await startMailServer();
  stack = await startCallStack('Quality', { env: { SMTP_URL: mail.smtpUrl }, speechMsPerCharacter: FAST_SPEECH });
});

afterAll(async () => {
  await stack?.stop();
  await mail?.stop();
});

const gql = (query: string, variables: Record<string, unknown> = {}) =>
  graphql(stack.gateway.url, query, variables, stack.token);

const SETTINGS = `mutation ($b: ID!, $i: QualitySettingsInput!) { updateQualitySettings(businessId: $b, input: $i) {
  __typename ... on MutationUpdateQualitySettingsSuccess { data { qualitySettings { disclosures qaWeights { compliance } } } }
  ... on ValidationError { fieldErrors { field message } } } }`;
const QA = `query ($id: ID!) { call(id: $id) { qa { score effectiveScore grader final
  components { sentiment compliance accuracy professionalism } weights { compliance }
  violations { rule severity lineSequence offsetMs detail } notes override { score reason by { email } } } } }`;

describe('call quality', () => {
  it('scores a call live and finally; a missing disclosure lowers compliance until the rule is dropped and QA recalculated', async () => {
    const businessId = await createBusiness(stack.gateway.orm, stack.tenant);
    const rules = await gql(SETTINGS, {
      b: businessId,
      i: { disclosures: [{ phrase: 'this call is recorded', withinSeconds: 10 }] },
    });
    expect(rules.data?.updateQualitySettings.data.qualitySettings.disclosures).toEqual([
      'this call is recorded (within 10 s)',
    ]);

    const { id } = await placeCall(stack, COOPERATIVE, businessId);
    const ws = wsClient(stack.gateway.url, stack.token);
    const updates = collect<{ callQaChanged: { final: boolean; score: number } }>(
      ws,
      'subscription ($id: ID!) { callQaChanged(callId: $id) { final score } }',
      { id },
      (items) => items.some((i) => i.callQaChanged.final),
      90_000,
    );
    await finishedCall(stack, id);
    const seen = (await updates).map((i) => i.callQaChanged);
    ws.dispose();
    expect(seen.some((u) => !u.final)).toBe(true); // scored live while the call ran
    expect(seen.at(-1)?.final).toBe(true);

    const qa = (await gql(QA, { id })).data?.call.qa;
    expect(qa).toMatchObject({ final: true, grader: 'LLM' });
    expect(qa.violations).toEqual([
      expect.objectContaining({ rule: 'missing_disclosure', severity: 'high', lineSequence: null }),
    ]);
    expect(qa.components.compliance).toBeCloseTo(0.6);
    expect(qa.score).toBeLessThan(0.9);
    // Supervisors were told, in the app and by email.
    const issue = await eventually(
      async () =>
        (await stack.gateway.orm.em.fork().findOne(Notification, { callId: id, type: 'compliance_issue' })) ??
        undefined,
    );
    expect(issue.title).toMatch(/missing disclosure/);
    expect((await mail.waitForMail(stack.tenant.emails.supervisor)).subject).toMatch(/^Compliance: missing disclosure/);

    // The customer lines carry their sentiment.
    const lines = (
      await gql(
        'query ($id: ID!) { call(id: $id) { transcript { lines { speaker sentiment { compound label rolling } } } } }',
        { id },
      )
    ).data?.call.transcript.lines as { speaker: string; sentiment: { label: string } | null }[];
    const customer = lines.filter((l) => l.speaker === 'CUSTOMER');
    expect(customer.length).toBeGreaterThan(0);
    expect(customer.every((l) => l.sentiment !== null)).toBe(true);
    expect(lines.filter((l) => l.speaker === 'AI').every((l) => l.sentiment === null)).toBe(true);

    // The rule goes; recalculating clears the violation.
    await gql(SETTINGS, { b: businessId, i: { disclosures: [] } });
    const recalculated = await gql(
      `mutation ($id: ID!) { recalculateQa(callId: $id) { __typename
        ... on MutationRecalculateQaSuccess { data { score final violations { rule } components { compliance } } } } }`,
      { id },
    );
    expect(recalculated.data?.recalculateQa.data).toMatchObject({
      final: true,
      violations: [],
      components: { compliance: 1 },
    });
    expect(recalculated.data?.recalculateQa.data.score).toBeGreaterThan(qa.score);
  });

  it("keeps a reviewer's override with the reason, audited, through recalculation", async () => {
    const { id } = await placeCall(stack, COOPERATIVE);
    await finishedCall(stack, id);
    await eventually(async () => ((await gql(QA, { id })).data?.call.qa?.final ? true : undefined));
    const bad = await gql(
      'mutation ($id: ID!) { overrideQaScore(callId: $id, score: 1.5, reason: "") { __typename ... on ValidationError { fieldErrors { field } } } }',
      { id },
    );
    expect(bad.data?.overrideQaScore.fieldErrors.map((e: { field: string }) => e.field).sort()).toEqual([
      'reason',
      'score',
    ]);
    const overridden = await gql(
      'mutation ($id: ID!) { overrideQaScore(callId: $id, score: 0.4, reason: "The agent promised a refund it cannot give.") { __typename } }',
      { id },
    );
    expect(overridden.data?.overrideQaScore.__typename).toBe('MutationOverrideQaScoreSuccess');
    await gql('mutation ($id: ID!) { recalculateQa(callId: $id) { __typename } }', { id });
    const qa = (await gql(QA, { id })).data?.call.qa;
    expect(qa.effectiveScore).toBe(0.4);
    expect(qa.score).not.toBe(0.4);
    expect(qa.override).toEqual({
      score: 0.4,
      reason: 'The agent promised a refund it cannot give.',
      by: { email: stack.tenant.emails.supervisor },
    });
    const audit = await stack.gateway.orm.em.fork().findOne(AuditLog, {
      operation: 'overrideQaScore',
      outcome: 'success',
      organizationId: stack.tenant.organizationId,
    });
    expect(audit).not.toBeNull();
  });

  it('refuses quality rules that do not make sense, naming each field', async () => {
    const result = await gql(SETTINGS, {
      b: stack.tenant.businessId,
      i: {
        sentimentAlertThreshold: 3,
        qaWeights: { sentiment: -1, compliance: 0, accuracy: 0, professionalism: 0 },
        callingHours: { start: '25:00', end: '08:00', timeZone: 'Mars/Olympus', days: [9] },
      },
    });
    expect(result.data?.updateQualitySettings.__typename).toBe('ValidationError');
    const fields = result.data?.updateQualitySettings.fieldErrors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(
      expect.arrayContaining(['sentimentAlertThreshold', 'callingHours.start', 'callingHours.timeZone']),
    );
  });
});
