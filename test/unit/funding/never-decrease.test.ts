import * as engine1 from '../../../src/funding/never-decrease';
import type { EnrolmentFigure, ExpenditureBasis, ExpenditureFigure, FundingCheckYear, SourceRef } from '../../../src/funding/never-decrease';
import { inEnglish } from '../../helpers/english';

// The engine returns catalogue messages; these tests read them in English.
const { districtViolations, fundingChecks, selectExpenditure, summarise, violations } = inEnglish(engine1);

// All expectations below are computed by hand; the arithmetic is written out next to each.

function expenditureSource(district: string, year: number, basis: ExpenditureBasis): SourceRef {
  return {
    dataset: 'education_expenditure',
    batchId: `fin-${year}`,
    department: 'finance',
    fileName: `expenditure-${year}.csv`,
    rowKey: `${district}|${year}|${basis}`,
  };
}

function exp(year: number, amountYuan: string, basis: ExpenditureBasis = 'final', district = '500101'): ExpenditureFigure {
  return { year, basis, amountYuan, source: expenditureSource(district, year, basis) };
}

function enr(year: number, students: number, district = '500101'): EnrolmentFigure {
  return {
    year,
    students,
    source: { dataset: 'district_education', batchId: `edu-${year}`, department: 'education', fileName: null, rowKey: `${district}|${year}` },
  };
}

function check(expenditures: ExpenditureFigure[], enrolments: EnrolmentFigure[], year: number): FundingCheckYear {
  const [only] = fundingChecks({ expenditures, enrolments, fromYear: year, toYear: year });
  return only;
}

describe('selectExpenditure', () => {
  const final = exp(2023, '1050000000', 'final');
  const budget = exp(2023, '1100000000', 'budget');

  it('prefers final accounts (决算) over the budget (预算)', () => {
    expect(selectExpenditure([budget, final], 2023)).toBe(final);
    expect(selectExpenditure([final, budget], 2023)).toBe(final);
  });

  it('falls back to the budget, and returns null when the year has nothing', () => {
    expect(selectExpenditure([budget, exp(2022, '1', 'final')], 2023)).toBe(budget);
    expect(selectExpenditure([final, budget], 2021)).toBeNull();
    expect(selectExpenditure([], 2023)).toBeNull();
  });

  it('refuses two figures of the same year and basis (mixed districts)', () => {
    expect(() => selectExpenditure([final, exp(2023, '5', 'final', '500102')], 2023)).toThrow(/Two final expenditure figures for 2023/);
  });

  it('refuses an unknown basis', () => {
    const bad = { ...final, basis: 'estimate' as ExpenditureBasis };
    expect(() => selectExpenditure([bad], 2023)).toThrow(/basis must be 'final' or 'budget'/);
  });
});

