// `DATABASE_URL=… node --max-old-space-size=384 -r ts-node/register/transpile-only bench/execute.ts [--runs N] [--figures]`:
// the GraphQL side of the city evaluation alone, in this process (no HTTP, no Apollo): the evaluations computed once,
// then the bench's CITY_EVALUATION (or CITY_FIGURES) executed by graphql-js on the hub's schema and serialised with
// JSON.stringify N times, with the CPU and GC time of each (docs/decisions.md D120). The answers are cache hits of the
// evaluations, so what is timed is execution (resolvers, messages) and serialisation: steady enough on a shared
// machine to compare two trees, which the cold request over HTTP is not.
import 'reflect-metadata';
import { execute, parse } from 'graphql';
import { constants as perfConstants, performance, PerformanceObserver } from 'node:perf_hooks';
import { Role } from '../src/auth/roles';
import { inProcessViewer } from '../src/auth/verified';
import { config } from '../src/config';
import { openDatabase } from '../src/db/open';
import { createContext } from '../src/graphql/context';
import { buildGraphQLSchema } from '../src/graphql/schema';
import { CITY_EVALUATION, CITY_FIGURES } from './queries';

async function main(argv: string[]): Promise<void> {
  const runs = argv.includes('--runs') ? Number(argv[argv.indexOf('--runs') + 1]) : 10;
  const year = argv.includes('--year') ? Number(argv[argv.indexOf('--year') + 1]) : 2024;
  const document = parse(argv.includes('--figures') ? CITY_FIGURES : CITY_EVALUATION);
  let gcMs = 0;
  let majorGcMs = 0;
  new PerformanceObserver((l) => {
    for (const e of l.getEntries()) {
      gcMs += e.duration;
      if ((e as { detail?: { kind?: number } }).detail?.kind === perfConstants.NODE_PERFORMANCE_GC_MAJOR) majorGcMs += e.duration;
    }
  }).observe({ entryTypes: ['gc'] });
  const schema = await buildGraphQLSchema();
  const db = await openDatabase(config(), { applicationName: 'junheng-bench-execute' });
  try {
    await db.ds.transaction('REPEATABLE READ', async (m) => {
      const contextValue = createContext(m, 'bench-execute', inProcessViewer({ subject: 'bench', role: Role.SUPERVISOR, district: null }));
      const cpus: number[] = [];
      for (let i = 0; i <= runs; i++) {
        const gc0 = gcMs;
        const major0 = majorGcMs;
        const cpu = process.cpuUsage();
        const t = performance.now();
        const result = await execute({ schema, document, contextValue, variableValues: { year } });
        if (result.errors?.length) throw new Error(result.errors.map((e) => e.message).join('; '));
        const text = JSON.stringify(result) + '\n';
        const u = process.cpuUsage(cpu);
        await new Promise((r) => setTimeout(r, 50)); // the GC entries arrive after the synchronous work
        const ms = (u.user + u.system) / 1000;
        if (i > 0) cpus.push(ms); // the first computes the evaluations
        process.stderr.write(`${i === 0 ? 'first (evaluations computed)' : `run ${i}`}: ${(performance.now() - t - 50).toFixed(0)} ms wall, ${ms.toFixed(0)} ms CPU, GC ${(gcMs - gc0).toFixed(0)} ms (major ${(majorGcMs - major0).toFixed(0)}), heap used ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MiB, ${text.length} chars\n`);
      }
      cpus.sort((a, b) => a - b);
      process.stderr.write(`execute + stringify: CPU median ${cpus[Math.floor(cpus.length / 2)]!.toFixed(0)} ms, min ${cpus[0]!.toFixed(0)} ms (${runs} runs)\n`);
    });
  } finally {
    await db.close();
  }
}

main(process.argv.slice(2)).then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
