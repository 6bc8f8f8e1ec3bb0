import type { EntityManager } from 'typeorm';
import type { LoaderRegistry } from '../graphql/loader-registry';

/** The departmental tables: evaluations and funding checks depend on these and nothing else. */
export const DATA_TABLES = [
  'districts', 'schools', 'school_stats', 'district_education', 'teacher_postings', 'civil_servant_pay', 'education_expenditure',
  'school_funds', 'transfer_payments', 'quality_monitoring', 'ratings', 'surveys', 'supervision_visits',
];

export interface Versions {
  /** Versions of the departmental tables. */
  data: string;
  /** Versions of every tracked table, deliveries included (the response cache key; the audit log has none, D21). */
  all: string;
  /** Bumped only by a TRUNCATE of a departmental table: part of every district's key. */
  epoch: string;
  /** Each district's data version (absent: never written since the migration, version 0). */
  districts: ReadonlyMap<string, string>;
}

/** The key of a district's data in this snapshot: what its facts and evaluations are cached under (D101). */
export function districtVersion(versions: Versions, code: string): string {
  return `${versions.epoch}:${versions.districts.get(code) ?? '0'}`;
}

/**
 * The table versions and the district versions this request sees (tables `data_version` and `district_data_version`,
 * bumped by triggers inside every writing transaction), read once per request in its snapshot, in one statement.
 */
export function readVersions(db: EntityManager, registry: LoaderRegistry): Promise<Versions> {
  return registry
    .get<string, Versions>('db.versions', undefined, async (keys) => {
      const rows: { kind: 't' | 'd'; name: string; version: string }[] = await db.query(
        `SELECT 't' AS kind, table_name AS name, version FROM data_version
         UNION ALL SELECT 'd', district_code, version FROM district_data_version ORDER BY 1, 2`,
      );
      const tables = rows.filter((r) => r.kind === 't');
      const text = (list: typeof rows) => list.map((r) => `${r.name}=${r.version}`).join(',');
      const districts = new Map(rows.filter((r) => r.kind === 'd').map((r) => [r.name, String(r.version)]));
      const versions: Versions = {
        data: text(tables.filter((r) => DATA_TABLES.includes(r.name))),
        all: text(tables),
        epoch: districts.get('*') ?? '0',
        districts,
      };
      return keys.map(() => versions);
    })
    .load('current');
}
