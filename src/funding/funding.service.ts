import { checkYearRange } from '../graphql/years';
import { decimal, Decimal } from '../common/decimal';
import type { Context } from '../graphql/context';
import type { DistrictEducation } from '../districts/district-education.entity';
import { visibleDistrictCodes } from '../districts/district.service';
import type { EducationExpenditure } from './education-expenditure.entity';
import { rawSource, resolveSources } from '../ingestion/provenance';
import {
  DistrictFundingChecks,
  districtViolations,
  EnrolmentFigure,
  ExpenditureFigure,
  fundingChecks,
  FundingCheckYear,
  MAX_RANGE_YEARS,
  summarise,
} from './never-decrease';


/**
 * The two never-decrease checks (两个只增不减) of several districts: finance's expenditure joined with education's
 * enrolment, both read through per-request loaders for the range and the year before it.
 */
export async function fundingChecksOf(
  ctx: Context, codes: readonly string[], fromYear: number, toYear: number, asOf?: Date,
): Promise<DistrictFundingChecks[]> {
  checkYearRange(fromYear, toYear, MAX_RANGE_YEARS);
  const range = { fromYear: fromYear - 1, toYear };
  // As of an instant (可追溯) both datasets are read as they stood then; the rule is the same.
  const at = asOf ? { ...range, asOf: asOf.toISOString() } : null;
  const [spending, education] = await Promise.all([
    (at ? ctx.loaders.funding.expenditureAsOf(at) : ctx.loaders.funding.expenditure(range)).loadMany(codes),
    (at ? ctx.loaders.districts.educationBetweenAsOf(at) : ctx.loaders.districts.educationBetween(range)).loadMany(codes),
  ]);
  for (const r of [...spending, ...education]) if (r instanceof Error) throw r;
  const spendingRows = spending as Exclude<(typeof spending)[number], Error>[];
  const educationRows = education as Exclude<(typeof education)[number], Error>[];
  const spendingSource = (e: EducationExpenditure) =>
    rawSource('education_expenditure', e.batchId, `education_expenditure ${e.districtCode}/${e.year}/${e.basis}`);
  const educationSource = (e: DistrictEducation) => rawSource('district_education', e.batchId, `district_education ${e.districtCode}/${e.year}`);
  const resolve = await resolveSources(ctx, [...spendingRows.flat().map(spendingSource), ...educationRows.flat().map(educationSource)]);
  return codes.map((districtCode, i) => {
    const expenditures: ExpenditureFigure[] = spendingRows[i].map((e) => ({
      year: e.year,
      basis: e.basis,
      amountYuan: e.generalBudgetEducationYuan,
      source: resolve(spendingSource(e)),
    }));
    const enrolments: EnrolmentFigure[] = educationRows[i].map((e) => ({
      year: e.year,
      students: e.totalStudents,
      source: resolve(educationSource(e)),
    }));
    return { districtCode, checks: fundingChecks({ expenditures, enrolments, fromYear, toYear }) };
  });
}

export async function districtFundingChecks(ctx: Context, code: string, fromYear: number, toYear: number, asOf?: Date): Promise<FundingCheckYear[]> {
  const [result] = await fundingChecksOf(ctx, [code], fromYear, toYear, asOf);
  return result.checks;
}

export async function fundingCheckViolations(ctx: Context, year: number, asOf?: Date) {
  return districtViolations(await fundingChecksOf(ctx, await visibleDistrictCodes(ctx), year, year, asOf), year);
}

export async function cityFundingSummary(ctx: Context, year: number, asOf?: Date) {
  return summarise(await fundingChecksOf(ctx, await visibleDistrictCodes(ctx), year, year, asOf), year);
}

/** Transfer payments of a year and the year before, summed exactly in SQL, by programme and by district. */
export async function cityTransferPayments(ctx: Context, year: number) {
  const rows: { program: string; district_code: string; year: number; amount: string }[] = await ctx.db.query(
    `SELECT program, district_code, year, sum(amount_yuan)::text AS amount FROM transfer_payments
      WHERE year IN ($1, $2) GROUP BY GROUPING SETS ((program, year), (district_code, year), (year))`,
    [year, year - 1],
  );
  const totals = (keyOf: (r: (typeof rows)[number]) => string | null) => {
    const now = new Map<string, Decimal>();
    const before = new Map<string, Decimal>();
    for (const r of rows) {
      const key = keyOf(r);
      if (key === null) continue;
      (r.year === year ? now : before).set(key, decimal(r.amount));
    }
    return [...now.keys()].sort().map((key) => {
      const previous = before.get(key) ?? null;
      return {
        key,
        amountYuan: now.get(key)!.toFixed(2),
        previousAmountYuan: previous?.toFixed(2) ?? null,
        change: previous ? now.get(key)!.sub(previous).toFixed(2) : null,
      };
    });
  };
  const grand = rows.filter((r) => r.program === null && r.district_code === null);
  return {
    year,
    totalYuan: grand.find((r) => r.year === year)?.amount ?? '0',
    previousTotalYuan: grand.find((r) => r.year === year - 1)?.amount ?? null,
    byProgram: totals((r) => (r.district_code === null ? r.program : null)),
    byDistrict: totals((r) => (r.program === null ? r.district_code : null)),
  };
}
