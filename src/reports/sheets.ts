/**
 * The sheets of the reports, each defined once — columns with a header from the message catalogue, a width, a
 * number format and a value getter — and rendered in one locale both as XLSX (xlsx.ts) and as CSV (csv.ts).
 * Nothing is computed here: every figure comes from the evaluation and funding services; the getters only pick
 * and label. Sentences written by the engine go through `engineText`.
 */
import type { District } from '../districts/district.entity';
import { planSummary, type PricedPlan } from '../compliance/pricing';
import { indicatorDef, RESOURCE_CODES, standardOf } from '../compliance/standards';
import type {
  Blocker,
  DistrictEvaluationResult,
  Evidence,
  IndicatorResult,
  IndicatorStatus,
  SchoolRuleResult,
  SourceRef,
  SpreadResult,
  Stage,
} from '../compliance/types';
import type { ExpenditureBasis, FundingCheckStatus, FundingCheckYear } from '../funding/never-decrease';
import { t, type Locale, type MessageCode } from '../messages';
import { departmentName } from '../messages/labels';
import { stateName } from '../messages/supervision';
import { engineText } from './engine-text';

export type Cell = string | number | null;

/** A header or a sheet name in a locale. */
type Label = (locale: Locale) => string;

/** A catalogue word without figures, rendered when the locale is known. */
export function word(code: MessageCode): Label {
  return (locale) => t(code, {} as never, locale);
}

export interface Column<R> {
  header: Label;
  /** The widest the column grows, in character widths (a CJK character is two); longer text wraps. */
  max: number;
  /** Excel number format of the cells (the CSV gets the plain number). */
  numFmt?: string;
  value: (row: R, locale: Locale) => Cell;
}

export interface SheetDef<R> {
  /** URL name of the CSV variant: /reports/…/<slug>.csv */
  slug: string;
  name: Label;
  /** One line under the title saying what a row is. */
  note: Label;
  /** Wide tables print across the page. */
  orientation: 'portrait' | 'landscape';
  columns: Column<R>[];
}

/** A sheet with its rows turned into cells in one locale: what the XLSX and CSV writers consume. */
export interface Table {
  slug: string;
  name: string;
  note: string;
  orientation: 'portrait' | 'landscape';
  columns: { header: string; max: number; numFmt?: string }[];
  rows: Cell[][];
}

export function toTable<R>(def: SheetDef<R>, rows: readonly R[], locale: Locale): Table {
  return {
    slug: def.slug,
    // Excel allows 31 characters in a sheet name and none of : \ / ? * [ ].
    name: def.name(locale).replace(/[:\\/?*[\]]/g, ' ').slice(0, 31),
    note: def.note(locale),
    orientation: def.orientation,
    columns: def.columns.map((c) => ({ header: c.header(locale), max: c.max, numFmt: c.numFmt })),
    rows: rows.map((r) => def.columns.map((c) => c.value(r, locale))),
  };
}

/** A report as the writers get it: file name, title block and sheets, all in one locale. */
export interface Report {
  /** Download name without extension, in the report's language (e.g. 沙坪坝区-2024年优质均衡评估). */
  fileName: string;
  /** ASCII fallback name for clients that do not read RFC 5987 (e.g. evaluation-500106-2024). */
  asciiFileName: string;
  title: string;
  /** Lines of the title block under the title: district, year, standard, data as of, units… */
  meta: string[];
  tables: Table[];
}

// ---------------------------------------------------------------------------------------------------
// Labels

const VERDICT_CODES: Record<DistrictEvaluationResult['verdict'], MessageCode> = {
  QUALIFIED: 'VERDICT_QUALIFIED',
  NOT_QUALIFIED: 'VERDICT_NOT_QUALIFIED',
  INSUFFICIENT_DATA: 'VERDICT_INSUFFICIENT_DATA',
};
const STATUS_CODES: Record<IndicatorStatus, MessageCode> = { MET: 'STATUS_MET', NOT_MET: 'STATUS_NOT_MET', NO_DATA: 'STATUS_NO_DATA' };
const FUNDING_CODES: Record<FundingCheckStatus, MessageCode> = { MET: 'FUNDING_MET', VIOLATED: 'FUNDING_VIOLATED', NO_DATA: 'FUNDING_NO_DATA' };
const STAGE_CODES: Record<Stage, MessageCode> = { primary: 'STAGE_PRIMARY', junior: 'STAGE_JUNIOR' };
const BASIS_CODES: Record<ExpenditureBasis, MessageCode> = { final: 'BASIS_FINAL', budget: 'BASIS_BUDGET' };

