import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { EMPLOYMENT_HISTORY_TEMPLATE } from '../../quality/extraction-schema.ts';
import { launchBrowser } from '../support/browser.ts';
import { type CallStack, FAST_SPEECH, finishedCall, placeCall, startCallStack } from '../support/call-stack.ts';
import { signInLive } from '../support/console-page.ts';
import { graphql } from '../support/graphql.ts';
import { freePort } from '../support/ports.ts';
import { createBusiness, login } from '../support/tenants.ts';
import { eventually } from '../support/wait.ts';

/**
 * The console's post-call views against the whole platform and headless Chromium: a call's analysis
 * with its extraction, provenance, gap and score; history's outcome and score columns and filter;
 * webhook endpoints with the secret shown once, a test send and the delivery log; the extraction
 * schema editor, which saves only a schema the server has checked.
 */
const artifacts = fileURLToPath(new URL('../artifacts', import.meta.url));
const VIEWPORT = { width: 1400, height: 1400 };
const WORK_HISTORY = '+15550100020';

let stack: CallStack;
let browser: Browser;
let receiver: Server;
let receiverUrl: string;
let received = 0;

beforeAll(async () => {
  const port = await freePort();
  receiverUrl = `http://127.0.0.1:${port}/hooks`;
  receiver = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      received++;
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(port, '127.0.0.1', resolve));
  stack = await startCallStack('Console post-call', {
    env: { FETCH_ALLOWED_HOSTS: `127.0.0.1:${port}` },
    speechMsPerCharacter: FAST_SPEECH,
  });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  await new Promise((resolve) => receiver?.close(resolve));
});

const screenshot = async (page: Page, name: string) => {
  mkdirSync(artifacts, { recursive: true });
  await page.screenshot({ path: `${artifacts}/${name}.png`, fullPage: true });
};

async function signedIn(role: 'admin' | 'supervisor') {
  const page = await browser.newPage({ viewport: VIEWPORT });
  await signInLive(page, stack.gateway.url, stack.tenant.emails[role]);
  return page;
}

