import { Migration } from '@mikro-orm/migrations';

/**
 * Campaign contacts' variables sealed at rest, with a blind index of the identifiers among them; a
 * person request's subject hashed under every master key.
 */
export class Migration20261202174500_sealed_contact_variables extends Migration {
  override name = 'Migration20261202174500_sealed_contact_variables';

  override up(): void | Promise<void> {
    this.addSql(
      `alter table "campaign_contact" add "sealed_variables" text null, add "identifier_digests" text[] not null default '{}';`,
    );
    this.addSql(`alter table "person_request" add "subject_hashes" text[] not null default '{}';`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "person_request" drop column "subject_hashes";`);
    this.addSql(`alter table "campaign_contact" drop column "sealed_variables", drop column "identifier_digests";`);
  }
}
