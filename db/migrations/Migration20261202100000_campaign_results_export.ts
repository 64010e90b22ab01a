import { Migration } from '@mikro-orm/migrations';

export class Migration20261202100000_campaign_results_export extends Migration {
  override name = 'Migration20261202100000_campaign_results_export';

  override up(): void | Promise<void> {
    this.addSql(`alter table "data_export" drop constraint "data_export_kind_check";`);
    this.addSql(
      `alter table "data_export" add constraint "data_export_kind_check" check ("kind" in ('calls', 'transcripts', 'qa_scores', 'escalations', 'campaign_results', 'report', 'person_data'));`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`delete from "data_export" where "kind" = 'campaign_results';`);
    this.addSql(`alter table "data_export" drop constraint "data_export_kind_check";`);
    this.addSql(
      `alter table "data_export" add constraint "data_export_kind_check" check ("kind" in ('calls', 'transcripts', 'qa_scores', 'escalations', 'report', 'person_data'));`,
    );
  }
}
