import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import { DataSource } from 'typeorm';
import { Role } from '../../src/auth/roles';
import { projectRoot } from '../../src/config';
import { exampleFile } from '../../src/ingestion/contract-doc';
import { openTestDataSource, testDatabaseUrl, truncateAll } from '../helpers/database';
import { buildDistrict } from '../helpers/district-fixture';
import { Fixtures } from '../helpers/fixtures';
import { nodeArgs } from '../helpers/entry';
import { tokenFor } from '../helpers/server';

/**
 * HUB_WORKERS=2 (D114): two processes behind one port both answer, each with its own response cache, and a delivery
 * imported through one is seen by the other at once — their caches are keyed by the database's data versions. SIGTERM
 * drains both and the primary exits 0.
 */
const PORT = 4824;
let ds: DataSource;
let hub: ChildProcess | null = null;

interface Answer {
  worker: string;
  status: number;
  cache: string | null;
  body: string;
}

/** One request on a fresh connection, so that the cluster's round robin hands it to the next worker. */
function request(method: string, path: string, body: string, headers: Record<string, string>): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: PORT, method, path, agent: false, headers: { connection: 'close', ...headers } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (text += d));
      res.on('end', () => resolve({ worker: String(res.headers['x-junheng-worker']), status: res.statusCode!, cache: (res.headers['x-junheng-cache'] as string) ?? null, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const QUERY = JSON.stringify({ query: '{ districts { totalCount } }' });
const ask = () => request('POST', '/graphql', QUERY, { 'content-type': 'application/json', authorization: `Bearer ${tokenFor({ role: Role.SUPERVISOR })}` });

/** Asks until each worker has answered `times` times; the answers per worker. */
async function fromEveryWorker(times: number): Promise<Map<string, Answer[]>> {
  const seen = new Map<string, Answer[]>();
  for (let i = 0; i < 60 && !(seen.size === 2 && [...seen.values()].every((a) => a.length >= times)); i++) {
    const answer = await ask();
    seen.set(answer.worker, [...(seen.get(answer.worker) ?? []), answer]);
  }
  return seen;
}

beforeAll(async () => {
  ds = await openTestDataSource();
  await truncateAll(ds);
  await buildDistrict(new Fixtures(ds), { code: '500101' });
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: testDatabaseUrl(), PORT: String(PORT), HUB_WORKERS: '2', SEED_DEMO_WHEN_EMPTY: 'false', LOG_LEVEL: 'warn', NODE_ENV: 'development' };
  hub = spawn(process.execPath, nodeArgs('src/main.ts'), { cwd: projectRoot, env });
  let out = '';
  hub.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  await new Promise<void>((resolve, reject) => {
    hub!.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes(`http://localhost:${PORT}/graphql`)) resolve();
    });
    hub!.once('exit', (code) => reject(new Error(`the hub exited (${code}): ${out}`)));
  });
}, 120_000);
afterAll(async () => {
  if (hub && hub.exitCode === null) {
    hub.kill('SIGKILL');
    await new Promise((r) => hub!.once('exit', r));
  }
  await ds?.destroy();
});

test('both workers answer on the one port, each caching for itself', async () => {
  const seen = await fromEveryWorker(2);
  expect(seen.size).toBe(2);
  for (const answers of seen.values()) {
    expect(answers.map((a) => [a.status, JSON.parse(a.body)])).toEqual(answers.map(() => [200, { data: { districts: { totalCount: 1 } } }]));
    expect(answers[1]!.cache).toBe('hit');
  }
});

test('an import through one worker is seen by the other at once', async () => {
  await fromEveryWorker(2); // both caches hold the answer before the delivery
  const csv = fs.readFileSync(exampleFile('districts'), 'utf8');
  const imported = await request('POST', '/imports/districts', csv, { 'content-type': 'text/csv', authorization: `Bearer ${tokenFor({ role: Role.PLANNING })}` });
  expect(imported.status).toBe(200);
  const expected = Number((await ds.query(`SELECT count(*) AS n FROM districts`))[0].n);
  expect(expected).toBeGreaterThan(1);
  const seen = await fromEveryWorker(1);
  expect(seen.size).toBe(2);
  const other = [...seen.keys()].find((w) => w !== imported.worker)!;
  const first = seen.get(other)![0]!;
  expect(first.cache).toBeNull();
  expect(JSON.parse(first.body)).toEqual({ data: { districts: { totalCount: expected } } });
  for (const answers of seen.values()) expect(JSON.parse(answers[0]!.body)).toEqual({ data: { districts: { totalCount: expected } } });
});

test('SIGTERM drains both workers and the primary exits 0', async () => {
  const exit = new Promise<number | null>((resolve) => hub!.once('exit', (code) => resolve(code)));
  hub!.kill('SIGTERM');
  expect(await exit).toBe(0);
  await expect(ask()).rejects.toThrow();
}, 60_000);
