import { describe, expect, it } from '@jest/globals';
import { mediaPayloadOf } from '../../bridge/media-frame.ts';
import { audioAppend } from '../../bridge/realtime.ts';
import { parseStreamMessage, parseStreamMessageWhole, TwilioMessages } from '../../bridge/twilio-stream.ts';

const payload = Buffer.alloc(160, 0xff).toString('base64');
/** Field order of Twilio's documentation. */
const twilioFrame = `{"event":"media","sequenceNumber":"4","media":{"track":"inbound","chunk":"2","timestamp":"5","payload":"${payload}"},"streamSid":"MZ18ad3ab5a668481ce02b83e7395059f0"}`;
/** Field order of the telephony simulator (and of other senders): streamSid before media. */
const simulatorFrame = `{"event":"media","sequenceNumber":"9","streamSid":"MZ1","media":{"track":"inbound","chunk":"8","timestamp":"160","payload":"${payload}"}}`;

/** Every message one edit away from `frame`: cut short, a character dropped, replaced or added. */
function oneEditAway(frame: string): string[] {
  const characters = ['"', '\\', ' ', ',', ':', '{', '}', '[', '=', '+', 'A', '0', 'é', '\u0000'];
  const variants: string[] = [];
  for (let at = 0; at <= frame.length; at++) {
    variants.push(frame.slice(0, at), frame.slice(0, at) + frame.slice(at + 1));
    for (const c of characters)
      variants.push(frame.slice(0, at) + c + frame.slice(at + 1), frame.slice(0, at) + c + frame.slice(at));
  }
  return variants;
}

describe('Media Streams frames', () => {
  it("reads a media frame's payload without the whole parse, in Twilio's field order and in others", () => {
    for (const frame of [twilioFrame, simulatorFrame]) {
      expect(mediaPayloadOf(frame)).toBe(payload);
      expect(parseStreamMessage(frame)).toEqual({ event: 'media', payload });
    }
  });

  it('answers as the whole parse does for every message one edit away from a media frame', () => {
    let refused = 0;
    for (const frame of [twilioFrame, simulatorFrame]) {
      for (const variant of oneEditAway(frame)) {
        const whole = parseStreamMessageWhole(variant);
        expect({ variant, message: parseStreamMessage(variant) }).toEqual({ variant, message: whole });
        if (!whole) refused += 1;
      }
    }
    expect(refused).toBeGreaterThan(1000);
  });

  it('refuses malformed media frames that a reader looking only for the payload would take', () => {
    const malformed = [
      `{"event":"media","media":{"payload":"${payload}"}`,
      `{"event":"media","media":{"payload":"${payload}"}}}`,
      `{"event":"media","media":{"payload":"${payload}"}} trailing`,
      `{"event":"media","media":{"payload":"${payload}","payload":42}}`,
      `{"event":"media","media":{"payload":"${payload}"},"media":{}}`,
      `{"event":"media","media":{"payload":"AB=C"}}`,
      `{"event":"media","media":{"payload":"AB!C"}}`,
      `{"event":"media","media":{"payload":["${payload}"]}}`,
      `{"event":"media","media":{"payload":null}}`,
      `{"event":"media","media":{"track":"inbound"}}`,
      `{"event":"media","media":"${payload}"}`,
      `{"event":"media","payload":"${payload}"}`,
      `{"event":"media","event":"mark","media":{"payload":"${payload}"}}`,
      `{"event":"media","media":{"payload":"${payload}`,
      `{"event":"media"`,
    ];
    for (const frame of malformed)
      expect({ frame, message: parseStreamMessage(frame) }).toEqual({ frame, message: undefined });
  });

  it('leaves a frame it does not read exactly to the whole parse, which takes it when it is well formed', () => {
    const spaced = `{ "event": "media", "media": { "payload": "${payload}" } }`;
    const escaped = '{"event":"media","media":{"payload":"AA\\u0041A"}}';
    const extra = `{"event":"media","media":{"payload":"${payload}","extra":true},"streamSid":"MZ1"}`;
    for (const frame of [spaced, escaped, extra]) expect(mediaPayloadOf(frame)).toBeUndefined();
    expect(parseStreamMessage(spaced)).toEqual({ event: 'media', payload });
    expect(parseStreamMessage(escaped)).toEqual({ event: 'media', payload: 'AAAA' });
    expect(parseStreamMessage(extra)).toEqual({ event: 'media', payload });
  });
});

describe('messages to Twilio and the model', () => {
  it('writes what JSON.stringify would, whatever the stream id and mark name hold', () => {
    for (const streamSid of ['MZ18ad3ab5a668481ce02b83e7395059f0', 'MZ"\\\n\u2028</script>', undefined]) {
      const messages = new TwilioMessages(streamSid);
      expect(messages.media(payload)).toBe(JSON.stringify({ event: 'media', streamSid, media: { payload } }));
      expect(messages.mark('item_1:"420"\\')).toBe(
        JSON.stringify({ event: 'mark', streamSid, mark: { name: 'item_1:"420"\\' } }),
      );
      expect(messages.clear).toBe(JSON.stringify({ event: 'clear', streamSid }));
    }
  });

  it('appends base64 audio to the model as JSON.stringify would', () => {
    expect(audioAppend(payload)).toBe(JSON.stringify({ type: 'input_audio_buffer.append', audio: payload }));
  });
});
