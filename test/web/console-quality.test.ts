import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { User } from '../../db/entities/index.ts';
import { launchBrowser } from '../support/browser.ts';
import { type CallStack, FAST_SPEECH, finishedCall, placeCall, startCallStack } from '../support/call-stack.ts';
import { signInLive } from '../support/console-page.ts';
import { graphql } from '../support/graphql.ts';
import { type MailServer, startMailServer } from '../support/mail.ts';
import { login, type Tenant } from '../support/tenants.ts';
import { eventually, until } from '../support/wait.ts';

/**
 * The console's quality, escalation, agent and notification views against the whole platform: real
 * gateway, worker and bridge processes, the telephony and Realtime simulators, and headless Chromium.
 */
const artifacts = fileURLToPath(new URL('../artifacts', import.meta.url));
const VIEWPORT = { width: 1400, height: 1100 };
/** Personas of the telephony simulator, picked by the number dialled (scripts/simulators/personas.ts). */
const ANGRY = '+15550100002';
const ASKS_FOR_HUMAN = '+15550100003';
/** A human agent's phone: it answers, joins the conference and stays until left alone. */
const AGENT_PHONE = '+15550201230';
/** Answers and stays quiet for a minute: a live call to escalate by hand. */
const QUIET_LINE = '+15550201231';
/** The simulated model ends each echo of the caller with it: a phrase to prohibit. */
const PROHIBITED = 'anything else';

let stack: CallStack;
let consoleUrl: string;
let browser: Browser;
let tenant: Tenant;
let mail: MailServer;

const UPDATE_QUALITY = `mutation ($businessId: ID!, $input: QualitySettingsInput!) {
  updateQualitySettings(businessId: $businessId, input: $input) {
    __typename ... on Error { message }
    ... on MutationUpdateQualitySettingsSuccess { data { qualitySettings { sentimentAlertThreshold prohibitedPhrases } } }
  }
}`;

beforeAll(async () => {
  // Offers and alerts are emailed too: the worker sends to this server.
  mail = await startMailServer();
  stack = await startCallStack('Console quality', {
    env: { SMTP_URL: mail.smtpUrl },
    speechMsPerCharacter: FAST_SPEECH,
  });
  consoleUrl = stack.gateway.url;
  tenant = stack.tenant;
  // The agent must never say PROHIBITED; angry callers are alerted on but not escalated (that is the
  // escalation test's job), and an offer waits long enough for a browser to accept it.
  const updated = await api(UPDATE_QUALITY, {
    businessId: tenant.businessId,
    input: { prohibitedPhrases: [PROHIBITED], sentimentEscalationEnabled: false, offerTimeoutSeconds: 90 },
  });
  expect(updated.data?.updateQualitySettings).toMatchObject({
    __typename: 'MutationUpdateQualitySettingsSuccess',
    data: { qualitySettings: { sentimentAlertThreshold: -0.5, prohibitedPhrases: [PROHIBITED] } },
  });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  await mail?.stop();
});

/** A GraphQL request as the tenant's supervisor. */
const api = (query: string, variables: Record<string, unknown> = {}) =>
  graphql(stack.gateway.url, query, variables, stack.token);

async function signedInPage(email: string): Promise<Page> {
  const page = await browser.newPage({ viewport: VIEWPORT });
  await signInLive(page, consoleUrl, email);
  return page;
}

const screenshot = async (page: Page, name: string) => {
  mkdirSync(artifacts, { recursive: true });
  await page.screenshot({ path: `${artifacts}/${name}.png`, fullPage: true });
};

const unreadCount = async (page: Page) => Number(await page.getByTestId('notification-count').textContent());

