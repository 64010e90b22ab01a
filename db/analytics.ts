/**
 * Analytics figures for an organisation over local calendar days in a viewer's time zone. Call
 * figures read `analytics_rollup` (15-minute UTC sums, exact in any zone whose offset is whole quarter
 * hours, which is every zone in use), or once the compactor has built the zone's local days,
 * `analytics_day_rollup` plus the rollup rows not compacted yet; distributions read `call_facts`;
 * escalations and agents read their own rows. Definitions are in the README's Analytics section.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  CALL_STATUSES,
  type CallDirection,
  type CallStatus,
  TERMINAL_CALL_STATUSES,
} from '../workflows/definitions/call.ts';

/** Which calls count. */
export interface AnalyticsFilter {
  businessId?: string | null;
  /** Calls one campaign placed. */
  campaignId?: string | null;
  direction?: CallDirection | null;
  statuses?: CallStatus[] | null;
}

/** Local calendar days `from`–`to` (inclusive, YYYY-MM-DD) in `timeZone`, and the period just before. */
export interface AnalyticsRange {
  from: string;
  to: string;
  timeZone: string;
}

/** A range resolved to instants: [start, end), and the previous period of as many days [previousStart, start). */
export interface AnalyticsScope {
  organizationId: string;
  timeZone: string;
  start: Date;
  end: Date;
  previousStart: Date;
  filter: AnalyticsFilter;
  /** Whether the zone's local days are built (`analytics_day_rollup`), so day and week figures read them. */
  days: boolean;
}

export type BucketSize = 'hour' | 'day' | 'week';

const ACTIVE_STATUSES = CALL_STATUSES.filter((status) => !TERMINAL_CALL_STATUSES.includes(status));

/** Runs one analytics statement without JIT compilation, which costs more than these aggregates save. */
async function query<T>(em: EntityManager, sql: string, params: unknown[]): Promise<T[]> {
  return em.transactional(async (tx) => {
    await tx.execute('set local jit = off');
    return tx.execute<T[]>(sql, params);
  });
}

/** The instants a range covers, in its time zone (days of 23 or 25 hours across daylight-saving changes). */
export async function resolveScope(
  em: EntityManager,
  organizationId: string,
  range: AnalyticsRange,
  filter: AnalyticsFilter,
): Promise<AnalyticsScope> {
  // The first query in a zone asks the compactor for its days; until they are built, it reads quarters.
  // One statement: a zone already known costs a lookup, not an insert (which would make every read a
  // write and take a transaction id).
  const [row] = await em.execute<{ start: Date; end: Date; previous_start: Date; ready: boolean | null }[]>(
    `with zone as (select ready from analytics_time_zone where organization_id = ? and time_zone = ?),
     asked as (
       insert into analytics_time_zone (organization_id, time_zone, ready, requested_at)
       select ?, ?, false, now() where not exists (select 1 from zone)
       on conflict do nothing
     )
     select (?::date)::timestamp at time zone ? as start,
            (?::date + 1)::timestamp at time zone ? as end,
            (?::date - (?::date - ?::date + 1))::timestamp at time zone ? as previous_start,
            (select ready from zone) as ready`,
    [
      organizationId,
      range.timeZone,
      organizationId,
      range.timeZone,
      range.from,
      range.timeZone,
      range.to,
      range.timeZone,
      range.from,
      range.to,
      range.from,
      range.timeZone,
    ],
  );
  return {
    organizationId,
    timeZone: range.timeZone,
    start: new Date(row!.start),
    end: new Date(row!.end),
    previousStart: new Date(row!.previous_start),
    filter,
    days: row!.ready === true,
  };
}

/**
 * `and …` clauses for the filter over a table with business_id, direction and status columns, and
 * (for the campaign) call_id.
 */
export function filterSql(filter: AnalyticsFilter, alias: string): { sql: string; params: unknown[] } {
  const clauses: string[] = [];
  const params: unknown[] = [];
  if (filter.campaignId) {
    clauses.push(`${alias}.call_id in (select k.id from call k where k.campaign_id = ?)`);
    params.push(filter.campaignId);
  }
  if (filter.businessId) {
    clauses.push(`${alias}.business_id = ?`);
    params.push(filter.businessId);
  }
  if (filter.direction) {
    clauses.push(`${alias}.direction = ?`);
    params.push(filter.direction);
  }
  if (filter.statuses?.length) {
    clauses.push(`${alias}.status in (${filter.statuses.map(() => '?').join(', ')})`);
    params.push(...filter.statuses);
  }
  return { sql: clauses.map((c) => ` and ${c}`).join(''), params };
}

