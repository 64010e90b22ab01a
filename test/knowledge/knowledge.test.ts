import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { BusinessConfig } from '../../db/entities/index.ts';
import { knowledgeWorkflowId } from '../../workflows/definitions/knowledge.ts';
import { buildPdf } from '../fixtures/knowledge/builders.ts';
import { testConfig, testEnv } from '../support/env.ts';
import { startGateway, type TestGateway } from '../support/gateway.ts';
import { graphql } from '../support/graphql.ts';
import { type RunningProcess, startProcess } from '../support/processes.ts';
import { createTenant, login, type Tenant } from '../support/tenants.ts';

/** Knowledge entries against real Postgres, Temporal (a worker process) and Weaviate. */
let gateway: TestGateway;
let worker: RunningProcess;
let site: Server;
let siteUrl: string;
let tenant: Tenant;
let other: Tenant;
let token: string;
let otherToken: string;

const HOURS_MD = `# Store guide

## Opening hours

We are open Monday to Friday from eight in the morning to six in the evening.

On Saturday we open at nine and close at one in the afternoon. We are closed on Sunday.

## Returns

Returns are accepted within thirty days of purchase with the original receipt.
`;

const PAGE = `<!doctype html><html><head><title>Shipping policy</title></head><body>
<nav><a href="/">Home</a> <a href="/shop">Shop</a> Sign in to your account</nav>
<main><h1>Shipping</h1><p>Standard shipping takes three to five working days.</p>
<h2>Express</h2><p>Express parcels arrive the next working day when ordered before noon.</p></main>
<footer>Copyright Acme Widgets</footer></body></html>`;

beforeAll(async () => {
  site = createServer((req, res) => {
    if (req.url === '/shipping') res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE);
    else res.writeHead(404).end('not found');
  });
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
  const env = testEnv({ MAX_UPLOAD_BYTES: '200000', FETCH_ALLOWED_HOSTS: new URL(siteUrl).host });
  gateway = await startGateway(testConfig(env));
  worker = startProcess('worker.ts', env);
  [tenant, other] = await Promise.all([createTenant(gateway.orm, 'Knowledge'), createTenant(gateway.orm, 'Other')]);
  await worker.waitForLog('worker started');
  token = (await login(gateway.url, tenant.emails.supervisor)).accessToken;
  otherToken = (await login(gateway.url, other.emails.admin)).accessToken;
});

afterAll(async () => {
  await gateway?.stop();
  await worker?.stop();
  await new Promise((resolve) => site?.close(resolve));
});

const gql = (query: string, variables: Record<string, unknown>, as = token) =>
  graphql(gateway.url, query, variables, as);

const CREATE = `mutation ($input: CreateKnowledgeEntryInput!) { createKnowledgeEntry(input: $input) {
  __typename ... on MutationCreateKnowledgeEntrySuccess { data { id status } }
  ... on ValidationError { fieldErrors { field message } } } }`;
const ENTRY = `query ($id: ID!) { knowledgeEntry(id: $id) {
  id title status error chunkCount contentHash indexedAt chunks { chunkId heading text } } }`;
const SEARCH = `query ($b: ID!, $q: String!, $alpha: Float) { searchKnowledge(businessId: $b, query: $q, alpha: $alpha, limit: 3) {
  __typename ... on QuerySearchKnowledgeSuccess { data { chunkId entryId title heading text score } } } }`;

async function create(input: Record<string, unknown>): Promise<string> {
  const result = await gql(CREATE, { input: { businessId: tenant.businessId, ...input } });
  expect(result.data?.createKnowledgeEntry.__typename).toBe('MutationCreateKnowledgeEntrySuccess');
  return result.data!.createKnowledgeEntry.data.id;
}

/** The entry once its ingestion workflow has finished. */
async function settled(id: string) {
  await gateway.temporal.workflow.getHandle(knowledgeWorkflowId(id)).result();
  return (await gql(ENTRY, { id })).data?.knowledgeEntry;
}

const search = async (query: string, alpha?: number, as = token, businessId = tenant.businessId) =>
  (await gql(SEARCH, { b: businessId, q: query, alpha }, as)).data?.searchKnowledge;

