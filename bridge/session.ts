import type { WebSocket } from 'ws';
import type { Logger } from '../lib/logger.ts';
import type { BridgeSessionInfo } from '../workflows/definitions/bridge.ts';
import type { Intervention } from '../workflows/definitions/call.ts';
import { CallLink, type CallLinkDeps } from './call-link.ts';
import { Conversation, type ConversationDeps, FRAME_MS } from './conversation.ts';
import { Listeners } from './listeners.ts';
import type { RealtimeDeps } from './realtime.ts';
import { parseStreamMessage, type StreamStart, TwilioStream } from './twilio-stream.ts';

export interface SessionDeps extends CallLinkDeps, ConversationDeps {
  /** The OpenAI client of the call's organisation (its own key, or the platform's). */
  openAiClientFor: (organizationId: string) => Promise<RealtimeDeps['client']>;
  instanceId: string;
  /** Where browsers reach this bridge (listen-in). */
  advertiseUrl: string;
  logger: Logger;
}

/** Caller audio kept while the Realtime session opens (10 s of 20 ms frames). */
const MAX_QUEUED_FRAMES = 500;

/**
 * One Twilio media stream on this bridge, from its `start` to its end: it finds the call, continues
 * the conversation where the call's workflow says it was (after another bridge died), passes the
 * caller's μ-law to the conversation untouched (queued while the Realtime session opens), and lets
 * supervisors listen in. The conversation itself is ./conversation.ts.
 */
export class CallSession {
  readonly #twilio: TwilioStream;
  readonly #deps: SessionDeps;
  readonly #connectedAt = new Date();
  readonly #listeners = new Listeners();
  #logger: Logger;
  #started = false;
  #callId: string | undefined;
  #callSid: string | undefined;
  #link: CallLink | undefined;
  #conversation: Conversation | undefined;
  #mediaFrames = 0;
  /** Where this stream starts on the call's clock (non-zero when it continues a call). */
  #offsetMs = 0;
  #resumed = false;
  #queuedAudio: string[] = [];
  #closed = false;

  constructor(socket: WebSocket, deps: SessionDeps) {
    this.#twilio = new TwilioStream(socket);
    this.#deps = deps;
    this.#logger = deps.logger;
  }

  get callId(): string | undefined {
    return this.#callId;
  }

  /** The call's clock in ms: transcript offsets are measured on it. */
  get #nowMs(): number {
    return this.#offsetMs + this.#mediaFrames * FRAME_MS;
  }

  /** Handles one frame from Twilio; false for one that is not a well-formed Media Streams message. */
  handle(raw: string): boolean {
    const message = parseStreamMessage(raw);
    if (!message) return false;
    switch (message.event) {
      case 'connected':
      case 'dtmf':
        return true;
      case 'start':
        if (this.#started) return false;
        this.#onStart(message.start);
        return true;
      case 'media':
        this.#mediaFrames += 1;
        this.#listeners.send('inbound', message.payload);
        if (this.#conversation) this.#conversation.hear(message.payload);
        else if (this.#queuedAudio.length < MAX_QUEUED_FRAMES) this.#queuedAudio.push(message.payload);
        return true;
      case 'mark':
        this.#conversation?.played(message.name);
        return true;
      case 'stop':
        this.#logger.info({ mediaFrames: this.#mediaFrames }, 'media stream stopped');
        this.close('stream stopped');
        return true;
    }
  }

  info(): BridgeSessionInfo {
    return {
      callId: this.#callId,
      callSid: this.#callSid,
      streamSid: this.#twilio.streamSid,
      mediaFrames: this.#mediaFrames,
      connectedAt: this.#connectedAt.toISOString(),
      realtimeSessions: this.#conversation?.realtimeSessions ?? 0,
      resumed: this.#resumed,
      responseLatenciesMs: [...(this.#conversation?.latencies ?? [])],
    };
  }

  close(reason: string): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#conversation?.close();
    this.#twilio.close(1000, reason);
    this.#listeners.closeAll();
  }

  /** A supervisor's browser hears both sides from now until the stream ends. */
  addListener(socket: WebSocket): void {
    this.#listeners.add(socket);
  }

  #onStart(start: StreamStart): void {
    this.#started = true;
    this.#twilio.started(start.streamSid);
    this.#callSid = start.callSid;
    this.#callId = start.customParameters.callId;
    this.#logger = this.#logger.child({ callId: this.#callId, callSid: this.#callSid });
    this.#logger.info({ mediaFormat: start.mediaFormat }, 'media stream started');
    this.#start().catch((error: unknown) => {
      this.#logger.error({ err: error }, 'could not start the Realtime session; hanging up the stream');
      this.close('realtime unavailable');
    });
  }

  async #start(): Promise<void> {
    const callId = this.#callId;
    if (!callId) throw new Error('the stream carries no callId parameter');
    const link = await CallLink.open(this.#deps, callId, this.#logger);
    this.#link = link;
    const snapshot = await link.snapshot();
    this.#resumed = (snapshot?.lines.length ?? 0) > 0;
    if (this.#resumed && link.answeredAt) this.#offsetMs = Date.now() - link.answeredAt.getTime();
    const openai = { ...this.#deps.openai, client: await this.#deps.openAiClientFor(link.organizationId) };
    const conversation = await Conversation.begin(
      { ...this.#deps, openai },
      { twilio: this.#twilio, link, listeners: this.#listeners, logger: this.#logger, clock: () => this.#nowMs },
      snapshot,
      this.#queuedAudio,
    );
    if (this.#closed) {
      conversation.close();
      return;
    }
    this.#conversation = conversation;
    if (this.#resumed) this.#logger.info({ lines: snapshot?.lines.length }, 'continuing the call where it was');
    await link.attach({ instanceId: this.#deps.instanceId, url: this.#deps.advertiseUrl });
  }

  /** A supervisor's intervention: say a sentence now, add an instruction, or pause and resume the AI. */
  intervene(intervention: Intervention): void {
    if (!this.#conversation) throw new Error('the Realtime session is not open');
    this.#conversation.intervene(intervention);
  }
}
