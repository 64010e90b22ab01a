import { proxyActivities } from '@temporalio/workflow';
import type { createCallQualityActivities } from '../activities/call-quality.ts';
import { activityPresets } from './definitions/presets.ts';
import type { QaRecalculationInput, QaRecalculationWorkflow } from './definitions/quality.ts';

const quality = proxyActivities<ReturnType<typeof createCallQualityActivities>>(activityPresets.llm);

/** Scores a call again with its business's current rules, in the worker, so one process writes QA scores. */
export async function qaRecalculationWorkflow(input: QaRecalculationInput): Promise<void> {
  await quality.scoreCallQa(input);
}

qaRecalculationWorkflow satisfies QaRecalculationWorkflow;
