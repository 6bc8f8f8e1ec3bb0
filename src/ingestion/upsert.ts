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
): Promise<UpsertCounts> {
  const table = quoteIdent(definition.table);
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
            (SELECT count(*) FROM ${table} t JOIN ${STAGING} s ON ${joinOn})::int AS matched`,
  );
  let updatedRows = 0;
  if (matched > 0) {
    await runner.query(
      `INSERT INTO row_history (dataset, key, "values", delivered_by_batch_id, replaced_by_batch_id, replaced_at)
       SELECT $1, ${jsonOf('t', keyColumns)}, ${jsonOf('t', valueColumns)}, t.batch_id, $2, now()
       FROM ${table} t JOIN ${STAGING} s ON ${joinOn}
       WHERE ${differs}`,
      [definition.name, batchId],
    );
    const updated = await runner.query(
      `UPDATE ${table} t SET ${valueColumns.map((c) => `${quoteIdent(c.column)} = s.${quoteIdent(c.name)}`).join(', ')}, batch_id = $1
       FROM ${STAGING} s
       WHERE ${joinOn} AND ${differs}`,
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
  let inserted = 0;
  onProgress?.(0, n);
  const toInsert = n - matched;
  const rowChecksSkipped = toInsert > 0 && (await skipRowForeignKeyChecks(runner, definition));
  const step = Math.max(1, Math.ceil(blocks / Math.max(1, Math.ceil(n / chunkRows))));
  for (let block = 0; toInsert > 0 && (block < blocks || block === 0); block += step) {
    const last = block + step >= blocks;
    const range = last ? `s.ctid >= '(${block},0)'::tid` : `s.ctid >= '(${block},0)'::tid AND s.ctid < '(${block + step},0)'::tid`;
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
    onProgress?.(last ? n : Math.round((n * (block + step)) / blocks), n);
    if (last) break;
  }
  if (toInsert === 0) onProgress?.(n, n);
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
export async function skipRowForeignKeyChecks(runner: QueryRunner, definition: DatasetDefinition): Promise<boolean> {
  const table = quoteIdent(definition.table);
  const [{ all_always }] = await runner.query(
    `SELECT NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = $1::regclass AND NOT tgisinternal AND tgenabled <> 'A') AS all_always`,
    [table],
  );
  if (!all_always) return false;
  const keys: ForeignKey[] = await runner.query(
    `SELECT a.attname AS column, c.confrelid::regclass::text AS target, fa.attname AS "targetColumn", cardinality(c.conkey) AS columns
     FROM pg_constraint c
     JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
     JOIN pg_attribute fa ON fa.attrelid = c.confrelid AND fa.attnum = c.confkey[1]
     WHERE c.conrelid = $1::regclass AND c.contype = 'f'`,
    [table],
  );
  const checked: Array<{ staged: string; target: string; column: string }> = [];
  for (const key of keys) {
      if (key.columns !== 1) return false;
    if (key.column === 'batch_id' && key.target === 'import_batch' && key.targetColumn === 'id') continue;
    const column = definition.columns.find((c) => c.column === key.column && c.references);
    const target = column?.references ? REFERENCED[column.references] : undefined;
    if (!column || !target || target.table !== key.target || target.column !== key.targetColumn) return false;
    checked.push({ staged: column.name, target: target.table, column: target.column });
  }
  await runner.query(`SAVEPOINT junheng_replica_mode`);
  try {
    await runner.query(`SET LOCAL session_replication_role = replica`);
  } catch {
    await runner.query(`ROLLBACK TO SAVEPOINT junheng_replica_mode`);
    return false;
  }
  await runner.query(`RELEASE SAVEPOINT junheng_replica_mode`);
  for (const c of checked) {
    const col = quoteIdent(c.column);
    await runner.query(
      `SELECT count(*) FROM (SELECT 1 FROM ${quoteIdent(c.target)} WHERE ${col} IN (SELECT DISTINCT ${quoteIdent(c.staged)} FROM ${STAGING}) FOR KEY SHARE) locked`,
    );
  }
  return true;
}
