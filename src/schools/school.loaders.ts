import { EntityManager } from 'typeorm';
import { equals, rowsBy, rowsGroupedBy } from '../db/batch';
import { LoaderRegistry } from '../graphql/loader-registry';
import { SchoolStat } from './school-stat.entity';
import { School } from './school.entity';

export function createSchoolLoaders(db: EntityManager, registry: LoaderRegistry) {
  return {
    byCode: () => registry.get<string, School | null>('school.byCode', undefined, (codes) => rowsBy(db, School, 'code', codes)),
    stats: (params: { year?: number | null; stage?: string | null }) =>
      registry.get<string, SchoolStat[]>('school.stats', params, (codes) =>
        rowsGroupedBy(db, SchoolStat, 'schoolCode', codes, {
          where: equals({ year: params.year, stage: params.stage }),
          orderBy: { year: 'ASC', stage: 'DESC' },
        }),
      ),
  };
}
