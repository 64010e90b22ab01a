import { defineEntity, type InferEntity, p } from '@mikro-orm/core';

export const AUDIT_OUTCOMES = ['success', 'denied', 'error'] as const;

/** What a change did: the changed fields' values before and after (secrets only as their last four). */
export interface AuditChanges {
  before: Record<string, unknown>;
  after: Record<string, unknown>;
}

/**
 * Who did what, when, to what, and how it ended: one row per mutation. Append-only: a trigger refuses
 * UPDATE and DELETE. Ids are plain columns (no foreign keys) so the record
 * outlives what it names.
 */
export const AuditLog = defineEntity({
  name: 'AuditLog',
  properties: {
    id: p.bigint('string').primary().autoincrement(),
    organizationId: p.uuid().nullable(),
    actorType: p.enum(['user', 'api_key', 'anonymous'] as const),
    actorId: p.string().nullable(),
    actorLabel: p.string().nullable(),
    operation: p.string(),
    targetType: p.string().nullable(),
    targetId: p.string().nullable(),
    outcome: p.enum(AUDIT_OUTCOMES),
    errorCode: p.string().nullable(),
    requestId: p.string().nullable(),
    ip: p.string().length(64).nullable(),
    changes: p.json<AuditChanges>().nullable(),
    // Written by the database: rows are inserted directly, and the clock of record is the server's.
    createdAt: p.datetime().defaultRaw('now()'),
  },
  indexes: [{ properties: ['organizationId', 'createdAt'] }, { properties: ['actorId', 'createdAt'] }],
  triggers: [
    {
      name: 'audit_log_append_only',
      timing: 'before',
      events: ['update', 'delete'],
      forEach: 'statement',
      // Only the retention schedule deletes, in a transaction that says so (activities/retention.ts).
      body: "if tg_op = 'DELETE' and current_setting('callplatform.retention_purge', true) = 'on' then return null; end if; raise exception 'audit_log is append-only';",
    },
  ],
});
export type AuditLog = InferEntity<typeof AuditLog>;
