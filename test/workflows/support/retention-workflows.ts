/**
 * What the retention test's worker runs: the real retention workflow, and stand-ins for a call's
 * workflow so Temporal holds executions under call ids (one finished, one still running).
 */
import { condition, defineSignal, setHandler } from '@temporalio/workflow';

export { retentionWorkflow } from '../../../workflows/retention.ts';

export const finishSignal = defineSignal('finish');

export async function finishedCallWorkflow(): Promise<string> {
  return 'ended';
}

export async function runningCallWorkflow(): Promise<void> {
  let finished = false;
  setHandler(finishSignal, () => {
    finished = true;
  });
  await condition(() => finished);
}
