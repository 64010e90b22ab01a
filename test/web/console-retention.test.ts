import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { RetentionPolicy } from '../../db/entities/index.ts';
import { launchBrowser } from '../support/browser.ts';
import { signInLive } from '../support/console-page.ts';
import { testConfig, testEnv } from '../support/env.ts';
import { startGateway, type TestGateway } from '../support/gateway.ts';
import { createTenant, type Tenant } from '../support/tenants.ts';

/**
 * The Retention section of Settings in headless Chromium: an admin sets how long records are kept,
 * is told what the API refuses, and reads the date and counts of the schedule's last run.
 */
const artifacts = fileURLToPath(new URL('../artifacts', import.meta.url));
let gateway: TestGateway;
let tenant: Tenant;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  gateway = await startGateway(testConfig(testEnv()));
  tenant = await createTenant(gateway.orm, 'Console retention');
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1024, height: 1400 } });
  await signInLive(page, gateway.url, tenant.emails.admin);
});
afterAll(async () => {
  await gateway?.temporal.schedule
    .getHandle(`retention-${tenant?.organizationId}`)
    .delete()
    .catch(() => undefined);
  await browser?.close();
  await gateway?.stop();
});

describe('the Retention section of Settings', () => {
  it('saves the days an admin sets, names what it refuses, and shows the last run', async () => {
    await page.goto(`${gateway.url}/settings`);
    const section = page.getByRole('region', { name: 'Retention' });
    await section.getByTestId('retention-last-run').filter({ hasText: 'No retention run yet.' }).waitFor();

    await section.getByLabel('Transcripts (days)').fill('60');
    await section.getByLabel('Call records (days)').fill('30');
    await section.getByRole('button', { name: 'Save retention' }).click();
    await section.getByRole('alert').filter({ hasText: 'Transcripts: cannot be kept longer than calls' }).waitFor();

    await section.getByLabel('Transcripts (days)').fill('7');
    await section.getByRole('button', { name: 'Save retention' }).click();
    await section.getByRole('status').filter({ hasText: 'Retention policy saved.' }).waitFor();
    await section.getByText(`retention-${tenant.organizationId}`).waitFor();
    const policy = await gateway.orm.em.fork().findOneOrFail(RetentionPolicy, { organization: tenant.organizationId });
    expect(policy).toMatchObject({ transcriptDays: 7, callDays: 30, auditLogDays: null });

    // The schedule's run writes its report on the policy (test/workflows/retention.test.ts runs one for real).
    await gateway.orm.em.fork().nativeUpdate(
      RetentionPolicy,
      { organization: tenant.organizationId },
      {
        lastRunStartedAt: new Date('2026-11-30T02:00:00Z'),
        lastRunFinishedAt: new Date('2026-11-30T02:00:04Z'),
        lastRunRemoved: {
          transcripts: 120,
          qaDetails: 0,
          calls: 14,
          notifications: 0,
          eventLog: 300,
          auditLog: 0,
          knowledgeSources: 0,
          workflowExecutions: 28,
        },
      },
    );
    await page.reload();
    const lastRun = section.getByTestId('retention-last-run');
    await lastRun.filter({ hasText: 'Last run' }).waitFor();
    await expect(lastRun.getByRole('row', { name: 'Transcripts' }).textContent()).resolves.toContain('120');
    await expect(lastRun.getByRole('row', { name: 'Call records' }).textContent()).resolves.toContain('14');
    await expect(lastRun.getByRole('row', { name: 'Workflow executions' }).textContent()).resolves.toContain('28');
    await expect(section.getByLabel('Transcripts (days)').inputValue()).resolves.toBe('7');
    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: `${artifacts}/console-retention.png`, fullPage: true });
  });
});
