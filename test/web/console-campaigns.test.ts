import { randomInt } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../support/browser.ts';
import { type CallStack, startCallStack } from '../support/call-stack.ts';
import { signInLive } from '../support/console-page.ts';
import { until } from '../support/wait.ts';

/**
 * The console's campaign pages against the whole platform and headless Chromium: a campaign made
 * step by step from an uploaded CSV file (its bad row reported by line), started, and followed live
 * to its end; the do-not-call list searched, added to, edited and cleared by hand.
 */
const artifacts = fileURLToPath(new URL('../artifacts', import.meta.url));
const VIEWPORT = { width: 1400, height: 1600 };

let stack: CallStack;
let browser: Browser;

beforeAll(async () => {
  stack = await startCallStack('Console campaigns');
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

async function signedInSupervisor(): Promise<Page> {
  const page = await browser.newPage({ viewport: VIEWPORT });
  await signInLive(page, stack.gateway.url, stack.tenant.emails.supervisor);
  return page;
}

/** A callee of this run's own whom the telephony simulator answers at once and who soon asks not to be called. */
const quickCallee = () => `+1555011${String(randomInt(0, 10_000)).padStart(4, '0')}`;

describe('console: campaigns', () => {
  it('creates a campaign from an uploaded CSV, reports the bad row by its line, starts, pauses and resumes it and follows it live to the end', async () => {
    const callees = [quickCallee(), quickCallee(), quickCallee()];
    const csv = [
      'Phone,Name,Plan',
      `${callees[0]},Ann Ames,gold`,
      `${callees[1]},Bo Burns,silver`,
      '12,Too Short,gold',
      `${callees[2]},Cy Cole,bronze`,
    ].join('\n');
    const page = await signedInSupervisor();
    await page.goto(`${stack.gateway.url}/campaigns`);
    await page.getByRole('link', { name: 'New campaign' }).click();

    const settings = page.getByRole('form', { name: 'Campaign settings' });
    await settings.getByLabel('Business', { exact: true }).selectOption(stack.tenant.businessId);
    await settings.getByLabel('Name', { exact: true }).fill('Renewals from the console');
    await settings.getByLabel('From').fill('18:00');
    await settings.getByLabel('Until').fill('09:00');
    await settings.getByRole('button', { name: 'Save and add contacts' }).click();
    // The server's field error is shown beside the field it is about.
    await settings.locator('label', { hasText: 'Until' }).locator('.field-error').waitFor();

    // One call every 5 s: the campaign is still dialling when the test pauses it.
    await settings.getByLabel('Calls per minute').fill('12');
    await settings.getByLabel('From').fill('00:00');
    await settings.getByLabel('Until').fill('24:00');
    for (const day of ['Sat', 'Sun']) await settings.getByRole('button', { name: day }).click();
    await settings.getByLabel('Max attempts').fill('1');
    await settings.getByRole('button', { name: 'Save and add contacts' }).click();

    const contacts = page.getByRole('region', { name: 'Contacts' });
    await contacts
      .getByLabel(/CSV file/)
      .setInputFiles({ name: 'renewals.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    // The preview suggests the columns and shows the bad row's problem before anything is imported.
    const preview = contacts.getByRole('table', { name: 'CSV preview' });
    await preview.locator('tr[data-line="4"]').waitFor();
    expect(await contacts.getByLabel('Phone number column').inputValue()).toBe('Phone');
    expect(await contacts.getByLabel('Name column').inputValue()).toBe('Name');
    expect(await contacts.getByRole('checkbox', { name: 'Plan' }).isChecked()).toBe(true);
    expect(await preview.locator('tr[data-line="4"]').getByTestId('row-problems').textContent()).toMatch(
      /^phoneNumber/,
    );
    expect(await preview.locator('tr[data-line="2"]').getByTestId('row-problems').textContent()).toBe('');
    // A column chosen by hand is previewed at once: names are no phone numbers.
    const problemsOfLine2 = preview.locator('tr[data-line="2"]').getByTestId('row-problems');
    await contacts.getByLabel('Phone number column').selectOption('Name');
    await problemsOfLine2.filter({ hasText: 'phoneNumber' }).waitFor();
    await contacts.getByLabel('Phone number column').selectOption('Phone');
    await until(async () => (await problemsOfLine2.textContent()) === '', 10_000, 'line 2 to be good again');

    await contacts.getByRole('button', { name: 'Import contacts' }).click();
    await contacts.getByTestId('import-result').waitFor();
    expect(await contacts.getByTestId('import-added').textContent()).toBe('3');
    expect(await contacts.getByTestId('import-failed').textContent()).toBe('1');
    const refused = contacts.getByRole('table', { name: 'Refused rows' }).getByTestId('import-error');
    expect(await refused.count()).toBe(1);
    expect(await refused.locator('td').first().textContent()).toBe('4');

    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: `${artifacts}/console-campaigns-import.png`, fullPage: true });

    await page.getByRole('button', { name: 'Review' }).click();
    const review = page.getByRole('region', { name: 'Review' });
    expect(await review.getByTestId('review-contacts').textContent()).toBe('3');
    await review.getByRole('button', { name: 'Start campaign' }).click();
    await page.waitForURL(/\/campaigns\/[0-9a-f-]{36}$/);

    // The page is never reloaded from here: what changes arrives over the live connection.
    const seen: { status: string; done: number; rate: number; eta: boolean }[] = [];
    const status = page.getByRole('heading', { level: 1 }).getByTestId('campaign-status');
    const controls = page.getByRole('group', { name: 'Campaign controls' });
    await controls.getByRole('button', { name: 'Pause' }).click();
    await status.filter({ hasText: 'paused' }).waitFor();
    // Cancelling asks first whether to end the calls in progress; keeping it changes nothing.
    await controls.getByRole('button', { name: 'Cancel campaign' }).click();
    const cancelling = page.getByRole('dialog', { name: 'Cancel the campaign' });
    expect(await cancelling.getByRole('checkbox', { name: /End the calls in progress/ }).isChecked()).toBe(false);
    await cancelling.getByRole('button', { name: 'Keep it' }).click();
    await controls.getByRole('button', { name: 'Resume' }).click();
    await status.filter({ hasText: 'running' }).waitFor();
    const read = (testId: string) =>
      page
        .getByTestId(testId)
        .first()
        .textContent({ timeout: 1_000 })
        .catch(() => null);
    await until(
      async () => {
        const now = (await status.textContent()) ?? '';
        const [done, rate] = [await read('campaign-done'), await read('campaign-rate')];
        const eta = (await page.getByTestId('campaign-eta').count()) > 0;
        seen.push({ status: now, done: Number(done ?? 0), rate: Number(rate ?? 0), eta });
        return now === 'completed';
      },
      100_000,
      'the campaign to complete',
    );
    const running = seen.filter((s) => s.status === 'running');
    expect(running.some((s) => s.done < 3)).toBe(true);
    expect(running.some((s) => s.rate > 0 && s.eta)).toBe(true);
    const progress = page.getByRole('progressbar', { name: 'Progress of Renewals from the console' });
    // The status may arrive a moment before the last contact's outcome.
    await page.locator('[role="progressbar"][aria-valuenow="100"]').waitFor();
    expect(await progress.getAttribute('aria-valuenow')).toBe('100');
    expect(await page.getByTestId('campaign-done').first().textContent()).toBe('3');
    expect(await page.getByTestId('campaign-eta').count()).toBe(0);
    expect(await page.getByTestId('outcome-completed').getByTestId('outcome-count').textContent()).toBe('3');
    expect(await page.getByTestId('outcome-pending').getByTestId('outcome-count').textContent()).toBe('0');

    const table = page.getByRole('table', { name: 'Campaign contacts' });
    for (const callee of callees) {
      const row = table.locator(`tr[data-phone="${callee}"]`);
      await row.getByTestId('contact-status').filter({ hasText: 'completed' }).waitFor();
      // Each callee asked not to be called again.
      expect(await row.getByTestId('contact-outcome').textContent()).toBe('do not call');
      expect(await row.getByTestId('contact-call').getAttribute('href')).toMatch(/^\/calls\/[0-9a-f-]{36}$/);
    }
    await page.screenshot({ path: `${artifacts}/console-campaigns.png`, fullPage: true });

    await page.getByRole('link', { name: '← Campaigns' }).click();
    const listed = page
      .getByRole('table', { name: 'Campaigns' })
      .locator('tr', { hasText: 'Renewals from the console' });
    expect(await listed.getByTestId('campaign-status').textContent()).toBe('completed');
    await page.close();
  }, 180_000);

  it('adds a number to the do-not-call list, finds it, edits its reason and removes it', async () => {
    const number = `+1415555${String(randomInt(0, 10_000)).padStart(4, '0')}`;
    const page = await signedInSupervisor();
    await page.goto(`${stack.gateway.url}/campaigns`);
    await page.getByRole('link', { name: 'Do not call' }).click();
    const form = page.getByRole('form', { name: 'Add a number' });
    await form.getByLabel('Number').fill('12');
    await form.getByRole('button', { name: 'Add number' }).click();
    await form.locator('label', { hasText: 'Number' }).locator('.field-error').waitFor();

    await form.getByLabel('Number').fill(number);
    await form.getByLabel('Reason').fill('asked by letter');
    await form.getByRole('button', { name: 'Add number' }).click();
    await page.getByLabel('Search').fill(number.slice(-7));
    const table = page.getByRole('table', { name: 'Do-not-call list' });
    const row = table.locator(`tr[data-phone="${number}"]`);
    await row.getByTestId('dnc-reason').filter({ hasText: 'asked by letter' }).waitFor();
    // The search runs once typing pauses: then the number is the only row.
    await until(async () => (await table.locator('tbody tr').count()) === 1, 10_000, 'the search to leave one row');

    await row.getByRole('button', { name: 'Edit reason' }).click();
    await row.getByRole('textbox', { name: 'Reason' }).fill('asked by email');
    await row.getByRole('button', { name: 'Save' }).click();
    await row.getByTestId('dnc-reason').filter({ hasText: 'asked by email' }).waitFor();

    await row.getByRole('button', { name: 'Remove' }).click();
    await table.getByText('No number matches.').waitFor();
    await page.close();
  }, 60_000);
});
