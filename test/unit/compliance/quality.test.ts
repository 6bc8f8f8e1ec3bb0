import * as engine1 from '../../../src/compliance';
import type { DistrictFacts, QualityMonitoringFacts } from '../../../src/compliance';
import * as engine2 from '../../../src/compliance/indicators';
import { district, school, src } from './fixtures';
import { inEnglish } from '../../helpers/english';

// The engine returns catalogue messages; these tests read them in English.
const { STANDARDS } = inEnglish(engine1);
const { q01, q02, q03, q04, q05, q06, q07, q08, q09, s01, v01, v02, v03 } = inEnglish(engine2);

const YJ = STANDARDS.YJ2017;

describe('Q01 junior retention ≥ 95%, Q02 disabled enrolment ≥ 95%', () => {
  const e = (over: Partial<NonNullable<DistrictFacts['education']>>) => district({ education: { ...district().education!, ...over } });

  test('Q01: 0.95 MET exactly; 0.9499 NOT_MET by 0.01 points; null NO_DATA', () => {
    expect(q01(e({ juniorRetentionRate: '0.9500' }), YJ)).toMatchObject({ status: 'MET', value: 0.95, threshold: 0.95 });
    // 0.95 − 0.9499 = 0.0001 = 0.01 percentage points
    expect(q01(e({ juniorRetentionRate: '0.9499' }), YJ).shortfall).toEqual({
      amount: 0.01, unit: 'percentage points', description: 'junior three-year retention needs 0.01 percentage points more',
    });
    expect(q01(e({ juniorRetentionRate: null }), YJ).status).toBe('NO_DATA');
    expect(q01(district({ education: null }), YJ).status).toBe('NO_DATA');
  });

  test('Q02: 0.96 MET; 0.90 NOT_MET by 5 points', () => {
    expect(q02(district(), YJ).status).toBe('MET');
    expect(q02(e({ disabledEnrolmentRate: '0.90' }), YJ).shortfall?.amount).toBe(5);
    expect(q02(e({ disabledEnrolmentRate: null }), YJ).status).toBe('NO_DATA');
  });
});

describe('rated quality indicators Q03, Q05–Q08', () => {
  test.each([['Q03', q03], ['Q05', q05], ['Q06', q06], ['Q07', q07], ['Q08', q08]] as const)('%s', (code, fn) => {
    expect(fn(district({ ratings: [{ indicator: code, met: true, note: null, sources: [] }] }), YJ).status).toBe('MET');
    expect(fn(district({ ratings: [{ indicator: code, met: false, note: null, sources: [] }] }), YJ).status).toBe('NOT_MET');
    expect(fn(district({ ratings: [] }), YJ).status).toBe('NO_DATA');
  });
});

describe('Q04 teacher training ≥ 5% of the public-funds budget, every public school', () => {
  const withFunds = (training: string, over = {}) =>
    district({ schools: [school('A', { funds: { publicFundsBudgetYuan: '400000', benchmarkPerStudentYuan: '800', teacherTrainingYuan: training, sources: [src('school_funds', 'A')] }, ...over })] });

  test('20,000 of 400,000 is exactly 5%: MET', () => {
    const r = q04(withFunds('20000.00'), YJ);
    expect(r).toMatchObject({ status: 'MET' });
    expect(r.schools![0]).toMatchObject({ value: 0.05, threshold: 0.05 });
    expect(r.evidence.sources).toContainEqual(src('school_funds', 'A'));
  });

  test('19,999.99: NOT_MET, needs 1 yuan (0.01 rounded up)', () => {
    const r = q04(withFunds('19999.99'), YJ);
    expect(r.status).toBe('NOT_MET');
    expect(r.schools![0]!.shortfall).toEqual({ amount: 1, unit: 'yuan', description: 'needs 1 yuan more for teacher training' });
  });

  test('funds not delivered: NO_DATA; private schools are not checked', () => {
    expect(q04(district({ schools: [school('A', { funds: null })] }), YJ).status).toBe('NO_DATA');
    expect(q04(withFunds('0', { ownership: 'private' }), YJ)).toMatchObject({ status: 'MET', message: 'no public school in the district' });
  });
});

