import type { WebSocket } from 'ws';
import type { Logger } from '../lib/logger.ts';
import { type StreamGrant, verifyStreamToken } from '../lib/stream-token.ts';
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
  /** Verifies the stream's ticket (signed by the gateway with the same secret). */
  jwtSecret: string;
  /** Whether another live stream on this bridge holds the call. */
  holds: (callId: string) => boolean;
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

  /** Started and not yet closed. */
  get live(): boolean {
    return this.#started && !this.#closed;
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
        this.#deps.metrics.inboundFrames += 1;
        this.#listeners.send('inbound', message.payload);
        if (this.#conversation) this.#conversation.hear(message.payload);
        else if (this.#queuedAudio.length < MAX_QUEUED_FRAMES) this.#queuedAudio.push(message.payload);
        return true;
      case 'mark':
        this.#conversation?.played(message.name);
        return true;
      case 'stop':
        this.#logger.info({ mediaFrames: this.#mediaFrames }, 'media stream stopped');
        void this.#link?.streamStopped();
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
    this.#logger = this.#logger.child({ callId: start.customParameters.callId, callSid: this.#callSid });
    this.#logger.info({ mediaFormat: start.mediaFormat }, 'media stream started');
    this.#start(start.customParameters).catch((error: unknown) => {
      this.#logger.error({ err: error }, 'could not start the Realtime session; hanging up the stream');
      this.close('realtime unavailable');
    });
  }

  /**
   * A stream acts only for the call its ticket names, only as the stream the call's workflow
   * expects (its first, or the reconnect it asked for), and never beside another stream holding it.
   */
  async #admit(parameters: Record<string, string>): Promise<StreamGrant | undefined> {
    const grant = await verifyStreamToken(this.#deps.jwtSecret, parameters.token ?? '');
    if (!grant || grant.callId !== parameters.callId || this.#deps.holds(grant.callId)) return undefined;
    return grant;
  }

  #refuse(why: string): void {
    this.#logger.warn({ why }, 'media stream refused');
    this.#closed = true;
    this.#twilio.close(1008, 'stream not accepted');
    this.#listeners.closeAll();
  }

  async #start(parameters: Record<string, string>): Promise<void> {
    const grant = await this.#admit(parameters);
    if (!grant) return this.#refuse('no valid ticket for this call, or the call is held by another stream');
    this.#callId = grant.callId;
    const link = await CallLink.open(this.#deps, grant.callId, this.#logger).catch(() => undefined);
    if (!link) return this.#refuse('unknown call');
    // When the workflow cannot answer in time the ticket alone admits the stream: the call goes on.
    const snapshot = await link.snapshot();
    const expected = snapshot?.stream ?? 0;
    if (snapshot && (snapshot.acceptsStream === false || snapshot.attached || grant.stream !== expected)) {
      return this.#refuse(`the call's workflow does not expect this stream (${grant.stream}, expected ${expected})`);
    }
    this.#link = link;
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
    this.#deps.metrics.streamStarted(this.#resumed);
    if (this.#resumed) this.#logger.info({ lines: snapshot?.lines.length }, 'continuing the call where it was');
    await link.attach({ instanceId: this.#deps.instanceId, url: this.#deps.advertiseUrl });
  }

  /** A supervisor's intervention: say a sentence now, add an instruction, or pause and resume the AI. */
  intervene(intervention: Intervention): void {
    if (!this.#conversation) throw new Error('the Realtime session is not open');
    this.#conversation.intervene(intervention);
  }
}
