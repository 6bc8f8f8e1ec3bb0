import {
  BackboneLevel,
  Degree,
  Department,
  DistrictKind,
  ExpenditureBasis,
  Location,
  Ownership,
  SchoolType,
  Stage,
  VisitStatus,
} from '../common/vocabulary';
import { Message, msg } from '../messages';
import { UNIT_COST_ITEMS, UnitCostItem, UnitCostUnit } from '../funding/unit-cost.entity';
import type { QueryRunner } from 'typeorm';
import { applySupervisionVisits, LIVE_SUPERVISION_VISITS } from './supervision-visits';
import type { UpsertCounts, WriteProgress } from './upsert';

/**
 * The data contract (DOMAIN.md §4) as data: one definition per dataset. The readers, the validation, the staging
 * table, the upsert, the history and docs/data-contract.md are all driven by these definitions, so adding a
 * dataset means: its entity, its migration, and one definition below.
 */

/** What a cell may hold. Limits mirror the column types and CHECK constraints of the migration. */
export type ColumnType =
  | {
      kind: 'text';
      /** Most characters (Unicode code points) a cell may hold; the database has the same CHECK. */
      maxLength: number;
      pattern?: RegExp;
      patternHint?: string;
    }
  | { kind: 'enum'; values: readonly string[] }
  | { kind: 'int'; min: number; max: number }
  | {
      kind: 'decimal';
      precision: number;
      scale: number;
      min: number;
      max?: number;
      /** Round extra decimals (computed statistics) instead of rejecting them (amounts, areas). */
      round: boolean;
    }
  | { kind: 'bool' }
  | { kind: 'date'; minYear: number; maxYear: number };

export interface ColumnDefinition {
  /** Header in the delivered file. */
  name: string;
  /** Column of the target table (the same except `schools.school_code` → `code`). */
  column: string;
  type: ColumnType;
  /** A required column must be in the header and every row must have a value; an optional one may be absent. */
  required: boolean;
  /** For the docs: unit of measure (yuan, m², hours…). */
  unit?: string;
  description: string;
  /** The value must be the code of an existing row of this dataset (checked in SQL against the database). */
  references?: 'districts' | 'schools';
  /** Optional columns only: the canonical value an empty cell or an absent column stands for (else null). */
  default?: string;
}

/** Canonical values of one row, by file column name; null for an empty optional cell. */
export type ParsedRow = Readonly<Record<string, string | null>>;

/** A rule across the columns of one row; returns the reason when the row breaks it. */
export interface RowCheck {
  column: string;
  description: string;
  test(row: ParsedRow): Message | null;
}

/**
 * A rule checked in SQL on the staged rows (they need the database). `select(staging)` returns a query with the
 * columns row_number, value, params (jsonb, the figures of the message `code`): one row per problem.
 */
export interface SqlCheck {
  column: string;
  description: string;
  code: 'IMPORT_SCHOOL_WITHOUT_STAGE';
  select(staging: string): string;
}

export interface DatasetDefinition {
  name: string;
  department: Department;
  table: string;
  /** File column names of the dataset's key: unique in a file, upserted on. */
  key: readonly string[];
  title: string;
  description: string;
  columns: readonly ColumnDefinition[];
  rowChecks: readonly RowCheck[];
  sqlChecks: readonly SqlCheck[];
  /** Applies the staged rows when the dataset's table is not the file's shape (default: upsertFromStaging). */
  apply?: (runner: QueryRunner, definition: DatasetDefinition, batchId: string, onProgress?: WriteProgress, chunkRows?: number) => Promise<UpsertCounts>;
  /** With `apply`: SQL listing the live rows in the file's columns, plus batch_id (what `table` is otherwise). */
  live?: string;
}

// ---- column builders ------------------------------------------------------------------------------------------

export const YEAR_MIN = 2000;
export const YEAR_MAX = 2100;
const INT_MAX = 2147483647;

/** Text lengths of the contract (docs/data-contract.md): codes and identifiers, names, free text. */
export const TEXT_LIMITS = { code: 32, name: 100, note: 2000 } as const;

type Extra = Partial<Pick<ColumnDefinition, 'column' | 'unit' | 'references' | 'default'>> & { optional?: boolean; maxLength?: number };

function column(name: string, type: ColumnType, description: string, extra: Extra = {}): ColumnDefinition {
  const { optional, maxLength: _maxLength, ...rest } = extra;
  return { name, column: name, type, required: !optional, description, ...rest };
}

