import { DataSource } from 'typeorm';
import { config } from '../../src/config';
import { openTestDataSource, truncateAll } from '../helpers/database';
import { buildDistrict } from '../helpers/district-fixture';
import { Fixtures } from '../helpers/fixtures';
import { SCOPE_STATEMENTS, TestHub } from '../helpers/server';

/** A school list asking for its page and its totalCount reads both in one statement (D114), with the same answers. */
let ds: DataSource;
let hub: TestHub;
beforeAll(async () => {
  ds = await openTestDataSource();
  await truncateAll(ds);
  const fx = new Fixtures(ds);
  await buildDistrict(fx, { code: 'A01' });
  await buildDistrict(fx, { code: 'B02' });
  // Each query once, whatever the response cache holds.
  const cfg = config();
  hub = await TestHub.start(ds, { ...cfg, limits: { ...cfg.limits, responseCacheBytes: 0 } });
});
afterAll(async () => {
  await hub?.stop();
  await ds?.destroy();
});

const codes = async (sql: string, params: unknown[] = []) => ((await ds.query(sql, params)) as { code: string }[]).map((r) => r.code);

test('page and totalCount: one statement, the count of every page, not of this one', async () => {
  const { response, statements } = await hub.counted(`{ schools(first: 2, filter: { districtCode: "A01" }) { totalCount nodes { code } } }`);
  expect(response.errors).toBeUndefined();
  const all = await codes(`SELECT code FROM schools WHERE district_code = 'A01' ORDER BY code`);
  expect(response.data!.schools).toEqual({ totalCount: all.length, nodes: all.slice(0, 2).map((code) => ({ code })) });
  expect(all.length).toBeGreaterThan(2);
  expect(statements).toBe(1 + SCOPE_STATEMENTS);
});

test('through a fragment and with edges, the same', async () => {
  const { response, statements } = await hub.counted(`fragment N on SchoolConnection { totalCount } { schools(first: 3) { ...N edges { node { code } } } }`);
  const all = await codes(`SELECT code FROM schools ORDER BY code`);
  expect(response.data!.schools).toEqual({ totalCount: all.length, edges: all.slice(0, 3).map((code) => ({ node: { code } })) });
  expect(statements).toBe(1 + SCOPE_STATEMENTS);
});

test('a page past the end still has the right count (counted on its own), an empty filter counts 0', async () => {
  const after = Buffer.from('offset:999', 'utf8').toString('base64url');
  const past = await hub.counted(`{ schools(first: 2, after: "${after}") { totalCount nodes { code } } }`);
  expect(past.response.data!.schools).toEqual({ totalCount: (await codes(`SELECT code FROM schools`)).length, nodes: [] });
  expect(past.statements).toBe(2 + SCOPE_STATEMENTS);
  const none = await hub.graphql(`{ schools(first: 2, filter: { districtCode: "Z99" }) { totalCount nodes { code } } }`);
  expect(none.data!.schools).toEqual({ totalCount: 0, nodes: [] });
});

test('only the count, or only the page: one statement each, as before', async () => {
  const count = await hub.counted(`{ schools(filter: { districtCode: "B02" }) { totalCount } }`);
  expect(count.response.data!.schools).toEqual({ totalCount: (await codes(`SELECT code FROM schools WHERE district_code = 'B02'`)).length });
  expect(count.statements).toBe(1 + SCOPE_STATEMENTS);
  const page = await hub.counted(`{ schools(first: 1, filter: { districtCode: "B02" }) { pageInfo { hasNextPage } nodes { code } } }`);
  expect(page.response.data!.schools).toMatchObject({ pageInfo: { hasNextPage: true } });
  expect(page.statements).toBe(1 + SCOPE_STATEMENTS);
});
