import { Migration } from '@mikro-orm/migrations';

export class Migration20261121010058_calls_live extends Migration {
  override name = 'Migration20261121010058_calls_live';

  override up(): void | Promise<void> {
    this.addSql(
      `alter table "business_config" add "handoff_number" varchar(16) null, add "answering_machine_detection" boolean not null default false, add "voicemail_message" text null;`,
    );

    this.addSql(`alter table "call" add "answered_by" varchar(32) null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(
      `alter table "business_config" drop column "handoff_number", drop column "answering_machine_detection", drop column "voicemail_message";`,
    );

    this.addSql(`alter table "call" drop column "answered_by";`);
  }
}
