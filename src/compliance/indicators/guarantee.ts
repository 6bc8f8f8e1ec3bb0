/** Government guarantee (政府保障程度) indicators computed from data: G03–G09, G11–G15. */
import { Rational } from '../exact';
import { fmt, list, pct, plural } from '../format';
import { evidence, judged, missingPoints, missingUnits, noData, report, shortfall } from '../result';
import { compulsoryStudents, countedSchools, deliveredStudents, districtTeachers, typeStageFacts, typeStages } from '../scope';
import { indicatorDef, thresholdOf, type IndicatorDef, type Standard } from '../standards';
import type { DistrictFacts, DistrictTeacherAggregate, IndicatorResult, SchoolFacts, Stage, StageFacts } from '../types';
import { everySchool, minimumRate, type SchoolCheck } from './district';
import { ratingsFor } from './rated';

function missingStage(school: SchoolFacts): Stage | null {
  return typeStageFacts(school).find((p) => p.facts === null)?.stage ?? null;
}

const NO_STATS = (stage: Stage): SchoolCheck => ({ status: 'NO_DATA', message: `no school statistics delivered for the ${stage} stage`, inputs: { missingStage: stage } });
const NO_FUNDS: SchoolCheck = { status: 'NO_DATA', message: 'no school funds delivered', inputs: { funds: null } };

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
      return { status: 'NO_DATA', message: `${musicSmallest === undefined ? 'music' : 'art'} room area not delivered`, inputs, sources };
    }
    const needs: string[] = [];
    let amount = 0n;
    for (const [kind, have] of [['music', BigInt(music)], ['art', BigInt(art)]] as const) {
      if (have < needed) {
        const n = needed - have;
        amount += n;
        needs.push(`${n} more ${kind} ${plural(n, 'room', 'rooms')}`);
      }
    }
    for (const [kind, small, min] of [['music', musicSmallest, musicMin], ['art', artSmallest, artMin]] as const) {
      if (small !== null && small.lt(min)) {
        amount += 1n;
        needs.push(`a ${kind} room of at least ${fmt(min)} m² (smallest is ${fmt(small)} m²)`);
      }
    }
    const value = Rational.from(Math.min(music, art));
    const threshold = Rational.from(needed);
    const basis = `${classes} ${plural(classes, 'class', 'classes')}: ${needed} music and ${needed} art ${plural(needed, 'room', 'rooms')} needed, has ${music} music and ${art} art`;
    if (needs.length === 0) return { status: 'MET', value, threshold, message: basis, inputs, sources };
    const description = `needs ${list(needs)}`;
    return { status: 'NOT_MET', value, threshold, message: `${basis}; ${description}`, inputs, sources, shortfall: shortfall(amount, 'rooms', description) };
  }, 'no school counted in the district');
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
    if (students <= limit) return { status: 'MET', value, threshold, message: `${fmt(students)} students ≤ ${fmt(limit)}`, inputs, sources };
    const excess = students - limit;
    const description = `needs ${fmt(excess)} fewer students (or a new school) to stay within ${fmt(limit)}`;
    return { status: 'NOT_MET', value, threshold, message: `${fmt(students)} students > ${fmt(limit)}; ${description}`, inputs, sources,
      shortfall: shortfall(excess, 'students', description) };
  }, 'no school counted in the district');
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
    if (!worst) return { status: 'MET', message: 'no students', inputs, sources };
    const value = Rational.from(worst.size);
    const threshold = Rational.from(worst.limit);
    if (worst.size <= worst.limit) {
      return { status: 'MET', value, threshold, message: `largest ${worst.stage} class ${worst.size} ≤ ${worst.limit}`, inputs, sources };
    }
    const over = worst.size - worst.limit;
    const failing = parts.filter((p) => p.facts!.maxClassSize > thresholdOf(def, p.stage));
    const description = failing
      .map((p) => {
        const n = p.facts!.maxClassSize - thresholdOf(def, p.stage);
        return `needs its largest ${p.stage} class reduced by ${n} ${plural(n, 'student', 'students')} (to ${thresholdOf(def, p.stage)})`;
      })
      .join('; ');
    return { status: 'NOT_MET', value, threshold, message: `largest ${worst.stage} class ${worst.size} > ${worst.limit}; ${description}`, inputs, sources,
      shortfall: shortfall(over, 'students', description) };
  }, 'no school counted in the district');
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
    const basis = `${students} students; budget ${fmt(budget)} yuan vs ${fmt(floor)} yuan (benchmark × ${fundedAs})`;
    if (budget.ge(floor)) return { status: 'MET', value: budget, threshold: floor, message: basis, inputs, sources };
    const n = missingUnits(floor, budget);
    const description = `needs ${fmt(n)} yuan more public funds`;
    return { status: 'NOT_MET', value: budget, threshold: floor, message: `${basis}; ${description}`, inputs, sources, shortfall: shortfall(n, 'yuan', description) };
  }, 'no public rural school or teaching point under the size limit');
}

