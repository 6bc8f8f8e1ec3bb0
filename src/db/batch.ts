import { orderExpression } from './collation';
import { EntityManager, EntityMetadata, EntityTarget, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';

/**
 * Set-based reads for DataLoader batch functions: one SQL statement per batch, results in key order,
 * misses as null / empty lists. Column names are the entity's property names; `where` is an SQL fragment on
 * alias `t` with named parameters (e.g. `t.year = :year`).
 */
export interface Filter {
  sql: string;
  params: Record<string, unknown>;
  /**
   * The same filter as equalities on properties, when it is only that (`equals`, `noFilter` and their `andFilters`):
   * such filters are written straight into SQL by the fast path below; any other filter goes through TypeORM.
   */
  eq?: readonly (readonly [string, string | number | boolean])[];
}

export const noFilter: Filter = { sql: 'TRUE', params: {}, eq: [] };

export function andFilters(...filters: Filter[]): Filter {
  const parts = filters.filter((f) => f.sql !== 'TRUE');
  if (parts.length === 0) return noFilter;
  const filter: Filter = { sql: parts.map((f) => `(${f.sql})`).join(' AND '), params: Object.assign({}, ...parts.map((f) => f.params)) };
  if (parts.every((f) => f.eq)) filter.eq = parts.flatMap((f) => f.eq!);
  return filter;
}

/** Equality filters from an object, skipping undefined/null values. */
export function equals(values: Record<string, string | number | boolean | null | undefined>): Filter {
  const entries = Object.entries(values).filter(([, v]) => v !== undefined && v !== null);
  if (entries.length === 0) return noFilter;
  return {
    sql: entries.map(([k]) => `t.${k} = :eq_${k}`).join(' AND '),
    params: Object.fromEntries(entries.map(([k, v]) => [`eq_${k}`, v])),
    eq: entries as [string, string | number | boolean][],
  };
}

/**
 * The fast path of the hot loaders (D124): for an entity read whole (every column selected, no inheritance, no
 * embedded or virtual column) and a filter of equalities, the statement is written here — the same SELECT, WHERE
 * and ORDER BY TypeORM's query builder writes, without building it per call — and the rows are hydrated with
 * TypeORM's own value conversions (`prepareHydratedValue`, transformers included) into the entity's prototype, as
 * `getMany` does. Anything else goes through the query builder as before.
 */
export interface PlainEntity {
  table: string;
  select: string;
  columns: [string, ColumnMetadata][];
  byProperty: Map<string, string>;
}
const plainEntities = new WeakMap<EntityMetadata, PlainEntity | null>();

export function plainEntity(meta: EntityMetadata): PlainEntity | null {
  let plain = plainEntities.get(meta);
  if (plain !== undefined) return plain;
  const simple =
    !meta.embeddeds.length &&
    !meta.childEntityMetadatas.length &&
    !meta.parentEntityMetadata &&
    !meta.discriminatorColumn &&
    !meta.lazyRelations.length &&
    !meta.columns.some((c) => c.isVirtual || c.isVirtualProperty || !c.isSelect || c.embeddedMetadata || c.propertyPath !== c.propertyName);
  plain = simple
    ? {
        table: meta.tablePath.split('.').map((p) => `"${p}"`).join('.'),
        select: meta.columns.map((c) => `t."${c.databaseName}"`).join(', '),
        columns: meta.columns.map((c) => [c.databaseName, c]),
        byProperty: new Map(meta.columns.map((c) => [c.propertyName, c.databaseName])),
      }
    : null;
  plainEntities.set(meta, plain);
  return plain;
}

export function hydratePlain<T>(db: EntityManager, meta: EntityMetadata, plain: PlainEntity, raw: Record<string, unknown>): T {
  const target = meta.create(undefined, { fromDeserializer: true }) as Record<string, unknown>;
  const driver = db.connection.driver;
  for (const [name, col] of plain.columns) {
    const value = raw[name];
    if (value === undefined) continue;
    target[col.propertyName] = driver.prepareHydratedValue(value, col);
  }
  return target as T;
}

/** The filter's equalities as SQL on alias `t`, parameters appended to `params`; null when the filter is not plain. */
export function plainFilter(plain: PlainEntity, where: Filter, params: unknown[]): string[] | null {
  if (!where.eq || !where.eq.every(([p]) => plain.byProperty.has(p))) return null;
  return where.eq.map(([p, v]) => `t."${plain.byProperty.get(p)}" = $${params.push(v)}`);
}

/** `t."col" IN ($i, …)` and the equalities, with their parameters appended to `params`; null when not plain. */
function plainWhere(plain: PlainEntity, property: string, keys: readonly unknown[], where: Filter, params: unknown[]): string | null {
  const keyColumn = plain.byProperty.get(property);
  if (!keyColumn || !where.eq || !where.eq.every(([p]) => plain.byProperty.has(p))) return null;
  const slots = keys.map((k) => `$${params.push(k)}`);
  return [`t."${keyColumn}" IN (${slots.join(', ')})`, ...plainFilter(plain, where, params)!].join(' AND ');
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
  const meta = db.connection.getMetadata(entity);
  const plain = plainEntity(meta);
  if (plain && keys.length) {
    const params: unknown[] = [];
    const whereSql = plainWhere(plain, property, keys, where, params);
    const order = Object.entries(options.orderBy ?? {});
    if (whereSql !== null && order.every(([prop]) => plain.byProperty.has(prop))) {
      const orderSql = order.length ? ` ORDER BY ${order.map(([prop, dir]) => `t."${plain.byProperty.get(prop)}" ${dir}`).join(', ')}` : '';
      const raw: Record<string, unknown>[] = await db.query(`SELECT ${plain.select} FROM ${plain.table} t WHERE ${whereSql}${orderSql}`, params);
      return groupBy(raw.map((r) => hydratePlain<T>(db, meta, plain, r)), property, keys);
    }
  }
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
  const plain = plainEntity(db.connection.getMetadata(entity));
  if (plain && keys.length) {
    const params: unknown[] = [];
    const whereSql = plainWhere(plain, property, keys, where, params);
    if (whereSql !== null) {
      const column = plain.byProperty.get(property)!;
      const raw: { k: string; n: string }[] = await db.query(`SELECT t."${column}" AS k, count(*) AS n FROM ${plain.table} t WHERE ${whereSql} GROUP BY t."${column}"`, params);
      const counts = new Map(raw.map((r) => [String(r.k), Number(r.n)]));
      return keys.map((k) => counts.get(k) ?? 0);
    }
  }
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

