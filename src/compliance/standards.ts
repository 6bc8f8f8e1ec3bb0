/**
 * The standards as data. Every threshold the engine uses lives here and nowhere else.
 *
 * YJ2017: 县域义务教育优质均衡发展督导评估办法 (教督〔2017〕6号) — quality balance, the full verdict.
 * JB2012: 县域义务教育均衡发展督导评估暂行办法 (教督〔2012〕3号) — basic balance (基本均衡), judged on the
 *         composite CV of the resource indicators.
 */
import type { Stage, StandardCode } from './types';

export type IndicatorKind = 'resource' | 'guarantee' | 'quality' | 'recognition' | 'veto';
export type IndicatorSource = 'computed' | 'rating' | 'computed+rating';

export interface IndicatorDef {
  code: string;
  name: string;
  nameZh: string;
  /** Unit of the value (for school-level G/Q indicators: the unit of each school's value). */
  unit: string;
  kind: IndicatorKind;
  source: IndicatorSource;
  /** Named thresholds; resource indicators are keyed by stage. Rated indicators have none. */
  thresholds: Readonly<Record<string, number>>;
  /** Ratios "per 100 students" carry per = 100; per-student ratios per = 1. */
  per?: number;
}

export interface Standard {
  code: StandardCode;
  title: string;
  titleZh: string;
  reference: string;
  /** Which schools count for R1–R7 and their spreads. */
  scope: { teachingPointMinStudents: number };
  /** 校校达标: null when the standard has no per-school thresholds. */
  schoolRule: { minIndicatorsMet: number; ofIndicators: number; minShareOfThreshold: number } | null;
  /** 差异系数: 'each' judges every R indicator's CV; 'composite' judges their plain mean. */
  spread: { mode: 'each' | 'composite'; limits: Readonly<Record<Stage, number>> };
  /** Years since basic balance required before applying; null when not applicable. */
  precondition: { basicBalanceYearsBefore: number } | null;
  indicators: Readonly<Record<string, IndicatorDef>>;
}

export const RESOURCE_CODES = ['R1', 'R2', 'R3', 'R4', 'R5', 'R6', 'R7'] as const;
export type ResourceCode = (typeof RESOURCE_CODES)[number];

function rows(defs: IndicatorDef[]): Record<string, IndicatorDef> {
  return Object.fromEntries(defs.map((d) => [d.code, Object.freeze(d)]));
}

function rated(code: string, kind: IndicatorKind, name: string, nameZh: string): IndicatorDef {
  return { code, name, nameZh, unit: 'rating', kind, source: 'rating', thresholds: {} };
}

function veto(code: string, name: string, nameZh: string): IndicatorDef {
  return { code, name, nameZh, unit: 'event', kind: 'veto', source: 'rating', thresholds: {} };
}

/** R1–R7 without thresholds: the value definitions shared by both standards. */
const RESOURCE_ROWS: Omit<IndicatorDef, 'thresholds'>[] = [
  { code: 'R1', name: 'Teachers with a degree above the legal minimum per 100 students', nameZh: '每百名学生拥有高于规定学历教师数', unit: 'teachers per 100 students', kind: 'resource', source: 'computed', per: 100 },
  { code: 'R2', name: 'Backbone teachers of county level or above per 100 students', nameZh: '每百名学生拥有县级以上骨干教师数', unit: 'teachers per 100 students', kind: 'resource', source: 'computed', per: 100 },
  { code: 'R3', name: 'PE and arts full-time teachers per 100 students', nameZh: '每百名学生拥有体育、艺术（美术、音乐）专任教师数', unit: 'teachers per 100 students', kind: 'resource', source: 'computed', per: 100 },
  { code: 'R4', name: 'Teaching and auxiliary floor area per student', nameZh: '生均教学及辅助用房面积', unit: 'm² per student', kind: 'resource', source: 'computed', per: 1 },
  { code: 'R5', name: 'Sports ground and hall area per student', nameZh: '生均体育运动场馆面积', unit: 'm² per student', kind: 'resource', source: 'computed', per: 1 },
  { code: 'R6', name: 'Teaching equipment value per student', nameZh: '生均教学仪器设备值', unit: 'yuan per student', kind: 'resource', source: 'computed', per: 1 },
  { code: 'R7', name: 'Networked multimedia classrooms per 100 students', nameZh: '每百名学生拥有网络多媒体教室数', unit: 'classrooms per 100 students', kind: 'resource', source: 'computed', per: 100 },
];

