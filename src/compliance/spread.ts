/** Spreads (差异系数) of R1–R7 across the counted schools of one stage. */
import { msg } from '../messages';
import { shownNumber } from '../messages/figures';
import { cvFigures, type CvPoint } from './cv';
import { resourceValue } from './indicators/resource';
import { lazyEvidence, mergeSources, report, REPORT_DECIMALS, reportDouble } from './result';
import type { StagePart } from './scope';
import { type ResourceCode, type Standard } from './standards';
import type { Evidence, IndicatorCv, SpreadResult, Stage } from './types';

function points(code: ResourceCode, parts: readonly StagePart[], standard: Standard): { points: CvPoint[]; missing: string[] } {
  const pts: CvPoint[] = [];
  const missing: string[] = [];
  for (const p of parts) {
    const value = resourceValue(code, p.facts, standard);
    if (value === null) missing.push(p.school.code);
    else pts.push({ value, students: p.facts!.students });
  }
  return { points: pts, missing };
}

/**
 * One R indicator's weighted CV across the parts. Undefined when a school's value is missing (the CV of
 * a partial set would be a different number), with fewer than two schools, or with a zero mean.
 */
export function indicatorCv(
  code: ResourceCode, stage: Stage, parts: readonly StagePart[], standard: Standard, limit?: number,
): IndicatorCv & { points: CvPoint[]; rawCv: number | null; within: boolean | null } {
  const { points: pts, missing } = points(code, parts, standard);
  if (missing.length > 0) {
    return { code, stage, cv: null, cvExact: null, mean: null, schoolCount: parts.length, reason: 'MISSING_SCHOOL_DATA', missingSchools: missing, points: pts, rawCv: null, within: null };
  }
  const { cv: r, within, decimal: cvExact } = cvFigures(pts, limit);
  if (r.status === 'UNDEFINED') return { code, stage, cv: null, cvExact: null, mean: null, schoolCount: r.schoolCount, reason: r.reason, points: pts, rawCv: null, within: null };
  // The float is the exact decimal shown by the display rule: never on the other side of the limit from the decision.
  return { code, stage, cv: shownNumber(cvExact, limit ?? [], REPORT_DECIMALS), cvExact, mean: reportDouble(r.mean), schoolCount: r.schoolCount, points: pts, rawCv: r.cv, within };
}

/** The per-school values behind a spread, with their sources. */
function spreadEvidence(code: ResourceCode, parts: readonly StagePart[], standard: Standard): Evidence {
  // Built when read (a spread's inputs name every school of the stage: most requests never ask for them).
  return lazyEvidence(() => {
    const inputs: Evidence['inputs'] = {};
    for (const p of parts) {
      inputs[`${p.school.code}.value`] = report(resourceValue(code, p.facts, standard));
      inputs[`${p.school.code}.students`] = p.facts?.students ?? null;
    }
    return inputs;
  }, () => mergeSources(...parts.flatMap((p) => [p.school.sources, p.facts?.sources])));
}

/** 差异系数 of one R indicator in one stage against the standard's limit, decided exactly. */
export function spread(code: ResourceCode, stage: Stage, parts: readonly StagePart[], standard: Standard): SpreadResult {
  const limit = standard.spread.limits[stage];
  const c = indicatorCv(code, stage, parts, standard, limit);
  const base = { code: `CV_${code}`, indicator: code, stage, limit, schoolCount: c.schoolCount, mean: c.mean, evidence: spreadEvidence(code, parts, standard) };
  if (c.reason) {
    return { ...base, cv: null, cvExact: null, status: 'NO_DATA', reason: c.reason, ...(c.missingSchools ? { missingSchools: c.missingSchools } : {}),
      message: msg('ENGINE_CV_UNDEFINED', { indicator: code, stage, reason: c.reason, schools: c.missingSchools ?? [] }) };
  }
  const within = c.within!; // decided exactly from the same sums (cv.ts cvFigures)
  return {
    ...base, cv: c.cv, cvExact: c.cvExact, status: within ? 'MET' : 'NOT_MET',
    message: msg('ENGINE_CV', { indicator: code, stage, schools: c.schoolCount, cv: c.cvExact!, limit: String(limit), within }),
  };
}
