import { EntityManager } from 'typeorm';
import { andFilters, equals, Filter, noFilter, rowsGroupedBy } from '../db/batch';
import { LoaderRegistry } from '../graphql/loader-registry';
import { EducationExpenditure } from './education-expenditure.entity';
import { SchoolFunds } from './school-funds.entity';
import { TransferPayment } from './transfer-payment.entity';
import { asOfRelation } from '../ingestion/as-of';

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
    /** The same rows as they stood at an instant (可追溯), rebuilt from live rows and history (ingestion/as-of.ts). */
    expenditureAsOf: (params: { fromYear: number; toYear: number; asOf: string }) =>
      registry.get<string, EducationExpenditure[]>('funding.expenditureAsOf', params, async (codes) => {
        const rows: { district_code: string; year: number; basis: string; general_budget_education_yuan: string; batch_id: string }[] = await db.query(
          `SELECT t.district_code, t.year, t.basis, t.general_budget_education_yuan, t.batch_id FROM ${asOfRelation('education_expenditure', new Date(params.asOf))} t
            WHERE t.district_code = ANY($1) AND t.year BETWEEN $2 AND $3 ORDER BY t.year ASC, t.basis DESC`,
          [codes, params.fromYear, params.toYear],
        );
        const grouped = new Map<string, EducationExpenditure[]>(codes.map((c) => [c, []]));
        for (const r of rows) {
          grouped.get(r.district_code)?.push(Object.assign(new EducationExpenditure(), {
            districtCode: r.district_code, year: r.year, basis: r.basis, generalBudgetEducationYuan: r.general_budget_education_yuan, batchId: r.batch_id,
          }));
        }
        return codes.map((c) => grouped.get(c) ?? []);
      }),
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
