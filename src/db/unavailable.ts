import { DomainError, ErrorCode } from '../graphql/errors';
import { msg } from '../messages';

/** What a client is told to wait before retrying while PostgreSQL is unreachable (`Retry-After`). */
export const RETRY_AFTER_SECONDS = 5;

/** Socket failures: the server is down, restarting, or the network between us is. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE', 'ECONNABORTED']);

/**
 * SQLSTATEs that mean "PostgreSQL cannot serve you now" rather than "your statement failed": class 08 (connection
 * exception), shutdown and start-up (57P01–57P03), and too many connections (53300).
 */
function isUnavailableSqlState(code: string): boolean {
  return code.startsWith('08') || code === '57P01' || code === '57P02' || code === '57P03' || code === '53300';
}

/** pg's own words for a connection that is gone or could not be made. */
const PG_MESSAGES = /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Client was closed and is not queryable)/;

/**
 * Whether an error (as thrown by pg, TypeORM or the pool, possibly wrapped) means the database is unreachable — a
 * fault the client can retry — rather than a defect. Follows `driverError`, `cause`, `originalError` and an
 * AggregateError's `errors` (Node tries every address of a host name).
 */
export function isDatabaseUnavailable(err: unknown, depth = 0): boolean {
  if (!err || typeof err !== 'object' || depth > 5) return false;
  const e = err as { code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown; originalError?: unknown; errors?: unknown };
  if (typeof e.code === 'string' && (NETWORK_CODES.has(e.code) || (/^[0-9A-Z]{5}$/.test(e.code) && isUnavailableSqlState(e.code)))) return true;
  if (typeof e.message === 'string' && PG_MESSAGES.test(e.message)) return true;
  if (Array.isArray(e.errors) && e.errors.some((inner) => isDatabaseUnavailable(inner, depth + 1))) return true;
  return [e.driverError, e.cause, e.originalError].some((inner) => inner !== err && isDatabaseUnavailable(inner, depth + 1));
}

let lastSeenUnavailableAt = 0;

/**
 * When a request last found PostgreSQL unreachable. The readiness probe drops a "ready" answer measured before it:
 * a cached 200 must not outlive the failure that the requests already see (issue 12.10).
 */
export function lastUnavailableAt(): number {
  return lastSeenUnavailableAt;
}

/** The refusal a client gets while PostgreSQL is unreachable: 503, `DATABASE_UNAVAILABLE`, retry later. */
export function databaseUnavailable(): DomainError {
  lastSeenUnavailableAt = Date.now();
  return new DomainError(ErrorCode.DATABASE_UNAVAILABLE, msg('DATABASE_UNAVAILABLE', { retryAfterSeconds: RETRY_AFTER_SECONDS }), { retryAfterSeconds: RETRY_AFTER_SECONDS });
}
