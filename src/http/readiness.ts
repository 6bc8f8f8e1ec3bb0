import pg from 'pg';
import type { DataSource } from 'typeorm';
import type { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions';
import { log } from '../common/logger';
import { lastUnavailableAt } from '../db/unavailable';

export interface Readiness {
  ready: boolean;
  /** Milliseconds the check took (or how long ago the shared answer was measured). */
  ms: number;
}

/**
 * Whether PostgreSQL answers, measured on a connection of its own with a short timeout — never a connection from
 * the request pool, so `/readyz` answers fast even when every pooled connection is busy (a queued probe would time
 * out in the orchestrator and take a healthy hub out of service). Concurrent checks share one attempt, and an
 * answer is reused for `reuseMs`, so a flood of probes opens at most one connection at a time — except a "ready"
 * answer older than a request's DATABASE_UNAVAILABLE, which is measured again.
 */
export function readinessProbe(ds: DataSource, options: { timeoutMs?: number; reuseMs?: number } = {}): () => Promise<Readiness> {
  const timeoutMs = options.timeoutMs ?? 1000;
  const reuseMs = options.reuseMs ?? 1000;
  const url = (ds.options as PostgresConnectionOptions).url;
  let inFlight: Promise<Readiness> | null = null;
  let last: { at: number; result: Readiness } | null = null;

  const check = async (): Promise<Readiness> => {
    const started = Date.now();
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs, query_timeout: timeoutMs, application_name: 'junheng-readyz' });
    // An error after the check (the server going away) must not become an uncaught 'error' event.
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.query('SELECT 1');
      return { ready: true, ms: Date.now() - started };
    } catch (err) {
      log.warn('readiness check failed', { error: err instanceof Error ? err.message : String(err) });
      return { ready: false, ms: Date.now() - started };
    } finally {
      void client.end().catch(() => undefined);
    }
  };

  return () => {
    // A request that failed on an unreachable database since the answer was measured makes the answer stale.
    const fresh = last && Date.now() - last.at < reuseMs && !(last.result.ready && lastUnavailableAt() >= last.at);
    if (last && fresh) return Promise.resolve(last.result);
    const startedAt = Date.now();
    // Dated from the start of the check: a failure seen while it ran also makes it stale.
    inFlight ??= check().then((result) => {
      last = { at: startedAt, result };
      inFlight = null;
      return result;
    });
    return inFlight;
  };
}
