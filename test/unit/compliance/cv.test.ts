import { compositeCv, cvWithin, weightedCv } from '../../../src/compliance';

describe('weightedCv (差异系数, weighted by students)', () => {
  test('two schools: X = (2, 4), P = (100, 300)', () => {
    // P = 400; X̄ = (100·2 + 300·4) / 400 = 1400 / 400 = 3.5
    // S² = (100·(2 − 3.5)² + 300·(4 − 3.5)²) / 400 = (225 + 75) / 400 = 0.75; S = √0.75 = 0.8660254
    // CV = 0.8660254 / 3.5 = 0.2474358
    const r = weightedCv([{ value: 2, students: 100 }, { value: 4, students: 300 }]);
    expect(r.status).toBe('DEFINED');
    if (r.status !== 'DEFINED') return;
    expect(r.mean).toBeCloseTo(3.5, 12);
    expect(r.stdDev).toBeCloseTo(0.8660254, 6);
    expect(r.cv).toBeCloseTo(0.2474358, 6);
    expect(r.schoolCount).toBe(2);
    expect(r.students).toBe(400);
  });

  test('three schools with decimal-string values: X = ("1", "2", "3"), P = (1, 1, 2)', () => {
    // P = 4; X̄ = (1 + 2 + 6) / 4 = 2.25
    // S² = (1·1.5625 + 1·0.0625 + 2·0.5625) / 4 = 2.75 / 4 = 0.6875; S = 0.8291562; CV = 0.8291562 / 2.25 = 0.3685139
    const r = weightedCv([{ value: '1', students: 1 }, { value: '2', students: 1 }, { value: '3.00', students: 2 }]);
    expect(r.status === 'DEFINED' && r.cv).toBeCloseTo(0.3685139, 6);
  });

  test('equal weights give the plain (unweighted) CV', () => {
    // X = (2, 4) with equal weights: X̄ = 3, S = 1, CV = 1/3
    const r = weightedCv([{ value: 2, students: 50 }, { value: 4, students: 50 }]);
    expect(r.status === 'DEFINED' && r.cv).toBeCloseTo(1 / 3, 12);
  });

  test('equal values give CV 0 (defined, not undefined)', () => {
    const r = weightedCv([{ value: 5, students: 10 }, { value: 5, students: 30 }]);
    expect(r).toMatchObject({ status: 'DEFINED', cv: 0, stdDev: 0, mean: 5 });
  });

  test('schools with 0 students are left out before counting', () => {
    // Same as the first case: the 0-student school with value 100 changes nothing.
    const r = weightedCv([{ value: 2, students: 100 }, { value: 100, students: 0 }, { value: 4, students: 300 }]);
    expect(r.status === 'DEFINED' && r.cv).toBeCloseTo(0.2474358, 6);
    expect(r.schoolCount).toBe(2);
  });

  test('fewer than two schools: undefined, never 0', () => {
    expect(weightedCv([{ value: 3, students: 10 }])).toEqual({ status: 'UNDEFINED', reason: 'FEWER_THAN_TWO_SCHOOLS', schoolCount: 1, students: 10 });
    expect(weightedCv([])).toEqual({ status: 'UNDEFINED', reason: 'FEWER_THAN_TWO_SCHOOLS', schoolCount: 0, students: 0 });
    // one real school and one without students: still fewer than two
    expect(weightedCv([{ value: 3, students: 10 }, { value: 9, students: 0 }])).toMatchObject({ status: 'UNDEFINED', reason: 'FEWER_THAN_TWO_SCHOOLS', schoolCount: 1 });
  });

  test('zero mean: undefined', () => {
    expect(weightedCv([{ value: 0, students: 10 }, { value: '0.00', students: 20 }])).toEqual({ status: 'UNDEFINED', reason: 'ZERO_MEAN', schoolCount: 2, students: 30 });
  });

  test('rejects negative or fractional student counts', () => {
    expect(() => weightedCv([{ value: 1, students: -1 }])).toThrow();
    expect(() => weightedCv([{ value: 1, students: 1.5 }])).toThrow();
  });
});

describe('cvWithin (exact limit check)', () => {
  test('a CV exactly at the limit is within it', () => {
    // X = (1, 3), equal weights: X̄ = 2, S = 1, CV = 0.5
    expect(cvWithin([{ value: 1, students: 1 }, { value: 3, students: 1 }], 0.5)).toBe(true);
    expect(cvWithin([{ value: 1, students: 1 }, { value: 3, students: 1 }], '0.45')).toBe(false);
  });

  test('decided exactly where doubles get it wrong', () => {
    // X = (0.65, 1.35), equal weights: X̄ = 1, S = 0.35, CV = 0.35 exactly; in doubles 0.35000000000000003 > 0.35
    expect(cvWithin([{ value: '0.65', students: 7 }, { value: '1.35', students: 7 }], 0.35)).toBe(true);
  });

  test('null when the CV is undefined', () => {
    expect(cvWithin([{ value: 1, students: 1 }], 0.5)).toBeNull();
    expect(cvWithin([{ value: 0, students: 1 }, { value: 0, students: 2 }], 0.5)).toBeNull();
  });
});

describe('compositeCv (basic balance: plain mean of the CVs)', () => {
  test('DOMAIN §2.2 example: 0.881, 1.299, 0.977, 0.379, 0.170, 0.334, 0.286, 0.408 → 0.592', () => {
    // Σ = 0.881 + 1.299 + 0.977 + 0.379 + 0.170 + 0.334 + 0.286 + 0.408 = 4.734; 4.734 / 8 = 0.59175 → 0.592
    const c = compositeCv([0.881, 1.299, 0.977, 0.379, 0.17, 0.334, 0.286, 0.408]);
    expect(c).toBeCloseTo(0.59175, 10);
    expect(Math.round(c! * 1000) / 1000).toBe(0.592);
  });

  test('undefined when any CV is undefined, or there is none', () => {
    expect(compositeCv([0.3, null, 0.2])).toBeNull();
    expect(compositeCv([])).toBeNull();
  });
});
