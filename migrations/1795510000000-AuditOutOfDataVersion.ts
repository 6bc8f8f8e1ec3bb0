import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit log leaves the table versions (docs/decisions.md D21). Its trigger bumped a version on every denial, and
 * the response cache is keyed by every version: a client sending garbage tokens emptied the cache at will and
 * serialised its own denials on one row. Responses that read the audit log are simply never cached.
 */
export class AuditOutOfDataVersion1795510000000 implements MigrationInterface {
  name = 'AuditOutOfDataVersion1795510000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER "audit_event_data_version" ON "audit_event"`);
    await q.query(`DELETE FROM data_version WHERE table_name = 'audit_event'`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`INSERT INTO data_version (table_name, version) VALUES ('audit_event', 1)`);
    await q.query(
      `CREATE TRIGGER "audit_event_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "audit_event"
         FOR EACH STATEMENT EXECUTE FUNCTION junheng_bump_data_version()`,
    );
  }
}
