// `DATABASE_URL=… npx ts-node --transpile-only bench/province-city.ts [--runs N]`: the province-wide city evaluation
// alone (issue #15.5, D123) on a database already loaded (`npm run seed -- --scale province`), without the full
// bench's import: cold (every district's data as if changed before each run) and warm, figures only (CITY_FIGURES)
// and the full verdict (CITY_EVALUATION, answered or refused by the cost limit), then a client that gives up 1 s into
// a cold evaluation; the server's CPU per request and its peak RSS, under `npm start`'s heap cap.
import 'reflect-metadata';
import path from 'node:path';
import pg from 'pg';
import { Role } from '../src/auth/roles';
import { signToken } from '../src/auth/tokens';
import { config } from '../src/config';
import { Client, summarise } from './measure';
import { CITY_EVALUATION, CITY_FIGURES } from './queries';
import { buildServer, ServerChild } from './server';

async function main(argv: string[]): Promise<number> {
  const runs = argv.includes('--runs') ? Number(argv[argv.indexOf('--runs') + 1]) : 3;
  const year = 2024;
  const cfg = config();
  if (!cfg.databaseUrl) throw new Error('DATABASE_URL: a database already loaded (npm run seed -- --scale province)');
  const log = (s: string) => process.stderr.write(`${s}\n`);
  await buildServer();
  const server = await ServerChild.start({ databaseUrl: cfg.databaseUrl, logFile: path.join(__dirname, 'results', 'province-city-server.log') });
  const base = new pg.Client({ connectionString: cfg.databaseUrl, application_name: 'junheng-province-city' });
  await base.connect();
  const token = signToken(cfg.auth.secret!, { subject: 'bench', role: Role.SUPERVISOR });
  const client = new Client(server.url, token);
  const epoch = async () => {
    await base.query('UPDATE surveys SET respondents = respondents WHERE ctid = (SELECT ctid FROM surveys ORDER BY district_code, year LIMIT 1)');
    await base.query(`UPDATE district_data_version SET version = nextval('district_data_version_seq') WHERE district_code = '*'`);
  };
  const mib = (b: number) => `${(b / 1048576).toFixed(0)} MiB`;
  try {
    const time = async (label: string, query: string, cold: boolean) => {
      const ms: number[] = [];
      const cpu: number[] = [];
      let bytes = 0;
      for (let i = 0; i < runs; i++) {
        if (cold) await epoch();
        const before = await server.probe();
        try {
          const r = await client.timed(query, { year }, 300_000);
          bytes = r.bytes;
          ms.push(r.ms);
        } catch (err) {
          log(`${label}: ${(err as Error).message.slice(0, 300)}`);
          return;
        }
        const after = await server.probe();
        cpu.push((after.cpuUserMicros + after.cpuSystemMicros - before.cpuUserMicros - before.cpuSystemMicros) / 1000);
      }
      const s = summarise(ms);
      const p = await server.probe();
      log(`${label}: median ${s.medianMs} ms (min ${s.minMs}, max ${s.maxMs}; ${runs} runs), server CPU median ${summarise(cpu).medianMs} ms, ${(bytes / 1e6).toFixed(2)} MB; peak RSS so far ${mib(Math.max(p.peakSampledBytes, p.maxRssBytes))}, heap now ${mib(p.heapUsedBytes)}`);
    };
    await time('province cityEvaluation figures only, cold', CITY_FIGURES, true);
    await time('province cityEvaluation figures only, warm', CITY_FIGURES, false);
    await time('province cityEvaluation full verdict, cold', CITY_EVALUATION, true);

    // Others during a cold province-wide evaluation: a small query every 200 ms, timed, while it runs.
    {
      await epoch();
      const small = new Client(server.url, token);
      let running = true;
      const big = client.timed(CITY_FIGURES, { year }, 300_000).finally(() => { running = false; });
      const waits: number[] = [];
      while (running) {
        const r = await small.timed('{ districts(first: 5) { totalCount nodes { code name } } }', {});
        waits.push(r.ms);
        await new Promise((res) => setTimeout(res, 200));
      }
      const b = await big;
      const s = summarise(waits);
      log(`a small query every 200 ms during a cold province-wide evaluation (${(b.ms / 1000).toFixed(1)} s): ${waits.length} answered, median ${s.medianMs} ms, p95 ${s.p95Ms} ms, max ${s.maxMs} ms`);
    }

    // A client that gives up: a cold evaluation abandoned after 1 s. The server's CPU in the next 5 s says whether it
    // went on computing (a cold province evaluation takes tens of seconds of CPU on this machine).
    await epoch();
    const controller = new AbortController();
    const gone = fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: CITY_FIGURES, variables: { year } }),
      signal: controller.signal,
    }).catch(() => undefined);
    await new Promise((r) => setTimeout(r, 1000));
    controller.abort();
    await gone;
    await new Promise((r) => setTimeout(r, 500));
    const a = await server.probe();
    await new Promise((r) => setTimeout(r, 5000));
    const b = await server.probe();
    log(`abandoned after 1 s: server CPU in the 5 s after (from 0.5 s after the hang-up) ${((b.cpuUserMicros + b.cpuSystemMicros - a.cpuUserMicros - a.cpuSystemMicros) / 1000).toFixed(0)} ms`);
    const p = await server.probe();
    log(`server peak RSS ${mib(Math.max(p.peakSampledBytes, p.maxRssBytes))} (heap cap ${process.env.NODE_OPTIONS ?? 'npm start flags'}), alive`);
    return 0;
  } finally {
    await base.end();
    await server.stop();
  }
}

main(process.argv.slice(2)).then((c) => process.exit(c), (e) => { console.error(e); process.exit(1); });