/** The rollup's sums, in the order both rollup tables have them. */
const ROLLUP_SUMS = [
  'calls',
  'answered',
  'talk_seconds',
  'handle_seconds',
  'contained',
  'escalated',
  'qa_count',
  'qa_sum',
  'qa_sentiment_sum',
  'qa_compliance_sum',
  'qa_accuracy_sum',
  'qa_professionalism_sum',
  'qa_overridden',
  'qa_override_change_sum',
  'sentiment_count',
  'sentiment_sum',
  'sentiment_negative',
  'sentiment_positive',
  'sentiment_recovered',
].join(', ');

/**
 * A zone's local days as rollup rows (`bucket` the instant the day starts) and the differences not
 * compacted into them yet, over [since, end) (by default from the previous period on), with the
 * local `day` and `hour_calls` (calls per local hour; a quarter's calls in its hour) for the
 * weekday × hour figures. One statement reads both, so a compaction committing meanwhile is seen
 * whole or not at all.
 */
function daysOf(scope: AnalyticsScope, since = scope.previousStart): { from: string; params: unknown[] } {
  const tz = scope.timeZone;
  return {
    from: `(select d.organization_id, (d.day::timestamp at time zone ?::text) as bucket, d.business_id, d.direction,
              d.status, ${ROLLUP_SUMS}, d.hour_calls, d.day
            from analytics_day_rollup d
            where d.organization_id = ? and d.time_zone = ? and d.day >= (?::timestamptz at time zone ?::text)::date
              and d.day < (?::timestamptz at time zone ?::text)::date
            union all
            select q.organization_id, q.bucket, q.business_id, q.direction, q.status, ${ROLLUP_SUMS},
              array(select case when h = extract(hour from q.bucket at time zone ?::text) then q.calls else 0 end
                    from generate_series(0, 23) h order by h),
              (q.bucket at time zone ?::text)::date
            from analytics_rollup q
            where q.organization_id = ? and not q.compacted and q.bucket >= ? and q.bucket < ?) r`,
    params: [tz, scope.organizationId, tz, since, tz, scope.end, tz, tz, tz, scope.organizationId, since, scope.end],
  };
}

/**
 * Where rollup sums come from, as `… r` for a FROM clause, and the filter over it: the zone's local
 * days when they are built, else the 15-minute rollup. The rollup is not keyed by campaign, so for
 * one campaign each of its calls' contributions are summed from their facts instead (the same
 * measures, `analytics_contribution`): a campaign's calls, found by their index.
 */
function rollupOf(
  scope: AnalyticsScope,
  grain: 'any' | 'quarters' = 'any',
): {
  from: string;
  params: unknown[];
  filter: { sql: string; params: unknown[] };
} {
  const filter = filterSql({ ...scope.filter, campaignId: null }, 'r');
  if (!scope.filter.campaignId && scope.days && grain === 'any') return { ...daysOf(scope), filter };
  if (!scope.filter.campaignId) return { from: 'analytics_rollup r', params: [], filter };
  return {
    from: `(select c.* from call k join call_facts f on f.call_id = k.id cross join lateral analytics_contribution(f, 1) c
            where k.campaign_id = ? and k.organization_id = ?) r`,
    params: [scope.filter.campaignId, scope.organizationId],
    filter,
  };
}

/** A Postgres array literal of instants (MikroORM would spread a JS array into a list of parameters). */
const instants = (dates: Date[]) => `{${dates.map((d) => d.toISOString()).join(',')}}`;
const ratio = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);
const num = (value: unknown): number => Number(value ?? 0);

export interface Overview {
  calls: number;
  answered: number;
  answeredRate: number | null;
  totalMinutes: number;
  averageMinutes: number | null;
  averageHandleSeconds: number | null;
  containmentRate: number | null;
  averageQaScore: number | null;
  averageSentiment: number | null;
  escalated: number;
  escalationRate: number | null;
}

interface RollupSums {
  calls: number;
  answered: number;
  talk_seconds: number;
  handle_seconds: number;
  contained: number;
  escalated: number;
  qa_count: number;
  qa_sum: number;
  sentiment_count: number;
  sentiment_sum: number;
}

function overviewOf(s: RollupSums | undefined): Overview {
  const calls = num(s?.calls);
  const answered = num(s?.answered);
  const talk = num(s?.talk_seconds);
  return {
    calls,
    answered,
    answeredRate: ratio(answered, calls),
    totalMinutes: talk / 60,
    averageMinutes: answered > 0 ? talk / 60 / answered : null,
    averageHandleSeconds: ratio(num(s?.handle_seconds), answered),
    containmentRate: ratio(num(s?.contained), answered),
    averageQaScore: ratio(num(s?.qa_sum), num(s?.qa_count)),
    averageSentiment: ratio(num(s?.sentiment_sum), num(s?.sentiment_count)),
    escalated: num(s?.escalated),
    escalationRate: ratio(num(s?.escalated), answered),
  };
}

