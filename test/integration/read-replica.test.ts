import { ConfigError, config, loadConfig } from '../../src/config';
import { openDatabase, OpenDatabase } from '../../src/db/open';
import { mayWrite } from '../../src/db/read-routing';
import { createDataSource } from '../../src/db/data-source';
import { resetDatabase, testDatabaseUrl } from '../helpers/database';
import { buildDistrict } from '../helpers/district-fixture';
import { Fixtures } from '../helpers/fixtures';
import { TestHub } from '../helpers/server';

/**
 * DATABASE_READ_URL: read-only requests go to the replica, mutations (and everything after a write in the same
 * request) to the primary. The "replica" here is a second database on the same server holding the same district
 * under another name, and read-only by default: every answer shows which server it came from, and a write that
 * reached it would fail. (A real streaming replica is the same to the hub: a read-only server with the primary's
 * schema; see docs/scaling.md.)
 */
const primaryUrl = testDatabaseUrl();
const replicaUrl = primaryUrl.replace(/\/([^/?]+)(\?|$)/, (_m, name: string, tail: string) => `/${name}_replica${tail}`);
const replicaName = new URL(replicaUrl).pathname.slice(1);
let db: OpenDatabase;
let hub: TestHub;

const SURVEY = `mutation ($input: SetSurveyResultInput!) { setSurveyResult(input: $input) { survey { respondents satisfied version } userErrors { code } } }`;
const READ = `{ district(code: "RR01") { name evaluation(year: 2024) { socialRecognition { status value } } } }`;

async function admin<T>(work: (ds: ReturnType<typeof createDataSource>) => Promise<T>): Promise<T> {
  const ds = createDataSource(primaryUrl, { poolSize: 1 });
  await ds.initialize();
  try {
    return await work(ds);
  } finally {
    await ds.destroy();
  }
}

beforeAll(async () => {
  await admin(async (ds) => {
    await ds.query(`DROP DATABASE IF EXISTS "${replicaName}" WITH (FORCE)`);
    await ds.query(`CREATE DATABASE "${replicaName}"`);
  });
  for (const url of [primaryUrl, replicaUrl]) {
    await resetDatabase(url);
    const ds = createDataSource(url, { poolSize: 2 });
    await ds.initialize();
    await buildDistrict(new Fixtures(ds), { code: 'RR01' });
    await ds.query(`UPDATE districts SET name = $1 WHERE code = 'RR01'`, [url === primaryUrl ? '主库区' : '副本区']);
    if (url === replicaUrl) await ds.query(`ALTER DATABASE "${replicaName}" SET default_transaction_read_only = on`);
    await ds.destroy();
  }
  db = await openDatabase({ ...config(), databaseUrl: primaryUrl, databaseReadUrl: replicaUrl });
  hub = await TestHub.start(db.ds, config(), db.readDs);
});
afterAll(async () => {
  await hub?.stop();
  await db?.close();
  await admin((ds) => ds.query(`DROP DATABASE IF EXISTS "${replicaName}" WITH (FORCE)`));
});

test('queries read the replica', async () => {
  expect(db.readDs).not.toBe(db.ds);
  const res = await hub.graphql(READ);
  expect(res.errors).toBeUndefined();
  expect(res.data!.district.name).toBe('副本区');
  const get = await fetch(`${hub.url}/graphql?query=${encodeURIComponent('{ district(code: "RR01") { name } }')}`, { headers: hub.headers({ 'apollo-require-preflight': '1' }) });
  expect(((await get.json()) as { data: { district: { name: string } } }).data.district.name).toBe('副本区');
});

test('a mutation writes to the primary and reads its own write there; later queries read the replica until it catches up', async () => {
  const before = (await hub.graphql(READ)).data!.district.evaluation.socialRecognition;
  const res = await hub.graphql(SURVEY, { input: { districtCode: 'RR01', year: 2024, respondents: 1000, satisfied: 820, expectedVersion: 1 } });
  expect(res.errors).toBeUndefined();
  expect(res.data!.setSurveyResult).toEqual({ survey: { respondents: 1000, satisfied: 820, version: 2 }, userErrors: [] });
  const [primary] = await db.ds.query(`SELECT satisfied FROM surveys WHERE district_code = 'RR01' AND year = 2024`);
  const [replica] = await db.readDs.query(`SELECT satisfied FROM surveys WHERE district_code = 'RR01' AND year = 2024`);
  expect(primary.satisfied).toBe(820);
  expect(replica.satisfied).not.toBe(820);
  // The replica has not received the write: the next query answers from its data (replica lag, docs/scaling.md).
  expect((await hub.graphql(READ)).data!.district.evaluation.socialRecognition).toEqual(before);
});

test('a document holding a mutation goes to the primary; a query does not', () => {
  expect(mayWrite({ query: '{ districts { totalCount } }' })).toBe(false);
  expect(mayWrite({ query: 'query A { a } mutation B { b }', operationName: 'A' })).toBe(false);
  expect(mayWrite({ query: 'query A { a } mutation B { b }', operationName: 'B' })).toBe(true);
  expect(mayWrite({ query: 'mutation { b }' })).toBe(true);
  expect(mayWrite({ query: '{ unparsable' })).toBe(true);
  expect(mayWrite(undefined)).toBe(true);
});

test('DATABASE_READ_URL needs DATABASE_URL and a PostgreSQL URL', () => {
  expect(() => loadConfig({ DATABASE_READ_URL: 'postgres://replica/junheng' })).toThrow(ConfigError);
  expect(() => loadConfig({ DATABASE_URL: 'postgres://primary/junheng', DATABASE_READ_URL: 'replica:5432/junheng' })).toThrow(ConfigError);
  const cfg = loadConfig({ DATABASE_URL: 'postgres://primary/junheng', DATABASE_READ_URL: 'postgres://replica/junheng' });
  expect(cfg.databaseReadUrl).toBe('postgres://replica/junheng');
  expect(loadConfig({ DATABASE_URL: 'postgres://primary/junheng' }).databaseReadUrl).toBeNull();
});
