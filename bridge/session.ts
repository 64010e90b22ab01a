import type { WebSocket } from 'ws';
import type { Logger } from '../lib/logger.ts';

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
}

/**
 * One live call on this bridge: the Twilio media socket and what we know of its stream. The
 * Realtime side joins it in the live-calls work; here it tracks the stream and can hang it up.
 */
export class CallSession {
  readonly #socket: WebSocket;
  readonly #connectedAt = new Date();
  #logger: Logger;
  #callId: string | undefined;
  #callSid: string | undefined;
  #streamSid: string | undefined;
  #mediaFrames = 0;

  constructor(socket: WebSocket, logger: Logger) {
    this.#socket = socket;
    this.#logger = logger;
  }

  get callId(): string | undefined {
    return this.#callId;
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
        return true;
      case 'start':
        this.#streamSid = message.start.streamSid;
        this.#callSid = message.start.callSid;
        this.#callId = message.start.customParameters?.callId;
        this.#logger = this.#logger.child({ callId: this.#callId, callSid: this.#callSid });
        this.#logger.info({ mediaFormat: message.start.mediaFormat }, 'media stream started');
        return true;
      case 'media':
        this.#mediaFrames += 1;
        return true;
      case 'mark':
      case 'dtmf':
        return true;
      case 'stop':
        this.#logger.info({ mediaFrames: this.#mediaFrames }, 'media stream stopped');
        this.#socket.close(1000, 'stream stopped');
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
    };
  }

  close(reason: string): void {
    this.#socket.close(1000, reason);
  }
}
