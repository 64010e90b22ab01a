import { Migration } from '@mikro-orm/migrations';

export class Migration20261121044227_quality_escalation extends Migration {
  override name = 'Migration20261121044227_quality_escalation';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "qa_score" ("id" uuid not null, "call_id" uuid not null, "score" double precision not null, "components" jsonb not null, "weights" jsonb not null, "grader" text not null, "final" boolean not null default false, "violations" jsonb not null default '[]', "notes" jsonb not null default '[]', "computed_at" timestamptz not null, "override_score" double precision null, "override_reason" text null, "override_by_id" uuid null, "override_at" timestamptz null, primary key ("id"));`,
    );
    this.addSql(`alter table "qa_score" add constraint "qa_score_call_id_unique" unique ("call_id");`);

    this.addSql(
      `create table "notification" ("id" uuid not null, "organization_id" uuid not null, "user_id" uuid not null, "type" text not null, "title" varchar(300) not null, "body" text not null, "call_id" uuid null, "escalation_id" uuid null, "dedupe_key" varchar(300) not null, "read_at" timestamptz null, "emailed_at" timestamptz null, "created_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(`alter table "notification" add constraint "notification_dedupe_key_unique" unique ("dedupe_key");`);
    this.addSql(`create index "notification_user_id_created_at_index" on "notification" ("user_id", "created_at");`);
    this.addSql(`create index "notification_user_id_read_at_index" on "notification" ("user_id", "read_at");`);

    this.addSql(
      `create table "human_agent" ("id" uuid not null, "organization_id" uuid not null, "user_id" uuid null, "name" varchar(200) not null, "email" varchar(320) not null, "phone_number" varchar(16) not null, "skills" text[] not null default '{}', "department" varchar(100) null, "availability" text not null default 'offline', "max_concurrent" int not null default 1, "current_load" int not null default 0, "last_offered_at" timestamptz null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(
      `create index "human_agent_organization_id_availability_index" on "human_agent" ("organization_id", "availability");`,
    );
    this.addSql(
      `alter table "human_agent" add constraint "human_agent_organization_id_email_unique" unique ("organization_id", "email");`,
    );

    this.addSql(
      `create table "escalation" ("id" uuid not null, "organization_id" uuid not null, "business_id" uuid not null, "call_id" uuid not null, "workflow_id" varchar(255) not null, "status" text not null default 'routing', "reason" text not null, "reason_detail" text null, "priority" text not null default 'normal', "context" jsonb not null, "agent_id" uuid null, "offers" jsonb not null default '[]', "agent_call_sid" varchar(64) null, "triggered_at" timestamptz not null, "offered_at" timestamptz null, "accepted_at" timestamptz null, "connected_at" timestamptz null, "completed_at" timestamptz null, "resolved" boolean null, "resolution_notes" text null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(
      `create index "escalation_organization_id_status_created_at_index" on "escalation" ("organization_id", "status", "created_at");`,
    );
    this.addSql(`create index "escalation_call_id_index" on "escalation" ("call_id");`);
    this.addSql(`create index "escalation_agent_id_status_index" on "escalation" ("agent_id", "status");`);

    this.addSql(`alter table "call_interaction" add "sentiment" jsonb null;`);

    this.addSql(
      `alter table "app_user" add "email_notification_types" text[] not null default '{call_escalated,sentiment_alert,compliance_issue,qa_alert}';`,
    );

    this.addSql(
      `alter table "qa_score" add constraint "qa_score_call_id_foreign" foreign key ("call_id") references "call" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "qa_score" add constraint "qa_score_override_by_id_foreign" foreign key ("override_by_id") references "app_user" ("id") on delete set null;`,
    );
    this.addSql(`alter table "qa_score" add constraint "qa_score_grader_check" check ("grader" in ('rules', 'llm'));`);

    this.addSql(
      `alter table "notification" add constraint "notification_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "notification" add constraint "notification_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "notification" add constraint "notification_type_check" check ("type" in ('call_escalated', 'qa_alert', 'sentiment_alert', 'compliance_issue', 'system_update'));`,
    );

    this.addSql(
      `alter table "human_agent" add constraint "human_agent_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "human_agent" add constraint "human_agent_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "human_agent" add constraint "human_agent_availability_check" check ("availability" in ('available', 'busy', 'offline'));`,
    );

    this.addSql(
      `alter table "escalation" add constraint "escalation_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "escalation" add constraint "escalation_business_id_foreign" foreign key ("business_id") references "business_config" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "escalation" add constraint "escalation_call_id_foreign" foreign key ("call_id") references "call" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "escalation" add constraint "escalation_agent_id_foreign" foreign key ("agent_id") references "human_agent" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "escalation" add constraint "escalation_status_check" check ("status" in ('routing', 'offered', 'accepted', 'connected', 'completed', 'callback', 'handed_off', 'cancelled'));`,
    );
    this.addSql(
      `alter table "escalation" add constraint "escalation_reason_check" check ("reason" in ('sentiment', 'keyword', 'complexity', 'tool', 'supervisor'));`,
    );
    this.addSql(
      `alter table "escalation" add constraint "escalation_priority_check" check ("priority" in ('low', 'normal', 'high', 'urgent'));`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "escalation" drop constraint "escalation_agent_id_foreign";`);

    this.addSql(`drop table if exists "qa_score" cascade;`);
    this.addSql(`drop table if exists "notification" cascade;`);
    this.addSql(`drop table if exists "human_agent" cascade;`);
    this.addSql(`drop table if exists "escalation" cascade;`);

    this.addSql(`alter table "app_user" drop column "email_notification_types";`);

    this.addSql(`alter table "call_interaction" drop column "sentiment";`);
  }
}
