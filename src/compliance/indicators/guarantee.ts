/** Government guarantee (政府保障程度) indicators computed from data: G03–G09, G11–G15. */
import { Rational } from '../exact';
import { msg } from '../../messages';
import { dec, evidence, joined, judged, missingPoints, missingUnits, noData, report, shortfall } from '../result';
import { compulsoryStudents, countedSchools, deliveredStudents, districtTeachers, typeStageFacts, typeStages } from '../scope';
import { indicatorDef, thresholdOf, type IndicatorDef, type Standard } from '../standards';
import type { DistrictFacts, DistrictTeacherAggregate, IndicatorResult, Message, SchoolFacts, Stage, StageFacts } from '../types';
import { everySchool, minimumRate, type SchoolCheck } from './district';
import { ratingsFor } from './rated';

function missingStage(school: SchoolFacts): Stage | null {
  return typeStageFacts(school).find((p) => p.facts === null)?.stage ?? null;
}

const NO_STATS = (stage: Stage): SchoolCheck => ({ status: 'NO_DATA', message: msg('ENGINE_NO_STAGE_STATS', { stage }), inputs: { missingStage: stage } });
const NO_FUNDS: SchoolCheck = { status: 'NO_DATA', message: msg('ENGINE_NO_FUNDS', {}), inputs: { funds: null } };

/**
 * G03 音乐、美术专用教室: per school, rooms needed = max(1, ceil(classes ÷ 12)) for music and for art, summed
 * over the school's stage rows; the smallest music room ≥ 96 m² and the smallest art room ≥ 90 m².
 */
export function g03(facts: DistrictFacts, standard: Standard): IndicatorResult {
  const def = indicatorDef(standard, 'G03');
  const perRoom = thresholdOf(def, 'classesPerRoom');
  const minRooms = BigInt(thresholdOf(def, 'minRoomsPerKind'));
  const musicMin = Rational.from(thresholdOf(def, 'musicRoomMinM2'));
  const artMin = Rational.from(thresholdOf(def, 'artRoomMinM2'));
  return everySchool(def, countedSchools(facts.schools, standard), (school): SchoolCheck | null => {
    const gap = missingStage(school);
    if (gap) return NO_STATS(gap);
    const rows = typeStageFacts(school).map((p) => p.facts!);
    const classes = rows.reduce((s, f) => s + f.classes, 0);
    const music = rows.reduce((s, f) => s + f.musicRooms, 0);
    const art = rows.reduce((s, f) => s + f.artRooms, 0);
    const fromClasses = Rational.fraction(BigInt(classes), BigInt(perRoom)).ceil();
    const needed = fromClasses > minRooms ? fromClasses : minRooms;
    const smallest = (rooms: (f: StageFacts) => number, area: (f: StageFacts) => string | null) => {
      const areas = rows.filter((f) => rooms(f) > 0).map(area);
      if (areas.some((a) => a === null)) return undefined; // rooms reported without their size
      return areas.length ? areas.map((a) => Rational.from(a!)).reduce((m, a) => (a.lt(m) ? a : m)) : null;
    };
    const musicSmallest = smallest((f) => f.musicRooms, (f) => f.musicRoomMinAreaM2);
    const artSmallest = smallest((f) => f.artRooms, (f) => f.artRoomMinAreaM2);
    const inputs = {
      classes, roomsNeededPerKind: Number(needed), musicRooms: music, artRooms: art,
      musicRoomMinAreaM2: musicSmallest ? musicSmallest.toFixedNumber(2) : null,
      artRoomMinAreaM2: artSmallest ? artSmallest.toFixedNumber(2) : null,
    };
    const sources = rows.map((f) => f.sources);
    if (musicSmallest === undefined || artSmallest === undefined) {
      return { status: 'NO_DATA', message: msg('ENGINE_ROOM_AREA_MISSING', { kind: musicSmallest === undefined ? 'music' : 'art' }), inputs, sources };
    }
    const needs: Message[] = [];
    let amount = 0n;
    for (const [kind, have] of [['music', BigInt(music)], ['art', BigInt(art)]] as const) {
      if (have < needed) {
        const n = needed - have;
        amount += n;
        needs.push(msg('ENGINE_G03_MORE_ROOMS', { kind, n: Number(n) }));
      }
    }
    for (const [kind, small, min] of [['music', musicSmallest, musicMin], ['art', artSmallest, artMin]] as const) {
      if (small !== null && small.lt(min)) {
        amount += 1n;
        needs.push(msg('ENGINE_G03_ROOM_SIZE', { kind, min: dec(min), smallest: dec(small, min) }));
      }
    }
    const value = Rational.from(Math.min(music, art));
    const threshold = Rational.from(needed);
    const basis = msg('ENGINE_G03', { classes, needed: Number(needed), music, art });
    if (needs.length === 0) return { status: 'MET', value, threshold, message: basis, inputs, sources };
    const description = msg('ENGINE_G03_NEEDS', { items: needs });
    return { status: 'NOT_MET', value, threshold, message: joined(basis, description), inputs, sources, shortfall: shortfall(amount, 'rooms', description) };
  }, 'counted');
}

