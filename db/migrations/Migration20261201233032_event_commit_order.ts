import { Migration } from '@mikro-orm/migrations';

/**
 * Events get their cursors in commit order: `publish_event` takes a transaction-level advisory lock
 * before it draws the next id, so a transaction that draws a lower id has committed (or rolled
 * back) before any higher one can be drawn, and an event never becomes visible behind one already
 * delivered. `dedupe_key` lets two publishers of the same event (the bridge live, the workflow's
 * durable write) log it once.
 */
export class Migration20261201233032_event_commit_order extends Migration {
  override name = 'Migration20261201233032_event_commit_order';

  override up(): void | Promise<void> {
    this.addSql(`alter table "event_log" add "dedupe_key" varchar(255) null;`);
    this.addSql(`alter table "event_log" add constraint "event_log_dedupe_key_unique" unique ("dedupe_key");`);
    this.addSql(`
create or replace function publish_event(p_topic text, p_key text, p_payload jsonb, p_dedupe_key text)
returns bigint language plpgsql as $$
declare
  v_id bigint;
  v_created timestamptz := clock_timestamp();
  v_body text;
begin
  perform pg_advisory_xact_lock(hashtext('callplatform_event_log'));
  insert into event_log (topic, key, payload, dedupe_key, created_at)
    values (p_topic, p_key, p_payload, p_dedupe_key, v_created)
    on conflict (dedupe_key) do nothing
    returning id into v_id;
  if v_id is null then
    return null;
  end if;
  v_body := json_build_object('id', v_id::text, 'topic', p_topic, 'key', p_key, 'payload', p_payload,
    'createdAt', to_char(v_created at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))::text;
  -- NOTIFY payloads are capped at 8000 bytes; bigger events travel as an id and are read from the log.
  perform pg_notify('callplatform_events',
    case when octet_length(v_body) < 7900 then v_body else json_build_object('id', v_id::text)::text end);
  return v_id;
end $$;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop function if exists publish_event(text, text, jsonb, text);`);
    this.addSql(`alter table "event_log" drop constraint "event_log_dedupe_key_unique";`);
    this.addSql(`alter table "event_log" drop column "dedupe_key";`);
  }
}
