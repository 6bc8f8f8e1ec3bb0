import { defineMessages } from './define';
import { list, num, quoted } from './format';
import type { Locale } from './locale';
import { roleName } from './labels';

/** The ledger's states and actions as people read them. */
const STATES: Record<string, Record<Locale, string>> = {
  open: { 'zh-CN': '待整改', en: 'open' },
  rectifying: { 'zh-CN': '整改中', en: 'rectifying' },
  submitted: { 'zh-CN': '已报整改完成（待核查）', en: 'submitted' },
  closed: { 'zh-CN': '已销号', en: 'closed' },
  reopened: { 'zh-CN': '回头看重新打开', en: 'reopened' },
};
const ACTIONS: Record<string, Record<Locale, string>> = {
  raise: { 'zh-CN': '提出问题', en: 'raise' },
  respond: { 'zh-CN': '报送整改方案', en: 'respond' },
  submit: { 'zh-CN': '报告整改完成', en: 'submit' },
  return: { 'zh-CN': '退回整改', en: 'return' },
  close: { 'zh-CN': '销号', en: 'close' },
  reopen: { 'zh-CN': '回头看重新打开', en: 'reopen' },
};
const FIELDS: Record<string, Record<Locale, string>> = {
  plan: { 'zh-CN': '整改方案（plan）', en: 'plan' },
  report: { 'zh-CN': '整改情况报告（report）', en: 'report' },
  reason: { 'zh-CN': '理由（reason）', en: 'reason' },
  newDueOn: { 'zh-CN': '新的整改期限（newDueOn）', en: 'newDueOn' },
};

export const stateName = (locale: Locale, state: string) => STATES[state]?.[locale] ?? state;
export const actionName = (locale: Locale, action: string) => ACTIONS[action]?.[locale] ?? action;
const fieldName = (locale: Locale, field: string) => FIELDS[field]?.[locale] ?? field;

