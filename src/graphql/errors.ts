import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, GraphQLFormattedError } from 'graphql';
import { log } from '../common/logger';
import { Message, render, DEFAULT_LOCALE } from '../messages';
import { databaseUnavailable, isDatabaseUnavailable } from '../db/unavailable';
import { protocolMessage } from './protocol-errors';

/** Error codes clients can rely on (GraphQL `extensions.code`). */
export enum ErrorCode {
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  NOT_FOUND = 'NOT_FOUND',
  FORBIDDEN = 'FORBIDDEN',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  /** A query over one of the limits of docs/access.md (depth, aliases, root fields, cost, tokens, nesting). */
  QUERY_LIMIT_EXCEEDED = 'QUERY_LIMIT_EXCEEDED',
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
  [ErrorCode.QUERY_LIMIT_EXCEEDED]: 400,
  [ErrorCode.INTERNAL_SERVER_ERROR]: 500,
  [ErrorCode.DATABASE_UNAVAILABLE]: 503,
  // Apollo's own codes for requests it could not run (apollographql.com/docs/apollo-server/data/errors).
  GRAPHQL_PARSE_FAILED: 400,
  GRAPHQL_VALIDATION_FAILED: 400,
  BAD_REQUEST: 400,
  OPERATION_RESOLUTION_FAILURE: 400,
  PAYLOAD_TOO_LARGE: 413,
};

/**
 * A DomainError raised before execution (limits, arguments checked up front) as the GraphQLError Apollo answers
 * with: the HTTP status of its code travels in `extensions.http` (Apollo reads it and strips it from the body),
 * the DomainError stays the original error so that formatError renders it in the client's language.
 */
export function refusal(error: DomainError): GraphQLError {
  return new GraphQLError(error.message, {
    originalError: error,
    extensions: { ...error.extensions(), http: { status: HTTP_STATUS[error.code] ?? 400 } },
  });
}

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
    // graphql-js's and Apollo's own refusals, said again in the client's language (src/graphql/protocol-errors.ts).
    // Our own validation rules (limits, introspection) already speak the catalogue.
    const said = formatted.extensions?.messageCode === undefined ? protocolMessage(formatted) : null;
    if (!said) return formatted;
    return { ...formatted, message: render(said), extensions: { ...formatted.extensions, messageCode: said.code, messageParams: said.params } };
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

/** The status of a response whose errors are `codes`: 500 if any is internal, else their one 4xx, else 400. */
export function statusOfCodes(codes: readonly unknown[]): number {
  const statuses = new Set(codes.map((c) => (typeof c === 'string' ? (HTTP_STATUS[c] ?? 500) : 500)));
  if ([...statuses].some((s) => s >= 500)) return 500;
  return statuses.size === 1 ? [...statuses][0]! : 400;
}

/**
 * HTTP statuses a client can rely on. A request refused before it ran already carries its status (limits, variables,
 * parse and validation errors: 4xx). A request that ran keeps 200 while it returns data (partial results, GraphQL
 * over HTTP); when it returns none — `data` null, or every root field null with its own error — the status is
 * that of its errors: 4xx for the client's (BAD_USER_INPUT 400, FORBIDDEN 403, …), 500 only for internal ones.
 */
export const errorStatusPlugin: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async willSendResponse({ response }) {
        if (response.body.kind !== 'single') return;
        const { data, errors } = response.body.singleResult;
        if (!errors?.length || response.http.status !== undefined) return;
        const roots = data ? Object.entries(data) : [];
        const failedRoot = (key: string) => errors.some((e) => e.path?.[0] === key);
        const noData = !data || (roots.length > 0 && roots.every(([key, value]) => value === null && failedRoot(key)));
        if (noData) response.http.status = statusOfCodes(errors.map((e) => e.extensions?.code));
      },
    };
  },
};
