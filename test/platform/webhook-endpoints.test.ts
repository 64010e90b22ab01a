import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Webhook } from 'standardwebhooks';
import { testConfig, testEnv } from '../support/env.ts';
import { startGateway, type TestGateway } from '../support/gateway.ts';
import { graphql } from '../support/graphql.ts';
import { freePort } from '../support/ports.ts';
import { type RunningProcess, startProcess } from '../support/processes.ts';
import { createTenant, login, type Tenant } from '../support/tenants.ts';
import { eventually } from '../support/wait.ts';

/**
 * An endpoint whose receiver is gone: its deliveries fail until, past the limit, the endpoint is
 * disabled and its admins are told; nothing is sent to it while disabled; once enabled, a failed
 * delivery redelivered by hand arrives once, with the same `webhook-id`. The gateway in this process,
 * a worker process running the delivery workflows, a real HTTP receiver that comes up late.
 */
let gateway: TestGateway;
let worker: RunningProcess;
let tenant: Tenant;
let admin: string;
let port: number;
let receiver: Server | undefined;
const received: { id: string; type: string }[] = [];

beforeAll(async () => {
  port = await freePort();
  const env = testEnv({
    FETCH_ALLOWED_HOSTS: `127.0.0.1:${port}`,
    WEBHOOK_RETRY_BASE_SECONDS: '0.3',
    WEBHOOK_RETRY_MAX_DELAY_SECONDS: '0.5',
    WEBHOOK_RETRY_WINDOW_SECONDS: '60',
    WEBHOOK_DISABLE_AFTER_SECONDS: '2',
    WEBHOOK_TIMEOUT_MS: '1000',
  });
  gateway = await startGateway(testConfig(env));
  worker = startProcess('worker.ts', env);
  tenant = await createTenant(gateway.orm, 'Webhook endpoints');
  await worker.waitForLog('worker started');
  admin = (await login(gateway.url, tenant.emails.admin)).accessToken;
});

afterAll(async () => {
  await worker?.stop();
  await gateway?.stop();
  await new Promise((resolve) => (receiver ? receiver.close(resolve) : resolve(undefined)));
});

const gql = (query: string, variables: Record<string, unknown> = {}) => graphql(gateway.url, query, variables, admin);

const ENDPOINT = `query ($id: ID!) { webhookEndpoint(id: $id) { enabled disabledAt disabledReason failingSince
  deliveries { id eventId status attempts lastError } } }`;

describe('a webhook endpoint that keeps failing', () => {
  it('is disabled with a notification, sends nothing while disabled, and delivers a redelivery once when enabled again', async () => {
    const created = await gql(
      `mutation ($i: WebhookEndpointInput!) { createWebhookEndpoint(input: $i) {
        ... on MutationCreateWebhookEndpointSuccess { data { secret endpoint { id } } } } }`,
      { i: { url: `http://127.0.0.1:${port}/hooks`, eventTypes: ['knowledge.synced'] } },
    );
    const { secret, endpoint } = created.data!.createWebhookEndpoint.data;
    const sent = await gql(`mutation ($id: ID!) { sendTestWebhook(endpointId: $id) { __typename } }`, {
      id: endpoint.id,
    });
    expect(sent.data?.sendTestWebhook.__typename).toBe('MutationSendTestWebhookSuccess');

    // Nothing listens on the port: every attempt fails, and past two seconds of failures the endpoint is disabled.
    const disabled = await eventually(async () => {
      const view = (await gql(ENDPOINT, { id: endpoint.id })).data?.webhookEndpoint;
      return view?.enabled === false ? view : undefined;
    }, 60_000);
    expect(disabled.disabledReason).toMatch(/every delivery failed/);
    const [delivery] = disabled.deliveries;
    expect(delivery).toMatchObject({ status: 'FAILED' });
    expect(delivery.attempts).toBeGreaterThanOrEqual(2);
    const notices = await eventually(async () => {
      const list = (await gql('{ notifications { type title } }')).data?.notifications as {
        type: string;
        title: string;
      }[];
      const found = list?.filter((n) => n.type === 'WEBHOOK_DISABLED');
      return found?.length ? found : undefined;
    }, 30_000);
    expect(notices).toEqual([
      { type: 'WEBHOOK_DISABLED', title: `Webhook endpoint disabled: http://127.0.0.1:${port}/hooks` },
    ]);

    const redeliver = `mutation ($id: ID!) { redeliverWebhook(id: $id) {
      __typename ... on MutationRedeliverWebhookSuccess { data { status attempts } } ... on Error { code message } } }`;
    const refused = await gql(redeliver, { id: delivery.id });
    expect(refused.data?.redeliverWebhook).toMatchObject({ __typename: 'ConflictError' });

    // The receiver comes up; the endpoint is enabled again and the failed delivery sent by hand.
    const verifier = new Webhook(secret);
    receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
        const event = verifier.verify(Buffer.concat(chunks).toString('utf8'), headers) as { type: string };
        received.push({ id: headers['webhook-id']!, type: event.type });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver!.listen(port, '127.0.0.1', resolve));
    const enabled = await gql(
      `mutation ($id: ID!, $i: WebhookEndpointInput!) { updateWebhookEndpoint(id: $id, input: $i) { __typename } }`,
      { id: endpoint.id, i: { enabled: true } },
    );
    expect(enabled.data?.updateWebhookEndpoint.__typename).toBe('MutationUpdateWebhookEndpointSuccess');
    const again = await gql(redeliver, { id: delivery.id });
    expect(again.data?.redeliverWebhook.__typename).toBe('MutationRedeliverWebhookSuccess');
    const done = await eventually(async () => {
      const view = (await gql(ENDPOINT, { id: endpoint.id })).data?.webhookEndpoint;
      return view?.deliveries[0]?.status === 'SUCCEEDED' ? view : undefined;
    }, 30_000);
    expect(done).toMatchObject({ enabled: true, failingSince: null });
    // Wait out a retry period: it arrives once, with the id every earlier attempt carried.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(received).toEqual([{ id: delivery.eventId, type: 'webhook.test' }]);
  }, 120_000);
});
