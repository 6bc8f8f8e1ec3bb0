import { DataSource } from 'typeorm';
import { ExpenditureBasis } from '../../src/common/vocabulary';
import { openTestDataSource, truncateAll } from '../helpers/database';
import { Fixtures } from '../helpers/fixtures';
import { TestHub } from '../helpers/server';

let ds: DataSource;
let hub: TestHub;

const CHECKS = `query($code: String!, $from: Int!, $to: Int!) { district(code: $code) { fundingChecks(fromYear: $from, toYear: $to) {
  year expenditure basis enrolment perStudent previousExpenditure previousPerStudent totalChange totalChangeRate
  perStudentChange perStudentChangeRate totalCheck perStudentCheck
  evidence { inputs { name value } notes sources { dataset department fileName rowKey batch { department } } } } } }`;

async function checks(code: string, from: number, to: number) {
  const res = await hub.graphql(CHECKS, { code, from, to });
  expect(res.errors).toBeUndefined();
  return res.data!.district.fundingChecks as Record<string, any>[];
}

beforeAll(async () => {
  ds = await openTestDataSource();
  await truncateAll(ds);
  const fx = new Fixtures(ds);
  await fx.districts({ code: 'DEC' }, { code: 'PSD' }, { code: 'OK1' }, { code: 'NOE' }, { code: 'BAS' }, { code: 'EQL' });
  const enrol = (districtCode: string, pairs: [number, number][]) => pairs.map(([year, totalStudents]) => ({ districtCode, year, totalStudents }));
  await fx.districtEducation(
    ...enrol('DEC', [[2022, 100000], [2023, 100000]]),
    ...enrol('PSD', [[2022, 100000], [2023, 110000]]),
    ...enrol('OK1', [[2022, 100000], [2023, 100000]]),
    ...enrol('NOE', [[2022, 100000]]),
    ...enrol('BAS', [[2022, 100000], [2023, 100000]]),
    ...enrol('EQL', [[2022, 3], [2023, 3]]),
  );
  await fx.expenditure(
    // total decreases
    { districtCode: 'DEC', year: 2022, generalBudgetEducationYuan: '1000000000.00' },
    { districtCode: 'DEC', year: 2023, generalBudgetEducationYuan: '999999999.99' },
    // total +5%, enrolment +10%: per student 10,000.00 → 9,545.45
    { districtCode: 'PSD', year: 2022, generalBudgetEducationYuan: '1000000000.00' },
    { districtCode: 'PSD', year: 2023, generalBudgetEducationYuan: '1050000000.00' },
    // both met, exact: 17,570,000,000.01 → 17,570,000,000.02
    { districtCode: 'OK1', year: 2022, generalBudgetEducationYuan: '17570000000.01' },
    { districtCode: 'OK1', year: 2023, generalBudgetEducationYuan: '17570000000.02' },
    // expenditure but no enrolment in 2023
    { districtCode: 'NOE', year: 2022, generalBudgetEducationYuan: '500000000' },
    { districtCode: 'NOE', year: 2023, generalBudgetEducationYuan: '510000000' },
    // final preferred over budget: the budget says a decrease, the final accounts say an increase
    { districtCode: 'BAS', year: 2022, generalBudgetEducationYuan: '800000000' },
    { districtCode: 'BAS', year: 2023, basis: ExpenditureBasis.BUDGET, generalBudgetEducationYuan: '700000000' },
    { districtCode: 'BAS', year: 2023, basis: ExpenditureBasis.FINAL, generalBudgetEducationYuan: '810000000' },
    // equal to the year before: met (per student 10/3 both years)
    { districtCode: 'EQL', year: 2022, generalBudgetEducationYuan: '10' },
    { districtCode: 'EQL', year: 2023, generalBudgetEducationYuan: '10' },
  );
  await fx.transferPayments(
    { districtCode: 'DEC', year: 2022, program: 'nutrition', amountYuan: '100.10' },
    { districtCode: 'DEC', year: 2023, program: 'nutrition', amountYuan: '100.20' },
    { districtCode: 'DEC', year: 2023, program: 'teachers', amountYuan: '0.01' },
    { districtCode: 'OK1', year: 2023, program: 'nutrition', amountYuan: '17570000000.01' },
  );
  hub = await TestHub.start(ds);
});
afterAll(async () => {
  await hub.stop();
  await ds.destroy();
});

test('a decrease in total expenditure is VIOLATED', async () => {
  const [y] = await checks('DEC', 2023, 2023);
  expect(y).toMatchObject({ year: 2023, totalCheck: 'VIOLATED', totalChange: '-0.01', basis: 'FINAL', previousExpenditure: '1000000000' });
  expect(y.perStudentCheck).toBe('VIOLATED');
});

test('total up but per student down when enrolment grows faster', async () => {
  const [y] = await checks('PSD', 2023, 2023);
  expect(y).toMatchObject({ totalCheck: 'MET', perStudentCheck: 'VIOLATED', perStudent: '9545.45', previousPerStudent: '10000.00', totalChangeRate: '0.0500' });
});

test('both met, exactly, with amounts that would drift as floats', async () => {
  const [y] = await checks('OK1', 2023, 2023);
  expect(y).toMatchObject({ totalCheck: 'MET', perStudentCheck: 'MET', expenditure: '17570000000.02', totalChange: '0.01' });
  expect(y.evidence.sources.map((s: any) => `${s.dataset}/${s.department}/${s.batch.department}`)).toEqual(
    expect.arrayContaining(['education_expenditure/FINANCE/FINANCE', 'district_education/EDUCATION/EDUCATION']),
  );
});