/** G07 特殊教育学校生均公用经费: public special schools get ≥ 6000 yuan public funds per student. */
export function g07(facts: DistrictFacts, standard: Standard): IndicatorResult {
  const def = indicatorDef(standard, 'G07');
  const min = Rational.from(thresholdOf(def, 'minYuanPerStudent'));
  const specials = facts.schools.filter((s) => s.schoolType === 'special' && s.ownership === 'public');
  return everySchool(def, specials, (school): SchoolCheck | null => {
    const students = deliveredStudents(school);
    if (students === null) return { status: 'NO_DATA', message: 'no school statistics delivered', inputs: { students: null } };
    if (students === 0) return null; // no students to fund
    if (!school.funds) return { ...NO_FUNDS, inputs: { students, funds: null } };
    const budget = Rational.from(school.funds.publicFundsBudgetYuan);
    const value = budget.div(students);
    const inputs = { students, publicFundsBudgetYuan: school.funds.publicFundsBudgetYuan };
    const sources = [school.funds.sources, ...school.stages.map((f) => f.sources)];
    const basis = `${fmt(value)} yuan per student ${value.ge(min) ? '≥' : '<'} ${fmt(min)}`;
    if (value.ge(min)) return { status: 'MET', value, threshold: min, message: basis, inputs, sources };
    const n = missingUnits(min.mul(students), budget);
    const description = `needs ${fmt(n)} yuan more public funds`;
    return { status: 'NOT_MET', value, threshold: min, message: `${basis}; ${description}`, inputs, sources, shortfall: shortfall(n, 'yuan', description) };
  }, 'no public special-education school in the district');
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
  if (!t || t.teachers <= 0) return noData(def, 'no teacher postings delivered', ev);
  if (!cs) return noData(def, "civil servants' average pay not delivered", ev);
  const value = Rational.from(t.payTotalYuan).div(t.teachers);
  const threshold = Rational.from(cs.averageAnnualPayYuan).mul(thresholdOf(def, 'minShareOfCivilServantPay'));
  const met = value.ge(threshold);
  const total = missingUnits(threshold.mul(t.teachers), t.payTotalYuan);
  const each = missingUnits(threshold, value);
  const description = `needs ${fmt(total)} yuan more teacher pay a year (${fmt(each)} yuan per teacher)`;
  return judged(def, {
    value, threshold, met, evidence: ev,
    message: `average teacher pay ${fmt(value)} yuan ${met ? '≥' : '<'} civil servants' ${fmt(threshold)} yuan` + (met ? '' : `; ${description}`),
    shortfall: shortfall(total, 'yuan', description),
  });
}

/**
 * A share of the district's teachers that must reach a minimum (G09, G12): `count` of the `base` teachers (all
 * postings for G09, the full-time ones for G12) of the schools in scope, public and private.
 */