/** The headline figures for the range and the period before it, and the calls not yet ended. */
export async function overview(
  em: EntityManager,
  scope: AnalyticsScope,
): Promise<{ current: Overview; previous: Overview; activeNow: number }> {
  const r = rollupOf(scope);
  const rows = await query<RollupSums & { current: boolean }>(
    em,
    `select r.bucket >= ? as current, sum(r.calls) as calls, sum(r.answered) as answered,
       sum(r.talk_seconds) as talk_seconds, sum(r.handle_seconds) as handle_seconds, sum(r.contained) as contained,
       sum(r.escalated) as escalated, sum(r.qa_count) as qa_count, sum(r.qa_sum) as qa_sum,
       sum(r.sentiment_count) as sentiment_count, sum(r.sentiment_sum) as sentiment_sum
     from ${r.from}
     where r.organization_id = ? and r.bucket >= ? and r.bucket < ?${r.filter.sql}
     group by 1`,
    [scope.start, ...r.params, scope.organizationId, scope.previousStart, scope.end, ...r.filter.params],
  );
  const active = filterSql({ ...scope.filter, statuses: null }, 'f');
  const statuses = ACTIVE_STATUSES.filter((s) => !scope.filter.statuses?.length || scope.filter.statuses.includes(s));
  const [live] = statuses.length
    ? await em.execute<{ count: string }[]>(
        `select count(*) from call_facts f
         where f.organization_id = ? and f.status in (${statuses.map(() => '?').join(', ')})${active.sql}`,
        [scope.organizationId, ...statuses, ...active.params],
      )
    : [{ count: '0' }];
  return {
    current: overviewOf(rows.find((r) => r.current)),
    previous: overviewOf(rows.find((r) => !r.current)),
    activeNow: num(live?.count),
  };
}

/**
 * The instants local hours, days or weeks start at from `from` to `to` (a grid computed once per
 * query, so the data's rows are never converted between zones: each is placed in the grid by binary
 * search). Hours are cut at the local clock's hour, so the repeated hour of a change back from
 * daylight saving is two buckets, not one of two hours.
 */
async function bucketStarts(
  em: EntityManager,
  size: BucketSize,
  timeZone: string,
  from: Date,
  to: Date,
): Promise<Date[]> {
  const sql =
    size === 'hour'
      ? `select distinct g - make_interval(mins => extract(minute from g at time zone ?::text)::int) as b
         from generate_series(?::timestamptz, ?::timestamptz - interval '15 minutes', interval '15 minutes') g order by b`
      : `select distinct date_trunc('${size}', d) at time zone ?::text as b
         from generate_series((?::timestamptz at time zone ?::text)::date::timestamp,
           ((?::timestamptz at time zone ?::text)::date - 1)::timestamp, interval '1 day') d
         order by b`;
  const params = size === 'hour' ? [timeZone, from, to] : [timeZone, from, timeZone, to, timeZone];
  const rows = await em.execute<{ b: Date }[]>(sql, params);
  return rows.map((r) => new Date(r.b));
}

export interface VolumeBucket {
  start: Date;
  calls: number;
  answered: number;
  escalated: number;
  qaCount: number;
  averageQaScore: number | null;
  sentimentCount: number;
  averageSentiment: number | null;
  /** The same bucket of the previous period (the n-th bucket of each). */
  previousCalls: number;
}

export interface Volume {
  buckets: VolumeBucket[];
  byStatus: { status: CallStatus; calls: number }[];
  byDirection: { direction: CallDirection; calls: number }[];
  /** ISO weekday (1 = Monday) × local hour. */
  heatmap: { weekday: number; hour: number; calls: number }[];
}

/**
 * Calls over time in local hour, day or week buckets (with the previous period's, bucket by
 * bucket), by status, by direction, and by weekday × local hour: from the zone's local days when
 * they are built (hour buckets from the 15-minute rollup beside them), else from the rollup alone.
 */
export async function volume(em: EntityManager, scope: AnalyticsScope, size: BucketSize): Promise<Volume> {
  if (!scope.days || scope.filter.campaignId) return volumeByQuarters(em, scope, size, 'all');
  if (size !== 'hour') return volumeByDays(em, scope, size);
  // Hour buckets need the 15-minute rollup; statuses, directions and weekday × hour come from days.
  const [hours, days] = await Promise.all([
    volumeByQuarters(em.fork(), scope, 'hour', 'buckets'),
    volumeByDays(em.fork(), scope, 'day', 'breakdowns'),
  ]);
  return { ...days, buckets: hours.buckets };
}

