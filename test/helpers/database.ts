import 'reflect-metadata';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { createDataSource } from '../../src/db/data-source';
import { entities } from '../../src/db/entities';

export function testDatabaseUrl(): string {
  const url = process.env.JUNHENG_TEST_DATABASE_URL;
  if (!url) throw new Error('JUNHENG_TEST_DATABASE_URL is not set: run the tests through jest (global setup)');
  return url;
}

/** Drops everything in the test database and runs every migration: the schema tests see is the real one. */
export async function resetDatabase(url: string): Promise<void> {
  const ds = createDataSource(url, { poolSize: 2 });
  await ds.initialize();
  try {
    await ds.query('DROP SCHEMA IF EXISTS public CASCADE');
    await ds.query('CREATE SCHEMA public');
    await ds.runMigrations({ transaction: 'each' });
  } finally {
    await ds.destroy();
  }
}

/**
 * The application_name of the running test file's connections: `truncateAll` tells by it which sessions on the test
 * database are left over from an earlier file (63 bytes at most, as PostgreSQL keeps).
 */
export function suiteApplicationName(): string {
  const testPath = (globalThis as { expect?: { getState(): { testPath?: string } } }).expect?.getState().testPath ?? 'unknown';
  return `jest:${path.basename(testPath)}`.slice(0, 63);
}

/** A DataSource on the migrated test database. */
export async function openTestDataSource(): Promise<DataSource> {
  const ds = createDataSource(testDatabaseUrl(), { poolSize: 4, applicationName: suiteApplicationName() });
  await ds.initialize();
  return ds;
}

/**
 * Empties every table (children first), so each test file builds its own fixtures.
 *
 * Test files run one after another on one database, so a session of another file is a leftover: a file whose hook
 * timed out goes on in the background (an import holding its locks, a CLI child still running) while jest moves on,
 * and TRUNCATE would wait behind it until it too timed out, file after file. Such sessions are ended first. A session
 * of this file (its application_name) is kept, except an import of its own still running from a timed-out test.
 */
export async function truncateAll(ds: DataSource): Promise<void> {
  await ds.query(
    `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
      WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'
        AND application_name IS DISTINCT FROM $1`,
    [suiteApplicationName()],
  );
  const tables = entities.map((e) => `"${ds.getMetadata(e).tableName}"`).join(', ');
  await ds.query(`TRUNCATE ${tables} RESTART IDENTITY CASCADE`);
}
