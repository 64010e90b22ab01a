/**
 * Counts how many bytes a DEFLATE stream (RFC 1951, optionally in its zlib wrapper, RFC 1950)
 * inflates to, without producing them: literals count one, back-references their length, and no
 * window or output buffer is kept. A bomb can then be measured in constant memory; inflating it
 * for real, even to discard the output, leaves tens of megabytes of garbage before a GC. The
 * decoder follows zlib's puff.c: canonical Huffman codes decoded bit by bit.
 */

/** Raised on data a real inflater would also stop at (it produces no more than was counted). */
class InvalidDeflate extends Error {}

class BitReader {
  #position = 0;
  readonly #data: Uint8Array;
  constructor(data: Uint8Array, start: number) {
    this.#data = data;
    this.#position = start * 8;
  }
  bits(count: number): number {
    let value = 0;
    for (let i = 0; i < count; i++, this.#position++) {
      const byte = this.#data[this.#position >> 3];
      if (byte === undefined) throw new InvalidDeflate();
      value |= ((byte >> (this.#position & 7)) & 1) << i;
    }
    return value;
  }
  /** Skips to the next byte boundary; answers the byte offset reached. */
  align(): number {
    this.#position = Math.ceil(this.#position / 8) * 8;
    return this.#position >> 3;
  }
  skipBytes(count: number): void {
    this.#position += count * 8;
    if (this.#position > this.#data.length * 8) throw new InvalidDeflate();
  }
}

interface Huffman {
  /** How many codes have each length (0–15). */
  counts: Uint16Array;
  /** Symbols ordered by code. */
  symbols: Uint16Array;
}

function huffman(lengths: ArrayLike<number>): Huffman {
  const counts = new Uint16Array(16);
  for (let i = 0; i < lengths.length; i++) counts[lengths[i] as number]!++;
  const offsets = new Uint16Array(16);
  for (let length = 1; length < 15; length++) offsets[length + 1] = offsets[length]! + counts[length]!;
  const symbols = new Uint16Array(lengths.length);
  for (let symbol = 0; symbol < lengths.length; symbol++) {
    const length = lengths[symbol] as number;
    if (length !== 0) symbols[offsets[length]!++] = symbol;
  }
  return { counts, symbols };
}

function decode(reader: BitReader, { counts, symbols }: Huffman): number {
  let code = 0;
  let first = 0;
  let index = 0;
  for (let length = 1; length <= 15; length++) {
    code |= reader.bits(1);
    const count = counts[length]!;
    if (code - count < first) return symbols[index + (code - first)]!;
    index += count;
    first = (first + count) << 1;
    code <<= 1;
  }
  throw new InvalidDeflate();
}

const LENGTH_BASE = [
  3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258,
];
const LENGTH_EXTRA = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
const DISTANCE_EXTRA = [
  0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13,
];
const CODE_LENGTH_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

const FIXED_LENGTHS = huffman(Array.from({ length: 288 }, (_, i) => (i < 144 ? 8 : i < 256 ? 9 : i < 280 ? 7 : 8)));
const FIXED_DISTANCES = huffman(new Array(30).fill(5));

function dynamicTables(reader: BitReader): [Huffman, Huffman] {
  const literalCount = reader.bits(5) + 257;
  const distanceCount = reader.bits(5) + 1;
  const codeLengthCount = reader.bits(4) + 4;
  const codeLengths = new Uint8Array(19);
  for (let i = 0; i < codeLengthCount; i++) codeLengths[CODE_LENGTH_ORDER[i]!] = reader.bits(3);
  const codeLengthCode = huffman(codeLengths);
  const lengths = new Uint8Array(literalCount + distanceCount);
  for (let i = 0; i < lengths.length; ) {
    const symbol = decode(reader, codeLengthCode);
    if (symbol < 16) {
      lengths[i++] = symbol;
      continue;
    }
    if (symbol === 16 && i === 0) throw new InvalidDeflate();
    const repeated = symbol === 16 ? lengths[i - 1]! : 0;
    const times = symbol === 16 ? 3 + reader.bits(2) : symbol === 17 ? 3 + reader.bits(3) : 11 + reader.bits(7);
    if (i + times > lengths.length) throw new InvalidDeflate();
    lengths.fill(repeated, i, i + times);
    i += times;
  }
  return [huffman(lengths.subarray(0, literalCount)), huffman(lengths.subarray(literalCount))];
}

/**
 * Hands `onBytes` the size of each piece of output the stream inflates to, in order, until the end
 * of the stream or of valid data (`onBytes` may throw to stop early). `zlib` says the stream has
 * the two-byte zlib header, as a PDF FlateDecode stream does (a ZIP member has none).
 */
export function countInflated(data: Uint8Array, zlib: boolean, onBytes: (count: number) => void): void {
  let start = 0;
  if (zlib) {
    const [method = 0, flags = 0] = data;
    if ((method & 0x0f) !== 8 || ((method << 8) | flags) % 31 !== 0 || flags & 0x20) return;
    start = 2;
  }
  const reader = new BitReader(data, start);
  try {
    for (let last = 0; !last; ) {
      last = reader.bits(1);
      const type = reader.bits(2);
      if (type === 0) {
        const at = reader.align();
        const length = (data[at] ?? 0) | ((data[at + 1] ?? 0) << 8);
        reader.skipBytes(4 + length);
        onBytes(length);
        continue;
      }
      if (type === 3) return;
      const [lengths, distances] = type === 1 ? [FIXED_LENGTHS, FIXED_DISTANCES] : dynamicTables(reader);
      for (;;) {
        const symbol = decode(reader, lengths);
        if (symbol < 256) onBytes(1);
        else if (symbol === 256) break;
        else {
          const code = symbol - 257;
          if (code >= 29) return;
          onBytes(LENGTH_BASE[code]! + reader.bits(LENGTH_EXTRA[code]!));
          const distance = decode(reader, distances);
          if (distance >= 30) return;
          reader.bits(DISTANCE_EXTRA[distance]!);
        }
      }
    }
  } catch (error) {
    if (!(error instanceof InvalidDeflate)) throw error;
  }
}
