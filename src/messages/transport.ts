import { defineMessages } from './define';
import { num } from './format';
import { roleName } from './labels';

/** The HTTP transport: token lifetimes, unavailable database, bodies, cross-origin callers, the GraphQL IDE page. */
export const transportMessages = defineMessages({
  TOKEN_EXPIRY_MISSING: {
    'zh-CN': (p: { maxHours: number }) => `令牌缺少 exp（过期时间）声明：本系统只接受有效期不超过 ${num('zh-CN', p.maxHours)} 小时的令牌`,
    en: (p) => `token has no exp claim: this hub accepts only tokens that expire within ${num('en', p.maxHours)} hours`,
    example: { maxHours: 24 },
  },
  TOKEN_LIFETIME_TOO_LONG: {
    'zh-CN': (p: { maxHours: number; hours: number }) => `令牌有效期为 ${num('zh-CN', p.hours)} 小时，超过了本系统允许的 ${num('zh-CN', p.maxHours)} 小时`,
    en: (p) => `token lives ${num('en', p.hours)} hours, longer than the ${num('en', p.maxHours)} hours this hub accepts`,
    example: { maxHours: 24, hours: 8760 },
  },
  DATABASE_UNAVAILABLE: {
    'zh-CN': (p: { retryAfterSeconds: number }) => `数据库暂时无法访问，请 ${num('zh-CN', p.retryAfterSeconds)} 秒后重试；数据未受影响`,
    en: (p) => `the database is unavailable for the moment; retry in ${num('en', p.retryAfterSeconds)} seconds (no data was changed)`,
    example: { retryAfterSeconds: 5 },
  },
  CORS_ORIGIN_NOT_ALLOWED: {
    'zh-CN': (p: { origin: string }) => `来源 ${p.origin} 不在允许的跨域来源中：请管理员把它加入 CORS_ORIGINS`,
    en: (p) => `origin ${p.origin} may not call this hub from a browser: an administrator can add it to CORS_ORIGINS`,
    example: { origin: 'http://dashboard:3000' },
  },
  INTROSPECTION_DISABLED: {
    'zh-CN': (p: { field: string }) => `本服务器已关闭 GraphQL 自省（${p.field}）：接口说明见 schema/schema.graphql，或由管理员设置 GRAPHQL_INTROSPECTION=true`,
    en: (p) => `GraphQL introspection (${p.field}) is off on this server: the schema is in schema/schema.graphql, or an administrator can set GRAPHQL_INTROSPECTION=true`,
    example: { field: '__schema' },
  },
  IDE_TITLE: {
    'zh-CN': () => '均衡 GraphQL 查询工具',
    en: () => 'Junheng GraphQL IDE',
    example: {},
  },
  IDE_LOADING: {
    'zh-CN': () => '正在加载 GraphiQL 查询工具…（需启用 JavaScript）',
    en: () => 'Loading the GraphiQL IDE… (JavaScript must be enabled)',
    example: {},
  },
  IDE_DEMO_TOKEN: {
    'zh-CN': (p: { role: string }) => `开发环境：Headers 中已预填${roleName('zh-CN', p.role)}的演示令牌。换用其他角色，请替换其中的 Authorization。`,
    en: (p) => `Development: Headers hold a demo token of role ${p.role}. To act as another role, replace its Authorization.`,
    example: { role: 'supervisor' },
  },
  IDE_SIGN_IN: {
    'zh-CN': () => '请在“Headers”中填写 {"Authorization": "Bearer <令牌>"} 后再查询。',
    en: () => 'Put {"Authorization": "Bearer <token>"} under Headers before you query.',
    example: {},
  },
});
