import { MigrationInterface, QueryRunner } from 'typeorm';

/** Tables of deliveries and access, whose changes no evaluation depends on but responses may show. */
const METADATA_TABLES = ['import_batch', 'import_error', 'row_history', 'audit_event'];

/**
 * Versions for the metadata tables too (same trigger as DataVersion): the response cache keys whole responses by
 * every version, while the evaluation cache keeps to the departmental tables' versions, so an audit entry or a
 * rejected file never discards an evaluation.
 */
export class MetadataVersion1795504174183 implements MigrationInterface {
  name = 'MetadataVersion1795504174183';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`INSERT INTO data_version (table_name, version) SELECT unnest($1::text[]), 1`, [METADATA_TABLES]);
    for (const table of METADATA_TABLES) {
      await q.query(
        `CREATE TRIGGER "${table}_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "${table}"
           FOR EACH STATEMENT EXECUTE FUNCTION junheng_bump_data_version()`,
      );
    }
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const table of METADATA_TABLES) await q.query(`DROP TRIGGER "${table}_data_version" ON "${table}"`);
    await q.query(`DELETE FROM data_version WHERE table_name = ANY($1)`, [METADATA_TABLES]);
  }
}