function teacherShare(def: IndicatorDef, facts: DistrictFacts, standard: Standard, base: (t: DistrictTeacherAggregate) => number,
  count: (t: DistrictTeacherAggregate) => number, input: string, what: string, lacking: (n: bigint) => string): IndicatorResult {
  const t = districtTeachers(facts, standard, 'inScope');
  const ev = evidence({ teachers: t ? base(t) : null, [input]: t ? count(t) : null }, t?.sources);
  if (!t || base(t) <= 0) return noData(def, 'no teacher postings delivered', ev);
  const teachers = base(t);
  const value = Rational.fraction(BigInt(count(t)), BigInt(teachers));
  const threshold = Rational.from(thresholdOf(def, 'minShare'));
  const met = value.ge(threshold);
  const n = missingUnits(threshold.mul(teachers), count(t));
  return judged(def, {
    value, threshold, met, evidence: ev,
    message: `${count(t)} of ${teachers} teachers ${what} (${pct(value)} ${met ? '≥' : '<'} ${pct(threshold)})` + (met ? '' : `; ${lacking(n)}`),
    shortfall: shortfall(n, 'teachers', lacking(n)),
  });
}

/** G09 教师5年360学时培训完成率 = 100%. */
export function g09(facts: DistrictFacts, standard: Standard): IndicatorResult {
  const def = indicatorDef(standard, 'G09');
  const hours = thresholdOf(def, 'trainingHours');
  const years = thresholdOf(def, 'windowYears');
  return teacherShare(def, facts, standard, (t) => t.teachers, (t) => t.trainingCompleted360, 'trainingCompleted360', `completed ${hours} training hours in ${years} years`,
    (n) => `needs ${n} more ${plural(n, 'teacher', 'teachers')} to complete ${hours} training hours`);
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
  if (!t) return noData(def, 'no teacher postings delivered', ev);
  if (t.rotationEligible <= 0) return noData(def, 'no teacher marked eligible for rotation', ev);
  const minRotated = Rational.from(thresholdOf(def, 'minRotatedShare'));
  const minBackbone = Rational.from(thresholdOf(def, 'minBackboneShareOfRotated'));
  const value = Rational.fraction(BigInt(t.rotated), BigInt(t.rotationEligible));
  const backboneShare = t.rotated > 0 ? Rational.fraction(BigInt(t.rotatedBackboneCountyPlus), BigInt(t.rotated)) : null;
  const rotatedOk = value.ge(minRotated);
  const backboneOk = backboneShare !== null && backboneShare.ge(minBackbone);
  const met = rotatedOk && backboneOk;
  ev.inputs.backboneShareOfRotated = report(backboneShare);
  const basis = `rotated ${t.rotated} of ${t.rotationEligible} eligible (${pct(value)}, needs ${pct(minRotated)}); ` +
    `backbone ${t.rotatedBackboneCountyPlus} of ${t.rotated} rotated (${backboneShare ? pct(backboneShare) : 'n/a'}, needs ${pct(minBackbone)})`;
  if (met) return judged(def, { value, threshold: minRotated, met, message: basis, evidence: ev });
  // x ≥ ceil(10% × eligible) − rotated, and (backbone + x) ≥ 20% × (rotated + x) ⟺ x ≥ (20% × rotated − backbone) ÷ 80%.
  const forShare = missingUnits(minRotated.mul(t.rotationEligible), t.rotated);
  const forBackbone = missingUnits(minBackbone.mul(t.rotated).sub(t.rotatedBackboneCountyPlus).div(Rational.ONE.sub(minBackbone)), 0);
  const extra = forShare > forBackbone ? forShare : forBackbone;
  const backboneExtra = missingUnits(minBackbone.mul(BigInt(t.rotated) + extra), t.rotatedBackboneCountyPlus);
  const description = `needs ${extra} more ${plural(extra, 'teacher', 'teachers')} rotated` +
    (backboneExtra > 0n ? `, at least ${backboneExtra} of them backbone teachers of county level or above` : '');
  return judged(def, { value, threshold: minRotated, met, message: `${basis}; ${description}`, evidence: ev, shortfall: shortfall(extra, 'teachers', description) });
}

