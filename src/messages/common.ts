import { defineMessages } from './define';
import { num } from './format';

/** Messages any part of the hub may need. */
export const commonMessages = defineMessages({
  INTERNAL_ERROR: {
    'zh-CN': (p: { requestId: string }) => `服务器内部错误（请求编号 ${p.requestId}），请稍后重试；如一再出现，请将请求编号告知管理员。`,
    en: (p) => `Internal server error (request ${p.requestId}); try again later, and if it persists give the request id to an administrator.`,
    example: { requestId: '3f2c9a10-0000-4000-8000-000000000000' },
  },
  VALUE_TOO_LONG: {
    'zh-CN': (p: { field: string; max: number; length: number }) => `${p.field}最多 ${num('zh-CN', p.max)} 个字符（实为 ${num('zh-CN', p.length)} 个）`,
    en: (p) => `${p.field} is limited to ${num('en', p.max)} characters (got ${num('en', p.length)})`,
    example: { field: 'orderBy', max: 100, length: 240 },
  },
});
