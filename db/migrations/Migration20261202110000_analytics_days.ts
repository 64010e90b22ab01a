import { Migration } from '@mikro-orm/migrations';

/** The sums a day row keeps, in `analytics_rollup`'s column order. */
const SUMS = [
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
];
const KEY = ['organization_id', 'time_zone', 'day', 'business_id', 'direction', 'status'];
const COLUMNS = [...KEY, ...SUMS, 'hour_calls'].join(', ');
const HOURS = Array.from({ length: 24 }, (_, hour) => hour);

/**
 * `select` of day rows from rollup rows `g` (columns of analytics_rollup plus `time_zone`, the local
 * `day` and `hour`), grouped by key.
 */
const daySums = (source: string) => `select ${KEY.map((k) => `g.${k}`).join(', ')},
    ${SUMS.map((s) => `sum(g.${s})`).join(', ')},
    array[${HOURS.map((h) => `coalesce(sum(g.calls) filter (where g.hour = ${h}), 0)::int`).join(', ')}]
  from ${source} g group by ${KEY.map((k) => `g.${k}`).join(', ')}`;

/** A rollup row `r` in zone `z` (a text expression): its local day and hour. */
const local = (zone: string) =>
  `(r.bucket at time zone ${zone})::date as day, extract(hour from r.bucket at time zone ${zone})::int as hour`;

const ROLLUP_INSERT = `insert into analytics_rollup (organization_id, bucket, business_id, direction, status, compacted,
      ${SUMS.join(', ')})`;

/**
 * The analytics migration's compaction (folds the differences of up to p_limit keys into one row
 * each), with `days`: also adding the differences it folds to the days of every ready zone of their
 * organisation, in the same statement.
 */
const compaction = (
  days: boolean,
) => `create or replace function analytics_compact_rollup(p_limit int) returns int language plpgsql as $$
declare
  folded int;
begin
  if not pg_try_advisory_xact_lock(hashtext('analytics_compact_rollup')) then return 0; end if;
  with keys as (
    select distinct r.organization_id, r.bucket from analytics_rollup r where not r.compacted limit p_limit
  ), gone as (
    delete from analytics_rollup r using keys k
    where r.organization_id = k.organization_id and r.bucket = k.bucket returning r.*
  ), folded_rows as (
    ${ROLLUP_INSERT}
    select organization_id, bucket, business_id, direction, status, true, ${SUMS.map((s) => `sum(${s})`).join(', ')}
    from gone group by organization_id, bucket, business_id, direction, status having sum(calls) <> 0
    returning 1
  )${
    days
      ? `, days as (
    insert into analytics_day_rollup as d (${COLUMNS})
    ${daySums(`(select r.*, z.time_zone, ${local('z.time_zone')} from gone r
        join analytics_time_zone z on z.organization_id = r.organization_id and z.ready where not r.compacted)`)}
    on conflict (${KEY.join(', ')}) do update set
      ${SUMS.map((s) => `${s} = d.${s} + excluded.${s}`).join(', ')},
      hour_calls = array(select u.a + u.b from unnest(d.hour_calls, excluded.hour_calls) with ordinality u(a, b, i) order by u.i)
    returning 1
  )`
      : ''
  }
  select count(*) into folded from keys;
  return folded;
end $$;`;

/** The analytics migration's rebuild of facts and rollup from the calls, with `days`: and of every zone's days. */
const rebuild = (days: boolean) => `create or replace function analytics_rebuild() returns void language plpgsql as $$
declare
  zone record;
begin
  alter table call_facts disable trigger call_facts_to_rollup;
  truncate call_facts, analytics_rollup${days ? ', analytics_day_rollup' : ''};
  insert into call_facts (call_id, organization_id, business_id, direction, status, created_at, answered, talk_seconds,
    handle_seconds, contained, escalated, qa_score, qa_sentiment, qa_compliance, qa_accuracy, qa_professionalism,
    qa_overridden, qa_override_change, sentiment_first, sentiment_final, updated_at)
  select f.*, now() from analytics_call_facts(array(select id from call)) f;
  ${ROLLUP_INSERT}
  select c.organization_id, c.bucket, c.business_id, c.direction, c.status, true, ${SUMS.map((s) => `sum(c.${s})`).join(', ')}
  from call_facts f, analytics_contribution(f, 1) c
  group by c.organization_id, c.bucket, c.business_id, c.direction, c.status;
  alter table call_facts enable trigger call_facts_to_rollup;${
    days
      ? `
  for zone in select organization_id, time_zone from analytics_time_zone loop
    perform analytics_build_days(zone.organization_id, zone.time_zone);
  end loop;`
      : ''
  }
end $$;`;

