import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Role } from '../../src/auth/roles';
import { projectRoot } from '../../src/config';
import { runningPostmaster } from '../../src/db/embedded';
import { exampleFile } from '../../src/ingestion/contract-doc';
import { tokenFor } from '../helpers/server';
import { nodeArgs } from '../helpers/entry';

/**
 * Issue 12.2: the README's flow on the embedded PostgreSQL — `npm start` in one terminal, `npm run import` in
 * another, both on the same data folder. The CLI joins the hub's server instead of starting a second one on the
 * same folder; the hub keeps its server when the CLI leaves; the last process out stops it; the CLI alone still
 * starts (and stops) its own; a stale postmaster.pid does not stop anyone.
 */
const PORT = 4633;
let dataDir: string;
let hub: ChildProcess | null = null;

function env(): NodeJS.ProcessEnv {
  const e: NodeJS.ProcessEnv = { ...process.env, EMBEDDED_PG_DIR: dataDir, PORT: String(PORT), SEED_DEMO_WHEN_EMPTY: 'false', LOG_LEVEL: 'warn', NODE_ENV: 'development' };
  delete e.DATABASE_URL;
  delete e.JUNHENG_TEST_DATABASE_URL;
  return e;
}

function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [...nodeArgs('src/ingestion/cli.ts'), ...args], { cwd: projectRoot, env: env() });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
}

async function districtCount(): Promise<number> {
  const res = await fetch(`http://127.0.0.1:${PORT}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${tokenFor({ role: Role.SUPERVISOR })}` },
    body: JSON.stringify({ query: '{ districts { totalCount } }' }),
  });
  const body = (await res.json()) as { data: { districts: { totalCount: number } } };
  return body.data.districts.totalCount;
}

beforeAll(() => {
  dataDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'junheng-beside-')), 'postgres');
});

afterAll(async () => {
  if (hub && hub.exitCode === null) {
    hub.kill('SIGINT');
    await new Promise((r) => hub!.once('exit', r));
  }
  fs.rmSync(path.dirname(dataDir), { recursive: true, force: true });
}, 60_000);

test('the import CLI joins the running hub’s embedded PostgreSQL; the last process out stops it', async () => {
  hub = spawn(process.execPath, nodeArgs('src/main.ts'), { cwd: projectRoot, env: env() });
  let hubOut = '';
  hub.stderr!.on('data', (d: Buffer) => (hubOut += d.toString()));
  await new Promise<void>((resolve, reject) => {
    hub!.stdout!.on('data', (d: Buffer) => {
      hubOut += d.toString();
      if (hubOut.includes(`http://localhost:${PORT}/graphql`)) resolve();
    });
    hub!.once('exit', (code) => reject(new Error(`the hub exited (${code}): ${hubOut}`)));
  });
  const server = runningPostmaster(dataDir);
  expect(server).not.toBeNull();
  expect(await districtCount()).toBe(0);

  const cli = await runCli(['districts', exampleFile('districts'), '--local-admin', '--lang', 'en']);
  expect(cli.stderr).toBe('');
  expect(cli.code).toBe(0);
  expect(cli.stdout).toMatch(/applied as batch \d+/);

  // The same server, still running after the CLI left, and the hub sees what the CLI loaded.
  expect(runningPostmaster(dataDir)?.pid).toBe(server!.pid);
  expect(await districtCount()).toBe(3);

  // Ctrl-C on the hub: it was the last user, the server stops with it.
  hub.kill('SIGINT');
  expect(await new Promise((r) => hub!.once('exit', r))).toBe(0);
  expect(runningPostmaster(dataDir)).toBeNull();

  // No hub: the CLI starts the server itself, even over a stale postmaster.pid, and stops it when done.
  const stale = fs.readFileSync(path.join(dataDir, 'PG_VERSION'), 'utf8') && `999999\n${dataDir}\n0\n${PORT + 1}\n\n127.0.0.1\n0 0\nready\n`;
  fs.writeFileSync(path.join(dataDir, 'postmaster.pid'), stale);
  const alone = await runCli(['districts', exampleFile('districts'), '--local-admin', '--lang', 'en']);
  expect(alone.stderr).toBe('');
  expect(alone.code).toBe(0);
  expect(alone.stdout).toMatch(/already imported by batch \d+; nothing changed/);
  expect(runningPostmaster(dataDir)).toBeNull();
  expect(fs.existsSync(path.join(dataDir, 'postmaster.pid'))).toBe(false);

  // A process that exits without closing (process.exit on an error path, the TypeORM CLI) still stops its server;
  // and a postmaster.pid naming a live process that is not this folder's PostgreSQL (a pid reused after a restart,
  // here jest itself) is stale too.
  fs.writeFileSync(path.join(dataDir, 'postmaster.pid'), stale.replace(/^999999/, String(process.pid)));
  const script = `require(${JSON.stringify(path.join(projectRoot, 'src/db/embedded'))}).startEmbeddedPostgres({ dataDir: process.argv[1] })
    .then((db) => { process.stdout.write(String(db.port)); process.exit(0); })`;
  const exiting = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', script, dataDir], { cwd: projectRoot, env: env() });
  let port = '';
  exiting.stdout.on('data', (d: Buffer) => (port += d.toString()));
  expect(await new Promise((r) => exiting.once('exit', r))).toBe(0);
  expect(Number(port)).toBeGreaterThan(0);
  expect(runningPostmaster(dataDir)).toBeNull();
}, 240_000);
