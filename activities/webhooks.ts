/**
 * Delivering webhooks, for `webhookDeliveryWorkflow`: one attempt signs the event per the Standard
 * Webhooks specification (with the `standardwebhooks` package, the specification's own reference
 * implementation) under every secret of the endpoint still in force, POSTs it through the platform's
 * guarded fetch (public addresses only, unless FETCH_ALLOWED_HOSTS allows one), and records the
 * attempt. An endpoint that has failed for longer than the limit is disabled, and admins are told.
 */
import { LockMode } from '@mikro-orm/core';
import { Webhook } from 'standardwebhooks';
import { WebhookAttempt, WebhookDelivery, WebhookEndpoint, WebhookEvent } from '../db/entities/index.ts';
import type { Orm } from '../db/orm.ts';
import { webhookEventBody, webhookSecretPurpose } from '../db/webhooks.ts';
import { FetchPolicy, fetchLimited } from '../knowledge/fetch.ts';
import type { Config } from '../lib/config.ts';
import type { Encryption } from '../lib/encryption.ts';
import type { WorkerMetrics } from './metrics.ts';
import { type Mailers, notify } from './notifications.ts';

export interface WebhookActivityDeps {
  orm: Orm;
  mailers: Mailers;
  encryption: Encryption;
  config: Pick<Config, 'knowledge' | 'webhooks'>;
  metrics: WorkerMetrics;
}

const RESPONSE_KEPT_BYTES = 2_048;
const RESPONSE_READ_BYTES = 1_048_576;
export const WEBHOOK_USER_AGENT = 'CallPlatform-Webhooks/1.0';

export type AttemptOutcome = 'delivered' | 'failed' | 'abandoned';

/** The signatures of a message under each secret still in force, space-separated as the specification has it. */
export function signWebhook(secrets: readonly string[], messageId: string, at: Date, body: string): string {
  return secrets.map((secret) => new Webhook(secret).sign(messageId, at, body)).join(' ');
}

