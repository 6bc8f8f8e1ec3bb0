import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { openTestDataSource, suiteApplicationName, testDatabaseUrl, truncateAll } from '../helpers/database';

/**
 * Issue 12.10: a test file whose hook timed out goes on in the background, holding locks; the next file's
 * truncateAll must not wait behind it (on a loaded machine that cascaded into TRUNCATE timeouts in three more files).
 */
let ds: DataSource;
beforeAll(async () => {
  ds = await openTestDataSource();
});
afterAll(() => ds.destroy());

test('truncateAll ends a session an earlier test file left holding a lock, and keeps this file’s own', async () => {
  const leftover = new Client({ connectionString: testDatabaseUrl(), application_name: 'jest:an-earlier-file.test.ts' });
  leftover.on('error', () => undefined);
  await leftover.connect();
  await leftover.query('BEGIN');
  await leftover.query('LOCK TABLE districts IN ACCESS EXCLUSIVE MODE');
  const ended = new Promise<void>((resolve) => leftover.once('end', () => resolve()));

  const own = ds.createQueryRunner();
  await own.connect();
  try {
    const started = Date.now();
    await truncateAll(ds);
    expect(Date.now() - started).toBeLessThan(5000);
    await ended;
    // This file's own pooled session is still usable.
    expect(await own.query('SELECT current_setting($1) AS name', ['application_name'])).toEqual([{ name: suiteApplicationName() }]);
  } finally {
    await own.release();
    await leftover.end().catch(() => undefined);
  }
}, 20_000);
