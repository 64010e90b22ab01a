import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import type OpenAI from 'openai';
import { OpenAIRealtimeWS } from 'openai/realtime/ws';
import type { WebSocket } from 'ws';
import { latencyStats, publishCallMetrics, publishTranscriptLine, type TranscriptLineInput } from '../db/calls.ts';
import { type BusinessConfig, Call } from '../db/entities/index.ts';
import type { Orm } from '../db/orm.ts';
import type { Logger } from '../lib/logger.ts';
import {
  type BridgeTranscriptLine,
  bridgeAttachedSignal,
  type ConversationSnapshot,
  callWorkflowId,
  conversationQuery,
  endCallSignal,
  escalateUpdate,
  type Intervention,
  transcriptLineSignal,
} from '../workflows/shared.ts';
import type { KnowledgeLookup } from './knowledge.ts';
import { runTool, TOOL_DEFINITIONS, type ToolResult } from './tools.ts';

/** The Twilio Media Streams messages the bridge reads (https://www.twilio.com/docs/voice/media-streams/websocket-messages). */
export type TwilioStreamMessage =
  | { event: 'connected'; protocol: string; version: string }
  | {
      event: 'start';
      sequenceNumber: string;
      streamSid: string;
      start: {
        streamSid: string;
        callSid: string;
        accountSid: string;
        tracks: string[];
        customParameters?: Record<string, string>;
        mediaFormat: { encoding: string; sampleRate: number; channels: number };
      };
    }
  | {
      event: 'media';
      sequenceNumber: string;
      streamSid: string;
      media: { track: string; chunk: string; timestamp: string; payload: string };
    }
  | { event: 'mark'; sequenceNumber: string; streamSid: string; mark: { name: string } }
  | { event: 'dtmf'; streamSid: string; dtmf: { digit: string; track: string } }
  | { event: 'stop'; sequenceNumber: string; streamSid: string; stop: { accountSid: string; callSid: string } };

export interface SessionInfo {
  callId: string | undefined;
  callSid: string | undefined;
  streamSid: string | undefined;
  mediaFrames: number;
  connectedAt: string;
  /** Realtime sessions this call has used on this bridge (more than one after a rollover). */
  realtimeSessions: number;
  /** True when this stream continued a call another bridge (or stream) had started. */
  resumed: boolean;
  /** Caller's end of speech (before VAD's closing silence) to the first audio byte sent back, per reply. */
  responseLatenciesMs: number[];
}

export interface SessionDeps {
  instanceId: string;
  /** Where browsers reach this bridge (listen-in). */
  advertiseUrl: string;
  logger: Logger;
  orm: Orm;
  temporal: Client;
  openai: { client: OpenAI; model: string; ca: Buffer | undefined };
  knowledge: KnowledgeLookup;
  toolTimeoutMs: number;
  /** A Realtime session is replaced by a fresh one (seeded with the conversation) after this long. */
  rolloverMs: number;
}

// biome-ignore lint/suspicious/noExplicitAny: Realtime server events are read field by field
type RealtimeEvent = Record<string, any>;

/** A rollover waits for a pause in the conversation, but not longer than this. */
const ROLLOVER_MAX_WAIT_MS = 15_000;
/** Server VAD ends a turn after this much silence. */
const VAD_SILENCE_MS = 500;
/** How many times a queued sentence is started again after being cut off. */
const MAX_SAY_ATTEMPTS = 3;
const SNAPSHOT_TIMEOUT_MS = 3_000;

/**
 * One live call on this bridge: the Twilio media socket and its OpenAI Realtime session. μ-law
 * audio passes through both ways untouched. Every chunk sent to Twilio is followed by a mark, so
 * when the caller talks over the agent the bridge knows how much was actually heard: it clears
 * Twilio's buffer and truncates the agent's item there. Each transcript line goes to live
 * subscribers at once and to the call's workflow, which records it.
 *
 * A stream that continues a call (after a bridge died) and a rollover to a fresh Realtime session
 * both seed the new session with the conversation the workflow holds, so the agent carries on.
 */
