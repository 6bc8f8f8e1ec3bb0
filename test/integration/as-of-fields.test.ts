import { DataSource } from 'typeorm';
import { loadConfig } from '../../src/config';
import { importRows } from '../../src/ingestion/pipeline';
import { openTestDataSource, truncateAll } from '../helpers/database';
import { buildDistrict } from '../helpers/district-fixture';
import { Fixtures } from '../helpers/fixtures';
import { SCOPE_STATEMENTS, TestHub } from '../helpers/server';

/**
 * The other fields as they stood (可追溯, #16.3, D118): the per-school fields, basic-balance monitoring, the funding
 * checks and the trend each take `asOf` and read every dataset as it stood then. For each: before a re-delivery the
 * old figure, after it the new one, and as of now the live answer.
 */
let ds: DataSource;
let hub: TestHub;
const times: Record<string, string> = {};

const pause = () => new Promise((r) => setTimeout(r, 20));
const stamp = async (name: string) => {
  await pause();
  times[name] = new Date().toISOString();
  await pause();
};

async function ask(query: string, variables: Record<string, unknown> = {}) {
  const res = await hub.graphql(query, variables);
  expect(res.errors).toBeUndefined();
  return res.data!;
}

const STATS_HEADER = ['school_code', 'year', 'stage', 'students', 'classes', 'max_class_size', 'teaching_aux_area_m2', 'sports_area_m2',
  'equipment_value_yuan', 'multimedia_rooms', 'music_rooms', 'music_room_min_area_m2', 'art_rooms', 'art_room_min_area_m2'];
const primaryStats = (school: string, sports: string) =>
  Object.fromEntries(STATS_HEADER.map((h, i) => [h, [school, '2024', 'primary', '500', '12', '42', '2500', sports, '1100000', '12', '1', '100', '1', '95'][i]]));

beforeAll(async () => {
  ds = await openTestDataSource();
  await truncateAll(ds);
  const fx = new Fixtures(ds);
  await buildDistrict(fx, { code: 'A01' });
  await buildDistrict(fx, { code: 'B02' });
  // Funding of two years: 2024 above 2023 (both checks met) until finance corrects 2024 down.
  await fx.expenditure(
    { districtCode: 'A01', year: 2023, generalBudgetEducationYuan: '30000000.00' },
    { districtCode: 'A01', year: 2024, generalBudgetEducationYuan: '31000000.00' },
    { districtCode: 'B02', year: 2023, generalBudgetEducationYuan: '30000000.00' },
    { districtCode: 'B02', year: 2024, generalBudgetEducationYuan: '31000000.00' },
  );
  await fx.districtEducation({ districtCode: 'A01', year: 2023, totalStudents: 3000 }, { districtCode: 'B02', year: 2023, totalStudents: 3000 });
  hub = await TestHub.start(ds, loadConfig({ ...process.env, RESPONSE_CACHE_BYTES: '0' }));
  await stamp('before');
  // The re-delivery: A01P3's sports area falls to 3000 m² (R5 6.0 < 85% of 7.5: the school fails the rule), a school
  // A01P4 appears, and finance corrects A01's 2024 expenditure below 2023's.
  await importRows(ds, { dataset: 'schools', fileName: 'schools-A01P4.csv', loadedBy: 'test', rows: [
    { school_code: 'A01P4', name: '学校A01P4', district_code: 'A01', school_type: 'primary', location: 'urban', boarding: 'false', ownership: 'public' },
  ] });
  const stats = await importRows(ds, { dataset: 'school_stats', fileName: 'school_stats-2024-corrected.csv', loadedBy: 'test',
    rows: [primaryStats('A01P3', '3000'), primaryStats('A01P4', '4000')] });
  expect(stats).toMatchObject({ status: 'succeeded', rowsUpdated: 1, rowsInserted: 1 });
  const spending = await importRows(ds, { dataset: 'education_expenditure', fileName: 'expenditure-2024-corrected.csv', loadedBy: 'test',
    rows: [{ district_code: 'A01', year: '2024', basis: 'final', general_budget_education_yuan: '29000000.00' }] });
  expect(spending).toMatchObject({ status: 'succeeded', rowsUpdated: 1 });
  await stamp('after');
});
afterAll(async () => {
  await hub?.stop();
  await ds?.destroy();
});

const SCHOOL = `query($code: String!, $asOf: DateTimeISO) { school(code: $code) {
  schoolRule(year: 2024, stage: PRIMARY, asOf: $asOf) { schoolCode status met indicatorsMet failing { code status } }
  resourceIndicators(year: 2024, stage: PRIMARY, asOf: $asOf) { code status value valueExact } } }`;