/** `volume` from the 15-minute rollup (or a campaign's facts): every figure, or only the buckets. */
async function volumeByQuarters(
  em: EntityManager,
  scope: AnalyticsScope,
  size: BucketSize,
  figures: 'all' | 'buckets',
): Promise<Volume> {
  const tz = scope.timeZone;
  const r = rollupOf(scope, 'quarters');
  const all = figures === 'all';
  const [grid, hours] = await Promise.all([
    bucketStarts(em.fork(), size, tz, scope.previousStart, scope.end),
    size === 'hour' || !all ? Promise.resolve([]) : bucketStarts(em.fork(), 'hour', tz, scope.start, scope.end),
  ]);
  const hourGrid = !all ? [] : size === 'hour' ? grid.filter((start) => start >= scope.start) : hours;
  const labels = all
    ? await em.execute<{ weekday: number; hour: number }[]>(
        `select extract(isodow from h at time zone ?::text)::int as weekday, extract(hour from h at time zone ?::text)::int as hour
         from unnest(?::timestamptz[]) with ordinality as u(h, n) order by n`,
        [tz, tz, instants(hourGrid)],
      )
    : [];
  const rows = await query<VolumeRow & { hour_index: number | null }>(
    em,
    `with placed as (
       select width_bucket(r.bucket, ?::timestamptz[]) as bucket,
         case when r.bucket >= ? then width_bucket(r.bucket, ?::timestamptz[]) end as hour_index,
         r.bucket >= ? as current, r.status, r.direction,
         r.calls, r.answered, r.escalated, r.qa_count, r.qa_sum, r.sentiment_count, r.sentiment_sum
       from ${r.from}
       where r.organization_id = ? and r.bucket >= ? and r.bucket < ?${r.filter.sql}
     )
     select bucket, ${all ? 'status, direction, hour_index' : 'null as status, null as direction, null as hour_index'},
       sum(calls) as calls, sum(answered) as answered, sum(escalated) as escalated, sum(qa_count) as qa_count,
       sum(qa_sum) as qa_sum, sum(sentiment_count) as sentiment_count, sum(sentiment_sum) as sentiment_sum,
       sum(calls) filter (where current) as current_calls,
       ${all ? 'grouping(bucket, status, direction, hour_index)' : '7'} as grouped
     from placed group by grouping sets ((bucket)${all ? ', (status), (direction), (hour_index)' : ''})`,
    [
      instants(grid),
      scope.start,
      instants(hourGrid),
      scope.start,
      ...r.params,
      scope.organizationId,
      scope.previousStart,
      scope.end,
      ...r.filter.params,
    ],
  );
  const kind = (r: { grouped: number }) => Number(r.grouped);
  return {
    ...volumeOf(rows, grid, scope),
    heatmap: heatmapOf(
      rows.filter((r) => kind(r) === 0b1110 && r.hour_index !== null && num(r.current_calls) > 0),
      labels,
    ),
  };
}

/** One row of a volume pass, grouped by one of (bucket, status, direction, and hour or weekday). */
interface VolumeRow {
  bucket: number | null;
  status: CallStatus | null;
  direction: CallDirection | null;
  calls: string;
  answered: string;
  escalated: string;
  qa_count: string;
  qa_sum: number;
  sentiment_count: string;
  sentiment_sum: number;
  current_calls: string;
  grouped: number;
}

/** The buckets (each with the previous period's), statuses and directions of a volume pass over `grid`. */
function volumeOf(rows: VolumeRow[], grid: Date[], scope: AnalyticsScope): Omit<Volume, 'heatmap'> {
  // grouping() is a bit mask over the four grouping columns: 0b0111 means "by bucket".
  const kind = (r: { grouped: number }) => Number(r.grouped);
  const byIndex = new Map(rows.filter((r) => kind(r) === 0b0111).map((r) => [Number(r.bucket), r]));
  const currentFrom = grid.findIndex((start) => start >= scope.start);
  const current = grid.slice(currentFrom);
  return {
    buckets: current.map((start, i) => {
      const row = byIndex.get(currentFrom + i + 1);
      const before = i < currentFrom ? byIndex.get(i + 1) : undefined;
      return {
        start,
        calls: num(row?.calls),
        answered: num(row?.answered),
        escalated: num(row?.escalated),
        qaCount: num(row?.qa_count),
        averageQaScore: ratio(num(row?.qa_sum), num(row?.qa_count)),
        sentimentCount: num(row?.sentiment_count),
        averageSentiment: ratio(num(row?.sentiment_sum), num(row?.sentiment_count)),
        previousCalls: num(before?.calls),
      };
    }),
    byStatus: rows
      .filter((r) => kind(r) === 0b1011 && num(r.current_calls) > 0)
      .map((r) => ({ status: r.status!, calls: num(r.current_calls) }))
      .sort((a, b) => b.calls - a.calls || a.status.localeCompare(b.status)),
    byDirection: rows
      .filter((r) => kind(r) === 0b1101 && num(r.current_calls) > 0)
      .map((r) => ({ direction: r.direction!, calls: num(r.current_calls) }))
      .sort((a, b) => a.direction.localeCompare(b.direction)),
  };
}

