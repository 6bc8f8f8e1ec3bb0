import { escapeLiteral, type PoolClient, type QueryResult } from 'pg';
import { QueryFailedError, QueryResult as TypeOrmQueryResult } from 'typeorm';
import { DataSource, EntityManager, QueryRunner } from 'typeorm';
import type { Viewer } from '../auth/roles';
import { log } from '../common/logger';
import { Versions, versionsFrom, VERSIONS_SQL, type VersionRow } from './data-version';
import { databaseUnavailable, isDatabaseUnavailable } from './unavailable';

// pg's own conversion of a parameter to the text it sends (not in its type declarations).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { prepareValue } = require('pg/lib/utils') as { prepareValue(value: unknown): unknown };

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
    const text = `BEGIN TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY; SELECT ${readerSettings(viewer, statementTimeoutMs)}; ${VERSIONS_SQL}`;
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
  besides.set(runner.manager, (sql, params) => queryInSibling(ds, runner, readerSettings(viewer, statementTimeoutMs), () => finished !== null, sql, params));
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

/** The settings every request's reads run under (row-level security reads the first two). */
function readerSettings(viewer: Viewer, statementTimeoutMs: number): string {
  return [
    ['junheng.district', viewer.district ?? ''],
    ['junheng.role', viewer.role],
    ['statement_timeout', String(statementTimeoutMs)],
    ['role', READER_ROLE],
  ].map(([name, value]) => `set_config(${escapeLiteral(name)}, ${escapeLiteral(value)}, true)`).join(', ');
}

type Beside = (sql: string, params: unknown[]) => Promise<any[]>;
const besides = new WeakMap<EntityManager, Beside>();

/**
 * Runs one long read beside the request's connection, so that PostgreSQL works on it while the request's other
 * statements run and their rows are turned into objects (a cold evaluation's teacher aggregate, D119): on a second
 * pooled connection, in the request's own snapshot (`pg_export_snapshot` / `SET TRANSACTION SNAPSHOT`) and under
 * the same reader settings, so it reads exactly the rows the request's connection would. On the request's own
 * connection instead when there is no request scope (scripts, tests' in-process contexts), when the pool has no
 * connection free at once (a request never waits for a second connection while holding one), or when the request
 * is not in its read-only reader transaction (inside a mutation's write).
 */
export function queryBeside(db: EntityManager, sql: string, params: unknown[]): Promise<any[]> {
  const beside = besides.get(db);
  return beside ? beside(sql, params) : db.query(sql, params);
}

async function queryInSibling(
  ds: DataSource, runner: QueryRunner, settings: string, finished: () => boolean, sql: string, params: unknown[],
): Promise<any[]> {
  const pool = (ds.driver as unknown as { master?: { idleCount: number; waitingCount: number; totalCount: number; options: { max: number } } }).master;
  const free = pool && (pool.idleCount > pool.waitingCount || pool.totalCount < pool.options.max);
  if (!free || finished()) return runner.query(sql, params);
  // Asked for now, before any await: the pool hands it out in this order (an idle one, or a new one under the cap).
  const sibling = ds.createQueryRunner();
  const connecting = sibling.connect();
  let begun = false;
  const end = async () => {
    try {
      if (begun) await sibling.query('ROLLBACK');
    } catch { /* the connection is released below either way */ }
    await sibling.release().catch(() => undefined);
  };
  let state: { snapshot: string; reader: boolean } | undefined;
  try {
    [state] = (await runner.query(
      `SELECT pg_export_snapshot() AS snapshot, current_setting('transaction_read_only') = 'on' AND current_setting('transaction_isolation') = 'repeatable read'
              AND current_user = ${escapeLiteral(READER_ROLE)} AS reader`,
    )) as { snapshot: string; reader: boolean }[];
  } catch (err) {
    void connecting.then(end, () => sibling.release().catch(() => undefined));
    throw err;
  }
  try {
    await connecting;
    if (!state?.reader) throw new Error('not in the reader transaction');
    begun = true;
    await sibling.query(`BEGIN TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY; SET TRANSACTION SNAPSHOT ${escapeLiteral(state.snapshot)}; SELECT ${settings}`);
  } catch {
    // No second connection after all (or not in the reader's transaction): the request's own connection reads it.
    await end();
    return runner.query(sql, params);
  }
  try {
    return await sibling.query(sql, params);
  } finally {
    await end();
  }
}

/** A request may run several statements, each up to the statement timeout, but not forever. */
function maxRequestMs(statementTimeoutMs: number): number {
  return Math.max(60_000, statementTimeoutMs * 6);
}

/**
 * The loaders of a request fire their batches concurrently, but one connection runs one statement at a time:
 * queue them here rather than stacking queries on the pg client (deprecated in pg 8, removed in pg 9).
 *
 * Statements queued in the same turn of the event loop (the relation loaders of a page: districts, stats, posting
 * counts…) go to PostgreSQL in one round trip (D121): one simple-protocol message holding them all, each parameter
 * written as the quoted literal of the text pg would have sent for it (an untyped parameter and a quoted literal are
 * both of unknown type, resolved by the server the same way), each statement still counted and logged on its own.
 * A statement alone, or one whose text or parameters are not plainly inlinable, runs as before (extended protocol).
 */
