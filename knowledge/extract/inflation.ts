/**
 * Bomb checks that run before a parser sees a file. mammoth (through JSZip) and PDF.js inflate
 * without limit, so a 200 KB file can cost gigabytes: these measure what the parser would inflate
 * (./inflated-size.ts counts without producing it) and refuse the file once it passes the cap.
 */
import { Unzlib } from 'fflate';
import { BrokenDocumentError } from './errors.ts';
import { countInflated } from './inflated-size.ts';
import type { DocumentType } from './types.ts';

/** Input is fed in slices this small, so one step inflates to at most about a thousand times it. */
const STEP_BYTES = 4 * 1024;

class CapExceeded extends Error {}

/** Counts inflated bytes against the cap. */
class Budget {
  readonly maxBytes: number;
  #total = 0;
  constructor(maxBytes: number) {
    this.maxBytes = maxBytes;
  }
  add(bytes: number): void {
    this.#total += bytes;
    if (this.#total > this.maxBytes) throw new CapExceeded();
  }
}

/** Feeds `data` to an fflate stream in small slices, so each step's output stays small. */
function pushInSteps(stream: { push(chunk: Uint8Array, final?: boolean): void }, data: Uint8Array, final: boolean) {
  for (let at = 0; at < data.length; at += STEP_BYTES) {
    stream.push(data.subarray(at, at + STEP_BYTES), final && at + STEP_BYTES >= data.length);
  }
}

/** Runs a check that may run out of budget; damaged data is left for the parser to report. */
function counted(run: () => void): void {
  try {
    run();
  } catch (error) {
    if (error instanceof CapExceeded) throw error;
  }
}

// ---------------------------------------------------------------------------------------------
// ZIP (DOCX)
// ---------------------------------------------------------------------------------------------

interface ZipMember {
  method: number;
  declaredSize: number;
  data: Uint8Array;
}

const u16 = (view: DataView, at: number) => view.getUint16(at, true);
const u32 = (view: DataView, at: number) => view.getUint32(at, true);

/**
 * The members of a ZIP as its central directory lists them, which is how JSZip (under mammoth)
 * reads it, so a local header cannot show one thing and the directory another. Null when there is
 * no readable directory.
 */
function zipMembers(bytes: Uint8Array, type: DocumentType): ZipMember[] | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 65_557); at--) {
    if (u32(view, at) === 0x06054b50) {
      end = at;
      break;
    }
  }
  if (end < 0) return null;
  const count = u16(view, end + 10);
  let entry = u32(view, end + 16);
  if (count === 0xffff || entry === 0xffffffff) {
    throw new BrokenDocumentError(type, 'it is a ZIP64 archive, which a document of this size never needs');
  }
  const members: ZipMember[] = [];
  for (let i = 0; i < count; i++) {
    if (entry + 46 > bytes.length || u32(view, entry) !== 0x02014b50) return null;
    const compressedSize = u32(view, entry + 20);
    const declaredSize = u32(view, entry + 24);
    const local = u32(view, entry + 42);
    if (local + 30 > bytes.length || u32(view, local) !== 0x04034b50) return null;
    const start = local + 30 + u16(view, local + 26) + u16(view, local + 28);
    members.push({ method: u16(view, entry + 10), declaredSize, data: bytes.subarray(start, start + compressedSize) });
    entry += 46 + u16(view, entry + 28) + u16(view, entry + 30) + u16(view, entry + 32);
  }
  return members;
}

function checkZip(bytes: Uint8Array, budget: Budget, type: DocumentType): void {
  const members = zipMembers(bytes, type) ?? [];
  const declared = new Budget(budget.maxBytes);
  for (const member of members) declared.add(member.declaredSize);
  for (const member of members) {
    if (member.method === 0) budget.add(member.data.length);
    else if (member.method === 8) countInflated(member.data, false, (bytes) => budget.add(bytes));
  }
}

// ---------------------------------------------------------------------------------------------
// PDF
// ---------------------------------------------------------------------------------------------

const FLATE = new Set(['FlateDecode', 'Fl']);

/** Where a dictionary ending just before `close` (the index of its `>>`) opens, nested ones included. */
function dictionaryStart(text: string, close: number): number {
  let depth = 0;
  for (let at = close; at > 0; at--) {
    if (text.startsWith('>>', at - 1)) {
      depth++;
      at--;
    } else if (text.startsWith('<<', at - 1)) {
      depth--;
      at--;
      if (depth === 0) return at;
    }
  }
  return -1;
}

/** The filter names of a stream dictionary, following `/Filter N G R` to its object. */
function filtersOf(dictionary: string, text: string): string[] {
  let value = /\/Filter\s*(\[[^\]]*\]|\/[^\s/[\]<>()]+|\d+\s+\d+\s+R)/.exec(dictionary)?.[1] ?? '';
  const reference = /^(\d+)\s+(\d+)\s+R$/.exec(value);
  if (reference) {
    const target = new RegExp(
      `(?:^|\\D)${reference[1]}\\s+${reference[2]}\\s+obj\\s*(\\[[^\\]]*\\]|/[^\\s/[\\]<>()]+)`,
    );
    value = target.exec(text)?.[1] ?? '';
  }
  return [...value.matchAll(/\/([^\s/[\]<>()]+)/g)].map((match) => match[1] as string);
}

/** Inflates an inner stage of a filter chain for the next one, its output counted (so it stays under the cap). */
function inflateStage(data: Uint8Array, budget: Budget): Uint8Array {
  const parts: Uint8Array[] = [];
  const collect = (chunk: Uint8Array) => {
    budget.add(chunk.length);
    parts.push(chunk);
  };
  counted(() => pushInSteps(new Unzlib(collect), data, true));
  return new Uint8Array(Buffer.concat(parts));
}

/** Measures the stream's leading run of Flate filters (a doubly deflated stream multiplies). */
function measureChain(data: Uint8Array, stages: number, budget: Budget): void {
  let input = data;
  for (let stage = 1; stage < stages; stage++) input = inflateStage(input, budget);
  countInflated(input, true, (bytes) => budget.add(bytes));
}

function checkPdf(bytes: Uint8Array, budget: Budget): void {
  // latin1 keeps one character per byte, so string offsets are byte offsets.
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  for (const keyword of text.matchAll(/>>\s*stream(\r\n|\n|\r)/g)) {
    const close = keyword.index + 1;
    const start = dictionaryStart(text, close);
    if (start < 0) continue;
    const filters = filtersOf(text.slice(start, close + 1), text);
    const flateStages = filters.findIndex((name) => !FLATE.has(name));
    const stages = flateStages === -1 ? filters.length : flateStages;
    if (stages === 0) continue;
    const dataStart = keyword.index + keyword[0].length;
    const dataEnd = text.indexOf('endstream', dataStart);
    measureChain(bytes.subarray(dataStart, dataEnd < 0 ? bytes.length : dataEnd), stages, budget);
  }
}

/**
 * Refuses a DOCX whose members, or a PDF whose Flate streams, inflate (as declared, or in fact) to
 * more than `maxBytes`. Memory stays at a few megabytes whatever the file claims or holds.
 */
export function checkInflation(bytes: Uint8Array, type: DocumentType, maxBytes: number): void {
  const budget = new Budget(maxBytes);
  try {
    if (type === 'docx') checkZip(bytes, budget, type);
    else if (type === 'pdf') checkPdf(bytes, budget);
  } catch (error) {
    if (!(error instanceof CapExceeded)) throw error;
    throw new BrokenDocumentError(type, `it unpacks to more than ${Math.round(maxBytes / 1024 / 1024)} MB`);
  }
}