test('School.schoolRule and resourceIndicators: the old figures before the re-delivery, the new after, the live ones as of now', async () => {
  const at = async (code: string, asOf?: string) => (await ask(SCHOOL, { code, asOf })).school;
  const before = await at('A01P3', times.before);
  expect(before.schoolRule).toMatchObject({ status: 'MET', met: true, indicatorsMet: 7, failing: [] });
  expect(before.resourceIndicators.find((r: any) => r.code === 'R5')).toMatchObject({ status: 'MET', valueExact: '8' });

  const after = await at('A01P3', times.after);
  expect(after.schoolRule).toMatchObject({ status: 'NOT_MET', met: false, indicatorsMet: 6, failing: [{ code: 'R5', status: 'NOT_MET' }] });
  expect(after.resourceIndicators.find((r: any) => r.code === 'R5')).toMatchObject({ status: 'NOT_MET', valueExact: '6' });

  expect(await at('A01P3')).toEqual(after);
  expect(await at('A01P3', new Date().toISOString())).toEqual(after);
  // A school first delivered after the instant had no rule and no indicators then.
  expect(await at('A01P4', times.before)).toEqual({ schoolRule: null, resourceIndicators: [] });
  expect(await at('A01P4', times.after)).toEqual(await at('A01P4'));
  // Delivered with its statistics but no postings yet: the rule lacks its teacher figures.
  expect((await at('A01P4', times.after)).schoolRule.status).toBe('NO_DATA');
});

test('a page of schools as of an instant is a constant number of statements, whatever its size', async () => {
  const page = `query($first: Int!, $asOf: DateTimeISO) { schools(first: $first) { nodes { code
    schoolRule(year: 2024, stage: PRIMARY, asOf: $asOf) { status indicatorsMet }
    resourceIndicators(year: 2024, stage: PRIMARY, asOf: $asOf) { code status } } } }`;
  const one = await hub.counted(page, { first: 1, asOf: times.after });
  const all = await hub.counted(page, { first: 100, asOf: times.after });
  expect(one.response.errors).toBeUndefined();
  expect(all.response.errors).toBeUndefined();
  expect(all.response.data!.schools.nodes).toHaveLength(11);
  expect(all.response.data!.schools.nodes.filter((n: any) => n.schoolRule?.status === 'NOT_MET').map((n: any) => n.code)).toEqual(['A01P3']);
  // The page (and its count), then the facts of every district on it gathered once as of then: the districts, the
  // ten datasets (the postings in one aggregate, read beside the request: 3 more, D119), the batches named in the
  // evidence (15 measured). Two districts cost what one does.
  expect(all.statements).toBe(one.statements);
  expect(all.statements - SCOPE_STATEMENTS).toBeLessThanOrEqual(16);
});

const BASIC = `query($asOf: DateTimeISO) { district(code: "A01") { basicBalance(year: 2024, asOf: $asOf) {
  districtCode stages { stage schoolCount composite status cvs { code cvExact } } } }
  basicBalanceMonitoring(year: 2024, asOf: $asOf) { districtCode stages { stage schoolCount composite } } }`;

test('basic-balance monitoring as of an instant: the CVs of the data then', async () => {
  const at = async (asOf?: string) => ask(BASIC, { asOf });
  const primary = (d: any) => d.district.basicBalance.stages.find((s: any) => s.stage === 'PRIMARY');
  const before = await at(times.before);
  const after = await at(times.after);
  expect(primary(before).schoolCount).toBe(3);
  expect(primary(after).schoolCount).toBe(4);
  const r5 = (d: any) => primary(d).cvs.find((c: any) => c.code === 'R5').cvExact;
  expect(r5(before)).toBe('0'); // three schools of 8.0 m² a pupil
  expect(Number(r5(after))).toBeGreaterThan(0);
  expect(before.basicBalanceMonitoring.map((d: any) => d.districtCode)).toEqual(['A01', 'B02']);
  expect(await at()).toEqual(after);
  expect(await at(new Date().toISOString())).toEqual(after);
});

test('basic balance of a district not delivered yet then is refused through the catalogue, in either language', async () => {
  const query = `{ district(code: "A01") { basicBalance(year: 2024, asOf: "2001-01-01T00:00:00Z") { districtCode } } }`;
  const inLanguage = async (language: string) => {
    const res = await fetch(`${hub.url}/graphql`, { method: 'POST', headers: hub.headers({ 'content-type': 'application/json', 'accept-language': language }),
      body: JSON.stringify({ query }) });
    return ((await res.json()) as any).errors[0];
  };
  const zh = await inLanguage('zh-CN');
  expect(zh.extensions).toMatchObject({ code: 'NOT_FOUND', messageCode: 'EVALUATION_NOT_DELIVERED_YET' });
  expect(zh.message).toBe('区县 A01 在 2001-01-01T00:00:00.000Z 尚无任何数据，无法按当时的数据评估');
  expect((await inLanguage('en')).message).toBe('district A01 had no data at 2001-01-01T00:00:00.000Z: there is nothing to evaluate as of then');
  // The city-wide list leaves such districts out, like cityEvaluation.
  expect((await ask(`{ basicBalanceMonitoring(year: 2024, asOf: "2001-01-01T00:00:00Z") { districtCode } }`)).basicBalanceMonitoring).toEqual([]);
});

