import { Migration } from '@mikro-orm/migrations';

export class Migration20261201233626_business_configuration extends Migration {
  override name = 'Migration20261201233626_business_configuration';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "business_phone_number" ("number" varchar(16) not null, "business_id" uuid not null, primary key ("number"));`,
    );

    this.addSql(
      `create table "business_instructions_version" ("id" uuid not null, "business_id" uuid not null, "version" int not null, "instructions" text not null, "greeting" text null, "created_by_id" uuid null, "created_by_label" varchar(255) null, "created_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(
      `alter table "business_instructions_version" add constraint "business_instructions_version_business_id_version_unique" unique ("business_id", "version");`,
    );

    this.addSql(
      `create table "organization_credential" ("id" uuid not null, "organization_id" uuid not null, "integration" text not null, "settings" jsonb not null default '{}', "sealed_secret" text null, "secret_last_four" varchar(4) null, "version" int not null default 1, "updated_by_id" uuid null, "last_test" jsonb null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(
      `alter table "organization_credential" add constraint "organization_credential_organization_id_integration_unique" unique ("organization_id", "integration");`,
    );

    this.addSql(`alter table "audit_log" add "changes" jsonb null;`);

    this.addSql(
      `alter table "organization" add "country" varchar(2) null, add "time_zone" varchar(64) not null default 'UTC', add "setup" jsonb null;`,
    );

    // The keyword list that escalation reads is the quality settings' one; the column was never read.
    // Settings that are not an object (an early row stored a JSON string) start from an empty one.
    this.addSql(`update "business_config" set "settings" = jsonb_set(case when jsonb_typeof("settings") = 'object' then "settings" else '{}'::jsonb end, '{quality}',
      coalesce("settings"->'quality', '{}'::jsonb) || jsonb_build_object('escalationKeywords', to_jsonb("escalation_keywords")))
      where cardinality("escalation_keywords") > 0 and not coalesce("settings"->'quality' ? 'escalationKeywords', false);`);
    this.addSql(`alter table "business_config" drop column "escalation_keywords";`);
    this.addSql(
      `alter table "business_config" add "description" text null, add "instructions_version" int not null default 1, add "language" varchar(35) not null default 'en-US', add "time_zone" varchar(64) not null default 'UTC', add "archived_at" timestamptz null;`,
    );
    // A number answered by several active businesses went to the oldest (inbound routing's order):
    // it keeps the number, the others lose it, before the database starts refusing such duplicates.
    this.addSql(`insert into "business_phone_number" ("number", "business_id")
      select n, b."id" from "business_config" b, unnest(b."phone_numbers") as n where b."active"
      order by b."created_at", b."id" on conflict ("number") do nothing;`);
    this.addSql(`update "business_config" c set "phone_numbers" = array(select n from unnest(c."phone_numbers") as n
      where exists (select 1 from "business_phone_number" p where p."number" = n and p."business_id" = c."id"))
      where c."active";`);
    // Every business starts its history with the instructions it has now.
    this.addSql(`insert into "business_instructions_version" ("id", "business_id", "version", "instructions", "greeting", "created_at")
      select gen_random_uuid(), "id", 1, "system_prompt", "greeting", "updated_at" from "business_config";`);
    this.addSql(`create or replace function "business_config_business_config_claims_numbers_fn"() returns trigger as $$ begin delete from business_phone_number where business_id = new.id and (not new.active or not (number = any(new.phone_numbers))); if new.active then
  insert into business_phone_number (number, business_id)
    select n, new.id from unnest(new.phone_numbers) as n
    where not exists (select 1 from business_phone_number b where b.number = n and b.business_id = new.id); end if; return null; end; $$ language plpgsql;`);
    this.addSql(
      `create trigger "business_config_claims_numbers" AFTER INSERT OR UPDATE on "business_config" for each ROW execute function "business_config_business_config_claims_numbers_fn"();`,
    );

    this.addSql(`alter table "call" add "instructions_version_id" uuid null;`);
    this.addSql(
      `alter table "call" add constraint "call_instructions_version_id_foreign" foreign key ("instructions_version_id") references "business_instructions_version" ("id") on delete set null;`,
    );

    this.addSql(
      `alter table "business_phone_number" add constraint "business_phone_number_business_id_foreign" foreign key ("business_id") references "business_config" ("id") on delete cascade;`,
    );

    this.addSql(
      `alter table "business_instructions_version" add constraint "business_instructions_version_business_id_foreign" foreign key ("business_id") references "business_config" ("id") on delete cascade;`,
    );

    this.addSql(
      `alter table "organization_credential" add constraint "organization_credential_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "organization_credential" add constraint "organization_credential_integration_check" check ("integration" in ('twilio', 'openai', 'smtp'));`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "call" drop constraint "call_instructions_version_id_foreign";`);

    this.addSql(`drop table if exists "business_phone_number" cascade;`);
    this.addSql(`drop table if exists "business_instructions_version" cascade;`);
    this.addSql(`drop table if exists "organization_credential" cascade;`);

    this.addSql(`alter table "audit_log" drop column "changes";`);

    this.addSql(`drop trigger if exists "business_config_claims_numbers" on "business_config";`);
    this.addSql(`drop function if exists "business_config_business_config_claims_numbers_fn"();`);
    this.addSql(
      `alter table "business_config" drop column "description", drop column "instructions_version", drop column "language", drop column "time_zone", drop column "archived_at";`,
    );
    this.addSql(`alter table "business_config" add "escalation_keywords" text[] not null default '{}';`);

    this.addSql(`alter table "call" drop column "instructions_version_id";`);

    this.addSql(`alter table "organization" drop column "country", drop column "time_zone", drop column "setup";`);
  }
}
