import * as engine1 from '../../../src/compliance';
import type { DistrictFacts, SchoolFacts } from '../../../src/compliance';
import * as engine2 from '../../../src/compliance/indicators';
import { district, school, schoolTeachers, src, stage, withTeachers } from './fixtures';
import { inEnglish } from '../../helpers/english';

// The engine returns catalogue messages; these tests read them in English.
const { STANDARDS } = inEnglish(engine1);
const { g01, g02, g03, g04, g05, g06, g07, g08, g09, g10, g11, g12, g13, g14, g15 } = inEnglish(engine2);

const YJ = STANDARDS.YJ2017;
const withSchools = (...schools: SchoolFacts[]): DistrictFacts => district({ schools });
const funds = (budget: string, benchmark = '800', training = '0') => ({ publicFundsBudgetYuan: budget, benchmarkPerStudentYuan: benchmark, teacherTrainingYuan: training, sources: [src('school_funds', 'x')] });

describe('rated guarantee indicators G01, G02, G10', () => {
  test.each([['G01', g01], ['G02', g02], ['G10', g10]] as const)('%s: rating decides; missing rating is NO_DATA', (code, fn) => {
    const met = fn(district({ ratings: [{ indicator: code, met: true, note: null, sources: [src('ratings', code)] }] }), YJ);
    expect(met).toMatchObject({ code, status: 'MET', met: true, value: null });
    expect(met.evidence.sources).toEqual([src('ratings', code)]);
    const not = fn(district({ ratings: [{ indicator: code, met: false, note: 'plan outdated', sources: [] }] }), YJ);
    expect(not).toMatchObject({ status: 'NOT_MET', met: false, message: 'rated not met by inspectors: plan outdated' });
    expect(fn(district({ ratings: [] }), YJ)).toMatchObject({ status: 'NO_DATA', met: null, message: 'no inspector rating recorded' });
  });
});

describe('G03 music and art rooms', () => {
  test('12 classes, 1 music room of 100 m², 1 art room of 95 m²: MET', () => {
    // rooms needed = max(1, ceil(12 / 12)) = 1 of each
    const r = g03(withSchools(school('A')), YJ);
    expect(r).toMatchObject({ status: 'MET', value: 1, threshold: 1, unit: 'schools' });
    expect(r.schools![0]).toMatchObject({ status: 'MET', value: 1, threshold: 1 });
  });

  test('13 classes need 2 of each: needs 1 more music room and 1 more art room', () => {
    // ceil(13 / 12) = 2; has 1 + 1 → 2 rooms short
    const r = g03(withSchools(school('A', { stages: [stage('primary', { classes: 13 })] })), YJ);
    expect(r.status).toBe('NOT_MET');
    expect(r.schools![0]!.shortfall).toEqual({ amount: 2, unit: 'rooms', description: 'needs 1 more music room and 1 more art room' });
    expect(r.evidence.inputs.failingSchools).toBe('A');
    expect(r.message).toMatch(/^1 of 1 schools fall short — School A \(A\)/);
  });

  test('an undersized music room (80 m² < 96 m²) fails', () => {
    const r = g03(withSchools(school('A', { stages: [stage('primary', { musicRoomMinAreaM2: '80' })] })), YJ);
    expect(r.schools![0]!.shortfall?.description).toBe('needs a music room of at least 96 m² (smallest is 80 m²)');
  });

  test('an art room of exactly 90 m² passes', () => {
    expect(g03(withSchools(school('A', { stages: [stage('primary', { artRoomMinAreaM2: '90.00' })] })), YJ).status).toBe('MET');
  });

  test('no rooms at all: needs 1 of each even with few classes', () => {
    const r = g03(withSchools(school('A', { stages: [stage('primary', { classes: 3, musicRooms: 0, artRooms: 0, musicRoomMinAreaM2: null, artRoomMinAreaM2: null })] })), YJ);
    expect(r.schools![0]!.shortfall?.amount).toBe(2);
  });

  test('nine-year school: classes and rooms summed over both stages', () => {
    // 12 + 12 = 24 classes → 2 of each; rooms 1 + 1 music, 1 + 1 art → MET
    expect(g03(withSchools(school('N', { schoolType: 'nine_year' })), YJ).status).toBe('MET');
  });

  test('rooms reported without their area: NO_DATA', () => {
    const r = g03(withSchools(school('A', { stages: [stage('primary', { musicRoomMinAreaM2: null })] })), YJ);
    expect(r).toMatchObject({ status: 'NO_DATA', met: null });
    expect(r.schools![0]!.message).toBe('music room area not delivered');
  });

  test('a failing school makes it NOT_MET even when another lacks data', () => {
    const r = g03(withSchools(school('A', { stages: [] }), school('B', { stages: [stage('primary', { classes: 13 })] })), YJ);
    expect(r.status).toBe('NOT_MET');
    expect(r.schools!.map((s) => [s.schoolCode, s.status])).toEqual([['B', 'NOT_MET'], ['A', 'NO_DATA']]);
  });
});

