/**
 * The sentences of the compliance engine (教督〔2017〕6号 indicators, school rule, spreads, blockers, 一校一策) and
 * of the funding rule (两个只增不减). The engine builds `{code, params}` with exact figures (decimal strings); the
 * figures are shown here through the display rule of `figures.ts`, so a shown value never sits on the other side
 * of its threshold from the decision. Indicator names in Chinese are those of the standards table.
 */
import { standardOf } from '../compliance/standards';
import { defineMessages, nested, type NestedMessage } from './define';
import { list, num, plural } from './format';
import { percentAgainst, shownAgainst } from './figures';
import type { Locale } from './locale';

/** A stage code (primary, junior) as the engine writes it. */
type Stage = string;
const STAGE: Record<string, { 'zh-CN': string; en: string }> = {
  primary: { 'zh-CN': '小学', en: 'primary' },
  junior: { 'zh-CN': '初中', en: 'junior' },
};
const stage = (l: Locale, s: string): string => STAGE[s]?.[l] ?? s;

const YJ = standardOf('YJ2017');
const JB = standardOf('JB2012');
function def(code: string) {
  return YJ.indicators[code] ?? JB.indicators[code];
}
/** The indicator's name: the official wording in Chinese, the table's English name (lower-cased mid-sentence). */
function name(l: Locale, code: string, mid = true): string {
  const d = def(code);
  if (!d) return code;
  if (l === 'zh-CN') return d.nameZh;
  return mid && /^[A-Z][a-z]/.test(d.name) ? d.name[0]!.toLowerCase() + d.name.slice(1) : d.name;
}

/** A figure against its threshold(s), by the display rule, with digit grouping. */
const v = (l: Locale, value: string | number, against: string | number | (string | number)[], decimals = 4): string =>
  num(l, shownAgainst(value, against as never, decimals));
/** A fraction as a percentage against fractional threshold(s). */
const pc = (l: Locale, value: string | number, against: string | number | (string | number)[], decimals = 2): string =>
  `${num(l, percentAgainst(value, against as never, decimals))}%`;
/** A figure with no threshold to keep apart from (thresholds, counts, amounts). */
const f = (l: Locale, value: string | number): string => num(l, typeof value === 'number' ? value : shownAgainst(value, [], 4));
const sub = (l: Locale, m: NestedMessage): string => nested(l, m);
const subs = (l: Locale, ms: readonly NestedMessage[]): string[] => ms.map((m) => nested(l, m));
const codes = (l: Locale, cs: readonly (string | number)[]): string => (l === 'zh-CN' ? cs.join('、') : list(l, cs.map(String)));
const zhList = (xs: readonly (string | number)[]): string => xs.join('、');
const reach = (met: boolean): string => (met ? '达到' : '未达到');
const ge = (met: boolean): string => (met ? '≥' : '<');

/** Units of R1–R7 values in Chinese (R1–R3 and R7 are per 100 students). */
const R_UNIT_ZH: Record<string, string> = { R1: '人', R2: '人', R3: '人', R4: '平方米', R5: '平方米', R6: '元', R7: '间' };

const R_MISSING: Record<string, { 'zh-CN': string; en: string }> = {
  R4: { 'zh-CN': '未报送教学及辅助用房面积', en: 'teaching and auxiliary area not delivered' },
  R5: { 'zh-CN': '未报送体育运动场馆面积', en: 'sports area not delivered' },
  R6: { 'zh-CN': '未报送教学仪器设备值', en: 'equipment value not delivered' },
  R7: { 'zh-CN': '未报送网络多媒体教室数', en: 'multimedia classrooms not delivered' },
};

function rNeeds(l: Locale, code: string, n: number): string {
  if (l === 'zh-CN') {
    const what: Record<string, string> = {
      R1: `高于规定学历教师${f(l, n)}人`, R2: `县级以上骨干教师${f(l, n)}人`, R3: `体育、艺术专任教师${f(l, n)}人`,
      R4: `教学及辅助用房${f(l, n)}平方米`, R5: `体育运动场馆面积${f(l, n)}平方米`, R6: `教学仪器设备值${f(l, n)}元`,
      R7: `网络多媒体教室${f(l, n)}间`,
    };
    return `还需增加${what[code] ?? f(l, n)}`;
  }
  const t = plural(n, 'teacher', 'teachers');
  switch (code) {
    case 'R1': return `needs ${n} more ${t} with a degree above the legal minimum`;
    case 'R2': return `needs ${n} more backbone ${t} of county level or above`;
    case 'R3': return `needs ${n} more PE/arts ${t}`;
    case 'R4': return `needs ${f(l, n)} m² more teaching and auxiliary space`;
    case 'R5': return `needs ${f(l, n)} m² more sports area`;
    case 'R6': return `needs ${f(l, n)} yuan more teaching equipment`;
    case 'R7': return `needs ${n} more multimedia ${plural(n, 'classroom', 'classrooms')}`;
    default: return `needs ${f(l, n)} more`;
  }
}

const RATE_WHAT: Record<string, { 'zh-CN': string; en: string }> = {
  Q01: { 'zh-CN': '初中三年巩固率', en: 'junior three-year retention' },
  Q02: { 'zh-CN': '残疾儿童少年入学率', en: 'enrolment of children with disabilities' },
  G14: { 'zh-CN': '优质高中招生名额分配比例', en: 'share of quality high-school places allocated by quota' },
  G15: { 'zh-CN': '符合条件的随迁子女在公办学校和政府购买服务的民办学校就读的比例', en: 'share of migrant children in public or publicly funded schools' },
};
const rateWhat = (l: Locale, code: string): string => RATE_WHAT[code]?.[l] ?? code;

const SUBJECTS: Record<string, string> = {
  chinese: '语文', mathematics: '数学', math: '数学', science: '科学', pe: '体育与健康', music: '音乐', art: '美术', moral: '德育',
  english: '英语', physics: '物理', chemistry: '化学', biology: '生物', history: '历史', geography: '地理',
};
/** A monitored subject, or a subject and grade as the engine labels it (`mathematics/8` → 8年级数学). */
function subject(l: Locale, s: string, grade?: number | null): string {
  const [name, g] = s.includes('/') ? [s.slice(0, s.indexOf('/')), Number(s.slice(s.indexOf('/') + 1))] : [s, grade ?? null];
  if (l === 'zh-CN') return `${g ? `${g}年级` : ''}${SUBJECTS[name.toLowerCase()] ?? name}`;
  return g ? `${name}/${g}` : name;
}

const ROOM: Record<string, { 'zh-CN': string; en: string }> = { music: { 'zh-CN': '音乐', en: 'music' }, art: { 'zh-CN': '美术', en: 'art' } };
const room = (l: Locale, k: string): string => ROOM[k]?.[l] ?? k;

