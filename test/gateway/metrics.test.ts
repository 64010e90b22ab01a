import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { testConfig, testEnv } from '../support/env.ts';
import { startGateway, type TestGateway } from '../support/gateway.ts';
import { graphql, wsClient } from '../support/graphql.ts';
import { createTenant, login } from '../support/tenants.ts';

let gateway: TestGateway;
let token: string;

async function scrape() {
  const response = await fetch(`${gateway.url}/metrics`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/plain');
  const families = parsePrometheusTextFormat(await response.text());
  return new Map(families.map((family) => [family.name, family]));
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

      const requests = families.get('gateway_http_request_duration_seconds');
      expect(requests?.type).toBe('HISTOGRAM');
      expect(requests?.metrics).toContainEqual(
        expect.objectContaining({
          labels: expect.objectContaining({ route: '/graphql', method: 'POST', code: '200' }),
        }),
      );
      const operations = families.get('gateway_graphql_operation_duration_seconds');
      expect(operations?.type).toBe('HISTOGRAM');
      expect(operations?.metrics).toContainEqual(
        expect.objectContaining({ labels: expect.objectContaining({ operation: 'query', outcome: 'ok' }) }),
      );
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
