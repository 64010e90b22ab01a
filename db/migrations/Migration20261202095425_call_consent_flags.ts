import { Migration } from '@mikro-orm/migrations';

export class Migration20261202095425_call_consent_flags extends Migration {
  override name = 'Migration20261202095425_call_consent_flags';

  override up(): void | Promise<void> {
    this.addSql(
      `alter table "call" add "disclosure_spoken_at" timestamptz null, add "caller_objected_at" timestamptz null, add "caller_objection" text null;`,
    );
    this.addSql(
      `alter table "call" add constraint "call_caller_objection_check" check ("caller_objection" in ('recording', 'calls'));`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "call" drop constraint "call_caller_objection_check";`);
    this.addSql(
      `alter table "call" drop column "disclosure_spoken_at", drop column "caller_objected_at", drop column "caller_objection";`,
    );
  }
}
