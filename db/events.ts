import type { EntityManager } from '@mikro-orm/postgresql';

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
}

// NOTIFY payloads are capped at 8000 bytes; bigger events travel as an id and are read from the log.
const PUBLISH_SQL = `
with e as (
  insert into event_log (topic, key, payload, created_at) values (?, ?, ?::jsonb, now())
  returning id, topic, key, payload, created_at
), body as (
  select e.id, json_build_object('id', e.id::text, 'topic', e.topic, 'key', e.key, 'payload', e.payload,
    'createdAt', to_char(e.created_at at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))::text as full_body
  from e
)
select id::text as id, pg_notify('${EVENTS_CHANNEL}',
  case when octet_length(full_body) < 7900 then full_body else json_build_object('id', id::text)::text end)
from body`;

/**
 * Appends an event to the log and notifies every listening process. Call it inside the transaction
 * that makes the change it reports: Postgres delivers the notification only if that commits.
 */
export async function publishEvent(em: EntityManager, event: NewEvent): Promise<string> {
  const rows = await em.execute<{ id: string }[]>(PUBLISH_SQL, [event.topic, event.key, JSON.stringify(event.payload)]);
  const id = rows[0]?.id;
  if (!id) throw new Error('event log insert returned no id');
  return id;
}