/** G04 学校规模: students in the compulsory stages ≤ 2000, nine- and twelve-year schools ≤ 2500. */
export function g04(facts: DistrictFacts, standard: Standard): IndicatorResult {
  const def = indicatorDef(standard, 'G04');
  return everySchool(def, countedSchools(facts.schools, standard), (school): SchoolCheck | null => {
    const gap = missingStage(school);
    if (gap) return NO_STATS(gap);
    const students = compulsoryStudents(school)!;
    const combined = school.schoolType === 'nine_year' || school.schoolType === 'twelve_year';
    const limit = thresholdOf(def, combined ? 'combinedMaxStudents' : 'singleStageMaxStudents');
    const inputs = { schoolType: school.schoolType, students, limit };
    const sources = school.stages.map((f) => f.sources);
    const value = Rational.from(students);
    const threshold = Rational.from(limit);
    if (students <= limit) return { status: 'MET', value, threshold, message: msg('ENGINE_G04', { students, limit, met: true }), inputs, sources };
    const excess = students - limit;
    const description = msg('ENGINE_G04_NEEDS', { excess, limit });
    return { status: 'NOT_MET', value, threshold, message: joined(msg('ENGINE_G04', { students, limit, met: false }), description), inputs, sources,
      shortfall: shortfall(excess, 'students', description) };
  }, 'counted');
}

/** G05 班额: in each stage the largest class ≤ 45 (primary) / 50 (junior). */
export function g05(facts: DistrictFacts, standard: Standard): IndicatorResult {
  const def = indicatorDef(standard, 'G05');
  return everySchool(def, countedSchools(facts.schools, standard), (school): SchoolCheck | null => {
    const gap = missingStage(school);
    if (gap) return NO_STATS(gap);
    const parts = typeStageFacts(school).filter((p) => p.facts!.students > 0);
    const inputs: Record<string, number> = {};
    for (const p of parts) inputs[`${p.stage}.maxClassSize`] = p.facts!.maxClassSize;
    const sources = parts.map((p) => p.facts!.sources);
    // The stage whose largest class is furthest above (or closest to) its limit decides the reported value.
    const worst = parts
      .map((p) => ({ stage: p.stage, size: p.facts!.maxClassSize, limit: thresholdOf(def, p.stage) }))
      .sort((a, b) => b.size - b.limit - (a.size - a.limit))[0];
    if (!worst) return { status: 'MET', message: msg('ENGINE_NO_STUDENTS', {}), inputs, sources };
    const value = Rational.from(worst.size);
    const threshold = Rational.from(worst.limit);
    if (worst.size <= worst.limit) {
      return { status: 'MET', value, threshold, message: msg('ENGINE_G05', { stage: worst.stage, size: worst.size, limit: worst.limit, met: true }), inputs, sources };
    }
    const over = worst.size - worst.limit;
    const failing = parts.filter((p) => p.facts!.maxClassSize > thresholdOf(def, p.stage));
    const description = joined(...failing.map((p) => {
      const n = p.facts!.maxClassSize - thresholdOf(def, p.stage);
      return msg('ENGINE_G05_NEEDS', { stage: p.stage, n, limit: thresholdOf(def, p.stage) });
    }));
    return { status: 'NOT_MET', value, threshold, message: joined(msg('ENGINE_G05', { stage: worst.stage, size: worst.size, limit: worst.limit, met: false }), description), inputs, sources,
      shortfall: shortfall(over, 'students', description) };
  }, 'counted');
}

