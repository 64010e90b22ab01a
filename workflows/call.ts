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
  answeredBySignal,
  type BridgeAttachment,
  bridgeAttachedSignal,
  bridgeQuery,
  bridgeTaskQueue,
  type CallStatus,
  type CallWorkflowInput,
  type CallWorkflowResult,
  CONVERSATION_WINDOW,
  callStatusQuery,
  conversationQuery,
  endCallSignal,
  interveneUpdate,
  isMachine,
  MAX_STREAM_RECONNECTS,
  searchAttributes,
  statusesBefore,
  statusFromTwilio,
  streamEndedUpdate,
  TERMINAL_CALL_STATUSES,
  takeoverUpdate,
  transcriptLineSignal,
  twilioStatusSignal,
} from './shared.ts';

const db = proxyActivities<ReturnType<typeof createCallActivities>>(activityPresets.database);
const telephony = proxyActivities<ReturnType<typeof createTelephonyActivities>>(activityPresets.telephony);

/** How long to wait for Twilio's final status after we hung up before recording it ourselves. */
const HANGUP_GRACE_MS = 30_000;
const TRAILING_LINES_MS = 1_500;

/**
 * One phone call, from queued to its final status. Outbound calls are dialled through Twilio;
 * inbound calls start answered (the gateway signal-with-starts this workflow from Twilio's voice
 * webhook). From then on Twilio's status callbacks (signals, in any order, repeated or not) move the
 * call forward. Every change is persisted, published to live subscribers and mirrored in
 * `CallStatus`. The workflow also holds the call's transcript (numbering each line once), knows
 * which bridge holds the media stream, and carries out supervisors' interventions and takeovers.
 */
