/**
 * What the voice agent's `lookup_knowledge` tool reads: the business's chunks in Weaviate (one
 * tenant per business, ../knowledge/store.ts), turned into a short answer that can be spoken, with
 * the chunk ids kept so QA can check what was said against its sources.
 */
import { countTokens } from '../knowledge/chunk.ts';
import type { KnowledgeHit, KnowledgeStore } from '../knowledge/store.ts';

export type { KnowledgeHit } from '../knowledge/store.ts';

/** What the voice agent needs of the knowledge base: hybrid search in the business's tenant, and its embedder's scale. */
export type KnowledgeLookup = Pick<KnowledgeStore, 'search' | 'embedder'>;

/** What the agent does with a lookup: answer from the hits, ask what the caller means, or say it does not know. */
export type LookupVerdict = 'answer' | 'clarify' | 'decline';

/**
 * Judges the best hit by how close it really is to the question (its cosine similarity, which,
 * unlike the fused score, is not relative to the other candidates) against the embedder's
 * thresholds. A hit without a similarity (no vector came back) is answered from, as before.
 */
export function verdictFor(hits: KnowledgeHit[], relevance: { decline: number; clarify: number }): LookupVerdict {
  const best = hits[0];
  if (!best) return 'decline';
  const closest = Math.max(...hits.map((h) => h.similarity ?? Number.POSITIVE_INFINITY));
  if (closest < relevance.decline) return 'decline';
  if (closest < relevance.clarify) return 'clarify';
  return 'answer';
}

/** One short question that lets the caller say which of the nearest topics they mean. */
export function clarifyingQuestion(hits: KnowledgeHit[]): string {
  const topics = [...new Set(hits.map((h) => h.heading.split(' > ').at(-1)!.toLowerCase()))].slice(0, 2);
  return topics.length === 2
    ? `Just to be sure I give you the right answer: is this about ${topics[0]}, or ${topics[1]}?`
    : `Just to be sure I give you the right answer: is this about ${topics[0]}?`;
}

