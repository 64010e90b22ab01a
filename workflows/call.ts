import {
  ApplicationFailure,
  CancellationScope,
  condition,
  isCancellation,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { createCallActivities } from '../activities/calls.ts';
import type { createTelephonyActivities } from '../activities/telephony.ts';
import type { createBridgeActivities } from '../bridge/activities.ts';
import type { TranscriptLineInput } from '../db/calls.ts';
import {
  activityPresets,
  bridgeAttachedSignal,
  bridgeTaskQueue,
  type CallStatus,
  type CallWorkflowInput,
  type CallWorkflowResult,
  callStatusQuery,
  endCallSignal,
  interveneUpdate,
  searchAttributes,
  statusesBefore,
  statusFromTwilio,
  TERMINAL_CALL_STATUSES,
  transcriptLineSignal,
  twilioStatusSignal,
} from './shared.ts';

const db = proxyActivities<ReturnType<typeof createCallActivities>>(activityPresets.database);
const telephony = proxyActivities<ReturnType<typeof createTelephonyActivities>>(activityPresets.telephony);

/** How long to wait for Twilio's final status after we hung up before recording it ourselves. */
const HANGUP_GRACE_MS = 30_000;
const TRAILING_LINES_MS = 1_500;

/**
 * One phone call, from queued to its final status. Outbound calls are dialled through Twilio; from
 * then on Twilio's status callbacks (signals, in any order, repeated or not) move the call forward.
 * Every change is persisted, published to live subscribers and mirrored in `CallStatus`. A call
 * that rings too long, talks too long or is ended by a supervisor is hung up through Twilio.
 */
export async function callWorkflow(input: CallWorkflowInput): Promise<CallWorkflowResult> {
  let status: CallStatus = 'queued';
  let endRequest: string | undefined;
  /** Twilio's reports not yet applied, and its final word once it has spoken it. */
  const pending: CallStatus[] = [];
  let finalStatus: CallStatus | undefined;
  const lines: TranscriptLineInput[] = [];
  setHandler(transcriptLineSignal, (line) => {
    lines.push(line);
  });
  const flushTranscript = async () => {
    if (lines.length) await db.appendTranscript(lines.splice(0));
  };
  let bridgeInstance: string | undefined;
  setHandler(bridgeAttachedSignal, ({ instanceId }) => {
    bridgeInstance = instanceId;
  });
  setHandler(
    interveneUpdate,
    async (intervention) => {
      const bridge = proxyActivities<ReturnType<typeof createBridgeActivities>>({
        ...activityPresets.bridge,
        taskQueue: bridgeTaskQueue(bridgeInstance!),
      });
      await bridge.intervene({ callId: input.callId, ...intervention });
      return { ok: true as const };
    },
    {
      validator: (intervention) => {
        if (status !== 'in_progress' || !bridgeInstance) throw new Error('the call is not connected to a voice agent');
        if ((intervention.action === 'say' || intervention.action === 'instruct') && !intervention.text?.trim()) {
          throw new Error(`${intervention.action} needs text`);
        }
      },
    },
  );
  setHandler(callStatusQuery, () => status);
  setHandler(endCallSignal, ({ reason }) => {
    endRequest ??= reason ?? 'ended_by_supervisor';
  });
  setHandler(twilioStatusSignal, (update) => {
    const next = statusFromTwilio(update.status);
    if (!next) return;
    if (TERMINAL_CALL_STATUSES.includes(next)) finalStatus ??= next;
    else pending.push(next);
  });

  const moveTo = async (next: CallStatus, endReason?: string) => {
    if (!statusesBefore(next).includes(status)) return;
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
    if (endRequest) {
      await moveTo('canceled', endRequest);
      return { status, endReason: endRequest };
    }
    let callSid: string;
    try {
      ({ callSid } = await telephony.dialOutbound({
        callId: input.callId,
        from: input.fromNumber,
        to: input.toNumber,
        ringTimeoutSeconds: input.ringTimeoutSeconds,
      }));
    } catch (error) {
      const reason = `dial_failed: ${(error as Error).cause instanceof ApplicationFailure ? ((error as Error).cause as Error).message : (error as Error).message}`;
      await moveTo('failed', reason.slice(0, 250));
      return { status, endReason: reason };
    }
    await moveTo('initiated');

    const ringDeadline = Date.now() + input.ringTimeoutSeconds * 1000;
    let talkDeadline: number | undefined;
    let hangup: { reason: string; status?: CallStatus } | undefined;
    while (finalStatus === undefined) {
      const woke = await condition(
        () => pending.length > 0 || lines.length > 0 || finalStatus !== undefined || endRequest !== undefined,
        Math.max(1, (talkDeadline ?? ringDeadline) - Date.now()),
      );
      for (const next of pending.splice(0)) {
        await moveTo(next);
        if (next === 'in_progress') talkDeadline ??= Date.now() + input.maxDurationSeconds * 1000;
      }
      await flushTranscript();
      if (finalStatus !== undefined) break;
      if (!woke) hangup = talkDeadline ? { reason: 'max_duration' } : { reason: 'ring_timeout', status: 'no_answer' };
      else if (endRequest) hangup = { reason: endRequest, status: talkDeadline ? undefined : 'canceled' };
      if (hangup) {
        await telephony.hangUp({ callSid });
        await condition(() => finalStatus !== undefined, HANGUP_GRACE_MS);
        break;
      }
    }
    // The bridge's last lines can trail the final status callback by a moment.
    if (talkDeadline) await condition(() => lines.length > 0, TRAILING_LINES_MS);
    await flushTranscript();
    const ended = hangup?.status ?? finalStatus ?? 'completed';
    const endReason = hangup?.reason ?? (ended === 'completed' ? 'hangup' : ended);
    await moveTo(ended, endReason);
    return { status, endReason };
  } catch (error) {
    const failed: CallStatus = isCancellation(error) ? 'canceled' : 'failed';
    await CancellationScope.nonCancellable(() =>
      moveTo(failed, isCancellation(error) ? 'workflow_canceled' : `error in ${workflowInfo().workflowType}`),
    );
    throw error;
  }
}