function serialise(runner: QueryRunner): void {
  const query = runner.query.bind(runner) as (sql: string, params?: unknown[], structured?: boolean) => Promise<unknown>;
  let tail: Promise<unknown> = Promise.resolve();
  let pending: Pending[] = [];
  const flush = () => {
    const batch = pending;
    if (batch.length === 0) return; // already sent ahead of a statement that could not join it
    pending = [];
    const run = tail.then(() => (batch.length === 1 ? runOne(batch[0]!) : runBatch(runner, batch, runOne)));
    tail = run.catch(() => undefined);
  };
  const runOne = (p: Pending) => query(p.sql, p.params, p.structured).then(p.resolve, p.reject);
  runner.query = ((sql: string, params?: unknown[], structured?: boolean) => {
    const inlined = inlineParameters(sql, params);
    if (inlined === null) {
      // Not batchable: after whatever is queued, on its own.
      if (pending.length) flush();
      const run = tail.then(() => query(sql, params, structured));
      tail = run.catch(() => undefined);
      return run;
    }
    return new Promise((resolve, reject) => {
      if (pending.length === 0) setImmediate(flush);
      pending.push({ sql, params, structured, inlined, resolve, reject });
    });
  }) as QueryRunner['query'];
}

interface Pending {
  sql: string;
  params: unknown[] | undefined;
  structured: boolean | undefined;
  /** The statement with its parameters as literals. */
  inlined: string;
  resolve(value: unknown): void;
  reject(reason: unknown): void;
}

const SIMPLE_VALUE = (v: unknown): boolean =>
  v === null || v === undefined || typeof v === 'string' || typeof v === 'boolean' || typeof v === 'bigint' || (typeof v === 'number' && Number.isFinite(v));

/**
 * The statement with `$n` replaced by the literal of the text pg sends for parameter n (pg's own prepareValue), or
 * null when that is not plainly safe: a text with quotes, dollar quotes or a semicolon, a parameter number out of
 * range, a value other than a string, number, boolean, null or flat array of those.
 */
export function inlineParameters(sql: string, params: unknown[] | undefined): string | null {
  if (!/^\s*(SELECT|WITH)\b/i.test(sql)) return null;
  if (/['";]|\$\$|--|\/\*/.test(sql.replace(/"[A-Za-z_][A-Za-z0-9_]*"/g, ''))) return null;
  const values = params ?? [];
  for (const v of values) {
    if (!(SIMPLE_VALUE(v) || (Array.isArray(v) && v.every(SIMPLE_VALUE)))) return null;
  }
  let ok = true;
  const text = sql.replace(/\$(\d+)/g, (_, n: string) => {
    const i = Number(n) - 1;
    if (i < 0 || i >= values.length) {
      ok = false;
      return '';
    }
    const prepared = prepareValue(values[i]) as string | null;
    return prepared === null ? 'NULL' : escapeLiteral(prepared);
  });
  return ok ? text : null;
}

/** Several statements in one simple-protocol round trip; each caller gets its own result, as TypeORM would give it. */
async function runBatch(runner: QueryRunner, batch: Pending[], runOne: (p: Pending) => Promise<unknown>): Promise<void> {
  if (runner.isReleased) {
    await Promise.all(batch.map(runOne));
    return;
  }
  const logger = runner.connection.logger;
  for (const p of batch) logger.logQuery(p.sql, p.params, runner);
  const client = (runner as unknown as { databaseConnection: PoolClient }).databaseConnection;
  const started = Date.now();
  let results: QueryResult[];
  try {
    const raw = (await client.query(batch.map((p) => p.inlined).join(';\n'))) as unknown as QueryResult | QueryResult[];
    results = Array.isArray(raw) ? raw : [raw];
  } catch (err) {
    for (const p of batch) {
      logger.logQueryError(err as Error, p.sql, p.params, runner);
      p.reject(new QueryFailedError(p.sql, p.params, err as Error));
    }
    return;
  }
  const ms = Date.now() - started;
  const slowMs = runner.connection.options.maxQueryExecutionTime;
  if (slowMs && ms > slowMs) for (const p of batch) logger.logQuerySlow(ms, p.sql, p.params, runner);
  batch.forEach((p, i) => {
    const raw = results[i];
    if (!raw) {
      p.reject(new Error(`a batch of ${batch.length} statements answered ${results.length} results`));
      return;
    }
    // As PostgresQueryRunner.query shapes it (SELECTs only are batched: no DELETE/UPDATE affected-rows pair).
    const result = new TypeOrmQueryResult();
    result.records = raw.rows;
    result.affected = raw.rowCount ?? undefined;
    result.raw = raw.rows;
    p.resolve(p.structured ? result : result.raw);
  });
}
