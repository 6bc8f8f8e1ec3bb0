import { defineMessages, MessageEntry } from './define';
import { list, num, quoted } from './format';
import { stateName } from './supervision';

/**
 * The reports (XLSX/CSV: sheet and file names, titles, column headers, labels, notes, errors) and the overview page
 * at `/`. Words are the official ones: 达标/未达标/数据不足, 决算/预算, 教督〔2017〕6号.
 */

const stateLabel = (state: string) => label(stateName('zh-CN', state), stateName('en', state));

/** A word or a header without figures. */
function label(zh: string, en: string): MessageEntry<Record<string, never>> {
  return { 'zh-CN': () => zh, en: () => en, example: {} };
}

/** Units of the standards table (src/compliance/standards.ts) and of the engine's shortfalls, as each locale writes them. */
const UNITS: Record<string, { 'zh-CN': string; en: string }> = {
  'teachers per 100 students': { 'zh-CN': '人/百名学生', en: 'teachers per 100 students' },
  'classrooms per 100 students': { 'zh-CN': '间/百名学生', en: 'classrooms per 100 students' },
  'm² per student': { 'zh-CN': '平方米/生', en: 'm² per student' },
  'yuan per student': { 'zh-CN': '元/生', en: 'yuan per student' },
  'yuan per teacher per year': { 'zh-CN': '元/人·年', en: 'yuan per teacher per year' },
  'students per class': { 'zh-CN': '人/班', en: 'students per class' },
  'difference rate': { 'zh-CN': '差异率', en: 'difference rate' },
  'share of respondents': { 'zh-CN': '占受访者比例', en: 'share of respondents' },
  'share of teachers': { 'zh-CN': '占教师比例', en: 'share of teachers' },
  'share of eligible teachers': { 'zh-CN': '占应交流教师比例', en: 'share of eligible teachers' },
  'share of children': { 'zh-CN': '占适龄儿童比例', en: 'share of children' },
  'share of cohort': { 'zh-CN': '占入学年级学生比例', en: 'share of cohort' },
  'share of entrants': { 'zh-CN': '占新生比例', en: 'share of entrants' },
  'share of migrant children': { 'zh-CN': '占随迁子女比例', en: 'share of migrant children' },
  'share of places': { 'zh-CN': '占招生名额比例', en: 'share of places' },
  'share of public-funds budget': { 'zh-CN': '占公用经费预算比例', en: 'share of public-funds budget' },
  rating: { 'zh-CN': '督导评定', en: 'inspectors’ rating' },
  event: { 'zh-CN': '事件', en: 'event' },
  rooms: { 'zh-CN': '间', en: 'rooms' },
  schools: { 'zh-CN': '所', en: 'schools' },
  students: { 'zh-CN': '人', en: 'students' },
  teachers: { 'zh-CN': '人', en: 'teachers' },
  classrooms: { 'zh-CN': '间', en: 'classrooms' },
  'm²': { 'zh-CN': '平方米', en: 'm²' },
  yuan: { 'zh-CN': '元', en: 'yuan' },
  'percentage points': { 'zh-CN': '个百分点', en: 'percentage points' },
  respondents: { 'zh-CN': '人', en: 'respondents' },
};

const SPREAD_REASONS: Record<string, { 'zh-CN': string; en: string }> = {
  FEWER_THAN_TWO_SCHOOLS: { 'zh-CN': '学校不足两所，无法计算', en: 'fewer than two schools: undefined' },
  ZERO_MEAN: { 'zh-CN': '均值为零，无法计算', en: 'mean is zero: undefined' },
  MISSING_SCHOOL_DATA: { 'zh-CN': '有学校缺少数据', en: 'a school’s data is missing' },
};

