import { DataSource } from 'typeorm';
import { openTestDataSource, truncateAll } from '../helpers/database';
import { buildDistrict } from '../helpers/district-fixture';
import { Fixtures } from '../helpers/fixtures';
import { TestHub } from '../helpers/server';

let ds: DataSource;
let hub: TestHub;

const EVALUATION = `query($code: String!, $year: Int!) {
  district(code: $code) {
    evaluation(year: $year) {
      verdict
      blockers { code message schoolCode stage status }
      resourceAllocation { stage schoolCount schoolsMeetingRule failingSchools { school { code } failing { code } } spread { code cv limit status } }
      governmentGuarantee { code status value threshold }
      educationQuality { code status }
      socialRecognition { code status value }
      vetoes { code status }
    }
  }
}`;

beforeAll(async () => {
  ds = await openTestDataSource();
  await truncateAll(ds);
  const fx = new Fixtures(ds);
  await buildDistrict(fx, { code: 'A01', plannedCertificationYear: 2024 });
  await buildDistrict(fx, { code: 'B02', thirdPrimarySportsAreaM2: '40000', plannedCertificationYear: 2025 });
  await buildDistrict(fx, { code: 'C03', firstPrimaryMaxClassSize: 56, plannedCertificationYear: 2026 });
  await buildDistrict(fx, { code: 'D04', withoutRatings: ['Q06'], plannedCertificationYear: 2025 });
  await fx.districts({ code: 'E05', name: '已认定区', plannedCertificationYear: 2023, certified: true });
  hub = await TestHub.start(ds);
});
afterAll(async () => {
  await hub.stop();
  await ds.destroy();
});

async function evaluate(code: string) {
  const res = await hub.graphql(EVALUATION, { code, year: 2024 });
  expect(res.errors).toBeUndefined();
  return res.data!.district.evaluation;
}

test('a district meeting every indicator is QUALIFIED', async () => {
  const e = await evaluate('A01');
  expect(e.blockers).toEqual([]);
  expect(e.verdict).toBe('QUALIFIED');
  expect(e.resourceAllocation).toHaveLength(2);
  const primary = e.resourceAllocation.find((s: { stage: string }) => s.stage === 'PRIMARY');
  expect(primary).toMatchObject({ schoolCount: 3, schoolsMeetingRule: 3, failingSchools: [] });
  expect(primary.spread).toHaveLength(7);
  for (const s of primary.spread) expect(s).toMatchObject({ cv: 0, status: 'MET', limit: 0.5 });
  const g05 = e.governmentGuarantee.find((g: { code: string }) => g.code === 'G05');
  expect(g05.status).toBe('MET');
  expect(e.socialRecognition).toMatchObject({ code: 'S01', status: 'MET', value: 0.9 });
});

test('a district failing only on spread is NOT_QUALIFIED with the CV blockers', async () => {
  const e = await evaluate('B02');
  expect(e.verdict).toBe('NOT_QUALIFIED');
  // Sports area per student 8, 8, 80 with 500 students each: mean 32, S = sqrt((2·24² + 48²)/3) = 33.94, CV = 1.061.
  const primary = e.resourceAllocation.find((s: { stage: string }) => s.stage === 'PRIMARY');
  const r5 = primary.spread.find((s: { code: string }) => s.code === 'CV_R5');
  expect(r5.status).toBe('NOT_MET');
  expect(r5.cv).toBeCloseTo(1.0607, 3);
  expect(primary.schoolsMeetingRule).toBe(3);
  expect(e.blockers.map((b: { code: string }) => b.code)).toEqual(['CV_R5']);
});

test('a district failing only on G05 class size', async () => {
  const e = await evaluate('C03');
  expect(e.verdict).toBe('NOT_QUALIFIED');
  expect(e.blockers.map((b: { code: string }) => b.code)).toEqual(['G05']);
  expect(e.blockers[0].message).toMatch(/C03P1/);
});

test('a district with a missing rating has INSUFFICIENT_DATA', async () => {
  const e = await evaluate('D04');
  expect(e.verdict).toBe('INSUFFICIENT_DATA');
  expect(e.blockers).toEqual([expect.objectContaining({ code: 'Q06', status: 'NO_DATA' })]);
  expect(e.educationQuality.find((q: { code: string }) => q.code === 'Q06').status).toBe('NO_DATA');
});

