import { Migration } from '@mikro-orm/migrations';

export class Migration20261121023324_knowledge extends Migration {
  override name = 'Migration20261121023324_knowledge';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "knowledge_entry" ("id" uuid not null, "organization_id" uuid not null, "business_id" uuid not null, "title" varchar(300) not null, "source" text not null, "source_url" varchar(2048) null, "content" bytea null, "mime_type" varchar(100) null, "vendor" varchar(100) null, "doc_type" varchar(50) null, "version" varchar(50) null, "tags" text[] not null default '{}', "content_hash" varchar(64) null, "status" text not null default 'pending', "error" text null, "chunk_count" int not null default 0, "indexed_at" timestamptz null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(
      `create index "knowledge_entry_business_id_created_at_index" on "knowledge_entry" ("business_id", "created_at");`,
    );
    this.addSql(
      `create index "knowledge_entry_organization_id_status_index" on "knowledge_entry" ("organization_id", "status");`,
    );

    this.addSql(
      `alter table "knowledge_entry" add constraint "knowledge_entry_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "knowledge_entry" add constraint "knowledge_entry_business_id_foreign" foreign key ("business_id") references "business_config" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "knowledge_entry" add constraint "knowledge_entry_source_check" check ("source" in ('text', 'url', 'upload', 'doc_sync'));`,
    );
    this.addSql(
      `alter table "knowledge_entry" add constraint "knowledge_entry_status_check" check ("status" in ('pending', 'processing', 'ready', 'failed'));`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "knowledge_entry" cascade;`);
  }
}
