import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { countTokens } from '../../knowledge/chunk.ts';
import { createHashingEmbedder } from '../../knowledge/embed.ts';
import { createSentenceEncoderEmbedder } from '../../knowledge/sentence-encoder.ts';
import { createKnowledgeStore, type KnowledgeStore } from '../../knowledge/store.ts';
import { connectWeaviate, type WeaviateClient } from '../../lib/weaviate.ts';
import { knowledgeReindexWorkflowId, knowledgeWorkflowId } from '../../workflows/definitions/knowledge.ts';
import { testConfig, testEnv } from '../support/env.ts';
import { startGateway, type TestGateway } from '../support/gateway.ts';
import { graphql } from '../support/graphql.ts';
import { type RunningProcess, startProcess } from '../support/processes.ts';
import { createTenant, login, type Tenant } from '../support/tenants.ts';

/**
 * Changing the embedder: chunks another embedder wrote are re-embedded by the reindex workflow
 * (real Postgres, Temporal with a worker process, and Weaviate), then found by meaning again.
 */
let gateway: TestGateway;
let worker: RunningProcess;
let weaviate: WeaviateClient;
let current: KnowledgeStore;
let previous: KnowledgeStore;
let tenant: Tenant;
let token: string;
const env = testEnv();

const GUIDE = `# Store guide

## Opening hours

On Saturday we are open from nine in the morning until one in the afternoon.

## Returns

Returns are accepted within thirty days of purchase with the original receipt.
`;

beforeAll(async () => {
  gateway = await startGateway(testConfig(env));
  worker = startProcess('worker.ts', env);
  weaviate = await connectWeaviate(testConfig(env).weaviate);
  current = createKnowledgeStore(weaviate, createSentenceEncoderEmbedder());
  previous = createKnowledgeStore(weaviate, createHashingEmbedder());
  tenant = await createTenant(gateway.orm, 'Reindex');
  await worker.waitForLog('worker started');
  token = (await login(gateway.url, tenant.emails.supervisor)).accessToken;
});

afterAll(async () => {
  await gateway?.stop();
  await worker?.stop();
  await weaviate?.close();
});

const gql = (query: string, variables: Record<string, unknown> = {}) => graphql(gateway.url, query, variables, token);

const REINDEX_FIELDS = 'embedder status staleChunks totalChunks reembeddedChunks';
const reindexStatus = async () =>
  (
    await gql(
      `query ($b: ID!) { knowledgeReindex(businessId: $b) { ... on QueryKnowledgeReindexSuccess { data { ${REINDEX_FIELDS} } } } }`,
      { b: tenant.businessId },
    )
  ).data?.knowledgeReindex.data;

const searchFor = async (query: string) =>
  (
    await gql(
      `query ($b: ID!, $q: String!) { searchKnowledge(businessId: $b, query: $q, limit: 1) {
        ... on QuerySearchKnowledgeSuccess { data { chunkId heading similarity } } } }`,
      { b: tenant.businessId, q: query },
    )
  ).data?.searchKnowledge.data;

/** An entry indexed by the configured embedder: its id and its chunks' ids. */
async function indexedEntry() {
  const created = await gql(
    `mutation ($input: CreateKnowledgeEntryInput!) { createKnowledgeEntry(input: $input) {
      ... on MutationCreateKnowledgeEntrySuccess { data { id } } } }`,
    { input: { businessId: tenant.businessId, title: 'Store guide', text: GUIDE } },
  );
  const id = created.data?.createKnowledgeEntry.data.id as string;
  await gateway.temporal.workflow.getHandle(knowledgeWorkflowId(id)).result();
  const entry = await gql('query ($id: ID!) { knowledgeEntry(id: $id) { contentHash chunks { chunkId } } }', { id });
  return {
    id,
    contentHash: entry.data?.knowledgeEntry.contentHash as string,
    chunkIds: entry.data?.knowledgeEntry.chunks.map((c: { chunkId: string }) => c.chunkId) as string[],
  };
}

/** As if the entry had been indexed before the embedder changed: its chunks rewritten by the hashing embedder. */
async function embeddedBefore(entry: { id: string; contentHash: string }) {
  const hits = await current.chunksOf(tenant.businessId, entry.id);
  await previous.replaceChunks(
    tenant.businessId,
    {
      entryId: entry.id,
      contentHash: entry.contentHash,
      title: 'Store guide',
      sourceUrl: null,
      vendor: null,
      docType: null,
      version: null,
      tags: [],
    },
    hits.map((hit, index) => ({ index, heading: hit.heading, text: hit.text, tokens: countTokens(hit.text) })),
  );
  expect(await current.chunksOf(tenant.businessId, entry.id)).toHaveLength(hits.length);
}

describe('re-embedding when the embedder changes', () => {
  it('moves chunks another embedder wrote to the current one, reporting progress, and finds them by meaning again', async () => {
    const entry = await indexedEntry();
    const weekend = 'what time can I come in on the weekend';
    const before = await searchFor(weekend);
    expect(before[0].heading).toBe('Store guide > Opening hours');

    await embeddedBefore(entry);
    expect(await reindexStatus()).toMatchObject({ embedder: 'use-lite-512', status: 'pending', staleChunks: 2 });
    // Until they are re-embedded, the configured embedder's search cannot see them.
    expect(await searchFor(weekend)).toEqual([]);

    const started = await gql(
      `mutation ($b: ID!) { reindexKnowledge(businessId: $b) { __typename ... on MutationReindexKnowledgeSuccess { data { embedder } } } }`,
      { b: tenant.businessId },
    );
    expect(started.data?.reindexKnowledge.__typename).toBe('MutationReindexKnowledgeSuccess');
    const progress = await gateway.temporal.workflow.getHandle(knowledgeReindexWorkflowId(tenant.businessId)).result();
    expect(progress).toEqual({
      embedder: 'use-lite-512',
      status: 'done',
      totalChunks: 2,
      reembeddedChunks: 2,
      entries: 1,
    });

    expect(await reindexStatus()).toEqual({
      embedder: 'use-lite-512',
      status: 'current',
      staleChunks: 0,
      totalChunks: 2,
      reembeddedChunks: 2,
    });
    expect((await current.chunksOf(tenant.businessId, entry.id)).map((c) => c.chunkId)).toEqual(entry.chunkIds);
    const after = await searchFor(weekend);
    expect(after[0]).toMatchObject({ chunkId: before[0].chunkId, heading: 'Store guide > Opening hours' });
    expect(after[0].similarity).toBeCloseTo(before[0].similarity, 5);
  });

  it('starts the reindex by itself when a worker finds chunks of another embedder', async () => {
    const entry = await indexedEntry();
    await embeddedBefore(entry);
    await worker.stop();
    worker = startProcess('worker.ts', env);
    await worker.waitForLog('knowledge reindex started');
    const progress = await gateway.temporal.workflow.getHandle(knowledgeReindexWorkflowId(tenant.businessId)).result();
    expect(progress).toMatchObject({ status: 'done', reembeddedChunks: 2, entries: 1 });
    expect(await reindexStatus()).toMatchObject({ status: 'current', staleChunks: 0 });
  });
});
