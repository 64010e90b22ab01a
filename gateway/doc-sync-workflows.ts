import { type Client, ScheduleAlreadyRunning, ScheduleNotFoundError, ScheduleOverlapPolicy } from '@temporalio/client';
import type { DocSource } from '../db/entities/index.ts';
import type { Config } from '../lib/config.ts';
import { type DocSyncInput, docSyncScheduleId, docSyncWorkflowId } from '../workflows/doc-sync.ts';
import { searchAttributes } from '../workflows/shared.ts';

/** How a sync of a source is started, by hand or by its schedule. */
export function docSyncWorkflowOptions(config: Config, source: DocSource, input: DocSyncInput) {
  return {
    taskQueue: config.temporal.taskQueue,
    workflowId: docSyncWorkflowId(source.id),
    args: [input] as [DocSyncInput],
    typedSearchAttributes: [{ key: searchAttributes.businessId, value: source.business.id }],
  };
}

/**
 * Keeps the source's Temporal schedule (`docsync-schedule-<source>`) in line with `resyncEvery`:
 * created or updated when set, deleted when not. A sync still running when the next is due is not
 * overlapped (the schedule skips).
 */
export async function applyDocSyncSchedule(temporal: Client, config: Config, source: DocSource): Promise<void> {
  const scheduleId = docSyncScheduleId(source.id);
  const handle = temporal.schedule.getHandle(scheduleId);
  if (!source.resyncEvery) {
    await handle.delete().catch((error: unknown) => {
      if (!(error instanceof ScheduleNotFoundError)) throw error;
    });
    return;
  }
  const spec = { intervals: [{ every: source.resyncEvery as `${number}${'m' | 'h' | 'd'}` }] };
  const action = {
    type: 'startWorkflow' as const,
    workflowType: 'docSyncWorkflow',
    ...docSyncWorkflowOptions(config, source, { sourceId: source.id, trigger: 'schedule' }),
  };
  try {
    await temporal.schedule.create({
      scheduleId,
      spec,
      action,
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 hour' },
      memo: { sourceName: source.name },
    });
  } catch (error) {
    if (!(error instanceof ScheduleAlreadyRunning)) throw error;
    await handle.update((previous) => ({ ...previous, spec, action }));
  }
}
