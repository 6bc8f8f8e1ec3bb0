import { DataSource } from 'typeorm';
import { loadConfig } from '../../src/config';
import { evaluationCacheStats } from '../../src/compliance/evaluation.service';
import { openTestDataSource, truncateAll } from '../helpers/database';
import { buildDistrict } from '../helpers/district-fixture';
import { Fixtures } from '../helpers/fixtures';
import { TestHub } from '../helpers/server';

/**
 * Incremental invalidation (D101, #15.1): a delivery for one district recomputes that district only; the others'
 * cached facts and evaluations stay valid. Every answer must be the one a cold computation gives.
 */
let ds: DataSource;
let hub: TestHub;

const CITY = `query($year: Int!) { cityEvaluation(year: $year) { qualifiedCount notQualifiedCount insufficientDataCount
  districts { districtCode verdict blockers { code schoolCode message } resourceAllocation { stage schoolsMeetingRule spread { code cv status } } } } }`;

beforeAll(async () => {
  ds = await openTestDataSource();
  await truncateAll(ds);
  const fx = new Fixtures(ds);
  for (const code of ['A01', 'B02', 'C03', 'D04']) await buildDistrict(fx, { code });
  // The whole-response cache is off: what is measured is the evaluation work under it.
  hub = await TestHub.start(ds, loadConfig({ ...process.env, RESPONSE_CACHE_BYTES: '0' }));
});
afterAll(async () => {
  await hub?.stop();
  await ds?.destroy();
});

/** The city evaluation, and how many districts' facts were gathered and evaluated to answer it. */
async function city() {
  const before = evaluationCacheStats();
  const res = await hub.graphql(CITY, { year: 2024 });
  expect(res.errors).toBeUndefined();
  const after = evaluationCacheStats();
  return {
    city: res.data!.cityEvaluation,
    gathered: after.computed.facts - before.computed.facts,
    evaluated: after.computed.evaluations - before.computed.evaluations,
  };
}

const verdicts = (c: { districts: { districtCode: string; verdict: string }[] }) => Object.fromEntries(c.districts.map((d) => [d.districtCode, d.verdict]));

test('a cold city evaluation computes every district; a repeat computes none', async () => {
  const first = await city();
  expect(first.evaluated).toBe(4);
  expect(first.gathered).toBe(4);
  expect(verdicts(first.city)).toEqual({ A01: 'QUALIFIED', B02: 'QUALIFIED', C03: 'QUALIFIED', D04: 'QUALIFIED' });
  const again = await city();
  expect(again).toMatchObject({ evaluated: 0, gathered: 0 });
  expect(again.city).toEqual(first.city);
});

test('a change to one school of B02 recomputes B02 only, and the answer is the cold one', async () => {
  // Third primary school of B02: 3000 m² of sports area for 500 students (6.0 < 7.5, under 85% of it): the school fails.
  await ds.query(`UPDATE school_stats SET sports_area_m2 = 3000 WHERE school_code = 'B02P3' AND year = 2024`);
  const after = await city();
  expect(after).toMatchObject({ evaluated: 1, gathered: 1 });
  expect(verdicts(after.city)).toEqual({ A01: 'QUALIFIED', B02: 'NOT_QUALIFIED', C03: 'QUALIFIED', D04: 'QUALIFIED' });

  // The same data computed from nothing (a TRUNCATE-free way to empty the caches: a new epoch) gives the same answer.
  await ds.query(`UPDATE district_data_version SET version = nextval('district_data_version_seq') WHERE district_code = '*'`);
  const cold = await city();
  expect(cold.evaluated).toBe(4);
  expect(cold.city).toEqual(after.city);
});

test('a delivery spanning districts (a school moved from C03 to D04) recomputes both', async () => {
  await ds.query(`UPDATE schools SET district_code = 'D04' WHERE code = 'C03J2'`);
  const after = await city();
  expect(after).toMatchObject({ evaluated: 2, gathered: 2 });
  await ds.query(`UPDATE schools SET district_code = 'C03' WHERE code = 'C03J2'`);
  expect(await city()).toMatchObject({ evaluated: 2 });
});

test('deletes count too: teacher postings removed from one school of A01 recompute A01 only', async () => {
  await ds.query(`DELETE FROM teacher_postings WHERE school_code = 'A01P1' AND teacher_id LIKE '%-T2_'`);
  expect(await city()).toMatchObject({ evaluated: 1, gathered: 1 });
});

test('a rating set through the API (a writer without rights on the version table) recomputes that district only', async () => {
  const res = await hub.graphql(`mutation($input: SetRatingInput!) { setRating(input: $input) { userErrors { code message } rating { met } } }`, {
    input: { districtCode: 'C03', year: 2024, indicator: 'G01', met: false, note: '督导评定不达标', expectedVersion: 1 },
  });
  expect(res.errors).toBeUndefined();
  expect(res.data!.setRating.userErrors).toEqual([]);
  const after = await city();
  expect(after).toMatchObject({ evaluated: 1, gathered: 1 });
  expect(verdicts(after.city).C03).toBe('NOT_QUALIFIED');
});

test('a TRUNCATE names no rows: it starts a new epoch and everything is recomputed', async () => {
  const { rows } = { rows: await ds.query(`SELECT version FROM district_data_version WHERE district_code = '*'`) };
  await ds.query(`TRUNCATE civil_servant_pay`);
  const [now] = await ds.query(`SELECT version FROM district_data_version WHERE district_code = '*'`);
  expect(BigInt(now.version)).toBeGreaterThan(BigInt(rows[0].version));
  expect(await city()).toMatchObject({ evaluated: 4 });
});
