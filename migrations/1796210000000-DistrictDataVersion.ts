import { MigrationInterface, QueryRunner } from 'typeorm';

/** Each departmental table and how its rows name their district: by a district_code, a school_code, or (districts) code. */
const TABLES: [table: string, kind: 'self' | 'district' | 'school'][] = [
  ['districts', 'self'], ['schools', 'district'], ['school_stats', 'school'], ['district_education', 'district'],
  ['teacher_postings', 'school'], ['civil_servant_pay', 'district'], ['education_expenditure', 'district'],
  ['school_funds', 'school'], ['transfer_payments', 'district'], ['quality_monitoring', 'school'], ['ratings', 'district'],
  ['surveys', 'district'], ['supervision_visits', 'district'],
];

/**
 * A data version per district (D101): statement-level triggers with transition tables bump the version of every
 * district whose rows a statement inserted, changed or deleted (both districts when a school moves), inside the
 * writing transaction, so a reader sees a district's new version exactly when it sees its new rows. The evaluation
 * and facts caches are keyed by these: a delivery for one district recomputes that district only. A TRUNCATE names
 * no rows: it bumps the epoch (district '*'), which every key includes. Versions come from one sequence, so they
 * never repeat. SECURITY DEFINER: API writers (ratings, surveys, visits) bump versions without a grant on the table.
 */
export class DistrictDataVersion1796210000000 implements MigrationInterface {
  name = 'DistrictDataVersion1796210000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SEQUENCE district_data_version_seq`);
    await q.query(`CREATE TABLE district_data_version (district_code text PRIMARY KEY, version bigint NOT NULL)`);
    await q.query(`INSERT INTO district_data_version VALUES ('*', nextval('district_data_version_seq'))`);
    await q.query(`CREATE FUNCTION junheng_bump_district_versions() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
      DECLARE
        codes text[] := '{}';
        expr text := CASE TG_ARGV[0] WHEN 'self' THEN 'r.code' WHEN 'district' THEN 'r.district_code'
                          ELSE '(SELECT s.district_code FROM schools s WHERE s.code = r.school_code)' END;
        part text[];
      BEGIN
        IF TG_OP = 'TRUNCATE' THEN
          UPDATE district_data_version SET version = nextval('district_data_version_seq') WHERE district_code = '*';
          RETURN NULL;
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
          EXECUTE format('SELECT coalesce(array_agg(DISTINCT %s), ''{}'') FROM new_rows r', expr) INTO part;
          codes := codes || part;
        END IF;
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
          EXECUTE format('SELECT coalesce(array_agg(DISTINCT %s), ''{}'') FROM old_rows r', expr) INTO part;
          codes := codes || part;
        END IF;
        -- In code order, so two transactions bumping the same districts in one statement each lock them alike.
        INSERT INTO district_data_version (district_code, version)
          SELECT c, nextval('district_data_version_seq') FROM (SELECT DISTINCT c FROM unnest(codes) c WHERE c IS NOT NULL ORDER BY c) d
          ON CONFLICT (district_code) DO UPDATE SET version = EXCLUDED.version;
        RETURN NULL;
      END $$`);
    for (const [table, kind] of TABLES) {
      await q.query(`CREATE TRIGGER "${table}_district_version_ins" AFTER INSERT ON "${table}" REFERENCING NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION junheng_bump_district_versions('${kind}')`);
      await q.query(`CREATE TRIGGER "${table}_district_version_upd" AFTER UPDATE ON "${table}" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION junheng_bump_district_versions('${kind}')`);
      await q.query(`CREATE TRIGGER "${table}_district_version_del" AFTER DELETE ON "${table}" REFERENCING OLD TABLE AS old_rows
        FOR EACH STATEMENT EXECUTE FUNCTION junheng_bump_district_versions('${kind}')`);
      await q.query(`CREATE TRIGGER "${table}_district_version_trunc" AFTER TRUNCATE ON "${table}"
        FOR EACH STATEMENT EXECUTE FUNCTION junheng_bump_district_versions('${kind}')`);
    }
    await q.query(`GRANT SELECT ON district_data_version TO junheng_reader`);
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const [table] of TABLES) {
      for (const op of ['ins', 'upd', 'del', 'trunc']) await q.query(`DROP TRIGGER "${table}_district_version_${op}" ON "${table}"`);
    }
    await q.query(`DROP FUNCTION junheng_bump_district_versions()`);
    await q.query(`DROP TABLE district_data_version`);
    await q.query(`DROP SEQUENCE district_data_version_seq`);
  }
}