describe('fundingChecks', () => {
  it('total decreased: VIOLATED, while per-student rose (enrolment fell faster)', () => {
    // 2022: 1,000,000,000 / 100,000 = 10,000.00 per student
    // 2023:   990,000,000 /  95,000 = 10,421.0526… → 10,421.05
    // total change −10,000,000, rate −0.01; per-student change +421.0526… → 421.05, rate 0.0421052… → 0.0421
    const c = check([exp(2022, '1000000000.00'), exp(2023, '990000000.00')], [enr(2022, 100000), enr(2023, 95000)], 2023);
    expect(c).toMatchObject({
      year: 2023,
      expenditure: '990000000',
      basis: 'final',
      enrolment: 95000,
      perStudent: '10421.05',
      previousExpenditure: '1000000000',
      previousBasis: 'final',
      previousEnrolment: 100000,
      previousPerStudent: '10000.00',
      totalChange: '-10000000',
      totalChangeRate: '-0.0100',
      perStudentChange: '421.05',
      perStudentChangeRate: '0.0421',
      totalCheck: 'VIOLATED',
      perStudentCheck: 'MET',
    });
    expect(violations([c])).toEqual([c]);
  });

  it('total up but per-student down (enrolment grew faster): per-student VIOLATED', () => {
    // 2022: 500,000,000 / 50,000 = 10,000.00
    // 2023: 520,000,000 / 53,000 = 9,811.3207… → 9,811.32
    // total +20,000,000 (rate 0.04); per-student −188.6792… → −188.68, rate −0.0188679… → −0.0189
    const c = check([exp(2022, '500000000'), exp(2023, '520000000')], [enr(2022, 50000), enr(2023, 53000)], 2023);
    expect(c).toMatchObject({
      perStudent: '9811.32',
      previousPerStudent: '10000.00',
      totalChange: '20000000',
      totalChangeRate: '0.0400',
      perStudentChange: '-188.68',
      perStudentChangeRate: '-0.0189',
      totalCheck: 'MET',
      perStudentCheck: 'VIOLATED',
    });
  });

  it('both met, with no notes', () => {
    // 800,000,000 / 80,000 = 10,000 → 880,000,000 / 80,000 = 11,000: +1,000 per student, +10 %
    const c = check([exp(2022, '800000000'), exp(2023, '880000000')], [enr(2022, 80000), enr(2023, 80000)], 2023);
    expect(c).toMatchObject({
      totalCheck: 'MET',
      perStudentCheck: 'MET',
      totalChange: '80000000',
      totalChangeRate: '0.1000',
      perStudentChange: '1000.00',
      perStudentChangeRate: '0.1000',
    });
    expect(c.evidence.notes).toEqual([]);
    expect(violations([c])).toEqual([]);
  });

  it('equal to the year before is MET for both checks', () => {
    const c = check([exp(2022, '600000000.50'), exp(2023, '600000000.5')], [enr(2022, 60000), enr(2023, 60000)], 2023);
    expect(c).toMatchObject({
      totalCheck: 'MET',
      perStudentCheck: 'MET',
      totalChange: '0',
      totalChangeRate: '0.0000',
      perStudentChange: '0.00',
      perStudentChangeRate: '0.0000',
      perStudent: '10000.00', // 600,000,000.5 / 60,000 = 10,000.0000083… → 10,000.00
    });
  });

  it('an equal per-student figure from different totals is MET', () => {
    // 600,000,000 / 60,000 = 10,000 = 660,000,000 / 66,000: exactly equal (600,000,000 × 66,000 = 660,000,000 × 60,000)
    const c = check([exp(2022, '600000000'), exp(2023, '660000000')], [enr(2022, 60000), enr(2023, 66000)], 2023);
    expect(c).toMatchObject({ totalCheck: 'MET', perStudentCheck: 'MET', perStudentChange: '0.00', perStudentChangeRate: '0.0000' });
  });

  it('a year with expenditure but no enrolment is NO_DATA for the per-student check, not MET', () => {
    const c = check([exp(2022, '100'), exp(2023, '200')], [enr(2022, 10)], 2023);
    expect(c.totalCheck).toBe('MET');
    expect(c.perStudentCheck).toBe('NO_DATA');
    expect(c.enrolment).toBeNull();
    expect(c.perStudent).toBeNull();
    expect(c.previousPerStudent).toBe('10.00');
    expect(c.perStudentChange).toBeNull();
    expect(c.perStudentChangeRate).toBeNull();
    expect(c.evidence.notes).toEqual(
      expect.arrayContaining([
        'No enrolment for 2023: education has not delivered district_education.total_students for that year.',
        'Per-student check: no data (enrolment 2023 missing).',
      ]),
    );
    expect(c.evidence.inputs['enrolment.2023']).toBeNull();
  });

  it('an enrolment of 0 is NO_DATA for the per-student check', () => {
    const c = check([exp(2022, '100'), exp(2023, '200')], [enr(2022, 0), enr(2023, 10)], 2023);
    expect(c.perStudentCheck).toBe('NO_DATA');
    expect(c.previousPerStudent).toBeNull();
    expect(c.perStudent).toBe('20.00');
    expect(c.evidence.notes).toEqual(
      expect.arrayContaining(['Enrolment for 2022 is 0: per-student expenditure is undefined.', 'Per-student check: no data (enrolment 2022 is 0).']),
    );
  });

  it('no expenditure in either year: both checks NO_DATA', () => {
    const c = check([], [enr(2022, 10), enr(2023, 10)], 2023);
    expect(c.totalCheck).toBe('NO_DATA');
    expect(c.perStudentCheck).toBe('NO_DATA');
    expect(c.evidence.notes).toEqual(
      expect.arrayContaining([
        'Total check: no data (missing: expenditure 2023, expenditure 2022).',
        'Per-student check: no data (expenditure 2023 missing, expenditure 2022 missing).',
      ]),
    );
    expect(c.evidence.sources.map((s) => s.dataset)).toEqual(['district_education', 'district_education']);
  });

  it('prefers FINAL over BUDGET, reports the basis, and notes the unused budget and the mixed bases', () => {
    // 2022 only has a budget; 2023 has both: the final (1,050,000,000) is used, not the budget (1,100,000,000)
    const final2023 = exp(2023, '1050000000', 'final');
    const budget2023 = exp(2023, '1100000000', 'budget');
    const budget2022 = exp(2022, '1080000000', 'budget');
    const c = check([budget2023, final2023, budget2022], [enr(2022, 100000), enr(2023, 100000)], 2023);
    expect(c.expenditure).toBe('1050000000');
    expect(c.basis).toBe('final');
    expect(c.previousExpenditure).toBe('1080000000');
    expect(c.previousBasis).toBe('budget');
    // 1,050,000,000 < 1,080,000,000: decreased (with the budget it would have looked like an increase)
    expect(c.totalCheck).toBe('VIOLATED');
    expect(c.totalChange).toBe('-30000000');
    expect(c.totalChangeRate).toBe('-0.0278'); // −30/1080 = −0.027777…
    expect(c.evidence.sources[0]).toBe(final2023.source);
    expect(c.evidence.sources).not.toContain(budget2023.source);
    expect(c.evidence.inputs['expenditureBasis.2023']).toBe('final');
    expect(c.evidence.inputs['expenditureBasis.2022']).toBe('budget');
    expect(c.evidence.notes).toEqual(
      expect.arrayContaining([
        '2023: final accounts (决算) used; a budget (预算) figure of 1100000000 yuan is also on file and not used.',
        '2022: final accounts (决算) not delivered; the budget (预算) figure is used.',
        'Bases differ: 2023 uses final accounts (决算) and 2022 uses budget (预算); the comparison is across bases.',
      ]),
    );
  });

  it('is exact with amounts like 17,570,000,000.01', () => {
    // one fen less than the year before is a decrease
    const down = check([exp(2022, '17570000000.01'), exp(2023, '17570000000.00')], [enr(2022, 1000000), enr(2023, 1000000)], 2023);
    expect(down.totalCheck).toBe('VIOLATED');
    expect(down.totalChange).toBe('-0.01');
    expect(down.totalChangeRate).toBe('0.0000'); // −5.7e-13 rounds to zero …
    expect(down.evidence.notes).toContain(
      'Total expenditure fell by 0.01 yuan; the change rate rounds to 0.0000, but any decrease violates the rule.',
    );
    // 17,570,000,000.01 / 1,000,000 = 17,570.00000001 vs 17,570.00 per student: exact decrease
    expect(down.perStudentCheck).toBe('VIOLATED');
    expect(down.perStudent).toBe('17570.00');
    expect(down.previousPerStudent).toBe('17570.00');

    // one fen more is an increase, and the amounts are reported without drift
    const up = check([exp(2022, '17570000000.01'), exp(2023, '17570000000.02')], [enr(2022, 1000000), enr(2023, 1000000)], 2023);
    expect(up.expenditure).toBe('17570000000.02');
    expect(up.previousExpenditure).toBe('17570000000.01');
    expect(up.totalChange).toBe('0.01');
    expect(up.totalCheck).toBe('MET');
    expect(up.perStudentCheck).toBe('MET');
  });

  it('decides per-student on exact values where 2-decimal rounding would give the wrong answer', () => {
    // 2022: 1,000,000 / 30,000 = 33.3333…  → "33.33"
    // 2023: 1,000,010 / 30,001 = 33.33256… → "33.33"
    // Rounded, the two are equal (would be MET). Exactly: 1,000,010 × 30,000 = 30,000,300,000
    //                                                 <  1,000,000 × 30,001 = 30,001,000,000  → VIOLATED
    // change = −700,000 / (30,001 × 30,000) = −0.000777… → "0.00"; rate = −700,000 / (1,000,000 × 30,001) → "0.0000"
    const c = check([exp(2022, '1000000'), exp(2023, '1000010')], [enr(2022, 30000), enr(2023, 30001)], 2023);
    expect(c.perStudent).toBe('33.33');
    expect(c.previousPerStudent).toBe('33.33');
    expect(c.totalCheck).toBe('MET');
    expect(c.perStudentCheck).toBe('VIOLATED');
    expect(c.perStudentChange).toBe('0.00');
    expect(c.perStudentChangeRate).toBe('0.0000');
    expect(c.evidence.notes).toContain(
      'Per-student expenditure fell by less than 0.005 yuan: the rounded figures look unchanged, but the exact comparison (by cross-multiplication) shows a decrease.',
    );
  });

  it('rounds the per-student change once from exact values (not from the rounded per-student figures)', () => {
    // 2022: 1,000 / 8,000 = 0.125 → "0.13"; 2023: 2,000 / 8,000 = 0.25 → "0.25"
    // exact change 0.125 → "0.13"; the difference of the rounded figures would be 0.12
    const c = check([exp(2022, '1000'), exp(2023, '2000')], [enr(2022, 8000), enr(2023, 8000)], 2023);
    expect(c.previousPerStudent).toBe('0.13');
    expect(c.perStudent).toBe('0.25');
    expect(c.perStudentChange).toBe('0.13');
    expect(c.perStudentChangeRate).toBe('1.0000');
    expect(c.evidence.notes).toContain(
      'perStudentChange (0.13) is computed from exact values and rounded once; the difference of the rounded per-student figures would be 0.12.',
    );
  });

  it('compares the first year of the range with the year before when present', () => {
    const expenditures = [exp(2021, '900'), exp(2022, '1000'), exp(2023, '1100'), exp(2024, '1050')];
    const enrolments = [enr(2021, 10), enr(2022, 10), enr(2023, 10), enr(2024, 10)];
    const checks = fundingChecks({ expenditures, enrolments, fromYear: 2022, toYear: 2024 });
    expect(checks.map((c) => c.year)).toEqual([2022, 2023, 2024]);
    expect(checks.map((c) => [c.previousExpenditure, c.expenditure, c.totalCheck, c.perStudentCheck])).toEqual([
      ['900', '1000', 'MET', 'MET'],
      ['1000', '1100', 'MET', 'MET'],
      ['1100', '1050', 'VIOLATED', 'VIOLATED'],
    ]);
    expect(violations(checks).map((c) => c.year)).toEqual([2024]);
  });

  it('reports NO_DATA for the first year of the range when the year before is absent', () => {
    const expenditures = [exp(2020, '1'), exp(2022, '1000'), exp(2023, '1100')];
    const enrolments = [enr(2020, 1), enr(2022, 10), enr(2023, 10)];
    const [first, second] = fundingChecks({ expenditures, enrolments, fromYear: 2022, toYear: 2023 });
    expect(first).toMatchObject({
      year: 2022,
      expenditure: '1000',
      perStudent: '100.00',
      previousExpenditure: null,
      previousEnrolment: null,
      previousPerStudent: null,
      totalChange: null,
      totalChangeRate: null,
      totalCheck: 'NO_DATA',
      perStudentCheck: 'NO_DATA',
    });
    expect(first.evidence.notes).toEqual(
      expect.arrayContaining([
        'No general-budget education expenditure (一般公共预算教育支出) for 2021: finance has not delivered education_expenditure for that year.',
        'Total check: no data (missing: expenditure 2021).',
        'Per-student check: no data (expenditure 2021 missing, enrolment 2021 missing).',
      ]),
    );
    expect(second.totalCheck).toBe('MET');
  });

  it('records the inputs used and passes the sources through untouched', () => {
    const e22 = exp(2022, '500000000.00');
    const e23 = exp(2023, '520000000.10');
    const n22 = enr(2022, 50000);
    const n23 = enr(2023, 53000);
    const c = check([e23, e22], [n23, n22], 2023);
    expect(c.evidence.inputs).toEqual({
      'expenditure.2023': '520000000.1',
      'expenditureBasis.2023': 'final',
      'enrolment.2023': 53000,
      'expenditure.2022': '500000000',
      'expenditureBasis.2022': 'final',
      'enrolment.2022': 50000,
    });
    expect(c.evidence.sources).toHaveLength(4);
    expect(c.evidence.sources[0]).toBe(e23.source);
    expect(c.evidence.sources[1]).toBe(n23.source);
    expect(c.evidence.sources[2]).toBe(e22.source);
    expect(c.evidence.sources[3]).toBe(n22.source);
  });

  it('validates its input', () => {
    const base = { expenditures: [], enrolments: [] };
    expect(() => fundingChecks({ ...base, fromYear: 2024, toYear: 2023 })).toThrow(/must not be after/);
    expect(() => fundingChecks({ ...base, fromYear: 2023.5, toYear: 2024 })).toThrow(/integer year/);
    expect(() => fundingChecks({ ...base, fromYear: 1, toYear: 3000 })).toThrow(/At most 100 years/);
    expect(() => fundingChecks({ ...base, expenditures: [exp(2023, '1e9')], fromYear: 2023, toYear: 2023 })).toThrow(
      /education_expenditure row 500101\|2023\|final .*exponent/,
    );
    expect(() => fundingChecks({ ...base, enrolments: [enr(2023, -1)], fromYear: 2023, toYear: 2023 })).toThrow(/non-negative integer/);
    expect(() => fundingChecks({ ...base, enrolments: [enr(2023, 1), enr(2023, 2, '500102')], fromYear: 2023, toYear: 2023 })).toThrow(
      /Two enrolment figures for 2023/,
    );
    // figures outside [fromYear − 1, toYear] are ignored, even malformed ones
    expect(() => fundingChecks({ ...base, expenditures: [exp(2010, 'junk')], fromYear: 2023, toYear: 2023 })).not.toThrow();
  });
});

