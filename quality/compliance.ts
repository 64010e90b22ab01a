/**
 * Compliance rules over a transcript: required disclosures said in time, prohibited phrases never
 * said, personal data never read out by the agent, outbound calls only within calling hours.
 * Pure and deterministic (the caller passes every time in), for live scoring and recalculation alike.
 */
import type { PiiCheck, QualitySettings } from './settings.ts';
import { findPhrase } from './triggers.ts';

/** Speaker values as stored on transcript lines; `human_agent` is a person who took over the call. */
export type Speaker = 'customer' | 'ai' | 'human_agent' | 'system';

export interface ComplianceLine {
  sequence: number;
  speaker: Speaker;
  text: string;
  /** Milliseconds from the start of the call. */
  offsetMs: number;
}

export type ViolationRule =
  | 'missing_disclosure'
  | 'late_disclosure'
  | 'prohibited_phrase'
  | 'pii_spoken'
  | 'calling_hours';
export type Severity = 'low' | 'medium' | 'high';

export interface Violation {
  rule: ViolationRule;
  severity: Severity;
  lineSequence: number | null;
  offsetMs: number | null;
  /** What happened, without repeating the personal data itself. */
  detail: string;
}

export interface ComplianceOptions {
  callEnded: boolean;
  /** How long the call has lasted so far (its full length once ended). */
  callDurationMs: number;
  /** When an outbound call was placed; null or absent for inbound calls, which calling hours do not restrict. */
  outboundStartedAt?: Date | null;
}

/** What each violation takes off a perfect compliance score of 1. */
export const SEVERITY_PENALTY: Record<Severity, number> = { high: 0.4, medium: 0.2, low: 0.1 };

const spokenByAgent = (line: ComplianceLine) => line.speaker === 'ai' || line.speaker === 'human_agent';

export function checkCompliance(
  lines: readonly ComplianceLine[],
  settings: QualitySettings,
  options: ComplianceOptions,
): { violations: Violation[]; score: number } {
  const violations: Violation[] = [];
  const at = (line: ComplianceLine) => ({ lineSequence: line.sequence, offsetMs: line.offsetMs });

  if (options.outboundStartedAt && !withinCallingHours(options.outboundStartedAt, settings.callingHours)) {
    const hours = settings.callingHours!;
    violations.push({
      rule: 'calling_hours',
      severity: 'high',
      lineSequence: null,
      offsetMs: 0,
      detail: `outbound call placed outside calling hours (${hours.start}–${hours.end} ${hours.timeZone})`,
    });
  }

  // A recorded announcement (system) counts as a disclosure as much as the agent saying it.
  const notCustomer = lines.filter((line) => line.speaker !== 'customer');
  for (const { phrase, withinSeconds } of settings.disclosures) {
    const deadlineMs = withinSeconds * 1000;
    const said = notCustomer.find((line) => findPhrase(line.text, [phrase]));
    if (said && said.offsetMs > deadlineMs) {
      violations.push({
        rule: 'late_disclosure',
        severity: 'medium',
        ...at(said),
        detail: `"${phrase}" said after ${Math.round(said.offsetMs / 1000)} s, required within ${withinSeconds} s`,
      });
    } else if (!said && (options.callEnded || options.callDurationMs > deadlineMs)) {
      violations.push({
        rule: 'missing_disclosure',
        severity: 'high',
        lineSequence: null,
        offsetMs: deadlineMs,
        detail: `"${phrase}" not said within ${withinSeconds} s`,
      });
    }
  }

  for (const line of lines.filter(spokenByAgent)) {
    const prohibited = findPhrase(line.text, settings.prohibitedPhrases);
    if (prohibited) {
      violations.push({ rule: 'prohibited_phrase', severity: 'medium', ...at(line), detail: `said "${prohibited}"` });
    }
    for (const found of findPii(line.text, settings.piiChecks)) {
      violations.push({ rule: 'pii_spoken', severity: found.severity, ...at(line), detail: found.detail });
    }
  }

  const penalty = violations.reduce((sum, v) => sum + SEVERITY_PENALTY[v.severity], 0);
  return { violations, score: round(Math.max(0, 1 - penalty)) };
}

const round = (value: number) => Math.round(value * 1000) / 1000;

const WEEKDAY_NUMBERS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };
const formatters = new Map<string, Intl.DateTimeFormat>();

