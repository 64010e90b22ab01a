import { condition, patched, proxyActivities, setHandler } from '@temporalio/workflow';
import type { createWebhookActivities } from '../activities/webhooks.ts';
import { activityPresets } from './definitions/presets.ts';
import {
  retryDelayMs,
  retryNowSignal,
  type WebhookDeliveryInput,
  type WebhookDeliveryResult,
  type WebhookDeliveryWorkflow,
} from './definitions/webhooks.ts';

/**
 * A redelivery asked for while an attempt is in flight used to be forgotten when that attempt
 * failed (the flag was cleared after it), so the delivery sat out the whole wait; it now cuts the
 * wait short. Deliveries started before keep the old behaviour when they replay.
 */
export const REDELIVERY_DURING_ATTEMPT_PATCH = 'webhook-redelivery-during-attempt';

const webhooks = proxyActivities<ReturnType<typeof createWebhookActivities>>(activityPresets.webhookAttempt);

/**
 * Delivers one event to one endpoint (`webhook-delivery-<delivery id>`): an attempt now, and after a
 * failure another after an exponential, jittered wait, until an attempt succeeds or one falls the
 * retry window after the first, which fails the delivery. Timers are durable: a worker that dies
 * between attempts loses nothing. `retryNow` (a redelivery by hand) cuts the wait short, also when it comes during an attempt.
 */
export async function webhookDeliveryWorkflow(input: WebhookDeliveryInput): Promise<WebhookDeliveryResult> {
  let retryNow = false;
  let manual = input.manual ?? false;
  setHandler(retryNowSignal, () => {
    retryNow = true;
  });
  const keepsRequestDuringAttempt = patched(REDELIVERY_DURING_ATTEMPT_PATCH);
  const firstAt = Date.now();
  const firstNumber = input.firstAttempt ?? 1;
  for (let failures = 0; ; failures++) {
    const number = firstNumber + failures;
    if (keepsRequestDuringAttempt) retryNow = false;
    const last = Date.now() - firstAt >= input.retry.retryWindowMs;
    // Math.random is the workflow's seeded one: the jitter replays as it was drawn.
    const wait = retryDelayMs(input.retry, failures + 1, Math.random());
    const { outcome } = await webhooks.attemptWebhookDelivery({
      deliveryId: input.deliveryId,
      attempt: number,
      manual,
      retryInMs: last ? null : wait,
    });
    if (outcome === 'delivered') return { status: 'succeeded', attempts: number };
    if (outcome === 'abandoned' || last) return { status: 'failed', attempts: number };
    if (!keepsRequestDuringAttempt) retryNow = false;
    manual = await condition(() => retryNow, wait);
  }
}

webhookDeliveryWorkflow satisfies WebhookDeliveryWorkflow;
