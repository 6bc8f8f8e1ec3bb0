/**
 * The sheets of the reports, each defined once — columns with Chinese and English headers, unit, width and a
 * value getter — and rendered both as XLSX (streamed with exceljs) and as CSV (csv.ts). Nothing is computed
 * here: every figure comes from the evaluation and funding services; the getters only pick and label.
 */
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { District } from '../districts/district.entity';
import { indicatorDef, RESOURCE_CODES, standardOf } from '../compliance/standards';
import type {
  Blocker,
  DistrictEvaluationResult,
  Evidence,
  IndicatorResult,
  IndicatorStatus,
  SchoolRuleResult,
  SpreadResult,
  Stage,
} from '../compliance/types';
import type { FundingCheckStatus, FundingCheckYear } from '../funding/never-decrease';

export type Cell = string | number | null;

export interface Column<R> {
  zh: string;
  en: string;
  /** Shown in the header, e.g. "元 yuan": cells hold plain numbers in that unit. */
  unit?: string;
  width: number;
  /** Excel number format of the cells (the CSV gets the plain number). */
  numFmt?: string;
  /** Long text: wrapped in the XLSX. */
  wrap?: boolean;
  value: (row: R) => Cell;
}

export interface SheetDef<R> {
  /** URL name of the CSV variant: /reports/…/<slug>.csv */
  slug: string;
  zh: string;
  en: string;
  columns: Column<R>[];
}

/** A sheet with its rows turned into cells: what the XLSX and CSV writers consume. */
export interface Table {
  slug: string;
  title: string;
  columns: { header: string; width: number; numFmt?: string; wrap?: boolean }[];
  rows: Cell[][];
}

export function headerOf(c: { zh: string; en: string; unit?: string }): string {
  return `${c.zh} ${c.en}${c.unit ? ` (${c.unit})` : ''}`;
}

export function toTable<R>(def: SheetDef<R>, rows: readonly R[]): Table {
  return {
    slug: def.slug,
    // Excel allows 31 characters in a sheet name.
    title: `${def.zh} ${def.en}`.slice(0, 31),
    columns: def.columns.map((c) => ({ header: headerOf(c), width: c.width, numFmt: c.numFmt, wrap: c.wrap })),
    rows: rows.map((r) => def.columns.map((c) => c.value(r))),
  };
}

/**
 * Streams a workbook to `stream` (an HTTP response): one worksheet per table, the header row frozen and bold,
 * column widths set, numbers written as numbers. Each row is committed as it is written.
 */
export async function writeWorkbook(stream: Writable, tables: readonly Table[]): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  wb.creator = 'Junheng 均衡';
  for (const t of tables) {
    const ws = wb.addWorksheet(t.title, { views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }] });
    ws.columns = t.columns.map((c) => ({ width: c.width }));
    const header = ws.addRow(t.columns.map((c) => c.header));
    header.font = { bold: true };
    header.height = 48;
    header.eachCell((cell) => {
      cell.alignment = { wrapText: true, vertical: 'top' };
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF4' } };
    });
    header.commit();
    for (const cells of t.rows) {
      const row = ws.addRow(cells);
      t.columns.forEach((c, i) => {
        if (c.numFmt && typeof cells[i] === 'number') row.getCell(i + 1).numFmt = c.numFmt;
        if (c.wrap) row.getCell(i + 1).alignment = { wrapText: true, vertical: 'top' };
      });
      row.commit();
    }
    ws.commit();
  }
  await wb.commit();
}

// ---------------------------------------------------------------------------------------------------
// Labels (Chinese term, English beside it)