describe('Q09 quality monitoring: between-school difference rate < 0.15', () => {
  const row = (schoolCode: string, subject: string, n: number, mean: string, variance: string, l3: string, grade = 8): QualityMonitoringFacts =>
    ({ schoolCode, subject, grade, studentsTested: n, meanScore: mean, scoreVariance: variance, level3PlusRate: l3, sources: [src('quality_monitoring', `${schoolCode}/${subject}`)] });

  test('the fixture: means 500 and 510, variance 2500 each, 100 students each', () => {
    // N = 200, grand mean 505; between = (100·25 + 100·25) / 200 = 25; within = 2500
    // difference rate = 25 / 2525 = 0.0099; level III+ = (100·0.80 + 100·0.70) / 200 = 0.75
    const r = q09(district(), YJ);
    expect(r).toMatchObject({ status: 'MET', value: 0.0099, threshold: 0.15 });
    expect(r.evidence.inputs).toMatchObject({ subjects: 'math/8', 'math/8.differenceRate': 0.0099, 'math/8.level3PlusShare': 0.75, 'math/8.studentsTested': 200, 'math/8.schools': 2 });
  });

  test('a difference rate of exactly 0.15 is not "below 0.15"', () => {
    // means 490 and 520 (d = 30), 100 students each: between = 100·100·30² / 200² = 225
    // variance 1275 each: within = 1275; rate = 225 / 1500 = 0.15 → NOT_MET
    const at = [row('A', 'math', 100, '490', '1275', '0.6'), row('B', 'math', 100, '520', '1275', '0.7')];
    const r = q09(district({ qualityMonitoring: at }), YJ);
    expect(r).toMatchObject({ status: 'NOT_MET', value: 0.15 });
    expect(r.shortfall).toMatchObject({ amount: 0.0001, unit: 'difference rate' });
    // variance 1276: 225 / 1501 = 0.1499 → MET
    const below = [row('A', 'math', 100, '490', '1276', '0.6'), row('B', 'math', 100, '520', '1276', '0.7')];
    expect(q09(district({ qualityMonitoring: below }), YJ)).toMatchObject({ status: 'MET', value: 0.1499 });
  });

  test('every subject must pass; the worst is reported', () => {
    // chinese: means 450 and 550, variance 2500: between = 100·100·100² / 200² = 2500; rate = 2500 / 5000 = 0.5
    const rows = [...district().qualityMonitoring, row('J1', 'chinese', 100, '450', '2500', '0.5'), row('J2', 'chinese', 100, '550', '2500', '0.9')];
    const r = q09(district({ qualityMonitoring: rows }), YJ);
    expect(r).toMatchObject({ status: 'NOT_MET', value: 0.5 });
    expect(r.evidence.inputs).toMatchObject({ subjects: 'chinese/8, math/8', 'chinese/8.differenceRate': 0.5, 'chinese/8.level3PlusShare': 0.7 });
    expect(r.shortfall?.description).toBe('chinese/8 difference rate must fall by 0.35 to below 0.15');
  });

  test('unequal weights', () => {
    // n = (100, 300), means (480, 520), variances (1000, 2000)
    // grand = (48000 + 156000) / 400 = 510; between = (100·900 + 300·100) / 400 = 300
    // within = (100·1000 + 300·2000) / 400 = 1750; rate = 300 / 2050 = 0.146341
    const rows = [row('A', 'math', 100, '480', '1000', '0.5'), row('B', 'math', 300, '520', '2000', '0.7')];
    expect(q09(district({ qualityMonitoring: rows }), YJ)).toMatchObject({ status: 'MET', value: 0.1463 });
  });

  test('judged per subject and grade: two grades that pass apart are not pooled into a failure', () => {
    // grade 4: means 480 and 490; grade 8: means 520 and 530 (variance 400 each, 100 students each).
    // Apart: between = 25, within = 400 → 25 / 425 = 0.0588 each, MET. Pooled (the old reading), the four schools
    // would have grand mean 505, between = (625 + 225 + 225 + 625) / 4 = 425, rate 425 / 825 = 0.5152: NOT_MET.
    const rows = [row('P1', 'math', 100, '480', '400', '0.5', 4), row('P2', 'math', 100, '490', '400', '0.6', 4),
      row('J1', 'math', 100, '520', '400', '0.7', 8), row('J2', 'math', 100, '530', '400', '0.8', 8)];
    const r = q09(district({ qualityMonitoring: rows }), YJ);
    expect(r).toMatchObject({ status: 'MET', value: 0.0588 });
    expect(r.evidence.inputs).toMatchObject({ subjects: 'math/4, math/8', 'math/4.schools': 2, 'math/8.schools': 2, 'math/4.level3PlusShare': 0.55, 'math/8.level3PlusShare': 0.75 });
  });

  test('a grade that fails fails Q09 even when the same subject passes in the other grade', () => {
    // grade 4 at exactly 0.15 (means 490/520, variance 1275): NOT_MET; grade 8 the fixture's 0.0099
    const rows = [...district().qualityMonitoring, row('P1', 'math', 100, '490', '1275', '0.6', 4), row('P2', 'math', 100, '520', '1275', '0.7', 4)];
    const r = q09(district({ qualityMonitoring: rows }), YJ);
    expect(r).toMatchObject({ status: 'NOT_MET', value: 0.15 });
    expect(r.shortfall?.description).toBe('math/4 difference rate must fall by 0.0001 to below 0.15');
  });

  test('a nine-year school counts in both grades, each with its own rows', () => {
    // N1 (nine-year) tested in grades 4 and 8; with one other school per grade each grade has two schools
    const rows = [row('N1', 'math', 50, '500', '900', '0.6', 4), row('P1', 'math', 50, '500', '900', '0.6', 4),
      row('N1', 'math', 60, '500', '900', '0.6', 8), row('J1', 'math', 60, '506', '900', '0.7', 8)];
    const r = q09(district({ qualityMonitoring: rows }), YJ);
    // grade 4: equal means → between 0 → rate 0; grade 8: between = 3² = 9, rate 9 / 909 = 0.0099
    expect(r.evidence.inputs).toMatchObject({ 'math/4.schools': 2, 'math/4.differenceRate': 0, 'math/8.schools': 2, 'math/8.differenceRate': 0.0099 });
    expect(r).toMatchObject({ status: 'MET', value: 0.0099 });
  });

  test('a grade without usable results is NO_DATA unless another grade fails', () => {
    const rows = [...district().qualityMonitoring, row('P1', 'math', 0, '0', '0', '0', 4)];
    expect(q09(district({ qualityMonitoring: rows }), YJ)).toMatchObject({ status: 'NO_DATA', message: 'no usable results (no tested students or no score variance) for math/4' });
  });

  test('no monitoring results: NO_DATA; a subject with no tested students: NO_DATA', () => {
    expect(q09(district({ qualityMonitoring: [] }), YJ).status).toBe('NO_DATA');
    const rows = [...district().qualityMonitoring, row('J1', 'science', 0, '0', '0', '0')];
    expect(q09(district({ qualityMonitoring: rows }), YJ).status).toBe('NO_DATA');
  });
});