/** Text, by default a code or identifier (32 characters); names and free text say their own limit. */
const text = (name: string, description: string, extra?: Extra) =>
  column(name, { kind: 'text', maxLength: extra?.maxLength ?? TEXT_LIMITS.code }, description, extra);
const code = (name: string, description: string, pattern: RegExp, patternHint: string) =>
  column(name, { kind: 'text', maxLength: TEXT_LIMITS.code, pattern, patternHint }, description);
const oneOf = (name: string, values: Record<string, string>, description: string) =>
  column(name, { kind: 'enum', values: Object.values(values) }, description);
const count = (name: string, description: string) => column(name, { kind: 'int', min: 0, max: INT_MAX }, description);
const year = (name: string, description: string, extra?: Extra) =>
  column(name, { kind: 'int', min: YEAR_MIN, max: YEAR_MAX }, description, extra);
const bool = (name: string, description: string, extra?: Extra) => column(name, { kind: 'bool' }, description, extra);
const date = (name: string, description: string, extra?: Extra) =>
  column(name, { kind: 'date', minYear: YEAR_MIN, maxYear: YEAR_MAX }, description, extra);
const amount = (name: string, precision: number, description: string, extra: Extra = {}) =>
  column(name, { kind: 'decimal', precision, scale: 2, min: 0, round: false }, description, { unit: 'yuan', ...extra });
const area = (name: string, precision: number, description: string, extra: Extra = {}) =>
  column(name, { kind: 'decimal', precision, scale: 2, min: 0, round: false }, description, { unit: 'm²', ...extra });
/** A share 0–1 stored as numeric(7,6): computed in spreadsheets, so longer fractions are rounded, not rejected. */
const rate = (name: string, description: string, extra: Extra = {}) =>
  column(name, { kind: 'decimal', precision: 7, scale: 6, min: 0, max: 1, round: true }, description, {
    unit: 'fraction 0–1',
    ...extra,
  });
const districtCode = (description = 'District code (see `districts`)') =>
  column('district_code', { kind: 'text', maxLength: TEXT_LIMITS.code }, description, { references: 'districts' });
const schoolCode = (description = 'School code (see `schools`)') =>
  column('school_code', { kind: 'text', maxLength: TEXT_LIMITS.code }, description, { references: 'schools' });
const schoolYear = () => year('year', 'School year, as the calendar year it starts');
const calendarYear = () => year('year', 'Calendar (budget) year');

// ---- domain rules ---------------------------------------------------------------------------------------------

/** The stages (学段) each type of school teaches: a teacher can only be posted to one of them. */
export const STAGES_BY_SCHOOL_TYPE: Readonly<Record<SchoolType, readonly Stage[]>> = {
  [SchoolType.PRIMARY]: [Stage.PRIMARY],
  [SchoolType.TEACHING_POINT]: [Stage.PRIMARY],
  [SchoolType.JUNIOR]: [Stage.JUNIOR],
  [SchoolType.COMPLETE_SECONDARY]: [Stage.JUNIOR],
  [SchoolType.NINE_YEAR]: [Stage.PRIMARY, Stage.JUNIOR],
  [SchoolType.TWELVE_YEAR]: [Stage.PRIMARY, Stage.JUNIOR],
  [SchoolType.SPECIAL]: [Stage.PRIMARY, Stage.JUNIOR],
};

const sqlText = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** The school must have the stage of the row (teacher postings). */
function stageOfSchool(what: string): SqlCheck {
  const allowed = Object.entries(STAGES_BY_SCHOOL_TYPE)
    .flatMap(([type, stages]) => stages.map((stage) => `(${sqlText(type)}, ${sqlText(stage)})`))
    .join(', ');
  return {
    column: 'stage',
    description: `the school must have the stage (${what})`,
    code: 'IMPORT_SCHOOL_WITHOUT_STAGE',
    select: (staging) => `
      SELECT s.row_number, s.stage AS value,
             jsonb_build_object('school', s.school_code, 'schoolType', sc.school_type, 'stage', s.stage) AS params
      FROM ${staging} s
      JOIN schools sc ON sc.code = s.school_code
      WHERE (sc.school_type, s.stage) NOT IN (VALUES ${allowed})`,
  };
}

const isTrue = (v: string | null) => v === 'true';

// ---- the fourteen datasets ------------------------------------------------------------------------------------

