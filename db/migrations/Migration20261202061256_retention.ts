import { Migration } from '@mikro-orm/migrations';

export class Migration20261202061256_retention extends Migration {
  override name = 'Migration20261202061256_retention';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "retention_policy" ("organization_id" uuid not null, "transcript_days" int null, "call_days" int null, "qa_detail_days" int null, "notification_days" int null, "event_log_days" int null, "audit_log_days" int null, "knowledge_source_days" int null, "updated_at" timestamptz not null, "last_run_started_at" timestamptz null, "last_run_finished_at" timestamptz null, "last_run_removed" jsonb null, primary key ("organization_id"));`,
    );

    this.addSql(`drop trigger if exists "audit_log_append_only" on "audit_log";`);
    this.addSql(`drop function if exists "audit_log_audit_log_append_only_fn"();`);
    this.addSql(
      `create or replace function "audit_log_audit_log_append_only_fn"() returns trigger as $$ begin if tg_op = 'DELETE' and current_setting('callplatform.retention_purge', true) = 'on' then return null; end if; raise exception 'audit_log is append-only'; end; $$ language plpgsql;`,
    );
    this.addSql(
      `create trigger "audit_log_append_only" BEFORE UPDATE OR DELETE on "audit_log" for each STATEMENT execute function "audit_log_audit_log_append_only_fn"();`,
    );

    this.addSql(
      `alter table "retention_policy" add constraint "retention_policy_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete cascade;`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "retention_policy" cascade;`);

    this.addSql(`drop trigger if exists "audit_log_append_only" on "audit_log";`);
    this.addSql(`drop function if exists "audit_log_audit_log_append_only_fn"();`);
    this.addSql(
      `create or replace function "audit_log_audit_log_append_only_fn"() returns trigger as $$ begin raise exception 'audit_log is append-only'; end; $$ language plpgsql;`,
    );
    this.addSql(
      `create trigger "audit_log_append_only" BEFORE UPDATE OR DELETE on "audit_log" for each STATEMENT execute function "audit_log_audit_log_append_only_fn"();`,
    );
  }
}
