import { Migration } from '@mikro-orm/migrations';

/** Call notes marked sensitive are sealed at rest, with a blind index of the identifiers in them. */
export class Migration20261202173000_sealed_notes extends Migration {
  override name = 'Migration20261202173000_sealed_notes';

  override up(): void | Promise<void> {
    this.addSql(
      `alter table "call_note" alter column "body" drop not null, add "sensitive" boolean not null default false, add "sealed_body" text null, add "identifier_digests" text[] not null default '{}';`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(
      `alter table "call_note" drop column "sensitive", drop column "sealed_body", drop column "identifier_digests";`,
    );
    this.addSql(`update "call_note" set "body" = '' where "body" is null;`);
    this.addSql(`alter table "call_note" alter column "body" set not null;`);
  }
}
