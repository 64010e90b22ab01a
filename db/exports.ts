/**
 * Exports' rows and files: the SQL each CSV export reads (streamed from a cursor, in a stable
 * order), and the file's chunks in `export_chunk`, written in order and read back one at a time.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { type AnalyticsScope, filterSql } from './analytics.ts';
import type { ExportKind } from './entities/index.ts';

export type CsvExportKind = Exclude<ExportKind, 'report' | 'person_data'>;

export interface CsvQuery {
  /** The CSV header, in the order of the selected columns. */
  columns: string[];
  sql: string;
  countSql: string;
  params: unknown[];
}

/** Calls created in the range under the filter, through their facts (the same scope analytics counts). */
function callsIn(scope: AnalyticsScope) {
  const f = filterSql(scope.filter, 'f');
  return {
    where: `f.organization_id = ? and f.created_at >= ? and f.created_at < ?${f.sql}`,
    params: [scope.organizationId, scope.start, scope.end, ...f.params],
  };
}

/** Each kind's columns (CSV header name and SQL), tables and order. */
const SELECTS: Record<CsvExportKind, { columns: [string, string][]; from: string; order: string }> = {
  calls: {
    columns: [
      ['call_id', 'c.id'],
      ['created_at', 'c.created_at'],
      ['business', 'b.name'],
      ['direction', 'c.direction'],
      ['status', 'c.status'],
      ['from_number', 'c.from_number'],
      ['to_number', 'c.to_number'],
      ['answered_at', 'c.answered_at'],
      ['ended_at', 'c.ended_at'],
      ['duration_seconds', 'c.duration_seconds'],
      ['end_reason', 'c.end_reason'],
      ['handle_seconds', 'f.handle_seconds'],
      ['contained', 'f.contained = 1'],
      ['escalated', 'f.escalated = 1'],
      ['qa_score', 'f.qa_score'],
      ['caller_sentiment', 'f.sentiment_final'],
    ],
    from: 'call_facts f join call c on c.id = f.call_id join business_config b on b.id = c.business_id',
    order: 'f.created_at, f.call_id',
  },
  transcripts: {
    columns: [
      ['call_id', 'l.call_id'],
      ['call_created_at', 'f.created_at'],
      ['sequence', 'l.sequence'],
      ['speaker', 'l.speaker'],
      ['start_ms', 'l.start_ms'],
      ['end_ms', 'l.end_ms'],
      ['text', 'l.text'],
      ['sentiment', "(l.sentiment->>'compound')::float8"],
    ],
    from: 'call_facts f join call_interaction l on l.call_id = f.call_id',
    order: 'f.created_at, f.call_id, l.sequence',
  },
  qa_scores: {
    columns: [
      ['call_id', 'q.call_id'],
      ['call_created_at', 'f.created_at'],
      ['score', 'q.score'],
      ['effective_score', 'coalesce(q.override_score, q.score)'],
      ['grader', 'q.grader'],
      ['sentiment', "(q.components->>'sentiment')::float8"],
      ['compliance', "(q.components->>'compliance')::float8"],
      ['accuracy', "(q.components->>'accuracy')::float8"],
      ['professionalism', "(q.components->>'professionalism')::float8"],
      ['override_reason', 'q.override_reason'],
      ['violations', "(select string_agg(v->>'rule', ';') from jsonb_array_elements(q.violations) v)"],
    ],
    from: 'call_facts f join qa_score q on q.call_id = f.call_id and q.final',
    order: 'f.created_at, f.call_id',
  },
  escalations: {
    columns: [
      ['escalation_id', 'x.id'],
      ['call_id', 'x.call_id'],
      ['triggered_at', 'x.triggered_at'],
      ['reason', 'x.reason'],
      ['priority', 'x.priority'],
      ['status', 'x.status'],
      ['agent', 'a.name'],
      ['accepted_at', 'x.accepted_at'],
      ['completed_at', 'x.completed_at'],
      ['wait_seconds', 'extract(epoch from x.accepted_at - x.triggered_at)'],
      ['resolved', 'x.resolved'],
      ['resolution_notes', 'x.resolution_notes'],
    ],
    from: 'call_facts f join escalation x on x.call_id = f.call_id left join human_agent a on a.id = x.agent_id',
    order: 'f.created_at, x.triggered_at, x.id',
  },
  campaign_results: {
    columns: [
      ['campaign_id', 'g.id'],
      ['campaign', 'g.name'],
      ['call_id', 'c.id'],
      ['called_at', 'f.created_at'],
      ['phone_number', 'cc.phone_number'],
      ['contact_name', 'cc.name'],
      ['attempt', 'array_position(cc.call_ids, c.id::text)'],
      ['call_status', 'c.status'],
      ['end_reason', 'c.end_reason'],
      ['answered', 'f.answered = 1'],
      ['duration_seconds', 'c.duration_seconds'],
      ['contact_status', 'cc.status'],
      ['contact_attempts', 'cc.attempts'],
      ['contact_last_outcome', 'cc.last_outcome'],
    ],
    from: `call_facts f join call c on c.id = f.call_id join campaign g on g.id = c.campaign_id
           left join campaign_contact cc on cc.id = c.campaign_contact_id`,
    order: 'f.created_at, f.call_id',
  },
};

/** What a CSV export of `kind` reads: rows keyed by the CSV's column names, in a stable order. */
export function csvQuery(kind: CsvExportKind, scope: AnalyticsScope): CsvQuery {
  const spec = SELECTS[kind];
  const scoped = callsIn(scope);
  return {
    columns: spec.columns.map(([name]) => name),
    sql: `select ${spec.columns.map(([name, sql]) => `${sql} as "${name}"`).join(', ')}
          from ${spec.from} where ${scoped.where} order by ${spec.order}`,
    countSql: `select count(*) as count from ${spec.from} where ${scoped.where}`,
    params: scoped.params,
  };
}

/** Appends one piece of an export's file. */
export async function appendChunk(em: EntityManager, exportId: string, sequence: number, data: Buffer): Promise<void> {
  await em.execute('insert into export_chunk (export_id, sequence, data) values (?, ?, ?)', [exportId, sequence, data]);
}

/** An export's file, one chunk at a time, in order (one chunk in memory at once). */
export async function* readChunks(em: EntityManager, exportId: string): AsyncGenerator<Buffer> {
  for (let sequence = 0; ; sequence++) {
    const [row] = await em.execute<{ data: Buffer }[]>(
      'select data from export_chunk where export_id = ? and sequence = ?',
      [exportId, sequence],
    );
    if (!row) return;
    yield row.data;
  }
}
