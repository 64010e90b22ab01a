import { Migration } from '@mikro-orm/migrations';

export class Migration20261120224246_initial extends Migration {
  override name = 'Migration20261120224246_initial';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "business_config" ("id" uuid not null, "name" varchar(255) not null, "type" text not null default 'customer_support', "phone_numbers" text[] not null default '{}', "system_prompt" text not null, "greeting" text null, "voice" varchar(255) not null default 'alloy', "model" varchar(255) not null default 'gpt-realtime', "temperature" double precision not null default 0.8, "escalation_keywords" text[] not null default '{}', "settings" jsonb not null default '{}', "active" boolean not null default true, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(`alter table "business_config" add constraint "business_config_name_unique" unique ("name");`);

    this.addSql(
      `create table "call" ("id" uuid not null, "business_id" uuid not null, "direction" text not null, "status" text not null default 'queued', "from_number" varchar(16) not null, "to_number" varchar(16) not null, "workflow_id" varchar(255) not null, "twilio_call_sid" varchar(64) null, "end_reason" varchar(255) null, "answered_at" timestamptz null, "ended_at" timestamptz null, "duration_seconds" int null, "metadata" jsonb null, "status_changed_at" timestamptz not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(`alter table "call" add constraint "call_twilio_call_sid_unique" unique ("twilio_call_sid");`);
    this.addSql(`create index "call_business_id_created_at_index" on "call" ("business_id", "created_at");`);
    this.addSql(`create index "call_status_created_at_index" on "call" ("status", "created_at");`);
    this.addSql(`create index "call_direction_created_at_index" on "call" ("direction", "created_at");`);
    this.addSql(`create index "call_created_at_index" on "call" ("created_at");`);
    this.addSql(`create index "call_from_number_index" on "call" ("from_number");`);
    this.addSql(`create index "call_to_number_index" on "call" ("to_number");`);

    this.addSql(
      `create table "event_log" ("id" bigserial primary key, "topic" varchar(255) not null, "key" varchar(255) not null, "payload" jsonb not null, "created_at" timestamptz not null);`,
    );
    this.addSql(`create index "event_log_topic_key_id_index" on "event_log" ("topic", "key", "id");`);
    this.addSql(`create index "event_log_created_at_index" on "event_log" ("created_at");`);

    this.addSql(
      `create table "call_interaction" ("id" uuid not null, "call_id" uuid not null, "sequence" int not null, "speaker" text not null, "text" text not null, "start_ms" int null, "end_ms" int null, "metadata" jsonb null, "created_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(
      `create index "call_interaction_text_search" on "call_interaction" using gin (to_tsvector('english', "text"));`,
    );
    this.addSql(
      `alter table "call_interaction" add constraint "call_interaction_call_id_sequence_unique" unique ("call_id", "sequence");`,
    );

    this.addSql(
      `create table "app_user" ("id" uuid not null, "email" varchar(320) not null, "display_name" varchar(255) not null, "role" text not null default 'viewer', "password_hash" varchar(255) null, "last_login_at" timestamptz null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(`alter table "app_user" add constraint "app_user_email_unique" unique ("email");`);

    this.addSql(
      `create table "call_note" ("id" uuid not null, "call_id" uuid not null, "author_id" uuid null, "body" text not null, "category" varchar(255) null, "tags" text[] not null default '{}', "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(`create index "call_note_call_id_created_at_index" on "call_note" ("call_id", "created_at");`);

    this.addSql(
      `alter table "business_config" add constraint "business_config_type_check" check ("type" in ('customer_support', 'sales', 'appointments', 'custom'));`,
    );

    this.addSql(
      `alter table "call" add constraint "call_business_id_foreign" foreign key ("business_id") references "business_config" ("id") on delete restrict;`,
    );
    this.addSql(
      `alter table "call" add constraint "call_direction_check" check ("direction" in ('inbound', 'outbound'));`,
    );
    this.addSql(
      `alter table "call" add constraint "call_status_check" check ("status" in ('queued', 'initiated', 'ringing', 'in_progress', 'escalated', 'completed', 'failed', 'busy', 'no_answer', 'canceled'));`,
    );

    this.addSql(
      `alter table "call_interaction" add constraint "call_interaction_call_id_foreign" foreign key ("call_id") references "call" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "call_interaction" add constraint "call_interaction_speaker_check" check ("speaker" in ('customer', 'ai', 'human_agent', 'system'));`,
    );

    this.addSql(
      `alter table "app_user" add constraint "app_user_role_check" check ("role" in ('admin', 'supervisor', 'agent', 'viewer'));`,
    );

    this.addSql(
      `alter table "call_note" add constraint "call_note_call_id_foreign" foreign key ("call_id") references "call" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "call_note" add constraint "call_note_author_id_foreign" foreign key ("author_id") references "app_user" ("id") on delete set null;`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "call" drop constraint "call_business_id_foreign";`);
    this.addSql(`alter table "call_interaction" drop constraint "call_interaction_call_id_foreign";`);
    this.addSql(`alter table "call_note" drop constraint "call_note_call_id_foreign";`);
    this.addSql(`alter table "call_note" drop constraint "call_note_author_id_foreign";`);

    this.addSql(`drop table if exists "business_config" cascade;`);
    this.addSql(`drop table if exists "call" cascade;`);
    this.addSql(`drop table if exists "event_log" cascade;`);
    this.addSql(`drop table if exists "call_interaction" cascade;`);
    this.addSql(`drop table if exists "app_user" cascade;`);
    this.addSql(`drop table if exists "call_note" cascade;`);
  }
}
