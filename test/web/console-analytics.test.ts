import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Browser, Page } from 'playwright-core';
import { createExportActivities } from '../../activities/exports.ts';
import { launchBrowser } from '../support/browser.ts';
import { signInLive } from '../support/console-page.ts';
import { testConfig, testEnv } from '../support/env.ts';
import { startGateway, type TestGateway } from '../support/gateway.ts';
import { type InProcessWorker, startInProcessWorker } from '../support/temporal.ts';
import { createTenant, type Tenant } from '../support/tenants.ts';
import { artifacts } from './support/calls-console.ts';

/**
 * The console's Dashboard and Analytics page against the real gateway (figures from Postgres),
 * exports run by the export workflow on a worker of the test's own, and headless Chromium at 1024 px.
 */
let gateway: TestGateway;
let worker: InProcessWorker;
let browser: Browser;
let tenant: Tenant;
/** The first call of the day: answered, scored and with what the caller said. */
let firstCallId: string;

/** The day the figures are for, and the day before (the previous period of a one-day range). */
const DAY = '2026-03-10';
const RANGE = `range=custom&from=${DAY}&to=${DAY}`;
const VIEWPORT = { width: 1024, height: 900 };

interface CallSpec {
  direction: 'inbound' | 'outbound';
  createdAt: string;
  status: string;
  answeredAt?: string;
  durationSeconds?: number;
}

/** A call recorded as queued and then moved to how it ended, as the call's workflow writes it (triggers and all). */
async function addCall(em: EntityManager, spec: CallSpec): Promise<string> {
  const id = randomUUID();
  await em.execute(
    `insert into call (id, organization_id, business_id, direction, status, from_number, to_number, workflow_id,
       status_changed_at, created_at, updated_at)
     values (?, ?, ?, ?, 'queued', '+15005550006', '+14155550100', ?, ?, ?, ?)`,
    [
      id,
      tenant.organizationId,
      tenant.businessId,
      spec.direction,
      `call-${id}`,
      spec.createdAt,
      spec.createdAt,
      spec.createdAt,
    ],
  );
  if (spec.answeredAt)
    await em.execute(`update call set status = 'in_progress', answered_at = ? where id = ?`, [spec.answeredAt, id]);
  await em.execute(`update call set status = ?, duration_seconds = ?, end_reason = ?, ended_at = now() where id = ?`, [
    spec.status,
    spec.durationSeconds ?? 0,
    spec.status,
    id,
  ]);
  return id;
}

/** A final QA score, and the caller's lines: the first line's sentiment and the rolling sentiment after the last. */
async function addQualityFigures(em: EntityManager, callId: string, score: number, first: number, final: number) {
  await em.execute(
    `insert into qa_score (id, call_id, score, components, weights, grader, final, violations, notes, computed_at)
     values (?, ?, ?, '{"sentiment":0.5,"compliance":0.5,"accuracy":0.5,"professionalism":0.5}',
       '{"sentiment":0.3,"compliance":0.3,"accuracy":0.2,"professionalism":0.2}', 'llm', true, '[]', '[]', now())`,
    [randomUUID(), callId, score],
  );
  const label = (compound: number) => (compound >= 0.05 ? 'positive' : compound <= -0.05 ? 'negative' : 'neutral');
  const lines = [
    [0, 'customer', { compound: first, rolling: first, label: label(first) }],
    [1, 'ai', null],
    [2, 'customer', { compound: final, rolling: final, label: label(final) }],
  ] as const;
  for (const [sequence, speaker, sentiment] of lines) {
    await em.execute(
      `insert into call_interaction (id, call_id, sequence, speaker, text, sentiment, created_at) values (?, ?, ?, ?, 'words', ?, now())`,
      [randomUUID(), callId, sequence, speaker, sentiment ? JSON.stringify(sentiment) : null],
    );
  }
}

