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
