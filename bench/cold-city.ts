// `DATABASE_URL=… npx ts-node --transpile-only bench/cold-city.ts [--runs N] [--cpu-prof] [--year Y]`: the cold city
// evaluation alone (issue #15.2), on a database already loaded (e.g. `npm run seed -- --scale city`), against the SQL
// baseline, without the full bench's import and load test. Each run first moves the epoch (every district's data as
// if changed), so every district is gathered and evaluated from the data, as after an import.
import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { Role } from '../src/auth/roles';
import { signToken } from '../src/auth/tokens';
import { config } from '../src/config';
import { baselineFigures } from './baseline';
import { Client, summarise } from './measure';
import { CITY_EVALUATION, CITY_FIGURES } from './queries';
import { buildServer, ServerChild } from './server';

async function main(argv: string[]): Promise<number> {
  const arg = (name: string, dflt: number) => (argv.includes(name) ? Number(argv[argv.indexOf(name) + 1]) : dflt);
  const runs = arg('--runs', 5);
  const year = arg('--year', 2024);
  // --dump PREFIX: write the first answer of each query to PREFIX.<query>.json (to compare two trees' answers)
  const dump = argv.includes('--dump') ? argv[argv.indexOf('--dump') + 1] : null;
  // --warm: no data change between runs and the response cache off, so every run is the evaluations' cache hit executed
  // and serialised again: the GraphQL side of the request alone (execution, messages, JSON, compression), without
  // facts or engine.
  const warm = argv.includes('--warm');
  if (warm) process.env.RESPONSE_CACHE_BYTES = '0';
  const cfg = config();
  if (!cfg.databaseUrl) throw new Error('DATABASE_URL: a database already loaded (npm run seed -- --scale city)');
  const log = (s: string) => process.stderr.write(`${s}\n`);
  await buildServer();
  const logFile = path.join(__dirname, 'results', 'cold-city-server.log');
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  const profDir = argv.includes('--cpu-prof') ? path.join(__dirname, 'results', 'profiles') : null;
  if (profDir) fs.mkdirSync(profDir, { recursive: true });
  const server = await ServerChild.start({ databaseUrl: cfg.databaseUrl, logFile, cpuProfDir: profDir });
  const base = new pg.Client({ connectionString: cfg.databaseUrl, application_name: 'junheng-cold-city' });
  await base.connect();
  try {
    const client = new Client(server.url, signToken(cfg.auth.secret!, { subject: 'bench', role: Role.SUPERVISOR }));
    // As the full bench's "data changed" (run.ts): one surveys row rewritten as it was (a delivery: the response cache's
    // key moves) and a new epoch (every district's facts and evaluations are gathered and computed again).
    const epoch = async () => {
      await base.query('UPDATE surveys SET respondents = respondents WHERE ctid = (SELECT ctid FROM surveys ORDER BY district_code, year LIMIT 1)');
      await base.query(`UPDATE district_data_version SET version = nextval('district_data_version_seq') WHERE district_code = '*'`);
    };
    const timeCold = async (name: string, label: string, query: string) => {
      const ms: number[] = [];
      const cpu: number[] = [];
      const gc: number[] = [];
      const statements: number[] = [];
      let bytes = 0;
      for (let i = 0; i <= runs; i++) {
        if (!warm || i === 0) await epoch();
        const before = await server.probe();
        const r = await client.timed(query, { year });
        const after = await server.probe();
        if (i === 0 && dump) fs.writeFileSync(`${dump}.${name}.json`, JSON.stringify(r.result));
        if (i === 0) continue; // warm-up: the first request after the start compiles the code paths
        ms.push(r.ms);
        bytes = r.bytes;
        cpu.push((after.cpuUserMicros + after.cpuSystemMicros - before.cpuUserMicros - before.cpuSystemMicros) / 1000);
        gc.push(after.gcPauseMs - before.gcPauseMs);
        statements.push(after.statements - before.statements);
      }
      const s = summarise(ms);
      const peak = await server.probe();
      log(`${label}: median ${s.medianMs} ms (min ${s.minMs}, max ${s.maxMs}; ${runs} runs), server CPU median ${summarise(cpu).medianMs} ms (GC pauses ${summarise(gc).medianMs} ms), ${[...new Set(statements)].join('/')} SQL statements, ${(bytes / 1e6).toFixed(2)} MB; server peak RSS so far ${(Math.max(peak.peakSampledBytes, peak.maxRssBytes) / 2 ** 20).toFixed(0)} MiB`);
      return s.medianMs;
    };
    const mode = warm ? 'warm (evaluations cached, response cache off)' : 'cold';
    const full = await timeCold('full', `${mode} cityEvaluation, full verdict (bench/queries.ts CITY_EVALUATION)`, CITY_EVALUATION);
    const figures = await timeCold('figures', `${mode} cityEvaluation, the baseline's figures (CITY_FIGURES)`, CITY_FIGURES);
    const b: number[] = [];
    for (let i = 0; i <= runs; i++) {
      const t0 = performance.now();
      await baselineFigures(base, year);
      if (i > 0) b.push(performance.now() - t0);
    }
    const baseline = summarise(b).medianMs;
    log(`SQL baseline: median ${baseline} ms`);
    log(`ratio cold full ÷ baseline ${(full / baseline).toFixed(2)}×; cold figures ÷ baseline ${(figures / baseline).toFixed(2)}×`);
    return 0;
  } finally {
    await base.end();
    await server.stop();
  }
}

main(process.argv.slice(2)).then((c) => process.exit(c), (e) => { console.error(e); process.exit(1); });
