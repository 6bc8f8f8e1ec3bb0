import type { DataSource, QueryRunner } from 'typeorm';
import { DatasetDefinition } from './datasets';
import { ImportStatus } from './import-batch.entity';
import { ImportProblem } from './problems';

/** What identifies a delivery and who made it. */
export interface BatchRecord {
  definition: DatasetDefinition;
  fileName: string;
  sha256: string;
  loadedBy: string;
  startedAt: Date;
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

/**
 * Serialises imports of one dataset: two deliveries of the same dataset never interleave their upserts, and the
 * already-applied check cannot race. Released at commit or rollback.
 */
export async function lockDataset(runner: QueryRunner, dataset: string): Promise<void> {
  await runner.query(`SELECT pg_advisory_xact_lock(hashtext('junheng.import'), hashtext($1))`, [dataset]);
}

/** Opens the batch inside the data transaction: if the import dies, the batch disappears with its rows. */
export async function openBatch(runner: QueryRunner, delivery: BatchRecord): Promise<string> {
  const [row] = await runner.query(
    `INSERT INTO import_batch (department, dataset, file_name, sha256, status, loaded_by, started_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id::text AS id`,
    [delivery.definition.department, delivery.definition.name, delivery.fileName, delivery.sha256, ImportStatus.RUNNING, delivery.loadedBy, delivery.startedAt],
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
                                 rows_total, rows_rejected, error_count)
       VALUES ($1, $2, $3, $4, $5, $6, $7, clock_timestamp(), $8, $9, $10) RETURNING id::text AS id`,
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
      ],
    );
    if (problems.length > 0) {
      await manager.query(
        `INSERT INTO import_error (batch_id, row_number, column_name, value, reason)
         SELECT $1, * FROM unnest($2::int[], $3::text[], $4::text[], $5::text[])`,
        [
          row.id,
          problems.map((p) => p.rowNumber),
          problems.map((p) => storable(p.column)),
          problems.map((p) => storable(p.value)),
          problems.map((p) => storable(p.reason)),
        ],
      );
    }
    return row.id as string;
  });
}
