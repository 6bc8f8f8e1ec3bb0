// `npm run bench:soak [-- --quick] [-- --seconds N] [-- --skip kind,kind] [-- --strict]`: the hostile soak of issue #11.
//
// Starts the hub as `npm start` runs it (a child process with `--max-old-space-size=384`, on a fresh database with the
// demo data), then for a minute (--quick: 15 s) one client sends each hostile request of #11 in turn, in a loop, while
// another client's simple query measures what an ordinary user sees. Prints the simple query's latency (p50/p95/p99,
// with a baseline taken before the attack), every hostile request's statuses, the server's peak memory and whether it
// died. Exits 1 if the p99 is above 1 s or the server died (--strict: also if a hostile request got a status it should
// not). See bench/README.md, "Hostile soak".
import 'reflect-metadata';
// The soak's own logs (the demo load's slow-SQL warnings) would bury its progress; the hub's go to its log file.
process.env.LOG_LEVEL ??= 'error';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Role } from '../src/auth/roles';
import { signToken } from '../src/auth/tokens';
import { config } from '../src/config';
import { loadGenerated } from '../seeds/load';
import { BenchDatabase, openBenchDatabase, openMigrated } from './database';
import { bigSchoolsCsv, HostileRequest, hostileRequests, xlsxBomb } from './hostile';
import { percentile } from './measure';
import { buildServer, ServerChild } from './server';

const P99_TARGET_MS = 1000;
const SIMPLE_QUERY = JSON.stringify({ query: '{ districts(first: 5) { totalCount nodes { code name } } }' });
const SIMPLE_TIMEOUT_MS = 10_000;
const HOSTILE_TIMEOUT_MS = 60_000;

interface Options {
  seconds: number;
  skip: Set<string>;
  strict: boolean;
  csvRows: number;
}

function parseArgs(argv: string[]): Options {
  const options: Options = { seconds: 60, skip: new Set(), strict: false, csvRows: 300_000 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--quick') options.seconds = 15;
    else if (a === '--seconds') options.seconds = Number(argv[++i]);
    else if (a === '--skip') for (const k of (argv[++i] ?? '').split(',')) options.skip.add(k.trim());
    else if (a === '--strict') options.strict = true;
    else if (a === '--csv-rows') options.csvRows = Number(argv[++i]);
    else throw new Error(`unknown argument ${a} (use --quick, --seconds N, --skip kind,kind, --strict, --csv-rows N)`);
  }
  if (!Number.isFinite(options.seconds) || options.seconds <= 0) throw new Error('--seconds needs a positive number');
  return options;
}

const t0 = performance.now();
function progress(line: string): void {
  process.stderr.write(`[soak ${((performance.now() - t0) / 1000).toFixed(0).padStart(4)} s] ${line}\n`);
}

interface Latencies {
  samples: number[];
  failures: Map<string, number>;
}

/** One ordinary user: the simple query in a loop (50 ms apart), each answer timed; a failure counts as its time. */
async function ordinaryUser(url: string, token: string, until: () => boolean): Promise<Latencies> {
  const result: Latencies = { samples: [], failures: new Map() };
  while (!until()) {
    const started = performance.now();
    let failure: string | null = null;
    try {
      const res = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: SIMPLE_QUERY,
        signal: AbortSignal.timeout(SIMPLE_TIMEOUT_MS),
      });
      const body = (await res.json()) as { errors?: unknown[] };
      if (res.status !== 200 || body.errors) failure = `HTTP ${res.status}${body.errors ? ' with errors' : ''}`;
    } catch (err) {
      failure = err instanceof Error ? err.name === 'TimeoutError' ? `no answer in ${SIMPLE_TIMEOUT_MS / 1000} s` : (err.cause as Error | undefined)?.message ?? err.message : String(err);
    }
    result.samples.push(performance.now() - started);
    if (failure) result.failures.set(failure, (result.failures.get(failure) ?? 0) + 1);
    await new Promise((r) => setTimeout(r, 50));
  }
  return result;
}

interface HostileTally {
  request: HostileRequest;
  statuses: Map<string, number>;
  ms: number[];
}

