/** Education quality (教育质量) indicators computed from data: Q01, Q02, Q04, Q09; and S01 (社会认可度). */
import { Rational } from '../exact';
import { msg } from '../../messages';
import { dec, evidence, joined, judged, missingUnits, noData, report, shortfall } from '../result';
import { indicatorDef, thresholdOf, type Standard } from '../standards';
import type { DistrictFacts, IndicatorResult, QualityMonitoringFacts } from '../types';
import { everySchool, minimumRate, type SchoolCheck } from './district';

/** Q01 初中三年巩固率 ≥ 95%. */
export function q01(facts: DistrictFacts, standard: Standard): IndicatorResult {
  const def = indicatorDef(standard, 'Q01');
  return minimumRate(def, facts.education?.juniorRetentionRate ?? null, thresholdOf(def, 'minShare'), 'juniorRetentionRate', facts.education?.sources);
}

/** Q02 残疾儿童少年入学率 ≥ 95%. */
export function q02(facts: DistrictFacts, standard: Standard): IndicatorResult {
  const def = indicatorDef(standard, 'Q02');
  return minimumRate(def, facts.education?.disabledEnrolmentRate ?? null, thresholdOf(def, 'minShare'), 'disabledEnrolmentRate', facts.education?.sources);
}

/** Q04 教师培训经费 ≥ 5% of the public-funds budget, in every public school (all types). */
export function q04(facts: DistrictFacts, standard: Standard): IndicatorResult {
  const def = indicatorDef(standard, 'Q04');
  const min = Rational.from(thresholdOf(def, 'minShare'));
  const publicSchools = facts.schools.filter((s) => s.ownership === 'public');
  return everySchool(def, publicSchools, (school): SchoolCheck | null => {
    const f = school.funds;
    if (!f) return { status: 'NO_DATA', message: msg('ENGINE_NO_FUNDS', {}), inputs: { funds: null } };
    const budget = Rational.from(f.publicFundsBudgetYuan);
    const training = Rational.from(f.teacherTrainingYuan);
    const required = budget.mul(min);
    const value = budget.isZero() ? null : training.div(budget);
    const inputs = { publicFundsBudgetYuan: f.publicFundsBudgetYuan, teacherTrainingYuan: f.teacherTrainingYuan };
    const basis = msg('ENGINE_Q04', {
      training: dec(training, required), budget: dec(budget), share: value ? dec(value, min) : null, min: dec(min), required: dec(required),
    });
    if (training.ge(required)) return { status: 'MET', value, threshold: min, message: basis, inputs, sources: [f.sources] };
    const n = missingUnits(required, training);
    const description = msg('ENGINE_FUNDS_NEEDS', { amount: n.toString(), purpose: 'training' });
    return { status: 'NOT_MET', value, threshold: min, message: joined(basis, description), inputs, sources: [f.sources], shortfall: shortfall(n, 'yuan', description) };
  }, 'public');
}

interface SubjectReading {
  subject: string;
  /** 4 (primary) or 8 (junior): national monitoring tests the two grades separately. */
  grade: number;
  schools: number;
  tested: number;
  level3PlusShare: Rational;
  /** between ÷ (between + within); null when the total variance is 0. */
  differenceRate: Rational | null;
  rows: QualityMonitoringFacts[];
}

/**
 * One subject of national quality monitoring, weighted by tested students (n = Σnᵢ):
 *   level-III share = Σ nᵢ·rateᵢ / n
 *   between = Σ nᵢ(meanᵢ − grand)² / n = Σ nᵢ·meanᵢ² / n − grand²      within = Σ nᵢ·varianceᵢ / n
 *   difference rate = between / (between + within)
 */
export function subjectReading(subject: string, rows: QualityMonitoringFacts[], grade = rows[0]?.grade ?? 0): SubjectReading {
  const tested = rows.filter((r) => r.studentsTested > 0);
  let n = 0n;
  let sumMean = Rational.ZERO;
  let sumMeanSq = Rational.ZERO;
  let sumVar = Rational.ZERO;
  let sumRate = Rational.ZERO;
  for (const r of tested) {
    const w = BigInt(r.studentsTested);
    const mean = Rational.from(r.meanScore);
    n += w;
    sumMean = sumMean.add(mean.mul(w));
    sumMeanSq = sumMeanSq.add(mean.mul(mean).mul(w));
    sumVar = sumVar.add(Rational.from(r.scoreVariance).mul(w));
    sumRate = sumRate.add(Rational.from(r.level3PlusRate).mul(w));
  }
  const base = { subject, grade, schools: tested.length, tested: Number(n), rows: tested };
  if (n === 0n) return { ...base, level3PlusShare: Rational.ZERO, differenceRate: null };
  const grand = sumMean.div(n);
  const between = sumMeanSq.div(n).sub(grand.mul(grand));
  const within = sumVar.div(n);
  const total = between.add(within);
  return { ...base, level3PlusShare: sumRate.div(n), differenceRate: total.isZero() ? null : between.div(total) };
}

