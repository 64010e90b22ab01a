/**
 * The simulators' stand-in for speech. Both simulators are ours, so instead of synthesising and
 * recognising real voices, a simulated speaker "says" a sentence by sending μ-law frames that carry
 * the sentence's text behind a marker, padded to the length the sentence would take to say.
 * Everything in between is real: 20 ms frames of 160 μ-law bytes, real-time pacing, silence as
 * 0xFF, and a listener that can only know what was said from the audio it received.
 */
export const SAMPLE_RATE = 8_000;
export const FRAME_MS = 20;
export const FRAME_BYTES = (SAMPLE_RATE * FRAME_MS) / 1000;
export const SILENCE_BYTE = 0xff;
/** A natural speaking pace: how long one character of text takes to say. */
export const NATURAL_MS_PER_CHARACTER = 55;

/** A speaking pace read from a setting (`SIMULATOR_MS_PER_CHARACTER`): natural when unset. */
export function speechPace(value: string | undefined = process.env.SIMULATOR_MS_PER_CHARACTER): number {
  if (value === undefined || value === '') return NATURAL_MS_PER_CHARACTER;
  const pace = Number(value);
  if (!Number.isFinite(pace) || pace < 5 || pace > 500)
    throw new Error(`SIMULATOR_MS_PER_CHARACTER must be a number of milliseconds from 5 to 500, not "${value}"`);
  return pace;
}

let msPerCharacter = speechPace();

/**
 * How fast every simulated speaker in this process talks, in milliseconds per character. Tests and
 * benches talk faster so a call takes seconds; the frames stay real-time 20 ms frames either way.
 */
export function setSpeechPace(ms: number): void {
  msPerCharacter = speechPace(String(ms));
}

/** How long saying `text` takes at the current pace (never less than 400 ms). */
export const speakingMs = (text: string): number => Math.max(400, text.length * msPerCharacter);

const MARKER = Buffer.from('SIMSPEECH1:');
const VOICED_FILLER = 0x7e;

/**
 * The audio of saying `text`: whole frames, long enough for the text at a natural pace. The header
 * carries the utterance's length, so a listener knows whether it heard all of it or was cut off.
 */
export function speak(text: string): Buffer {
  const textBytes = Buffer.from(`${text}\n`, 'utf8');
  const durationMs = speakingMs(text);
  const frameCount = Math.max(
    Math.ceil((MARKER.length + 8 + textBytes.length) / FRAME_BYTES),
    Math.ceil(durationMs / FRAME_MS),
  );
  const audio = Buffer.alloc(frameCount * FRAME_BYTES, VOICED_FILLER);
  Buffer.concat([MARKER, Buffer.from(`${String(frameCount).padStart(7, '0')}:`), textBytes]).copy(audio);
  return audio;
}

export const silence = (ms: number): Buffer => Buffer.alloc(Math.round((ms / FRAME_MS) * FRAME_BYTES), SILENCE_BYTE);

/** True when a chunk of μ-law audio carries no voice at all. */
export const isSilent = (chunk: Buffer): boolean => chunk.every((byte) => byte === SILENCE_BYTE);

/** Every sentence heard whole in a stretch of audio, in order; one cut off part-way is not heard. */
export function hear(audio: Buffer): string[] {
  const sentences: string[] = [];
  let at = audio.indexOf(MARKER);
  while (at >= 0) {
    const lengthAt = at + MARKER.length;
    const frameCount = Number(audio.subarray(lengthAt, lengthAt + 7).toString('latin1'));
    const end = audio.indexOf(0x0a, lengthAt + 8);
    if (end < 0) break;
    if (at + frameCount * FRAME_BYTES <= audio.length)
      sentences.push(audio.subarray(lengthAt + 8, end).toString('utf8'));
    at = audio.indexOf(MARKER, end);
  }
  return sentences;
}

/** Splits audio into 20 ms frames (the last one padded with silence). */
export function frames(audio: Buffer): Buffer[] {
  const out: Buffer[] = [];
  for (let at = 0; at < audio.length; at += FRAME_BYTES) {
    const frame = Buffer.alloc(FRAME_BYTES, SILENCE_BYTE);
    audio.copy(frame, 0, at, Math.min(at + FRAME_BYTES, audio.length));
    out.push(frame);
  }
  return out;
}

export const durationMs = (audio: Buffer): number => (audio.length / FRAME_BYTES) * FRAME_MS;