/** One hostile client: every request of #11 in turn, in a loop, each awaited (a minute at most). */
async function attacker(url: string, requests: HostileRequest[], until: () => boolean, end: AbortSignal): Promise<HostileTally[]> {
  const tallies = requests.map((request) => ({ request, statuses: new Map<string, number>(), ms: [] as number[] }));
  while (!until()) {
    for (const tally of tallies) {
      if (until()) break;
      const { request } = tally;
      const headers = typeof request.headers === 'function' ? request.headers() : request.headers;
      const started = performance.now();
      let status: string;
      try {
        const signal = AbortSignal.any([AbortSignal.timeout(HOSTILE_TIMEOUT_MS), end]);
        const res = await fetch(`${url}${request.path}`, { method: request.method, headers, body: request.body, signal });
        await res.arrayBuffer();
        status = String(res.status);
      } catch (err) {
        status = end.aborted ? 'cut off by the end' : err instanceof Error && err.name === 'TimeoutError' ? 'timeout' : 'connection failed';
      }
      tally.ms.push(performance.now() - started);
      tally.statuses.set(status, (tally.statuses.get(status) ?? 0) + 1);
    }
  }
  return tallies;
}

function latencyLine(name: string, l: Latencies): string {
  const sorted = [...l.samples].sort((a, b) => a - b);
  const f = (p: number) => `${percentile(sorted, p).toFixed(0)} ms`;
  const failed = [...l.failures.values()].reduce((a, b) => a + b, 0);
  return `| ${name} | ${sorted.length} | ${f(50)} | ${f(95)} | ${f(99)} | ${(sorted[sorted.length - 1] ?? NaN).toFixed(0)} ms | ${failed}${failed ? ` (${[...l.failures].map(([k, v]) => `${k}: ${v}`).join('; ')})` : ''} |`;
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const cfg = config();
  if (!cfg.auth.secret) throw new Error('the soak signs its tokens with JWT_SECRET (or the development secret): set one');
  let db: BenchDatabase | null = null;
  let server: ServerChild | null = null;
  const cleanup = async () => {
    await server?.stop().catch(() => undefined);
    await db?.dispose().catch(() => undefined);
  };
  process.once('SIGINT', () => void cleanup().finally(() => process.exit(130)));
  process.once('SIGTERM', () => void cleanup().finally(() => process.exit(143)));

  try {
    progress('compiling the server child (tsc, emit only)');
    await buildServer();
    db = await openBenchDatabase(cfg.databaseUrl, progress);
    const ds = await openMigrated(db.url);
    progress('loading the demo data through the importer');
    await loadGenerated(ds, { scale: 'demo' });
    const districts = ((await ds.query('SELECT code FROM districts ORDER BY code')) as { code: string }[]).map((d) => d.code);
    await ds.destroy();

    progress('building the hostile payloads (the XLSX bomb is cached after its first run)');
    const token = signToken(cfg.auth.secret, { subject: 'soak', role: Role.SUPERVISOR });
    const requests = hostileRequests({ token, xlsxBomb: await xlsxBomb(), bigCsv: bigSchoolsCsv(options.csvRows, districts) }).filter((r) => !options.skip.has(r.kind));
    for (const r of requests) progress(`  ${r.kind}: ${r.body ? `${(Buffer.byteLength(r.body) / 1024).toFixed(0)} KiB` : 'no body'}`);

    const logFile = path.join(__dirname, 'results', 'soak-server.log');
    fs.mkdirSync(path.dirname(logFile), { recursive: true });
    fs.writeFileSync(logFile, '');
    server = await ServerChild.start({ databaseUrl: db.url, logFile });
    const child = server;
    // A send on the IPC channel of a child that just died is an 'error' event: the exit says it better.
    child.child.on('error', () => undefined);
    progress(`the hub runs as pid ${child.pid} with ${child.nodeFlags.join(' ') || 'no node flags'}; its log: ${path.relative(process.cwd(), logFile)}`);

    // A few requests to warm it up, then a baseline without hostile traffic.
    let stop = performance.now() + 3000;
    await ordinaryUser(child.url, token, () => performance.now() > stop);
    stop = performance.now() + 5000;
    const baseline = await ordinaryUser(child.url, token, () => performance.now() > stop);

    let peakRss = 0;
    const sampler = setInterval(() => {
      child.probe().then((p) => (peakRss = Math.max(peakRss, p.maxRssBytes, p.peakSampledBytes)), () => undefined);
    }, 2000);
    progress(`soaking for ${options.seconds} s: ${requests.map((r) => r.kind).join(', ')}`);
    const soakStarted = performance.now();
    const end = soakStarted + options.seconds * 1000;
    let diedAt: number | null = null;
    const until = () => {
      if (child.exitDescription !== null) diedAt ??= (performance.now() - soakStarted) / 1000;
      return performance.now() > end || child.exitDescription !== null;
    };
    const ending = new AbortController();
    const endTimer = setTimeout(() => ending.abort(), options.seconds * 1000);
    child.child.once('exit', () => ending.abort());
    const [soaked, tallies] = await Promise.all([ordinaryUser(child.url, token, until), attacker(child.url, requests, until, ending.signal)]);
    clearTimeout(endTimer);
    clearInterval(sampler);
    // A failed request may be the first sign of a death: give the exit a moment to arrive.
    const died = (await child.exitedWithin(1000)) ? child.exitDescription : null;
    if (died) diedAt ??= (performance.now() - soakStarted) / 1000;
    const lastWords = died
      ? fs.readFileSync(logFile, 'utf8').split('\n').filter((l) => /FATAL|heap|Error/.test(l) && !l.startsWith('{')).slice(0, 2).join(' / ') || 'see the log'
      : '';
    if (!died) {
      const p = await child.probe().catch(() => null);
      if (p) peakRss = Math.max(peakRss, p.maxRssBytes, p.peakSampledBytes);
    }

    const sorted = [...soaked.samples].sort((a, b) => a - b);
    const p99 = percentile(sorted, 99);
    const unexpected = tallies.filter((t) => [...t.statuses.keys()].some((s) => s !== 'cut off by the end' && !t.request.expected.map(String).includes(s)));
    const lines = [
      `# Hostile soak, ${options.seconds} s, ${new Date().toISOString()}`,
      '',
      `Server: ${child.nodeFlags.join(' ')}, demo data (${districts.length} districts); ${died ? `**DIED** after ${diedAt!.toFixed(0)} s: ${died} (${lastWords})` : 'alive at the end, never restarted'}; peak RSS ${(peakRss / 1024 / 1024).toFixed(0)} MiB.`,
      '',
      '| simple query | answers | p50 | p95 | p99 | max | failed |',
      '|---|---|---|---|---|---|---|',
      latencyLine('baseline (no attack, 5 s)', baseline),
      latencyLine('during the attack', soaked),
      '',
      '| hostile request | sent | statuses | median | max | expected | what it is |',
      '|---|---|---|---|---|---|---|',
      ...tallies.map((t) => {
        const ms = [...t.ms].sort((a, b) => a - b);
        const statuses = [...t.statuses].map(([s, n]) => `${s}×${n}`).join(', ') || '—';
        const ok = [...t.statuses.keys()].every((s) => s === 'cut off by the end' || t.request.expected.map(String).includes(s));
        return `| ${t.request.kind} | ${ms.length} | ${statuses} | ${ms.length ? `${percentile(ms, 50).toFixed(0)} ms` : '—'} | ${ms.length ? `${ms[ms.length - 1]!.toFixed(0)} ms` : '—'} | ${t.request.expected.join('/')} ${ok ? '' : '**UNEXPECTED**'} | ${t.request.about} |`;
      }),
      '',
      `p99 of the simple query during the attack: ${p99.toFixed(0)} ms (target ≤ ${P99_TARGET_MS} ms): ${p99 <= P99_TARGET_MS ? 'MET' : 'NOT MET'}.`,
      `Server process: ${died ? 'DIED' : 'alive'}.`,
      `Hostile requests with a status they should not get: ${unexpected.length ? unexpected.map((t) => t.request.kind).join(', ') : 'none'}.`,
      options.skip.size ? `Skipped: ${[...options.skip].join(', ')}.` : '',
    ];
    const report = lines.join('\n') + '\n';
    process.stdout.write(report);
    fs.writeFileSync(path.join(__dirname, 'results', 'soak.md'), report);
    fs.writeFileSync(
      path.join(__dirname, 'results', 'soak.json'),
      JSON.stringify({
        seconds: options.seconds, died, diedAfterSeconds: diedAt, peakRssBytes: peakRss, skipped: [...options.skip],
        baseline: { answers: baseline.samples.length, p50: percentile([...baseline.samples].sort((a, b) => a - b), 50), p99: percentile([...baseline.samples].sort((a, b) => a - b), 99) },
        attack: { answers: sorted.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99, max: sorted[sorted.length - 1], failures: Object.fromEntries(soaked.failures) },
        hostile: tallies.map((t) => ({ kind: t.request.kind, expected: t.request.expected, statuses: Object.fromEntries(t.statuses), medianMs: percentile([...t.ms].sort((a, b) => a - b), 50) })),
      }, null, 2) + '\n',
    );
    const failed = p99 > P99_TARGET_MS || died !== null || (options.strict && unexpected.length > 0);
    await cleanup();
    process.exit(failed ? 1 : 0);
  } catch (err) {
    progress(`the soak could not run: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    await cleanup();
    process.exit(1);
  }
}

void main();
