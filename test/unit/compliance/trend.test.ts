import { projectQualifyingYear, TrendPoint } from '../../../src/compliance/trend';

/** A point with one primary CV (limit 0.50) and its school and indicator counts. */
function point(year: number, o: { cv?: number | null; meeting?: number; notMet?: number; verdict?: TrendPoint['verdict'] } = {}): TrendPoint {
  const cv = o.cv === undefined ? 0.4 : o.cv;
  const meeting = o.meeting ?? 10;
  const notMet = o.notMet ?? 0;
  const met = (cv === null || cv <= 0.5) && meeting === 10 && notMet === 0;
  return {
    year,
    verdict: o.verdict ?? (met ? 'QUALIFIED' : 'NOT_QUALIFIED'),
    schoolCount: 10,
    schoolsMeetingRule: meeting,
    indicatorsNotMet: notMet,
    indicatorsNoData: 0,
    spreads: [{ code: 'CV_R5', stage: 'primary', cv, limit: 0.5, status: cv !== null && cv > 0.5 ? 'NOT_MET' : 'MET' }],
    indicators: [],
    perStudentExpenditure: null,
  };
}

test('qualified in the last year: MET, that year', () => {
  expect(projectQualifyingYear([point(2022, { cv: 0.6 }), point(2023, { cv: 0.55 }), point(2024)], 2022, 2024)).toEqual({
    basis: 'MET', year: 2024, fromYear: 2022, toYear: 2024, limiting: [],
  });
});

test('a CV closing 0.04 a year with 0.06 to go: two more years (ceil 1.5)', () => {
  // 0.68 → 0.56 over two years: 0.06 a year; 0.56 − 0.50 = 0.06 → 1 year. Make it 0.60 → 0.56: 0.02 a year, 3 years.
  expect(projectQualifyingYear([point(2022, { cv: 0.64 }), point(2023, { cv: 0.6 }), point(2024, { cv: 0.56 })], 2022, 2024)).toMatchObject({
    basis: 'PACE', year: 2026, limiting: ['CV_R5/primary'],
  });
  // 0.60 → 0.56 over two years is 0.02 a year: 0.06 takes 3 years.
  expect(projectQualifyingYear([point(2022, { cv: 0.6 }), point(2023, { cv: 0.58 }), point(2024, { cv: 0.56 })], 2022, 2024)).toMatchObject({
    basis: 'PACE', year: 2027,
  });
});

test('the slowest gap decides, and is named', () => {
  // CV: 0.02 to go at 0.02 a year → 1 year; schools: 4 failing, 2 fewer over 2 years → 1 a year → 4 years.
  const p = projectQualifyingYear([point(2022, { cv: 0.56, meeting: 4 }), point(2024, { cv: 0.52, meeting: 6 })], 2022, 2024);
  expect(p).toMatchObject({ basis: 'PACE', year: 2028, limiting: ['SCHOOL_RULE'] });
});

test('a gap that does not close at its pace: NO_PROGRESS, no year, the gap named', () => {
  expect(projectQualifyingYear([point(2022, { notMet: 2 }), point(2023, { notMet: 3 }), point(2024, { notMet: 3 })], 2022, 2024)).toEqual({
    basis: 'NO_PROGRESS', year: null, fromYear: 2022, toYear: 2024, limiting: ['INDICATORS'],
  });
});

test('years without data are left out of the pace; one year with data is too few', () => {
  const none = point(2023, { verdict: 'INSUFFICIENT_DATA' });
  expect(projectQualifyingYear([none, point(2024, { cv: 0.56 })], 2022, 2024)).toMatchObject({ basis: 'TOO_FEW_YEARS', year: null });
  expect(projectQualifyingYear([point(2022, { cv: 0.6 }), none, point(2024, { cv: 0.56 })], 2022, 2024)).toMatchObject({ basis: 'PACE', year: 2027 });
  expect(projectQualifyingYear([point(2022, { cv: 0.6 }), point(2024, { verdict: 'INSUFFICIENT_DATA' })], 2022, 2024)).toMatchObject({ basis: 'NO_DATA', year: null });
});

test('exact at the boundary: 0.5001 above 0.50 is a gap of one ten-thousandth', () => {
  expect(projectQualifyingYear([point(2023, { cv: 0.5003 }), point(2024, { cv: 0.5001 })], 2023, 2024)).toMatchObject({ basis: 'PACE', year: 2025 });
});
