import { defineEntity, type InferEntity, p } from '@mikro-orm/core';

/**
 * The live event log: every event published on the bus is a row here first, so a subscriber that
 * reconnects resumes from its last cursor (the id) without losing anything.
 */
export const EventRecord = defineEntity({
  name: 'EventRecord',
  tableName: 'event_log',
  properties: {
    id: p.bigint('string').primary().autoincrement(),
    topic: p.string(),
    key: p.string(),
    payload: p.json<Record<string, unknown>>(),
    /** Publishers of the same event (the bridge live, the workflow's durable write) share one key; it is logged once. */
    dedupeKey: p.string().nullable().unique(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
  indexes: [{ properties: ['topic', 'key', 'id'] }, { properties: ['createdAt'] }],
});
export type EventRecord = InferEntity<typeof EventRecord>;
