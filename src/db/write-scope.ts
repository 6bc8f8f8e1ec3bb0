import { createHash, randomUUID } from 'node:crypto';
import { escapeLiteral } from 'pg';
import type { EntityManager, QueryRunner } from 'typeorm';
import type { Viewer } from '../auth/roles';
import { log } from '../common/logger';
import { READER_ROLE } from './request-scope';

/** The database role mutations write as: INSERT/UPDATE on the supervision office's tables, under row-level security. */
export const WRITER_ROLE = 'junheng_writer';

/** Thrown inside a write to roll it back and hand `value` back to the caller (the expected failures: userErrors). */
export class RollbackWith<T> extends Error {
  constructor(readonly value: T) {
    super('rolled back on purpose');
    this.name = 'RollbackWith';
  }
}

/** Runs `work` in one read-write transaction as the writer role, scoped to the viewer; commits when it returns. */
export type WriteScope = <T>(work: (db: EntityManager) => Promise<T>) => Promise<T>;

export interface WriteScopeOwner {
  /** The request's reads: the manager of its scoped read-only transaction (src/db/request-scope.ts), or a plain manager. */
  db: EntityManager;
  viewer: Viewer;
  requestId: string;
}

export interface WriteScopeOptions {
  statementTimeoutMs: number;
  /** How long a write waits for a row or dataset lock (an import in progress) before giving up. */
  lockTimeoutMs: number;
}

function setConfig(pairs: [string, string][]): string {
  return pairs.map(([name, value]) => `set_config(${escapeLiteral(name)}, ${escapeLiteral(value)}, true)`).join(', ');
}

/** The same settings as src/db/request-scope.ts opens every request with (the reader's transaction). */
function readerSettings(viewer: Viewer, statementTimeoutMs: number): string {
  return setConfig([
    ['junheng.district', viewer.district ?? ''],
    ['junheng.role', viewer.role],
    ['statement_timeout', String(statementTimeoutMs)],
    ['role', READER_ROLE],
  ]);
}

function writerSettings(owner: WriteScopeOwner, options: WriteScopeOptions): string {
  return setConfig([
    ['junheng.district', owner.viewer.district ?? ''],
    ['junheng.role', owner.viewer.role],
    ['junheng.subject', owner.viewer.subject],
    ['junheng.request_id', owner.requestId],
    ['statement_timeout', String(options.statementTimeoutMs)],
    ['lock_timeout', String(options.lockTimeoutMs)],
    ['role', WRITER_ROLE],
  ]);
}

/**
 * The write side of a request (decision D80). A mutation's work runs in its own READ COMMITTED transaction as
 * `junheng_writer`, with the viewer's district, role and subject set for row-level security — on the request's own
 * connection: its read-only transaction is ended first, and after the write a new one starts (same viewer, a new
 * snapshot), so the payload and everything read after the write see it, and a request never holds two connections
 * (no pool starvation under load). `renewed` is told when the reads restart (the loaders' caches are stale then).
 * Without a request transaction (scripts, tests), the write takes a connection of its own.
 */
export function writeScope(owner: WriteScopeOwner, renewed: () => void, options: WriteScopeOptions): WriteScope {
  let busy = false;
  return async <T>(work: (db: EntityManager) => Promise<T>): Promise<T> => {
    if (busy) throw new Error('a write is already in progress in this request');
    busy = true;
    const shared: QueryRunner | undefined = owner.db.queryRunner;
    const runner = shared ?? owner.db.connection.createQueryRunner();
    const resumeReads = shared ? `; BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; SELECT ${readerSettings(owner.viewer, options.statementTimeoutMs)}` : '';
    // Ends whatever transaction is open and restarts the request's reads. If that fails, the connection is given up
    // (fail closed): a read after it must never run outside the reader's scoped transaction.
    const resume = async () => {
      try {
        await runner.query(`ROLLBACK${resumeReads}`);
      } catch (err) {
        log.error('write scope: could not restore the request transaction; releasing its connection', { error: err instanceof Error ? err.message : String(err) });
        if (shared) await runner.release().catch(() => undefined);
      }
    };
    try {
      let value: T;
      try {
        await runner.query(`${shared ? 'ROLLBACK; ' : ''}BEGIN ISOLATION LEVEL READ COMMITTED READ WRITE; SELECT ${writerSettings(owner, options)}`);
        value = await work(runner.manager);
      } catch (err) {
        await resume();
        if (err instanceof RollbackWith) return err.value as T;
        throw err;
      }
      try {
        // One round trip: commit, then the new read-only snapshot (BEGIN and the settings cannot fail once the
        // request's own transaction started with them; a failing COMMIT skips the rest and is reported).
        await runner.query(`COMMIT${resumeReads}`);
      } catch (err) {
        await resume();
        throw err;
      }
      return value;
    } finally {
      busy = false;
      if (!shared) await runner.release();
      renewed();
    }
  };
}

/** SQLSTATE of a lock wait that ran out (lock_timeout): someone else holds the row or the dataset. */
export const LOCK_NOT_AVAILABLE = '55P03';

/**
 * Serialises API writes of a dataset with its imports (src/ingestion/batches.ts takes the same lock, keyed the same
 * way, exclusively): a mutation never interleaves with a delivery of the same dataset. `shared` lets mutations of the
 * dataset run beside each other (their rows are locked one by one); `exclusive` also orders them (two writers of a
 * new keyed row must not both insert it). Released at commit or rollback.
 */
export async function lockDatasetForWrite(db: EntityManager, dataset: string, mode: 'shared' | 'exclusive'): Promise<void> {
  const fn = mode === 'shared' ? 'pg_advisory_xact_lock_shared' : 'pg_advisory_xact_lock';
  await db.query(`SELECT ${fn}(hashtext('junheng.import'), hashtext($1))`, [dataset]);
}

export interface ApiBatch {
  department: string;
  dataset: string;
  /** The mutation, e.g. "setRating": the batch's file name is "api:setRating". */
  mutation: string;
  subject: string;
  requestId: string;
  rowsInserted: number;
  rowsUpdated: number;
}

/**
 * One API write as its own import batch (kind `api`): the rows it writes point at it like a delivery's rows do,
 * so `source`, evidence sources, row history and `importBatches` show it beside the files. Its sha256 identifies
 * the write (request and a nonce), not its bytes: two identical writes are two batches; retries are recognised by
 * idempotency keys instead.
 */
export async function openApiBatch(db: EntityManager, batch: ApiBatch): Promise<string> {
  const sha256 = createHash('sha256').update(JSON.stringify([batch.dataset, batch.mutation, batch.requestId, randomUUID()])).digest('hex');
  const [row] = await db.query(
    `INSERT INTO import_batch (department, dataset, file_name, sha256, status, loaded_by, started_at, finished_at, rows_total,
                               rows_inserted, rows_updated, kind, request_id)
     VALUES ($1, $2, $3, $4, 'succeeded', $5, now(), clock_timestamp(), $6, $7, $8, 'api', $9) RETURNING id::text AS id`,
    [
      batch.department,
      batch.dataset,
      `api:${batch.mutation}`,
      sha256,
      batch.subject,
      batch.rowsInserted + batch.rowsUpdated,
      batch.rowsInserted,
      batch.rowsUpdated,
      batch.requestId,
    ],
  );
  return row.id;
}
