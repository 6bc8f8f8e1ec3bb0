import type { Context } from '../graphql/context';
import { EntityManager } from 'typeorm';
import { andFilters, equals, noFilter } from '../db/batch';
import { Page, PageSource } from '../graphql/pagination';
import { containsPattern } from '../graphql/sorting';
import { orderExpression } from '../db/collation';
import { DistrictFilter, DistrictOrder } from './district.inputs';
import { District } from './district.entity';

export function listDistricts(
  db: EntityManager,
  filter: DistrictFilter | null | undefined,
  orderBy: DistrictOrder[] | null | undefined,
  page: Page,
): PageSource<District> {
  const where = andFilters(
    equals({ kind: filter?.kind, plannedCertificationYear: filter?.plannedCertificationYear, certified: filter?.certified }),
    filter?.nameContains
      ? { sql: "t.name ILIKE :namePattern ESCAPE '\\'", params: { namePattern: containsPattern('filter.nameContains', filter.nameContains) } }
      : noFilter,
  );
  const query = () => db.getRepository(District).createQueryBuilder('t').where(where.sql, where.params);
  return {
    page,
    rows: () => {
      const qb = query().offset(page.offset).limit(page.limit + 1);
      for (const o of orderBy ?? []) qb.addOrderBy(orderExpression(db.connection, 't', o.field), o.direction);
      return qb.addOrderBy('t.code', 'ASC').getMany();
    },
    count: () => query().getCount(),
  };
}

/** Every district the viewer may see, in code order: what city-wide figures are computed over. */
export function visibleDistrictCodes(ctx: Context): Promise<string[]> {
  return ctx.loaders.districts.visibleCodes().load('all');
}
