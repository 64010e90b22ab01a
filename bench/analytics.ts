/**
 * npm run bench:analytics — each analytics query's latency at production size.
 *
 * Generates BENCH_CALLS calls (default 1,000,000: one organisation, five businesses, a year, with QA,
 * the caller's sentiment and escalations) into `callplatform_bench` once (reused while the generator
 * and options match; BENCH_TRANSCRIPTS=1 adds whole conversations), then runs every analytics query
 * of `db/analytics.ts` (what the GraphQL resolvers call) over the last 7, 30, 90 and 365 days, in
 * India's time zone (+5:30, so no UTC-hour shortcut could serve it), BENCH_RUNS times each after
 * warming up, and prints p50/p99 in ms. Infrastructure must be up (`npm run infra up`).
 */
import * as analytics from '../db/analytics.ts';
import { openOrm } from '../db/orm.ts';
import { TEST_DATABASE_URL } from '../test/support/env.ts';
import { percentiles } from './stats.ts';
import { benchDatabase } from './support/generate-calls.ts';

const calls = Number(process.env.BENCH_CALLS ?? 1_000_000);
const runs = Number(process.env.BENCH_RUNS ?? 100);
const transcripts = process.env.BENCH_TRANSCRIPTS === '1';
const timeZone = 'Asia/Kolkata';

const dataset = await benchDatabase({
  adminUrl: TEST_DATABASE_URL,
  calls,
  transcripts,
  log: (line) => console.log(`[bench] ${line}`),
});
console.log(
  `[bench] ${calls} calls in ${dataset.databaseUrl.replace(/\/\/[^@]*@/, '//')} (${dataset.generated ? `generated in ${dataset.generateSeconds} s` : 'reused'})`,
);

const orm = await openOrm(dataset.databaseUrl, 4);
const UNTIL = '2026-11-30';
const em = orm.em.fork();
// As a worker's compactor does: fold differences, and build the local days of the zone the first
// query asked for. BENCH_GRAIN=quarters reads the 15-minute rollup instead, for comparison.
const quarters = process.env.BENCH_GRAIN === 'quarters';
await analytics.resolveScope(em, dataset.organizationId, { from: UNTIL, to: UNTIL, timeZone }, {});
const compacting = performance.now();
const compacted = await analytics.compactAnalytics(em);
console.log(
  `[bench] compactor: ${compacted.keysFolded} keys folded, days built for ${compacted.zonesBuilt.join(', ') || 'no new zone'} in ${Math.round(performance.now() - compacting)} ms`,
);
const [sizes] = await em.execute<{ calls: string; facts: string; rollup: string; escalations: string; days: string }[]>(
  `select (select count(*) from call) as calls, (select count(*) from call_facts) as facts,
     (select count(*) from analytics_rollup) as rollup, (select count(*) from escalation) as escalations,
     (select count(*) from analytics_day_rollup where time_zone = ?) as days`,
  [timeZone],
);
console.log(
  `[bench] rows: ${sizes!.calls} calls, ${sizes!.facts} facts, ${sizes!.rollup} rollup rows, ${sizes!.days} day rows in ${timeZone}, ${sizes!.escalations} escalations`,
);

const rangeOf = (days: number) => {
  const from = new Date(Date.parse(`${UNTIL}T00:00:00Z`) - (days - 1) * 86_400_000).toISOString().slice(0, 10);
  return { from, to: UNTIL, timeZone };
};

type Query = [name: string, run: (scope: analytics.AnalyticsScope) => Promise<unknown>, maxDays?: number];
const QUERIES: Query[] = [
  ['overview', (s) => analytics.overview(em, s)],
  ['volume (day)', (s) => analytics.volume(em, s, 'day')],
  ['volume (week)', (s) => analytics.volume(em, s, 'week')],
  ['volume (hour)', (s) => analytics.volume(em, s, 'hour'), 31],
  ['quality', (s) => analytics.quality(em, s)],
  ['sentiment', (s) => analytics.sentiment(em, s)],
  ['escalations', (s) => analytics.escalations(em, s)],
  ['agents', (s) => analytics.agents(em, s)],
];

const rows: string[] = [];
for (const days of [7, 30, 90, 365]) {
  const resolved = await analytics.resolveScope(em, dataset.organizationId, rangeOf(days), {});
  const scope = quarters ? { ...resolved, days: false } : resolved;
  for (const [name, run, maxDays] of QUERIES) {
    if (maxDays && days > maxDays) continue;
    for (let i = 0; i < 3; i++) await run(scope);
    const samples: number[] = [];
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      await run(scope);
      samples.push(performance.now() - started);
    }
    const p = percentiles(samples);
    rows.push(`| ${name} | ${days} d | ${p.p50} | ${p.p99} | ${p.max} |`);
    console.log(`[bench] ${name} over ${days} days: p50 ${p.p50} ms, p99 ${p.p99} ms`);
  }
}
await orm.close();

console.log(
  `\n${calls.toLocaleString('en')} calls, ${runs} runs each, time zone ${timeZone}, from ${quarters ? '15-minute sums' : 'local days'}\n`,
);
console.log('| query | range | p50 ms | p99 ms | max ms |');
console.log('|---|---|---|---|---|');
for (const row of rows) console.log(row);
