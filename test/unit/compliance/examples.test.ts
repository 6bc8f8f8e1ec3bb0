/** The worked examples of docs/evaluation.md §12, so the documentation cannot drift from the engine. */
import * as engine1 from '../../../src/compliance';
import * as engine2 from '../../../src/compliance/indicators';
import { district, school, src, stage } from './fixtures';
import { inEnglish } from '../../helpers/english';

// The engine returns catalogue messages; these tests read them in English.
const { evaluateDistrict, schoolRule, STANDARDS, weightedCv } = inEnglish(engine1);
const { q09 } = inEnglish(engine2);

test('Example 1: Xishan Primary, one school one plan', () => {
  const s = school('500106001', { name: 'Xishan Primary', stages: [stage('primary', {
    students: 500, teachers: { total: 35, aboveMinimumDegree: 20, backboneCountyPlus: 5, peArts: 3 },
    teachingAuxAreaM2: '2300', sportsAreaM2: '3410', equipmentValueYuan: '1100000', multimediaRooms: 12,
  })] });
  const r = schoolRule(s, 'primary');
  expect(r.indicators.map((i) => [i.code, i.value, i.threshold, i.ratioToThreshold, i.status])).toEqual([
    ['R1', 4, 4.2, 0.9524, 'NOT_MET'], ['R2', 1, 1, 1, 'MET'], ['R3', 0.6, 0.9, 0.6667, 'NOT_MET'], ['R4', 4.6, 4.5, 1.0222, 'MET'],
    ['R5', 6.82, 7.5, 0.9093, 'NOT_MET'], ['R6', 2200, 2000, 1.1, 'MET'], ['R7', 2.4, 2.3, 1.0435, 'MET'],
  ]);
  expect(r).toMatchObject({ status: 'NOT_MET', indicatorsMet: 4, message: '3 of 7 indicators below the threshold (R1, R3 and R5); at most 1 allowed' });
  expect(r.failing.map((i) => i.shortfall?.description)).toEqual([
    'needs 1 more teacher with a degree above the legal minimum', 'needs 2 more PE/arts teachers', 'needs 340 m² more sports area',
  ]);
});

test('Example 2: CV_R5 with a teaching point of 60 and one of 40 students', () => {
  // The weighted CV itself
  const cv = weightedCv([{ value: '8', students: 600 }, { value: '7.5', students: 400 }, { value: '6.5', students: 60 }]);
  expect(cv.status === 'DEFINED' && [cv.mean, cv.stdDev, cv.cv].map((x) => Math.round(x * 1e4) / 1e4)).toEqual([7.7264, 0.3832, 0.0496]);
  // The same through the district evaluation (D, 40 students, left out)
  const d = district();
  d.schools = [
    school('A', { stages: [stage('primary', { students: 600, sportsAreaM2: '4800' })] }),
    school('B', { stages: [stage('primary', { students: 400, sportsAreaM2: '3000' })] }),
    school('C', { schoolType: 'teaching_point', location: 'rural', stages: [stage('primary', { students: 60, sportsAreaM2: '390' })] }),
    school('D', { schoolType: 'teaching_point', location: 'rural', stages: [stage('primary', { students: 40, sportsAreaM2: '100' })] }),
    ...d.schools.slice(2),
  ];
  const r = evaluateDistrict(d);
  expect(r.resourceAllocation[0]!.spread.find((s) => s.code === 'CV_R5')).toMatchObject({ cv: 0.0496, mean: 7.7264, schoolCount: 3, status: 'MET' });
  expect(r.resourceAllocation[0]!.schoolRules.find((s) => s.schoolCode === 'C')!.failing[0]).toMatchObject({ code: 'R5', ratioToThreshold: 0.8667 });
});

test('Example 2: Q09 mathematics', () => {
  const row = (schoolCode: string, n: number, mean: string, variance: string, l3: string) =>
    ({ schoolCode, subject: 'mathematics', grade: 8, studentsTested: n, meanScore: mean, scoreVariance: variance, level3PlusRate: l3, sources: [src('quality_monitoring', schoolCode)] });
  const r = q09(district({ qualityMonitoring: [row('A', 100, '480', '1000', '0.50'), row('B', 300, '520', '2000', '0.70')] }), STANDARDS.YJ2017);
  expect(r).toMatchObject({ status: 'MET', value: 0.1463 });
  expect(r.evidence.inputs['mathematics/8.level3PlusShare']).toBe(0.65);
});