const YJ2017_RESOURCE_THRESHOLDS: Record<ResourceCode, Record<Stage, number>> = {
  R1: { primary: 4.2, junior: 5.3 },
  R2: { primary: 1.0, junior: 1.0 },
  R3: { primary: 0.9, junior: 0.9 },
  R4: { primary: 4.5, junior: 5.8 },
  R5: { primary: 7.5, junior: 10.2 },
  R6: { primary: 2000, junior: 2500 },
  R7: { primary: 2.3, junior: 2.4 },
};

const YJ2017: Standard = {
  code: 'YJ2017',
  title: 'Supervision and assessment of quality-balanced compulsory education in counties',
  titleZh: '县域义务教育优质均衡发展督导评估办法',
  reference: '教督〔2017〕6号',
  scope: { teachingPointMinStudents: 50 },
  schoolRule: { minIndicatorsMet: 6, ofIndicators: 7, minShareOfThreshold: 0.85 },
  spread: { mode: 'each', limits: { primary: 0.5, junior: 0.45 } },
  precondition: { basicBalanceYearsBefore: 3 },
  indicators: rows([
    ...RESOURCE_ROWS.map((r) => ({ ...r, thresholds: YJ2017_RESOURCE_THRESHOLDS[r.code as ResourceCode] })),

    // 政府保障程度
    rated('G01', 'guarantee', 'School layout planned and reasonable', '学校规划布局合理，符合国家规定要求'),
    rated('G02', 'guarantee', 'One building, staffing, funding-benchmark and equipment standard for town and country', '城乡学校建设标准、教师编制标准、生均公用经费基准定额、基本装备配置标准统一'),
    { code: 'G03', name: 'Music and art rooms: at least one of each per 12 classes, music ≥ 96 m², art ≥ 90 m²', nameZh: '每12个班级配备音乐、美术专用教室1间以上，音乐教室不小于96平方米，美术教室不小于90平方米', unit: 'rooms', kind: 'guarantee', source: 'computed',
      thresholds: { classesPerRoom: 12, minRoomsPerKind: 1, musicRoomMinM2: 96, artRoomMinM2: 90 } },
    { code: 'G04', name: 'School size: at most 2000 students, nine- and twelve-year schools at most 2500 in the compulsory stages', nameZh: '小学、初中规模不超过2000人，九年一贯制、十二年一贯制学校义务教育阶段不超过2500人', unit: 'students', kind: 'guarantee', source: 'computed',
      thresholds: { singleStageMaxStudents: 2000, combinedMaxStudents: 2500 } },
    { code: 'G05', name: 'Class size: at most 45 students in primary, 50 in junior', nameZh: '小学、初中所有班级学生数分别不超过45人、50人', unit: 'students per class', kind: 'guarantee', source: 'computed',
      thresholds: { primary: 45, junior: 50 } },
    { code: 'G06', name: 'Village schools and teaching points under 100 students funded as if they had 100', nameZh: '不足100名学生的村小学和教学点按100名学生核定公用经费', unit: 'yuan', kind: 'guarantee', source: 'computed',
      thresholds: { smallSchoolMaxStudents: 100, fundedAsStudents: 100 } },
    { code: 'G07', name: 'Special-education schools get at least 6000 yuan public funds per student', nameZh: '特殊教育学校生均公用经费不低于6000元', unit: 'yuan per student', kind: 'guarantee', source: 'computed',
      thresholds: { minYuanPerStudent: 6000 } },
    { code: 'G08', name: "Teachers' average pay at least local civil servants' average pay", nameZh: '教师平均工资水平不低于当地公务员平均工资收入水平', unit: 'yuan per teacher per year', kind: 'guarantee', source: 'computed',
      thresholds: { minShareOfCivilServantPay: 1 } },
    { code: 'G09', name: 'Teachers who completed 360 training hours in 5 years', nameZh: '教师5年360学时培训完成率', unit: 'share of teachers', kind: 'guarantee', source: 'computed',
      thresholds: { minShare: 1, trainingHours: 360, windowYears: 5 } },
    rated('G10', 'guarantee', 'Staffing quotas allocated across schools within the approved total', '县级教育行政部门在核定的教职工编制总额和岗位总量内统筹分配各校教职工编制和岗位数量'),
    { code: 'G11', name: 'Teacher rotation: at least 10% of eligible teachers, backbone teachers at least 20% of those rotated', nameZh: '交流轮岗教师比例不低于符合交流条件教师总数的10%，其中骨干教师不低于交流轮岗教师总数的20%', unit: 'share of eligible teachers', kind: 'guarantee', source: 'computed',
      thresholds: { minRotatedShare: 0.1, minBackboneShareOfRotated: 0.2 } },
    { code: 'G12', name: 'Full-time teachers holding a teacher certificate', nameZh: '专任教师持有教师资格证上岗率', unit: 'share of teachers', kind: 'guarantee', source: 'computed',
      thresholds: { minShare: 1 } },
    { code: 'G13', name: 'Urban and town public schools (not boarding) enrol by catchment', nameZh: '城区和镇区公办小学、初中（不含寄宿制学校）就近划片入学比例', unit: 'share of entrants', kind: 'guarantee', source: 'computed',
      thresholds: { primary: 1, junior: 0.95 } },
    { code: 'G14', name: 'Quality high-school places allocated to junior schools by quota', nameZh: '优质高中招生名额分配比例', unit: 'share of places', kind: 'guarantee', source: 'computed',
      thresholds: { minShare: 0.5 } },
    { code: 'G15', name: 'Eligible migrant children in public or publicly funded schools; left-behind child care in place', nameZh: '符合条件的随迁子女在公办学校和政府购买服务的民办学校就读的比例；留守儿童关爱体系健全', unit: 'share of migrant children', kind: 'guarantee', source: 'computed+rating',
      thresholds: { minShare: 0.85 } },

    // 教育质量
    { code: 'Q01', name: 'Junior three-year retention', nameZh: '初中三年巩固率', unit: 'share of cohort', kind: 'quality', source: 'computed',
      thresholds: { minShare: 0.95 } },
    { code: 'Q02', name: 'Enrolment of children with disabilities', nameZh: '残疾儿童少年入学率', unit: 'share of children', kind: 'quality', source: 'computed',
      thresholds: { minShare: 0.95 } },
    rated('Q03', 'quality', 'Every school has a charter; management and teaching are digitised', '所有学校制定章程，实现学校管理与教学信息化'),
    { code: 'Q04', name: 'Every school spends at least 5% of its public-funds budget on teacher training', nameZh: '所有学校按照不低于学校年度公用经费预算总额的5%安排教师培训经费', unit: 'share of public-funds budget', kind: 'quality', source: 'computed',
      thresholds: { minShare: 0.05 } },
    rated('Q05', 'quality', 'Teachers use IT fluently; equipment well used', '教师能熟练运用信息化手段组织教学，设施设备利用率达到较高水平'),
    rated('Q06', 'quality', 'Moral education and campus culture rated good or better', '德育工作、校园文化建设水平达到良好以上'),
    rated('Q07', 'quality', 'Full curriculum, orderly teaching, practical activities', '课程开齐开足，教学秩序规范，综合实践活动有效开展'),
    rated('Q08', 'quality', 'No excessive homework burden', '无过重课业负担'),
    { code: 'Q09', name: 'National quality monitoring: level III or above, between-school difference rate below 0.15', nameZh: '国家义务教育质量监测相关科目学业水平达到Ⅲ级以上，且校际差异率低于0.15', unit: 'difference rate', kind: 'quality', source: 'computed',
      thresholds: { maxDifferenceRate: 0.15 } },

    // 社会认可度
    { code: 'S01', name: 'Social recognition: satisfied respondents', nameZh: '社会认可度', unit: 'share of respondents', kind: 'recognition', source: 'computed',
      thresholds: { minShare: 0.85 } },

    // 一票否决
    veto('V01', 'Admission by examination', '以考试方式招生'),
    veto('V02', 'Irregular school choice', '违规择校行为突出'),
    veto('V03', 'Designated key schools or key classes', '设置重点校、重点班'),
  ]),
};