const districts: DatasetDefinition = {
  name: 'districts',
  department: Department.PLANNING,
  table: 'districts',
  key: ['code'],
  title: 'Districts (区县)',
  description: 'The districts evaluated, with the year the municipal plan schedules each for the national assessment.',
  columns: [
    text('code', 'GB/T 2260 administrative code, or a short letter code for a functional zone'),
    text('name', 'Name, e.g. 万州区', { maxLength: TEXT_LIMITS.name }),
    oneOf('kind', DistrictKind, 'District (区), county (县), autonomous county (自治县) or functional zone (功能区)'),
    year('planned_certification_year', 'Year the plan schedules the national 优质均衡 assessment'),
    bool('certified', 'Passed the national assessment'),
    year('certified_year', 'Year it passed', { optional: true }),
    year('basic_balance_year', 'Year it passed basic balance (基本均衡); the precondition shown beside the verdict (it may apply three years later)', { optional: true }),
  ],
  rowChecks: [
    {
      column: 'certified_year',
      description: 'certified_year is only given for a certified district',
      test: (r) =>
        r.certified_year !== null && !isTrue(r.certified)
          ? msg('IMPORT_CERTIFIED_YEAR_NOT_CERTIFIED', { year: r.certified_year })
          : null,
    },
  ],
  sqlChecks: [],
};

const schools: DatasetDefinition = {
  name: 'schools',
  department: Department.EDUCATION,
  table: 'schools',
  key: ['school_code'],
  title: 'Schools (学校)',
  description: 'Every school of compulsory education registered by the education department.',
  columns: [
    column('school_code', { kind: 'text', maxLength: TEXT_LIMITS.code }, 'School code (学校标识码)', { column: 'code' }),
    text('name', 'Name of the school', { maxLength: TEXT_LIMITS.name }),
    districtCode(),
    oneOf('school_type', SchoolType, 'Type of school; it decides which stages (primary, junior) the school has'),
    oneOf('location', Location, 'Urban (城区), town (镇区) or rural (乡村)'),
    bool('boarding', 'Boarding school (寄宿制)'),
    oneOf('ownership', Ownership, 'Public (公办) or private (民办)'),
  ],
  rowChecks: [],
  sqlChecks: [],
};

const schoolStats: DatasetDefinition = {
  name: 'school_stats',
  department: Department.EDUCATION,
  table: 'school_stats',
  key: ['school_code', 'year', 'stage'],
  title: 'Annual school statistics (学校年报)',
  description: 'Students, classes, buildings and equipment of one stage of one school for a school year (R1–R7 inputs).',
  columns: [
    schoolCode(),
    schoolYear(),
    oneOf('stage', Stage, 'Stage (学段) the figures are for'),
    count('students', 'Enrolled students of the stage'),
    count('classes', 'Number of classes'),
    count('max_class_size', 'Students in the largest class'),
    area('teaching_aux_area_m2', 14, 'Teaching and auxiliary floor area (教学及辅助用房面积)'),
    area('sports_area_m2', 14, 'Sports ground and hall area (体育运动场馆面积)'),
    amount('equipment_value_yuan', 16, 'Teaching equipment value (教学仪器设备值)'),
    count('multimedia_rooms', 'Networked multimedia classrooms (网络多媒体教室)'),
    count('music_rooms', 'Music rooms'),
    area('music_room_min_area_m2', 10, 'Area of the smallest music room', { optional: true }),
    count('art_rooms', 'Fine-art rooms'),
    area('art_room_min_area_m2', 10, 'Area of the smallest art room', { optional: true }),
  ],
  rowChecks: [],
  sqlChecks: [],
};

const districtEducation: DatasetDefinition = {
  name: 'district_education',
  department: Department.EDUCATION,
  table: 'district_education',
  key: ['district_code', 'year'],
  title: 'District education statistics',
  description: 'Enrolment of all levels and the rates of the education-quality indicators, per district and year.',
  columns: [
    districtCode(),
    schoolYear(),
    count('total_students', 'Enrolled students of all levels (在校学生数), the funding rule\'s denominator'),
    rate('junior_retention_rate', 'Three-year junior retention rate (初中三年巩固率)', { optional: true }),
    rate('disabled_enrolment_rate', 'Enrolment rate of children with disabilities (残疾儿童入学率)', { optional: true }),
    rate('catchment_rate_primary', 'Primary pupils enrolled by catchment (就近入学比例)', { optional: true }),
    rate('catchment_rate_junior', 'Junior pupils enrolled by catchment', { optional: true }),
    rate('quality_hs_quota_rate', 'Share of quality high-school places allocated by quota (指标到校)', { optional: true }),
    rate('migrant_public_rate', 'Share of eligible migrant children in public schools (随迁子女)', { optional: true }),
  ],
  rowChecks: [],
  sqlChecks: [],
};

