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
  expect(batches[0]).toEqual({ n: 13, seed: true });
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

test('the designed class-size failures show as G05 blockers', async () => {
  const res = await hub.graphql(`{ cityEvaluation(year: 2024) { districts { districtCode governmentGuarantee { code status } } } }`);
  const failingG05 = res.data!.cityEvaluation.districts
    .filter((d: { governmentGuarantee: { code: string; status: string }[] }) => d.governmentGuarantee.some((g) => g.code === 'G05' && g.status === 'NOT_MET'))
    .map((d: { districtCode: string }) => d.districtCode);
  expect(failingG05.sort()).toEqual([...DESIGNED.oversizedClassDistricts].sort());
});

test('loading the same generated data again changes nothing', async () => {
  const before = await holdings(ds);
  const summaries = await loadGenerated(ds, { scale: 'demo' });
  expect(summaries.every((s) => s.alreadyImported)).toBe(true);
  expect(await holdings(ds)).toEqual(before);
});
