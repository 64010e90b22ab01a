import { Migration } from '@mikro-orm/migrations';

/**
 * Rows created without a JSON column's value got the default as a JSON string (`"{}"`, `"[]"`)
 * rather than an empty object or list; the entities now create the value itself, and this turns
 * the strings already stored back into what they spell.
 */
export class Migration20261202013000_json_defaults extends Migration {
  override name = 'Migration20261202013000_json_defaults';

  override up(): void | Promise<void> {
    const columns: [string, string][] = [
      ['business_config', 'settings'],
      ['organization_credential', 'settings'],
      ['doc_source', 'doc_type_rules'],
      ['doc_sync_run', 'errors'],
      ['escalation', 'offers'],
      ['qa_score', 'violations'],
      ['qa_score', 'notes'],
    ];
    for (const [table, column] of columns) {
      this.addSql(
        `update "${table}" set "${column}" = ("${column}" #>> '{}')::jsonb where jsonb_typeof("${column}") = 'string' and ("${column}" #>> '{}') in ('{}', '[]');`,
      );
    }
  }
}
