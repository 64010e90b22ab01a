import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { Organization } from '../../db/entities/index.ts';
import { type Orm, openOrm } from '../../db/orm.ts';
import { launchBrowser } from '../support/browser.ts';
import { TEST_DATABASE_URL, testEnv } from '../support/env.ts';
import { graphql } from '../support/graphql.ts';
import { type MailServer, startMailServer } from '../support/mail.ts';
import { type RunningProcess, startProcess } from '../support/processes.ts';
import { RINGS_OUT, startTelephony } from '../support/telephony.ts';
import { createTenant, login, TEST_PASSWORD, type Tenant } from '../support/tenants.ts';

const artifacts = fileURLToPath(new URL('../artifacts', import.meta.url));
const VIEWPORT = { width: 1280, height: 800 };
let mail: MailServer;
let worker: RunningProcess;
let telephony: Awaited<ReturnType<typeof startTelephony>>;
let gateway: RunningProcess;
let consoleUrl: string;
let browser: Browser;
let orm: Orm;

const START_CALL = `mutation ($input: StartCallInput!) {
  startCall(input: $input) { __typename ... on MutationStartCallSuccess { data { id } } ... on Error { message } }
}`;
const REFRESH = `mutation ($refreshToken: String!) { refreshSession(refreshToken: $refreshToken) { __typename } }`;

beforeAll(async () => {
  orm = await openOrm(TEST_DATABASE_URL, 2);
  mail = await startMailServer();
  telephony = await startTelephony();
  const env = testEnv({ ...telephony.env, SMTP_URL: mail.smtpUrl });
  gateway = startProcess('gateway/server.ts', env);
  consoleUrl = String((await gateway.waitForLog('gateway listening')).url);
  // Twilio's (here the simulator's) webhooks reach this gateway.
  worker = startProcess('worker.ts', { ...env, PUBLIC_URL: consoleUrl });
  await worker.waitForLog('worker started');
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await gateway?.stop();
  await worker?.stop();
  await telephony?.sim.stop();
  await mail?.stop();
  await orm?.close();
});