const HOURS = Array.from({ length: 24 }, (_, hour) => hour);

/**
 * `volume` in day or week buckets from the zone's local days: the same figures from one pass over a
 * few thousand day rows, the weekday × hour cells from each day's calls per local hour. With
 * `breakdowns` it leaves out the buckets (and so the previous period): statuses, directions and
 * weekday × hour of the range only, for hour buckets read from quarters beside it.
 */
async function volumeByDays(
  em: EntityManager,
  scope: AnalyticsScope,
  size: 'day' | 'week',
  figures: 'all' | 'breakdowns' = 'all',
): Promise<Volume> {
  const tz = scope.timeZone;
  const r = rollupOf(scope);
  const current = { ...daysOf(scope, scope.start), filter: r.filter };
  const all = figures === 'all';
  const source = all ? r : current;
  const grid = all ? await bucketStarts(em.fork(), size, tz, scope.previousStart, scope.end) : [];
  // Two statements on two connections: 24 sums a row in every grouping set would cost more than the rest.
  const [rows, weekdays] = await Promise.all([
    query<VolumeRow>(
      em.fork(),
      `with placed as (
         select width_bucket(r.bucket, ?::timestamptz[]) as bucket, r.bucket >= ? as current, r.status, r.direction,
           r.calls, r.answered, r.escalated, r.qa_count, r.qa_sum, r.sentiment_count, r.sentiment_sum
         from ${source.from}
         where r.organization_id = ? and r.bucket >= ? and r.bucket < ?${source.filter.sql}
       )
       select ${all ? 'bucket' : 'null as bucket'}, status, direction,
         sum(calls) as calls, sum(answered) as answered, sum(escalated) as escalated, sum(qa_count) as qa_count,
         sum(qa_sum) as qa_sum, sum(sentiment_count) as sentiment_count, sum(sentiment_sum) as sentiment_sum,
         sum(calls) filter (where current) as current_calls,
         -- as volumeOf reads the mask of four grouping columns, the fourth never grouped here (nor,
         -- for breakdowns, the first)
         (${all ? 'grouping(bucket, status, direction)' : '4 + grouping(status, direction)'}) * 2 + 1 as grouped
       from placed group by grouping sets (${all ? '(bucket), ' : ''}(status), (direction))`,
      [
        instants(grid),
        scope.start,
        ...source.params,
        scope.organizationId,
        all ? scope.previousStart : scope.start,
        scope.end,
        ...source.filter.params,
      ],
    ),
    query<{ weekday: number } & Record<`h${number}`, string | null>>(
      em.fork(),
      `select extract(isodow from r.day)::int as weekday,
         ${HOURS.map((h) => `sum(r.hour_calls[${h + 1}]) as h${h}`).join(', ')}
       from ${current.from}
       where r.organization_id = ? and r.bucket >= ? and r.bucket < ?${current.filter.sql}
       group by 1`,
      [...current.params, scope.organizationId, scope.start, scope.end, ...current.filter.params],
    ),
  ]);
  return {
    ...volumeOf(rows, grid, scope),
    heatmap: weekdays
      .flatMap((row) => HOURS.map((hour) => ({ weekday: Number(row.weekday), hour, calls: num(row[`h${hour}`]) })))
      .filter((cell) => cell.calls > 0)
      .sort((a, b) => a.weekday - b.weekday || a.hour - b.hour),
  };
}

/** Local hours of the range folded onto weekday × hour (one cell may gather several hours of the range). */
function heatmapOf(
  rows: { hour_index: number | null; current_calls: string }[],
  labels: { weekday: number; hour: number }[],
): Volume['heatmap'] {
  const cells = new Map<string, { weekday: number; hour: number; calls: number }>();
  for (const row of rows) {
    const label = labels[Number(row.hour_index) - 1];
    if (!label) continue;
    const key = `${label.weekday}:${label.hour}`;
    const cell = cells.get(key) ?? { weekday: label.weekday, hour: label.hour, calls: 0 };
    cell.calls += num(row.current_calls);
    cells.set(key, cell);
  }
  return [...cells.values()].sort((a, b) => a.weekday - b.weekday || a.hour - b.hour);
}

