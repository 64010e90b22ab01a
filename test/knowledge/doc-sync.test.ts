import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { docSyncScheduleId } from '../../workflows/definitions/doc-sync.ts';
import { testConfig, testEnv } from '../support/env.ts';
import { startGateway, type TestGateway } from '../support/gateway.ts';
import { collect, graphql, wsClient } from '../support/graphql.ts';
import { type RunningProcess, startProcess } from '../support/processes.ts';
import { createTenant, login, type Tenant } from '../support/tenants.ts';
import { eventually, until } from '../support/wait.ts';
import { buildDocs, DocSite, html } from './support/doc-site.ts';

/**
 * Documentation sync against a documentation site served by the test, with the real gateway, a
 * worker process, Postgres, Temporal and Weaviate.
 */
let gateway: TestGateway;
let worker: RunningProcess;
let env: Record<string, string>;
let docs: DocSite;
/** Sites of the cancel and crash tests, started here so the worker's allowlist can name them. */
let slow: DocSite;
let big: DocSite;
let tenant: Tenant;
let other: Tenant;
let token: string;
let otherToken: string;

beforeAll(async () => {
  [docs, slow, big] = await Promise.all([new DocSite().start(), new DocSite().start(), new DocSite().start()]);
  buildDocs(docs);
  env = testEnv({ FETCH_ALLOWED_HOSTS: [docs, slow, big].map((site) => new URL(site.url).host).join(',') });
  gateway = await startGateway(testConfig(env));
  worker = startProcess('worker.ts', env);
  [tenant, other] = await Promise.all([createTenant(gateway.orm, 'Doc sync'), createTenant(gateway.orm, 'Other')]);
  await worker.waitForLog('worker started');
  token = (await login(gateway.url, tenant.emails.supervisor)).accessToken;
  otherToken = (await login(gateway.url, other.emails.admin)).accessToken;
});

afterAll(async () => {
  await gateway?.stop();
  await worker?.stop();
  await Promise.all([docs, slow, big].map((site) => site?.stop()));
});

const gql = (query: string, variables: Record<string, unknown>, as = token) =>
  graphql(gateway.url, query, variables, as);

const RUN_FIELDS = 'id status trigger found fetched indexed unchanged failed removed skipped errors { url message }';
const CREATE = `mutation ($input: CreateDocSourceInput!) { createDocSource(input: $input) {
  __typename ... on MutationCreateDocSourceSuccess { data { id name vendor startUrl allowedPrefixes resyncEvery docTypeRules { pattern docType } } }
  ... on ValidationError { fieldErrors { field message } } } }`;
const START = `mutation ($s: ID!) { startDocSync(source: $s) { __typename
  ... on MutationStartDocSyncSuccess { data { ${RUN_FIELDS} } } ... on Error { message } } }`;
const CANCEL = `mutation ($s: ID!) { cancelDocSync(source: $s) { __typename
  ... on MutationCancelDocSyncSuccess { data { id } } ... on Error { message } } }`;
const SOURCE = `query ($s: ID!) { docSync(source: $s) { id pageCount lastRun { ${RUN_FIELDS} } runs { id status } } }`;
const ENTRIES = `query ($b: ID!) { knowledgeEntries(businessId: $b) { __typename
  ... on QueryKnowledgeEntriesSuccess { data { id title source sourceUrl docType vendor status chunkCount } } } }`;
const SEARCH = `query ($b: ID!, $q: String!) { searchKnowledge(businessId: $b, query: $q, limit: 3) {
  __typename ... on QuerySearchKnowledgeSuccess { data { entryId title text sourceUrl score } } } }`;

async function createSource(input: Record<string, unknown>, as = token, businessId = tenant.businessId) {
  const result = await gql(CREATE, { input: { businessId, ...input } }, as);
  expect(result.data?.createDocSource.__typename).toBe('MutationCreateDocSourceSuccess');
  return result.data!.createDocSource.data as { id: string; [key: string]: unknown };
}

async function startSync(sourceId: string) {
  const result = await gql(START, { s: sourceId });
  expect(result.data?.startDocSync).toMatchObject({ __typename: 'MutationStartDocSyncSuccess' });
  return result.data!.startDocSync.data as { id: string; status: string };
}