const teacherPostings: DatasetDefinition = {
  name: 'teacher_postings',
  department: Department.STAFFING,
  table: 'teacher_postings',
  key: ['teacher_id', 'year'],
  title: 'Teacher postings (教师任教)',
  description: 'Each teacher\'s school, stage and qualifications for a school year. teacher_id is a pseudonym: names and ID numbers never enter the hub.',
  columns: [
    text('teacher_id', 'Pseudonymous teacher id, stable across years'),
    schoolYear(),
    schoolCode(),
    oneOf('stage', Stage, 'Stage taught; it must be a stage the school has'),
    code('subject', 'Subject taught, lower case: chinese, maths, english, pe, music, art, …', /^[a-z][a-z_]*$/, 'lower-case letters and underscores, e.g. pe, music, art'),
    oneOf('degree', Degree, 'Highest degree (学历)'),
    oneOf('backbone_level', BackboneLevel, 'Backbone teacher (骨干教师) level'),
    bool('certified', 'Holds a teacher\'s certificate (教师资格证)'),
    column('training_hours_5y', { kind: 'decimal', precision: 8, scale: 1, min: 0, round: false }, 'Training hours completed in the last five years', { unit: 'hours' }),
    amount('annual_pay_yuan', 14, 'Annual pay'),
    bool('rotation_eligible', 'Eligible for exchange rotation (交流轮岗)'),
    bool('rotated', 'Rotated this year'),
    bool('full_time', 'Full-time teacher (专任教师); R3 and G12 count full-time teachers only. Empty or absent: true', { optional: true, default: 'true' }),
  ],
  rowChecks: [
    {
      column: 'rotated',
      description: 'a teacher who rotated must be rotation_eligible',
      test: (r) => (isTrue(r.rotated) && !isTrue(r.rotation_eligible) ? msg('IMPORT_ROTATED_NOT_ELIGIBLE', {}) : null),
    },
  ],
  sqlChecks: [stageOfSchool('primary and teaching points: primary; junior and complete secondary: junior; nine-year, twelve-year and special: both')],
};

const civilServantPay: DatasetDefinition = {
  name: 'civil_servant_pay',
  department: Department.STAFFING,
  table: 'civil_servant_pay',
  key: ['district_code', 'year'],
  title: 'Civil servants\' pay (公务员工资)',
  description: 'Average annual pay of the district\'s civil servants, the benchmark for teachers\' pay (G08).',
  columns: [districtCode(), calendarYear(), amount('average_annual_pay_yuan', 14, 'Average annual pay')],
  rowChecks: [],
  sqlChecks: [],
};

const educationExpenditure: DatasetDefinition = {
  name: 'education_expenditure',
  department: Department.FINANCE,
  table: 'education_expenditure',
  key: ['district_code', 'year', 'basis'],
  title: 'Education expenditure (一般公共预算教育支出)',
  description: 'General public budget education expenditure per district and year, from final accounts or the budget.',
  columns: [
    districtCode(),
    calendarYear(),
    oneOf('basis', ExpenditureBasis, 'final = final accounts (决算), budget = budget (预算)'),
    amount('general_budget_education_yuan', 20, 'General public budget education expenditure'),
  ],
  rowChecks: [],
  sqlChecks: [],
};

const schoolFunds: DatasetDefinition = {
  name: 'school_funds',
  department: Department.FINANCE,
  table: 'school_funds',
  key: ['school_code', 'year'],
  title: 'School funds (学校公用经费)',
  description: 'A school\'s public-funds budget, the per-student benchmark, and what it spent on teacher training.',
  columns: [
    schoolCode(),
    calendarYear(),
    amount('public_funds_budget_yuan', 16, 'Annual public-funds budget (公用经费)'),
    amount('public_funds_benchmark_per_student_yuan', 12, 'Public-funds benchmark per student (生均公用经费基准定额)'),
    amount('teacher_training_yuan', 16, 'Spent on teacher training'),
  ],
  rowChecks: [],
  sqlChecks: [],
};

const transferPayments: DatasetDefinition = {
  name: 'transfer_payments',
  department: Department.FINANCE,
  table: 'transfer_payments',
  key: ['district_code', 'year', 'program'],
  title: 'Transfer payments (转移支付)',
  description: 'Transfer payments received by a district, per year and programme.',
  columns: [
    districtCode(),
    calendarYear(),
    text('program', 'Programme code, e.g. compulsory_education_guarantee'),
    amount('amount_yuan', 20, 'Amount'),
  ],
  rowChecks: [],
  sqlChecks: [],
};

