/**
 * Trends of a district over the years delivered and a projection of the year it would qualify at its current pace
 * (#16.2). Pure: from evaluations already computed. The projection is a statement for the early warning, never a
 * verdict; its arithmetic is integer (CVs in ten-thousandths, counts), so the same data always gives the same year.
 */
import type { DistrictEvaluationResult, IndicatorStatus, Stage } from './types';

export interface TrendSpread { code: string; stage: Stage; cv: number | null; limit: number; status: IndicatorStatus }

/** One G/Q/S indicator of one year: its status and exact value (the evaluation's own figures). */
export interface TrendIndicator { code: string; status: IndicatorStatus; value: number | null; valueExact: string | null }

export interface TrendPoint {
  year: number;
  verdict: DistrictEvaluationResult['verdict'];
  schoolCount: number;
  schoolsMeetingRule: number;
  /** Government-guarantee, education-quality and social-recognition indicators not met, and without data. */
  indicatorsNotMet: number;
  indicatorsNoData: number;
  spreads: TrendSpread[];
  /** Every government-guarantee, education-quality and social-recognition indicator, in the evaluation's order. */
  indicators: TrendIndicator[];
  /** Education expenditure per student (yuan, display rounding of the funding rule); null without data. */
  perStudentExpenditure: string | null;
}

export function trendPoint(e: DistrictEvaluationResult, perStudentExpenditure: string | null): TrendPoint {
  const indicators = [...e.governmentGuarantee, ...e.educationQuality, e.socialRecognition];
  return {
    year: e.year,
    verdict: e.verdict,
    schoolCount: e.resourceAllocation.reduce((n, a) => n + a.schoolCount, 0),
    schoolsMeetingRule: e.resourceAllocation.reduce((n, a) => n + a.schoolsMeetingRule, 0),
    indicatorsNotMet: indicators.filter((i) => i.status === 'NOT_MET').length,
    indicatorsNoData: indicators.filter((i) => i.status === 'NO_DATA').length,
    spreads: e.resourceAllocation.flatMap((a) => a.spread.map((s) => ({ code: s.code, stage: s.stage, cv: s.cv, limit: s.limit, status: s.status }))),
    indicators: indicators.map((i) => ({ code: i.code, status: i.status, value: i.value, valueExact: i.valueExact })),
    perStudentExpenditure,
  };
}

/**
 * MET: qualified in the last year of the window. PACE: every gap closes at its pace (year given). NO_PROGRESS: a gap
 * that does not close at its pace (no year). TOO_FEW_YEARS: fewer than two years with data in the window.
 * NO_DATA: the last year cannot be decided (no year).
 */
export type ProjectionBasis = 'MET' | 'PACE' | 'NO_PROGRESS' | 'TOO_FEW_YEARS' | 'NO_DATA';

export interface Projection {
  basis: ProjectionBasis;
  /** The year the district would qualify at its pace (the last year when MET); null when it cannot be said. */
  year: number | null;
  /** The window the pace was measured over. */
  fromYear: number;
  toYear: number;
  /** The gaps that decide the year (PACE) or do not close (NO_PROGRESS): CV codes with their stage, SCHOOL_RULE, INDICATORS. */
  limiting: string[];
}

/** Years (≥ 1) for `gap` units to close at `closed` units over `span` years: ceil(gap × span / closed). */
function yearsToClose(gap: number, closed: number, span: number): number {
  return Math.max(1, Math.ceil((gap * span) / closed));
}

const tenThousandths = (x: number) => Math.round(x * 10000);

/**
 * The pace is the change from the first to the last year with data in the window (e.g. the last three years), per
 * year, for each gap of the last year: each CV above its limit, the schools failing the school rule, the indicators
 * not met. Each gap closes in ceil(gap ÷ pace) years; the district qualifies when the slowest has closed.
 */
export function projectQualifyingYear(points: readonly TrendPoint[], fromYear: number, toYear: number): Projection {
  const inWindow = points.filter((p) => p.year >= fromYear && p.year <= toYear && p.verdict !== 'INSUFFICIENT_DATA').sort((a, b) => a.year - b.year);
  const base = { fromYear, toYear };
  const last = points.find((p) => p.year === toYear);
  if (!last || last.verdict === 'INSUFFICIENT_DATA') return { ...base, basis: 'NO_DATA', year: null, limiting: [] };
  if (last.verdict === 'QUALIFIED') return { ...base, basis: 'MET', year: toYear, limiting: [] };
  if (inWindow.length < 2) return { ...base, basis: 'TOO_FEW_YEARS', year: null, limiting: [] };
  const first = inWindow[0]!;
  const span = last.year - first.year;

  const gaps: { code: string; gap: number; closed: number }[] = [];
  for (const s of last.spreads) {
    if (s.status !== 'NOT_MET' || s.cv === null) continue;
    const before = first.spreads.find((f) => f.code === s.code && f.stage === s.stage);
    const gap = tenThousandths(s.cv) - tenThousandths(s.limit);
    const closed = before?.cv == null ? 0 : tenThousandths(before.cv) - tenThousandths(s.cv);
    gaps.push({ code: `${s.code}/${s.stage}`, gap, closed });
  }
  const failing = last.schoolCount - last.schoolsMeetingRule;
  if (failing > 0) gaps.push({ code: 'SCHOOL_RULE', gap: failing, closed: first.schoolCount - first.schoolsMeetingRule - failing });
  if (last.indicatorsNotMet > 0) gaps.push({ code: 'INDICATORS', gap: last.indicatorsNotMet, closed: first.indicatorsNotMet - last.indicatorsNotMet });
  // A district not qualified for what the gaps above do not measure (a veto, the precondition): no pace to speak of.
  if (gaps.length === 0) return { ...base, basis: 'NO_PROGRESS', year: null, limiting: [] };

  const stalled = gaps.filter((g) => g.closed <= 0);
  if (stalled.length) return { ...base, basis: 'NO_PROGRESS', year: null, limiting: stalled.map((g) => g.code) };
  const years = gaps.map((g) => ({ code: g.code, years: yearsToClose(g.gap, g.closed, span) }));
  const slowest = Math.max(...years.map((y) => y.years));
  return { ...base, basis: 'PACE', year: toYear + slowest, limiting: years.filter((y) => y.years === slowest).map((y) => y.code) };
}