/**
 * G06 小规模学校按100人核定公用经费: public rural schools and teaching points (not special) with fewer than
 * 100 students must have a public-funds budget ≥ benchmark per student × 100.
 */
export function g06(facts: DistrictFacts, standard: Standard): IndicatorResult {
  const def = indicatorDef(standard, 'G06');
  const small = thresholdOf(def, 'smallSchoolMaxStudents');
  const fundedAs = thresholdOf(def, 'fundedAsStudents');
  const candidates = facts.schools.filter(
    (s) => s.ownership === 'public' && s.schoolType !== 'special' && (s.location === 'rural' || s.schoolType === 'teaching_point'),
  );
  return everySchool(def, candidates, (school): SchoolCheck | null => {
    const gap = missingStage(school);
    if (gap) return NO_STATS(gap); // size unknown, so whether the rule applies is unknown
    const students = compulsoryStudents(school)!;
    if (students === 0 || students >= small) return null; // not a small school
    if (!school.funds) return { ...NO_FUNDS, inputs: { students, funds: null } };
    const budget = Rational.from(school.funds.publicFundsBudgetYuan);
    const floor = Rational.from(school.funds.benchmarkPerStudentYuan).mul(fundedAs);
    const inputs = { students, publicFundsBudgetYuan: school.funds.publicFundsBudgetYuan, benchmarkPerStudentYuan: school.funds.benchmarkPerStudentYuan, fundedAsStudents: fundedAs };
    const sources = [school.funds.sources, ...school.stages.map((f) => f.sources)];
    const basis = msg('ENGINE_G06', { students, budget: dec(budget, floor), floor: dec(floor), fundedAs });
    if (budget.ge(floor)) return { status: 'MET', value: budget, threshold: floor, message: basis, inputs, sources };
    const n = missingUnits(floor, budget);
    const description = msg('ENGINE_FUNDS_NEEDS', { amount: n.toString(), purpose: 'public' });
    return { status: 'NOT_MET', value: budget, threshold: floor, message: joined(basis, description), inputs, sources, shortfall: shortfall(n, 'yuan', description) };
  }, 'smallRural');
}

/** G07 特殊教育学校生均公用经费: public special schools get ≥ 6000 yuan public funds per student. */
export function g07(facts: DistrictFacts, standard: Standard): IndicatorResult {
  const def = indicatorDef(standard, 'G07');
  const min = Rational.from(thresholdOf(def, 'minYuanPerStudent'));
  const specials = facts.schools.filter((s) => s.schoolType === 'special' && s.ownership === 'public');
  return everySchool(def, specials, (school): SchoolCheck | null => {
    const students = deliveredStudents(school);
    if (students === null) return { status: 'NO_DATA', message: msg('ENGINE_NO_STATS', {}), inputs: { students: null } };
    if (students === 0) return null; // no students to fund
    if (!school.funds) return { ...NO_FUNDS, inputs: { students, funds: null } };
    const budget = Rational.from(school.funds.publicFundsBudgetYuan);
    const value = budget.div(students);
    const inputs = { students, publicFundsBudgetYuan: school.funds.publicFundsBudgetYuan };
    const sources = [school.funds.sources, ...school.stages.map((f) => f.sources)];
    const basis = msg('ENGINE_G07', { value: dec(value, min), min: dec(min), met: value.ge(min) });
    if (value.ge(min)) return { status: 'MET', value, threshold: min, message: basis, inputs, sources };
    const n = missingUnits(min.mul(students), budget);
    const description = msg('ENGINE_FUNDS_NEEDS', { amount: n.toString(), purpose: 'public' });
    return { status: 'NOT_MET', value, threshold: min, message: joined(basis, description), inputs, sources, shortfall: shortfall(n, 'yuan', description) };
  }, 'special');
}