export class CallSession {
  readonly #socket: WebSocket;
  readonly #deps: SessionDeps;
  readonly #connectedAt = new Date();
  /** Names this session's lines for the workflow, which numbers them. */
  readonly #id = randomUUID();
  #logger: Logger;
  #callId: string | undefined;
  #organizationId: string | undefined;
  #business: BusinessConfig | undefined;
  #callSid: string | undefined;
  #streamSid: string | undefined;
  #mediaFrames = 0;
  /** Where this stream starts on the call's clock (non-zero when it continues a call). */
  #offsetMs = 0;
  /** Set once the session is open and configured; until then the caller's audio is queued. */
  #realtime: OpenAIRealtimeWS | undefined;
  /** Where the current Realtime session's audio clock starts, on the call's clock. */
  #realtimeBaseMs = 0;
  #realtimeSessions = 0;
  #resumed = false;
  #queuedAudio: string[] = [];
  #sequence = 0;
  #assistant: { itemId: string; startMs: number; sentMs: number; playedMs: number } | undefined;
  #userTurn = { startMs: 0, endMs: 0, stoppedAt: 0, speaking: false };
  #latencies: number[] = [];
  /** Latency of the reply now playing, for its transcript line. */
  #replyLatency: number | undefined;
  #replySources: string[] | undefined;
  /**
   * Sentences to say on someone's behalf (a supervisor, an escalation), in order. One is sent when no
   * response is under way; one that gets cut off (the caller spoke, another reply took over) is said
   * again, at most `MAX_SAY_ATTEMPTS` times.
   */
  #says: { text: string; attempts: number }[] = [];
  #responseActive = false;
  #sayPending: { text: string; attempts: number } | undefined;
  #sayResponseId: string | undefined;
  /** The tools the model ran for its next reply and how they went (for QA and escalation on complexity). */
  #replyTools: { name: string; ok: boolean; found?: boolean }[] = [];
  #afterReply: ToolResult['afterReply'];
  #paused = false;
  #closed = false;
  #rolloverTimer: NodeJS.Timeout | undefined;
  readonly #listeners = new Set<WebSocket>();
  /** Lines go to the workflow one after another, so it numbers them in the order they were spoken. */
  #signalled: Promise<unknown> = Promise.resolve();

  constructor(socket: WebSocket, deps: SessionDeps) {
    this.#socket = socket;
    this.#deps = deps;
    this.#logger = deps.logger;
  }

  get callId(): string | undefined {
    return this.#callId;
  }