export async function callWorkflow(input: CallWorkflowInput): Promise<CallWorkflowResult> {
  let status: CallStatus = 'queued';
  let endRequest: string | undefined;
  /** Twilio's reports not yet applied, and its final word once it has spoken it. */
  const pending: CallStatus[] = [];
  let finalStatus: CallStatus | undefined;
  let callSid: string | undefined = input.twilioCallSid;
  let bridge: BridgeAttachment | undefined;
  let streamReconnects = 0;
  let answeredBy: string | undefined;
  let handedTo: { toNumber: string; reason: string } | undefined;

  // The transcript: lines waiting to be written, the recent conversation (to re-seed a Realtime
  // session), the next sequence number, and which bridge lines were already taken.
  const unwritten: TranscriptLineInput[] = [];
  const recent: { speaker: string; text: string }[] = [];
  const seen = new Set<string>();
  let nextSequence = 0;
  const addLine = (line: Omit<TranscriptLineInput, 'sequence' | 'callId'>) => {
    unwritten.push({ ...line, callId: input.callId, sequence: nextSequence++ });
    recent.push({ speaker: line.speaker, text: line.text });
    if (recent.length > CONVERSATION_WINDOW) recent.shift();
  };
  setHandler(transcriptLineSignal, ({ session, sequence, callId: _callId, ...line }) => {
    const key = `${session}:${sequence}`;
    if (seen.has(key)) return;
    seen.add(key);
    addLine(line);
  });
  setHandler(conversationQuery, () => ({ nextSequence, lines: [...recent] }));
  const flushTranscript = async () => {
    if (unwritten.length) await db.appendTranscript(unwritten.splice(0));
  };

  setHandler(bridgeAttachedSignal, (attachment) => {
    bridge = attachment;
  });
  setHandler(bridgeQuery, () => bridge ?? null);
  const onBridge = () =>
    proxyActivities<ReturnType<typeof createBridgeActivities>>({
      ...activityPresets.bridge,
      taskQueue: bridgeTaskQueue(bridge!.instanceId),
    });
  setHandler(
    interveneUpdate,
    async (intervention) => {
      await onBridge().intervene({ callId: input.callId, ...intervention });
      return { ok: true as const };
    },
    {
      validator: (intervention) => {
        if (status !== 'in_progress' || !bridge) throw new Error('the call is not connected to a voice agent');
        if ((intervention.action === 'say' || intervention.action === 'instruct') && !intervention.text?.trim()) {
          throw new Error(`${intervention.action} needs text`);
        }
      },
    },
  );
  setHandler(
    takeoverUpdate,
    async ({ toNumber, reason }) => {
      handedTo = { toNumber, reason };
      await telephony.transferCall({ callSid: callSid!, to: toNumber, callerId: callerIdOf(input) });
      addLine({ speaker: 'system', text: `Call handed to ${toNumber} (${reason}).`, startMs: null, endMs: null });
      await moveTo('escalated');
      return { toNumber };
    },
    {
      validator: ({ toNumber }) => {
        if (status !== 'in_progress' || !callSid || handedTo)
          throw new Error('only a connected call can be handed over');
        if (!/^\+[1-9]\d{1,14}$/.test(toNumber)) throw new Error('toNumber must be an E.164 number');
      },
    },
  );
  setHandler(streamEndedUpdate, () => {
    // A stream that ends while the call is up (a bridge died or dropped it) is streamed again, a
    // few times at most; a call being ended or handed over needs no stream.
    bridge = undefined;
    const reconnect =
      status === 'in_progress' &&
      !handedTo &&
      finalStatus === undefined &&
      endRequest === undefined &&
      streamReconnects < MAX_STREAM_RECONNECTS;
    if (reconnect) streamReconnects += 1;
    return { reconnect };
  });
  setHandler(callStatusQuery, () => status);
  setHandler(endCallSignal, ({ reason }) => {
    endRequest ??= reason ?? 'ended_by_supervisor';
  });
  setHandler(answeredBySignal, (verdict) => {
    answeredBy ??= verdict.answeredBy;
  });
  setHandler(twilioStatusSignal, (update) => {
    callSid ??= update.callSid ?? undefined;
    const next = statusFromTwilio(update.status);
    if (!next) return;
    if (TERMINAL_CALL_STATUSES.includes(next)) finalStatus ??= next;
    else pending.push(next);
  });

  async function moveTo(next: CallStatus, endReason?: string) {
    if (!statusesBefore(next).includes(status)) return;
    await db.setCallStatus({ callId: input.callId, status: next, at: new Date().toISOString(), endReason });
    // A handler (takeover) and the main loop may both move the call; it only ever moves forward.
    if (!statusesBefore(next).includes(status)) return;
    status = next;
    upsertSearchAttributes([{ key: searchAttributes.callStatus, value: next }]);
  }

  try {
    await db.recordCall({
      id: input.callId,
      organizationId: input.organizationId,
      businessId: input.businessId,
      direction: input.direction,
      fromNumber: input.fromNumber,
      toNumber: input.toNumber,
      twilioCallSid: input.twilioCallSid,
    });
    if (endRequest && input.direction === 'outbound') {
      await moveTo('canceled', endRequest);
      return { status, endReason: endRequest };
    }
    let talkDeadline: number | undefined;
    if (input.direction === 'outbound') {
      try {
        ({ callSid } = await telephony.dialOutbound({
          callId: input.callId,
          from: input.fromNumber,
          to: input.toNumber,
          ringTimeoutSeconds: input.ringTimeoutSeconds,
          answeringMachineDetection: input.answeringMachineDetection,
        }));
      } catch (error) {
        const cause = (error as Error).cause;
        const reason = `dial_failed: ${cause instanceof ApplicationFailure ? cause.message : (error as Error).message}`;
        await moveTo('failed', reason.slice(0, 250));
        return { status, endReason: reason };
      }
      await moveTo('initiated');
    } else {
      // Twilio rang our number and we answered its voice webhook with a stream to the bridge.
      await moveTo('in_progress');
      talkDeadline = Date.now() + input.maxDurationSeconds * 1000;
    }

    const ringDeadline = Date.now() + input.ringTimeoutSeconds * 1000;
    let hangup: { reason: string; status?: CallStatus } | undefined;
    let machineHandled = false;
    while (finalStatus === undefined) {
      const woke = await condition(
        () =>
          pending.length > 0 ||
          unwritten.length > 0 ||
          finalStatus !== undefined ||
          endRequest !== undefined ||
          (answeredBy !== undefined && !machineHandled),
        Math.max(1, (talkDeadline ?? ringDeadline) - Date.now()),
      );
      for (const next of pending.splice(0)) {
        await moveTo(next);
        if (next === 'in_progress') talkDeadline ??= Date.now() + input.maxDurationSeconds * 1000;
      }
      await flushTranscript();
      if (finalStatus !== undefined) break;
      if (answeredBy !== undefined && !machineHandled) {
        machineHandled = true;
        await db.recordAnsweredBy({ callId: input.callId, answeredBy });
        if (isMachine(answeredBy)) {
          if (input.voicemailMessage) {
            await telephony.leaveVoicemail({ callSid: callSid!, message: input.voicemailMessage });
            addLine({
              speaker: 'system',
              text: `Voicemail left: ${input.voicemailMessage}`,
              startMs: null,
              endMs: null,
            });
            hangup = { reason: 'voicemail_left' };
            await condition(() => finalStatus !== undefined, HANGUP_GRACE_MS);
            break;
          }
          endRequest ??= 'answering_machine';
        }
      }
      if (!woke) hangup = talkDeadline ? { reason: 'max_duration' } : { reason: 'ring_timeout', status: 'no_answer' };
      else if (endRequest) hangup = { reason: endRequest, status: talkDeadline ? undefined : 'canceled' };
      if (hangup) {
        await telephony.hangUp({ callSid: callSid! });
        await condition(() => finalStatus !== undefined, HANGUP_GRACE_MS);
        break;
      }
    }
    // The bridge's last lines can trail the final status callback by a moment.
    if (talkDeadline && !handedTo) await condition(() => unwritten.length > 0, TRAILING_LINES_MS);
    await flushTranscript();
    const ended = hangup?.status ?? finalStatus ?? 'completed';
    const endReason = hangup?.reason ?? handedTo?.reason ?? (ended === 'completed' ? 'hangup' : ended);
    await moveTo(ended, endReason);
    return { status, endReason };
  } catch (error) {
    const failed: CallStatus = isCancellation(error) ? 'canceled' : 'failed';
    await CancellationScope.nonCancellable(async () => {
      await flushTranscript();
      await moveTo(failed, isCancellation(error) ? 'workflow_canceled' : `error in ${workflowInfo().workflowType}`);
    });
    throw error;
  }
}

/** The number the other side sees: ours, whichever direction the call went. */
function callerIdOf(input: CallWorkflowInput): string {
  return input.direction === 'outbound' ? input.fromNumber : input.toNumber;
}
