import { EntityManager } from 'typeorm';
import { andFilters, equals, Filter, noFilter, rowsGroupedBy } from '../db/batch';
import { LoaderRegistry } from '../graphql/loader-registry';
import { EducationExpenditure } from './education-expenditure.entity';
import { SchoolFunds } from './school-funds.entity';
import { TransferPayment } from './transfer-payment.entity';

function yearRange(fromYear?: number | null, toYear?: number | null): Filter {
  return andFilters(
    fromYear == null ? noFilter : { sql: 't.year >= :fromYear', params: { fromYear } },
    toYear == null ? noFilter : { sql: 't.year <= :toYear', params: { toYear } },
  );
}

export function createFundingLoaders(db: EntityManager, registry: LoaderRegistry) {
  return {
    expenditure: (params: { fromYear?: number | null; toYear?: number | null }) =>
      registry.get<string, EducationExpenditure[]>('funding.expenditure', params, (codes) =>
        rowsGroupedBy(db, EducationExpenditure, 'districtCode', codes, {
          where: yearRange(params.fromYear, params.toYear),
          orderBy: { year: 'ASC', basis: 'DESC' },
        }),
      ),
    transferPayments: (params: { year?: number | null }) =>
      registry.get<string, TransferPayment[]>('funding.transferPayments', params, (codes) =>
        rowsGroupedBy(db, TransferPayment, 'districtCode', codes, { where: equals({ year: params.year }), orderBy: { year: 'ASC', program: 'ASC' } }),
      ),
    schoolFunds: (params: { year?: number | null }) =>
      registry.get<string, SchoolFunds[]>('funding.schoolFunds', params, (codes) =>
        rowsGroupedBy(db, SchoolFunds, 'schoolCode', codes, { where: equals({ year: params.year }), orderBy: { year: 'ASC' } }),
      ),
  };
}
