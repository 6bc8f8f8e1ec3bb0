// `npm run bench:years [-- 20]`: the heap one request over many cold evaluation years takes (issue #11.2, D31).
//
// Runs in one process with the heap of `npm start` (--max-old-space-size=384) and --expose-gc: a fresh database with
// the demo data (throwaway embedded PostgreSQL, or a junheng_bench_<pid> database on DATABASE_URL), the hub in this
// process with the cost limit lifted (the point is what the request would hold if it were let through), then one
// request of N `cityEvaluation` years (default 20, 2024 downwards), each cold. Prints the answer's status and time,
// the heap's peak over the start, the heap after a forced GC every 4 s (what the request holds, with the caches), and
// what is left when it is done (the caches). Before D31, 16 years ran out of heap and 12 held +408 MB.
import 'reflect-metadata';
process.env.LOG_LEVEL ??= 'error';
import v8 from 'node:v8';
import { performance } from 'node:perf_hooks';
import { Role } from '../src/auth/roles';
import { signToken } from '../src/auth/tokens';
import { evaluationCacheStats } from '../src/compliance/evaluation.service';
import { config } from '../src/config';
import { createDataSource } from '../src/db/data-source';
import { createServer } from '../src/server';
import { loadGenerated } from '../seeds/load';
import { BenchDatabase, openBenchDatabase, openMigrated } from './database';

const gc = (globalThis as { gc?: () => void }).gc;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;

async function main(): Promise<void> {
  if (!gc) throw new Error('run with node --expose-gc (npm run bench:years does)');
  const years = Number(process.argv[2] ?? 20);
  const cfg = config();
  let db: BenchDatabase | null = null;
  try {
    db = await openBenchDatabase(cfg.databaseUrl, (line) => process.stderr.write(`${line}\n`));
    const loader = await openMigrated(db.url);
    process.stderr.write('loading the demo data\n');
    await loadGenerated(loader, { scale: 'demo' });
    await loader.destroy();

    const ds = createDataSource(db.url, { poolSize: 4 });
    await ds.initialize();
    const server = await createServer(ds, { ...cfg, limits: { ...cfg.limits, maxCost: 1e12, maxWork: 1e12, statementTimeoutMs: 60_000, responseCacheBytes: 0 } });
    const port = await server.listen(0, '127.0.0.1');
    const token = signToken(cfg.auth.secret!, { subject: 'bench-years', role: Role.SUPERVISOR });
    const query = `{ ${Array.from({ length: years }, (_, i) => `y${2024 - i}: cityEvaluation(year: ${2024 - i}) { qualifiedCount districts { verdict } }`).join(' ')} }`;

    gc();
    const start = process.memoryUsage().heapUsed;
    let peak = start;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 5);
    const held: number[] = [];
    const collector = setInterval(() => {
      gc();
      held.push(process.memoryUsage().heapUsed - start);
    }, 4000);
    const t = performance.now();
    const res = await fetch(`http://127.0.0.1:${port}/graphql`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
    const body = await res.text();
    const ms = performance.now() - t;
    clearInterval(sampler);
    clearInterval(collector);
    gc();
    const left = process.memoryUsage().heapUsed - start;
    process.stdout.write(
      [
        `${years} cold cityEvaluation years in one request (demo, heap limit ${mb(v8.getHeapStatistics().heap_size_limit)}):`,
        `  answer: HTTP ${res.status}, ${body.length.toLocaleString('en')} characters, ${(ms / 1000).toFixed(1)} s`,
        `  heap at the start ${mb(start)}; peak +${mb(peak - start)}`,
        `  held after a forced GC, every 4 s: ${held.map((h) => `+${mb(h)}`).join(', ') || '(done within 4 s)'}`,
        `  left when done (the caches): +${mb(left)}; ${JSON.stringify(evaluationCacheStats())}`,
      ].join('\n') + '\n',
    );
    await server.stop();
    await ds.destroy();
  } finally {
    await db?.dispose().catch(() => undefined);
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