const qualityMonitoring: DatasetDefinition = {
  name: 'quality_monitoring',
  department: Department.EDUCATION,
  table: 'quality_monitoring',
  key: ['school_code', 'year', 'subject', 'grade'],
  title: 'Quality monitoring (义务教育质量监测)',
  description: 'A school\'s results in the national quality monitoring, per subject and grade tested (a nine-year school has rows for both grades).',
  columns: [
    schoolCode(),
    schoolYear(),
    text('subject', 'Subject tested, e.g. maths, chinese, science'),
    column('grade', { kind: 'int', min: 4, max: 8 }, 'Grade tested: 4 (primary) or 8 (junior)'),
    count('students_tested', 'Students tested'),
    column('mean_score', { kind: 'decimal', precision: 10, scale: 3, min: 0, round: true }, 'Mean score', { unit: 'points' }),
    column('score_variance', { kind: 'decimal', precision: 14, scale: 4, min: 0, round: true }, 'Variance of the scores', { unit: 'points²' }),
    rate('level3_plus_rate', 'Share of tested students at level III or above'),
  ],
  rowChecks: [
    {
      column: 'grade',
      description: 'grade is 4 or 8 (the grades national monitoring tests)',
      test: (r) => (r.grade !== null && r.grade !== '4' && r.grade !== '8' ? msg('IMPORT_GRADE_NOT_MONITORED', { grade: r.grade }) : null),
    },
  ],
  sqlChecks: [],
};

const ratings: DatasetDefinition = {
  name: 'ratings',
  department: Department.SUPERVISION,
  table: 'ratings',
  key: ['district_code', 'year', 'indicator'],
  title: 'Inspectors\' ratings (督导评议)',
  description: 'Indicators rated by inspectors on site (G and Q codes), and the disqualifying events V01–V03 (met = false: the event occurred).',
  columns: [
    districtCode(),
    calendarYear(),
    code('indicator', 'Indicator code, e.g. G01, Q06, V02', /^[A-Z][0-9]{2}$/, 'an upper-case letter and two digits, e.g. G01, Q06, V02'),
    bool('met', 'The indicator is met (for V01–V03: no disqualifying event)'),
    text('note', 'Inspector\'s note', { optional: true, maxLength: TEXT_LIMITS.note }),
  ],
  rowChecks: [],
  sqlChecks: [],
};

const surveys: DatasetDefinition = {
  name: 'surveys',
  department: Department.SUPERVISION,
  table: 'surveys',
  key: ['district_code', 'year'],
  title: 'Satisfaction surveys (社会认可度调查)',
  description: 'Respondents and satisfied respondents of the district\'s satisfaction survey.',
  columns: [districtCode(), calendarYear(), count('respondents', 'People who answered'), count('satisfied', 'Respondents satisfied')],
  rowChecks: [
    {
      column: 'satisfied',
      description: 'satisfied ≤ respondents',
      test: (r) =>
        r.satisfied !== null && r.respondents !== null && Number(r.satisfied) > Number(r.respondents)
          ? msg('IMPORT_SATISFIED_ABOVE_RESPONDENTS', { satisfied: r.satisfied, respondents: r.respondents })
          : null,
    },
  ],
  sqlChecks: [],
};

const supervisionVisits: DatasetDefinition = {
  name: 'supervision_visits',
  department: Department.SUPERVISION,
  table: 'supervision_visits',
  key: ['visit_id'],
  title: 'Supervision visits (过程督导)',
  description: 'Problems found by process supervision visits to schools, and when each was rectified (销号): each row is a visit and its finding in the ledger (docs/supervision.md).',
  columns: [
    text('visit_id', 'Identifier of the visit finding, unique across deliveries'),
    schoolCode(),
    date('visited_on', 'Date of the visit (YYYY-MM-DD)'),
    text('finding', 'The problem found', { maxLength: TEXT_LIMITS.note }),
    oneOf('status', VisitStatus, 'open, or rectified (销号)'),
    date('rectified_on', 'Date the problem was rectified; required exactly when status is rectified', { optional: true }),
  ],
  rowChecks: [
    {
      column: 'rectified_on',
      description: 'rectified_on is given exactly when status is rectified, and not before visited_on',
      test: (r) => {
        if (r.status === VisitStatus.RECTIFIED && r.rectified_on === null) return msg('IMPORT_RECTIFIED_WITHOUT_DATE', {});
        if (r.status !== VisitStatus.RECTIFIED && r.rectified_on !== null) return msg('IMPORT_RECTIFIED_DATE_NOT_RECTIFIED', { date: r.rectified_on, status: r.status ?? '' });
        if (r.rectified_on !== null && r.visited_on !== null && r.rectified_on < r.visited_on) {
          return msg('IMPORT_RECTIFIED_BEFORE_VISIT', { rectified: r.rectified_on, visited: r.visited_on });
        }
        return null;
      },
    },
  ],
  sqlChecks: [],
  apply: applySupervisionVisits,
  live: LIVE_SUPERVISION_VISITS,
};