describe('call quality on the call page', () => {
  it("charts an angry caller's sentiment live, grades the call and highlights the phrase the agent must not say", async () => {
    const page = await signedInPage(tenant.emails.supervisor);
    const { id: callId } = await placeCall(stack, ANGRY);
    await page.goto(`${consoleUrl}/calls/${callId}`);

    // While the call runs: negative points appear on the chart, under the business's alert threshold.
    const negative = page.locator('[data-testid="sentiment-point"][data-label="negative"]');
    await negative.first().waitFor({ timeout: 30_000 });
    await expect(page.getByTestId('sentiment-threshold').getAttribute('data-value')).resolves.toBe('-0.5');
    await page.getByTestId('call-status').first().filter({ hasText: 'completed' }).waitFor({ timeout: 60_000 });

    // After hang-up the score is final, with its four weighted components.
    await page.getByTestId('qa-state').filter({ hasText: 'FINAL' }).waitFor({ timeout: 60_000 });
    const recorded = await api(
      `query ($id: ID!) { call(id: $id) {
        sentiment { current timeline { sequence compound label } }
        qa { effectiveScore grader final violations { rule lineSequence } }
      } }`,
      { id: callId },
    );
    expect(recorded.errors).toBeUndefined();
    const { sentiment, qa } = recorded.data!.call;
    expect(sentiment.timeline.length).toBeGreaterThanOrEqual(2);
    expect(sentiment.current).toBeLessThan(0);
    await until(
      async () => (await page.getByTestId('sentiment-point').count()) === sentiment.timeline.length,
      10_000,
      'a point per scored caller line',
    );
    const compounds = await page
      .getByTestId('sentiment-point')
      .evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-compound'))));
    expect(compounds).toEqual(sentiment.timeline.map((p: { compound: number }) => p.compound));
    expect(compounds.filter((c) => c <= -0.5).length).toBeGreaterThan(0);
    await expect(page.getByTestId('sentiment-current').textContent()).resolves.toMatch(/^−\d\.\d\d$/);

    await expect(page.getByTestId('qa-score').textContent()).resolves.toBe(qa.effectiveScore.toFixed(2));
    await expect(page.getByTestId('qa-grader').textContent()).resolves.toBe(qa.grader);
    expect(['LLM', 'RULES']).toContain(qa.grader);
    await expect(
      page.getByTestId('qa-component').evaluateAll((els) => els.map((e) => e.getAttribute('data-component'))),
    ).resolves.toEqual(['sentiment', 'compliance', 'accuracy', 'professionalism']);
    await expect(page.getByTestId('qa-weight').allTextContents()).resolves.toEqual(['30%', '30%', '20%', '20%']);

    // Each caller line carries its sentiment label and score.
    const callerLines = page.locator('[data-testid="transcript-line"][data-speaker="CUSTOMER"]');
    await expect(callerLines.getByTestId('line-sentiment').count()).resolves.toBe(sentiment.timeline.length);
    await expect(
      callerLines.filter({ hasText: 'worst company' }).getByTestId('line-sentiment').getAttribute('data-label'),
    ).resolves.toBe('negative');

    // The agent's echo says the prohibited phrase: the line is highlighted with the rule.
    const flagged = qa.violations.filter((v: { rule: string }) => v.rule === 'prohibited_phrase');
    expect(flagged.length).toBeGreaterThan(0);
    const flaggedLine = page.locator(`[data-testid="transcript-line"][data-sequence="${flagged[0].lineSequence}"]`);
    await expect(flaggedLine.getAttribute('data-speaker')).resolves.toBe('AI');
    await expect(flaggedLine.getAttribute('class')).resolves.toContain('flagged');
    await expect(flaggedLine.getByTestId('line-violation').first().textContent()).resolves.toContain(
      'prohibited phrase',
    );
    await expect(flaggedLine.locator('.text').textContent()).resolves.toContain(PROHIBITED);
    await expect(
      page.locator('[data-testid="qa-violation"][data-rule="prohibited_phrase"]').count(),
    ).resolves.toBeGreaterThan(0);
    await screenshot(page, 'console-quality-call');

    // A reviewer overrides the score with a reason; recalculating keeps the override.
    const review = page.getByRole('form', { name: 'Review the score' });
    await review.getByLabel("Reviewer's score").fill('0.35');
    await review.getByLabel('Reason').fill('The agent repeated the complaint back instead of helping.');
    await review.getByRole('button', { name: 'Override score' }).click();
    await page.getByTestId('qa-override').waitFor();
    await expect(page.getByTestId('qa-score').textContent()).resolves.toBe('0.35');
    await expect(page.getByTestId('qa-override').textContent()).resolves.toContain('repeated the complaint');
    await review.getByRole('button', { name: 'Recalculate' }).click();
    await review.getByRole('status').filter({ hasText: 'Recalculated' }).waitFor();
    await expect(page.getByTestId('qa-score').textContent()).resolves.toBe('0.35');
    expect(await page.getByRole('alert').count()).toBe(0);
    await page.close();
  });

  it('offers no review form and no Escalate button to a viewer', async () => {
    const { id: callId } = await placeCall(stack, QUIET_LINE);
    const page = await signedInPage(tenant.emails.viewer);
    await page.goto(`${consoleUrl}/calls/${callId}`);
    await page.getByTestId('transcript-live').waitFor({ timeout: 20_000 });
    await page.getByRole('region', { name: 'Quality' }).waitFor();
    await page.getByRole('region', { name: 'Escalations' }).getByText('Not escalated.').waitFor();
    expect(await page.getByRole('form', { name: 'Review the score' }).count()).toBe(0);
    expect(await page.getByRole('form', { name: 'Escalate the call' }).count()).toBe(0);
    await api('mutation ($id: ID!) { endCall(id: $id) { __typename } }', { id: callId });
    await page.close();
  });
});

