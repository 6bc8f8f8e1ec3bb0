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
