import { EntityManager } from 'typeorm';
import { countsBy, equals, pagedGroups, rowsGroupedBy } from '../db/batch';
import { Page } from '../graphql/pagination';
import { LoaderRegistry } from '../graphql/loader-registry';
import { CivilServantPay } from './civil-servant-pay.entity';
import { TeacherPosting } from './teacher-posting.entity';

export function createStaffingLoaders(db: EntityManager, registry: LoaderRegistry) {
  return {
    /** One page of a school's postings (ordered by teacher id). */
    postingsPage: (params: { year?: number | null; page: Page }) =>
      registry.get<string, TeacherPosting[]>('staffing.postingsPage', params, (codes) =>
        pagedGroups(db, TeacherPosting, 'schoolCode', codes, {
          where: equals({ year: params.year }),
          orderBy: [['year', 'ASC'], ['teacherId', 'ASC']],
          offset: params.page.offset,
          limit: params.page.limit + 1,
        }),
      ),
    postingCount: (params: { year?: number | null }) =>
      registry.get<string, number>('staffing.postingCount', params, (codes) =>
        countsBy(db, TeacherPosting, 'schoolCode', codes, equals({ year: params.year })),
      ),
    civilServantPay: (params: { year?: number | null }) =>
      registry.get<string, CivilServantPay[]>('staffing.civilServantPay', params, (codes) =>
        rowsGroupedBy(db, CivilServantPay, 'districtCode', codes, { where: equals({ year: params.year }), orderBy: { year: 'ASC' } }),
      ),
  };
}
