import { CALL_STATUSES } from './calls.ts';
import type { AnalyticsFilter, AnalyticsRange, CallStatus } from './gql/graphql.ts';

/** The range and filters of the Dashboard and the Analytics page, as kept in the address. */
export interface AnalyticsParams {
  /** today, 7d, 30d or custom (with from and to). */
  range?: string;
  from?: string;
  to?: string;
  business?: string;
  campaign?: string;
  direction?: string;
  /** Statuses, comma-separated. */
  status?: string;
}

export const PRESETS = [
  { value: 'today', label: 'Today', days: 1 },
  { value: '7d', label: 'Last 7 days', days: 7 },
  { value: '30d', label: 'Last 30 days', days: 30 },
] as const;
export const DEFAULT_PRESET = '7d';

const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

/** The viewer's time zone, which days and buckets are counted in. */
export const viewerTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** Today's date (YYYY-MM-DD) in a time zone. */
export const todayIn = (timeZone: string, now = new Date()) =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);

/** A calendar date `days` later (or earlier). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

export interface AnalyticsView {
  preset: string;
  range: AnalyticsRange;
  filter: AnalyticsFilter;
}

const single = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? '';

/** What the address asks for; an unknown or half-given range falls back to the last 7 days. */
export function analyticsViewOf(
  params: Partial<Record<keyof AnalyticsParams, string | string[]>>,
  timeZone = viewerTimeZone(),
  now = new Date(),
): AnalyticsView {
  const today = todayIn(timeZone, now);
  const from = single(params.from);
  const to = single(params.to);
  const custom = single(params.range) === 'custom' && DAY_PATTERN.test(from) && DAY_PATTERN.test(to) && from <= to;
  const preset =
    PRESETS.find((p) => p.value === single(params.range)) ?? PRESETS.find((p) => p.value === DEFAULT_PRESET)!;
  const range = custom ? { from, to, timeZone } : { from: addDays(today, 1 - preset.days), to: today, timeZone };
  const status = single(params.status)
    .split(',')
    .filter((s): s is CallStatus => (CALL_STATUSES as readonly string[]).includes(s));
  const direction = single(params.direction);
  const filter: AnalyticsFilter = {
    ...(single(params.business) && { businessId: single(params.business) }),
    ...(single(params.campaign) && { campaignId: single(params.campaign) }),
    ...((direction === 'INBOUND' || direction === 'OUTBOUND') && { direction }),
    ...(status.length && { status }),
  };
  return { preset: custom ? 'custom' : preset.value, range, filter };
}

/** How a figure moved against the previous period; rates move in points, counts and averages in percent. */
export interface Change {
  direction: 'up' | 'down' | 'flat';
  text: string;
}

export function changeOf(
  current: number | null | undefined,
  previous: number | null | undefined,
  unit: 'percent' | 'points',
): Change | undefined {
  if (current === null || current === undefined || previous === null || previous === undefined) return undefined;
  const direction = current > previous ? 'up' : current < previous ? 'down' : 'flat';
  const sign = direction === 'up' ? '+' : direction === 'down' ? '−' : '±';
  if (unit === 'points') return { direction, text: `${sign}${Math.abs((current - previous) * 100).toFixed(1)} pts` };
  if (previous === 0) return current === 0 ? { direction, text: '±0%' } : { direction, text: 'new' };
  return { direction, text: `${sign}${Math.abs(((current - previous) / previous) * 100).toFixed(0)}%` };
}

export const formatPercent = (rate: number | null | undefined) =>
  rate === null || rate === undefined ? '–' : `${(rate * 100).toFixed(1)}%`;

export const formatFixed = (value: number | null | undefined, digits: number) =>
  value === null || value === undefined ? '–' : value.toFixed(digits);

/** Seconds as m:ss, rounded to the second. */
export function formatSeconds(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return '–';
  const whole = Math.round(seconds);
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}

export const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

/** A bucket's start as the viewer reads it: a date, or a date and hour for hourly buckets. */
export function bucketLabel(start: string, timeZone: string, hourly: boolean): string {
  return new Intl.DateTimeFormat(undefined, {
    timeZone,
    month: 'short',
    day: 'numeric',
    ...(hourly && { hour: '2-digit' }),
  }).format(new Date(start));
}
