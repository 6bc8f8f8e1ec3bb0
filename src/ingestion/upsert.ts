import type { QueryRunner } from 'typeorm';
import { ColumnDefinition, DatasetDefinition, REFERENCED } from './datasets';
import { STAGING, quoteIdent } from './staging';

export interface UpsertCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

/** How the writing phase reports: staged rows handled so far, of all staged rows. */
export type WriteProgress = (rowsWritten: number, rowsToWrite: number) => void;

/** Staged rows (about) per INSERT of new keys: a progress report each ~0.2 s, few enough statements to cost nothing. */
export const WRITE_CHUNK_ROWS = 50_000;

/** A live column as the cell text of the data contract, for the history (exact: numeric::text keeps every digit). */
function asCellText(alias: string, c: ColumnDefinition): string {
  const ref = `${alias}.${quoteIdent(c.column)}`;
  switch (c.type.kind) {
    case 'text':
    case 'enum':
      return ref;
    case 'date':
      return `to_char(${ref}, 'YYYY-MM-DD')`;
    default:
      return `${ref}::text`;
  }
}

function jsonOf(alias: string, columns: readonly ColumnDefinition[]): string {
  return `jsonb_build_object(${columns.map((c) => `'${c.name}', ${asCellText(alias, c)}`).join(', ')})`;
}

/**
 * Applies the staged rows to the live table in set-based statements:
 *   0. how many staged keys are live (when none, 1 and 2 are skipped and 3 needs no ON CONFLICT),
 *   1. rows whose values differ from the live row are copied to row_history (with the batch that delivered them),
 *   2. those rows get the new values and the new batch_id,
 *   3. keys not yet live are inserted.
 * Unchanged rows are not touched, so they keep the batch that delivered their values.
 */
