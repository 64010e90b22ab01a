import type { EntityManager } from '@mikro-orm/postgresql';

/** The channel `publish_event` notifies (db/migrations/Migration20261201233032_event_commit_order.ts). */
export const EVENTS_CHANNEL = 'callplatform_events';

/** Every topic on the bus; an event's key says what it is about (a call id, a business id, a user id). */
export const TOPICS = {
  /** Key: call id. Created and status changes, transcript lines, latency metrics. */
  call: 'call',
  /** Key: call id. A call's QA score changed. */
  qa: 'qa',
  /** Key: escalation id. */
  escalations: 'escalations',
  /** Key: user id. */
  notifications: 'notifications',
  /** Key: knowledge entry id. */
  knowledge: 'knowledge',
  /** Key: documentation source id. */
  docSync: 'docsync',
  /** Key: webhook event id. An event was recorded with deliveries to start (payload: their ids). */
  webhooks: 'webhooks',
  /** Key: call id. A call's post-call analysis was written. */
  analysis: 'analysis',
  /** Key: campaign id. Its status or progress changed. */
  campaign: 'campaign',
} as const;
export type Topic = (typeof TOPICS)[keyof typeof TOPICS];

/** An event as subscribers see it; `id` is the cursor to resume after. */
export interface BusEvent<P = Record<string, unknown>> {
  id: string;
  topic: string;
  key: string;
  payload: P;
  createdAt: string;
}

export interface NewEvent {
  topic: string;
  key: string;
  payload: Record<string, unknown>;
  /** Publishers of the same event share this key, and it is logged once. */
  dedupeKey?: string;
}

/**
 * Appends an event to the log and notifies every listening process, through `publish_event` (see
 * its migration): cursors follow commit order. Call it inside the transaction that makes the change
 * it reports: Postgres delivers the notification only if that commits. With a `dedupeKey`, a second
 * publish of the same event writes nothing and answers null.
 */
export async function publishEvent(em: EntityManager, event: NewEvent): Promise<string | null> {
  const rows = await em.execute<{ id: string | null }[]>('select publish_event(?, ?, ?::jsonb, ?)::text as id', [
    event.topic,
    event.key,
    JSON.stringify(event.payload),
    event.dedupeKey ?? null,
  ]);
  return rows[0]?.id ?? null;
}