describe('G04 school size', () => {
  test('2000 students MET; 2001 NOT_MET, 1 over', () => {
    expect(g04(withSchools(school('A', { stages: [stage('primary', { students: 2000 })] })), YJ).status).toBe('MET');
    const r = g04(withSchools(school('A', { stages: [stage('primary', { students: 2001 })] })), YJ);
    expect(r.schools![0]).toMatchObject({ status: 'NOT_MET', value: 2001, threshold: 2000 });
    expect(r.schools![0]!.shortfall).toMatchObject({ amount: 1, unit: 'students' });
  });

  test('nine-year: 1300 + 1200 = 2500 MET; 1300 + 1201 = 2501 NOT_MET', () => {
    const nine = (j: number) => school('N', { schoolType: 'nine_year', stages: [stage('primary', { students: 1300 }), stage('junior', { students: j })] });
    expect(g04(withSchools(nine(1200)), YJ).status).toBe('MET');
    expect(g04(withSchools(nine(1201)), YJ).schools![0]).toMatchObject({ status: 'NOT_MET', value: 2501, threshold: 2500 });
  });

  test('missing statistics: NO_DATA', () => {
    expect(g04(withSchools(school('A', { stages: [] })), YJ).status).toBe('NO_DATA');
  });
});

describe('G05 class size', () => {
  test('primary 45 MET, 46 NOT_MET by 1; junior 50 MET', () => {
    expect(g05(withSchools(school('A', { stages: [stage('primary', { maxClassSize: 45 })] })), YJ).status).toBe('MET');
    expect(g05(withSchools(school('J', { schoolType: 'junior', stages: [stage('junior', { maxClassSize: 50 })] })), YJ).status).toBe('MET');
    const r = g05(withSchools(school('A', { stages: [stage('primary', { maxClassSize: 46 })] })), YJ);
    expect(r.schools![0]).toMatchObject({ status: 'NOT_MET', value: 46, threshold: 45 });
    expect(r.schools![0]!.shortfall).toEqual({ amount: 1, unit: 'students', description: 'needs its largest primary class reduced by 1 student (to 45)' });
  });

  test('nine-year: primary 45 fine, junior 51 over the 50 limit', () => {
    const r = g05(withSchools(school('N', { schoolType: 'nine_year', stages: [stage('primary', { maxClassSize: 45 }), stage('junior', { maxClassSize: 51 })] })), YJ);
    expect(r.schools![0]).toMatchObject({ status: 'NOT_MET', value: 51, threshold: 50 });
  });
});

describe('G06 small rural schools funded as 100 students', () => {
  const rural = (students: number, f: SchoolFacts['funds'], over: Partial<SchoolFacts> = {}) =>
    school('R', { location: 'rural', stages: [stage('primary', { students })], funds: f, ...over });

  test('80 students, benchmark 800: budget must be ≥ 800 × 100 = 80,000', () => {
    expect(g06(withSchools(rural(80, funds('80000.00'))), YJ)).toMatchObject({ status: 'MET', value: 1, threshold: 1 });
    // 80,000 − 79,000.50 = 999.50 → 1000 yuan
    const r = g06(withSchools(rural(80, funds('79000.50'))), YJ);
    expect(r.status).toBe('NOT_MET');
    expect(r.schools![0]).toMatchObject({ value: 79000.5, threshold: 80000 });
    expect(r.schools![0]!.shortfall).toEqual({ amount: 1000, unit: 'yuan', description: 'needs 1,000 yuan more public funds' });
  });

  test('a teaching point in town counts too; 100 students or private schools do not', () => {
    const tp = school('T', { schoolType: 'teaching_point', location: 'town', stages: [stage('primary', { students: 30 })], funds: funds('1000') });
    expect(g06(withSchools(tp), YJ).status).toBe('NOT_MET');
    const r = g06(withSchools(rural(100, funds('1')), rural(50, funds('1'), { ownership: 'private' })), YJ);
    expect(r).toMatchObject({ status: 'MET', threshold: 0 });
  });

  test('funds missing: NO_DATA; statistics missing: NO_DATA (size unknown)', () => {
    expect(g06(withSchools(rural(80, null)), YJ).status).toBe('NO_DATA');
    expect(g06(withSchools(school('R', { location: 'rural', stages: [] })), YJ).status).toBe('NO_DATA');
  });
});

