import { defineMessages } from './define';
import { num, quoted } from './format';
import { departmentName } from './labels';
import type { Locale } from './locale';

/**
 * The importer's sentences: problems of a delivered file (cell, row, set and file level), refusals of the HTTP route,
 * and what the CLI prints. Column names stay as the data contract spells them; values are quoted as delivered.
 */

/** Datasets as the departments call them; the contract name follows in messages so it can be matched. */
const DATASET_LABELS: Record<string, { 'zh-CN': string; en: string }> = {
  districts: { 'zh-CN': '区县名录', en: 'districts' },
  schools: { 'zh-CN': '学校基本信息', en: 'schools' },
  school_stats: { 'zh-CN': '学校年报统计', en: 'annual school statistics' },
  district_education: { 'zh-CN': '区县教育统计', en: 'district education statistics' },
  teacher_postings: { 'zh-CN': '教师任教', en: 'teacher postings' },
  civil_servant_pay: { 'zh-CN': '公务员工资', en: "civil servants' pay" },
  education_expenditure: { 'zh-CN': '一般公共预算教育支出', en: 'education expenditure' },
  school_funds: { 'zh-CN': '学校公用经费', en: 'school funds' },
  transfer_payments: { 'zh-CN': '转移支付', en: 'transfer payments' },
  quality_monitoring: { 'zh-CN': '义务教育质量监测', en: 'quality monitoring' },
  ratings: { 'zh-CN': '督导评议', en: "inspectors' ratings" },
  surveys: { 'zh-CN': '社会认可度调查', en: 'satisfaction surveys' },
  supervision_visits: { 'zh-CN': '过程督导', en: 'supervision visits' },
};

/** 学校基本信息（schools） / schools: the label with the contract name, so either can be matched. */
export function datasetName(locale: Locale, dataset: string): string {
  const label = DATASET_LABELS[dataset]?.[locale];
  if (!label) return dataset;
  if (locale === 'zh-CN') return `${label}（${dataset}）`;
  return label === dataset ? dataset : `${label} (${dataset})`;
}

const SCHOOL_TYPES: Record<string, { 'zh-CN': string; en: string }> = {
  primary: { 'zh-CN': '小学', en: 'a primary school' },
  teaching_point: { 'zh-CN': '教学点', en: 'a teaching point' },
  junior: { 'zh-CN': '初中', en: 'a junior secondary school' },
  complete_secondary: { 'zh-CN': '完全中学', en: 'a complete secondary school' },
  nine_year: { 'zh-CN': '九年一贯制学校', en: 'a nine-year school' },
  twelve_year: { 'zh-CN': '十二年一贯制学校', en: 'a twelve-year school' },
  special: { 'zh-CN': '特殊教育学校', en: 'a special-education school' },
};
const STAGES: Record<string, { 'zh-CN': string; en: string }> = {
  primary: { 'zh-CN': '小学学段', en: 'primary' },
  junior: { 'zh-CN': '初中学段', en: 'junior' },
};

/** What a patterned code column expects, per locale (the contract's own hint is English). */
const PATTERN_HINTS: Record<string, { 'zh-CN': string; en: string }> = {
  subject: { 'zh-CN': '小写英文字母和下划线，如 pe、music、art', en: 'lower-case letters and underscores, e.g. pe, music, art' },
  indicator: { 'zh-CN': '一个大写字母加两位数字，如 G01、Q06、V02', en: 'an upper-case letter and two digits, e.g. G01, Q06, V02' },
};

const PHASES: Record<string, { 'zh-CN': string; en: string }> = {
  checking: { 'zh-CN': '正在核对', en: 'checking' },
  writing: { 'zh-CN': '正在写入', en: 'writing' },
};

const ENCODINGS: Record<string, { 'zh-CN': string; en: string }> = {
  'utf-8': { 'zh-CN': 'UTF-8', en: 'UTF-8' },
  gb18030: { 'zh-CN': 'GB18030（GBK，中文 Windows 版 Excel 的“CSV”）', en: 'GB18030 (GBK, the "CSV" of Excel on a Chinese Windows)' },
};

const q = quoted;
const n = num;
const mb = (bytes: number) => Math.round(bytes / (1024 * 1024));

