import { defineMessages } from './define';
import { list } from './format';
import { departmentName, roleName } from './labels';

/** Authentication and permission refusals. */
export const accessMessages = defineMessages({
  TOKEN_MISSING: {
    'zh-CN': () => '未提供令牌：请在请求头中发送 Authorization: Bearer <JWT>',
    en: () => 'no token: send Authorization: Bearer <JWT>',
    example: {},
  },
  TOKEN_HEADER_MALFORMED: {
    'zh-CN': () => 'Authorization 请求头格式不正确：应为 “Bearer <JWT>”',
    en: () => 'malformed Authorization header: expected "Bearer <JWT>"',
    example: {},
  },
  TOKEN_NOT_OBJECT: {
    'zh-CN': () => '令牌的载荷不是 JSON 对象',
    en: () => 'token payload is not a JSON object',
    example: {},
  },
  TOKEN_EXPIRED: {
    'zh-CN': (p: { at: string }) => `令牌已于 ${p.at} 过期`,
    en: (p) => `token expired at ${p.at}`,
    example: { at: '2026-12-01T08:00:00.000Z' },
  },
  TOKEN_NOT_YET_VALID: {
    'zh-CN': () => '令牌尚未生效',
    en: () => 'token not valid yet',
    example: {},
  },
  TOKEN_BAD_SIGNATURE: {
    'zh-CN': () => '令牌签名无效',
    en: () => 'token signature is not valid',
    example: {},
  },
  TOKEN_REJECTED: {
    'zh-CN': (p: { reason: string }) => `令牌被拒绝（${p.reason}）`,
    en: (p) => `token rejected: ${p.reason}`,
    example: { reason: 'jwt malformed' },
  },
  TOKEN_NO_SUBJECT: {
    'zh-CN': () => '令牌缺少 sub（用户标识）声明',
    en: () => 'token has no sub claim',
    example: {},
  },
  TOKEN_ROLE_UNKNOWN: {
    'zh-CN': (p: { role: string; roles: readonly string[] }) => `令牌中的角色 ${p.role} 无效，应为以下之一：${list('zh-CN', p.roles)}`,
    en: (p) => `token role ${p.role} is not one of ${p.roles.join(', ')}`,
    example: { role: '"root"', roles: ['supervisor', 'district_officer', 'analyst'] },
  },
  TOKEN_DISTRICT_MISSING: {
    'zh-CN': () => '区县教育督导人员（district_officer）的令牌须带 district（区县代码）声明',
    en: () => 'a district_officer token needs a district claim',
    example: {},
  },
  FIELD_FORBIDDEN: {
    'zh-CN': (p: { field: string; roles: readonly string[]; role: string }) => `${p.field} 仅限${list('zh-CN', p.roles.map((r) => roleName('zh-CN', r)))}读取（当前角色为${roleName('zh-CN', p.role)}）`,
    en: (p) => `${p.field} is readable only by ${p.roles.join(', ')} (you are ${p.role})`,
    example: { field: 'TeacherPosting.annualPayYuan', roles: ['staffing', 'supervisor'], role: 'analyst' },
  },
  TEACHER_ROWS_COUNTS_ONLY: {
    'zh-CN': (p: { role: string }) => `${roleName('zh-CN', p.role)}只能看到教师人数统计，不能查看教师个人记录`,
    en: (p) => `role ${p.role} sees teachers only as counts`,
    example: { role: 'analyst' },
  },
  IMPORT_BATCH_TEACHER_LEVEL: {
    'zh-CN': (p: { field: string; role: string }) => `教师任职（teacher_postings）批次的 ImportBatch.${p.field} 含教师个人数据，当前角色${roleName('zh-CN', p.role)}无权读取`,
    en: (p) => `ImportBatch.${p.field} of teacher_postings holds teacher-level data (you are ${p.role})`,
    example: { field: 'errors', role: 'analyst' },
  },
  IMPORT_FORBIDDEN: {
    'zh-CN': (p: { role: string; dataset: string; department: string }) => `${roleName('zh-CN', p.role)}无权导入 ${p.dataset}（${departmentName('zh-CN', p.department)}的数据集）`,
    en: (p) => `role ${p.role} may not import ${p.dataset} (a dataset of the ${departmentName('en', p.department)})`,
    example: { role: 'finance', dataset: 'schools', department: 'education' },
  },
});