const NOBODY: Record<string, { 'zh-CN': string; en: string }> = {
  counted: { 'zh-CN': '本区县无参评学校', en: 'no school counted in the district' },
  smallRural: { 'zh-CN': '本区县无不足100名学生的公办农村学校或教学点', en: 'no public rural school or teaching point under the size limit' },
  special: { 'zh-CN': '本区县无公办特殊教育学校', en: 'no public special-education school in the district' },
  public: { 'zh-CN': '本区县无公办学校', en: 'no public school in the district' },
};

const CV_REASON: Record<string, { 'zh-CN': string; en: string }> = {
  FEWER_THAN_TWO_SCHOOLS: { 'zh-CN': '参评学校不足两所', en: 'fewer than two schools' },
  ZERO_MEAN: { 'zh-CN': '均值为0', en: 'the mean is 0' },
  MISSING_SCHOOL_DATA: { 'zh-CN': '以下学校数据缺失：', en: 'data missing for' },
};

const BASIS: Record<string, { 'zh-CN': string; en: string }> = {
  final: { 'zh-CN': '决算', en: 'final accounts (决算)' },
  budget: { 'zh-CN': '预算', en: 'budget (预算)' },
};
const basis = (l: Locale, b: string): string => BASIS[b]?.[l] ?? b;

/** An example figure that is a message, typed as any message (examples must not narrow the parameter types). */
const ex = (m: NestedMessage): NestedMessage => m;

const EX_BASIS: NestedMessage = { code: 'ENGINE_R_VALUE', params: { indicator: 'R5', value: '4.2341', threshold: '7.5', met: false as boolean } };
const EX_NEEDS: NestedMessage = { code: 'ENGINE_R_NEEDS', params: { indicator: 'R5', amount: 340 } };
const EX_RULE: NestedMessage = { code: 'ENGINE_RULE_FAR_BELOW', params: { codes: ['R5'], share: '0.564546', minShare: '0.85' } };

