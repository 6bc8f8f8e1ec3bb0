import { DataSource } from 'typeorm';
import { openTestDataSource, truncateAll } from '../helpers/database';
import { buildDistrict } from '../helpers/district-fixture';
import { Fixtures } from '../helpers/fixtures';
import { TestHub } from '../helpers/server';

/**
 * Trends and the projection of the year a district would qualify at its pace (#16.2) through GraphQL. T01 has
 * three years: its second primary school fails the school rule in 2022 and 2023 and is fixed in 2024, its third
 * fails every year (sports area 3000 m² for 500 students: 6.0 m² < 85% of 7.5). Failing schools 2 → 1 over two
 * years is half a school a year: the one left takes two years, 2026, later than the plan (2025).
 */
let ds: DataSource;
let hub: TestHub;

/** Copies every year-keyed departmental row of `from` to `to` (same values, same batch). */
async function copyYear(from: number, to: number): Promise<void> {
  const tables: { table_name: string }[] = await ds.query(
    `SELECT table_name FROM information_schema.columns WHERE column_name = 'year' AND table_schema = 'public'
       AND table_name = ANY($1)`,
    [['school_stats', 'teacher_postings', 'district_education', 'civil_servant_pay', 'school_funds', 'quality_monitoring', 'ratings', 'surveys']],
  );
  for (const { table_name: t } of tables) {
    const cols: { column_name: string }[] = await ds.query(
      `SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1 AND is_identity = 'NO' AND is_generated = 'NEVER' ORDER BY ordinal_position`,
      [t],
    );
    const list = cols.map((c) => `"${c.column_name}"`).join(', ');
    const select = cols.map((c) => (c.column_name === 'year' ? `${to}` : `"${c.column_name}"`)).join(', ');
    await ds.query(`INSERT INTO "${t}" (${list}) SELECT ${select} FROM "${t}" WHERE year = ${from}`);
  }
}

beforeAll(async () => {
  ds = await openTestDataSource();
  await truncateAll(ds);
  const fx = new Fixtures(ds);
  await buildDistrict(fx, { code: 'T01', thirdPrimarySportsAreaM2: '3000', plannedCertificationYear: 2025 });
  await copyYear(2024, 2023);
  await copyYear(2024, 2022);
  await ds.query(`UPDATE school_stats SET sports_area_m2 = 3000 WHERE school_code = 'T01P2' AND year IN (2022, 2023)`);
  await fx.districtEducation({ districtCode: 'T01', year: 2021, totalStudents: 2300 });
  await fx.expenditure(
    { districtCode: 'T01', year: 2021, generalBudgetEducationYuan: '60000000' },
    { districtCode: 'T01', year: 2022, generalBudgetEducationYuan: '62000000' },
    { districtCode: 'T01', year: 2023, generalBudgetEducationYuan: '64000000' },
    { districtCode: 'T01', year: 2024, generalBudgetEducationYuan: '66000000' },
  );
  hub = await TestHub.start(ds);
});
afterAll(async () => {
  await hub?.stop();
  await ds?.destroy();
});

const TREND = `query($to: Int!, $from: Int) { district(code: "T01") { trend(toYear: $to, fromYear: $from) {
  years { year verdict schoolCount schoolsMeetingRule indicatorsNotMet spreads { code stage status } perStudentExpenditure }
  projection { basis year fromYear toYear limiting plannedCertificationYear late message messageCode messageParams } } } }`;

test('three years of figures and the year at this pace, later than the plan', async () => {
  const res = await hub.graphql(TREND, { to: 2024 });
  expect(res.errors).toBeUndefined();
  const trend = res.data!.district.trend;
  expect(trend.years.map((y: any) => [y.year, y.verdict, y.schoolCount, y.schoolsMeetingRule])).toEqual([
    [2022, 'NOT_QUALIFIED', 5, 3],
    [2023, 'NOT_QUALIFIED', 5, 3],
    [2024, 'NOT_QUALIFIED', 5, 4],
  ]);
  expect(trend.years[2].perStudentExpenditure).not.toBeNull();
  expect(trend.projection).toMatchObject({
    basis: 'PACE', year: 2026, fromYear: 2022, toYear: 2024, limiting: ['SCHOOL_RULE'], plannedCertificationYear: 2025, late: true,
    messageCode: 'PROJECTION_PACE',
  });
  expect(trend.projection.message).toBe('按 2022—2024 年的进度，预计 2026 年达标，晚于计划的 2025 年；最慢的是校校达标');
});

test('each year\'s G/Q/S indicators: the same status and exact value as that year\'s evaluation', async () => {
  const res = await hub.graphql(`{ district(code: "T01") {
    trend(toYear: 2024) { years { year indicators { code status valueExact } } }
    e2022: evaluation(year: 2022) { governmentGuarantee { code status valueExact } educationQuality { code status valueExact } socialRecognition { code status valueExact } }
    e2024: evaluation(year: 2024) { governmentGuarantee { code status valueExact } educationQuality { code status valueExact } socialRecognition { code status valueExact } } } }`);
  expect(res.errors).toBeUndefined();
  const d = res.data!.district;
  const of = (e: any) => [...e.governmentGuarantee, ...e.educationQuality, e.socialRecognition];
  const years = d.trend.years as { year: number; indicators: unknown[] }[];
  expect(years.find((y) => y.year === 2022)!.indicators).toEqual(of(d.e2022));
  expect(years.find((y) => y.year === 2024)!.indicators).toEqual(of(d.e2024));
  expect(of(d.e2024).length).toBeGreaterThan(20);
});

test('in English on request', async () => {
  const res = await fetch(`${hub.url}/graphql`, {
    method: 'POST',
    headers: hub.headers({ 'content-type': 'application/json', 'accept-language': 'en' }),
    body: JSON.stringify({ query: TREND, variables: { to: 2024 } }),
  });
  const body = (await res.json()) as any;
  expect(body.data.district.trend.projection.message).toBe('at the pace of 2022–2024, qualifies in 2026 instead of 2025; slowest: the school rule');
});

test('a window without progress says so; one year is too few', async () => {
  const stalled = (await hub.graphql(TREND, { from: 2022, to: 2023 })).data!.district.trend.projection;
  expect(stalled).toMatchObject({ basis: 'NO_PROGRESS', year: null, limiting: ['SCHOOL_RULE'], late: null });
  const one = (await hub.graphql(TREND, { from: 2024, to: 2024 })).data!.district.trend.projection;
  expect(one).toMatchObject({ basis: 'TOO_FEW_YEARS', year: null });
});

test('the early warning says "at this pace"', async () => {
  const res = await hub.graphql(`{ certificationProgress(year: 2024) { earlyWarnings { districtCode projection { year late message } } } }`);
  expect(res.errors).toBeUndefined();
  expect(res.data!.certificationProgress.earlyWarnings).toEqual([
    { districtCode: 'T01', projection: { year: 2026, late: true, message: '按 2022—2024 年的进度，预计 2026 年达标，晚于计划的 2025 年；最慢的是校校达标' } },
  ]);
});

test('a range over ten years is refused with its code', async () => {
  const res = await hub.graphql(TREND, { from: 2010, to: 2024 });
  expect(res.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', messageCode: 'YEAR_RANGE_TOO_LONG' } });
});
