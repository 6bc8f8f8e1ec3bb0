import { orderExpression } from './collation';
import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * Set-based reads for DataLoader batch functions: one SQL statement per batch, results in key order,
 * misses as null / empty lists. Column names are the entity's property names; `where` is an SQL fragment on
 * alias `t` with named parameters (e.g. `t.year = :year`).
 */
export interface Filter {
  sql: string;
  params: Record<string, unknown>;
}

export const noFilter: Filter = { sql: 'TRUE', params: {} };

export function andFilters(...filters: Filter[]): Filter {
  const parts = filters.filter((f) => f.sql !== 'TRUE');
  if (parts.length === 0) return noFilter;
  return { sql: parts.map((f) => `(${f.sql})`).join(' AND '), params: Object.assign({}, ...parts.map((f) => f.params)) };
}

/** Equality filters from an object, skipping undefined/null values. */
export function equals(values: Record<string, string | number | boolean | null | undefined>): Filter {
  const entries = Object.entries(values).filter(([, v]) => v !== undefined && v !== null);
  if (entries.length === 0) return noFilter;
  return {
    sql: entries.map(([k]) => `t.${k} = :eq_${k}`).join(' AND '),
    params: Object.fromEntries(entries.map(([k, v]) => [`eq_${k}`, v])),
  };
}

function groupBy<T extends ObjectLiteral>(rows: T[], property: string, keys: readonly string[]): T[][] {
  const groups = new Map<string, T[]>(keys.map((k) => [k, []]));
  for (const row of rows) groups.get(String(row[property]))?.push(row);
  return keys.map((k) => groups.get(k) ?? []);
}

/** Rows whose `property` is one of `keys`, grouped per key. */
export async function rowsGroupedBy<T extends ObjectLiteral>(
  db: EntityManager,
  entity: EntityTarget<T>,
  property: keyof T & string,
  keys: readonly string[],
  options: { where?: Filter; orderBy?: Record<string, 'ASC' | 'DESC'> } = {},
): Promise<T[][]> {
  const where = options.where ?? noFilter;
  const qb = db
    .getRepository(entity)
    .createQueryBuilder('t')
    .where(`t.${property} IN (:...keys)`, { keys })
    .andWhere(where.sql, where.params);
  for (const [prop, dir] of Object.entries(options.orderBy ?? {})) qb.addOrderBy(`t.${prop}`, dir);
  return groupBy(await qb.getMany(), property, keys);
}

/** The one row per key (a unique column), or null. */
export async function rowsBy<T extends ObjectLiteral>(
  db: EntityManager,
  entity: EntityTarget<T>,
  property: keyof T & string,
  keys: readonly string[],
): Promise<(T | null)[]> {
  return (await rowsGroupedBy(db, entity, property, keys)).map((group) => group[0] ?? null);
}

/** Number of rows per key. */
export async function countsBy<T extends ObjectLiteral>(
  db: EntityManager,
  entity: EntityTarget<T>,
  property: keyof T & string,
  keys: readonly string[],
  where: Filter = noFilter,
): Promise<number[]> {
  const raw: { k: string; n: string }[] = await db
    .getRepository(entity)
    .createQueryBuilder('t')
    .select(`t.${property}`, 'k')
    .addSelect('count(*)', 'n')
    .where(`t.${property} IN (:...keys)`, { keys })
    .andWhere(where.sql, where.params)
    .groupBy(`t.${property}`)
    .getRawMany();
  const counts = new Map(raw.map((r) => [String(r.k), Number(r.n)]));
  return keys.map((k) => counts.get(k) ?? 0);
}

/**
 * One page of rows for each key in a single statement (a window function numbers the rows within each key),
 * so a nested connection under N parents costs one query, not N.
 */
export async function pagedGroups<T extends ObjectLiteral>(
  db: EntityManager,
  entity: EntityTarget<T>,
  property: keyof T & string,
  keys: readonly string[],
  options: { where?: Filter; orderBy: [string, 'ASC' | 'DESC'][]; offset: number; limit: number },
): Promise<T[][]> {
  const meta = db.connection.getMetadata(entity);
  if (meta.primaryColumns.length !== 1) throw new Error(`${meta.name}: pagedGroups needs a single-column primary key`);
  const pk = meta.primaryColumns[0];
  const where = options.where ?? noFilter;
  const orderSql = options.orderBy.map(([prop, dir]) => `${orderExpression(db.connection, 't', prop)} ${dir}`).join(', ');
  const ranked = db
    .getRepository(entity)
    .createQueryBuilder('t')
    .select(`t.${pk.propertyName}`, 'pk')
    .addSelect(`row_number() OVER (PARTITION BY t.${property} ORDER BY ${orderSql}, t.${pk.propertyName})`, 'rn')
    .where(`t.${property} IN (:...keys)`, { keys })
    .andWhere(where.sql, where.params);
  const [rankedSql, rankedParams] = ranked.getQueryAndParameters();
  // Re-number the inner query's positional parameters after the two bounds.
  const shifted = rankedSql.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + 2}`);
  const pkColumn = pk.databaseName;
  // The rows come back in the window's order (rn within each key): the database's collation decides, so names sorted
  // by pinyin stay so (comparing them again in JavaScript would put them back in code-point order).
  const sql =
    `SELECT t.* FROM "${meta.tableName}" t JOIN (SELECT pk, rn FROM (${shifted}) ranked WHERE rn > $1 AND rn <= $2) r ` +
    `ON t."${pkColumn}" = r.pk ORDER BY r.rn`;
  const raw: Record<string, unknown>[] = await db.query(sql, [options.offset, options.offset + options.limit, ...rankedParams]);
  const rows = raw.map((r) => hydrate(db, entity, r));
  return groupBy(rows, property, keys);
}

/** Turns a raw row (database column names) into an entity, with TypeORM's own value conversions. */
export function hydrate<T extends ObjectLiteral>(db: EntityManager, entity: EntityTarget<T>, raw: Record<string, unknown>): T {
  const meta = db.connection.getMetadata(entity);
  const target = meta.create() as T;
  for (const col of meta.columns) {
    if (col.databaseName in raw) {
      (target as Record<string, unknown>)[col.propertyName] = db.connection.driver.prepareHydratedValue(raw[col.databaseName], col);
    }
  }
  return target;
}