/** The weekday (1 = Monday) and minutes past midnight of `at` on the clocks of `timeZone`. */
function localTime(at: Date, timeZone: string): { weekday: number; minutes: number } {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(at).map((part) => [part.type, part.value]));
  return {
    weekday: WEEKDAY_NUMBERS[parts.weekday ?? ''] ?? 0,
    minutes: Number(parts.hour) * 60 + Number(parts.minute),
  };
}

const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/** Whether `at` falls on an allowed day between start (inclusive) and end (exclusive), local time; null allows any time. */
export function withinCallingHours(at: Date, hours: QualitySettings['callingHours']): boolean {
  if (!hours) return true;
  const { weekday, minutes } = localTime(at, hours.timeZone);
  return hours.days.includes(weekday) && minutes >= minutesOf(hours.start) && minutes < minutesOf(hours.end);
}

interface PiiFinding {
  severity: Severity;
  detail: string;
}

const DIGIT_WORDS: Record<string, string> = {
  zero: '0',
  oh: '0',
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
const DIGIT_TOKEN = `(?:\\d+|${Object.keys(DIGIT_WORDS).join('|')})`;
/** Digits written or spoken one by one, grouped by spaces, dashes, dots, commas or brackets. */
const DIGIT_RUN = new RegExp(
  `(?<![\\p{L}\\p{N}])${DIGIT_TOKEN}(?:[\\s,.()-]+${DIGIT_TOKEN})*(?![\\p{L}\\p{N}])`,
  'giu',
);

/** Each run of digits in the text as its groups: "four one 11" → ["4", "1", "11"]. */
function digitRuns(text: string): string[][] {
  return [...text.matchAll(DIGIT_RUN)].map((match) =>
    (match[0].match(new RegExp(DIGIT_TOKEN, 'giu')) ?? []).map((token) => DIGIT_WORDS[token.toLowerCase()] ?? token),
  );
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

/**
 * A card number among the digit groups: 13–19 consecutive digits passing Luhn, not one digit repeated.
 * Looks at every span of whole groups, so "that's 25, 4111 1111 1111 1111" still finds the card.
 */
function findCardNumber(groups: string[]): string | null {
  for (let first = 0; first < groups.length; first++) {
    let digits = '';
    for (let last = first; last < groups.length && digits.length < 19; last++) {
      digits += groups[last];
      if (digits.length >= 13 && digits.length <= 19 && luhnValid(digits) && !/^(\d)\1*$/.test(digits)) return digits;
    }
  }
  return null;
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

const SSN = /(?<!\d)(\d{3})([- ])(\d{2})\2(\d{4})(?!\d)/g;
const IBAN = /(?<![A-Z0-9])[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?(?![A-Z0-9])/gi;
const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\b\w+ at \w+ dot (?:com|org|net|edu|gov|co|io)\b/i;

/** US social security numbers never have area 000, 666 or 9xx, group 00 or serial 0000. */
const plausibleSsn = (area: string, group: string, serial: string) =>
  !/^(000|666|9\d\d)$/.test(area) && group !== '00' && serial !== '0000';

function findPii(text: string, checks: readonly PiiCheck[]): PiiFinding[] {
  const found: PiiFinding[] = [];
  // The digits of an IBAN are not a card or phone number of their own.
  const runs = digitRuns(text.replace(IBAN, (candidate) => (ibanValid(candidate) ? ' ' : candidate)));
  for (const check of checks) {
    if (check === 'card_number') {
      const card = runs.map(findCardNumber).find((digits) => digits !== null);
      if (card) found.push({ severity: 'high', detail: `card number ending in ${card.slice(-4)} spoken` });
    } else if (check === 'ssn') {
      const ssn = [...text.matchAll(SSN)].find((m) => plausibleSsn(m[1]!, m[3]!, m[4]!));
      if (ssn) found.push({ severity: 'high', detail: `social security number ending in ${ssn[4]} spoken` });
    } else if (check === 'iban') {
      const iban = [...text.matchAll(IBAN)].map((m) => m[0]).find(ibanValid);
      if (iban) found.push({ severity: 'high', detail: `IBAN ending in ${iban.replace(/\s+/g, '').slice(-4)} spoken` });
    } else if (check === 'email') {
      if (EMAIL.test(text)) found.push({ severity: 'medium', detail: 'email address spoken' });
    } else if (check === 'phone') {
      const phone = runs
        .filter((groups) => findCardNumber(groups) === null)
        .map((groups) => groups.join(''))
        .find((digits) => digits.length >= 10 && digits.length <= 15);
      if (phone) found.push({ severity: 'medium', detail: `phone number ending in ${phone.slice(-2)} spoken` });
    }
  }
  return found;
}
