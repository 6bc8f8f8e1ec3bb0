import * as engine1 from '../../../src/compliance';
import type { IndicatorResult, StageFacts } from '../../../src/compliance';
import { school, src, stage } from './fixtures';
import { inEnglish } from '../../helpers/english';

// The engine returns catalogue messages; these tests read them in English.
const { resourceIndicators } = inEnglish(engine1);

/** R1–R7 of a one-stage school with the given statistics. */
function rs(st: 'primary' | 'junior', over: Partial<StageFacts>): Record<string, IndicatorResult> {
  const s = school('S1', { schoolType: st === 'primary' ? 'primary' : 'junior', stages: [stage(st, over)] });
  return Object.fromEntries(resourceIndicators(s, st).map((r) => [r.code, r]));
}

const teachers = (t: Partial<NonNullable<StageFacts['teachers']>>) => ({ total: 40, aboveMinimumDegree: 30, backboneCountyPlus: 6, peArts: 5, ...t });

describe('R1 teachers above the minimum degree per 100 students (4.2 primary, 5.3 junior)', () => {
  test('21 teachers for 500 students is exactly 4.2: MET', () => {
    // 21 × 100 / 500 = 4.2
    const r = rs('primary', { teachers: teachers({ aboveMinimumDegree: 21 }) }).R1!;
    expect(r).toMatchObject({ status: 'MET', met: true, value: 4.2, threshold: 4.2, ratioToThreshold: 1, shortfall: null });
    expect(r.evidence.inputs).toMatchObject({ students: 500, teachersAboveMinimumDegree: 21, stage: 'primary' });
    expect(r.evidence.sources).toEqual([src('schools', 'S1'), src('school_stats', 'S-primary')]);
  });

  test('20 for 500 is 4.0: NOT_MET, needs 1 more', () => {
    // 20 × 100 / 500 = 4.0 < 4.2; ceil(4.2 × 500 / 100) − 20 = 21 − 20 = 1; ratio 4.0 / 4.2 = 0.9524
    const r = rs('primary', { teachers: teachers({ aboveMinimumDegree: 20 }) }).R1!;
    expect(r).toMatchObject({ status: 'NOT_MET', met: false, value: 4, threshold: 4.2, ratioToThreshold: 0.9524 });
    expect(r.shortfall).toEqual({ amount: 1, unit: 'teachers', description: 'needs 1 more teacher with a degree above the legal minimum' });
  });

  test('junior: 26 for 500 is 5.2 < 5.3, needs 1 (ceil 26.5 = 27 − 26)', () => {
    const r = rs('junior', { teachers: teachers({ aboveMinimumDegree: 26 }) }).R1!;
    expect(r).toMatchObject({ status: 'NOT_MET', value: 5.2, threshold: 5.3 });
    expect(r.shortfall?.amount).toBe(1);
  });

  test('no teacher postings (teachers null): NO_DATA for R1–R3, R4–R7 still computed', () => {
    const r = rs('primary', { teachers: null });
    for (const c of ['R1', 'R2', 'R3']) {
      expect(r[c]).toMatchObject({ status: 'NO_DATA', met: null, value: null, shortfall: null });
      expect(r[c]!.message).toMatch(/no teacher postings/);
    }
    for (const c of ['R4', 'R5', 'R6', 'R7']) expect(r[c]!.status).toBe('MET');
  });
});

describe('R2 backbone teachers of county level or above per 100 students (1.0)', () => {
  test('5 for 500 = 1.0 MET; 3 for 500 = 0.6 needs 2', () => {
    // 5 × 100 / 500 = 1.0; 3 × 100 / 500 = 0.6, ceil(1.0 × 5) − 3 = 2
    expect(rs('primary', { teachers: teachers({ backboneCountyPlus: 5 }) }).R2).toMatchObject({ status: 'MET', value: 1 });
    const r = rs('junior', { teachers: teachers({ backboneCountyPlus: 3 }) }).R2!;
    expect(r).toMatchObject({ status: 'NOT_MET', value: 0.6, threshold: 1 });
    expect(r.shortfall).toEqual({ amount: 2, unit: 'teachers', description: 'needs 2 more backbone teachers of county level or above' });
  });
});

describe('R3 PE and arts teachers per 100 students (0.9)', () => {
  test('9 for 1000 students is exactly 0.9: MET (doubles say 0.8999999999999999)', () => {
    expect(rs('primary', { students: 1000, teachers: teachers({ peArts: 9 }) }).R3).toMatchObject({ status: 'MET', value: 0.9 });
  });

  test('3 for 500 = 0.6: needs 2 more PE/arts teachers', () => {
    // 0.9 × 500 / 100 = 4.5 → ceil 5; 5 − 3 = 2
    const r = rs('primary', { teachers: teachers({ peArts: 3 }) }).R3!;
    expect(r.shortfall).toEqual({ amount: 2, unit: 'teachers', description: 'needs 2 more PE/arts teachers' });
    expect(r.message).toBe('0.6 < 0.9 teachers per 100 students; needs 2 more PE/arts teachers');
  });
});

