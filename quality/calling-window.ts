/**
 * When a campaign may dial someone: a window of local wall-clock time on allowed weekdays, in the
 * callee's time zone. A number whose range spans several zones is dialled only while the window is
 * open in every one of them, and a callee outside the window waits for the next opening.
 */
import { withinCallingHours } from './compliance.ts';

export interface CallingWindow {
  /** Local wall-clock time, "HH:MM", inclusive. */
  start: string;
  /** Local wall-clock time, "HH:MM", exclusive; after `start`. */
  end: string;
  /** ISO weekdays: 1 = Monday … 7 = Sunday. */
  days: number[];
}

/** How far ahead an opening is looked for; a window shut for longer in some zone never opens for the number. */
const HORIZON_DAYS = 8;
const DAY_MS = 86_400_000;

/** Whether the window is open at `at` in every zone. */
export function openInAll(at: Date, window: CallingWindow, zones: readonly string[]): boolean {
  return zones.every((timeZone) => withinCallingHours(at, { ...window, timeZone }));
}

/**
 * The first moment from `at` on when the window is open in every zone (`at` itself when it is open
 * now), or null when there is none within eight days (zones too far apart for the window). Such a
 * moment is a window's start in one of the zones, so only those are tried.
 */
export function nextOpening(at: Date, window: CallingWindow, zones: readonly string[]): Date | null {
  if (openInAll(at, window, zones)) return at;
  const candidates = zones
    .flatMap((zone) =>
      Array.from({ length: HORIZON_DAYS + 1 }, (_, day) =>
        localStart(new Date(at.getTime() + day * DAY_MS), zone, window),
      ),
    )
    .filter((candidate) => candidate > at.getTime())
    .sort((a, b) => a - b);
  const first = candidates.find((candidate) => openInAll(new Date(candidate), window, zones));
  return first === undefined ? null : new Date(first);
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The wall clock of `zone` at `at`, as if it were UTC (milliseconds). */
function wallClock(at: number, zone: string): number {
  let format = formatters.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      hourCycle: 'h23',
    });
    formatters.set(zone, format);
  }
  const part = Object.fromEntries(format.formatToParts(at).map((p) => [p.type, Number(p.value)]));
  return Date.UTC(part.year!, part.month! - 1, part.day!, part.hour!, part.minute!);
}

/** The instant the window starts on the local date that `day` falls on in `zone`. */
function localStart(day: Date, zone: string, window: CallingWindow): number {
  const local = new Date(wallClock(day.getTime(), zone));
  const [hour, minute] = window.start.split(':').map(Number) as [number, number];
  const wanted = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate(), hour, minute);
  // The zone's offset at the guess; asked twice, so a day whose offset changes (daylight saving) is right.
  let instant = wanted - (wallClock(wanted, zone) - wanted);
  instant = wanted - (wallClock(instant, zone) - instant);
  return instant;
}
