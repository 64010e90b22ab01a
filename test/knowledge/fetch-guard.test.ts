import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from '../../lib/config.ts';
import { knowledgeWorkflowId } from '../../workflows/definitions/knowledge.ts';
import { testConfig, testEnv } from '../support/env.ts';
import { startGateway, type TestGateway } from '../support/gateway.ts';
import { graphql } from '../support/graphql.ts';
import { type RunningProcess, startProcess } from '../support/processes.ts';
import { createTenant, login, type Tenant } from '../support/tenants.ts';
import { eventually } from '../support/wait.ts';

/**
 * Knowledge URLs and documentation sync fetch only public addresses, or what FETCH_ALLOWED_HOSTS
 * names: here exactly one fixture site. A second server on loopback stands for the platform's own
 * services (Temporal UI, Weaviate, the bridge, the mail catcher) and must never be reached.
 */
let gateway: TestGateway;
let worker: RunningProcess;
let site: Server;
let internal: Server;
let siteUrl: string;
let internalUrl: string;
const internalRequests: string[] = [];
const siteRequests: string[] = [];
let tenant: Tenant;
let token: string;

const internalPort = () => new URL(internalUrl).port;

const listen = async (server: Server) => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
};

beforeAll(async () => {
  internal = createServer((req, res) => {
    internalRequests.push(req.url ?? '');
    res.writeHead(200, { 'content-type': 'text/plain' }).end('Internal objects of every organisation.');
  });
  site = createServer((req, res) => {
    siteRequests.push(req.url ?? '');
    const page = (body: string) =>
      res
        .writeHead(200, { 'content-type': 'text/html' })
        .end(`<!doctype html><html><body><main>${body}</main></body></html>`);
    if (req.url === '/faq') page('<h1>FAQ</h1><p>Parcels ship within two working days of the order.</p>');
    else if (req.url === '/moved') res.writeHead(302, { location: `${internalUrl}/v1/objects` }).end();
    else if (req.url === '/renamed')
      res.writeHead(301, { location: `http://localhost:${internalPort()}/v1/objects` }).end();
    else if (req.url === '/loop') res.writeHead(307, { location: '/loop' }).end();
    else if (req.url === '/docs/')
      page(`<h1>Docs</h1><p>Start here.</p><a href="${internalUrl}/docs/secrets">more</a>`);
    else res.writeHead(404).end('not found');
  });
  [siteUrl, internalUrl] = await Promise.all([listen(site), listen(internal)]);
  const env = testEnv({ FETCH_ALLOWED_HOSTS: new URL(siteUrl).host });
  gateway = await startGateway(testConfig(env));
  worker = startProcess('worker.ts', env);
  tenant = await createTenant(gateway.orm, 'Fetch guard');
  await worker.waitForLog('worker started');
  token = (await login(gateway.url, tenant.emails.admin)).accessToken;
});

afterAll(async () => {
  await gateway?.stop();
  await worker?.stop();
  await Promise.all([site, internal].map((server) => new Promise((resolve) => server?.close(resolve))));
});

const gql = (query: string, variables: Record<string, unknown>) => graphql(gateway.url, query, variables, token);

const CREATE_ENTRY = `mutation ($input: CreateKnowledgeEntryInput!) { createKnowledgeEntry(input: $input) {
  __typename ... on MutationCreateKnowledgeEntrySuccess { data { id } }
  ... on ValidationError { fieldErrors { field message } } } }`;
const UPDATE_ENTRY = `mutation ($id: ID!, $i: UpdateKnowledgeEntryInput!) { updateKnowledgeEntry(id: $id, input: $i) {
  __typename ... on ValidationError { fieldErrors { field message } } } }`;
const ENTRY = 'query ($id: ID!) { knowledgeEntry(id: $id) { status error sourceUrl chunks { text } } }';
const ENTRIES = `query ($b: ID!) { knowledgeEntries(businessId: $b) {
  ... on QueryKnowledgeEntriesSuccess { data { sourceUrl } } } }`;
const CREATE_SOURCE = `mutation ($input: CreateDocSourceInput!) { createDocSource(input: $input) {
  __typename ... on MutationCreateDocSourceSuccess { data { id } }
  ... on ValidationError { fieldErrors { field message } } } }`;