const FUNDING = `query($asOf: DateTimeISO) {
  district(code: "A01") { fundingChecks(fromYear: 2024, toYear: 2024, asOf: $asOf) { year expenditure previousExpenditure totalCheck perStudentCheck
    evidence { sources { dataset batchId } } } }
  fundingCheckViolations(year: 2024, asOf: $asOf) { districtCode check { totalCheck } }
  cityFundingSummary(year: 2024, asOf: $asOf) { totalExpenditure violatingDistricts totalCheck { met violated noData } } }`;

test('funding checks, violations and the city summary as of an instant: the expenditure finance had delivered then', async () => {
  const at = async (asOf?: string) => ask(FUNDING, { asOf });
  const before = await at(times.before);
  expect(before.district.fundingChecks[0]).toMatchObject({ expenditure: '31000000', previousExpenditure: '30000000', totalCheck: 'MET', perStudentCheck: 'MET' });
  expect(before.fundingCheckViolations).toEqual([]);
  expect(before.cityFundingSummary).toEqual({ totalExpenditure: '62000000', violatingDistricts: [], totalCheck: { met: 2, violated: 0, noData: 0 } });

  const after = await at(times.after);
  expect(after.district.fundingChecks[0]).toMatchObject({ expenditure: '29000000', totalCheck: 'VIOLATED', perStudentCheck: 'VIOLATED' });
  expect(after.fundingCheckViolations).toEqual([{ districtCode: 'A01', check: { totalCheck: 'VIOLATED' } }]);
  expect(after.cityFundingSummary).toEqual({ totalExpenditure: '60000000', violatingDistricts: ['A01'], totalCheck: { met: 1, violated: 1, noData: 0 } });
  // The evidence names the delivery the figure stood on then.
  const batches = (d: any) => d.district.fundingChecks[0].evidence.sources.filter((s: any) => s.dataset === 'education_expenditure').map((s: any) => s.batchId);
  expect(batches(before)[0]).not.toEqual(batches(after)[0]);

  expect(await at()).toEqual(after);
  expect(await at(new Date().toISOString())).toEqual(after);
});

const TREND = `query($asOf: DateTimeISO) { district(code: "A01") { trend(fromYear: 2024, toYear: 2024, asOf: $asOf) {
  years { year verdict schoolCount schoolsMeetingRule perStudentExpenditure } projection { basis year plannedCertificationYear late messageCode } } } }`;

test('the trend as of an instant: each year evaluated, and funded, as the data stood then', async () => {
  const at = async (asOf?: string) => (await ask(TREND, { asOf })).district.trend;
  const before = await at(times.before);
  expect(before.years).toEqual([{ year: 2024, verdict: 'QUALIFIED', schoolCount: 5, schoolsMeetingRule: 5, perStudentExpenditure: '10333.33' }]);
  expect(before.projection).toMatchObject({ basis: 'MET', year: 2024, plannedCertificationYear: 2025 });
  const after = await at(times.after);
  expect(after.years).toEqual([{ year: 2024, verdict: 'NOT_QUALIFIED', schoolCount: 6, schoolsMeetingRule: 4, perStudentExpenditure: '9666.67' }]);
  expect(await at()).toEqual(after);
  expect(await at(new Date().toISOString())).toEqual(after);
  // Not delivered by then: no trend (the field is nullable), not an error.
  expect(await at('2001-01-01T00:00:00Z')).toBeNull();
});

test('the early warning carries each district\'s latest certification stage against its plan', async () => {
  const recorded = await ask(`mutation { recordCertificationStage(input: { districtCode: "A01", stage: SELF_EVALUATION, reachedOn: "2024-04-15" }) {
    userErrors { code } certificationStage { stage reachedOn } } }`);
  expect(recorded.recordCertificationStage).toEqual({ userErrors: [], certificationStage: { stage: 'SELF_EVALUATION', reachedOn: '2024-04-15' } });
  const q = `{ certificationProgress(year: 2024) { earlyWarnings { districtCode plannedCertificationYear certificationStatus { stage reachedOn plannedCertificationYear late } } } }`;
  const plain = `{ certificationProgress(year: 2024) { earlyWarnings { districtCode plannedCertificationYear } } }`;
  await hub.counted(plain); // the year's evaluations, cached for both below
  const { response, statements } = await hub.counted(q);
  expect(response.errors).toBeUndefined();
  // A01 fails since the correction; planned for 2025, late once 2025 is past.
  const late = new Date().getFullYear() > 2025;
  expect(response.data!.certificationProgress.earlyWarnings).toEqual([
    { districtCode: 'A01', plannedCertificationYear: 2025, certificationStatus: { stage: 'SELF_EVALUATION', reachedOn: '2024-04-15', plannedCertificationYear: 2025, late } },
  ]);
  // The stages of every warned district in one statement beside the evaluation's.
  const without = await hub.counted(plain);
  expect(statements - without.statements).toBe(1);
});
