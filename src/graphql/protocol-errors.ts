import type { GraphQLFormattedError } from 'graphql';
import { msg, type Message } from '../messages';

/**
 * graphql-js and Apollo Server refuse malformed requests with English sentences of their own. The ones a user meets
 * are recognised here by their fixed wording (graphql-js 16, Apollo Server 5) and turned into catalogue messages with
 * the names they carry as parameters; any other keeps graphql-js's detail inside a sentence of the user's language.
 */
const NAME = '"([^"]+)"';
const suggestions = (tail: string | undefined) => [...(tail ?? '').matchAll(/"([^"]+)"/g)].map((m) => m[1]!);

const VALIDATION: [RegExp, (m: RegExpMatchArray) => Message][] = [
  [new RegExp(`^Cannot query field ${NAME} on type ${NAME}\\.(.*)$`), (m) => msg('GRAPHQL_UNKNOWN_FIELD', { field: m[1]!, type: m[2]!, suggestions: suggestions(m[3]) })],
  [
    new RegExp(`^Field ${NAME} argument ${NAME} of type ${NAME} is required, but it was not provided\\.$`),
    (m) => msg('GRAPHQL_ARGUMENT_REQUIRED', { field: m[1]!, argument: m[2]!, type: m[3]! }),
  ],
  [new RegExp(`^Unknown argument ${NAME} on field ${NAME}\\.(.*)$`), (m) => msg('GRAPHQL_UNKNOWN_ARGUMENT', { argument: m[1]!, field: m[2]!, suggestions: suggestions(m[3]) })],
  [/^(\w+) cannot represent (?:a )?[\w -]*?value: (.*)$/, (m) => msg('GRAPHQL_VALUE_INVALID', { type: m[1]!, value: m[2]! })],
  [new RegExp(`^Field ${NAME} of type ${NAME} must have a selection of subfields\\.`), (m) => msg('GRAPHQL_SELECTION_REQUIRED', { field: m[1]!, type: m[2]! })],
  [new RegExp(`^Field ${NAME} must not have a selection since type ${NAME} has no subfields\\.$`), (m) => msg('GRAPHQL_SELECTION_NOT_ALLOWED', { field: m[1]!, type: m[2]! })],
];

export function protocolMessage(formatted: GraphQLFormattedError): Message | null {
  const code = formatted.extensions?.code;
  const text = formatted.message;
  if (code === 'GRAPHQL_PARSE_FAILED') {
    const at = formatted.locations?.[0];
    return msg('GRAPHQL_SYNTAX_ERROR', { detail: text.replace(/^Syntax Error: /, ''), line: at?.line ?? 1, column: at?.column ?? 1 });
  }
  if (code === 'GRAPHQL_VALIDATION_FAILED') {
    for (const [pattern, make] of VALIDATION) {
      const m = text.match(pattern);
      if (m) return make(m);
    }
    return msg('GRAPHQL_QUERY_INVALID', { detail: text });
  }
  if (code === 'PERSISTED_QUERY_NOT_SUPPORTED' || code === 'PERSISTED_QUERY_NOT_FOUND') return msg('HTTP_PERSISTED_QUERY_NOT_SUPPORTED', {});
  if (code === 'BAD_REQUEST') {
    if (text.includes('Cross-Site Request Forgery')) return msg('HTTP_PREFLIGHT_REQUIRED', {});
    if (text.includes("'accept' header")) return msg('HTTP_NOT_ACCEPTABLE', {});
    if (text.includes('supports only GET/POST')) return msg('HTTP_METHOD_NOT_ALLOWED', {});
    return msg('HTTP_GRAPHQL_REQUEST_INVALID', { detail: text.trim() });
  }
  return null;
}
