import { costTotalOf, unitCostsNote } from '../compliance/pricing';
import { planFor, unitCostsFor } from '../funding/unit-costs.service';
import { districtEvaluation } from '../compliance/evaluation.service';
import type { Context } from '../graphql/context';
import { t, type Locale } from '../messages';
import { districtLedgerRows } from '../supervision/ledger.queries';
import { engineText } from './engine-text';
import { dataAsOfLine, metaLine } from './title-block';
import {
  INDICATORS_SHEET,
  IndicatorRow,
  LEDGER_SHEET,
  Report,
  SCHOOLS_SHEET,
  SOURCES_SHEET,
  sourceRows,
  SPREADS_SHEET,
  toTable,
  VERDICT_SHEET,
  verdictLabel,
} from './sheets';

/**
 * A district's evaluation against YJ2017 (优质均衡督导评估) in one locale: the verdict and its blockers, every
 * indicator with its evidence, the schools' resource indicators with their shortfalls (一校一策), the spreads, and
 * every departmental row used. Null when the district does not exist or is outside the viewer's scope.
 */
export async function evaluationReport(ctx: Context, code: string, year: number, locale: Locale): Promise<Report | null> {
  const [evaluation, district, asOf, ledger, costs] = await Promise.all([
    districtEvaluation(ctx, code, year, 'YJ2017'),
    ctx.loaders.districts.byCode().load(code),
    dataAsOfLine(ctx, locale),
    districtLedgerRows(ctx, code),
    unitCostsFor(ctx, year),
  ]);
  if (!evaluation || !district) return null;
  const schoolRows = await Promise.all(evaluation.resourceAllocation.flatMap((a) => a.schoolRules.map(async (rule) => ({ stage: a.stage, rule, plan: await planFor(ctx, rule) }))));
  // The district's cost to qualify, as District.evaluation.costToQualify gives it.
  const cost = costTotalOf(schoolRows.filter((r) => r.rule.status === 'NOT_MET').map((r) => r.plan));
  const who = { code: district.code, name: district.name };
  const schoolNames = new Map(evaluation.resourceAllocation.flatMap((a) => a.schoolRules.map((r) => [r.schoolCode, r.schoolName ?? null] as const)));

  const indicators: IndicatorRow[] = [
    ...evaluation.governmentGuarantee.map((indicator) => ({ part: 'PART_GUARANTEE' as const, indicator })),
    ...evaluation.educationQuality.map((indicator) => ({ part: 'PART_QUALITY' as const, indicator })),
    { part: 'PART_RECOGNITION', indicator: evaluation.socialRecognition },
    ...evaluation.vetoes.map((indicator) => ({ part: 'PART_VETO' as const, indicator })),
  ];
  return {
    fileName: t('REPORT_FILE_EVALUATION', { district: district.name, code: district.code, year }, locale),
    asciiFileName: `evaluation-${district.code}-${year}`,
    title: t('REPORT_TITLE_EVALUATION', { district: district.name, year }, locale),
    meta: [
      metaLine([
        t('REPORT_META_DISTRICT', { name: district.name, code: district.code }, locale),
        t('REPORT_META_YEAR', { year }, locale),
        t('REPORT_META_VERDICT', { verdict: verdictLabel(evaluation.verdict, locale) }, locale),
      ]),
      t('REPORT_META_PRECONDITION', { text: engineText(evaluation.precondition.message, locale) ?? '—' }, locale),
      t('REPORT_META_STANDARD', {}, locale),
      // Whether the 一校一策 sheet's plans are priced at delivered unit costs or at defaults (D117).
      metaLine([asOf, t('REPORT_META_UNIT', {}, locale), engineText(unitCostsNote(costs), locale) ?? '']),
      ...(cost.schoolsPriced + cost.schoolsUnpriced > 0
        ? [t('REPORT_META_COST', { comparable: cost.comparable, oneOff: cost.oneOff, yearly: cost.yearly, years: cost.years,
            priced: cost.schoolsPriced, unpriced: cost.schoolsUnpriced }, locale)]
        : []),
    ],
    tables: [
      toTable(
        VERDICT_SHEET,
        evaluation.blockers.length > 0
          ? evaluation.blockers.map((blocker) => ({ evaluation, district: who, blocker, schoolName: blocker.schoolCode ? (schoolNames.get(blocker.schoolCode) ?? null) : null }))
          : [{ evaluation, district: who, blocker: null, schoolName: null }],
        locale,
      ),
      toTable(INDICATORS_SHEET, indicators, locale),
      toTable(SCHOOLS_SHEET, schoolRows, locale),
      toTable(SPREADS_SHEET, evaluation.resourceAllocation.flatMap((a) => a.spread.map((spread) => ({ stage: a.stage, spread }))), locale),
      // Only when the district has findings: a report without a ledger prints as before.
      ...(ledger.length > 0 ? [toTable(LEDGER_SHEET, ledger, locale)] : []),
      toTable(SOURCES_SHEET, sourceRows(evaluation), locale),
    ],
  };
}