const VERDICT: Record<DistrictEvaluationResult['verdict'], string> = {
  QUALIFIED: '达标 QUALIFIED',
  NOT_QUALIFIED: '未达标 NOT_QUALIFIED',
  INSUFFICIENT_DATA: '数据不足 INSUFFICIENT_DATA',
};
const STATUS: Record<IndicatorStatus, string> = { MET: '达标 MET', NOT_MET: '未达标 NOT_MET', NO_DATA: '无数据 NO_DATA' };
const FUNDING: Record<FundingCheckStatus, string> = { MET: '未减少 MET', VIOLATED: '减少 VIOLATED', NO_DATA: '无数据 NO_DATA' };
const STAGE: Record<Stage, string> = { primary: '小学 primary', junior: '初中 junior' };
const BASIS = { final: '决算 final accounts', budget: '预算 budget' } as const;
const UNIT_ZH: Record<string, string> = {
  'teachers per 100 students': '人/百名学生',
  'classrooms per 100 students': '间/百名学生',
  'm² per student': '平方米/生',
  'yuan per student': '元/生',
};

export const verdictLabel = (v: DistrictEvaluationResult['verdict']) => VERDICT[v];
export const statusLabel = (s: IndicatorStatus | undefined | null) => (s ? STATUS[s] : null);
export const fundingLabel = (s: FundingCheckStatus | undefined | null) => (s ? FUNDING[s] : FUNDING.NO_DATA);
const stageLabel = (s: Stage | undefined | null) => (s ? STAGE[s] : null);
const num = (s: string | number | null | undefined): number | null => (s === null || s === undefined ? null : Number(s));

/** Excel holds at most 32,767 characters in a cell. */
function clip(text: string, max = 32_000): string {
  return text.length <= max ? text : `${text.slice(0, max)} … (truncated; full evidence in the GraphQL API)`;
}

function inputsText(e: Evidence | undefined): string {
  return e ? clip(Object.entries(e.inputs).map(([k, v]) => `${k}=${v ?? '—'}`).join('; ')) : '';
}

function sourcesText(e: Evidence | undefined): string {
  return e ? clip(e.sources.map((s) => [s.department, s.dataset, s.fileName, s.rowKey].filter(Boolean).join(' · ')).join('\n')) : '';
}

// ---------------------------------------------------------------------------------------------------
// District evaluation workbook (督导评估报告)

function districtColumns<R>(get: (r: R) => { code: string; name: string }): Column<R>[] {
  return [
    { zh: '区县代码', en: 'District code', width: 12, value: (r) => get(r).code },
    { zh: '区县', en: 'District', width: 14, value: (r) => get(r).name },
  ];
}

export interface VerdictRow { evaluation: DistrictEvaluationResult; district: { code: string; name: string }; blocker: Blocker | null }

export const VERDICT_SHEET: SheetDef<VerdictRow> = {
  slug: 'verdict',
  zh: '结论',
  en: 'Verdict',
  columns: [
    ...districtColumns<VerdictRow>((r) => r.district),
    { zh: '年度', en: 'Year', width: 8, value: (r) => r.evaluation.year },
    { zh: '标准', en: 'Standard', width: 10, value: (r) => r.evaluation.standard },
    { zh: '结论', en: 'Verdict', width: 24, value: (r) => verdictLabel(r.evaluation.verdict) },
    { zh: '申报前提', en: 'Precondition', width: 30, wrap: true, value: (r) => r.evaluation.precondition.message },
    { zh: '问题代码', en: 'Blocker', width: 10, value: (r) => r.blocker?.code ?? null },
    { zh: '状态', en: 'Status', width: 16, value: (r) => statusLabel(r.blocker?.status) },
    { zh: '学校代码', en: 'School code', width: 14, value: (r) => r.blocker?.schoolCode ?? null },
    { zh: '学段', en: 'Stage', width: 12, value: (r) => stageLabel(r.blocker?.stage) },
    { zh: '说明', en: 'What fails or is missing', width: 90, wrap: true, value: (r) => r.blocker?.message ?? null },
  ],
};

export interface IndicatorRow { part: string; indicator: IndicatorResult }

/** Schools not meeting a school-level indicator (G03–G07, Q04), each with its shortfall. */
function schoolsText(r: IndicatorResult): string {
  return clip(
    (r.schools ?? [])
      .filter((s) => s.status !== 'MET')
      .map((s) => `${s.schoolCode} ${s.schoolName}: ${s.shortfall?.description ?? s.message}`)
      .join('\n'),
  );
}