describe('knowledge entries', () => {
  it('chunks a markdown entry by its headings and finds the right chunk by keywords, vectors and both', async () => {
    const id = await create({ title: 'Store guide', text: HOURS_MD, docType: 'guide', tags: ['store'] });
    const entry = await settled(id);
    expect(entry.status).toBe('READY');
    expect(entry.chunkCount).toBe(entry.chunks.length);
    expect(entry.chunks.map((c: { heading: string }) => c.heading)).toEqual([
      'Store guide > Opening hours',
      'Store guide > Returns',
    ]);
    for (const alpha of [0, 0.5, 1]) {
      const result = await search('When do you open on Saturday?', alpha);
      expect(result.__typename).toBe('QuerySearchKnowledgeSuccess');
      expect(result.data[0]).toMatchObject({ entryId: id, heading: 'Store guide > Opening hours' });
      expect(result.data[0].score).toBeGreaterThan(0);
    }
  });

  it('writes nothing for an unchanged document, replaces chunks for a changed one, and deletes them with the entry', async () => {
    const id = await create({ text: '# Gift cards\n\nGift cards never expire and can be used online.' });
    const first = await settled(id);
    expect(first.title).toBe('Gift cards');
    await gql('mutation ($id: ID!) { reindexKnowledgeEntry(id: $id) { __typename } }', { id });
    expect(await gateway.temporal.workflow.getHandle(knowledgeWorkflowId(id)).result()).toEqual({
      status: 'unchanged',
      chunks: 0,
    });
    expect((await gql(ENTRY, { id })).data?.knowledgeEntry.indexedAt).toBe(first.indexedAt);

    await gql(
      'mutation ($id: ID!, $i: UpdateKnowledgeEntryInput!) { updateKnowledgeEntry(id: $id, input: $i) { __typename } }',
      {
        id,
        i: { text: '# Gift cards\n\nGift cards expire after five years.' },
      },
    );
    const changed = await settled(id);
    expect(changed.contentHash).not.toBe(first.contentHash);
    expect(changed.chunks.map((c: { text: string }) => c.text).join(' ')).toContain('five years');
    expect(changed.chunks.map((c: { text: string }) => c.text).join(' ')).not.toContain('never expire');

    await gql('mutation ($id: ID!) { deleteKnowledgeEntry(id: $id) { __typename } }', { id });
    expect((await gql(ENTRY, { id })).data?.knowledgeEntry).toBeNull();
    const hits = (await search('gift cards expire', 0)).data;
    expect(hits.filter((h: { entryId: string }) => h.entryId === id)).toEqual([]);
  });

  it("ingests a web page's main content and reports a page that cannot be fetched", async () => {
    const id = await create({ url: `${siteUrl}/shipping`, vendor: 'Acme' });
    const entry = await settled(id);
    expect(entry.status).toBe('READY');
    expect(entry.title).toBe('Shipping policy');
    const text = entry.chunks.map((c: { text: string }) => c.text).join('\n');
    expect(text).toContain('Express parcels arrive the next working day');
    expect(text).not.toContain('Sign in to your account');
    expect(text).not.toContain('Copyright');

    const missing = await settled(await create({ url: `${siteUrl}/gone` }));
    expect(missing.status).toBe('FAILED');
    expect(missing.error).toContain('HTTP 404');
  });

  it('keeps each business to its own knowledge and refuses bad input', async () => {
    const foreign = await search('Saturday opening hours', 0.5, otherToken, other.businessId);
    expect(foreign.data).toEqual([]);
    const intruder = await search('Saturday opening hours', 0.5, otherToken);
    expect(intruder.__typename).toBe('NotFoundError');

    const both = await gql(CREATE, { input: { businessId: tenant.businessId, text: 'x', url: `${siteUrl}/shipping` } });
    expect(both.data?.createKnowledgeEntry.__typename).toBe('ValidationError');
    const ftp = await gql(CREATE, { input: { businessId: tenant.businessId, url: 'ftp://example.test/file' } });
    expect(ftp.data?.createKnowledgeEntry.fieldErrors[0].field).toBe('url');
    const viewer = (await login(gateway.url, tenant.emails.viewer)).accessToken;
    const refused = await gql(CREATE, { input: { businessId: tenant.businessId, text: 'x' } }, viewer);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    // A second business in the same organisation has its own tenant too.
    const em = gateway.orm.em.fork();
    const sibling = em.create(BusinessConfig, {
      organization: tenant.organizationId,
      name: `Sibling ${Date.now()}`,
      systemPrompt: 'x',
    });
    await em.flush();
    expect((await search('Saturday opening hours', 0.5, token, sibling.id)).data).toEqual([]);
  });

  it('takes uploads as GraphQL multipart requests, refusing unsupported, broken and oversized files', async () => {
    const upload = (bytes: Uint8Array, name: string) => {
      const form = new FormData();
      form.set(
        'operations',
        JSON.stringify({
          query: `mutation ($b: ID!, $file: File!) { uploadKnowledgeDocument(businessId: $b, file: $file, input: { tags: ["policy"] }) {
            __typename ... on MutationUploadKnowledgeDocumentSuccess { data { id } }
            ... on ValidationError { fieldErrors { field message } } } }`,
          variables: { b: tenant.businessId, file: null },
        }),
      );
      form.set('map', JSON.stringify({ 0: ['variables.file'] }));
      form.set('0', new Blob([new Uint8Array(bytes)]), name);
      return fetch(`${gateway.url}/graphql`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
        body: form,
      });
    };
    const pdf = buildPdf(
      [
        [
          { text: 'Warranty', size: 20, y: 700 },
          { text: 'Every blender carries a two year warranty against defects.', size: 11, y: 660 },
        ],
      ],
      'Warranty terms',
    );
    const accepted = await (await upload(pdf, 'warranty.pdf')).json();
    expect(accepted.data.uploadKnowledgeDocument.__typename).toBe('MutationUploadKnowledgeDocumentSuccess');
    const entry = await settled(accepted.data.uploadKnowledgeDocument.data.id);
    expect(entry).toMatchObject({ status: 'READY', title: 'Warranty terms' });
    expect(entry.chunks[0].text).toContain('two year warranty');
    expect((await search('blender warranty', 0.5)).data[0].entryId).toBe(entry.id);

    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    const refused = await (await upload(png, 'photo.pdf')).json();
    expect(refused.data.uploadKnowledgeDocument.fieldErrors[0]).toMatchObject({
      field: 'file',
      message: expect.stringMatching(/PNG/i),
    });
    const broken = await (await upload(pdf.subarray(0, pdf.length / 2), 'half.pdf')).json();
    expect(broken.data.uploadKnowledgeDocument.fieldErrors[0]).toMatchObject({
      field: 'file',
      message: expect.stringMatching(/could not be read as/),
    });
    const huge = await upload(new TextEncoder().encode('a'.repeat(300_000)), 'big.txt');
    expect(huge.status).toBe(413);
  });
});
