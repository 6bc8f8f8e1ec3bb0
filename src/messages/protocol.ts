import { defineMessages } from './define';
import { quoted } from './format';

/**
 * GraphQL over HTTP as graphql-js and Apollo Server refuse it (syntax, validation, CSRF preflight, Accept, method):
 * their English texts are recognised in src/graphql/protocol-errors.ts and said again here. Where a text is not one
 * we recognise, the zh-CN sentence names the kind of problem and quotes graphql-js's own detail (technical, for the
 * analyst who wrote the query), and English gives that detail as graphql-js wrote it.
 */
export const protocolMessages = defineMessages({
  GRAPHQL_SYNTAX_ERROR: {
    'zh-CN': (p: { detail: string; line: number; column: number }) => `GraphQL 查询语法错误（第 ${p.line} 行第 ${p.column} 列）：${p.detail}`,
    en: (p) => `GraphQL syntax error (line ${p.line}, column ${p.column}): ${p.detail}`,
    example: { detail: '…', line: 1, column: 15 },
  },
  GRAPHQL_UNKNOWN_FIELD: {
    'zh-CN': (p: { field: string; type: string; suggestions: string[] }) =>
      `类型 ${p.type} 没有字段 ${quoted('zh-CN', p.field)}${p.suggestions.length ? `；是否要查询 ${p.suggestions.map((s) => quoted('zh-CN', s)).join('、')}？` : ''}`,
    en: (p) => `type ${p.type} has no field ${quoted('en', p.field)}${p.suggestions.length ? `; did you mean ${p.suggestions.map((s) => quoted('en', s)).join(', ')}?` : ''}`,
    example: { field: 'nope', type: 'Query', suggestions: ['node'] },
  },
  GRAPHQL_ARGUMENT_REQUIRED: {
    'zh-CN': (p: { field: string; argument: string; type: string }) => `字段 ${p.field} 缺少必填参数 ${p.argument}（类型 ${p.type}）`,
    en: (p) => `field ${p.field} needs its argument ${p.argument} (type ${p.type})`,
    example: { field: 'district', argument: 'code', type: 'String!' },
  },
  GRAPHQL_UNKNOWN_ARGUMENT: {
    'zh-CN': (p: { field: string; argument: string; suggestions: string[] }) =>
      `字段 ${p.field} 没有参数 ${p.argument}${p.suggestions.length ? `；是否要用 ${p.suggestions.join('、')}？` : ''}`,
    en: (p) => `field ${p.field} has no argument ${p.argument}${p.suggestions.length ? `; did you mean ${p.suggestions.join(', ')}?` : ''}`,
    example: { field: 'Query.districts', argument: 'top', suggestions: ['first'] },
  },
  GRAPHQL_VALUE_INVALID: {
    'zh-CN': (p: { type: string; value: string }) => `值 ${p.value} 不是合法的 ${p.type}`,
    en: (p) => `${p.value} is not a valid ${p.type}`,
    example: { type: 'Int', value: '"x"' },
  },
  GRAPHQL_SELECTION_REQUIRED: {
    'zh-CN': (p: { field: string; type: string }) => `字段 ${p.field}（类型 ${p.type}）须选择子字段，例如 ${p.field} { … }`,
    en: (p) => `field ${p.field} (type ${p.type}) needs a selection of subfields, e.g. ${p.field} { … }`,
    example: { field: 'districts', type: 'DistrictConnection!' },
  },
  GRAPHQL_SELECTION_NOT_ALLOWED: {
    'zh-CN': (p: { field: string; type: string }) => `字段 ${p.field} 的类型 ${p.type} 没有子字段，不能带选择集 { … }`,
    en: (p) => `field ${p.field} is of type ${p.type}, which has no subfields: remove its selection { … }`,
    example: { field: 'name', type: 'String!' },
  },
  GRAPHQL_QUERY_INVALID: {
    'zh-CN': (p: { detail: string }) => `GraphQL 查询不符合本接口的定义（graphql-js 的说明：${p.detail}）`,
    en: (p) => p.detail,
    example: { detail: '…' },
  },
  HTTP_PREFLIGHT_REQUIRED: {
    'zh-CN': () =>
      '为防范跨站请求伪造（CSRF），本请求被拒绝：请使用 Content-Type: application/json 的 POST 请求，或在 GET 请求中加上请求头 apollo-require-preflight: 1',
    en: () =>
      'refused as a possible cross-site request forgery (CSRF): send a POST with Content-Type: application/json, or add the header apollo-require-preflight: 1 to a GET',
    example: {},
  },
  HTTP_NOT_ACCEPTABLE: {
    'zh-CN': () => '请求头 Accept 不接受 JSON：GraphQL 的应答为 application/json 或 application/graphql-response+json',
    en: () => 'the Accept header does not accept JSON: GraphQL answers application/json or application/graphql-response+json',
    example: {},
  },
  HTTP_METHOD_NOT_ALLOWED: {
    'zh-CN': () => '/graphql 只接受 GET 和 POST 请求',
    en: () => '/graphql takes GET and POST requests only',
    example: {},
  },
  HTTP_PERSISTED_QUERY_NOT_SUPPORTED: {
    'zh-CN': () => '本服务器不支持持久化查询（persistedQuery）：请在请求中发送完整的 query',
    en: () => 'this server does not support persisted queries: send the whole query',
    example: {},
  },
  HTTP_GRAPHQL_REQUEST_INVALID: {
    'zh-CN': (p: { detail: string }) => `GraphQL 请求的格式不正确：请用 JSON 发送 {"query": "…", "variables": {…}}（Apollo 的说明：${p.detail}）`,
    en: (p) => `the GraphQL request is malformed: send JSON {"query": "…", "variables": {…}} (${p.detail})`,
    example: { detail: '…' },
  },
});