/** Plain sentences for the voice: no markdown, links or code, cut at a sentence within `maxChars`. */
export function speakable(text: string, maxChars = 600): string {
  const plain = text
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/`([^`]*)`/g, '$1')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^\s{0,3}(#{1,6}|[-*+]|\d+\.)\s+/gm, '')
    .replace(/[*_~>|]/g, '')
    .replace(/https?:\/\/\S+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (plain.length <= maxChars) return plain;
  const cut = plain.slice(0, maxChars);
  const end = Math.max(cut.lastIndexOf('. '), cut.lastIndexOf('? '), cut.lastIndexOf('! '));
  return end > maxChars / 3 ? cut.slice(0, end + 1) : `${cut.slice(0, cut.lastIndexOf(' '))}…`;
}

const ONES =
  'zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen'.split(
    ' ',
  );
const TENS = ' ten twenty thirty forty fifty sixty seventy eighty ninety'.split(' ');
const SCALES: [number, string][] = [
  [1e9, 'billion'],
  [1e6, 'million'],
  [1e3, 'thousand'],
];

/** An integer in words: 1234 → "one thousand two hundred thirty-four". */
export function numberToWords(n: number): string {
  if (!Number.isSafeInteger(n) || n < 0 || n >= 1e12) return String(n);
  if (n < 20) return ONES[n]!;
  if (n < 100) return TENS[Math.floor(n / 10)]! + (n % 10 ? `-${ONES[n % 10]}` : '');
  if (n < 1000) return `${ONES[Math.floor(n / 100)]} hundred${n % 100 ? ` ${numberToWords(n % 100)}` : ''}`;
  for (const [size, name] of SCALES) {
    if (n >= size) {
      const rest = n % size;
      return `${numberToWords(Math.floor(n / size))} ${name}${rest ? ` ${numberToWords(rest)}` : ''}`;
    }
  }
  return String(n);
}

const ORDINALS: Record<string, string> = {
  one: 'first',
  two: 'second',
  three: 'third',
  five: 'fifth',
  eight: 'eighth',
  nine: 'ninth',
  twelve: 'twelfth',
};
const ordinal = (n: number) => {
  const words = numberToWords(n);
  const last = words.split(/[ -]/).at(-1)!;
  const spoken = ORDINALS[last] ?? (last.endsWith('y') ? `${last.slice(0, -1)}ieth` : `${last}th`);
  return words.slice(0, words.length - last.length) + spoken;
};
const digits = (text: string) => [...text.replace(/\D/g, '')].map((d) => ONES[Number(d)]).join(' ');
const integer = (text: string) => numberToWords(Number(text.replace(/,/g, '')));
const decimal = (whole: string, fraction?: string) =>
  fraction ? `${integer(whole)} point ${digits(fraction)}` : integer(whole);
const CURRENCY: Record<string, [string, string]> = {
  $: ['dollars', 'cents'],
  '€': ['euros', 'cents'],
  '£': ['pounds', 'pence'],
};

/**
 * Numbers as a voice should say them: phone numbers digit by digit, money, percentages, times,
 * ranges, ordinals and years, and every other number in words.
 */
export function readNumbersAloud(text: string): string {
  return (
    text
      // Phone numbers (E.164 or grouped) and other long digit strings: one digit at a time.
      .replace(/\+\d[\d ()-]{6,}\d|\b\d{5,}\b(?![.,]\d)/g, (m) => (m.startsWith('+') ? 'plus ' : '') + digits(m))
      // Ranges ("3-5 days", "9:00–17:30"), not dates or codes with more parts.
      .replace(
        /\b(\d{1,4}(?::\d{2})?)\s?[–-]\s?(\d{1,4}(?::\d{2})?)\b(?![–-]\d)/g,
        (_m, a: string, b: string) => `${a} to ${b}`,
      )
      .replace(/([$€£])\s?(\d[\d,]*)(?:\.(\d{2}))?\b/g, (_m, symbol: string, whole: string, cents?: string) => {
        const [major, minor] = CURRENCY[symbol]!;
        const amount = `${integer(whole)} ${major}`;
        return cents && Number(cents) ? `${amount} and ${integer(cents)} ${minor}` : amount;
      })
      .replace(
        /(\d+)(?:\.(\d+))?\s?%/g,
        (_m, whole: string, fraction?: string) => `${decimal(whole, fraction)} percent`,
      )
      .replace(
        /\b(\d{1,2}):(\d{2})\s?([ap])(?:\.m\.|m\b)/gi,
        (_m, h: string, min: string, ap: string) =>
          `${integer(h)}${Number(min) ? ` ${Number(min) < 10 ? `oh ${integer(min)}` : integer(min)}` : ''} ${ap.toLowerCase()} m`,
      )
      .replace(
        /\b(\d{1,2})\s?([ap])(?:\.m\.|m\b)/gi,
        (_m, h: string, ap: string) => `${integer(h)} ${ap.toLowerCase()} m`,
      )
      .replace(/\b(\d{1,2}):(\d{2})\b/g, (_m, h: string, min: string) =>
        Number(min)
          ? `${integer(h)} ${Number(min) < 10 ? `oh ${integer(min)}` : integer(min)}`
          : `${integer(h)} o'clock`,
      )
      .replace(/\b(\d+)(st|nd|rd|th)\b/gi, (_m, n: string) => ordinal(Number(n)))
      .replace(/\b(19|20)(\d{2})\b(?![.,]\d)/g, (_m, century: string, year: string) =>
        Number(year) === 0
          ? `${integer(century)} hundred`
          : Number(year) < 10
            ? `${integer(century)} oh ${integer(year)}`
            : `${integer(century)} ${integer(year)}`,
      )
      .replace(/\b(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?\b/g, (_m, whole: string, fraction?: string) =>
        decimal(whole, fraction),
      )
  );
}

/** What `lookup_knowledge` says and which chunks it said it from. */
export interface SpokenAnswer {
  answer: string;
  /** The chunks the answer was taken from, best first (only those that made it in). */
  chunkIds: string[];
}

/**
 * Compresses the best hits into one answer for the voice within `maxTokens`: each hit made
 * speakable (plain sentences, numbers read out), taken whole while it fits, the first one cut at a
 * sentence if even it does not. Only chunks that contributed are cited.
 */
export function spokenAnswer(hits: KnowledgeHit[], maxTokens = 150): SpokenAnswer {
  const parts: string[] = [];
  const chunkIds: string[] = [];
  let used = 0;
  for (const hit of hits) {
    const text = readNumbersAloud(speakable(hit.text, Number.POSITIVE_INFINITY));
    const tokens = countTokens(text);
    if (used + tokens > maxTokens) {
      if (parts.length) break;
      // Even the best hit is too long: its first sentences, about maxTokens' worth (~5 chars a token).
      parts.push(speakable(text, maxTokens * 5));
      chunkIds.push(hit.chunkId);
      break;
    }
    parts.push(text);
    chunkIds.push(hit.chunkId);
    used += tokens;
  }
  return { answer: parts.join(' '), chunkIds };
}
