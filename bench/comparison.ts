// Issue 15.3: the list's throughput, the hub beside PostGraphile v4, in one run on one database, with the same
// autocannon settings. The hub runs as `npm start` runs it (compiled src/main.ts with the node flags of package.json):
// one process with the response cache off and on, then a cluster of two workers (HUB_WORKERS=2) the same two ways.
// PostGraphile is installed on demand into bench/postgraphile/node_modules (npm ci against its own lockfile; it is no
// dependency of the hub) and started against the same database as its owner: it has none of the hub's row-level
// security, token checks, limits or per-request transaction. When it cannot be installed (offline) the run says so.
import { ChildProcess, execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { ISSUE_LIST, POSTGRAPHILE_LIST } from './queries';
import { startFlags } from './server';
import { loadTest, Throughput } from './throughput';

const BENCH_DIR = __dirname;
const ROOT = path.resolve(BENCH_DIR, '..');
const HUB_MAIN = path.join(BENCH_DIR, '.build', 'src', 'main.js');
const PG_DIR = path.join(BENCH_DIR, 'postgraphile');
const PG_CLI = path.join(PG_DIR, 'node_modules', 'postgraphile', 'cli.js');

export interface ComparisonRow {
  server: string;
  /** null when that server could not be run (the reason is in `note`). */
  throughput: Throughput | null;
  /** Schools in the answer's page (the same for every server, or the comparison is void). */
  rows: number | null;
  note?: string;
}

export interface Comparison {
  query: string;
  district: string;
  first: number;
  connections: number;
  seconds: number;
  rows: ComparisonRow[];
  /** Hub with the cache off ÷ PostGraphile, and with the cache on (one process, and the best of the cluster). */
  ratios: { cacheOff: number | null; cacheOn: number | null; clusterCacheOff: number | null; clusterCacheOn: number | null };
  postgraphile: { version: string | null; note: string | null };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

async function waitForHttp(url: string, child: ChildProcess, timeoutMs: number, log: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`exited with ${child.exitCode}: ${log().slice(-800)}`);
    try {
      await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' });
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  throw new Error(`did not answer within ${timeoutMs / 1000} s: ${log().slice(-800)}`);
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  await exited;
  clearTimeout(timer);
}

/** PostGraphile's CLI, installed from bench/postgraphile's lockfile when it is not there yet; null + why when it cannot be. */
async function ensurePostGraphile(progress: (line: string) => void): Promise<{ version: string } | { error: string }> {
  if (!fs.existsSync(PG_CLI)) {
    progress('  installing PostGraphile for the comparison: npm ci --prefix bench/postgraphile');
    try {
      const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
      await promisify(execFile)(npm, ['ci', '--prefix', PG_DIR, '--no-audit', '--no-fund'], { cwd: ROOT, timeout: 300_000, maxBuffer: 16 << 20 });
    } catch (err) {
      return { error: `could not be installed (offline?): ${(err instanceof Error ? err.message : String(err)).split('\n')[0]}` };
    }
  }
  const pkg = JSON.parse(fs.readFileSync(path.join(PG_DIR, 'node_modules', 'postgraphile', 'package.json'), 'utf8')) as { version: string };
  return { version: pkg.version };
}

async function startHub(databaseUrl: string, env: Record<string, string>, main = HUB_MAIN): Promise<{ child: ChildProcess; url: string }> {
  return startServer((port) => spawn(process.execPath, [...startFlags(), main], {
    cwd: ROOT,
    env: { ...process.env, ...env, DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1', SEED_DEMO_WHEN_EMPTY: 'false', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  }));
}

function startPostGraphile(databaseUrl: string): Promise<{ child: ChildProcess; url: string }> {
  return startServer((port) => spawn(process.execPath, [PG_CLI, '-c', databaseUrl, '--host', '127.0.0.1', '--port', String(port), '--disable-query-log', '--schema', 'public'], {
    cwd: PG_DIR,
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
  }));
}

/** Spawns a server on a free port and waits until it answers on /graphql; its last output goes into the error. */
async function startServer(spawnOn: (port: number) => ChildProcess): Promise<{ child: ChildProcess; url: string }> {
  const port = await freePort();
  let out = '';
  const child = spawnOn(port);
  child.stdout!.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-4000)));
  child.stderr!.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-4000)));
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(`${url}/graphql`, child, 120_000, () => out);
  } catch (err) {
    await stopChild(child);
    throw err;
  }
  return { child, url };
}

/** The page's school codes, to check that every server answers the same rows. */
async function pageOf(url: string, token: string, query: string, variables: Record<string, unknown>, root: string): Promise<string[]> {
  const res = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) });
  const body = (await res.json()) as { data?: Record<string, { nodes: { code: string }[] }>; errors?: unknown[] };
  if (!body.data || body.errors) throw new Error(`the list answered with errors: ${JSON.stringify(body.errors ?? body).slice(0, 400)}`);
  return body.data[root]!.nodes.map((n) => n.code).sort();
}

