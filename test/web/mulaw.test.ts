import { describe, expect, it } from '@jest/globals';
import { decodeMulaw } from '../../web/src/mulaw.ts';

describe('decodeMulaw', () => {
  it('decodes G.711 μ-law bytes with the standard table', () => {
    const samples = decodeMulaw(Uint8Array.from([0xff, 0x7f, 0x00, 0x80, 0xfe, 0x7e, 0xef]));
    expect(samples).toBeInstanceOf(Float32Array);
    expect(samples).toHaveLength(7);
    expect(samples[0]).toBe(0); // μ-law silence
    expect(samples[1]).toBeCloseTo(0, 9); // the other zero
    expect(samples[2]).toBeCloseTo(-32124 / 32768, 6); // the loudest codes
    expect(samples[3]).toBeCloseTo(32124 / 32768, 6);
    expect(samples[4]).toBeCloseTo(8 / 32768, 9); // the smallest steps
    expect(samples[5]).toBeCloseTo(-8 / 32768, 9);
    expect(samples[6]).toBeCloseTo(132 / 32768, 9); // the first step of the second segment
    for (let byte = 0; byte < 128; byte++) {
      const [negative, positive] = decodeMulaw(Uint8Array.from([byte, byte | 0x80]));
      expect(negative).toBe(-positive!);
    }
    expect(decodeMulaw(new Uint8Array())).toHaveLength(0);
  });
});
