import {
  ApplicationFailure,
  CancellationScope,
  condition,
  getExternalWorkflowHandle,
  isCancellation,
  ParentClosePolicy,
  patched,
  proxyActivities,
  setHandler,
  startChild,
  upsertSearchAttributes,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow';
import type { CallQualityPlan, createCallQualityActivities } from '../activities/call-quality.ts';
import type { createCallActivities } from '../activities/calls.ts';
import { complexityEscalationDue, sentimentEscalationDue, type ToolResult } from '../activities/quality/triggers.ts';
import type { createTelephonyActivities } from '../activities/telephony.ts';
import type { createBridgeActivities } from '../bridge/activities.ts';
import type { TranscriptLineInput } from '../db/calls.ts';
import { escalationWorkflow } from './escalation.ts';
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
  callEndedSignal,
  callStatusQuery,
  conversationQuery,
  type EscalationEvent,
  type EscalationRequest,
  endCallSignal,
  escalateUpdate,
  escalationEventSignal,
  escalationWorkflowId,
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
const quality = proxyActivities<ReturnType<typeof createCallQualityActivities>>({
  ...activityPresets.database,
  // The final grade may wait on the LLM.
  startToCloseTimeout: '60 seconds',
});
const telephony = proxyActivities<ReturnType<typeof createTelephonyActivities>>(activityPresets.telephony);

/** How long to wait for Twilio's final status after we hung up before recording it ourselves. */
const HANGUP_GRACE_MS = 30_000;
const TRAILING_LINES_MS = 1_500;
/** Marks the version of this workflow that scores quality and escalates (see `patched`). */
const QUALITY_PATCH = 'call-quality-and-escalation';
/** The live QA score is recomputed at most this often while lines come in. */
const LIVE_QA_EVERY_MS = 5_000;

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
  // Quality: the business's rules, the caller's sentiment so far, tool outcomes, and the escalation.
  let plan: CallQualityPlan | undefined;
  let rolling: number | null = null;
  const compounds: number[] = [];
  const toolResults: ToolResult[] = [];
  let lastQaAt = 0;
  /** The call's escalation: its id, whether a human has the call, and when its workflow has started. */
  let escalation: { id: string; connected: boolean; started: Promise<void> } | undefined;
  const escalationEvents: EscalationEvent[] = [];

  const flushTranscript = async () => {
    if (!unwritten.length) return;
    const lines = unwritten.splice(0);
    if (!plan) {
      await db.appendTranscript(lines);
      return;
    }
    const recorded = await quality.recordTranscript({
      organizationId: input.organizationId,
      lines,
      rolling,
      settings: plan.settings,
    });
    rolling = recorded.rolling;
    for (const line of lines) toolResults.push(...((line.metadata?.tools ?? []) as ToolResult[]));
    for (const line of recorded.customer) {
      compounds.push(line.compound);
      if (line.keyword) requestEscalation({ reason: 'keyword', detail: `the caller asked for a ${line.keyword}` });
      else if (sentimentEscalationDue(compounds, plan.settings)) {
        requestEscalation({
          reason: 'sentiment',
          detail: `${plan.settings.sentimentEscalation.consecutiveLines} unhappy lines in a row (latest ${line.compound.toFixed(2)})`,
        });
      }
    }
    const complex = complexityEscalationDue(toolResults, plan.settings);
    if (complex) requestEscalation({ reason: 'complexity', detail: complex });
    if (Date.now() - lastQaAt >= LIVE_QA_EVERY_MS) {
      lastQaAt = Date.now();
      await quality.scoreCallQa({ callId: input.callId, final: false });
    }
  };

  /** Starts the call's escalation (one at a time); answers its id. */
  function requestEscalation(request: EscalationRequest): { escalationId: string; started: boolean } {
    if (escalation) return { escalationId: escalation.id, started: false };
    if (status !== 'in_progress' || handedTo || !plan) return { escalationId: '', started: false };
    const id = uuid4();
    const started = startChild(escalationWorkflow, {
      workflowId: escalationWorkflowId(id),
      parentClosePolicy: ParentClosePolicy.ABANDON,
      args: [
        {
          escalationId: id,
          callId: input.callId,
          callWorkflowId: workflowInfo().workflowId,
          organizationId: input.organizationId,
          businessId: input.businessId,
          callSid: callSid ?? null,
          businessNumber: callerIdOf(input),
          request,
          triggeredAt: new Date().toISOString(),
          settings: plan.settings.escalation,
          handoffNumber: plan.handoffNumber,
        },
      ],
      typedSearchAttributes: [{ key: searchAttributes.businessId, value: input.businessId }],
    }).then(
      () => undefined,
      () => {
        escalation = undefined; // it could not start: a later trigger may try again
      },
    );
    escalation = { id, connected: false, started };
    return { escalationId: id, started: true };
  }
  setHandler(
    escalateUpdate,
    async (request) => {
      const answer = requestEscalation(request);
      await escalation?.started;
      return answer;
    },
    {
      validator: (_request) => {
        if (status !== 'in_progress' || handedTo) throw new Error('only a connected call can be escalated');
      },
    },
  );
  setHandler(escalationEventSignal, (event) => {
    escalationEvents.push(event);
  });
  /** Does what the escalation asked: speak to the caller, or note that a human has the call. */
  const handleEscalationEvents = async () => {
    for (const event of escalationEvents.splice(0)) {
      if (event.type === 'say' && bridge && status === 'in_progress' && !handedTo) {
        await onBridge()
          .intervene({ callId: input.callId, action: 'say', text: event.text })
          .catch(() => undefined);
      } else if (event.type === 'connected' && escalation) {
        escalation.connected = true;
        handedTo = { toNumber: event.agentName, reason: 'escalated_to_agent' };
        addLine({ speaker: 'system', text: `Call connected to ${event.agentName}.`, startMs: null, endMs: null });
        await moveTo('escalated');
      } else if (event.type === 'handoff' && !handedTo && callSid) {
        handedTo = { toNumber: event.toNumber, reason: event.reason };
        await telephony.transferCall({ callSid, to: event.toNumber, callerId: callerIdOf(input) });
        addLine({
          speaker: 'system',
          text: `Call handed to ${event.toNumber} (${event.reason}).`,
          startMs: null,
          endMs: null,
        });
        await moveTo('escalated');
      }
    }
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
    // Calls started before quality scoring existed replay without it (test/workflow-replay.test.ts).
    if (patched(QUALITY_PATCH)) plan = await quality.planCallQuality({ businessId: input.businessId });
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
          escalationEvents.length > 0 ||
          (answeredBy !== undefined && !machineHandled),
        Math.max(1, (talkDeadline ?? ringDeadline) - Date.now()),
      );
      for (const next of pending.splice(0)) {
        await moveTo(next);
        if (next === 'in_progress') talkDeadline ??= Date.now() + input.maxDurationSeconds * 1000;
      }
      await flushTranscript();
      await handleEscalationEvents();
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
    if (escalation && !escalation.connected) {
      await getExternalWorkflowHandle(escalationWorkflowId(escalation.id))
        .signal(callEndedSignal)
        .catch(() => undefined);
    }
    if (plan && (ended === 'completed' || handedTo)) await quality.scoreCallQa({ callId: input.callId, final: true });
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
