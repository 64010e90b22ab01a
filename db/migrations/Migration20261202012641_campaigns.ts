import { Migration } from '@mikro-orm/migrations';

export class Migration20261202012641_campaigns extends Migration {
  override name = 'Migration20261202012641_campaigns';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "do_not_call" ("id" uuid not null, "organization_id" uuid not null, "phone_number" varchar(16) not null, "reason" varchar(500) null, "source" text not null, "added_by_id" uuid null, "added_by_label" varchar(255) null, "call_id" uuid null, "created_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(
      `create index "do_not_call_organization_id_created_at_index" on "do_not_call" ("organization_id", "created_at");`,
    );
    this.addSql(
      `alter table "do_not_call" add constraint "do_not_call_organization_id_phone_number_unique" unique ("organization_id", "phone_number");`,
    );

    this.addSql(
      `create table "campaign" ("id" uuid not null, "organization_id" uuid not null, "business_id" uuid not null, "name" varchar(200) not null, "status" text not null default 'draft', "start_at" timestamptz null, "end_at" timestamptz null, "calls_per_minute" int not null default 10, "max_concurrent_calls" int not null default 5, "calling_window" jsonb null, "time_zone" varchar(64) null, "retry" jsonb not null default '{}', "voicemail" jsonb not null default '{}', "require_consent" boolean not null default false, "instructions" text null, "greeting" text null, "default_country" varchar(2) null, "post_call" jsonb not null default '{}', "progress" jsonb null, "workflow_id" varchar(255) null, "started_at" timestamptz null, "finished_at" timestamptz null, "created_by_id" uuid null, "created_by_label" varchar(255) null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(
      `create index "campaign_organization_id_created_at_index" on "campaign" ("organization_id", "created_at");`,
    );

    this.addSql(
      `create table "campaign_import" ("id" uuid not null, "campaign_id" uuid not null, "organization_id" uuid not null, "file_name" varchar(255) not null, "rows" int not null default 0, "added" int not null default 0, "merged" int not null default 0, "do_not_call" int not null default 0, "failed" int not null default 0, "created_by_label" varchar(255) null, "created_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(
      `create index "campaign_import_campaign_id_created_at_index" on "campaign_import" ("campaign_id", "created_at");`,
    );

    this.addSql(
      `create table "campaign_import_error" ("id" bigserial primary key, "import_id" uuid not null, "line" int not null, "field" varchar(100) null, "message" varchar(500) not null);`,
    );
    this.addSql(
      `create index "campaign_import_error_import_id_line_index" on "campaign_import_error" ("import_id", "line");`,
    );

    this.addSql(
      `create table "campaign_contact" ("id" uuid not null, "campaign_id" uuid not null, "organization_id" uuid not null, "phone_number" varchar(16) not null, "name" varchar(200) null, "time_zone" varchar(64) null, "number_time_zones" text[] not null default '{}', "variables" jsonb not null default '{}', "consent" boolean null, "status" text not null default 'pending', "attempts" int not null default 0, "next_attempt_at" timestamptz null, "last_outcome" text null, "last_call_id" uuid null, "call_ids" text[] not null default '{}', "position" int not null default 0, "source_line" int null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(
      `create index "campaign_contact_campaign_id_status_index" on "campaign_contact" ("campaign_id", "status");`,
    );
    this.addSql(
      `create index "campaign_contact_campaign_id_position_index" on "campaign_contact" ("campaign_id", "position");`,
    );
    this.addSql(`create index "campaign_contact_last_call_id_index" on "campaign_contact" ("last_call_id");`);
    this.addSql(
      `create index "campaign_contact_due_index" on "campaign_contact" ("campaign_id", "next_attempt_at" nulls first, "position") where "status" in ('pending', 'retry_scheduled', 'waiting_window');`,
    );
    this.addSql(
      `alter table "campaign_contact" add constraint "campaign_contact_campaign_id_phone_number_unique" unique ("campaign_id", "phone_number");`,
    );

    this.addSql(`alter table "call" add "campaign_id" uuid null, add "campaign_contact_id" uuid null;`);
    this.addSql(
      `alter table "call" add constraint "call_campaign_id_foreign" foreign key ("campaign_id") references "campaign" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "call" add constraint "call_campaign_contact_id_foreign" foreign key ("campaign_contact_id") references "campaign_contact" ("id") on delete set null;`,
    );
    this.addSql(`create index "call_campaign_id_created_at_index" on "call" ("campaign_id", "created_at");`);

    this.addSql(
      `alter table "do_not_call" add constraint "do_not_call_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "do_not_call" add constraint "do_not_call_source_check" check ("source" in ('manual', 'api', 'call', 'import'));`,
    );

    this.addSql(
      `alter table "campaign" add constraint "campaign_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "campaign" add constraint "campaign_business_id_foreign" foreign key ("business_id") references "business_config" ("id") on delete restrict;`,
    );
    this.addSql(
      `alter table "campaign" add constraint "campaign_status_check" check ("status" in ('draft', 'scheduled', 'running', 'paused', 'completed', 'canceled'));`,
    );

    this.addSql(
      `alter table "campaign_import" add constraint "campaign_import_campaign_id_foreign" foreign key ("campaign_id") references "campaign" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "campaign_import" add constraint "campaign_import_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on delete cascade;`,
    );

    this.addSql(
      `alter table "campaign_import_error" add constraint "campaign_import_error_import_id_foreign" foreign key ("import_id") references "campaign_import" ("id") on delete cascade;`,
    );

    this.addSql(
      `alter table "campaign_contact" add constraint "campaign_contact_campaign_id_foreign" foreign key ("campaign_id") references "campaign" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "campaign_contact" add constraint "campaign_contact_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "campaign_contact" add constraint "campaign_contact_status_check" check ("status" in ('pending', 'dialling', 'waiting_window', 'retry_scheduled', 'completed', 'voicemail', 'busy', 'no_answer', 'failed', 'skipped_dnc', 'skipped_no_consent', 'skipped_no_window'));`,
    );
    this.addSql(
      `alter table "campaign_contact" add constraint "campaign_contact_last_outcome_check" check ("last_outcome" in ('completed', 'voicemail', 'busy', 'no_answer', 'failed', 'do_not_call'));`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "campaign_import" drop constraint "campaign_import_campaign_id_foreign";`);
    this.addSql(`alter table "campaign_contact" drop constraint "campaign_contact_campaign_id_foreign";`);
    this.addSql(`alter table "call" drop constraint "call_campaign_id_foreign";`);
    this.addSql(`alter table "campaign_import_error" drop constraint "campaign_import_error_import_id_foreign";`);
    this.addSql(`alter table "call" drop constraint "call_campaign_contact_id_foreign";`);

    this.addSql(`drop table if exists "do_not_call" cascade;`);
    this.addSql(`drop table if exists "campaign" cascade;`);
    this.addSql(`drop table if exists "campaign_import" cascade;`);
    this.addSql(`drop table if exists "campaign_import_error" cascade;`);
    this.addSql(`drop table if exists "campaign_contact" cascade;`);

    this.addSql(`drop index "call_campaign_id_created_at_index";`);
    this.addSql(`alter table "call" drop column "campaign_id", drop column "campaign_contact_id";`);
  }
}
