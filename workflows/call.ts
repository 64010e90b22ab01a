import {
  ApplicationFailure,
  allHandlersFinished,
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
import type { createCallQualityActivities } from '../activities/call-quality.ts';
import type { createCallActivities } from '../activities/calls.ts';
import type { createTelephonyActivities } from '../activities/telephony.ts';
import { complexityEscalationDue, sentimentEscalationDue, type ToolResult } from '../quality/triggers.ts';
import { CallState } from './call-state.ts';
import { type BridgeActivities, bridgeTaskQueue } from './definitions/bridge.ts';
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
  endCallSignal,
  interveneUpdate,
  isMachine,
  streamEndedUpdate,
  takeoverUpdate,
  transcriptLineSignal,
  twilioStatusSignal,
} from './definitions/call.ts';
import {
  callEndedSignal,
  type EscalationRequest,
  escalateUpdate,
  escalationEventSignal,
  escalationWorkflowId,
} from './definitions/escalation.ts';
import { activityPresets } from './definitions/presets.ts';
import { searchAttributes } from './definitions/search-attributes.ts';
import { escalationWorkflow } from './escalation.ts';

const db = proxyActivities<ReturnType<typeof createCallActivities>>(activityPresets.database);
// The final grade may wait on the LLM.
const quality = proxyActivities<ReturnType<typeof createCallQualityActivities>>(activityPresets.llm);
const telephony = proxyActivities<ReturnType<typeof createTelephonyActivities>>(activityPresets.telephony);

/** How long to wait for Twilio's final status after we hung up before recording it ourselves. */
const HANGUP_GRACE_MS = 30_000;
const TRAILING_LINES_MS = 1_500;
/** Marks the version of this workflow that scores quality and escalates (see `patched`). */
const QUALITY_PATCH = 'call-quality-and-escalation';
/** Marks the version that waits for its update handlers to finish before it returns. */
const HANDLERS_PATCH = 'call-waits-for-handlers';
/** Marks the version that applies every status Twilio reported before its final one. */
const REPORTED_STATUSES_PATCH = 'call-applies-reported-statuses';
/** Marks the version that budgets stream recovery by time and decides on Twilio's latest report. */
const STREAM_RECOVERY_PATCH = 'call-stream-recovery';
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
  const call = new CallState(input);
  const act = callActions(call);
  registerHandlers(call, act);
  const result = await runCall(call, act);
  if (patched(HANDLERS_PATCH)) await condition(allHandlersFinished);
  return result;
}

callWorkflow satisfies CallWorkflow;

type CallActions = ReturnType<typeof callActions>;

