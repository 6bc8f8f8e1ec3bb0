import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Role } from '../../src/auth/roles';
import { projectRoot } from '../../src/config';
import { runningPostmaster } from '../../src/db/embedded';
import { nodeArgs } from '../helpers/entry';
import { tokenFor } from '../helpers/server';

/**
 * #11.7 on the default embedded database: SIGTERM or Ctrl-C while cold evaluations are in flight lets every one of
 * them finish (the embedded PostgreSQL runs in a session of its own and is stopped after the drain), then the hub
 * exits 0 and its PostgreSQL is stopped.
 */
const PORT = 4641;
let dataDir: string;
let hub: ChildProcess | null = null;

function env(): NodeJS.ProcessEnv {
  const e: NodeJS.ProcessEnv = { ...process.env, EMBEDDED_PG_DIR: dataDir, PORT: String(PORT), SEED_DEMO_WHEN_EMPTY: 'true', LOG_LEVEL: 'warn', NODE_ENV: 'development' };
  delete e.DATABASE_URL;
  delete e.JUNHENG_TEST_DATABASE_URL;
  return e;
}

async function start(): Promise<ChildProcess> {
  const child = spawn(process.execPath, nodeArgs('src/main.ts'), { cwd: projectRoot, env: env() });
  let out = '';
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes(`http://localhost:${PORT}/graphql`)) resolve();
    });
    child.once('exit', (code) => reject(new Error(`the hub exited (${code}): ${out}`)));
  });
  return child;
}

const evaluation = (year: number) =>
  fetch(`http://127.0.0.1:${PORT}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${tokenFor({ role: Role.SUPERVISOR })}` },
    body: JSON.stringify({ query: `{ cityEvaluation(year: ${year}) { qualifiedCount notQualifiedCount insufficientDataCount } }` }),
  }).then(async (res) => ({ status: res.status, body: (await res.json()) as { data?: { cityEvaluation: unknown }; errors?: unknown[] } }));

beforeAll(() => {
  dataDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'junheng-drain-')), 'postgres');
});
afterAll(async () => {
  if (hub && hub.exitCode === null) {
    hub.kill('SIGKILL');
    await new Promise((r) => hub!.once('exit', r));
  }
  // A hub killed above leaves its PostgreSQL: stop it through the folder's own pid.
  const left = runningPostmaster(dataDir);
  if (left) process.kill(left.pid, 'SIGINT');
  fs.rmSync(path.dirname(dataDir), { recursive: true, force: true });
}, 60_000);

test.each(['SIGTERM', 'SIGINT'] as const)('%s during cold city evaluations: every one finishes, then the hub and its PostgreSQL stop', async (signal) => {
  hub = await start();
  // Cold: the hub just started (the demo is loaded on the first start, kept for the second).
  const inFlight = [2022, 2023, 2024].map(evaluation);
  await new Promise((r) => setTimeout(r, 300));
  const exited = new Promise((r) => hub!.once('exit', r));
  hub.kill(signal);
  const answers = await Promise.all(inFlight);
  for (const a of answers) {
    expect(a.status).toBe(200);
    expect(a.body.errors).toBeUndefined();
    expect(a.body.data?.cityEvaluation).toBeTruthy();
  }
  expect(await exited).toBe(0);
  expect(runningPostmaster(dataDir)).toBeNull();
}, 240_000);
