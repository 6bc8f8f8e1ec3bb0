import type { QueryRunner } from 'typeorm';
import { ColumnDefinition, DatasetDefinition } from './datasets';
import { STAGING, quoteIdent } from './staging';

export interface UpsertCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

/** How the writing phase reports: staged rows handled so far, of all staged rows. */
export type WriteProgress = (rowsWritten: number, rowsToWrite: number) => void;

/** Spreadsheet rows per INSERT of new keys: a progress report each ~0.2 s, few enough statements to cost nothing. */
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
 * Applies the staged rows to the live table in three set-based statements:
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
  const allColumns = definition.columns.map((c) => quoteIdent(c.column)).join(', ');
  const keyList = keyColumns.map((c) => quoteIdent(c.column)).join(', ');
  const [{ n, first, last }] = await runner.query(`SELECT count(*)::int AS n, min(row_number) AS first, max(row_number) AS last FROM ${STAGING}`);
  // The new keys go in by row-number ranges, so the writing phase reports progress (a 300k-row file is not one
  // silent statement). ON CONFLICT DO NOTHING, not NOT EXISTS: an anti join against the table being written can be
  // planned as a nested loop over a sequential scan when the statistics say the table is empty (a fresh or emptied
  // table after VACUUM ANALYZE), which rescans every page this statement adds: 185k rows took 11 minutes that way.
  let inserted = 0;
  onProgress?.(0, n);
  for (let from = first ?? 0; n > 0 && from <= last; from += chunkRows) {
    const result = await runner.query(
      `INSERT INTO ${table} (${allColumns}, batch_id)
       SELECT ${definition.columns.map((c) => `s.${quoteIdent(c.name)}`).join(', ')}, $1
       FROM ${STAGING} s
       WHERE s.row_number >= $2 AND s.row_number < $3
       ON CONFLICT (${keyList}) DO NOTHING`,
      [batchId, from, from + chunkRows],
      true,
    );
    inserted += result.affected ?? 0;
    onProgress?.(Math.min(n, from + chunkRows - (first ?? 0)), n);
  }
  const counts = { inserted, updated: updated.affected ?? 0 };
  return { ...counts, unchanged: n - counts.inserted - counts.updated };
}