describe('G07 special-education schools ≥ 6000 yuan per student', () => {
  const special = (budget: string | null, students = 60) =>
    school('SP', { schoolType: 'special', stages: [stage('primary', { students })], funds: budget === null ? null : funds(budget) });

  test('60 students and 360,000 yuan is exactly 6000: MET', () => {
    expect(g07(withSchools(special('360000')), YJ)).toMatchObject({ status: 'MET' });
  });

  test('359,999.99 yuan: NOT_MET, needs 1 yuan', () => {
    expect(g07(withSchools(special('359999.99')), YJ).schools![0]!.shortfall?.amount).toBe(1);
  });

  test('no funds: NO_DATA; no special school: MET with a message', () => {
    expect(g07(withSchools(special(null)), YJ).status).toBe('NO_DATA');
    expect(g07(withSchools(school('A')), YJ)).toMatchObject({ status: 'MET', message: 'no public special-education school in the district' });
  });
});

describe('G08 teacher pay ≥ civil servants', () => {
  test('24,000,000 / 200 = 120,000 ≥ 110,000: MET', () => {
    expect(g08(district(), YJ)).toMatchObject({ status: 'MET', value: 120000, threshold: 110000 });
  });

  test('21,000,000 / 200 = 105,000 < 110,000: needs 1,000,000 in total, 5,000 per teacher', () => {
    const d = district();
    const r = g08(withTeachers(d, { payTotalYuan: '21000000.00' }), YJ);
    expect(r).toMatchObject({ status: 'NOT_MET', value: 105000, ratioToThreshold: 0.9545 });
    expect(r.shortfall).toEqual({ amount: 1000000, unit: 'yuan', description: 'needs 1,000,000 yuan more teacher pay a year (5,000 yuan per teacher)' });
  });

  test('missing civil-servant pay or postings: NO_DATA', () => {
    expect(g08(district({ civilServantPay: null }), YJ).status).toBe('NO_DATA');
    expect(g08(withTeachers(district(), {}), YJ).status).toBe('MET');
    const none = district();
    expect(g08({ ...none, schools: none.schools.map((x) => ({ ...x, teachers: null })) }, YJ).status).toBe('NO_DATA');
  });
});

describe('G09 360 training hours: 100%', () => {
  test('200 of 200 MET; 190 of 200 = 95% needs 10', () => {
    expect(g09(district(), YJ)).toMatchObject({ status: 'MET', value: 1, threshold: 1 });
    const d = district();
    const r = g09(withTeachers(d, { trainingCompleted360: 190 }), YJ);
    expect(r).toMatchObject({ status: 'NOT_MET', value: 0.95 });
    expect(r.shortfall).toEqual({ amount: 10, unit: 'teachers', description: 'needs 10 more teachers to complete 360 training hours' });
  });
});

describe('G11 rotation ≥ 10% of eligible, backbone ≥ 20% of rotated', () => {
  const rot = (eligible: number, rotated: number, backbone: number) => {
    const d = district();
    return g11(withTeachers(d, { rotationEligible: eligible, rotated, rotatedBackboneCountyPlus: backbone }), YJ);
  };

  test('10 of 100 rotated, 2 of 10 backbone: exactly 10% and 20%, MET', () => {
    expect(rot(100, 10, 2)).toMatchObject({ status: 'MET', value: 0.1, threshold: 0.1 });
  });

  test('9 of 100 rotated: needs 1 more', () => {
    // ceil(0.1 × 100) − 9 = 1; backbone 2 of 10 = 20% then holds
    expect(rot(100, 9, 2).shortfall).toEqual({ amount: 1, unit: 'teachers', description: 'needs 1 more teacher rotated' });
  });

  test('1 backbone of 10 rotated: needs 2 more rotations, both backbone', () => {
    // x ≥ (0.2 × 10 − 1) / 0.8 = 1.25 → 2; backbone needed ceil(0.2 × 12) − 1 = 2 → 3 of 12 = 25%
    const r = rot(100, 10, 1);
    expect(r).toMatchObject({ status: 'NOT_MET', met: false });
    expect(r.evidence.inputs.backboneShareOfRotated).toBe(0.1);
    expect(r.shortfall).toEqual({ amount: 2, unit: 'teachers', description: 'needs 2 more teachers rotated, at least 2 of them backbone teachers of county level or above' });
  });

  test('nobody eligible: NO_DATA', () => {
    expect(rot(0, 0, 0).status).toBe('NO_DATA');
  });
});

