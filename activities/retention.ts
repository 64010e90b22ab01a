/**
 * Enforcing an organisation's retention policy: each activity call deletes one bounded batch of one
 * kind older than its cutoff and says whether more is left. Deleting what is already gone deletes
 * nothing, so a retried batch is harmless.
 */
import { Context } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import proto from '@temporalio/proto';
import { postgresArray } from '../db/do-not-call.ts';
import { RetentionPolicy } from '../db/entities/index.ts';
import type { Orm } from '../db/orm.ts';
import type { KnowledgeStore } from '../knowledge/store.ts';
import { TERMINAL_CALL_STATUSES } from '../workflows/definitions/call.ts';
import {
  RETENTION_KINDS,
  type RetentionKind,
  type RetentionProgress,
  type RetentionRemoved,
  type RetentionReport,
} from '../workflows/definitions/retention.ts';

export interface RetentionActivityDeps {
  orm: Orm;
  knowledge: KnowledgeStore;
}

/** Which policy column limits each kind. */
export const RETENTION_DAYS_FIELDS = {
  transcripts: 'transcriptDays',
  qaDetails: 'qaDetailDays',
  calls: 'callDays',
  notifications: 'notificationDays',
  eventLog: 'eventLogDays',
  auditLog: 'auditLogDays',
  knowledgeSources: 'knowledgeSourceDays',
} as const satisfies Record<RetentionKind, keyof RetentionPolicy>;

const DAY_MS = 86_400_000;
const RUNNING = proto.temporal.api.enums.v1.WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;

export interface RetentionBatch {
  organizationId: string;
  kind: RetentionKind;
  /** ISO 8601: what is older goes. */
  before: string;
  limit: number;
}

/** What one batch removed, and whether its kind has more to delete. */
export interface RetentionBatchResult {
  removed: Partial<RetentionRemoved>;
  more: boolean;
}

type Em = ReturnType<Orm['em']['fork']>;

/** Runs a `delete … returning` wrapped to count what it deleted. */
async function deleted(em: Em, deleteSql: string, params: unknown[]): Promise<number> {
  const [row] = await em.execute<{ count: string }[]>(
    `with gone as (${deleteSql} returning 1) select count(*) as count from gone`,
    params,
  );
  return Number(row?.count ?? 0);
}

/** The workflow ids a call's records live under in Temporal (workflows/definitions/*). */
const workflowIdsOfCall = (callId: string) => [`call-${callId}`, `qa-${callId}`, `postcall-${callId}`];

/**
 * Deletes the closed executions (every run) of these workflow ids; the ids with a run still open
 * come back, so their records are kept until a later run.
 */
async function deleteClosedExecutions(
  client: Client,
  workflowIds: string[],
): Promise<{ open: Set<string>; deleted: number }> {
  const namespace = client.options.namespace;
  const open = new Set<string>();
  const closed: { workflowId: string; runId: string }[] = [];
  const query = `WorkflowId IN (${workflowIds.map((id) => `'${id}'`).join(', ')})`;
  let nextPageToken: Uint8Array | undefined;
  do {
    const page = await client.workflowService.listWorkflowExecutions({ namespace, query, nextPageToken });
    for (const execution of page.executions ?? []) {
      const workflowId = execution.execution?.workflowId ?? '';
      if (execution.status === RUNNING) open.add(workflowId);
      else closed.push({ workflowId, runId: execution.execution?.runId ?? '' });
    }
    nextPageToken = page.nextPageToken?.length ? page.nextPageToken : undefined;
  } while (nextPageToken);
  for (const execution of closed) {
    await client.workflowService
      .deleteWorkflowExecution({ namespace, workflowExecution: execution })
      .catch((error: { code?: number }) => {
        // NOT_FOUND: a retried batch, or Temporal's own retention, deleted it first.
        if (error.code !== 5) throw error;
      });
  }
  return { open, deleted: closed.length };
}

