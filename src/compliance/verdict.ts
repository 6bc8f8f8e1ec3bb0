/**
 * The verdict (DOMAIN §2.6): a district is qualified when every school part passes the school rule, every
 * CV is within its limit, every G and Q indicator and S01 pass, and no disqualifying event is recorded.
 * Anything failing → NOT_QUALIFIED (even if other items lack data); nothing failing but something
 * without data → INSUFFICIENT_DATA; otherwise QUALIFIED.
 */
import { compositeCv } from './cv';
import { StandardNotApplicableError } from './errors';
import { msg } from '../messages';
import { shownNumber } from '../messages/figures';
import { DISTRICT_INDICATORS } from './indicators';
import { REPORT_DECIMALS } from './result';
import { judgeSchoolRule } from './school-rule';
import { resourcePart, STAGES, type StagePart } from './scope';
import { indicatorCv, spread } from './spread';
import { RESOURCE_CODES, standardOf, type IndicatorKind, type Standard } from './standards';
import type {
  BasicBalanceResult, BasicBalanceStage, Blocker, DistrictEvaluationResult, DistrictFacts, IndicatorResult,
  SchoolRuleResult, SpreadResult, Stage, StageAllocation, StandardCode,
} from './types';

/** The counted school parts of a stage (参评学校). */
export function stageParts(facts: DistrictFacts, stage: Stage, standard: Standard): StagePart[] {
  return facts.schools.map((s) => resourcePart(s, stage, standard)).filter((p): p is StagePart => p !== null);
}

/** Resource allocation of one stage: the school rule for every counted part and the seven spreads. */
export function stageAllocation(facts: DistrictFacts, stage: Stage, standard: Standard): StageAllocation {
  const parts = stageParts(facts, stage, standard);
  const schoolRules = parts.map((p) => judgeSchoolRule(p, standard));
  return {
    stage,
    schoolCount: parts.length,
    schoolsMeetingRule: schoolRules.filter((r) => r.status === 'MET').length,
    schoolRules,
    failingSchools: schoolRules.filter((r) => r.status === 'NOT_MET'),
    spread: RESOURCE_CODES.map((code) => spread(code, stage, parts, standard)),
  };
}

/** Evaluates every district-level indicator of the standard of one kind, in table order. */
function indicatorsOfKind(facts: DistrictFacts, standard: Standard, kind: IndicatorKind): IndicatorResult[] {
  return Object.values(standard.indicators)
    .filter((def) => def.kind === kind)
    .map((def) => {
      const fn = DISTRICT_INDICATORS[def.code];
      if (!fn) throw new Error(`no function registered for indicator ${def.code}`);
      return fn(facts, standard);
    });
}

// --- blockers -----------------------------------------------------------------------------------------

function schoolRuleBlockers(rule: SchoolRuleResult): Blocker[] {
  if (rule.status === 'MET') return [];
  // A failing school lists its indicators below threshold (and those without data); a school without data lists the missing ones.
  const items = rule.indicators.filter((i) => i.status === 'NO_DATA' || (rule.status === 'NOT_MET' && i.status === 'NOT_MET'));
  return items.map((i) => ({
    code: i.code,
    schoolCode: rule.schoolCode,
    stage: rule.stage,
    status: i.status as 'NOT_MET' | 'NO_DATA',
    message: msg('ENGINE_BLOCKER_SCHOOL', {
      school: rule.schoolName ?? rule.schoolCode, stage: rule.stage, indicator: i.code, noData: i.status === 'NO_DATA',
      detail: i.message!, rule: i.status === 'NO_DATA' ? null : (rule.message ?? null),
    }),
  }));
}

function spreadBlockers(s: SpreadResult): Blocker[] {
  if (s.status === 'MET') return [];
  return [{ code: s.code, stage: s.stage, status: s.status as 'NOT_MET' | 'NO_DATA', message: s.message! }];
}

function indicatorBlockers(r: IndicatorResult): Blocker[] {
  if (r.status === 'MET') return [];
  const perSchool = (r.schools ?? []).filter((f) => f.status !== 'MET');
  if (perSchool.length > 0) {
    return perSchool.map((f) => ({
      code: r.code, schoolCode: f.schoolCode, status: f.status as 'NOT_MET' | 'NO_DATA',
      message: msg('ENGINE_BLOCKER_FINDING', { indicator: r.code, school: f.schoolName, schoolCode: f.schoolCode, noData: f.status === 'NO_DATA', detail: f.message }),
    }));
  }
  return [{ code: r.code, status: r.status as 'NOT_MET' | 'NO_DATA', message: msg('ENGINE_BLOCKER_INDICATOR', { indicator: r.code, noData: r.status === 'NO_DATA', detail: r.message ?? null }) }];
}