export const INDICATORS_SHEET: SheetDef<IndicatorRow> = {
  slug: 'indicators',
  zh: '指标',
  en: 'Indicators',
  columns: [
    { zh: '部分', en: 'Part', width: 22, value: (r) => r.part },
    { zh: '代码', en: 'Code', width: 7, value: (r) => r.indicator.code },
    { zh: '指标', en: 'Indicator', width: 40, wrap: true, value: (r) => r.indicator.nameZh },
    { zh: '指标（英文）', en: 'Indicator (English)', width: 40, wrap: true, value: (r) => r.indicator.name },
    { zh: '值', en: 'Value', unit: '单位见右 unit at right', width: 12, value: (r) => r.indicator.value },
    { zh: '标准', en: 'Threshold', width: 11, value: (r) => r.indicator.threshold },
    { zh: '单位', en: 'Unit', width: 20, value: (r) => r.indicator.unit },
    { zh: '状态', en: 'Status', width: 16, value: (r) => statusLabel(r.indicator.status) },
    { zh: '差距', en: 'Shortfall', width: 36, wrap: true, value: (r) => r.indicator.shortfall?.description ?? null },
    { zh: '说明', en: 'Message', width: 50, wrap: true, value: (r) => r.indicator.message ?? null },
    { zh: '未达标学校（一校一策）', en: 'Schools short (one school, one plan)', width: 50, value: (r) => schoolsText(r.indicator) },
    { zh: '依据', en: 'Evidence inputs', width: 50, value: (r) => inputsText(r.indicator.evidence) },
    { zh: '数据来源', en: 'Sources (department · dataset · file · row)', width: 60, value: (r) => sourcesText(r.indicator.evidence) },
  ],
};

export interface SchoolRow { stage: Stage; rule: SchoolRuleResult }

const YJ2017 = standardOf('YJ2017');
const resourceColumns: Column<SchoolRow>[] = RESOURCE_CODES.map((code) => {
  const def = indicatorDef(YJ2017, code);
  return {
    zh: `${code} ${def.nameZh}`,
    en: def.name,
    unit: `${UNIT_ZH[def.unit] ?? ''} ${def.unit}`.trim(),
    width: 16,
    numFmt: '0.00##',
    value: (r: SchoolRow) => r.rule.indicators.find((i) => i.code === code)?.value ?? null,
  };
});

export const SCHOOLS_SHEET: SheetDef<SchoolRow> = {
  slug: 'schools',
  zh: '一校一策',
  en: 'Schools',
  columns: [
    { zh: '学段', en: 'Stage', width: 12, value: (r) => stageLabel(r.stage) },
    { zh: '学校代码', en: 'School code', width: 14, value: (r) => r.rule.schoolCode },
    { zh: '学校', en: 'School', width: 20, value: (r) => r.rule.schoolName ?? null },
    { zh: '校校达标', en: 'School rule', width: 16, value: (r) => statusLabel(r.rule.status) },
    { zh: '达标项数', en: 'Indicators met', unit: '项 of 7', width: 10, numFmt: '0', value: (r) => r.rule.indicatorsMet },
    ...resourceColumns,
    { zh: '未达标指标', en: 'Below threshold', width: 14, value: (r) => r.rule.failing.map((f) => f.code).join(', ') || null },
    {
      zh: '差距（一校一策）',
      en: 'Shortfalls (one school, one plan)',
      width: 60,
      wrap: true,
      value: (r) => r.rule.failing.map((f) => `${f.code}: ${f.shortfall?.description ?? f.message ?? ''}`).join('\n') || null,
    },
    { zh: '说明', en: 'Message', width: 60, wrap: true, value: (r) => r.rule.message ?? null },
  ],
};

export interface SpreadRow { stage: Stage; spread: SpreadResult }

