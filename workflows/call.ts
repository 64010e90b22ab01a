import {
  ApplicationFailure,
  allHandlersFinished,
  CancellationScope,
  condition,
  getExternalWorkflowHandle,
  isCancellation,
  patched,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import { type CallActions, callActions, db, grading, quality, telephony } from './call-actions.ts';
import { startPostCallAnalysis } from './call-post-call.ts';
import { CallState } from './call-state.ts';
import {
  answeredBySignal,
  bridgeAttachedSignal,
  bridgeQuery,
  type CallStatus,
  type CallWorkflow,
  type CallWorkflowInput,
  type CallWorkflowResult,
  callStatusQuery,
  conversationQuery,
  DEFAULT_RECONCILE_AFTER_SECONDS,
  endCallSignal,
  interveneUpdate,
  isMachine,
  streamEndedUpdate,
  streamStoppedSignal,
  takeoverUpdate,
  transcriptLineSignal,
  twilioStatusSignal,
} from './definitions/call.ts';
import {
  callEndedSignal,
  escalateUpdate,
  escalationEventSignal,
  escalationStateQuery,
  escalationWorkflowId,
} from './definitions/escalation.ts';

/** How long to wait for Twilio's final status after we hung up before recording it ourselves. */
const HANGUP_GRACE_MS = 30_000;
/** How long Twilio's final callback may take before the workflow asks Twilio itself. */
const FINAL_CALLBACK_PATIENCE_MS = 5_000;
const TRAILING_LINES_MS = 1_500;
/** Marks the version of this workflow that scores quality and escalates (see `patched`). */
const QUALITY_PATCH = 'call-quality-and-escalation';
/** Marks the version that waits for its update handlers to finish before it returns. */
const HANDLERS_PATCH = 'call-waits-for-handlers';
/** Marks the version that applies every status Twilio reported before its final one. */
const REPORTED_STATUSES_PATCH = 'call-applies-reported-statuses';
/** Marks the version that budgets stream recovery by time and decides on Twilio's latest report. */
const STREAM_RECOVERY_PATCH = 'call-stream-recovery';
/** Marks the version that asks Twilio how a call stands when its callbacks may have been lost. */
const RECONCILE_PATCH = 'call-reconciles-with-twilio';
/** Marks the version that analyses a call after hang-up (summary, extraction, adversarial score). */
const POST_CALL_PATCH = 'call-post-call-analysis';

/**
 * One phone call, from queued to its final status. Outbound calls are dialled through Twilio;
 * inbound calls start answered (the gateway signal-with-starts this workflow from Twilio's voice
 * webhook). From then on Twilio's status callbacks (signals, in any order, repeated or not) move the
 * call forward. Every change is persisted, published to live subscribers and mirrored in
 * `CallStatus`. The workflow also holds the call's transcript (numbering each line once), knows
 * which bridge holds the media stream, and carries out supervisors' interventions and takeovers.
 */
export async function callWorkflow(input: CallWorkflowInput): Promise<CallWorkflowResult> {
  const call = new CallState(input);
  const act = callActions(call);
  registerHandlers(call, act);
  const result = await runCall(call, act);
  if (patched(HANDLERS_PATCH)) await condition(allHandlersFinished);
  return result;
}

callWorkflow satisfies CallWorkflow;

function registerHandlers(call: CallState, act: CallActions): void {
  setHandler(transcriptLineSignal, (line) => {
    call.heard(Date.now());
    call.addBridgeLine(line);
  });
  setHandler(streamStoppedSignal, () => call.askTwilioSoon(Date.now()));
  setHandler(conversationQuery, () => call.conversation());
  setHandler(
    escalateUpdate,
    async (request) => {
      const answer = act.requestEscalation(request);
      await call.escalation?.started;
      return answer;
    },
    {
      validator: (_request) => {
        if (!call.withAgent) throw new Error('only a connected call can be escalated');
      },
    },
  );
  setHandler(escalationEventSignal, (event) => {
    // Where the escalation stands is known at once (the voice agent may ask before the loop runs).
    if (event.type === 'state' && call.escalation) call.escalation.state = event.state;
    else call.escalationEvents.push(event);
  });
  setHandler(escalationStateQuery, () => ({
    escalationId: call.escalation?.id ?? null,
    state: call.escalation?.state ?? (call.escalation ? 'routing' : null),
  }));
  setHandler(bridgeAttachedSignal, (attachment) => {
    call.heard(Date.now());
    call.bridgeAttached(attachment);
  });
  setHandler(bridgeQuery, () => call.bridge ?? null);
  setHandler(
    interveneUpdate,
    async (intervention) => {
      await act.onBridge().intervene({ callId: call.input.callId, ...intervention });
      return { ok: true as const };
    },
    {
      validator: (intervention) => {
        if (call.status !== 'in_progress' || !call.bridge)
          throw new Error('the call is not connected to a voice agent');
        if ((intervention.action === 'say' || intervention.action === 'instruct') && !intervention.text?.trim()) {
          throw new Error(`${intervention.action} needs text`);
        }
      },
    },
  );
  setHandler(
    takeoverUpdate,
    async ({ toNumber, reason }) => {
      await act.handOver(toNumber, reason);
      return { toNumber };
    },
    {
      validator: ({ toNumber }) => {
        if (!call.withAgent || !call.callSid) throw new Error('only a connected call can be handed over');
        if (!/^\+[1-9]\d{1,14}$/.test(toNumber)) throw new Error('toNumber must be an E.164 number');
      },
    },
  );
  setHandler(streamEndedUpdate, () => {
    if (!patched(STREAM_RECOVERY_PATCH)) return { reconnect: call.streamEnded() };
    const decision = call.streamLost(Date.now());
    // Not streamed again: the call may be over with its final callback lost.
    if (!decision.reconnect) call.askTwilioSoon(Date.now());
    return decision;
  });
  setHandler(callStatusQuery, () => call.status);
  setHandler(endCallSignal, ({ reason }) => {
    call.endRequest ??= reason ?? 'ended_by_supervisor';
  });
  setHandler(answeredBySignal, (verdict) => {
    call.answeredBy ??= verdict.answeredBy;
  });
  setHandler(twilioStatusSignal, (update) => {
    call.heard(Date.now());
    call.onTwilioStatus(update);
  });
}

/** The call's life: record it, dial (outbound), follow Twilio until its final word, then wrap up. */
async function runCall(call: CallState, act: CallActions): Promise<CallWorkflowResult> {
  const { input } = call;
  const { moveTo, flushTranscript, handleEscalationEvents } = act;
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
    // Calls started before quality scoring existed replay without it (test/workflow-replay.test.ts).
    if (patched(QUALITY_PATCH)) {
      call.plan = await quality.planCallQuality({ businessId: input.businessId, campaignId: input.campaignId });
    }
    if (call.endRequest && input.direction === 'outbound') {
      await moveTo('canceled', call.endRequest);
      return { status: call.status, endReason: call.endRequest };
    }
    let talkDeadline: number | undefined;
    if (input.direction === 'outbound') {
      try {
        ({ callSid: call.callSid } = await telephony.dialOutbound({
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
        return { status: call.status, endReason: reason };
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
    // Twilio's callbacks can be lost (the gateway was down): after a silence, and before giving up
    // on a ringing call, the workflow asks Twilio how the call stands.
    const reconciling = patched(RECONCILE_PATCH);
    const silenceMs = (input.reconcileAfterSeconds ?? DEFAULT_RECONCILE_AFTER_SECONDS) * 1000;
    let askedAtRingTimeout = false;
    call.heard(Date.now());
    /** After we hung up: Twilio's final word, asked for when its callback is slow to come. */
    const awaitFinalStatus = async () => {
      const final = () => call.finalStatus !== undefined;
      if (!reconciling || !call.callSid) {
        await condition(final, HANGUP_GRACE_MS);
        return;
      }
      if (await condition(final, FINAL_CALLBACK_PATIENCE_MS)) return;
      const { status } = await telephony.callStatus({ callSid: call.callSid });
      call.reconciled(status, Date.now());
      await condition(final, HANGUP_GRACE_MS - FINAL_CALLBACK_PATIENCE_MS);
    };
    while (call.finalStatus === undefined) {
      const deadline = talkDeadline ?? ringDeadline;
      const checkAt = reconciling && call.callSid ? call.reconcileDueAt(silenceMs) : Number.POSITIVE_INFINITY;
      const woke = await condition(
        () => call.hasWork || (call.answeredBy !== undefined && !machineHandled),
        Math.max(1, Math.min(deadline, checkAt) - Date.now()),
      );
      for (const next of call.pendingStatuses.splice(0)) {
        await moveTo(next);
        if (next === 'in_progress') talkDeadline ??= Date.now() + input.maxDurationSeconds * 1000;
      }
      await flushTranscript();
      await handleEscalationEvents();
      if (call.finalStatus !== undefined) break;
      if (call.answeredBy !== undefined && !machineHandled) {
        machineHandled = true;
        await db.recordAnsweredBy({ callId: input.callId, answeredBy: call.answeredBy });
        if (isMachine(call.answeredBy)) {
          if (input.voicemailMessage) {
            await telephony.leaveVoicemail({ callSid: call.callSid!, message: input.voicemailMessage });
            call.addSystemLine(`Voicemail left: ${input.voicemailMessage}`);
            hangup = { reason: 'voicemail_left' };
            await awaitFinalStatus();
            break;
          }
          call.endRequest ??= 'answering_machine';
        }
      }
      if (!woke && reconciling && call.callSid) {
        const silenceCheck = Date.now() < (talkDeadline ?? ringDeadline);
        if (silenceCheck || (!talkDeadline && !askedAtRingTimeout)) {
          askedAtRingTimeout ||= !silenceCheck;
          const { status } = await telephony.callStatus({ callSid: call.callSid });
          call.reconciled(status, Date.now());
          if (silenceCheck || call.hasWork) continue;
        }
      }
      if (!woke) hangup = talkDeadline ? { reason: 'max_duration' } : { reason: 'ring_timeout', status: 'no_answer' };
      else if (call.endRequest) hangup = { reason: call.endRequest, status: talkDeadline ? undefined : 'canceled' };
      if (hangup) {
        await telephony.hangUp({ callSid: call.callSid! });
        await awaitFinalStatus();
        break;
      }
    }
    // Twilio's final word can arrive with earlier reports still unapplied (the worker was away):
    // apply them, so an answered call keeps its answer time.
    if (patched(REPORTED_STATUSES_PATCH)) {
      for (const next of call.pendingStatuses.splice(0)) {
        await moveTo(next);
        if (next === 'in_progress') talkDeadline ??= Date.now() + input.maxDurationSeconds * 1000;
      }
    }
    // The bridge's last lines can trail the final status callback by a moment.
    if (talkDeadline && !call.handedTo) await condition(() => call.unwritten.length > 0, TRAILING_LINES_MS);
    await flushTranscript();
    const ended = hangup?.status ?? call.finalStatus ?? 'completed';
    const endReason = hangup?.reason ?? call.handedTo?.reason ?? (ended === 'completed' ? 'hangup' : ended);
    await moveTo(ended, endReason);
    if (call.escalation && !call.escalation.connected) {
      await getExternalWorkflowHandle(escalationWorkflowId(call.escalation.id))
        .signal(callEndedSignal)
        .catch(() => undefined);
    }
    if (call.plan && (ended === 'completed' || call.handedTo)) {
      await grading.scoreCallQa({ callId: input.callId, final: true });
      if (patched(POST_CALL_PATCH)) await startPostCallAnalysis(call);
    }
    return { status: call.status, endReason };
  } catch (error) {
    const failed: CallStatus = isCancellation(error) ? 'canceled' : 'failed';
    await CancellationScope.nonCancellable(async () => {
      await flushTranscript();
      await moveTo(failed, isCancellation(error) ? 'workflow_canceled' : `error in ${workflowInfo().workflowType}`);
    });
    throw error;
  }
}