const JB2012: Standard = {
  code: 'JB2012',
  title: 'Interim supervision and assessment of balanced compulsory education in counties (basic balance)',
  titleZh: '县域义务教育均衡发展督导评估暂行办法',
  reference: '教督〔2012〕3号',
  scope: { teachingPointMinStudents: 50 },
  schoolRule: null,
  spread: { mode: 'composite', limits: { primary: 0.65, junior: 0.55 } },
  precondition: null,
  indicators: rows(RESOURCE_ROWS.map((r) => ({ ...r, thresholds: {} }))),
};

export const STANDARDS: Readonly<Record<StandardCode, Standard>> = Object.freeze({ YJ2017, JB2012 });

export function standardOf(code: StandardCode): Standard {
  const s = STANDARDS[code];
  if (!s) throw new RangeError(`unknown standard ${String(code)}`);
  return s;
}

/** The definition of an indicator in a standard; a missing row is a programming error. */
export function indicatorDef(standard: Standard, code: string): IndicatorDef {
  const def = standard.indicators[code];
  if (!def) throw new RangeError(`indicator ${code} is not part of standard ${standard.code}`);
  return def;
}

/** A named threshold of an indicator; a missing one is a programming error. */
export function thresholdOf(def: IndicatorDef, key: string): number {
  const t = def.thresholds[key];
  if (t === undefined) throw new RangeError(`indicator ${def.code} has no threshold "${key}"`);
  return t;
}
