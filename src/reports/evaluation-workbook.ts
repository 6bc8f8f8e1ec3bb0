import { districtEvaluation } from '../compliance/evaluation.service';
import type { Context } from '../graphql/context';
import {
  INDICATORS_SHEET,
  IndicatorRow,
  SCHOOLS_SHEET,
  SPREADS_SHEET,
  Table,
  toTable,
  VERDICT_SHEET,
} from './sheets';

export interface Report {
  /** File name without extension, ASCII (e.g. evaluation-500103-2024). */
  fileName: string;
  tables: Table[];
}

/**
 * A district's evaluation against YJ2017 (优质均衡督导评估) as four sheets: the verdict and its blockers, every
 * indicator with its evidence, the schools' resource indicators with their shortfalls (一校一策), the spreads.
 * Null when the district does not exist (or, once auth exists, is outside the viewer's scope).
 */
export async function evaluationReport(ctx: Context, code: string, year: number): Promise<Report | null> {
  const [evaluation, district] = await Promise.all([districtEvaluation(ctx, code, year, 'YJ2017'), ctx.loaders.districts.byCode().load(code)]);
  if (!evaluation || !district) return null;
  const who = { code: district.code, name: district.name };

  const indicators: IndicatorRow[] = [
    ...evaluation.governmentGuarantee.map((indicator) => ({ part: '政府保障程度 Government guarantee', indicator })),
    ...evaluation.educationQuality.map((indicator) => ({ part: '教育质量 Education quality', indicator })),
    { part: '社会认可度 Social recognition', indicator: evaluation.socialRecognition },
    ...evaluation.vetoes.map((indicator) => ({ part: '一票否决 Disqualifying events', indicator })),
  ];
  return {
    fileName: `evaluation-${district.code}-${year}`,
    tables: [
      toTable(
        VERDICT_SHEET,
        evaluation.blockers.length > 0
          ? evaluation.blockers.map((blocker) => ({ evaluation, district: who, blocker }))
          : [{ evaluation, district: who, blocker: null }],
      ),
      toTable(INDICATORS_SHEET, indicators),
      toTable(SCHOOLS_SHEET, evaluation.resourceAllocation.flatMap((a) => a.schoolRules.map((rule) => ({ stage: a.stage, rule })))),
      toTable(SPREADS_SHEET, evaluation.resourceAllocation.flatMap((a) => a.spread.map((spread) => ({ stage: a.stage, spread })))),
    ],
  };
}
