import { Migration } from '@mikro-orm/migrations';

export class Migration20261202061744_person_requests extends Migration {
  override name = 'Migration20261202061744_person_requests';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "person_request" ("id" uuid not null, "organization_id" uuid not null, "kind" text not null, "subject_kind" text not null, "subject_hash" varchar(64) not null, "subject_hint" varchar(40) not null, "requested_by_id" uuid null, "requested_by_label" varchar(255) null, "include_originals" boolean not null default false, "add_to_do_not_call" boolean not null default false, "status" text not null default 'running', "stage" varchar(60) null, "items_done" int not null default 0, "items_total" int null, "export_id" uuid null, "receipt" jsonb null, "error" text null, "workflow_id" varchar(255) not null, "created_at" timestamptz not null, "completed_at" timestamptz null, primary key ("id"));`,
    );
    this.addSql(
      `create index "person_request_organization_id_created_at_index" on "person_request" ("organization_id", "created_at");`,
    );
    this.addSql(
      `create index "person_request_organization_id_subject_hash_index" on "person_request" ("organization_id", "subject_hash");`,
    );

    this.addSql(`alter table "data_export" drop constraint "data_export_format_check";`);
    this.addSql(`alter table "data_export" drop constraint "data_export_kind_check";`);
    this.addSql(`alter table "data_export" alter column "parameters" drop not null;`);
    this.addSql(
      `alter table "data_export" add constraint "data_export_format_check" check ("format" in ('csv', 'pdf', 'json'));`,
    );
    this.addSql(
      `alter table "data_export" add constraint "data_export_kind_check" check ("kind" in ('calls', 'transcripts', 'qa_scores', 'escalations', 'report', 'person_data'));`,
    );

    this.addSql(
      `alter table "person_request" add constraint "person_request_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "person_request" add constraint "person_request_export_id_foreign" foreign key ("export_id") references "data_export" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "person_request" add constraint "person_request_kind_check" check ("kind" in ('export', 'erasure'));`,
    );
    this.addSql(
      `alter table "person_request" add constraint "person_request_subject_kind_check" check ("subject_kind" in ('phone', 'email'));`,
    );
    this.addSql(
      `alter table "person_request" add constraint "person_request_status_check" check ("status" in ('running', 'completed', 'failed'));`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "person_request" cascade;`);
    this.addSql(`delete from "data_export" where "kind" = 'person_data';`);

    this.addSql(`alter table "data_export" drop constraint "data_export_kind_check";`);
    this.addSql(`alter table "data_export" drop constraint "data_export_format_check";`);
    this.addSql(`alter table "data_export" alter column "parameters" set not null;`);
    this.addSql(
      `alter table "data_export" add constraint "data_export_kind_check" check ("kind" in ('calls', 'transcripts', 'qa_scores', 'escalations', 'report'));`,
    );
    this.addSql(
      `alter table "data_export" add constraint "data_export_format_check" check ("format" in ('csv', 'pdf'));`,
    );
  }
}
