import type { Page } from 'playwright-core';
import { TEST_PASSWORD } from './tenants.ts';

/** Signs in through the console's login page and waits until the live connection is up. */
export async function signInLive(page: Page, consoleUrl: string, email: string, password = TEST_PASSWORD) {
  await page.goto(`${consoleUrl}/login`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('live-indicator').filter({ hasText: 'live' }).waitFor();
}

/** Polls `check` (every 100 ms) until it answers true. */
export async function until(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
