import { continueAsNew, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { createRetentionActivities } from '../activities/retention.ts';
import { activityPresets } from './definitions/presets.ts';
import {
  noneRemoved,
  RETENTION_KINDS,
  type RetentionProgress,
  type RetentionRemoved,
  type RetentionReport,
  type RetentionWorkflow,
  type RetentionWorkflowInput,
} from './definitions/retention.ts';

const records = proxyActivities<ReturnType<typeof createRetentionActivities>>(activityPresets.database);
const purge = proxyActivities<ReturnType<typeof createRetentionActivities>>(activityPresets.retention);
/** Batches one run does before it continues as new (a few events each). */
const BATCHES_PER_RUN = 500;

/**
 * One retention run of an organisation: the cutoffs are fixed at the start, then each kind the
 * policy limits is deleted a batch at a time until none is left; the run's report goes on the
 * policy. A long run continues as new with its progress, so its history stays small.
 */
export async function retentionWorkflow(input: RetentionWorkflowInput): Promise<RetentionReport> {
  let progress: RetentionProgress;
  if (input.progress) progress = input.progress;
  else {
    const plan = await records.planRetention({ organizationId: input.organizationId });
    if (!plan)
      return { startedAt: new Date().toISOString(), finishedAt: new Date().toISOString(), removed: noneRemoved() };
    progress = { ...plan, kindIndex: 0, removed: noneRemoved() };
  }
  let batches = 0;
  for (; progress.kindIndex < RETENTION_KINDS.length; progress.kindIndex++, progress.after = undefined) {
    const kind = RETENTION_KINDS[progress.kindIndex]!;
    const before = progress.cutoffs[kind];
    if (!before) continue;
    for (let more = true; more; ) {
      if (++batches > (input.batchesPerRun ?? BATCHES_PER_RUN) || workflowInfo().continueAsNewSuggested) {
        await continueAsNew<RetentionWorkflow>({ ...input, progress });
      }
      const batch = await purge.purgeRetentionBatch({
        organizationId: input.organizationId,
        kind,
        before,
        limit: input.batchSize,
        after: progress.after,
      });
      progress.after = batch.after;
      for (const [counted, rows] of Object.entries(batch.removed)) {
        progress.removed[counted as keyof RetentionRemoved] += rows;
      }
      more = batch.more;
    }
  }
  const report = { startedAt: progress.startedAt, finishedAt: new Date().toISOString(), removed: progress.removed };
  await records.recordRetentionRun({ organizationId: input.organizationId, report });
  return report;
}

retentionWorkflow satisfies RetentionWorkflow;