export async function upsertFromStaging(
  runner: QueryRunner,
  definition: DatasetDefinition,
  batchId: string,
  onProgress?: WriteProgress,
  chunkRows = WRITE_CHUNK_ROWS,
  written?: WrittenEarly,
): Promise<UpsertCounts> {
  const table = quoteIdent(definition.table);
  // Staged rows up to `written.tid` are live already (inserted while reading, EarlyInserts): the rest is applied.
  const rest = written ? `s.ctid > '${written.tid}'::tid` : 'true';
  const early = written?.rows ?? 0;
  const keyColumns = definition.columns.filter((c) => definition.key.includes(c.name));
  const valueColumns = definition.columns.filter((c) => !definition.key.includes(c.name));
  const joinOn = keyColumns.map((c) => `t.${quoteIdent(c.column)} = s.${quoteIdent(c.name)}`).join(' AND ');
  const live = valueColumns.map((c) => `t.${quoteIdent(c.column)}`).join(', ');
  const staged = valueColumns.map((c) => `s.${quoteIdent(c.name)}`).join(', ');
  // ROW() keeps the comparison a row comparison even with one value column.
  const differs = `ROW(${live}) IS DISTINCT FROM ROW(${staged})`;

  const allColumns = definition.columns.map((c) => quoteIdent(c.column)).join(', ');
  const keyList = keyColumns.map((c) => quoteIdent(c.column)).join(', ');
  // How many staged keys are live already. None is the common case of a large delivery (a new school year, a first
  // load): then nothing can need history or an UPDATE, and the new keys go in with a plain INSERT, without the
  // speculative insertion of ON CONFLICT (~30 % of the INSERT's server CPU at 744k postings, D122). The dataset lock
  // keeps other imports out; a key written meanwhile by anything else fails the INSERT (unique violation), so the
  // import fails and rolls back: never a silent overwrite.
  const [{ n, blocks, matched }] = await runner.query(
    `SELECT (SELECT count(*) FROM ${STAGING})::int AS n,
            (pg_relation_size('${STAGING}') / current_setting('block_size')::int)::int AS blocks,
            (SELECT count(*) FROM ${table} t JOIN ${STAGING} s ON ${joinOn} WHERE ${rest})::int AS matched`,
  );
  let updatedRows = 0;
  if (matched > 0) {
    await runner.query(
      `INSERT INTO row_history (dataset, key, "values", delivered_by_batch_id, replaced_by_batch_id, replaced_at)
       SELECT $1, ${jsonOf('t', keyColumns)}, ${jsonOf('t', valueColumns)}, t.batch_id, $2, now()
       FROM ${table} t JOIN ${STAGING} s ON ${joinOn}
       WHERE ${rest} AND ${differs}`,
      [definition.name, batchId],
    );
    const updated = await runner.query(
      `UPDATE ${table} t SET ${valueColumns.map((c) => `${quoteIdent(c.column)} = s.${quoteIdent(c.name)}`).join(', ')}, batch_id = $1
       FROM ${STAGING} s
       WHERE ${rest} AND ${joinOn} AND ${differs}`,
      [batchId],
      true,
    );
    updatedRows = updated.affected ?? 0;
  }
  const onConflict = matched > 0 ? `ON CONFLICT (${keyList}) DO NOTHING` : '';
  // The new keys go in by ranges of the staging table's pages (a TID range scan reads only those pages; the table is
  // only ever appended to), so the writing phase reports progress: a 300k-row file is not one silent statement.
  // ON CONFLICT DO NOTHING, not NOT EXISTS: an anti join against the table being written can be planned as a nested
  // loop over a sequential scan when the statistics say the table is empty (a fresh or emptied table after VACUUM
  // ANALYZE), which rescans every page this statement adds: 185k rows took 11 minutes that way.
  let inserted = early;
  onProgress?.(early, n);
  const toInsert = n - early - matched;
  const rowChecksSkipped = toInsert > 0 && (await skipRowForeignKeyChecks(runner, definition, rest));
  // From the page of the last row written early (the rest of that page, then whole pages).
  const first = written ? Number(/^\((\d+),/.exec(written.tid)![1]) : 0;
  const pages = Math.max(1, blocks - first);
  const step = Math.max(1, Math.ceil(pages / Math.max(1, Math.ceil((n - early) / chunkRows))));
  for (let block = first; toInsert > 0; block += step) {
    const last = block + step >= blocks;
    const from = block === first ? rest : `s.ctid >= '(${block},0)'::tid`;
    const range = last ? from : `${from} AND s.ctid < '(${block + step},0)'::tid`;
    const result = await runner.query(
      `INSERT INTO ${table} (${allColumns}, batch_id)
       SELECT ${definition.columns.map((c) => `s.${quoteIdent(c.name)}`).join(', ')}, $1
       FROM ${STAGING} s
       WHERE ${range}
       ${onConflict}`,
      [batchId],
      true,
    );
    inserted += result.affected ?? 0;
    onProgress?.(last ? n : early + Math.round(((n - early) * (block + step - first)) / pages), n);
    if (last) break;
  }
  if (toInsert === 0 && early < n) onProgress?.(n, n);
  if (rowChecksSkipped) await runner.query(`SET LOCAL session_replication_role = origin`);
  const counts = { inserted, updated: updatedRows };
  return { ...counts, unchanged: n - counts.inserted - counts.updated };
}

interface ForeignKey {
  column: string;
  target: string;
  targetColumn: string;
  columns: number;
}

/**
 * The per-row foreign-key triggers of the INSERT of new keys cost ~40 % of it, for references the set checks have
 * already verified (IMPORT_UNKNOWN_REFERENCE) and a batch_id that is this transaction's own batch. They are skipped
 * (session_replication_role = replica, for this transaction) only when all of this holds, else nothing changes:
 * - the role may set it (a superuser, or GRANT SET ON PARAMETER on PostgreSQL 15+): tried in a savepoint;
 * - every trigger of the table fires ALWAYS (migration 1796400000000), so the version triggers still run;
 * - every foreign key of the table is batch_id → import_batch or a column the set checks verify against the same
 *   table and column (a foreign key added later without a set check keeps its per-row check).
 * What the row triggers also did is done set-wise: the referenced rows are locked FOR KEY SHARE (the lock the
 * triggers take), so a school cannot be deleted between the set check and the commit.
 */
export async function skipRowForeignKeyChecks(runner: QueryRunner, definition: DatasetDefinition, where = 'true'): Promise<boolean> {
  const checked = await redundantForeignKeys(runner, definition);
  if (!checked || !(await replicaMode(runner))) return false;
  await lockReferenced(runner, checked, where);
  return true;
}

type CheckedKeys = Array<{ staged: string; target: string; column: string }>;

/** The table's foreign keys when every one of them is verified set-wise (and every trigger fires ALWAYS), else null. */
async function redundantForeignKeys(runner: QueryRunner, definition: DatasetDefinition): Promise<CheckedKeys | null> {
  const table = quoteIdent(definition.table);
  const [{ all_always }] = await runner.query(
    `SELECT NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = $1::regclass AND NOT tgisinternal AND tgenabled <> 'A') AS all_always`,
    [table],
  );
  if (!all_always) return null;
  const keys: ForeignKey[] = await runner.query(
    `SELECT a.attname AS column, c.confrelid::regclass::text AS target, fa.attname AS "targetColumn", cardinality(c.conkey) AS columns
     FROM pg_constraint c
     JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
     JOIN pg_attribute fa ON fa.attrelid = c.confrelid AND fa.attnum = c.confkey[1]
     WHERE c.conrelid = $1::regclass AND c.contype = 'f'`,
    [table],
  );
  const checked: CheckedKeys = [];
  for (const key of keys) {
    if (key.columns !== 1) return null;
    if (key.column === 'batch_id' && key.target === 'import_batch' && key.targetColumn === 'id') continue;
    const column = definition.columns.find((c) => c.column === key.column && c.references);
    const target = column?.references ? REFERENCED[column.references] : undefined;
    if (!column || !target || target.table !== key.target || target.column !== key.targetColumn) return null;
    checked.push({ staged: column.name, target: target.table, column: target.column });
  }
  return checked;
}

/** Sets session_replication_role = replica for the transaction if the role may (tried in a savepoint). */
async function replicaMode(runner: QueryRunner): Promise<boolean> {
  await runner.query(`SAVEPOINT junheng_replica_mode`);
  try {
    await runner.query(`SET LOCAL session_replication_role = replica`);
  } catch {
    await runner.query(`ROLLBACK TO SAVEPOINT junheng_replica_mode`);
    return false;
  }
  await runner.query(`RELEASE SAVEPOINT junheng_replica_mode`);
  return true;
}

/** The lock the skipped RI triggers would have taken, on every row the staged rows (`where`) refer to. */
async function lockReferenced(runner: QueryRunner, checked: CheckedKeys, where: string): Promise<void> {
  for (const c of checked) {
    const col = quoteIdent(c.column);
    await runner.query(
      `SELECT count(*) FROM (SELECT 1 FROM ${quoteIdent(c.target)} WHERE ${col} IN (SELECT DISTINCT s.${quoteIdent(c.staged)} FROM ${STAGING} s WHERE ${where}) FOR KEY SHARE) locked`,
    );
  }
}

/** Staged rows already inserted while the file was read: every row up to `tid` (a staging ctid), `rows` of them. */
export interface WrittenEarly {
  tid: string;
  rows: number;
}

/**
 * Inserts the staged rows into the live table while the file is still being read (issue 15.4, D122): every
 * ~50,000 rows the reader ends its COPY and this inserts the rows staged since the last time, with a plain INSERT,
 * while the reader parses and validates the next rows (the importer's one core and PostgreSQL's run side by side
 * instead of one after the other). Same transaction, nothing committed before the set checks pass:
 * - a file with any problem (a cell, a duplicate key, an unknown reference, a school without the stage) is rolled
 *   back whole as before, early rows included, and its problems come from the staging table as before;
 * - each INSERT runs in a savepoint; the first that fails (a key already live, a key twice in the file, a per-row
 *   foreign key) is undone and writing early stops: the rest goes through `upsertFromStaging` after the checks,
 *   which treats the rows written early as written (their values are the staged ones, under this batch);
 * - the batch is opened (in the transaction) at the first early write; only files of more than a segment get here.
 */
export class EarlyInserts {
  private tid: string | null = null;
  private rows = 0;
  private stopped = false;
  private batch: string | null = null;
  /** The foreign keys verified set-wise (per-row checks skipped), found at the first write; null: checked per row. */
  private keys: CheckedKeys | null | undefined;

  constructor(
    private readonly runner: QueryRunner,
    private readonly definition: DatasetDefinition,
    private readonly openBatch: () => Promise<string>,
  ) {}

  /** The batch, if the first early write opened it. */
  get batchId(): string | null {
    return this.batch;
  }

  get active(): boolean {
    return !this.stopped;
  }

  /** What was written, for `upsertFromStaging`. */
  get written(): WrittenEarly | undefined {
    return this.tid === null ? undefined : { tid: this.tid, rows: this.rows };
  }

  /** Inserts the rows staged since the last call (run between two COPYs, see StagingWriter.between). */
  async write(): Promise<void> {
    if (this.stopped) return;
    const runner = this.runner;
    const after = this.tid === null ? 'true' : `s.ctid > '${this.tid}'::tid`;
    const from = this.tid === null ? '(0,0)' : `(${/^\((\d+),/.exec(this.tid)![1]},0)`;
    const [{ last }] = await runner.query(`SELECT max(ctid)::text AS last FROM ${STAGING} WHERE ctid >= '${from}'::tid`);
    if (last === null || last === this.tid) return;
    this.batch ??= await this.openBatch();
    const table = quoteIdent(this.definition.table);
    const columns = this.definition.columns;
    const range = `${after} AND s.ctid <= '${last}'::tid`;
    if (this.keys === undefined) {
      // Looked up once; replica mode tried once (a role that may not set it keeps the per-row checks).
      const keys = await redundantForeignKeys(runner, this.definition);
      this.keys = keys && (await replicaMode(runner)) ? keys : null;
      if (this.keys) await runner.query(`SET LOCAL session_replication_role = origin`);
    }
    await runner.query(`SAVEPOINT junheng_early_insert`);
    try {
      const replica = this.keys !== null;
      if (replica) {
        await runner.query(`SET LOCAL session_replication_role = replica`);
        await lockReferenced(runner, this.keys!, range);
      }
      const result = await runner.query(
        `INSERT INTO ${table} (${columns.map((c) => quoteIdent(c.column)).join(', ')}, batch_id)
         SELECT ${columns.map((c) => `s.${quoteIdent(c.name)}`).join(', ')}, $1
         FROM ${STAGING} s
         WHERE ${range}`,
        [this.batch],
        true,
      );
      if (replica) await runner.query(`SET LOCAL session_replication_role = origin`);
      await runner.query(`RELEASE SAVEPOINT junheng_early_insert`);
      this.rows += result.affected ?? 0;
      this.tid = last;
    } catch {
      // Undone; the rows from here on are applied after the checks (a failure there is the import's failure).
      await runner.query(`ROLLBACK TO SAVEPOINT junheng_early_insert`);
      await runner.query(`RELEASE SAVEPOINT junheng_early_insert`);
      this.stopped = true;
    }
  }
}