describe('S01 social recognition ≥ 85%', () => {
  test('850 of 1000 MET exactly; 849 needs 1 more; no survey NO_DATA', () => {
    const s = (satisfied: number) => district({ survey: { respondents: 1000, satisfied, sources: [src('surveys', 'x')] } });
    expect(s01(s(850), YJ)).toMatchObject({ status: 'MET', value: 0.85, threshold: 0.85 });
    expect(s01(s(849), YJ).shortfall).toEqual({ amount: 1, unit: 'respondents', description: 'needs 1 more satisfied respondent out of 1,000' });
    expect(s01(district({ survey: null }), YJ).status).toBe('NO_DATA');
  });
});

describe('vetoes V01–V03 (一票否决)', () => {
  test.each([['V01', v01], ['V02', v02], ['V03', v03]] as const)('%s: met=false means the event occurred', (code, fn) => {
    expect(fn(district({ ratings: [] }), YJ)).toMatchObject({ status: 'MET', met: true, message: 'no event recorded' });
    expect(fn(district({ ratings: [{ indicator: code, met: true, note: null, sources: [] }] }), YJ)).toMatchObject({ status: 'MET' });
    const r = fn(district({ ratings: [{ indicator: code, met: false, note: 'found in 2 schools', sources: [src('ratings', code)] }] }), YJ);
    expect(r).toMatchObject({ status: 'NOT_MET', met: false });
    expect(r.message).toMatch(/^disqualifying event recorded: .* \(found in 2 schools\)$/);
    expect(r.evidence.sources).toEqual([src('ratings', code)]);
  });
});