function precondition(facts: DistrictFacts, standard: Standard): DistrictEvaluationResult['precondition'] {
  const passed = facts.basicBalancePassedYear;
  const years = standard.precondition?.basicBalanceYearsBefore;
  if (years === undefined) return { basicBalancePassedYear: passed, met: null, message: msg('ENGINE_PRECONDITION_NONE', {}) };
  if (passed === null) return { basicBalancePassedYear: null, met: null, message: msg('ENGINE_PRECONDITION_UNKNOWN', {}) };
  const met = facts.year - passed >= years;
  return { basicBalancePassedYear: passed, met, message: msg('ENGINE_PRECONDITION', { passed, years, year: facts.year, met }) };
}

function requireQualityStandard(standard: Standard): void {
  if (!standard.schoolRule || standard.spread.mode !== 'each') {
    throw new StandardNotApplicableError(`${standard.code} has no full verdict; use basicBalanceMonitoring()`);
  }
}

/** 优质均衡督导评估: the district's verdict for the year with every result, its evidence and the blockers. */
export function evaluateDistrict(facts: DistrictFacts, standardCode: StandardCode = 'YJ2017'): DistrictEvaluationResult {
  const standard = standardOf(standardCode);
  requireQualityStandard(standard);
  const resourceAllocation = STAGES.map((stage) => stageAllocation(facts, stage, standard));
  const governmentGuarantee = indicatorsOfKind(facts, standard, 'guarantee');
  const educationQuality = indicatorsOfKind(facts, standard, 'quality');
  const [socialRecognition] = indicatorsOfKind(facts, standard, 'recognition');
  if (!socialRecognition) throw new Error(`${standard.code} has no social-recognition indicator`);
  const vetoes = indicatorsOfKind(facts, standard, 'veto');

  const blockers: Blocker[] = [
    ...resourceAllocation.flatMap((a) => [...a.schoolRules.flatMap(schoolRuleBlockers), ...a.spread.flatMap(spreadBlockers)]),
    ...[...governmentGuarantee, ...educationQuality, socialRecognition].flatMap(indicatorBlockers),
    ...vetoes.filter((v) => v.status === 'NOT_MET').map((v): Blocker => ({ code: v.code, status: 'NOT_MET', message: msg('ENGINE_BLOCKER_VETO', { indicator: v.code, detail: v.message! }) })),
  ];
  // The verdict is decided from the items' statuses; the blockers are their readable list.
  const statuses = [
    ...resourceAllocation.flatMap((a) => [...a.schoolRules.map((r) => r.status), ...a.spread.map((s) => s.status)]),
    ...[...governmentGuarantee, ...educationQuality, socialRecognition, ...vetoes].map((r) => r.status),
  ];
  const verdict = statuses.includes('NOT_MET') ? 'NOT_QUALIFIED' : statuses.includes('NO_DATA') ? 'INSUFFICIENT_DATA' : 'QUALIFIED';

  return {
    districtCode: facts.districtCode,
    year: facts.year,
    standard: standard.code,
    verdict,
    resourceAllocation,
    governmentGuarantee,
    educationQuality,
    socialRecognition,
    vetoes,
    blockers,
    precondition: precondition(facts, standard),
  };
}

/**
 * 基本均衡差异系数监测 (JB2012): for each stage, the CVs of R1–R7 and their composite (plain mean) against
 * 0.65 (primary) / 0.55 (junior). The composite is undefined when any CV is.
 */
export function basicBalanceMonitoring(facts: DistrictFacts): BasicBalanceResult {
  const standard = standardOf('JB2012');
  const stages = STAGES.map((stage): BasicBalanceStage => {
    const parts = stageParts(facts, stage, standard);
    const measured = RESOURCE_CODES.map((code) => indicatorCv(code, stage, parts, standard));
    const cvs = measured.map(({ points: _points, rawCv: _raw, within: _within, ...cv }) => cv);
    const limit = standard.spread.limits[stage];
    // A mean of square roots is irrational in general: decided in double precision on the unrounded CVs.
    const composite = compositeCv(measured.map((c) => c.rawCv));
    if (composite === null) {
      const undefinedOnes = cvs.filter((c) => c.cv === null).map((c) => c.code);
      return { stage, schoolCount: parts.length, cvs, composite: null, limit, status: 'NO_DATA', met: null,
        message: msg('ENGINE_COMPOSITE_UNDEFINED', { codes: undefinedOnes }) };
    }
    const met = composite <= limit;
    // The double's shortest decimal form, shown by the display rule against the limit.
    const compositeText = compositeDecimal(composite);
    return {
      stage, schoolCount: parts.length, cvs, composite: shownNumber(compositeText, limit, REPORT_DECIMALS), limit, status: met ? 'MET' : 'NOT_MET', met,
      message: msg('ENGINE_COMPOSITE', { composite: compositeText, limit: String(limit), met, count: cvs.length }),
    };
  });
  return { districtCode: facts.districtCode, year: facts.year, standard: 'JB2012', stages };
}

/** A double as a plain decimal string (no exponent), for the display rule. */
function compositeDecimal(x: number): string {
  const s = String(x);
  return /e/i.test(s) ? x.toFixed(20).replace(/0+$/, '').replace(/\.$/, '') : s;
}