/**
 * | call | dir | created          | outcome                        | QA  | caller first → last | escalation                       |
 * | c1   | in  | 10 March 09:00   | answered, 300 s                | 0.8 | −0.6 → 0.3          | –                                |
 * | c2   | out | 10 March 09:20   | answered, 120 s                | 0.6 | 0.2 → 0.5           | keyword; Alice accepts, done 09:30 |
 * | c3   | in  | 10 March 10:05   | answered, 60 s                 | 0.4 | −0.7 → −0.4         | –                                |
 * | c4   | out | 10 March 10:40   | no answer                      | –   | –                   | –                                |
 * | c0   | in  | 9 March 15:00    | answered, 200 s                | –   | –                   | –                                |
 */
async function seedFixture(em: EntityManager) {
  const c1 = await addCall(em, {
    direction: 'inbound',
    createdAt: `${DAY}T09:00:00Z`,
    answeredAt: `${DAY}T09:00:10Z`,
    status: 'completed',
    durationSeconds: 300,
  });
  await addQualityFigures(em, c1, 0.8, -0.6, 0.3);
  firstCallId = c1;
  const c2 = await addCall(em, {
    direction: 'outbound',
    createdAt: `${DAY}T09:20:00Z`,
    answeredAt: `${DAY}T09:20:10Z`,
    status: 'completed',
    durationSeconds: 120,
  });
  await addQualityFigures(em, c2, 0.6, 0.2, 0.5);
  const alice = randomUUID();
  await em.execute(
    `insert into human_agent (id, organization_id, name, email, phone_number, skills, availability, max_concurrent, current_load, created_at, updated_at)
     values (?, ?, 'Alice', ?, '+14155550111', '{}', 'available', 2, 0, now(), now())`,
    [alice, tenant.organizationId, `alice-${alice}@x.test`],
  );
  const escalation = randomUUID();
  await em.execute(
    `insert into escalation (id, organization_id, business_id, call_id, workflow_id, status, reason, priority, context,
       offers, triggered_at, created_at, updated_at)
     values (?, ?, ?, ?, ?, 'routing', 'keyword', 'high', '{}', '[]', ?, ?, ?)`,
    [
      escalation,
      tenant.organizationId,
      tenant.businessId,
      c2,
      `escalation-${escalation}`,
      `${DAY}T09:21:00Z`,
      `${DAY}T09:21:00Z`,
      `${DAY}T09:21:00Z`,
    ],
  );
  await em.execute(
    `update escalation set status = 'completed', agent_id = ?, offers = ?, offered_at = ?, accepted_at = ?, completed_at = ? where id = ?`,
    [
      alice,
      JSON.stringify([{ agentId: alice, attempt: 1, offeredAt: `${DAY}T09:21:00Z`, outcome: 'accepted' }]),
      `${DAY}T09:21:00Z`,
      `${DAY}T09:21:30Z`,
      `${DAY}T09:30:00Z`,
      escalation,
    ],
  );
  const c3 = await addCall(em, {
    direction: 'inbound',
    createdAt: `${DAY}T10:05:00Z`,
    answeredAt: `${DAY}T10:05:10Z`,
    status: 'completed',
    durationSeconds: 60,
  });
  await addQualityFigures(em, c3, 0.4, -0.7, -0.4);
  await addCall(em, { direction: 'outbound', createdAt: `${DAY}T10:40:00Z`, status: 'no_answer' });
  await addCall(em, {
    direction: 'inbound',
    createdAt: '2026-03-09T15:00:00Z',
    answeredAt: '2026-03-09T15:00:05Z',
    status: 'completed',
    durationSeconds: 200,
  });
}

beforeAll(async () => {
  const config = testConfig(testEnv());
  gateway = await startGateway(config);
  worker = await startInProcessWorker(
    config,
    gateway.orm,
    fileURLToPath(new URL('../../workflows/export.ts', import.meta.url)),
    createExportActivities({ orm: gateway.orm }),
  );
  tenant = await createTenant(gateway.orm, 'Console analytics');
  await seedFixture(gateway.orm.em.fork());
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await worker?.stop();
  await gateway?.stop();
});

