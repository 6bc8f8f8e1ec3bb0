import * as engine1 from '../../../src/compliance';
import type { DistrictEvaluationResult, SchoolFacts, Stage } from '../../../src/compliance';
import { district, school, stage } from './fixtures';
import { inEnglish } from '../../helpers/english';

// The engine returns catalogue messages; these tests read them in English.
const { countsInResourceAllocation, evaluateDistrict, STANDARDS } = inEnglish(engine1);

const YJ = STANDARDS.YJ2017;

function allocation(r: DistrictEvaluationResult, st: Stage) {
  return r.resourceAllocation.find((a) => a.stage === st)!;
}
function counted(r: DistrictEvaluationResult, st: Stage): string[] {
  return allocation(r, st).schoolRules.map((s) => s.schoolCode);
}
function evaluateWith(...extra: SchoolFacts[]) {
  const base = district();
  return evaluateDistrict({ ...base, schools: [...base.schools, ...extra] });
}

describe('nine-year and twelve-year schools: a primary part and a junior part', () => {
  const nine = school('N1', {
    schoolType: 'nine_year',
    stages: [
      // primary part: 21 × 100 / 500 = 4.2 ≥ 4.2 (MET)
      stage('primary', { teachers: { total: 30, aboveMinimumDegree: 21, backboneCountyPlus: 6, peArts: 5 } }),
      // junior part: the same 21 teachers would not be enough; its own 26 give 5.2 < 5.3 (NOT_MET, 98.1%)
      stage('junior', { teachers: { total: 30, aboveMinimumDegree: 26, backboneCountyPlus: 6, peArts: 5 } }),
    ],
  });

  test('counted among primary schools and among junior schools, each with its own stage teachers', () => {
    const r = evaluateWith(nine);
    expect(counted(r, 'primary')).toContain('N1');
    expect(counted(r, 'junior')).toContain('N1');
    const p = allocation(r, 'primary').schoolRules.find((s) => s.schoolCode === 'N1')!;
    const j = allocation(r, 'junior').schoolRules.find((s) => s.schoolCode === 'N1')!;
    expect(p.indicators[0]).toMatchObject({ code: 'R1', value: 4.2, threshold: 4.2, status: 'MET' });
    expect(j.indicators[0]).toMatchObject({ code: 'R1', value: 5.2, threshold: 5.3, status: 'NOT_MET' });
    expect(allocation(r, 'primary').schoolCount).toBe(3);
    expect(allocation(r, 'junior').schoolCount).toBe(3);
  });

  test('twelve-year schools likewise', () => {
    const r = evaluateWith(school('T1', { schoolType: 'twelve_year' }));
    expect(counted(r, 'primary')).toContain('T1');
    expect(counted(r, 'junior')).toContain('T1');
  });

  test('a missing stage row makes that part NO_DATA (and the verdict INSUFFICIENT_DATA)', () => {
    const r = evaluateWith(school('N2', { schoolType: 'nine_year', stages: [stage('primary')] }));
    const j = allocation(r, 'junior').schoolRules.find((s) => s.schoolCode === 'N2')!;
    expect(j).toMatchObject({ status: 'NO_DATA', met: null });
    expect(allocation(r, 'primary').schoolRules.find((s) => s.schoolCode === 'N2')!.status).toBe('MET');
    expect(r.verdict).toBe('INSUFFICIENT_DATA');
    expect(r.blockers.some((b) => b.code === 'R1' && b.schoolCode === 'N2' && b.stage === 'junior' && b.status === 'NO_DATA')).toBe(true);
  });

  test('a stage part with 0 students is left out', () => {
    const r = evaluateWith(school('N3', { schoolType: 'nine_year', stages: [stage('primary'), stage('junior', { students: 0 })] }));
    expect(counted(r, 'primary')).toContain('N3');
    expect(counted(r, 'junior')).not.toContain('N3');
  });
});