export const verdictLabel = (v: DistrictEvaluationResult['verdict'], locale: Locale) => word(VERDICT_CODES[v])(locale);
export const statusLabel = (s: IndicatorStatus | undefined | null, locale: Locale) => (s ? word(STATUS_CODES[s])(locale) : null);
export const fundingLabel = (s: FundingCheckStatus | undefined | null, locale: Locale) => word(FUNDING_CODES[s ?? 'NO_DATA'])(locale);
export const stageLabel = (s: Stage | undefined | null, locale: Locale) => (s ? word(STAGE_CODES[s])(locale) : null);
const basisLabel = (b: ExpenditureBasis | null | undefined, locale: Locale) => (b ? word(BASIS_CODES[b])(locale) : null);
const unitLabel = (unit: string, locale: Locale) => t('UNIT', { unit }, locale);
const num = (s: string | number | null | undefined): number | null => (s === null || s === undefined ? null : Number(s));

/** Excel holds at most 32,767 characters in a cell. */
function clip(text: string, locale: Locale, max = 32_000): string {
  return text.length <= max ? text : `${text.slice(0, max)}${t('REPORT_TRUNCATED', {}, locale)}`;
}

/** "R5：…" / "R5: …": a code or a name before its text. */
const colon = (l: Locale) => (l === 'zh-CN' ? '：' : ': ');

function lines(items: readonly (string | null)[], locale: Locale): string | null {
  const text = items.filter((s): s is string => Boolean(s)).join('\n');
  return text ? clip(text, locale) : null;
}

function inputsText(e: Evidence | undefined, locale: Locale): string | null {
  return e && Object.keys(e.inputs).length ? clip(Object.entries(e.inputs).map(([k, v]) => `${k}=${v ?? '—'}`).join('; '), locale) : null;
}

/** Sources of one figure summed up by department, dataset and file: "教育部门 · school_stats · stats-2024.csv（47 行）". */
function sourcesSummary(sources: readonly SourceRef[], locale: Locale): string | null {
  const groups = new Map<string, { department: string; dataset: string; file: string; rows: number }>();
  for (const s of sources) {
    const key = `${s.department}\u0000${s.dataset}\u0000${s.fileName}`;
    const g = groups.get(key) ?? { department: departmentName(locale, s.department ?? '—'), dataset: s.dataset, file: s.fileName ?? '—', rows: 0 };
    g.rows++;
    groups.set(key, g);
  }
  return lines([...groups.values()].map((g) => t('REPORT_SOURCE_SUMMARY', g, locale)), locale);
}

/** Blocker codes with their counts, e.g. "CV_R5, G05 ×3". */
export function blockerCodes(blockers: readonly Blocker[]): string {
  const counts = new Map<string, number>();
  for (const b of blockers) counts.set(b.code, (counts.get(b.code) ?? 0) + 1);
  return [...counts].map(([code, n]) => (n > 1 ? `${code} ×${n}` : code)).join(', ');
}

function districtColumns<R>(get: (r: R) => { code: string; name: string }): Column<R>[] {
  return [
    { header: word('COL_DISTRICT_CODE'), max: 10, value: (r) => get(r).code },
    { header: word('COL_DISTRICT'), max: 22, value: (r) => get(r).name },
  ];
}

// ---------------------------------------------------------------------------------------------------
// District evaluation workbook (督导评估报告)

export interface VerdictRow { evaluation: DistrictEvaluationResult; district: { code: string; name: string }; blocker: Blocker | null; schoolName: string | null }

