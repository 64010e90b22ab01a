/**
 * The call workflow's contract: the call vocabulary, its id, input and result, and the signals,
 * queries and updates through which Twilio (via the gateway), the bridge and supervisors reach it.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';

export const CALL_WORKFLOW_TYPE = 'callWorkflow';
export const callWorkflowId = (callId: string): string => `call-${callId}`;

export const CALL_DIRECTIONS = ['inbound', 'outbound'] as const;
export type CallDirection = (typeof CALL_DIRECTIONS)[number];

export const CALL_STATUSES = [
  'queued',
  'initiated',
  'ringing',
  'in_progress',
  'escalated',
  'completed',
  'failed',
  'busy',
  'no_answer',
  'canceled',
] as const;
export type CallStatus = (typeof CALL_STATUSES)[number];

export const TERMINAL_CALL_STATUSES: readonly CallStatus[] = ['completed', 'failed', 'busy', 'no_answer', 'canceled'];

const STATUS_RANK: Record<CallStatus, number> = {
  queued: 0,
  initiated: 1,
  ringing: 2,
  in_progress: 3,
  escalated: 4,
  completed: 5,
  failed: 5,
  busy: 5,
  no_answer: 5,
  canceled: 5,
};

/**
 * Statuses only move forward: a late or duplicated update (a `ringing` callback after `completed`)
 * never overwrites a later one. Returns the statuses a call may be in for `next` to apply.
 */
export function statusesBefore(next: CallStatus): CallStatus[] {
  return CALL_STATUSES.filter((status) => STATUS_RANK[status] < STATUS_RANK[next]);
}

/** Our status for a Twilio CallStatus, or undefined for one we do not know. */
export function statusFromTwilio(status: string): CallStatus | undefined {
  const mapped = status.replace('-', '_');
  return (CALL_STATUSES as readonly string[]).includes(mapped) ? (mapped as CallStatus) : undefined;
}

export const SPEAKERS = ['customer', 'ai', 'human_agent', 'system'] as const;
export type Speaker = (typeof SPEAKERS)[number];

/** VADER scores of a caller's line, and the call's rolling sentiment after it. */
export interface LineSentiment {
  compound: number;
  pos: number;
  neu: number;
  neg: number;
  label: 'positive' | 'neutral' | 'negative';
  rolling: number;
}

/** One spoken line, as the bridge hears it and the workflow records it. */
export interface TranscriptLineInput {
  callId: string;
  /** Order within the call; the key that makes a repeated write a no-op. */
  sequence: number;
  speaker: Speaker;
  text: string;
  startMs: number | null;
  endMs: number | null;
  /** For the agent's lines: latencyMs (caller's end of speech to its first audio byte), tool calls. */
  metadata?: Record<string, unknown> | null;
  /** For the caller's lines, once scored. */
  sentiment?: LineSentiment | null;
  /**
   * The line as spoken, sealed for the organisation (lib/encryption.ts), when personal data was redacted
   * from `text` and the business keeps originals; never published.
   */
  sealedOriginal?: string;
  /**
   * The line's live event key (`liveEventKey`): the bridge publishes a line at once under it, and the
   * workflow's durable write publishes it under the same key, so it is published once either way.
   */
  liveKey?: string;
}

/** The key a bridge's line is published under, live and when it is stored. */
export const liveEventKey = (callId: string, session: string, sequence: number): string =>
  `line:${callId}:${session}:${sequence}`;

export interface CallWorkflowInput {
  callId: string;
  organizationId: string;
  businessId: string;
  direction: CallDirection;
  fromNumber: string;
  toNumber: string;
  /** Unanswered after this long, the call is hung up as no_answer. */
  ringTimeoutSeconds: number;
  /** Answered calls are hung up after this long. */
  maxDurationSeconds: number;
  /** Inbound calls: Twilio's CallSid, known before the workflow starts. */
  twilioCallSid?: string;
  /** Outbound: ask Twilio to detect answering machines; then leave `voicemailMessage` or hang up. */
  answeringMachineDetection?: boolean;
  voicemailMessage?: string | null;
  /** A lost media stream is streamed again for this long after the loss (a bridge restarting); default 30. */
  streamRecoverySeconds?: number;
  /** With no word from Twilio (or the stream) for this long, the workflow asks Twilio how the call stands; default 60. */
  reconcileAfterSeconds?: number;
  /** A campaign's call: its workflow tells the campaign's (`campaign-<id>`) when it has ended. */
  campaignId?: string;
  campaignContactId?: string;
}

export const DEFAULT_RECONCILE_AFTER_SECONDS = 60;

/** A call ended because the callee asked not to be called again: the number goes onto the do-not-call list. */
export const DO_NOT_CALL_END_REASON = 'do_not_call_requested';

