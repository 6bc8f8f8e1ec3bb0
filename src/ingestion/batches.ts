import type { DataSource, QueryRunner } from 'typeorm';
import { DatasetDefinition } from './datasets';
import { ImportStatus } from './import-batch.entity';
import { Message, msg, render, DEFAULT_LOCALE } from '../messages';
import { ImportProblem } from './problems';

/** What identifies a delivery and who made it. */
export interface BatchRecord {
  definition: DatasetDefinition;
  fileName: string;
  sha256: string;
  loadedBy: string;
  startedAt: Date;
  /** Text encoding of a CSV delivery (utf-8, gb18030); null for a workbook or generated rows. */
  encoding: string | null;
}

export interface BatchCounts {
  total: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  errors: number;
}

type Queryable = Pick<QueryRunner, 'query'> | Pick<DataSource, 'query'>;

/** The succeeded batch that already applied these exact bytes to this dataset, if any. */
export async function findAppliedDelivery(db: Queryable, dataset: string, sha256: string): Promise<string | null> {
  const rows = await db.query(`SELECT id::text AS id FROM import_batch WHERE dataset = $1 AND sha256 = $2 AND status = $3 LIMIT 1`, [
    dataset,
    sha256,
    ImportStatus.SUCCEEDED,
  ]);
  return rows.length > 0 ? rows[0].id : null;
}

/** Who holds a dataset's import lock, as PostgreSQL sees the holding session. */
export interface LockHolder {
  since: Date | null;
  /** The loader of the import holding it (from its session's application_name), if it is one of ours. */
  loadedBy: string | null;
  /** The session's state: 'idle in transaction' for a client that died without PostgreSQL noticing yet. */
  state: string | null;
  pid: number;
}

/** The dataset is being written by another import, and stayed so for the whole wait. */
export class ImportLockedError extends Error {
  constructor(
    readonly dataset: string,
    readonly holder: LockHolder | null,
    readonly waitedMs: number,
  ) {
    super(`import lock of ${dataset} held`);
    this.name = 'ImportLockedError';
  }

  get problem(): Message {
    return msg('IMPORT_LOCKED', {
      dataset: this.dataset,
      since: formatTime(this.holder?.since ?? null),
      holder: this.holder?.loadedBy ?? null,
      waitedSeconds: Math.round(this.waitedMs / 1000),
      state: this.holder?.state ?? null,
    });
  }
}

