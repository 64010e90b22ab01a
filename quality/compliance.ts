/**
 * Compliance rules over a transcript: required disclosures said in time, prohibited phrases never
 * said, personal data never read out by the agent, outbound calls only within calling hours.
 * Pure and deterministic (the caller passes every time in), for live scoring and recalculation alike.
 */
import { findPii, type PiiForm, type PiiKind, type Redaction } from '../lib/pii.ts';
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
  /** Personal data taken out of the line before it was stored: read out all the same. */
  redactions?: readonly Redaction[];
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
    for (const found of findPiiSpoken(line, settings.piiChecks)) {
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

/** Which detector each compliance check reads, and how a find is told without repeating it. */
const CHECKS: Record<PiiCheck, { kind: PiiKind; forms: readonly PiiForm[]; severity: Severity; what: string }> = {
  card_number: { kind: 'card_number', forms: ['card'], severity: 'high', what: 'card number' },
  ssn: { kind: 'national_id', forms: ['ssn'], severity: 'high', what: 'social security number' },
  iban: { kind: 'bank_account', forms: ['iban'], severity: 'high', what: 'IBAN' },
  email: { kind: 'email', forms: ['email'], severity: 'medium', what: 'email address' },
  phone: { kind: 'phone', forms: ['phone'], severity: 'medium', what: 'phone number' },
};
/** A line redacted before it was stored still shows what was read out, by kind. */
const REDACTED_AS: Record<PiiKind, string> = {
  card_number: 'card number',
  bank_account: 'bank account number',
  national_id: 'national id',
  email: 'email address',
  street_address: 'street address',
  date_of_birth: 'date of birth',
  phone: 'phone number',
};
const told = (what: string, tail: string | null) => (tail ? `${what} ending in ${tail} spoken` : `${what} spoken`);

function findPiiSpoken(line: ComplianceLine, checks: readonly PiiCheck[]): PiiFinding[] {
  const found: PiiFinding[] = [];
  const spans = findPii(
    line.text,
    checks.map((check) => CHECKS[check].kind),
  );
  for (const check of checks) {
    const { kind, forms, severity, what } = CHECKS[check];
    const spoken = spans.find((span) => span.kind === kind && forms.includes(span.form));
    const redacted = line.redactions?.find((redaction) => redaction.kind === kind);
    if (spoken) found.push({ severity, detail: told(what, spoken.tail) });
    else if (redacted) found.push({ severity, detail: told(REDACTED_AS[kind], redacted.tail) });
  }
  return found;
}
