import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { countTokens } from '../../knowledge/chunk.ts';
import { createHashingEmbedder } from '../../knowledge/embed.ts';
import { createKnowledgeStore } from '../../knowledge/store.ts';
import { connectWeaviate } from '../../lib/weaviate.ts';
import { knowledgeWorkflowId } from '../../workflows/definitions/knowledge.ts';
import { buildPdf } from '../fixtures/knowledge/builders.ts';
import { launchBrowser } from '../support/browser.ts';
import { signInLive } from '../support/console-page.ts';
import { testConfig, testEnv } from '../support/env.ts';
import { startGateway, type TestGateway } from '../support/gateway.ts';
import { graphql } from '../support/graphql.ts';
import { type RunningProcess, startProcess } from '../support/processes.ts';
import { createTenant, login, type Tenant } from '../support/tenants.ts';
import { until } from '../support/wait.ts';

/**
 * The console's knowledge and doc-sync pages against the real platform: the gateway (in this
 * process), a worker process ingesting into Postgres and Weaviate, headless Chromium, and a small
 * web site served by the test.
 */
const artifacts = fileURLToPath(new URL('../artifacts', import.meta.url));
const VIEWPORT = { width: 1400, height: 1000 };

let gateway: TestGateway;
let worker: RunningProcess;
let site: Server;
let siteUrl: string;
let browser: Browser;
let tenant: Tenant;
let token: string;

const SHIPPING_PAGE = `<!doctype html><html><head><title>Shipping policy</title></head><body>
<main><h1>Shipping</h1><p>Standard shipping takes three to five working days.</p>
<h2>Express</h2><p>Express parcels arrive the next working day when ordered before noon.</p></main></body></html>`;

/** A docs page of the tiny site a doc sync crawls. */
const docsPage = (title: string, body: string, links: string[] = []) =>
  `<!doctype html><html><head><title>${title}</title></head><body><main><h1>${title}</h1><p>${body}</p>
  ${links.map((href) => `<a href="${href}">${href}</a>`).join(' ')}</main></body></html>`;
/** Pages of the slow site, each answering after SLOW_PAGE_MS: a sync there is still running when cancelled. */
const SLOW_PAGES = 30;
const SLOW_PAGE_MS = 1_500;

beforeAll(async () => {
  site = createServer((req, res) => {
    const html = (body: string) => res.writeHead(200, { 'content-type': 'text/html' }).end(body);
    const path = req.url ?? '/';
    if (path === '/shipping') html(SHIPPING_PAGE);
    else if (path === '/docs/') {
      html(docsPage('Widget docs', 'Everything about widgets.', ['/docs/install', '/docs/billing']));
    } else if (path === '/docs/install') {
      html(docsPage('Installing widgets', 'Mount the widget bracket with four screws before plugging it in.'));
    } else if (path === '/docs/billing') {
      html(docsPage('Widget billing', 'Invoices are sent on the first working day of every month.'));
    } else if (path.startsWith('/slow/')) {
      const links = Array.from({ length: SLOW_PAGES }, (_, i) => `/slow/page-${i}`);
      setTimeout(
        () => html(docsPage(`Slow ${path}`, 'A page that takes its time.', path === '/slow/' ? links : [])),
        path === '/slow/' ? 0 : SLOW_PAGE_MS,
      );
    } else res.writeHead(404).end('not found');
  });
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
  const env = testEnv({ FETCH_ALLOWED_HOSTS: new URL(siteUrl).host });
  gateway = await startGateway(testConfig(env));
  worker = startProcess('worker.ts', env);
  tenant = await createTenant(gateway.orm, 'Console knowledge');
  [browser] = await Promise.all([launchBrowser(), worker.waitForLog('worker started')]);
  token = (await login(gateway.url, tenant.emails.supervisor)).accessToken;
});

afterAll(async () => {
  await browser?.close();
  await gateway?.stop();
  await worker?.stop();
  await new Promise((resolve) => site?.close(resolve));
});

async function signedInPage(email: string, path: string): Promise<Page> {
  const page = await browser.newPage({ viewport: VIEWPORT });
  await signInLive(page, gateway.url, email);
  await page.goto(`${gateway.url}${path}`);
  await page.getByTestId('live-indicator').filter({ hasText: 'live' }).waitFor();
  return page;
}

const ENTRY = `query ($id: ID!) { knowledgeEntry(id: $id) { id title status chunkCount chunks { chunkId heading text } } }`;
const entryOf = async (id: string) => (await graphql(gateway.url, ENTRY, { id }, token)).data?.knowledgeEntry;

