import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DataSource, QueryRunner } from 'typeorm';
import { createDataSource } from '../../src/db/data-source';
import { buildDistrict } from '../helpers/district-fixture';
import { EmbeddedPgProcess } from '../helpers/embedded-pg-process';
import { Fixtures } from '../helpers/fixtures';
import { TestHub } from '../helpers/server';

/**
 * Issue #11.8: faults a client can tell apart. A PostgreSQL of this test's own (embedded, thrown away after) is
 * stopped under a running hub: /graphql and the REST data paths answer 503 DATABASE_UNAVAILABLE with Retry-After
 * (not 500), /readyz says so fast, the process keeps serving, and once PostgreSQL is back the same hub answers again.
 * /readyz also answers fast while every pooled connection is busy.
 */
let dataDir: string;
let db: EmbeddedPgProcess;
let ds: DataSource;
let hub: TestHub;

const QUERY = '{ districts { totalCount } }';

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'junheng-a1-down-'));
  db = EmbeddedPgProcess.spawn(dataDir);
  await db.start();
  ds = createDataSource(db.url, { poolSize: 2 });
  await ds.initialize();
  await ds.runMigrations({ transaction: 'each' });
  await buildDistrict(new Fixtures(ds), { code: 'A01' });
  hub = await TestHub.start(ds);
}, 120_000);

afterAll(async () => {
  await hub?.stop();
  if (ds?.isInitialized) await ds.destroy().catch(() => undefined);
  await db?.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
}, 60_000);

async function post(lang?: string) {
  const res = await fetch(`${hub.url}/graphql`, {
    method: 'POST',
    headers: hub.headers({ 'content-type': 'application/json', ...(lang ? { 'accept-language': lang } : {}) }),
    body: JSON.stringify({ query: QUERY }),
  });
  return { status: res.status, retryAfter: res.headers.get('retry-after'), json: ((await res.json()) as any) as { data?: any; errors?: any[] } };
}

test('/readyz answers at once while every pooled connection is busy', async () => {
  // Take the whole pool (2 connections) for as long as the probe runs.
  const held: QueryRunner[] = [ds.createQueryRunner(), ds.createQueryRunner()];
  for (const runner of held) await runner.connect();
  try {
    const started = Date.now();
    const res = await fetch(`${hub.url}/readyz`);
    expect(res.status).toBe(200);
    expect((await res.json()) as any).toEqual({ status: 'ready' });
    expect(Date.now() - started).toBeLessThan(2000);
  } finally {
    for (const runner of held) await runner.release();
  }
});

test('a request whose connection is cut mid-query answers 503 DATABASE_UNAVAILABLE, not 500', async () => {
  // Hold the districts table so the request waits inside its query, then end that request's backend as a server
  // shutdown would (57P01).
  const locker = ds.createQueryRunner();
  await locker.connect();
  await locker.startTransaction();
  await locker.query('LOCK TABLE districts IN ACCESS EXCLUSIVE MODE');
  try {
    const pending = post('en');
    let victim: { pid: number }[] = [];
    for (let i = 0; i < 100 && victim.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 50));
      victim = await locker.query(`SELECT pid FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND pid <> pg_backend_pid()`);
    }
    expect(victim).toHaveLength(1);
    await locker.query('SELECT pg_terminate_backend($1)', [victim[0]!.pid]);
    const res = await pending;
    expect(res.status).toBe(503);
    expect(res.retryAfter).toBe('5');
    expect(res.json.errors![0].extensions.code).toBe('DATABASE_UNAVAILABLE');
    expect(res.json.errors![0].message).toMatch(/^the database is unavailable/);
  } finally {
    await locker.rollbackTransaction();
    await locker.release();
  }
  // The next request gets a healthy connection.
  expect((await post()).json.data).toEqual({ districts: { totalCount: 1 } });
});

test('PostgreSQL stopped: 503 DATABASE_UNAVAILABLE with Retry-After, the hub keeps serving, and recovers when it returns', async () => {
  expect((await post()).json.data).toEqual({ districts: { totalCount: 1 } });

  await db.stop();

  const down = await post();
  expect(down.status).toBe(503);
  expect(down.retryAfter).toBe('5');
  expect(down.json.errors![0].extensions).toMatchObject({ code: 'DATABASE_UNAVAILABLE', messageCode: 'DATABASE_UNAVAILABLE', retryAfterSeconds: 5 });
  expect(down.json.errors![0].message).toMatch(/数据库暂时无法访问/);
  expect((await post('en')).json.errors![0].message).toMatch(/^the database is unavailable/);

  // The readiness probe says so, fast.
  const started = Date.now();
  const ready = await fetch(`${hub.url}/readyz`);
  expect(ready.status).toBe(503);
  expect(ready.headers.get('retry-after')).toBe('5');
  expect(Date.now() - started).toBeLessThan(2500);

  // The REST data paths too.
  const report = await fetch(`${hub.url}/reports/evaluation/A01/2024.xlsx`, { headers: hub.headers() });
  expect(report.status).toBe(503);
  expect(((await report.json()) as any).errors[0].extensions.code).toBe('DATABASE_UNAVAILABLE');
  const upload = await fetch(`${hub.url}/imports/schools?dryRun=true`, { method: 'POST', headers: hub.headers({ 'content-type': 'text/csv' }), body: 'x\n' });
  expect(upload.status).toBe(503);
  expect(upload.headers.get('retry-after')).toBe('5');

  // Liveness is not readiness: the process is up.
  expect((await fetch(`${hub.url}/healthz`)).status).toBe(200);

  // PostgreSQL comes back on the same port and data folder: the same hub answers again.
  await db.start(db.port);
  let back: Awaited<ReturnType<typeof post>> | null = null;
  for (let i = 0; i < 20 && back?.status !== 200; i++) {
    if (i) await new Promise((r) => setTimeout(r, 250));
    back = await post();
  }
  expect(back!.status).toBe(200);
  expect(back!.json.data).toEqual({ districts: { totalCount: 1 } });
}, 120_000);