test('city evaluation, certification progress and the early warning', async () => {
  const res = await hub.graphql(`{
    cityEvaluation(year: 2024) { qualifiedCount notQualifiedCount insufficientDataCount districts { districtCode verdict } }
    certificationProgress(year: 2024) {
      plannedYears { plannedYear plannedCount qualifiedOnDataCount certifiedCount }
      earlyWarnings { districtCode plannedCertificationYear verdict blockers { code } district { name } }
    }
  }`);
  expect(res.errors).toBeUndefined();
  const city = res.data!.cityEvaluation;
  expect(city.districts).toHaveLength(5);
  expect(city.qualifiedCount).toBe(1);
  // E05 has no data at all: never a pass.
  expect(city.districts.find((d: { districtCode: string }) => d.districtCode === 'E05').verdict).not.toBe('QUALIFIED');
  const progress = res.data!.certificationProgress;
  expect(progress.plannedYears).toEqual([
    { plannedYear: 2023, plannedCount: 1, qualifiedOnDataCount: 0, certifiedCount: 1 },
    { plannedYear: 2024, plannedCount: 1, qualifiedOnDataCount: 1, certifiedCount: 0 },
    { plannedYear: 2025, plannedCount: 2, qualifiedOnDataCount: 0, certifiedCount: 0 },
    { plannedYear: 2026, plannedCount: 1, qualifiedOnDataCount: 0, certifiedCount: 0 },
  ]);
  // Planned by 2025, not certified, not qualified now: B02 and D04 (A01 qualifies; C03 is planned for 2026; E05 is certified).
  expect(progress.earlyWarnings.map((w: { districtCode: string }) => w.districtCode)).toEqual(['B02', 'D04']);
  expect(progress.earlyWarnings[0]).toMatchObject({ verdict: 'NOT_QUALIFIED', blockers: [{ code: 'CV_R5' }], district: { name: '区B02' } });
});

test('school fields: resource indicators with shortfalls, and the school rule', async () => {
  const res = await hub.graphql(`{ school(code: "B02P3") {
    resourceIndicators(year: 2024, stage: PRIMARY) { code value threshold status shortfall { amount unit description }
      evidence { inputs { name value } sources { dataset department fileName rowKey batch { dataset } } } }
    schoolRule(year: 2024, stage: PRIMARY) { met indicatorsMet status }
    junior: schoolRule(year: 2024, stage: JUNIOR) { met }
  } }`);
  expect(res.errors).toBeUndefined();
  const school = res.data!.school;
  expect(school.resourceIndicators.map((r: { code: string }) => r.code)).toEqual(['R1', 'R2', 'R3', 'R4', 'R5', 'R6', 'R7']);
  const r5 = school.resourceIndicators[4];
  expect(r5).toMatchObject({ value: 80, threshold: 7.5, status: 'MET', shortfall: null });
  const sources = r5.evidence.sources.map((s: { dataset: string; department: string }) => `${s.dataset}:${s.department}`);
  expect(sources).toContain('school_stats:EDUCATION');
  expect(school.schoolRule).toEqual({ met: true, indicatorsMet: 7, status: 'MET' });
  expect(school.junior).toBeNull();
});

test('a city evaluation costs a fixed number of SQL statements', async () => {
  const q = `{ cityEvaluation(year: 2024) { districts { verdict blockers { code } resourceAllocation { failingSchools { school { code } } spread { cv } } } } }`;
  // Both measured cold: each follows a change of the data, which changes the cache key.
  const fx = new Fixtures(ds);
  await buildDistrict(fx, { code: 'F06' });
  const first = await hub.counted(q);
  expect(first.response.errors).toBeUndefined();
  for (const code of ['G07', 'H08']) await buildDistrict(new Fixtures(ds), { code });
  const second = await hub.counted(q);
  expect(second.response.data!.cityEvaluation.districts).toHaveLength(8);
  expect(second.statements).toBe(first.statements);
});

test('evaluations are cached per data version: a repeat reads no facts, a change of data is seen at once', async () => {
  const q = `{ district(code: "A01") { evaluation(year: 2024) { verdict blockers { code } } } }`;
  await ds.query(`UPDATE surveys SET satisfied = satisfied`); // any write bumps the data version: the next read is cold
  const cold = await hub.counted(q);
  const warm = await hub.counted(q);
  expect(warm.response).toEqual(cold.response);
  expect(warm.statements).toBeLessThan(cold.statements);
  // An inspector's rating changes (as an import would): the very next request sees it.
  await ds.query(`UPDATE ratings SET met = false WHERE district_code = 'A01' AND year = 2024 AND indicator = 'Q07'`);
  const changed = await hub.graphql(q);
  expect(changed.data!.district.evaluation).toMatchObject({ verdict: 'NOT_QUALIFIED', blockers: [{ code: 'Q07' }] });
  await ds.query(`UPDATE ratings SET met = true WHERE district_code = 'A01' AND year = 2024 AND indicator = 'Q07'`);
  expect((await hub.graphql(q)).data!.district.evaluation.verdict).toBe('QUALIFIED');
});

test('JB2012 has no verdict: asking for one is a clear BAD_USER_INPUT, basicBalance gives its CVs', async () => {
  const res = await hub.graphql(`{ district(code: "B02") { evaluation(year: 2024, standard: JB2012) { verdict } basicBalance(year: 2024) {
    stages { stage composite limit status cvs { code cv } } } } }`);
  expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'standard' });
  const res2 = await hub.graphql(`{ district(code: "B02") { basicBalance(year: 2024) { stages { stage composite limit status cvs { code cv } } } } }`);
  const primary = res2.data!.district.basicBalance.stages.find((s: { stage: string }) => s.stage === 'PRIMARY');
  // Only R5 varies (CV 1.0607); the six others are 0: composite = 1.0607 / 7 = 0.1515 ≤ 0.65.
  expect(primary.limit).toBe(0.65);
  expect(primary.composite).toBeCloseTo(0.1515, 3);
  expect(primary.status).toBe('MET');
});