describe('console: after the call', () => {
  it("shows a call's analysis, extraction with the lines behind each field, the gap and the score; history shows outcome and score", async () => {
    const businessId = await createBusiness(stack.gateway.orm, stack.tenant);
    await graphql(
      stack.gateway.url,
      `mutation ($b: ID!, $i: PostCallSettingsInput!) { updatePostCallSettings(businessId: $b, input: $i) { __typename } }`,
      { b: businessId, i: { extractionSchema: JSON.stringify(EMPLOYMENT_HISTORY_TEMPLATE) } },
      stack.token,
    );
    // The profile collects the caller's email: this business keeps emails in its transcripts.
    await graphql(
      stack.gateway.url,
      `mutation ($b: ID!) { updatePrivacySettings(businessId: $b, input: { redact: [CARD_NUMBER, BANK_ACCOUNT, NATIONAL_ID, STREET_ADDRESS, DATE_OF_BIRTH] }) { __typename } }`,
      { b: businessId },
      (await login(stack.gateway.url, stack.tenant.emails.admin)).accessToken,
    );
    const { id } = await placeCall(stack, WORK_HISTORY, businessId);
    await finishedCall(stack, id);

    const page = await signedIn('supervisor');
    await page.goto(`${stack.gateway.url}/calls/${id}`);
    const analysis = page.getByRole('region', { name: 'Analysis' });
    await analysis.getByTestId('analysis-summary').waitFor({ timeout: 60_000 });
    expect(await analysis.getByTestId('analysis-outcome').textContent()).toMatch(/^[a-z_]+$/);
    expect(await analysis.getByTestId('extraction-status').textContent()).toBe('VALID');
    expect(await analysis.getByTestId('history-gap').textContent()).toBe('1977–2004 not accounted for');
    const history = analysis.getByTestId('extracted-field').filter({ hasText: '/employmentHistory' });
    expect(await history.textContent()).toContain('Acme Steel from 1970 to 1977');
    expect(Number((await analysis.getByTestId('adversarial-score').textContent())?.split(' ')[0])).toBeLessThanOrEqual(
      2,
    );
    await screenshot(page, 'console-post-call-analysis');

    await page.goto(`${stack.gateway.url}/calls?minScore=0&business=${businessId}`);
    const row = page.locator(`tr[data-call-id="${id}"]`);
    await row.waitFor();
    expect(await row.getByTestId('call-outcome').textContent()).toMatch(/^[a-z_]+$/);
    expect(await row.getByTestId('call-adversarial').textContent()).toMatch(/^\d+\.\d$/);
    await page.goto(`${stack.gateway.url}/calls?minScore=9&business=${businessId}`);
    await page.getByTestId('calls-total').filter({ hasText: '0 calls' }).waitFor();
    await page.close();
  }, 180_000);

  it('adds a webhook endpoint, shows its secret once, sends a test event and lists it in the delivery log', async () => {
    const page = await signedIn('admin');
    await page.goto(`${stack.gateway.url}/webhooks`);
    const form = page.getByRole('form', { name: 'Add an endpoint' });
    await form.getByLabel('URL').fill(receiverUrl);
    await form.getByRole('button', { name: 'Add endpoint' }).click();
    const secret = page.getByRole('region', { name: 'Signing secret' }).getByLabel('Secret');
    expect(await secret.inputValue()).toMatch(/^whsec_/);
    const endpoint = page.getByRole('table', { name: 'Endpoints' }).locator('tr', { hasText: receiverUrl });
    await endpoint.getByRole('button', { name: 'Send test event' }).click();
    await eventually(async () => (received > 0 ? true : undefined), 30_000, 'the test event');
    const log = page.getByRole('region', { name: 'Delivery log' });
    await eventually(
      async () => {
        await log.getByRole('button', { name: 'Refresh' }).click();
        const text =
          (await log
            .getByTestId('delivery-status')
            .first()
            .textContent({ timeout: 2_000 })
            .catch(() => '')) ?? '';
        return text.startsWith('succeeded') ? true : undefined;
      },
      30_000,
      'the delivery logged as succeeded',
    );
    expect(await log.getByTestId('webhook-delivery').first().textContent()).toContain('webhook.test');
    await screenshot(page, 'console-webhooks');
    // After reloading, the secret is gone: it was shown once.
    await page.reload();
    await page.getByRole('table', { name: 'Endpoints' }).locator('tr', { hasText: receiverUrl }).waitFor();
    expect(await page.getByRole('region', { name: 'Signing secret' }).count()).toBe(0);
    await page.close();
  }, 120_000);

  it('saves an extraction schema only once the server has checked it', async () => {
    const page = await signedIn('supervisor');
    await page.goto(`${stack.gateway.url}/businesses/${stack.tenant.businessId}/post-call`);
    const form = page.getByRole('form', { name: 'Post-call settings' });
    // The stored settings fill the form once they arrive: type only after that, or they overwrite it.
    await form.locator('option[value="employment_history"]').waitFor({ state: 'attached' });
    const editor = form.getByLabel(/Data the calls collect/);
    await editor.fill('{"type": "array"}');
    await form.getByRole('button', { name: 'Check schema' }).click();
    await form
      .getByTestId('schema-check')
      .filter({ hasText: /object/ })
      .waitFor();
    expect(await form.getByRole('button', { name: 'Save' }).isDisabled()).toBe(true);

    await form.getByLabel('Start from a template').selectOption('employment_history');
    expect(await form.getByRole('button', { name: 'Save' }).isDisabled()).toBe(true);
    await form.getByRole('button', { name: 'Check schema' }).click();
    await form.getByTestId('schema-check').filter({ hasText: 'Valid.' }).waitFor();
    expect(await form.getByTestId('schema-check').textContent()).toContain('/employmentHistory');
    await form.getByRole('button', { name: 'Save' }).click();
    await form.getByText('Saved.').waitFor();
    await page.reload();
    await page.getByRole('form', { name: 'Post-call settings' }).waitFor();
    await eventually(
      async () =>
        (await page.getByLabel(/Data the calls collect/).inputValue()).includes('employmentHistory') ? true : undefined,
      10_000,
      'the saved schema',
    );
    await page.close();
  }, 60_000);
});