/** A subject and grade as evidence keys and messages name it: `mathematics/8`. */
const label = (r: { subject: string; grade: number }) => `${r.subject}/${r.grade}`;

/**
 * Q09 国家义务教育质量监测: judged per subject and grade (national monitoring tests grades 4 and 8 separately; a
 * nine-year school's grade-4 rows count in grade 4 and its grade-8 rows in grade 8): every monitored subject and
 * grade's between-school difference rate < 0.15. The level-III shares are reported as evidence; the method sets no
 * numeric threshold on them.
 */
export function q09(facts: DistrictFacts, standard: Standard): IndicatorResult {
  const def = indicatorDef(standard, 'Q09');
  const limit = Rational.from(thresholdOf(def, 'maxDifferenceRate'));
  const groups = new Map<string, QualityMonitoringFacts[]>();
  for (const r of facts.qualityMonitoring) {
    const key = label(r);
    const rows = groups.get(key);
    if (rows) rows.push(r);
    else groups.set(key, [r]);
  }
  const readings = [...groups.values()]
    .map((rows) => subjectReading(rows[0]!.subject, rows, rows[0]!.grade))
    .sort((a, b) => a.subject.localeCompare(b.subject) || a.grade - b.grade);
  const inputs: Record<string, string | number | null> = { subjects: readings.map(label).join(', ') || null };
  for (const r of readings) {
    inputs[`${label(r)}.schools`] = r.schools;
    inputs[`${label(r)}.studentsTested`] = r.tested;
    inputs[`${label(r)}.level3PlusShare`] = r.tested ? report(r.level3PlusShare) : null;
    inputs[`${label(r)}.differenceRate`] = report(r.differenceRate);
  }
  const ev = evidence(inputs, ...facts.qualityMonitoring.map((r) => r.sources));
  const usable = readings.filter((r) => r.differenceRate !== null);
  const unusable = readings.filter((r) => r.differenceRate === null).map(label);
  const failing = usable.filter((r) => r.differenceRate!.ge(limit));
  if (readings.length === 0) return noData(def, msg('ENGINE_Q09_NONE', {}), ev);
  const describe = (r: SubjectReading) => msg('ENGINE_Q09_SUBJECT', {
    subject: r.subject, grade: r.grade, rate: dec(r.differenceRate!, limit), limit: dec(limit), below: r.differenceRate!.lt(limit),
    level3: dec(r.level3PlusShare), tested: r.tested, schools: r.schools,
  });
  if (failing.length === 0 && unusable.length > 0) {
    return noData(def, msg('ENGINE_Q09_UNUSABLE', { subjects: unusable }), ev);
  }
  const worst = usable.reduce((w, r) => (r.differenceRate!.gt(w.differenceRate!) ? r : w));
  const met = failing.length === 0;
  // Shortfall: how far the worst subject's rate must come down (in rate units, rounded up to 0.0001).
  const tenThousandths = worst.differenceRate!.sub(limit).mul(10000).ceil();
  const excess = Number(tenThousandths < 1n ? 1n : tenThousandths) / 10000; // "below 0.15": equal still needs 0.0001
  const description = msg('ENGINE_Q09_NEEDS', { subject: worst.subject, grade: worst.grade, excess, limit: dec(limit) });
  return judged(def, {
    value: worst.differenceRate, threshold: limit, met, evidence: ev,
    message: joined(...usable.map(describe), unusable.length > 0 && msg('ENGINE_Q09_UNUSABLE', { subjects: unusable })),
    shortfall: shortfall(excess, 'difference rate', description),
  });
}

/** S01 社会认可度: satisfied respondents ≥ 85%. */
export function s01(facts: DistrictFacts, standard: Standard): IndicatorResult {
  const def = indicatorDef(standard, 'S01');
  const s = facts.survey;
  const ev = evidence({ respondents: s?.respondents ?? null, satisfied: s?.satisfied ?? null }, s?.sources);
  if (!s || s.respondents <= 0) return noData(def, msg('ENGINE_NO_SURVEY', {}), ev);
  const value = Rational.fraction(BigInt(s.satisfied), BigInt(s.respondents));
  const threshold = Rational.from(thresholdOf(def, 'minShare'));
  const met = value.ge(threshold);
  const n = missingUnits(threshold.mul(s.respondents), s.satisfied);
  const description = msg('ENGINE_S01_NEEDS', { n: Number(n), respondents: s.respondents });
  return judged(def, {
    value, threshold, met, evidence: ev,
    message: joined(msg('ENGINE_S01', { satisfied: s.satisfied, respondents: s.respondents, value: dec(value, threshold), threshold: dec(threshold), met }), !met && description),
    shortfall: shortfall(n, 'respondents', description),
  });
}
