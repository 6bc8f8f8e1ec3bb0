// `npm run bench [-- --quick] [-- --cpu-prof]`: the benchmark of issue #7. See bench/README.md.
//
// Generates the dataset as department files, imports them through the real importer (and a raw COPY beside it),
// starts the hub as a child process, times the dashboard's requests, the SQL baseline of the city evaluation, the
// list query under load, counts SQL statements and samples the server's memory; writes bench/results/.
import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { Role } from '../src/auth/roles';
import { signToken } from '../src/auth/tokens';
import { config } from '../src/config';
import { DISTRICT_YEARS, SCHOOL_YEARS } from '../seeds/generator/districts';
import { BASELINE_COVERS, baselineFigures, compareWithHub } from './baseline';
import { BenchDatabase, openBenchDatabase, openMigrated } from './database';
import { generateFiles, importAll, LoadResult, rawCopy, vacuumAnalyze } from './load-data';
import { Budget, Client, measure, measureQuery, QueryMeasurement, statementsOf, summarise } from './measure';
import { CITY_EVALUATION, CITY_FIGURES, DISTRICT_EVALUATION, DISTRICT_FIGURES, FUNDING_CHECKS, SCHOOL_LIST } from './queries';
import { judgeTargets, markdown, mib, Results, ScalingCheck, targetLines, writeResults } from './report';
import { buildServer, ServerChild } from './server';
import { loadTest } from './throughput';
import { compareWithPostGraphile } from './comparison';

interface Mode {
  name: 'quick' | 'full' | 'province';
  scale: 'demo' | 'city' | 'province';
  /** Repeated requests (warm). */
  budget: Budget;
  /** Requests after a data change (each one computes from the data). */
  coldBudget: Budget;
  loadSeconds: number;
  loadWarmupRequests: number;
}

const MODES: Record<'quick' | 'full' | 'province', Mode> = {
  quick: {
    name: 'quick', scale: 'demo', loadSeconds: 5, loadWarmupRequests: 64,
    budget: { warmup: 1, maxRuns: 10, minRuns: 3, budgetMs: 5000 },
    coldBudget: { warmup: 1, maxRuns: 5, minRuns: 3, budgetMs: 5000 },
  },
  full: {
    name: 'full', scale: 'city', loadSeconds: 20, loadWarmupRequests: 128,
    budget: { warmup: 3, maxRuns: 40, minRuns: 5, budgetMs: 40000 },
    coldBudget: { warmup: 1, maxRuns: 10, minRuns: 3, budgetMs: 60000 },
  },
  // #15.5: ~180 districts, 25,000 schools, ~3.6M postings; fewer runs (a cold province evaluation takes seconds).
  province: {
    name: 'province', scale: 'province', loadSeconds: 10, loadWarmupRequests: 128,
    budget: { warmup: 2, maxRuns: 20, minRuns: 5, budgetMs: 20000 },
    coldBudget: { warmup: 1, maxRuns: 5, minRuns: 3, budgetMs: 60000 },
  },
};
const CONNECTIONS = 32;
const LIST_PAGE = 100;

const t0 = performance.now();
function progress(line: string): void {
  process.stderr.write(`[bench ${((performance.now() - t0) / 1000).toFixed(0).padStart(4)} s] ${line}\n`);
}

