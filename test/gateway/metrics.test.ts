import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { testConfig, testEnv } from '../support/env.ts';
import { startGateway, type TestGateway } from '../support/gateway.ts';
import { graphql, wsClient } from '../support/graphql.ts';
import { createTenant, login } from '../support/tenants.ts';

let gateway: TestGateway;
let token: string;

let lastScrape = '';

async function scrape() {
  const response = await fetch(`${gateway.url}/metrics`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/plain');
  lastScrape = await response.text();
  const families = parsePrometheusTextFormat(lastScrape);
  return new Map(families.map((family) => [family.name, family]));
}

/** A histogram's `_count` samples with all of `labels` (the parser drops a histogram's labels when `le` comes first, as prom-client writes it). */
function histogramCount(name: string, labels: Record<string, string>): number {
  const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  return lastScrape
    .split('\n')
    .filter((line) => line.startsWith(`${name}_count{`) && wanted.every((pair) => line.includes(pair)))
    .reduce((sum, line) => sum + Number(line.split(' ').at(-1)), 0);
}

beforeAll(async () => {
  gateway = await startGateway(testConfig(testEnv()));
  const tenant = await createTenant(gateway.orm, 'Metrics');
  token = (await login(gateway.url, tenant.emails.supervisor)).accessToken;
});
afterAll(async () => {
  await gateway?.stop();
});

describe('gateway /metrics', () => {
  it('exposes request and operation latency, open subscriptions and active calls in the Prometheus text format', async () => {
    await graphql(gateway.url, '{ me { id } }', {}, token);
    const client = wsClient(gateway.url, token);
    try {
      const stop = client.subscribe(
        { query: 'subscription { callsChanged { cursor } }' },
        { next: () => undefined, error: () => undefined, complete: () => undefined },
      );
      let families = await scrape();
      for (let i = 0; i < 50 && families.get('gateway_graphql_subscriptions_open')?.metrics[0]?.value !== '1'; i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        families = await scrape();
      }
      expect(families.get('gateway_graphql_subscriptions_open')?.metrics[0]?.value).toBe('1');

      expect(families.get('gateway_http_request_duration_seconds')?.type).toBe('HISTOGRAM');
      expect(
        histogramCount('gateway_http_request_duration_seconds', { route: '/graphql', method: 'POST', code: '200' }),
      ).toBeGreaterThanOrEqual(2);
      expect(families.get('gateway_graphql_operation_duration_seconds')?.type).toBe('HISTOGRAM');
      expect(
        histogramCount('gateway_graphql_operation_duration_seconds', { operation: 'query', outcome: 'ok' }),
      ).toBeGreaterThanOrEqual(1);
      const active = families.get('callplatform_calls_active');
      expect(active?.type).toBe('GAUGE');
      expect(active?.metrics.map((m) => m.labels?.status).sort()).toEqual(
        ['escalated', 'in_progress', 'initiated', 'queued', 'ringing'].sort(),
      );
      expect(families.has('process_resident_memory_bytes')).toBe(true);

      stop();
      for (let i = 0; i < 50 && families.get('gateway_graphql_subscriptions_open')?.metrics[0]?.value !== '0'; i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        families = await scrape();
      }
      expect(families.get('gateway_graphql_subscriptions_open')?.metrics[0]?.value).toBe('0');
    } finally {
      await client.dispose();
    }
  });

  it('answers /readyz with the state of its dependencies', async () => {
    const response = await fetch(`${gateway.url}/readyz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok', checks: { postgres: { ok: true } } });
  });
});