export const VERDICT_SHEET: SheetDef<VerdictRow> = {
  slug: 'verdict',
  name: word('SHEET_VERDICT'),
  note: word('NOTE_VERDICT'),
  orientation: 'landscape',
  columns: [
    ...districtColumns<VerdictRow>((r) => r.district),
    { header: word('COL_YEAR'), max: 6, value: (r) => r.evaluation.year },
    { header: word('COL_VERDICT'), max: 14, value: (r, l) => verdictLabel(r.evaluation.verdict, l) },
    { header: word('COL_BLOCKER'), max: 9, value: (r) => r.blocker?.code ?? null },
    { header: word('COL_STATUS'), max: 10, value: (r, l) => statusLabel(r.blocker?.status, l) },
    { header: word('COL_SCHOOL_CODE'), max: 12, value: (r) => r.blocker?.schoolCode ?? null },
    { header: word('COL_SCHOOL'), max: 24, value: (r) => r.schoolName },
    { header: word('COL_STAGE'), max: 8, value: (r, l) => stageLabel(r.blocker?.stage, l) },
    { header: word('COL_WHAT_FAILS'), max: 70, value: (r, l) => (r.blocker ? engineText(r.blocker.message, l) : t('REPORT_NO_BLOCKER', {}, l)) },
  ],
};

export interface IndicatorRow { part: MessageCode; indicator: IndicatorResult }

/** Schools not meeting a school-level indicator (G03–G07, Q04), each with its shortfall. */
function schoolsText(r: IndicatorResult, locale: Locale): string | null {
  return lines(
    (r.schools ?? [])
      .filter((s) => s.status !== 'MET')
      .map((s) => `${s.schoolCode} ${s.schoolName}${colon(locale)}${engineText(s.shortfall?.description, locale) ?? engineText(s.message, locale) ?? ''}`),
    locale,
  );
}

export const INDICATORS_SHEET: SheetDef<IndicatorRow> = {
  slug: 'indicators',
  name: word('SHEET_INDICATORS'),
  note: word('NOTE_INDICATORS'),
  orientation: 'landscape',
  columns: [
    { header: word('COL_PART'), max: 12, value: (r, l) => t(r.part, {} as never, l) },
    { header: word('COL_CODE'), max: 6, value: (r) => r.indicator.code },
    { header: word('COL_INDICATOR'), max: 34, value: (r, l) => (l === 'zh-CN' ? r.indicator.nameZh : r.indicator.name) },
    { header: word('COL_VALUE'), max: 12, value: (r) => r.indicator.value },
    { header: word('COL_THRESHOLD'), max: 10, value: (r) => r.indicator.threshold },
    { header: word('COL_UNIT'), max: 14, value: (r, l) => unitLabel(r.indicator.unit, l) },
    { header: word('COL_STATUS'), max: 10, value: (r, l) => statusLabel(r.indicator.status, l) },
    { header: word('COL_SHORTFALL'), max: 24, value: (r, l) => engineText(r.indicator.shortfall?.description, l) },
    { header: word('COL_NOTE'), max: 34, value: (r, l) => engineText(r.indicator.message, l) },
    { header: word('COL_SCHOOLS_SHORT'), max: 34, value: (r, l) => schoolsText(r.indicator, l) },
    { header: word('COL_INPUTS'), max: 28, value: (r, l) => inputsText(r.indicator.evidence, l) },
    { header: word('COL_SOURCES'), max: 36, value: (r, l) => sourcesSummary(r.indicator.evidence.sources, l) },
  ],
};

/** `plan`: the cheapest priced plan (unit costs of the year, delivered or default), computed before the sheet is written. */
export interface SchoolRow { stage: Stage; rule: SchoolRuleResult; plan?: PricedPlan | null }

const YJ2017 = standardOf('YJ2017');
const resourceColumns: Column<SchoolRow>[] = RESOURCE_CODES.map((code) => {
  const def = indicatorDef(YJ2017, code);
  return {
    header: (l: Locale) => t('COL_RESOURCE', { code, nameZh: def.nameZh, nameEn: def.name, unit: def.unit }, l),
    max: 11,
    numFmt: '0.00##',
    value: (r: SchoolRow) => r.rule.indicators.find((i) => i.code === code)?.value ?? null,
  };
});

