import { DataSource } from 'typeorm';
import { DESIGNED } from '../../seeds/generator';
import { holdings, loadGenerated } from '../../seeds/load';
import { openTestDataSource, truncateAll } from '../helpers/database';
import { TestHub } from '../helpers/server';

/**
 * The demo data, loaded through the real importer and judged by the real engine over HTTP, shows exactly the
 * properties the generator was designed to have.
 */
let ds: DataSource;
let hub: TestHub;

beforeAll(async () => {
  ds = await openTestDataSource();
  await truncateAll(ds);
  await loadGenerated(ds, { scale: 'demo' });
  hub = await TestHub.start(ds);
}, 180_000);
afterAll(async () => {
  await hub?.stop();
  await ds.destroy();
});

test('the demo holds the 41 districts and a city of schools and postings', async () => {
  const held = await holdings(ds);
  expect(held.districts).toBe(41);
  expect(held.schools).toBe(1500);
  expect(held.teacherPostings).toBeGreaterThan(150_000);
  const batches = await ds.query(`SELECT count(*)::int AS n, bool_and(loaded_by = 'seed') AS seed FROM import_batch WHERE status = 'succeeded'`);
  // One batch per dataset: the thirteen departmental datasets and the unit costs (D117).
  expect(batches[0]).toEqual({ n: 14, seed: true });
});

test.each(DESIGNED.schoolYears)('the districts qualifying in %i are the designed ones', async (year) => {
  const res = await hub.graphql(`query($year: Int!) { cityEvaluation(year: $year) { qualifiedCount districts { districtCode verdict } } }`, { year });
  expect(res.errors).toBeUndefined();
  const qualified = res.data!.cityEvaluation.districts.filter((d: { verdict: string }) => d.verdict === 'QUALIFIED').map((d: { districtCode: string }) => d.districtCode);
  expect(qualified.sort()).toEqual([...DESIGNED.qualifying[year]].sort());
});

test('fundingCheckViolations finds the designed decreases', async () => {
  const res = await hub.graphql(`query($year: Int!) { fundingCheckViolations(year: $year) { districtCode check { totalCheck perStudentCheck basis } } }`, {
    year: DESIGNED.decreasingExpenditureYear,
  });
  const byCode = Object.fromEntries(res.data!.fundingCheckViolations.map((v: { districtCode: string; check: unknown }) => [v.districtCode, v.check]));
  expect(byCode[DESIGNED.decreasingExpenditureDistrict]).toMatchObject({ totalCheck: 'VIOLATED', basis: 'FINAL' });
  expect(byCode[DESIGNED.perStudentDecreaseDistrict]).toMatchObject({ totalCheck: 'MET', perStudentCheck: 'VIOLATED' });
  expect(Object.keys(byCode).sort()).toEqual([DESIGNED.decreasingExpenditureDistrict, DESIGNED.perStudentDecreaseDistrict].sort());
});

const FAILING = `query($year: Int!) { cityEvaluation(year: $year) { districts { districtCode
  governmentGuarantee { code status } educationQuality { code status } socialRecognition { code status } vetoes { code status }
  resourceAllocation { failingSchools { schoolCode } } } } }`;

test.each(DESIGNED.schoolYears)('in %i each designed failure shows in exactly its districts', async (year) => {
  const res = await hub.graphql(FAILING, { year });
  expect(res.errors).toBeUndefined();
  type D = { districtCode: string; governmentGuarantee: R[]; educationQuality: R[]; socialRecognition: R; vetoes: R[]; resourceAllocation: { failingSchools: unknown[] }[] };
  type R = { code: string; status: string };
  const districts: D[] = res.data!.cityEvaluation.districts;
  const failing = (code: string) =>
    districts
      .filter((d) => [...d.governmentGuarantee, ...d.educationQuality, d.socialRecognition, ...d.vetoes].some((r) => r.code === code && r.status === 'NOT_MET'))
      .map((d) => d.districtCode)
      .sort();
  expect(failing('G05')).toEqual([...DESIGNED.oversizedClassDistricts].sort());
  expect(failing('G04')).toEqual([...DESIGNED.oversizedSchoolDistricts].sort());
  expect(failing('G08')).toEqual([...DESIGNED.teacherPayBelowCivilServantDistricts].sort());
  expect(failing('S01')).toEqual([...DESIGNED.lowSatisfactionDistricts].sort());
  expect(failing('G06')).toEqual([...DESIGNED.underfundedSmallSchoolDistricts].sort());
  expect(failing('G07')).toEqual([...DESIGNED.underfundedSpecialSchoolDistricts].sort());
  expect(failing('Q04')).toEqual([...DESIGNED.lowTrainingSpendDistricts].sort());
  expect(failing(DESIGNED.vetoEvent.indicator)).toEqual(year === DESIGNED.vetoEvent.year ? [DESIGNED.vetoEvent.districtCode] : []);
  for (const code of DESIGNED.smallArtsRoomDistricts) expect(failing('G03')).toContain(code);
  expect(failing('G11').includes(DESIGNED.rotationShortfall.districtCode)).toBe(year === DESIGNED.rotationShortfall.year);
  const nearMiss = districts.find((d) => d.districtCode === DESIGNED.nearMissDistrict)!;
  expect(nearMiss.resourceAllocation.flatMap((s) => s.failingSchools)).toHaveLength(1);
  const cramped = districts.find((d) => d.districtCode === DESIGNED.crampedSportsDistrict)!;
  expect(cramped.resourceAllocation.flatMap((s) => s.failingSchools).length).toBeGreaterThan(5);
});

test('loading the same generated data again changes nothing', async () => {
  const before = await holdings(ds);
  const summaries = await loadGenerated(ds, { scale: 'demo' });
  expect(summaries.every((s) => s.alreadyImported)).toBe(true);
  expect(await holdings(ds)).toEqual(before);
});
