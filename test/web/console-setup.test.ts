import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { BusinessConfig, Call, KnowledgeEntry, Organization, User } from '../../db/entities/index.ts';
import { launchBrowser } from '../support/browser.ts';
import { type CallStack, startCallStack } from '../support/call-stack.ts';
import { TEST_PASSWORD } from '../support/tenants.ts';

/**
 * The setup wizard in headless Chromium against the whole platform (gateway, worker and bridge
 * processes, the simulators): a visitor signs up, and is led from an empty organisation through its
 * details, a first business, its own Twilio and OpenAI accounts (tested, a wrong key failing clearly),
 * a number, a first document, to a test call they watch live — leaving the wizard in between and
 * coming back where they were.
 */
const artifacts = fileURLToPath(new URL('../artifacts', import.meta.url));
const VIEWPORT = { width: 1280, height: 1000 };
const ACCOUNT = { accountSid: `AC${randomBytes(16).toString('hex')}`, authToken: randomBytes(16).toString('hex') };
const API_KEY = `sk-wizard-${randomBytes(12).toString('hex')}`;
/** The number the wizard gives the business, in the account's numbers, typed as a person in the US would. */
const NUMBER = { typed: `(555) 3${randomInt(10, 99)}-${randomInt(1000, 9999)}`, e164: '' };
NUMBER.e164 = `+1${NUMBER.typed.replace(/\D/g, '')}`;
/** The simulators' caller with a question for the knowledge base. */
const ASKS_QUESTION = '+15550100009';

let stack: CallStack;
let browser: Browser;
let page: Page;
const email = `founder-${randomUUID().slice(0, 8)}@wizard.test`;
const organizationName = `Wizard Co ${randomUUID().slice(0, 6)}`;

beforeAll(async () => {
  stack = await startCallStack('Setup wizard', {
    env: { ORGANIZATION_SIGNUP: 'enabled' },
    realtimeKeys: ['simulator', API_KEY],
  });
  stack.telephony.sim.addAccount({ ...ACCOUNT, friendlyName: 'Wizard Co', phoneNumbers: [NUMBER.e164] });
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: VIEWPORT });
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const screenshot = async (name: string) => {
  mkdirSync(artifacts, { recursive: true });
  await page.screenshot({ path: `${artifacts}/${name}.png`, fullPage: true });
};
const currentStep = () => page.getByTestId('setup-current').getAttribute('data-step');