describe('R4 teaching and auxiliary area per student (4.5 primary, 5.8 junior)', () => {
  test('2250 m² for 500 students is exactly 4.5: MET', () => {
    expect(rs('primary', { teachingAuxAreaM2: '2250' }).R4).toMatchObject({ status: 'MET', value: 4.5, threshold: 4.5 });
  });

  test('2249.50 m²: 4.499 < 4.5, needs 1 m² (0.5 rounded up)', () => {
    // 4.5 × 500 − 2249.50 = 0.5 → 1
    const r = rs('primary', { teachingAuxAreaM2: '2249.50' }).R4!;
    expect(r).toMatchObject({ status: 'NOT_MET', value: 4.499 });
    expect(r.shortfall).toEqual({ amount: 1, unit: 'm²', description: 'needs 1 m² more teaching and auxiliary space' });
  });

  test('junior: 2900 m² for 500 = 5.8 MET exactly', () => {
    expect(rs('junior', { teachingAuxAreaM2: '2900.00' }).R4).toMatchObject({ status: 'MET', value: 5.8, threshold: 5.8 });
  });
});

describe('R5 sports area per student (7.5 primary, 10.2 junior)', () => {
  test('3410 m² for 500 = 6.82 < 7.5: needs 340 m²', () => {
    // 7.5 × 500 = 3750; 3750 − 3410 = 340
    const r = rs('primary', { sportsAreaM2: '3410' }).R5!;
    expect(r).toMatchObject({ status: 'NOT_MET', value: 6.82, threshold: 7.5, ratioToThreshold: 0.9093 });
    expect(r.shortfall).toEqual({ amount: 340, unit: 'm²', description: 'needs 340 m² more sports area' });
  });

  test('junior: 5100 m² for 500 = 10.2 MET', () => {
    expect(rs('junior', { sportsAreaM2: '5100' }).R5).toMatchObject({ status: 'MET', value: 10.2 });
  });
});

describe('R6 equipment value per student (2000 primary, 2500 junior)', () => {
  test('816,000 yuan for 500 = 1632 < 2000: needs 184,000 yuan', () => {
    // 2000 × 500 = 1,000,000; 1,000,000 − 816,000 = 184,000
    const r = rs('primary', { equipmentValueYuan: '816000.00' }).R6!;
    expect(r).toMatchObject({ status: 'NOT_MET', value: 1632 });
    expect(r.shortfall).toEqual({ amount: 184000, unit: 'yuan', description: 'needs 184,000 yuan more teaching equipment' });
  });

  test('a cent short is one yuan short (rounded up to a whole yuan)', () => {
    // 2500 × 500 = 1,250,000; 1,250,000 − 1,249,999.99 = 0.01 → 1
    const r = rs('junior', { equipmentValueYuan: '1249999.99' }).R6!;
    expect(r.status).toBe('NOT_MET');
    expect(r.shortfall?.amount).toBe(1);
  });
});

describe('R7 multimedia classrooms per 100 students (2.3 primary, 2.4 junior)', () => {
  test('11 rooms for 500 = 2.2 < 2.3: needs 1 more multimedia classroom', () => {
    // 2.3 × 500 / 100 = 11.5 → ceil 12; 12 − 11 = 1
    const r = rs('primary', { multimediaRooms: 11 }).R7!;
    expect(r).toMatchObject({ status: 'NOT_MET', value: 2.2 });
    expect(r.shortfall).toEqual({ amount: 1, unit: 'classrooms', description: 'needs 1 more multimedia classroom' });
  });

  test('junior: 12 rooms for 500 = 2.4 MET exactly', () => {
    expect(rs('junior', { multimediaRooms: 12 }).R7).toMatchObject({ status: 'MET', value: 2.4 });
  });
});

describe('missing statistics', () => {
  test('no StageFacts for the stage: all seven NO_DATA', () => {
    const s = school('S1', { stages: [] });
    const r = resourceIndicators(s, 'primary');
    expect(r.map((x) => x.status)).toEqual(Array(7).fill('NO_DATA'));
    expect(r[0]!.message).toBe('no school statistics delivered for the primary stage');
  });

  test('0 students in the stage: NO_DATA, never a division by zero', () => {
    const s = school('S1', { stages: [stage('primary', { students: 0 })] });
    expect(resourceIndicators(s, 'primary').every((x) => x.status === 'NO_DATA')).toBe(true);
  });

  test('JB2012 has no per-school thresholds', () => {
    expect(() => resourceIndicators(school('S1'), 'primary', 'JB2012')).toThrow(/no per-school threshold/);
  });
});
