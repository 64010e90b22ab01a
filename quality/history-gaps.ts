/**
 * Gaps in a person's history, computed in code from the dates the extraction found (never by the
 * model): the periods between one entry's end and the next one's start that no entry covers. Dates
 * are `YYYY` or `YYYY-MM`; a year alone may mean any month of it, so only months that are certainly
 * uncovered count ("1977" to "2004" leaves 1978–2003 uncovered: "1977–2004 not accounted for").
 */
import type { HistoryGapSettings } from './extraction-schema.ts';

export interface HistoryGap {
  from: string;
  to: string;
  months: number;
  description: string;
}

const DATE = /^(\d{4})(?:-(0[1-9]|1[0-2]))?$/;

/** Months since year 0: the earliest and the latest month a date may mean. */
function monthRange(date: string): { earliest: number; latest: number } | null {
  const match = DATE.exec(date.trim());
  if (!match) return null;
  const year = Number(match[1]);
  if (match[2]) {
    const month = year * 12 + Number(match[2]) - 1;
    return { earliest: month, latest: month };
  }
  return { earliest: year * 12, latest: year * 12 + 11 };
}

interface Period {
  start: string;
  /** null: still going (up to the reference date). */
  end: string | null;
  startMonth: number;
  endMonth: number;
}

/**
 * The uncovered stretches of `entries` (each with `start` and `end` under the settings' names) of at
 * least `minMonths` months, up to `now` when the latest entry has ended. Entries without a readable
 * start are ignored.
 */
export function historyGaps(
  entries: readonly Record<string, unknown>[],
  settings: Pick<HistoryGapSettings, 'start' | 'end' | 'minMonths'>,
  now: Date,
): HistoryGap[] {
  const nowMonth = now.getUTCFullYear() * 12 + now.getUTCMonth();
  const periods: Period[] = [];
  for (const entry of entries) {
    const start = typeof entry[settings.start] === 'string' ? (entry[settings.start] as string) : null;
    const endValue = entry[settings.end];
    const end = typeof endValue === 'string' && endValue.trim() ? endValue : null;
    const startRange = start ? monthRange(start) : null;
    if (!start || !startRange) continue;
    const endRange = end ? monthRange(end) : null;
    if (end && !endRange) continue;
    periods.push({ start, end, startMonth: startRange.earliest, endMonth: endRange ? endRange.latest : nowMonth });
  }
  periods.sort((a, b) => a.startMonth - b.startMonth);
  const gaps: HistoryGap[] = [];
  let covered: Period | undefined;
  for (const period of periods) {
    if (covered) {
      // The later start's earliest month is exact for YYYY-MM and January for a bare year.
      const uncovered = period.startMonth - covered.endMonth - 1;
      if (uncovered >= settings.minMonths) gaps.push(gap(covered.end ?? 'now', period.start, uncovered));
    }
    if (!covered || period.endMonth > covered.endMonth) covered = period;
  }
  if (covered?.end) {
    const uncovered = nowMonth - covered.endMonth;
    if (uncovered >= settings.minMonths) gaps.push(gap(covered.end, 'now', uncovered));
  }
  return gaps;
}

function gap(from: string, to: string, months: number): HistoryGap {
  return { from, to, months, description: `${from}–${to} not accounted for` };
}
