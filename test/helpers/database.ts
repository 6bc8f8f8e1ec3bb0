import 'reflect-metadata';
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

/** A DataSource on the migrated test database. */
export async function openTestDataSource(): Promise<DataSource> {
  const ds = createDataSource(testDatabaseUrl(), { poolSize: 4 });
  await ds.initialize();
  return ds;
}

/** Empties every table (children first), so each test file builds its own fixtures. */
export async function truncateAll(ds: DataSource): Promise<void> {
  const tables = entities.map((e) => `"${ds.getMetadata(e).tableName}"`).join(', ');
  await ds.query(`TRUNCATE ${tables} RESTART IDENTITY CASCADE`);
}
