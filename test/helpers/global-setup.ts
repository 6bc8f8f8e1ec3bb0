import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres } from '../../src/db/embedded';
import { resetDatabase } from './database';

/**
 * One PostgreSQL for the whole run: the server at DATABASE_URL when set, else a throwaway embedded one.
 * The schema is rebuilt from the migrations (never `synchronize`), so every run starts from the real DDL.
 */
export default async function globalSetup(): Promise<void> {
  buildDist();
  let url = process.env.DATABASE_URL?.trim();
  if (!url) {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'junheng-test-pg-'));
    const db = await startEmbeddedPostgres({ dataDir, persistent: false });
    (globalThis as { __junhengEmbedded?: typeof db }).__junhengEmbedded = db;
    url = db.url;
  }
  process.env.JUNHENG_TEST_DATABASE_URL = url;
  await resetDatabase(url);
}

/**
 * dist/ up to date for the tests that spawn the hub or the CLI (test/helpers/entry.ts): `tsc -b` of the build
 * config, about a second when nothing changed. Should it fail, those tests run the sources under ts-node.
 */
function buildDist(): void {
  const root = path.resolve(__dirname, '..', '..');
  try {
    execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-b', 'tsconfig.build.json'], { cwd: root, stdio: 'pipe' });
    process.env.JUNHENG_TEST_DIST = '1';
  } catch (err) {
    process.stderr.write(`global setup: tsc -b failed, spawned processes run under ts-node\n${(err as { stdout?: Buffer }).stdout?.toString() ?? ''}\n`);
    process.env.JUNHENG_TEST_DIST = '0';
  }
}
