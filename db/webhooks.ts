/**
 * The outbox of outbound webhooks: an event is recorded, with one delivery per endpoint that wants
 * its type, in the transaction of the change it reports, so it goes out if and only if the change
 * committed. The worker's dispatcher (activities/webhook-dispatcher.ts) hears of it on the event bus
 * and starts each delivery's workflow.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { type Encryption, lastFour } from '../lib/encryption.ts';
import type { WebhookEventType } from '../workflows/definitions/webhooks.ts';
import { DocSyncRun, type Escalation, type StoredWebhookSecret, WebhookEndpoint } from './entities/index.ts';
import { publishEvent, TOPICS } from './events.ts';
import type { Orm } from './orm.ts';

export interface NewWebhookEvent {
  organizationId: string;
  type: WebhookEventType;
  /** Makes recording it idempotent: `call.analyzed:<call id>`. A second record with the same key writes nothing. */
  eventKey: string;
  data: Record<string, unknown>;
  /** When it happened; now by default. */
  at?: Date;
  /** Only to this endpoint, whatever it subscribes to (a test send). */
  endpointId?: string;
  /** Seals the body at rest with the organisation's key: for events that carry personal data. */
  sealWith?: Encryption;
}

/** What a sealed event body is bound to. */
export const webhookEventPurpose = (eventId: string): string => `webhook-event:${eventId}`;

/** The body an event sends: as stored, or opened when it was sealed. */
export function webhookEventBody(
  encryption: Encryption,
  event: {
    id: string;
    organization: { id: string };
    payload?: Record<string, unknown> | null;
    sealedPayload?: string | null;
  },
): string {
  if (event.sealedPayload)
    return encryption.open(event.organization.id, webhookEventPurpose(event.id), event.sealedPayload);
  return JSON.stringify(event.payload);
}

/** A Standard Webhooks message id: unique, and the same on every retry and redelivery. */
const messageId = () => `msg_${randomUUID().replaceAll('-', '')}`;

/**
 * Records an event and its deliveries inside `em`'s transaction (call it in the transaction that makes
 * the change). Answers the event's id and the deliveries created now (none when it was recorded before).
 */
export async function recordWebhookEvent(
  em: EntityManager,
  event: NewWebhookEvent,
): Promise<{ eventId: string; deliveryIds: string[] }> {
  const at = event.at ?? new Date();
  const id = messageId();
  const body = JSON.stringify({ type: event.type, timestamp: at.toISOString(), data: event.data });
  const sealed = event.sealWith?.seal(event.organizationId, webhookEventPurpose(id), body) ?? null;
  const inserted = await em.execute<{ id: string }[]>(
    `insert into webhook_event (id, organization_id, type, event_key, payload, sealed_payload, created_at)
       values (?, ?, ?, ?, ?::jsonb, ?, ?)
       on conflict (organization_id, event_key) do nothing returning id`,
    [id, event.organizationId, event.type, event.eventKey.slice(0, 200), sealed ? null : body, sealed, at],
  );
  const eventId = inserted[0]?.id;
  if (!eventId) {
    const [existing] = await em.execute<{ id: string }[]>(
      'select id from webhook_event where organization_id = ? and event_key = ?',
      [event.organizationId, event.eventKey.slice(0, 200)],
    );
    return { eventId: existing!.id, deliveryIds: [] };
  }
  const deliveries = await em.execute<{ id: string }[]>(
    `insert into webhook_delivery (id, organization_id, event_id, endpoint_id, status, attempts, created_at)
       select gen_random_uuid(), e.organization_id, ?, e.id, 'pending', 0, now() from webhook_endpoint e
       where e.organization_id = ? and e.enabled
         and (case when ?::uuid is null then ? = any(e.event_types) else e.id = ?::uuid end)
       returning id`,
    [eventId, event.organizationId, event.endpointId ?? null, event.type, event.endpointId ?? null],
  );
  const deliveryIds = deliveries.map((d) => d.id);
  if (deliveryIds.length) {
    await publishEvent(em, {
      topic: TOPICS.webhooks,
      key: eventId,
      payload: { organizationId: event.organizationId, eventId, deliveryIds },
    });
  }
  return { eventId, deliveryIds };
}

/** What escalation events carry: the escalation, where it stands, and its context package. */
export function escalationEventData(escalation: Escalation): Record<string, unknown> {
  return {
    escalationId: escalation.id,
    callId: escalation.call.id,
    businessId: escalation.business.id,
    status: escalation.status,
    reason: escalation.reason,
    priority: escalation.priority,
    summary: escalation.context.summary,
    keyPoints: escalation.context.keyPoints,
    customerNumber: escalation.context.customerNumber,
    resolved: escalation.resolved ?? null,
    resolutionNotes: escalation.resolutionNotes ?? null,
    triggeredAt: escalation.triggeredAt.toISOString(),
    completedAt: escalation.completedAt?.toISOString() ?? null,
  };
}

