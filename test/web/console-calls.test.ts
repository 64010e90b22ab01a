import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { Call, TranscriptLine } from '../../db/entities/index.ts';
import type { Orm } from '../../db/orm.ts';
import { launchBrowser } from '../support/browser.ts';
import { type CallStack, finishedCall, placeCall, startCallStack } from '../support/call-stack.ts';
import { graphql } from '../support/graphql.ts';
import { RINGS_LONG } from '../support/telephony.ts';
import { createBusiness, login, type Tenant } from '../support/tenants.ts';
import { until } from '../support/wait.ts';
import { artifacts, newSignedInPage } from './support/calls-console.ts';

/**
 * The console's calls pages on live calls against the whole platform: real gateway, worker and
 * bridge processes, the telephony and Realtime simulators, and headless Chromium.
 */

/** Personas of the telephony simulator, picked by the number dialled (scripts/simulators/personas.ts). */
const COOPERATIVE = '+15550100000';
const SILENT = '+15550100004';
const OBJECTS_TO_RECORDING = '+155501000015';

let stack: CallStack;
let consoleUrl: string;
let browser: Browser;
let orm: Orm;
let tenant: Tenant;

beforeAll(async () => {
  // The gateway (in this process) serves the console as well as the API.
  stack = await startCallStack('Console calls');
  ({ orm, url: consoleUrl } = stack.gateway);
  tenant = stack.tenant;
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

/** Places a call over the API as the tenant's supervisor; answers its id. */
const startCall = async (toNumber: string): Promise<string> => (await placeCall(stack, toNumber)).id;

const signedInPage = (email: string) => newSignedInPage(browser, consoleUrl, email);

/** The status badge in the call page's heading. */
const headerStatus = (page: Page) => page.getByRole('heading', { level: 1 }).getByTestId('call-status');
const transcriptTexts = (page: Page) => page.getByTestId('transcript-line').locator('.text').allTextContents();

async function recordedLines(callId: string) {
  return orm.em.fork().find(TranscriptLine, { call: callId }, { orderBy: { sequence: 'asc' } });
}

describe('the calls console', () => {
  it('streams a live call into its page as it is spoken: transcript, status, timeline and latency', async () => {
    const page = await signedInPage(tenant.emails.supervisor);
    await page.getByRole('link', { name: 'Live calls' }).click();
    await page.getByLabel('Business').selectOption({ label: tenant.businessName });
    await page.getByLabel('Number to call').fill(COOPERATIVE);
    await page.getByRole('button', { name: 'Start call' }).click();
    await page.getByTestId('active-call').filter({ hasText: COOPERATIVE }).waitFor();
    const row = page.getByRole('table', { name: 'Calls' }).locator('tr', { hasText: COOPERATIVE });
    const callId = await row.getAttribute('data-call-id');
    await row.getByTestId('call-link').click();
    await page.waitForURL(`${consoleUrl}/calls/${callId}`);

    await expect(page.getByTestId('call-numbers').textContent()).resolves.toBe(
      `${tenant.businessNumber} → ${COOPERATIVE}`,
    );
    await expect(page.getByTestId('call-business').textContent()).resolves.toBe(tenant.businessName);
    await expect(page.getByTestId('call-direction').textContent()).resolves.toBe('outbound');
    await expect(page.getByTestId('workflow-link').getAttribute('href')).resolves.toContain(`call-${callId}`);

    // The caller's first line shows up while the call is still going: it streams in as it is spoken.
    const callerLine = page
      .getByTestId('transcript-line')
      .filter({ hasText: "I'd like to check the status of my order" });
    await callerLine.waitFor({ timeout: 20_000 });
    await expect(callerLine.getAttribute('data-speaker')).resolves.toBe('CUSTOMER');
    await expect(headerStatus(page).textContent()).resolves.toBe('in progress');
    await page.getByTestId('transcript-live').waitFor();
    await expect(page.getByTestId('transcript-line').first().getAttribute('data-speaker')).resolves.toBe('AI');

    await headerStatus(page).filter({ hasText: 'completed' }).waitFor({ timeout: 30_000 });
    await page.getByTestId('transcript-live').waitFor({ state: 'detached' });
    // Every recorded line once, in spoken order, with its speaker.
    let lines = await recordedLines(callId!);
    await until(
      async () => {
        lines = await recordedLines(callId!);
        return (
          lines.length >= 5 && JSON.stringify(await transcriptTexts(page)) === JSON.stringify(lines.map((l) => l.text))
        );
      },
      10_000,
      'the page to show every recorded line',
    );
    await expect(
      page.getByTestId('transcript-line').evaluateAll((els) => els.map((e) => e.getAttribute('data-speaker'))),
    ).resolves.toEqual(lines.map((l) => l.speaker.toUpperCase()));
    const call = await orm.em.fork().findOneOrFail(Call, callId!);
    await expect(page.getByTestId('call-end-reason').textContent()).resolves.toBe(call.endReason);
    await expect(page.getByTestId('call-duration').textContent()).resolves.toMatch(/^0:\d\d$/);
    await expect(page.getByTestId('call-ended').textContent()).resolves.not.toBe('–');
    expect(await page.getByTestId('call-controls').count()).toBe(0);

    // The timeline followed the call live, and says what the API says.
    const { accessToken } = await login(consoleUrl, tenant.emails.viewer);
    const api = await graphql(
      consoleUrl,
      'query ($id: ID!) { call(id: $id) { timeline { status } latency { samples p50Ms p95Ms averageMs lastMs } } }',
      { id: callId },
      accessToken,
    );
    const timeline = api.data?.call.timeline.map((c: { status: string }) => c.status);
    expect(timeline).toEqual(expect.arrayContaining(['QUEUED', 'RINGING', 'IN_PROGRESS', 'COMPLETED']));
    await expect(
      page.getByTestId('timeline-entry').evaluateAll((els) => els.map((e) => e.getAttribute('data-status'))),
    ).resolves.toEqual(timeline);
    const latency = api.data?.call.latency;
    expect(latency.samples).toBeGreaterThan(0);
    await expect(page.getByTestId('latency-samples').textContent()).resolves.toBe(String(latency.samples));
    await expect(page.getByTestId('latency-p50').textContent()).resolves.toBe(`${latency.p50Ms} ms`);
    await expect(page.getByTestId('latency-p95').textContent()).resolves.toBe(`${latency.p95Ms} ms`);
    await expect(page.getByTestId('latency-last').textContent()).resolves.toBe(`${latency.lastMs} ms`);

    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: `${artifacts}/console-call-detail.png`, fullPage: true });

    // Opened afresh, the finished call reads the same from the record.
    await page.reload();
    await headerStatus(page).filter({ hasText: 'completed' }).waitFor();
    await until(
      async () => JSON.stringify(await transcriptTexts(page)) === JSON.stringify(lines.map((l) => l.text)),
      5_000,
      'the recorded transcript after a reload',
    );
    await page
      .getByTestId('timeline-entry')
      .nth(timeline.length - 1)
      .waitFor();
    await page.close();
  });

  it('lets a supervisor listen in, steer the agent and end a live call from its page', async () => {
    const callId = await startCall(SILENT);
    const page = await signedInPage(tenant.emails.supervisor);
    await page.goto(`${consoleUrl}/calls/${callId}`);
    // The agent's greeting: the call has reached the bridge, so there is an agent to steer and audio to hear.
    await page
      .getByTestId('transcript-line')
      .filter({ hasText: 'How can I help you today?' })
      .waitFor({ timeout: 20_000 });
    const controls = page.getByTestId('call-controls');

    await page.getByRole('button', { name: 'Listen in' }).click();
    const listenStatus = page.getByTestId('listen-status');
    await listenStatus.filter({ hasText: 'listening' }).waitFor();
    const secondsHeard = async () => Number(await page.getByTestId('listen-seconds').textContent());
    await until(async () => (await secondsHeard()) >= 0.5, 5_000, 'half a second of audio');

    await controls.getByLabel('Text for the agent').fill('Your order shipped this morning.');
    await controls.getByRole('button', { name: 'Say' }).click();
    await controls.getByRole('status').filter({ hasText: 'The agent is saying it now.' }).waitFor();
    await page.getByTestId('transcript-line').filter({ hasText: 'Your order shipped this morning.' }).waitFor();
    await controls.getByRole('button', { name: 'Pause AI' }).click();
    await controls.getByRole('status').filter({ hasText: 'The agent is paused' }).waitFor();
    await controls.getByRole('button', { name: 'Resume AI' }).click();
    await controls.getByRole('status').filter({ hasText: 'The agent answers again.' }).waitFor();
    await controls.getByRole('button', { name: 'Instruct' }).click(); // no text yet
    await controls.getByRole('alert').filter({ hasText: 'Write what the agent should say' }).waitFor();

    await controls.getByRole('button', { name: 'End call' }).click();
    await controls.getByRole('button', { name: 'End call now' }).click();
    await headerStatus(page).filter({ hasText: 'completed' }).waitFor({ timeout: 15_000 });
    await controls.waitFor({ state: 'detached' });
    await page.getByTestId('call-end-reason').filter({ hasText: 'ended_by_supervisor' }).waitFor();
    // The listener heard the call until it ended, decoded, and then stopped.
    await listenStatus.filter({ hasText: 'stopped' }).waitFor({ timeout: 10_000 });
    await expect(page.getByTestId('listen-reason').textContent()).resolves.toBe('The call ended.');
    expect(await secondsHeard()).toBeGreaterThan(1);
    expect(await page.getByRole('button', { name: 'Listen in' }).count()).toBe(0);
    await page.close();
  });

  it('hands a live call to a person, and shows the typed errors of controls that cannot work yet', async () => {
    // A call that only rings: nothing to steer or hear yet.
    const ringing = await startCall(RINGS_LONG);
    const agent = await signedInPage(tenant.emails.agent);
    await agent.goto(`${consoleUrl}/calls/${ringing}`);
    await headerStatus(agent).filter({ hasText: 'ringing' }).waitFor({ timeout: 10_000 });
    expect(await agent.getByTestId('call-controls').count()).toBe(0);
    expect(await agent.getByRole('region', { name: 'Listen in' }).count()).toBe(0);
    await agent.close();

    const page = await signedInPage(tenant.emails.supervisor);
    await page.goto(`${consoleUrl}/calls/${ringing}`);
    await headerStatus(page).filter({ hasText: 'ringing' }).waitFor();
    const controls = page.getByTestId('call-controls');
    await controls.getByLabel('Text for the agent').fill('Hello?');
    await controls.getByRole('button', { name: 'Say' }).click();
    await controls.getByRole('alert').filter({ hasText: 'cannot intervene' }).waitFor();
    await page.getByRole('button', { name: 'Listen in' }).click();
    await page
      .getByRole('region', { name: 'Listen in' })
      .getByRole('alert')
      .filter({ hasText: 'not connected' })
      .waitFor();
    await controls.getByRole('button', { name: 'Take over' }).click(); // this business has no handoff number
    await controls.getByRole('alert').filter({ hasText: 'handoff number' }).waitFor();
    await controls.getByLabel('Human number').fill('555-0100');
    await controls.getByRole('button', { name: 'Take over' }).click();
    await controls.getByRole('alert').filter({ hasText: 'E.164' }).waitFor();
    await controls.getByRole('button', { name: 'End call' }).click();
    await controls.getByRole('button', { name: 'End call now' }).click();
    await headerStatus(page).filter({ hasText: 'canceled' }).waitFor({ timeout: 15_000 });

    // A live conversation handed to a person at a number the supervisor gives.
    const live = await startCall(SILENT);
    await page.goto(`${consoleUrl}/calls/${live}`);
    await page
      .getByTestId('transcript-line')
      .filter({ hasText: 'How can I help you today?' })
      .waitFor({ timeout: 20_000 });
    await controls.getByLabel('Human number').fill('+14155550142');
    await controls.getByRole('button', { name: 'Take over' }).click();
    await controls.getByRole('status').filter({ hasText: 'Handing the call over to +14155550142' }).waitFor();
    await page.locator('[data-testid="timeline-entry"][data-status="ESCALATED"]').waitFor({ timeout: 10_000 });
    await headerStatus(page)
      .filter({ hasText: /escalated|completed/ })
      .waitFor();
    const call = await orm.em.fork().findOneOrFail(Call, live);
    await until(
      () => stack.telephony.sim.calls.get(call.twilioCallSid!)!.dialed.some((d) => d.to === '+14155550142'),
      10_000,
      'Twilio to dial the human',
    );
    await page.close();
  });

  it('shows on a call’s page that the disclosure was spoken and that the caller objected to recording', async () => {
    const businessId = await createBusiness(orm, tenant);
    const admin = (await login(consoleUrl, tenant.emails.admin)).accessToken;
    const set = await graphql(
      consoleUrl,
      `mutation ($b: ID!) { updatePrivacySettings(businessId: $b, input: { disclosureText: "This call is recorded." }) { __typename } }`,
      { b: businessId },
      admin,
    );
    expect(set.data?.updatePrivacySettings.__typename).toBe('MutationUpdatePrivacySettingsSuccess');
    const { id } = await placeCall(stack, OBJECTS_TO_RECORDING, businessId);
    await finishedCall(stack, id);

    const page = await signedInPage(tenant.emails.supervisor);
    await page.goto(`${consoleUrl}/calls/${id}`);
    await page
      .getByTestId('call-disclosure')
      .filter({ hasText: /^spoken / })
      .waitFor();
    await expect(page.getByTestId('call-objection').textContent()).resolves.toMatch(/^to recording, /);
    await page.close();
  }, 120_000);
});