describe('complete secondary schools count by their junior part only', () => {
  test('junior part counted; a delivered primary row is ignored', () => {
    const r = evaluateWith(school('C1', { schoolType: 'complete_secondary', stages: [stage('junior'), stage('primary')] }));
    expect(counted(r, 'junior')).toContain('C1');
    expect(counted(r, 'primary')).not.toContain('C1');
  });
});

describe('teaching points (教学点)', () => {
  // Two identical primary schools (500 students, R4 = 6 m²) + one teaching point whose R4 is 3 m².
  const tp = (students: number) => school('TP', { schoolType: 'teaching_point', location: 'rural', stages: [stage('primary', { students, teachingAuxAreaM2: String(3 * students) })] });

  test('49 students: left out of R1–R7 and of the spreads', () => {
    const r = evaluateWith(tp(49));
    expect(counted(r, 'primary')).not.toContain('TP');
    const cv = allocation(r, 'primary').spread.find((s) => s.code === 'CV_R4')!;
    expect(cv).toMatchObject({ cv: 0, schoolCount: 2 });
    expect(countsInResourceAllocation(tp(49), 'primary', YJ)).toBe(false);
  });

  test('50 students: counted as a primary school, and it moves the spread', () => {
    // X = (6, 6, 3), P = (500, 500, 50): X̄ = 6150 / 1050 = 41/7 = 5.857143
    // deviations 1/7, 1/7, −20/7: S² = (1000·1/49 + 50·400/49) / 1050 = 21000 / 51450 = 0.408163; S = 0.638877
    // CV = 0.638877 / 5.857143 = 0.109077
    const r = evaluateWith(tp(50));
    expect(counted(r, 'primary')).toContain('TP');
    const cv = allocation(r, 'primary').spread.find((s) => s.code === 'CV_R4')!;
    expect(cv).toMatchObject({ cv: 0.1091, mean: 5.8571, schoolCount: 3, status: 'MET' });
    // its own school rule: R4 = 3 / 4.5 = 66.7% → NOT_MET
    expect(allocation(r, 'primary').failingSchools.map((s) => s.schoolCode)).toEqual(['TP']);
    expect(countsInResourceAllocation(tp(50), 'primary', YJ)).toBe(true);
  });

  test('a teaching point without statistics: size unknown, so kept as NO_DATA', () => {
    const r = evaluateWith(school('TP', { schoolType: 'teaching_point', stages: [] }));
    expect(allocation(r, 'primary').schoolRules.find((s) => s.schoolCode === 'TP')!.status).toBe('NO_DATA');
  });
});

describe('special-education schools', () => {
  test('left out of R1–R7 and the spreads, but used by G07', () => {
    // 60 students, 300,000 yuan: 5000 per student < 6000; needs 6000 × 60 − 300,000 = 60,000 yuan
    const sp = school('SP', { schoolType: 'special', stages: [stage('primary', { students: 60 })],
      funds: { publicFundsBudgetYuan: '300000', benchmarkPerStudentYuan: '800', teacherTrainingYuan: '15000', sources: [] } });
    const r = evaluateWith(sp);
    expect(counted(r, 'primary')).not.toContain('SP');
    expect(counted(r, 'junior')).not.toContain('SP');
    const g07 = r.governmentGuarantee.find((g) => g.code === 'G07')!;
    expect(g07.status).toBe('NOT_MET');
    expect(g07.schools![0]).toMatchObject({ schoolCode: 'SP', value: 5000, threshold: 6000 });
    expect(g07.schools![0]!.shortfall).toEqual({ amount: 60000, unit: 'yuan', description: 'needs 60,000 yuan more public funds' });
  });
});

describe('private schools count for R1–R7', () => {
  test('a private primary school is counted', () => {
    const r = evaluateWith(school('PR', { ownership: 'private' }));
    expect(counted(r, 'primary')).toContain('PR');
  });
});