/** Signs in through the login page and waits for the signed-in header. */
async function signIn(page: Page, email: string, password = TEST_PASSWORD) {
  if (!page.url().includes('/login')) await page.goto(`${consoleUrl}/login`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('signed-in-as').waitFor();
}

/** Places a call over the API, as the tenant's supervisor. */
async function startCallViaApi(tenant: Tenant, toNumber: string) {
  const { accessToken } = await login(consoleUrl, tenant.emails.supervisor);
  const response = await graphql(
    consoleUrl,
    START_CALL,
    { input: { businessId: tenant.businessId, toNumber } },
    accessToken,
  );
  expect(response.data?.startCall.__typename).toBe('MutationStartCallSuccess');
}

const organizationName = async (tenant: Tenant) =>
  (await orm.em.fork().findOneOrFail(Organization, tenant.organizationId)).name;

const navLinks = (page: Page) => page.getByRole('navigation', { name: 'Main' }).getByRole('link').allTextContents();

describe('console', () => {
  it('shows a supervisor who signs in a call they start appear and reach completed live', async () => {
    const tenant = await createTenant(orm, 'Calls');
    const page = await browser.newPage({ viewport: VIEWPORT });
    await signIn(page, tenant.emails.supervisor);
    // A supervisor lands on the Dashboard; calls are a link away.
    await page.waitForURL(`${consoleUrl}/dashboard`);
    await page.getByRole('link', { name: 'Live calls' }).click();
    await expect(page.getByTestId('live-indicator').textContent()).resolves.toBeDefined();
    await page.getByTestId('live-indicator').filter({ hasText: 'live' }).waitFor();

    await page.getByLabel('Business').selectOption({ label: tenant.businessName });
    // This number rings out, so the call stays live long enough to watch.
    await page.getByLabel('Number to call').fill(RINGS_OUT);
    await page.getByRole('button', { name: 'Start call' }).click();

    const row = page.locator('tr', { hasText: RINGS_OUT }).filter({ hasText: tenant.businessName });
    await row.waitFor();
    await row
      .getByTestId('call-status')
      .filter({ hasText: /ringing|in progress/ })
      .waitFor({ timeout: 15_000 });
    expect(await row.getByRole('button', { name: 'End' }).count()).toBe(1);
    await row.getByTestId('call-status').filter({ hasText: 'no answer' }).waitFor({ timeout: 20_000 });
    expect(await page.getByRole('alert').count()).toBe(0);

    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: `${artifacts}/console-calls.png`, fullPage: true });
    await page.close();
  });

  it('shows a viewer calls live but offers no start form, no End button and no admin pages', async () => {
    const tenant = await createTenant(orm, 'Readonly');
    const page = await browser.newPage({ viewport: VIEWPORT });
    await signIn(page, tenant.emails.viewer);
    const header = page.getByTestId('signed-in-as');
    await expect(header.textContent()).resolves.toContain('Readonly viewer');
    await expect(header.textContent()).resolves.toContain(await organizationName(tenant));
    await expect(navLinks(page)).resolves.toEqual([
      'Dashboard',
      'Live calls',
      'Analytics',
      'Campaigns',
      'Escalations',
      'Agents',
      'Businesses',
      'Knowledge',
      'Doc sync',
    ]);
    await page.getByTestId('live-indicator').filter({ hasText: 'live' }).waitFor();
    await page.getByRole('link', { name: 'Live calls' }).click();

    await startCallViaApi(tenant, RINGS_OUT);
    const row = page.locator('tr', { hasText: RINGS_OUT });
    await row.getByTestId('call-status').filter({ hasText: 'ringing' }).waitFor({ timeout: 15_000 });
    expect(await page.getByRole('button', { name: 'End' }).count()).toBe(0);
    expect(await page.getByRole('form', { name: 'Start a call' }).count()).toBe(0);
    await row.getByTestId('call-status').filter({ hasText: 'no answer' }).waitFor({ timeout: 20_000 });

    for (const path of ['/users', '/api-keys', '/audit-log']) {
      await page.goto(`${consoleUrl}${path}`);
      await page.getByRole('heading', { name: 'Not allowed' }).waitFor();
    }
    await page.close();
  });

  it('lets an admin add a user and an API key (secret shown once), revoke the key, and read it all in the audit log', async () => {
    const tenant = await createTenant(orm, 'Admin');
    const context = await browser.newContext({ viewport: VIEWPORT });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: consoleUrl });
    const page = await context.newPage();
    await signIn(page, tenant.emails.admin);
    await expect(navLinks(page)).resolves.toEqual([
      'Dashboard',
      'Live calls',
      'Analytics',
      'Campaigns',
      'Do not call',
      'Escalations',
      'Agents',
      'Businesses',
      'Knowledge',
      'Doc sync',
      'Users',
      'Webhooks',
      'API keys',
      'Audit log',
      'Privacy requests',
      'Settings',
    ]);

    // Users: invite one, promote the agent, deactivate the viewer.
    await page.getByRole('link', { name: 'Users' }).click();
    const invited = `invited-${randomUUID().slice(0, 8)}@admin.test`;
    const addUser = page.getByRole('form', { name: 'Add a user' });
    await addUser.getByLabel('Email').fill(invited);
    await addUser.getByLabel('Name').fill('Invited Colleague');
    await addUser.getByLabel('Role').selectOption('AGENT');
    await addUser.getByRole('button', { name: 'Add user' }).click();
    await page.getByRole('status').filter({ hasText: 'invitation mail' }).waitFor();
    expect((await mail.waitForMail(invited)).text).toContain('/reset-password?token=');
    const invitedRow = page.locator('tr', { hasText: invited });
    await expect(invitedRow.textContent()).resolves.toMatch(/Invited Colleague.*active.*never/);

    await page.getByLabel(`Role of ${tenant.emails.agent}`).selectOption('SUPERVISOR');
    await page.getByRole('status').filter({ hasText: 'is now supervisor' }).waitFor();
    const viewerRow = page.locator('tr', { hasText: tenant.emails.viewer });
    await viewerRow.getByRole('button', { name: 'Deactivate' }).click();
    await viewerRow.getByText('deactivated').waitFor();
    await viewerRow.getByRole('button', { name: 'Activate' }).waitFor();
    // The admin's own row cannot demote or lock out the admin.
    await expect(page.getByLabel(`Role of ${tenant.emails.admin}`).isDisabled()).resolves.toBe(true);

    // API keys: the secret is shown once, works, can be copied, and is gone after a reload.
    await page.getByRole('link', { name: 'API keys' }).click();
    const createKey = page.getByRole('form', { name: 'Create an API key' });
    await createKey.getByLabel('Name').fill('CRM sync');
    await createKey.getByLabel('Role').selectOption('AGENT');
    await createKey.getByRole('button', { name: 'Create key' }).click();
    const secret = await page.getByLabel('Secret').inputValue();
    expect(secret).toMatch(/^cpk_[0-9a-f]{12}_/);
    await expect(page.getByRole('region', { name: 'New API key' }).textContent()).resolves.toContain(
      'only time it is shown',
    );
    await page.getByRole('button', { name: 'Copy' }).click();
    await page.getByRole('button', { name: 'Copied' }).waitFor();
    await expect(page.evaluate('navigator.clipboard.readText()')).resolves.toBe(secret);
    await page.locator('tr', { hasText: 'CRM sync' }).waitFor();
    const asKey = await graphql(consoleUrl, '{ me { label role } }', {}, secret);
    expect(asKey.data?.me).toEqual({ label: 'CRM sync', role: 'AGENT' });

    await page.reload();
    const keyRow = page.locator('tr', { hasText: 'CRM sync' });
    await keyRow.waitFor();
    expect(await page.getByLabel('Secret').count()).toBe(0);
    expect(await page.getByText(secret).count()).toBe(0);
    await expect(keyRow.textContent()).resolves.toContain(secret.slice(0, 16));

    await keyRow.getByRole('button', { name: 'Revoke' }).click();
    await keyRow.getByRole('button', { name: 'Revoke key' }).click();
    await keyRow.getByRole('button', { name: 'Revoke' }).waitFor({ state: 'detached' });
    await expect(keyRow.getAttribute('class')).resolves.toContain('revoked');
    expect((await graphql(consoleUrl, '{ me { label } }', {}, secret)).status).toBe(401);

    // Audit log: every change above, by this admin, newest first.
    await page.getByRole('link', { name: 'Audit log' }).click();
    const log = page.getByRole('table', { name: 'Audit log' });
    await log.locator('tr', { hasText: 'revokeApiKey' }).waitFor();
    const operations = await log.locator('tbody tr td:nth-child(3)').allTextContents();
    expect(operations).toEqual(['revokeApiKey', 'createApiKey', 'updateUser', 'updateUser', 'createUser', 'login']);
    for (const row of await log.locator('tbody tr').all()) {
      await expect(row.textContent()).resolves.toMatch(new RegExp(`${tenant.emails.admin}.*success`));
    }
    await page.screenshot({ path: `${artifacts}/console-admin.png`, fullPage: true });

    await page.getByLabel('Operation').selectOption('createApiKey');
    await log.locator('tbody tr', { hasText: 'revokeApiKey' }).waitFor({ state: 'detached' });
    await expect(log.locator('tbody tr td:nth-child(3)').allTextContents()).resolves.toEqual(['createApiKey']);
    await context.close();
  });

  it('pages back through the audit log with Load more and filters it by outcome', async () => {
    const tenant = await createTenant(orm, 'Audit');
    // 55 attempts the viewer's role may not make: each one is recorded as denied.
    const { accessToken } = await login(consoleUrl, tenant.emails.viewer);
    for (let i = 0; i < 55; i++) {
      const denied = await graphql(
        consoleUrl,
        'mutation { createApiKey(input: { name: "nope", role: ADMIN }) { __typename } }',
        {},
        accessToken,
      );
      expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    const page = await browser.newPage({ viewport: VIEWPORT });
    await signIn(page, tenant.emails.admin);
    await page.getByRole('link', { name: 'Audit log' }).click();
    const rows = page.getByRole('table', { name: 'Audit log' }).locator('tbody tr');
    await rows.nth(49).waitFor();
    expect(await rows.count()).toBe(50);
    await page.getByRole('button', { name: 'Load more' }).click();
    await rows.nth(56).waitFor();
    expect(await rows.count()).toBe(57); // 55 denied + the viewer's and the admin's sign-in
    await page.getByRole('button', { name: 'Load more' }).waitFor({ state: 'detached' });

    await page.getByLabel('Outcome').selectOption('DENIED');
    await rows.filter({ hasText: 'login' }).first().waitFor({ state: 'detached' });
    expect(await rows.count()).toBe(50);
    await page.getByRole('button', { name: 'Load more' }).click();
    await rows.nth(54).waitFor();
    expect(await rows.count()).toBe(55);
    for (const text of await rows.allTextContents()) expect(text).toMatch(/createApiKey.*denied.*FORBIDDEN/);
    await page.close();
  });

  it('resets a forgotten password from the mailed link, after which only the new password signs in', async () => {
    const tenant = await createTenant(orm, 'Reset');
    const email = tenant.emails.agent;
    const newPassword = 'a brand new passphrase';
    const page = await browser.newPage({ viewport: VIEWPORT });
    await page.goto(`${consoleUrl}/login`);
    await page.getByRole('link', { name: 'Forgot password?' }).click();
    await page.getByLabel('Email').fill(email);
    await page.getByRole('button', { name: 'Send reset link' }).click();
    await page.getByRole('status').filter({ hasText: email }).waitFor();

    const link = /\/reset-password\?token=([\w-]+)/.exec((await mail.waitForMail(email)).text);
    expect(link).not.toBeNull();
    const resetUrl = `${consoleUrl}/reset-password?token=${link![1]}`;
    await page.goto(resetUrl);
    // The rule comes from the API's password policy, before anyone is signed in.
    await page.getByText('Use at least 12 characters').waitFor();
    const setPassword = async (password: string, confirmation = password) => {
      await page.getByLabel('New password', { exact: true }).fill(password);
      await page.getByLabel('Confirm new password').fill(confirmation);
      await page.getByRole('button', { name: 'Set password' }).click();
    };
    await setPassword('too short', 'too short');
    await page.getByRole('alert').filter({ hasText: 'at least 12 characters' }).waitFor();
    await setPassword(newPassword, `${newPassword}!`);
    await page.getByRole('alert').filter({ hasText: 'do not match' }).waitFor();
    await setPassword(newPassword);
    await page.getByRole('status').filter({ hasText: 'password has been changed' }).waitFor();

    await page.getByRole('link', { name: 'Sign in with the new password' }).click();
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'The email or password is not correct.' }).waitFor();
    await signIn(page, email, newPassword);
    await expect(page.getByTestId('signed-in-as').textContent()).resolves.toContain('Reset agent');

    // The link worked once.
    await page.goto(resetUrl);
    await setPassword('yet another passphrase');
    await page.getByRole('alert').filter({ hasText: 'not valid' }).waitFor();
    await page.close();
  });

  it('signs out to /login and ends the session: reloading stays signed out and the old tokens are refused', async () => {
    const tenant = await createTenant(orm, 'Logout');
    const page = await browser.newPage({ viewport: VIEWPORT });
    // Queries go out as GET /graphql?query=…
    const meRequest = page.waitForRequest((r) => r.url().includes('/graphql?') && r.url().includes('ConsoleMe'));
    await signIn(page, tenant.emails.supervisor);
    const accessToken = (await (await meRequest).allHeaders()).authorization!.replace('Bearer ', '');
    const refreshToken = (await page.evaluate('localStorage.getItem("callplatform.refreshToken")')) as string;
    expect(refreshToken).toBeTruthy();

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${consoleUrl}/login`);
    await page.getByRole('status').filter({ hasText: 'You have signed out.' }).waitFor();
    await expect(page.evaluate('localStorage.getItem("callplatform.refreshToken")')).resolves.toBeNull();

    await page.reload();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    expect(page.url()).toBe(`${consoleUrl}/login`);
    await page.goto(`${consoleUrl}/calls`);
    await page.waitForURL(`${consoleUrl}/login?next=%2Fcalls`);

    expect((await graphql(consoleUrl, '{ me { id } }', {}, accessToken)).status).toBe(401);
    const refreshed = await graphql(consoleUrl, REFRESH, { refreshToken });
    expect(refreshed.data?.refreshSession.__typename).toBe('InvalidTokenError');
    await page.close();
  });

  it('explains wrong credentials and malformed addresses at sign-in, then returns to the page asked for', async () => {
    const tenant = await createTenant(orm, 'Signin');
    const page = await browser.newPage({ viewport: VIEWPORT });
    await page.goto(`${consoleUrl}/users`);
    await page.waitForURL(`${consoleUrl}/login?next=%2Fusers`);

    await page.getByLabel('Email').fill(tenant.emails.admin);
    await page.getByLabel('Password').fill('not the password at all');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'The email or password is not correct.' }).waitFor();

    await page.getByLabel('Email').fill('someone@localhost');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'Enter a valid email address.' }).waitFor();

    await signIn(page, tenant.emails.admin);
    await page.waitForURL(`${consoleUrl}/users`);
    await page.getByRole('heading', { name: 'Users' }).waitFor();
    await page.close();
  });

  it('lists earlier calls on a fresh load and explains a malformed number instead of starting a call', async () => {
    const tenant = await createTenant(orm, 'Numbers');
    await startCallViaApi(tenant, '+14155550188');
    const page = await browser.newPage({ viewport: VIEWPORT });
    await signIn(page, tenant.emails.supervisor);
    await page.getByRole('link', { name: 'Live calls' }).click();
    await page
      .locator('tr', { hasText: '+14155550188' })
      .filter({ hasText: tenant.businessName })
      .getByTestId('call-status')
      .filter({ hasText: 'completed' })
      .waitFor({ timeout: 20_000 });
    await page.getByLabel('Business').selectOption({ label: tenant.businessName });
    await page.getByLabel('Number to call').fill('555-0199');
    await page.getByRole('button', { name: 'Start call' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('E.164');
    await page.close();
  });
});