/** Adds an entry over the API as the supervisor and waits until it is indexed; answers its id. */
async function ingested(input: Record<string, unknown>): Promise<string> {
  const result = await graphql(
    gateway.url,
    `mutation ($input: CreateKnowledgeEntryInput!) { createKnowledgeEntry(input: $input) {
      __typename ... on MutationCreateKnowledgeEntrySuccess { data { id } } } }`,
    { input: { businessId: tenant.businessId, ...input } },
    token,
  );
  const id = result.data?.createKnowledgeEntry.data.id as string;
  await gateway.temporal.workflow.getHandle(knowledgeWorkflowId(id)).result();
  expect((await entryOf(id)).status).toBe('READY');
  return id;
}

const entryRow = (page: Page, id: string) => page.locator(`tr[data-entry-id="${id}"]`);
const uploadForm = (page: Page) => page.getByRole('form', { name: 'Upload a file' });

/** An HTML page padded (in its head, which is not read) to about `bytes`, so its upload takes a while. */
function paddedHtml(bytes: number): Buffer {
  const padding = `<style>/*${'x'.repeat(bytes)}*/</style>`;
  return Buffer.from(`<!doctype html><html><head><title>Returns policy</title>${padding}</head><body><main>
    <h1>Returns policy</h1><h2>Refunds</h2><p>Refunds reach the original card within ten working days.</p>
    <h2>Exchanges</h2><p>Exchanges are free within sixty days when the tags are still attached.</p></main></body></html>`);
}

