import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { testConfig, testEnv } from '../support/env.ts';
import { startGateway, type TestGateway } from '../support/gateway.ts';

describe('gateway /healthz', () => {
  let healthy: TestGateway;
  let noWeaviate: TestGateway;

  beforeAll(async () => {
    healthy = await startGateway(testConfig(testEnv()));
    // Nothing listens on port 1: Weaviate is "down" for this gateway.
    noWeaviate = await startGateway(
      testConfig(testEnv({ WEAVIATE_URL: 'http://127.0.0.1:1', WEAVIATE_GRPC_PORT: '2' })),
    );
  });
  afterAll(async () => {
    await healthy?.stop();
    await noWeaviate?.stop();
  });

  it('reports ok when Temporal, Postgres and Weaviate all answer', async () => {
    const response = await fetch(`${healthy.url}/healthz`);
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({
      status: 'ok',
      checks: { postgres: { ok: true }, temporal: { ok: true }, weaviate: { ok: true } },
    });
  });

  it('answers 503 and names the dependency that is down', async () => {
    const response = await fetch(`${noWeaviate.url}/healthz`);
    expect(response.status).toBe(503);
    const body = await response.json();
    expect(body.status).toBe('unavailable');
    expect(body.checks.weaviate).toMatchObject({ ok: false, error: expect.any(String) });
    expect(body.checks.postgres.ok).toBe(true);
  });

  it('serves the built console, with client-side routes falling back to index.html', async () => {
    const root = await fetch(`${healthy.url}/`);
    expect(root.status).toBe(200);
    expect(await root.text()).toContain('<div id="root"></div>');
    const deepLink = await fetch(`${healthy.url}/calls`);
    expect(await deepLink.text()).toContain('<div id="root"></div>');
    expect((await fetch(`${healthy.url}/missing.js`)).status).toBe(404);
    expect((await fetch(`${healthy.url}/..%2f..%2fpackage.json`)).status).toBe(404);
  });

  it('serves the console icon, also where browsers look for it by default', async () => {
    expect(await (await fetch(`${healthy.url}/`)).text()).toContain('href="/favicon.svg"');
    for (const path of ['/favicon.svg', '/favicon.ico']) {
      const icon = await fetch(`${healthy.url}${path}`);
      expect(icon.status).toBe(200);
      expect(icon.headers.get('content-type')).toBe('image/svg+xml');
      expect(await icon.text()).toMatch(/^<svg /);
    }
  });
});
