import * as engine1 from '../../../src/compliance';
import type { DistrictFacts } from '../../../src/compliance';
import { district, school, src, stage } from './fixtures';
import { inEnglish } from '../../helpers/english';

// The engine returns catalogue messages; these tests read them in English.
const { basicBalanceMonitoring, evaluateDistrict, StandardNotApplicableError } = inEnglish(engine1);

describe('evaluateDistrict verdict (§2.6)', () => {
  test('QUALIFIED when everything is met, with no blockers', () => {
    const r = evaluateDistrict(district());
    expect(r.verdict).toBe('QUALIFIED');
    expect(r.blockers).toEqual([]);
    expect(r).toMatchObject({ districtCode: '500106', year: 2024, standard: 'YJ2017' });
    expect(r.governmentGuarantee.map((g) => g.code)).toEqual(['G01', 'G02', 'G03', 'G04', 'G05', 'G06', 'G07', 'G08', 'G09', 'G10', 'G11', 'G12', 'G13', 'G14', 'G15']);
    expect(r.educationQuality.map((g) => g.code)).toEqual(['Q01', 'Q02', 'Q03', 'Q04', 'Q05', 'Q06', 'Q07', 'Q08', 'Q09']);
    expect(r.socialRecognition.code).toBe('S01');
    expect(r.vetoes.map((v) => v.code)).toEqual(['V01', 'V02', 'V03']);
    expect(r.resourceAllocation.map((a) => [a.stage, a.schoolCount, a.schoolsMeetingRule, a.spread.length])).toEqual([['primary', 2, 2, 7], ['junior', 2, 2, 7]]);
  });

  test('NOT_QUALIFIED with a school blocker carrying its shortfall', () => {
    // P1: sports area 1875 / 500 = 3.75 m² = 50% of 7.5 → school rule fails; needs 7.5 × 500 − 1875 = 1875 m²
    // CV_R5 (primary): values 3.75 and 11, 500 students each: X̄ = 7.375, S = 3.625, CV = 0.4915 ≤ 0.5 (no CV blocker)
    const d = district();
    d.schools[0] = school('P1', { name: 'Xishan Primary', stages: [stage('primary', { sportsAreaM2: '1875' })] });
    const r = evaluateDistrict(d);
    expect(r.verdict).toBe('NOT_QUALIFIED');
    expect(r.resourceAllocation[0]!.failingSchools.map((s) => s.schoolCode)).toEqual(['P1']);
    expect(r.resourceAllocation[0]!.spread.find((s) => s.code === 'CV_R5')).toMatchObject({ cv: 0.4915, status: 'MET' });
    expect(r.blockers).toHaveLength(1);
    expect(r.blockers[0]).toMatchObject({ code: 'R5', schoolCode: 'P1', stage: 'primary', status: 'NOT_MET' });
    expect(r.blockers[0]!.message).toBe(
      'School Xishan Primary (primary): sports ground and hall area per student 3.75 < 7.5 m² per student; needs 1,875 m² more sports area ' +
        '[school rule: R5 reaches only 50% of its threshold (at least 85% required)]',
    );
  });

  test('a school meeting the rule with one near miss is not a blocker', () => {
    const d = district();
    d.schools[0] = school('P1', { stages: [stage('primary', { sportsAreaM2: '3410' })] }); // 90.9% of 7.5
    const r = evaluateDistrict(d);
    expect(r.verdict).toBe('QUALIFIED');
    expect(r.resourceAllocation[0]!.schoolRules[0]!.failing[0]!.shortfall?.description).toBe('needs 340 m² more sports area');
  });

  test('a spread above its limit blocks: CV_R6 primary', () => {
    // R6: 1,000,000 / 500 = 2000 and 4,000,000 / 500 = 8000 (both ≥ 2000)
    // X̄ = 5000, S = 3000, CV = 0.6 > 0.5
    const d = district();
    d.schools[0] = school('P1', { stages: [stage('primary', { equipmentValueYuan: '1000000' })] });
    d.schools[1] = school('P2', { stages: [stage('primary', { equipmentValueYuan: '4000000' })] });
    const r = evaluateDistrict(d);
    expect(r.verdict).toBe('NOT_QUALIFIED');
    expect(r.blockers).toEqual([{ code: 'CV_R6', stage: 'primary', status: 'NOT_MET',
      message: 'CV of teaching equipment value per student (primary) across 2 schools is 0.6 > 0.5' }]);
  });

  test('INSUFFICIENT_DATA when nothing fails but something lacks data', () => {
    const r = evaluateDistrict(district({ survey: null }));
    expect(r.verdict).toBe('INSUFFICIENT_DATA');
    expect(r.blockers).toEqual([{ code: 'S01', status: 'NO_DATA', message: 'S01 Social recognition: satisfied respondents: no data — no survey delivered' }]);
  });

  test('NOT_QUALIFIED when something fails, even if other things lack data', () => {
    const r = evaluateDistrict(district({ survey: null, education: { ...district().education!, qualityHsQuotaRate: '0.40' } }));
    expect(r.verdict).toBe('NOT_QUALIFIED');
    expect(r.blockers.map((b) => [b.code, b.status])).toEqual([['G14', 'NOT_MET'], ['S01', 'NO_DATA']]);
  });

  test('a recorded disqualifying event makes it NOT_QUALIFIED whatever else holds', () => {
    const d = district();
    const r = evaluateDistrict({ ...d, ratings: [...d.ratings, { indicator: 'V03', met: false, note: 'key classes in J1', sources: [src('ratings', 'V03')] }] });
    expect(r.verdict).toBe('NOT_QUALIFIED');
    expect(r.blockers).toEqual([{ code: 'V03', status: 'NOT_MET', message: 'V03: disqualifying event recorded: designated key schools or key classes (key classes in J1)' }]);
  });

  test('a stage with a single school: CVs undefined, reported as NO_DATA with the reason', () => {
    const d = district();
    const r = evaluateDistrict({ ...d, schools: d.schools.filter((s) => s.code !== 'J2') });
    expect(r.verdict).toBe('INSUFFICIENT_DATA');
    const junior = r.resourceAllocation[1]!;
    expect(junior.spread[0]).toMatchObject({
      code: 'CV_R1', indicator: 'R1', stage: 'junior', limit: 0.45, schoolCount: 1, mean: null, cv: null, status: 'NO_DATA',
      reason: 'FEWER_THAN_TWO_SCHOOLS', message: 'CV of teachers with a degree above the legal minimum per 100 students (junior) undefined: fewer than two schools',
    });
    expect(r.blockers.map((b) => b.code)).toEqual(['CV_R1', 'CV_R2', 'CV_R3', 'CV_R4', 'CV_R5', 'CV_R6', 'CV_R7']);
  });

  test('missing teacher postings for a school: its rule and the R1–R3 spreads are NO_DATA', () => {
    const d = district();
    d.schools[0] = school('P1', { stages: [stage('primary', { teachers: null })] });
    const r = evaluateDistrict(d);
    expect(r.verdict).toBe('INSUFFICIENT_DATA');
    const spread = r.resourceAllocation[0]!.spread;
    expect(spread.map((s) => s.status)).toEqual(['NO_DATA', 'NO_DATA', 'NO_DATA', 'MET', 'MET', 'MET', 'MET']);
    expect(spread[0]).toMatchObject({ reason: 'MISSING_SCHOOL_DATA', missingSchools: ['P1'], cv: null });
    expect(r.blockers.filter((b) => b.schoolCode === 'P1').map((b) => b.code)).toEqual(['R1', 'R2', 'R3']);
  });

  test('school-level G indicators give one blocker per failing school', () => {
    const d = district();
    d.schools[0] = school('P1', { stages: [stage('primary', { maxClassSize: 48 })] });
    d.schools[2] = school('J1', { schoolType: 'junior', stages: [stage('junior', { maxClassSize: 56 })] });
    const r = evaluateDistrict(d);
    expect(r.blockers.map((b) => [b.code, b.schoolCode])).toEqual([['G05', 'P1'], ['G05', 'J1']]);
    expect(r.blockers[1]!.message).toBe('G05 Class size: at most 45 students in primary, 50 in junior: school School J1 (J1): largest junior class 56 > 50; needs its largest junior class reduced by 6 students (to 50)');
    const g05 = r.governmentGuarantee.find((g) => g.code === 'G05')!;
    expect(g05).toMatchObject({ status: 'NOT_MET', value: 2, threshold: 4, unit: 'schools' });
    expect(g05.shortfall?.amount).toBe(2);
  });

  test('the precondition is shown beside the verdict, not part of it', () => {
    expect(evaluateDistrict(district({ basicBalancePassedYear: 2021 })).precondition).toEqual({
      basicBalancePassedYear: 2021, met: true, message: 'passed basic balance in 2021: at least 3 years before 2024' });
    const late = evaluateDistrict(district({ basicBalancePassedYear: 2022 }));
    expect(late.precondition).toEqual({ basicBalancePassedYear: 2022, met: false, message: 'passed basic balance in 2022: fewer than 3 years before 2024; may apply from 2025' });
    expect(late.verdict).toBe('QUALIFIED');
    expect(evaluateDistrict(district({ basicBalancePassedYear: null })).precondition.met).toBeNull();
  });

  test('evidence names the inputs and their sources', () => {
    const r = evaluateDistrict(district());
    expect(r.resourceAllocation[1]!.spread[3]!.evidence).toEqual({
      inputs: { 'J1.value': 6, 'J1.students': 500, 'J2.value': 6, 'J2.students': 500 },
      sources: [src('schools', 'J1'), src('school_stats', 'S-junior'), src('schools', 'J2')],
    });
    const r5 = r.resourceAllocation[0]!.schoolRules[0]!.indicators[4]!;
    expect(r5.evidence).toEqual({
      inputs: { stage: 'primary', students: 500, sportsAreaM2: '5500' },
      sources: [src('schools', 'P1'), src('school_stats', 'S-primary')],
    });
    expect(r.governmentGuarantee.find((g) => g.code === 'G08')!.evidence.sources.map((s) => s.dataset)).toEqual(['teacher_postings', 'civil_servant_pay']);
  });

  test('JB2012 has no full verdict', () => {
    expect(() => evaluateDistrict(district(), 'JB2012')).toThrow(StandardNotApplicableError);
  });
});

