/**
 * G.711 μ-law, as Twilio Media Streams carry a call's audio (8 kHz mono). Pure, without the DOM, so
 * tests can run it in Node.
 */

function mulawToLinear(byte: number): number {
  const u = ~byte & 0xff;
  const exponent = (u >> 4) & 0x07;
  const magnitude = ((((u & 0x0f) << 3) + 0x84) << exponent) - 0x84;
  return u & 0x80 ? -magnitude : magnitude;
}

/** Every byte's sample, scaled to [-1, 1). */
const TABLE = Float32Array.from({ length: 256 }, (_, byte) => mulawToLinear(byte) / 32768);

/** Decodes μ-law bytes to samples in [-1, 1), one per byte. */
export function decodeMulaw(bytes: Uint8Array): Float32Array<ArrayBuffer> {
  const samples = new Float32Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) samples[i] = TABLE[bytes[i]!]!;
  return samples;
}
