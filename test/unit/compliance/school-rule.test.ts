import * as engine1 from '../../../src/compliance';
import type { StageFacts } from '../../../src/compliance';
import { school, stage } from './fixtures';
import { inEnglish } from '../../helpers/english';

// The engine returns catalogue messages; these tests read them in English.
const { schoolRule } = inEnglish(engine1);

// The fixture's stage (500 students) meets all seven primary thresholds:
// R1 6, R2 1.2, R3 1.0, R4 6, R5 11, R6 3000, R7 2.6.
function rule(over: Partial<StageFacts>, st: 'primary' | 'junior' = 'primary') {
  return schoolRule(school('S1', { schoolType: st, stages: [stage(st, over)] }), st);
}

describe('school rule (校校达标): ≥ 6 of 7, the seventh ≥ 85% of its threshold', () => {
  test('7 of 7: MET', () => {
    const r = rule({});
    expect(r).toMatchObject({ schoolCode: 'S1', stage: 'primary', status: 'MET', met: true, indicatorsMet: 7, failing: [] });
    expect(r.indicators.map((i) => i.code)).toEqual(['R1', 'R2', 'R3', 'R4', 'R5', 'R6', 'R7']);
  });

  test('6 of 7 with the seventh at 90.9%: MET', () => {
    // R5: 3410 / 500 = 6.82; 6.82 / 7.5 = 0.9093 ≥ 0.85
    const r = rule({ sportsAreaM2: '3410' });
    expect(r).toMatchObject({ status: 'MET', met: true, indicatorsMet: 6 });
    expect(r.failing.map((i) => i.code)).toEqual(['R5']);
    expect(r.failing[0]!.shortfall?.description).toBe('needs 340 m² more sports area');
  });

  test('the seventh at exactly 85% passes', () => {
    // R4: 85% of 4.5 = 3.825 m² per student; × 500 = 1912.50 m²
    const r = rule({ teachingAuxAreaM2: '1912.50' });
    expect(r.failing[0]).toMatchObject({ code: 'R4', value: 3.825, ratioToThreshold: 0.85 });
    expect(r).toMatchObject({ status: 'MET', met: true, indicatorsMet: 6 });
  });

  test('the seventh at 84.9% fails', () => {
    // R4: 84.9% of 4.5 = 3.8205; × 500 = 1910.25 m²
    const r = rule({ teachingAuxAreaM2: '1910.25' });
    expect(r.failing[0]).toMatchObject({ code: 'R4', value: 3.8205, ratioToThreshold: 0.849 });
    expect(r).toMatchObject({ status: 'NOT_MET', met: false, indicatorsMet: 6 });
    expect(r.message).toMatch(/R4 reaches only 84.9% of its threshold/);
  });

  test('5 of 7 fails even when both misses are above 85%', () => {
    // R4: 2025 / 500 = 4.05 = 90% of 4.5; R5: 6.82 = 90.9% of 7.5
    const r = rule({ teachingAuxAreaM2: '2025', sportsAreaM2: '3410' });
    expect(r).toMatchObject({ status: 'NOT_MET', met: false, indicatorsMet: 5 });
    expect(r.failing.map((i) => i.code)).toEqual(['R4', 'R5']);
  });

  test('junior thresholds apply to the junior stage', () => {
    // R1 junior: 26 × 100 / 500 = 5.2 < 5.3 (98.1%): 6 of 7 → MET; R4 junior: 6 ≥ 5.8
    const r = rule({ teachers: { total: 40, aboveMinimumDegree: 26, backboneCountyPlus: 6, peArts: 5 } }, 'junior');
    expect(r).toMatchObject({ stage: 'junior', status: 'MET', indicatorsMet: 6 });
    expect(r.failing[0]).toMatchObject({ code: 'R1', threshold: 5.3 });
  });

  test('NO_DATA when an indicator lacks data and the others pass: never a pass', () => {
    const r = rule({ teachers: null });
    expect(r).toMatchObject({ status: 'NO_DATA', met: null, indicatorsMet: 4, failing: [] });
    expect(r.message).toBe('no data for R1, R2 and R3');
  });

  test('NO_DATA when a missing indicator could still decide the rule (one near miss)', () => {
    const r = rule({ teachers: null, sportsAreaM2: '3410' });
    expect(r).toMatchObject({ status: 'NO_DATA', met: null });
  });

  test('NOT_MET when failure is already certain, even with missing data', () => {
    // R5: 1875 / 500 = 3.75 = 50% of 7.5 < 85%: fails whatever R1–R3 are
    const r = rule({ teachers: null, sportsAreaM2: '1875' });
    expect(r).toMatchObject({ status: 'NOT_MET', met: false });
  });

  test('no statistics for the stage: NO_DATA', () => {
    const r = schoolRule(school('S1', { stages: [] }), 'primary');
    expect(r).toMatchObject({ status: 'NO_DATA', met: null, indicatorsMet: 0 });
  });
});
