import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import parsePrometheusTextFormat, { type MetricFamily } from 'parse-prometheus-text-format';
import { type CallStack, FAST_SPEECH, finishedCall, placeCall, startCallStack } from '../support/call-stack.ts';
import { graphql } from '../support/graphql.ts';
import { freePort } from '../support/ports.ts';
import { createBusiness, login } from '../support/tenants.ts';
import { until } from '../support/wait.ts';

/** A scrape: the parser's families by name, and the raw text for histogram samples. */
interface Scrape {
  families: Map<string, MetricFamily>;
  text: string;
}

async function scrape(url: string): Promise<Scrape> {
  const response = await fetch(url);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/plain');
  const text = await response.text();
  return { families: new Map(parsePrometheusTextFormat(text).map((family) => [family.name, family])), text };
}

/** A counter's or gauge's value for the sample with `labels`. */
function sampleValue(scraped: Scrape, name: string, labels: Record<string, string> = {}): number {
  const family = scraped.families.get(name);
  const sample = family?.metrics.find((m) => Object.entries(labels).every(([k, v]) => m.labels?.[k] === v));
  return Number(sample?.value ?? Number.NaN);
}

/** A histogram's `_count` over samples with all of `labels` (the parser drops labels written after `le`). */
function histogramCount(scraped: Scrape, name: string, labels: Record<string, string> = {}): number {
  const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  return scraped.text
    .split('\n')
    .filter((line) => line.startsWith(`${name}_count{`) && wanted.every((pair) => line.includes(pair)))
    .reduce((sum, line) => sum + Number(line.split(' ').at(-1)), 0);
}

let stack: CallStack;
let receiver: Server;
let receivedWebhooks = 0;
let workerUrl: string;
let temporalSdkUrl: string;
let bridgeUrl: string;

beforeAll(async () => {
  const [receiverPort, workerPort, temporalPort] = await Promise.all([freePort(), freePort(), freePort()]);
  receiver = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      receivedWebhooks += 1;
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(receiverPort, '127.0.0.1', resolve));
  stack = await startCallStack('ProcessMetrics', {
    speechMsPerCharacter: FAST_SPEECH,
    env: {
      FETCH_ALLOWED_HOSTS: `127.0.0.1:${receiverPort}`,
      WORKER_METRICS_PORT: String(workerPort),
      WORKER_TEMPORAL_METRICS_PORT: String(temporalPort),
    },
  });
  workerUrl = `http://127.0.0.1:${workerPort}`;
  temporalSdkUrl = `http://127.0.0.1:${temporalPort}/metrics`;
  bridgeUrl = (stack.bridges[0]?.url ?? '').replace(/^ws:/, 'http:');
  const admin = (await login(stack.gateway.url, stack.tenant.emails.admin)).accessToken;
  const created = await graphql(
    stack.gateway.url,
    `mutation ($i: WebhookEndpointInput!) { createWebhookEndpoint(input: $i) { __typename } }`,
    { i: { url: `http://127.0.0.1:${receiverPort}/hooks`, eventTypes: ['call.completed'] } },
    admin,
  );
  expect(created.data?.createWebhookEndpoint.__typename).toBe('MutationCreateWebhookEndpointSuccess');
});

afterAll(async () => {
  await stack?.stop();
  await new Promise((resolve) => receiver?.close(resolve));
});

