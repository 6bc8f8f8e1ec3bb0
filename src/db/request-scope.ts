import { escapeLiteral, type PoolClient, type QueryResult } from 'pg';
import { DataSource, EntityManager, QueryRunner } from 'typeorm';
import type { Viewer } from '../auth/roles';
import { log } from '../common/logger';
import { Versions, versionsFrom, VERSIONS_SQL, type VersionRow } from './data-version';
import { databaseUnavailable, isDatabaseUnavailable } from './unavailable';

/** The database role every request reads as: SELECT only, subject to row-level security (migration RowLevelSecurity). */
export const READER_ROLE = 'junheng_reader';

export interface RequestScope {
  /** Reads of this request: one connection, one read-only transaction, scoped to the viewer. */
  db: EntityManager;
  /** The data versions of the transaction's snapshot, read in the same round trip as BEGIN (D114). */
  versions: Versions;
  /**
   * Aborted when the transaction ends for any reason: the answer was sent, the client went away (the HTTP layer
   * finishes the scope on the socket's close) or the time limit below ran out. Long work (the evaluation loop) reads
   * it at each district boundary and stops: nothing it computed after that could be read or answered (D123).
   */
  signal: AbortSignal;
  /** Ends the transaction and returns the connection; safe to call more than once. */
  finish(): Promise<void>;
}

/**
 * Opens the read-only transaction a request runs in. The viewer's district and role are set as transaction
 * settings that PostgreSQL's row-level security policies read, and the transaction switches to the reader role,
 * so every path — lists, node(id), nested fields, aggregates, evaluations — is scoped by the database itself,
 * and a statement running longer than the timeout is cancelled.
 */
export async function openRequestScope(ds: DataSource, viewer: Viewer, statementTimeoutMs: number): Promise<RequestScope> {
  const runner: QueryRunner = ds.createQueryRunner();
  let client: PoolClient;
  try {
    client = (await runner.connect()) as PoolClient;
  } catch (err) {
    await runner.release().catch(() => undefined);
    // PostgreSQL down or restarting: a fault the client can retry (503), not a defect (500).
    throw isDatabaseUnavailable(err) ? databaseUnavailable() : err;
  }
  let versions: Versions;
  try {
    // One snapshot for the whole request: the data version it reads matches every row it reads (the caches).
    // BEGIN, the settings and the data versions in one round trip (simple protocol: no parameters, so the values
    // are escaped literals); the versions are read as the reader role, in the snapshot the settings' SELECT took.
    const settings = [
      ['junheng.district', viewer.district ?? ''],
      ['junheng.role', viewer.role],
      ['statement_timeout', String(statementTimeoutMs)],
      ['role', READER_ROLE],
    ].map(([name, value]) => `set_config(${escapeLiteral(name)}, ${escapeLiteral(value)}, true)`);
    const text = `BEGIN TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY; SELECT ${settings.join(', ')}; ${VERSIONS_SQL}`;
    // Straight to the pg client: TypeORM returns nothing for a multi-statement result. Counted as one statement.
    ds.logger.logQuery(text);
    const results = (await client.query(text)) as unknown as QueryResult<VersionRow>[];
    versions = versionsFrom(results[2]!.rows);
  } catch (err) {
    await runner.query('ROLLBACK').catch(() => undefined);
    await runner.release().catch(() => undefined);
    throw isDatabaseUnavailable(err) ? databaseUnavailable() : err;
  }
  serialise(runner);
  let finished: Promise<void> | null = null;
  const ended = new AbortController();
  // The last line of defence against a leaked connection: no request keeps its transaction longer than this.
  const guard = setTimeout(() => {
    log.warn('request scope: transaction still open after its time limit, closing it', { limitMs: maxRequestMs(statementTimeoutMs) });
    void scope.finish();
  }, maxRequestMs(statementTimeoutMs));
  guard.unref();
  const scope: RequestScope = {
    db: runner.manager,
    versions,
    signal: ended.signal,
    finish() {
      clearTimeout(guard);
      ended.abort();
      finished ??= (async () => {
        try {
          // Read-only: nothing to keep; ROLLBACK also clears an aborted transaction (e.g. after a timeout).
          await runner.query('ROLLBACK');
        } catch (err) {
          log.warn('request scope: rollback failed', { error: err instanceof Error ? err.message : String(err) });
        } finally {
          await runner.release().catch(() => undefined);
        }
      })();
      return finished;
    },
  };
  return scope;
}

/** A request may run several statements, each up to the statement timeout, but not forever. */
function maxRequestMs(statementTimeoutMs: number): number {
  return Math.max(60_000, statementTimeoutMs * 6);
}

/**
 * The loaders of a request fire their batches concurrently, but one connection runs one statement at a time:
 * queue them here rather than stacking queries on the pg client (deprecated in pg 8, removed in pg 9).
 */
function serialise(runner: QueryRunner): void {
  const query = runner.query.bind(runner);
  let tail: Promise<unknown> = Promise.resolve();
  runner.query = ((...args: Parameters<QueryRunner['query']>) => {
    const run = tail.then(() => query(...args));
    tail = run.catch(() => undefined);
    return run;
  }) as QueryRunner['query'];
}