export const SPREADS_SHEET: SheetDef<SpreadRow> = {
  slug: 'spreads',
  zh: '差异系数',
  en: 'Spreads',
  columns: [
    { zh: '学段', en: 'Stage', width: 12, value: (r) => stageLabel(r.stage) },
    { zh: '代码', en: 'Code', width: 10, value: (r) => r.spread.code },
    {
      zh: '指标',
      en: 'Indicator',
      width: 36,
      wrap: true,
      value: (r) => (r.spread.indicator ? `${indicatorDef(YJ2017, r.spread.indicator).nameZh} ${r.spread.indicator}` : null),
    },
    { zh: '差异系数', en: 'CV', width: 10, numFmt: '0.0000', value: (r) => r.spread.cv },
    { zh: '上限', en: 'Limit', width: 8, numFmt: '0.00', value: (r) => r.spread.limit },
    { zh: '均值', en: 'Weighted mean', unit: '指标单位 indicator unit', width: 12, numFmt: '0.00##', value: (r) => r.spread.mean },
    { zh: '学校数', en: 'Schools', unit: '所 schools', width: 10, numFmt: '0', value: (r) => r.spread.schoolCount },
    { zh: '状态', en: 'Status', width: 16, value: (r) => statusLabel(r.spread.status) },
    { zh: '原因', en: 'Reason', width: 22, value: (r) => r.spread.reason ?? null },
    { zh: '说明', en: 'Message', width: 60, wrap: true, value: (r) => r.spread.message ?? null },
  ],
};

// ---------------------------------------------------------------------------------------------------
// City workbook (全市概况)

export interface DistrictRow { district: District; evaluation: DistrictEvaluationResult | null; funding: FundingCheckYear | null }

/** Blocker codes with their counts, e.g. "CV_R5, G05 ×3". */
function blockerCodes(blockers: readonly Blocker[]): string {
  const counts = new Map<string, number>();
  for (const b of blockers) counts.set(b.code, (counts.get(b.code) ?? 0) + 1);
  return [...counts].map(([code, n]) => (n > 1 ? `${code} ×${n}` : code)).join(', ');
}

const countOf = (status: 'NOT_MET' | 'NO_DATA') => (r: DistrictRow) => r.evaluation?.blockers.filter((b) => b.status === status).length ?? null;

export const DISTRICTS_SHEET: SheetDef<DistrictRow> = {
  slug: 'districts',
  zh: '区县',
  en: 'Districts',
  columns: [
    ...districtColumns<DistrictRow>((r) => r.district),
    { zh: '计划认定年度', en: 'Planned certification year', width: 12, value: (r) => r.district.plannedCertificationYear },
    { zh: '已认定', en: 'Certified in', width: 10, value: (r) => (r.district.certified ? (r.district.certifiedYear ?? '是 yes') : null) },
    { zh: '结论', en: 'Verdict', width: 24, value: (r) => (r.evaluation ? verdictLabel(r.evaluation.verdict) : null) },
    { zh: '未达标项', en: 'Not met', unit: '项 items', width: 10, numFmt: '0', value: countOf('NOT_MET') },
    { zh: '缺数据项', en: 'No data', unit: '项 items', width: 10, numFmt: '0', value: countOf('NO_DATA') },
    { zh: '问题', en: 'Blockers', width: 50, wrap: true, value: (r) => (r.evaluation ? blockerCodes(r.evaluation.blockers) || null : null) },
    { zh: '教育支出只增不减', en: 'Total expenditure check', width: 18, value: (r) => fundingLabel(r.funding?.totalCheck) },
    { zh: '生均支出只增不减', en: 'Per-student check', width: 18, value: (r) => fundingLabel(r.funding?.perStudentCheck) },
  ],
};

export interface FundingRow { district: District; year: number; check: FundingCheckYear | null }