  /** The call's clock in ms: transcript offsets are measured on it. */
  get #nowMs(): number {
    return this.#offsetMs + this.#mediaFrames * 20;
  }

  /** Handles one frame from Twilio; returns false for a frame that is not a Media Streams message. */
  handle(raw: string): boolean {
    let message: TwilioStreamMessage;
    try {
      message = JSON.parse(raw);
    } catch {
      return false;
    }
    switch (message.event) {
      case 'connected':
      case 'dtmf':
        return true;
      case 'start':
        this.#streamSid = message.start.streamSid;
        this.#callSid = message.start.callSid;
        this.#callId = message.start.customParameters?.callId;
        this.#logger = this.#logger.child({ callId: this.#callId, callSid: this.#callSid });
        this.#logger.info({ mediaFormat: message.start.mediaFormat }, 'media stream started');
        this.#start().catch((error: unknown) => {
          this.#logger.error({ err: error }, 'could not start the Realtime session; hanging up the stream');
          this.close('realtime unavailable');
        });
        return true;
      case 'media':
        this.#mediaFrames += 1;
        this.#toListeners('inbound', message.media.payload);
        if (this.#realtime) this.#realtime.send({ type: 'input_audio_buffer.append', audio: message.media.payload });
        else if (this.#queuedAudio.length < 500) this.#queuedAudio.push(message.media.payload);
        return true;
      case 'mark': {
        const [itemId, endMs] = message.mark.name.split(':');
        const assistant = this.#assistant;
        if (assistant && assistant.itemId === itemId) assistant.playedMs = Number(endMs);
        return true;
      }
      case 'stop':
        this.#logger.info({ mediaFrames: this.#mediaFrames }, 'media stream stopped');
        this.close('stream stopped');
        return true;
      default:
        return false;
    }
  }

  info(): SessionInfo {
    return {
      callId: this.#callId,
      callSid: this.#callSid,
      streamSid: this.#streamSid,
      mediaFrames: this.#mediaFrames,
      connectedAt: this.#connectedAt.toISOString(),
      realtimeSessions: this.#realtimeSessions,
      resumed: this.#resumed,
      responseLatenciesMs: [...this.#latencies],
    };
  }

  close(reason: string): void {
    if (this.#closed) return;
    this.#closed = true;
    clearTimeout(this.#rolloverTimer);
    this.#realtime?.close();
    this.#socket.close(1000, reason);
    for (const listener of this.#listeners) {
      listener.send(JSON.stringify({ event: 'stop' }));
      listener.close(1000, 'call stream ended');
    }
    this.#listeners.clear();
  }

  /** A supervisor's browser hears both sides from now until the stream ends. */
  addListener(socket: WebSocket): void {
    if (this.#closed) {
      socket.close(1000, 'call stream ended');
      return;
    }
    this.#listeners.add(socket);
    socket.on('close', () => this.#listeners.delete(socket));
  }

  #toListeners(track: 'inbound' | 'outbound', payload: string): void {
    if (!this.#listeners.size) return;
    const message = JSON.stringify({ event: 'media', track, payload });
    for (const listener of this.#listeners) if (listener.readyState === listener.OPEN) listener.send(message);
  }

  async #start(): Promise<void> {
    const callId = this.#callId;
    if (!callId) throw new Error('the stream carries no callId parameter');
    const call = await this.#deps.orm.em.fork().findOneOrFail(Call, callId, { populate: ['business'] });
    this.#organizationId = call.organization.id;
    this.#business = call.business;
    const snapshot = await this.#snapshot();
    this.#sequence = snapshot?.nextSequence ?? 0;
    this.#resumed = (snapshot?.lines.length ?? 0) > 0;
    if (this.#resumed && call.answeredAt) this.#offsetMs = Date.now() - call.answeredAt.getTime();
    this.#realtimeBaseMs = this.#offsetMs;
    const realtime = await this.#openRealtime(snapshot);
    this.#realtime = realtime;
    for (const audio of this.#queuedAudio.splice(0)) realtime.send({ type: 'input_audio_buffer.append', audio });
    if (!this.#resumed || snapshot?.lines.at(-1)?.speaker === 'customer') realtime.send({ type: 'response.create' });
    if (this.#resumed) this.#logger.info({ lines: snapshot?.lines.length }, 'continuing the call where it was');
    this.#scheduleRollover();
    // Without this the workflow cannot reach the call for interventions; the call itself goes on.
    await this.#workflow()
      .signal(bridgeAttachedSignal, { instanceId: this.#deps.instanceId, url: this.#deps.advertiseUrl })
      .catch((error: unknown) =>
        this.#logger.warn({ err: error }, 'could not tell the workflow which bridge holds the call'),
      );
  }

  #workflow() {
    return this.#deps.temporal.workflow.getHandle(callWorkflowId(this.#callId!));
  }

  /** The conversation so far, as the workflow holds it; undefined if the workflow cannot say. */
  async #snapshot(): Promise<ConversationSnapshot | undefined> {
    try {
      return await Promise.race([
        this.#workflow().query(conversationQuery),
        new Promise<never>((_, reject) =>
          setTimeout(() => reject(new Error('timed out')), SNAPSHOT_TIMEOUT_MS).unref(),
        ),
      ]);
    } catch (error) {
      this.#logger.warn({ err: error }, 'could not read the conversation from the workflow; starting afresh');
      return undefined;
    }
  }

  /** Opens and configures a Realtime session; with a snapshot, it continues that conversation. */
  async #openRealtime(snapshot: ConversationSnapshot | undefined): Promise<OpenAIRealtimeWS> {
    const business = this.#business!;
    const { client, model, ca } = this.#deps.openai;
    // The business's model when it names one; the GA Realtime API takes no temperature, so the
    // business's temperature setting has no effect on Realtime sessions.
    const realtime = new OpenAIRealtimeWS({ model: business.model || model, options: ca ? { ca } : undefined }, client);
    realtime.on('event', (event) => {
      if (realtime === this.#realtime) this.#onRealtime(event as RealtimeEvent);
    });
    realtime.on('error', (error) => this.#logger.warn({ err: error }, 'realtime error'));
    await new Promise<void>((resolve, reject) => {
      realtime.socket.once('open', () => resolve());
      realtime.socket.once('error', reject);
    });
    this.#realtimeSessions += 1;
    const continuing = (snapshot?.lines.length ?? 0) > 0;
    const opening = business.greeting ? `\nStart the call by saying: "${business.greeting}"` : '';
    const resume =
      '\nThis call is already under way; the conversation so far is above. Do not greet the caller again; carry on from where it was.';
    realtime.send({
      type: 'session.update',
      session: {
        type: 'realtime',
        instructions: `${business.systemPrompt}${continuing ? resume : opening}`,
        audio: {
          input: {
            format: { type: 'audio/pcmu' },
            turn_detection: { type: 'server_vad', silence_duration_ms: VAD_SILENCE_MS, create_response: !this.#paused },
          },
          output: { format: { type: 'audio/pcmu' }, voice: business.voice },
        },
        tools: TOOL_DEFINITIONS,
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

  #scheduleRollover(): void {
    this.#rolloverTimer = setTimeout(() => {
      void this.#rollover();
    }, this.#deps.rolloverMs);
    this.#rolloverTimer.unref();
  }

  /**
   * Replaces the Realtime session before it reaches its maximum duration: at a pause (nobody
   * speaking, nothing left to play), a fresh session seeded with the conversation takes over.
   */
  async #rollover(): Promise<void> {
    const waitUntil = Date.now() + ROLLOVER_MAX_WAIT_MS;
    const quiet = () =>
      !this.#userTurn.speaking && (!this.#assistant || this.#assistant.playedMs >= this.#assistant.sentMs);
    while (!this.#closed && !quiet() && Date.now() < waitUntil) await new Promise((r) => setTimeout(r, 100));
    if (this.#closed) return;
    try {
      const snapshot = await this.#snapshot();
      const fresh = await this.#openRealtime(snapshot ?? { nextSequence: this.#sequence, lines: [] });
      const old = this.#realtime;
      this.#realtimeBaseMs = this.#nowMs;
      this.#assistant = undefined;
      this.#realtime = fresh;
      old?.close();
      this.#logger.info({ realtimeSessions: this.#realtimeSessions }, 'rolled over to a fresh Realtime session');
    } catch (error) {
      this.#logger.error({ err: error }, 'Realtime rollover failed; keeping the current session');
    }
    if (!this.#closed) this.#scheduleRollover();
  }

  /** A supervisor's intervention: say a sentence now, add an instruction, or pause and resume the AI. */
  intervene(intervention: Intervention): void {
    const realtime = this.#realtime;
    if (!realtime) throw new Error('the Realtime session is not open');
    this.#logger.info({ action: intervention.action }, 'supervisor intervention');
    switch (intervention.action) {
      case 'say':
        this.#says.push({ text: intervention.text ?? '', attempts: 0 });
        this.#drainSays();
        return;
      case 'instruct':
        realtime.send({
          type: 'conversation.item.create',
          item: { type: 'message', role: 'system', content: [{ type: 'input_text', text: intervention.text ?? '' }] },
        });
        return;
      case 'pause_ai':
        // Stop what is playing, and stop answering until resumed; the caller is still heard and transcribed.
        this.#paused = true;
        realtime.send({ type: 'response.cancel' });
        this.#sendTwilio({ event: 'clear', streamSid: this.#streamSid });
        this.#setAutoResponse(realtime, false);
        return;
      case 'resume_ai':
        this.#paused = false;
        this.#setAutoResponse(realtime, true);
        return;
    }
  }

  /** Says the next queued sentence once nothing else is being said. */
  #drainSays(): void {
    const realtime = this.#realtime;
    if (!realtime || this.#responseActive || this.#sayPending || this.#userTurn.speaking) return;
    const next = this.#says.shift();
    if (!next) return;
    this.#sayPending = { text: next.text, attempts: next.attempts + 1 };
    realtime.send({ type: 'response.create', response: { instructions: `Say exactly: "${next.text}"` } });
  }

  #setAutoResponse(realtime: OpenAIRealtimeWS, on: boolean): void {
    realtime.send({
      type: 'session.update',
      session: { type: 'realtime', audio: { input: { turn_detection: { type: 'server_vad', create_response: on } } } },
    });
  }

  #onRealtime(event: RealtimeEvent): void {
    switch (event.type) {
      case 'response.output_audio.delta':
        this.#play(event.item_id, event.delta);
        return;
      case 'input_audio_buffer.speech_started':
        this.#userTurn.startMs = this.#realtimeBaseMs + event.audio_start_ms;
        this.#userTurn.speaking = true;
        this.#bargeIn();
        return;
      case 'input_audio_buffer.speech_stopped': {
        // audio_end_ms includes VAD's closing silence; the caller stopped talking that much earlier,
        // and the model has heard up to now. Latency counts from when the caller actually stopped.
        const spokenUntil = this.#realtimeBaseMs + event.audio_end_ms - VAD_SILENCE_MS;
        this.#userTurn.endMs = spokenUntil;
        this.#userTurn.stoppedAt = Date.now() - Math.max(0, this.#nowMs - spokenUntil);
        this.#userTurn.speaking = false;
        return;
      }
      case 'conversation.item.input_audio_transcription.completed':
        if (event.transcript) {
          this.#emit({
            speaker: 'customer',
            text: event.transcript,
            startMs: this.#userTurn.startMs,
            endMs: this.#userTurn.endMs,
          });
        }
        return;
      case 'response.output_audio_transcript.done': {
        const spoken = this.#assistant?.itemId === event.item_id ? this.#assistant : undefined;
        const metadata: Record<string, unknown> = {};
        if (this.#replyLatency !== undefined) metadata.latencyMs = this.#replyLatency;
        if (this.#replySources) metadata.knowledgeChunkIds = this.#replySources;
        if (this.#replyTools.length) metadata.tools = this.#replyTools;
        this.#replyLatency = undefined;
        this.#replySources = undefined;
        this.#replyTools = [];
        this.#emit({
          speaker: 'ai',
          text: event.transcript,
          startMs: spoken?.startMs ?? this.#nowMs,
          endMs: spoken ? spoken.startMs + spoken.sentMs : this.#nowMs,
          metadata: Object.keys(metadata).length ? metadata : null,
        });
        return;
      }
      case 'response.created':
        this.#responseActive = true;
        if (this.#sayPending && !this.#sayResponseId) this.#sayResponseId = event.response?.id;
        return;
      case 'response.done': {
        this.#responseActive = false;
        if (event.response?.id && event.response.id === this.#sayResponseId) {
          const said = this.#sayPending!;
          if (event.response.status !== 'completed' && said.attempts < MAX_SAY_ATTEMPTS) this.#says.unshift(said);
          this.#sayPending = undefined;
          this.#sayResponseId = undefined;
        }
        void this.#onResponseDone(event.response);
        this.#drainSays();
        return;
      }
      case 'error':
        this.#logger.warn({ error: event.error }, 'realtime reported an error');
        return;
      default:
        return;
    }
  }

  /** Passes the model's audio to Twilio untouched, with a mark after each chunk. */
  #play(itemId: string, delta: string): void {
    if (this.#paused) return;
    if (this.#assistant?.itemId !== itemId) {
      this.#assistant = { itemId, startMs: this.#nowMs, sentMs: 0, playedMs: 0 };
      if (this.#userTurn.stoppedAt) {
        const latency = Date.now() - this.#userTurn.stoppedAt;
        this.#latencies.push(latency);
        this.#replyLatency = latency;
        this.#userTurn.stoppedAt = 0;
        this.#publishMetrics();
      }
    }
    const assistant = this.#assistant;
    assistant.sentMs += Buffer.byteLength(delta, 'base64') / 8;
    this.#sendTwilio({ event: 'media', streamSid: this.#streamSid, media: { payload: delta } });
    this.#sendTwilio({
      event: 'mark',
      streamSid: this.#streamSid,
      mark: { name: `${itemId}:${Math.round(assistant.sentMs)}` },
    });
    this.#toListeners('outbound', delta);
  }

  #publishMetrics(): void {
    if (!this.#callId || !this.#organizationId) return;
    publishCallMetrics(this.#deps.orm.em, this.#organizationId, this.#callId, latencyStats(this.#latencies)).catch(
      (error: unknown) => this.#logger.warn({ err: error }, 'could not publish latency metrics'),
    );
  }

  /** The caller talks over the agent: stop playback and cut the agent's item where the caller stopped hearing it. */
  #bargeIn(): void {
    const assistant = this.#assistant;
    if (!assistant || assistant.playedMs >= assistant.sentMs) return;
    this.#sendTwilio({ event: 'clear', streamSid: this.#streamSid });
    this.#realtime?.send({
      type: 'conversation.item.truncate',
      item_id: assistant.itemId,
      content_index: 0,
      audio_end_ms: Math.round(assistant.playedMs),
    });
    this.#logger.info(
      { itemId: assistant.itemId, heardMs: assistant.playedMs, sentMs: assistant.sentMs },
      'caller barged in',
    );
    this.#assistant = undefined;
  }

  async #onResponseDone(response: RealtimeEvent): Promise<void> {
    const realtime = this.#realtime;
    const calls = ((response?.output ?? []) as RealtimeEvent[]).filter((item) => item.type === 'function_call');
    if (calls.length && realtime) {
      for (const call of calls) {
        const result = await runTool(
          String(call.name),
          String(call.arguments ?? ''),
          {
            businessId: this.#business!.id,
            knowledge: this.#deps.knowledge,
          },
          this.#deps.toolTimeoutMs,
        );
        this.#logger.info({ tool: call.name, error: result.output.error }, 'tool called');
        if (result.sources) this.#replySources = result.sources;
        this.#replyTools.push({
          name: String(call.name),
          ok: !result.output.error,
          ...(typeof result.output.found === 'boolean' && { found: result.output.found }),
        });
        if (result.afterReply) this.#afterReply = result.afterReply;
        realtime.send({
          type: 'conversation.item.create',
          item: { type: 'function_call_output', call_id: call.call_id, output: JSON.stringify(result.output) },
        });
      }
      realtime.send({ type: 'response.create' });
      return;
    }
    const then = this.#afterReply;
    if (!then || !this.#callId) return;
    this.#afterReply = undefined;
    // Let the reply play out, then have the call's workflow hang up or hand the caller over.
    const remainingMs = this.#assistant ? this.#assistant.sentMs - this.#assistant.playedMs : 0;
    setTimeout(() => {
      const workflow = this.#workflow();
      const done =
        then.action === 'end_call'
          ? workflow.signal(endCallSignal, { reason: then.reason })
          : workflow.executeUpdate(escalateUpdate, { args: [{ reason: 'tool', detail: then.reason }] });
      done.catch((error: unknown) =>
        this.#logger.warn({ err: error, action: then.action }, 'the call workflow could not do what the agent asked'),
      );
    }, remainingMs + 300).unref();
  }

  #emit(line: Omit<TranscriptLineInput, 'callId' | 'sequence'>): void {
    const callId = this.#callId;
    const organizationId = this.#organizationId;
    if (!callId || !organizationId) return;
    const full: BridgeTranscriptLine = { ...line, callId, sequence: this.#sequence++, session: this.#id };
    const { session: _session, ...live } = full;
    publishTranscriptLine(this.#deps.orm.em, organizationId, live).catch((error: unknown) =>
      this.#logger.warn({ err: error }, 'could not publish a transcript line'),
    );
    const workflow = this.#workflow();
    this.#signalled = this.#signalled.then(() =>
      workflow
        .signal(transcriptLineSignal, full)
        .catch((error: unknown) =>
          this.#logger.warn(
            { err: error, sequence: full.sequence },
            'could not hand a transcript line to the workflow',
          ),
        ),
    );
  }

  #sendTwilio(message: unknown): void {
    if (this.#socket.readyState === this.#socket.OPEN) this.#socket.send(JSON.stringify(message));
  }
}
