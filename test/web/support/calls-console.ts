import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { signInLive } from '../../support/console-page.ts';

/** Where the console tests keep their screenshots. */
export const artifacts = fileURLToPath(new URL('../../artifacts', import.meta.url));
const VIEWPORT = { width: 1400, height: 1000 };

/** A page of its own, signed in to the console as `email` with the live connection up. */
export async function newSignedInPage(browser: Browser, consoleUrl: string, email: string): Promise<Page> {
  const page = await browser.newPage({ viewport: VIEWPORT });
  await signInLive(page, consoleUrl, email);
  return page;
}
