import { ApplicationFailure, proxyActivities, sleep } from '@temporalio/workflow';
import type { createExportActivities } from '../activities/exports.ts';
import type { ExportWorkflow, ExportWorkflowInput, ExportWorkflowResult } from './definitions/export.ts';
import { activityPresets } from './definitions/presets.ts';

const exports = proxyActivities<ReturnType<typeof createExportActivities>>(activityPresets.export);
const records = proxyActivities<ReturnType<typeof createExportActivities>>(activityPresets.database);

/**
 * Writes an export's file (progress on its row as it goes), keeps it for its retention and then
 * deletes it; a file that cannot be written is marked failed with the reason.
 */
export async function exportWorkflow(input: ExportWorkflowInput): Promise<ExportWorkflowResult> {
  let rows = 0;
  try {
    rows = (await exports.writeExport({ exportId: input.exportId })).rows;
  } catch (error) {
    const cause = error instanceof ApplicationFailure ? error : ((error as { cause?: Error }).cause ?? error);
    await records.failExport({ exportId: input.exportId, error: (cause as Error).message ?? 'export failed' });
    return { status: 'failed', rows };
  }
  await sleep(input.retentionSeconds * 1000);
  await records.expireExport({ exportId: input.exportId });
  return { status: 'expired', rows };
}

exportWorkflow satisfies ExportWorkflow;
