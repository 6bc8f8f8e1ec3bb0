// Timing: repeated runs after a warm-up, bounded in count and in time; min / median / p95.
import { performance } from 'node:perf_hooks';
import type { ServerChild } from './server';

export interface Stats {
  runs: number;
  minMs: number;
  medianMs: number;
  p95Ms: number;
  meanMs: number;
  maxMs: number;
}

export interface Budget {
  warmup: number;
  /** Stop after this many timed runs… */
  maxRuns: number;
  /** …or once this much time was spent on timed runs (but never fewer than minRuns). */
  budgetMs: number;
  minRuns: number;
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export function summarise(samples: readonly number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const r = (x: number) => Math.round(x * 100) / 100;
  return {
    runs: sorted.length,
    minMs: r(sorted[0] ?? NaN),
    medianMs: r(percentile(sorted, 50)),
    p95Ms: r(percentile(sorted, 95)),
    meanMs: r(sorted.reduce((s, x) => s + x, 0) / (sorted.length || 1)),
    maxMs: r(sorted[sorted.length - 1] ?? NaN),
  };
}

/** Runs `once` (which returns its own duration in ms, so set-up outside the timed part is not counted). */
export async function measure(budget: Budget, once: () => Promise<number>): Promise<{ stats: Stats; samples: number[]; firstMs: number }> {
  let firstMs = NaN;
  for (let i = 0; i < budget.warmup; i++) {
    const ms = await once();
    if (i === 0) firstMs = ms;
  }
  const samples: number[] = [];
  const started = performance.now();
  while (samples.length < budget.maxRuns && (samples.length < budget.minRuns || performance.now() - started < budget.budgetMs)) {
    samples.push(await once());
  }
  if (budget.warmup === 0) firstMs = samples[0] ?? NaN;
  return { stats: summarise(samples), samples, firstMs: Math.round(firstMs * 100) / 100 };
}

export interface GraphQLResult {
  data?: Record<string, any>;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

export class GraphQLError extends Error {}

/** A GraphQL client over real HTTP (keep-alive) with a bearer token. */
export class Client {
  constructor(
    readonly url: string,
    private readonly token: string,
  ) {}

  /** One request; returns the parsed answer and the time from sending to the last byte (parsing not included). */
  async timed(query: string, variables: Record<string, unknown>, timeoutMs = 120_000): Promise<{ ms: number; bytes: number; result: GraphQLResult }> {
    const body = JSON.stringify({ query, variables });
    const t0 = performance.now();
    const res = await fetch(`${this.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${this.token}` },
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text();
    const ms = performance.now() - t0;
    let result: GraphQLResult;
    try {
      result = JSON.parse(text) as GraphQLResult;
    } catch {
      throw new GraphQLError(`HTTP ${res.status}: not JSON: ${text.slice(0, 300)}`);
    }
    if (res.status !== 200 || result.errors?.length || !result.data) {
      throw new GraphQLError(`HTTP ${res.status}: ${result.errors?.map((e) => `${e.message} (${String(e.extensions?.code ?? '')})`).join('; ') ?? text.slice(0, 300)}`);
    }
    return { ms, bytes: Buffer.byteLength(text), result };
  }
}

export interface QueryMeasurement {
  name: string;
  stats: Stats;
  /** The first (warm-up) run: the first time this request was asked after the server started. */
  firstMs: number;
  /** SQL statements the server sent for one request (every timed run; all equal when constant). */
  statements: number[];
  /** CPU time the server process spent per request (user + system, mean over the timed runs): the rest is PostgreSQL and waiting. */
  serverCpuMs: number;
  /** Garbage-collection pause time in the server per request (mean over the timed runs). */
  serverGcMs: number;
  responseBytes: number;
}

/** Times a GraphQL request against the server child; counts the child's SQL statements around every timed run. */
export async function measureQuery(
  name: string,
  client: Client,
  server: ServerChild,
  budget: Budget,
  query: string,
  variables: Record<string, unknown>,
  beforeEach?: () => Promise<void>,
): Promise<QueryMeasurement> {
  const statements = new Set<number>();
  const cpu: number[] = [];
  const gc: number[] = [];
  let responseBytes = 0;
  const { stats, firstMs } = await measure(budget, async () => {
    await beforeEach?.();
    const before = await server.probe();
    const { ms, bytes } = await client.timed(query, variables);
    const after = await server.probe();
    statements.add(after.statements - before.statements);
    cpu.push((after.cpuUserMicros + after.cpuSystemMicros - before.cpuUserMicros - before.cpuSystemMicros) / 1000);
    gc.push(after.gcPauseMs - before.gcPauseMs);
    responseBytes = bytes;
    return ms;
  });
  // the warm-up runs are left out of the CPU figure, as they are of the timings
  const mean = (xs: number[]) => {
    const timed = xs.slice(budget.warmup);
    return Math.round((timed.reduce((s, x) => s + x, 0) / (timed.length || 1)) * 10) / 10;
  };
  return { name, stats, firstMs, statements: [...statements].sort((a, b) => a - b), serverCpuMs: mean(cpu), serverGcMs: mean(gc), responseBytes };
}

/** Statements of one (untimed) request. */
export async function statementsOf(client: Client, server: ServerChild, query: string, variables: Record<string, unknown>, beforeEach?: () => Promise<void>): Promise<number> {
  await beforeEach?.();
  const before = (await server.probe()).statements;
  await client.timed(query, variables);
  return (await server.probe()).statements - before;
}
