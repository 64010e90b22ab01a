import type { Client } from '@temporalio/client';
import type OpenAI from 'openai';
import { OpenAIRealtimeWS } from 'openai/realtime/ws';
import type { WebSocket } from 'ws';
import { publishTranscriptLine, type TranscriptLineInput } from '../db/calls.ts';
import { Call } from '../db/entities/index.ts';
import type { Orm } from '../db/orm.ts';
import type { Logger } from '../lib/logger.ts';
import {
  bridgeAttachedSignal,
  callWorkflowId,
  endCallSignal,
  type Intervention,
  transcriptLineSignal,
} from '../workflows/shared.ts';

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
  /** Caller's end of speech to the first audio byte sent back, per reply. */
  responseLatenciesMs: number[];
}

export interface SessionDeps {
  instanceId: string;
  logger: Logger;
  orm: Orm;
  temporal: Client;
  openai: { client: OpenAI; model: string; ca: Buffer | undefined };
}

// biome-ignore lint/suspicious/noExplicitAny: Realtime server events are read field by field
type RealtimeEvent = Record<string, any>;

const END_CALL_TOOL = {
  type: 'function' as const,
  name: 'end_call',
  description: 'Hang up once the caller has nothing more and you have said goodbye.',
  parameters: { type: 'object', properties: { reason: { type: 'string' } } },
};

/**
 * One live call on this bridge: the Twilio media socket and its OpenAI Realtime session. μ-law
 * audio passes through both ways untouched. Every chunk sent to Twilio is followed by a mark, so
 * when the caller talks over the agent the bridge knows how much was actually heard: it clears
 * Twilio's buffer and truncates the agent's item there. Each transcript line goes to live
 * subscribers at once and to the call's workflow, which records it.
 */
export class CallSession {
  readonly #socket: WebSocket;
  readonly #deps: SessionDeps;
  readonly #connectedAt = new Date();
  #logger: Logger;
  #callId: string | undefined;
  #organizationId: string | undefined;
  #callSid: string | undefined;
  #streamSid: string | undefined;
  #mediaFrames = 0;
  #realtime: OpenAIRealtimeWS | undefined;
  #realtimeOpen = false;
  #queuedAudio: string[] = [];
  #sequence = 0;
  #assistant: { itemId: string; startMs: number; sentMs: number; playedMs: number } | undefined;
  #userTurn = { startMs: 0, endMs: 0, stoppedAt: 0 };
  #latencies: number[] = [];
  #hangUpAfterReply = false;
  #paused = false;

  constructor(socket: WebSocket, deps: SessionDeps) {
    this.#socket = socket;
    this.#deps = deps;
    this.#logger = deps.logger;
  }

  get callId(): string | undefined {
    return this.#callId;
  }