/**
 * City-wide, from the finance department alone (D117): the budget authority that consolidates the teachers' employer
 * cost and the construction cost standards it appraises (财政评审); one accountable department per dataset, as for
 * every other. Equipment (R6) is not an item: it is priced at face value by definition.
 */
const unitCosts: DatasetDefinition = {
  name: 'unit_costs',
  department: Department.FINANCE,
  table: 'unit_costs',
  key: ['year', 'item', 'stage'],
  title: 'Unit costs (单位成本)',
  description: 'What one unit of each R1–R7 shortfall costs, city-wide, per budget year and stage: the prices of the cost to qualify (一校一策, docs/planning.md). An item not delivered is priced at the hub\'s documented default, flagged.',
  columns: [
    calendarYear(),
    oneOf('item', UnitCostItem, 'teacher_degree (R1), teacher_backbone (R2), teacher_pe_arts (R3): a teacher\'s yearly employer cost; teaching_space (R4), sports_ground (R5): construction per m²; multimedia_classroom (R7): equipping one classroom'),
    oneOf('stage', Stage, 'Stage (学段) the cost is for'),
    amount('amount_yuan', 14, 'Yuan per unit'),
    oneOf('unit', UnitCostUnit, 'The unit: yuan_per_teacher_year (teacher items), yuan_per_m2 (teaching_space, sports_ground), yuan_per_classroom (multimedia_classroom)'),
    text('note', 'Where the figure comes from: the budget document or cost standard', { optional: true, maxLength: TEXT_LIMITS.note }),
  ],
  rowChecks: [
    {
      column: 'unit',
      description: 'unit is the item\'s unit',
      test: (r) => {
        const expected = r.item !== null ? UNIT_COST_ITEMS[r.item as UnitCostItem]?.unit : undefined;
        return expected && r.unit !== null && r.unit !== expected ? msg('IMPORT_UNIT_COST_WRONG_UNIT', { item: r.item ?? '', unit: r.unit, expected }) : null;
      },
    },
  ],
  sqlChecks: [],
};

/** Every dataset, in an order that satisfies references (districts, then schools, then the rest). */
export const datasets: readonly DatasetDefinition[] = [
  districts,
  schools,
  schoolStats,
  districtEducation,
  teacherPostings,
  civilServantPay,
  educationExpenditure,
  schoolFunds,
  transferPayments,
  qualityMonitoring,
  ratings,
  surveys,
  supervisionVisits,
  unitCosts,
];

const byName = new Map(datasets.map((d) => [d.name, d]));

export function findDataset(name: string): DatasetDefinition | undefined {
  return byName.get(name);
}

export class UnknownDatasetError extends Error {
  readonly code = 'UNKNOWN_DATASET';
  constructor(readonly dataset: string) {
    super(`Unknown dataset "${dataset}": expected one of ${datasets.map((d) => d.name).join(', ')}`);
    this.name = 'UnknownDatasetError';
  }
}

export function getDataset(name: string): DatasetDefinition {
  const definition = byName.get(name);
  if (!definition) throw new UnknownDatasetError(name);
  return definition;
}

export function columnOf(definition: DatasetDefinition, name: string): ColumnDefinition {
  const found = definition.columns.find((c) => c.name === name);
  if (!found) throw new Error(`Dataset ${definition.name} has no column ${name}`);
  return found;
}

/** The dataset whose rows a `references` value points to: its table and key column. */
export const REFERENCED: Readonly<Record<'districts' | 'schools', { table: string; column: string; noun: string }>> = {
  districts: { table: 'districts', column: 'code', noun: 'district' },
  schools: { table: 'schools', column: 'code', noun: 'school' },
};