/** The source's last run once it is no longer running. */
const finishedRun = (sourceId: string, timeoutMs = 60_000) =>
  eventually(
    async () => {
      const run = (await gql(SOURCE, { s: sourceId })).data?.docSync.lastRun;
      return run && run.status !== 'RUNNING' ? run : undefined;
    },
    timeoutMs,
    'the sync to finish',
  );

const entriesOf = async (businessId = tenant.businessId) =>
  ((await gql(ENTRIES, { b: businessId })).data?.knowledgeEntries.data ?? []) as {
    title: string;
    source: string;
    sourceUrl: string;
    docType: string;
    vendor: string;
    status: string;
    chunkCount: number;
  }[];

/** The source of the first tests (the site in `docs`). */
let sourceId: string;

describe('documentation sync', () => {
  it('crawls a site within its prefixes, honouring robots.txt and the sitemap, and indexes its pages by kind', async () => {
    const source = await createSource({
      name: 'Example Voice docs',
      startUrl: `${docs.url}/docs/`,
      allowedPrefixes: [`${docs.url}/docs/`],
      vendor: 'Example',
      docTypeRules: [{ pattern: '/docs/guides/', docType: 'tutorial' }],
      requestsPerSecond: 20,
      concurrency: 2,
    });
    sourceId = source.id;
    const ws = wsClient(gateway.url, token);
    const progress = collect<{ docSyncProgress: { status: string; fetched: number; found: number } }>(
      ws,
      `subscription ($s: ID!) { docSyncProgress(source: $s) { status fetched found } }`,
      { s: sourceId },
      (items) => items.some((i) => i.docSyncProgress.status === 'COMPLETED'),
      60_000,
    );
    await new Promise((resolve) => setTimeout(resolve, 300)); // the subscription is registered
    const started = await startSync(sourceId);
    expect(started).toMatchObject({ status: 'RUNNING', trigger: 'MANUAL' });

    const run = await finishedRun(sourceId);
    expect(run).toMatchObject({ id: started.id, status: 'COMPLETED', indexed: 5, failed: 0, removed: 0 });
    // The private page (robots.txt) and the redirect are found but left out; the outside page is never found.
    expect(run.skipped).toBe(2);
    expect(run.found).toBe(7);
    expect(docs.fetches('/docs/private/keys')).toEqual([]);
    expect(docs.fetches('/outside/page')).toEqual([]);
    expect(docs.fetches('/docs/guides/setup')).toHaveLength(1); // linked three ways, fetched once

    const events = (await progress).map((i) => i.docSyncProgress);
    ws.dispose();
    expect(events.at(-1)).toMatchObject({ status: 'COMPLETED', fetched: 5, found: 7 });
    const fetchedSeen = events.map((e) => e.fetched);
    expect(fetchedSeen).toEqual([...fetchedSeen].sort((a, b) => a - b));

    const entries = await entriesOf();
    const byPath = Object.fromEntries(entries.map((e) => [new URL(e.sourceUrl).pathname, e]));
    expect(Object.keys(byPath).sort()).toEqual([
      '/docs/',
      '/docs/api/calls',
      '/docs/changelog',
      '/docs/guides/setup',
      '/docs/orphan',
    ]);
    expect(byPath['/docs/guides/setup']).toMatchObject({
      title: 'Setting up a phone number',
      source: 'DOC_SYNC',
      docType: 'tutorial',
      vendor: 'Example',
      status: 'READY',
    });
    expect(byPath['/docs/api/calls']!.docType).toBe('api_reference');
    expect(byPath['/docs/changelog']!.docType).toBe('changelog');
    expect(byPath['/docs/orphan']!.docType).toBe('guide');

    const hits = (await gql(SEARCH, { b: tenant.businessId, q: 'how do I buy a phone number' })).data?.searchKnowledge
      .data;
    expect(hits[0]).toMatchObject({ title: 'Setting up a phone number', sourceUrl: `${docs.url}/docs/guides/setup` });
    expect(hits[0].text).not.toContain('Sign in'); // navigation is not content
  });

  it('re-syncs incrementally: validators answer 304, changed pages are re-indexed, removed pages deleted', async () => {
    docs.requests = [];
    docs.pages.set('/docs/changelog', {
      body: html(
        'Changelog',
        '<h2>December 2026</h2><p>Call recordings are now kept for one hundred and twenty days.</p>',
      ),
    });
    docs.pages.delete('/docs/orphan');
    await startSync(sourceId);
    const run = await finishedRun(sourceId);
    expect(run).toMatchObject({ status: 'COMPLETED', indexed: 1, unchanged: 3, removed: 1, failed: 0 });
    // The pages with an ETag or Last-Modified were asked conditionally and not sent again.
    expect(docs.fetches('/docs/guides/setup')).toEqual([
      { path: '/docs/guides/setup', status: 304, conditional: true },
    ]);
    expect(docs.fetches('/docs/api/calls')).toEqual([{ path: '/docs/api/calls', status: 304, conditional: true }]);

    const entries = await entriesOf();
    expect(entries.map((e) => new URL(e.sourceUrl).pathname)).not.toContain('/docs/orphan');
    const hits = (await gql(SEARCH, { b: tenant.businessId, q: 'how long are call recordings kept' })).data
      ?.searchKnowledge.data;
    expect(hits[0].text).toContain('one hundred and twenty days');
    const texts = hits.map((h: { text: string }) => h.text).join(' ');
    expect(texts).not.toContain('ninety days');
    expect(texts).not.toContain('Legacy status webhooks');
  });

  it('refuses a second sync while one runs, and cancels one without removing anything', async () => {
    const paths = Array.from({ length: 12 }, (_, i) => `/docs/p${i}`);
    slow.pages.set('/docs/', { body: html('Slow docs', '<p>Index of the slow docs.</p>', paths) });
    for (const path of paths)
      slow.pages.set(path, { delayMs: 400, body: html(`Page ${path}`, `<p>Text of ${path}.</p>`) });
    const source = await createSource({ startUrl: `${slow.url}/docs/`, requestsPerSecond: 5, concurrency: 1 });
    await startSync(source.id);
    const again = await gql(START, { s: source.id });
    expect(again.data?.startDocSync).toMatchObject({ __typename: 'ConflictError' });
    await until(
      async () => (await gql(SOURCE, { s: source.id })).data?.docSync.lastRun.indexed >= 2,
      30_000,
      'two pages',
    );
    const cancelled = await gql(CANCEL, { s: source.id });
    expect(cancelled.data?.cancelDocSync.__typename).toBe('MutationCancelDocSyncSuccess');
    const run = await finishedRun(source.id);
    expect(run.status).toBe('CANCELLED');
    expect(run.indexed).toBeLessThan(13);
    const after = (await gql(SOURCE, { s: source.id })).data?.docSync;
    // Nothing was removed; a page in flight when the cancel came may still have been indexed.
    expect(after.pageCount).toBeGreaterThanOrEqual(run.indexed);
    expect(after.pageCount).toBeLessThanOrEqual(run.indexed + 1);
    // A page already on its way may still arrive; after that nothing more is fetched.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const requestsAfterCancel = slow.requests.length;
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(slow.requests.length).toBe(requestsAfterCancel);
    expect(requestsAfterCancel).toBeLessThan(14);
    expect((await gql(CANCEL, { s: source.id })).data?.cancelDocSync.__typename).toBe('ConflictError');
  });

  it('resumes after the worker is killed without fetching again what it already indexed', async () => {
    const paths = Array.from({ length: 20 }, (_, i) => `/docs/page-${i}`);
    big.pages.set('/docs/', { body: html('Big docs', '<p>Index of the big docs.</p>', paths) });
    for (const path of paths) {
      big.pages.set(path, { delayMs: 150, body: html(`Topic ${path}`, `<p>Everything about ${path}.</p>`) });
    }
    const source = await createSource({ startUrl: `${big.url}/docs/`, requestsPerSecond: 10, concurrency: 2 });
    await startSync(source.id);
    await until(
      async () => (await gql(SOURCE, { s: source.id })).data?.docSync.lastRun.indexed >= 6,
      30_000,
      'six pages',
    );
    worker.child.kill('SIGKILL');
    const beforeCrash = new Set(big.requests.map((r) => r.path));
    await new Promise((resolve) => setTimeout(resolve, 1000));
    worker = startProcess('worker.ts', env);
    await worker.waitForLog('worker started');

    const run = await finishedRun(source.id, 90_000);
    expect(run).toMatchObject({ status: 'COMPLETED', indexed: 21, failed: 0 });
    expect((await gql(SOURCE, { s: source.id })).data?.docSync.pageCount).toBe(21);
    // Only a page that was in flight when the worker died may be fetched twice (at most one per crawler).
    const twice = [...beforeCrash].filter((path) => big.fetches(path).length > 1);
    expect(twice.length).toBeLessThanOrEqual(2);
    expect(big.requests.filter((r) => r.path.startsWith('/docs/')).length).toBeLessThanOrEqual(21 + 2);
  });
});

