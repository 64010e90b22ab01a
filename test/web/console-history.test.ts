import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { appendTranscript, recordCall } from '../../db/calls.ts';
import { BusinessConfig, Call } from '../../db/entities/index.ts';
import type { Orm } from '../../db/orm.ts';
import type { CallStatus } from '../../workflows/definitions/call.ts';
import { launchBrowser } from '../support/browser.ts';
import { testConfig, testEnv } from '../support/env.ts';
import { startGateway, type TestGateway } from '../support/gateway.ts';
import { graphql } from '../support/graphql.ts';
import { createTenant, login, type Tenant, uniqueNumber } from '../support/tenants.ts';
import { until } from '../support/wait.ts';
import { artifacts, newSignedInPage } from './support/calls-console.ts';

/**
 * The console's call history: calls already recorded (written to Postgres as the platform records
 * them) listed, filtered, sorted and paged, and a past call's notes; the real gateway serving the
 * console and the API, and headless Chromium. No call is placed, so no worker, bridge or simulator runs.
 */
let gateway: TestGateway;
let consoleUrl: string;
let browser: Browser;
let orm: Orm;
let tenant: Tenant;

beforeAll(async () => {
  gateway = await startGateway(testConfig(testEnv()));
  ({ orm, url: consoleUrl } = gateway);
  tenant = await createTenant(orm, 'Console calls');
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await gateway?.stop();
});

const signedInPage = (email: string) => newSignedInPage(browser, consoleUrl, email);

interface SeededCall {
  status: CallStatus;
  createdAt: Date;
  direction?: 'inbound' | 'outbound';
  number?: string;
  durationSeconds?: number | null;
  businessId?: string;
  said?: string[];
}

/** A finished call of `owner`'s, written as the platform records one (with what was said, if anything). */
async function seedCall(owner: Tenant, call: SeededCall): Promise<string> {
  const id = randomUUID();
  const direction = call.direction ?? 'outbound';
  const number = call.number ?? '+14155550100';
  await recordCall(orm.em.fork(), {
    id,
    organizationId: owner.organizationId,
    businessId: call.businessId ?? owner.businessId,
    direction,
    fromNumber: direction === 'outbound' ? owner.businessNumber : number,
    toNumber: direction === 'outbound' ? number : owner.businessNumber,
  });
  const answered = call.durationSeconds !== undefined && call.durationSeconds !== null;
  await orm.em.fork().nativeUpdate(Call, id, {
    status: call.status,
    createdAt: call.createdAt,
    statusChangedAt: call.createdAt,
    answeredAt: answered ? call.createdAt : null,
    endedAt: call.createdAt,
    durationSeconds: call.durationSeconds ?? null,
  });
  await appendTranscript(
    orm.em.fork(),
    (call.said ?? []).map((text, sequence) => ({
      callId: id,
      sequence,
      speaker: 'customer' as const,
      text,
      startMs: sequence * 3_000,
      endMs: sequence * 3_000 + 2_000,
    })),
  );
  return id;
}