export const FUNDING_SHEET: SheetDef<FundingRow> = {
  slug: 'funding',
  zh: '两个只增不减',
  en: 'Funding checks',
  columns: [
    ...districtColumns<FundingRow>((r) => r.district),
    { zh: '年度', en: 'Year', width: 8, value: (r) => r.year },
    { zh: '口径', en: 'Basis', width: 18, value: (r) => (r.check?.basis ? BASIS[r.check.basis] : null) },
    { zh: '一般公共预算教育支出', en: 'Education expenditure', unit: '元 yuan', width: 20, numFmt: '#,##0.00', value: (r) => num(r.check?.expenditure) },
    { zh: '在校学生数', en: 'Enrolment', unit: '人 students', width: 12, numFmt: '#,##0', value: (r) => r.check?.enrolment ?? null },
    { zh: '生均教育支出', en: 'Per student', unit: '元 yuan', width: 14, numFmt: '#,##0.00', value: (r) => num(r.check?.perStudent) },
    { zh: '上年教育支出', en: 'Previous year expenditure', unit: '元 yuan', width: 20, numFmt: '#,##0.00', value: (r) => num(r.check?.previousExpenditure) },
    { zh: '上年生均', en: 'Previous year per student', unit: '元 yuan', width: 14, numFmt: '#,##0.00', value: (r) => num(r.check?.previousPerStudent) },
    { zh: '支出增长率', en: 'Expenditure change', unit: '比率 ratio', width: 12, numFmt: '0.00%', value: (r) => num(r.check?.totalChangeRate) },
    { zh: '生均增长率', en: 'Per-student change', unit: '比率 ratio', width: 12, numFmt: '0.00%', value: (r) => num(r.check?.perStudentChangeRate) },
    { zh: '教育支出只增不减', en: 'Total expenditure check', width: 18, value: (r) => fundingLabel(r.check?.totalCheck) },
    { zh: '生均支出只增不减', en: 'Per-student check', width: 18, value: (r) => fundingLabel(r.check?.perStudentCheck) },
    { zh: '说明', en: 'Notes', width: 70, wrap: true, value: (r) => r.check?.evidence.notes.join('\n') || null },
  ],
};

export interface ProgressRow { plannedYear: number; plannedCount: number; qualifiedOnDataCount: number; certifiedCount: number; cumulativePlanned: number; cumulativeQualified: number; cumulativeCertified: number }

const count = (zh: string, en: string, value: (r: ProgressRow) => number): Column<ProgressRow> => ({ zh, en, unit: '个 districts', width: 14, numFmt: '0', value });

export const PROGRESS_SHEET: SheetDef<ProgressRow> = {
  slug: 'progress',
  zh: '认定进度',
  en: 'Certification progress',
  columns: [
    { zh: '计划认定年度', en: 'Planned year', width: 12, value: (r) => r.plannedYear },
    count('计划区县数', 'Planned', (r) => r.plannedCount),
    count('数据达标数', 'Qualified on the data', (r) => r.qualifiedOnDataCount),
    count('已认定数', 'Certified', (r) => r.certifiedCount),
    count('累计计划', 'Planned, cumulative', (r) => r.cumulativePlanned),
    count('累计数据达标', 'Qualified on the data, cumulative', (r) => r.cumulativeQualified),
    count('累计已认定', 'Certified, cumulative', (r) => r.cumulativeCertified),
  ],
};

export interface WarningRow { district: District; plannedCertificationYear: number; verdict: DistrictEvaluationResult['verdict']; blockers: Blocker[] }

export const WARNINGS_SHEET: SheetDef<WarningRow> = {
  slug: 'early-warnings',
  zh: '监测预警',
  en: 'Early warnings',
  columns: [
    ...districtColumns<WarningRow>((r) => r.district),
    { zh: '计划认定年度', en: 'Planned certification year', width: 12, value: (r) => r.plannedCertificationYear },
    { zh: '结论', en: 'Verdict', width: 24, value: (r) => verdictLabel(r.verdict) },
    { zh: '问题', en: 'Blockers', width: 40, wrap: true, value: (r) => blockerCodes(r.blockers) || null },
    { zh: '说明', en: 'What fails or is missing', width: 90, wrap: true, value: (r) => clip(r.blockers.map((b) => b.message).join('\n')) || null },
  ],
};
