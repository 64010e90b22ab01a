/**
 * What a call's workflow knows, with its rules: the status and its forward-only moves, Twilio's
 * reports not yet applied, the transcript and its numbering, and the escalation's bookkeeping.
 * Deterministic: no activities, no timers; the workflow function (./call.ts) acts on it.
 */

import type { CallQualityPlan } from '../activities/call-quality.ts';
import type { ToolResult } from '../quality/triggers.ts';
import {
  type BridgeAttachment,
  type BridgeTranscriptLine,
  type CallStatus,
  type CallWorkflowInput,
  CONVERSATION_WINDOW,
  type ConversationSnapshot,
  DEFAULT_STREAM_RECOVERY_SECONDS,
  liveEventKey,
  MAX_STREAM_RECONNECTS,
  MAX_STREAMS_PER_CALL,
  type StreamDecision,
  statusesBefore,
  statusFromTwilio,
  TERMINAL_CALL_STATUSES,
  type TranscriptLineInput,
  type TwilioStatusUpdate,
} from './definitions/call.ts';
import type { EscalationEvent, EscalationState } from './definitions/escalation.ts';

type NewLine = Omit<TranscriptLineInput, 'sequence' | 'callId'>;

export class CallState {
  readonly input: CallWorkflowInput;
  status: CallStatus = 'queued';
  callSid: string | undefined;
  /** Twilio's reports not yet applied, and its final word once it has spoken it. */
  readonly pendingStatuses: CallStatus[] = [];
  finalStatus: CallStatus | undefined;
  /** Someone (a supervisor, the agent, a rule) asked to hang up, and why. */
  endRequest: string | undefined;
  answeredBy: string | undefined;
  /** The call went to a human (a takeover, an escalation, a handoff number). */
  handedTo: { toNumber: string; reason: string } | undefined;
  /** The bridge holding the media stream, while one does. */
  bridge: BridgeAttachment | undefined;
  streamReconnects = 0;
  /** Twilio's furthest report on the call, whether or not it has been applied yet. */
  reported: CallStatus = 'queued';
  /** The stream the call expects now: 0 at first, one more for each reconnect. */
  stream = 0;
  /** When the current outage began (the stream ended and no bridge has attached since), and its tries. */
  #streamLost: { at: number; tries: number } | undefined;
  /** The last time Twilio, or the call's stream, said anything: silence past a limit asks Twilio. */
  #lastHeardAt = 0;
  /** Ask Twilio at this time, sooner than the silence limit (the stream stopped). */
  #askTwilioAt: number | undefined;

  /** Lines waiting to be written, the recent conversation (to re-seed a Realtime session), the next number. */
  readonly unwritten: TranscriptLineInput[] = [];
  readonly #recent: { speaker: string; text: string }[] = [];
  readonly #seenBridgeLines = new Set<string>();
  #nextSequence = 0;

  /** Quality: the business's rules, the caller's sentiment so far and tool outcomes. */
  plan: CallQualityPlan | undefined;
  rolling: number | null = null;
  readonly compounds: number[] = [];
  readonly toolResults: ToolResult[] = [];
  lastQaAt = 0;
  /** The business's required fields: when the transcript was last read for them, and what the agent was told is missing. */
  readonly fieldWatch = { checkedAt: 0, checking: false, asked: '' };

  /** The call's escalation: its id, whether a human has the call, when its workflow has started, where it stands. */
  escalation: { id: string; connected: boolean; started: Promise<void>; state?: EscalationState } | undefined;
  readonly escalationEvents: EscalationEvent[] = [];

  constructor(input: CallWorkflowInput) {
    this.input = input;
    this.callSid = input.twilioCallSid;
  }

  /** Statuses only move forward: a late or repeated one changes nothing. */
  canMoveTo(next: CallStatus): boolean {
    return statusesBefore(next).includes(this.status);
  }

  /** Connected to the voice agent: answered, and not (yet) handed to a human. */
  get withAgent(): boolean {
    return this.status === 'in_progress' && !this.handedTo;
  }

  /** The number the other side sees: ours, whichever direction the call went. */
  get callerId(): string {
    return this.input.direction === 'outbound' ? this.input.fromNumber : this.input.toNumber;
  }