describe('city summary', () => {
  // 500101: total VIOLATED, per-student MET (the first scenario above)
  // 500102: total MET, per-student VIOLATED, 2023 on budget basis
  // 500103: 2023 expenditure only → NO_DATA for both
  const districts = [
    {
      districtCode: '500102',
      checks: fundingChecks({
        expenditures: [exp(2022, '500000000', 'final', '500102'), exp(2023, '520000000', 'budget', '500102')],
        enrolments: [enr(2022, 50000, '500102'), enr(2023, 53000, '500102')],
        fromYear: 2022,
        toYear: 2023,
      }),
    },
    {
      districtCode: '500101',
      checks: fundingChecks({
        expenditures: [exp(2022, '1000000000'), exp(2023, '990000000')],
        enrolments: [enr(2022, 100000), enr(2023, 95000)],
        fromYear: 2022,
        toYear: 2023,
      }),
    },
    {
      districtCode: '500103',
      checks: fundingChecks({ expenditures: [exp(2023, '300000000.01', 'final', '500103')], enrolments: [], fromYear: 2022, toYear: 2023 }),
    },
  ];

  it('counts the checks and totals exactly', () => {
    const s = summarise(districts, 2023);
    expect(s).toMatchObject({
      year: 2023,
      districtCount: 3,
      totalCheck: { met: 1, violated: 1, noData: 1 },
      perStudentCheck: { met: 1, violated: 1, noData: 1 },
      // 990,000,000 + 520,000,000 + 300,000,000.01
      totalExpenditure: '1810000000.01',
      districtsWithExpenditure: 3,
      // 95,000 + 53,000
      totalEnrolment: 148000,
      districtsWithEnrolment: 2,
      // (990,000,000 + 520,000,000) / 148,000 = 10,202.7027… → 10,202.70 (500103 has no enrolment)
      perStudentAverage: '10202.70',
      districtsInAverage: 2,
      basisCounts: { final: 2, budget: 1 },
      violatingDistricts: ['500101', '500102'],
    });
    expect(s.notes).toEqual(
      expect.arrayContaining([
        'The per-student average covers 2 of 3 districts (those with both expenditure and a non-zero enrolment for 2023).',
        "The totals mix bases: 2 districts' final accounts (决算) and 1 budgets (预算).",
      ]),
    );
  });

  it('counts a district without a check for the year as no data', () => {
    const s = summarise(districts, 2024);
    expect(s.totalCheck).toEqual({ met: 0, violated: 0, noData: 3 });
    expect(s.totalExpenditure).toBe('0');
    expect(s.perStudentAverage).toBeNull();
    expect(s.notes[0]).toBe('No check computed for 2024 for 500102, 500101, 500103; counted as no data.');
  });

  it('lists the violations of a year by district code', () => {
    expect(districtViolations(districts, 2023).map((v) => [v.districtCode, v.check.totalCheck, v.check.perStudentCheck])).toEqual([
      ['500101', 'VIOLATED', 'MET'],
      ['500102', 'MET', 'VIOLATED'],
    ]);
    expect(districtViolations(districts, 2022)).toEqual([]);
  });

  it('refuses a district given twice', () => {
    expect(() => summarise([districts[0], districts[0]], 2023)).toThrow(/given twice/);
  });
});
