/**
 * The OpenAI Realtime side of a call: open a session, configure it for the business (μ-law both
 * ways, server VAD, tools), seed it with the conversation so far, and roll over to a fresh one
 * before the model's session limit. Events from the current session only reach the handler.
 */
import type OpenAI from 'openai';
import { OpenAIRealtimeWS } from 'openai/realtime/ws';
import { openingInstruction } from '../lib/agent-prompt.ts';
import type { Logger } from '../lib/logger.ts';
import type { ConversationSnapshot } from '../workflows/definitions/call.ts';
import type { BridgeMetrics } from './metrics.ts';
import type { TOOL_DEFINITIONS } from './tools.ts';

// biome-ignore lint/suspicious/noExplicitAny: Realtime server events are read field by field
export type RealtimeEvent = Record<string, any>;

export interface RealtimeDeps {
  client: OpenAI;
  /** The platform's default model; a business may name its own. */
  model: string;
  /** The certificate authority to trust for the Realtime endpoint (OPENAI_CA_FILE). */
  ca: Buffer | undefined;
  /** Twilio frames (20 ms each) sent to the model in one append (BRIDGE_APPEND_FRAMES; 1 when left out). */
  appendFrames?: number;
}

/** How the agent speaks for this business. */
export interface AgentProfile {
  model: string | null;
  instructions: string;
  greeting: string | null;
  voice: string;
  /** The tools the model may call (the knowledge lookup only when the business has it on). */
  tools: readonly (typeof TOOL_DEFINITIONS)[number][];
}

/** Server VAD ends a turn after this much silence. */
export const VAD_SILENCE_MS = 500;
/** A rollover waits for a pause in the conversation, but not longer than this. */
const ROLLOVER_MAX_WAIT_MS = 15_000;

export interface RolloverPlan {
  /** A session is replaced this long after it opened. */
  everyMs: number;
  /** Nobody speaking, nothing left to play: a good moment to swap. */
  quiet: () => boolean;
  /** The conversation to seed the fresh session with. */
  conversation: () => Promise<ConversationSnapshot>;
  autoRespond: () => boolean;
  /** The fresh session is in: its audio clock starts now. */
  rolledOver: () => void;
}

const RESUME_INSTRUCTION =
  '\nThis call is already under way; the conversation so far is above. Do not greet the caller again; carry on from where it was.';

/**
 * `input_audio_buffer.append` written from a template rather than by `JSON.stringify`: `audio` is
 * base64 (checked by the Media Streams parser, or encoded by the bridge), so it needs no escaping.
 */
export const audioAppend = (audio: string): string => `{"type":"input_audio_buffer.append","audio":"${audio}"}`;

export class RealtimeConnection {
  readonly #deps: RealtimeDeps;
  readonly #profile: AgentProfile;
  readonly #onEvent: (event: RealtimeEvent) => void;
  readonly #logger: Logger;
  readonly #metrics: BridgeMetrics;
  #current: OpenAIRealtimeWS | undefined;
  #sessions = 0;
  #rolloverTimer: NodeJS.Timeout | undefined;
  #closed = false;
  /** The caller's frames not yet appended, when appends carry several. */
  #pending: Buffer[] = [];

  constructor(
    deps: RealtimeDeps,
    profile: AgentProfile,
    onEvent: (event: RealtimeEvent) => void,
    logger: Logger,
    metrics: BridgeMetrics,
  ) {
    this.#deps = deps;
    this.#metrics = metrics;
    this.#profile = profile;
    this.#onEvent = onEvent;
    this.#logger = logger;
  }

  /** Realtime sessions this call has used (more than one after a rollover). */
  get sessions(): number {
    return this.#sessions;
  }

  get open(): boolean {
    return this.#current !== undefined;
  }

  /** Opens the first session; with a snapshot it continues that conversation. */
  async start(snapshot: ConversationSnapshot | undefined, autoRespond: boolean): Promise<void> {
    this.#current = await this.#openSession(snapshot, autoRespond);
  }

