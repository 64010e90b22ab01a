import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  retryDelayMs,
  retryNowSignal,
  WEBHOOK_DELIVERY_WORKFLOW_TYPE,
  type WebhookDeliveryWorkflow,
  type WebhookRetryPolicy,
  webhookDeliveryWorkflowId,
} from '../../workflows/definitions/webhooks.ts';
import { until } from '../support/wait.ts';
import { startWorkflowHarness, type WorkflowHarness } from './support/worker.ts';

/**
 * The webhook delivery workflow on its own (its one activity stubbed): when it retries, when it gives
 * up, and that a worker dying between attempts loses nothing.
 */
let harness: WorkflowHarness;

beforeAll(async () => {
  harness = await startWorkflowHarness();
});
afterAll(async () => {
  await harness?.stop();
});

interface AttemptCall {
  deliveryId: string;
  attempt: number;
  manual: boolean;
  retryInMs: number | null;
}

/** A receiver stub: each delivery's attempts with the time they were made, failing the first `failures`. */
function receiver(failures: number) {
  const attempts = new Map<string, { at: number; input: AttemptCall }[]>();
  return {
    attempts,
    stub: async (input: AttemptCall) => {
      const seen = attempts.get(input.deliveryId) ?? [];
      seen.push({ at: Date.now(), input });
      attempts.set(input.deliveryId, seen);
      return {
        outcome: seen.length > failures ? 'delivered' : 'failed',
        statusCode: seen.length > failures ? 200 : 503,
      };
    },
  };
}

const deliver = (
  retry: WebhookRetryPolicy,
  deliveryId = randomUUID(),
  client = harness.client,
  taskQueue = harness.taskQueue,
) =>
  client.workflow.start<WebhookDeliveryWorkflow>(WEBHOOK_DELIVERY_WORKFLOW_TYPE, {
    taskQueue,
    workflowId: webhookDeliveryWorkflowId(deliveryId),
    args: [{ deliveryId, retry }],
  });

describe('webhook delivery workflow', () => {
  it('waits between 1/2 and all of base × 2^(n−1) before retry n, never more than the maximum', () => {
    const policy = { baseDelayMs: 1_000, maxDelayMs: 5_000, retryWindowMs: 60_000 };
    expect([1, 2, 3, 4, 5].map((n) => retryDelayMs(policy, n, 0))).toEqual([500, 1_000, 2_000, 2_500, 2_500]);
    expect([1, 2, 3, 4, 5].map((n) => retryDelayMs(policy, n, 0.999_999))).toEqual([1_000, 2_000, 4_000, 5_000, 5_000]);
  });

  it('retries a failed delivery with exponential, jittered waits until the receiver takes it', async () => {
    const fake = receiver(3);
    harness.stub({ attemptWebhookDelivery: fake.stub });
    const policy = { baseDelayMs: 400, maxDelayMs: 10_000, retryWindowMs: 60_000 };
    const delivery = await deliver(policy);
    await expect(delivery.result()).resolves.toEqual({ status: 'succeeded', attempts: 4 });
    const seen = fake.attempts.get(delivery.workflowId.replace('webhook-delivery-', ''))!;
    expect(seen.map((a) => a.input.attempt)).toEqual([1, 2, 3, 4]);
    // Each failed attempt was told the jittered wait drawn for the next: within [½, 1] × base × 2^(n−1)…
    seen.slice(0, 3).forEach((a, i) => {
      const nominal = policy.baseDelayMs * 2 ** i;
      expect(a.input.retryInMs).toBeGreaterThanOrEqual(nominal / 2);
      expect(a.input.retryInMs).toBeLessThanOrEqual(nominal);
    });
    // …and the next attempt came no sooner (a loaded machine may make it later, never earlier).
    seen.slice(1).forEach((a, i) => {
      expect(a.at - seen[i]!.at).toBeGreaterThanOrEqual(seen[i]!.input.retryInMs! - 50);
    });
  });

  it('fails the delivery after the attempt that falls the retry window after the first', async () => {
    const fake = receiver(Number.POSITIVE_INFINITY);
    harness.stub({ attemptWebhookDelivery: fake.stub });
    const policy = { baseDelayMs: 200, maxDelayMs: 400, retryWindowMs: 1_500 };
    const started = Date.now();
    const delivery = await deliver(policy);
    const result = await delivery.result();
    expect(result.status).toBe('failed');
    const seen = fake.attempts.get(delivery.workflowId.replace('webhook-delivery-', ''))!;
    expect(seen.at(-1)!.at - seen[0]!.at).toBeGreaterThanOrEqual(policy.retryWindowMs);
    expect(seen.at(-2)!.at - seen[0]!.at).toBeLessThan(policy.retryWindowMs);
    // Only the last attempt is told there is no next one: its failure fails the delivery.
    expect(seen.map((a) => a.input.retryInMs === null)).toEqual([...seen.slice(1).map(() => false), true]);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('tries again at once when a redelivery is asked for while it waits', async () => {
    const fake = receiver(1);
    harness.stub({ attemptWebhookDelivery: fake.stub });
    const delivery = await deliver({ baseDelayMs: 60_000, maxDelayMs: 60_000, retryWindowMs: 3_600_000 });
    const id = delivery.workflowId.replace('webhook-delivery-', '');
    await until(() => (fake.attempts.get(id)?.length ?? 0) === 1, 10_000, 'the first attempt');
    await delivery.signal(retryNowSignal);
    await expect(delivery.result()).resolves.toEqual({ status: 'succeeded', attempts: 2 });
    expect(fake.attempts.get(id)!.map((a) => a.input.manual)).toEqual([false, true]);
  });

  it('tries again at once when a redelivery is asked for while an attempt is still in flight', async () => {
    const deliveryId = randomUUID();
    const manual: boolean[] = [];
    harness.stub({
      attemptWebhookDelivery: async (input: AttemptCall) => {
        manual.push(input.manual);
        if (manual.length > 1) return { outcome: 'delivered', statusCode: 200 };
        // The supervisor presses "Redeliver" before this attempt has failed.
        await harness.client.workflow.getHandle(webhookDeliveryWorkflowId(deliveryId)).signal(retryNowSignal);
        return { outcome: 'failed', statusCode: 503 };
      },
    });
    const delivery = await deliver({ baseDelayMs: 60_000, maxDelayMs: 60_000, retryWindowMs: 3_600_000 }, deliveryId);
    await expect(delivery.result()).resolves.toEqual({ status: 'succeeded', attempts: 2 });
    expect(manual).toEqual([false, true]);
  }, 20_000);

  it('loses no delivery when its worker dies between attempts: the next worker makes the retry', async () => {
    const first = await startWorkflowHarness();
    const fake = receiver(1);
    first.stub({ attemptWebhookDelivery: fake.stub });
    const deliveryId = randomUUID();
    const delivery = await deliver(
      { baseDelayMs: 1_500, maxDelayMs: 1_500, retryWindowMs: 60_000 },
      deliveryId,
      first.client,
      first.taskQueue,
    );
    await until(() => (fake.attempts.get(deliveryId)?.length ?? 0) === 1, 10_000, 'the first attempt');
    await first.stop();
    const second = await startWorkflowHarness({ taskQueue: first.taskQueue });
    try {
      second.stub({ attemptWebhookDelivery: fake.stub });
      await expect(second.client.workflow.getHandle(delivery.workflowId).result()).resolves.toEqual({
        status: 'succeeded',
        attempts: 2,
      });
      expect(second.callsOf('attemptWebhookDelivery')).toEqual([expect.objectContaining({ deliveryId, attempt: 2 })]);
    } finally {
      await second.stop();
    }
  });
});