export interface Quality {
  scored: number;
  averageScore: number | null;
  components: {
    sentiment: number | null;
    compliance: number | null;
    accuracy: number | null;
    professionalism: number | null;
  };
  /** Ten bands of 0.1: [0, 0.1), …, [0.9, 1]. */
  distribution: { from: number; to: number; calls: number }[];
  topViolations: { rule: string; severity: string; count: number }[];
  overrides: number;
  averageOverrideChange: number | null;
}

/** Final QA scores of the range's calls: average, components, distribution, violations, reviewer overrides. */
export async function quality(em: EntityManager, scope: AnalyticsScope): Promise<Quality> {
  const r = rollupOf(scope);
  const f = filterSql(scope.filter, 'f');
  const range = [scope.organizationId, scope.start, scope.end];
  const [sums] = await query<Record<string, number | string>>(
    em,
    `select sum(r.qa_count) as qa_count, sum(r.qa_sum) as qa_sum, sum(r.qa_sentiment_sum) as sentiment,
       sum(r.qa_compliance_sum) as compliance, sum(r.qa_accuracy_sum) as accuracy,
       sum(r.qa_professionalism_sum) as professionalism, sum(r.qa_overridden) as overridden,
       sum(r.qa_override_change_sum) as override_change
     from ${r.from} where r.organization_id = ? and r.bucket >= ? and r.bucket < ?${r.filter.sql}`,
    [...r.params, ...range, ...r.filter.params],
  );
  const bands = await query<{ band: number; calls: string }>(
    em,
    `select least(width_bucket(f.qa_score, 0, 1, 10), 10) as band, count(*) as calls
     from call_facts f
     where f.organization_id = ? and f.created_at >= ? and f.created_at < ? and f.qa_score is not null${f.sql}
     group by 1`,
    [...range, ...f.params],
  );
  const violations = await query<{ rule: string; severity: string; count: string }>(
    em,
    `select v->>'rule' as rule, v->>'severity' as severity, count(*) as count
     from call_facts f join qa_score q on q.call_id = f.call_id and q.final
     cross join lateral jsonb_array_elements(q.violations) v
     where f.organization_id = ? and f.created_at >= ? and f.created_at < ?${f.sql}
     group by 1, 2 order by 3 desc, 1 limit 10`,
    [...range, ...f.params],
  );
  const count = num(sums?.qa_count);
  const overridden = num(sums?.overridden);
  const byBand = new Map(bands.map((b) => [Number(b.band), num(b.calls)]));
  return {
    scored: count,
    averageScore: ratio(num(sums?.qa_sum), count),
    components: {
      sentiment: ratio(num(sums?.sentiment), count),
      compliance: ratio(num(sums?.compliance), count),
      accuracy: ratio(num(sums?.accuracy), count),
      professionalism: ratio(num(sums?.professionalism), count),
    },
    distribution: Array.from({ length: 10 }, (_, i) => ({
      from: i / 10,
      to: (i + 1) / 10,
      calls: byBand.get(i + 1) ?? 0,
    })),
    topViolations: violations.map((v) => ({ rule: v.rule, severity: v.severity, count: num(v.count) })),
    overrides: overridden,
    averageOverrideChange: ratio(num(sums?.override_change), overridden),
  };
}

export interface Sentiment {
  calls: number;
  average: number | null;
  negative: number;
  neutral: number;
  positive: number;
  /** Calls whose caller's first line was negative and whose rolling sentiment ended positive. */
  recovered: number;
}

/** The callers' sentiment at the end of each call: average, labels, and calls turned round. */
export async function sentiment(em: EntityManager, scope: AnalyticsScope): Promise<Sentiment> {
  const r = rollupOf(scope);
  const [s] = await query<Record<string, string | number>>(
    em,
    `select sum(r.sentiment_count) as calls, sum(r.sentiment_sum) as total, sum(r.sentiment_negative) as negative,
       sum(r.sentiment_positive) as positive, sum(r.sentiment_recovered) as recovered
     from ${r.from} where r.organization_id = ? and r.bucket >= ? and r.bucket < ?${r.filter.sql}`,
    [...r.params, scope.organizationId, scope.start, scope.end, ...r.filter.params],
  );
  const calls = num(s?.calls);
  const negative = num(s?.negative);
  const positive = num(s?.positive);
  return {
    calls,
    average: ratio(num(s?.total), calls),
    negative,
    neutral: calls - negative - positive,
    positive,
    recovered: num(s?.recovered),
  };
}

export interface Escalations {
  total: number;
  byTrigger: { reason: string; count: number }[];
  waitToAgentP50Seconds: number | null;
  waitToAgentP90Seconds: number | null;
  acceptanceRate: number | null;
  callbackRate: number | null;
  perAgent: { agentId: string; name: string; offered: number; accepted: number; acceptanceRate: number | null }[];
}

