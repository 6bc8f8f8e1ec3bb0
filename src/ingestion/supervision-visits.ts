/**
 * How a delivery of `supervision_visits` (one finding per row: visit_id, school_code, visited_on, finding, status,
 * rectified_on) lands in the ledger the API writes too (docs/supervision.md, decision D82): each row is a visit
 * (key visit_id) and that visit's delivered finding (import_key = visit_id). `open` is any state but CLOSED,
 * `rectified` is CLOSED on rectified_on; a row that turns a finding rectified closes it, a row that turns a closed
 * finding open reopens it — each such step kept in the finding's history, attributed to the batch. Replaced values go
 * to row_history as for every dataset; unchanged rows are not touched. Set-based, inside the import's transaction.
 */
import type { QueryRunner } from 'typeorm';
import { hubToday } from '../supervision/ledger.states';
import type { DatasetDefinition } from './datasets';
import { STAGING } from './staging';
import type { UpsertCounts } from './upsert';

const CHANGES = 'import_visit_changes';

/** The delivered rows as they stand, in the file's columns (and the batch of each): what a file of them would say. */
export const LIVE_SUPERVISION_VISITS = `
  SELECT v.visit_id, v.school_code, v.visited_on, f.description AS finding,
         CASE WHEN f.state = 'closed' THEN 'rectified' ELSE 'open' END AS status,
         CASE WHEN f.state = 'closed' THEN f.closed_on END AS rectified_on, v.batch_id
  FROM supervision_visits v JOIN supervision_findings f ON f.import_key = v.visit_id`;
const XID = `pg_current_xact_id()::text::bigint`;
const LOADER = `(SELECT loaded_by FROM import_batch WHERE id = $1)`;

export async function applySupervisionVisits(runner: QueryRunner, _definition: DatasetDefinition, batchId: string): Promise<UpsertCounts> {
  // Each staged row against what is live, as the file would show it; only rows that differ go on.
  await runner.query(
    `CREATE TEMP TABLE ${CHANGES} ON COMMIT DROP AS
     SELECT s.visit_id, s.school_code, sc.district_code, s.visited_on, s.finding, s.status, s.rectified_on,
            v.visit_id IS NOT NULL AS visit_exists, v.batch_id AS old_batch_id, f.id AS finding_id, f.state AS old_state,
            v.school_code AS old_school_code, v.visited_on AS old_visited_on, f.description AS old_finding,
            CASE WHEN f.id IS NULL THEN NULL WHEN f.state = 'closed' THEN 'rectified' ELSE 'open' END AS old_status,
            CASE WHEN f.state = 'closed' THEN f.closed_on END AS old_rectified_on
     FROM ${STAGING} s
     JOIN schools sc ON sc.code = s.school_code
     LEFT JOIN supervision_visits v ON v.visit_id = s.visit_id
     LEFT JOIN supervision_findings f ON f.import_key = s.visit_id
     WHERE v.visit_id IS NULL OR f.id IS NULL
        OR ROW(v.school_code, v.visited_on, f.description, CASE WHEN f.state = 'closed' THEN 'rectified' ELSE 'open' END,
               CASE WHEN f.state = 'closed' THEN f.closed_on END)
           IS DISTINCT FROM ROW(s.school_code, s.visited_on, s.finding, s.status, s.rectified_on)`,
  );
  await runner.query(
    `INSERT INTO row_history (dataset, key, "values", delivered_by_batch_id, replaced_by_batch_id, replaced_at)
     SELECT 'supervision_visits', jsonb_build_object('visit_id', c.visit_id),
            jsonb_build_object('school_code', c.old_school_code, 'visited_on', to_char(c.old_visited_on, 'YYYY-MM-DD'), 'finding', c.old_finding,
                               'status', c.old_status, 'rectified_on', to_char(c.old_rectified_on, 'YYYY-MM-DD')),
            c.old_batch_id, $1, now()
     FROM ${CHANGES} c WHERE c.visit_exists`,
    [batchId],
  );
  const updated = await runner.query(
    `UPDATE supervision_visits v SET school_code = c.school_code, district_code = c.district_code, visited_on = c.visited_on, batch_id = $1
     FROM ${CHANGES} c WHERE c.visit_exists AND v.visit_id = c.visit_id`,
    [batchId],
    true,
  );
  const inserted = await runner.query(
    `INSERT INTO supervision_visits (visit_id, school_code, district_code, visited_on, batch_id)
     SELECT c.visit_id, c.school_code, c.district_code, c.visited_on, $1 FROM ${CHANGES} c WHERE NOT c.visit_exists`,
    [batchId],
    true,
  );
  // Delivered findings already in the ledger: new text and dates; a change of status is a step of their history.
  await runner.query(
    `WITH changed AS (
       UPDATE supervision_findings f
       SET school_code = c.school_code, district_code = c.district_code, description = c.finding, raised_on = c.visited_on,
           state = CASE WHEN c.status = 'rectified' THEN 'closed' WHEN f.state = 'closed' THEN 'reopened' ELSE f.state END,
           closed_on = CASE WHEN c.status = 'rectified' THEN c.rectified_on END,
           updated_at = now()
       FROM ${CHANGES} c WHERE f.id = c.finding_id
       RETURNING f.id, f.district_code, f.version, f.state, c.old_state, f.closed_on
     )
     INSERT INTO supervision_finding_events (finding_id, district_code, action, from_state, to_state, version, actor, effective_on, batch_id, xid)
     SELECT id, district_code, CASE WHEN state = 'closed' THEN 'close' ELSE 'reopen' END, old_state, state, version, ${LOADER},
            coalesce(closed_on, $2::date), $1, ${XID}
     FROM changed WHERE state IS DISTINCT FROM old_state`,
    [batchId, hubToday()],
  );
  // New findings: raised on the visit's date, and closed on rectified_on when delivered rectified.
  await runner.query(
    `WITH added AS (
       INSERT INTO supervision_findings (batch_id, visit_id, import_key, district_code, school_code, description, raised_on, state, closed_on,
                                         version, raised_by)
       SELECT $1, c.visit_id, c.visit_id, c.district_code, c.school_code, c.finding, c.visited_on,
              CASE WHEN c.status = 'rectified' THEN 'closed' ELSE 'open' END, CASE WHEN c.status = 'rectified' THEN c.rectified_on END,
              CASE WHEN c.status = 'rectified' THEN 2 ELSE 1 END, ${LOADER}
       FROM ${CHANGES} c WHERE c.finding_id IS NULL
       RETURNING id, district_code, raised_on, state, closed_on, raised_by
     )
     INSERT INTO supervision_finding_events (finding_id, district_code, action, from_state, to_state, version, actor, effective_on, batch_id, xid)
     SELECT id, district_code, 'raise', NULL, 'open', 1, raised_by, raised_on, $1, ${XID} FROM added
     UNION ALL
     SELECT id, district_code, 'close', 'open', 'closed', 2, raised_by, closed_on, $1, ${XID} FROM added WHERE state = 'closed'`,
    [batchId],
  );
  const [{ n }] = await runner.query(`SELECT count(*)::int AS n FROM ${STAGING}`);
  const counts = { inserted: inserted.affected ?? 0, updated: updated.affected ?? 0 };
  return { ...counts, unchanged: n - counts.inserted - counts.updated };
}
