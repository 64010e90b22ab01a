import { Migration } from '@mikro-orm/migrations';

export class Migration20261120225748_auth extends Migration {
  override name = 'Migration20261120225748_auth';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "audit_log" ("id" bigserial primary key, "organization_id" uuid null, "actor_type" text not null, "actor_id" varchar(255) null, "actor_label" varchar(255) null, "operation" varchar(255) not null, "target_type" varchar(255) null, "target_id" varchar(255) null, "outcome" text not null, "error_code" varchar(255) null, "request_id" varchar(255) null, "ip" varchar(64) null, "created_at" timestamptz not null default now());`,
    );
    this.addSql(
      `create index "audit_log_organization_id_created_at_index" on "audit_log" ("organization_id", "created_at");`,
    );
    this.addSql(`create index "audit_log_actor_id_created_at_index" on "audit_log" ("actor_id", "created_at");`);
    // The audit log is append-only: nobody, the application included, may change or remove a row.
    this.addSql(
      `create or replace function "audit_log_audit_log_append_only_fn"() returns trigger as $$ begin raise exception 'audit_log is append-only'; end; $$ language plpgsql;`,
    );
    this.addSql(
      `create trigger "audit_log_append_only" BEFORE UPDATE OR DELETE on "audit_log" for each STATEMENT execute function "audit_log_audit_log_append_only_fn"();`,
    );

    this.addSql(
      `create table "organization" ("id" uuid not null, "name" varchar(255) not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(`alter table "organization" add constraint "organization_name_unique" unique ("name");`);

    this.addSql(
      `create table "rate_limit_bucket" ("id" varchar(255) not null, "hits" int not null, "expires_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(`create index "rate_limit_bucket_expires_at_index" on "rate_limit_bucket" ("expires_at");`);

    this.addSql(
      `create table "password_reset_token" ("id" uuid not null, "user_id" uuid not null, "token_hash" varchar(64) not null, "expires_at" timestamptz not null, "used_at" timestamptz null, "created_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(
      `alter table "password_reset_token" add constraint "password_reset_token_token_hash_unique" unique ("token_hash");`,
    );
    this.addSql(`create index "password_reset_token_user_id_index" on "password_reset_token" ("user_id");`);

    this.addSql(
      `create table "auth_session" ("id" uuid not null, "user_id" uuid not null, "expires_at" timestamptz not null, "revoked_at" timestamptz null, "revoked_reason" varchar(255) null, "user_agent" varchar(512) null, "ip" varchar(64) null, "created_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(`create index "auth_session_user_id_index" on "auth_session" ("user_id");`);

    this.addSql(
      `create table "refresh_token" ("id" uuid not null, "session_id" uuid not null, "token_hash" varchar(64) not null, "expires_at" timestamptz not null, "used_at" timestamptz null, "created_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(`alter table "refresh_token" add constraint "refresh_token_token_hash_unique" unique ("token_hash");`);
    this.addSql(`create index "refresh_token_session_id_index" on "refresh_token" ("session_id");`);

    this.addSql(
      `create table "api_key" ("id" uuid not null, "organization_id" uuid not null, "name" varchar(255) not null, "prefix" varchar(16) not null, "key_hash" varchar(64) not null, "role" text not null, "created_by_id" uuid null, "expires_at" timestamptz null, "last_used_at" timestamptz null, "revoked_at" timestamptz null, "created_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(`alter table "api_key" add constraint "api_key_prefix_unique" unique ("prefix");`);
    this.addSql(
      `create index "api_key_organization_id_created_at_index" on "api_key" ("organization_id", "created_at");`,
    );

    this.addSql(`alter table "business_config" drop constraint "business_config_name_unique";`);
    // Rows from before organisations existed move into one "Default organization".
    this.addSql(`insert into "organization" ("id", "name", "created_at", "updated_at")
      select gen_random_uuid(), 'Default organization', now(), now()
      where exists (select 1 from "business_config") or exists (select 1 from "app_user");`);
    this.addSql(`alter table "business_config" add "organization_id" uuid null;`);
    this.addSql(
      `update "business_config" set "organization_id" = (select "id" from "organization" where "name" = 'Default organization');`,
    );
    this.addSql(`alter table "business_config" alter column "organization_id" set not null;`);
    this.addSql(
      `alter table "business_config" add constraint "business_config_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "business_config" add constraint "business_config_organization_id_name_unique" unique ("organization_id", "name");`,
    );

    this.addSql(`alter table "call" add "organization_id" uuid null;`);
    this.addSql(
      `update "call" set "organization_id" = (select "organization_id" from "business_config" b where b."id" = "call"."business_id");`,
    );
    this.addSql(`alter table "call" alter column "organization_id" set not null;`);
    this.addSql(
      `alter table "call" add constraint "call_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on delete cascade;`,
    );
    this.addSql(`create index "call_organization_id_created_at_index" on "call" ("organization_id", "created_at");`);

    this.addSql(`alter table "app_user" add "organization_id" uuid null, add "active" boolean not null default true;`);
    this.addSql(
      `update "app_user" set "organization_id" = (select "id" from "organization" where "name" = 'Default organization');`,
    );
    this.addSql(`alter table "app_user" alter column "organization_id" set not null;`);
    this.addSql(
      `alter table "app_user" add constraint "app_user_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on delete cascade;`,
    );
    this.addSql(`create index "app_user_organization_id_email_index" on "app_user" ("organization_id", "email");`);

    this.addSql(
      `alter table "audit_log" add constraint "audit_log_actor_type_check" check ("actor_type" in ('user', 'api_key', 'anonymous'));`,
    );
    this.addSql(
      `alter table "audit_log" add constraint "audit_log_outcome_check" check ("outcome" in ('success', 'denied', 'error'));`,
    );

    this.addSql(
      `alter table "password_reset_token" add constraint "password_reset_token_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on delete cascade;`,
    );

    this.addSql(
      `alter table "auth_session" add constraint "auth_session_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on delete cascade;`,
    );

    this.addSql(
      `alter table "refresh_token" add constraint "refresh_token_session_id_foreign" foreign key ("session_id") references "auth_session" ("id") on delete cascade;`,
    );

    this.addSql(
      `alter table "api_key" add constraint "api_key_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "api_key" add constraint "api_key_created_by_id_foreign" foreign key ("created_by_id") references "app_user" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "api_key" add constraint "api_key_role_check" check ("role" in ('admin', 'supervisor', 'agent', 'viewer'));`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "business_config" drop constraint "business_config_organization_id_foreign";`);
    this.addSql(`alter table "call" drop constraint "call_organization_id_foreign";`);
    this.addSql(`alter table "app_user" drop constraint "app_user_organization_id_foreign";`);
    this.addSql(`alter table "api_key" drop constraint "api_key_organization_id_foreign";`);
    this.addSql(`alter table "refresh_token" drop constraint "refresh_token_session_id_foreign";`);

    this.addSql(`drop trigger if exists "audit_log_append_only" on "audit_log";`);
    this.addSql(`drop function if exists "audit_log_audit_log_append_only_fn"();`);
    this.addSql(`drop table if exists "audit_log" cascade;`);
    this.addSql(`drop table if exists "organization" cascade;`);
    this.addSql(`drop table if exists "rate_limit_bucket" cascade;`);
    this.addSql(`drop table if exists "password_reset_token" cascade;`);
    this.addSql(`drop table if exists "auth_session" cascade;`);
    this.addSql(`drop table if exists "refresh_token" cascade;`);
    this.addSql(`drop table if exists "api_key" cascade;`);

    this.addSql(`drop index "app_user_organization_id_email_index";`);
    this.addSql(`alter table "app_user" drop column "organization_id", drop column "active";`);

    this.addSql(`alter table "business_config" drop constraint "business_config_organization_id_name_unique";`);
    this.addSql(`alter table "business_config" drop column "organization_id";`);
    this.addSql(`alter table "business_config" add constraint "business_config_name_unique" unique ("name");`);

    this.addSql(`drop index "call_organization_id_created_at_index";`);
    this.addSql(`alter table "call" drop column "organization_id";`);
  }
}