describe('G12 certified teachers: 100%', () => {
  test('199 of 200: needs 1', () => {
    const d = district();
    const r = g12(withTeachers(d, { certified: 199 }), YJ);
    expect(r).toMatchObject({ status: 'NOT_MET', value: 0.995 });
    expect(r.shortfall?.amount).toBe(1);
  });
});

describe('G13 catchment enrolment: primary 100%, junior ≥ 95%', () => {
  const edu = (p: string | null, j: string | null) => ({ ...district().education!, catchmentRatePrimary: p, catchmentRateJunior: j });

  test('1.0000 and 0.9500: MET', () => {
    expect(g13(district({ education: edu('1.0000', '0.9500') }), YJ).status).toBe('MET');
  });

  test('primary 99.5%: NOT_MET by 0.5 percentage points', () => {
    const r = g13(district({ education: edu('0.9950', '0.97') }), YJ);
    expect(r).toMatchObject({ status: 'NOT_MET', value: 0.995, threshold: 1 });
    expect(r.shortfall).toEqual({ amount: 0.5, unit: 'percentage points', description: 'primary catchment enrolment needs 0.5 percentage points more' });
  });

  test('missing rate with an urban public day school: NO_DATA', () => {
    expect(g13(district({ education: edu(null, '0.97') }), YJ).status).toBe('NO_DATA');
  });

  test('no urban/town public day school and no rates: holds vacuously', () => {
    const d = district({ education: edu(null, null), schools: [school('R', { location: 'rural' }), school('B', { boarding: true })] });
    expect(g13(d, YJ)).toMatchObject({ status: 'MET', message: 'no urban or town public day school in the district' });
  });
});

describe('G14 quota allocation ≥ 50%', () => {
  test('0.5 MET exactly; 0.4820 needs 1.8 points; null NO_DATA', () => {
    const e = (v: string | null) => district({ education: { ...district().education!, qualityHsQuotaRate: v } });
    expect(g14(e('0.5'), YJ).status).toBe('MET');
    expect(g14(e('0.4820'), YJ).shortfall).toMatchObject({ amount: 1.8, unit: 'percentage points' });
    expect(g14(e(null), YJ).status).toBe('NO_DATA');
  });
});

describe('G15 migrant children ≥ 85% and left-behind care', () => {
  const e = (v: string | null, ratings: DistrictFacts['ratings'] = []) => district({ education: { ...district().education!, migrantPublicRate: v }, ratings });

  const cared = [{ indicator: 'G15', met: true, note: null, sources: [] }];

  test('with care rated met: 0.85 MET exactly; 0.84 NOT_MET; null NO_DATA', () => {
    expect(g15(e('0.85', cared), YJ).status).toBe('MET');
    expect(g15(e('0.84', cared), YJ).status).toBe('NOT_MET');
    expect(g15(e(null, cared), YJ).status).toBe('NO_DATA');
  });

  test('without a left-behind-care rating G15 is no data, never a pass (DOMAIN §2.3)', () => {
    // The rate alone used to pass G15; the care half is an inspector's rating, and its absence is missing data.
    const r = g15(e('0.85'), YJ);
    expect(r).toMatchObject({ status: 'NO_DATA', met: null, value: null });
    expect(r.message).toMatch(/left-behind child care: no inspector rating recorded$/);
    expect(r.evidence.inputs).toMatchObject({ migrantPublicRate: '0.85', leftBehindCareRating: null });
    expect(g15(e(null), YJ).status).toBe('NO_DATA');
    // a failing rate is a failure whatever the missing rating would say
    expect(g15(e('0.8499'), YJ)).toMatchObject({ status: 'NOT_MET', met: false });
  });

  test('a G15 rating of false fails it whatever the rate (and even without the rate)', () => {
    const bad = [{ indicator: 'G15', met: false, note: 'no care system', sources: [] }];
    expect(g15(e('0.95', bad), YJ)).toMatchObject({ status: 'NOT_MET', met: false });
    expect(g15(e(null, bad), YJ)).toMatchObject({ status: 'NOT_MET', met: false });
    expect(g15(e('0.95', [{ indicator: 'G15', met: true, note: null, sources: [] }]), YJ).status).toBe('MET');
  });
});