describe('the setup wizard', () => {
  it('signs a visitor up into an empty organisation and opens the wizard', async () => {
    await page.goto(`${stack.gateway.url}/login`);
    await page.getByRole('link', { name: 'Create an organisation' }).click();
    await page.getByLabel('Organisation').fill(organizationName);
    await page.getByLabel('Your name').fill('Fay Founder');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Create organisation' }).click();
    await page.waitForURL(`${stack.gateway.url}/setup`);
    await expect(currentStep()).resolves.toBe('ORGANIZATION');
    const organization = await stack.gateway.orm.em.fork().findOneOrFail(Organization, { name: organizationName });
    expect(await stack.gateway.orm.em.fork().count(BusinessConfig, { organization })).toBe(0);
    expect(await stack.gateway.orm.em.fork().findOneOrFail(User, { email })).toMatchObject({ role: 'admin' });
  });

  it('takes the organisation details and the first business, and resumes after a reload', async () => {
    await page.getByLabel('Country').fill('US');
    await page.getByLabel('Time zone').fill('America/New_York');
    await page.getByRole('button', { name: 'Save and continue' }).click();
    await page.getByTestId('setup-current').and(page.locator('[data-step="BUSINESS"]')).waitFor();

    await page.getByLabel('Business name').fill('Wizard Support');
    await page.getByLabel('What the business does (the agent is told)').fill('Wizard Co repairs wands.');
    await page.getByRole('button', { name: 'Create business' }).click();
    await page.locator('[data-step="CREDENTIALS"]').waitFor();

    // Leaving and coming back: the wizard is where it was.
    await page.goto(`${stack.gateway.url}/calls`);
    await page.getByTestId('live-indicator').filter({ hasText: 'live' }).waitFor();
    await page.goto(`${stack.gateway.url}/`);
    await page.waitForURL(`${stack.gateway.url}/setup`);
    await page.locator('[data-step="CREDENTIALS"]').waitFor();
    const statuses = await page
      .getByTestId('setup-step')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-status')));
    expect(statuses).toEqual(['DONE', 'DONE', 'PENDING', 'PENDING', 'PENDING', 'PENDING']);
  });

  it("tests the organisation's own Twilio and OpenAI accounts before saving them, a wrong key failing clearly", async () => {
    const twilio = page.getByRole('region', { name: 'Twilio' });
    await twilio.getByLabel('Account SID').fill(ACCOUNT.accountSid);
    await twilio.getByLabel('Auth token').fill(ACCOUNT.authToken);
    await twilio.getByRole('button', { name: 'Test Twilio' }).click();
    await twilio.locator('[data-testid="connection-result"][data-ok="true"]').waitFor();
    await expect(twilio.getByTestId('connection-check').first().textContent()).resolves.toContain(
      '"Wizard Co" is active',
    );
    await twilio.getByRole('button', { name: 'Save Twilio' }).click();
    await twilio
      .getByTestId('integration-current')
      .filter({ hasText: `Account ${ACCOUNT.accountSid}, auth token ••••${ACCOUNT.authToken.slice(-4)}` })
      .waitFor();

    const openai = page.getByRole('region', { name: 'OpenAI' });
    await openai.getByLabel('API key').fill(`sk-wrong-${randomBytes(10).toString('hex')}`);
    await openai.getByRole('button', { name: 'Test OpenAI' }).click();
    const failed = openai.locator('[data-testid="connection-check"][data-ok="false"]');
    await failed.waitFor();
    await expect(failed.textContent()).resolves.toMatch(/Incorrect API key provided.*platform\.openai\.com\/api-keys/);
    await screenshot('console-setup-credentials');
    await openai.getByLabel('API key').fill(API_KEY);
    await openai.getByRole('button', { name: 'Test OpenAI' }).click();
    await openai.locator('[data-testid="connection-result"][data-ok="true"]').waitFor();
    await openai.getByRole('button', { name: 'Save OpenAI' }).click();
    await openai
      .getByTestId('integration-current')
      .filter({ hasText: `API key ••••${API_KEY.slice(-4)}` })
      .waitFor();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.locator('[data-step="PHONE_NUMBER"]').waitFor();
  });

  it('gives the business a number, checked against the Twilio account, and a first document, indexed', async () => {
    await page.getByRole('textbox', { name: 'Phone number' }).fill(NUMBER.typed);
    await page.getByRole('button', { name: 'Save and check the number' }).click();
    await page.locator('[data-step="KNOWLEDGE"]').waitFor({ timeout: 20_000 });

    await page.getByRole('textbox', { name: 'Title' }).fill('Opening hours');
    await page
      .getByLabel('Text (Markdown works: headings become sections)')
      .fill('# Opening hours\n\n## Saturday\n\nOn Saturday we are open from 10 am to 2 pm.');
    await page.getByRole('button', { name: 'Add and index' }).click();
    await page.locator('[data-step="TEST_CALL"]').waitFor({ timeout: 60_000 });
  });

  it('places a test call the admin watches live, and finishes with a working business', async () => {
    await page.getByLabel('Call this number').fill(ASKS_QUESTION);
    await page.getByRole('button', { name: 'Place the test call' }).click();
    await page.getByTestId('listen-player').waitFor();
    const lines = page.getByTestId('test-call-line');
    await lines.filter({ hasText: 'What are your opening hours on Saturday?' }).waitFor({ timeout: 30_000 });
    await lines.filter({ hasText: 'On Saturday we are open from ten a m to two p m.' }).waitFor({ timeout: 30_000 });
    await page.getByTestId('test-call-status').filter({ hasText: 'completed' }).waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Finish setup' }).click();
    await page.getByTestId('setup-complete').waitFor();
    await screenshot('console-setup-complete');

    const em = stack.gateway.orm.em.fork();
    const organization = await em.findOneOrFail(Organization, { name: organizationName });
    expect(organization).toMatchObject({ country: 'US', timeZone: 'America/New_York' });
    expect(organization.setup?.completedAt).toEqual(expect.any(String));
    const business = await em.findOneOrFail(BusinessConfig, { organization });
    expect(business).toMatchObject({
      name: 'Wizard Support',
      active: true,
      phoneNumbers: [NUMBER.e164],
      timeZone: 'America/New_York',
    });
    expect(await em.findOneOrFail(KnowledgeEntry, { business })).toMatchObject({ status: 'ready' });
    const call = await em.findOneOrFail(Call, organization.setup!.testCallId!);
    expect(call).toMatchObject({ status: 'completed', fromNumber: NUMBER.e164 });
    // The test call went through the organisation's own Twilio account and OpenAI key.
    expect(stack.telephony.sim.calls.get(call.twilioCallSid!)?.accountSid).toBe(ACCOUNT.accountSid);
    expect(stack.realtime.sessions.some((s) => s.apiKey === API_KEY)).toBe(true);
  });
});
