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
import { callWorkflowId, TERMINAL_CALL_STATUSES } from '../workflows/definitions/call.ts';
import { escalationWorkflowId } from '../workflows/definitions/escalation.ts';
import { knowledgeWorkflowId } from '../workflows/definitions/knowledge.ts';
import { postCallWorkflowId } from '../workflows/definitions/post-call.ts';
import { qaRecalculationWorkflowId } from '../workflows/definitions/quality.ts';
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
const RETENTION_DAYS_FIELDS = {
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
  /** Where the last batch of this kind stopped, for the kinds that walk calls in order. */
  after?: string | undefined;
}

/** What one batch removed, whether its kind has more to delete, and where to go on from. */
export interface RetentionBatchResult {
  removed: Partial<RetentionRemoved>;
  more: boolean;
  after?: string | undefined;
}

/** A cursor over calls: `<created_at as Postgres writes it>|<id>`, before every call when none. */
const cursorOf = (after: string | undefined): [string, string] =>
  after ? (after.split('|') as [string, string]) : ['-infinity', '00000000-0000-0000-0000-000000000000'];

type Em = ReturnType<Orm['em']['fork']>;

/** Runs a `delete … returning` wrapped to count what it deleted. */
async function deleted(em: Em, deleteSql: string, params: unknown[]): Promise<number> {
  const [row] = await em.execute<{ count: string }[]>(
    `with gone as (${deleteSql} returning 1) select count(*) as count from gone`,
    params,
  );
  return Number(row?.count ?? 0);
}

/** The workflow ids a call's records live under in Temporal. */
const workflowIdsOfCall = (callId: string) => [
  callWorkflowId(callId),
  qaRecalculationWorkflowId(callId),
  postCallWorkflowId(callId),
];

interface Execution {
  workflowId: string;
  runId: string;
}

/** Workflow ids one visibility query asks about. */
const IDS_PER_QUERY = 100;

/** Every run of these workflow ids Temporal holds: which ids have one still open, and the closed runs. */
async function executionsOf(
  client: Client,
  workflowIds: string[],
): Promise<{ open: Set<string>; closed: Execution[] }> {
  const namespace = client.options.namespace;
  const open = new Set<string>();
  const closed: Execution[] = [];
  for (let start = 0; start < workflowIds.length; start += IDS_PER_QUERY) {
    const ids = workflowIds.slice(start, start + IDS_PER_QUERY);
    const query = `WorkflowId IN (${ids.map((id) => `'${id}'`).join(', ')})`;
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
    Context.current().heartbeat();
  }
  return { open, closed };
}

async function deleteExecutions(client: Client, executions: Execution[]): Promise<void> {
  const namespace = client.options.namespace;
  for (const [index, workflowExecution] of executions.entries()) {
    await client.workflowService
      .deleteWorkflowExecution({ namespace, workflowExecution })
      .catch((error: { code?: number }) => {
        // NOT_FOUND: a retried batch, or Temporal's own retention, deleted it first.
        if (error.code !== 5) throw error;
      });
    if (index % 50 === 49) Context.current().heartbeat();
  }
}