describe('notifications', () => {
  it('raises the bell count live when an alert arrives, lists it with a link to the call, and clears it', async () => {
    const page = await signedInPage(tenant.emails.admin);
    const before = await unreadCount(page);
    const { id: callId } = await placeCall(stack, ANGRY);

    // The angry caller's first lines raise a sentiment alert (and compliance issues) for admins.
    await until(async () => (await unreadCount(page)) > before, 40_000, 'the unread count to rise');
    await page.getByRole('button', { name: /^Notifications, \d+ unread$/ }).click();
    const panel = page.getByRole('region', { name: 'Notifications' });
    const alert = panel
      .locator('[data-testid="notification"][data-type="SENTIMENT_ALERT"]')
      .filter({ has: page.locator(`a[href="/calls/${callId}"]`) });
    await alert.waitFor();
    await expect(alert.getByRole('link', { name: 'Open call' }).getAttribute('href')).resolves.toBe(`/calls/${callId}`);
    await screenshot(page, 'console-quality-notifications');

    // Once the call is over nothing more arrives for it (its final QA has been scored too).
    await finishedCall(stack, callId);
    const settled = async () => {
      let last = -1;
      for (;;) {
        await new Promise((resolve) => setTimeout(resolve, 500));
        const now = await panel.getByTestId('notification').count();
        if (now === last) return now;
        last = now;
      }
    };
    // Deleting one removes it; "mark all read" clears the count, here and in the API.
    const total = await settled();
    await panel.getByTestId('notification').last().getByRole('button', { name: 'Delete' }).click();
    await until(
      async () => (await panel.getByTestId('notification').count()) === total - 1,
      5_000,
      'the deleted notification to go',
    );
    await panel.getByRole('button', { name: 'Mark all read' }).click();
    await until(async () => (await unreadCount(page)) === 0, 5_000, 'the unread count to clear');
    const adminToken = (await login(consoleUrl, tenant.emails.admin)).accessToken;
    const count = await graphql(consoleUrl, '{ unreadNotificationCount }', {}, adminToken);
    expect(count.data?.unreadNotificationCount).toBe(0);

    // Email preferences are the user's own and are kept.
    await panel.getByRole('checkbox', { name: 'QA alert' }).check();
    await eventually(async () => {
      const prefs = await graphql(consoleUrl, '{ notificationPreferences { emailTypes } }', {}, adminToken);
      return prefs.data?.notificationPreferences.emailTypes.includes('QA_ALERT') ? true : undefined;
    }, 5_000);

    // The link opens the call.
    await alert.getByRole('link', { name: 'Open call' }).click();
    await page.waitForURL(`${consoleUrl}/calls/${callId}`);
    await page.getByTestId('call-numbers').waitFor();
    await page.close();
  });
});

