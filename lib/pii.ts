/**
 * Personal data in what people say, found where it sits in a line: payment card numbers (Luhn-checked,
 * written or spoken digit by digit), bank account numbers (an IBAN with its checksum, or digits named as
 * an account), national ids (US social security, UK National Insurance), email addresses (written or
 * spoken), street addresses where the wording shows one, dates of birth, and phone numbers. Pure: the
 * compliance check asks what is there, redaction replaces each find with a typed placeholder
 * (`[card •••• 4242]`) before a line is stored or published.
 */

export const PII_KINDS = [
  'card_number',
  'bank_account',
  'national_id',
  'email',
  'street_address',
  'date_of_birth',
  'phone',
] as const;
export type PiiKind = (typeof PII_KINDS)[number];

/** The form a find took, where a kind has several (the compliance rules name some of them). */
export type PiiForm = 'card' | 'iban' | 'account' | 'ssn' | 'nino' | 'email' | 'address' | 'date' | 'phone';

export interface PiiSpan {
  kind: PiiKind;
  form: PiiForm;
  /** Where it sits in the text: [start, end). */
  start: number;
  end: number;
  /** The last digits, the only part a placeholder or a finding repeats; null for kinds that show none. */
  tail: string | null;
}

/** What one redaction removed: enough to say what it was, nothing of the value beyond its tail. */
export interface Redaction {
  kind: PiiKind;
  tail: string | null;
}

const DIGIT_WORDS: Record<string, string> = {
  zero: '0',
  oh: '0',
  o: '0',
  one: '1',
  two: '2',
  three: '3',
  four: '4',
  five: '5',
  six: '6',
  seven: '7',
  eight: '8',
  nine: '9',
};
const DIGIT_TOKEN = `(?:\\d+|${Object.keys(DIGIT_WORDS)
  .sort((a, b) => b.length - a.length)
  .join('|')})`;
/** Digits written or spoken one by one, grouped by spaces, dashes, dots, commas or brackets. */
const DIGIT_RUN = new RegExp(
  `(?<![\\p{L}\\p{N}])${DIGIT_TOKEN}(?:[\\s,.()-]+${DIGIT_TOKEN})*(?![\\p{L}\\p{N}])`,
  'giu',
);
const DIGIT_TOKENS = new RegExp(`(?<![\\p{L}\\p{N}])${DIGIT_TOKEN}(?![\\p{L}\\p{N}])`, 'giu');

interface DigitToken {
  digits: string;
  start: number;
  end: number;
}

/** Each run of digits in the text as its tokens: "four one 11" → 4, 1, 11, each with where it sits. */
function digitRuns(text: string): DigitToken[][] {
  const runs: DigitToken[][] = [];
  for (const run of text.matchAll(DIGIT_RUN)) {
    const tokens: DigitToken[] = [];
    for (const token of run[0].matchAll(DIGIT_TOKENS)) {
      const start = run.index + token.index;
      tokens.push({
        digits: DIGIT_WORDS[token[0].toLowerCase()] ?? token[0],
        start,
        end: start + token[0].length,
      });
    }
    // A lone "o" or "oh" is a word, not a zero.
    if (tokens.length > 1 || /\d/.test(run[0])) runs.push(tokens);
  }
  return runs;
}

/** The Luhn checksum every payment card number satisfies. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
    sum += digit;
  }
  return sum % 10 === 0;
}

/** The ISO 13616 check: move the first four characters to the end, letters to numbers, remainder 97 must be 1. */
export function ibanValid(iban: string): boolean {
  const compact = iban.replace(/\s+/g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(compact)) return false;
  const rearranged = compact.slice(4) + compact.slice(0, 4);
  let remainder = 0;
  for (const char of rearranged) {
    const value = char >= 'A' ? char.charCodeAt(0) - 55 : Number(char);
    remainder = (remainder * (value > 9 ? 100 : 10) + value) % 97;
  }
  return remainder === 1;
}

const join = (tokens: readonly DigitToken[]) => tokens.map((token) => token.digits).join('');
const span = (kind: PiiKind, form: PiiForm, start: number, end: number, tail: string | null): PiiSpan => ({
  kind,
  form,
  start,
  end,
  tail,
});
const tokenSpan = (kind: PiiKind, form: PiiForm, tokens: readonly DigitToken[], tailLength = 4) =>
  span(kind, form, tokens[0]!.start, tokens.at(-1)!.end, join(tokens).slice(-tailLength));