test('a year with expenditure but no enrolment is NO_DATA, not MET', async () => {
  const [y] = await checks('NOE', 2023, 2023);
  expect(y).toMatchObject({ totalCheck: 'MET', perStudentCheck: 'NO_DATA', enrolment: null });
  // Notes are written in the reader's language: zh-CN by default.
  expect(y.evidence.notes.join(' ')).toMatch(/在校学生数缺失/);
});

test('notes in the reader\'s language, each with its catalogue code and figures', async () => {
  const query = `{ district(code: "NOE") { fundingChecks(fromYear: 2023, toYear: 2023) { evidence { notes noteMessages { code params text } } } } }`;
  const ask = async (language: string) => {
    const res = await fetch(`${hub.url}/graphql`, {
      method: 'POST', headers: hub.headers({ 'content-type': 'application/json', 'accept-language': language }), body: JSON.stringify({ query }),
    });
    const body = (await res.json()) as { data: any; errors?: unknown };
    expect(body.errors).toBeUndefined();
    return body.data.district.fundingChecks[0].evidence;
  };
  const [zh, en] = [await ask('zh-CN'), await ask('en-US,en;q=0.9')];
  expect(zh.noteMessages.map((m: any) => m.code)).toEqual(expect.arrayContaining(['FUNDING_NO_ENROLMENT', 'FUNDING_PER_STUDENT_NO_DATA']));
  expect(zh.noteMessages.map((m: any) => m.text)).toEqual(zh.notes);
  expect(zh.notes).toContain('生均比较：数据不足（缺少2023年在校学生数）');
  expect(en.notes).toContain('Per-student check: no data (enrolment 2023 missing).');
  expect(zh.noteMessages.find((m: any) => m.code === 'FUNDING_PER_STUDENT_NO_DATA').params).toEqual({ problems: ['enrolment.2023'] });
});

test('final accounts are preferred over the budget and reported as such', async () => {
  const [y] = await checks('BAS', 2023, 2023);
  expect(y).toMatchObject({ basis: 'FINAL', expenditure: '810000000', totalCheck: 'MET' });
});

test('equal to the year before is MET', async () => {
  const [y] = await checks('EQL', 2023, 2023);
  expect(y).toMatchObject({ totalCheck: 'MET', perStudentCheck: 'MET', perStudent: '3.33' });
});

test('the first year of a range compares with the year before when it exists', async () => {
  const years = await checks('DEC', 2022, 2023);
  expect(years.map((y) => [y.year, y.totalCheck])).toEqual([[2022, 'NO_DATA'], [2023, 'VIOLATED']]);
});

test('violations, the city summary and transfer payments', async () => {
  const res = await hub.graphql(`{
    fundingCheckViolations(year: 2023) { districtCode check { totalCheck perStudentCheck } }
    cityFundingSummary(year: 2023) { districtCount totalCheck { met violated noData } perStudentCheck { met violated noData } totalExpenditure violatingDistricts }
    cityTransferPayments(year: 2023) { totalYuan previousTotalYuan byProgram { key amountYuan previousAmountYuan change } byDistrict { key amountYuan } }
    district(code: "DEC") { transferPaymentTotal(year: 2023) transferPayments(year: 2023) { program amountYuan } }
    bad: district(code: "DEC") { fundingChecks(fromYear: 2024, toYear: 2023) { year } }
  }`);
  expect(res.data!.fundingCheckViolations.map((v: any) => v.districtCode).sort()).toEqual(['DEC', 'PSD']);
  const summary = res.data!.cityFundingSummary;
  expect(summary).toMatchObject({ districtCount: 6, totalCheck: { met: 5, violated: 1, noData: 0 }, perStudentCheck: { met: 3, violated: 2, noData: 1 } });
  // 999,999,999.99 + 1,050,000,000 + 17,570,000,000.02 + 510,000,000 + 810,000,000 + 10
  expect(summary.totalExpenditure).toBe('20940000010.01');
  expect(res.data!.cityTransferPayments).toEqual({
    totalYuan: '17570000100.22',
    previousTotalYuan: '100.10',
    byProgram: [
      { key: 'nutrition', amountYuan: '17570000100.21', previousAmountYuan: '100.10', change: '17570000000.11' },
      { key: 'teachers', amountYuan: '0.01', previousAmountYuan: null, change: null },
    ],
    byDistrict: [{ key: 'DEC', amountYuan: '100.21' }, { key: 'OK1', amountYuan: '17570000000.01' }],
  });
  expect(res.data!.district.transferPaymentTotal).toBe('100.21');
  expect(res.errors![0]).toMatchObject({ path: ['bad', 'fundingChecks'], extensions: { code: 'BAD_USER_INPUT', argumentName: 'fromYear' } });
});

test('school funds expose per-student funds and the training share', async () => {
  const fx = new Fixtures(ds);
  await fx.schools({ code: 'S1', districtCode: 'OK1' });
  await fx.stats({ schoolCode: 'S1', year: 2024, students: 300 });
  await fx.schoolFunds({ schoolCode: 'S1', year: 2024, publicFundsBudgetYuan: '250000', teacherTrainingYuan: '12500' });
  const res = await hub.graphql(`{ school(code: "S1") { funds(year: 2024) { publicFundsBudgetYuan perStudentPublicFundsYuan trainingShare } } }`);
  expect(res.data!.school.funds).toEqual([{ publicFundsBudgetYuan: '250000.00', perStudentPublicFundsYuan: '833.33', trainingShare: '0.0500' }]);
});
