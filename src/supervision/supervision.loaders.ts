import { DataSource } from 'typeorm';
import { equals, rowsGroupedBy } from '../db/batch';
import { LoaderRegistry } from '../graphql/loader-registry';
import { Rating } from './rating.entity';
import { SupervisionVisit } from './supervision-visit.entity';
import { Survey } from './survey.entity';

export function createSupervisionLoaders(ds: DataSource, registry: LoaderRegistry) {
  return {
    ratings: (params: { year?: number | null }) =>
      registry.get<string, Rating[]>('supervision.ratings', params, (codes) =>
        rowsGroupedBy(ds, Rating, 'districtCode', codes, { where: equals({ year: params.year }), orderBy: { year: 'ASC', indicator: 'ASC' } }),
      ),
    surveys: (params: { year?: number | null }) =>
      registry.get<string, Survey[]>('supervision.surveys', params, (codes) =>
        rowsGroupedBy(ds, Survey, 'districtCode', codes, { where: equals({ year: params.year }), orderBy: { year: 'ASC' } }),
      ),
    visits: () =>
      registry.get<string, SupervisionVisit[]>('supervision.visits', undefined, (codes) =>
        rowsGroupedBy(ds, SupervisionVisit, 'schoolCode', codes, { orderBy: { visitedOn: 'ASC', visitId: 'ASC' } }),
      ),
  };
}
