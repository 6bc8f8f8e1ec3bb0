// The benchmark's own PostgreSQL database: a throwaway embedded server under the system's temporary folder, or, with
// DATABASE_URL, a fresh database `junheng_bench_<pid>` created on that server and dropped at the end (its other
// databases are never touched). Migrated with the hub's migrations, exactly as `npm start` does.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { createDataSource } from '../src/db/data-source';
import { startEmbeddedPostgres } from '../src/db/embedded';

export interface BenchDatabase {
  /** URL of the benchmark's database (owner connection). */
  url: string;
  /** Where it lives, for the report: `embedded (<dir>)` or `DATABASE_URL server, database junheng_bench_<pid>`. */
  description: string;
  /** Drops the database (DATABASE_URL) or stops the embedded server and removes its folder. Safe to call twice. */
  dispose(): Promise<void>;
}

/** Same URL, another database name; the password is never printed. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export function redact(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}

export async function openBenchDatabase(databaseUrl: string | null, progress: (line: string) => void): Promise<BenchDatabase> {
  if (!databaseUrl) {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'junheng-bench-pg-'));
    progress(`starting a throwaway embedded PostgreSQL in ${dataDir}`);
    const db = await startEmbeddedPostgres({ dataDir, persistent: false });
    let disposed = false;
    return {
      url: db.url,
      description: `embedded PostgreSQL (throwaway, ${dataDir})`,
      async dispose() {
        if (disposed) return;
        disposed = true;
        await db.stop().catch(() => undefined);
        fs.rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  // BENCH_DATABASE_NAME: a name of one's own on a shared server (default junheng_bench_<pid>).
  const name = process.env.BENCH_DATABASE_NAME ?? `junheng_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: databaseUrl, application_name: 'junheng-bench' });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name}`);
    await admin.query(`CREATE DATABASE ${name}`);
  } catch (err) {
    throw new Error(`could not create the benchmark database ${name} on ${redact(databaseUrl)} (the role needs CREATEDB): ${err instanceof Error ? err.message : String(err)}`);
  } finally {
    await admin.end();
  }
  progress(`created database ${name} on ${redact(databaseUrl)}`);
  let disposed = false;
  return {
    url: withDatabase(databaseUrl, name),
    description: `DATABASE_URL server, fresh database ${name} (dropped afterwards)`,
    async dispose() {
      if (disposed) return;
      disposed = true;
      const client = new pg.Client({ connectionString: databaseUrl, application_name: 'junheng-bench' });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

/** A DataSource on the benchmark database, migrated (the hub's migrations, as `npm start` runs them). */
export async function openMigrated(url: string, poolSize = 4): Promise<DataSource> {
  const ds = createDataSource(url, { poolSize, applicationName: 'junheng-bench' });
  await ds.initialize();
  await ds.runMigrations({ transaction: 'each' });
  return ds;
}
