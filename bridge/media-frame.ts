/**
 * A Twilio media frame read without `JSON.parse`. Twilio sends each 20 ms of audio as compact JSON:
 *   {"event":"media","sequenceNumber":"4","media":{"track":"inbound","chunk":"2","timestamp":"5","payload":"fn5+…"},"streamSid":"MZ…"}
 * This reads exactly that grammar: after `{"event":"media"` the members `sequenceNumber` (digits),
 * `streamSid` (letters and digits) and `media`, in any order, each at most once; inside `media`,
 * `track` (letters), `chunk` and `timestamp` (digits) and `payload` (base64, required), in any
 * order, each at most once; no whitespace, escapes or other members. Every message it accepts is
 * valid JSON of the right shape and means what `JSON.parse` would read; anything else is left to the
 * whole parse (undefined here), which accepts or refuses it.
 */

const QUOTE = 0x22;
const COMMA = 0x2c;
const EQUALS = 0x3d;
const CLOSE = 0x7d;
const HEAD = '{"event":"media"';

const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
const isLetter = (c: number) => (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a;
const isLetterOrDigit = (c: number) => isDigit(c) || isLetter(c);
const isBase64 = (c: number) => isLetterOrDigit(c) || c === 0x2b || c === 0x2f;

/** Just past a string value of `allowed` characters whose opening quote is at `at`, or -1. */
function stringEnd(raw: string, at: number, allowed: (c: number) => boolean): number {
  if (raw.charCodeAt(at) !== QUOTE) return -1;
  let i = at + 1;
  while (allowed(raw.charCodeAt(i))) i++;
  return raw.charCodeAt(i) === QUOTE ? i + 1 : -1;
}

/** Just past a base64 string (`[A-Za-z0-9+/]*={0,2}`) whose opening quote is at `at`, or -1. */
function base64End(raw: string, at: number): number {
  if (raw.charCodeAt(at) !== QUOTE) return -1;
  let i = at + 1;
  while (isBase64(raw.charCodeAt(i))) i++;
  if (raw.charCodeAt(i) === EQUALS) i += raw.charCodeAt(i + 1) === EQUALS ? 2 : 1;
  return raw.charCodeAt(i) === QUOTE ? i + 1 : -1;
}

const SEQUENCE = 1;
const STREAM = 2;
const MEDIA = 4;
const TRACK = 1;
const CHUNK = 2;
const TIMESTAMP = 4;
const PAYLOAD = 8;

/** The `media` object's members from `at` (just inside its brace); its payload and where it ends. */
function readMedia(raw: string, at: number): { payload: string; end: number } | undefined {
  let seen = 0;
  let payload: string | undefined;
  for (;;) {
    let end: number;
    if (!(seen & TRACK) && raw.startsWith('"track":', at)) {
      seen |= TRACK;
      end = stringEnd(raw, at + 8, isLetter);
    } else if (!(seen & CHUNK) && raw.startsWith('"chunk":', at)) {
      seen |= CHUNK;
      end = stringEnd(raw, at + 8, isDigit);
    } else if (!(seen & TIMESTAMP) && raw.startsWith('"timestamp":', at)) {
      seen |= TIMESTAMP;
      end = stringEnd(raw, at + 12, isDigit);
    } else if (!(seen & PAYLOAD) && raw.startsWith('"payload":', at)) {
      seen |= PAYLOAD;
      end = base64End(raw, at + 10);
      payload = raw.slice(at + 11, end - 1);
    } else {
      return undefined;
    }
    if (end < 0) return undefined;
    const next = raw.charCodeAt(end);
    if (next === CLOSE) return payload === undefined ? undefined : { payload, end: end + 1 };
    if (next !== COMMA) return undefined;
    at = end + 1;
  }
}

/** The payload of a media frame in Twilio's compact form, or undefined for any other message. */
export function mediaPayloadOf(raw: string): string | undefined {
  if (!raw.startsWith(HEAD)) return undefined;
  let at = HEAD.length;
  let seen = 0;
  let payload: string | undefined;
  while (raw.charCodeAt(at) === COMMA) {
    at += 1;
    if (!(seen & SEQUENCE) && raw.startsWith('"sequenceNumber":', at)) {
      seen |= SEQUENCE;
      at = stringEnd(raw, at + 17, isDigit);
    } else if (!(seen & STREAM) && raw.startsWith('"streamSid":', at)) {
      seen |= STREAM;
      at = stringEnd(raw, at + 12, isLetterOrDigit);
    } else if (!(seen & MEDIA) && raw.startsWith('"media":{', at)) {
      seen |= MEDIA;
      const media = readMedia(raw, at + 9);
      if (!media) return undefined;
      payload = media.payload;
      at = media.end;
    } else {
      return undefined;
    }
    if (at < 0) return undefined;
  }
  return payload !== undefined && at === raw.length - 1 && raw.charCodeAt(at) === CLOSE ? payload : undefined;
}
