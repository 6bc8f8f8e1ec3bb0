import { DataSource } from 'typeorm';
import { Role } from '../../src/auth/roles';
import { openRequestScope, READER_ROLE } from '../../src/db/request-scope';
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
