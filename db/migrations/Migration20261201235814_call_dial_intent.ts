import { Migration } from '@mikro-orm/migrations';

export class Migration20261201235814_call_dial_intent extends Migration {
  override name = 'Migration20261201235814_call_dial_intent';

  override up(): void | Promise<void> {
    this.addSql(`alter table "call" add "dial_started_at" timestamptz null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "call" drop column "dial_started_at";`);
  }
}