  /**
   * Replaces the session before it reaches the model's maximum duration, again and again: at a pause
   * (or after waiting `ROLLOVER_MAX_WAIT_MS` for one), a fresh session seeded with the conversation
   * takes over and the old one is closed. A failed rollover keeps the current session.
   */
  keepRollingOver(plan: RolloverPlan): void {
    this.#rolloverTimer = setTimeout(() => {
      void this.#rollover(plan).finally(() => {
        if (!this.#closed) this.keepRollingOver(plan);
      });
    }, plan.everyMs);
    this.#rolloverTimer.unref();
  }

  async #rollover(plan: RolloverPlan): Promise<void> {
    const waitUntil = Date.now() + ROLLOVER_MAX_WAIT_MS;
    while (!this.#closed && !plan.quiet() && Date.now() < waitUntil) await new Promise((r) => setTimeout(r, 100));
    if (this.#closed) return;
    try {
      const fresh = await this.#openSession(await plan.conversation(), plan.autoRespond());
      if (this.#closed) {
        fresh.close();
        return;
      }
      const old = this.#current;
      this.#flushAudio();
      this.#current = fresh;
      old?.close();
      plan.rolledOver();
      this.#metrics.rolledOver(true);
      this.#logger.info({ realtimeSessions: this.#sessions }, 'rolled over to a fresh Realtime session');
    } catch (error) {
      this.#metrics.rolledOver(false);
      this.#logger.error({ err: error }, 'Realtime rollover failed; keeping the current session');
    }
  }

  send(event: Parameters<OpenAIRealtimeWS['send']>[0]): void {
    this.#flushAudio();
    this.#current?.send(event);
  }

  /**
   * Appends the caller's audio (base64) to the model's input buffer: each frame as it comes, or,
   * with `appendFrames` above 1, that many frames in one message (fewer messages and syscalls per
   * frame, the model hearing each up to (n − 1) × 20 ms later). Anything else sent first flushes.
   */
  appendAudio(audio: string): void {
    const frames = this.#deps.appendFrames ?? 1;
    if (frames <= 1) {
      const socket = this.#current?.socket;
      if (socket && socket.readyState === socket.OPEN) socket.send(audioAppend(audio));
      return;
    }
    this.#pending.push(Buffer.from(audio, 'base64'));
    if (this.#pending.length >= frames) this.#flushAudio();
  }

  #flushAudio(): void {
    if (!this.#pending.length) return;
    const audio = this.#pending.length === 1 ? this.#pending[0]! : Buffer.concat(this.#pending);
    this.#pending = [];
    const socket = this.#current?.socket;
    if (socket && socket.readyState === socket.OPEN) socket.send(audioAppend(audio.toString('base64')));
  }

  /** Turns the model's own replies to the caller on or off (a supervisor paused the AI). */
  setAutoResponse(on: boolean): void {
    this.send({
      type: 'session.update',
      session: { type: 'realtime', audio: { input: { turn_detection: { type: 'server_vad', create_response: on } } } },
    });
  }

  close(): void {
    this.#closed = true;
    clearTimeout(this.#rolloverTimer);
    this.#current?.close();
    this.#current = undefined;
  }

  async #openSession(snapshot: ConversationSnapshot | undefined, autoRespond: boolean): Promise<OpenAIRealtimeWS> {
    const { client, model, ca } = this.#deps;
    const profile = this.#profile;
    // The GA Realtime API takes no temperature, so a business's temperature has no effect here.
    const realtime = new OpenAIRealtimeWS({ model: profile.model || model, options: ca ? { ca } : undefined }, client);
    realtime.on('event', (event) => {
      if (realtime === this.#current) this.#onEvent(event as RealtimeEvent);
    });
    // The SDK raises a server's `error` event here too, with the event's `error` on it.
    realtime.on('error', (error) => {
      this.#metrics.realtimeError(error.error ? 'server' : 'socket');
      this.#logger.warn({ err: error }, 'realtime error');
    });
    await new Promise<void>((resolve, reject) => {
      realtime.socket.once('open', () => resolve());
      realtime.socket.once('error', reject);
    });
    this.#sessions += 1;
    const continuing = (snapshot?.lines.length ?? 0) > 0;
    const opening = openingInstruction(profile.greeting);
    realtime.send({
      type: 'session.update',
      session: {
        type: 'realtime',
        instructions: `${profile.instructions}${continuing ? RESUME_INSTRUCTION : opening}`,
        audio: {
          input: {
            format: { type: 'audio/pcmu' },
            turn_detection: { type: 'server_vad', silence_duration_ms: VAD_SILENCE_MS, create_response: autoRespond },
          },
          output: { format: { type: 'audio/pcmu' }, voice: profile.voice },
        },
        tools: [...profile.tools],
      },
    });
    for (const line of continuing ? snapshot!.lines : []) {
      if (line.speaker !== 'customer' && line.speaker !== 'ai') continue;
      realtime.send({
        type: 'conversation.item.create',
        item:
          line.speaker === 'customer'
            ? { type: 'message', role: 'user', content: [{ type: 'input_text', text: line.text }] }
            : { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: line.text }] },
      });
    }
    return realtime;
  }
}