  /** When to ask Twilio how the call stands, if nothing is heard before. */
  reconcileDueAt(silenceMs: number): number {
    return Math.min(this.#lastHeardAt + silenceMs, this.#askTwilioAt ?? Number.POSITIVE_INFINITY);
  }

  heard(now: number): void {
    this.#lastHeardAt = now;
  }

  /** The stream stopped: ask Twilio soon whether the call is over. */
  askTwilioSoon(now: number): void {
    this.#askTwilioAt = now + 2_000;
  }

  /** Twilio's answer to "how does the call stand": applied like a status callback. */
  reconciled(status: string | null, now: number): void {
    this.#lastHeardAt = now;
    this.#askTwilioAt = undefined;
    if (status) this.onTwilioStatus({ callSid: this.callSid ?? null, status, sequenceNumber: -1 });
  }

  onTwilioStatus(update: TwilioStatusUpdate): void {
    this.callSid ??= update.callSid ?? undefined;
    const next = statusFromTwilio(update.status);
    if (!next) return;
    if (statusesBefore(next).includes(this.reported)) this.reported = next;
    if (TERMINAL_CALL_STATUSES.includes(next)) this.finalStatus ??= next;
    else this.pendingStatuses.push(next);
  }

  /** A stream may attach: the call has not ended and has not gone to a human. */
  get acceptsStream(): boolean {
    return !TERMINAL_CALL_STATUSES.includes(this.status) && this.finalStatus === undefined && !this.handedTo;
  }

  /** A bridge holds the call's stream again: the outage, if any, is over. */
  bridgeAttached(attachment: BridgeAttachment): void {
    this.bridge = attachment;
    this.#streamLost = undefined;
  }

  /**
   * The stream ended while the call may go on (a bridge died or dropped it). It is streamed again
   * while Twilio last said the call is up and the outage is younger than the recovery budget, with
   * a pause between tries so a bridge that is restarting can come back. Decided on Twilio's latest
   * report, not the status already written (a status write may be waiting for a worker).
   */
  streamLost(now: number): StreamDecision {
    this.bridge = undefined;
    const up =
      (this.reported === 'in_progress' || this.status === 'in_progress') &&
      !this.handedTo &&
      this.finalStatus === undefined &&
      this.endRequest === undefined;
    const recoveryMs = (this.input.streamRecoverySeconds ?? DEFAULT_STREAM_RECOVERY_SECONDS) * 1000;
    this.#streamLost ??= { at: now, tries: 0 };
    if (!up || now - this.#streamLost.at > recoveryMs || this.streamReconnects >= MAX_STREAMS_PER_CALL) {
      return { reconnect: false };
    }
    this.#streamLost.tries += 1;
    this.streamReconnects += 1;
    this.stream += 1;
    const first = this.#streamLost.tries === 1;
    return { reconnect: true, stream: this.stream, holdSeconds: first ? 0 : 2, holdMessage: first };
  }

  /**
   * Before stream recovery was budgeted by time (histories replay with it): a stream that ends
   * while the call is up is streamed again, a few times at most.
   */
  streamEnded(): boolean {
    this.bridge = undefined;
    const reconnect =
      this.withAgent &&
      this.finalStatus === undefined &&
      this.endRequest === undefined &&
      this.streamReconnects < MAX_STREAM_RECONNECTS;
    if (reconnect) this.streamReconnects += 1;
    return reconnect;
  }

  addLine(line: NewLine): void {
    this.unwritten.push({ ...line, callId: this.input.callId, sequence: this.#nextSequence++ });
    this.#recent.push({ speaker: line.speaker, text: line.text });
    if (this.#recent.length > CONVERSATION_WINDOW) this.#recent.shift();
  }

  addSystemLine(text: string): void {
    this.addLine({ speaker: 'system', text, startMs: null, endMs: null });
  }

  /** A line from a bridge, numbered here; a repeat of the same (session, sequence) is dropped. */
  addBridgeLine({ session, sequence, callId: _callId, ...line }: BridgeTranscriptLine): void {
    const key = `${session}:${sequence}`;
    if (this.#seenBridgeLines.has(key)) return;
    this.#seenBridgeLines.add(key);
    this.addLine({ ...line, liveKey: liveEventKey(this.input.callId, session, sequence) });
  }

  conversation(): ConversationSnapshot {
    return {
      nextSequence: this.#nextSequence,
      lines: [...this.#recent],
      stream: this.stream,
      acceptsStream: this.acceptsStream,
      attached: this.bridge !== undefined,
    };
  }

  /** Something for the main loop to do. */
  get hasWork(): boolean {
    return (
      this.pendingStatuses.length > 0 ||
      this.unwritten.length > 0 ||
      this.finalStatus !== undefined ||
      this.endRequest !== undefined ||
      this.escalationEvents.length > 0
    );
  }
}