export interface CallWorkflowResult {
  status: CallStatus;
  endReason: string;
}

/** The call workflow's signature, for clients that start it by name. */
export type CallWorkflow = (input: CallWorkflowInput) => Promise<CallWorkflowResult>;

export interface EndCallRequest {
  reason?: string;
}
export const endCallSignal = defineSignal<[EndCallRequest]>('endCall');

/** A Twilio status callback, as the gateway received it (after checking its signature). */
export interface TwilioStatusUpdate {
  callSid: string | null;
  /** Twilio's CallStatus: queued, initiated, ringing, in-progress, completed, busy, no-answer, failed, canceled. */
  status: string;
  sequenceNumber: number;
}
export const twilioStatusSignal = defineSignal<[TwilioStatusUpdate]>('twilioStatus');

/** Twilio's asynchronous answering-machine verdict (AnsweredBy). */
export const answeredBySignal = defineSignal<[{ answeredBy: string }]>('answeredBy');
export const isMachine = (answeredBy: string): boolean => answeredBy.startsWith('machine') || answeredBy === 'fax';

/** The bridge that holds a call's media stream: its task queue, and where browsers reach it (listen-in). */
export interface BridgeAttachment {
  instanceId: string;
  url: string;
}
/** The bridge that holds a call's media stream says so, so the workflow can command it. */
export const bridgeAttachedSignal = defineSignal<[BridgeAttachment]>('bridgeAttached');
export const bridgeQuery = defineQuery<BridgeAttachment | null>('bridge');

/** Hand the caller to a human number; resolves once Twilio has the call dialling it. */
export interface Takeover {
  toNumber: string;
  /** Why, for the transcript and end reason: supervisor_takeover, agent_escalated, … */
  reason: string;
}
export const takeoverUpdate = defineUpdate<{ toNumber: string }, [Takeover]>('takeover');

/** Whether to stream a call again after its media stream ended, and how. */
export interface StreamDecision {
  reconnect: boolean;
  /** The new stream's number, for its ticket: the bridge accepts only the stream the workflow asked for. */
  stream?: number;
  /** Wait this long before connecting (a bridge coming back); 0 on the first try of an outage. */
  holdSeconds?: number;
  /** Tell the caller to hold (the first try of an outage). */
  holdMessage?: boolean;
}

/**
 * Twilio reports (through `<Connect action>`) that a call's media stream ended while the call goes
 * on: a bridge died or dropped it. The workflow says whether to stream again (to a healthy bridge).
 */
export const streamEndedUpdate = defineUpdate<StreamDecision, []>('streamEnded');
/** Before stream recovery was budgeted by time: streams re-established per call before giving up. */
export const MAX_STREAM_RECONNECTS = 5;
/** Reconnects a call may use in all, whatever the time budget. */
export const MAX_STREAMS_PER_CALL = 40;
export const DEFAULT_STREAM_RECOVERY_SECONDS = 30;

/** What a fresh Realtime session needs to continue a call: the recent conversation and the next line number. */
export interface ConversationSnapshot {
  nextSequence: number;
  lines: { speaker: string; text: string }[];
  /** The stream the call expects now (0 at first, one more per reconnect); a bridge accepts only that one. */
  stream?: number;
  /** False once the call has ended or gone to a human: no stream may attach to it. */
  acceptsStream?: boolean;
  /** A bridge holds the call's stream now (a second stream is not needed). */
  attached?: boolean;
}
export const conversationQuery = defineQuery<ConversationSnapshot>('conversation');
/** Lines kept for re-seeding a Realtime session; older context is dropped, as the model's window would. */
export const CONVERSATION_WINDOW = 60;

export const INTERVENTIONS = ['say', 'instruct', 'pause_ai', 'resume_ai'] as const;
export type InterventionAction = (typeof INTERVENTIONS)[number];
export interface Intervention {
  action: InterventionAction;
  /** What to say (say) or the instruction to follow from now on (instruct). */
  text?: string;
}
/** A supervisor steers a live call; resolves once the bridge has done it, fails if it cannot. */
export const interveneUpdate = defineUpdate<{ ok: true }, [Intervention]>('intervene');

/**
 * A line the bridge heard or spoke. The workflow numbers lines itself (so two bridges that held the
 * call one after the other never collide) and drops a repeat of the same (session, sequence).
 */
export interface BridgeTranscriptLine extends TranscriptLineInput {
  /** The bridge's Realtime session that produced the line. */
  session: string;
}
export const transcriptLineSignal = defineSignal<[BridgeTranscriptLine]>('transcriptLine');

export const callStatusQuery = defineQuery<CallStatus>('status');

/** Twilio sent `stop` on the media stream: the call may be over, and its final callback may not come. */
export const streamStoppedSignal = defineSignal('streamStopped');
