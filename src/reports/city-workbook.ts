import { District } from '../districts/district.entity';
import { certificationProgress, cityEvaluation } from '../compliance/evaluation.service';
import { fundingChecksOf } from '../funding/funding.service';
import type { Context } from '../graphql/context';
import { t, type Locale } from '../messages';
import { DISTRICTS_SHEET, FUNDING_SHEET, PROGRESS_SHEET, ProgressRow, Report, toTable, WARNINGS_SHEET } from './sheets';
import { dataAsOfLine, metaLine } from './title-block';

/**
 * The city at a glance for a year (全市概况) in one locale: one row per district (verdict, counts, blockers, funding
 * checks), the two never-decrease checks with their figures, certification progress and the early warning.
 */
export async function cityReport(ctx: Context, year: number, locale: Locale): Promise<Report> {
  const [city, progress, asOf] = await Promise.all([cityEvaluation(ctx, year), certificationProgress(ctx, year), dataAsOfLine(ctx, locale)]);
  const codes = city.districts.map((e) => e.districtCode);
  const [districts, funding] = await Promise.all([ctx.loaders.districts.byCode().loadMany(codes), fundingChecksOf(ctx, codes, year, year)]);
  const byCode = new Map(districts.filter((d): d is District => d instanceof District).map((d) => [d.code, d]));
  const checkOf = new Map(funding.map((f) => [f.districtCode, f.checks.find((c) => c.year === year) ?? null]));

  const rows = city.districts
    .filter((e) => byCode.has(e.districtCode))
    .map((evaluation) => ({ district: byCode.get(evaluation.districtCode)!, evaluation, funding: checkOf.get(evaluation.districtCode) ?? null }));

  // Running totals of the service's counts per planned year, for "planned vs qualified, cumulative".
  let planned = 0;
  let qualified = 0;
  let certified = 0;
  const progressRows: ProgressRow[] = progress.plannedYears.map((p) => ({
    ...p,
    cumulativePlanned: (planned += p.plannedCount),
    cumulativeQualified: (qualified += p.qualifiedOnDataCount),
    cumulativeCertified: (certified += p.certifiedCount),
  }));

  return {
    fileName: t('REPORT_FILE_CITY', { year }, locale),
    asciiFileName: `city-${year}`,
    title: t('REPORT_TITLE_CITY', { year }, locale),
    meta: [
      metaLine([t('REPORT_META_CITY', {}, locale), t('REPORT_META_YEAR', { year }, locale)]),
      t('REPORT_META_STANDARD', {}, locale),
      metaLine([asOf, t('REPORT_META_UNIT', {}, locale)]),
    ],
    tables: [
      toTable(DISTRICTS_SHEET, rows, locale),
      toTable(FUNDING_SHEET, rows.map((r) => ({ district: r.district, year, check: r.funding })), locale),
      toTable(PROGRESS_SHEET, progressRows, locale),
      toTable(
        WARNINGS_SHEET,
        progress.earlyWarnings.filter((w) => byCode.has(w.districtCode)).map((w) => ({ ...w, district: byCode.get(w.districtCode)! })),
        locale,
      ),
    ],
  };
}