describe('whose teachers G08, G09, G11 and G12 count (DOMAIN §2.3)', () => {
  // P1 public, P2 private, J1 public, J2 public teaching nothing counted: a special school and a small teaching point.
  const facts = (over: { p2?: Partial<SchoolFacts>; extra?: SchoolFacts[] } = {}) => district({
    schools: [
      school('P1', { teachers: schoolTeachers('P1', { teachers: 100, fullTime: 100, payTotalYuan: '12000000.00', trainingCompleted360: 100, certifiedFullTime: 100, rotationEligible: 50, rotated: 5, rotatedBackboneCountyPlus: 1 }) }),
      school('P2', { ownership: 'private', teachers: schoolTeachers('P2', { teachers: 100, fullTime: 90, payTotalYuan: '8000000.00', trainingCompleted360: 80, certifiedFullTime: 85, rotationEligible: 50, rotated: 0, rotatedBackboneCountyPlus: 0 }), ...over.p2 }),
      school('J1', { schoolType: 'junior', teachers: null }),
      school('J2', { schoolType: 'junior', teachers: null }),
      ...(over.extra ?? []),
    ],
  });

  test('G08 averages the public schools\' teachers only: 12,000,000 / 100, not 20,000,000 / 200', () => {
    // with the private school's lower pay the district average would be 100,000 < 110,000
    const r = g08(facts(), YJ);
    expect(r).toMatchObject({ status: 'MET', value: 120000, threshold: 110000 });
    expect(r.evidence.inputs).toMatchObject({ teachers: 100, payTotalYuan: '12000000.00' });
  });

  test('G11 counts the public schools\' rotations only: 5 of 50, not 5 of 100', () => {
    expect(g11(facts(), YJ)).toMatchObject({ status: 'MET', value: 0.1 });
    expect(g11(facts(), YJ).evidence.inputs).toMatchObject({ rotationEligible: 50, rotated: 5, rotatedBackboneCountyPlus: 1 });
  });

  test('G09 counts every teacher of the schools in scope, public and private: 180 of 200', () => {
    const r = g09(facts(), YJ);
    expect(r).toMatchObject({ status: 'NOT_MET', value: 0.9 });
    expect(r.evidence.inputs).toMatchObject({ teachers: 200, trainingCompleted360: 180 });
    expect(r.shortfall?.amount).toBe(20);
  });

  test('G12 counts full-time teachers only, public and private: 185 certified of 190 full-time', () => {
    // 10 of the private school's teachers are not full-time (专任): neither numerator nor denominator
    const r = g12(facts(), YJ);
    expect(r).toMatchObject({ status: 'NOT_MET', value: 0.9737 });
    expect(r.evidence.inputs).toMatchObject({ teachers: 190, certified: 185 });
    expect(r.shortfall?.amount).toBe(5);
    // every full-time teacher certified: MET, whatever the others hold
    const ok = facts({ p2: { teachers: schoolTeachers('P2', { teachers: 100, fullTime: 90, certifiedFullTime: 90 }) } });
    expect(g12(ok, YJ)).toMatchObject({ status: 'MET', value: 1 });
  });

  test('G12 with postings but no full-time teacher is no data', () => {
    const none = district({ schools: [school('P1', { teachers: schoolTeachers('P1', { fullTime: 0, certifiedFullTime: 0 }) })] });
    expect(g12(none, YJ).status).toBe('NO_DATA');
  });

  test('teachers of schools out of scope (special schools, teaching points under 50) count in none of them', () => {
    const outside = schoolTeachers('X', { teachers: 1000, fullTime: 1000, payTotalYuan: '1000.00', trainingCompleted360: 0, certifiedFullTime: 0, rotationEligible: 1000, rotated: 0 });
    const d = facts({
      extra: [
        school('SP', { schoolType: 'special', teachers: outside }),
        school('TP', { schoolType: 'teaching_point', stages: [stage('primary', { students: 49 })], teachers: outside }),
      ],
    });
    expect(g08(d, YJ)).toMatchObject({ status: 'MET', value: 120000 });
    expect(g09(d, YJ).evidence.inputs).toMatchObject({ teachers: 200 });
    expect(g11(d, YJ).evidence.inputs).toMatchObject({ rotationEligible: 50 });
    expect(g12(d, YJ).evidence.inputs).toMatchObject({ teachers: 190 });
    // a teaching point of 50 counts as a primary school, and its teachers count
    const tp50 = facts({ extra: [school('TP', { schoolType: 'teaching_point', stages: [stage('primary', { students: 50 })], teachers: schoolTeachers('TP', { teachers: 4, fullTime: 4, trainingCompleted360: 4, certifiedFullTime: 4 }) })] });
    expect(g09(tp50, YJ).evidence.inputs).toMatchObject({ teachers: 204 });
  });

  test('one source per delivery, naming the rows aggregated', () => {
    const r = g09(facts(), YJ);
    expect(r.evidence.sources).toHaveLength(1);
    expect(r.evidence.sources[0]).toMatchObject({ dataset: 'teacher_postings', rowKey: 'teacher_postings 500106/2024/* ×200' });
  });
});