/**
 * Card numbers among a run's tokens: 13–19 consecutive digits passing Luhn, not one digit repeated, the
 * longest such from each start. Tries every span of whole tokens, so "that's 25, 4111 1111 1111 1111" still finds the card.
 */
function cardsIn(tokens: readonly DigitToken[]): PiiSpan[] {
  const found: PiiSpan[] = [];
  for (let first = 0; first < tokens.length; first++) {
    let digits = '';
    let longest = -1;
    for (let last = first; last < tokens.length && digits.length < 19; last++) {
      digits += tokens[last]!.digits;
      if (digits.length >= 13 && digits.length <= 19 && luhnValid(digits) && !/^(\d)\1*$/.test(digits)) longest = last;
    }
    if (longest >= 0) {
      found.push(tokenSpan('card_number', 'card', tokens.slice(first, longest + 1)));
      first = longest;
    }
  }
  return found;
}

const SSN = /(?<!\d)(\d{3})([- ])(\d{2})\2(\d{4})(?!\d)/g;
/** UK National Insurance: two prefix letters (not D, F, I, Q, U or V; the second not O), six digits, A–D. */
const NINO =
  /(?<![A-Z0-9])(?!BG|GB|KN|NK|NT|TN|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D](?![A-Z0-9])/gi;
const IBAN = /(?<![A-Z0-9])[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?(?![A-Z0-9])/gi;
const EMAIL_DOMAINS = 'com|org|net|edu|gov|co|io|uk|de|fr|ca|au|us|info|biz|me';
const EMAIL = new RegExp(
  `[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+|(?<![\\w])[\\w-]+(?: dot [\\w-]+)* at [\\w-]+(?: dot [\\w-]+)*? dot (?:${EMAIL_DOMAINS})(?![\\w])`,
  'gi',
);
const NUMBER_WORD =
  '(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred)';
const STREET_SUFFIX =
  '(?:street|st|avenue|ave|road|rd|boulevard|blvd|lane|ln|drive|dr|court|ct|way|place|pl|terrace|close|crescent|parkway|pkwy|square|sq|highway|hwy|circle|cir|row|grove|gardens)';
/** A house number (written, or spoken as number words) and up to four words ending in a street suffix. */
const STREET_ADDRESS = new RegExp(
  `(?<![\\w])(?:\\d{1,5}[a-z]?|${NUMBER_WORD}(?:[ -]${NUMBER_WORD}){0,3})(?: [a-z][\\w'.-]*){1,4}? ${STREET_SUFFIX}(?![\\w])\\.?`,
  'gi',
);
const MONTH =
  '(?:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)';
const ORDINAL = '\\d{1,2}(?:st|nd|rd|th)?';
/** A date written in figures or with its month named; a date of birth when the wording says so just before it. */
const DATE = new RegExp(
  [
    '\\d{1,2}[/.-]\\d{1,2}[/.-](?:\\d{4}|\\d{2})',
    '\\d{4}-\\d{2}-\\d{2}',
    `(?:the )?${ORDINAL} (?:of )?${MONTH},? \\d{4}`,
    `${MONTH} (?:the )?${ORDINAL},? \\d{4}`,
    `${MONTH},? \\d{4}`,
  ]
    .map((form) => `(?<![\\w])${form}(?![\\w])`)
    .join('|'),
  'gi',
);
const BIRTH_CONTEXT = /\b(?:born|birth|birthday|dob|d\.o\.b)\b/i;
const ACCOUNT_CONTEXT = /\b(?:account|acct|routing|sort code)\b/i;
const SSN_CONTEXT = /\b(?:social security|ssn|social)\b/i;
/** How far before a number its naming words may stand ("my account number is …"). */
const CONTEXT_CHARS = 40;

/** US social security numbers never have area 000, 666 or 9xx, group 00 or serial 0000. */
const plausibleSsn = (digits: string) =>
  !/^(000|666|9\d\d)/.test(digits) && digits.slice(3, 5) !== '00' && digits.slice(5) !== '0000';

const namedBefore = (text: string, start: number, context: RegExp) =>
  context.test(text.slice(Math.max(0, start - CONTEXT_CHARS), start));

/**
 * Every find of the given kinds in the text, in order and never overlapping (where two overlap, the one
 * found first in the order card, bank account, national id, phone, email, address, date of birth wins).
 */
export function findPii(text: string, kinds: readonly PiiKind[]): PiiSpan[] {
  const wanted = new Set(kinds);
  const found: PiiSpan[] = [];
  const ibans = [...text.matchAll(IBAN)].filter((match) => ibanValid(match[0]));
  if (wanted.has('bank_account')) {
    for (const match of ibans) {
      found.push(
        span(
          'bank_account',
          'iban',
          match.index,
          match.index + match[0].length,
          match[0].replace(/\s+/g, '').slice(-4),
        ),
      );
    }
  }
  // The digits of an IBAN are not a card, account or phone number of their own.
  const masked = ibans.reduce(
    (masking, match) =>
      masking.slice(0, match.index) + ' '.repeat(match[0].length) + masking.slice(match.index + match[0].length),
    text,
  );
  for (const tokens of digitRuns(masked)) {
    const cards = cardsIn(tokens);
    if (wanted.has('card_number')) found.push(...cards);
    if (cards.length) continue;
    const digits = join(tokens);
    const start = tokens[0]!.start;
    if (
      wanted.has('national_id') &&
      digits.length === 9 &&
      plausibleSsn(digits) &&
      namedBefore(text, start, SSN_CONTEXT)
    ) {
      found.push(tokenSpan('national_id', 'ssn', tokens));
    } else if (
      wanted.has('bank_account') &&
      digits.length >= 6 &&
      digits.length <= 17 &&
      namedBefore(text, start, ACCOUNT_CONTEXT)
    ) {
      found.push(tokenSpan('bank_account', 'account', tokens));
    } else if (wanted.has('phone') && digits.length >= 10 && digits.length <= 15) {
      found.push(tokenSpan('phone', 'phone', tokens, 2));
    }
  }
  if (wanted.has('national_id')) {
    for (const match of text.matchAll(SSN)) {
      if (plausibleSsn(match[1]! + match[3]! + match[4]!)) {
        found.push(span('national_id', 'ssn', match.index, match.index + match[0].length, match[4]!));
      }
    }
    for (const match of text.matchAll(NINO)) {
      const compact = match[0].replace(/\s+/g, '');
      found.push(span('national_id', 'nino', match.index, match.index + match[0].length, compact.slice(-4)));
    }
  }
  if (wanted.has('email')) {
    for (const match of text.matchAll(EMAIL))
      found.push(span('email', 'email', match.index, match.index + match[0].length, null));
  }
  if (wanted.has('street_address')) {
    for (const match of text.matchAll(STREET_ADDRESS)) {
      found.push(span('street_address', 'address', match.index, match.index + match[0].length, null));
    }
  }
  if (wanted.has('date_of_birth')) {
    for (const match of text.matchAll(DATE)) {
      if (namedBefore(text, match.index, BIRTH_CONTEXT)) {
        found.push(span('date_of_birth', 'date', match.index, match.index + match[0].length, null));
      }
    }
  }
  const kept: PiiSpan[] = [];
  for (const candidate of found) {
    if (!kept.some((other) => candidate.start < other.end && other.start < candidate.end)) kept.push(candidate);
  }
  return kept.sort((a, b) => a.start - b.start);
}

const LABELS: Record<PiiKind, string> = {
  card_number: 'card',
  bank_account: 'bank account',
  national_id: 'national id',
  email: 'email',
  street_address: 'address',
  date_of_birth: 'date of birth',
  phone: 'phone',
};

/** The typed placeholder that stands where a find was: `[card •••• 4242]`, `[email]`. */
export function placeholder(kind: PiiKind, tail: string | null): string {
  return tail ? `[${LABELS[kind]} •••• ${tail}]` : `[${LABELS[kind]}]`;
}

/** The text with every find of the given kinds replaced by its placeholder, and what was replaced. */
export function redactPii(text: string, kinds: readonly PiiKind[]): { text: string; redactions: Redaction[] } {
  if (kinds.length === 0) return { text, redactions: [] };
  const spans = findPii(text, kinds);
  if (spans.length === 0) return { text, redactions: [] };
  let redacted = '';
  let from = 0;
  for (const found of spans) {
    redacted += text.slice(from, found.start) + placeholder(found.kind, found.tail);
    from = found.end;
  }
  return {
    text: redacted + text.slice(from),
    redactions: spans.map(({ kind, tail }) => ({ kind, tail })),
  };
}