/** Signed in at 1024 px, with the browser in UTC so the fixture's days are the viewer's days. */
async function signedInPage(email: string): Promise<Page> {
  const page = await browser.newPage({ viewport: VIEWPORT, timezoneId: 'UTC' });
  await signInLive(page, gateway.url, email);
  return page;
}

const tileValue = (page: Page, key: string) => page.getByTestId(`tile-${key}`).getByTestId('tile-value').textContent();
const tileChange = (page: Page, key: string) =>
  page.getByTestId(`tile-${key}`).getByTestId('tile-change').textContent();

/** Painted pixels of a chart's canvas: more than a blank canvas when the chart drew something. */
const paintedPixels = (page: Page, testId: string) =>
  page
    .getByTestId(testId)
    .locator('canvas')
    .evaluate((canvas: HTMLCanvasElement) => {
      const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
      let painted = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) painted += 1;
      return painted;
    });

describe('the Dashboard', () => {
  it('is where a supervisor lands, with each figure of the range and its change against the day before', async () => {
    const page = await signedInPage(tenant.emails.supervisor);
    await page.waitForURL(`${gateway.url}/dashboard`);
    await page.goto(`${gateway.url}/dashboard?${RANGE}`);
    await page.getByTestId('tile-calls').waitFor();

    await expect(tileValue(page, 'calls')).resolves.toBe('4');
    await expect(tileChange(page, 'calls')).resolves.toBe('▲ +300%');
    await expect(tileValue(page, 'answered-rate')).resolves.toBe('75.0%');
    await expect(tileChange(page, 'answered-rate')).resolves.toBe('▼ −25.0 pts');
    // (300 + 120 + 60) s over three answered calls, against 200 s the day before.
    await expect(tileValue(page, 'average-minutes')).resolves.toBe('2.7');
    await expect(tileChange(page, 'average-minutes')).resolves.toBe('▼ −20%');
    // c2's handle time runs to Alice's completion at 09:30: (300 + 590 + 60) / 3 s.
    await expect(tileValue(page, 'average-handle')).resolves.toBe('5:17');
    // c2 needed a human: two of three answered calls ended with the AI alone.
    await expect(tileValue(page, 'containment')).resolves.toBe('66.7%');
    await expect(tileValue(page, 'qa')).resolves.toBe('0.60');
    await expect(tileChange(page, 'qa')).resolves.toBe('no previous figure');
    await expect(tileValue(page, 'sentiment')).resolves.toBe('0.13');
    await expect(tileValue(page, 'escalation-rate')).resolves.toBe('33.3%');
    await expect(tileChange(page, 'escalation-rate')).resolves.toBe('▲ +33.3 pts');
    await expect(
      page.getByTestId('tile-escalation-rate').getByTestId('tile-change').getAttribute('class'),
    ).resolves.toContain('bad');
    // A longer handle time is neither good nor bad news by itself.
    await expect(
      page.getByTestId('tile-average-handle').getByTestId('tile-change').getAttribute('class'),
    ).resolves.not.toMatch(/good|bad/);
    await expect(page.getByTestId('tile-active-now').locator('.tile-value').textContent()).resolves.toBe('0');
    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: `${artifacts}/console-dashboard.png`, fullPage: true });
    expect(await page.getByRole('alert').count()).toBe(0);
    await page.close();
  });
});