export function createRetentionActivities({ orm, knowledge }: RetentionActivityDeps) {
  const purge: Record<RetentionKind, (batch: RetentionBatch) => Promise<RetentionBatchResult>> = {
    /** Lines (and their sealed originals) of calls older than the cutoff, a call at a time in call order. */
    async transcripts({ organizationId, before, limit, after }) {
      const em = orm.em.fork();
      const [at, id] = cursorOf(after);
      // From the cursor's call on (it may have lines left that did not fit the last batch).
      const [result] = await em.execute<{ count: string; after: string | null }[]>(
        `with doomed as (
           select line.id, call.created_at, call.id as call_id
           from call join call_interaction line on line.call_id = call.id
           where call.organization_id = ? and call.created_at < ? and (call.created_at, call.id) >= (?::timestamptz, ?::uuid)
             and line.created_at < ?
           order by call.created_at, call.id limit ?),
         gone as (delete from call_interaction where id in (select id from doomed) returning 1)
         select (select count(*) from gone) as count,
           (select created_at::text || '|' || call_id from doomed order by created_at desc, call_id desc limit 1) as after`,
        [organizationId, before, at, id, before, limit],
      );
      const lines = Number(result?.count ?? 0);
      // The live events of those lines carry their text too.
      const events = await deleted(
        em,
        `delete from event_log where id in (
           select id from event_log where topic = 'call' and payload->>'type' = 'transcript'
           and payload->>'organizationId' = ? and created_at < ? limit ?)`,
        [organizationId, before, limit],
      );
      return {
        removed: { transcripts: lines, eventLog: events },
        more: lines === limit || events === limit,
        after: result?.after ?? after,
      };
    },

    async qaDetails({ organizationId, before, limit, after }) {
      const [at, id] = cursorOf(after);
      const [result] = await orm.em.fork().execute<{ count: string; after: string | null }[]>(
        `with doomed as (
           select qa.id, call.created_at, call.id as call_id from call join qa_score qa on qa.call_id = call.id
           where call.organization_id = ? and call.created_at < ? and (call.created_at, call.id) > (?::timestamptz, ?::uuid)
           order by call.created_at, call.id limit ?),
         gone as (delete from qa_score where id in (select id from doomed) returning 1)
         select (select count(*) from gone) as count,
           (select created_at::text || '|' || call_id from doomed order by created_at desc, call_id desc limit 1) as after`,
        [organizationId, before, at, id, limit],
      );
      const scores = Number(result?.count ?? 0);
      return { removed: { qaDetails: scores }, more: scores === limit, after: result?.after ?? after };
    },

    /**
     * Ended calls with their children (cascade), their events and their closed workflow executions.
     * A call whose workflow is still open is passed over (the cursor moves on) until a later run.
     */
    async calls({ organizationId, before, limit, after }) {
      const em = orm.em.fork();
      const [at, id] = cursorOf(after);
      const calls = await em.execute<{ id: string; created_at: string }[]>(
        `select id, created_at::text as created_at from call
         where organization_id = ? and created_at < ? and status = any(?::text[])
           and (created_at, id) > (?::timestamptz, ?::uuid)
         order by created_at, id limit ?`,
        [organizationId, before, postgresArray(TERMINAL_CALL_STATUSES), at, id, limit],
      );
      const last = calls.at(-1);
      if (!last) return { removed: {}, more: false, after };
      const callIds = calls.map((call) => call.id);
      const escalations = await em.execute<{ id: string; call_id: string }[]>(
        'select id, call_id from escalation where call_id = any(?::uuid[])',
        [postgresArray(callIds)],
      );
      const workflowIds = (callId: string) => [
        ...workflowIdsOfCall(callId),
        ...escalations.filter((e) => e.call_id === callId).map((e) => escalationWorkflowId(e.id)),
      ];
      const temporal = Context.current().client;
      const { open, closed } = await executionsOf(temporal, callIds.flatMap(workflowIds));
      const closedCalls = callIds.filter((callId) => !workflowIds(callId).some((id) => open.has(id)));
      const closedIds = new Set(closedCalls.flatMap(workflowIds));
      const executions = closed.filter((execution) => closedIds.has(execution.workflowId));
      await deleteExecutions(temporal, executions);
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
      return {
        removed: { ...removed, workflowExecutions: executions.length },
        more: calls.length === limit,
        after: `${last.created_at}|${last.id}`,
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

    /**
     * Entries not updated since the cutoff: their chunks leave Weaviate and their ingestion's closed
     * executions leave Temporal before the row goes; an entry still being ingested waits for a later run.
     */
    async knowledgeSources({ organizationId, before, limit }) {
      const em = orm.em.fork();
      const entries = await em.execute<{ id: string; business_id: string }[]>(
        `select id, business_id from knowledge_entry where organization_id = ? and updated_at < ?
         order by updated_at, id limit ?`,
        [organizationId, before, limit],
      );
      const temporal = Context.current().client;
      const { open, closed } = await executionsOf(
        temporal,
        entries.map((entry) => knowledgeWorkflowId(entry.id)),
      );
      const settled = entries.filter((entry) => !open.has(knowledgeWorkflowId(entry.id)));
      await deleteExecutions(temporal, closed);
      for (const entry of settled) {
        await knowledge.deleteEntry(entry.business_id, entry.id);
        Context.current().heartbeat();
      }
      const rows = settled.length
        ? await deleted(em, 'delete from knowledge_entry where id = any(?::uuid[])', [
            postgresArray(settled.map((e) => e.id)),
          ])
        : 0;
      return {
        removed: { knowledgeSources: rows, workflowExecutions: closed.length },
        more: entries.length === limit && settled.length === entries.length,
      };
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