/** Local time as an official reads it: 2026-12-02 08:00:05. */
export function formatTime(at: Date | null): string {
  if (!at) return '?';
  const p = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${p(at.getMonth() + 1)}-${p(at.getDate())} ${p(at.getHours())}:${p(at.getMinutes())}:${p(at.getSeconds())}`;
}

const LOCK_KEYS = `hashtext('junheng.import'), hashtext($1)`;
const APP_PREFIX = 'junheng-import:';

/**
 * The import's session names its loader while it holds the lock, so that a blocked import can say who holds it.
 * application_name is at most 63 bytes of printable ASCII: the loader goes in as base64url of its UTF-8, cut at a
 * character boundary to fit (marked with a trailing `~`).
 */
export function applicationName(dataset: string, loadedBy: string): string {
  const prefix = `${APP_PREFIX}${dataset}:`;
  const room = Math.floor(((63 - prefix.length - 1) * 3) / 4);
  let bytes = Buffer.from(loadedBy, 'utf8');
  let cut = false;
  if (bytes.length > room) {
    let end = Math.max(0, room);
    while (end > 0 && (bytes[end] & 0xc0) === 0x80) end -= 1; // not inside a character
    bytes = bytes.subarray(0, end);
    cut = true;
  }
  return `${prefix}${bytes.toString('base64url')}${cut ? '~' : ''}`.slice(0, 63);
}

function loaderOf(applicationName: string | null, dataset: string): string | null {
  const prefix = `${APP_PREFIX}${dataset}:`;
  if (!applicationName?.startsWith(prefix)) return null;
  const encoded = applicationName.slice(prefix.length);
  const cut = encoded.endsWith('~');
  const text = Buffer.from(cut ? encoded.slice(0, -1) : encoded, 'base64url').toString('utf8');
  return cut ? `${text}…` : text;
}

/** The session holding a dataset's import lock, if any. */
export async function lockHolder(db: Queryable, dataset: string): Promise<LockHolder | null> {
  const rows = await db.query(
    `SELECT a.pid, a.application_name, a.xact_start, a.state
     FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
     WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2
       AND l.classid = hashtext('junheng.import')::oid AND l.objid = hashtext($1)::oid
     LIMIT 1`,
    [dataset],
  );
  if (rows.length === 0) return null;
  const r = rows[0] as { pid: number; application_name: string | null; xact_start: Date | null; state: string | null };
  return { pid: r.pid, since: r.xact_start, loadedBy: loaderOf(r.application_name, dataset), state: r.state };
}

/**
 * Serialises imports of one dataset: two deliveries of the same dataset never interleave their upserts, and the
 * already-applied check cannot race. Released at commit or rollback. When another import holds it, `onWait` is
 * told who and since when, and the wait ends after `timeoutMs` with an ImportLockedError that says so: a killed
 * importer's session can hold the lock until PostgreSQL notices its client is gone, and nobody should wait for
 * that without being told.
 */
export async function lockDataset(
  runner: QueryRunner,
  ds: Pick<DataSource, 'query'>,
  dataset: string,
  loadedBy: string,
  timeoutMs: number,
  onWait?: (holder: LockHolder | null) => void,
): Promise<void> {
  await runner.query(`SELECT set_config('application_name', $1, true)`, [applicationName(dataset, loadedBy)]);
  const [{ ok }] = await runner.query(`SELECT pg_try_advisory_xact_lock(${LOCK_KEYS}) AS ok`, [dataset]);
  if (ok) return;
  onWait?.(await lockHolder(ds, dataset));
  const started = Date.now();
  await runner.query(`SET LOCAL lock_timeout = ${Math.max(1, Math.round(timeoutMs))}`);
  try {
    await runner.query(`SELECT pg_advisory_xact_lock(${LOCK_KEYS})`, [dataset]);
  } catch (err) {
    if ((err as { code?: string }).code !== '55P03') throw err;
    throw new ImportLockedError(dataset, await lockHolder(ds, dataset).catch(() => null), Date.now() - started);
  }
  await runner.query(`SET LOCAL lock_timeout TO DEFAULT`);
}

/** Opens the batch inside the data transaction: if the import dies, the batch disappears with its rows. */
export async function openBatch(runner: QueryRunner, delivery: BatchRecord): Promise<string> {
  const [row] = await runner.query(
    `INSERT INTO import_batch (department, dataset, file_name, sha256, status, loaded_by, started_at, encoding)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id::text AS id`,
    [delivery.definition.department, delivery.definition.name, delivery.fileName, delivery.sha256, ImportStatus.RUNNING, delivery.loadedBy, delivery.startedAt, delivery.encoding],
  );
  return row.id;
}

export async function closeBatch(runner: QueryRunner, batchId: string, counts: BatchCounts): Promise<void> {
  await runner.query(
    `UPDATE import_batch
     SET status = $2, rows_total = $3, rows_inserted = $4, rows_updated = $5, rows_unchanged = $6, rows_rejected = 0,
         error_count = 0, finished_at = clock_timestamp()
     WHERE id = $1`,
    [batchId, ImportStatus.SUCCEEDED, counts.total, counts.inserted, counts.updated, counts.unchanged],
  );
}

/** PostgreSQL text cannot hold NUL, which damaged files do contain. */
const storable = (text: string | null) => (text === null ? null : text.replace(/\u0000/g, '\\0'));

/**
 * Records a delivery that changed nothing — rejected (its problems, the first ones kept) or failed (the cause) — in
 * its own short transaction, after the data transaction was rolled back.
 */
export async function recordUnapplied(
  ds: DataSource,
  delivery: BatchRecord,
  status: ImportStatus.REJECTED | ImportStatus.FAILED,
  counts: BatchCounts,
  problems: readonly ImportProblem[],
): Promise<string> {
  return ds.transaction(async (manager) => {
    const [row] = await manager.query(
      `INSERT INTO import_batch (department, dataset, file_name, sha256, status, loaded_by, started_at, finished_at,
                                 rows_total, rows_rejected, error_count, encoding)
       VALUES ($1, $2, $3, $4, $5, $6, $7, clock_timestamp(), $8, $9, $10, $11) RETURNING id::text AS id`,
      [
        delivery.definition.department,
        delivery.definition.name,
        delivery.fileName,
        delivery.sha256,
        status,
        delivery.loadedBy,
        delivery.startedAt,
        counts.total,
        counts.rejected,
        counts.errors,
        delivery.encoding,
      ],
    );
    if (problems.length > 0) {
      await manager.query(
        `INSERT INTO import_error (batch_id, row_number, column_name, value, reason, message_code, message_params)
         SELECT $1, r, c, v, reason, code, params::jsonb FROM unnest($2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])
           AS u(r, c, v, reason, code, params)`,
        [
          row.id,
          problems.map((p) => p.rowNumber),
          problems.map((p) => storable(p.column)),
          problems.map((p) => storable(p.value)),
          // The sentence as it read then (the fallback if the code ever leaves the catalogue), and the code and figures
          // to render it in each reader's language.
          problems.map((p) => storable(render(p.problem, DEFAULT_LOCALE))),
          problems.map((p) => p.problem.code),
          problems.map((p) => JSON.stringify(p.problem.params, (_k, v: unknown) => (typeof v === 'string' ? storable(v) : v))),
        ],
      );
    }
    return row.id as string;
  });
}