describe('escalation to a human agent', () => {
  it('lets an admin add an agent for a user, who goes available, accepts the offer, is connected and completes it', async () => {
    const agentUser = await stack.gateway.orm.em.fork().findOneOrFail(User, { email: tenant.emails.agent });

    // The admin adds the agent, linked to the tenant's agent user.
    const admin = await signedInPage(tenant.emails.admin);
    await admin.getByRole('link', { name: 'Agents' }).click();
    const form = admin.getByRole('form', { name: 'Add an agent' });
    await form.getByLabel('Name', { exact: true }).fill('Sam Support');
    await form.getByLabel('Email', { exact: true }).fill('sam@quality.test');
    await form.getByLabel('Phone').fill(AGENT_PHONE);
    await form.getByLabel('Skills').fill('billing, orders');
    await form.getByLabel('Department').fill('Support');
    await form.getByLabel('Console user').selectOption(agentUser.id);
    await form.getByRole('button', { name: 'Add agent' }).click();
    const adminRow = admin.getByTestId('agent').filter({ hasText: 'Sam Support' });
    await adminRow.waitFor();
    await expect(adminRow.getAttribute('data-availability')).resolves.toBe('OFFLINE');

    // The agent sets themselves available; they cannot change anyone else.
    const agent = await signedInPage(tenant.emails.agent);
    await agent.getByRole('link', { name: 'Agents' }).click();
    const own = agent.getByTestId('agent').filter({ hasText: 'Sam Support' });
    await expect(own.textContent()).resolves.toContain('(you)');
    expect(await agent.getByRole('form', { name: 'Add an agent' }).count()).toBe(0);
    await own
      .getByRole('group', { name: 'Availability of Sam Support' })
      .getByRole('button', { name: 'Available' })
      .click();
    await agent.locator('[data-testid="agent"][data-availability="AVAILABLE"]').waitFor();
    const stored = await api('{ humanAgents { name availability } }');
    expect(stored.data?.humanAgents).toContainEqual({ name: 'Sam Support', availability: 'AVAILABLE' });

    // A caller asks for a person: the queue shows the escalation offered to this agent, live.
    await agent.getByRole('link', { name: 'Escalations' }).click();
    await agent.getByText('Nothing in the queue.').waitFor();
    const before = await unreadCount(agent);
    const { id: callId } = await placeCall(stack, ASKS_FOR_HUMAN);
    const card = agent.locator(`[data-testid="escalation"][data-status="OFFERED"]`);
    await card.waitFor({ timeout: 30_000 });
    await expect(card.getByTestId('escalation-caller').textContent()).resolves.toContain(ASKS_FOR_HUMAN);
    await expect(card.getByTestId('escalation-agent').textContent()).resolves.toBe('Sam Support (you)');
    await expect(card.getByTestId('escalation-call-link').getAttribute('href')).resolves.toBe(`/calls/${callId}`);
    await expect(card.getByTestId('escalation-summary').textContent()).resolves.not.toBe('');
    await until(async () => (await unreadCount(agent)) > before, 10_000, 'the offer to reach the bell');
    expect((await mail.waitForMail(tenant.emails.agent)).subject).toContain('Escalated call for you');
    await card.getByRole('button', { name: 'Accept' }).click();

    // Accepted, the agent's phone joins the conference and the caller is moved in.
    const connected = agent.locator(`[data-testid="escalation"][data-status="CONNECTED"]`);
    await connected.waitFor({ timeout: 60_000 });
    const escalationId = await connected.getAttribute('data-escalation-id');
    await screenshot(agent, 'console-quality-escalations');

    // While the agent holds it, the agent cannot be deleted.
    await admin.reload();
    await adminRow.getByRole('button', { name: 'Delete' }).click();
    await adminRow.getByRole('button', { name: 'Delete agent' }).click();
    await expect(adminRow.getByRole('alert').textContent()).resolves.toContain('open escalation');

    // The agent completes it with notes.
    const complete = connected.getByRole('form', { name: 'Complete the escalation' });
    await complete.getByLabel('Resolution notes').fill('Refunded the late order.');
    await complete.getByRole('button', { name: 'Complete' }).click();
    const done = agent.locator(`[data-testid="escalation"][data-escalation-id="${escalationId}"]`);
    await agent
      .locator(`[data-testid="escalation"][data-escalation-id="${escalationId}"][data-status="COMPLETED"]`)
      .waitFor({ timeout: 20_000 });
    await expect(done.getByTestId('escalation-notes').textContent()).resolves.toBe('Refunded the late order.');
    await expect(done.getByTestId('escalation-resolved').textContent()).resolves.toBe('yes');
    await expect(
      done.getByTestId('escalation-offer').evaluateAll((els) => els.map((e) => e.getAttribute('data-outcome'))),
    ).resolves.toEqual(['ACCEPTED']);

    // The call page lists it; the agents page counts it.
    await agent.goto(`${consoleUrl}/calls/${callId}`);
    const onCall = agent.locator(`[data-testid="call-escalation"][data-escalation-id="${escalationId}"]`);
    await onCall.waitFor();
    await expect(onCall.getAttribute('data-status')).resolves.toBe('COMPLETED');
    await expect(onCall.getByTestId('call-escalation-agent').textContent()).resolves.toBe('Sam Support');
    await agent.goto(`${consoleUrl}/agents`);
    await expect(own.getByTestId('agent-handled').textContent()).resolves.toBe('1');
    await expect(own.getByTestId('agent-resolution-rate').textContent()).resolves.toBe('100%');
    await admin.close();
    await agent.close();
  });

  it('lets a supervisor escalate a live call by hand with a reason and priority', async () => {
    const page = await signedInPage(tenant.emails.supervisor);
    const { id: callId } = await placeCall(stack, QUIET_LINE);
    await page.goto(`${consoleUrl}/calls/${callId}`);
    await page.getByTestId('transcript-live').waitFor({ timeout: 20_000 });
    await page.getByTestId('call-status').first().filter({ hasText: 'in progress' }).waitFor({ timeout: 20_000 });
    const form = page.getByRole('form', { name: 'Escalate the call' });
    await form.getByLabel('Reason for the agent').fill('VIP customer, needs a person');
    await form.getByLabel('Priority').selectOption('URGENT');
    await form.getByRole('button', { name: 'Escalate' }).click();
    await form.getByRole('status').waitFor();
    const escalation = page.getByTestId('call-escalation');
    await escalation.waitFor();
    await expect(escalation.textContent()).resolves.toContain('VIP customer, needs a person');
    await expect(escalation.textContent()).resolves.toContain('supervisor');
    await expect(escalation.textContent()).resolves.toContain('urgent');

    // The queue shows it at the top.
    await page.getByRole('link', { name: 'Escalations' }).click();
    const first = page.getByTestId('escalation').first();
    await expect(first.getByTestId('escalation-reason').textContent()).resolves.toBe('VIP customer, needs a person');
    await expect(first.getByTestId('escalation-priority').textContent()).resolves.toBe('urgent');
    await api('mutation ($id: ID!) { endCall(id: $id) { __typename } }', { id: callId });
    await page.close();
  });
});