/** The supervision office's work through the API: the ledger (台账), visits, ratings, surveys, evidence files. */
export const supervisionMessages = defineMessages({
  LEDGER_ACTION_NOT_ALLOWED: {
    'zh-CN': (p: { action: string; role: string; roles: readonly string[] }) =>
      `${roleName('zh-CN', p.role)}不能执行“${actionName('zh-CN', p.action)}”；该操作仅限${list('zh-CN', p.roles.map((r) => roleName('zh-CN', r)))}`,
    en: (p) => `a ${roleName('en', p.role)} may not ${actionName('en', p.action)} a finding; only ${p.roles.map((r) => roleName('en', r)).join(', ')} may`,
    example: { action: 'close', role: 'district_officer', roles: ['supervisor'] },
  },
  LEDGER_NOT_YOUR_DISTRICT: {
    'zh-CN': (p: { district: string; own: string }) => `该问题属于区县 ${p.district}，您只能处理本区县（${p.own}）的问题`,
    en: (p) => `the finding belongs to district ${p.district}; you act only on findings of ${p.own}`,
    example: { district: '500106', own: '500103' },
  },
  LEDGER_VERSION_CONFLICT: {
    'zh-CN': (p: { expected: number; current: number }) => `该记录已被修改：当前版本为 ${p.current}，您依据的是版本 ${p.expected}。请刷新后再操作`,
    en: (p) => `changed since you read it: it is at version ${p.current}, you sent expectedVersion ${p.expected}; reload and try again`,
    example: { expected: 2, current: 3 },
  },
  LEDGER_INVALID_TRANSITION: {
    'zh-CN': (p: { action: string; state: string; from: readonly string[] }) =>
      `处于“${stateName('zh-CN', p.state)}”状态的问题不能${actionName('zh-CN', p.action)}；只有${list('zh-CN', p.from.map((s) => `“${stateName('zh-CN', s)}”`))}状态的问题可以`,
    en: (p) => `a finding that is ${stateName('en', p.state)} cannot ${actionName('en', p.action)}; only one that is ${p.from.map((s) => stateName('en', s)).join(' or ')} can`,
    example: { action: 'close', state: 'open', from: ['submitted'] },
  },
  LEDGER_FIELD_REQUIRED: {
    'zh-CN': (p: { field: string; action: string }) => `“${actionName('zh-CN', p.action)}”须填写${fieldName('zh-CN', p.field)}`,
    en: (p) => `${fieldName('en', p.field)} is required to ${actionName('en', p.action)} a finding`,
    example: { field: 'reason', action: 'return' },
  },
  LEDGER_DUE_NOT_CHANGEABLE: {
    'zh-CN': (p: { action: string }) => `“${actionName('zh-CN', p.action)}”不能修改整改期限；只有退回整改和回头看重新打开时可以设定新的期限`,
    en: (p) => `${actionName('en', p.action)} cannot change the due date; only return and reopen set a new one`,
    example: { action: 'submit' },
  },
  LEDGER_DUE_IN_PAST: {
    'zh-CN': (p: { dueOn: string; today: string }) => `新的整改期限 ${p.dueOn} 早于今天（${p.today}）`,
    en: (p) => `the new due date ${p.dueOn} is before today (${p.today})`,
    example: { dueOn: '2024-01-31', today: '2025-03-01' },
  },
  LEDGER_DUE_BEFORE_RAISED: {
    'zh-CN': (p: { dueOn: string; raisedOn: string }) => `整改期限 ${p.dueOn} 早于发现问题的日期 ${p.raisedOn}`,
    en: (p) => `the due date ${p.dueOn} is before the date the finding was raised (${p.raisedOn})`,
    example: { dueOn: '2024-02-01', raisedOn: '2024-03-12' },
  },
  LEDGER_PLAN_IN_PAST: {
    'zh-CN': (p: { plannedOn: string; today: string }) => `计划完成日期 ${p.plannedOn} 早于今天（${p.today}）`,
    en: (p) => `the planned completion date ${p.plannedOn} is before today (${p.today})`,
    example: { plannedOn: '2024-01-31', today: '2025-03-01' },
  },
  LEDGER_PLAN_AFTER_DUE: {
    'zh-CN': (p: { plannedOn: string; dueOn: string }) => `计划完成日期 ${p.plannedOn} 晚于整改期限 ${p.dueOn}；请在期限内完成整改，或请市督导部门调整期限`,
    en: (p) => `the planned completion date ${p.plannedOn} is after the due date ${p.dueOn}; plan within it, or ask the supervision office for a new one`,
    example: { plannedOn: '2025-09-01', dueOn: '2025-06-30' },
  },
  LEDGER_CLOSED_OUT_OF_RANGE: {
    'zh-CN': (p: { closedOn: string; raisedOn: string; today: string }) => `销号日期 ${p.closedOn} 须在发现问题之日（${p.raisedOn}）与今天（${p.today}）之间`,
    en: (p) => `the closing date ${p.closedOn} must be between the date raised (${p.raisedOn}) and today (${p.today})`,
    example: { closedOn: '2030-01-01', raisedOn: '2024-03-12', today: '2025-03-01' },
  },
  LEDGER_CLOSED_ON_ONLY_CLOSE: {
    'zh-CN': (p: { action: string }) => `只有销号时才能填写销号日期（closedOn），“${actionName('zh-CN', p.action)}”不能`,
    en: (p) => `closedOn is given only when closing a finding, not to ${actionName('en', p.action)} it`,
    example: { action: 'submit' },
  },
  LEDGER_VISIT_IN_FUTURE: {
    'zh-CN': (p: { visitedOn: string; today: string }) => `督导日期 ${p.visitedOn} 晚于今天（${p.today}）`,
    en: (p) => `the visit date ${p.visitedOn} is after today (${p.today})`,
    example: { visitedOn: '2031-01-01', today: '2025-03-01' },
  },
  LEDGER_FINDING_NOT_FOUND: {
    'zh-CN': (p: { id: string }) => `找不到台账问题 ${quoted('zh-CN', p.id)}（不存在，或不在您可查看的范围内）`,
    en: (p) => `no finding ${quoted('en', p.id)} (it does not exist, or is outside what you may see)`,
    example: { id: 'RmluZGluZzox' },
  },
  LEDGER_VISIT_NOT_FOUND: {
    'zh-CN': (p: { id: string }) => `找不到督导记录 ${quoted('zh-CN', p.id)}（不存在，或不在您可查看的范围内）`,
    en: (p) => `no visit ${quoted('en', p.id)} (it does not exist, or is outside what you may see)`,
    example: { id: 'U3VwZXJ2aXNpb25WaXNpdDpTVi0x' },
  },
  LEDGER_SCHOOL_NOT_FOUND: {
    'zh-CN': (p: { code: string }) => `没有学校代码为 ${quoted('zh-CN', p.code)} 的学校`,
    en: (p) => `no school with code ${quoted('en', p.code)}`,
    example: { code: '3500106999' },
  },
  LEDGER_DISTRICT_NOT_FOUND: {
    'zh-CN': (p: { code: string }) => `没有代码为 ${quoted('zh-CN', p.code)} 的区县`,
    en: (p) => `no district with code ${quoted('en', p.code)}`,
    example: { code: '500199' },
  },
  LEDGER_VISIT_TARGET: {
    'zh-CN': () => '请填写学校代码（schoolCode）或区县代码（districtCode），二者填其一即可',
    en: () => 'give schoolCode or districtCode: the school or the district visited',
    example: {},
  },
  LEDGER_SCHOOL_OUTSIDE_DISTRICT: {
    'zh-CN': (p: { school: string; district: string }) => `学校 ${p.school} 不属于本次督导的区县 ${p.district}`,
    en: (p) => `school ${p.school} is not in district ${p.district}, the district of the visit`,
    example: { school: '3500103001', district: '500106' },
  },
  LEDGER_INDICATOR_UNKNOWN: {
    'zh-CN': (p: { code: string }) => `${quoted('zh-CN', p.code)} 不是教督〔2017〕6号的指标代码（应为 R1–R7、G01–G15、Q01–Q09、S01 或 V01–V03）`,
    en: (p) => `${quoted('en', p.code)} is not an indicator code of the 2017 standard (教督〔2017〕6号); use R1–R7, G01–G15, Q01–Q09, S01 or V01–V03`,
    example: { code: 'X99' },
  },
  LEDGER_TOO_MANY: {
    'zh-CN': (p: { field: string; max: number; count: number }) => `${p.field} 最多 ${num('zh-CN', p.max)} 项（实为 ${num('zh-CN', p.count)} 项）`,
    en: (p) => `${p.field} takes at most ${num('en', p.max)} items (got ${num('en', p.count)})`,
    example: { field: 'evidenceIds', max: 20, count: 25 },
  },
  LEDGER_TEXT_EMPTY: {
    'zh-CN': (p: { field: string }) => `${p.field} 不能为空`,
    en: (p) => `${p.field} must not be empty`,
    example: { field: 'description' },
  },
  LEDGER_NOT_NEGATIVE: {
    'zh-CN': (p: { field: string; value: number }) => `${p.field} 不能为负数（实为 ${p.value}）`,
    en: (p) => `${p.field} must not be negative (got ${p.value})`,
    example: { field: 'respondents', value: -3 },
  },
  LEDGER_EVIDENCE_NOT_FOUND: {
    'zh-CN': (p: { id: string }) => `找不到证明材料 ${quoted('zh-CN', p.id)}（请先通过 POST /evidence 上传，且只能使用您可查看的材料）`,
    en: (p) => `no evidence file ${quoted('en', p.id)} (upload it first with POST /evidence; only files you may see can be attached)`,
    example: { id: 'RXZpZGVuY2U6OQ' },
  },
  LEDGER_IDEMPOTENCY_KEY_REUSED: {
    'zh-CN': (p: { key: string; mutation: string }) => `幂等键 ${quoted('zh-CN', p.key)} 已用于另一次不同的请求（${p.mutation}）；重试时请原样提交，新的请求请换用新的键`,
    en: (p) => `idempotency key ${quoted('en', p.key)} was already used for a different request (${p.mutation}); retry with the same input, or use a new key`,
    example: { key: 'raise-2024-03-12-01', mutation: 'raiseFinding' },
  },
  LEDGER_WRITE_BUSY: {
    'zh-CN': () => '督导数据正在导入或被他人修改，本次操作未生效；请稍后重试',
    en: () => 'supervision data is being imported or changed by someone else; nothing was changed, try again shortly',
    example: {},
  },
  RATING_INDICATOR_NOT_RATED: {
    'zh-CN': (p: { indicator: string; rated: readonly string[] }) => `${p.indicator} 不是由督导评估组评定的指标；可评定的指标为 ${p.rated.join('、')}`,
    en: (p) => `${p.indicator} is not rated by inspectors; the rated indicators are ${p.rated.join(', ')}`,
    example: { indicator: 'G05', rated: ['G01', 'G02', 'G10', 'G15', 'Q03'] },
  },
  RATING_EVENT_UNKNOWN: {
    'zh-CN': (p: { code: string; codes: readonly string[] }) => `${p.code} 不是一票否决事项的代码；应为 ${p.codes.join('、')}`,
    en: (p) => `${p.code} is not a disqualifying event; the events are ${p.codes.join(', ')}`,
    example: { code: 'V09', codes: ['V01', 'V02', 'V03'] },
  },
  RATING_ALREADY_RECORDED: {
    'zh-CN': (p: { current: number }) => `该项已有记录（版本 ${p.current}）；修改时请提交 expectedVersion: ${p.current}`,
    en: (p) => `a value is already recorded (version ${p.current}); send expectedVersion: ${p.current} to replace it`,
    example: { current: 1 },
  },
  RATING_NOT_RECORDED: {
    'zh-CN': (p: { expected: number }) => `尚无记录，不能按版本 ${p.expected} 修改；新建时请不填 expectedVersion`,
    en: (p) => `nothing is recorded yet, so version ${p.expected} cannot be replaced; omit expectedVersion to create it`,
    example: { expected: 1 },
  },
  SURVEY_SATISFIED_ABOVE_RESPONDENTS: {
    'zh-CN': (p: { satisfied: number; respondents: number }) => `满意人数（${num('zh-CN', p.satisfied)}）多于参与调查人数（${num('zh-CN', p.respondents)}）`,
    en: (p) => `${num('en', p.satisfied)} satisfied is more than the ${num('en', p.respondents)} respondents`,
    example: { satisfied: 1200, respondents: 1000 },
  },
  CHANGES_CURSOR_UNKNOWN: {
    'zh-CN': (p: { cursor: string }) => `cursor 不是 changedSince 给出的游标：${quoted('zh-CN', p.cursor)}`,
    en: (p) => `cursor is not one returned by changedSince: ${quoted('en', p.cursor)}`,
    example: { cursor: 'eGlkOjE' },
  },
  EVIDENCE_UPLOAD_FORBIDDEN: {
    'zh-CN': (p: { role: string }) => `${roleName('zh-CN', p.role)}不能上传证明材料；仅市督导人员和区县教育督导人员可以`,
    en: (p) => `a ${roleName('en', p.role)} may not upload evidence; only supervisors and district officers may`,
    example: { role: 'analyst' },
  },
  EVIDENCE_FILE_NAME_MISSING: {
    'zh-CN': () => '请用 fileName 查询参数（或 X-File-Name 请求头，URL 编码）给出文件名，例如 ?fileName=整改报告.pdf',
    en: () => 'give the file name in the fileName query parameter (or an URL-encoded X-File-Name header), e.g. ?fileName=report.pdf',
    example: {},
  },
  EVIDENCE_FILE_NAME_INVALID: {
    'zh-CN': (p: { fileName: string; max: number }) => `文件名 ${quoted('zh-CN', p.fileName)} 无效：不能含路径或控制字符，最长 ${p.max} 个字符`,
    en: (p) => `file name ${quoted('en', p.fileName)} is not valid: no paths or control characters, at most ${p.max} characters`,
    example: { fileName: '../etc/passwd', max: 200 },
  },
  EVIDENCE_EMPTY: {
    'zh-CN': () => '上传的文件是空的',
    en: () => 'the uploaded file is empty',
    example: {},
  },
  EVIDENCE_TOO_LARGE: {
    'zh-CN': (p: { max: number }) => `证明材料最大 ${num('zh-CN', p.max)} 字节（EVIDENCE_MAX_BYTES）；请压缩或拆分后上传`,
    en: (p) => `evidence files are limited to ${num('en', p.max)} bytes (EVIDENCE_MAX_BYTES); compress or split it`,
    example: { max: 20971520 },
  },
  EVIDENCE_EXTENSION_REFUSED: {
    'zh-CN': (p: { fileName: string; allowed: readonly string[] }) => `不接受文件 ${quoted('zh-CN', p.fileName)} 的类型；可上传的类型为 ${p.allowed.join('、')}`,
    en: (p) => `files like ${quoted('en', p.fileName)} are not accepted; the accepted types are ${p.allowed.join(', ')}`,
    example: { fileName: 'setup.exe', allowed: ['pdf', 'png', 'jpg', 'xlsx', 'docx', 'csv', 'txt'] },
  },
  EVIDENCE_CONTENT_REFUSED: {
    'zh-CN': (p: { fileName: string; detected: string }) => `文件 ${quoted('zh-CN', p.fileName)} 的内容不被接受（按文件内容识别为：${p.detected}）`,
    en: (p) => `the content of ${quoted('en', p.fileName)} is not accepted (its bytes read as: ${p.detected})`,
    example: { fileName: 'report.pdf', detected: 'Windows executable' },
  },
  EVIDENCE_CONTENT_MISMATCH: {
    'zh-CN': (p: { fileName: string; detected: string }) => `文件 ${quoted('zh-CN', p.fileName)} 的扩展名与内容不符：按内容识别为 ${p.detected}`,
    en: (p) => `the extension of ${quoted('en', p.fileName)} does not match its content, which reads as ${p.detected}`,
    example: { fileName: 'photo.pdf', detected: 'PNG' },
  },
  EVIDENCE_NOT_FOUND: {
    'zh-CN': (p: { id: string }) => `找不到证明材料 ${quoted('zh-CN', p.id)}（不存在，或您无权查看其所附的记录）`,
    en: (p) => `no evidence file ${quoted('en', p.id)} (it does not exist, or you may not read what it is attached to)`,
    example: { id: 'RXZpZGVuY2U6OQ' },
  },
});
