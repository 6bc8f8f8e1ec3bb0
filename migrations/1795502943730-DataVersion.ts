import { MigrationInterface, QueryRunner } from 'typeorm';

/** The departmental tables: a change to any of them changes what an evaluation computes. */
const DATA_TABLES = [
  'districts', 'schools', 'school_stats', 'district_education', 'teacher_postings', 'civil_servant_pay', 'education_expenditure',
  'school_funds', 'transfer_payments', 'quality_monitoring', 'ratings', 'surveys', 'supervision_visits',
];

/**
 * A version per departmental table, bumped by a statement-level trigger on every insert, update, delete or
 * truncate, inside the writing transaction: readers see a new version exactly when they see the new rows. The hub
 * keys its evaluation cache by these versions, so an import invalidates what it changed and nothing else is needed.
 * One row per table: imports of different datasets never wait for each other here.
 */
export class DataVersion1795502943730 implements MigrationInterface {
  name = 'DataVersion1795502943730';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE data_version (table_name text PRIMARY KEY, version bigint NOT NULL)`);
    await q.query(`INSERT INTO data_version (table_name, version) SELECT unnest($1::text[]), 1`, [DATA_TABLES]);
    await q.query(`CREATE FUNCTION junheng_bump_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE data_version SET version = version + 1 WHERE table_name = TG_TABLE_NAME;
        RETURN NULL;
      END $$`);
    for (const table of DATA_TABLES) {
      await q.query(
        `CREATE TRIGGER "${table}_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "${table}"
           FOR EACH STATEMENT EXECUTE FUNCTION junheng_bump_data_version()`,
      );
    }
    await q.query(`GRANT SELECT ON data_version TO junheng_reader`);
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const table of DATA_TABLES) await q.query(`DROP TRIGGER "${table}_data_version" ON "${table}"`);
    await q.query(`DROP FUNCTION junheng_bump_data_version()`);
    await q.query(`DROP TABLE data_version`);
  }
}
