import express from 'express';
import fs from 'node:fs';
import { AddressInfo } from 'node:net';
import { Server } from 'node:http';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { ImportLockedError, applicationName } from '../../../src/ingestion/batches';
import { exampleFile } from '../../../src/ingestion/contract-doc';
import { importRouter } from '../../../src/ingestion/http';
import { ImportProgress, importFile } from '../../../src/ingestion/pipeline';
import { render } from '../../../src/messages';
import { openTestDataSource, testDatabaseUrl, truncateAll } from '../../helpers/database';
import { tableChecksums } from './fixtures';

/**
 * #11.8: a killed importer's session can hold the dataset's import lock until PostgreSQL notices its client is gone
 * (114 s observed). The next import says what it waits for, and gives up after a timeout instead of waiting for ever.
 */

let ds: DataSource;
let holder: Client;

beforeAll(async () => {
  ds = await openTestDataSource();
  await truncateAll(ds);
});
afterAll(async () => {
  await holder?.end().catch(() => undefined);
  await ds.destroy();
});

/** A session that took the lock the way an import does, then stopped talking: a dead importer, as PostgreSQL sees it. */
async function deadImporter(dataset: string, loadedBy: string): Promise<Client> {
  const client = new Client({ connectionString: testDatabaseUrl() });
  await client.connect();
  await client.query('BEGIN');
  await client.query(`SELECT set_config('application_name', $1, true)`, [applicationName(dataset, loadedBy)]);
  await client.query(`SELECT pg_advisory_xact_lock(hashtext('junheng.import'), hashtext($1))`, [dataset]);
  return client;
}

test('the loader travels in application_name (63 bytes of ASCII), cut at a character boundary when long', () => {
  expect(applicationName('districts', '规划局-张三')).toMatch(/^junheng-import:districts:[A-Za-z0-9_-]+$/);
  const long = applicationName('supervision_visits', '督导室'.repeat(20));
  expect(long.length).toBeLessThanOrEqual(63);
  expect(long.endsWith('~')).toBe(true);
});

test('a busy dataset: told at once who holds it and since when, then refused after the timeout, nothing changed', async () => {
  holder = await deadImporter('districts', '规划局-张三');
  const before = await tableChecksums(ds);
  const progress: ImportProgress[] = [];
  const started = Date.now();
  const err = await importFile(ds, {
    dataset: 'districts',
    filePath: exampleFile('districts'),
    loadedBy: 'test',
    lockTimeoutMs: 1500,
    onProgress: (p) => progress.push(p),
  }).catch((e: unknown) => e);
  const waited = Date.now() - started;

  expect(err).toBeInstanceOf(ImportLockedError);
  const locked = err as ImportLockedError;
  expect(waited).toBeGreaterThanOrEqual(1400);
  expect(waited).toBeLessThan(15000);
  expect(progress[0]).toMatchObject({ phase: 'waiting', timeoutMs: 1500, holder: { loadedBy: '规划局-张三', state: 'idle in transaction' } });
  expect(locked.holder).toMatchObject({ loadedBy: '规划局-张三', state: 'idle in transaction' });
  expect(render(locked.problem, 'zh-CN')).toMatch(
    /^区县名录（districts）正由另一导入写入（自 \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} 起，导入人 规划局-张三；该会话已无响应，可能是被中止的导入，PostgreSQL 将在检测到其断开后释放），等待 \d+ 秒后仍未释放：本次导入未执行，未作任何更改，请稍后重试$/,
  );
  expect(await tableChecksums(ds)).toEqual(before); // not even a failed batch: nothing was attempted

  // Over HTTP: 409 IMPORT_IN_PROGRESS in the common error shape, with the holder.
  const app = express();
  app.use(importRouter(() => ds, { loadedBy: () => 'planner', lockTimeoutMs: 500 }));
  const server: Server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  try {
    const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/imports/districts`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', 'accept-language': 'en' },
      body: fs.readFileSync(exampleFile('districts')),
    });
    expect(res.status).toBe(409);
    const body = (await res.json()) as { errors: Array<{ message: string; extensions: Record<string, unknown> }> };
    expect(body.errors[0].message).toMatch(/^districts is being written by another import \(since .+, loaded by 规划局-张三; that session is idle/);
    expect(body.errors[0].extensions).toMatchObject({ code: 'IMPORT_IN_PROGRESS', messageCode: 'IMPORT_LOCKED', dataset: 'districts', heldBy: '规划局-张三' });
  } finally {
    await new Promise((r) => server.close(r));
  }

  // Once the holder is gone, the same import goes through.
  await holder.end();
  const summary = await importFile(ds, { dataset: 'districts', filePath: exampleFile('districts'), loadedBy: 'test', lockTimeoutMs: 1500 });
  expect(summary.status).toBe('succeeded');
}, 60000);