/** G08 教师工资不低于公务员: total pay ÷ teachers ≥ civil servants' average, over the public schools' teachers. */
export function g08(facts: DistrictFacts, standard: Standard): IndicatorResult {
  const def = indicatorDef(standard, 'G08');
  const t = districtTeachers(facts, standard, 'publicInScope');
  const cs = facts.civilServantPay;
  const ev = evidence(
    { teachers: t?.teachers ?? null, payTotalYuan: t?.payTotalYuan ?? null, civilServantAverageYuan: cs?.averageAnnualPayYuan ?? null },
    t?.sources, cs?.sources,
  );
  if (!t || t.teachers <= 0) return noData(def, msg('ENGINE_NO_TEACHERS', {}), ev);
  if (!cs) return noData(def, msg('ENGINE_NO_CIVIL_SERVANT_PAY', {}), ev);
  const value = Rational.from(t.payTotalYuan).div(t.teachers);
  const threshold = Rational.from(cs.averageAnnualPayYuan).mul(thresholdOf(def, 'minShareOfCivilServantPay'));
  const met = value.ge(threshold);
  const total = missingUnits(threshold.mul(t.teachers), t.payTotalYuan);
  const each = missingUnits(threshold, value);
  const description = msg('ENGINE_G08_NEEDS', { total: total.toString(), each: each.toString() });
  return judged(def, {
    value, threshold, met, evidence: ev,
    message: joined(msg('ENGINE_G08', { value: dec(value, threshold), threshold: dec(threshold), met }), !met && description),
    shortfall: shortfall(total, 'yuan', description),
  });
}

/**
 * A share of the district's teachers that must reach a minimum (G09, G12): `count` of the `base` teachers (all
 * postings for G09, the full-time ones for G12) of the schools in scope, public and private.
 */
function teacherShare(
  def: IndicatorDef, facts: DistrictFacts, standard: Standard, base: (t: DistrictTeacherAggregate) => number,
  count: (t: DistrictTeacherAggregate) => number, input: string,
  what: (f: { count: number; teachers: number; value: string; threshold: string; met: boolean }) => Message, lacking: (n: bigint) => Message,
): IndicatorResult {
  const t = districtTeachers(facts, standard, 'inScope');
  const ev = evidence({ teachers: t ? base(t) : null, [input]: t ? count(t) : null }, t?.sources);
  if (!t || base(t) <= 0) return noData(def, msg('ENGINE_NO_TEACHERS', {}), ev);
  const teachers = base(t);
  const value = Rational.fraction(BigInt(count(t)), BigInt(teachers));
  const threshold = Rational.from(thresholdOf(def, 'minShare'));
  const met = value.ge(threshold);
  const n = missingUnits(threshold.mul(teachers), count(t));
  return judged(def, {
    value, threshold, met, evidence: ev,
    message: joined(what({ count: count(t), teachers, value: dec(value, threshold), threshold: dec(threshold), met }), !met && lacking(n)),
    shortfall: shortfall(n, 'teachers', lacking(n)),
  });
}

/** G09 教师5年360学时培训完成率 = 100%. */
export function g09(facts: DistrictFacts, standard: Standard): IndicatorResult {
  const def = indicatorDef(standard, 'G09');
  const hours = thresholdOf(def, 'trainingHours');
  const years = thresholdOf(def, 'windowYears');
  return teacherShare(def, facts, standard, (t) => t.teachers, (t) => t.trainingCompleted360, 'trainingCompleted360',
    (f) => msg('ENGINE_G09', { ...f, hours, years }), (n) => msg('ENGINE_G09_NEEDS', { n: Number(n), hours }));
}

/**
 * G11 交流轮岗 (public schools' teachers): rotated ≥ 10% of eligible, and county-level-or-above backbone teachers ≥ 20% of rotated.
 * Shortfall: the fewest extra rotations x (all of them backbone if need be) that satisfy both.
 */