/** yyyy-mm-dd of an instant in this machine's time zone (the browser's too). */
const localDate = (date: Date) =>
  `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;

describe('the calls console', () => {
  it('filters, sorts and pages the call history, keeping the view in the address', async () => {
    const owner = await createTenant(orm, 'History');
    const em = orm.em.fork();
    const other = em.create(BusinessConfig, {
      organization: owner.organizationId,
      name: `Other line ${randomUUID().slice(0, 8)}`,
      phoneNumbers: [uniqueNumber()],
      systemPrompt: 'You are another test assistant.',
    });
    await em.flush();
    const now = Date.now();
    const minutesAgo = (m: number) => new Date(now - m * 60_000);
    const recent: string[] = [];
    for (let i = 1; i <= 26; i++) {
      recent.push(await seedCall(owner, { status: 'completed', createdAt: minutesAgo(i), durationSeconds: i }));
    }
    const inbound = await seedCall(owner, {
      status: 'failed',
      direction: 'inbound',
      number: '+14155550177',
      createdAt: minutesAgo(3 * 24 * 60),
    });
    const busyAt = minutesAgo(10 * 24 * 60);
    const busy = await seedCall(owner, { status: 'busy', number: '+14155550188', createdAt: busyAt });
    const blender = await seedCall(owner, {
      status: 'completed',
      number: '+14155550199',
      createdAt: minutesAgo(2 * 24 * 60),
      durationSeconds: 95,
      said: ['Hello.', 'My blender arrived broken and I want a refund.'],
    });
    const elsewhere = await seedCall(owner, {
      status: 'completed',
      createdAt: minutesAgo(30),
      durationSeconds: 40,
      businessId: other.id,
    });

    const page = await signedInPage(owner.emails.viewer);
    await page.getByRole('link', { name: 'Live calls' }).click();
    const table = page.getByRole('table', { name: 'Calls' });
    const rows = table.locator('tbody tr[data-call-id]');
    const total = page.getByTestId('calls-total');
    const filters = page.getByRole('form', { name: 'Filter calls' });
    const shows = async (text: string, ids: string[]) => {
      await total.filter({ hasText: new RegExp(`^${text}$`) }).waitFor();
      await until(
        async () =>
          JSON.stringify(await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-call-id')))) ===
          JSON.stringify(ids),
        5_000,
        `the list to show ${ids.join(', ')}`,
      );
    };

    // All 30, newest first: a page of 25, then the rest.
    await total.filter({ hasText: '30 calls' }).waitFor();
    expect(await rows.count()).toBe(25);
    await page.getByRole('button', { name: 'Load more' }).click();
    await rows.nth(29).waitFor();
    await page.getByRole('button', { name: 'Load more' }).waitFor({ state: 'detached' });
    await expect(rows.nth(29).getAttribute('data-call-id')).resolves.toBe(busy);
    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: `${artifacts}/console-call-history.png`, fullPage: true });

    await filters.getByLabel('busy').check();
    await shows('1 call', [busy]);
    expect(new URL(page.url()).searchParams.get('status')).toBe('BUSY');
    await filters.getByLabel('failed').check();
    await shows('2 calls', [inbound, busy]);
    await filters.getByRole('button', { name: 'Clear filters' }).click();
    await total.filter({ hasText: '30 calls' }).waitFor();

    await filters.getByLabel('Direction').selectOption('INBOUND');
    await shows('1 call', [inbound]);
    await filters.getByLabel('Direction').selectOption('');
    await filters.getByLabel('Company').selectOption({ label: other.name });
    await shows('1 call', [elsewhere]);
    await filters.getByLabel('Company').selectOption('');

    await filters.getByLabel('Created from').fill(localDate(busyAt));
    await filters.getByLabel('Created to').fill(localDate(busyAt));
    await shows('1 call', [busy]);
    await filters.getByRole('button', { name: 'Clear filters' }).click();

    await filters.getByLabel('Phone number').fill('+14155550188');
    await filters.getByRole('button', { name: 'Search' }).click();
    await shows('1 call', [busy]);
    await filters.getByLabel('Phone number').fill('555-0188');
    await filters.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('alert').filter({ hasText: 'E.164' }).waitFor();
    await filters.getByLabel('Phone number').fill('');
    await filters.getByLabel('Said in the call').fill('blender refund');
    await filters.getByRole('button', { name: 'Search' }).click();
    await shows('1 call', [blender]);

    // Sorting: longest talk time first, then oldest first.
    await filters.getByRole('button', { name: 'Clear filters' }).click();
    await filters.getByLabel('Sort').selectOption({ label: 'Longest first' });
    await total.filter({ hasText: '30 calls' }).waitFor();
    await until(
      async () => (await rows.first().getAttribute('data-call-id')) === blender,
      5_000,
      'the longest call first',
    );
    await expect(rows.nth(1).getAttribute('data-call-id')).resolves.toBe(elsewhere);
    await expect(rows.nth(2).getByTestId('call-duration').textContent()).resolves.toBe('0:26');
    await filters.getByLabel('Sort').selectOption({ label: 'Oldest first' });
    await until(async () => (await rows.first().getAttribute('data-call-id')) === busy, 5_000, 'the oldest call first');
    await expect(rows.nth(1).getAttribute('data-call-id')).resolves.toBe(inbound);
    await page.getByRole('button', { name: 'Load more' }).click();
    await rows.nth(29).waitFor();
    await expect(rows.nth(29).getAttribute('data-call-id')).resolves.toBe(recent[0]);

    // A filtered, sorted view is a link: opened anew, it shows the same.
    await filters.getByLabel('failed').check();
    await filters.getByLabel('completed').check();
    await filters.getByLabel('Said in the call').fill('refund');
    await filters.getByRole('button', { name: 'Search' }).click();
    await shows('1 call', [blender]);
    const shared = page.url();
    expect(new URL(shared).searchParams.get('q')).toBe('refund');
    const again = await signedInPage(owner.emails.viewer);
    await again.goto(shared);
    await again
      .getByTestId('calls-total')
      .filter({ hasText: /^1 call$/ })
      .waitFor();
    await expect(again.getByLabel('Said in the call').inputValue()).resolves.toBe('refund');
    await expect(again.getByLabel('completed').isChecked()).resolves.toBe(true);
    await expect(again.getByLabel('Sort').inputValue()).resolves.toBe('CREATED_AT ASC');
    await again.getByRole('table', { name: 'Calls' }).getByTestId('call-link').click();
    await again.waitForURL(`${consoleUrl}/calls/${blender}`);
    await again.getByTestId('transcript-line').filter({ hasText: 'My blender arrived broken' }).waitFor();
    await again.close();
    await page.close();
  });

  it('adds, edits and deletes notes on a call, and shows why an agent may not delete a supervisor’s note', async () => {
    const callId = await seedCall(tenant, { status: 'completed', createdAt: new Date(), durationSeconds: 12 });
    const page = await signedInPage(tenant.emails.supervisor);
    await page.goto(`${consoleUrl}/calls/${callId}`);
    const add = page.getByRole('form', { name: 'Add a note' });
    await add.getByLabel('Note').fill('Caller asked for a callback tomorrow.');
    await add.getByLabel('Category').fill('follow-up');
    await add.getByLabel('Tags').fill('callback, vip, callback');
    await add.getByLabel('Holds personal data (sealed at rest)').check();
    await add.getByRole('button', { name: 'Add note' }).click();
    const note = page.getByTestId('call-note').filter({ hasText: 'Caller asked for a callback tomorrow.' });
    await note.waitFor();
    await expect(note.textContent()).resolves.toMatch(
      /Personal data.*follow-up.*#callback.*#vip.*Console calls supervisor/,
    );
    await expect(add.getByLabel('Note').inputValue()).resolves.toBe('');
    await expect(add.getByLabel('Holds personal data (sealed at rest)').isChecked()).resolves.toBe(false);
    // Marked, it is sealed in Postgres; the page shows it in the clear.
    const [stored] = await orm.em
      .fork()
      .execute<{ body: string | null; sealed_body: string | null }[]>(
        'select body, sealed_body from call_note where call_id = ?',
        [callId],
      );
    expect(stored).toMatchObject({ body: null, sealed_body: expect.stringMatching(/^v1:/) });

    await add.getByRole('button', { name: 'Add note' }).click(); // empty: the browser asks for a body first
    expect(await page.getByTestId('call-note').count()).toBe(1);

    await note.getByRole('button', { name: 'Edit' }).click();
    const edit = page.getByRole('form', { name: 'Edit note' });
    await edit.getByLabel('Note').fill('Caller asked for a callback on Friday.');
    await edit.getByLabel('Tags').fill('callback');
    await edit.getByRole('button', { name: 'Save note' }).click();
    const edited = page.getByTestId('call-note').filter({ hasText: 'Caller asked for a callback on Friday.' });
    await edited.waitFor();
    await expect(edited.textContent()).resolves.toContain('(edited)');
    await expect(edited.textContent()).resolves.not.toContain('#vip');

    // An agent reads the note but may only delete their own: the server says so.
    const agent = await signedInPage(tenant.emails.agent);
    await agent.goto(`${consoleUrl}/calls/${callId}`);
    const seen = agent.getByTestId('call-note').filter({ hasText: 'on Friday' });
    await seen.waitFor();
    expect(await seen.getByRole('button', { name: 'Edit' }).count()).toBe(0);
    await seen.getByRole('button', { name: 'Delete' }).click();
    await seen.getByRole('button', { name: 'Delete note' }).click();
    await seen.getByRole('alert').filter({ hasText: 'only the author may delete this note' }).waitFor();
    await agent.reload();
    await seen.waitFor();
    await agent.close();

    await edited.getByRole('button', { name: 'Delete' }).click();
    await edited.getByRole('button', { name: 'Delete note' }).click();
    await edited.waitFor({ state: 'detached' });
    await page.getByText('No notes yet.').waitFor();
    const remaining = await graphql(
      consoleUrl,
      'query ($id: ID!) { call(id: $id) { notes { id } } }',
      { id: callId },
      (await login(consoleUrl, tenant.emails.viewer)).accessToken,
    );
    expect(remaining.data?.call.notes).toEqual([]);
    await page.close();
  });
});