function commitOf(): string {
  try {
    const opts = { cwd: path.resolve(__dirname, '..'), encoding: 'utf8' as const, env: { ...process.env, GIT_OPTIONAL_LOCKS: '0' }, stdio: ['ignore', 'pipe', 'ignore'] as ('ignore' | 'pipe')[] };
    const head = execFileSync('git', ['rev-parse', 'HEAD'], opts).trim();
    const dirty = execFileSync('git', ['--no-optional-locks', 'status', '--porcelain'], opts).trim() !== '';
    return dirty ? `${head}-dirty` : head;
  } catch {
    return 'unknown (not a git checkout)';
  }
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** The machine's CPU time so far (all cores, ms), or busy cores since `since`. */
function machineCpu(): { busyMs: number; totalMs: number };
function machineCpu(since: { busyMs: number; totalMs: number }): { busyCores: number };
function machineCpu(since?: { busyMs: number; totalMs: number }): { busyMs: number; totalMs: number } | { busyCores: number } {
  let busyMs = 0;
  let totalMs = 0;
  for (const c of os.cpus()) {
    const t = c.times;
    busyMs += t.user + t.nice + t.sys + t.irq;
    totalMs += t.user + t.nice + t.sys + t.irq + t.idle;
  }
  if (!since) return { busyMs, totalMs };
  const cores = os.cpus().length;
  return { busyCores: totalMs > since.totalMs ? ((busyMs - since.busyMs) / (totalMs - since.totalMs)) * cores : 0 };
}

function usage(): never {
  process.stderr.write('usage: npm run bench [-- --quick | -- --scale province] [-- --cpu-prof]\n  --quick     demo scale, short runs (CI)\n  --scale province  ~180 districts, 25,000 schools, ~3.6M postings (#15.5), writes bench/results/province.{json,md}\n  --cpu-prof  write a V8 CPU profile of the server child to bench/results/profiles/\n');
  process.exit(2);
}

async function main(argv: string[]): Promise<number> {
  const scaleAt = argv.indexOf('--scale');
  const scaleArg = scaleAt >= 0 ? argv[scaleAt + 1] : undefined;
  if (scaleAt >= 0 && scaleArg !== 'province' && scaleArg !== 'city') usage();
  for (const [i, a] of argv.entries()) if (!['--quick', '--cpu-prof', '--scale'].includes(a) && (scaleAt < 0 || i !== scaleAt + 1)) usage();
  if (scaleArg && argv.includes('--quick')) usage();
  const mode = MODES[scaleArg === 'province' ? 'province' : argv.includes('--quick') ? 'quick' : 'full'];
  const cpuProf = argv.includes('--cpu-prof');
  // The bench process's own logs (migrations, importer) would interleave with its output; the server child logs
  // at its own level into bench/results/server.log.
  process.env.LOG_LEVEL ??= 'warn';
  const cfg = config();
  if (!cfg.auth.secret) throw new Error('the benchmark signs its tokens with JWT_SECRET (or the development secret): unset JWT_PUBLIC_KEY or set JWT_SECRET');
  const startedAt = new Date().toISOString();
  const year = SCHOOL_YEARS[SCHOOL_YEARS.length - 1]!;
  const fundingFrom = DISTRICT_YEARS[0]!;
  const fundingTo = DISTRICT_YEARS[DISTRICT_YEARS.length - 1]!;
  const notes: string[] = [];
  progress(`Junheng benchmark, ${mode.name} mode (${mode.scale} scale), year ${year}`);
  if (mode.name === 'province') {
    // The server child inherits the environment: GRAPHQL_MAX_COST decides whether it answers the province-wide evaluation.
    notes.push(`Query cost limit of the server: GRAPHQL_MAX_COST=${cfg.limits.maxCost.toLocaleString('en')}${process.env.GRAPHQL_MAX_COST ? ' (set for this run)' : ' (the default)'}; at province scale the full cityEvaluation is estimated at ~3.7 million (docs/scaling.md).`);
  }

  let db: BenchDatabase | null = null;
  let ds: DataSource | null = null;
  let server: ServerChild | null = null;
  let baseClient: pg.Client | null = null;
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'junheng-bench-files-'));
  const cleanup = async () => {
    await server?.stop().catch(() => undefined);
    await baseClient?.end().catch(() => undefined);
    if (ds?.isInitialized) await ds.destroy().catch(() => undefined);
    await db?.dispose().catch((err: unknown) => progress(`could not dispose of the benchmark database: ${String(err)}`));
    fs.rmSync(workDir, { recursive: true, force: true });
  };
  let interrupted = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (interrupted) return;
    interrupted = true;
    progress(`${signal}: cleaning up`);
    void cleanup().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  try {
    // The commit of the sources the server child is compiled from (taken now: the tree may change during the run).
    const commit = commitOf();
    progress(`compiling the server child (tsc, emit only) at ${commit}`);
    const buildMs = await buildServer();
    db = await openBenchDatabase(cfg.databaseUrl, progress);
    ds = await openMigrated(db.url);
    const [{ server_version: postgres }] = await ds.query('SHOW server_version');

    // ---- 1. files and import --------------------------------------------------------------------------------
    progress(`generating the ${mode.scale}-scale dataset as CSV files in ${workDir}`);
    const generated = generateFiles(workDir, mode.scale);
    progress(`  ${Object.entries(generated.counts).map(([k, v]) => `${k} ${v.toLocaleString('en')}`).join(', ')} (${(generated.ms / 1000).toFixed(1)} s)`);
    progress('importing every file through the importer');
    const imported = await importAll(ds, workDir, progress);
    progress('raw COPY of teacher_postings.csv into a bare table');
    const copy = await rawCopy(ds, workDir);
    const teacher = imported.imports.find((i) => i.dataset === 'teacher_postings')!;
    const ratio = teacher.ms / copy.ms;
    progress(`  ${copy.rows.toLocaleString('en')} rows in ${(copy.ms / 1000).toFixed(2)} s (${copy.rowsPerSecond.toLocaleString('en')} rows/s); importer ÷ COPY = ${ratio.toFixed(1)}×`);
    progress('VACUUM (ANALYZE)');
    const vacuumMs = await vacuumAnalyze(ds);
    fs.rmSync(workDir, { recursive: true, force: true });
    const load: LoadResult = {
      generateMs: Math.round(generated.ms), rowCounts: generated.counts, imports: imported.imports, importTotalMs: imported.totalMs,
      rawCopy: copy, teacherImportToCopyRatio: Math.round(ratio * 100) / 100, vacuumAnalyzeMs: vacuumMs, importerPeakRssBytes: imported.peakRssBytes,
    };

    const sizes: { district_code: string; name: string; n: number }[] = await ds.query(
      `SELECT s.district_code, d.name, count(*)::int AS n FROM schools s JOIN districts d ON d.code = s.district_code
        GROUP BY s.district_code, d.name ORDER BY n DESC, s.district_code`,
    );
    const largest = sizes[0]!;
    const smallest = sizes[sizes.length - 1]!;
    await ds.destroy();
    ds = null;

    // ---- 2. the hub as a child process -----------------------------------------------------------------------
    const logFile = path.join(__dirname, 'results', 'server.log');
    fs.mkdirSync(path.dirname(logFile), { recursive: true });
    fs.writeFileSync(logFile, '');
    const profDir = cpuProf ? path.join(__dirname, 'results', 'profiles') : null;
    if (profDir) fs.mkdirSync(profDir, { recursive: true });
    const token = signToken(cfg.auth.secret, { subject: 'bench', role: Role.SUPERVISOR });
    const officerToken = signToken(cfg.auth.secret, { subject: 'bench-officer', role: Role.DISTRICT_OFFICER, district: smallest.district_code });
    const startServer = async () => {
      progress('starting the hub (child process, compiled JavaScript)');
      const child = await ServerChild.start({ databaseUrl: db!.url, logFile, cpuProfDir: profDir });
      progress(`  listening on ${child.url}, pid ${child.pid}, node flags [${child.nodeFlags.join(' ')}], ${mib(child.startupRssBytes)} MiB resident`);
      return child;
    };
    server = await startServer();
    const serverLogLevel = process.env.JUNHENG_BENCH_SERVER_LOG_LEVEL ?? 'info';
    const startupRss = server.startupRssBytes;
    const serverFlags = server.nodeFlags;
    const heapLimit = server.heapLimitBytes;
    let client = new Client(server.url, token);
    // The owner connection: the SQL baseline, and a data change (one row rewritten as it was, which bumps the data
    // version) before the runs that must compute from the data rather than from the hub's cache.
    baseClient = new pg.Client({ connectionString: db.url, application_name: 'junheng-bench-baseline' });
    await baseClient.connect();
    // One row of one district: since data versions are per district (D101) this recomputes that district only.
    const oneDistrictChange = async () => {
      await baseClient!.query('UPDATE surveys SET respondents = respondents WHERE ctid = (SELECT ctid FROM surveys ORDER BY district_code, year LIMIT 1)');
    };
    // Every district's data as if changed (a new epoch): the evaluations are computed from the data, all of them.
    const dataChange = async () => {
      await oneDistrictChange();
      await baseClient!.query(`UPDATE district_data_version SET version = nextval('district_data_version_seq') WHERE district_code = '*'`);
    };
    const phasePeaks: Record<string, number> = {};
    let peakBytes = 0; // over every server process of the run (one, unless a server died and was restarted)
    const phase = async (name: string) => {
      await server!.probe(true);
      return () =>
        server!.probe().then((q) => {
          phasePeaks[name] = mib(q.phasePeakSampledBytes);
          peakBytes = Math.max(peakBytes, q.peakSampledBytes, q.maxRssBytes);
        });
    };

    // A step that fails is recorded and the run goes on; a server that died is reported (with its last log lines)
    // and replaced, so that the other figures are still measured.
    const failures: { step: string; error: string }[] = [];
    const serverDeaths: string[] = [];
    const attempt = async <T>(step: string, fn: () => Promise<T>): Promise<T | null> => {
      try {
        return await fn();
      } catch (err) {
        let message = err instanceof Error ? err.message : String(err);
        if (server && (await server.exitedWithin(2000))) {
          const logLines = fs.readFileSync(logFile, 'utf8').split('\n').filter((l) => l.trim() && !l.includes('"msg":"graphql"'));
          const tail = logLines.slice(-12).join('\n      ');
          const fatal = logLines.filter((l) => /FATAL ERROR|Error:|uncaught/i.test(l)).slice(-1)[0]?.trim();
          message = `${message}; ${server.exitDescription}${fatal ? `; last error in its log: ${fatal}` : ''}`;
          serverDeaths.push(`${step}: ${server.exitDescription}`);
          progress(`  FAILED (${step}): ${message}\n      ${tail}`);
          failures.push({ step, error: message });
          server = await startServer();
          client = new Client(server.url, token);
        } else {
          progress(`  FAILED (${step}): ${message}`);
          failures.push({ step, error: message });
        }
        return null;
      }
    };

    const timeQuery = (label: string, key: string, query: string, variables: Record<string, unknown>, cold: boolean | 'one district' = false) =>
      attempt(`${key}`, async () => {
        progress(`timing ${label}${cold === 'one district' ? ', one district\'s data changed before each run' : cold ? ', data changed before each run' : ''}`);
        const done = await phase(key);
        const change = cold === 'one district' ? oneDistrictChange : cold ? dataChange : undefined;
        const m = await measureQuery(key, client, server!, cold ? mode.coldBudget : mode.budget, query, variables, change);
        await done();
        progress(`  median ${m.stats.medianMs} ms (min ${m.stats.minMs}, p95 ${m.stats.p95Ms}, ${m.stats.runs} runs, first ${m.firstMs} ms), server CPU ${m.serverCpuMs} ms/request (GC pauses ${m.serverGcMs} ms), ${m.statements.join('/')} SQL statements`);
        return m;
      });
    const cityLabel = `cityEvaluation(${year}), all districts`;
    const districtLabel = `district(${largest.district_code}).evaluation(${year}) (largest district, ${largest.n} schools)`;
    const listVariables = { district: largest.district_code, year, first: LIST_PAGE };
    const queries: Results['queries'] = {
      cityEvaluation: await timeQuery(cityLabel, 'cityEvaluation', CITY_EVALUATION, { year }),
      cityEvaluationAfterChange: await timeQuery(cityLabel, 'cityEvaluationAfterChange', CITY_EVALUATION, { year }, true),
      cityEvaluationAfterOneDistrict: await timeQuery(cityLabel, 'cityEvaluationAfterOneDistrict', CITY_EVALUATION, { year }, 'one district'),
      cityFiguresAfterChange: await timeQuery(`${cityLabel}, the baseline's figures only`, 'cityFiguresAfterChange', CITY_FIGURES, { year }, true),
      // A province's full verdict is refused by the cost limit (D123): its figures, warm, are the warm province figure.
      cityFigures: mode.name === 'province' ? await timeQuery(`${cityLabel}, the baseline's figures only, warm`, 'cityFigures', CITY_FIGURES, { year }) : null,
      districtEvaluation: await timeQuery(districtLabel, 'districtEvaluation', DISTRICT_EVALUATION, { code: largest.district_code, year }),
      districtEvaluationAfterChange: await timeQuery(districtLabel, 'districtEvaluationAfterChange', DISTRICT_EVALUATION, { code: largest.district_code, year }, true),
      fundingChecks: await timeQuery(`fundingChecks ${fundingFrom}–${fundingTo}, all districts`, 'fundingChecks', FUNDING_CHECKS, { first: sizes.length, from: fundingFrom, to: fundingTo }),
      schoolList: await timeQuery(`schools(first: ${LIST_PAGE}, filter: { districtCode: ${largest.district_code} })`, 'schoolList', SCHOOL_LIST, listVariables),
    };

    // ---- 3. the SQL baseline, and whether it agrees with the hub ----------------------------------------------------
    const parts: { sqlParts: number[]; sqlG: number[]; js: number[] } = { sqlParts: [], sqlG: [], js: [] };
    const baselineRun = await attempt('baseline', async () => {
      progress('timing the SQL baseline of the city evaluation');
      return measure(mode.budget, async () => {
        const start = performance.now();
        const f = await baselineFigures(baseClient!, year);
        const ms = performance.now() - start;
        parts.sqlParts.push(f.sqlPartsMs);
        parts.sqlG.push(f.sqlGMs);
        parts.js.push(f.jsMs);
        return ms;
      });
    });
    const med = (xs: number[]) => summarise(xs.slice(mode.budget.warmup)).medianMs;
    const ratioOf = (m: QueryMeasurement | null) => (m && baselineRun ? Math.round((m.stats.medianMs / baselineRun.stats.medianMs) * 100) / 100 : null);
    if (baselineRun) {
      progress(`  median ${baselineRun.stats.medianMs} ms (SQL ${med(parts.sqlParts)} + ${med(parts.sqlG)} ms, JS ${med(parts.js)} ms); city evaluation ÷ baseline = ${ratioOf(queries.cityEvaluation) ?? 'n/a'}× warm, ${ratioOf(queries.cityEvaluationAfterChange) ?? 'n/a'}× after a data change (every district cold), ${ratioOf(queries.cityFiguresAfterChange) ?? 'n/a'}× the baseline's figures only`);
    }
    const agreement = await attempt('agreement', async () => {
      progress('checking the baseline against the hub\'s figures, district by district (untimed)');
      const verifyDone = await phase('verification');
      const codes: string[] = (await baseClient!.query('SELECT code FROM districts ORDER BY code')).rows.map((r) => r.code);
      const evaluations: unknown[] = [];
      for (const code of codes) {
        const e = (await client.timed(DISTRICT_FIGURES, { code, year })).result.data!.district?.evaluation;
        if (e) evaluations.push(e);
      }
      await verifyDone();
      const a = compareWithHub(evaluations, await baselineFigures(baseClient!, year));
      progress(`  ${a.agree ? 'agree' : 'DISAGREE'}: ${JSON.stringify(a.compared)}${a.mismatches.length ? `\n    ${a.mismatches.slice(0, 5).join('\n    ')}` : ''}`);
      return a;
    });

    // ---- 4. statements per request vs rows, from the cache and after a data change ----------------------------------
    progress('SQL statements per request with fewer and more rows');
    const scaling: ScalingCheck[] = [];
    type Side = [string, 'supervisor' | 'officer', string, Record<string, unknown>];
    const check = async (query: string, small: Side, large: Side) => {
      for (const cold of [false, true]) {
        const name = `${query}${cold ? ' (after a data change)' : ''}`;
        await attempt(`statements: ${name}`, async () => {
          const count = async (side: Side) => {
            const c = side[1] === 'officer' ? new Client(server!.url, officerToken) : client;
            if (!cold) await c.timed(side[2], side[3]); // primed: what a repeated request costs
            return statementsOf(c, server!, side[2], side[3], cold ? dataChange : undefined);
          };
          const s = await count(small);
          const l = await count(large);
          scaling.push({ query: name, small: { label: small[0], statements: s }, large: { label: large[0], statements: l }, constant: s === l });
          progress(`  ${name}: ${s} vs ${l}${s === l ? '' : '  (NOT constant)'}`);
        });
      }
    };
    await check('cityEvaluation',
      [`district officer of ${smallest.district_code} (${smallest.n} schools visible)`, 'officer', CITY_EVALUATION, { year }],
      [`supervisor (all ${sizes.length} districts)`, 'supervisor', CITY_EVALUATION, { year }]);
    await check('district evaluation',
      [`${smallest.district_code} (${smallest.n} schools)`, 'supervisor', DISTRICT_EVALUATION, { code: smallest.district_code, year }],
      [`${largest.district_code} (${largest.n} schools)`, 'supervisor', DISTRICT_EVALUATION, { code: largest.district_code, year }]);
    await check('fundingChecks',
      [`3 districts, ${fundingTo - 1}–${fundingTo}`, 'supervisor', FUNDING_CHECKS, { first: 3, from: fundingTo - 1, to: fundingTo }],
      [`${sizes.length} districts, ${fundingFrom}–${fundingTo}`, 'supervisor', FUNDING_CHECKS, { first: sizes.length, from: fundingFrom, to: fundingTo }]);
    await check('school list',
      [`first: 10 of ${smallest.district_code}`, 'supervisor', SCHOOL_LIST, { district: smallest.district_code, year, first: 10 }],
      [`first: ${LIST_PAGE} of ${largest.district_code}`, 'supervisor', SCHOOL_LIST, listVariables]);

    // ---- 5. throughput -------------------------------------------------------------------------------------------
    const throughput = await attempt('throughput', async () => {
      const loadBase = { url: server!.url, token, query: SCHOOL_LIST, variables: listVariables, connections: CONNECTIONS };
      progress(`load: the list query, ${CONNECTIONS} connections: warm-up of ${mode.loadWarmupRequests} requests, then ${mode.loadSeconds} s`);
      const loadDone = await phase('load');
      await loadTest({ ...loadBase, durationS: 600, amount: mode.loadWarmupRequests });
      const before = await server!.probe();
      const machine0 = machineCpu();
      const self0 = process.cpuUsage();
      const tp = await loadTest({ ...loadBase, durationS: mode.loadSeconds });
      const self = process.cpuUsage(self0);
      const machine = machineCpu(machine0);
      const after = await server!.probe();
      await loadDone();
      const statementsPerRequest = tp.requests > 0 ? Math.round(((after.statements - before.statements) / tp.requests) * 100) / 100 : 0;
      const cpuMs = (after.cpuUserMicros + after.cpuSystemMicros - before.cpuUserMicros - before.cpuSystemMicros) / 1000;
      const cpu = tp.requests > 0 ? cpuMs / tp.requests : 0;
      const gc = tp.requests > 0 ? (after.gcPauseMs - before.gcPauseMs) / tp.requests : 0;
      progress(`  ${tp.requestsPerSecond} req/s, p50 ${tp.latencyMs.p50} ms, p99 ${tp.latencyMs.p99} ms, ${tp.errors} errors, ${statementsPerRequest} statements/request, server CPU ${cpu.toFixed(1)} ms/request (GC pauses ${gc.toFixed(1)} ms)`);
      const cores = (ms: number) => ms / 1000 / tp.durationS;
      const serverCores = cores(cpuMs);
      const generatorCores = cores((self.user + self.system) / 1000);
      const restCores = Math.max(0, machine.busyCores - serverCores - generatorCores);
      const cpuSplit = { machineBusyCores: round2(machine.busyCores), serverCores: round2(serverCores), loadGeneratorCores: round2(generatorCores), postgresAndOtherCores: round2(restCores) };
      progress(`  CPU during the load: ${cpuSplit.machineBusyCores} of ${os.cpus().length} cores busy — server ${cpuSplit.serverCores}, load generator ${cpuSplit.loadGeneratorCores}, PostgreSQL and the rest ${cpuSplit.postgresAndOtherCores}`);
      notes.push(`Under load the server spent ${cpu.toFixed(1)} ms of CPU per list request, ${gc.toFixed(1)} ms of it in GC pauses. The machine's ${os.cpus().length} cores were ${cpuSplit.machineBusyCores} busy: the server ${cpuSplit.serverCores}, the load generator (autocannon, in the bench process) ${cpuSplit.loadGeneratorCores}, PostgreSQL and everything else ${cpuSplit.postgresAndOtherCores}.`);
      return { ...tp, query: 'SCHOOL_LIST in bench/queries.ts', statementsPerRequest, serverCpuMsPerRequest: Math.round(cpu * 10) / 10, cpuCores: cpuSplit };
    });
    const mem = await server.probe();
    peakBytes = Math.max(peakBytes, mem.peakSampledBytes, mem.maxRssBytes);

    // ---- 6. does the server still answer? (autocannon drops the requests in flight when the time is up) -------------
    await new Promise((r) => setTimeout(r, 3000));
    let answersAfterLoad = true;
    try {
      await client.timed(SCHOOL_LIST, listVariables, 15_000);
    } catch (err) {
      answersAfterLoad = false;
      progress(`  the server did not answer after the load test: ${err instanceof Error ? err.message : String(err)}`);
    }
    const [{ n: stuck }] = (await baseClient.query(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'junheng-bench-server' AND state LIKE 'idle in transaction%' AND now() - state_change > interval '2 seconds'`,
    )).rows;
    progress(`  after the load test: server ${answersAfterLoad ? 'answers' : 'DOES NOT ANSWER'}; ${stuck} of its connections idle in transaction`);
    await baseClient.end();
    baseClient = null;
    await server.stop();
    server = null;
    const slowSql = fs.readFileSync(logFile, 'utf8').split('\n').filter((l) => l.includes('"msg":"slow sql"')).length;

    // ---- 7. issue 15.3: the list beside PostGraphile, the hub with and without its cache, one process and two ------
    const comparison = await attempt('comparison with PostGraphile', () =>
      compareWithPostGraphile({
        databaseUrl: db!.url, token, district: largest.district_code, year, first: LIST_PAGE, connections: CONNECTIONS,
        seconds: mode.loadSeconds, warmupRequests: mode.loadWarmupRequests, progress,
      }),
    );

    const base: Omit<Results, 'targets'> = {
      mode: mode.name,
      scale: mode.scale,
      startedAt,
      wallSeconds: Math.round((performance.now() - t0) / 100) / 10,
      machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown', memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10, os: `${os.type()} ${os.release()}` },
      node: process.version,
      postgres,
      database: db.description,
      commit,
      server: { process: `child process, node ${process.version}${serverFlags.length ? ` ${serverFlags.join(' ')} (as npm start)` : ''}, compiled JavaScript (bench/.build)`, poolSize: cfg.dbPoolSize, logLevel: serverLogLevel, buildMs, startupRssMiB: mib(startupRss) },
      year,
      largestDistrict: { code: largest.district_code, name: largest.name, schools: largest.n },
      load,
      queries,
      throughput,
      comparison,
      baseline: baselineRun
        ? {
            stats: baselineRun.stats,
            firstMs: baselineRun.firstMs,
            breakdownMedianMs: { sqlParts: med(parts.sqlParts), sqlG: med(parts.sqlG), js: med(parts.js) },
            ratio: ratioOf(queries.cityEvaluation),
            ratioAfterChange: ratioOf(queries.cityEvaluationAfterChange),
            ratioFiguresAfterChange: ratioOf(queries.cityFiguresAfterChange),
          }
        : null,
      baselineCovers: BASELINE_COVERS,
      agreement,
      statementScaling: scaling,
      memory: {
        peakMiB: mib(peakBytes),
        peakSampledMiB: mib(mem.peakSampledBytes),
        maxRssMiB: mib(mem.maxRssBytes),
        phasePeaksMiB: phasePeaks,
        heapLimitMiB: mib(heapLimit),
        heapUsedAfterLoadMiB: mib(mem.heapUsedBytes),
        gcPauseMsTotal: Math.round(mem.gcPauseMs),
      },
      afterLoad: { answers: answersAfterLoad, connectionsIdleInTransaction: stuck },
      serverLog: { file: path.relative(path.resolve(__dirname, '..'), logFile), slowSqlWarnings: slowSql },
      serverDeaths,
      failures,
      notes,
    };
    const results: Results = { ...base, targets: judgeTargets(base) };
    const written = writeResults(results, mode.name === 'full' ? 'latest' : mode.name);
    process.stdout.write(markdown(results) + '\n');
    process.stderr.write(`\n${mode.name === 'quick' ? 'Targets (quick mode: printed, not asserted; they are for the city scale)' : 'Targets'}:\n${targetLines(results.targets).join('\n')}\n`);
    progress(`wrote ${path.relative(process.cwd(), written.json)} and ${path.relative(process.cwd(), written.md)}; wall time ${results.wallSeconds} s`);
    if (failures.length) {
      process.stderr.write(`\n${failures.length} measurement(s) FAILED:\n${failures.map((f) => `  ${f.step}: ${f.error}`).join('\n')}\n`);
      return 1;
    }
    return 0;
  } finally {
    await cleanup();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
