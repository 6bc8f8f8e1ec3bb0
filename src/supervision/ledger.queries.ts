/**
 * What users see of the ledger: lists of findings (a district officer's own items, overdue items…), summaries per
 * district and school, and the changes since a cursor for polling front-ends. Every read runs in the request's
 * scoped transaction: a district officer's lists, counts and changes hold their district only.
 */
import type { Context } from '../graphql/context';
import { badInput } from '../graphql/errors';
import { fromGlobalId } from '../graphql/node';
import type { Page, PageSource } from '../graphql/pagination';
import { msg } from '../messages';
import { hydrate } from '../db/batch';
import { FindingEvent } from './finding-event.entity';
import { Finding } from './finding.entity';
import { hubToday, statesAwaiting } from './ledger.states';
import { EMPTY_COUNTS, LedgerCounts, summarize, summaryColumns } from './ledger.summary';
import type { FindingFilter, FindingOrder, LedgerSummaryFilter } from './ledger.types';

/** WHERE clause of a findings list, with its parameters ($1…). */
function findingConditions(ctx: Context, filter: FindingFilter | null | undefined): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const bind = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  const where: string[] = [];
  if (!filter) return { sql: 'TRUE', params };
  if (filter.districtCode) where.push(`f.district_code = ${bind(filter.districtCode)}`);
  if (filter.schoolCode) where.push(`f.school_code = ${bind(filter.schoolCode)}`);
  if (filter.visitId) {
    const parsed = fromGlobalId(filter.visitId);
    if (!parsed || parsed.type !== 'SupervisionVisit') throw badInput('filter.visitId', msg('GLOBAL_ID_UNKNOWN', { id: filter.visitId }));
    where.push(`f.visit_id = ${bind(parsed.key)}`);
  }
  if (filter.states?.length) where.push(`f.state = ANY(${bind(filter.states)}::text[])`);
  if (filter.indicatorCode) where.push(`f.indicator_code = ${bind(filter.indicatorCode)}`);
  if (filter.raisedFrom) where.push(`f.raised_on >= ${bind(filter.raisedFrom)}`);
  if (filter.raisedTo) where.push(`f.raised_on <= ${bind(filter.raisedTo)}`);
  if (filter.overdue != null) {
    const overdue = `(f.state <> 'closed' AND f.due_on < ${bind(hubToday())}::date)`;
    where.push(filter.overdue ? overdue : `NOT coalesce(${overdue}, false)`);
  }
  if (filter.awaitingMyAction) {
    // The viewer's own to-do list: states from which their role has a transition (for a district officer, only in
    // their district — row-level security already keeps them there).
    where.push(`f.state = ANY(${bind(statesAwaiting(ctx.viewer.role))}::text[])`);
  }
  return { sql: where.length ? where.join(' AND ') : 'TRUE', params };
}

/** The findings list: filtered, ordered (newest raised first unless told), paged; the count runs only when asked. */
export function listFindings(ctx: Context, filter: FindingFilter | null | undefined, orderBy: FindingOrder[] | null | undefined, page: Page): PageSource<Finding> {
  const { sql, params } = findingConditions(ctx, filter);
  const order = [...(orderBy ?? []).map((o) => `f.${o.field} ${o.direction} NULLS LAST`), ...(orderBy?.length ? [] : ['f.raised_on DESC']), 'f.id DESC'].join(', ');
  return {
    page,
    rows: async () => {
      const rows: Record<string, unknown>[] = await ctx.db.query(
        `SELECT f.* FROM supervision_findings f WHERE ${sql} ORDER BY ${order} OFFSET ${page.offset} LIMIT ${page.limit + 1}`,
        params,
      );
      return rows.map((r) => hydrate(ctx.db, Finding, r));
    },
    count: async () => (await ctx.db.query(`SELECT count(*)::int AS n FROM supervision_findings f WHERE ${sql}`, params))[0].n,
  };
}

/** The ledger summary of everything the viewer sees, and per district, in one statement (GROUPING SETS). */
export async function ledgerOverview(ctx: Context, filter: LedgerSummaryFilter | null | undefined) {
  const rows: (LedgerCounts & { district_code: string | null; whole: boolean })[] = await ctx.db.query(
    `SELECT f.district_code, GROUPING(f.district_code) = 1 AS whole, ${summaryColumns('$1::date')}
     FROM supervision_findings f
     WHERE ($2::date IS NULL OR f.raised_on >= $2) AND ($3::date IS NULL OR f.raised_on <= $3)
     GROUP BY GROUPING SETS ((f.district_code), ())`,
    [hubToday(), filter?.raisedFrom ?? null, filter?.raisedTo ?? null],
  );
  const whole = rows.find((r) => r.whole) ?? EMPTY_COUNTS;
  const districts = rows
    .filter((r) => !r.whole)
    .map((r) => ({ districtCode: r.district_code!, summary: summarize(r) }))
    .sort((a, b) => b.summary.overdue - a.summary.overdue || b.summary.open - a.summary.open || a.districtCode.localeCompare(b.districtCode));
  return { summary: summarize(whole), districts };
}

/** Districts with overdue rectifications (逾期未整改), most overdue first: the ledger's part of the early warning. */
export async function rectificationWarnings(ctx: Context) {
  return (await ledgerOverview(ctx, null)).districts.filter((d) => d.summary.overdue > 0);
}