export const reportMessages = defineMessages({
  // ---- words shared by the reports and the page
  VERDICT_QUALIFIED: label('达标', 'Qualified'),
  VERDICT_NOT_QUALIFIED: label('未达标', 'Not qualified'),
  VERDICT_INSUFFICIENT_DATA: label('数据不足', 'Insufficient data'),
  STATUS_MET: label('达标', 'Met'),
  STATUS_NOT_MET: label('未达标', 'Not met'),
  STATUS_NO_DATA: label('数据不足', 'No data'),
  FUNDING_MET: label('未减少', 'Not decreased'),
  FUNDING_VIOLATED: label('减少', 'Decreased'),
  FUNDING_NO_DATA: label('数据不足', 'No data'),
  STAGE_PRIMARY: label('小学', 'Primary'),
  STAGE_JUNIOR: label('初中', 'Junior secondary'),
  BASIS_FINAL: label('决算', 'Final accounts'),
  BASIS_BUDGET: label('预算', 'Budget'),
  PART_RESOURCES: label('资源配置', 'Resource allocation'),
  PART_GUARANTEE: label('政府保障程度', 'Government guarantee'),
  PART_QUALITY: label('教育质量', 'Education quality'),
  PART_RECOGNITION: label('社会认可度', 'Social recognition'),
  PART_VETO: label('一票否决', 'Disqualifying events'),
  YES: label('是', 'Yes'),
  UNIT: {
    'zh-CN': (p: { unit: string }) => UNITS[p.unit]?.['zh-CN'] ?? p.unit,
    en: (p) => UNITS[p.unit]?.en ?? p.unit,
    example: { unit: 'm² per student' },
  },
  SPREAD_REASON: {
    'zh-CN': (p: { reason: string }) => SPREAD_REASONS[p.reason]?.['zh-CN'] ?? p.reason,
    en: (p) => SPREAD_REASONS[p.reason]?.en ?? p.reason,
    example: { reason: 'FEWER_THAN_TWO_SCHOOLS' },
  },

  // ---- report files, sheets and title blocks
  REPORT_FILE_EVALUATION: {
    'zh-CN': (p: { district: string; code: string; year: number }) => `${p.district}-${p.year}年优质均衡评估`,
    en: (p) => `evaluation-${p.code}-${p.year}`,
    example: { district: '沙坪坝区', code: '500106', year: 2024 },
  },
  REPORT_FILE_CITY: {
    'zh-CN': (p: { year: number }) => `${p.year}年全市优质均衡概况`,
    en: (p) => `city-${p.year}`,
    example: { year: 2024 },
  },
  REPORT_TITLE_EVALUATION: {
    'zh-CN': (p: { district: string; year: number }) => `${p.district}${p.year}年县域义务教育优质均衡发展督导评估报告`,
    en: (p) => `${p.district}: supervision and evaluation of quality-balanced compulsory education, ${p.year}`,
    example: { district: '沙坪坝区', year: 2024 },
  },
  REPORT_TITLE_CITY: {
    'zh-CN': (p: { year: number }) => `${p.year}年全市义务教育优质均衡发展概况`,
    en: (p) => `City overview of quality-balanced compulsory education, ${p.year}`,
    example: { year: 2024 },
  },
  REPORT_META_DISTRICT: {
    'zh-CN': (p: { name: string; code: string }) => `区县：${p.name}（${p.code}）`,
    en: (p) => `District: ${p.name} (${p.code})`,
    example: { name: '沙坪坝区', code: '500106' },
  },
  REPORT_META_CITY: label('范围：全市各区县（含功能区）', 'Scope: every district of the city, functional zones included'),
  REPORT_META_YEAR: {
    'zh-CN': (p: { year: number }) => `年度：${p.year}年`,
    en: (p) => `Year: ${p.year}`,
    example: { year: 2024 },
  },
  REPORT_META_STANDARD: label(
    '评估依据：《县域义务教育优质均衡发展督导评估办法》（教督〔2017〕6号）',
    'Standard: Measures for the supervision and evaluation of quality-balanced compulsory education in counties (Jiaodu [2017] No. 6)',
  ),
  REPORT_META_AS_OF: {
    'zh-CN': (p: { at: string }) => `数据截至：${p.at}（最近一次导入）`,
    en: (p) => `Data as of: ${p.at} (the latest import)`,
    example: { at: '2024-12-02 14:50' },
  },
  REPORT_META_AS_OF_NONE: label('数据截至：尚无导入记录', 'Data as of: nothing imported yet'),
  REPORT_META_UNIT: label(
    '单位：金额为元，比率以百分比显示，其余单位见各列标题',
    'Units: amounts in yuan, rates shown as percentages, other units in the column headers',
  ),
  REPORT_META_COST: {
    'zh-CN': (p: { comparable: string; oneOff: string; yearly: string; years: number; priced: number; unpriced: number }) =>
      `达标投入估算（一校一策最省方案合计，${p.years} 年口径）：${num('zh-CN', p.comparable)} 元，其中一次性 ${num('zh-CN', p.oneOff)} 元、每年 ${num('zh-CN', p.yearly)} 元；已估算 ${p.priced} 个未达标学校学段` +
      (Number(p.unpriced) ? `，${p.unpriced} 个缺数据未估算` : ''),
    en: (p) =>
      `Estimated cost to qualify (sum of the cheapest plans, ${p.years}-year basis): ${num('en', p.comparable)} yuan, of which ${num('en', p.oneOff)} yuan one-off and ${num('en', p.yearly)} yuan a year; ${p.priced} failing school stages priced` +
      (Number(p.unpriced) ? `, ${p.unpriced} lacking data not priced` : ''),
    example: { comparable: '1888000', oneOff: '1200000', yearly: '137600', years: 5, priced: 12, unpriced: 1 },
  },
  REPORT_META_VERDICT: {
    'zh-CN': (p: { verdict: string }) => `结论：${p.verdict}`,
    en: (p) => `Verdict: ${p.verdict}`,
    example: { verdict: '未达标' },
  },
  REPORT_META_PRECONDITION: {
    'zh-CN': (p: { text: string }) => `申报前提：${p.text}`,
    en: (p) => `Precondition: ${p.text}`,
    example: { text: '2019年通过基本均衡认定' },
  },
  REPORT_PAGE_OF: {
    'zh-CN': (p: { page: string; pages: string }) => `第 ${p.page} 页，共 ${p.pages} 页`,
    en: (p) => `Page ${p.page} of ${p.pages}`,
    example: { page: '1', pages: '3' },
  },
  REPORT_TRUNCATED: label('……（已截断，完整内容见 GraphQL 接口）', '… (truncated; the full text is in the GraphQL API)'),
  REPORT_SOURCE_SUMMARY: {
    'zh-CN': (p: { department: string; dataset: string; file: string; rows: number }) => `${p.department} · ${p.dataset} · ${p.file}（${num('zh-CN', p.rows)} 行）`,
    en: (p) => `${p.department} · ${p.dataset} · ${p.file} (${num('en', p.rows)} ${p.rows === 1 ? 'row' : 'rows'})`,
    example: { department: '教育部门', dataset: 'school_stats', file: 'stats-2024.csv', rows: 47 },
  },
  REPORT_MORE_ITEMS: {
    'zh-CN': (p: { count: number }) => `……另有 ${num('zh-CN', p.count)} 项，详见该区县的评估报告`,
    en: (p) => `… and ${num('en', p.count)} more in the district’s own report`,
    example: { count: 12 },
  },
  REPORT_NO_BLOCKER: label('各项指标均达标，无问题项', 'Every indicator is met: nothing fails'),

  // ---- sheet names (at most 31 characters) and their notes
  SHEET_VERDICT: label('结论', 'Verdict'),
  SHEET_INDICATORS: label('指标', 'Indicators'),
  SHEET_SCHOOLS: label('一校一策', 'Schools'),
  SHEET_SPREADS: label('差异系数', 'Spreads'),
  SHEET_SOURCES: label('数据来源', 'Sources'),
  SHEET_DISTRICTS: label('区县', 'Districts'),
  SHEET_FUNDING: label('两个只增不减', 'Funding checks'),
  SHEET_PROGRESS: label('认定进度', 'Certification progress'),
  SHEET_WARNINGS: label('监测预警', 'Early warnings'),
  SHEET_LEDGER: label('督导台账', 'Supervision ledger'),
  NOTE_VERDICT: label(
    '每行为一个未达标或缺数据的问题项；区县达标须各校均达到校校达标要求、各项差异系数均不超过上限、政府保障程度与教育质量各项及社会认可度均达标，且无一票否决事项。',
    'One row per item that fails or lacks data. A district qualifies when every school meets the school rule, every CV is within its limit, every government-guarantee and education-quality indicator and social recognition are met, and no disqualifying event is recorded.',
  ),
  NOTE_INDICATORS: label(
    '政府保障程度、教育质量、社会认可度各项指标及一票否决事项；“数据来源”汇总每项所用的部门数据，逐行明细见“数据来源”工作表。',
    'Government guarantee, education quality, social recognition and the disqualifying events; the Sources column sums up the departments’ rows used, listed row by row in the Sources sheet.',
  ),
  NOTE_SCHOOLS: label(
    '每行为一所学校的一个学段（九年一贯制、十二年一贯制学校分小学、初中两部分）；校校达标：七项指标至少六项达标，且未达标项不低于标准值的85%。',
    'One row per school and stage (nine- and twelve-year schools count as a primary and a junior part). School rule: at least 6 of the 7 indicators reach the threshold and the other reaches 85% of it.',
  ),
  NOTE_SPREADS: label(
    '差异系数按学生数加权计算；小学不超过0.50，初中不超过0.45。',
    'Coefficients of variation weighted by students; at most 0.50 for primary and 0.45 for junior schools.',
  ),
  NOTE_SOURCES: label(
    '评估所用的每一行部门数据，按部门、数据集、文件及所用于的指标归并列出。',
    'Every departmental row the evaluation used, listed by department, dataset, file and the figures it feeds.',
  ),
  NOTE_DISTRICTS: label(
    '各区县的评估结论、问题项及两个只增不减检查结果。',
    'Each district’s verdict, the items that fail or lack data, and the two never-decrease checks.',
  ),
  NOTE_FUNDING: label(
    '一般公共预算教育支出及按在校学生人数平均的教育支出与上年比较；有决算用决算，否则用预算。',
    'General public budget education expenditure, in total and per enrolled student, against the year before; final accounts where delivered, else the budget.',
  ),
  NOTE_PROGRESS: label(
    '按计划认定年度统计计划区县数、数据达标数和已认定数，及其累计。',
    'Per planned certification year: districts planned, qualified on the data and certified, with running totals.',
  ),
  NOTE_LEDGER: label(
    '过程督导发现的问题（台账），每行一个问题：整改状态、整改期限及是否逾期（已过整改期限且未销号）；未销号的排在前面。',
    'The problems process supervision found (the ledger), one per row: their state, due date and whether overdue (past due, not closed); those not closed first.',
  ),
  NOTE_WARNINGS: label(
    '计划于次年及以前认定、尚未认定且按数据未达标的区县。',
    'Districts planned by next year, not certified and not qualified on the data.',
  ),

  // ---- column headers (unit in the header; cells hold plain numbers in it)
  COL_DISTRICT_CODE: label('区县代码', 'District code'),
  COL_FINDING_NUMBER: label('台账编号', 'Ledger no.'),
  COL_FINDING: label('问题描述', 'Finding'),
  COL_SEVERITY: label('严重程度', 'Severity'),
  COL_STATE: label('整改状态', 'State'),
  COL_RAISED_ON: label('发现日期', 'Found on'),
  COL_DUE_ON: label('整改期限', 'Due on'),
  COL_OVERDUE: label('逾期', 'Overdue'),
  COL_CLOSED_ON: label('销号日期', 'Closed on'),
  COL_INSPECTORS: label('督学', 'Inspectors'),
  SEVERITY_MINOR: label('一般', 'minor'),
  SEVERITY_MAJOR: label('较重', 'major'),
  SEVERITY_SERIOUS: label('严重', 'serious'),
  COL_DISTRICT: label('区县', 'District'),
  COL_YEAR: label('年度', 'Year'),
  COL_VERDICT: label('结论', 'Verdict'),
  COL_BLOCKER: label('问题代码', 'Item'),
  COL_STATUS: label('达标情况', 'Status'),
  COL_SCHOOL_CODE: label('学校代码', 'School code'),
  COL_SCHOOL: label('学校', 'School'),
  COL_STAGE: label('学段', 'Stage'),
  COL_WHAT_FAILS: label('说明', 'What fails or is missing'),
  COL_PART: label('部分', 'Part'),
  COL_CODE: label('代码', 'Code'),
  COL_INDICATOR: label('指标', 'Indicator'),
  COL_VALUE: label('值', 'Value'),
  COL_THRESHOLD: label('标准值', 'Threshold'),
  COL_UNIT: label('单位', 'Unit'),
  COL_SHORTFALL: label('差距', 'Shortfall'),
  COL_NOTE: label('说明', 'Note'),
  COL_SCHOOLS_SHORT: label('未达标学校（一校一策）', 'Schools short (one school, one plan)'),
  COL_INPUTS: label('依据（计算输入）', 'Inputs'),
  COL_SOURCES: label('数据来源', 'Sources'),
  COL_SCHOOL_RULE: label('校校达标', 'School rule'),
  COL_INDICATORS_MET: label('达标项数（共7项）', 'Indicators met (of 7)'),
  COL_RESOURCE: {
    'zh-CN': (p: { code: string; nameZh: string; nameEn: string; unit: string }) => `${p.code} ${p.nameZh}（${UNITS[p.unit]?.['zh-CN'] ?? p.unit}）`,
    en: (p) => `${p.code} ${p.nameEn} (${UNITS[p.unit]?.en ?? p.unit})`,
    example: { code: 'R5', nameZh: '生均体育运动场馆面积', nameEn: 'Sports ground and hall area per student', unit: 'm² per student' },
  },
  COL_BELOW_THRESHOLD: label('未达标指标', 'Below threshold'),
  COL_SHORTFALLS: label('差距（一校一策）', 'Shortfalls (one school, one plan)'),
  COL_COST_TO_QUALIFY: label('最省达标方案（估算，单位成本见表头说明）', 'Cheapest plan to qualify (estimate; unit costs in the header)'),
  REPORT_COST_DEFAULTS: {
    'zh-CN': (p: { codes: string }) => `（${p.codes} 按默认单价）`,
    en: (p) => ` (${p.codes} at default unit costs)`,
    example: { codes: 'R5' },
  },
  COL_CV: label('差异系数', 'CV'),
  COL_LIMIT: label('上限', 'Limit'),
  COL_MEAN: label('加权均值（指标单位）', 'Weighted mean (indicator unit)'),
  COL_SCHOOL_COUNT: label('学校数（所）', 'Schools'),
  COL_REASON: label('原因', 'Reason'),
  COL_DEPARTMENT: label('部门', 'Department'),
  COL_DATASET: label('数据集', 'Dataset'),
  COL_FILE: label('文件', 'File'),
  COL_ROW: label('数据行（键）', 'Rows (keys)'),
  COL_ROW_COUNT: label('行数', 'Rows'),
  COL_USED_BY: label('用于指标', 'Used by'),
  COL_PLANNED_YEAR: label('计划认定年度', 'Planned certification year'),
  COL_CERTIFIED_IN: label('认定年度', 'Certified in'),
  COL_NOT_MET_COUNT: label('未达标项（项）', 'Not met (items)'),
  COL_NO_DATA_COUNT: label('缺数据项（项）', 'No data (items)'),
  COL_BLOCKERS: label('问题项', 'Items failing or without data'),
  COL_TOTAL_CHECK: label('教育支出只增不减', 'Total expenditure check'),
  COL_PER_STUDENT_CHECK: label('生均教育支出只增不减', 'Per-student check'),
  COL_BASIS: label('口径', 'Basis'),
  COL_EXPENDITURE: label('一般公共预算教育支出（元）', 'Education expenditure (yuan)'),
  COL_ENROLMENT: label('在校学生数（人）', 'Enrolment (students)'),
  COL_PER_STUDENT: label('生均教育支出（元）', 'Per student (yuan)'),
  COL_PREVIOUS_EXPENDITURE: label('上年教育支出（元）', 'Previous year expenditure (yuan)'),
  COL_PREVIOUS_PER_STUDENT: label('上年生均教育支出（元）', 'Previous year per student (yuan)'),
  COL_EXPENDITURE_CHANGE: label('教育支出增长率', 'Expenditure change'),
  COL_PER_STUDENT_CHANGE: label('生均教育支出增长率', 'Per-student change'),
  COL_NOTES: label('说明', 'Notes'),
  COL_PLANNED_COUNT: label('计划区县数（个）', 'Planned (districts)'),
  COL_QUALIFIED_COUNT: label('数据达标数（个）', 'Qualified on the data (districts)'),
  COL_CERTIFIED_COUNT: label('已认定数（个）', 'Certified (districts)'),
  COL_PLANNED_CUMULATIVE: label('累计计划（个）', 'Planned, cumulative'),
  COL_QUALIFIED_CUMULATIVE: label('累计数据达标（个）', 'Qualified on the data, cumulative'),
  COL_CERTIFIED_CUMULATIVE: label('累计已认定（个）', 'Certified, cumulative'),

  // ---- the overview page at / (templates: the page fills {name} placeholders with its figures)
  PAGE_BRAND: label('均衡', 'Junheng'),
  PAGE_TITLE: label('全市义务教育优质均衡概况', 'Quality-balanced compulsory education: city overview'),
  PAGE_LANG_NAME: label('中文', 'English'),
  PAGE_LANG_SWITCH: label('语言', 'Language'),
  PAGE_YEAR: label('年度', 'Year'),
  PAGE_SIGN_IN_TITLE: label('登录', 'Sign in'),
  PAGE_SIGN_IN_HELP: label(
    '请输入管理员签发的访问令牌（JWT）。令牌只保存在本浏览器标签页中，关闭标签页即清除。',
    'Enter the access token (a JWT) your administrator issued. It is kept only in this browser tab and forgotten when the tab closes.',
  ),
  PAGE_SIGN_IN_DEV: label(
    '开发环境：已预填市督导人员的演示令牌，点击“登录”即可使用。',
    'Development: a supervisor’s demo token is filled in; press Sign in to use it.',
  ),
  PAGE_TOKEN_LABEL: label('访问令牌', 'Access token'),
  PAGE_SIGN_IN_BUTTON: label('登录', 'Sign in'),
  PAGE_SIGN_OUT: label('退出登录', 'Sign out'),
  PAGE_TOKEN_EMPTY: label('请先输入访问令牌', 'Enter a token first'),
  PAGE_TOKEN_REFUSED: {
    'zh-CN': (p: { reason: string }) => `令牌未被接受：${p.reason}。请重新登录。`,
    en: (p) => `The token was not accepted: ${p.reason}. Please sign in again.`,
    example: { reason: '令牌已于 2024-12-01 过期' },
  },
  PAGE_LOADING: {
    'zh-CN': (p: { year: string }) => `正在加载 ${p.year} 年数据……`,
    en: (p) => `Loading ${p.year}…`,
    example: { year: '2024' },
  },
  PAGE_LOAD_FAILED: {
    'zh-CN': (p: { reason: string }) => `无法加载：${p.reason}`,
    en: (p) => `Could not load: ${p.reason}`,
    example: { reason: 'HTTP 502' },
  },
  PAGE_READY: {
    'zh-CN': (p: { year: string; count: string }) => `${p.year} 年 · ${p.count} 个区县`,
    en: (p) => `${p.year} · ${p.count} districts`,
    example: { year: '2024', count: '41' },
  },
  PAGE_CARD_FUNDING: label('经费减少的区县（总量 / 生均）', 'Districts whose funding decreased (total / per student)'),
  PAGE_CARD_FUNDING_NOTE: {
    'zh-CN': (p: { total: string; perStudent: string }) => `数据不足：${p.total} / ${p.perStudent}`,
    en: (p) => `No data: ${p.total} / ${p.perStudent}`,
    example: { total: '2', perStudent: '3' },
  },
  PAGE_CARD_PER_STUDENT: label('全市生均教育支出', 'City expenditure per student'),
  PAGE_CARD_PER_STUDENT_NOTE: {
    'zh-CN': (p: { counted: string; total: string }) => `计入 ${p.counted} / ${p.total} 个区县`,
    en: (p) => `${p.counted} of ${p.total} districts counted`,
    example: { counted: '38', total: '41' },
  },
  PAGE_CARD_COST: {
    'zh-CN': (p: { years: number }) => `达标投入估算（${p.years} 年口径）`,
    en: (p) => `Estimated cost to qualify (${p.years}-year basis)`,
    example: { years: 5 },
  },
  PAGE_COL_COST: label('达标投入估算', 'Estimated cost to qualify'),
  PAGE_COST_NOTE: {
    'zh-CN': (p: { oneOff: string; yearly: string; years: number; priced: number; unpriced: number }) =>
      `一次性 ${p.oneOff} 元 + 每年 ${p.yearly} 元 × ${p.years} 年；已估算 ${p.priced} 个未达标学校学段` + (Number(p.unpriced) ? `，${p.unpriced} 个缺数据未估算` : ''),
    en: (p) =>
      `${p.oneOff} yuan one-off + ${p.yearly} yuan a year × ${p.years}; ${p.priced} failing school stages priced` + (Number(p.unpriced) ? `, ${p.unpriced} lacking data not priced` : ''),
    example: { oneOff: '1,200,000', yearly: '376,000', years: 5, priced: 12, unpriced: 1 },
  },
  PAGE_COST_SPLIT: {
    'zh-CN': (p: { oneOff: string; yearly: string }) => `一次性 ${p.oneOff} 元，每年 ${p.yearly} 元`,
    en: (p) => `${p.oneOff} yuan one-off, ${p.yearly} yuan a year`,
    example: { oneOff: '1,200,000', yearly: '376,000' },
  },
  PAGE_YUAN: {
    'zh-CN': (p: { amount: string }) => `${p.amount} 元`,
    en: (p) => `${p.amount} yuan`,
    example: { amount: '18,204.55' },
  },
  PAGE_MAP_TITLE: label('区县评估结论分布', 'Verdicts across the city'),
  PAGE_MAP_ZONES: label('功能区（无单独行政边界）', 'Functional zones (no boundary of their own)'),
  PAGE_MAP_HINT: label('点击区县或功能区查看详情', 'Click a district or a zone for its details'),
  PAGE_PROGRESS_TITLE: label('认定进度', 'Certification progress'),
  PAGE_PROGRESS_SUB: label('计划认定、按数据达标与已认定区县数（累计）', 'Districts planned, qualified on the data and certified, cumulative'),
  PAGE_SERIES_PLANNED: label('计划', 'Planned'),
  PAGE_SERIES_CERTIFIED: label('已认定', 'Certified'),
  PAGE_SERIES_QUALIFIED: label('数据达标', 'Qualified on the data'),
  PAGE_AXIS_DISTRICTS: label('区县数', 'Districts'),
  PAGE_WARNINGS_TITLE: label('监测预警', 'Early warning'),
  PAGE_LEDGER_SUB: label('过程督导发现的问题及整改销号情况；逾期未整改的区县列在下面', 'Problems found by process supervision and their rectification; districts with overdue rectifications below'),
  PAGE_LEDGER_COUNTS: {
    'zh-CN': (p: { total: string; open: string; overdue: string; closed: string; rate: string }) =>
      `问题 ${p.total} 个：未销号 ${p.open} 个（其中逾期 ${p.overdue} 个），已销号 ${p.closed} 个，销号率 ${p.rate}`,
    en: (p) => `${p.total} findings: ${p.open} open (${p.overdue} overdue), ${p.closed} closed, closing rate ${p.rate}`,
    example: { total: '12', open: '5', overdue: '2', closed: '7', rate: '58.3%' },
  },
  PAGE_LEDGER_OVERDUE: {
    'zh-CN': (p: { count: string }) => `逾期未整改 ${p.count} 个`,
    en: (p) => `${p.count} overdue`,
    example: { count: '2' },
  },
  PAGE_LEDGER_OPEN_SINCE: {
    'zh-CN': (p: { open: string; due: string }) => `未销号 ${p.open} 个，最早整改期限 ${p.due}`,
    en: (p) => `${p.open} open, earliest due ${p.due}`,
    example: { open: '3', due: '2024-06-30' },
  },
  PAGE_LEDGER_NO_OVERDUE: label('无逾期未整改的问题', 'No overdue rectification'),
  PAGE_LEDGER_IS_OVERDUE: label('已逾期', 'overdue'),
  PAGE_LEDGER_MORE: {
    'zh-CN': (p: { count: string }) => `另有 ${p.count} 个未销号问题，见区县报表“督导台账”工作表`,
    en: (p) => `${p.count} more open findings: see the Supervision ledger sheet of the district report`,
    example: { count: '4' },
  },
  // The ledger's states for the page, worded once in supervision.ts.
  FINDING_STATE_OPEN: stateLabel('open'),
  FINDING_STATE_RECTIFYING: stateLabel('rectifying'),
  FINDING_STATE_SUBMITTED: stateLabel('submitted'),
  FINDING_STATE_CLOSED: stateLabel('closed'),
  FINDING_STATE_REOPENED: stateLabel('reopened'),
  PAGE_WARNINGS_NONE: {
    'zh-CN': (p: { year: string }) => `${p.year} 年无预警区县`,
    en: (p) => `No early warning for ${p.year}`,
    example: { year: '2024' },
  },
  PAGE_PLANNED_IN: {
    'zh-CN': (p: { year: string }) => `计划 ${p.year} 年认定`,
    en: (p) => `planned for ${p.year}`,
    example: { year: '2025' },
  },
  PAGE_ITEMS: {
    'zh-CN': (p: { count: string }) => `${p.count} 项`,
    en: (p) => `${p.count} items`,
    example: { count: '3' },
  },
  PAGE_CITY_REPORT: {
    'zh-CN': (p: { year: string }) => `${p.year} 年全市报表`,
    en: (p) => `City report ${p.year}`,
    example: { year: '2024' },
  },
  PAGE_CERTIFIED: label('已认定', 'certified'),
  // Certification stages (#16.3) on the page: the latest one and its date, against the plan.
  PAGE_CERT_SELF_EVALUATION: label('县级自评', 'self-evaluation'),
  PAGE_CERT_MUNICIPAL_REVIEW: label('地市复核', 'municipal review'),
  PAGE_CERT_PROVINCIAL: label('省级评估', 'provincial assessment'),
  PAGE_CERT_NATIONAL: label('国家评估', 'national assessment'),
  PAGE_CERT_CERTIFIED: label('国家认定', 'certified'),
  PAGE_CERT_RECHECK: label('复查', 're-check'),
  PAGE_CERT_NONE: label('尚未自评', 'no stage yet'),
  PAGE_CERT_LATE: label('晚于计划', 'behind plan'),
  PAGE_CERT_STAGE_ON: {
    'zh-CN': (p: { stage: string; date: string }) => `${p.date} 完成${p.stage}`,
    en: (p) => `${p.stage} on ${p.date}`,
    example: { stage: '地市复核', date: '2024-06-01' },
  },
  PAGE_TOTAL: label('总量', 'Total'),
  PAGE_PER_STUDENT: label('生均', 'Per student'),
  PAGE_DETAILS: label('详情', 'Details'),
  PAGE_PRINT: label('打印', 'Print'),
  PAGE_BACK: label('返回全市概况', 'Back to the city'),
  PAGE_DISTRICT_TITLE: {
    'zh-CN': (p: { name: string; year: string }) => `${p.name} · ${p.year} 年评估`,
    en: (p) => `${p.name} · evaluation ${p.year}`,
    example: { name: '沙坪坝区', year: '2024' },
  },
  PAGE_BLOCKERS_TITLE: label('问题项（未达标或数据不足）', 'Items failing or without data'),
  PAGE_SCHOOLS_TITLE: label('未达标学校（一校一策）', 'Schools below the school rule (one school, one plan)'),
  PAGE_SCHOOLS_NONE: label('所有学校均达到校校达标要求', 'Every school meets the school rule'),
  PAGE_SCHOOLS_MEETING: {
    'zh-CN': (p: { stage: string; meeting: string; total: string }) => `${p.stage}：${p.meeting} / ${p.total} 所学校达标`,
    en: (p) => `${p.stage}: ${p.meeting} of ${p.total} schools meet the rule`,
    example: { stage: '小学', meeting: '30', total: '31' },
  },
  PAGE_FUNDING_TITLE: {
    'zh-CN': (p: { year: string }) => `${p.year} 年两个只增不减`,
    en: (p) => `Two never-decrease checks, ${p.year}`,
    example: { year: '2024' },
  },
  PAGE_TREND_TITLE: label('历年变化', 'Over the years'),
  PAGE_TREND_SCHOOLS: label('校校达标比例', 'Schools meeting the rule'),
  PAGE_TREND_PER_STUDENT: label('生均教育支出（元）', 'Expenditure per student (yuan)'),
  PAGE_REPORTS: label('下载报表', 'Download'),
  PAGE_DOWNLOAD_FAILED: {
    'zh-CN': (p: { reason: string }) => `下载失败：${p.reason}`,
    en: (p) => `Download failed: ${p.reason}`,
    example: { reason: 'HTTP 500' },
  },
  PAGE_FOOTER: label(
    '依据《县域义务教育优质均衡发展督导评估办法》（教督〔2017〕6号）评估；数据来自本平台 GraphQL 接口',
    'Evaluated against the 2017 measures for quality-balanced compulsory education (Jiaodu [2017] No. 6); data from this hub’s GraphQL API',
  ),

  // ---- refusals of /reports
  REPORT_YEAR_INVALID: {
    'zh-CN': (p: { got: string; min: number; max: number }) => `年度须为 ${p.min} 至 ${p.max} 之间的四位年份（实为 ${quoted('zh-CN', p.got)}）`,
    en: (p) => `the year must be a year from ${p.min} to ${p.max} (got ${quoted('en', p.got)})`,
    example: { got: '20x4', min: 2000, max: 2100 },
  },
  REPORT_NOT_FOUND: {
    'zh-CN': (p: { path: string }) => `没有这个报表：${quoted('zh-CN', p.path, 120)}；报表地址见 docs/reports.md`,
    en: (p) => `no such report: ${quoted('en', p.path, 120)}; report addresses are listed in docs/reports.md`,
    example: { path: '/reports/elsewhere' },
  },
  REPORT_WRONG_EXTENSION: {
    'zh-CN': (p: { file: string; ext: string }) => `没有这个报表：${quoted('zh-CN', p.file)}（此处的报表文件以 .${p.ext} 结尾）`,
    en: (p) => `no such report: ${quoted('en', p.file)} (reports here end in .${p.ext})`,
    example: { file: '2024.pdf', ext: 'xlsx' },
  },
  REPORT_DISTRICT_NOT_FOUND: {
    'zh-CN': (p: { code: string }) => `没有代码为 ${quoted('zh-CN', p.code)} 的区县（或不在您的查看范围内）`,
    en: (p) => `no district with code ${quoted('en', p.code)} (or it is outside what you may see)`,
    example: { code: 'ZZ9' },
  },
  REPORT_SHEET_NOT_FOUND: {
    'zh-CN': (p: { sheet: string; sheets: readonly string[] }) => `没有名为 ${quoted('zh-CN', p.sheet)} 的表；可选：${list('zh-CN', p.sheets)}`,
    en: (p) => `no sheet ${quoted('en', p.sheet)}; sheets: ${p.sheets.join(', ')}`,
    example: { sheet: 'nope', sheets: ['verdict', 'indicators', 'schools', 'spreads', 'sources'] },
  },
  REPORT_LANG_INVALID: {
    'zh-CN': (p: { got: string }) => `lang 参数须为 zh-CN（中文）或 en（英文），实为 ${quoted('zh-CN', p.got)}`,
    en: (p) => `lang must be zh-CN (Chinese) or en (English), got ${quoted('en', p.got)}`,
    example: { got: 'de' },
  },
});
