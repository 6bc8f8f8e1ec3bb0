import { MigrationInterface, QueryRunner } from 'typeorm';

/** Tables whose rows belong to one district through `district_code` (or `code` for districts). */
const BY_DISTRICT: [string, string][] = [
  ['districts', 'code'],
  ['schools', 'district_code'],
  ['district_education', 'district_code'],
  ['civil_servant_pay', 'district_code'],
  ['education_expenditure', 'district_code'],
  ['transfer_payments', 'district_code'],
  ['ratings', 'district_code'],
  ['surveys', 'district_code'],
];
/** Tables whose rows belong to a district through their school. */
const BY_SCHOOL = ['school_stats', 'teacher_postings', 'school_funds', 'quality_monitoring', 'supervision_visits'];

/**
 * Row-level security. Requests read as `junheng_reader` (SELECT only) inside a transaction that sets
 * `junheng.district` (empty for roles that see every district) and `junheng.role`. Policies keep a district
 * officer to their district on every table; import errors (cell values of any district) and the audit log are
 * hidden from district officers and, for the audit log, from everyone but supervisors. Writes never run as this role.
 */
export class RowLevelSecurity1795501762928 implements MigrationInterface {
  name = 'RowLevelSecurity1795501762928';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`DO $$ BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'junheng_reader') THEN CREATE ROLE junheng_reader NOLOGIN; END IF;
    END $$`);
    // The connecting user must be able to SET ROLE junheng_reader (superusers can already).
    await q.query(`DO $$ BEGIN
      IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN EXECUTE format('GRANT junheng_reader TO %I', current_user); END IF;
    END $$`);
    await q.query(`GRANT USAGE ON SCHEMA public TO junheng_reader`);
    await q.query(`CREATE FUNCTION junheng_scope_district() RETURNS text LANGUAGE sql STABLE AS
      $$ SELECT nullif(current_setting('junheng.district', true), '') $$`);
    await q.query(`CREATE FUNCTION junheng_scope_role() RETURNS text LANGUAGE sql STABLE AS
      $$ SELECT coalesce(nullif(current_setting('junheng.role', true), ''), 'none') $$`);
    await q.query(`GRANT EXECUTE ON FUNCTION junheng_scope_district(), junheng_scope_role() TO junheng_reader`);

    for (const [table, column] of BY_DISTRICT) {
      await this.protect(q, table, `junheng_scope_district() IS NULL OR "${column}" = junheng_scope_district()`);
    }
    for (const table of BY_SCHOOL) {
      await this.protect(
        q,
        table,
        `junheng_scope_district() IS NULL OR "school_code" IN (SELECT s.code FROM schools s WHERE s.district_code = junheng_scope_district())`,
      );
    }
    // Batch metadata (department, dataset, file, counts) is visible to every reader; what a batch delivered is scoped above.
    await this.protect(q, 'import_batch', 'true');
    await this.protect(q, 'import_error', `junheng_scope_district() IS NULL`);
    await this.protect(
      q,
      'row_history',
      `junheng_scope_district() IS NULL
        OR coalesce("key"->>'district_code', "values"->>'district_code', CASE WHEN dataset = 'districts' THEN "key"->>'code' END) = junheng_scope_district()
        OR coalesce("key"->>'school_code', "values"->>'school_code') IN (SELECT s.code FROM schools s WHERE s.district_code = junheng_scope_district())`,
    );
    await this.protect(q, 'audit_event', `junheng_scope_role() = 'supervisor'`);
  }

  private async protect(q: QueryRunner, table: string, using: string): Promise<void> {
    await q.query(`GRANT SELECT ON "${table}" TO junheng_reader`);
    await q.query(`ALTER TABLE "${table}" ENABLE ROW LEVEL SECURITY`);
    await q.query(`CREATE POLICY "${table}_reader_scope" ON "${table}" FOR SELECT TO junheng_reader USING (${using})`);
  }

  public async down(q: QueryRunner): Promise<void> {
    const tables = [...BY_DISTRICT.map(([t]) => t), ...BY_SCHOOL, 'import_batch', 'import_error', 'row_history', 'audit_event'];
    for (const table of tables) {
      await q.query(`DROP POLICY IF EXISTS "${table}_reader_scope" ON "${table}"`);
      await q.query(`ALTER TABLE "${table}" DISABLE ROW LEVEL SECURITY`);
      await q.query(`REVOKE SELECT ON "${table}" FROM junheng_reader`);
    }
    await q.query(`DROP FUNCTION junheng_scope_district()`);
    await q.query(`DROP FUNCTION junheng_scope_role()`);
    await q.query(`REVOKE USAGE ON SCHEMA public FROM junheng_reader`);
    // The role stays: it is cluster-wide and other databases of the cluster may use it.
  }
}