describe('the knowledge page', () => {
  it('uploads a file with a progress bar that reaches 100%, then shows the entry turning ready with its chunks', async () => {
    const page = await signedInPage(tenant.emails.supervisor, '/knowledge');
    // Slow uploads down so the bar has steps to show on a local connection.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: 250_000,
    });
    await page.evaluate(() => {
      const seen: number[] = [];
      (window as unknown as { progressSeen: number[] }).progressSeen = seen;
      new MutationObserver(() => {
        const value = document.querySelector('[data-testid="upload-progress"]')?.getAttribute('aria-valuenow');
        if (value !== null && value !== undefined && Number(value) !== seen.at(-1)) seen.push(Number(value));
      }).observe(document.body, { subtree: true, childList: true, attributes: true });
    });

    await uploadForm(page)
      .getByLabel('File')
      .setInputFiles({ name: 'returns.html', mimeType: 'text/html', buffer: paddedHtml(600_000) });
    await uploadForm(page).getByLabel('Vendor').fill('Acme');
    await uploadForm(page).getByLabel('Doc type').fill('policy');
    await uploadForm(page).getByRole('button', { name: 'Upload' }).click();

    const bar = page.getByRole('progressbar', { name: 'Upload progress' });
    await bar.and(page.locator('[aria-valuenow="100"]')).waitFor({ timeout: 20_000 });
    await expect(bar.textContent()).resolves.toBe('100%');
    const seen = await page.evaluate(() => (window as unknown as { progressSeen: number[] }).progressSeen);
    expect(seen.some((value) => value > 0 && value < 100)).toBe(true); // it moved, not jumped
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    await uploadForm(page).getByRole('status').filter({ hasText: 'Uploaded returns.html' }).waitFor();
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: -1,
    });

    // The row appears at once and follows the processing live, with no reload.
    const row = page.getByTestId('knowledge-entry').filter({ hasText: 'Returns policy' });
    await row.getByTestId('knowledge-status').filter({ hasText: 'ready' }).waitFor({ timeout: 30_000 });
    const id = (await row.getAttribute('data-entry-id')) as string;
    const entry = await entryOf(id);
    expect(entry.status).toBe('READY');
    await expect(row.getByTestId('chunk-count').textContent()).resolves.toBe(String(entry.chunkCount));
    await expect(row.locator('td').nth(1).textContent()).resolves.toBe('upload');
    await expect(row.locator('td').nth(2).textContent()).resolves.toBe('Acme');
    await expect(row.locator('td').nth(3).textContent()).resolves.toBe('policy');
    await expect(row.locator('td').nth(6).textContent()).resolves.not.toBe('not yet');
    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: `${artifacts}/console-knowledge.png`, fullPage: true });

    // Its chunks, as the agent searches them.
    await row.getByTestId('entry-link').click();
    await page.waitForURL(`${gateway.url}/knowledge/${id}`);
    await expect(page.getByTestId('entry-title').textContent()).resolves.toBe('Returns policy');
    await page.getByTestId('knowledge-chunk').first().waitFor();
    await expect(page.getByTestId('knowledge-chunk').locator('.chunk-heading').allTextContents()).resolves.toEqual(
      entry.chunks.map((c: { heading: string }) => c.heading),
    );
    await expect(page.getByTestId('knowledge-chunk').locator('.chunk-text').allTextContents()).resolves.toEqual(
      entry.chunks.map((c: { text: string }) => c.text),
    );
    expect(entry.chunks.map((c: { text: string }) => c.text).join(' ')).toContain('ten working days');
    await page.close();
  });

  it('refuses a broken file with the reason, and adds nothing', async () => {
    const page = await signedInPage(tenant.emails.supervisor, '/knowledge');
    const pdf = buildPdf([[{ text: 'Warranty terms', size: 20, y: 700 }]], 'Warranty');
    await uploadForm(page)
      .getByLabel('File')
      .setInputFiles({ name: 'warranty.pdf', mimeType: 'application/pdf', buffer: Buffer.from(pdf.subarray(0, 200)) });
    await uploadForm(page).getByRole('button', { name: 'Upload' }).click();
    const alert = uploadForm(page).getByRole('alert');
    await alert.waitFor();
    await expect(alert.textContent()).resolves.toMatch(/could not be read as/);
    await expect(page.getByTestId('upload-progress').count()).resolves.toBe(0);
    await expect(
      page
        .getByTestId('knowledge-entry')
        .filter({ hasText: /warranty/i })
        .count(),
    ).resolves.toBe(0);
    const listed = await graphql(
      gateway.url,
      'query ($b: ID!) { knowledgeEntries(businessId: $b) { ... on QueryKnowledgeEntriesSuccess { data { title } } } }',
      { b: tenant.businessId },
      token,
    );
    expect(listed.data?.knowledgeEntries.data.map((e: { title: string }) => e.title)).not.toContain('Warranty');
    await page.close();
  });

  it('adds an entry from text, and deletes an entry only once the deletion is confirmed', async () => {
    const page = await signedInPage(tenant.emails.supervisor, '/knowledge');
    const form = page.getByRole('form', { name: 'Add from text or a URL' });
    await form.getByLabel('Text (Markdown or plain)').fill('# Gift cards\n\nGift cards never expire.');
    await form.getByRole('button', { name: 'Add' }).click();
    const row = page.getByTestId('knowledge-entry').filter({ hasText: 'Gift cards' });
    await row.getByTestId('knowledge-status').filter({ hasText: 'ready' }).waitFor({ timeout: 30_000 });
    const id = (await row.getAttribute('data-entry-id')) as string;
    await expect(row.locator('td').nth(1).textContent()).resolves.toBe('text');

    await row.getByRole('button', { name: 'Delete', exact: true }).click();
    await row.getByRole('button', { name: 'Cancel' }).click();
    await row.getByRole('button', { name: 'Delete', exact: true }).click();
    expect(await entryOf(id)).not.toBeNull();
    await row.getByRole('button', { name: 'Delete entry' }).click();
    await entryRow(page, id).waitFor({ state: 'detached' });
    expect(await entryOf(id)).toBeNull();
    await page.reload();
    await page.getByTestId('knowledge-entry').first().waitFor();
    await expect(entryRow(page, id).count()).resolves.toBe(0);
    await page.close();
  });

  it('searches in the playground, showing each hit with its score and source', async () => {
    const shipping = await ingested({ url: `${siteUrl}/shipping`, vendor: 'Acme', docType: 'policy' });
    const hours = await ingested({
      title: 'Store hours',
      text: '# Store hours\n\n## Saturday\n\nOn Saturday the store opens at nine and closes at one.',
    });
    const page = await signedInPage(tenant.emails.supervisor, '/knowledge');
    const playground = page.getByRole('region', { name: 'Search playground' });
    const hits = playground.getByTestId('search-hit');

    await playground.getByLabel('Question').fill('When do express parcels arrive?');
    await playground.getByRole('slider').fill('0');
    await expect(playground.getByTestId('alpha-value').textContent()).resolves.toBe('0.00');
    await playground.getByRole('button', { name: 'Search' }).click();
    await hits.first().waitFor();
    const top = hits.first();
    await expect(top.getAttribute('data-entry-id')).resolves.toBe(shipping);
    await expect(top.textContent()).resolves.toContain('Express parcels arrive the next working day');
    expect(Number(await top.getByTestId('hit-score').textContent())).toBeGreaterThan(0);
    await expect(top.getByTestId('hit-source').getByRole('link').getAttribute('href')).resolves.toBe(
      `${siteUrl}/shipping`,
    );

    // A filter no entry matches finds nothing.
    await playground.getByLabel('Vendor').fill('Nobody');
    await playground.getByRole('button', { name: 'Search' }).click();
    await playground.getByText('Nothing found.').waitFor();
    await playground.getByLabel('Vendor').fill('');

    // A text entry has no address: its source is the entry, opened from the hit.
    await playground.getByLabel('Question').fill('What time does the store open on Saturday?');
    await playground.getByRole('slider').fill('0.5');
    await playground.getByLabel('Results').fill('1');
    await playground.getByRole('button', { name: 'Search' }).click();
    await hits.and(page.locator(`[data-entry-id="${hours}"]`)).waitFor();
    await expect(hits.count()).resolves.toBe(1);
    await expect(hits.getByTestId('hit-heading').textContent()).resolves.toBe('Store hours > Saturday');
    expect(Number(await hits.getByTestId('hit-score').textContent())).toBeGreaterThan(0);
    await page.screenshot({ path: `${artifacts}/console-knowledge-search.png`, fullPage: true });
    const source = hits.getByTestId('hit-source').getByRole('link');
    await expect(source.textContent()).resolves.toBe('Store hours');
    await source.click();
    await page.waitForURL(`${gateway.url}/knowledge/${hours}`);
    await page.getByTestId('knowledge-chunk').filter({ hasText: 'opens at nine' }).waitFor();
    await page.close();
  });
});

