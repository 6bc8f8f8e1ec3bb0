import type { EntityManager } from 'typeorm';
import type { LoaderRegistry } from '../graphql/loader-registry';

/** The departmental tables: evaluations and funding checks depend on these and nothing else. */
export const DATA_TABLES = [
  'districts', 'schools', 'school_stats', 'district_education', 'teacher_postings', 'civil_servant_pay', 'education_expenditure',
  'school_funds', 'transfer_payments', 'quality_monitoring', 'ratings', 'surveys', 'supervision_visits',
];

export interface Versions {
  /** Versions of the departmental tables (the evaluation cache key). */
  data: string;
  /** Versions of every tracked table, deliveries included (the response cache key; the audit log has none, D21). */
  all: string;
}

/**
 * The table versions this request sees (table `data_version`, bumped by triggers inside every writing
 * transaction), read once per request in its snapshot.
 */
export function readVersions(db: EntityManager, registry: LoaderRegistry): Promise<Versions> {
  return registry
    .get<string, Versions>('db.versions', undefined, async (keys) => {
      const rows: { table_name: string; version: string }[] = await db.query('SELECT table_name, version FROM data_version ORDER BY table_name');
      const text = (list: typeof rows) => list.map((r) => `${r.table_name}=${r.version}`).join(',');
      const versions = { data: text(rows.filter((r) => DATA_TABLES.includes(r.table_name))), all: text(rows) };
      return keys.map(() => versions);
    })
    .load('current');
}