describe('agents page', () => {
  it('lets a supervisor edit an agent and toggle their availability, and a viewer only look', async () => {
    const page = await signedInPage(tenant.emails.supervisor);
    await page.getByRole('link', { name: 'Agents' }).click();
    const form = page.getByRole('form', { name: 'Add an agent' });
    await form.getByLabel('Name', { exact: true }).fill('Riley Billing');
    await form.getByLabel('Email', { exact: true }).fill('riley@quality.test');
    await form.getByLabel('Phone').fill('+15550201240');
    await form.getByRole('button', { name: 'Add agent' }).click();
    const row = page.getByTestId('agent').filter({ hasText: 'Riley Billing' });
    await row.waitFor();

    await row.getByRole('button', { name: 'Edit' }).click();
    const edit = page.getByRole('form', { name: 'Edit Riley Billing' });
    await edit.getByLabel('Department').fill('Billing');
    await edit.getByLabel('Max concurrent').fill('3');
    await edit.getByRole('button', { name: 'Save agent' }).click();
    await expect(row.getByTestId('agent-load').textContent()).resolves.toBe('0 / 3');
    await expect(row.textContent()).resolves.toContain('Billing');

    const toggles = row.getByRole('group', { name: 'Availability of Riley Billing' });
    await toggles.getByRole('button', { name: 'Busy' }).click();
    await page.locator('[data-testid="agent"][data-availability="BUSY"]').filter({ hasText: 'Riley' }).waitFor();
    await expect(toggles.getByRole('button', { name: 'Busy' }).getAttribute('aria-pressed')).resolves.toBe('true');
    await toggles.getByRole('button', { name: 'Offline' }).click();
    await page.locator('[data-testid="agent"][data-availability="OFFLINE"]').filter({ hasText: 'Riley' }).waitFor();

    const viewer = await signedInPage(tenant.emails.viewer);
    await viewer.getByRole('link', { name: 'Agents' }).click();
    const seen = viewer.getByTestId('agent').filter({ hasText: 'Riley Billing' });
    await expect(seen.getByRole('button', { name: 'Available' }).isDisabled()).resolves.toBe(true);
    expect(await seen.getByRole('button', { name: 'Edit' }).count()).toBe(0);
    await screenshot(page, 'console-quality-agents');

    // Without open escalations the agent can be deleted.
    await row.getByRole('button', { name: 'Delete' }).click();
    await row.getByRole('button', { name: 'Delete agent' }).click();
    await row.waitFor({ state: 'detached' });
    await page.close();
    await viewer.close();
  });
});