export const engineMessages = defineMessages({
  // --- composition -----------------------------------------------------------------------------------
  ENGINE_JOIN: {
    'zh-CN': (p: { parts: NestedMessage[] }) => subs('zh-CN', p.parts).join('；'),
    en: (p) => subs('en', p.parts).join('; '),
    example: { parts: [EX_BASIS, EX_NEEDS] as NestedMessage[] },
  },

  // --- R1–R7 -----------------------------------------------------------------------------------------
  ENGINE_R_NO_POSTINGS: {
    'zh-CN': (_: Record<string, never>) => '未报送该校本年度教师任职数据',
    en: () => 'no teacher postings delivered for this school and year',
    example: {},
  },
  ENGINE_R_INPUT_MISSING: {
    'zh-CN': (p: { indicator: string }) => R_MISSING[p.indicator]?.['zh-CN'] ?? `未报送${name('zh-CN', p.indicator)}所需数据`,
    en: (p) => R_MISSING[p.indicator]?.en ?? `data for ${p.indicator} not delivered`,
    example: { indicator: 'R5' },
  },
  ENGINE_NO_STAGE_STATS: {
    'zh-CN': (p: { stage: Stage }) => `未报送${stage('zh-CN', p.stage)}学段学校统计数据`,
    en: (p) => `no school statistics delivered for the ${stage('en', p.stage)} stage`,
    example: { stage: 'primary' },
  },
  ENGINE_NO_STAGE_STUDENTS: {
    'zh-CN': (p: { stage: Stage }) => `无${stage('zh-CN', p.stage)}学段在校生`,
    en: (p) => `no ${stage('en', p.stage)} students`,
    example: { stage: 'junior' },
  },
  ENGINE_R_VALUE: {
    'zh-CN': (p: { indicator: string; value: string; threshold: string; met: boolean }) => {
      const u = R_UNIT_ZH[p.indicator] ?? '';
      return `${v('zh-CN', p.value, p.threshold)}${u}，${reach(p.met)}标准值${f('zh-CN', p.threshold)}${u}`;
    },
    en: (p) => `${v('en', p.value, p.threshold)} ${ge(p.met)} ${f('en', p.threshold)} ${def(p.indicator)?.unit ?? ''}`.trimEnd(),
    example: { indicator: 'R5', value: '4.2341', threshold: '7.5', met: false as boolean },
  },
  ENGINE_R_NEEDS: {
    'zh-CN': (p: { indicator: string; amount: number }) => rNeeds('zh-CN', p.indicator, p.amount),
    en: (p) => rNeeds('en', p.indicator, p.amount),
    example: { indicator: 'R3', amount: 2 },
  },

  // --- school rule (校校达标) -------------------------------------------------------------------------
  ENGINE_RULE_TOO_MANY: {
    'zh-CN': (p: { failed: number; total: number; codes: string[]; allowed: number }) =>
      `${p.total}项指标中${p.failed}项未达到标准值（${zhList(p.codes)}），最多允许${p.allowed}项`,
    en: (p) => `${p.failed} of ${p.total} indicators below the threshold (${codes('en', p.codes)}); at most ${p.allowed} allowed`,
    example: { failed: 2, total: 7, codes: ['R4', 'R5'], allowed: 1 },
  },
  ENGINE_RULE_FAR_BELOW: {
    'zh-CN': (p: { codes: string[]; share: string; minShare: string }) =>
      `${zhList(p.codes)}仅达到标准值的${pc('zh-CN', p.share, p.minShare)}（要求不低于${pc('zh-CN', p.minShare, [])}）`,
    en: (p) => `${codes('en', p.codes)} reaches only ${pc('en', p.share, p.minShare)} of its threshold (at least ${pc('en', p.minShare, [])} required)`,
    example: { codes: ['R6'], share: '0.849999', minShare: '0.85' },
  },
  ENGINE_RULE_NO_DATA: {
    'zh-CN': (p: { codes: string[] }) => `${zhList(p.codes)}数据不足`,
    en: (p) => `no data for ${codes('en', p.codes)}`,
    example: { codes: ['R1', 'R2', 'R3'] },
  },
  ENGINE_RULE_ALL_MET: {
    'zh-CN': (p: { total: number }) => `${p.total}项指标均达标`,
    en: (p) => `all ${p.total} indicators reach the threshold`,
    example: { total: 7 },
  },
  ENGINE_RULE_ONE_MISS: {
    'zh-CN': (p: { met: number; total: number; codes: string[]; share: string; minShare: string }) =>
      `${p.total}项指标中${p.met}项达标；${zhList(p.codes)}达到标准值的${pc('zh-CN', p.share, [p.minShare, '1'])}（不低于${pc('zh-CN', p.minShare, [])}，符合要求）`,
    en: (p) => `${p.met} of ${p.total} reach the threshold; ${codes('en', p.codes)} reaches ${pc('en', p.share, [p.minShare, '1'])} of it (at least ${pc('en', p.minShare, [])} allowed)`,
    example: { met: 6, total: 7, codes: ['R2'], share: '0.9', minShare: '0.85' },
  },

  // --- spreads (差异系数) ------------------------------------------------------------------------------
  ENGINE_CV_UNDEFINED: {
    'zh-CN': (p: { indicator: string; stage: Stage; reason: string; schools: string[] }) =>
      `${stage('zh-CN', p.stage)}${name('zh-CN', p.indicator)}差异系数无法计算：${CV_REASON[p.reason]?.['zh-CN'] ?? p.reason}${p.schools.length ? zhList(p.schools) : ''}`,
    en: (p) => `CV of ${name('en', p.indicator)} (${stage('en', p.stage)}) undefined: ${CV_REASON[p.reason]?.en ?? p.reason}${p.schools.length ? ` ${p.schools.join(', ')}` : ''}`,
    example: { indicator: 'R1', stage: 'primary', reason: 'MISSING_SCHOOL_DATA', schools: ['5001010001', '5001010002'] },
  },
  ENGINE_CV: {
    'zh-CN': (p: { indicator: string; stage: Stage; schools: number; cv: string; limit: string; within: boolean }) =>
      `${stage('zh-CN', p.stage)}${name('zh-CN', p.indicator)}差异系数（${p.schools}所学校）为${v('zh-CN', p.cv, p.limit)}，${p.within ? '不高于' : '高于'}${f('zh-CN', p.limit)}`,
    en: (p) => `CV of ${name('en', p.indicator)} (${stage('en', p.stage)}) across ${p.schools} schools is ${v('en', p.cv, p.limit)} ${p.within ? '≤' : '>'} ${f('en', p.limit)}`,
    example: { indicator: 'R5', stage: 'primary', schools: 12, cv: '0.500000001400', limit: '0.5', within: false as boolean },
  },
  ENGINE_COMPOSITE_UNDEFINED: {
    'zh-CN': (p: { codes: string[] }) => `综合差异系数无法计算：${zhList(p.codes)}的差异系数无法计算`,
    en: (p) => `composite CV undefined: CV undefined for ${p.codes.join(', ')}`,
    example: { codes: ['R1', 'R4'] },
  },
  ENGINE_COMPOSITE: {
    'zh-CN': (p: { composite: string; limit: string; met: boolean; count: number }) =>
      `综合差异系数${v('zh-CN', p.composite, p.limit)}，${p.met ? '不高于' : '高于'}${f('zh-CN', p.limit)}（${p.count}项差异系数的平均值）`,
    en: (p) => `composite CV ${v('en', p.composite, p.limit)} ${p.met ? '≤' : '>'} ${f('en', p.limit)} (mean of ${p.count} CVs)`,
    example: { composite: '0.592', limit: '0.65', met: true as boolean, count: 7 },
  },

  // --- blockers and the precondition -------------------------------------------------------------------
  ENGINE_BLOCKER_SCHOOL: {
    'zh-CN': (p: { school: string; stage: Stage; indicator: string; noData: boolean; detail: NestedMessage; rule: NestedMessage | null }) =>
      p.noData
        ? `${p.school}（${stage('zh-CN', p.stage)}）：${name('zh-CN', p.indicator)}：数据不足（${sub('zh-CN', p.detail)}）`
        // The detail already says 未达到标准值: "生均体育运动场馆面积6平方米，未达到标准值7.5平方米；还需增加…".
        : `${p.school}（${stage('zh-CN', p.stage)}）：${name('zh-CN', p.indicator)}${sub('zh-CN', p.detail)}${p.rule ? `〔校校达标：${sub('zh-CN', p.rule)}〕` : ''}`,
    en: (p) =>
      p.noData
        ? `School ${p.school} (${stage('en', p.stage)}): ${name('en', p.indicator)} — no data (${sub('en', p.detail)})`
        : `School ${p.school} (${stage('en', p.stage)}): ${name('en', p.indicator)} ${sub('en', p.detail)}${p.rule ? ` [school rule: ${sub('en', p.rule)}]` : ''}`,
    example: { school: '渝中区滨江小学', stage: 'primary', indicator: 'R5', noData: false as boolean, detail: ex({ code: 'ENGINE_JOIN', params: { parts: [EX_BASIS, EX_NEEDS] } }), rule: EX_RULE as NestedMessage | null },
  },
  ENGINE_BLOCKER_FINDING: {
    'zh-CN': (p: { indicator: string; school: string; schoolCode: string; noData: boolean; detail: NestedMessage }) =>
      `${p.indicator} ${name('zh-CN', p.indicator)}：${p.school}（${p.schoolCode}）${p.noData ? '数据不足' : '未达标'}：${sub('zh-CN', p.detail)}`,
    en: (p) => `${p.indicator} ${def(p.indicator)?.name ?? ''}: school ${p.school} (${p.schoolCode}): ${p.noData ? 'no data — ' : ''}${sub('en', p.detail)}`,
    example: { indicator: 'G05', school: '渝中区滨江小学', schoolCode: '5001030001', noData: false as boolean, detail: ex({ code: 'ENGINE_G05', params: { stage: 'junior', size: 56, limit: 50, met: false } }) },
  },
  ENGINE_BLOCKER_INDICATOR: {
    'zh-CN': (p: { indicator: string; noData: boolean; detail: NestedMessage | null }) =>
      `${p.indicator} ${name('zh-CN', p.indicator)}：${p.noData ? '数据不足' : '未达标'}${p.detail ? `，${sub('zh-CN', p.detail)}` : ''}`,
    en: (p) => `${p.indicator} ${def(p.indicator)?.name ?? ''}: ${p.noData ? 'no data — ' : ''}${p.detail ? sub('en', p.detail) : ''}`,
    example: { indicator: 'S01', noData: true as boolean, detail: ex({ code: 'ENGINE_NO_SURVEY', params: {} }) as NestedMessage | null },
  },
  ENGINE_BLOCKER_VETO: {
    'zh-CN': (p: { indicator: string; detail: NestedMessage }) => `${p.indicator}：${sub('zh-CN', p.detail)}`,
    en: (p) => `${p.indicator}: ${sub('en', p.detail)}`,
    example: { indicator: 'V03', detail: ex({ code: 'ENGINE_VETO_OCCURRED', params: { indicator: 'V03', note: null } }) },
  },
  ENGINE_PRECONDITION_NONE: {
    'zh-CN': (_: Record<string, never>) => '该标准无申报前提条件',
    en: () => 'no precondition in this standard',
    example: {},
  },
  ENGINE_PRECONDITION_UNKNOWN: {
    'zh-CN': (_: Record<string, never>) => '通过基本均衡督导评估认定的年份不详',
    en: () => 'year of passing basic balance unknown',
    example: {},
  },
  ENGINE_PRECONDITION: {
    'zh-CN': (p: { passed: number; years: number; year: number; met: boolean }) =>
      `${p.passed}年通过基本均衡督导评估认定，距${p.year}年${p.met ? '已满' : '不足'}${p.years}年` +
      (p.met ? '，可申请优质均衡督导评估' : `；${p.passed + p.years}年起方可申请`),
    en: (p) => `passed basic balance in ${p.passed}: ${p.met ? 'at least' : 'fewer than'} ${p.years} years before ${p.year}` +
      (p.met ? '' : `; may apply from ${p.passed + p.years}`),
    example: { passed: 2022, years: 3, year: 2024, met: false as boolean },
  },

  // --- district indicators: rates and every-school conditions ------------------------------------------
  ENGINE_RATE_MISSING: {
    'zh-CN': (p: { indicator: string }) => `未报送${rateWhat('zh-CN', p.indicator)}`,
    en: (p) => `${rateWhat('en', p.indicator)}: not delivered`,
    example: { indicator: 'Q01' },
  },
  ENGINE_RATE: {
    'zh-CN': (p: { indicator: string; value: string; threshold: string; met: boolean }) =>
      `${rateWhat('zh-CN', p.indicator)}${pc('zh-CN', p.value, p.threshold)}，${reach(p.met)}${pc('zh-CN', p.threshold, [])}`,
    en: (p) => `${rateWhat('en', p.indicator)} ${pc('en', p.value, p.threshold)} ${ge(p.met)} ${pc('en', p.threshold, [])}`,
    example: { indicator: 'Q01', value: '0.9499', threshold: '0.95', met: false as boolean },
  },
  ENGINE_RATE_NEEDS: {
    'zh-CN': (p: { indicator: string; points: number }) => `${rateWhat('zh-CN', p.indicator)}还需提高${f('zh-CN', p.points)}个百分点`,
    en: (p) => `${rateWhat('en', p.indicator)} needs ${f('en', p.points)} percentage points more`,
    example: { indicator: 'Q01', points: 0.01 },
  },
  ENGINE_SCHOOL_ITEM: {
    'zh-CN': (p: { school: string; schoolCode: string; detail: NestedMessage }) => `${p.school}（${p.schoolCode}）：${sub('zh-CN', p.detail)}`,
    en: (p) => `${p.school} (${p.schoolCode}): ${sub('en', p.detail)}`,
    example: { school: '渝中区滨江小学', schoolCode: '5001030001', detail: ex({ code: 'ENGINE_NO_FUNDS', params: {} }) },
  },
  ENGINE_SCHOOL_NEED: {
    'zh-CN': (p: { school: string; detail: NestedMessage }) => `${p.school}：${sub('zh-CN', p.detail)}`,
    en: (p) => `${p.school}: ${sub('en', p.detail)}`,
    example: { school: '渝中区滨江小学', detail: ex({ code: 'ENGINE_FUNDS_NEEDS', params: { amount: '1000', purpose: 'public' } }) },
  },
  ENGINE_SCHOOLS_FALL_SHORT: {
    'zh-CN': (p: { failing: number; total: number; items: NestedMessage[]; missing: string[] }) =>
      `${p.total}所学校中${p.failing}所未达标：${subs('zh-CN', p.items).join('；')}` + (p.missing.length ? `；数据不足：${zhList(p.missing)}` : ''),
    en: (p) => `${p.failing} of ${p.total} schools fall short — ${subs('en', p.items).join('; ')}` + (p.missing.length ? `; no data for ${codes('en', p.missing)}` : ''),
    example: { failing: 1, total: 3, items: [ex({ code: 'ENGINE_SCHOOL_ITEM', params: { school: 'School A', schoolCode: 'A', detail: ex({ code: 'ENGINE_NO_FUNDS', params: {} }) } })], missing: ['5001030002'] },
  },
  ENGINE_SCHOOLS_NO_DATA: {
    'zh-CN': (p: { missing: number; total: number; items: NestedMessage[] }) =>
      `${p.total}所学校中${p.missing}所数据不足：${subs('zh-CN', p.items).join('；')}`,
    en: (p) => `no data for ${p.missing} of ${p.total} schools — ${subs('en', p.items).join('; ')}`,
    example: { missing: 1, total: 3, items: [ex({ code: 'ENGINE_SCHOOL_ITEM', params: { school: 'School A', schoolCode: 'A', detail: ex({ code: 'ENGINE_NO_FUNDS', params: {} }) } })] },
  },
  ENGINE_SCHOOLS_ALL_MET: {
    'zh-CN': (p: { total: number }) => `${p.total}所适用学校均达标`,
    en: (p) => `all ${p.total} applicable schools meet it`,
    example: { total: 12 },
  },
  ENGINE_NO_APPLICABLE: {
    'zh-CN': (p: { scope: string }) => NOBODY[p.scope]?.['zh-CN'] ?? '本区县无适用学校',
    en: (p) => NOBODY[p.scope]?.en ?? 'no applicable school in the district',
    example: { scope: 'special' },
  },

  // --- rated indicators and vetoes (督导评估组评定, 一票否决) -------------------------------------------------
  ENGINE_NO_RATING: {
    'zh-CN': (_: Record<string, never>) => '督导评估组尚未评定',
    en: () => 'no inspector rating recorded',
    example: {},
  },
  ENGINE_RATED: {
    'zh-CN': (p: { met: boolean; note: string | null }) => `督导评估组评定为${p.met ? '达标' : '未达标'}${p.note ? `：${p.note}` : ''}`,
    en: (p) => `rated ${p.met ? 'met' : 'not met'} by inspectors${p.note ? `: ${p.note}` : ''}`,
    example: { met: false as boolean, note: '两所学校布局调整未完成' as string | null },
  },
  ENGINE_VETO_OCCURRED: {
    'zh-CN': (p: { indicator: string; note: string | null }) => `记录有一票否决情形：${name('zh-CN', p.indicator)}${p.note ? `（${p.note}）` : ''}`,
    en: (p) => `disqualifying event recorded: ${name('en', p.indicator)}${p.note ? ` (${p.note})` : ''}`,
    example: { indicator: 'V03', note: '两所学校设重点班' as string | null },
  },
  ENGINE_VETO_NONE_RATED: {
    'zh-CN': (_: Record<string, never>) => '经评定，无此情形',
    en: () => 'rated: no such event',
    example: {},
  },
  ENGINE_VETO_NONE: {
    'zh-CN': (_: Record<string, never>) => '未记录此情形',
    en: () => 'no event recorded',
    example: {},
  },

  // --- government guarantee (政府保障程度) ---------------------------------------------------------------
  ENGINE_NO_FUNDS: {
    'zh-CN': (_: Record<string, never>) => '未报送学校经费数据',
    en: () => 'no school funds delivered',
    example: {},
  },
  ENGINE_NO_STATS: {
    'zh-CN': (_: Record<string, never>) => '未报送学校统计数据',
    en: () => 'no school statistics delivered',
    example: {},
  },
  ENGINE_ROOM_AREA_MISSING: {
    'zh-CN': (p: { kind: string }) => `未报送${room('zh-CN', p.kind)}教室面积`,
    en: (p) => `${room('en', p.kind)} room area not delivered`,
    example: { kind: 'music' },
  },
  ENGINE_G03: {
    'zh-CN': (p: { classes: number; needed: number; music: number; art: number }) =>
      `${p.classes}个班，需音乐、美术专用教室各${p.needed}间，现有音乐教室${p.music}间、美术教室${p.art}间`,
    en: (p) => `${p.classes} ${plural(p.classes, 'class', 'classes')}: ${p.needed} music and ${p.needed} art ${plural(p.needed, 'room', 'rooms')} needed, has ${p.music} music and ${p.art} art`,
    example: { classes: 18, needed: 2, music: 1, art: 2 },
  },
  ENGINE_G03_MORE_ROOMS: {
    'zh-CN': (p: { kind: string; n: number }) => `${room('zh-CN', p.kind)}教室${p.n}间`,
    en: (p) => `${p.n} more ${room('en', p.kind)} ${plural(p.n, 'room', 'rooms')}`,
    example: { kind: 'art', n: 1 },
  },
  ENGINE_G03_ROOM_SIZE: {
    'zh-CN': (p: { kind: string; min: string; smallest: string }) =>
      `不小于${f('zh-CN', p.min)}平方米的${room('zh-CN', p.kind)}教室1间（现最小${v('zh-CN', p.smallest, p.min)}平方米）`,
    en: (p) => `a ${room('en', p.kind)} room of at least ${f('en', p.min)} m² (smallest is ${v('en', p.smallest, p.min)} m²)`,
    example: { kind: 'music', min: '96', smallest: '80' },
  },
  ENGINE_G03_NEEDS: {
    'zh-CN': (p: { items: NestedMessage[] }) => `还需配备${subs('zh-CN', p.items).join('、')}`,
    en: (p) => `needs ${list('en', subs('en', p.items))}`,
    example: { items: [ex({ code: 'ENGINE_G03_MORE_ROOMS', params: { kind: 'music', n: 1 } }), ex({ code: 'ENGINE_G03_MORE_ROOMS', params: { kind: 'art', n: 1 } })] },
  },
  ENGINE_G04: {
    'zh-CN': (p: { students: number; limit: number; met: boolean }) =>
      `义务教育阶段在校生${f('zh-CN', p.students)}人，${p.met ? '未超过' : '超过'}${f('zh-CN', p.limit)}人`,
    en: (p) => `${f('en', p.students)} students ${p.met ? '≤' : '>'} ${f('en', p.limit)}`,
    example: { students: 2140, limit: 2000, met: false as boolean },
  },
  ENGINE_G04_NEEDS: {
    'zh-CN': (p: { excess: number; limit: number }) => `需减少${f('zh-CN', p.excess)}名学生（或新建学校），方可不超过${f('zh-CN', p.limit)}人`,
    en: (p) => `needs ${f('en', p.excess)} fewer students (or a new school) to stay within ${f('en', p.limit)}`,
    example: { excess: 140, limit: 2000 },
  },
  ENGINE_G05: {
    'zh-CN': (p: { stage: Stage; size: number; limit: number; met: boolean }) =>
      `${stage('zh-CN', p.stage)}最大班额${p.size}人，${p.met ? '未超过' : '超过'}${p.limit}人`,
    en: (p) => `largest ${stage('en', p.stage)} class ${p.size} ${p.met ? '≤' : '>'} ${p.limit}`,
    example: { stage: 'junior', size: 56, limit: 50, met: false as boolean },
  },
  ENGINE_G05_NEEDS: {
    'zh-CN': (p: { stage: Stage; n: number; limit: number }) => `${stage('zh-CN', p.stage)}最大班额需减少${p.n}人（至${p.limit}人）`,
    en: (p) => `needs its largest ${stage('en', p.stage)} class reduced by ${p.n} ${plural(p.n, 'student', 'students')} (to ${p.limit})`,
    example: { stage: 'junior', n: 6, limit: 50 },
  },
  ENGINE_NO_STUDENTS: {
    'zh-CN': (_: Record<string, never>) => '无在校生',
    en: () => 'no students',
    example: {},
  },
  ENGINE_G06: {
    'zh-CN': (p: { students: number; budget: string; floor: string; fundedAs: number }) =>
      `在校生${p.students}人；公用经费预算${v('zh-CN', p.budget, p.floor)}元，按${p.fundedAs}人核定应不低于${f('zh-CN', p.floor)}元`,
    en: (p) => `${p.students} students; budget ${v('en', p.budget, p.floor)} yuan vs ${f('en', p.floor)} yuan (benchmark × ${p.fundedAs})`,
    example: { students: 62, budget: '59000', floor: '60000', fundedAs: 100 },
  },
  ENGINE_FUNDS_NEEDS: {
    'zh-CN': (p: { amount: string; purpose: string }) => `还需增加${p.purpose === 'training' ? '教师培训经费' : '公用经费'}${f('zh-CN', p.amount)}元`,
    en: (p) => (p.purpose === 'training' ? `needs ${f('en', p.amount)} yuan more for teacher training` : `needs ${f('en', p.amount)} yuan more public funds`),
    example: { amount: '60000', purpose: 'public' },
  },
  ENGINE_G07: {
    'zh-CN': (p: { value: string; min: string; met: boolean }) => `生均公用经费${v('zh-CN', p.value, p.min)}元，${p.met ? '不低于' : '低于'}${f('zh-CN', p.min)}元`,
    en: (p) => `${v('en', p.value, p.min)} yuan per student ${ge(p.met)} ${f('en', p.min)}`,
    example: { value: '5999.99995', min: '6000', met: false as boolean },
  },
  ENGINE_NO_TEACHERS: {
    'zh-CN': (_: Record<string, never>) => '未报送教师任职数据',
    en: () => 'no teacher postings delivered',
    example: {},
  },
  ENGINE_NO_CIVIL_SERVANT_PAY: {
    'zh-CN': (_: Record<string, never>) => '未报送当地公务员平均工资',
    en: () => "civil servants' average pay not delivered",
    example: {},
  },
  ENGINE_G08: {
    'zh-CN': (p: { value: string; threshold: string; met: boolean }) =>
      `教师年平均工资${v('zh-CN', p.value, p.threshold)}元，${p.met ? '不低于' : '低于'}当地公务员平均工资${f('zh-CN', p.threshold)}元`,
    en: (p) => `average teacher pay ${v('en', p.value, p.threshold)} yuan ${ge(p.met)} civil servants' ${f('en', p.threshold)} yuan`,
    example: { value: '95000', threshold: '100000', met: false as boolean },
  },
  ENGINE_G08_NEEDS: {
    'zh-CN': (p: { total: string; each: string }) => `每年还需增加教师工资${f('zh-CN', p.total)}元（人均${f('zh-CN', p.each)}元）`,
    en: (p) => `needs ${f('en', p.total)} yuan more teacher pay a year (${f('en', p.each)} yuan per teacher)`,
    example: { total: '1000000', each: '5000' },
  },
  ENGINE_G09: {
    'zh-CN': (p: { count: number; teachers: number; value: string; threshold: string; met: boolean; hours: number; years: number }) =>
      `${f('zh-CN', p.teachers)}名教师中${f('zh-CN', p.count)}名完成${p.years}年${p.hours}学时培训（${pc('zh-CN', p.value, p.threshold)}，${reach(p.met)}${pc('zh-CN', p.threshold, [])}）`,
    en: (p) => `${p.count} of ${p.teachers} teachers completed ${p.hours} training hours in ${p.years} years (${pc('en', p.value, p.threshold)} ${ge(p.met)} ${pc('en', p.threshold, [])})`,
    example: { count: 990, teachers: 1000, value: '0.99', threshold: '1', met: false as boolean, hours: 360, years: 5 },
  },
  ENGINE_G09_NEEDS: {
    'zh-CN': (p: { n: number; hours: number }) => `还需${f('zh-CN', p.n)}名教师完成${p.hours}学时培训`,
    en: (p) => `needs ${p.n} more ${plural(p.n, 'teacher', 'teachers')} to complete ${p.hours} training hours`,
    example: { n: 10, hours: 360 },
  },
  ENGINE_G12: {
    'zh-CN': (p: { count: number; teachers: number; value: string; threshold: string; met: boolean }) =>
      `${f('zh-CN', p.teachers)}名专任教师中${f('zh-CN', p.count)}名持有教师资格证（${pc('zh-CN', p.value, p.threshold)}，${reach(p.met)}${pc('zh-CN', p.threshold, [])}）`,
    en: (p) => `${p.count} of ${p.teachers} teachers hold a teacher's certificate (${pc('en', p.value, p.threshold)} ${ge(p.met)} ${pc('en', p.threshold, [])})`,
    example: { count: 99999, teachers: 100000, value: '0.99999', threshold: '1', met: false as boolean },
  },
  ENGINE_G12_NEEDS: {
    'zh-CN': (p: { n: number }) => `还需${f('zh-CN', p.n)}名教师取得教师资格证`,
    en: (p) => `needs ${p.n} more ${plural(p.n, 'teacher', 'teachers')} certified`,
    example: { n: 1 },
  },
  ENGINE_NO_ROTATION_ELIGIBLE: {
    'zh-CN': (_: Record<string, never>) => '无符合交流轮岗条件的教师',
    en: () => 'no teacher marked eligible for rotation',
    example: {},
  },
  ENGINE_G11: {
    'zh-CN': (p: { rotated: number; eligible: number; share: string; minRotated: string; backbone: number; backboneShare: string | null; minBackbone: string }) =>
      `符合交流条件教师${f('zh-CN', p.eligible)}名，交流轮岗${f('zh-CN', p.rotated)}名（${pc('zh-CN', p.share, p.minRotated)}，要求不低于${pc('zh-CN', p.minRotated, [])}）；` +
      `其中骨干教师${f('zh-CN', p.backbone)}名（${p.backboneShare === null ? '—' : pc('zh-CN', p.backboneShare, p.minBackbone)}，要求不低于${pc('zh-CN', p.minBackbone, [])}）`,
    en: (p) => `rotated ${p.rotated} of ${p.eligible} eligible (${pc('en', p.share, p.minRotated)}, needs ${pc('en', p.minRotated, [])}); ` +
      `backbone ${p.backbone} of ${p.rotated} rotated (${p.backboneShare === null ? 'n/a' : pc('en', p.backboneShare, p.minBackbone)}, needs ${pc('en', p.minBackbone, [])})`,
    example: { rotated: 9, eligible: 100, share: '0.09', minRotated: '0.1', backbone: 2, backboneShare: '0.222222222222' as string | null, minBackbone: '0.2' },
  },
  ENGINE_G11_NEEDS: {
    'zh-CN': (p: { extra: number; backboneExtra: number }) =>
      `还需交流轮岗${f('zh-CN', p.extra)}名教师` + (p.backboneExtra > 0 ? `，其中县级以上骨干教师不少于${f('zh-CN', p.backboneExtra)}名` : ''),
    en: (p) => `needs ${p.extra} more ${plural(p.extra, 'teacher', 'teachers')} rotated` +
      (p.backboneExtra > 0 ? `, at least ${p.backboneExtra} of them backbone teachers of county level or above` : ''),
    example: { extra: 2, backboneExtra: 2 },
  },
  ENGINE_G13_STAGE: {
    'zh-CN': (p: { stage: Stage; value: string; threshold: string; met: boolean }) =>
      `${stage('zh-CN', p.stage)}就近划片入学比例${pc('zh-CN', p.value, p.threshold)}，${reach(p.met)}${pc('zh-CN', p.threshold, [])}`,
    en: (p) => `${stage('en', p.stage)} ${pc('en', p.value, p.threshold)} ${ge(p.met)} ${pc('en', p.threshold, [])}`,
    example: { stage: 'primary', value: '0.995', threshold: '1', met: false as boolean },
  },
  ENGINE_G13_NEEDS: {
    'zh-CN': (p: { stage: Stage; points: number }) => `${stage('zh-CN', p.stage)}就近划片入学比例还需提高${f('zh-CN', p.points)}个百分点`,
    en: (p) => `${stage('en', p.stage)} catchment enrolment needs ${f('en', p.points)} percentage points more`,
    example: { stage: 'primary', points: 0.5 },
  },
  ENGINE_G13_MISSING: {
    'zh-CN': (p: { stages: string[] }) => `未报送${p.stages.map((s) => stage('zh-CN', s)).join('、')}就近划片入学比例`,
    en: (p) => `catchment rate not delivered for ${list('en', p.stages.map((s) => stage('en', s)))}`,
    example: { stages: ['junior'] },
  },
  ENGINE_G13_NONE: {
    'zh-CN': (_: Record<string, never>) => '本区县无城区和镇区公办走读学校',
    en: () => 'no urban or town public day school in the district',
    example: {},
  },
  ENGINE_G15_CARE: {
    'zh-CN': (p: { met: boolean; note: string | null }) => `留守儿童关爱体系经评定${p.met ? '健全' : '不健全'}${p.note ? `：${p.note}` : ''}`,
    en: (p) => `left-behind child care rated ${p.met ? 'met' : 'not met'}${p.note ? `: ${p.note}` : ''}`,
    example: { met: false as boolean, note: '关爱台账不全' as string | null },
  },

  ENGINE_G15_CARE_UNRATED: {
    'zh-CN': (_: Record<string, never>) => '留守儿童关爱体系：督导评估组尚未评定',
    en: () => 'left-behind child care: no inspector rating recorded',
    example: {},
  },

  // --- education quality (教育质量) and social recognition (社会认可度) ----------------------------------------
  ENGINE_Q04: {
    'zh-CN': (p: { training: string; budget: string; share: string | null; min: string; required: string }) =>
      `教师培训经费${v('zh-CN', p.training, p.required)}元，公用经费预算${f('zh-CN', p.budget)}元` +
      (p.share === null ? '' : `（占${pc('zh-CN', p.share, p.min)}）`) + `；按${pc('zh-CN', p.min, [])}计应不低于${f('zh-CN', p.required)}元`,
    en: (p) => `training ${v('en', p.training, p.required)} yuan of a ${f('en', p.budget)} yuan budget` +
      (p.share === null ? '' : ` (${pc('en', p.share, p.min)})`) + `; ${pc('en', p.min, [])} is ${f('en', p.required)} yuan`,
    example: { training: '4999', budget: '100000', share: '0.04999' as string | null, min: '0.05', required: '5000' },
  },
  ENGINE_Q09_NONE: {
    'zh-CN': (_: Record<string, never>) => '未报送国家义务教育质量监测结果',
    en: () => 'no quality monitoring results delivered',
    example: {},
  },
  ENGINE_Q09_SUBJECT: {
    'zh-CN': (p: { subject: string; grade: number; rate: string; limit: string; below: boolean; level3: string; tested: number; schools: number }) =>
      `${subject('zh-CN', p.subject, p.grade)}：校际差异率${v('zh-CN', p.rate, p.limit)}，${p.below ? '低于' : '未低于'}${f('zh-CN', p.limit)}；` +
      `${p.schools}所学校${f('zh-CN', p.tested)}名受测学生中达到Ⅲ级及以上水平的占${pc('zh-CN', p.level3, [])}`,
    en: (p) => `${subject('en', p.subject, p.grade)}: difference rate ${v('en', p.rate, p.limit)} ${p.below ? '<' : '≥'} ${f('en', p.limit)}, ` +
      `level III+ ${pc('en', p.level3, [])} of ${f('en', p.tested)} students in ${p.schools} ${plural(p.schools, 'school', 'schools')}`,
    example: { subject: 'mathematics', grade: 8, rate: '0.15', limit: '0.15', below: false as boolean, level3: '0.8123', tested: 1200, schools: 8 },
  },
  ENGINE_Q09_UNUSABLE: {
    'zh-CN': (p: { subjects: string[] }) => `${p.subjects.map((s) => subject('zh-CN', s)).join('、')}无可用结果（无受测学生或成绩方差为0）`,
    en: (p) => `no usable results (no tested students or no score variance) for ${list('en', p.subjects.map((s) => subject('en', s)))}`,
    example: { subjects: ['science/8'] },
  },
  ENGINE_Q09_NEEDS: {
    'zh-CN': (p: { subject: string; grade: number; excess: number; limit: string }) =>
      `${subject('zh-CN', p.subject, p.grade)}校际差异率需降低${f('zh-CN', p.excess)}，方可低于${f('zh-CN', p.limit)}`,
    en: (p) => `${subject('en', p.subject, p.grade)} difference rate must fall by ${f('en', p.excess)} to below ${f('en', p.limit)}`,
    example: { subject: 'chinese', grade: 4, excess: 0.35, limit: '0.15' },
  },
  ENGINE_NO_SURVEY: {
    'zh-CN': (_: Record<string, never>) => '未报送满意度调查结果',
    en: () => 'no survey delivered',
    example: {},
  },
  ENGINE_S01: {
    'zh-CN': (p: { satisfied: number; respondents: number; value: string; threshold: string; met: boolean }) =>
      `${f('zh-CN', p.respondents)}名受访者中${f('zh-CN', p.satisfied)}名满意（${pc('zh-CN', p.value, p.threshold)}，${reach(p.met)}${pc('zh-CN', p.threshold, [])}）`,
    en: (p) => `${f('en', p.satisfied)} of ${f('en', p.respondents)} satisfied (${pc('en', p.value, p.threshold)} ${ge(p.met)} ${pc('en', p.threshold, [])})`,
    example: { satisfied: 849, respondents: 1000, value: '0.849', threshold: '0.85', met: false as boolean },
  },
  ENGINE_S01_NEEDS: {
    'zh-CN': (p: { n: number; respondents: number }) => `还需增加满意受访者${f('zh-CN', p.n)}名（受访者共${f('zh-CN', p.respondents)}名）`,
    en: (p) => `needs ${f('en', p.n)} more satisfied ${plural(p.n, 'respondent', 'respondents')} out of ${f('en', p.respondents)}`,
    example: { n: 1, respondents: 1000 },
  },

  // --- two never-decrease (两个只增不减) -------------------------------------------------------------------
  FUNDING_NO_EXPENDITURE: {
    'zh-CN': (p: { year: number }) => `${p.year}年一般公共预算教育支出缺失：财政部门未报送该年度教育支出（education_expenditure）`,
    en: (p) => `No general-budget education expenditure (一般公共预算教育支出) for ${p.year}: finance has not delivered education_expenditure for that year.`,
    example: { year: 2024 },
  },
  FUNDING_BUDGET_USED: {
    'zh-CN': (p: { year: number }) => `${p.year}年：未报送决算，采用预算数`,
    en: (p) => `${p.year}: final accounts (决算) not delivered; the budget (预算) figure is used.`,
    example: { year: 2024 },
  },
  FUNDING_UNUSED_BUDGET: {
    'zh-CN': (p: { year: number; amount: string }) => `${p.year}年：采用决算数；另有预算数${f('zh-CN', p.amount)}元，未采用`,
    en: (p) => `${p.year}: final accounts (决算) used; a budget (预算) figure of ${p.amount} yuan is also on file and not used.`,
    example: { year: 2023, amount: '1250000000.00' },
  },
  FUNDING_NO_ENROLMENT: {
    'zh-CN': (p: { year: number }) => `${p.year}年在校学生数缺失：教育部门未报送该年度在校学生总数（district_education.total_students）`,
    en: (p) => `No enrolment for ${p.year}: education has not delivered district_education.total_students for that year.`,
    example: { year: 2024 },
  },
  FUNDING_ZERO_ENROLMENT: {
    'zh-CN': (p: { year: number }) => `${p.year}年在校学生数为0，生均教育支出无法计算`,
    en: (p) => `Enrolment for ${p.year} is 0: per-student expenditure is undefined.`,
    example: { year: 2024 },
  },
  FUNDING_BASES_DIFFER: {
    'zh-CN': (p: { year: number; basis: string; previousYear: number; previousBasis: string }) =>
      `口径不一致：${p.year}年采用${basis('zh-CN', p.basis)}数，${p.previousYear}年采用${basis('zh-CN', p.previousBasis)}数，比较跨口径进行`,
    en: (p) => `Bases differ: ${p.year} uses ${basis('en', p.basis)} and ${p.previousYear} uses ${basis('en', p.previousBasis)}; the comparison is across bases.`,
    example: { year: 2024, basis: 'budget', previousYear: 2023, previousBasis: 'final' },
  },
  FUNDING_TOTAL_RATE_UNDEFINED: {
    'zh-CN': (p: { previousYear: number; amount: string }) => `总量增幅无法计算：${p.previousYear}年教育支出为${f('zh-CN', p.amount)}元`,
    en: (p) => `Total change rate not defined: the ${p.previousYear} expenditure is ${p.amount}.`,
    example: { previousYear: 2023, amount: '0' },
  },
  FUNDING_TOTAL_FELL_ROUNDED: {
    'zh-CN': (p: { fall: string; rate: string }) => `教育支出总量减少${f('zh-CN', p.fall)}元；增幅四舍五入为${p.rate}，但任何减少均不符合“只增不减”要求`,
    en: (p) => `Total expenditure fell by ${p.fall} yuan; the change rate rounds to ${p.rate}, but any decrease violates the rule.`,
    example: { fall: '0.01', rate: '0.0000' },
  },
  FUNDING_TOTAL_NO_DATA: {
    'zh-CN': (p: { years: number[] }) => `总量比较：数据不足（缺少${p.years.map((y) => `${y}年`).join('、')}教育支出）`,
    en: (p) => `Total check: no data (missing: ${p.years.map((y) => `expenditure ${y}`).join(', ')}).`,
    example: { years: [2024, 2023] },
  },
  FUNDING_PER_STUDENT_RATE_UNDEFINED: {
    'zh-CN': (p: { previousYear: number; amount: string }) => `生均增幅无法计算：${p.previousYear}年教育支出为${f('zh-CN', p.amount)}元`,
    en: (p) => `Per-student change rate not defined: the ${p.previousYear} expenditure is ${p.amount}.`,
    example: { previousYear: 2023, amount: '0' },
  },
  FUNDING_PER_STUDENT_TINY_FALL: {
    'zh-CN': (_: Record<string, never>) => '生均教育支出减少不足0.005元：取整后的数字看似未变，但精确比较（交叉相乘）表明有所减少',
    en: () => 'Per-student expenditure fell by less than 0.005 yuan: the rounded figures look unchanged, but the exact comparison (by cross-multiplication) shows a decrease.',
    example: {},
  },
  FUNDING_ROUNDING_REMARK: {
    'zh-CN': (p: { change: string; roundedDifference: string }) =>
      `生均变化额（${p.change}元）由精确值计算后一次取整；若以取整后的生均数相减，则为${p.roundedDifference}元`,
    en: (p) => `perStudentChange (${p.change}) is computed from exact values and rounded once; the difference of the rounded per-student figures would be ${p.roundedDifference}.`,
    example: { change: '0.01', roundedDifference: '0.02' },
  },
  FUNDING_PER_STUDENT_NO_DATA: {
    'zh-CN': (p: { problems: string[] }) => `生均比较：数据不足（${p.problems.map((x) => fundingProblem('zh-CN', x)).join('、')}）`,
    en: (p) => `Per-student check: no data (${p.problems.map((x) => fundingProblem('en', x)).join(', ')}).`,
    example: { problems: ['expenditure.2024', 'zeroEnrolment.2024', 'enrolment.2023'] },
  },
  FUNDING_CITY_WITHOUT_YEAR: {
    'zh-CN': (p: { year: number; districts: string[] }) => `${p.year}年未计算${p.districts.join('、')}的比较结果，按数据不足计`,
    en: (p) => `No check computed for ${p.year} for ${p.districts.join(', ')}; counted as no data.`,
    example: { year: 2024, districts: ['500102', '500101'] },
  },
  FUNDING_CITY_AVERAGE_COVERS: {
    'zh-CN': (p: { covered: number; total: number; year: number }) =>
      `生均平均值涵盖${p.total}个区县中的${p.covered}个（${p.year}年教育支出和在校学生数均有且学生数不为0的区县）`,
    en: (p) => `The per-student average covers ${p.covered} of ${p.total} districts (those with both expenditure and a non-zero enrolment for ${p.year}).`,
    example: { covered: 39, total: 41, year: 2024 },
  },
  FUNDING_CITY_MIXED_BASES: {
    'zh-CN': (p: { final: number; budget: number }) => `合计数口径不一：${p.final}个区县为决算数，${p.budget}个区县为预算数`,
    en: (p) => `The totals mix bases: ${p.final} districts' final accounts (决算) and ${p.budget} budgets (预算).`,
    example: { final: 30, budget: 11 },
  },
});

/** `expenditure.2024` → 缺少2024年教育支出 / expenditure 2024 missing (the per-student check's missing figures). */
function fundingProblem(l: Locale, token: string): string {
  const [kind, year] = token.split('.');
  if (l === 'zh-CN') {
    if (kind === 'expenditure') return `缺少${year}年教育支出`;
    if (kind === 'enrolment') return `缺少${year}年在校学生数`;
    if (kind === 'zeroEnrolment') return `${year}年在校学生数为0`;
    return token;
  }
  if (kind === 'expenditure') return `expenditure ${year} missing`;
  if (kind === 'enrolment') return `enrolment ${year} missing`;
  if (kind === 'zeroEnrolment') return `enrolment ${year} is 0`;
  return token;
}
