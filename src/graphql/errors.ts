import { GraphQLError, GraphQLFormattedError } from 'graphql';
import { log } from '../common/logger';
import { Message, render, DEFAULT_LOCALE } from '../messages';
import { databaseUnavailable, isDatabaseUnavailable } from '../db/unavailable';

/** Error codes clients can rely on (GraphQL `extensions.code`). */
export enum ErrorCode {
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  NOT_FOUND = 'NOT_FOUND',
  FORBIDDEN = 'FORBIDDEN',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
  /** PostgreSQL cannot be reached: retry after `Retry-After` seconds (HTTP 503). */
  DATABASE_UNAVAILABLE = 'DATABASE_UNAVAILABLE',
}

/**
 * A failure the client caused or can act on; services throw these, the one mapper below turns them into GraphQL
 * errors. The sentence is a catalogue message, rendered in the client's language when the error leaves the server;
 * its code and figures travel in `extensions.messageCode` / `extensions.messageParams` for front-ends.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly text: Message,
    readonly details: Record<string, unknown> = {},
  ) {
    super(render(text, DEFAULT_LOCALE));
    this.name = 'DomainError';
  }

  /** The sentence in the locale of the request in progress. */
  localized(): string {
    return render(this.text);
  }

  /** What a client reads: the code, the details, and the message's code and figures. */
  extensions(): Record<string, unknown> {
    return { code: this.code, ...this.details, messageCode: this.text.code, messageParams: this.text.params };
  }
}

/** The HTTP status of each code, for REST routes and GraphQL refusals alike (docs/access.md lists them). */
export const HTTP_STATUS: Record<string, number> = {
  [ErrorCode.BAD_USER_INPUT]: 400,
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.INTERNAL_SERVER_ERROR]: 500,
  [ErrorCode.DATABASE_UNAVAILABLE]: 503,
};

export function badInput(argumentName: string, message: Message): DomainError {
  return new DomainError(ErrorCode.BAD_USER_INPUT, message, { argumentName });
}

/** Codes produced by graphql-js / Apollo for malformed requests: safe to show as they are. */
const PUBLIC_CODES = new Set<string>([
  ...Object.values(ErrorCode),
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'QUERY_LIMIT_EXCEEDED',
]);

/**
 * The one place errors leave the server: domain errors keep their code and message; anything else (database,
 * bugs) is logged with the request id and masked as INTERNAL_SERVER_ERROR.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown, requestId?: string): GraphQLFormattedError {
  const raised = error instanceof GraphQLError ? (error.originalError ?? error) : error;
  // PostgreSQL unreachable mid-request: a retryable 503, not an internal error (src/db/unavailable.ts).
  const original = !(raised instanceof DomainError) && isDatabaseUnavailable(raised) ? databaseUnavailable() : raised;
  if (original instanceof DomainError) {
    return { ...formatted, message: original.localized(), extensions: original.extensions() };
  }
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && PUBLIC_CODES.has(code) && !(original instanceof Error && !(original instanceof GraphQLError))) {
    return formatted;
  }
  // type-graphql reports bad argument values (e.g. enum or scalar parsing) as plain GraphQLErrors without a code.
  if (original instanceof GraphQLError && !original.originalError && formatted.extensions?.code === undefined) {
    return { ...formatted, extensions: { ...formatted.extensions, code: ErrorCode.BAD_USER_INPUT } };
  }
  log.error('internal error', {
    requestId,
    path: formatted.path,
    error: original instanceof Error ? original.message : String(original),
    stack: original instanceof Error ? original.stack : undefined,
  });
  return {
    message: 'Internal server error',
    locations: formatted.locations,
    path: formatted.path,
    extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, requestId },
  };
}
