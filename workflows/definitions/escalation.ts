/**
 * The escalation workflow's contract (a child of the call's workflow, id `escalation-<id>`): how a
 * call asks for a human, what the escalation asks of the call, and how agents answer an offer.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';

export const ESCALATION_WORKFLOW_TYPE = 'escalationWorkflow';
export const escalationWorkflowId = (escalationId: string): string => `escalation-${escalationId}`;

export type EscalationReasonName = 'sentiment' | 'keyword' | 'complexity' | 'tool' | 'supervisor';
export type PriorityName = 'low' | 'normal' | 'high' | 'urgent';

export interface EscalationRequest {
  reason: EscalationReasonName;
  detail?: string | null;
  priority?: PriorityName | null;
}

/** Asks a call's workflow to escalate; answers the escalation's id (the one already running, if any). */
export const escalateUpdate = defineUpdate<{ escalationId: string; started: boolean }, [EscalationRequest]>('escalate');

/** Where a call's escalation stands, as the caller may be told. */
export type EscalationState = 'routing' | 'callback' | 'handed_off' | 'connected' | 'cancelled';

/** What an escalation asks of its call: say something to the caller, note that a human has it, or where it stands. */
export type EscalationEvent =
  | { type: 'say'; text: string }
  | { type: 'connected'; agentName: string }
  | { type: 'handoff'; toNumber: string; reason: string }
  | { type: 'state'; state: EscalationState }
  | { type: 'finished' };
export const escalationEventSignal = defineSignal<[EscalationEvent]>('escalationEvent');

/** A call's escalation as the voice agent may describe it: none yet, or where it stands. */
export const escalationStateQuery = defineQuery<{ escalationId: string | null; state: EscalationState | null }>(
  'escalationState',
);

/** The agent (or a supervisor for them) takes the offer. */
export const acceptEscalationUpdate = defineUpdate<{ ok: true }, [{ agentId: string }]>('accept');
export const declineEscalationSignal = defineSignal<[{ agentId: string }]>('decline');
export const completeEscalationUpdate = defineUpdate<{ ok: true }, [{ resolved: boolean; notes: string | null }]>(
  'complete',
);
/** The caller hung up: an escalation not yet connected stops routing. */
export const callEndedSignal = defineSignal('callEnded');

/** Twilio's conference status callback: a participant (by CallSid) joined or left the escalation's conference. */
export interface ConferenceEvent {
  event: 'participant-join' | 'participant-leave' | 'conference-end' | string;
  callSid: string | null;
}
export const conferenceEventSignal = defineSignal<[ConferenceEvent]>('conferenceEvent');

export interface EscalationSettings {
  offerTimeoutSeconds: number;
  maxWaitSeconds: number;
  department: string | null;
  skills: string[];
}

export interface EscalationWorkflowInput {
  escalationId: string;
  callId: string;
  callWorkflowId: string;
  organizationId: string;
  businessId: string;
  callSid: string | null;
  /** Our number: the agent's phone shows it. */
  businessNumber: string;
  request: EscalationRequest;
  /** When the trigger fired (ISO); escalation latency runs from here to the first offer. */
  triggeredAt: string;
  settings: EscalationSettings;
  handoffNumber: string | null;
}

export interface EscalationResult {
  status: 'completed' | 'callback' | 'cancelled' | 'handed_off';
  agentId?: string;
}