/** Records `escalation.created`, or `escalation.completed` once it is closed for good (a callback task is not). */
export async function recordEscalationEvent(em: EntityManager, escalation: Escalation): Promise<void> {
  const closed = ['completed', 'handed_off', 'cancelled'].includes(escalation.status);
  const type = closed ? 'escalation.completed' : 'escalation.created';
  if (!closed && escalation.status === 'callback') return;
  await em.transactional((tx) =>
    recordWebhookEvent(tx, {
      organizationId: escalation.organization.id,
      type,
      eventKey: `${type}:${escalation.id}`,
      data: escalationEventData(escalation),
    }),
  );
}

/** Records `knowledge.synced` for a finished documentation sync run (once per run). */
export async function recordDocSyncEvent(em: EntityManager, runId: string): Promise<void> {
  const run = await em.findOne(DocSyncRun, runId, { populate: ['source'] });
  if (!run || run.status === 'running') return;
  await em.transactional((tx) =>
    recordWebhookEvent(tx, {
      organizationId: run.organization.id,
      type: 'knowledge.synced',
      eventKey: `knowledge.synced:${run.id}`,
      data: {
        runId: run.id,
        sourceId: run.source.id,
        sourceName: run.source.name,
        businessId: run.source.business.id,
        status: run.status,
        trigger: run.trigger,
        counts: {
          found: run.found,
          fetched: run.fetched,
          indexed: run.indexed,
          unchanged: run.unchanged,
          failed: run.failed,
          removed: run.removed,
          skipped: run.skipped,
        },
        startedAt: run.startedAt.toISOString(),
        finishedAt: run.finishedAt?.toISOString() ?? null,
      },
    }),
  );
}

/** What an endpoint's signing secret is sealed for: it opens for that endpoint only. */
export const webhookSecretPurpose = (endpointId: string) => `webhook-secret:${endpointId}`;

/** A new signing secret as the Standard Webhooks specification has them: `whsec_` and 24 random bytes in base64. */
export const newWebhookSecret = () => `whsec_${randomBytes(24).toString('base64')}`;

/**
 * Adds a new current secret to an endpoint (sealed) and answers it, the only time it is shown. The
 * secrets it replaces keep signing for `overlapMs` (receivers accept either while they switch), then
 * stop; long-expired ones are dropped.
 */
export function addWebhookSecret(
  encryption: Encryption,
  endpoint: WebhookEndpoint,
  overlapMs: number,
  now = new Date(),
): string {
  const secret = newWebhookSecret();
  const expiresAt = new Date(now.getTime() + overlapMs).toISOString();
  const kept = endpoint.secrets
    .filter((s) => s.expiresAt === null || new Date(s.expiresAt) > now)
    .map((s) => (s.expiresAt === null ? { ...s, expiresAt } : s));
  const added: StoredWebhookSecret = {
    id: randomUUID(),
    sealed: encryption.seal(endpoint.organization.id, webhookSecretPurpose(endpoint.id), secret),
    lastFour: lastFour(secret),
    createdAt: now.toISOString(),
    expiresAt: null,
  };
  endpoint.secrets = [added, ...kept];
  return secret;
}

/** Re-seals every endpoint's secrets not under the current master key (`npm run secrets:rotate`). */
export async function resealWebhookSecrets(
  orm: Orm,
  encryption: Encryption,
): Promise<{ resealed: number; failed: { id: string; organizationId: string; reason: string }[] }> {
  let resealed = 0;
  const failed: { id: string; organizationId: string; reason: string }[] = [];
  const rows = await orm.em.fork().find(WebhookEndpoint, {}, { fields: ['id'] });
  for (const { id } of rows) {
    await orm.em.fork().transactional(async (em) => {
      const endpoint = await em.findOneOrFail(WebhookEndpoint, id, { lockMode: LockMode.PESSIMISTIC_WRITE });
      const purpose = webhookSecretPurpose(endpoint.id);
      try {
        const next = endpoint.secrets.map((s) => {
          if (encryption.isCurrent(s.sealed)) return s;
          resealed += 1;
          return {
            ...s,
            sealed: encryption.seal(
              endpoint.organization.id,
              purpose,
              encryption.open(endpoint.organization.id, purpose, s.sealed),
            ),
          };
        });
        endpoint.secrets = next;
      } catch (error) {
        failed.push({ id, organizationId: endpoint.organization.id, reason: (error as Error).message });
      }
    });
  }
  return { resealed, failed };
}
