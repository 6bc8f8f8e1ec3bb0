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
  /** Versions of the tracked tables that are not departmental (deliveries, dossiers, the ledger…): what a district's key adds. */
  outsideDistricts: string;
  /** Bumped only by a TRUNCATE of a departmental table: part of every district's key. */
  epoch: string;
  /** Each district's data version (absent: never written since the migration, version 0). */
  districts: ReadonlyMap<string, string>;
}

/** The key of a district's data in this snapshot: what its facts and evaluations are cached under (D101). */
export function districtVersion(versions: Versions, code: string): string {
  return `${versions.epoch}:${versions.districts.get(code) ?? '0'}`;
}

/** The statement that reads every version in the request's snapshot (run in the BEGIN round trip, request-scope.ts). */
export const VERSIONS_SQL = `SELECT 't' AS kind, table_name AS name, version FROM data_version
  UNION ALL SELECT 'd', district_code, version FROM district_data_version ORDER BY 1, 2`;

export type VersionRow = { kind: 't' | 'd'; name: string; version: string };

export function versionsFrom(rows: readonly VersionRow[]): Versions {
  const tables = rows.filter((r) => r.kind === 't');
  const text = (list: readonly VersionRow[]) => list.map((r) => `${r.name}=${r.version}`).join(',');
  const districts = new Map(rows.filter((r) => r.kind === 'd').map((r) => [r.name, String(r.version)]));
  return {
    data: text(tables.filter((r) => DATA_TABLES.includes(r.name))),
    all: text(tables),
    outsideDistricts: text(tables.filter((r) => !DATA_TABLES.includes(r.name))),
    epoch: districts.get('*') ?? '0',
    districts,
  };
}

const VERSIONS_LOADER = 'db.versions';

function versionsLoader(db: EntityManager, registry: LoaderRegistry) {
  return registry.get<string, Versions>(VERSIONS_LOADER, undefined, async (keys) => {
    const versions = versionsFrom(await db.query(VERSIONS_SQL));
    return keys.map(() => versions);
  });
}

/** Versions already read with the request's BEGIN: later reads in the same snapshot take them from here. */
export function primeVersions(db: EntityManager, registry: LoaderRegistry, versions: Versions): void {
  versionsLoader(db, registry).prime('current', versions);
}

/**
 * The table versions and the district versions this request sees (tables `data_version` and `district_data_version`,
 * bumped by triggers inside every writing transaction), read once per request in its snapshot, in one statement —
 * usually none: the request scope reads them with its BEGIN and primes this loader (after a write, a new snapshot
 * has new loaders and reads them again).
 */
export function readVersions(db: EntityManager, registry: LoaderRegistry): Promise<Versions> {
  return versionsLoader(db, registry).load('current');
}
