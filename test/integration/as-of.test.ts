import { DataSource } from 'typeorm';
import { loadConfig } from '../../src/config';
import { Role } from '../../src/auth/roles';
import { importRows } from '../../src/ingestion/pipeline';
import { openTestDataSource, truncateAll } from '../helpers/database';
import { buildDistrict } from '../helpers/district-fixture';
import { Fixtures } from '../helpers/fixtures';
import { TestHub } from '../helpers/server';

/**
 * Evaluations as they stood (可追溯, #16.3): `evaluation(asOf:)` reads every dataset as it stood at the instant, so an
 * evaluation before a re-delivery keeps the old verdict and one after it gives the new one (the live answer).
 */
let ds: DataSource;
let hub: TestHub;
const times: Record<string, string> = {};

const EVAL = `query($code: String!, $asOf: DateTimeISO) { district(code: $code) { evaluation(year: 2024, asOf: $asOf) {
  districtCode verdict blockers { code schoolCode }
  resourceAllocation { stage schoolCount schoolsMeetingRule spread { code cv status } }
  governmentGuarantee { code status } } } }`;

const pause = () => new Promise((r) => setTimeout(r, 20));
const stamp = async (name: string) => {
  await pause();
  times[name] = new Date().toISOString();
  await pause();
};

async function evaluation(code: string, asOf?: string, client = hub) {
  const res = await client.graphql(EVAL, { code, asOf });
  expect(res.errors).toBeUndefined();
  return res.data!.district?.evaluation ?? null;
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
  hub = await TestHub.start(ds, loadConfig({ ...process.env, RESPONSE_CACHE_BYTES: '0' }));
  await stamp('before');
  // The re-delivery: A01P3's sports area falls to 3000 m² (6.0 < 85% of 7.5) and a school A01P4 appears.
  await importRows(ds, { dataset: 'schools', fileName: 'schools-A01P4.csv', loadedBy: 'test', rows: [
    { school_code: 'A01P4', name: '学校A01P4', district_code: 'A01', school_type: 'primary', location: 'urban', boarding: 'false', ownership: 'public' },
  ] });
  const redelivery = await importRows(ds, { dataset: 'school_stats', fileName: 'school_stats-2024-corrected.csv', loadedBy: 'test',
    rows: [primaryStats('A01P3', '3000'), primaryStats('A01P4', '4000')] });
  expect(redelivery).toMatchObject({ status: 'succeeded', rowsUpdated: 1, rowsInserted: 1 });
  await stamp('after');
  // An API write (a batch of kind 'api'): B02's G01 rating is withdrawn.
  const rated = await hub.graphql(`mutation { setRating(input: { districtCode: "B02", year: 2024, indicator: "G01", met: false, expectedVersion: 1 }) {
    userErrors { code message } } }`);
  expect(rated.errors).toBeUndefined();
  expect(rated.data!.setRating.userErrors).toEqual([]);
  await stamp('rated');
});
afterAll(async () => {
  await hub?.stop();
  await ds?.destroy();
});

test('before a re-delivery the old verdict, after it the new one, and asOf now equals the live answer', async () => {
  const before = await evaluation('A01', times.before);
  expect(before.verdict).toBe('QUALIFIED');
  // The school first delivered after the instant is absent from it.
  expect(before.resourceAllocation.find((s: any) => s.stage === 'PRIMARY').schoolCount).toBe(3);

  const after = await evaluation('A01', times.after);
  expect(after.verdict).toBe('NOT_QUALIFIED');
  expect(after.resourceAllocation.find((s: any) => s.stage === 'PRIMARY').schoolCount).toBe(4);
  expect(after.blockers.map((b: any) => b.schoolCode)).toContain('A01P3');

  expect(await evaluation('A01')).toEqual(after);
  expect(await evaluation('A01', new Date().toISOString())).toEqual(after);
});

test('an API write (a rating through a mutation) is seen from its instant on', async () => {
  const g01 = (e: any) => e.governmentGuarantee.find((g: any) => g.code === 'G01').status;
  expect(g01(await evaluation('B02', times.after))).toBe('MET');
  expect((await evaluation('B02', times.after)).verdict).toBe('QUALIFIED');
  const rated = await evaluation('B02', times.rated);
  expect(g01(rated)).toBe('NOT_MET');
  expect(rated.verdict).toBe('NOT_QUALIFIED');
  expect(rated).toEqual(await evaluation('B02'));
});

test('before any delivery there is nothing to evaluate: the district was not known then', async () => {
  const res = await hub.graphql(`query($asOf: DateTimeISO) { cityEvaluation(year: 2024, asOf: $asOf) { districts { districtCode } qualifiedCount } }`,
    { asOf: '2001-01-01T00:00:00Z' });
  expect(res.errors).toBeUndefined();
  expect(res.data!.cityEvaluation).toEqual({ districts: [], qualifiedCount: 0 });
});

test('cityEvaluation as of an instant gives each district its verdict then', async () => {
  const q = `query($asOf: DateTimeISO) { cityEvaluation(year: 2024, asOf: $asOf) { districts { districtCode verdict } } }`;
  const at = async (asOf: string) => (await hub.graphql(q, { asOf })).data!.cityEvaluation.districts;
  expect(await at(times.before)).toEqual([{ districtCode: 'A01', verdict: 'QUALIFIED' }, { districtCode: 'B02', verdict: 'QUALIFIED' }]);
  expect(await at(times.rated)).toEqual([{ districtCode: 'A01', verdict: 'NOT_QUALIFIED' }, { districtCode: 'B02', verdict: 'NOT_QUALIFIED' }]);
});

test('row-level security holds as of an instant: a district officer sees only their district then too', async () => {
  const officer = hub.as({ role: Role.DISTRICT_OFFICER, district: 'A01' });
  const res = await officer.graphql(`query($asOf: DateTimeISO) { cityEvaluation(year: 2024, asOf: $asOf) { districts { districtCode verdict } } }`,
    { asOf: times.before });
  expect(res.errors).toBeUndefined();
  expect(res.data!.cityEvaluation.districts).toEqual([{ districtCode: 'A01', verdict: 'QUALIFIED' }]);
  expect(await evaluation('B02', times.before, officer)).toBeNull();
});
