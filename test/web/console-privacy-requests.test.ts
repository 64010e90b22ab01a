import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { Call, Campaign, CampaignContact, TranscriptLine } from '../../db/entities/index.ts';
import { type Orm, openOrm } from '../../db/orm.ts';
import { launchBrowser } from '../support/browser.ts';
import { signInLive } from '../support/console-page.ts';
import { TEST_DATABASE_URL, testEnv } from '../support/env.ts';
import { type RunningProcess, startProcess } from '../support/processes.ts';
import { createTenant, uniqueNumber } from '../support/tenants.ts';

/** The console's Privacy requests page: an admin exports a caller's data, then erases it and reads the receipt. */
const artifacts = fileURLToPath(new URL('../artifacts', import.meta.url));
const env = testEnv();
let orm: Orm;
let gateway: RunningProcess;
let worker: RunningProcess;
let consoleUrl: string;
let browser: Browser;

beforeAll(async () => {
  orm = await openOrm(TEST_DATABASE_URL, 2);
  gateway = startProcess('gateway/server.ts', env);
  consoleUrl = String((await gateway.waitForLog('gateway listening')).url);
  worker = startProcess('worker.ts', { ...env, PUBLIC_URL: consoleUrl });
  await worker.waitForLog('worker started');
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await gateway?.stop();
  await worker?.stop();
  await orm?.close();
});

describe('console privacy requests', () => {
  it('lets an admin export a caller’s data by number or email, download the archives, erase them by number and by email and read the receipts', async () => {
    const tenant = await createTenant(orm, 'Privacy Requests');
    const caller = uniqueNumber();
    const em = orm.em.fork();
    const call = em.create(Call, {
      id: randomUUID(),
      organization: tenant.organizationId,
      business: tenant.businessId,
      direction: 'inbound',
      status: 'completed',
      fromNumber: caller,
      toNumber: '+15005550006',
      workflowId: 'seeded',
    });
    em.create(TranscriptLine, { call, sequence: 1, speaker: 'customer', text: 'Please move my delivery to Friday.' });
    // A business that does not redact emails keeps them in the text: a request by email finds the call.
    const email = `${randomUUID().slice(0, 8)}@example.com`;
    const campaign = em.create(Campaign, {
      organization: tenant.organizationId,
      business: tenant.businessId,
      name: 'Winback',
    });
    const contact = em.create(CampaignContact, {
      campaign,
      organization: tenant.organizationId,
      phoneNumber: uniqueNumber(),
      variables: { email },
    });
    const byEmail = em.create(Call, {
      campaign,
      campaignContact: contact,
      id: randomUUID(),
      organization: tenant.organizationId,
      business: tenant.businessId,
      direction: 'inbound',
      status: 'completed',
      fromNumber: uniqueNumber(),
      toNumber: '+15005550006',
      workflowId: 'seeded',
    });
    em.create(TranscriptLine, {
      call: byEmail,
      sequence: 1,
      speaker: 'customer',
      text: `Write to ${email.toUpperCase()}`,
    });
    await em.flush();

    const page = await browser.newPage({ viewport: { width: 1024, height: 800 } });
    await signInLive(page, consoleUrl, tenant.emails.admin);
    await page.getByRole('link', { name: 'Privacy requests' }).click();
    const form = page.getByRole('form', { name: 'Start a privacy request' });
    await form.getByLabel('Phone number or email').fill(caller);
    await form.getByRole('button', { name: 'Start export' }).click();
    const download = page.getByRole('row').filter({ hasText: '••••' }).getByRole('link', { name: 'Download archive' });
    await download.waitFor({ timeout: 30_000 });
    const archive = await (await fetch(new URL((await download.getAttribute('href')) as string, consoleUrl))).json();
    expect(archive.calls[0].transcript).toBe('customer: Please move my delivery to Friday.');

    await form.getByLabel('Phone number or email').fill(email);
    await form.getByRole('button', { name: 'Start export' }).click();
    const emailRow = page
      .getByRole('row')
      .filter({ hasText: 'Export' })
      .filter({ hasText: `${email[0]}•••@e•••` });
    const emailDownload = emailRow.getByRole('link', { name: 'Download archive' });
    await emailDownload.waitFor({ timeout: 30_000 });
    const emailArchive = await (
      await fetch(new URL((await emailDownload.getAttribute('href')) as string, consoleUrl))
    ).json();
    expect(emailArchive.calls.map((c: { id: string }) => c.id)).toEqual([byEmail.id]);

    await form.getByLabel('Request').selectOption('erasure');
    await form.getByLabel('Phone number or email').fill(caller);
    await form.getByLabel('Add the number to the do-not-call list').check();
    await form.getByRole('button', { name: 'Erase' }).click();
    await form.getByRole('button', { name: 'Erase for good' }).click();
    const receipt = page.getByRole('region', { name: 'Erasure receipt' });
    await receipt.getByText('The number is on the do-not-call list.').waitFor({ timeout: 30_000 });
    const removed = receipt.getByRole('table', { name: 'What was removed' });
    await expect(removed.getByRole('row', { name: 'Calls anonymised 1' }).count()).resolves.toBe(1);
    await expect(removed.getByRole('row', { name: 'Transcript lines deleted 1' }).count()).resolves.toBe(1);
    await expect(download.count()).resolves.toBe(0);
    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: `${artifacts}/console-privacy-requests.png`, fullPage: true });

    const erased = await orm.em.fork().findOneOrFail(Call, call.id);
    expect(erased.fromNumber).toBe('erased');
    expect(await orm.em.fork().count(TranscriptLine, { call: call.id })).toBe(0);

    // By email: the call it was said on and the contact it was stored with, erased once each.
    await form.getByLabel('Phone number or email').fill(email);
    await form.getByLabel('Add the number to the do-not-call list').uncheck();
    await form.getByRole('button', { name: 'Erase' }).click();
    await form.getByRole('button', { name: 'Erase for good' }).click();
    const emailReceipt = page
      .getByRole('region', { name: 'Erasure receipt' })
      .filter({ hasText: `${email[0]}•••@e•••` });
    await emailReceipt.getByText('The do-not-call list is unchanged.').waitFor({ timeout: 30_000 });
    const emailRemoved = emailReceipt.getByRole('table', { name: 'What was removed' });
    await expect(emailRemoved.getByRole('row', { name: 'Calls anonymised 1' }).count()).resolves.toBe(1);
    await expect(emailRemoved.getByRole('row', { name: 'Campaign contacts anonymised 1' }).count()).resolves.toBe(1);
    expect((await orm.em.fork().findOneOrFail(CampaignContact, contact.id)).variables).toEqual({});
  }, 120_000);
});
