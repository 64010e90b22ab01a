import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { timestamps, uuidPrimaryKey } from './common.ts';
import { Organization } from './organization.ts';

/** One signing secret of an endpoint, sealed; after a rotation the old one signs too until it expires. */
export interface StoredWebhookSecret {
  id: string;
  /** `whsec_…`, sealed with the organisation's key (lib/encryption.ts). */
  sealed: string;
  lastFour: string;
  createdAt: string;
  /** Null for the current secret; the time a rotated-out secret stops signing. */
  expiresAt: string | null;
}

/** Where an organisation wants events sent, and which. */
export const WebhookEndpoint = defineEntity({
  name: 'WebhookEndpoint',
  properties: {
    id: uuidPrimaryKey(),
    organization: () => p.manyToOne(Organization).deleteRule('cascade'),
    url: p.text(),
    description: p.string().length(200).nullable(),
    /** Event types it receives (workflows/definitions/webhooks.ts). */
    eventTypes: p.array().default([]),
    enabled: p.boolean().default(true),
    disabledAt: p.datetime().nullable(),
    disabledReason: p.text().nullable(),
    /** Since when every attempt has failed; cleared by a success. Past the limit the endpoint is disabled. */
    failingSince: p.datetime().nullable(),
    secrets: p
      .json<StoredWebhookSecret[]>()
      .default('[]')
      .onCreate(() => []),
    createdById: p.uuid().nullable(),
    ...timestamps(),
  },
  indexes: [{ properties: ['organization', 'createdAt'] }],
});
export type WebhookEndpoint = InferEntity<typeof WebhookEndpoint>;

/**
 * Something that happened, as sent to endpoints. Its id is the `webhook-id` every delivery and
 * redelivery carries, so a receiver can process it once. `eventKey` makes recording it idempotent
 * (`call.analyzed:<call id>`).
 */
export const WebhookEvent = defineEntity({
  name: 'WebhookEvent',
  properties: {
    id: p.string().length(40).primary(),
    organization: () => p.manyToOne(Organization).deleteRule('cascade'),
    type: p.string().length(60),
    eventKey: p.string().length(200),
    /** The body sent: `{ type, timestamp, data }`; null when it is sealed. */
    payload: p.json<Record<string, unknown>>().nullable(),
    /**
     * The body sealed for the organisation (`webhook-event:<id>`) when it carries personal data (a
     * call's extraction): db/webhooks.ts `webhookEventBody` opens it to send or show.
     */
    sealedPayload: p.text().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
  uniques: [{ properties: ['organization', 'eventKey'] }],
  indexes: [{ properties: ['organization', 'createdAt'] }],
});
export type WebhookEvent = InferEntity<typeof WebhookEvent>;

export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'succeeded', 'failed'] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];

/** One event to one endpoint: its workflow's progress, and the last attempt's result. */
export const WebhookDelivery = defineEntity({
  name: 'WebhookDelivery',
  properties: {
    id: uuidPrimaryKey(),
    organization: () => p.manyToOne(Organization).deleteRule('cascade'),
    event: () => p.manyToOne(WebhookEvent).deleteRule('cascade'),
    endpoint: () => p.manyToOne(WebhookEndpoint).deleteRule('cascade'),
    status: p.enum(WEBHOOK_DELIVERY_STATUSES).default('pending'),
    attempts: p.integer().default(0),
    lastAttemptAt: p.datetime().nullable(),
    nextAttemptAt: p.datetime().nullable(),
    lastStatusCode: p.integer().nullable(),
    lastError: p.text().nullable(),
    deliveredAt: p.datetime().nullable(),
    /** When its workflow was started (null: not yet; the dispatcher picks it up). */
    dispatchedAt: p.datetime().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
  uniques: [{ properties: ['event', 'endpoint'] }],
  indexes: [{ properties: ['endpoint', 'createdAt'] }, { properties: ['dispatchedAt'] }],
});
export type WebhookDelivery = InferEntity<typeof WebhookDelivery>;

/** One HTTP request of a delivery: what was sent, what came back, how long it took. */
export const WebhookAttempt = defineEntity({
  name: 'WebhookAttempt',
  properties: {
    id: uuidPrimaryKey(),
    delivery: () => p.manyToOne(WebhookDelivery).deleteRule('cascade'),
    /** 1 for the first attempt; a retried activity writes the same number once. */
    number: p.integer(),
    manual: p.boolean().default(false),
    requestHeaders: p.json<Record<string, string>>(),
    requestBody: p.text(),
    responseStatus: p.integer().nullable(),
    /** The first 2 KB of the response. */
    responseBody: p.text().nullable(),
    error: p.text().nullable(),
    latencyMs: p.integer(),
    attemptedAt: p.datetime(),
  },
  uniques: [{ properties: ['delivery', 'number'] }],
});
export type WebhookAttempt = InferEntity<typeof WebhookAttempt>;
