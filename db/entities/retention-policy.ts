import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import type { RetentionRemoved } from '../../workflows/definitions/retention.ts';
import { Organization } from './organization.ts';

/**
 * How many days an organisation keeps each kind of record; null keeps it forever. Enforced by its
 * `retention-<organization>` schedule, whose last run is reported here.
 */
export const RetentionPolicy = defineEntity({
  name: 'RetentionPolicy',
  tableName: 'retention_policy',
  properties: {
    organization: () => p.oneToOne(Organization).primary().owner().deleteRule('cascade'),
    /** Transcript lines (with their encrypted originals) and their live events. */
    transcriptDays: p.integer().nullable(),
    /** Calls with everything about them: notes, analysis, escalations, QA, their workflow executions. */
    callDays: p.integer().nullable(),
    qaDetailDays: p.integer().nullable(),
    notificationDays: p.integer().nullable(),
    eventLogDays: p.integer().nullable(),
    auditLogDays: p.integer().nullable(),
    /** Knowledge entries not updated for this long, with their chunks in Weaviate. */
    knowledgeSourceDays: p.integer().nullable(),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
    lastRunStartedAt: p.datetime().nullable(),
    lastRunFinishedAt: p.datetime().nullable(),
    lastRunRemoved: p.json<RetentionRemoved>().nullable(),
  },
});
export type RetentionPolicy = InferEntity<typeof RetentionPolicy>;
