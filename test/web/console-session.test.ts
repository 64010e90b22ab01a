import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { type Orm, openOrm } from '../../db/orm.ts';
import { launchBrowser } from '../support/browser.ts';
import { TEST_DATABASE_URL, testEnv } from '../support/env.ts';
import { type RunningProcess, startProcess } from '../support/processes.ts';
import { startTelephony } from '../support/telephony.ts';
import { createTenant, TEST_PASSWORD } from '../support/tenants.ts';
import { until } from '../support/wait.ts';

/**
 * The console's session handling against a gateway with short-lived access tokens and a strict
 * sign-in limit per address.
 */
const ACCESS_TOKEN_TTL_SECONDS = 6;
const env = testEnv({
  AUTH_ACCESS_TOKEN_TTL_SECONDS: String(ACCESS_TOKEN_TTL_SECONDS),
  LOGIN_ATTEMPTS_PER_15_MINUTES: '3',
});
let worker: RunningProcess;
let telephony: Awaited<ReturnType<typeof startTelephony>>;
let gateway: RunningProcess;
let consoleUrl: string;
let browser: Browser;
let orm: Orm;

beforeAll(async () => {
  orm = await openOrm(TEST_DATABASE_URL, 2);
  telephony = await startTelephony();
  gateway = startProcess('gateway/server.ts', { ...env, ...telephony.env });
  consoleUrl = String((await gateway.waitForLog('gateway listening')).url);
  worker = startProcess('worker.ts', { ...env, ...telephony.env, PUBLIC_URL: consoleUrl });
  await worker.waitForLog('worker started');
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await gateway?.stop();
  await worker?.stop();
  await telephony?.sim.stop();
  await orm?.close();
});

async function signIn(page: Page, email: string) {
  await page.goto(`${consoleUrl}/login`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('signed-in-as').waitFor();
}

/** Records the page's GraphQL traffic: refreshes asked for and 401 answers. */
function watchGraphQL(page: Page) {
  const seen = { refreshes: 0, unauthorized: 0, log: [] as string[] };
  page.on('request', (request) => {
    if (request.postData()?.includes('ConsoleRefreshSession')) {
      seen.refreshes++;
      seen.log.push('refresh');
    }
  });
  page.on('response', (response) => {
    if (new URL(response.url()).pathname !== '/graphql') return;
    if (response.status() === 401) seen.unauthorized++;
    seen.log.push(String(response.status()));
  });
  return seen;
}

describe('console sessions', () => {
  it('refreshes short-lived access tokens before they expire, stays live and survives a reload', async () => {
    const tenant = await createTenant(orm, 'Refresh');
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const traffic = watchGraphQL(page);
    await signIn(page, tenant.emails.supervisor);
    const live = page.getByTestId('live-indicator').filter({ hasText: 'live' });
    await live.waitFor();

    await until(() => traffic.refreshes >= 2, 3 * ACCESS_TOKEN_TTL_SECONDS * 1000, 'two refreshes');
    await page.getByRole('link', { name: 'Live calls' }).click();
    await page.getByLabel('Number to call').fill('+14155550177');
    await page.getByRole('button', { name: 'Start call' }).click();
    const status = page.locator('tr', { hasText: '+14155550177' }).getByTestId('call-status');
    // The call's answer arrives live. (This test runs no bridge, so how long the call lasts after that
    // depends on its media stream's recovery, not on the session.)
    await status.filter({ hasText: /in progress|completed/ }).waitFor({ timeout: 45_000 });
    await live.waitFor();

    await page.getByRole('link', { name: 'Businesses' }).click();
    await page.locator('tr', { hasText: tenant.businessName }).waitFor();
    expect(traffic.unauthorized).toBe(0);

    // A reload keeps nothing but the stored refresh token: the session resumes from it.
    await page.reload();
    await page.locator('tr', { hasText: tenant.businessName }).waitFor();
    expect(page.url()).toBe(`${consoleUrl}/businesses`);
    await page.close();
  });

  it('refreshes once and retries when the server answers 401 to an access token that has run out', async () => {
    const tenant = await createTenant(orm, 'Expired');
    const page = await browser.newPage();
    await page.clock.install();
    const traffic = watchGraphQL(page);
    await signIn(page, tenant.emails.viewer);
    await page.getByTestId('live-indicator').filter({ hasText: 'live' }).waitFor();

    // Stop the page's clock: it believes its token is fresh while the server's copy of time moves on.
    await page.clock.pauseAt(Date.now() + 100);
    await page.waitForTimeout((ACCESS_TOKEN_TTL_SECONDS + 1) * 1000);
    traffic.log.length = 0;
    await page.getByRole('link', { name: 'Businesses' }).click();
    await page.locator('tr', { hasText: tenant.businessName }).waitFor();
    expect(traffic.log).toEqual(['401', 'refresh', '200', '200']);

    await page.clock.resume();
    await page.getByRole('link', { name: 'Live calls' }).click();
    await page.getByRole('table', { name: 'Calls' }).waitFor();
    await page.close();
  });

  it('tells someone who keeps failing to sign in that they are rate limited', async () => {
    const page = await browser.newPage();
    await page.goto(`${consoleUrl}/login`);
    await page.getByLabel('Email').fill(`nobody-${randomUUID().slice(0, 8)}@limits.test`);
    await page.getByLabel('Password').fill('guessing a password');
    const alert = page.getByRole('alert');
    for (let attempt = 1; attempt <= 3; attempt++) {
      await page.getByRole('button', { name: 'Sign in' }).click();
      await alert.filter({ hasText: 'The email or password is not correct.' }).waitFor();
    }
    await page.getByRole('button', { name: 'Sign in' }).click();
    await alert.filter({ hasText: /Too many attempts\. Try again in \d+ (seconds|minutes)\./ }).waitFor();
    await page.close();
  });
});