describe('the Analytics page', () => {
  it('charts the range, keeps its filters in the address across a reload, and exports what it shows', async () => {
    const page = await signedInPage(tenant.emails.supervisor);
    await page.goto(`${gateway.url}/analytics?${RANGE}`);
    const volume = page.getByTestId('chart-volume');
    await volume.waitFor();

    await expect(volume.locator('canvas').getAttribute('aria-label')).resolves.toBe(
      '4 calls, 1 in the previous period',
    );
    await expect(page.getByTestId('chart-qa').getAttribute('data-points')).resolves.toBe('3');
    await expect(page.getByTestId('chart-sentiment').locator('canvas').getAttribute('aria-label')).resolves.toBe(
      '1 negative, 0 neutral, 2 positive',
    );
    await expect(page.getByTestId('chart-escalations').getAttribute('data-points')).resolves.toBe('1');
    await expect(page.getByTestId('chart-heatmap').getAttribute('data-points')).resolves.toBe('4');
    for (const chart of [
      'chart-volume',
      'chart-trend',
      'chart-qa',
      'chart-sentiment',
      'chart-escalations',
      'chart-heatmap',
    ])
      expect(await paintedPixels(page, chart)).toBeGreaterThan(500);
    // Readable at 1024 px: no chart is wider than the page.
    const widest = await page
      .locator('.chart canvas')
      .evaluateAll((els) => Math.max(...els.map((e) => e.getBoundingClientRect().right)));
    expect(widest).toBeLessThanOrEqual(VIEWPORT.width);

    // Inbound only: the choice goes into the address and survives a reload.
    await page.getByLabel('Direction').selectOption('INBOUND');
    await page.waitForURL(/direction=INBOUND/);
    await page.reload();
    await volume.locator('canvas[aria-label="2 calls, 1 in the previous period"]').waitFor();
    await expect(page.getByLabel('Direction').inputValue()).resolves.toBe('INBOUND');
    await expect(page.getByTestId('analytics-range').textContent()).resolves.toBe(`${DAY} – ${DAY} (UTC)`);

    // An export of the calls on screen: running with its progress, then a link to the file.
    const exports = page.getByRole('region', { name: 'Exports' });
    await exports.getByRole('button', { name: 'Export Calls (CSV)' }).click();
    const row = exports.getByTestId('export-row').first();
    await row.getByTestId('export-progress').waitFor();
    const link = row.getByTestId('export-download');
    await link.waitFor({ timeout: 60_000 });
    await expect(row.getByTestId('export-status').textContent()).resolves.toBe('completed');
    const response = await fetch(new URL((await link.getAttribute('href'))!, gateway.url));
    expect(response.status).toBe(200);
    const lines = (await response.text()).trimEnd().split('\n');
    expect(lines[0]).toMatch(/^call_id,created_at,business,direction,status,/);
    // The two inbound calls of the day, as filtered on screen.
    expect(lines.slice(1).map((line) => line.split(',')[3])).toEqual(['inbound', 'inbound']);
    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: `${artifacts}/console-analytics.png`, fullPage: true });
    expect(await page.getByRole('alert').count()).toBe(0);
    await page.close();
  });

  it("lists the range's campaigns with their answer rate, retries and funnel, and filters to one, its answer rate by hour charted", async () => {
    // Two days after the fixture's day, so its figures are untouched: a campaign of three contacts.
    const day = '2026-03-12';
    const em = gateway.orm.em.fork();
    const campaignId = randomUUID();
    await em.execute(
      `insert into campaign (id, organization_id, business_id, name, status, created_at, updated_at)
       values (?, ?, ?, 'Spring renewals', 'running', now(), now())`,
      [campaignId, tenant.organizationId, tenant.businessId],
    );
    const contact = async (name: string, status: string, attempts: number) => {
      const id = randomUUID();
      await em.execute(
        `insert into campaign_contact (id, campaign_id, organization_id, phone_number, name, status, attempts, created_at, updated_at)
         values (?, ?, ?, ?, ?, ?, ?, now(), now())`,
        [id, campaignId, tenant.organizationId, `+1415555${String(attempts)}${name.length}00`, name, status, attempts],
      );
      return id;
    };
    const dialled = async (contactId: string, at: string, answered: boolean) => {
      const callId = await addCall(em, {
        direction: 'outbound',
        createdAt: at,
        status: answered ? 'completed' : 'no_answer',
        ...(answered && { answeredAt: at, durationSeconds: 60 }),
      });
      await em.execute('update call set campaign_id = ?, campaign_contact_id = ? where id = ?', [
        campaignId,
        contactId,
        callId,
      ]);
      await em.execute('update campaign_contact set call_ids = array_append(call_ids, ?::text) where id = ?', [
        callId,
        contactId,
      ]);
    };
    const ann = await contact('Ann', 'completed', 2);
    const ben = await contact('Ben', 'completed', 1);
    await contact('Cy', 'pending', 0);
    await dialled(ann, `${day}T09:10:00Z`, false);
    await dialled(ben, `${day}T09:20:00Z`, true);
    await dialled(ann, `${day}T11:05:00Z`, true);

    const page = await signedInPage(tenant.emails.supervisor);
    await page.goto(`${gateway.url}/analytics?range=custom&from=${day}&to=${day}`);
    const row = page.getByTestId('analytics-campaigns').locator(`tr[data-campaign-id="${campaignId}"]`);
    await row.waitFor();
    await expect(row.locator('td').allTextContents()).resolves.toEqual([
      'Spring renewals running',
      '3',
      '66.7%',
      '1',
      '2 of 3',
      'completed 2 · pending 1',
    ]);
    await row.getByRole('button', { name: 'Spring renewals' }).click();
    await page.waitForURL(new RegExp(`campaign=${campaignId}`));
    const byHour = page.getByTestId('chart-answer-by-hour');
    await byHour.locator('canvas[aria-label="2 of 3 calls answered, by the local hour they were placed in"]').waitFor();
    await expect(byHour.getAttribute('data-points')).resolves.toBe('2');
    expect(await paintedPixels(page, 'chart-answer-by-hour')).toBeGreaterThan(500);
    await expect(page.getByLabel('Campaign', { exact: true }).inputValue()).resolves.toBe(campaignId);
    await expect(page.getByTestId('chart-volume').locator('canvas').getAttribute('aria-label')).resolves.toBe(
      '3 calls, 0 in the previous period',
    );
    await page
      .getByRole('region', { name: 'Exports' })
      .getByRole('button', { name: 'Export Campaign results (CSV)' })
      .waitFor();
    await page.close();
  });

  it('shows each call’s QA score in the call history, and a call’s transcript as a file from its page', async () => {
    const page = await signedInPage(tenant.emails.supervisor);
    await page.goto(`${gateway.url}/calls?from=${DAY}&to=${DAY}&sort=CREATED_AT&order=ASC`);
    await page.getByTestId('calls-total').filter({ hasText: '4 calls' }).waitFor();
    await expect(page.getByTestId('call-qa').allTextContents()).resolves.toEqual(['0.80', '0.60', '0.40', '–']);
    // A minimum QA score keeps the calls scored at least that; unscored calls are left out.
    await page.getByLabel('QA score at least').fill('0.5');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/minQa=0.5/);
    await page.getByTestId('calls-total').filter({ hasText: '2 calls' }).waitFor();
    await expect(page.getByTestId('call-qa').allTextContents()).resolves.toEqual(['0.80', '0.60']);

    await page.goto(`${gateway.url}/calls/${firstCallId}`);
    const downloads = page.getByRole('region', { name: 'Download the transcript' });
    for (const format of ['TXT', 'JSON', 'PDF']) await downloads.getByRole('button', { name: format }).waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      downloads.getByRole('button', { name: 'TXT' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`transcript-${firstCallId}.txt`);
    const text = await readFile((await download.path())!, 'utf8');
    expect(text.match(/words/g)).toHaveLength(3);
    await page.close();
  });

  it('is neither offered nor opened to a role without analytics', async () => {
    const page = await signedInPage(tenant.emails.agent);
    const nav = await page.getByRole('navigation', { name: 'Main' }).getByRole('link').allTextContents();
    expect(nav).not.toContain('Dashboard');
    expect(nav).not.toContain('Analytics');
    await page.goto(`${gateway.url}/analytics?${RANGE}`);
    await page.getByRole('heading', { name: 'Not allowed' }).waitFor();
    expect(await page.getByTestId('chart-volume').count()).toBe(0);
    await page.goto(`${gateway.url}/dashboard`);
    await page.getByRole('heading', { name: 'Not allowed' }).waitFor();
    await page.close();
  });
});
