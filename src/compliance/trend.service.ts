import { District } from '../districts/district.entity';
import { districtFundingChecks } from '../funding/funding.service';
import type { Context } from '../graphql/context';
import { checkYearRange } from '../graphql/years';
import { msg, type Message } from '../messages';
import { districtEvaluation, districtEvaluationAsOf } from './evaluation.service';
import { projectQualifyingYear, Projection, TrendPoint, trendPoint } from './trend';

/** Years the pace is measured over when not told: the last three (the year asked and the two before). */
export const PACE_YEARS = 3;
/** Longest trend one request may ask for (each year is one evaluation of the district). */
export const MAX_TREND_YEARS = 10;

export interface DistrictTrend { districtCode: string; years: TrendPoint[]; projection: Projection & { plannedCertificationYear: number | null; late: boolean | null } }

/** The projection as people read it. */
export function projectionMessage(p: DistrictTrend['projection']): Message {
  switch (p.basis) {
    case 'MET':
      return msg('PROJECTION_MET', { year: p.year! });
    case 'PACE':
      return msg('PROJECTION_PACE', { fromYear: p.fromYear, toYear: p.toYear, year: p.year!, planned: p.plannedCertificationYear, limiting: p.limiting });
    case 'NO_PROGRESS':
      return msg('PROJECTION_NO_PROGRESS', { fromYear: p.fromYear, toYear: p.toYear, limiting: p.limiting });
    case 'TOO_FEW_YEARS':
      return msg('PROJECTION_TOO_FEW_YEARS', { fromYear: p.fromYear, toYear: p.toYear });
    default:
      return msg('PROJECTION_NO_DATA', { toYear: p.toYear });
  }
}

/**
 * A district's figures per year of [fromYear, toYear] (evaluations through the per-district caches, funding per
 * student from the never-decrease rule) and the year it would qualify at the pace of the last PACE_YEARS of them.
 * Null when the district is outside the viewer's scope.
 */
export async function districtTrend(ctx: Context, district: District, fromYear: number, toYear: number, asOf?: Date): Promise<DistrictTrend | null> {
  checkYearRange(fromYear, toYear, MAX_TREND_YEARS);
  const paceFrom = Math.max(fromYear, toYear - PACE_YEARS + 1);
  const years = Array.from({ length: toYear - fromYear + 1 }, (_, i) => fromYear + i);
  // One year at a time: each cold year is a district's evaluation, and the caches keep what other requests computed.
  // As of an instant (可追溯) every year is evaluated from the data as it stood then (null: not delivered by then).
  const evaluations = [];
  for (const year of years) {
    evaluations.push(await (asOf ? districtEvaluationAsOf(ctx, district.code, year, 'YJ2017', asOf) : districtEvaluation(ctx, district.code, year, 'YJ2017')));
  }
  if (evaluations.some((e) => e === null)) return null;
  const funding = await districtFundingChecks(ctx, district.code, fromYear, toYear, asOf);
  const points = evaluations.map((e) => trendPoint(e!, funding.find((f) => f.year === e!.year)?.perStudent ?? null));
  const projection = projectQualifyingYear(points, paceFrom, toYear);
  // The plan as it stood then too (planning may have moved the year since).
  const then = asOf ? (await ctx.loaders.facts.districtsAsOf({ asOf: asOf.toISOString() }).load(district.code))[0] : undefined;
  const planned = (asOf ? (then?.planned_certification_year as number | undefined) : district.plannedCertificationYear) ?? null;
  return {
    districtCode: district.code,
    years: points,
    projection: { ...projection, plannedCertificationYear: planned, late: projection.year === null || planned === null ? null : projection.year > planned },
  };
}
