import { EntityManager } from 'typeorm';
import { equals, rowsGroupedBy } from '../db/batch';
import { LoaderRegistry } from '../graphql/loader-registry';
import { Rating } from './rating.entity';
import { SupervisionVisit } from './supervision-visit.entity';
import { Survey } from './survey.entity';

export function createSupervisionLoaders(db: EntityManager, registry: LoaderRegistry) {
  return {
    ratings: (params: { year?: number | null }) =>
      registry.get<string, Rating[]>('supervision.ratings', params, (codes) =>
        rowsGroupedBy(db, Rating, 'districtCode', codes, { where: equals({ year: params.year }), orderBy: { year: 'ASC', indicator: 'ASC' } }),
      ),
    surveys: (params: { year?: number | null }) =>
      registry.get<string, Survey[]>('supervision.surveys', params, (codes) =>
        rowsGroupedBy(db, Survey, 'districtCode', codes, { where: equals({ year: params.year }), orderBy: { year: 'ASC' } }),
      ),
    visits: () =>
      registry.get<string, SupervisionVisit[]>('supervision.visits', undefined, (codes) =>
        rowsGroupedBy(db, SupervisionVisit, 'schoolCode', codes, { orderBy: { visitedOn: 'ASC', visitId: 'ASC' } }),
      ),
  };
}
