import { randomInt, randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { BusinessConfig } from '../../db/entities/index.ts';
import { qualitySettingsOf } from '../../quality/settings.ts';
import { launchBrowser } from '../support/browser.ts';
import { signInLive } from '../support/console-page.ts';
import { testConfig, testEnv } from '../support/env.ts';
import { startGateway, type TestGateway } from '../support/gateway.ts';
import { createTenant, type Tenant } from '../support/tenants.ts';

/**
 * The businesses pages in headless Chromium: a supervisor creates a business, changes its settings
 * with the prompt previewed as they type, sees field errors, keeps the instructions' history, sets
 * its quality rules and archives it; a viewer reads but cannot change.
 */
const artifacts = fileURLToPath(new URL('../artifacts', import.meta.url));
let gateway: TestGateway;
let tenant: Tenant;
let browser: Browser;
let page: Page;
const name = `Bikes ${randomUUID().slice(0, 6)}`;
const number = `+1 415 555 ${String(randomInt(0, 10_000)).padStart(4, '0')}`;

beforeAll(async () => {
  gateway = await startGateway(testConfig(testEnv()));
  tenant = await createTenant(gateway.orm, 'Console businesses');
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  await signInLive(page, gateway.url, tenant.emails.supervisor);
});
afterAll(async () => {
  await browser?.close();
  await gateway?.stop();
});

describe('the businesses pages', () => {
  it('create a business and change it with the prompt previewed live', async () => {
    await page.goto(`${gateway.url}/businesses`);
    const form = page.getByRole('form', { name: 'New business' });
    await form.getByLabel('New business').fill(name);
    await form.getByRole('button', { name: 'Create business' }).click();
    await page.getByTestId('business-name').filter({ hasText: name }).waitFor();

    const settings = page.getByRole('form', { name: 'Business settings' });
    await settings
      .getByRole('textbox', { name: /^Instructions/ })
      .fill('You fix bicycles for {{business_name}}. It is {{local_time}}.');
    const preview = page.getByTestId('prompt-preview');
    await preview.filter({ hasText: new RegExp(`^You fix bicycles for ${name}\\. It is \\d\\d:\\d\\d\\.`) }).waitFor();
    await settings.getByRole('textbox', { name: /^Instructions/ }).fill('Hello {{nobody}}');
    await page.getByTestId('prompt-problem').filter({ hasText: '{{nobody}}' }).waitFor();

    await settings.getByRole('textbox', { name: /^Instructions/ }).fill('You fix bicycles for {{business_name}}.');
    await settings.getByLabel('Phone numbers').fill('+1 415 555');
    await settings.locator('select[name="voice"]').selectOption('marin');
    await settings.getByRole('button', { name: 'Save changes' }).click();
    await settings.locator('.field-error').filter({ hasText: '1: is too short for its country' }).waitFor();

    await settings.getByLabel('Phone numbers').fill(number);
    await settings.getByLabel('Handoff number').fill('+1 415 555 0199');
    await settings.getByLabel('Outbound calls at any time').uncheck();
    await settings.getByLabel('From').fill('09:00');
    await settings.getByLabel('Until').fill('17:00');
    await settings.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('status').filter({ hasText: 'instructions version 2' }).waitFor();
    await preview.filter({ hasText: `You fix bicycles for ${name}.` }).waitFor({ timeout: 5_000 });
    await page.getByTestId('instructions-version').nth(1).waitFor();
    await expect(page.getByTestId('instructions-version').first().textContent()).resolves.toContain(
      tenant.emails.supervisor,
    );
    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: `${artifacts}/console-business.png`, fullPage: true });

    const saved = await gateway.orm.em
      .fork()
      .findOneOrFail(BusinessConfig, { name, organization: tenant.organizationId });
    expect(saved).toMatchObject({
      phoneNumbers: [`+1${number.replace(/\D/g, '').slice(1)}`],
      voice: 'marin',
      handoffNumber: '+14155550199',
      instructionsVersion: 2,
      systemPrompt: 'You fix bicycles for {{business_name}}.',
    });
    expect(qualitySettingsOf(saved).callingHours).toMatchObject({ start: '09:00', end: '17:00', timeZone: 'UTC' });
  });

  it('sets the quality rules on their page and archives the business', async () => {
    await page.getByRole('link', { name: 'Quality and escalation rules' }).click();
    const rules = page.getByRole('form', { name: 'Quality rules' });
    await rules.getByLabel('Phrases the agent must never say, one per line').fill('no refunds ever');
    await rules
      .getByLabel('Required disclosures, one per line: phrase | within seconds')
      .fill('this call is recorded | 20');
    await rules.getByRole('button', { name: 'Save rules' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    const business = await gateway.orm.em
      .fork()
      .findOneOrFail(BusinessConfig, { name, organization: tenant.organizationId });
    expect(qualitySettingsOf(business)).toMatchObject({
      prohibitedPhrases: ['no refunds ever'],
      disclosures: [{ phrase: 'this call is recorded', withinSeconds: 20 }],
    });

    await page.goto(`${gateway.url}/businesses/${business.id}`);
    await page.getByRole('button', { name: 'Archive business' }).click();
    await page.getByRole('button', { name: 'Restore business' }).waitFor();
    await page.goto(`${gateway.url}/businesses`);
    await page.getByTestId('business-row').first().waitFor();
    expect(await page.getByRole('link', { name }).count()).toBe(0);
    await page.getByLabel('Show archived businesses').check();
    await page.getByRole('link', { name }).waitFor();
  });

  it('shows an admin what each change did in the audit log', async () => {
    const admin = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    await signInLive(admin, gateway.url, tenant.emails.admin);
    await admin.goto(`${gateway.url}/audit-log`);
    const row = admin.locator('tr', { hasText: 'updateBusiness' }).first();
    await row.getByText(/\d+ changed/).click();
    await row.getByText('voice: "alloy" → "marin"').waitFor();
    await row.getByText('instructionsVersion: 1 → 2').waitFor();
    await admin.close();
  });

  it('shows a viewer the settings without letting them change anything', async () => {
    const viewer = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    await signInLive(viewer, gateway.url, tenant.emails.viewer);
    await viewer.goto(`${gateway.url}/businesses/${tenant.businessId}`);
    await viewer.getByTestId('business-name').waitFor();
    expect(await viewer.getByRole('button', { name: 'Save changes' }).count()).toBe(0);
    expect(await viewer.getByRole('textbox', { name: /^Instructions/ }).isDisabled()).toBe(true);
    expect(await viewer.getByRole('form', { name: 'New business' }).count()).toBe(0);
    await viewer.close();
  });
});