/** Escalations triggered in the range, under the calls' own filter (through each call's facts). */
function escalationScope(scope: AnalyticsScope, joins = '') {
  const f = filterSql(scope.filter, 'f');
  return {
    from: `from escalation x join call_facts f on f.call_id = x.call_id ${joins}
           where x.organization_id = ? and x.triggered_at >= ? and x.triggered_at < ?${f.sql}`,
    params: [scope.organizationId, scope.start, scope.end, ...f.params],
  };
}

/**
 * Escalations triggered in the range: by trigger, the wait from trigger to an agent accepting
 * (p50, p90), how many an agent accepted, how many became callback tasks, and each agent's offers.
 */
export async function escalations(em: EntityManager, scope: AnalyticsScope): Promise<Escalations> {
  const x = escalationScope(scope);
  const [totals] = await query<Record<string, string | number | null>>(
    em,
    `select count(*) as total, count(x.accepted_at) as accepted,
       count(*) filter (where x.status = 'callback' or (x.status = 'completed' and x.accepted_at is null)) as callbacks,
       percentile_cont(0.5) within group (order by extract(epoch from x.accepted_at - x.triggered_at)) as p50,
       percentile_cont(0.9) within group (order by extract(epoch from x.accepted_at - x.triggered_at)) as p90
     ${x.from}`,
    x.params,
  );
  const byTrigger = await query<{ reason: string; count: string }>(
    em,
    `select x.reason, count(*) as count ${x.from} group by 1 order by 2 desc, 1`,
    x.params,
  );
  const offered = escalationScope(
    scope,
    "cross join lateral jsonb_array_elements(x.offers) o join human_agent a on a.id::text = o->>'agentId'",
  );
  const offers = await query<{ agent_id: string; name: string; offered: string; accepted: string }>(
    em,
    `select a.id as agent_id, a.name, count(*) as offered, count(*) filter (where o->>'outcome' = 'accepted') as accepted
     ${offered.from} group by 1, 2 order by 3 desc, 2`,
    offered.params,
  );
  const total = num(totals?.total);
  const seconds = (value: unknown) => (value === null || value === undefined ? null : Number(value));
  return {
    total,
    byTrigger: byTrigger.map((t) => ({ reason: t.reason, count: num(t.count) })),
    waitToAgentP50Seconds: seconds(totals?.p50),
    waitToAgentP90Seconds: seconds(totals?.p90),
    acceptanceRate: ratio(num(totals?.accepted), total),
    callbackRate: ratio(num(totals?.callbacks), total),
    perAgent: offers.map((o) => ({
      agentId: o.agent_id,
      name: o.name,
      offered: num(o.offered),
      accepted: num(o.accepted),
      acceptanceRate: ratio(num(o.accepted), num(o.offered)),
    })),
  };
}

export interface AgentFigures {
  agentId: string;
  name: string;
  availability: string;
  currentLoad: number;
  maxConcurrent: number;
  callsHandled: number;
  averageHandleSeconds: number | null;
  averageQaAfterHandoff: number | null;
}

/**
 * Each human agent of the organisation: the escalated calls they accepted in the range, their
 * average handle time (accepted to completed), the QA of those calls, and their availability now.
 */
export async function agents(em: EntityManager, scope: AnalyticsScope): Promise<AgentFigures[]> {
  const x = escalationScope(scope);
  const rows = await query<{
    id: string;
    name: string;
    availability: string;
    current_load: number;
    max_concurrent: number;
    handled: string | null;
    handle: number | null;
    qa: number | null;
  }>(
    em,
    `with handled as (
       select x.agent_id, count(*) as handled,
         avg(extract(epoch from x.completed_at - x.accepted_at)) filter (where x.completed_at is not null) as handle,
         avg(f.qa_score) as qa
       ${x.from} and x.accepted_at is not null group by 1
     )
     select a.id, a.name, a.availability, a.current_load, a.max_concurrent, h.handled, h.handle, h.qa
     from human_agent a left join handled h on h.agent_id = a.id
     where a.organization_id = ? order by coalesce(h.handled, 0) desc, a.name`,
    [...x.params, scope.organizationId],
  );
  return rows.map((a) => ({
    agentId: a.id,
    name: a.name,
    availability: a.availability,
    currentLoad: a.current_load,
    maxConcurrent: a.max_concurrent,
    callsHandled: num(a.handled),
    averageHandleSeconds: a.handle === null ? null : Number(a.handle),
    averageQaAfterHandoff: a.qa === null ? null : Number(a.qa),
  }));
}

