import { VAD_SILENCE_MS } from './realtime.ts';

/** The agent's reply now playing: how much audio was sent, and how much Twilio says was played. */
export interface AgentReply {
  itemId: string;
  /** On the call's clock. */
  startMs: number;
  sentMs: number;
  playedMs: number;
}

/** Where the caller cut in: the agent's item and how much of it the caller heard. */
export interface Interruption {
  itemId: string;
  heardMs: number;
  sentMs: number;
}

/**
 * The words of an agent's reply the caller heard before cutting in: the share of its audio that was
 * played, taken in whole words from the start (at least one word once anything was played).
 */
export function heardText(transcript: string, cut: Interruption): string {
  const words = transcript.trim().split(/\s+/).filter(Boolean);
  const share = cut.sentMs > 0 ? Math.min(1, cut.heardMs / cut.sentMs) : 0;
  const kept = cut.heardMs > 0 ? Math.max(1, Math.round(words.length * share)) : 0;
  return kept >= words.length ? words.join(' ') : `${words.slice(0, kept).join(' ')}…`;
}

/**
 * Who is speaking on a call and when, on the call's clock: the caller's turns (from server VAD),
 * the agent's reply and how much of it has been heard (from Twilio's marks), and each reply's
 * latency from the caller's actual end of speech to the first audio byte sent back.
 */
export class Turns {
  #reply: AgentReply | undefined;
  /** `awaitingReply`: the caller's turn ended and the agent has not started answering it. */
  #caller = { startMs: 0, endMs: 0, stoppedAt: 0, speaking: false, awaitingReply: false };
  readonly #latencies: number[] = [];
  /** Latency of the reply now playing, for its transcript line. */
  #replyLatency: number | undefined;

  get callerSpeaking(): boolean {
    return this.#caller.speaking;
  }

  get callerTurn(): { startMs: number; endMs: number } {
    return { startMs: this.#caller.startMs, endMs: this.#caller.endMs };
  }

  get latencies(): readonly number[] {
    return this.#latencies;
  }

  /**
   * Nobody speaking, no caller's turn waiting for its answer, and nothing left to play. Between the
   * caller's end of speech and the first audio of the answer the session still holds the turn (its
   * transcript and the reply come from it), so that gap is not quiet: a rollover there lost the
   * caller's line.
   */
  get quiet(): boolean {
    return (
      !this.#caller.speaking &&
      !this.#caller.awaitingReply &&
      (!this.#reply || this.#reply.playedMs >= this.#reply.sentMs)
    );
  }

  /** Audio the agent has sent but the caller has not heard yet, in ms. */
  get unplayedMs(): number {
    return this.#reply ? this.#reply.sentMs - this.#reply.playedMs : 0;
  }

  /** The caller started talking; if the agent was still being played, this is where they cut in. */
  callerStarted(startMs: number): Interruption | undefined {
    this.#caller.startMs = startMs;
    this.#caller.speaking = true;
    const reply = this.#reply;
    if (!reply || reply.playedMs >= reply.sentMs) return undefined;
    this.#reply = undefined;
    return { itemId: reply.itemId, heardMs: reply.playedMs, sentMs: reply.sentMs };
  }

  /**
   * The caller stopped: VAD's `audioEndMs` includes its closing silence, so the caller stopped
   * talking that much earlier; `nowMs` is how far the call's audio has reached.
   */
  callerStopped(audioEndMs: number, nowMs: number): void {
    const spokenUntil = audioEndMs - VAD_SILENCE_MS;
    this.#caller.endMs = spokenUntil;
    this.#caller.stoppedAt = Date.now() - Math.max(0, nowMs - spokenUntil);
    this.#caller.speaking = false;
    this.#caller.awaitingReply = true;
  }

  /** A chunk of the agent's audio goes out; answers the reply's latency when it is its first chunk. */
  agentAudio(itemId: string, durationMs: number, nowMs: number): { reply: AgentReply; latencyMs?: number } {
    let latencyMs: number | undefined;
    if (this.#reply?.itemId !== itemId) {
      this.#reply = { itemId, startMs: nowMs, sentMs: 0, playedMs: 0 };
      this.#caller.awaitingReply = false;
      if (this.#caller.stoppedAt) {
        latencyMs = Date.now() - this.#caller.stoppedAt;
        this.#latencies.push(latencyMs);
        this.#replyLatency = latencyMs;
        this.#caller.stoppedAt = 0;
      }
    }
    this.#reply.sentMs += durationMs;
    return { reply: this.#reply, ...(latencyMs !== undefined && { latencyMs }) };
  }

  /** The caller has heard all of this reply's audio sent so far (or it is no longer the one playing). */
  playedOut(itemId: string): boolean {
    return this.#reply?.itemId !== itemId || this.#reply.playedMs >= this.#reply.sentMs;
  }

  /** Twilio played a marked chunk: the caller has heard the reply up to `playedMs`. */
  played(itemId: string, playedMs: number): void {
    if (this.#reply?.itemId === itemId && Number.isFinite(playedMs)) this.#reply.playedMs = playedMs;
  }

  /** The agent's line is done: where it sits on the call's clock, and the latency it is owed. */
  finishAgentLine(itemId: string, nowMs: number): { startMs: number; endMs: number; latencyMs?: number } {
    const spoken = this.#reply?.itemId === itemId ? this.#reply : undefined;
    const latencyMs = this.#replyLatency;
    this.#replyLatency = undefined;
    return {
      startMs: spoken?.startMs ?? nowMs,
      endMs: spoken ? spoken.startMs + spoken.sentMs : nowMs,
      ...(latencyMs !== undefined && { latencyMs }),
    };
  }

  /** A fresh Realtime session starts with no reply of the old one playing, nor one owed. */
  forgetReply(): void {
    this.#reply = undefined;
    this.#caller.awaitingReply = false;
  }
}
