import { Migration } from '@mikro-orm/migrations';

/**
 * Analytics: `call_facts` (one row per call, kept by statement triggers on the tables a call's figures
 * come from) and `analytics_rollup` (15-minute sums the facts' row trigger appends differences to);
 * exports and their file chunks. Existing calls are counted in at once.
 */
export class Migration20261202020000_analytics extends Migration {
  override name = 'Migration20261202020000_analytics';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "analytics_rollup" ("id" bigserial primary key, "organization_id" uuid not null, "bucket" timestamptz not null, "business_id" uuid not null, "direction" text not null, "status" text not null, "compacted" boolean not null default false, "calls" int not null, "answered" int not null, "talk_seconds" bigint not null, "handle_seconds" bigint not null, "contained" int not null, "escalated" int not null, "qa_count" int not null, "qa_sum" double precision not null, "qa_sentiment_sum" double precision not null, "qa_compliance_sum" double precision not null, "qa_accuracy_sum" double precision not null, "qa_professionalism_sum" double precision not null, "qa_overridden" int not null, "qa_override_change_sum" double precision not null, "sentiment_count" int not null, "sentiment_sum" double precision not null, "sentiment_negative" int not null, "sentiment_positive" int not null, "sentiment_recovered" int not null);`,
    );
    this.addSql(
      `create index "analytics_rollup_organization_id_bucket_index" on "analytics_rollup" ("organization_id", "bucket");`,
    );
    this.addSql(
      `create index "analytics_rollup_uncompacted" on "analytics_rollup" ("organization_id", "bucket") where not "compacted";`,
    );
    this.addSql(
      `create table "call_facts" ("call_id" uuid not null, "organization_id" uuid not null, "business_id" uuid not null, "direction" text not null, "status" text not null, "created_at" timestamptz not null, "answered" int not null, "talk_seconds" int not null, "handle_seconds" int not null, "contained" int not null, "escalated" int not null, "qa_score" double precision null, "qa_sentiment" double precision null, "qa_compliance" double precision null, "qa_accuracy" double precision null, "qa_professionalism" double precision null, "qa_overridden" int not null, "qa_override_change" double precision null, "sentiment_first" double precision null, "sentiment_final" double precision null, "updated_at" timestamptz not null, primary key ("call_id"));`,
    );
    this.addSql(
      `create index "call_facts_organization_id_created_at_index" on "call_facts" ("organization_id", "created_at");`,
    );
    this.addSql(
      `create index "call_facts_active" on "call_facts" ("organization_id") where "status" in ('queued', 'initiated', 'ringing', 'in_progress', 'escalated');`,
    );
    this.addSql(
      `create table "data_export" ("id" uuid not null, "organization_id" uuid not null, "created_by_id" uuid null, "kind" text not null, "format" text not null, "status" text not null default 'running', "parameters" jsonb not null, "workflow_id" varchar(255) not null, "file_name" varchar(255) not null, "rows_done" int not null default 0, "rows_total" int null, "bytes" bigint not null default '0', "error" text null, "created_at" timestamptz not null, "completed_at" timestamptz null, "expires_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(
      `create index "data_export_organization_id_created_at_index" on "data_export" ("organization_id", "created_at");`,
    );
    this.addSql(
      `create table "export_chunk" ("export_id" uuid not null, "sequence" int not null, "data" bytea not null, primary key ("export_id", "sequence"));`,
    );
    this.addSql(
      `alter table "analytics_rollup" add constraint "analytics_rollup_direction_check" check ("direction" in ('inbound', 'outbound'));`,
    );
    this.addSql(
      `alter table "analytics_rollup" add constraint "analytics_rollup_status_check" check ("status" in ('queued', 'initiated', 'ringing', 'in_progress', 'escalated', 'completed', 'failed', 'busy', 'no_answer', 'canceled'));`,
    );
    this.addSql(
      `alter table "call_facts" add constraint "call_facts_call_id_foreign" foreign key ("call_id") references "call" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "call_facts" add constraint "call_facts_direction_check" check ("direction" in ('inbound', 'outbound'));`,
    );
    this.addSql(
      `alter table "call_facts" add constraint "call_facts_status_check" check ("status" in ('queued', 'initiated', 'ringing', 'in_progress', 'escalated', 'completed', 'failed', 'busy', 'no_answer', 'canceled'));`,
    );
    this.addSql(
      `alter table "data_export" add constraint "data_export_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "data_export" add constraint "data_export_created_by_id_foreign" foreign key ("created_by_id") references "app_user" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "data_export" add constraint "data_export_kind_check" check ("kind" in ('calls', 'transcripts', 'qa_scores', 'escalations', 'report'));`,
    );
    this.addSql(
      `alter table "data_export" add constraint "data_export_format_check" check ("format" in ('csv', 'pdf'));`,
    );
    this.addSql(
      `alter table "data_export" add constraint "data_export_status_check" check ("status" in ('running', 'completed', 'failed', 'expired'));`,
    );
    this.addSql(
      `alter table "export_chunk" add constraint "export_chunk_export_id_foreign" foreign key ("export_id") references "data_export" ("id") on delete cascade;`,
    );