export function g11(facts: DistrictFacts, standard: Standard): IndicatorResult {
  const def = indicatorDef(standard, 'G11');
  const t = districtTeachers(facts, standard, 'publicInScope');
  const ev = evidence(
    { rotationEligible: t?.rotationEligible ?? null, rotated: t?.rotated ?? null, rotatedBackboneCountyPlus: t?.rotatedBackboneCountyPlus ?? null },
    t?.sources,
  );
  if (!t) return noData(def, msg('ENGINE_NO_TEACHERS', {}), ev);
  if (t.rotationEligible <= 0) return noData(def, msg('ENGINE_NO_ROTATION_ELIGIBLE', {}), ev);
  const minRotated = Rational.from(thresholdOf(def, 'minRotatedShare'));
  const minBackbone = Rational.from(thresholdOf(def, 'minBackboneShareOfRotated'));
  const value = Rational.fraction(BigInt(t.rotated), BigInt(t.rotationEligible));
  const backboneShare = t.rotated > 0 ? Rational.fraction(BigInt(t.rotatedBackboneCountyPlus), BigInt(t.rotated)) : null;
  const rotatedOk = value.ge(minRotated);
  const backboneOk = backboneShare !== null && backboneShare.ge(minBackbone);
  const met = rotatedOk && backboneOk;
  ev.inputs.backboneShareOfRotated = report(backboneShare);
  const basis = msg('ENGINE_G11', {
    rotated: t.rotated, eligible: t.rotationEligible, share: dec(value, minRotated), minRotated: dec(minRotated),
    backbone: t.rotatedBackboneCountyPlus, backboneShare: backboneShare ? dec(backboneShare, minBackbone) : null, minBackbone: dec(minBackbone),
  });
  if (met) return judged(def, { value, threshold: minRotated, met, message: basis, evidence: ev });
  // x ≥ ceil(10% × eligible) − rotated, and (backbone + x) ≥ 20% × (rotated + x) ⟺ x ≥ (20% × rotated − backbone) ÷ 80%.
  const forShare = missingUnits(minRotated.mul(t.rotationEligible), t.rotated);
  const forBackbone = missingUnits(minBackbone.mul(t.rotated).sub(t.rotatedBackboneCountyPlus).div(Rational.ONE.sub(minBackbone)), 0);
  const extra = forShare > forBackbone ? forShare : forBackbone;
  const backboneExtra = missingUnits(minBackbone.mul(BigInt(t.rotated) + extra), t.rotatedBackboneCountyPlus);
  const description = msg('ENGINE_G11_NEEDS', { extra: Number(extra), backboneExtra: Number(backboneExtra) });
  return judged(def, { value, threshold: minRotated, met, message: joined(basis, description), evidence: ev, shortfall: shortfall(extra, 'teachers', description) });
}

/** G12 专任教师持证上岗率 = 100%: certified full-time teachers ÷ full-time teachers. */
export function g12(facts: DistrictFacts, standard: Standard): IndicatorResult {
  const def = indicatorDef(standard, 'G12');
  return teacherShare(def, facts, standard, (t) => t.fullTime, (t) => t.certified, 'certified', (f) => msg('ENGINE_G12', f),
    (n) => msg('ENGINE_G12_NEEDS', { n: Number(n) }));
}

/**
 * G13 就近划片入学: the district's catchment rates (as delivered) — primary 100%, junior ≥ 95%. A stage's rate
 * is required when the district has an urban or town public day school offering that stage.
 */
