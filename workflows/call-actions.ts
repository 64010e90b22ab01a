/**
 * The commands a call's workflow and its handlers issue on the call's state: status moves, handing
 * the caller to a human, starting the escalation, writing (and scoring) the transcript, and doing
 * what the escalation asks. Deterministic workflow code, like ./call.ts.
 */
import {
  getExternalWorkflowHandle,
  ParentClosePolicy,
  patched,
  proxyActivities,
  startChild,
  upsertSearchAttributes,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow';
import type { createCallQualityActivities } from '../activities/call-quality.ts';
import type { createCallActivities } from '../activities/calls.ts';
import type { createTelephonyActivities } from '../activities/telephony.ts';
import { complexityEscalationDue, sentimentEscalationDue, type ToolResult } from '../quality/triggers.ts';
import { askForMissingFields } from './call-post-call.ts';
import type { CallState } from './call-state.ts';
import { type BridgeActivities, bridgeTaskQueue } from './definitions/bridge.ts';
import { type CallStatus, TERMINAL_CALL_STATUSES } from './definitions/call.ts';
import { callFinishedSignal, campaignWorkflowId } from './definitions/campaign.ts';
import { type EscalationRequest, escalationWorkflowId } from './definitions/escalation.ts';
import { activityPresets } from './definitions/presets.ts';
import { searchAttributes } from './definitions/search-attributes.ts';
import { escalationWorkflow } from './escalation.ts';

export const db = proxyActivities<ReturnType<typeof createCallActivities>>(activityPresets.database);
/** Lines and live scores are written as the call goes: short, so a dead worker's attempt is soon retried. */
export const quality = proxyActivities<ReturnType<typeof createCallQualityActivities>>(activityPresets.database);
/** Live QA may raise alerts by mail. */
const liveQa = proxyActivities<ReturnType<typeof createCallQualityActivities>>(activityPresets.messaging);
/** The final grade may wait on the LLM. */
export const grading = proxyActivities<ReturnType<typeof createCallQualityActivities>>(activityPresets.llm);
export const telephony = proxyActivities<ReturnType<typeof createTelephonyActivities>>(activityPresets.telephony);

/** Marks the version that tells its campaign's workflow when the call's end is recorded. */
const CAMPAIGN_PATCH = 'call-reports-to-campaign';

/** The live QA score is recomputed at most this often while lines come in. */
const LIVE_QA_EVERY_MS = 5_000;

export type CallActions = ReturnType<typeof callActions>;

/** The commands the workflow and its handlers issue on the call's state. */
export function callActions(call: CallState) {
  const { input } = call;

  async function moveTo(next: CallStatus, endReason?: string) {
    if (!call.canMoveTo(next)) return;
    await db.setCallStatus({ callId: input.callId, status: next, at: new Date().toISOString(), endReason });
    // A handler (takeover) and the main loop may both move the call; it only ever moves forward.
    if (!call.canMoveTo(next)) return;
    call.status = next;
    upsertSearchAttributes([{ key: searchAttributes.callStatus, value: next }]);
    if (TERMINAL_CALL_STATUSES.includes(next) && input.campaignId && patched(CAMPAIGN_PATCH)) await tellCampaign();
  }

  /** The campaign that placed the call frees its line and settles the contact; a finished campaign waits for nothing. */
  async function tellCampaign() {
    await getExternalWorkflowHandle(campaignWorkflowId(input.campaignId!))
      .signal(callFinishedSignal, { callId: input.callId, contactId: input.campaignContactId })
      .catch(() => undefined);
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
      await liveQa.scoreCallQa({ callId: input.callId, final: false });
    }
    if (recorded.customer.length) askForMissingFields(call, onBridge);
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
        call.escalation.state = 'connected';
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
