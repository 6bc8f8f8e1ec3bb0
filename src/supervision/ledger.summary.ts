/**
 * The ledger's figures (台账统计) from counts: pure arithmetic on integers, so the reported rates are exactly the
 * counts' quotient rounded half up (never a float's approximation of it).
 */

/** One group's counts as the summary query returns them (days are whole days between raised and closed). */
export interface LedgerCounts {
  total: number;
  open: number;
  overdue: number;
  closed: number;
  awaiting_response: number;
  rectifying: number;
  submitted: number;
  reopened: number;
  /** Sum of (closed_on − raised_on) over the closed findings. */
  days_to_close: number | string | null;
  /** Median of those days (percentile_cont: a whole or half number). */
  median_days_to_close: number | null;
  oldest_overdue_due_on: string | null;
}

/** numerator ÷ denominator rounded half up to `decimals`, with integer arithmetic only. */
export function roundedQuotient(numerator: bigint, denominator: bigint, decimals: number): number {
  if (denominator <= 0n) throw new Error('roundedQuotient: the denominator must be positive');
  const scale = 10n ** BigInt(decimals);
  const scaled = (2n * numerator * scale + denominator) / (2n * denominator);
  return Number(scaled) / Number(scale);
}

export const EMPTY_COUNTS: LedgerCounts = {
  total: 0, open: 0, overdue: 0, closed: 0, awaiting_response: 0, rectifying: 0, submitted: 0, reopened: 0,
  days_to_close: null, median_days_to_close: null, oldest_overdue_due_on: null,
};

export function summarize(c: LedgerCounts) {
  const days = c.days_to_close === null ? null : BigInt(c.days_to_close);
  return {
    total: c.total,
    open: c.open,
    overdue: c.overdue,
    closed: c.closed,
    awaitingResponse: c.awaiting_response,
    rectifying: c.rectifying,
    submitted: c.submitted,
    reopened: c.reopened,
    closingRate: c.total > 0 ? roundedQuotient(BigInt(c.closed), BigInt(c.total), 4) : null,
    averageDaysToClose: c.closed > 0 && days !== null ? roundedQuotient(days, BigInt(c.closed), 2) : null,
    medianDaysToClose: c.closed > 0 ? c.median_days_to_close : null,
    oldestOverdueDueOn: c.oldest_overdue_due_on,
  };
}

/** The aggregate columns of the summary query; `$today` is the hub's date, bound as a parameter. */
export function summaryColumns(today: string): string {
  return `count(*)::int AS total,
    count(*) FILTER (WHERE f.state <> 'closed')::int AS open,
    count(*) FILTER (WHERE f.state <> 'closed' AND f.due_on < ${today})::int AS overdue,
    count(*) FILTER (WHERE f.state = 'closed')::int AS closed,
    count(*) FILTER (WHERE f.state = 'open')::int AS awaiting_response,
    count(*) FILTER (WHERE f.state = 'rectifying')::int AS rectifying,
    count(*) FILTER (WHERE f.state = 'submitted')::int AS submitted,
    count(*) FILTER (WHERE f.state = 'reopened')::int AS reopened,
    (sum(f.closed_on - f.raised_on) FILTER (WHERE f.state = 'closed'))::text AS days_to_close,
    percentile_cont(0.5) WITHIN GROUP (ORDER BY f.closed_on - f.raised_on) FILTER (WHERE f.state = 'closed') AS median_days_to_close,
    to_char(min(f.due_on) FILTER (WHERE f.state <> 'closed' AND f.due_on < ${today}), 'YYYY-MM-DD') AS oldest_overdue_due_on`;
}