export interface CampaignFigures {
  campaignId: string;
  name: string;
  status: string;
  /** Calls the campaign placed in the range, those answered, and those that were not a contact's first attempt. */
  calls: number;
  answered: number;
  answerRate: number | null;
  retries: number;
  /** The range's calls by the local hour they were placed in (hours without calls left out). */
  byHour: { hour: number; calls: number; answered: number }[];
  /** Where the campaign's contacts stand now, by status: its funnel whatever the range. */
  contacts: { status: string; contacts: number }[];
  contactsTotal: number;
  /** Contacts dialled at least once. */
  contactsDialled: number;
}

/**
 * Each campaign that placed calls in the range (under the filter; one campaign when it names one):
 * answer rate overall and by local hour, retries, and where its contacts stand now.
 */
export async function campaigns(em: EntityManager, scope: AnalyticsScope): Promise<CampaignFigures[]> {
  const f = filterSql(scope.filter, 'f');
  const rows = await query<{
    campaign_id: string;
    hour: number | null;
    calls: string;
    answered: string;
    retries: string;
  }>(
    em,
    `with placed as (
       select k.campaign_id, extract(hour from f.created_at at time zone ?::text)::int as hour, f.answered,
         (cc.call_ids[1] is distinct from k.id::text)::int as retry
       from call_facts f
       join call k on k.id = f.call_id
       left join campaign_contact cc on cc.id = k.campaign_contact_id
       where f.organization_id = ? and f.created_at >= ? and f.created_at < ? and k.campaign_id is not null${f.sql}
     )
     select campaign_id, hour, count(*) as calls, sum(answered) as answered, sum(retry) as retries
     from placed group by grouping sets ((campaign_id), (campaign_id, hour))`,
    [scope.timeZone, scope.organizationId, scope.start, scope.end, ...f.params],
  );
  const ids = [...new Set(rows.map((row) => row.campaign_id))];
  if (ids.length === 0) return [];
  const list = `{${ids.join(',')}}`;
  const [details, funnel] = await Promise.all([
    em
      .fork()
      .execute<{ id: string; name: string; status: string }[]>(
        'select id, name, status from campaign where id = any(?::uuid[]) and organization_id = ?',
        [list, scope.organizationId],
      ),
    em.fork().execute<{ campaign_id: string; status: string; contacts: string; dialled: string }[]>(
      `select campaign_id, status, count(*) as contacts, count(*) filter (where attempts > 0) as dialled
       from campaign_contact where campaign_id = any(?::uuid[]) group by 1, 2 order by 1, 2`,
      [list],
    ),
  ]);
  return details
    .map((campaign) => {
      const total = rows.find((row) => row.campaign_id === campaign.id && row.hour === null);
      const contacts = funnel.filter((row) => row.campaign_id === campaign.id);
      const calls = num(total?.calls);
      return {
        campaignId: campaign.id,
        name: campaign.name,
        status: campaign.status,
        calls,
        answered: num(total?.answered),
        answerRate: ratio(num(total?.answered), calls),
        retries: num(total?.retries),
        byHour: rows
          .filter((row) => row.campaign_id === campaign.id && row.hour !== null)
          .map((row) => ({ hour: Number(row.hour), calls: num(row.calls), answered: num(row.answered) }))
          .sort((a, b) => a.hour - b.hour),
        contacts: contacts.map((row) => ({ status: row.status, contacts: num(row.contacts) })),
        contactsTotal: contacts.reduce((sum, row) => sum + num(row.contacts), 0),
        contactsDialled: contacts.reduce((sum, row) => sum + num(row.dialled), 0),
      };
    })
    .sort((a, b) => b.calls - a.calls || a.name.localeCompare(b.name));
}

/** Folds the rollup's appended differences into one row per key; returns how many keys it folded. */
export async function compactRollup(em: EntityManager, keys = 5_000): Promise<number> {
  const [row] = await em.execute<{ folded: number }[]>('select analytics_compact_rollup(?) as folded', [keys]);
  return Number(row?.folded ?? 0);
}

/**
 * What a worker runs every ANALYTICS_COMPACT_INTERVAL_SECONDS: folds every difference appended since
 * (into the rollup and the local days of ready zones), then builds the days of zones first asked for
 * since. Safe beside other workers: one compaction runs at a time, and a build waits for it.
 */
export async function compactAnalytics(
  em: EntityManager,
  keys = 5_000,
): Promise<{ keysFolded: number; zonesBuilt: string[] }> {
  let keysFolded = 0;
  for (let folded = keys; folded >= keys; keysFolded += folded) folded = await compactRollup(em, keys);
  const pending = await em.execute<{ organization_id: string; time_zone: string }[]>(
    'select organization_id, time_zone from analytics_time_zone where not ready order by requested_at limit 20',
  );
  for (const zone of pending) {
    await em.execute('select analytics_build_days(?, ?)', [zone.organization_id, zone.time_zone]);
  }
  return { keysFolded, zonesBuilt: pending.map((zone) => zone.time_zone) };
}
