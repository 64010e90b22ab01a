import { Migration } from '@mikro-orm/migrations';

export class Migration20261121035016_doc_sync extends Migration {
  override name = 'Migration20261121035016_doc_sync';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "doc_source" ("id" uuid not null, "organization_id" uuid not null, "business_id" uuid not null, "name" varchar(200) not null, "preset" varchar(50) null, "start_url" varchar(2048) not null, "allowed_prefixes" text[] not null default '{}', "sitemap_url" varchar(2048) null, "vendor" varchar(100) null, "doc_type_rules" jsonb not null default '[]', "requests_per_second" double precision not null default 2, "concurrency" int not null default 4, "max_pages" int not null default 1000, "resync_every" varchar(20) null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(
      `create index "doc_source_business_id_created_at_index" on "doc_source" ("business_id", "created_at");`,
    );

    this.addSql(
      `create table "doc_sync_run" ("id" uuid not null, "organization_id" uuid not null, "source_id" uuid not null, "workflow_id" varchar(255) not null, "trigger" text not null, "status" text not null default 'running', "found" int not null default 0, "fetched" int not null default 0, "indexed" int not null default 0, "unchanged" int not null default 0, "failed" int not null default 0, "removed" int not null default 0, "skipped" int not null default 0, "errors" jsonb not null default '[]', "started_at" timestamptz not null, "finished_at" timestamptz null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(
      `create index "doc_sync_run_source_id_started_at_index" on "doc_sync_run" ("source_id", "started_at");`,
    );
    this.addSql(`create index "doc_sync_run_status_index" on "doc_sync_run" ("status");`);

    this.addSql(
      `alter table "knowledge_entry" add "doc_source_id" uuid null, add "etag" varchar(300) null, add "last_modified" varchar(100) null, add "links" jsonb null, add "last_seen_run_id" uuid null;`,
    );
    this.addSql(
      `alter table "knowledge_entry" add constraint "knowledge_entry_doc_source_id_foreign" foreign key ("doc_source_id") references "doc_source" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "knowledge_entry" add constraint "knowledge_entry_doc_source_id_source_url_unique" unique ("doc_source_id", "source_url");`,
    );

    this.addSql(
      `alter table "doc_source" add constraint "doc_source_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "doc_source" add constraint "doc_source_business_id_foreign" foreign key ("business_id") references "business_config" ("id") on delete cascade;`,
    );

    this.addSql(
      `alter table "doc_sync_run" add constraint "doc_sync_run_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "doc_sync_run" add constraint "doc_sync_run_source_id_foreign" foreign key ("source_id") references "doc_source" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "doc_sync_run" add constraint "doc_sync_run_trigger_check" check ("trigger" in ('manual', 'schedule'));`,
    );
    this.addSql(
      `alter table "doc_sync_run" add constraint "doc_sync_run_status_check" check ("status" in ('running', 'completed', 'failed', 'cancelled'));`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "knowledge_entry" drop constraint "knowledge_entry_doc_source_id_foreign";`);
    this.addSql(`alter table "doc_sync_run" drop constraint "doc_sync_run_source_id_foreign";`);

    this.addSql(`drop table if exists "doc_source" cascade;`);
    this.addSql(`drop table if exists "doc_sync_run" cascade;`);

    this.addSql(`alter table "knowledge_entry" drop constraint "knowledge_entry_doc_source_id_source_url_unique";`);
    this.addSql(
      `alter table "knowledge_entry" drop column "doc_source_id", drop column "etag", drop column "last_modified", drop column "links", drop column "last_seen_run_id";`,
    );
  }
}