  /** The caller's audio so far, in ms: the clock transcript offsets are measured on. */
  get #nowMs(): number {
    return this.#mediaFrames * 20;
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
        this.#startRealtime().catch((error: unknown) => {
          this.#logger.error({ err: error }, 'could not start the Realtime session; hanging up the stream');
          this.close('realtime unavailable');
        });
        return true;
      case 'media':
        this.#mediaFrames += 1;
        if (this.#realtimeOpen)
          this.#realtime?.send({ type: 'input_audio_buffer.append', audio: message.media.payload });
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
      responseLatenciesMs: [...this.#latencies],
    };
  }

  close(reason: string): void {
    this.#realtime?.close();
    this.#socket.close(1000, reason);
  }

  async #startRealtime(): Promise<void> {
    if (!this.#callId) throw new Error('the stream carries no callId parameter');
    const call = await this.#deps.orm.em.fork().findOneOrFail(Call, this.#callId, { populate: ['business'] });
    this.#organizationId = call.organization.id;
    const business = call.business;
    const { client, model, ca } = this.#deps.openai;
    const realtime = new OpenAIRealtimeWS({ model, options: ca ? { ca } : undefined }, client);
    this.#realtime = realtime;
    realtime.on('event', (event) => this.#onRealtime(event as RealtimeEvent));
    realtime.on('error', (error) => this.#logger.warn({ err: error }, 'realtime error'));
    await new Promise<void>((resolve, reject) => {
      realtime.socket.once('open', () => resolve());
      realtime.socket.once('error', reject);
    });
    realtime.send({
      type: 'session.update',
      session: {
        type: 'realtime',
        instructions: business.greeting
          ? `${business.systemPrompt}\nStart the call by saying: "${business.greeting}"`
          : business.systemPrompt,
        audio: {
          input: { format: { type: 'audio/pcmu' }, turn_detection: { type: 'server_vad', silence_duration_ms: 500 } },
          output: { format: { type: 'audio/pcmu' }, voice: business.voice },
        },
        tools: [END_CALL_TOOL],
      },
    });
    this.#realtimeOpen = true;
    for (const audio of this.#queuedAudio.splice(0)) realtime.send({ type: 'input_audio_buffer.append', audio });
    realtime.send({ type: 'response.create' });
    // Without this the workflow cannot reach the call for interventions; the call itself goes on.
    await this.#deps.temporal.workflow
      .getHandle(callWorkflowId(this.#callId))
      .signal(bridgeAttachedSignal, { instanceId: this.#deps.instanceId })
      .catch((error: unknown) =>
        this.#logger.warn({ err: error }, 'could not tell the workflow which bridge holds the call'),
      );
  }

  /** A supervisor's intervention: say a sentence now, add an instruction, or pause and resume the AI. */
  intervene(intervention: Intervention): void {
    const realtime = this.#realtime;
    if (!realtime || !this.#realtimeOpen) throw new Error('the Realtime session is not open');
    this.#logger.info({ action: intervention.action }, 'supervisor intervention');
    switch (intervention.action) {
      case 'say':
        realtime.send({ type: 'response.create', response: { instructions: `Say exactly: "${intervention.text}"` } });
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
        realtime.send({
          type: 'session.update',
          session: {
            type: 'realtime',
            audio: { input: { turn_detection: { type: 'server_vad', create_response: false } } },
          },
        });
        return;
      case 'resume_ai':
        this.#paused = false;
        realtime.send({
          type: 'session.update',
          session: {
            type: 'realtime',
            audio: { input: { turn_detection: { type: 'server_vad', create_response: true } } },
          },
        });
        return;
    }
  }

  #onRealtime(event: RealtimeEvent): void {
    switch (event.type) {
      case 'response.output_audio.delta':
        this.#play(event.item_id, event.delta);
        return;
      case 'input_audio_buffer.speech_started':
        this.#userTurn.startMs = event.audio_start_ms;
        this.#bargeIn();
        return;
      case 'input_audio_buffer.speech_stopped':
        this.#userTurn.endMs = event.audio_end_ms;
        this.#userTurn.stoppedAt = Date.now();
        return;
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
        this.#emit({
          speaker: 'ai',
          text: event.transcript,
          startMs: spoken?.startMs ?? this.#nowMs,
          endMs: spoken ? spoken.startMs + spoken.sentMs : this.#nowMs,
        });
        return;
      }
      case 'response.done':
        this.#onResponseDone(event.response);
        return;
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
        this.#latencies.push(Date.now() - this.#userTurn.stoppedAt);
        this.#userTurn.stoppedAt = 0;
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

  #onResponseDone(response: RealtimeEvent): void {
    const endCall = (response?.output ?? []).find(
      (item: RealtimeEvent) => item.type === 'function_call' && item.name === 'end_call',
    );
    if (endCall) {
      this.#realtime?.send({
        type: 'conversation.item.create',
        item: { type: 'function_call_output', call_id: endCall.call_id, output: JSON.stringify({ ok: true }) },
      });
      this.#realtime?.send({ type: 'response.create' });
      this.#hangUpAfterReply = true;
      return;
    }
    if (this.#hangUpAfterReply && this.#callId) {
      // Let the goodbye play out, then ask the call's workflow to hang up.
      const remainingMs = this.#assistant ? this.#assistant.sentMs - this.#assistant.playedMs : 0;
      const handle = this.#deps.temporal.workflow.getHandle(callWorkflowId(this.#callId));
      setTimeout(() => {
        handle.signal(endCallSignal, { reason: 'agent_ended_call' }).catch((error: unknown) => {
          this.#logger.warn({ err: error }, 'could not ask the workflow to end the call');
        });
      }, remainingMs + 300).unref();
    }
  }

  #emit(line: Omit<TranscriptLineInput, 'callId' | 'sequence'>): void {
    const callId = this.#callId;
    const organizationId = this.#organizationId;
    if (!callId || !organizationId) return;
    const full: TranscriptLineInput = { ...line, callId, sequence: this.#sequence++ };
    publishTranscriptLine(this.#deps.orm.em, organizationId, full).catch((error: unknown) =>
      this.#logger.warn({ err: error }, 'could not publish a transcript line'),
    );
    this.#deps.temporal.workflow
      .getHandle(callWorkflowId(callId))
      .signal(transcriptLineSignal, full)
      .catch((error: unknown) =>
        this.#logger.warn({ err: error, sequence: full.sequence }, 'could not hand a transcript line to the workflow'),
      );
  }

  #sendTwilio(message: unknown): void {
    if (this.#socket.readyState === this.#socket.OPEN) this.#socket.send(JSON.stringify(message));
  }
}
