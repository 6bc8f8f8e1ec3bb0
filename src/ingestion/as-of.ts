import { getDataset } from './datasets';
import { quoteIdent } from './staging';

/**
 * A departmental table as it stood at an instant (可追溯), rebuilt from the live rows and `row_history`, as an SQL
 * relation with the table's own columns and types (so a query written for the live table reads it unchanged).
 *
 * How the importer (upsert.ts) and the API writes (ratings.service.ts) keep history: a row's value is replaced in the
 * transaction of the replacing batch, which first copies the former values to `row_history` with the batch that had
 * delivered them (`delivered_by_batch_id`) and the replacing batch (`replaced_by_batch_id`). So a value was live at T
 * when its delivering batch had succeeded and finished by T, and the batch that replaced it (if any) had not:
 *   - a live row whose batch finished after T is not shown (its earlier value, if any, comes from the history; a key
 *     first inserted after T has none and is absent);
 *   - a history row counts when its delivering batch finished by T and its replacing batch finished after T.
 * The replacing batch's `finished_at` is used rather than `replaced_at` (the transaction's start, `now()`): the new
 * value was not visible to anyone before that batch finished (a batch without `finished_at`, only ever a fixture or a
 * row from before batches were closed, counts from its start). Rows are never deleted by deliveries (only TRUNCATE,
 * which also bumps the data epoch), so live + history is the whole story.
 *
 * Row-level security is unchanged: both branches read tables under the request's role, and the policy on
 * `row_history` scopes it by the row's district (or its school's) like the live table.
 */
export function asOfRelation(dataset: string, asOf: Date, only: { year?: number } = {}): string {
  const definition = getDataset(dataset);
  // A year-keyed dataset read for one year: both branches keep to it, so the history of other years is not rebuilt.
  const year = only.year !== undefined && Number.isInteger(only.year) && definition.key.includes('year') ? only.year : null;
  const table = quoteIdent(definition.table);
  // A validated Date as ISO-8601 text only holds digits, '-', ':', '.', 'T' and 'Z': safe as a literal.
  const at = `'${asOf.toISOString()}'::timestamptz`;
  // History keys and values are named by the file's columns; the table's may differ (schools.school_code → code).
  const renamed = definition.columns.filter((c) => c.name !== c.column);
  let json = `h."key" || h."values"`;
  for (const c of renamed) json = `(${json} - '${c.name}') || jsonb_build_object('${c.column}', ${json}->'${c.name}')`;
  return `(SELECT t.* FROM ${table} t JOIN import_batch b ON b.id = t.batch_id
            WHERE b.status = 'succeeded' AND coalesce(b.finished_at, b.started_at) <= ${at}${year === null ? '' : ` AND t.year = ${year}`}
          UNION ALL
          SELECT r.* FROM row_history h
            JOIN import_batch d ON d.id = h.delivered_by_batch_id
            JOIN import_batch n ON n.id = h.replaced_by_batch_id
            CROSS JOIN LATERAL jsonb_populate_record(NULL::${table}, ${json} || jsonb_build_object('batch_id', h.delivered_by_batch_id)) r
            WHERE h.dataset = '${definition.name}' AND d.status = 'succeeded' AND coalesce(d.finished_at, d.started_at) <= ${at}
              AND coalesce(n.finished_at, n.started_at) > ${at}${year === null ? '' : ` AND h."key"->>'year' = '${year}'`})`;
}
