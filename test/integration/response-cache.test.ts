import { DataSource } from 'typeorm';
import { Role } from '../../src/auth/roles';
import { openTestDataSource, truncateAll } from '../helpers/database';
import { buildDistrict } from '../helpers/district-fixture';
import { Fixtures } from '../helpers/fixtures';
import { TestHub } from '../helpers/server';

/** Whole responses are reused only for the same query, viewer scope and data version. */
let ds: DataSource;
let hub: TestHub;
beforeAll(async () => {
  ds = await openTestDataSource();
  await truncateAll(ds);
  const fx = new Fixtures(ds);
  await buildDistrict(fx, { code: 'A01' });
  await buildDistrict(fx, { code: 'B02' });
  hub = await TestHub.start(ds);
});
afterAll(async () => {
  await hub?.stop();
  await ds?.destroy();
});

async function ask(client: TestHub, query: string): Promise<{ cache: string | null; body: unknown }> {
  const res = await fetch(`${client.url}/graphql`, { method: 'POST', headers: client.headers({ 'content-type': 'application/json' }), body: JSON.stringify({ query }) });
  return { cache: res.headers.get('x-junheng-cache'), body: await res.json() };
}

const QUERY = `{ districts { nodes { code } } cityEvaluation(year: 2024) { districts { districtCode verdict } } }`;

test('a repeated query is served from the cache, unchanged', async () => {
  const first = await ask(hub, QUERY);
  const second = await ask(hub, QUERY);
  expect(first.cache).toBeNull();
  expect(second.cache).toBe('hit');
  expect(second.body).toEqual(first.body);
});

test('another viewer scope never gets a cached answer meant for someone else', async () => {
  await ask(hub, QUERY);
  const officer = await ask(hub.as({ role: Role.DISTRICT_OFFICER, district: 'B02' }), QUERY);
  expect(officer.cache).toBeNull();
  expect(JSON.stringify(officer.body)).not.toMatch(/A01/);
});

test('any write makes the next answer fresh', async () => {
  await ask(hub, QUERY);
  await ds.query(`UPDATE surveys SET satisfied = 0 WHERE district_code = 'A01'`);
  const after = await ask(hub, QUERY);
  expect(after.cache).toBeNull();
  expect(JSON.stringify(after.body)).toMatch(/"districtCode":"A01","verdict":"NOT_QUALIFIED"/);
});

test('answers with errors are not kept: each refusal is met again', async () => {
  const analyst = hub.as({ role: Role.ANALYST });
  const q = `{ school(code: "A01P1") { teacherPostings { nodes { stage } } } }`;
  const first = await ask(analyst, q);
  const second = await ask(analyst, q);
  expect(second.cache).toBeNull();
  expect(second.body).toEqual(first.body);
});

describe("a district officer's answers are keyed by their district's data version (D114)", () => {
  const OFFICER_QUERY = `{ districts { nodes { code } } schools { nodes { code name } } cityEvaluation(year: 2024) { districts { districtCode verdict } } }`;
  const officer = () => hub.as({ role: Role.DISTRICT_OFFICER, district: 'A01' });
  /** The same query answered with the cache bypassed (a whitespace variant is another key): the truth to compare to. */
  const fresh = async () => (await ask(officer(), `${OFFICER_QUERY} `)).body;

  test("a delivery for another district keeps the officer's cached answer, and it is still right", async () => {
    await ask(officer(), OFFICER_QUERY);
    expect((await ask(officer(), OFFICER_QUERY)).cache).toBe('hit');
    await ds.query(`UPDATE surveys SET satisfied = satisfied WHERE district_code = 'B02'`);
    await ds.query(`UPDATE schools SET name = name || '改' WHERE district_code = 'B02'`);
    const after = await ask(officer(), OFFICER_QUERY);
    expect(after.cache).toBe('hit');
    expect(after.body).toEqual(await fresh());
    // The supervisor reads every district: their key moved.
    await ask(hub, QUERY);
    await ds.query(`UPDATE surveys SET satisfied = satisfied WHERE district_code = 'B02'`);
    expect((await ask(hub, QUERY)).cache).toBeNull();
  });

  test("a delivery for the officer's own district is never served stale", async () => {
    await ask(officer(), OFFICER_QUERY);
    expect((await ask(officer(), OFFICER_QUERY)).cache).toBe('hit');
    const [school] = await ds.query(`SELECT code FROM schools WHERE district_code = 'A01' ORDER BY code LIMIT 1`);
    await ds.query(`UPDATE schools SET name = '新名字学校' WHERE code = $1`, [school.code]);
    const after = await ask(officer(), OFFICER_QUERY);
    expect(after.cache).toBeNull();
    expect(JSON.stringify(after.body)).toContain('新名字学校');
    expect(after.body).toEqual(await fresh());
  });

  test('a school moved into the district from another one changes the key', async () => {
    await ask(officer(), OFFICER_QUERY);
    const [school] = await ds.query(`SELECT code FROM schools WHERE district_code = 'B02' ORDER BY code LIMIT 1`);
    await ds.query(`UPDATE schools SET district_code = 'A01' WHERE code = $1`, [school.code]);
    try {
      const after = await ask(officer(), OFFICER_QUERY);
      expect(after.cache).toBeNull();
      expect(JSON.stringify(after.body)).toContain(school.code);
    } finally {
      await ds.query(`UPDATE schools SET district_code = 'B02' WHERE code = $1`, [school.code]);
    }
  });

  test('a change outside the departmental tables (an import batch) changes every key', async () => {
    await ask(officer(), OFFICER_QUERY);
    expect((await ask(officer(), OFFICER_QUERY)).cache).toBe('hit');
    await ds.query(`UPDATE data_version SET version = version + 1 WHERE table_name = 'import_batch'`);
    expect((await ask(officer(), OFFICER_QUERY)).cache).toBeNull();
  });
});