describe('the doc-sync page', () => {
  /** Adds a custom source through the page's form; answers its card. */
  async function addSource(page: Page, name: string, start: string) {
    const form = page.getByRole('form', { name: 'Add a documentation source' });
    await form.getByLabel('Name').fill(name);
    await form.getByLabel('Start URL').fill(`${siteUrl}${start}`);
    await form.getByLabel('Allowed prefixes (one per line)').fill(`${siteUrl}${start}`);
    await form.getByLabel('Vendor').fill('Widgets');
    await form.getByRole('button', { name: 'Add source' }).click();
    const card = page.getByRole('region', { name });
    await card.waitFor();
    return card;
  }

  it('shows the embedder, and re-embeds on request the chunks another embedder wrote, its progress shown', async () => {
    const id = await ingested({
      title: 'Store hours',
      text: '# Hours\n\nWe open at nine on Saturdays and close at one.',
    });
    const entry = await entryOf(id);
    // As if the entry had been indexed before the embedder changed: its chunks rewritten by the hashing embedder.
    const weaviate = await connectWeaviate(testConfig(testEnv()).weaviate);
    try {
      const previous = createKnowledgeStore(weaviate, createHashingEmbedder());
      await previous.replaceChunks(
        tenant.businessId,
        {
          entryId: id,
          contentHash: 'before-the-change',
          title: 'Store hours',
          sourceUrl: null,
          vendor: null,
          docType: null,
          version: null,
          tags: [],
        },
        entry.chunks.map((c: { heading: string; text: string }, index: number) => ({
          index,
          heading: c.heading,
          text: c.text,
          tokens: countTokens(c.text),
        })),
      );
    } finally {
      await weaviate.close();
    }
    const page = await signedInPage(tenant.emails.supervisor, '/knowledge');
    const panel = page.getByRole('region', { name: 'Embeddings' });
    await expect(panel.getByTestId('knowledge-embedder').textContent()).resolves.toBe('use-lite-512');
    await panel.getByText('chunks to re-embed').waitFor();
    await panel.getByRole('button', { name: 'Re-embed now' }).click();
    await panel.getByTestId('knowledge-reindex-status').filter({ hasText: 'Up to date' }).waitFor({ timeout: 60_000 });
    await expect(panel.getByRole('button', { name: 'Re-embed now' }).count()).resolves.toBe(0);
    await page.close();
  }, 120_000);

  it('syncs a small site, its progress bar filling live to 100%', async () => {
    const page = await signedInPage(tenant.emails.supervisor, '/doc-sync');
    const card = await addSource(page, 'Widget docs', '/docs/');
    await expect(card.getByText('Never synced.').count()).resolves.toBe(1);
    await card.getByRole('button', { name: 'Start sync' }).click();
    const bar = card.getByRole('progressbar');
    await card.getByTestId('sync-status').filter({ hasText: 'completed' }).waitFor({ timeout: 60_000 });
    await expect(bar.getAttribute('aria-valuenow')).resolves.toBe('100');
    await expect(card.getByTestId('sync-found').textContent()).resolves.toBe('3');
    await expect(card.getByTestId('sync-handled').textContent()).resolves.toBe('3');
    await expect(card.getByTestId('sync-indexed').textContent()).resolves.toBe('3');
    await expect(card.getByTestId('sync-failed').textContent()).resolves.toBe('0');
    await card.getByTestId('page-count').filter({ hasText: '3 pages' }).waitFor();
    await expect(card.getByRole('button', { name: 'Cancel sync' }).count()).resolves.toBe(0);
    await page.screenshot({ path: `${artifacts}/console-doc-sync.png`, fullPage: true });

    // Opened afresh, the page reads the source and its last run from the record.
    await page.reload();
    await card.getByTestId('sync-status').filter({ hasText: 'completed' }).waitFor();
    await expect(card.getByRole('progressbar').getAttribute('aria-valuenow')).resolves.toBe('100');
    await expect(card.getByTestId('page-count').textContent()).resolves.toBe('3 pages indexed');

    // The pages are knowledge now: the knowledge page lists them.
    await page.goto(`${gateway.url}/knowledge`);
    await page.getByTestId('knowledge-entry').filter({ hasText: 'Installing widgets' }).waitFor();
    await page.close();
  });

  it('cancels a sync still running on a slow site', async () => {
    const page = await signedInPage(tenant.emails.supervisor, '/doc-sync');
    const card = await addSource(page, 'Slow docs', '/slow/');
    await card.getByRole('button', { name: 'Start sync' }).click();
    await card.getByTestId('sync-status').filter({ hasText: 'running' }).waitFor();
    await until(async () => Number(await card.getByTestId('sync-found').textContent()) > 1, 20_000, 'links found');
    await card.getByRole('button', { name: 'Cancel sync' }).click();
    await card.getByTestId('sync-status').filter({ hasText: 'cancelled' }).waitFor({ timeout: 30_000 });
    await expect(card.getByRole('button', { name: 'Start sync' }).count()).resolves.toBe(1);
    // Cut short, and it stays that way: nothing more is fetched after the cancellation.
    const handled = await card.getByTestId('sync-handled').textContent();
    expect(Number(handled)).toBeLessThan(Number(await card.getByTestId('sync-found').textContent()));
    await page.waitForTimeout(2 * SLOW_PAGE_MS);
    await expect(card.getByTestId('sync-handled').textContent()).resolves.toBe(handled);
    await expect(card.getByTestId('sync-status').textContent()).resolves.toBe('cancelled');

    await card.getByRole('button', { name: 'Delete' }).click();
    await card.getByRole('button', { name: 'Delete source' }).click();
    await card.waitFor({ state: 'detached' });
    await page.close();
  });

  it("adds a source from a preset, the fields left blank taking the preset's values", async () => {
    const presets = await graphql(gateway.url, '{ docSyncPresets { key name startUrl } }', {}, token);
    const preset = presets.data?.docSyncPresets[0];
    expect(preset).toBeDefined();
    const page = await signedInPage(tenant.emails.supervisor, '/doc-sync');
    const form = page.getByRole('form', { name: 'Add a documentation source' });
    await form.getByLabel('Preset').selectOption(preset.key);
    await expect(form.getByLabel('Start URL').getAttribute('placeholder')).resolves.toBe(preset.startUrl);
    await form.getByRole('button', { name: 'Add source' }).click();
    const card = page.getByRole('region', { name: preset.name });
    await card.getByText('Never synced.').waitFor();
    await expect(card.getByRole('link', { name: preset.startUrl }).count()).resolves.toBe(1);
    await card.getByRole('button', { name: 'Delete' }).click();
    await card.getByRole('button', { name: 'Delete source' }).click();
    await card.waitFor({ state: 'detached' });
    await page.close();
  });
});

describe('read-only roles', () => {
  it('lets a viewer read the knowledge and the doc sources but change nothing', async () => {
    const page = await signedInPage(tenant.emails.viewer, '/knowledge');
    await page.getByTestId('knowledge-entry').first().waitFor();
    await expect(page.getByRole('form', { name: 'Upload a file' }).count()).resolves.toBe(0);
    await expect(page.getByRole('form', { name: 'Add from text or a URL' }).count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: 'Delete' }).count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: 'Reindex' }).count()).resolves.toBe(0);
    await expect(page.getByRole('region', { name: 'Search playground' }).count()).resolves.toBe(1);

    await page.goto(`${gateway.url}/doc-sync`);
    await page.getByRole('region', { name: 'Widget docs' }).getByTestId('sync-status').waitFor();
    await expect(page.getByRole('form', { name: 'Add a documentation source' }).count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: 'Start sync' }).count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: 'Delete' }).count()).resolves.toBe(0);
    await page.close();
  });
});
