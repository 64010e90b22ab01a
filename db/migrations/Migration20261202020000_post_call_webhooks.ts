import { Migration } from '@mikro-orm/migrations';

export class Migration20261202020000_post_call_webhooks extends Migration {
  override name = 'Migration20261202020000_post_call_webhooks';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "call_analysis" ("id" uuid not null, "call_id" uuid not null, "organization_id" uuid not null, "summary" text null, "outcome" varchar(60) null, "action_items" jsonb not null default '[]', "intent" text null, "source" text null, "notes" jsonb not null default '[]', "extraction" jsonb null, "adversarial" jsonb null, "completed_at" timestamptz null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(`alter table "call_analysis" add constraint "call_analysis_call_id_unique" unique ("call_id");`);

    this.addSql(
      `create table "webhook_endpoint" ("id" uuid not null, "organization_id" uuid not null, "url" text not null, "description" varchar(200) null, "event_types" text[] not null default '{}', "enabled" boolean not null default true, "disabled_at" timestamptz null, "disabled_reason" text null, "failing_since" timestamptz null, "secrets" jsonb not null default '[]', "created_by_id" uuid null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(
      `create index "webhook_endpoint_organization_id_created_at_index" on "webhook_endpoint" ("organization_id", "created_at");`,
    );

    this.addSql(
      `create table "webhook_event" ("id" varchar(40) not null, "organization_id" uuid not null, "type" varchar(60) not null, "event_key" varchar(200) not null, "payload" jsonb not null, "created_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(
      `create index "webhook_event_organization_id_created_at_index" on "webhook_event" ("organization_id", "created_at");`,
    );
    this.addSql(
      `alter table "webhook_event" add constraint "webhook_event_organization_id_event_key_unique" unique ("organization_id", "event_key");`,
    );

    this.addSql(
      `create table "webhook_delivery" ("id" uuid not null, "organization_id" uuid not null, "event_id" varchar(40) not null, "endpoint_id" uuid not null, "status" text not null default 'pending', "attempts" int not null default 0, "last_attempt_at" timestamptz null, "next_attempt_at" timestamptz null, "last_status_code" int null, "last_error" text null, "delivered_at" timestamptz null, "dispatched_at" timestamptz null, "created_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(
      `create index "webhook_delivery_endpoint_id_created_at_index" on "webhook_delivery" ("endpoint_id", "created_at");`,
    );
    this.addSql(`create index "webhook_delivery_dispatched_at_index" on "webhook_delivery" ("dispatched_at");`);
    this.addSql(
      `alter table "webhook_delivery" add constraint "webhook_delivery_event_id_endpoint_id_unique" unique ("event_id", "endpoint_id");`,
    );

    this.addSql(
      `create table "webhook_attempt" ("id" uuid not null, "delivery_id" uuid not null, "number" int not null, "manual" boolean not null default false, "request_headers" jsonb not null, "request_body" text not null, "response_status" int null, "response_body" text null, "error" text null, "latency_ms" int not null, "attempted_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(
      `alter table "webhook_attempt" add constraint "webhook_attempt_delivery_id_number_unique" unique ("delivery_id", "number");`,
    );

    this.addSql(`alter table "call" add "outcome" varchar(60) null, add "adversarial_score" double precision null;`);
    this.addSql(`create index "call_organization_id_outcome_index" on "call" ("organization_id", "outcome");`);
    this.addSql(
      `create index "call_organization_id_adversarial_score_index" on "call" ("organization_id", "adversarial_score");`,
    );

    this.addSql(`alter table "notification" drop constraint "notification_type_check";`);
    this.addSql(
      `alter table "notification" add constraint "notification_type_check" check ("type" in ('call_escalated', 'qa_alert', 'sentiment_alert', 'compliance_issue', 'system_update', 'adversarial_caller', 'webhook_disabled'));`,
    );

    this.addSql(
      `alter table "call_analysis" add constraint "call_analysis_call_id_foreign" foreign key ("call_id") references "call" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "call_analysis" add constraint "call_analysis_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "call_analysis" add constraint "call_analysis_source_check" check ("source" in ('llm', 'rules'));`,
    );

    this.addSql(
      `alter table "webhook_endpoint" add constraint "webhook_endpoint_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on delete cascade;`,
    );

    this.addSql(
      `alter table "webhook_event" add constraint "webhook_event_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on delete cascade;`,
    );

    this.addSql(
      `alter table "webhook_delivery" add constraint "webhook_delivery_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "webhook_delivery" add constraint "webhook_delivery_event_id_foreign" foreign key ("event_id") references "webhook_event" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "webhook_delivery" add constraint "webhook_delivery_endpoint_id_foreign" foreign key ("endpoint_id") references "webhook_endpoint" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "webhook_delivery" add constraint "webhook_delivery_status_check" check ("status" in ('pending', 'succeeded', 'failed'));`,
    );

    this.addSql(
      `alter table "webhook_attempt" add constraint "webhook_attempt_delivery_id_foreign" foreign key ("delivery_id") references "webhook_delivery" ("id") on delete cascade;`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "webhook_delivery" drop constraint "webhook_delivery_endpoint_id_foreign";`);
    this.addSql(`alter table "webhook_delivery" drop constraint "webhook_delivery_event_id_foreign";`);
    this.addSql(`alter table "webhook_attempt" drop constraint "webhook_attempt_delivery_id_foreign";`);

    this.addSql(`drop table if exists "call_analysis" cascade;`);
    this.addSql(`drop table if exists "webhook_endpoint" cascade;`);
    this.addSql(`drop table if exists "webhook_event" cascade;`);
    this.addSql(`drop table if exists "webhook_delivery" cascade;`);
    this.addSql(`drop table if exists "webhook_attempt" cascade;`);

    this.addSql(`drop index "call_organization_id_outcome_index";`);
    this.addSql(`drop index "call_organization_id_adversarial_score_index";`);
    this.addSql(`alter table "call" drop column "outcome", drop column "adversarial_score";`);

    this.addSql(`alter table "notification" drop constraint "notification_type_check";`);
    this.addSql(
      `alter table "notification" add constraint "notification_type_check" check ("type" in ('call_escalated', 'qa_alert', 'sentiment_alert', 'compliance_issue', 'system_update'));`,
    );
  }
}