export const SCHOOLS_SHEET: SheetDef<SchoolRow> = {
  slug: 'schools',
  name: word('SHEET_SCHOOLS'),
  note: word('NOTE_SCHOOLS'),
  orientation: 'landscape',
  columns: [
    { header: word('COL_STAGE'), max: 8, value: (r, l) => stageLabel(r.stage, l) },
    { header: word('COL_SCHOOL_CODE'), max: 12, value: (r) => r.rule.schoolCode },
    { header: word('COL_SCHOOL'), max: 22, value: (r) => r.rule.schoolName ?? null },
    { header: word('COL_SCHOOL_RULE'), max: 8, value: (r, l) => statusLabel(r.rule.status, l) },
    { header: word('COL_INDICATORS_MET'), max: 8, numFmt: '0', value: (r) => r.rule.indicatorsMet },
    ...resourceColumns,
    { header: word('COL_BELOW_THRESHOLD'), max: 10, value: (r) => r.rule.failing.map((f) => f.code).join(', ') || null },
    {
      header: word('COL_SHORTFALLS'),
      max: 40,
      value: (r, l) => lines(r.rule.failing.map((f) => `${f.code}${colon(l)}${engineText(f.shortfall?.description, l) ?? engineText(f.message, l) ?? ''}`), l),
    },
    {
      // The cheapest priced plan that makes the part pass (docs/planning.md), default unit costs flagged in the note.
      header: word('COL_COST_TO_QUALIFY'),
      max: 30,
      value: (r, l) => {
        const p = r.plan ?? null;
        if (!p) return null;
        const defaults = p.items.filter((i) => i.isDefault && i.source !== 'FACE_VALUE').map((i) => i.code);
        return engineText(planSummary(p), l) + (defaults.length ? t('REPORT_COST_DEFAULTS', { codes: defaults.join(', ') }, l) : '');
      },
    },
    { header: word('COL_NOTE'), max: 36, value: (r, l) => engineText(r.rule.message, l) },
  ],
};

export interface SpreadRow { stage: Stage; spread: SpreadResult }

export const SPREADS_SHEET: SheetDef<SpreadRow> = {
  slug: 'spreads',
  name: word('SHEET_SPREADS'),
  note: word('NOTE_SPREADS'),
  orientation: 'landscape',
  columns: [
    { header: word('COL_STAGE'), max: 8, value: (r, l) => stageLabel(r.stage, l) },
    { header: word('COL_CODE'), max: 8, value: (r) => r.spread.code },
    {
      header: word('COL_INDICATOR'),
      max: 30,
      value: (r, l) => {
        if (!r.spread.indicator) return null;
        const def = indicatorDef(YJ2017, r.spread.indicator);
        return l === 'zh-CN' ? def.nameZh : def.name;
      },
    },
    { header: word('COL_CV'), max: 10, numFmt: '0.0000', value: (r) => r.spread.cv },
    { header: word('COL_LIMIT'), max: 7, numFmt: '0.00', value: (r) => r.spread.limit },
    { header: word('COL_MEAN'), max: 12, numFmt: '0.00##', value: (r) => r.spread.mean },
    { header: word('COL_SCHOOL_COUNT'), max: 8, numFmt: '0', value: (r) => r.spread.schoolCount },
    { header: word('COL_STATUS'), max: 10, value: (r, l) => statusLabel(r.spread.status, l) },
    { header: word('COL_REASON'), max: 18, value: (r, l) => (r.spread.reason ? t('SPREAD_REASON', { reason: r.spread.reason }, l) : null) },
    { header: word('COL_NOTE'), max: 50, value: (r, l) => engineText(r.spread.message, l) },
  ],
};

export interface SourceRow { department: string | null; dataset: string; fileName: string | null; usedBy: string[]; rowKeys: string[] }