describe('doc sources', () => {
  it('makes a source from a preset, keeps a Temporal schedule for its re-sync, and validates input', async () => {
    const presets = (await gql('{ docSyncPresets { key vendor startUrl } }', {})).data?.docSyncPresets;
    expect(presets.map((p: { key: string }) => p.key)).toEqual([
      'openai',
      'twilio',
      'ringcentral',
      'hubspot',
      'google-cloud',
    ]);
    const source = await createSource({ preset: 'twilio', resyncEvery: '24h' });
    expect(source).toMatchObject({
      vendor: 'Twilio',
      startUrl: 'https://www.twilio.com/docs/voice',
      resyncEvery: '24h',
    });
    expect((source.docTypeRules as unknown[]).length).toBeGreaterThan(0);
    const schedule = await gateway.temporal.schedule.getHandle(docSyncScheduleId(source.id)).describe();
    expect(schedule.spec.intervals?.[0]?.every).toBe(24 * 3600 * 1000);
    expect(schedule.action).toMatchObject({ type: 'startWorkflow', workflowType: 'docSyncWorkflow' });

    const update = await gql(
      'mutation ($id: ID!, $i: UpdateDocSourceInput!) { updateDocSource(id: $id, input: $i) { __typename } }',
      { id: source.id, i: { resyncEvery: null } },
    );
    expect(update.data?.updateDocSource.__typename).toBe('MutationUpdateDocSourceSuccess');
    await expect(gateway.temporal.schedule.getHandle(docSyncScheduleId(source.id)).describe()).rejects.toThrow();

    const bad = await gql(CREATE, {
      input: {
        businessId: tenant.businessId,
        startUrl: 'ftp://example.com/docs',
        docTypeRules: [{ pattern: '(', docType: 'guide' }],
        resyncEvery: '5m',
      },
    });
    expect(bad.data?.createDocSource.__typename).toBe('ValidationError');
    expect(bad.data?.createDocSource.fieldErrors.map((e: { field: string }) => e.field).sort()).toEqual([
      'docTypeRules.0.pattern',
      'resyncEvery',
      'startUrl',
    ]);
    const unknownPreset = await gql(CREATE, { input: { businessId: tenant.businessId, preset: 'nope' } });
    expect(unknownPreset.data?.createDocSource.fieldErrors[0].field).toBe('preset');
  });

  it("keeps one business's sources and pages from another", async () => {
    expect(
      (await gql(SOURCE, { s: (await createSource({ startUrl: `${docs.url}/docs/` })).id }, otherToken)).data?.docSync,
    ).toBeNull();
    const mine = await createSource({ startUrl: `${docs.url}/docs/` });
    expect((await gql(START, { s: mine.id }, otherToken)).data?.startDocSync.__typename).toBe('NotFoundError');
    const list = await gql(
      'query ($b: ID!) { docSyncs(businessId: $b) { __typename } }',
      { b: tenant.businessId },
      otherToken,
    );
    expect(list.data?.docSyncs.__typename).toBe('NotFoundError');
    expect(await entriesOf(other.businessId)).toEqual([]);
  });

  it('deletes a source with its pages and chunks', async () => {
    const sites = (
      await gql(
        'query ($b: ID!) { docSyncs(businessId: $b) { __typename ... on QueryDocSyncsSuccess { data { id pageCount } } } }',
        {
          b: tenant.businessId,
        },
      )
    ).data?.docSyncs.data as { id: string; pageCount: number }[];
    const synced = sites.find((s) => s.id === sourceId)!;
    expect(synced.pageCount).toBe(4);
    const result = await gql('mutation ($id: ID!) { deleteDocSource(id: $id) { __typename } }', { id: synced.id });
    expect(result.data?.deleteDocSource.__typename).toBe('MutationDeleteDocSourceSuccess');
    expect((await gql(SOURCE, { s: synced.id })).data?.docSync).toBeNull();
    const hits = (await gql(SEARCH, { b: tenant.businessId, q: 'buy a phone number in the dashboard' })).data
      ?.searchKnowledge.data;
    expect(hits.filter((h: { sourceUrl: string }) => h.sourceUrl?.startsWith(`${docs.url}/docs/`))).toEqual([]);
  });
});
