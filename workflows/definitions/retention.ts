/**
 * Data retention (`retention-<organization>`): a Temporal schedule per organisation runs
 * `retentionWorkflow`, which deletes, in bounded batches, what is older than the organisation's policy.
 */

export const RETENTION_WORKFLOW_TYPE = 'retentionWorkflow';
/** The schedule's id, and the prefix of the workflow ids its runs get (Temporal appends the run's time). */
export const retentionScheduleId = (organizationId: string): string => `retention-${organizationId}`;

/** What a policy keeps for a number of days, in the order a run deletes them. */
export const RETENTION_KINDS = [
  'transcripts',
  'qaDetails',
  'calls',
  'notifications',
  'eventLog',
  'auditLog',
  'knowledgeSources',
] as const;
export type RetentionKind = (typeof RETENTION_KINDS)[number];

/** What a run removed: rows per kind, and the closed workflow executions of the calls and entries it deleted. */
export type RetentionRemoved = Record<RetentionKind | 'workflowExecutions', number>;

export interface RetentionWorkflowInput {
  organizationId: string;
  /** Rows one activity deletes at most. */
  batchSize: number;
  /** Batches before the run continues as new (tests make it small). */
  batchesPerRun?: number;
  /** Carried over continue-as-new: the run's cutoffs, what is done and what was removed so far. */
  progress?: RetentionProgress;
}

export interface RetentionProgress {
  startedAt: string;
  /** Delete what is older than this, per kind the policy limits (ISO 8601). */
  cutoffs: Partial<Record<RetentionKind, string>>;
  /** Index into RETENTION_KINDS of the kind being deleted. */
  kindIndex: number;
  /** Where that kind's last batch stopped (the kinds that walk calls in order). */
  after?: string | undefined;
  removed: RetentionRemoved;
}

export interface RetentionReport {
  startedAt: string;
  finishedAt: string;
  removed: RetentionRemoved;
}

export type RetentionWorkflow = (input: RetentionWorkflowInput) => Promise<RetentionReport>;

export const noneRemoved = (): RetentionRemoved => ({
  transcripts: 0,
  qaDetails: 0,
  calls: 0,
  notifications: 0,
  eventLog: 0,
  auditLog: 0,
  knowledgeSources: 0,
  workflowExecutions: 0,
});
