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
