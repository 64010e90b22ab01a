/**
 * What the bridge benchmark's processes share: one clock, where timestamps sit in the audio, and the
 * messages the orchestrator exchanges with its load generator and its Realtime simulator.
 */
import { readFileSync } from 'node:fs';

/**
 * Milliseconds on CLOCK_MONOTONIC, the clock `process.hrtime` reads: one clock for every process on
 * the machine, so a time taken in one process can be subtracted from a time taken in another.
 * `performance.now()` runs on the same clock, so reading it costs no BigInt per call.
 */
const monotonicOrigin = Number(process.hrtime.bigint()) / 1e6 - performance.now();
export const monotonicMs = (): number => monotonicOrigin + performance.now();

/** Twilio sends 20 ms of μ-law per media message: 160 bytes. */
export const FRAME_BYTES = 160;
export const FRAME_MS = 20;
/** Server VAD ends a turn after this much silence (the bridge and both contestants ask for it). */
export const TURN_SILENCE_FRAMES = 500 / FRAME_MS;

/**
 * A caller's voiced frame carries, in its last 12 bytes, a marker and the time it left the load
 * generator; the model reads it back when it hears the frame. Silence (0xFF) carries nothing, so
 * the model's VAD still hears silence.
 */
export const CALLER_STAMP_AT = FRAME_BYTES - 12;
/** Base64 groups are 3 bytes: re-encoding from here rewrites the stamp in a prepared message. */
export const CALLER_STAMP_GROUP = Math.floor(CALLER_STAMP_AT / 3) * 3;
export const STAMP_MARKER = 0xb7;

export function stampCallerFrame(frame: Buffer, at: number): void {
  frame[CALLER_STAMP_AT] = STAMP_MARKER;
  frame.writeDoubleLE(at, CALLER_STAMP_AT + 4);
}

/** When a voiced frame left the load generator, or undefined for one without a stamp. */
export function callerFrameSentAt(frame: Buffer): number | undefined {
  return frame.length === FRAME_BYTES && frame[CALLER_STAMP_AT] === STAMP_MARKER
    ? frame.readDoubleLE(CALLER_STAMP_AT + 4)
    : undefined;
}

/**
 * The model's audio carries, in its last 16 bytes, a marker, when it left the model, and on a
 * reply's first chunk the model's own time for it (turn end heard → first chunk sent).
 */
export const REPLY_STAMP_BYTES = 16;

export function stampReplyChunk(chunk: Buffer, sentAt: number, modelMs: number | undefined): void {
  if (chunk.length < REPLY_STAMP_BYTES) return;
  const at = chunk.length - REPLY_STAMP_BYTES;
  chunk[at] = STAMP_MARKER;
  chunk[at + 1] = modelMs === undefined ? 0 : 1;
  chunk.writeFloatLE(modelMs ?? 0, at + 4);
  chunk.writeDoubleLE(sentAt, at + 8);
}

export interface ReplyStamp {
  sentAt: number;
  /** Only on the first chunk of a reply to a caller's turn. */
  modelMs: number | undefined;
}

/** Reads the stamp from a base64 payload, decoding only its tail. */
export function replyStampOf(payload: string): ReplyStamp | undefined {
  const padding = payload.endsWith('==') ? 2 : payload.endsWith('=') ? 1 : 0;
  const length = (payload.length / 4) * 3 - padding;
  if (length < REPLY_STAMP_BYTES) return undefined;
  const group = Math.floor((length - REPLY_STAMP_BYTES) / 3);
  const tail = Buffer.from(payload.slice(group * 4), 'base64');
  const at = length - REPLY_STAMP_BYTES - group * 3;
  if (tail[at] !== STAMP_MARKER) return undefined;
  return { sentAt: tail.readDoubleLE(at + 8), modelMs: tail[at + 1] === 1 ? tail.readFloatLE(at + 4) : undefined };
}

export type Mode = 'inbound' | 'both';

/** One call the load generator places: where, and what its stream's upgrade and `start` carry. */
export interface CallPlan {
  callId: string;
  /** The stream ticket the gateway would have put in the TwiML. */
  token: string;
}

/** Orchestrator → load generator. */
export type CallersCommand =
  | { type: 'open'; url: string; signature: string; calls: CallPlan[]; mode: Mode }
  | { type: 'window'; from: number; to: number }
  | { type: 'report' }
  | { type: 'close' };

/** Orchestrator → model. */
export type ModelCommand = { type: 'window'; from: number; to: number } | { type: 'report' } | { type: 'sessions' };

/** Figures a harness process reports for the measured window. */
export interface HarnessReport {
  /** Its own event-loop delay while measuring: how late it ran (ms). */
  loopDelayP99: number;
  loopDelayMax: number;
}

export interface CallersReport extends HarnessReport {
  type: 'report';
  framesSent: number;
  /** Voiced (stamped) frames sent in the window; the model should hear each. */
  stampedSent: number;
  /** How late frames left against their 20 ms schedule (ms). */
  sendLateP50: number;
  sendLateP99: number;
  /** The model's audio, model → caller (ms), per chunk. */
  outbound: number[];
  /** Caller's turn end → first audio of the reply, minus the model's own time (ms). */
  replyOverhead: number[];
  /** Caller starts talking over the agent → Twilio told to clear (ms). */
  bargeIn: number[];
  clears: number;
  marksEchoed: number;
  socketsOpen: number;
}

export interface ModelReport extends HarnessReport {
  type: 'report';
  /** Stamped frames heard whose stamp lies in the window. */
  stampedHeard: number;
  /** Load generator → model, per voiced frame (ms). */
  inbound: number[];
  /** Of `inbound`: the first voiced frame of each caller turn, the one server VAD starts a turn on. */
  turnStarts: number[];
}

/** CPU seconds (user + system, all threads) a process has used, from /proc. */
export function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Resident memory of a process in bytes, from /proc. */
export function rssBytes(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'));
  return Number(line?.replace(/\D+/g, '') ?? 0) * 1024;
}
