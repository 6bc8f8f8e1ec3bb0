import { defineMessages } from './define';
import { num } from './format';

/** Refusals of a GraphQL request by the query limits (docs/access.md, "Limits"), and out-of-range years. */
export const limitMessages = defineMessages({
  QUERY_DEPTH_EXCEEDED: {
    'zh-CN': (p: { value: number; max: number }) => `查询嵌套深度为 ${num('zh-CN', p.value)} 层，超过上限 ${num('zh-CN', p.max)} 层：请拆成几个较浅的查询`,
    en: (p) => `query depth ${num('en', p.value)} exceeds the limit of ${num('en', p.max)}: split it into shallower queries`,
    example: { value: 20, max: 12 },
  },
  QUERY_ALIASES_EXCEEDED: {
    'zh-CN': (p: { value: number; max: number }) => `查询使用了 ${num('zh-CN', p.value)} 个别名（含片段展开后），超过上限 ${num('zh-CN', p.max)} 个`,
    en: (p) => `the query uses ${num('en', p.value)} aliases (fragments expanded), more than the limit of ${num('en', p.max)}`,
    example: { value: 1000, max: 30 },
  },
  QUERY_ROOT_FIELDS_EXCEEDED: {
    'zh-CN': (p: { value: number; max: number }) => `一个操作含 ${num('zh-CN', p.value)} 个顶层字段（含片段展开后），超过上限 ${num('zh-CN', p.max)} 个：请分成几次请求`,
    en: (p) => `the operation has ${num('en', p.value)} root fields (fragments expanded), more than the limit of ${num('en', p.max)}: send them in several requests`,
    example: { value: 24, max: 20 },
  },
  QUERY_COST_EXCEEDED: {
    'zh-CN': (p: { value: number; max: number }) =>
      `查询的估算开销为 ${num('zh-CN', p.value)}，超过上限 ${num('zh-CN', p.max)}：请减少年份或字段，或用 first 缩小分页`,
    en: (p) => `the query's estimated cost is ${num('en', p.value)}, above the limit of ${num('en', p.max)}: ask for fewer years or fields, or smaller pages (first)`,
    example: { value: 3664425, max: 1500000 },
  },
  QUERY_WORK_EXCEEDED: {
    'zh-CN': (p: { value: number; max: number }) =>
      `查询需现场计算的评估工作量估算为 ${num('zh-CN', p.value)}，超过上限 ${num('zh-CN', p.max)}：请减少年份，或按区县分别查询`,
    en: (p) => `the evaluations the query would compute are estimated at ${num('en', p.value)} units of work, above the limit of ${num('en', p.max)}: ask for fewer years, or district by district`,
    example: { value: 300000, max: 280000 },
  },
  REQUEST_ENDED: {
    'zh-CN': () => '请求已结束（客户端已断开或超过请求时限），其余计算已停止',
    en: () => 'the request has ended (the client went away or its time limit passed); the rest of its computation was stopped',
    example: {},
  },
  QUERY_TOKENS_EXCEEDED: {
    'zh-CN': (p: { max: number }) => `查询文本超过 ${num('zh-CN', p.max)} 个词法单元，未予解析：请发送较短的查询`,
    en: (p) => `the query text has more than ${num('en', p.max)} tokens and was not parsed: send a shorter query`,
    example: { max: 10000 },
  },
  QUERY_NESTING_EXCEEDED: {
    'zh-CN': (p: { max: number }) => `查询文本的括号嵌套超过 ${num('zh-CN', p.max)} 层，未予解析`,
    en: (p) => `the query text nests brackets more than ${num('en', p.max)} deep and was not parsed`,
    example: { max: 128 },
  },
  VARIABLE_MISSING: {
    'zh-CN': (p: { variable: string; type: string }) => `缺少变量 $${p.variable}（类型 ${p.type}）：请在 variables 中提供`,
    en: (p) => `variable $${p.variable} of type ${p.type} was not provided: give it in variables`,
    example: { variable: 'year', type: 'Int!' },
  },
  VARIABLE_INVALID: {
    'zh-CN': (p: { variable: string; type: string; got: string; detail: string }) =>
      `变量 $${p.variable} 的值 ${p.got} 不符合类型 ${p.type}${p.detail ? `（${p.detail}）` : ''}`,
    en: (p) => `variable $${p.variable} has the value ${p.got}, which is not a ${p.type}${p.detail ? ` (${p.detail})` : ''}`,
    example: { variable: 'year', type: 'Int!', got: '"2024"', detail: 'Int cannot represent non-integer value: "2024"' },
  },
  REQUEST_BODY_TOO_LARGE: {
    'zh-CN': (p: { max: number }) => `请求体过大：上限为 ${num('zh-CN', p.max)} 字节`,
    en: (p) => `the request body is too large: the limit is ${num('en', p.max)} bytes`,
    example: { max: 1048576 },
  },
  REQUEST_BODY_UNREADABLE: {
    'zh-CN': () => '无法将请求体读作 JSON：请发送 {"query": …, "variables": …}',
    en: () => 'the request body could not be read as JSON: send {"query": …, "variables": …}',
    example: {},
  },
  YEAR_OUT_OF_RANGE: {
    'zh-CN': (p: { argument: string; min: number; max: number; got: string }) => `${p.argument} 须为 ${p.min} 至 ${p.max} 之间的年份（实为 ${p.got}）`,
    en: (p) => `${p.argument} must be a year from ${p.min} to ${p.max} (got ${p.got})`,
    example: { argument: 'year', min: 2000, max: 2100, got: '-2147483648' },
  },
});
