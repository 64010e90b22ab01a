import {
  CancellationScope,
  condition,
  isCancellation,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { createCallActivities } from '../activities/calls.ts';
import {
  activityPresets,
  type CallStatus,
  type CallWorkflowInput,
  type CallWorkflowResult,
  callStatusQuery,
  endCallSignal,
  searchAttributes,
} from './shared.ts';

const db = proxyActivities<ReturnType<typeof createCallActivities>>(activityPresets.database);

/**
 * One phone call, from queued to its final status. Every status change is persisted, published to
 * live subscribers and mirrored in the `CallStatus` search attribute. Telephony is a stand-in here:
 * the call rings and talks for the configured times unless `endCall` arrives first.
 */
export async function callWorkflow(input: CallWorkflowInput): Promise<CallWorkflowResult> {
  let status: CallStatus = 'queued';
  let endRequested: string | undefined;
  setHandler(callStatusQuery, () => status);
  setHandler(endCallSignal, ({ reason }) => {
    endRequested ??= reason ?? 'ended_by_supervisor';
  });

  const moveTo = async (next: CallStatus, endReason?: string) => {
    await db.setCallStatus({ callId: input.callId, status: next, at: new Date().toISOString(), endReason });
    status = next;
    upsertSearchAttributes([{ key: searchAttributes.callStatus, value: next }]);
  };

  try {
    await db.recordCall({
      id: input.callId,
      businessId: input.businessId,
      direction: input.direction,
      fromNumber: input.fromNumber,
      toNumber: input.toNumber,
    });
    await moveTo('initiated');
    await moveTo('ringing');
    if (await condition(() => endRequested !== undefined, input.placeholder.ringMs)) {
      await moveTo('canceled', endRequested);
      return { status, endReason: endRequested ?? 'canceled' };
    }
    await moveTo('in_progress');
    const endedEarly = await condition(() => endRequested !== undefined, input.placeholder.talkMs);
    const endReason = endedEarly ? (endRequested ?? 'ended') : 'caller_hung_up';
    await moveTo('completed', endReason);
    return { status, endReason };
  } catch (error) {
    const final: CallStatus = isCancellation(error) ? 'canceled' : 'failed';
    await CancellationScope.nonCancellable(() =>
      moveTo(final, isCancellation(error) ? 'workflow_canceled' : `error in ${workflowInfo().workflowType}`),
    );
    throw error;
  }
}
