/**
 * Outbound webhooks: the event types an endpoint can subscribe to, and the contract of the workflow
 * that delivers one event to one endpoint (`webhook-delivery-<delivery id>`), with its retry policy.
 */
import { defineSignal } from '@temporalio/workflow';

/** Every event type, with what it says; payloads are `{ type, timestamp, data }`. */
export const WEBHOOK_EVENT_TYPES = {
  'call.started': 'A call was placed or answered (data: the call).',
  'call.completed': 'A call that connected has ended (data: the call, with its status and end reason).',
  'call.failed': 'A call ended without a conversation: busy, no answer, failed or canceled (data: the call).',
  'call.analyzed': "A call's post-call analysis is done: summary, outcome, extraction and adversarial score.",
  'call.flagged': "A caller's adversarial score reached the business's threshold.",
  'call.qa_scored': 'A call got its final QA score.',
  'escalation.created': 'A call was escalated to a human (data: the escalation and its context).',
  'escalation.completed': 'An escalation was closed: completed by an agent, handed off, called back or cancelled.',
  'campaign.completed': 'An outbound campaign has dialled all its contacts.',
  'knowledge.synced': 'A documentation sync run finished (data: the run and its counts).',
  'webhook.test': 'Sent by "Send test event"; only to the endpoint it was sent to.',
} as const;
export type WebhookEventType = keyof typeof WEBHOOK_EVENT_TYPES;
export const WEBHOOK_EVENT_TYPE_NAMES = Object.keys(WEBHOOK_EVENT_TYPES) as WebhookEventType[];

export const WEBHOOK_DELIVERY_WORKFLOW_TYPE = 'webhookDeliveryWorkflow';
export const webhookDeliveryWorkflowId = (deliveryId: string): string => `webhook-delivery-${deliveryId}`;

/**
 * How a failed delivery is retried: exponential backoff from `baseDelayMs`, doubling up to
 * `maxDelayMs`, each delay jittered to between half and all of it; retried until an attempt falls
 * `retryWindowMs` or more after the first, then the delivery is failed.
 */
export interface WebhookRetryPolicy {
  baseDelayMs: number;
  maxDelayMs: number;
  retryWindowMs: number;
}

/** 30 s, 1, 2, 4 … minutes up to 4 hours between tries, over 24 hours: about 15 attempts. */
export const DEFAULT_WEBHOOK_RETRY_POLICY: WebhookRetryPolicy = {
  baseDelayMs: 30_000,
  maxDelayMs: 4 * 3_600_000,
  retryWindowMs: 24 * 3_600_000,
};

/** The wait before retry `failedAttempts + 1`; `random` in [0, 1) (the workflow's deterministic one). */
export function retryDelayMs(policy: WebhookRetryPolicy, failedAttempts: number, random: number): number {
  const nominal = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, failedAttempts - 1));
  return Math.round(nominal / 2 + (nominal / 2) * random);
}

export interface WebhookDeliveryInput {
  deliveryId: string;
  retry: WebhookRetryPolicy;
  /** A redelivery asked for by hand: its first attempt says so in the log. */
  manual?: boolean;
  /** The number of its first attempt (a redelivery goes on counting the delivery's attempts); 1 by default. */
  firstAttempt?: number;
}

export type WebhookDeliveryResult = { status: 'succeeded' | 'failed'; attempts: number };
export type WebhookDeliveryWorkflow = (input: WebhookDeliveryInput) => Promise<WebhookDeliveryResult>;

/** Try again now instead of waiting for the next retry (a redelivery asked for by hand). */
export const retryNowSignal = defineSignal('retryNow');