export function g13(facts: DistrictFacts, standard: Standard): IndicatorResult {
  const def = indicatorDef(standard, 'G13');
  const edu = facts.education;
  const rates: Record<Stage, string | null> = { primary: edu?.catchmentRatePrimary ?? null, junior: edu?.catchmentRateJunior ?? null };
  const applies = (stage: Stage) =>
    facts.schools.some((s) => s.ownership === 'public' && !s.boarding && s.location !== 'rural' && typeStages(s.schoolType).includes(stage));
  const ev = evidence({ catchmentRatePrimary: rates.primary, catchmentRateJunior: rates.junior }, edu?.sources);
  const checked: { stage: Stage; value: Rational; threshold: Rational }[] = [];
  const missing: Stage[] = [];
  for (const stage of ['primary', 'junior'] as const) {
    const rate = rates[stage];
    if (rate !== null) checked.push({ stage, value: Rational.from(rate), threshold: Rational.from(thresholdOf(def, stage)) });
    else if (applies(stage)) missing.push(stage);
  }
  const failing = checked.filter((c) => c.value.lt(c.threshold));
  const text = (c: (typeof checked)[number]) =>
    msg('ENGINE_G13_STAGE', { stage: c.stage, value: dec(c.value, c.threshold), threshold: dec(c.threshold), met: c.value.ge(c.threshold) });
  if (failing.length === 0 && missing.length > 0) {
    return noData(def, msg('ENGINE_G13_MISSING', { stages: missing }), ev);
  }
  if (checked.length === 0) {
    return judged(def, { value: null, threshold: null, met: true, message: msg('ENGINE_G13_NONE', {}), evidence: ev });
  }
  // Report the stage furthest below (or closest to) its threshold.
  const worst = [...checked].sort((a, b) => a.value.div(a.threshold).cmp(b.value.div(b.threshold)))[0]!;
  const points = failing.map((c) => ({ c, points: missingPoints(c.threshold, c.value) }));
  const total = points.reduce((s, p) => s + p.points, 0); // hundredths, so the float sum is exact enough to report
  const description = joined(...points.map((p) => msg('ENGINE_G13_NEEDS', { stage: p.c.stage, points: p.points })));
  return judged(def, {
    value: worst.value, threshold: worst.threshold, met: failing.length === 0, evidence: ev,
    message: joined(...checked.map(text), failing.length > 0 && description, missing.length > 0 && msg('ENGINE_G13_MISSING', { stages: missing })),
    shortfall: shortfall(total, 'percentage points', description),
  });
}

/** G14 优质高中招生名额分配比例 ≥ 50%. */
export function g14(facts: DistrictFacts, standard: Standard): IndicatorResult {
  const def = indicatorDef(standard, 'G14');
  return minimumRate(def, facts.education?.qualityHsQuotaRate ?? null, thresholdOf(def, 'minShare'), 'qualityHsQuotaRate', facts.education?.sources);
}

/**
 * G15 随迁子女在公办（含政府购买学位）学校就读比例 ≥ 85%, and 留守儿童关爱 rated met by inspectors. Both halves must
 * hold: a failing half fails G15 whatever the other; otherwise a missing half (no rate, or no rating) is NO_DATA.
 */
export function g15(facts: DistrictFacts, standard: Standard): IndicatorResult {
  const def = indicatorDef(standard, 'G15');
  const rs = ratingsFor(facts, 'G15');
  const careFailed = rs.some((r) => !r.met);
  const rate = minimumRate(def, facts.education?.migrantPublicRate ?? null, thresholdOf(def, 'minShare'), 'migrantPublicRate', facts.education?.sources);
  const inputs = { ...rate.evidence.inputs, leftBehindCareRating: rs.length ? String(!careFailed) : null };
  const ev = evidence(inputs, rate.evidence.sources, ...rs.map((r) => r.sources));
  if (!careFailed && rs.length === 0 && rate.status !== 'NOT_MET') {
    return noData(def, joined(rate.message, msg('ENGINE_G15_CARE_UNRATED', {})), ev);
  }
  if (!careFailed) return { ...rate, evidence: ev, message: joined(rate.message, rs.length > 0 && msg('ENGINE_G15_CARE', { met: true, note: null })) };
  const note = rs.map((r) => r.note).filter(Boolean).join('; ');
  return {
    ...rate, evidence: ev, met: false, status: 'NOT_MET',
    message: joined(rate.message, msg('ENGINE_G15_CARE', { met: false, note: note || null })),
  };
}
