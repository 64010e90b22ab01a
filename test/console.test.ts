import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type Browser, chromium } from 'playwright-core';
import { type Orm, openOrm } from '../db/orm.ts';
import { TEST_DATABASE_URL, testEnv } from './support/env.ts';
import { createBusiness } from './support/gateway.ts';
import { type RunningProcess, startProcess } from './support/processes.ts';

const artifacts = fileURLToPath(new URL('./artifacts', import.meta.url));
const env = testEnv({ PLACEHOLDER_RING_MS: '800', PLACEHOLDER_TALK_MS: '2500' });
let worker: RunningProcess;
let gateway: RunningProcess;
let consoleUrl: string;
let browser: Browser;
let orm: Orm;
let businessName: string;

beforeAll(async () => {
  orm = await openOrm(TEST_DATABASE_URL, 2);
  businessName = (await createBusiness(orm, 'Console test')).name;
  worker = startProcess('worker.ts', env);
  gateway = startProcess('gateway/server.ts', env);
  consoleUrl = String((await gateway.waitForLog('gateway listening')).url);
  await worker.waitForLog('worker started');
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
});

afterAll(async () => {
  await browser?.close();
  await gateway?.stop();
  await worker?.stop();
  await orm?.close();
});

describe('console', () => {
  it('shows a call a supervisor starts appear and change status live', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await page.goto(consoleUrl);
    await expect(page.getByTestId('live-indicator').textContent()).resolves.toBeDefined();
    await page.getByTestId('live-indicator').filter({ hasText: 'live' }).waitFor();

    await page.getByLabel('Business').selectOption({ label: businessName });
    await page.getByLabel('Number to call').fill('+14155550199');
    await page.getByRole('button', { name: 'Start call' }).click();

    const row = page.locator('tr', { hasText: '+14155550199' }).filter({ hasText: businessName });
    await row.waitFor();
    await row
      .getByTestId('call-status')
      .filter({ hasText: /ringing|in progress/ })
      .waitFor({ timeout: 15_000 });
    await row.getByTestId('call-status').filter({ hasText: 'completed' }).waitFor({ timeout: 20_000 });

    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: `${artifacts}/console-calls.png`, fullPage: true });
    await page.close();
  });

  it('lists earlier calls on a fresh load and explains a malformed number instead of starting a call', async () => {
    const page = await browser.newPage();
    await page.goto(`${consoleUrl}/calls`);
    await page
      .locator('tr', { hasText: '+14155550199' })
      .filter({ hasText: businessName })
      .getByTestId('call-status')
      .filter({ hasText: 'completed' })
      .waitFor();
    await page.getByLabel('Business').selectOption({ label: businessName });
    await page.getByLabel('Number to call').fill('555-0199');
    await page.getByRole('button', { name: 'Start call' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('E.164');
    await page.close();
  });
});