/**
 * Every departmental row an evaluation used, with the codes of the figures it feeds (R1–R7 of a school, CV_…,
 * G/Q/S/V indicators): the row-level trace behind the Sources column of the indicator sheet. Rows of one delivery
 * that feed the same figures are listed together, so the sheet stays a few pages long without losing a row.
 */
export function sourceRows(evaluation: DistrictEvaluationResult): SourceRow[] {
  const used = new Map<string, { source: SourceRef; codes: Set<string> }>();
  const add = (code: string, evidence: Evidence | undefined) => {
    for (const s of evidence?.sources ?? []) {
      const key = `${s.dataset}\u0000${s.batchId}\u0000${s.rowKey}`;
      const entry = used.get(key) ?? { source: s, codes: new Set<string>() };
      entry.codes.add(code);
      used.set(key, entry);
    }
  };
  for (const a of evaluation.resourceAllocation) {
    for (const rule of a.schoolRules) for (const i of rule.indicators) add(i.code, i.evidence);
    for (const s of a.spread) add(s.code, s.evidence);
  }
  for (const i of [...evaluation.governmentGuarantee, ...evaluation.educationQuality, evaluation.socialRecognition, ...evaluation.vetoes]) {
    add(i.code, i.evidence);
    for (const s of i.schools ?? []) add(i.code, s.evidence);
  }
  const groups = new Map<string, SourceRow>();
  for (const { source: s, codes } of used.values()) {
    const usedBy = [...codes].sort();
    const key = [s.department, s.dataset, s.batchId, s.fileName, ...usedBy].join('\u0000');
    const group = groups.get(key) ?? { department: s.department, dataset: s.dataset, fileName: s.fileName, usedBy, rowKeys: [] };
    // "school_stats 5001060001/2024/primary" → "5001060001/2024/primary": the dataset has its own column.
    group.rowKeys.push(s.rowKey.startsWith(`${s.dataset} `) ? s.rowKey.slice(s.dataset.length + 1) : s.rowKey);
    groups.set(key, group);
  }
  const order = (r: SourceRow) => [r.department ?? '', r.dataset, r.fileName ?? '', r.usedBy.join(',')];
  const rows = [...groups.values()];
  for (const r of rows) r.rowKeys.sort();
  return rows.sort((a, b) => {
    const x = order(a);
    const y = order(b);
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i]! < y[i]! ? -1 : 1;
    return 0;
  });
}

export const SOURCES_SHEET: SheetDef<SourceRow> = {
  slug: 'sources',
  name: word('SHEET_SOURCES'),
  note: word('NOTE_SOURCES'),
  orientation: 'landscape',
  columns: [
    { header: word('COL_DEPARTMENT'), max: 16, value: (r, l) => departmentName(l, r.department ?? '—') },
    { header: word('COL_DATASET'), max: 18, value: (r) => r.dataset },
    { header: word('COL_FILE'), max: 24, value: (r) => r.fileName },
    { header: word('COL_USED_BY'), max: 26, value: (r) => r.usedBy.join(', ') },
    { header: word('COL_ROW_COUNT'), max: 6, numFmt: '0', value: (r) => r.rowKeys.length },
    { header: word('COL_ROW'), max: 90, value: (r, l) => clip(r.rowKeys.join('; '), l) },
  ],
};

// ---------------------------------------------------------------------------------------------------
// City workbook (全市概况)

export interface DistrictRow { district: District; evaluation: DistrictEvaluationResult | null; funding: FundingCheckYear | null }

const countOf = (status: 'NOT_MET' | 'NO_DATA') => (r: DistrictRow) => r.evaluation?.blockers.filter((b) => b.status === status).length ?? null;

