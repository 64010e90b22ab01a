import { Migration } from '@mikro-orm/migrations';

/**
 * The call list's orders by status change, talk time and adversarial score, each read in index order;
 * its QA filter's scores.
 */
export class Migration20261202200000_call_list_orders extends Migration {
  override name = 'Migration20261202200000_call_list_orders';

  override up(): void | Promise<void> {
    this.addSql(
      `create index "call_organization_id_status_changed_at_index" on "call" ("organization_id", "status_changed_at");`,
    );
    this.addSql(
      `create index "call_organization_id_duration_order" on "call" ("organization_id", coalesce("duration_seconds", -1), "id");`,
    );
    this.addSql(
      `create index "call_organization_id_adversarial_order" on "call" ("organization_id", coalesce("adversarial_score", -1), "id");`,
    );
    this.addSql(`create index "call_facts_qa_score_index" on "call_facts" ("qa_score");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "call_facts_qa_score_index";`);
    this.addSql(`drop index "call_organization_id_adversarial_order";`);
    this.addSql(`drop index "call_organization_id_duration_order";`);
    this.addSql(`drop index "call_organization_id_status_changed_at_index";`);
  }
}