// ---- changes since a cursor -----------------------------------------------------------------------------------

/**
 * A polling position: the snapshot up to which steps were handed out (`from`), and while a window is being paged,
 * the snapshot it ends at (`to`) and the last step given. Snapshots are PostgreSQL's (`xmin:xmax:xip,…`).
 */
interface ChangesCursor {
  from: string;
  to?: string;
  after?: [string, string];
}

const SNAPSHOT = /^\d{1,19}:\d{1,19}:(\d{1,19}(,\d{1,19}){0,999})?$/;

function encodeCursor(cursor: ChangesCursor): string {
  return Buffer.from(JSON.stringify(cursor), 'utf8').toString('base64url');
}

function decodeCursor(text: string): ChangesCursor {
  const fail = () => badInput('cursor', msg('CHANGES_CURSOR_UNKNOWN', { cursor: text.length > 60 ? `${text.slice(0, 57)}…` : text }));
  if (!/^[A-Za-z0-9_-]{1,24000}$/.test(text)) throw fail();
  let c: ChangesCursor;
  try {
    c = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw fail();
  }
  const ok =
    c !== null && typeof c === 'object' && typeof c.from === 'string' && SNAPSHOT.test(c.from) &&
    (c.to === undefined || (typeof c.to === 'string' && SNAPSHOT.test(c.to))) &&
    (c.after === undefined || (Array.isArray(c.after) && c.after.length === 2 && c.after.every((v) => typeof v === 'string' && /^\d{1,19}$/.test(v))));
  if (!ok) throw fail();
  return c;
}

export const MAX_CHANGES_PAGE = 500;

/**
 * History steps committed since `cursor`. A window of steps is exactly those whose transaction is visible in the
 * snapshot the window ends at and was not in the snapshot it starts from: a transaction that committed late is in the
 * window of its commit whatever its id, nothing is missed or repeated, and a long transaction elsewhere delays
 * nothing. Within a window, steps come by transaction, then id. Without a cursor: no steps, and the cursor of now.
 */
export async function changedSince(ctx: Context, cursor: string | null | undefined, first: number) {
  if (!Number.isInteger(first) || first < 1 || first > MAX_CHANGES_PAGE) {
    throw badInput('first', msg('PAGE_SIZE_OUT_OF_RANGE', { max: MAX_CHANGES_PAGE, got: String(first) }));
  }
  const c = cursor == null ? null : decodeCursor(cursor);
  const [{ now }] = await ctx.db.query(`SELECT pg_current_snapshot()::text AS now`);
  if (!c) return { events: [], cursor: encodeCursor({ from: now }), hasMore: false };
  const to = c.to ?? now;
  const rows: Record<string, unknown>[] = await ctx.db.query(
    `SELECT e.* FROM supervision_finding_events e
     WHERE e.xid >= split_part($1, ':', 1)::bigint
       AND NOT pg_visible_in_snapshot(e.xid::text::xid8, $1::pg_snapshot)
       AND pg_visible_in_snapshot(e.xid::text::xid8, $2::pg_snapshot)
       AND ($3::bigint IS NULL OR (e.xid, e.id) > ($3::bigint, $4::bigint))
     ORDER BY e.xid, e.id LIMIT $5`,
    [c.from, to, c.after?.[0] ?? null, c.after?.[1] ?? null, first + 1],
  );
  const events = rows.slice(0, first).map((r) => hydrate(ctx.db, FindingEvent, r));
  const hasMore = rows.length > first;
  const last = events[events.length - 1];
  const next: ChangesCursor = hasMore ? { from: c.from, to, after: [last!.xid, last!.eventId] } : { from: to };
  return { events, cursor: encodeCursor(next), hasMore };
}

// ---- the district report's ledger sheet ------------------------------------------------------------------------

/** A district's findings for its report, those not closed first (overdue ones at the top), in one statement. */
export async function districtLedgerRows(ctx: Context, districtCode: string) {
  const rows: {
    id: string; school_code: string | null; school_name: string | null; indicator_code: string | null; description: string;
    severity: 'minor' | 'major' | 'serious' | null; state: string; raised_on: string; due_on: string | null; overdue: boolean;
    closed_on: string | null; inspectors: string[];
  }[] = await ctx.db.query(
    `SELECT f.id::text, f.school_code, s.name AS school_name, f.indicator_code, f.description, f.severity, f.state,
            to_char(f.raised_on, 'YYYY-MM-DD') AS raised_on, to_char(f.due_on, 'YYYY-MM-DD') AS due_on,
            (f.state <> 'closed' AND f.due_on < $2::date) AS overdue, to_char(f.closed_on, 'YYYY-MM-DD') AS closed_on, f.inspectors
     FROM supervision_findings f LEFT JOIN schools s ON s.code = f.school_code
     WHERE f.district_code = $1
     ORDER BY (f.state = 'closed'), coalesce(f.state <> 'closed' AND f.due_on < $2::date, false) DESC, f.due_on NULLS LAST, f.id`,
    [districtCode, hubToday()],
  );
  return rows.map((r) => ({
    number: r.id, schoolCode: r.school_code, schoolName: r.school_name, indicatorCode: r.indicator_code, description: r.description,
    severity: r.severity, state: r.state, raisedOn: r.raised_on, dueOn: r.due_on, overdue: r.overdue === true, closedOn: r.closed_on,
    inspectors: r.inspectors ?? [],
  }));
}
