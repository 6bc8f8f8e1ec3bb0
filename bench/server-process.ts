// The hub as the benchmark runs it: a child process of bench/run.ts (compiled by bench/build.ts, started with plain
// node), so that its memory and CPU are its own and not the load generator's. It talks to its parent over the IPC
// channel only: `ready` with the port once listening; answers to `probe` (memory, SQL statement tally) and `stop`.
import 'reflect-metadata';
import { PerformanceObserver } from 'node:perf_hooks';
import v8 from 'node:v8';
import { config } from '../src/config';
import { createDataSource } from '../src/db/data-source';
import { processSqlTally } from '../src/db/sql-counter';
import { createServer } from '../src/server';

export type ToServer = { id: number; type: 'probe'; resetPhasePeak?: boolean } | { id: number; type: 'stop' };

export interface Probe {
  /** Statements sent by this process since it started (every statement, through TypeORM's logger). */
  statements: number;
  rssBytes: number;
  heapUsedBytes: number;
  /** Highest RSS seen by the 100 ms sampler since start, and since the last phase reset. */
  peakSampledBytes: number;
  phasePeakSampledBytes: number;
  /** The kernel's high-water mark of the process (getrusage ru_maxrss). */
  maxRssBytes: number;
  /** CPU time of the process so far, microseconds. */
  cpuUserMicros: number;
  cpuSystemMicros: number;
  /** Garbage-collection pauses so far (node's `gc` performance entries): total milliseconds and count. */
  gcPauseMs: number;
  gcCount: number;
}

export type FromServer =
  | { type: 'ready'; port: number; startupRssBytes: number; poolSize: number; heapLimitBytes: number }
  | { type: 'failed'; error: string }
  | ({ type: 'probe'; id: number } & Probe)
  | { type: 'stopped'; id: number };

const SAMPLE_MS = 100;

function send(message: FromServer): void {
  process.send?.(message);
}

async function main(): Promise<void> {
  const url = process.env.JUNHENG_BENCH_DATABASE_URL;
  if (!url || !process.send) throw new Error('server-process: start me from bench/run.ts (IPC channel and JUNHENG_BENCH_DATABASE_URL)');
  const cfg = config();
  let peak = process.memoryUsage.rss();
  let phasePeak = peak;
  const sampler = setInterval(() => {
    const rss = process.memoryUsage.rss();
    if (rss > peak) peak = rss;
    if (rss > phasePeak) phasePeak = rss;
  }, SAMPLE_MS);
  sampler.unref();
  let gcPauseMs = 0;
  let gcCount = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      gcPauseMs += entry.duration;
      gcCount += 1;
    }
  }).observe({ entryTypes: ['gc'] });

  const ds = createDataSource(url, { poolSize: cfg.dbPoolSize, applicationName: 'junheng-bench-server' });
  await ds.initialize();
  const server = await createServer(ds, cfg);
  const port = await server.listen(0, '127.0.0.1');

  const probe = (): Probe => {
    const rss = process.memoryUsage.rss();
    if (rss > peak) peak = rss;
    if (rss > phasePeak) phasePeak = rss;
    const usage = process.resourceUsage();
    return {
      statements: processSqlTally.count,
      rssBytes: rss,
      heapUsedBytes: process.memoryUsage().heapUsed,
      peakSampledBytes: peak,
      phasePeakSampledBytes: phasePeak,
      maxRssBytes: usage.maxRSS * 1024,
      cpuUserMicros: usage.userCPUTime,
      cpuSystemMicros: usage.systemCPUTime,
      gcPauseMs,
      gcCount,
    };
  };

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    clearInterval(sampler);
    await server.stop().catch(() => undefined);
    await ds.destroy().catch(() => undefined);
  };

  process.on('message', (raw: unknown) => {
    const message = raw as ToServer;
    if (message.type === 'probe') {
      const answer = probe();
      if (message.resetPhasePeak) phasePeak = answer.rssBytes;
      send({ type: 'probe', id: message.id, ...answer });
    } else if (message.type === 'stop') {
      void stop().then(() => {
        send({ type: 'stopped', id: message.id });
        process.disconnect?.();
        setTimeout(() => process.exit(0), 50).unref();
      });
    }
  });
  // The parent went away (crashed or was killed): do not linger.
  process.on('disconnect', () => void stop().then(() => process.exit(0)));
  send({ type: 'ready', port, startupRssBytes: process.memoryUsage.rss(), poolSize: cfg.dbPoolSize, heapLimitBytes: v8.getHeapStatistics().heap_size_limit });
}

main().catch((err: unknown) => {
  send({ type: 'failed', error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
  setTimeout(() => process.exit(1), 50);
});