const UPDATE_SOURCE = `mutation ($id: ID!, $i: UpdateDocSourceInput!) { updateDocSource(id: $id, input: $i) {
  __typename ... on ValidationError { fieldErrors { field message } } } }`;

const createEntry = (url: string) => gql(CREATE_ENTRY, { input: { businessId: tenant.businessId, url } });

/** The entry once its ingestion workflow has finished. */
async function settled(id: string) {
  await gateway.temporal.workflow.getHandle(knowledgeWorkflowId(id)).result();
  return (await gql(ENTRY, { id })).data?.knowledgeEntry;
}

describe('fetching knowledge URLs', () => {
  it('refuses URLs of loopback, private and link-local addresses with a ValidationError on url', async () => {
    const refused = {
      'http://127.0.0.1:8233/api/v1/namespaces': '127.0.0.1 is a loopback address',
      'http://localhost:8080/v1/objects': 'localhost resolves to a loopback address',
      'http://[::1]:8081/healthz': '::1 is a loopback address',
      'http://0.0.0.0:1080/messages': '0.0.0.0 is an unspecified address',
      'http://[::ffff:127.0.0.1]:8080/v1/objects': 'is a loopback address',
      'http://10.0.0.5/admin': '10.0.0.5 is a private-network address',
      'http://192.168.1.10/': '192.168.1.10 is a private-network address',
      'http://169.254.169.254/latest/meta-data/': '169.254.169.254 is a link-local address',
      [`${internalUrl}/v1/objects`]: '127.0.0.1 is a loopback address',
    };
    for (const [url, reason] of Object.entries(refused)) {
      const result = (await createEntry(url)).data?.createKnowledgeEntry;
      expect(result?.__typename).toBe('ValidationError');
      expect(result.fieldErrors).toEqual([{ field: 'url', message: expect.stringContaining(reason) }]);
    }
    const stored = (await gql(ENTRIES, { b: tenant.businessId })).data?.knowledgeEntries.data;
    expect(stored).toEqual([]);
    expect(internalRequests).toEqual([]);
  });

  it('fetches the allowlisted site, and fails for good an entry that redirects to a loopback port it does not name', async () => {
    const faq = await createEntry(`${siteUrl}/faq`);
    const ready = await settled(faq.data?.createKnowledgeEntry.data.id);
    expect(ready.status).toBe('READY');
    expect(ready.chunks[0].text).toContain('two working days');

    const moved = await createEntry(`${siteUrl}/moved`);
    expect(moved.data?.createKnowledgeEntry.__typename).toBe('MutationCreateKnowledgeEntrySuccess');
    const failed = await settled(moved.data?.createKnowledgeEntry.data.id);
    expect(failed.status).toBe('FAILED');
    expect(failed.error).toBe(`Refused to fetch ${internalUrl}/v1/objects: 127.0.0.1 is a loopback address.`);
    // Not retried: a refusal is final.
    expect(siteRequests.filter((path) => path === '/moved')).toHaveLength(1);
    expect(internalRequests).toEqual([]);
  });

  it('checks the address a redirect target resolves to when connecting, and gives up on a redirect loop', async () => {
    const renamed = await settled((await createEntry(`${siteUrl}/renamed`)).data?.createKnowledgeEntry.data.id);
    expect(renamed).toMatchObject({
      status: 'FAILED',
      error: `Refused to fetch http://localhost:${internalPort()}/v1/objects: localhost resolves to a loopback address.`,
    });
    const loop = await settled((await createEntry(`${siteUrl}/loop`)).data?.createKnowledgeEntry.data.id);
    expect(loop).toMatchObject({ status: 'FAILED', error: `${siteUrl}/loop redirects more than 5 times` });
    expect(siteRequests.filter((path) => path === '/loop')).toHaveLength(6);
    expect(internalRequests).toEqual([]);
  });

  it('refuses a new url pointing inside the platform on updateKnowledgeEntry', async () => {
    const created = await createEntry(`${siteUrl}/faq`);
    const id = created.data?.createKnowledgeEntry.data.id;
    await settled(id);
    const result = (await gql(UPDATE_ENTRY, { id, i: { url: `${internalUrl}/secrets` } })).data?.updateKnowledgeEntry;
    expect(result.__typename).toBe('ValidationError');
    expect(result.fieldErrors).toEqual([{ field: 'url', message: expect.stringContaining('loopback address') }]);
    expect((await gql(ENTRY, { id })).data?.knowledgeEntry.sourceUrl).toBe(`${siteUrl}/faq`);
  });
});