export const DISTRICTS_SHEET: SheetDef<DistrictRow> = {
  slug: 'districts',
  name: word('SHEET_DISTRICTS'),
  note: word('NOTE_DISTRICTS'),
  orientation: 'landscape',
  columns: [
    ...districtColumns<DistrictRow>((r) => r.district),
    { header: word('COL_PLANNED_YEAR'), max: 8, value: (r) => r.district.plannedCertificationYear },
    { header: word('COL_CERTIFIED_IN'), max: 8, value: (r, l) => (r.district.certified ? (r.district.certifiedYear ?? t('YES', {}, l)) : null) },
    { header: word('COL_VERDICT'), max: 12, value: (r, l) => (r.evaluation ? verdictLabel(r.evaluation.verdict, l) : null) },
    { header: word('COL_NOT_MET_COUNT'), max: 8, numFmt: '0', value: countOf('NOT_MET') },
    { header: word('COL_NO_DATA_COUNT'), max: 8, numFmt: '0', value: countOf('NO_DATA') },
    { header: word('COL_BLOCKERS'), max: 44, value: (r) => (r.evaluation ? blockerCodes(r.evaluation.blockers) || null : null) },
    { header: word('COL_TOTAL_CHECK'), max: 10, value: (r, l) => fundingLabel(r.funding?.totalCheck, l) },
    { header: word('COL_PER_STUDENT_CHECK'), max: 10, value: (r, l) => fundingLabel(r.funding?.perStudentCheck, l) },
  ],
};

export interface FundingRow { district: District; year: number; check: FundingCheckYear | null }

const money = (header: MessageCode, value: (r: FundingRow) => string | null | undefined): Column<FundingRow> => ({
  header: word(header),
  max: 18,
  numFmt: '#,##0.00',
  value: (r) => num(value(r)),
});

export const FUNDING_SHEET: SheetDef<FundingRow> = {
  slug: 'funding',
  name: word('SHEET_FUNDING'),
  note: word('NOTE_FUNDING'),
  orientation: 'landscape',
  columns: [
    ...districtColumns<FundingRow>((r) => r.district),
    { header: word('COL_YEAR'), max: 6, value: (r) => r.year },
    { header: word('COL_BASIS'), max: 8, value: (r, l) => basisLabel(r.check?.basis, l) },
    money('COL_EXPENDITURE', (r) => r.check?.expenditure),
    { header: word('COL_ENROLMENT'), max: 10, numFmt: '#,##0', value: (r) => r.check?.enrolment ?? null },
    money('COL_PER_STUDENT', (r) => r.check?.perStudent),
    money('COL_PREVIOUS_EXPENDITURE', (r) => r.check?.previousExpenditure),
    money('COL_PREVIOUS_PER_STUDENT', (r) => r.check?.previousPerStudent),
    { header: word('COL_EXPENDITURE_CHANGE'), max: 9, numFmt: '0.00%', value: (r) => num(r.check?.totalChangeRate) },
    { header: word('COL_PER_STUDENT_CHANGE'), max: 9, numFmt: '0.00%', value: (r) => num(r.check?.perStudentChangeRate) },
    { header: word('COL_TOTAL_CHECK'), max: 10, value: (r, l) => fundingLabel(r.check?.totalCheck, l) },
    { header: word('COL_PER_STUDENT_CHECK'), max: 10, value: (r, l) => fundingLabel(r.check?.perStudentCheck, l) },
    { header: word('COL_NOTES'), max: 70, value: (r, l) => lines((r.check?.evidence.notes ?? []).map((n) => engineText(n, l)), l) },
  ],
};

export interface ProgressRow { plannedYear: number; plannedCount: number; qualifiedOnDataCount: number; certifiedCount: number; cumulativePlanned: number; cumulativeQualified: number; cumulativeCertified: number }

const count = (header: MessageCode, value: (r: ProgressRow) => number): Column<ProgressRow> => ({ header: word(header), max: 12, numFmt: '0', value });

