import { DataSource } from 'typeorm';
import { Role } from '../../src/auth/roles';
import { openRequestScope, queryBeside, READER_ROLE } from '../../src/db/request-scope';
import { openTestDataSource, truncateAll } from '../helpers/database';
import { Fixtures } from '../helpers/fixtures';

/** The transaction every request reads in: read-only, as the reader role, scoped, with a statement timeout. */
let ds: DataSource;
beforeAll(async () => {
  ds = await openTestDataSource();
  await truncateAll(ds);
  await new Fixtures(ds).districts({ code: 'A01' }, { code: 'B02' });
});
afterAll(() => ds.destroy());

test('runs as the reader role, read-only, with the timeout set', async () => {
  const scope = await openRequestScope(ds, { subject: 's', role: Role.ANALYST, district: null }, 250);
  try {
    const [row] = await scope.db.query(`SELECT current_user AS "user", current_setting('transaction_read_only') AS ro, current_setting('statement_timeout') AS timeout`);
    expect(row).toEqual({ user: READER_ROLE, ro: 'on', timeout: '250ms' });
  } finally {
    await scope.finish();
  }
});

test('a statement longer than the timeout is cancelled', async () => {
  const scope = await openRequestScope(ds, { subject: 's', role: Role.ANALYST, district: null }, 200);
  try {
    await expect(scope.db.query('SELECT pg_sleep(2)')).rejects.toThrow(/statement timeout/);
  } finally {
    await scope.finish();
  }
});

test('writes are impossible inside a request, even as raw SQL', async () => {
  const scope = await openRequestScope(ds, { subject: 's', role: Role.SUPERVISOR, district: null }, 1000);
  try {
    await expect(scope.db.query(`DELETE FROM districts`)).rejects.toThrow(/read-only transaction|permission denied/);
  } finally {
    await scope.finish();
  }
  const [count] = await ds.query('SELECT count(*)::int AS n FROM districts');
  expect(count.n).toBe(2);
});

test('a district officer sees their district, raw SQL included', async () => {
  const scope = await openRequestScope(ds, { subject: 's', role: Role.DISTRICT_OFFICER, district: 'B02' }, 1000);
  try {
    expect(await scope.db.query('SELECT code FROM districts')).toEqual([{ code: 'B02' }]);
  } finally {
    await scope.finish();
  }
});

test('the connection goes back to the pool clean: the next user of it is not scoped', async () => {
  for (let i = 0; i < 12; i++) {
    const scope = await openRequestScope(ds, { subject: 's', role: Role.DISTRICT_OFFICER, district: 'B02' }, 1000);
    await scope.finish();
  }
  const rows = await ds.query('SELECT current_user AS "user", (SELECT count(*)::int FROM districts) AS n');
  expect(rows[0].n).toBe(2);
  expect(rows[0].user).not.toBe(READER_ROLE);
});

test('a district claim with quotes is a literal, not SQL', async () => {
  const scope = await openRequestScope(ds, { subject: 's', role: Role.DISTRICT_OFFICER, district: `B02'; SET LOCAL role = 'postgres'; --` }, 1000);
  try {
    expect(await scope.db.query('SELECT code FROM districts')).toEqual([]);
    const [row] = await scope.db.query(`SELECT current_user AS "user", current_setting('junheng.district') AS district`);
    expect(row).toEqual({ user: READER_ROLE, district: `B02'; SET LOCAL role = 'postgres'; --` });
  } finally {
    await scope.finish();
  }
});

describe('a read beside the request (queryBeside, D119)', () => {
  const probe = `SELECT pg_backend_pid() AS pid, current_user AS "user", current_setting('transaction_read_only') AS ro,
    current_setting('statement_timeout') AS timeout, current_setting('junheng.district') AS district, (SELECT array_agg(code ORDER BY code) FROM districts) AS codes`;

  test('runs on a second connection, as the reader, scoped alike, in the request\'s snapshot', async () => {
    const scope = await openRequestScope(ds, { subject: 's', role: Role.DISTRICT_OFFICER, district: 'B02' }, 1000);
    try {
      const [own] = await scope.db.query(probe);
      // A district delivered after the request began: neither connection of the request may see it.
      await ds.query(`INSERT INTO districts SELECT (jsonb_populate_record(d, '{"code": "C03", "name": "C03"}')).* FROM districts d WHERE code = 'B02'`);
      const [beside] = await queryBeside(scope.db, probe, []);
      expect(beside.pid).not.toBe(own.pid);
      expect({ ...beside, pid: 0 }).toEqual({ pid: 0, user: READER_ROLE, ro: 'on', timeout: '1s', district: 'B02', codes: ['B02'] });
      const scopeAll = await openRequestScope(ds, { subject: 's', role: Role.SUPERVISOR, district: null }, 1000);
      try {
        await ds.query(`DELETE FROM districts WHERE code = 'C03'`);
        // The supervisor's request began with C03 there: its read beside still sees it, deleted since.
        expect((await queryBeside(scopeAll.db, probe, []))[0].codes).toEqual(['A01', 'B02', 'C03']);
      } finally {
        await scopeAll.finish();
      }
    } finally {
      await ds.query(`DELETE FROM districts WHERE code = 'C03'`);
      await scope.finish();
    }
  });

  test('without a free connection in the pool it runs on the request\'s own, and it never leaves a connection behind', async () => {
    const scope = await openRequestScope(ds, { subject: 's', role: Role.SUPERVISOR, district: null }, 1000);
    const pool = (ds.driver as unknown as { master: { idleCount: number; totalCount: number; options: { max: number } } }).master;
    // Every connection the pool could still hand out at once, taken.
    const held = [];
    for (let n = pool.idleCount + pool.options.max - pool.totalCount; n > 0; n--) {
      const r = ds.createQueryRunner();
      await r.connect();
      held.push(r);
    }
    try {
      const [own] = await scope.db.query(probe);
      const [beside] = await queryBeside(scope.db, probe, []);
      expect(beside.pid).toBe(own.pid);
    } finally {
      await Promise.all(held.map((r) => r.release()));
      await scope.finish();
    }
    const active = await ds.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND state = 'idle in transaction'`);
    expect(active[0].n).toBe(0);
  });
});
