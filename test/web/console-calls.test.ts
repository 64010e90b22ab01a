import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { appendTranscript, recordCall } from '../../db/calls.ts';
import { BusinessConfig, Call, TranscriptLine } from '../../db/entities/index.ts';
import type { Orm } from '../../db/orm.ts';
import { decodeMulaw } from '../../web/src/mulaw.ts';
import type { CallStatus } from '../../workflows/definitions/call.ts';
import { launchBrowser } from '../support/browser.ts';
import { type CallStack, placeCall, startCallStack } from '../support/call-stack.ts';
import { signInLive } from '../support/console-page.ts';
import { graphql } from '../support/graphql.ts';
import { RINGS_LONG } from '../support/telephony.ts';
import { createTenant, login, type Tenant, uniqueNumber } from '../support/tenants.ts';
import { until } from '../support/wait.ts';

/**
 * The console's calls pages against the whole platform: real gateway, worker and bridge processes,
 * the telephony and Realtime simulators, and headless Chromium.
 */
const artifacts = fileURLToPath(new URL('../artifacts', import.meta.url));
const VIEWPORT = { width: 1400, height: 1000 };
/** Personas of the telephony simulator, picked by the number dialled (scripts/simulators/personas.ts). */
const COOPERATIVE = '+15550100000';
const SILENT = '+15550100004';

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

async function signedInPage(email: string): Promise<Page> {
  const page = await browser.newPage({ viewport: VIEWPORT });
  await signInLive(page, consoleUrl, email);
  return page;
}

/** The status badge in the call page's heading. */
const headerStatus = (page: Page) => page.getByRole('heading', { level: 1 }).getByTestId('call-status');
const transcriptTexts = (page: Page) => page.getByTestId('transcript-line').locator('.text').allTextContents();

async function recordedLines(callId: string) {
  return orm.em.fork().find(TranscriptLine, { call: callId }, { orderBy: { sequence: 'asc' } });
}

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

describe('decodeMulaw', () => {
  it('decodes G.711 μ-law bytes with the standard table', () => {
    const samples = decodeMulaw(Uint8Array.from([0xff, 0x7f, 0x00, 0x80, 0xfe, 0x7e, 0xef]));
    expect(samples).toBeInstanceOf(Float32Array);
    expect(samples).toHaveLength(7);
    expect(samples[0]).toBe(0); // μ-law silence
    expect(samples[1]).toBeCloseTo(0, 9); // the other zero
    expect(samples[2]).toBeCloseTo(-32124 / 32768, 6); // the loudest codes
    expect(samples[3]).toBeCloseTo(32124 / 32768, 6);
    expect(samples[4]).toBeCloseTo(8 / 32768, 9); // the smallest steps
    expect(samples[5]).toBeCloseTo(-8 / 32768, 9);
    expect(samples[6]).toBeCloseTo(132 / 32768, 9); // the first step of the second segment
    for (let byte = 0; byte < 128; byte++) {
      const [negative, positive] = decodeMulaw(Uint8Array.from([byte, byte | 0x80]));
      expect(negative).toBe(-positive!);
    }
    expect(decodeMulaw(new Uint8Array())).toHaveLength(0);
  });
});

describe('the calls console', () => {
  it('streams a live call into its page as it is spoken: transcript, status, timeline and latency', async () => {
    const page = await signedInPage(tenant.emails.supervisor);
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
    await add.getByRole('button', { name: 'Add note' }).click();
    const note = page.getByTestId('call-note').filter({ hasText: 'Caller asked for a callback tomorrow.' });
    await note.waitFor();
    await expect(note.textContent()).resolves.toMatch(/follow-up.*#callback.*#vip.*Console calls supervisor/);
    await expect(add.getByLabel('Note').inputValue()).resolves.toBe('');

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
});
