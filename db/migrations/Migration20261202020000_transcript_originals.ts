import { Migration } from '@mikro-orm/migrations';

export class Migration20261202020000_transcript_originals extends Migration {
  override name = 'Migration20261202020000_transcript_originals';

  override up(): void | Promise<void> {
    this.addSql(`alter table "call_interaction" add "original_text" text null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "call_interaction" drop column "original_text";`);
  }
}
