// `DATABASE_URL=… node --max-old-space-size=384 -r ts-node/register/transpile-only bench/engine.ts [--runs N]`: the
// compliance engine alone on a loaded database's facts (e.g. `npm run seed -- --scale city`): one gathering of every
// district's facts (SQL and building the facts), then `evaluateDistrict` of every district N times, in this process
// (no HTTP, no GraphQL), with the CPU and GC time of each. For profiling the engine (`--cpu-prof`) without the server.
import 'reflect-metadata';
import fs from 'node:fs';
import { performance, PerformanceObserver } from 'node:perf_hooks';
import { Role } from '../src/auth/roles';
import { inProcessViewer } from '../src/auth/verified';
import { config } from '../src/config';
import { basicBalanceMonitoring, evaluateDistrict } from '../src/compliance';
import { gatherFacts } from '../src/compliance/evaluation.service';
import { openDatabase } from '../src/db/open';
import { createContext } from '../src/graphql/context';

async function main(argv: string[]): Promise<void> {
  const runs = argv.includes('--runs') ? Number(argv[argv.indexOf('--runs') + 1]) : 5;
  const year = argv.includes('--year') ? Number(argv[argv.indexOf('--year') + 1]) : 2024;
  let gcMs = 0;
  new PerformanceObserver((l) => { for (const e of l.getEntries()) gcMs += e.duration; }).observe({ entryTypes: ['gc'] });
  const db = await openDatabase(config(), { applicationName: 'junheng-bench-engine' });
  try {
    const codes: string[] = (await db.ds.query('SELECT code FROM districts ORDER BY code')).map((r: { code: string }) => r.code);
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const facts = await db.ds.transaction('REPEATABLE READ', (m) =>
      gatherFacts(createContext(m, 'bench-engine', inProcessViewer({ subject: 'bench', role: Role.SUPERVISOR, district: null })), codes, year));
    const c = process.cpuUsage(cpu0);
    process.stderr.write(`gather facts: ${(performance.now() - t0).toFixed(0)} ms wall, ${((c.user + c.system) / 1000).toFixed(0)} ms CPU here\n`);
    // --dump FILE: every district's result as JSON (evidence, exact texts and messages included), to compare two trees
    if (argv.includes('--dump')) {
      const out = fs.openSync(argv[argv.indexOf('--dump') + 1]!, 'w');
      for (const f of facts.values()) fs.writeSync(out, `${JSON.stringify(evaluateDistrict(f, 'YJ2017'))}\n${JSON.stringify(basicBalanceMonitoring(f))}\n`);
      fs.closeSync(out);
    }
    for (let i = 0; i < runs; i++) {
      const gc0 = gcMs;
      const cpu = process.cpuUsage();
      const t = performance.now();
      let blockers = 0;
      for (const f of facts.values()) blockers += evaluateDistrict(f, 'YJ2017').blockers.length;
      const u = process.cpuUsage(cpu);
      await new Promise((r) => setTimeout(r, 50)); // the GC entries arrive after the synchronous loop
      process.stderr.write(`evaluate ${facts.size} districts: ${(performance.now() - t).toFixed(0)} ms wall, ${((u.user + u.system) / 1000).toFixed(0)} ms CPU, GC ${(gcMs - gc0).toFixed(0)} ms (${blockers} blockers)\n`);
    }
  } finally {
    await db.close();
  }
}

main(process.argv.slice(2)).then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