describe('basicBalanceMonitoring (JB2012)', () => {
  test('seven CVs per stage and their composite against 0.65 / 0.55', () => {
    // Primary: P1, P2 and a teaching point of 500 students, identical except the teaching point's R4 area 1500 m²:
    // R4 = (6, 6, 3), equal weights: X̄ = 5, S² = (1 + 1 + 4) / 3 = 2, S = 1.414214, CV_R4 = 0.282843; the other CVs are 0
    // composite = 0.282843 / 7 = 0.040406
    const tp = school('TP', { schoolType: 'teaching_point', location: 'rural', stages: [stage('primary', { teachingAuxAreaM2: '1500' })] });
    const d: DistrictFacts = { ...district(), schools: [...district().schools, tp] };
    const r = basicBalanceMonitoring(d);
    expect(r).toMatchObject({ districtCode: '500106', year: 2024, standard: 'JB2012' });
    const primary = r.stages[0]!;
    expect(primary.cvs.map((c) => c.cv)).toEqual([0, 0, 0, 0.2828, 0, 0, 0]);
    expect(primary.cvs[3]).toEqual({ code: 'R4', stage: 'primary', cv: 0.2828, cvExact: '0.2828427124', mean: 5, schoolCount: 3 }); // √0.08, 10 places rounded down
    expect(primary).toMatchObject({ stage: 'primary', schoolCount: 3, composite: 0.0404, limit: 0.65, status: 'MET', met: true });
    expect(r.stages[1]).toMatchObject({ stage: 'junior', composite: 0, limit: 0.55, status: 'MET' });
  });

  test('composite undefined (NO_DATA) when any CV is undefined', () => {
    const d = district();
    const r = basicBalanceMonitoring({ ...d, schools: d.schools.filter((s) => s.code !== 'J2') });
    expect(r.stages[1]).toMatchObject({ composite: null, status: 'NO_DATA', met: null });
    expect(r.stages[1]!.cvs[0]).toMatchObject({ cv: null, reason: 'FEWER_THAN_TWO_SCHOOLS' });
  });

  test('composite above the limit: NOT_MET', () => {
    // Scale every count of P2 by 10 (same 500 students), so every indicator spreads the same way:
    const p2 = stage('primary', {
      teachingAuxAreaM2: '30000', sportsAreaM2: '55000', equipmentValueYuan: '15000000', multimediaRooms: 130,
      teachers: { total: 400, aboveMinimumDegree: 300, backboneCountyPlus: 60, peArts: 50 },
    });
    const d = district();
    d.schools[1] = school('P2', { stages: [p2] });
    const r = basicBalanceMonitoring(d);
    // X = (x, 10x), equal weights: X̄ = 5.5x, S = 4.5x, CV = 4.5 / 5.5 = 0.818182
    expect(r.stages[0]!.cvs.every((c) => c.cv === 0.8182)).toBe(true);
    expect(r.stages[0]).toMatchObject({ composite: 0.8182, status: 'NOT_MET', met: false });
  });
});
