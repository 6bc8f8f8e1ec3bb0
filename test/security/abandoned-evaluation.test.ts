import { DataSource } from 'typeorm';
import { DISTRICTS_PER_GROUP, evaluationCacheStats } from '../../src/compliance/evaluation.service';
import { CITY_EVALUATION, CITY_FIGURES } from '../../bench/queries';
import { openTestDataSource, truncateAll } from '../helpers/database';
import { buildDistrict } from '../helpers/district-fixture';
import { Fixtures } from '../helpers/fixtures';
import { TestHub } from '../helpers/server';

/**
 * D123: a city-wide evaluation runs district by district in groups, keeps only what the query selects, and stops at
 * the next district boundary once its client has gone. Over real HTTP, with more districts than one group.
 */
const DISTRICTS = DISTRICTS_PER_GROUP + 18;
let ds: DataSource;
let hub: TestHub;
beforeAll(async () => {
  ds = await openTestDataSource();
  await truncateAll(ds);
  const fx = new Fixtures(ds);
  for (let i = 0; i < DISTRICTS; i++) await buildDistrict(fx, { code: `D${String(i).padStart(2, '0')}` });
}, 120_000);
beforeEach(async () => {
  hub = await TestHub.start(ds);
});
afterEach(async () => {
  await hub?.stop();
});
afterAll(async () => {
  await ds?.destroy();
});

/** Every district cold again: a new epoch (as a TRUNCATE would), so the caches keep nothing. */
async function everyDistrictCold(): Promise<void> {
  await ds.query(`UPDATE district_data_version SET version = nextval('district_data_version_seq') WHERE district_code = '*'`);
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

test('a client that hangs up mid-evaluation stops it at the next district, and leaves no transaction open', async () => {
  await everyDistrictCold();
  const before = evaluationCacheStats().computed;
  const controller = new AbortController();
  const request = fetch(`${hub.url}/graphql`, {
    method: 'POST',
    headers: hub.headers({ 'content-type': 'application/json' }),
    body: JSON.stringify({ query: CITY_FIGURES, variables: { year: 2024 } }),
    signal: controller.signal,
  }).then((r) => r.text()).catch((e: Error) => e.name);
  // The server runs in this process: hang up as soon as the first district has been evaluated.
  for (let i = 0; i < 100_000 && evaluationCacheStats().computed.evaluations === before.evaluations; i++) await tick();
  expect(evaluationCacheStats().computed.evaluations).toBeGreaterThan(before.evaluations);
  controller.abort();
  expect(await request).toBe('AbortError');
  // The request ends with the abandon, well before all districts are evaluated.
  for (let i = 0; i < 100 && evaluationCacheStats().computed.abandoned === before.abandoned; i++) await new Promise((r) => setTimeout(r, 20));
  const after = evaluationCacheStats().computed;
  expect(after.abandoned).toBeGreaterThan(before.abandoned);
  expect(after.evaluations - before.evaluations).toBeLessThan(DISTRICTS / 2);
  // Nothing more is computed afterwards.
  await new Promise((r) => setTimeout(r, 300));
  expect(evaluationCacheStats().computed.evaluations).toBe(after.evaluations);
  let stuck = -1;
  for (let i = 0; i < 50 && stuck !== 0; i++) {
    [{ n: stuck }] = await ds.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%'`);
    if (stuck) await new Promise((r) => setTimeout(r, 100));
  }
  expect(stuck).toBe(0);
  // The next client is answered, with every district.
  const res = await hub.graphql(`{ cityEvaluation(year: 2024) { qualifiedCount notQualifiedCount insufficientDataCount districts { districtCode } } }`);
  expect(res.errors).toBeUndefined();
  expect(res.data!.cityEvaluation.districts).toHaveLength(DISTRICTS);
});

test('what the query selects is kept: the same answer as from the whole results, across groups', async () => {
  await everyDistrictCold();
  // Asking for the city's cost to qualify keeps every district's results whole (projection.ts): the reference.
  const whole = (q: string) => q.replace('cityEvaluation(year: $year) {', 'cityEvaluation(year: $year) { costToQualify { schoolsPriced } ');
  // Fields whose resolvers read other properties (messages, units, schools, districts) or lazy evidence.
  const READERS = `query R($year: Int!) { cityEvaluation(year: $year) { qualifiedCount districts {
    district { code } precondition { met message }
    blockers { code messageCode messageParams }
    resourceAllocation { stage ...Rules spread { code cvExact messageCode missingSchools } }
    governmentGuarantee { code unitName valueExact evidence { inputs { name value } } schools { school { code } status evidence { sources { dataset rowKey } } } }
  } } }
  fragment Rules on StageAllocation { schoolRules { school { code } message indicators { code unitName shortfall { unitName description descriptionCode } } } }`;
  for (const query of [CITY_FIGURES, CITY_EVALUATION, READERS]) {
    const projected = await hub.graphql(query, { year: 2024 });
    const reference = await hub.graphql(whole(query), { year: 2024 });
    expect(projected.errors).toBeUndefined();
    expect(reference.errors).toBeUndefined();
    expect(reference.data!.cityEvaluation.costToQualify).toBeDefined();
    delete reference.data!.cityEvaluation.costToQualify;
    expect(projected.data).toEqual(reference.data);
    expect(projected.data!.cityEvaluation.districts).toHaveLength(DISTRICTS);
  }
});
