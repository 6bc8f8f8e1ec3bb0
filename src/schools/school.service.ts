import { EntityManager } from 'typeorm';
import { andFilters, equals, Filter, noFilter, pagedGroups, countsBy, plainEntity, plainFilter, hydratePlain } from '../db/batch';
import { SchoolType, Stage } from '../common/vocabulary';
import { STAGES_BY_SCHOOL_TYPE } from '../ingestion/datasets';
import { LoaderRegistry } from '../graphql/loader-registry';
import { Page, PageSource } from '../graphql/pagination';
import { containsPattern } from '../graphql/sorting';
import { orderExpression } from '../db/collation';
import { SchoolFilter, SchoolOrder } from './school.inputs';
import { School } from './school.entity';

/** School types that may have a stage (the data contract's table, which the importer enforces). */
function schoolTypesTeaching(stage: Stage): SchoolType[] {
  return Object.values(SchoolType).filter((t) => STAGES_BY_SCHOOL_TYPE[t].includes(stage));
}
export function schoolFilterSql(filter: SchoolFilter | null | undefined): Filter {
  if (!filter) return noFilter;
  return andFilters(
    equals({ districtCode: filter.districtCode, schoolType: filter.schoolType, location: filter.location }),
    filter.stage ? { sql: 't.schoolType IN (:...stageTypes)', params: { stageTypes: schoolTypesTeaching(filter.stage) } } : noFilter,
    filter.nameContains ? { sql: "t.name ILIKE :namePattern ESCAPE '\\'", params: { namePattern: containsPattern('filter.nameContains', filter.nameContains) } } : noFilter,
  );
}

function orderOf(orderBy: SchoolOrder[] | null | undefined): [string, 'ASC' | 'DESC'][] {
  const order: [string, 'ASC' | 'DESC'][] = (orderBy ?? []).map((o) => [o.field, o.direction]);
  return order.some(([f]) => f === 'code') ? order : [...order, ['code', 'ASC']];
}

/**
 * Top-level school list: filter, order, page; the count runs only when asked for. When the query selects both the
 * page and its totalCount (as lists do), both come from one statement — the count as a window over the filtered rows,
 * before LIMIT — one round trip fewer per request (D114); a page past the end has no row to carry it: counted apart.
 */
export function listSchools(
  db: EntityManager,
  filter: SchoolFilter | null | undefined,
  orderBy: SchoolOrder[] | null | undefined,
  page: Page,
  selected: { rows: boolean; count: boolean } = { rows: false, count: false },
): PageSource<School> {
  const where = schoolFilterSql(filter);
  const query = () => db.getRepository(School).createQueryBuilder('t').where(where.sql, where.params);
  const pageQuery = () => {
    const qb = query().offset(page.offset).limit(page.limit + 1);
    for (const [field, dir] of orderOf(orderBy)) qb.addOrderBy(orderExpression(db.connection, 't', field), dir);
    return qb;
  };
  const count = () => query().getCount();
  if (!(selected.rows && selected.count)) return { page, rows: () => pageQuery().getMany(), count };
  let both: Promise<{ rows: School[]; total: number | null }> | null = null;
  const fast = fastPageWithCount(db, where, orderBy, page);
  const fetchBoth = () =>
    (both ??= fast ? fast() : pageQuery()
      .addSelect('count(*) OVER ()', 'page_total_count')
      .getRawAndEntities<{ page_total_count: string | number }>()
      .then(({ entities, raw }) => ({ rows: entities, total: raw.length ? Number(raw[0]!.page_total_count) : page.offset === 0 ? 0 : null })));
  return {
    page,
    rows: () => fetchBoth().then((r) => r.rows),
    count: () => fetchBoth().then((r) => r.total ?? count()),
  };
}

/**
 * The page and its count in one statement written here rather than by the query builder (D124), for filters of
 * equalities (the district of a list): the same SELECT, WHERE, ORDER BY (names through the collation), LIMIT and
 * OFFSET, rows hydrated with TypeORM's conversions. Null when the filter is anything else.
 */
function fastPageWithCount(db: EntityManager, where: Filter, orderBy: SchoolOrder[] | null | undefined, page: Page) {
  const meta = db.connection.getMetadata(School);
  const plain = plainEntity(meta);
  if (!plain) return null;
  const params: unknown[] = [];
  const conditions = plainFilter(plain, where, params);
  const order = orderOf(orderBy);
  if (!conditions || !order.every(([field]) => plain.byProperty.has(field))) return null;
  const orderSql = order
    .map(([field, dir]) => `${orderExpression(db.connection, 't', field).replace(`t.${field}`, `t."${plain.byProperty.get(field)}"`)} ${dir}`)
    .join(', ');
  const sql =
    `SELECT ${plain.select}, count(*) OVER () AS page_total_count FROM ${plain.table} t` +
    (conditions.length ? ` WHERE ${conditions.join(' AND ')}` : '') +
    ` ORDER BY ${orderSql} LIMIT ${page.limit + 1} OFFSET ${page.offset}`;
  return async () => {
    const raw: Record<string, unknown>[] = await db.query(sql, params);
    return {
      rows: raw.map((r) => hydratePlain<School>(db, meta, plain, r)),
      total: raw.length ? Number(raw[0]!.page_total_count) : page.offset === 0 ? 0 : null,
    };
  };
}

/** A district's schools as a connection; batched over all districts of the request. */
export function districtSchools(
  db: EntityManager,
  registry: LoaderRegistry,
  districtCode: string,
  filter: SchoolFilter | null | undefined,
  orderBy: SchoolOrder[] | null | undefined,
  page: Page,
): PageSource<School> {
  const params = { filter: filter ? { ...filter } : null, orderBy: orderOf(orderBy), page };
  const where = schoolFilterSql(filter);
  return {
    page,
    rows: () =>
      registry
        .get<string, School[]>('district.schoolsPage', params, (codes) =>
          pagedGroups(db, School, 'districtCode', codes, { where, orderBy: params.orderBy, offset: page.offset, limit: page.limit + 1 }),
        )
        .load(districtCode),
    count: () =>
      registry
        .get<string, number>('district.schoolsCount', params.filter, (codes) => countsBy(db, School, 'districtCode', codes, where))
        .load(districtCode),
  };
}
