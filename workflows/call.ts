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
  statusFromTwilio,
  TERMINAL_CALL_STATUSES,
  twilioStatusSignal,
} from './shared.ts';

const db = proxyActivities<ReturnType<typeof createCallActivities>>(activityPresets.database);

/**
 * One phone call, from queued to its final status. Every status change is persisted, published to
 * live subscribers and mirrored in the `CallStatus` search attribute. Telephony is a stand-in here:
 * the call rings and talks for the configured times unless `endCall` or a final Twilio status
 * arrives first.
 */
export async function callWorkflow(input: CallWorkflowInput): Promise<CallWorkflowResult> {
  let status: CallStatus = 'queued';
  let end: { reason: string; status?: CallStatus } | undefined;
  setHandler(callStatusQuery, () => status);
  setHandler(endCallSignal, ({ reason }) => {
    end ??= { reason: reason ?? 'ended_by_supervisor' };
  });
  setHandler(twilioStatusSignal, (update) => {
    const next = statusFromTwilio(update.status);
    if (next && TERMINAL_CALL_STATUSES.includes(next)) end ??= { reason: `twilio_${update.status}`, status: next };
  });

  const moveTo = async (next: CallStatus, endReason?: string) => {
    await db.setCallStatus({ callId: input.callId, status: next, at: new Date().toISOString(), endReason });
    status = next;
    upsertSearchAttributes([{ key: searchAttributes.callStatus, value: next }]);
  };

  try {
    await db.recordCall({
      id: input.callId,
      organizationId: input.organizationId,
      businessId: input.businessId,
      direction: input.direction,
      fromNumber: input.fromNumber,
      toNumber: input.toNumber,
    });
    await moveTo('initiated');
    await moveTo('ringing');
    if (await condition(() => end !== undefined, input.placeholder.ringMs)) {
      await moveTo(end!.status ?? 'canceled', end!.reason);
      return { status, endReason: end!.reason };
    }
    await moveTo('in_progress');
    await condition(() => end !== undefined, input.placeholder.talkMs);
    const endReason = end?.reason ?? 'caller_hung_up';
    await moveTo(end?.status ?? 'completed', endReason);
    return { status, endReason };
  } catch (error) {
    const final: CallStatus = isCancellation(error) ? 'canceled' : 'failed';
    await CancellationScope.nonCancellable(() =>
      moveTo(final, isCancellation(error) ? 'workflow_canceled' : `error in ${workflowInfo().workflowType}`),
    );
    throw error;
  }
}