/**
 * Local days of the rollup for the time zones analytics are read in (`analytics_day_rollup`, kept by
 * the compactor as it folds differences, built for a zone when it is first asked for), so a year of
 * days is a few thousand rows instead of a few hundred thousand 15-minute ones.
 */
export class Migration20261202110000_analytics_days extends Migration {
  override name = 'Migration20261202110000_analytics_days';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "analytics_day_rollup" ("organization_id" uuid not null, "time_zone" varchar(64) not null, "day" date not null, "business_id" uuid not null, "direction" text not null, "status" text not null, "calls" int not null, "answered" int not null, "talk_seconds" bigint not null, "handle_seconds" bigint not null, "contained" int not null, "escalated" int not null, "qa_count" int not null, "qa_sum" double precision not null, "qa_sentiment_sum" double precision not null, "qa_compliance_sum" double precision not null, "qa_accuracy_sum" double precision not null, "qa_professionalism_sum" double precision not null, "qa_overridden" int not null, "qa_override_change_sum" double precision not null, "sentiment_count" int not null, "sentiment_sum" double precision not null, "sentiment_negative" int not null, "sentiment_positive" int not null, "sentiment_recovered" int not null, "hour_calls" int[] not null, primary key ("organization_id", "time_zone", "day", "business_id", "direction", "status"));`,
    );
    this.addSql(
      `create table "analytics_time_zone" ("organization_id" uuid not null, "time_zone" varchar(64) not null, "ready" boolean not null default false, "requested_at" timestamptz not null, primary key ("organization_id", "time_zone"));`,
    );
    this.addSql(
      `alter table "analytics_day_rollup" add constraint "analytics_day_rollup_direction_check" check ("direction" in ('inbound', 'outbound'));`,
    );
    this.addSql(
      `alter table "analytics_day_rollup" add constraint "analytics_day_rollup_status_check" check ("status" in ('queued', 'initiated', 'ringing', 'in_progress', 'escalated', 'completed', 'failed', 'busy', 'no_answer', 'canceled'));`,
    );
    // (Re)builds one zone's days from the compacted rollup and marks it ready. It waits for a
    // compaction in progress, and none starts meanwhile: the days are then exactly the compacted rows.
    this.addSql(`create or replace function analytics_build_days(p_org uuid, p_zone text) returns void language plpgsql as $$
begin
  perform pg_advisory_xact_lock(hashtext('analytics_compact_rollup'));
  delete from analytics_day_rollup where organization_id = p_org and time_zone = p_zone;
  insert into analytics_day_rollup (${COLUMNS})
  ${daySums(`(select r.*, p_zone as time_zone, ${local('p_zone')} from analytics_rollup r
      where r.organization_id = p_org and r.compacted)`)};
  update analytics_time_zone set ready = true where organization_id = p_org and time_zone = p_zone;
end $$;`);
    // The compaction and rebuild of the analytics migration, which now also keep every ready zone's days.
    this.addSql(compaction(true));
    this.addSql(rebuild(true));
  }

  override down(): void | Promise<void> {
    // The analytics migration's compaction and rebuild, without days.
    this.addSql(compaction(false));
    this.addSql(rebuild(false));
    this.addSql('drop function if exists analytics_build_days(uuid, text);');
    this.addSql('drop table if exists "analytics_day_rollup" cascade;');
    this.addSql('drop table if exists "analytics_time_zone" cascade;');
  }
}