describe('worker and bridge /metrics', () => {
  it('count one call: its frames both ways, its reply latency, and the webhook delivered for it', async () => {
    const bridgeBefore = await scrape(`${bridgeUrl}/metrics`);
    const workerBefore = await scrape(`${workerUrl}/metrics`);
    const { result } = await finishedCall(stack, (await placeCall(stack, '+15550100000')).id);
    expect(result.status).toBe('completed');
    await until(() => receivedWebhooks >= 1, 30_000, 'call.completed at the receiver');

    const bridge = await scrape(`${bridgeUrl}/metrics`);
    for (const direction of ['inbound', 'outbound']) {
      expect(sampleValue(bridge, 'bridge_media_frames_total', { direction })).toBeGreaterThan(
        sampleValue(bridgeBefore, 'bridge_media_frames_total', { direction }),
      );
    }
    expect(bridge.families.get('bridge_media_frames_total')?.type).toBe('COUNTER');
    expect(sampleValue(bridge, 'bridge_media_streams_started_total', { resumed: 'false' })).toBe(1);
    expect(sampleValue(bridge, 'bridge_media_streams_active')).toBe(0);
    expect(bridge.families.get('bridge_reply_latency_seconds')?.type).toBe('HISTOGRAM');
    expect(histogramCount(bridge, 'bridge_reply_latency_seconds')).toBeGreaterThanOrEqual(1);
    // A call of a few seconds has hundreds of caller frames: some of them were timed.
    expect(histogramCount(bridge, 'bridge_added_latency_seconds', { direction: 'inbound' })).toBeGreaterThan(0);
    expect(sampleValue(bridge, 'bridge_realtime_errors_total', { source: 'socket' })).toBe(0);
    expect(sampleValue(bridge, 'bridge_realtime_reconnects_total', { outcome: 'failed' })).toBe(0);
    expect(bridge.families.get('process_resident_memory_bytes')?.metrics[0]?.labels?.service).toBe('bridge');

    const worker = await scrape(`${workerUrl}/metrics`);
    expect(sampleValue(worker, 'worker_webhook_delivery_attempts_total', { outcome: 'delivered' })).toBe(
      sampleValue(workerBefore, 'worker_webhook_delivery_attempts_total', { outcome: 'delivered' }) + 1,
    );
    expect(sampleValue(worker, 'worker_webhook_delivery_attempts_total', { outcome: 'failed' })).toBe(0);
    for (const outcome of ['sent', 'failed']) {
      expect(sampleValue(worker, 'worker_emails_total', { outcome })).toBeGreaterThanOrEqual(0);
    }
    expect(worker.families.get('process_resident_memory_bytes')?.metrics[0]?.labels?.service).toBe('worker');
  });

  it('count a campaign dial', async () => {
    const before = sampleValue(await scrape(`${workerUrl}/metrics`), 'worker_campaign_dials_total');
    const businessId = await createBusiness(stack.gateway.orm, stack.tenant);
    const gql = (query: string, variables: Record<string, unknown>) =>
      graphql(stack.gateway.url, query, variables, stack.token);
    const created = await gql(
      `mutation ($input: CreateCampaignInput!) { createCampaign(input: $input) { ... on MutationCreateCampaignSuccess { data { id } } } }`,
      {
        input: {
          businessId,
          name: 'Metrics',
          callingWindow: { start: '00:00', end: '24:00', days: [1, 2, 3, 4, 5, 6, 7] },
          retry: { maxAttempts: 1, initialDelaySeconds: 1, backoffMultiplier: 1, jitter: 0 },
        },
      },
    );
    const id = created.data?.createCampaign.data.id as string;
    // A busy number (scripts/simulators/personas.ts): one short dial, and the campaign is done.
    await gql(
      `mutation ($id: ID!, $c: [CampaignContactInput!]!) { addCampaignContacts(campaignId: $id, contacts: $c) { __typename } }`,
      {
        id,
        c: [{ phoneNumber: '+15553100001' }],
      },
    );
    expect(
      (await gql(`mutation ($id: ID!) { startCampaign(id: $id) { __typename } }`, { id })).data?.startCampaign
        .__typename,
    ).toBe('MutationStartCampaignSuccess');
    await until(
      async () =>
        (await gql('query ($id: ID!) { campaign(id: $id) { status } }', { id })).data?.campaign.status === 'COMPLETED',
      60_000,
      'the campaign to complete',
    );
    expect(sampleValue(await scrape(`${workerUrl}/metrics`), 'worker_campaign_dials_total')).toBe(before + 1);
  });

  it("serves the Temporal SDK's own worker series through its runtime telemetry", async () => {
    const sdk = await scrape(temporalSdkUrl);
    const names = [...sdk.families.keys()];
    expect(names).toContain('temporal_workflow_task_execution_latency');
    expect(names).toContain('temporal_activity_execution_latency');
    expect(names).toContain('temporal_worker_task_slots_available');
    // Every Temporal series the Grafana dashboard charts is one the SDK serves.
    const dashboard = readFileSync('scripts/observability/grafana/dashboards/callplatform.json', 'utf8');
    const charted = new Set([...dashboard.matchAll(/temporal_[a-z_]+?(?=_bucket|\[)/g)].map(([name]) => name));
    expect(charted.size).toBeGreaterThanOrEqual(4);
    expect([...charted].filter((name) => !names.includes(name))).toEqual([]);
  });

  it('answers /healthz while the worker runs and /readyz with the state of its dependencies', async () => {
    const live = await fetch(`${workerUrl}/healthz`);
    expect(live.status).toBe(200);
    const ready = await fetch(`${workerUrl}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({
      status: 'ok',
      checks: { postgres: { ok: true }, temporal: { ok: true }, weaviate: { ok: true } },
    });
  });
});
