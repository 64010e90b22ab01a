/**
 * Twilio Media Streams framing (https://www.twilio.com/docs/voice/media-streams/websocket-messages):
 * the messages Twilio sends, checked for shape before anything acts on them, and the ones the bridge
 * sends back (audio, marks, clear). Every chunk of audio sent is followed by a mark, so the bridge
 * learns how much of it the caller has actually heard.
 */
import type { WebSocket } from 'ws';
import { mediaPayloadOf } from './media-frame.ts';

export interface StreamStart {
  streamSid: string;
  callSid: string;
  accountSid: string;
  customParameters: Record<string, string>;
  mediaFormat: { encoding: string; sampleRate: number; channels: number };
}

/** The Media Streams messages the bridge reads, once their shape has been checked. */
export type TwilioStreamMessage =
  | { event: 'connected' }
  | { event: 'start'; start: StreamStart }
  | { event: 'media'; payload: string }
  | { event: 'mark'; name: string }
  | { event: 'dtmf'; digit: string }
  | { event: 'stop' };

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null;
const isString = (value: unknown): value is string => typeof value === 'string';
/** Base64 as Twilio sends it; a frame is small (20 ms is 160 bytes). */
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function stringRecord(value: unknown): Record<string, string> | undefined {
  if (value === undefined) return {};
  if (!isObject(value)) return undefined;
  const entries = Object.entries(value);
  return entries.every(([, v]) => isString(v)) ? (Object.fromEntries(entries) as Record<string, string>) : undefined;
}

/**
 * One frame from Twilio, or undefined for anything that is not a well-formed Media Streams message
 * (bad JSON, an unknown event, a field missing or of the wrong type). A media frame in the compact
 * form Twilio sends is read without `JSON.parse` (./media-frame.ts); anything else is parsed whole.
 */
export function parseStreamMessage(raw: string): TwilioStreamMessage | undefined {
  const payload = mediaPayloadOf(raw);
  return payload === undefined ? parseStreamMessageWhole(raw) : { event: 'media', payload };
}

/** The same answer as parseStreamMessage, always through `JSON.parse` and a check of every field. */
export function parseStreamMessageWhole(raw: string): TwilioStreamMessage | undefined {
  let message: unknown;
  try {
    message = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (!isObject(message)) return undefined;
  switch (message.event) {
    case 'connected':
      return { event: 'connected' };
    case 'media': {
      const media = message.media;
      if (!isObject(media) || !isString(media.payload) || !BASE64.test(media.payload)) return undefined;
      return { event: 'media', payload: media.payload };
    }
    case 'mark': {
      const mark = message.mark;
      return isObject(mark) && isString(mark.name) ? { event: 'mark', name: mark.name } : undefined;
    }
    case 'start': {
      const start = message.start;
      if (!isObject(start) || !isString(start.streamSid) || !isString(start.callSid)) return undefined;
      const customParameters = stringRecord(start.customParameters);
      const format = isObject(start.mediaFormat) ? start.mediaFormat : {};
      if (!customParameters) return undefined;
      return {
        event: 'start',
        start: {
          streamSid: start.streamSid,
          callSid: start.callSid,
          accountSid: isString(start.accountSid) ? start.accountSid : '',
          customParameters,
          mediaFormat: {
            encoding: isString(format.encoding) ? format.encoding : '',
            sampleRate: Number(format.sampleRate) || 0,
            channels: Number(format.channels) || 0,
          },
        },
      };
    }
    case 'dtmf': {
      const dtmf = message.dtmf;
      return isObject(dtmf) && isString(dtmf.digit) ? { event: 'dtmf', digit: dtmf.digit } : undefined;
    }
    case 'stop':
      return { event: 'stop' };
    default:
      return undefined;
  }
}

/**
 * The messages the bridge sends Twilio, written from templates: the stream's parts are escaped once
 * when it starts, and per chunk only the payload and the mark's name are, so each message is the
 * JSON that `JSON.stringify` would write for it, without walking an object per chunk.
 */
export class TwilioMessages {
  readonly #media: string;
  readonly #mark: string;
  readonly clear: string;

  constructor(streamSid: string | undefined) {
    const sid = streamSid === undefined ? '' : `,"streamSid":${JSON.stringify(streamSid)}`;
    this.#media = `{"event":"media"${sid},"media":{"payload":`;
    this.#mark = `{"event":"mark"${sid},"mark":{"name":`;
    this.clear = `{"event":"clear"${sid}}`;
  }

  media(payload: string): string {
    return `${this.#media}${JSON.stringify(payload)}}}`;
  }

  mark(name: string): string {
    return `${this.#mark}${JSON.stringify(name)}}}`;
  }
}

/** The bridge's side of one Twilio media socket. */
export class TwilioStream {
  readonly #socket: WebSocket;
  #streamSid: string | undefined;
  #messages = new TwilioMessages(undefined);

  constructor(socket: WebSocket) {
    this.#socket = socket;
  }

  get streamSid(): string | undefined {
    return this.#streamSid;
  }

  started(streamSid: string): void {
    this.#streamSid = streamSid;
    this.#messages = new TwilioMessages(streamSid);
  }

  /** Plays a chunk of the agent's μ-law audio, then marks it so Twilio says when it has been played. */
  sendAudio(payload: string, markName: string): void {
    this.#send(this.#messages.media(payload));
    this.#send(this.#messages.mark(markName));
  }

  /** Drops whatever audio Twilio has buffered but not yet played. */
  clear(): void {
    this.#send(this.#messages.clear);
  }

  close(code: number, reason: string): void {
    this.#socket.close(code, reason);
  }

  #send(message: string): void {
    if (this.#socket.readyState === this.#socket.OPEN) this.#socket.send(message);
  }
}