export async function compareWithPostGraphile(options: {
  databaseUrl: string;
  token: string;
  district: string;
  year: number;
  first: number;
  connections: number;
  seconds: number;
  warmupRequests: number;
  progress: (line: string) => void;
  /** Which servers to measure (default all): 'off', 'on', 'cluster-off', 'cluster-on', 'postgraphile'. */
  only?: string[];
  /** Another tree's compiled hub (its bench/.build/src/main.js), measured first (all its variants) with the same settings: before/after in one run. */
  before?: { label: string; main: string };
}): Promise<Comparison> {
  const { progress } = options;
  const variables = { district: options.district, year: options.year, first: options.first };
  const rows: ComparisonRow[] = [];
  let reference: string[] | null = null;
  const measure = async (server: string, start: () => Promise<{ child: ChildProcess; url: string }>, query: string, root: string) => {
    let child: ChildProcess | null = null;
    try {
      const started = await start();
      child = started.child;
      const page = await pageOf(started.url, options.token, query, variables, root);
      reference ??= page;
      const same = page.length === reference.length && page.every((c, i) => c === reference![i]);
      const base = { url: started.url, token: options.token, query, variables, connections: options.connections };
      await loadTest({ ...base, durationS: 600, amount: options.warmupRequests });
      const tp = await loadTest({ ...base, durationS: options.seconds });
      progress(`  ${server}: ${tp.requestsPerSecond} req/s, p50 ${tp.latencyMs.p50} ms, p99 ${tp.latencyMs.p99} ms, ${tp.errors} errors`);
      rows.push({ server, throughput: tp, rows: page.length, ...(same ? {} : { note: 'answered other schools than the first server: not comparable' }) });
    } catch (err) {
      const note = (err instanceof Error ? err.message : String(err)).split('\n')[0]!.slice(0, 300);
      progress(`  ${server}: FAILED — ${note}`);
      rows.push({ server, throughput: null, rows: null, note });
    } finally {
      if (child) await stopChild(child);
    }
  };

  progress(`comparison (issue 15.3): the list of ${options.district}, first ${options.first}, ${options.connections} connections, ${options.seconds} s each`);
  const wanted = (name: string) => !options.only || options.only.includes(name);
  const variants: [string, string, Record<string, string>][] = [
    ['off', 'hub, response cache off', { HUB_WORKERS: '1', RESPONSE_CACHE_BYTES: '0' }],
    ['on', 'hub, response cache on', { HUB_WORKERS: '1' }],
    ['cluster-off', 'hub cluster (2 workers), cache off', { HUB_WORKERS: '2', RESPONSE_CACHE_BYTES: '0' }],
    ['cluster-on', 'hub cluster (2 workers), cache on', { HUB_WORKERS: '2' }],
  ];
  // The other tree first, every variant: a migration of this tree (run when its hub starts) must not be under it.
  if (options.before) {
    const { label: prefix, main } = options.before;
    for (const [key, label, env] of variants) {
      if (wanted(key)) await measure(`${prefix}: ${label}`, () => startHub(options.databaseUrl, env, main), ISSUE_LIST, 'schools');
    }
  }
  for (const [key, label, env] of variants) {
    if (wanted(key)) await measure(label, () => startHub(options.databaseUrl, env), ISSUE_LIST, 'schools');
  }
  let installed: { version: string } | { error: string } = { error: 'not measured (--only)' };
  let pgNote: string | null = null;
  if (wanted('postgraphile')) {
    installed = await ensurePostGraphile(progress);
    if ('error' in installed) {
      pgNote = `PostGraphile ${installed.error}`;
      progress(`  ${pgNote}; the comparison goes on without it`);
      rows.push({ server: 'PostGraphile v4', throughput: null, rows: null, note: pgNote });
    } else {
      await measure(`PostGraphile ${installed.version} (owner role, no RLS)`, () => startPostGraphile(options.databaseUrl), POSTGRAPHILE_LIST, 'allSchools');
    }
  }
  const rate = (prefix: string) => rows.find((r) => r.server.startsWith(prefix))?.throughput?.requestsPerSecond ?? null;
  const pg = rate('PostGraphile');
  const ratio = (v: number | null) => (v !== null && pg ? Math.round((v / pg) * 100) / 100 : null);
  return {
    query: 'ISSUE_LIST / POSTGRAPHILE_LIST in bench/queries.ts',
    district: options.district,
    first: options.first,
    connections: options.connections,
    seconds: options.seconds,
    rows,
    ratios: {
      cacheOff: ratio(rate('hub, response cache off')),
      cacheOn: ratio(rate('hub, response cache on')),
      clusterCacheOff: ratio(rate('hub cluster (2 workers), cache off')),
      clusterCacheOn: ratio(rate('hub cluster (2 workers), cache on')),
    },
    postgraphile: { version: 'error' in installed ? null : installed.version, note: pgNote },
  };
}
