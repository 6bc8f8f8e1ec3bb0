/**
 * Indicators judged by inspectors (督导评估组评定) and the disqualifying events (一票否决), both read from
 * the supervision office's `ratings`.
 */
import { msg } from '../../messages';
import { evidence, judged, noData } from '../result';
import { indicatorDef, type Standard } from '../standards';
import type { DistrictFacts, IndicatorResult } from '../types';
import type { DistrictIndicator } from './district';

type Rating = DistrictFacts['ratings'][number];

/** The district's ratings for an indicator code (normally at most one: the key is district, year, indicator). */
export function ratingsFor(facts: DistrictFacts, code: string): Rating[] {
  return facts.ratings.filter((r) => r.indicator === code);
}

function notes(rs: readonly Rating[]): string | null {
  const n = rs.map((r) => r.note).filter((x): x is string => !!x);
  return n.length ? n.join('; ') : null;
}

/** A rated indicator: the inspectors' rating decides; no rating → NO_DATA. A false rating wins over a true one. */
export function rated(code: string): DistrictIndicator {
  return (facts: DistrictFacts, standard: Standard): IndicatorResult => {
    const def = indicatorDef(standard, code);
    const rs = ratingsFor(facts, code);
    const note = notes(rs);
    const ev = evidence({ rating: rs.length ? String(rs.every((r) => r.met)) : null, note }, ...rs.map((r) => r.sources));
    if (rs.length === 0) return noData(def, msg('ENGINE_NO_RATING', {}), ev);
    const met = rs.every((r) => r.met);
    const message = msg('ENGINE_RATED', { met, note });
    return judged(def, { value: null, threshold: null, met, message, evidence: ev });
  };
}

/**
 * A disqualifying event: a rating with met=false means the event occurred (NOT_MET, the district is not
 * qualified). No rating means no event recorded, which counts as MET.
 */
export function veto(code: string): DistrictIndicator {
  return (facts: DistrictFacts, standard: Standard): IndicatorResult => {
    const def = indicatorDef(standard, code);
    const rs = ratingsFor(facts, code);
    const note = notes(rs);
    const occurred = rs.some((r) => !r.met);
    const ev = evidence({ eventRecorded: String(occurred), ratingsRecorded: rs.length, note }, ...rs.map((r) => r.sources));
    const message = occurred
      ? msg('ENGINE_VETO_OCCURRED', { indicator: def.code, note })
      : rs.length ? msg('ENGINE_VETO_NONE_RATED', {}) : msg('ENGINE_VETO_NONE', {});
    return judged(def, { value: null, threshold: null, met: !occurred, message, evidence: ev });
  };
}

/** 学校规划布局合理 */
export const g01 = rated('G01');
/** 城乡“四统一” */
export const g02 = rated('G02');
/** 编制岗位统筹分配 */
export const g10 = rated('G10');
/** 学校章程、管理与教学信息化 */
export const q03 = rated('Q03');
/** 信息化教学、设施设备利用 */
export const q05 = rated('Q05');
/** 德育、校园文化 */
export const q06 = rated('Q06');
/** 课程开齐开足、教学秩序、综合实践 */
export const q07 = rated('Q07');
/** 无过重课业负担 */
export const q08 = rated('Q08');

/** 以考试方式招生 */
export const v01 = veto('V01');
/** 违规择校 */
export const v02 = veto('V02');
/** 重点校、重点班 */
export const v03 = veto('V03');
