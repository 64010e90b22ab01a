import { Migration } from '@mikro-orm/migrations';

/**
 * Transcript lines keep their words for full-text search in a stored generated column, indexed, in
 * place of the index on the expression: a search checked call by call no longer parses each line
 * again. Rewrites call_interaction once.
 */
export class Migration20261202201000_transcript_search_vector extends Migration {
  override name = 'Migration20261202201000_transcript_search_vector';

  override up(): void | Promise<void> {
    this.addSql(
      `alter table "call_interaction" add column "search_vector" tsvector generated always as (to_tsvector('english', "text")) stored;`,
    );
    this.addSql(`create index "call_interaction_search_vector" on "call_interaction" using gin ("search_vector");`);
    this.addSql(`drop index "call_interaction_text_search";`);
  }

  override down(): void | Promise<void> {
    this.addSql(
      `create index "call_interaction_text_search" on "call_interaction" using gin (to_tsvector('english', "text"));`,
    );
    this.addSql(`drop index "call_interaction_search_vector";`);
    this.addSql(`alter table "call_interaction" drop column "search_vector";`);
  }
}
