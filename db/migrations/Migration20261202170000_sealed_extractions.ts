import { Migration } from '@mikro-orm/migrations';

/**
 * Extractions sealed at rest, with a blind index of the identifiers in them, and the webhook events
 * that carry them sealed too (db/sealed-columns.ts, db/webhooks.ts).
 */
export class Migration20261202170000_sealed_extractions extends Migration {
  override name = 'Migration20261202170000_sealed_extractions';

  override up(): void | Promise<void> {
    this.addSql(
      `alter table "call_analysis" add "sealed_extraction" text null, add "identifier_digests" text[] not null default '{}';`,
    );
    this.addSql(`create index "call_analysis_identifier_digests" on "call_analysis" using gin ("identifier_digests");`);
    this.addSql(`alter table "webhook_event" alter column "payload" drop not null, add "sealed_payload" text null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "webhook_event" drop column "sealed_payload";`);
    this.addSql(`drop index "call_analysis_identifier_digests";`);
    this.addSql(`alter table "call_analysis" drop column "sealed_extraction", drop column "identifier_digests";`);
  }
}
