/**
 * What a call's workflow does for its post-call analysis: while the caller talks, it tells the voice
 * agent which required fields of the business's schema are still missing; after hang-up, it starts
 * the analysis. Deterministic workflow code, like ./call.ts.
 */
import { ParentClosePolicy, patched, proxyActivities, startChild } from '@temporalio/workflow';
import type { createPostCallActivities } from '../activities/post-call.ts';
import type { CallState } from './call-state.ts';
import type { BridgeActivities } from './definitions/bridge.ts';
import { missingFieldsInstruction, postCallWorkflowId } from './definitions/post-call.ts';
import { activityPresets } from './definitions/presets.ts';
import { searchAttributes } from './definitions/search-attributes.ts';
import { postCallWorkflow } from './post-call.ts';

const liveModel = proxyActivities<ReturnType<typeof createPostCallActivities>>(activityPresets.liveModel);

/** The transcript so far is read for missing fields at most this often. */
const FIELDS_CHECK_EVERY_MS = 10_000;
/** Marks the version that tells the voice agent which required fields are still missing. */
const MISSING_FIELDS_PATCH = 'call-asks-for-missing-fields';

/** The analysis runs on its own (the call's workflow does not wait for the model) and outlives it. */
export async function startPostCallAnalysis(call: CallState): Promise<void> {
  await startChild(postCallWorkflow, {
    workflowId: postCallWorkflowId(call.input.callId),
    args: [{ callId: call.input.callId }],
    parentClosePolicy: ParentClosePolicy.ABANDON,
    typedSearchAttributes: [{ key: searchAttributes.businessId, value: call.input.businessId }],
  });
}

/**
 * After caller lines were recorded: the model reads the transcript so far and, when the required
 * fields still missing have changed, the voice agent is told to ask for them. Runs beside the main
 * loop (a slow model never holds up the call); a failed look is tried again after a later line.
 */
export function askForMissingFields(call: CallState, bridge: () => BridgeActivities): void {
  const watch = call.fieldWatch;
  if (!call.plan?.collectsFields || !call.bridge || !call.withAgent || watch.checking) return;
  if (Date.now() - watch.checkedAt < FIELDS_CHECK_EVERY_MS || !patched(MISSING_FIELDS_PATCH)) return;
  watch.checking = true;
  watch.checkedAt = Date.now();
  const callId = call.input.callId;
  void liveModel
    .missingCallFields({ callId })
    .then(async (answer) => {
      const missing = answer?.missing ?? [];
      const asked = missing.map((field) => field.name).join(',');
      if (!missing.length || asked === watch.asked || !call.bridge || !call.withAgent) return;
      watch.asked = asked;
      await bridge().intervene({ callId, action: 'instruct', text: missingFieldsInstruction(missing) });
    })
    .catch(() => undefined)
    .finally(() => {
      watch.checking = false;
    });
}