    this.addSql(
      `create index "escalation_organization_id_triggered_at_index" on "escalation" ("organization_id", "triggered_at");`,
    );
    // What analytics counts of a call, computed from the call's rows (for the given calls).
    this.addSql(`create or replace function analytics_call_facts(p_ids uuid[])
returns table (call_id uuid, organization_id uuid, business_id uuid, direction text, status text, created_at timestamptz,
  answered int, talk_seconds int, handle_seconds int, contained int, escalated int, qa_score float8, qa_sentiment float8,
  qa_compliance float8, qa_accuracy float8, qa_professionalism float8, qa_overridden int, qa_override_change float8,
  sentiment_first float8, sentiment_final float8)
language sql stable as $$
  select c.id, c.organization_id, c.business_id, c.direction, c.status, c.created_at,
    (c.answered_at is not null)::int,
    case when c.answered_at is null then 0 else coalesce(c.duration_seconds, 0) end,
    case when c.answered_at is null then 0 else greatest(coalesce(c.duration_seconds, 0),
      coalesce(extract(epoch from e.wrapped_up_at - c.answered_at)::int, 0)) end,
    (c.answered_at is not null and not coalesce(e.human, false)
      and coalesce(c.end_reason, '') not in ('supervisor_takeover', 'escalated_to_agent'))::int,
    (coalesce(e.escalations, 0) > 0)::int,
    coalesce(q.override_score, q.score),
    (q.components->>'sentiment')::float8, (q.components->>'compliance')::float8,
    (q.components->>'accuracy')::float8, (q.components->>'professionalism')::float8,
    (q.override_score is not null)::int, q.override_score - q.score,
    first_line.compound, last_line.rolling
  from call c
  left join lateral (
    select count(*) as escalations,
      -- a completed escalation nobody accepted was a callback task
      bool_or(x.accepted_at is not null or x.status in ('callback', 'handed_off', 'completed')) as human,
      max(x.completed_at) filter (where x.accepted_at is not null) as wrapped_up_at
    from escalation x where x.call_id = c.id
  ) e on true
  left join qa_score q on q.call_id = c.id and q.final
  left join lateral (
    select (l.sentiment->>'compound')::float8 as compound from call_interaction l
    where l.call_id = c.id and l.speaker = 'customer' and l.sentiment is not null order by l.sequence limit 1
  ) first_line on true
  left join lateral (
    select (l.sentiment->>'rolling')::float8 as rolling from call_interaction l
    where l.call_id = c.id and l.speaker = 'customer' and l.sentiment is not null order by l.sequence desc limit 1
  ) last_line on true
  where c.id = any(p_ids)
$$;`);
    // Recomputes the calls' facts. Locking their rows first makes two transactions touching one call
    // take turns, and the second computes from what the first committed.
    this.addSql(`create or replace function analytics_refresh_calls(p_ids uuid[]) returns void language plpgsql as $$
begin
  perform 1 from call_facts where call_id = any(p_ids) order by call_id for update;
  insert into call_facts (call_id, organization_id, business_id, direction, status, created_at, answered, talk_seconds,
    handle_seconds, contained, escalated, qa_score, qa_sentiment, qa_compliance, qa_accuracy, qa_professionalism,
    qa_overridden, qa_override_change, sentiment_first, sentiment_final, updated_at)
  select f.*, now() from analytics_call_facts(p_ids) f
  on conflict (call_id) do update set status = excluded.status, answered = excluded.answered,
    talk_seconds = excluded.talk_seconds, handle_seconds = excluded.handle_seconds, contained = excluded.contained,
    escalated = excluded.escalated, qa_score = excluded.qa_score, qa_sentiment = excluded.qa_sentiment,
    qa_compliance = excluded.qa_compliance, qa_accuracy = excluded.qa_accuracy,
    qa_professionalism = excluded.qa_professionalism, qa_overridden = excluded.qa_overridden,
    qa_override_change = excluded.qa_override_change, sentiment_first = excluded.sentiment_first,
    sentiment_final = excluded.sentiment_final, updated_at = excluded.updated_at
  where (call_facts.status, call_facts.answered, call_facts.talk_seconds, call_facts.handle_seconds,
      call_facts.contained, call_facts.escalated, call_facts.qa_score, call_facts.qa_sentiment, call_facts.qa_compliance,
      call_facts.qa_accuracy, call_facts.qa_professionalism, call_facts.qa_overridden, call_facts.qa_override_change,
      call_facts.sentiment_first, call_facts.sentiment_final)
    is distinct from (excluded.status, excluded.answered, excluded.talk_seconds, excluded.handle_seconds,
      excluded.contained, excluded.escalated, excluded.qa_score, excluded.qa_sentiment, excluded.qa_compliance,
      excluded.qa_accuracy, excluded.qa_professionalism, excluded.qa_overridden, excluded.qa_override_change,
      excluded.sentiment_first, excluded.sentiment_final);
end $$;`);
    this.addSql(`create or replace function analytics_call_rows_changed() returns trigger language plpgsql as $$
begin
  perform analytics_refresh_calls(array(select id from changed));
  return null;
end $$;`);
    this.addSql(`create or replace function analytics_call_parts_changed() returns trigger language plpgsql as $$
begin
  perform analytics_refresh_calls(array(select distinct call_id from changed));
  return null;
end $$;`);
    this.addSql(`create or replace function analytics_caller_lines_added() returns trigger language plpgsql as $$
declare
  ids uuid[] := array(select distinct call_id from changed where speaker = 'customer' and sentiment is not null);
begin
  if cardinality(ids) > 0 then perform analytics_refresh_calls(ids); end if;
  return null;
end $$;`);
    // A call's share of the rollup (negative to take it out): the one place the measures are defined.
    this.addSql(`create or replace function analytics_contribution(f call_facts, sign int)
returns table (organization_id uuid, bucket timestamptz, business_id uuid, direction text, status text, calls int,
  answered int, talk_seconds bigint, handle_seconds bigint, contained int, escalated int, qa_count int, qa_sum float8,
  qa_sentiment_sum float8, qa_compliance_sum float8, qa_accuracy_sum float8, qa_professionalism_sum float8,
  qa_overridden int, qa_override_change_sum float8, sentiment_count int, sentiment_sum float8, sentiment_negative int,
  sentiment_positive int, sentiment_recovered int)
language sql immutable as $$
  select f.organization_id, date_bin('15 minutes', f.created_at, timestamptz '2000-01-01 00:00:00+00'), f.business_id,
    f.direction, f.status, sign, sign * f.answered, sign * f.talk_seconds, sign * f.handle_seconds, sign * f.contained,
    sign * f.escalated, sign * (f.qa_score is not null)::int, sign * coalesce(f.qa_score, 0),
    sign * coalesce(f.qa_sentiment, 0), sign * coalesce(f.qa_compliance, 0), sign * coalesce(f.qa_accuracy, 0),
    sign * coalesce(f.qa_professionalism, 0), sign * f.qa_overridden, sign * coalesce(f.qa_override_change, 0),
    sign * (f.sentiment_final is not null)::int, sign * coalesce(f.sentiment_final, 0),
    sign * coalesce(f.sentiment_final <= -0.05, false)::int, sign * coalesce(f.sentiment_final >= 0.05, false)::int,
    sign * coalesce(f.sentiment_first <= -0.05 and f.sentiment_final >= 0.05, false)::int
$$;`);
    this.addSql(`create or replace function analytics_facts_to_rollup() returns trigger language plpgsql as $$
begin
  if tg_op in ('UPDATE', 'DELETE') then
    insert into analytics_rollup (organization_id, bucket, business_id, direction, status, calls, answered, talk_seconds,
      handle_seconds, contained, escalated, qa_count, qa_sum, qa_sentiment_sum, qa_compliance_sum, qa_accuracy_sum,
      qa_professionalism_sum, qa_overridden, qa_override_change_sum, sentiment_count, sentiment_sum, sentiment_negative,
      sentiment_positive, sentiment_recovered)
    select * from analytics_contribution(old, -1);
  end if;
  if tg_op in ('INSERT', 'UPDATE') then
    insert into analytics_rollup (organization_id, bucket, business_id, direction, status, calls, answered, talk_seconds,
      handle_seconds, contained, escalated, qa_count, qa_sum, qa_sentiment_sum, qa_compliance_sum, qa_accuracy_sum,
      qa_professionalism_sum, qa_overridden, qa_override_change_sum, sentiment_count, sentiment_sum, sentiment_negative,
      sentiment_positive, sentiment_recovered)
    select * from analytics_contribution(new, 1);
  end if;
  return null;
end $$;`);
    // Folds the differences of up to p_limit keys into one row each (keys that sum to no call vanish).
    // One compaction at a time; a second caller returns at once.
    this.addSql(`create or replace function analytics_compact_rollup(p_limit int) returns int language plpgsql as $$
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
    insert into analytics_rollup (organization_id, bucket, business_id, direction, status, compacted, calls, answered,
      talk_seconds, handle_seconds, contained, escalated, qa_count, qa_sum, qa_sentiment_sum, qa_compliance_sum,
      qa_accuracy_sum, qa_professionalism_sum, qa_overridden, qa_override_change_sum, sentiment_count, sentiment_sum,
      sentiment_negative, sentiment_positive, sentiment_recovered)
    select organization_id, bucket, business_id, direction, status, true, sum(calls), sum(answered), sum(talk_seconds),
      sum(handle_seconds), sum(contained), sum(escalated), sum(qa_count), sum(qa_sum), sum(qa_sentiment_sum),
      sum(qa_compliance_sum), sum(qa_accuracy_sum), sum(qa_professionalism_sum), sum(qa_overridden),
      sum(qa_override_change_sum), sum(sentiment_count), sum(sentiment_sum), sum(sentiment_negative),
      sum(sentiment_positive), sum(sentiment_recovered)
    from gone group by organization_id, bucket, business_id, direction, status having sum(calls) <> 0
    returning 1
  )
  select count(*) into folded from keys;
  return folded;
end $$;`);
    // Builds facts and rollup from scratch (existing databases, generated bench data), triggers aside.
    this.addSql(`create or replace function analytics_rebuild() returns void language plpgsql as $$
begin
  alter table call_facts disable trigger call_facts_to_rollup;
  truncate call_facts, analytics_rollup;
  insert into call_facts (call_id, organization_id, business_id, direction, status, created_at, answered, talk_seconds,
    handle_seconds, contained, escalated, qa_score, qa_sentiment, qa_compliance, qa_accuracy, qa_professionalism,
    qa_overridden, qa_override_change, sentiment_first, sentiment_final, updated_at)
  select f.*, now() from analytics_call_facts(array(select id from call)) f;
  insert into analytics_rollup (organization_id, bucket, business_id, direction, status, compacted, calls, answered,
    talk_seconds, handle_seconds, contained, escalated, qa_count, qa_sum, qa_sentiment_sum, qa_compliance_sum,
    qa_accuracy_sum, qa_professionalism_sum, qa_overridden, qa_override_change_sum, sentiment_count, sentiment_sum,
    sentiment_negative, sentiment_positive, sentiment_recovered)
  select c.organization_id, c.bucket, c.business_id, c.direction, c.status, true, sum(c.calls), sum(c.answered),
    sum(c.talk_seconds), sum(c.handle_seconds), sum(c.contained), sum(c.escalated), sum(c.qa_count), sum(c.qa_sum),
    sum(c.qa_sentiment_sum), sum(c.qa_compliance_sum), sum(c.qa_accuracy_sum), sum(c.qa_professionalism_sum),
    sum(c.qa_overridden), sum(c.qa_override_change_sum), sum(c.sentiment_count), sum(c.sentiment_sum),
    sum(c.sentiment_negative), sum(c.sentiment_positive), sum(c.sentiment_recovered)
  from call_facts f, analytics_contribution(f, 1) c
  group by c.organization_id, c.bucket, c.business_id, c.direction, c.status;
  alter table call_facts enable trigger call_facts_to_rollup;
end $$;`);
    this.addSql(
      `create trigger "call_analytics_insert" after insert on "call" referencing new table as changed for each statement execute function analytics_call_rows_changed();`,
    );
    this.addSql(
      `create trigger "call_analytics_update" after update on "call" referencing new table as changed for each statement execute function analytics_call_rows_changed();`,
    );
    this.addSql(
      `create trigger "call_interaction_analytics_insert" after insert on "call_interaction" referencing new table as changed for each statement execute function analytics_caller_lines_added();`,
    );
    this.addSql(
      `create trigger "qa_score_analytics_insert" after insert on "qa_score" referencing new table as changed for each statement execute function analytics_call_parts_changed();`,
    );
    this.addSql(
      `create trigger "qa_score_analytics_update" after update on "qa_score" referencing new table as changed for each statement execute function analytics_call_parts_changed();`,
    );
    this.addSql(
      `create trigger "qa_score_analytics_delete" after delete on "qa_score" referencing old table as changed for each statement execute function analytics_call_parts_changed();`,
    );
    this.addSql(
      `create trigger "escalation_analytics_insert" after insert on "escalation" referencing new table as changed for each statement execute function analytics_call_parts_changed();`,
    );
    this.addSql(
      `create trigger "escalation_analytics_update" after update on "escalation" referencing new table as changed for each statement execute function analytics_call_parts_changed();`,
    );
    this.addSql(
      `create trigger "escalation_analytics_delete" after delete on "escalation" referencing old table as changed for each statement execute function analytics_call_parts_changed();`,
    );
    this.addSql(
      `create trigger "call_facts_to_rollup" after insert or update or delete on "call_facts" for each row execute function analytics_facts_to_rollup();`,
    );
    this.addSql('select analytics_rebuild();');
  }

  override down(): void | Promise<void> {
    for (const fn of [
      'analytics_rebuild()',
      'analytics_compact_rollup(int)',
      'analytics_facts_to_rollup()',
      'analytics_contribution(call_facts, int)',
      'analytics_caller_lines_added()',
      'analytics_call_parts_changed()',
      'analytics_call_rows_changed()',
      'analytics_refresh_calls(uuid[])',
      'analytics_call_facts(uuid[])',
    ]) {
      this.addSql(`drop function if exists ${fn} cascade;`);
    }
    this.addSql(`drop index if exists "escalation_organization_id_triggered_at_index";`);
    this.addSql(`alter table "export_chunk" drop constraint "export_chunk_export_id_foreign";`);

    this.addSql(`drop table if exists "analytics_rollup" cascade;`);
    this.addSql(`drop trigger if exists "call_facts_to_rollup" on "call_facts";`);
    this.addSql(`drop table if exists "call_facts" cascade;`);
    this.addSql(`drop table if exists "data_export" cascade;`);
    this.addSql(`drop table if exists "export_chunk" cascade;`);

    this.addSql(`drop trigger if exists "call_analytics_insert" on "call";`);
    this.addSql(`drop trigger if exists "call_analytics_update" on "call";`);

    this.addSql(`drop trigger if exists "call_interaction_analytics_insert" on "call_interaction";`);

    this.addSql(`drop trigger if exists "escalation_analytics_insert" on "escalation";`);
    this.addSql(`drop trigger if exists "escalation_analytics_update" on "escalation";`);
    this.addSql(`drop trigger if exists "escalation_analytics_delete" on "escalation";`);

    this.addSql(`drop trigger if exists "qa_score_analytics_insert" on "qa_score";`);
    this.addSql(`drop trigger if exists "qa_score_analytics_update" on "qa_score";`);
    this.addSql(`drop trigger if exists "qa_score_analytics_delete" on "qa_score";`);
  }
}
