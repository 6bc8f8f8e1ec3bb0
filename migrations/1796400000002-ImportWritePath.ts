import { MigrationInterface, QueryRunner } from 'typeorm';

/** The departmental tables the importer writes (as in 1796210000000-DistrictDataVersion). */
const TABLES = [
  'districts', 'schools', 'school_stats', 'district_education', 'teacher_postings', 'civil_servant_pay', 'education_expenditure',
  'school_funds', 'transfer_payments', 'quality_monitoring', 'ratings', 'surveys', 'supervision_visits',
];

/** The district-version function of D101; `schoolExpr` is how it finds the districts of school-keyed rows. */
const bumpFunction = (schoolSql: string) => `CREATE OR REPLACE FUNCTION junheng_bump_district_versions() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
      DECLARE
        codes text[] := '{}';
        query text := CASE TG_ARGV[0]
          WHEN 'self' THEN 'SELECT coalesce(array_agg(DISTINCT r.code), ''{}'') FROM %s r'
          WHEN 'district' THEN 'SELECT coalesce(array_agg(DISTINCT r.district_code), ''{}'') FROM %s r'
          ELSE ${schoolSql} END;
        part text[];
      BEGIN
        IF TG_OP = 'TRUNCATE' THEN
          UPDATE district_data_version SET version = nextval('district_data_version_seq') WHERE district_code = '*';
          RETURN NULL;
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
          EXECUTE format(query, 'new_rows') INTO part;
          codes := codes || part;
        END IF;
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
          EXECUTE format(query, 'old_rows') INTO part;
          codes := codes || part;
        END IF;
        -- In code order, so two transactions bumping the same districts in one statement each lock them alike.
        INSERT INTO district_data_version (district_code, version)
          SELECT c, nextval('district_data_version_seq') FROM (SELECT DISTINCT c FROM unnest(codes) c WHERE c IS NOT NULL ORDER BY c) d
          ON CONFLICT (district_code) DO UPDATE SET version = EXCLUDED.version;
        RETURN NULL;
      END $$`;

/**
 * Issue #15.4, the import's write path:
 * 1. The district-version trigger finds the districts of school-keyed rows by joining the statement's distinct
 *    school codes to `schools` once, not by a subquery per row (185k postings: 650 ms → 60 ms). Same districts.
 * 2. The triggers of the departmental tables fire ALWAYS, also under `session_replication_role = replica`, which the
 *    importer uses (when the role may) for its INSERT of new keys: that mode skips only the per-row foreign-key
 *    checks, which the importer has done set-wise and made safe with one FOR KEY SHARE lock on the referenced rows
 *    (src/ingestion/upsert.ts, docs/decisions.md). The version triggers must never be skipped.
 */
export class ImportWritePath1796400000002 implements MigrationInterface {
  name = 'ImportWritePath1796400000002';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      bumpFunction(
        `'SELECT coalesce(array_agg(DISTINCT s.district_code), ''{}'') FROM (SELECT DISTINCT school_code FROM %s) r JOIN schools s ON s.code = r.school_code'`,
      ),
    );
    await this.setTriggers(q, 'ENABLE ALWAYS');
  }

  public async down(q: QueryRunner): Promise<void> {
    await this.setTriggers(q, 'ENABLE');
    await q.query(
      bumpFunction(`'SELECT coalesce(array_agg(DISTINCT (SELECT s.district_code FROM schools s WHERE s.code = r.school_code)), ''{}'') FROM %s r'`),
    );
  }

  /** Every trigger of the importer's tables that is not a constraint's (those stay as PostgreSQL made them). */
  private async setTriggers(q: QueryRunner, how: 'ENABLE' | 'ENABLE ALWAYS'): Promise<void> {
    const triggers: Array<{ table: string; name: string }> = await q.query(
      `SELECT c.relname AS table, t.tgname AS name FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
       WHERE NOT t.tgisinternal AND c.relnamespace = 'public'::regnamespace AND c.relname = ANY($1) ORDER BY 1, 2`,
      [TABLES],
    );
    for (const { table, name } of triggers) await q.query(`ALTER TABLE "${table}" ${how} TRIGGER "${name}"`);
  }
}