/** G12 专任教师持证上岗率 = 100%: certified full-time teachers ÷ full-time teachers. */
export function g12(facts: DistrictFacts, standard: Standard): IndicatorResult {
  const def = indicatorDef(standard, 'G12');
  return teacherShare(def, facts, standard, (t) => t.fullTime, (t) => t.certified, 'certified', "hold a teacher's certificate",
    (n) => `needs ${n} more ${plural(n, 'teacher', 'teachers')} certified`);
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
  const text = (c: (typeof checked)[number]) => `${c.stage} ${pct(c.value)} ${c.value.ge(c.threshold) ? '≥' : '<'} ${pct(c.threshold)}`;
  if (failing.length === 0 && missing.length > 0) {
    return noData(def, `catchment rate not delivered for ${list(missing)}`, ev);
  }
  if (checked.length === 0) {
    return judged(def, { value: null, threshold: null, met: true, message: 'no urban or town public day school in the district', evidence: ev });
  }
  // Report the stage furthest below (or closest to) its threshold.
  const worst = [...checked].sort((a, b) => a.value.div(a.threshold).cmp(b.value.div(b.threshold)))[0]!;
  const points = failing.map((c) => ({ c, points: missingPoints(c.threshold, c.value) }));
  const total = points.reduce((s, p) => s + p.points, 0); // hundredths, so the float sum is exact enough to report
  const description = points.map((p) => `${p.c.stage} catchment enrolment needs ${fmt(p.points)} percentage points more`).join('; ');
  return judged(def, {
    value: worst.value, threshold: worst.threshold, met: failing.length === 0, evidence: ev,
    message: checked.map(text).join('; ') + (failing.length ? `; ${description}` : '') + (missing.length ? `; not delivered for ${list(missing)}` : ''),
    shortfall: shortfall(total, 'percentage points', description),
  });
}

/** G14 优质高中招生名额分配比例 ≥ 50%. */
export function g14(facts: DistrictFacts, standard: Standard): IndicatorResult {
  const def = indicatorDef(standard, 'G14');
  return minimumRate(def, facts.education?.qualityHsQuotaRate ?? null, thresholdOf(def, 'minShare'),
    'share of quality high-school places allocated by quota', 'qualityHsQuotaRate', facts.education?.sources);
}

/**
 * G15 随迁子女在公办（含政府购买学位）学校就读比例 ≥ 85%, and 留守儿童关爱 rated met by inspectors. Both halves must
 * hold: a failing half fails G15 whatever the other; otherwise a missing half (no rate, or no rating) is NO_DATA.
 */
export function g15(facts: DistrictFacts, standard: Standard): IndicatorResult {
  const def = indicatorDef(standard, 'G15');
  const rs = ratingsFor(facts, 'G15');
  const careFailed = rs.some((r) => !r.met);
  const rate = minimumRate(def, facts.education?.migrantPublicRate ?? null, thresholdOf(def, 'minShare'),
    'share of migrant children in public or publicly funded schools', 'migrantPublicRate', facts.education?.sources);
  const inputs = { ...rate.evidence.inputs, leftBehindCareRating: rs.length ? String(!careFailed) : null };
  const ev = evidence(inputs, rate.evidence.sources, ...rs.map((r) => r.sources));
  if (!careFailed && rs.length === 0 && rate.status !== 'NOT_MET') {
    return noData(def, `${rate.message}; left-behind child care: no inspector rating recorded`, ev);
  }
  if (!careFailed) return { ...rate, evidence: ev, message: `${rate.message}${rs.length ? '; left-behind child care rated met' : ''}` };
  const note = rs.map((r) => r.note).filter(Boolean).join('; ');
  return {
    ...rate, evidence: ev, met: false, status: 'NOT_MET',
    message: `${rate.message}; left-behind child care rated not met${note ? `: ${note}` : ''}`,
  };
}