export function createRetentionActivities({ orm, knowledge }: RetentionActivityDeps) {
  const purge: Record<RetentionKind, (batch: RetentionBatch) => Promise<RetentionBatchResult>> = {
    async transcripts({ organizationId, before, limit }) {
      const em = orm.em.fork();
      const lines = await deleted(
        em,
        `delete from call_interaction where id in (
           select line.id from call_interaction line join call on call.id = line.call_id
           where call.organization_id = ? and line.created_at < ? limit ?)`,
        [organizationId, before, limit],
      );
      // The live events of those lines carry their text too.
      const events = await deleted(
        em,
        `delete from event_log where id in (
           select id from event_log where topic = 'call' and payload->>'type' = 'transcript'
           and payload->>'organizationId' = ? and created_at < ? limit ?)`,
        [organizationId, before, limit],
      );
      return { removed: { transcripts: lines, eventLog: events }, more: lines === limit || events === limit };
    },

    async qaDetails({ organizationId, before, limit }) {
      const scores = await deleted(
        orm.em.fork(),
        `delete from qa_score where id in (
           select qa.id from qa_score qa join call on call.id = qa.call_id
           where call.organization_id = ? and call.created_at < ? limit ?)`,
        [organizationId, before, limit],
      );
      return { removed: { qaDetails: scores }, more: scores === limit };
    },

    /** Ended calls with their children (cascade), their events and their closed workflow executions. */
    async calls({ organizationId, before, limit }) {
      const em = orm.em.fork();
      const calls = await em.getConnection().execute<{ id: string }[]>(
        `select id from call where organization_id = ? and created_at < ? and status = any(?::text[])
         order by created_at limit ?`,
        [organizationId, before, postgresArray(TERMINAL_CALL_STATUSES), limit],
      );
      if (!calls.length) return { removed: {}, more: false };
      const callIds = calls.map((call) => call.id);
      const escalations = await em
        .getConnection()
        .execute<{ id: string; call_id: string }[]>(
          'select id, call_id from escalation where call_id = any(?::uuid[])',
          [postgresArray(callIds)],
        );
      const workflowIds = (callId: string) => [
        ...workflowIdsOfCall(callId),
        ...escalations.filter((e) => e.call_id === callId).map((e) => `escalation-${e.id}`),
      ];
      const temporal = await deleteClosedExecutions(Context.current().client, callIds.flatMap(workflowIds));
      Context.current().heartbeat();
      const closedCalls = callIds.filter((callId) => !workflowIds(callId).some((id) => temporal.open.has(id)));
      if (!closedCalls.length) return { removed: { workflowExecutions: temporal.deleted }, more: false };
      const keys = [...closedCalls, ...escalations.filter((e) => closedCalls.includes(e.call_id)).map((e) => e.id)];
      const removed = await em.transactional(async (tx) => {
        const events = await deleted(
          tx,
          `delete from event_log where topic in ('call', 'qa', 'analysis', 'escalations') and key = any(?::text[])`,
          [postgresArray(keys)],
        );
        const rows = await deleted(tx, 'delete from call where id = any(?::uuid[])', [postgresArray(closedCalls)]);
        return { calls: rows, eventLog: events };
      });
      // A batch with a call still running ends this run's calls; the next run tries them again.
      return {
        removed: { ...removed, workflowExecutions: temporal.deleted },
        more: calls.length === limit && closedCalls.length === calls.length,
      };
    },

    async notifications({ organizationId, before, limit }) {
      const rows = await deleted(
        orm.em.fork(),
        `delete from notification where id in (
           select id from notification where organization_id = ? and created_at < ? limit ?)`,
        [organizationId, before, limit],
      );
      return { removed: { notifications: rows }, more: rows === limit };
    },

    async eventLog({ organizationId, before, limit }) {
      const rows = await deleted(
        orm.em.fork(),
        `delete from event_log where id in (
           select id from event_log where payload->>'organizationId' = ? and created_at < ? limit ?)`,
        [organizationId, before, limit],
      );
      return { removed: { eventLog: rows }, more: rows === limit };
    },

    async auditLog({ organizationId, before, limit }) {
      const rows = await orm.em.fork().transactional(async (tx) => {
        // The append-only trigger lets a delete through only in a transaction that sets this.
        await tx.execute(`set local callplatform.retention_purge = 'on'`);
        return deleted(
          tx,
          `delete from audit_log where id in (
             select id from audit_log where organization_id = ? and created_at < ? limit ?)`,
          [organizationId, before, limit],
        );
      });
      return { removed: { auditLog: rows }, more: rows === limit };
    },

    /** Entries not updated since the cutoff: their chunks leave Weaviate before the row goes. */
    async knowledgeSources({ organizationId, before, limit }) {
      const em = orm.em.fork();
      const entries = await em.execute<{ id: string; business_id: string }[]>(
        `select id, business_id from knowledge_entry where organization_id = ? and updated_at < ?
         order by updated_at limit ?`,
        [organizationId, before, limit],
      );
      for (const entry of entries) {
        await knowledge.deleteEntry(entry.business_id, entry.id);
        Context.current().heartbeat();
      }
      const rows = entries.length
        ? await deleted(em, 'delete from knowledge_entry where id = any(?::uuid[])', [
            postgresArray(entries.map((e) => e.id)),
          ])
        : 0;
      return { removed: { knowledgeSources: rows }, more: entries.length === limit };
    },
  };

  return {
    /** A run's cutoffs from the organisation's policy as it stands now; null when it has none. */
    async planRetention({
      organizationId,
    }: {
      organizationId: string;
    }): Promise<Omit<RetentionProgress, 'kindIndex' | 'removed'> | null> {
      const policy = await orm.em.fork().findOne(RetentionPolicy, { organization: organizationId });
      if (!policy) return null;
      const now = Date.now();
      const cutoffs: RetentionProgress['cutoffs'] = {};
      for (const kind of RETENTION_KINDS) {
        const days = policy[RETENTION_DAYS_FIELDS[kind]];
        if (days !== null && days !== undefined) cutoffs[kind] = new Date(now - days * DAY_MS).toISOString();
      }
      return { startedAt: new Date(now).toISOString(), cutoffs };
    },

    async purgeRetentionBatch(batch: RetentionBatch): Promise<RetentionBatchResult> {
      const result = await purge[batch.kind](batch);
      Context.current().heartbeat();
      return result;
    },

    async recordRetentionRun({ organizationId, report }: { organizationId: string; report: RetentionReport }) {
      await orm.em.fork().nativeUpdate(
        RetentionPolicy,
        { organization: organizationId },
        {
          lastRunStartedAt: new Date(report.startedAt),
          lastRunFinishedAt: new Date(report.finishedAt),
          lastRunRemoved: report.removed,
        },
      );
    },
  };
}
