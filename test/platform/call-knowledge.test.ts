import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { knowledgeWorkflowId } from '../../workflows/definitions/knowledge.ts';
import { launchBrowser } from '../support/browser.ts';
import { type CallStack, FAST_SPEECH, finishedCall, placeCall, startCallStack } from '../support/call-stack.ts';
import { graphql } from '../support/graphql.ts';
import { artifacts, newSignedInPage } from '../web/support/calls-console.ts';

/**
 * The knowledge base on a call, end to end: a document ingested by its workflow, a caller who
 * does not use its words, the agent's answer with its citation in GraphQL and on the call's page
 * (telephony and Realtime simulators, gateway, worker, bridge, Weaviate, headless Chromium).
 */
let stack: CallStack;
let browser: Browser;
let entryId: string;
let hoursChunkId: string;

const GUIDE = [
  '# Store guide',
  '## Opening hours',
  'On Saturday we are open from nine in the morning until one in the afternoon. We are closed on Sunday.',
  '## Returns',
  'Returns are accepted within thirty days of purchase with the original receipt.',
].join('\n\n');

beforeAll(async () => {
  stack = await startCallStack('Call knowledge', { speechMsPerCharacter: FAST_SPEECH });
  browser = await launchBrowser();
  const created = await gql(
    `mutation ($input: CreateKnowledgeEntryInput!) { createKnowledgeEntry(input: $input) {
      ... on MutationCreateKnowledgeEntrySuccess { data { id } } } }`,
    { input: { businessId: stack.tenant.businessId, title: 'Store guide', text: GUIDE } },
  );
  entryId = created.data?.createKnowledgeEntry.data.id as string;
  await stack.gateway.temporal.workflow.getHandle(knowledgeWorkflowId(entryId)).result();
  const entry = await gql('query ($id: ID!) { knowledgeEntry(id: $id) { chunks { chunkId heading } } }', {
    id: entryId,
  });
  hoursChunkId = entry.data?.knowledgeEntry.chunks.find((c: { heading: string }) =>
    c.heading.endsWith('Opening hours'),
  ).chunkId;
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const gql = (query: string, variables: Record<string, unknown> = {}) =>
  graphql(stack.gateway.url, query, variables, stack.token);

const TRANSCRIPT = `query ($id: ID!) { call(id: $id) { transcript { lines {
  sequence speaker text citations { chunkId entryId title heading sourceUrl score similarity } } } } }`;

describe('answers from the knowledge base', () => {
  it('answers a caller who paraphrases a question, citing the right passage in the API and on the call page', async () => {
    const { id } = await placeCall(stack, '+155501000012'); // "Um, so, like, what time can I come in on the weekend?"
    const { result, simulated } = await finishedCall(stack, id);
    expect(result.endReason).toBe('agent_ended_call');

    const lines = (await gql(TRANSCRIPT, { id })).data?.call.transcript.lines as {
      sequence: number;
      speaker: string;
      text: string;
      citations: Record<string, unknown>[];
    }[];
    const answer = lines.find((l) => l.speaker === 'AI' && l.text.includes('On Saturday we are open from nine'));
    expect(answer).toBeDefined();
    expect(simulated.heard).toContain(answer!.text);
    expect(answer!.citations[0]).toMatchObject({
      chunkId: hoursChunkId,
      entryId,
      title: 'Store guide',
      heading: 'Store guide > Opening hours',
      sourceUrl: null,
    });
    expect(answer!.citations[0]!.score).toEqual(expect.any(Number));
    expect(answer!.citations[0]!.similarity).toBeGreaterThan(0.3);
    // The caller's own lines cite nothing.
    for (const line of lines.filter((l) => l.speaker === 'CUSTOMER')) expect(line.citations).toEqual([]);

    const page = await newSignedInPage(browser, stack.gateway.url, stack.tenant.emails.supervisor);
    await page.goto(`${stack.gateway.url}/calls/${id}`);
    const line = page.locator(`[data-testid="transcript-line"][data-sequence="${answer!.sequence}"]`);
    const citation = line.getByTestId('line-citation');
    await citation.first().waitFor();
    await expect(citation.first().getAttribute('data-chunk-id')).resolves.toBe(hoursChunkId);
    await expect(citation.first().textContent()).resolves.toMatch(/Source: Store guide › Opening hours · match \d+%/);
    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: `${artifacts}/call-citations.png`, fullPage: true });
    await page.close();
  });

  it('says it does not know and offers a colleague or a callback instead of guessing', async () => {
    const { id } = await placeCall(stack, '+155501000013'); // "Do you sell car insurance?"
    const { simulated } = await finishedCall(stack, id);
    const lines = (await gql(TRANSCRIPT, { id })).data?.call.transcript.lines as {
      speaker: string;
      text: string;
      citations: unknown[];
    }[];
    const reply = lines[lines.findIndex((l) => l.text === 'Do you sell car insurance?') + 1];
    expect(reply).toMatchObject({ speaker: 'AI', citations: [] });
    expect(reply!.text).toMatch(/couldn't find that/);
    expect(reply!.text).toMatch(/colleague/);
    expect(reply!.text).toMatch(/callback/);
    expect(simulated.heard).toContain(reply!.text);
  });
});