describe('documentation sync', () => {
  it('refuses sources whose start URL or sitemap points inside the platform', async () => {
    const created = (
      await gql(CREATE_SOURCE, {
        input: {
          businessId: tenant.businessId,
          startUrl: 'http://localhost:8233/namespaces/default/workflows',
          sitemapUrl: 'http://169.254.169.254/latest/meta-data/',
        },
      })
    ).data?.createDocSource;
    expect(created.__typename).toBe('ValidationError');
    expect(created.fieldErrors).toEqual([
      { field: 'startUrl', message: expect.stringContaining('localhost resolves to a loopback address') },
      { field: 'sitemapUrl', message: expect.stringContaining('169.254.169.254 is a link-local address') },
    ]);

    const source = (
      await gql(CREATE_SOURCE, { input: { businessId: tenant.businessId, startUrl: `${siteUrl}/docs/` } })
    ).data?.createDocSource;
    expect(source.__typename).toBe('MutationCreateDocSourceSuccess');
    const updated = (await gql(UPDATE_SOURCE, { id: source.data.id, i: { startUrl: 'http://10.1.2.3/docs/' } })).data
      ?.updateDocSource;
    expect(updated.fieldErrors).toEqual([
      { field: 'startUrl', message: expect.stringContaining('10.1.2.3 is a private-network address') },
    ]);
  });

  it('counts a crawled page on a refused address as a failed page, and never requests it', async () => {
    const source = (
      await gql(CREATE_SOURCE, {
        input: {
          businessId: tenant.businessId,
          startUrl: `${siteUrl}/docs/`,
          allowedPrefixes: [`${siteUrl}/docs/`, `${internalUrl}/docs/`],
          requestsPerSecond: 20,
        },
      })
    ).data?.createDocSource.data;
    const started = await gql('mutation ($s: ID!) { startDocSync(source: $s) { __typename } }', { s: source.id });
    expect(started.data?.startDocSync.__typename).toBe('MutationStartDocSyncSuccess');
    const run = await eventually(async () => {
      const last = (
        await gql(
          'query ($s: ID!) { docSync(source: $s) { lastRun { status indexed failed errors { url message } } } }',
          {
            s: source.id,
          },
        )
      ).data?.docSync.lastRun;
      return last && last.status !== 'RUNNING' ? last : undefined;
    }, 60_000);
    expect(run).toMatchObject({ status: 'COMPLETED', indexed: 1, failed: 1 });
    expect(run.errors).toEqual([
      {
        url: `${internalUrl}/docs/secrets`,
        message: `Refused to fetch ${internalUrl}/docs/secrets: 127.0.0.1 is a loopback address.`,
      },
    ]);
    expect(internalRequests).toEqual([]);
  });
});

describe('FETCH_ALLOWED_HOSTS', () => {
  it('takes hosts, host:port, IP addresses, IP:port and CIDR ranges, and names a bad entry', () => {
    const config = loadConfig({
      FETCH_ALLOWED_HOSTS: 'docs.internal, wiki.internal:8443, 10.20.0.0/16, 10.30.0.7:8080, [fd00::7]:80',
    });
    expect(config.knowledge.fetchAllowedHosts).toEqual([
      { host: 'docs.internal', port: null },
      { host: 'wiki.internal', port: 8443 },
      { network: '10.20.0.0/16', port: null },
      { network: '10.30.0.7/32', port: 8080 },
      { network: 'fd00::7/128', port: 80 },
    ]);
    expect(() => loadConfig({ FETCH_ALLOWED_HOSTS: 'docs.internal,http://x/,10.0.0.0/99' })).toThrow(ConfigError);
    expect(() => loadConfig({ FETCH_ALLOWED_HOSTS: 'docs.internal,http://x/,10.0.0.0/99' })).toThrow(
      /FETCH_ALLOWED_HOSTS: http:\/\/x\/, 10\.0\.0\.0\/99: each entry must be/,
    );
  });
});