export const ingestionMessages = defineMessages({
  // ---- where a problem is ----------------------------------------------------------------------------------------
  IMPORT_PROBLEM_AT: {
    'zh-CN': (p: { file: string; row: number | null; column: string | null; reason: string }) =>
      `${p.file}${p.row !== null ? ` 第 ${n('zh-CN', p.row)} 行` : ''}${p.column !== null ? `${p.row !== null ? '，' : ' '}${p.column} 列` : ''}：${p.reason}`,
    en: (p) =>
      `${p.file}${p.row !== null ? ` row ${n('en', p.row)}` : ''}${p.column !== null ? `${p.row !== null ? ',' : ''} ${p.column.includes(',') ? 'columns' : 'column'} ${p.column}` : ''}: ${p.reason}`,
    example: { file: 'schools.csv', row: 12 as number | null, column: 'school_type' as string | null, reason: '“Primary” 不在允许的取值中' },
  },

  // ---- cells ------------------------------------------------------------------------------------------------------
  IMPORT_VALUE_REQUIRED: {
    'zh-CN': () => '此列必须填写',
    en: () => 'a value is required',
    example: {},
  },
  IMPORT_NUL_CHARACTER: {
    'zh-CN': (p: { value: string }) => `${q('zh-CN', p.value)} 含有空字符（NUL），文件可能已损坏`,
    en: (p) => `${q('en', p.value)} contains a NUL character`,
    example: { value: 'a\\0b' },
  },
  IMPORT_TEXT_TOO_LONG: {
    'zh-CN': (p: { max: number; length: number }) => `内容过长：最多 ${n('zh-CN', p.max)} 个字符，实为 ${n('zh-CN', p.length)} 个`,
    en: (p) => `too long: at most ${n('en', p.max)} characters, got ${n('en', p.length)}`,
    example: { max: 100, length: 5242880 },
  },
  IMPORT_PATTERN_MISMATCH: {
    'zh-CN': (p: { value: string; column: string; pattern: string }) =>
      `${q('zh-CN', p.value)} 不符合要求：应为${PATTERN_HINTS[p.column]?.['zh-CN'] ?? `与 ${p.pattern} 相符的代码`}`,
    en: (p) => `${q('en', p.value)} is not allowed here: expected ${PATTERN_HINTS[p.column]?.en ?? p.pattern}`,
    example: { value: 'Music', column: 'subject', pattern: '^[a-z][a-z_]*$' },
  },
  IMPORT_NOT_IN_LIST: {
    'zh-CN': (p: { value: string; allowed: readonly string[] }) => `${q('zh-CN', p.value)} 不是允许的取值，应为以下之一：${p.allowed.join('、')}`,
    en: (p) => `${q('en', p.value)} is not one of ${p.allowed.join(', ')}`,
    example: { value: 'Bachelor', allowed: ['postgraduate', 'bachelor', 'associate', 'secondary', 'other'] as readonly string[] },
  },
  IMPORT_NOT_WHOLE_NUMBER: {
    'zh-CN': (p: { value: string }) => `${q('zh-CN', p.value)} 不是整数`,
    en: (p) => `${q('en', p.value)} is not a whole number`,
    example: { value: '12.5' },
  },
  IMPORT_NOT_NUMBER: {
    'zh-CN': (p: { value: string }) => `${q('zh-CN', p.value)} 不是数字`,
    en: (p) => `${q('en', p.value)} is not a number`,
    example: { value: 'abc' },
  },
  IMPORT_THOUSANDS_SEPARATOR: {
    'zh-CN': (p: { value: string }) => `${q('zh-CN', p.value)} 含千位分隔符：请去掉逗号`,
    en: (p) => `${q('en', p.value)} has thousands separators: write it without commas`,
    example: { value: '1,820' },
  },
  IMPORT_PERCENTAGE: {
    'zh-CN': (p: { value: string }) => `${q('zh-CN', p.value)} 是百分数：比例请写成 0 到 1 之间的小数，如 0.975`,
    en: (p) => `${q('en', p.value)} is a percentage: write shares as fractions from 0 to 1, e.g. 0.975`,
    example: { value: '97.5%' },
  },
  IMPORT_EXPONENT: {
    'zh-CN': (p: { value: string }) => `${q('zh-CN', p.value)} 是科学计数法：请写出完整数字`,
    en: (p) => `${q('en', p.value)} is in exponent notation: write the digits in full`,
    example: { value: '1.2E+07' },
  },
  IMPORT_YEAR_IMPLAUSIBLE: {
    'zh-CN': (p: { value: number; min: number; max: number }) => `${p.value} 不是合理的年份（应在 ${p.min}–${p.max} 之间）`,
    en: (p) => `${p.value} is not a plausible year (${p.min}–${p.max})`,
    example: { value: 1999, min: 2000, max: 2100 },
  },
  IMPORT_NEGATIVE: {
    'zh-CN': (p: { value: string }) => `${q('zh-CN', p.value)} 是负数，此列不能为负`,
    en: (p) => `${q('en', p.value)} is negative`,
    example: { value: '-3' },
  },
  IMPORT_LESS_THAN: {
    'zh-CN': (p: { value: string; min: number }) => `${q('zh-CN', p.value)} 小于 ${n('zh-CN', p.min)}`,
    en: (p) => `${q('en', p.value)} is less than ${n('en', p.min)}`,
    example: { value: '3', min: 4 },
  },
  IMPORT_MORE_THAN: {
    'zh-CN': (p: { value: string; max: number }) => `${q('zh-CN', p.value)} 超过上限 ${n('zh-CN', p.max)}`,
    en: (p) => `${q('en', p.value)} is more than ${n('en', p.max)}`,
    example: { value: '99999999999', max: 2147483647 },
  },
  IMPORT_TOO_MANY_DECIMALS: {
    'zh-CN': (p: { value: string; places: number; max: number }) => `${q('zh-CN', p.value)} 有 ${p.places} 位小数，最多允许 ${p.max} 位`,
    en: (p) => `${q('en', p.value)} has ${p.places} decimal places; at most ${p.max} ${p.max === 1 ? 'is' : 'are'} allowed`,
    example: { value: '12.345', places: 3, max: 2 },
  },
  IMPORT_TOO_MANY_DIGITS: {
    'zh-CN': (p: { value: string; max: number }) => `${q('zh-CN', p.value)} 过大：整数部分最多 ${p.max} 位`,
    en: (p) => `${q('en', p.value)} is too large: at most ${p.max} digits before the decimal point`,
    example: { value: '1234567890123.00', max: 12 },
  },
  IMPORT_OUT_OF_RANGE: {
    'zh-CN': (p: { value: string; min: number; max: number }) => `${q('zh-CN', p.value)} 不在 ${p.min} 到 ${p.max} 之间`,
    en: (p) => `${q('en', p.value)} is not between ${p.min} and ${p.max}`,
    example: { value: '1.2', min: 0, max: 1 },
  },
  IMPORT_NOT_BOOLEAN: {
    'zh-CN': (p: { value: string }) => `${q('zh-CN', p.value)} 应为 true 或 false`,
    en: (p) => `${q('en', p.value)} is not true or false`,
    example: { value: 'yes' },
  },
  IMPORT_NOT_DATE: {
    'zh-CN': (p: { value: string }) => `${q('zh-CN', p.value)} 不是 YYYY-MM-DD 格式的日期`,
    en: (p) => `${q('en', p.value)} is not a date in the form YYYY-MM-DD`,
    example: { value: '3/1/2024' },
  },
  IMPORT_INVALID_DATE: {
    'zh-CN': (p: { value: string }) => `${q('zh-CN', p.value)} 不是有效日期`,
    en: (p) => `${q('en', p.value)} is not a valid date`,
    example: { value: '2024-02-30' },
  },
  IMPORT_DATE_IMPLAUSIBLE: {
    'zh-CN': (p: { value: string; min: number; max: number }) => `${q('zh-CN', p.value)} 不是合理的日期（年份应在 ${p.min}–${p.max} 之间）`,
    en: (p) => `${q('en', p.value)} is not a plausible date (years ${p.min}–${p.max})`,
    example: { value: '1999-12-31', min: 2000, max: 2100 },
  },

  // ---- rows -------------------------------------------------------------------------------------------------------
  IMPORT_ROW_OVERFLOW: {
    'zh-CN': () => '该行的单元格比表头多：是否有含逗号的值没有加引号？',
    en: () => 'the row has more cells than the header: is a value containing a comma missing its quotes?',
    example: {},
  },
  IMPORT_CERTIFIED_YEAR_NOT_CERTIFIED: {
    'zh-CN': (p: { year: string }) => `填写了 certified_year（${p.year}），但 certified 为 false`,
    en: (p) => `certified_year is ${p.year} but certified is false`,
    example: { year: '2025' },
  },
  IMPORT_GRADE_NOT_MONITORED: {
    'zh-CN': (p: { grade: string }) => `年级为 ${p.grade}：国家义务教育质量监测只测四年级和八年级，grade 须为 4 或 8`,
    en: (p) => `grade is ${p.grade}: national quality monitoring tests grades 4 and 8 only, so grade must be 4 or 8`,
    example: { grade: '6' },
  },
  IMPORT_ROTATED_NOT_ELIGIBLE: {
    'zh-CN': () => 'rotated 为 true，但 rotation_eligible 为 false：参加交流轮岗的教师须符合交流条件',
    en: () => 'rotated is true but rotation_eligible is false',
    example: {},
  },
  IMPORT_SATISFIED_ABOVE_RESPONDENTS: {
    'zh-CN': (p: { satisfied: string; respondents: string }) => `满意人数 ${p.satisfied} 多于答卷人数 ${p.respondents}`,
    en: (p) => `${p.satisfied} satisfied is more than the ${p.respondents} respondents`,
    example: { satisfied: '120', respondents: '100' },
  },
  IMPORT_UNIT_COST_WRONG_UNIT: {
    'zh-CN': (p: { item: string; unit: string; expected: string }) => `${p.item} 的单位应为 ${p.expected}，文件中为 ${p.unit}`,
    en: (p) => `the unit of ${p.item} is ${p.expected}, not ${p.unit}`,
    example: { item: 'teacher_degree', unit: 'yuan_per_m2', expected: 'yuan_per_teacher_year' },
  },
  IMPORT_RECTIFIED_WITHOUT_DATE: {
    'zh-CN': () => 'status 为 rectified（已销号），但 rectified_on 为空',
    en: () => 'status is rectified but rectified_on is empty',
    example: {},
  },
  IMPORT_RECTIFIED_DATE_NOT_RECTIFIED: {
    'zh-CN': (p: { date: string; status: string }) => `填写了 rectified_on（${p.date}），但 status 为 ${p.status}`,
    en: (p) => `rectified_on is ${p.date} but status is ${p.status}`,
    example: { date: '2024-04-01', status: 'open' },
  },
  IMPORT_RECTIFIED_BEFORE_VISIT: {
    'zh-CN': (p: { rectified: string; visited: string }) => `销号日期 rectified_on ${p.rectified} 早于督导日期 visited_on ${p.visited}`,
    en: (p) => `rectified_on ${p.rectified} is before visited_on ${p.visited}`,
    example: { rectified: '2024-02-01', visited: '2024-03-01' },
  },

  // ---- the whole file (checked in SQL) -----------------------------------------------------------------------------
  IMPORT_DUPLICATE_KEY: {
    'zh-CN': (p: { key: string; firstRow: number }) => `键（${p.key}）与第 ${n('zh-CN', p.firstRow)} 行重复`,
    en: (p) => `the key (${p.key}) is already on row ${n('en', p.firstRow)}`,
    example: { key: 'teacher_id T0000001, year 2024', firstRow: 4 },
  },
  IMPORT_UNKNOWN_REFERENCE: {
    'zh-CN': (p: { value: string; dataset: string }) =>
      `${q('zh-CN', p.value)} 不是已有的${p.dataset === 'schools' ? '学校' : '区县'}代码（${datasetName('zh-CN', p.dataset)}中没有），请先导入${datasetName('zh-CN', p.dataset)}`,
    en: (p) => `${q('en', p.value)} is not a known ${p.dataset === 'schools' ? 'school' : 'district'} code (it is not in the ${p.dataset} dataset)`,
    example: { value: '9999999999', dataset: 'schools' },
  },
  IMPORT_SCHOOL_WITHOUT_STAGE: {
    'zh-CN': (p: { school: string; schoolType: string; stage: string }) =>
      `学校 ${p.school} 是${SCHOOL_TYPES[p.schoolType]?.['zh-CN'] ?? p.schoolType}，没有${STAGES[p.stage]?.['zh-CN'] ?? p.stage}（${p.stage}）`,
    en: (p) => `school ${p.school} is ${SCHOOL_TYPES[p.schoolType]?.en ?? p.schoolType}: it has no ${STAGES[p.stage]?.en ?? p.stage} stage`,
    example: { school: '3500106002', schoolType: 'junior', stage: 'primary' },
  },

  // ---- the header ---------------------------------------------------------------------------------------------
  IMPORT_COLUMN_TWICE: {
    'zh-CN': (p: { column: string }) => `表头中 ${p.column} 列出现了两次`,
    en: () => 'the column appears twice in the header',
    example: { column: 'name' },
  },
  IMPORT_COLUMN_MISSING: {
    'zh-CN': (p: { column: string; similar: string | null }) => `表头缺少必填列 ${p.column}${p.similar ? `（表头中的 ${q('zh-CN', p.similar)} 是否应为 ${p.column}？）` : ''}`,
    en: (p) => `the required column ${p.column} is missing from the header${p.similar ? ` (is "${p.similar}" meant to be ${p.column}?)` : ''}`,
    example: { column: 'year', similar: 'Year' as string | null },
  },
  IMPORT_TITLE_ROW: {
    'zh-CN': (p: { title: string; row: number }) => `第 ${p.row} 行 ${q('zh-CN', p.title)} 看来是标题，但其下几行中没有找到表头：表头（列名）须在标题行之后的第一行`,
    en: (p) => `row ${p.row} ${q('en', p.title)} looks like a title, but no header follows it: the header (the column names) must be the first row after the title`,
    example: { title: '2024年学校统计表', row: 1 },
  },

  // ---- the file -----------------------------------------------------------------------------------------------
  IMPORT_NO_DATA_ROWS: {
    'zh-CN': () => '文件只有表头，没有数据行',
    en: () => 'the file has a header but no data rows',
    example: {},
  },
  IMPORT_FILE_EMPTY: {
    'zh-CN': () => '文件是空的：第一行应为表头',
    en: () => 'the file is empty: expected a header row',
    example: {},
  },
  IMPORT_SHEET_EMPTY: {
    'zh-CN': (p: { sheet: string }) => `工作簿的第一个工作表 ${q('zh-CN', p.sheet)} 是空的：应有表头`,
    en: (p) => `the first sheet ${q('en', p.sheet)} is empty: expected a header row`,
    example: { sheet: 'Sheet1' },
  },
  IMPORT_FILE_CHANGED: {
    'zh-CN': () => '导入过程中文件被修改：请重新导入',
    en: () => 'the file changed while it was being imported: import it again',
    example: {},
  },
  IMPORT_NOT_TEXT: {
    'zh-CN': () => '文件既不是 UTF-8 文本，也不是 GB18030（GBK）文本：请在 Excel 中另存为“CSV UTF-8（逗号分隔）”或 .xlsx',
    en: () => 'the file is neither UTF-8 nor GB18030 (GBK) text: save it from Excel as "CSV UTF-8 (Comma delimited)" or as .xlsx',
    example: {},
  },
  IMPORT_DAMAGED_UTF8: {
    'zh-CN': () => '文件是 UTF-8 文本，但此处有无效字节（文件可能已损坏或被截断）：请重新导出',
    en: () => 'the file is UTF-8 text but has invalid bytes here (damaged or cut off): export it again',
    example: {},
  },
  IMPORT_UTF16: {
    'zh-CN': (p: { variant: string }) => `文件是 ${p.variant} 文本（Excel 的“Unicode 文本”，以制表符分隔），不是 CSV：请另存为“CSV UTF-8（逗号分隔）”或 .xlsx`,
    en: (p) => `the file is ${p.variant} text (Excel's "Unicode Text", tab-separated), not CSV: save it as "CSV UTF-8 (Comma delimited)" or as .xlsx`,
    example: { variant: 'UTF-16LE' },
  },
  IMPORT_XLS_FORMAT: {
    'zh-CN': () => '文件是旧版 Excel 97-2003 的 .xls 格式（或设有打开密码的工作簿），无法读取：请另存为 .xlsx 或“CSV UTF-8（逗号分隔）”，并取消密码',
    en: () => 'the file is in the old Excel 97-2003 .xls format (or a password-protected workbook): save it as .xlsx or as CSV UTF-8, without a password',
    example: {},
  },
  IMPORT_CSV_QUOTE_NOT_CLOSED: {
    'zh-CN': () => 'CSV 格式错误：有引号未闭合（缺少一个 "）',
    en: () => 'the CSV is malformed: a quoted value is never closed (a " is missing)',
    example: {},
  },
  IMPORT_CSV_AFTER_QUOTE: {
    'zh-CN': () => 'CSV 格式错误：带引号的值后面、下一个逗号之前还有其他字符',
    en: () => 'the CSV is malformed: a quoted value is followed by other characters before the next comma',
    example: {},
  },
  IMPORT_CSV_MALFORMED: {
    'zh-CN': (p: { detail: string }) => `CSV 格式错误（${p.detail}）`,
    en: (p) => `the CSV is malformed (${p.detail})`,
    example: { detail: 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH' },
  },
  IMPORT_XLSX_NOT_ZIP: {
    'zh-CN': () => '文件不是可读取的 XLSX 工作簿（不是完整的 zip 压缩包，可能已损坏或未传完）：请在 Excel 中重新保存为 .xlsx',
    en: () => 'the file is not a readable XLSX workbook (not a complete zip archive: damaged or cut off): save it again as .xlsx',
    example: {},
  },
  IMPORT_XLSX_NOT_WORKBOOK: {
    'zh-CN': (p: { part: string }) => `文件是 zip 压缩包，但不是 Excel 工作簿（缺少 ${p.part}）`,
    en: (p) => `the file is a zip archive but not an Excel workbook (${p.part} is missing)`,
    example: { part: 'xl/workbook.xml' },
  },
  IMPORT_XLSX_DAMAGED: {
    'zh-CN': (p: { part: string }) => `工作簿已损坏：其中的 ${p.part} 无法读取，请在 Excel 中重新保存为 .xlsx`,
    en: (p) => `the workbook is damaged: its part ${p.part} cannot be read; save it again as .xlsx`,
    example: { part: 'xl/worksheets/sheet1.xml' },
  },
  IMPORT_XLSX_ENCRYPTED: {
    'zh-CN': () => '工作簿已加密：请取消密码后再导入',
    en: () => 'the workbook is encrypted: remove the password and import it again',
    example: {},
  },
  IMPORT_XLSX_NO_SHEET: {
    'zh-CN': () => '工作簿中没有工作表',
    en: () => 'the workbook has no worksheet',
    example: {},
  },
  IMPORT_XLSX_FIRST_TAB_NOT_SHEET: {
    'zh-CN': (p: { sheet: string }) => `工作簿的第一个标签页 ${q('zh-CN', p.sheet)} 是图表或宏表，不是工作表：请把数据表移到第一个`,
    en: (p) => `the first tab ${q('en', p.sheet)} is a chart or macro sheet, not a worksheet: move the data sheet to the front`,
    example: { sheet: 'Chart1' },
  },

  // ---- limits (a file that would take the server's memory) -------------------------------------------------------
  IMPORT_XLSX_TOO_LARGE: {
    'zh-CN': (p: { limit: number }) => `工作簿解压后超过 ${n('zh-CN', mb(p.limit))} MB 的上限，未读取：请拆分成几个文件，或另存为 CSV`,
    en: (p) => `the workbook unpacks to more than the ${n('en', mb(p.limit))} MB limit and was not read: split it, or save it as CSV`,
    example: { limit: 512 * 1024 * 1024 },
  },
  IMPORT_XLSX_RATIO: {
    'zh-CN': (p: { part: string; ratio: number; limit: number }) => `工作簿中的 ${p.part} 压缩比为 ${n('zh-CN', p.ratio)}:1，超过 ${n('zh-CN', p.limit)}:1 的上限（疑为“压缩炸弹”），未读取`,
    en: (p) => `the workbook's part ${p.part} is compressed ${n('en', p.ratio)}:1, beyond the ${n('en', p.limit)}:1 limit (a zip bomb?), and was not read`,
    example: { part: 'xl/worksheets/sheet1.xml', ratio: 1030, limit: 200 },
  },
  IMPORT_XLSX_PART_TOO_LARGE: {
    'zh-CN': (p: { part: string; limit: number }) => `工作簿中的 ${p.part} 解压后超过 ${n('zh-CN', mb(p.limit))} MB 的上限，未读取`,
    en: (p) => `the workbook's part ${p.part} unpacks to more than the ${n('en', mb(p.limit))} MB limit and was not read`,
    example: { part: 'xl/sharedStrings.xml', limit: 64 * 1024 * 1024 },
  },
  IMPORT_XLSX_TOO_MANY_PARTS: {
    'zh-CN': (p: { limit: number }) => `压缩包内超过 ${n('zh-CN', p.limit)} 个文件，不是正常的工作簿，未读取`,
    en: (p) => `the archive holds more than ${n('en', p.limit)} entries, which no workbook does; it was not read`,
    example: { limit: 10000 },
  },
  IMPORT_XLSX_TOO_MANY_STRINGS: {
    'zh-CN': (p: { limit: number }) => `工作簿的共享字符串超过 ${n('zh-CN', p.limit)} 个的上限，未读取：请拆分成几个文件`,
    en: (p) => `the workbook has more than ${n('en', p.limit)} shared strings, the limit, and was not read: split it`,
    example: { limit: 2000000 },
  },
  IMPORT_CELL_TOO_LONG: {
    'zh-CN': (p: { limit: number }) => `单元格内容超过 ${n('zh-CN', p.limit)} 个字符（Excel 单元格的上限），文件未读取`,
    en: (p) => `a cell holds more than ${n('en', p.limit)} characters (Excel's own cell limit); the file was not read`,
    example: { limit: 32767 },
  },
  IMPORT_ROW_TOO_LONG: {
    'zh-CN': (p: { limit: number }) => `CSV 的一行超过 ${n('zh-CN', mb(p.limit))} MB 的上限，文件未读取（是否有引号未闭合？）`,
    en: (p) => `a CSV row is longer than ${n('en', mb(p.limit))} MB, the limit; the file was not read (is a quote left open?)`,
    example: { limit: 1024 * 1024 },
  },
  IMPORT_XML_MARKUP_TOO_LONG: {
    'zh-CN': (p: { part: string }) => `工作簿中的 ${p.part} 含有异常长的标记，文件未读取`,
    en: (p) => `the workbook's part ${p.part} holds an abnormally long tag; the file was not read`,
    example: { part: 'xl/worksheets/sheet1.xml' },
  },
  IMPORT_TOO_MANY_ROWS: {
    'zh-CN': (p: { limit: number }) => `工作表超过 ${n('zh-CN', p.limit)} 行的上限，未读取：请拆分成几个文件`,
    en: (p) => `the sheet has more than ${n('en', p.limit)} rows, the limit, and was not read: split it`,
    example: { limit: 1048576 },
  },
  IMPORT_TOO_MANY_COLUMNS: {
    'zh-CN': (p: { limit: number }) => `工作表超过 ${n('zh-CN', p.limit)} 列的上限，未读取`,
    en: (p) => `the sheet has more than ${n('en', p.limit)} columns, the limit, and was not read`,
    example: { limit: 16384 },
  },

  // ---- the import as a whole ------------------------------------------------------------------------------------
  IMPORT_FAILED_INTERNAL: {
    'zh-CN': (p: { detail: string }) => `导入因服务器内部原因失败，未作任何更改（${p.detail}）`,
    en: (p) => `the import failed for a reason inside the server; nothing was changed (${p.detail})`,
    example: { detail: 'Connection terminated unexpectedly' },
  },
  IMPORT_LOCKED: {
    'zh-CN': (p: { dataset: string; since: string; holder: string | null; waitedSeconds: number; state: string | null }) =>
      `${datasetName('zh-CN', p.dataset)}正由另一导入写入（自 ${p.since} 起${p.holder ? `，导入人 ${p.holder}` : ''}${p.state === 'idle in transaction' ? '；该会话已无响应，可能是被中止的导入，PostgreSQL 将在检测到其断开后释放' : ''}），等待 ${p.waitedSeconds} 秒后仍未释放：本次导入未执行，未作任何更改，请稍后重试`,
    en: (p) =>
      `${datasetName('en', p.dataset)} is being written by another import (since ${p.since}${p.holder ? `, loaded by ${p.holder}` : ''}${p.state === 'idle in transaction' ? '; that session is idle, probably an import that was killed, and PostgreSQL releases it once it notices the client is gone' : ''}); after waiting ${p.waitedSeconds} s it is still held: this import was not run and nothing changed; try again later`,
    example: { dataset: 'schools', since: '2026-12-02 08:00:05', holder: 'local:clerk' as string | null, waitedSeconds: 30, state: 'idle in transaction' as string | null },
  },
  IMPORT_WAITING_FOR_LOCK: {
    'zh-CN': (p: { dataset: string; since: string; holder: string | null; timeoutSeconds: number }) =>
      `${datasetName('zh-CN', p.dataset)}正由另一导入写入（自 ${p.since} 起${p.holder ? `，导入人 ${p.holder}` : ''}），最多等待 ${p.timeoutSeconds} 秒…`,
    en: (p) => `${datasetName('en', p.dataset)} is being written by another import (since ${p.since}${p.holder ? `, loaded by ${p.holder}` : ''}); waiting up to ${p.timeoutSeconds} s…`,
    example: { dataset: 'schools', since: '2026-12-02 08:00:05', holder: 'local:clerk' as string | null, timeoutSeconds: 30 },
  },

  // ---- the HTTP route -------------------------------------------------------------------------------------------
  IMPORT_UNKNOWN_DATASET: {
    'zh-CN': (p: { dataset: string; datasets: readonly string[] }) => `没有名为 ${q('zh-CN', p.dataset)} 的数据集，应为以下之一：${p.datasets.join('、')}`,
    en: (p) => `there is no dataset ${q('en', p.dataset)}; expected one of ${p.datasets.join(', ')}`,
    example: { dataset: 'pupils', datasets: ['districts', 'schools'] as readonly string[] },
  },
  IMPORT_UNSUPPORTED_MEDIA_TYPE: {
    'zh-CN': (p: { csv: string; xlsx: string }) => `请以 Content-Type: ${p.csv} 或 ${p.xlsx} 发送文件`,
    en: (p) => `send the file as ${p.csv} or ${p.xlsx}`,
    example: { csv: 'text/csv', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
  },
  IMPORT_EMPTY_BODY: {
    'zh-CN': () => '请求体中没有文件',
    en: () => 'the request has no file in its body',
    example: {},
  },
  IMPORT_BODY_TOO_LARGE: {
    'zh-CN': (p: { limit: number }) => `文件超过本服务器接受的 ${n('zh-CN', mb(p.limit))} MB 上限：请拆分成几个文件`,
    en: (p) => `the file is larger than the ${n('en', mb(p.limit))} MB this server accepts: split it`,
    example: { limit: 200 * 1024 * 1024 },
  },
  IMPORT_BODY_UNREADABLE: {
    'zh-CN': () => '无法读取请求体（上传中断？）',
    en: () => 'the request body could not be read (was the upload interrupted?)',
    example: {},
  },
  IMPORT_FAILED: {
    'zh-CN': () => '导入意外失败，未作任何更改；原因已记录在导入批次中',
    en: () => 'the import failed unexpectedly; nothing was changed. The batch records the cause',
    example: {},
  },

  // ---- the CLI ----------------------------------------------------------------------------------------------------
  IMPORT_CLI_USAGE: {
    'zh-CN': (p: { command: string; datasets: readonly string[] }) => `用法：${p.command} <数据集> <文件> [--dry-run] [--token <JWT> | --local-admin] [--lang zh|en]

  <数据集>       以下之一：${p.datasets.join(', ')}
  <文件>         CSV（UTF-8 或 GBK）或 XLSX 文件（读取第一个工作表），表头在第一行（其上可有标题行）
  --dry-run      完整核对并试写入后回滚：显示将会发生的更改，不作任何修改
  --token JWT    以令牌的用户身份导入；其角色须为该数据集的主管部门或市督导人员
  --local-admin  以本机操作系统用户身份导入本机数据库（无需令牌）
  --lang zh|en   输出语言（默认中文）`,
    en: (p) => `Usage: ${p.command} <dataset> <file> [--dry-run] [--token <JWT> | --local-admin] [--lang zh|en]

  <dataset>      one of: ${p.datasets.join(', ')}
  <file>         a CSV (UTF-8 or GBK) or XLSX file (first sheet), header in row 1 (a title row may precede it)
  --dry-run      check and apply everything, then roll back: shows what would change
  --token JWT    load as the token's subject; its role must be the dataset's department or supervisor
  --local-admin  load as the operating-system user, on this machine's database (no token)
  --lang zh|en   language of the output (default Chinese)`,
    example: { command: 'npm run import --', datasets: ['districts', 'schools'] as readonly string[] },
  },
  IMPORT_CLI_EXPECTED_ARGS: {
    'zh-CN': () => '需要给出数据集和文件',
    en: () => 'expected a dataset and a file',
    example: {},
  },
  IMPORT_CLI_BAD_OPTION: {
    'zh-CN': (p: { detail: string }) => `参数有误：${p.detail}`,
    en: (p) => `wrong arguments: ${p.detail}`,
    example: { detail: "Unknown option '--force'" },
  },
  IMPORT_CLI_BAD_LANG: {
    'zh-CN': (p: { value: string }) => `--lang 只能是 zh 或 en（实为 ${q('zh-CN', p.value)}）`,
    en: (p) => `--lang must be zh or en (got ${q('en', p.value)})`,
    example: { value: 'de' },
  },
  IMPORT_CLI_TOKEN_AND_LOCAL: {
    'zh-CN': () => '--token 与 --local-admin 只能选一个',
    en: () => 'pass either --token or --local-admin, not both',
    example: {},
  },
  IMPORT_CLI_TOKEN_REFUSED: {
    'zh-CN': (p: { reason: string }) => `令牌被拒绝：${p.reason}`,
    en: (p) => `the token is refused: ${p.reason}`,
    example: { reason: 'token signature is not valid' },
  },
  IMPORT_CLI_WHO: {
    'zh-CN': () => '请说明由谁导入：给出 --token <JWT>，或 --local-admin（以本机操作系统用户身份），或用 --dry-run 只作核对',
    en: () => 'say who is loading: pass --token <JWT>, or --local-admin (loads as the operating-system user), or use --dry-run',
    example: {},
  },
  IMPORT_CLI_NO_FILE: {
    'zh-CN': (p: { file: string }) => `找不到文件：${p.file}`,
    en: (p) => `no such file: ${p.file}`,
    example: { file: 'stats-2024.csv' },
  },
  IMPORT_CLI_FAILED: {
    'zh-CN': (p: { detail: string }) => `导入失败：${p.detail}`,
    en: (p) => `the import failed: ${p.detail}`,
    example: { detail: 'connect ECONNREFUSED 127.0.0.1:5432' },
  },
  IMPORT_PROGRESS_READING: {
    'zh-CN': (p: { rows: number }) => `已读取 ${n('zh-CN', p.rows)} 行`,
    en: (p) => `${n('en', p.rows)} rows read`,
    example: { rows: 10000 },
  },
  IMPORT_PROGRESS_PHASE: {
    'zh-CN': (p: { rows: number; phase: string }) => `共 ${n('zh-CN', p.rows)} 行，${PHASES[p.phase]?.['zh-CN'] ?? p.phase}…`,
    en: (p) => `${n('en', p.rows)} rows, ${PHASES[p.phase]?.en ?? p.phase}…`,
    example: { rows: 30000, phase: 'checking' },
  },
  IMPORT_SUMMARY_HEAD: {
    'zh-CN': (p: { file: string; dataset: string; department: string }) => `${p.file} → ${datasetName('zh-CN', p.dataset)}，${departmentName('zh-CN', p.department)}`,
    en: (p) => `${p.file} → ${p.dataset} (${p.department})`,
    example: { file: 'schools.csv', dataset: 'schools', department: 'education' },
  },
  IMPORT_SUMMARY_ALREADY: {
    'zh-CN': (p: { batch: string }) => `该文件已由批次 ${p.batch} 导入，未作任何更改`,
    en: (p) => `already imported by batch ${p.batch}; nothing changed`,
    example: { batch: '42' },
  },
  IMPORT_SUMMARY_APPLIED: {
    'zh-CN': (p: { batch: string }) => `已导入，批次号 ${p.batch}`,
    en: (p) => `applied as batch ${p.batch}`,
    example: { batch: '42' },
  },
  IMPORT_SUMMARY_WOULD_APPLY: {
    'zh-CN': () => '可以导入（试运行：未作任何更改）',
    en: () => 'would be applied (dry run: nothing changed)',
    example: {},
  },
  IMPORT_SUMMARY_REJECTED: {
    'zh-CN': (p: { batch: string | null }) => `已拒收${p.batch ? `，记录为批次 ${p.batch}` : '（试运行）'}：未作任何更改`,
    en: (p) => `REJECTED${p.batch ? `, recorded as batch ${p.batch}` : ' (dry run)'}: nothing was changed`,
    example: { batch: '43' as string | null },
  },
  IMPORT_SUMMARY_FAILED: {
    'zh-CN': () => '导入失败：未作任何更改',
    en: () => 'FAILED: nothing was changed',
    example: {},
  },
  IMPORT_SUMMARY_COUNTS_APPLIED: {
    'zh-CN': (p: { total: number; inserted: number; updated: number; unchanged: number }) =>
      `共 ${n('zh-CN', p.total)} 行：新增 ${n('zh-CN', p.inserted)} 行，更新 ${n('zh-CN', p.updated)} 行，未变 ${n('zh-CN', p.unchanged)} 行`,
    en: (p) => `${n('en', p.total)} rows: ${n('en', p.inserted)} inserted, ${n('en', p.updated)} updated, ${n('en', p.unchanged)} unchanged`,
    example: { total: 11, inserted: 8, updated: 2, unchanged: 1 },
  },
  IMPORT_SUMMARY_COUNTS_REJECTED: {
    'zh-CN': (p: { total: number; rejected: number; problems: number }) =>
      `读取 ${n('zh-CN', p.total)} 行，其中 ${n('zh-CN', p.rejected)} 行有问题，共 ${n('zh-CN', p.problems)} 处问题`,
    en: (p) => `${n('en', p.total)} rows read, ${n('en', p.rejected)} rejected, ${n('en', p.problems)} ${p.problems === 1 ? 'problem' : 'problems'}`,
    example: { total: 40, rejected: 25, problems: 25 },
  },
  IMPORT_SUMMARY_TIMING: {
    'zh-CN': (p: { sha256: string; seconds: string; rate: number | null; encoding: string | null }) =>
      `sha256 ${p.sha256}，用时 ${p.seconds} 秒${p.rate !== null ? `，每秒 ${n('zh-CN', p.rate)} 行` : ''}${p.encoding ? `，编码 ${ENCODINGS[p.encoding]?.['zh-CN'] ?? p.encoding}` : ''}`,
    en: (p) => `sha256 ${p.sha256}, ${p.seconds} s${p.rate !== null ? `, ${n('en', p.rate)} rows/s` : ''}${p.encoding ? `, encoding ${ENCODINGS[p.encoding]?.en ?? p.encoding}` : ''}`,
    example: { sha256: 'ab12', seconds: '1.2', rate: 35000 as number | null, encoding: 'gb18030' as string | null },
  },
  IMPORT_SUMMARY_TITLE_SKIPPED: {
    'zh-CN': (p: { rows: readonly number[]; header: number }) => `已跳过表头之上的标题行（第 ${p.rows.join('、')} 行），表头在第 ${p.header} 行`,
    en: (p) => `title rows above the header skipped (row ${p.rows.join(', ')}); the header is row ${p.header}`,
    example: { rows: [1] as readonly number[], header: 2 },
  },
  IMPORT_MORE_PROBLEMS: {
    'zh-CN': (p: { more: number; kept: number; total: number; file: string }) =>
      `……另有 ${n('zh-CN', p.more)} 处问题。${p.kept < p.total ? `全部 ${n('zh-CN', p.total)} 处中的前 ${n('zh-CN', p.kept)} 处` : `全部 ${n('zh-CN', p.total)} 处问题`}已写入 ${p.file}`,
    en: (p) =>
      `… and ${n('en', p.more)} more. ${p.kept < p.total ? `The first ${n('en', p.kept)} of the ${n('en', p.total)} problems are` : `All ${n('en', p.total)} problems are`} in ${p.file}`,
    example: { more: 5, kept: 25, total: 25, file: '/data/teacher_postings.errors.csv' },
  },
  IMPORT_HEADING_ROW: { 'zh-CN': () => '行号', en: () => 'row', example: {} },
  IMPORT_HEADING_COLUMN: { 'zh-CN': () => '列', en: () => 'column', example: {} },
  IMPORT_HEADING_VALUE: { 'zh-CN': () => '值', en: () => 'value', example: {} },
  IMPORT_HEADING_PROBLEM: { 'zh-CN': () => '问题', en: () => 'problem', example: {} },
});