export function createWebhookActivities({ orm, mailers, encryption, config, metrics }: WebhookActivityDeps) {
  const policy = new FetchPolicy(config.knowledge.fetchAllowedHosts);

  /** The endpoint's secrets that still sign, opened. */
  const signingSecrets = (endpoint: WebhookEndpoint, now: Date) =>
    endpoint.secrets
      .filter((s) => s.expiresAt === null || new Date(s.expiresAt) > now)
      .map((s) => encryption.open(endpoint.organization.id, webhookSecretPurpose(endpoint.id), s.sealed));

  return {
    /**
     * Attempt `attempt` of a delivery. A retried activity whose attempt was recorded answers what was
     * recorded rather than sending again. `retryInMs` is when the workflow will try next (null: this
     * is the last try, and a failure fails the delivery).
     */
    async attemptWebhookDelivery(input: {
      deliveryId: string;
      attempt: number;
      manual: boolean;
      retryInMs: number | null;
    }): Promise<{ outcome: AttemptOutcome; statusCode: number | null }> {
      const em = orm.em.fork();
      const delivery = await em.findOne(WebhookDelivery, input.deliveryId);
      if (!delivery) return { outcome: 'abandoned', statusCode: null };
      const recorded = await em.findOne(WebhookAttempt, { delivery: delivery.id, number: input.attempt });
      if (recorded) {
        const status = recorded.responseStatus ?? null;
        const ok = status !== null && status >= 200 && status < 300 && !recorded.error;
        return { outcome: ok ? 'delivered' : 'failed', statusCode: status };
      }
      const endpoint = await em.findOneOrFail(WebhookEndpoint, delivery.endpoint.id);
      if (!endpoint.enabled) {
        await em.nativeUpdate(
          WebhookDelivery,
          { id: delivery.id, status: 'pending' },
          { status: 'failed', nextAttemptAt: null, lastError: 'the endpoint is disabled' },
        );
        return { outcome: 'abandoned', statusCode: null };
      }
      const event = await em.findOneOrFail(WebhookEvent, delivery.event.id);
      const at = new Date();
      const body = webhookEventBody(encryption, event);
      const headers = {
        'content-type': 'application/json',
        'user-agent': WEBHOOK_USER_AGENT,
        'webhook-id': event.id,
        'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
        'webhook-signature': signWebhook(signingSecrets(endpoint, at), event.id, at, body),
      };
      const started = performance.now();
      let statusCode: number | null = null;
      let responseBody: string | null = null;
      let error: string | null = null;
      try {
        const response = await fetchLimited(endpoint.url, {
          policy,
          method: 'POST',
          body,
          headers,
          redirect: 'manual',
          maxBytes: RESPONSE_READ_BYTES,
          timeoutMs: config.webhooks.timeoutMs,
        });
        statusCode = response.status;
        responseBody = Buffer.from(response.bytes.subarray(0, RESPONSE_KEPT_BYTES)).toString('utf8');
        if (statusCode < 200 || statusCode >= 300) {
          error =
            statusCode >= 300 && statusCode < 400
              ? `redirected (${statusCode}); redirects are not followed`
              : `HTTP ${statusCode}`;
        }
      } catch (failure) {
        error = (failure as Error).message.slice(0, 1_000);
      }
      const latencyMs = Math.round(performance.now() - started);
      const delivered = error === null;
      const disabled = await em.transactional(async (tx) => {
        await tx.execute(
          `insert into webhook_attempt (id, delivery_id, number, manual, request_headers, request_body, response_status, response_body, error, latency_ms, attempted_at)
             values (gen_random_uuid(), ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?) on conflict (delivery_id, number) do nothing`,
          [
            delivery.id,
            input.attempt,
            input.manual,
            JSON.stringify(headers),
            body,
            statusCode,
            responseBody,
            error,
            latencyMs,
            at,
          ],
        );
        const failed = !delivered && input.retryInMs === null;
        await tx.nativeUpdate(
          WebhookDelivery,
          { id: delivery.id },
          {
            attempts: Math.max(delivery.attempts, input.attempt),
            lastAttemptAt: at,
            lastStatusCode: statusCode,
            lastError: error,
            status: delivered ? 'succeeded' : failed ? 'failed' : 'pending',
            deliveredAt: delivered ? at : null,
            nextAttemptAt: delivered || failed ? null : new Date(at.getTime() + (input.retryInMs ?? 0)),
          },
        );
        const locked = await tx.findOneOrFail(WebhookEndpoint, endpoint.id, { lockMode: LockMode.PESSIMISTIC_WRITE });
        if (delivered) {
          locked.failingSince = null;
          return false;
        }
        locked.failingSince ??= at;
        const failingMs = at.getTime() - locked.failingSince.getTime();
        if (!locked.enabled || failingMs < config.webhooks.disableAfterMs) return false;
        Object.assign(locked, {
          enabled: false,
          disabledAt: at,
          disabledReason: `every delivery failed for ${Math.round(failingMs / 3_600_000)} hours (last: ${error})`,
        });
        await tx.nativeUpdate(WebhookDelivery, { id: delivery.id }, { status: 'failed', nextAttemptAt: null });
        return true;
      });
      if (disabled) {
        await notify(
          { orm, mailers },
          {
            organizationId: endpoint.organization.id,
            roles: ['admin'],
            type: 'webhook_disabled',
            title: `Webhook endpoint disabled: ${endpoint.url}`.slice(0, 300),
            body: `Every delivery to ${endpoint.url} has failed since ${endpoint.failingSince?.toISOString() ?? at.toISOString()} (last: ${error}). It receives nothing until it is enabled again; failed deliveries can be redelivered from its delivery log.`,
            dedupeKey: `webhook:${endpoint.id}:disabled:${at.toISOString()}`,
          },
        );
      }
      const outcome = delivered ? 'delivered' : disabled ? 'abandoned' : 'failed';
      metrics.webhookAttempted(outcome);
      return { outcome, statusCode };
    },
  };
}