export const PROGRESS_SHEET: SheetDef<ProgressRow> = {
  slug: 'progress',
  name: word('SHEET_PROGRESS'),
  note: word('NOTE_PROGRESS'),
  orientation: 'portrait',
  columns: [
    { header: word('COL_PLANNED_YEAR'), max: 10, value: (r) => r.plannedYear },
    count('COL_PLANNED_COUNT', (r) => r.plannedCount),
    count('COL_QUALIFIED_COUNT', (r) => r.qualifiedOnDataCount),
    count('COL_CERTIFIED_COUNT', (r) => r.certifiedCount),
    count('COL_PLANNED_CUMULATIVE', (r) => r.cumulativePlanned),
    count('COL_QUALIFIED_CUMULATIVE', (r) => r.cumulativeQualified),
    count('COL_CERTIFIED_CUMULATIVE', (r) => r.cumulativeCertified),
  ],
};

/** The early warning is a summary: the first items of each district, the rest in its own report. */
const WARNING_MESSAGES = 3;

export interface WarningRow { district: District; plannedCertificationYear: number; verdict: DistrictEvaluationResult['verdict']; blockers: Blocker[] }

export const WARNINGS_SHEET: SheetDef<WarningRow> = {
  slug: 'early-warnings',
  name: word('SHEET_WARNINGS'),
  note: word('NOTE_WARNINGS'),
  orientation: 'landscape',
  columns: [
    ...districtColumns<WarningRow>((r) => r.district),
    { header: word('COL_PLANNED_YEAR'), max: 8, value: (r) => r.plannedCertificationYear },
    { header: word('COL_VERDICT'), max: 12, value: (r, l) => verdictLabel(r.verdict, l) },
    { header: word('COL_BLOCKERS'), max: 30, value: (r) => blockerCodes(r.blockers) || null },
    {
      header: word('COL_WHAT_FAILS'),
      max: 100,
      value: (r, l) => {
        const shown = r.blockers.slice(0, WARNING_MESSAGES).map((b) => engineText(b.message, l));
        const more = r.blockers.length - shown.length;
        return lines([...shown, more > 0 ? t('REPORT_MORE_ITEMS', { count: more }, l) : null], l);
      },
    },
  ],
};

// ---------------------------------------------------------------------------------------------------
// 督导台账: the district's findings, as the ledger queries give them

export interface LedgerRow {
  number: string;
  schoolCode: string | null;
  schoolName: string | null;
  indicatorCode: string | null;
  description: string;
  severity: 'minor' | 'major' | 'serious' | null;
  state: string;
  raisedOn: string;
  dueOn: string | null;
  overdue: boolean;
  closedOn: string | null;
  inspectors: string[];
}

const SEVERITY_CODES: Record<NonNullable<LedgerRow['severity']>, MessageCode> = {
  minor: 'SEVERITY_MINOR',
  major: 'SEVERITY_MAJOR',
  serious: 'SEVERITY_SERIOUS',
};

export const LEDGER_SHEET: SheetDef<LedgerRow> = {
  slug: 'ledger',
  name: word('SHEET_LEDGER'),
  note: word('NOTE_LEDGER'),
  orientation: 'landscape',
  columns: [
    { header: word('COL_FINDING_NUMBER'), max: 9, value: (r) => r.number },
    { header: word('COL_SCHOOL_CODE'), max: 10, value: (r) => r.schoolCode },
    { header: word('COL_SCHOOL'), max: 22, value: (r) => r.schoolName },
    { header: word('COL_CODE'), max: 6, value: (r) => r.indicatorCode },
    { header: word('COL_FINDING'), max: 44, value: (r) => r.description },
    { header: word('COL_SEVERITY'), max: 8, value: (r, l) => (r.severity ? word(SEVERITY_CODES[r.severity])(l) : null) },
    { header: word('COL_STATE'), max: 14, value: (r, l) => stateName(l, r.state) },
    { header: word('COL_RAISED_ON'), max: 11, value: (r) => r.raisedOn },
    { header: word('COL_DUE_ON'), max: 11, value: (r) => r.dueOn },
    { header: word('COL_OVERDUE'), max: 6, value: (r, l) => (r.overdue ? word('YES')(l) : null) },
    { header: word('COL_CLOSED_ON'), max: 11, value: (r) => r.closedOn },
    { header: word('COL_INSPECTORS'), max: 16, value: (r, l) => r.inspectors.join(l === 'zh-CN' ? '、' : ', ') },
  ],
};