/** The commands the workflow and its handlers issue on the call's state. */
function callActions(call: CallState) {
  const { input } = call;

  async function moveTo(next: CallStatus, endReason?: string) {
    if (!call.canMoveTo(next)) return;
    await db.setCallStatus({ callId: input.callId, status: next, at: new Date().toISOString(), endReason });
    // A handler (takeover) and the main loop may both move the call; it only ever moves forward.
    if (!call.canMoveTo(next)) return;
    call.status = next;
    upsertSearchAttributes([{ key: searchAttributes.callStatus, value: next }]);
  }

  const onBridge = () =>
    proxyActivities<BridgeActivities>({
      ...activityPresets.bridge,
      taskQueue: bridgeTaskQueue(call.bridge!.instanceId),
    });

  /** Hands the caller to a human number through Twilio. */
  async function handOver(toNumber: string, reason: string) {
    call.handedTo = { toNumber, reason };
    await telephony.transferCall({ callSid: call.callSid!, to: toNumber, callerId: call.callerId });
    call.addSystemLine(`Call handed to ${toNumber} (${reason}).`);
    await moveTo('escalated');
  }

  /** Starts the call's escalation (one at a time); answers its id. */
  function requestEscalation(request: EscalationRequest): { escalationId: string; started: boolean } {
    if (call.escalation) return { escalationId: call.escalation.id, started: false };
    if (!call.withAgent || !call.plan) return { escalationId: '', started: false };
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
          callSid: call.callSid ?? null,
          businessNumber: call.callerId,
          request,
          triggeredAt: new Date().toISOString(),
          settings: call.plan.settings.escalation,
          handoffNumber: call.plan.handoffNumber,
        },
      ],
      typedSearchAttributes: [{ key: searchAttributes.businessId, value: input.businessId }],
    }).then(
      () => undefined,
      () => {
        call.escalation = undefined; // it could not start: a later trigger may try again
      },
    );
    call.escalation = { id, connected: false, started };
    return { escalationId: id, started: true };
  }

  /** Writes the lines waiting; with quality on, scores them and checks the escalation triggers. */
  async function flushTranscript() {
    if (!call.unwritten.length) return;
    const lines = call.unwritten.splice(0);
    const plan = call.plan;
    if (!plan) {
      await db.appendTranscript(lines);
      return;
    }
    const recorded = await quality.recordTranscript({
      organizationId: input.organizationId,
      lines,
      rolling: call.rolling,
      settings: plan.settings,
    });
    call.rolling = recorded.rolling;
    for (const line of lines) call.toolResults.push(...((line.metadata?.tools ?? []) as ToolResult[]));
    for (const line of recorded.customer) {
      call.compounds.push(line.compound);
      if (line.keyword) requestEscalation({ reason: 'keyword', detail: `the caller asked for a ${line.keyword}` });
      else if (sentimentEscalationDue(call.compounds, plan.settings)) {
        requestEscalation({
          reason: 'sentiment',
          detail: `${plan.settings.sentimentEscalation.consecutiveLines} unhappy lines in a row (latest ${line.compound.toFixed(2)})`,
        });
      }
    }
    const complex = complexityEscalationDue(call.toolResults, plan.settings);
    if (complex) requestEscalation({ reason: 'complexity', detail: complex });
    if (Date.now() - call.lastQaAt >= LIVE_QA_EVERY_MS) {
      call.lastQaAt = Date.now();
      await quality.scoreCallQa({ callId: input.callId, final: false });
    }
  }

  /** Does what the escalation asked: speak to the caller, or note that a human has the call. */
  async function handleEscalationEvents() {
    for (const event of call.escalationEvents.splice(0)) {
      if (event.type === 'say' && call.bridge && call.withAgent) {
        await onBridge()
          .intervene({ callId: input.callId, action: 'say', text: event.text })
          .catch(() => undefined);
      } else if (event.type === 'connected' && call.escalation) {
        call.escalation.connected = true;
        call.handedTo = { toNumber: event.agentName, reason: 'escalated_to_agent' };
        call.addSystemLine(`Call connected to ${event.agentName}.`);
        await moveTo('escalated');
      } else if (event.type === 'handoff' && !call.handedTo && call.callSid) {
        await handOver(event.toNumber, event.reason);
      }
    }
  }

  return { moveTo, onBridge, handOver, requestEscalation, flushTranscript, handleEscalationEvents };
}

function registerHandlers(call: CallState, act: CallActions): void {
  setHandler(transcriptLineSignal, (line) => call.addBridgeLine(line));
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
    call.escalationEvents.push(event);
  });
  setHandler(bridgeAttachedSignal, (attachment) => call.bridgeAttached(attachment));
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
  setHandler(streamEndedUpdate, () =>
    patched(STREAM_RECOVERY_PATCH) ? call.streamLost(Date.now()) : { reconnect: call.streamEnded() },
  );
  setHandler(callStatusQuery, () => call.status);
  setHandler(endCallSignal, ({ reason }) => {
    call.endRequest ??= reason ?? 'ended_by_supervisor';
  });
  setHandler(answeredBySignal, (verdict) => {
    call.answeredBy ??= verdict.answeredBy;
  });
  setHandler(twilioStatusSignal, (update) => call.onTwilioStatus(update));
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
    if (patched(QUALITY_PATCH)) call.plan = await quality.planCallQuality({ businessId: input.businessId });
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
    while (call.finalStatus === undefined) {
      const woke = await condition(
        () => call.hasWork || (call.answeredBy !== undefined && !machineHandled),
        Math.max(1, (talkDeadline ?? ringDeadline) - Date.now()),
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
            await condition(() => call.finalStatus !== undefined, HANGUP_GRACE_MS);
            break;
          }
          call.endRequest ??= 'answering_machine';
        }
      }
      if (!woke) hangup = talkDeadline ? { reason: 'max_duration' } : { reason: 'ring_timeout', status: 'no_answer' };
      else if (call.endRequest) hangup = { reason: call.endRequest, status: talkDeadline ? undefined : 'canceled' };
      if (hangup) {
        await telephony.hangUp({ callSid: call.callSid! });
        await condition(() => call.finalStatus !== undefined, HANGUP_GRACE_MS);
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
      await quality.scoreCallQa({ callId: input.callId, final: true });
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
