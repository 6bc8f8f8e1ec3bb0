/**
 * R1–R7, resource allocation (资源配置) of one school in one stage: a ratio over the stage's students,
 * per 100 students (teachers, classrooms) or per student (areas, equipment).
 */
import { StandardNotApplicableError } from '../errors';
import { Rational } from '../exact';
import { msg } from '../../messages';
import { dec, evidence, joined, judged, missingUnits, noData, shortfall } from '../result';
import type { StagePart } from '../scope';
import { indicatorDef, type ResourceCode, type Standard } from '../standards';
import type { IndicatorResult, Message, StageFacts } from '../types';

/** An R indicator's result with the exact value and threshold the school rule needs. */
export interface ResourceMeasurement {
  result: IndicatorResult;
  value: Rational | null;
  threshold: Rational | null;
}

export type ResourceIndicator = (part: StagePart, standard: Standard) => ResourceMeasurement;

interface ResourceSpec {
  code: ResourceCode;
  /** Evidence name of the numerator. */
  input: string;
  /** The evidence's inputs, `{ stage, students, [input]: amount }` written as a literal (a computed key is a slow literal). */
  inputs(stage: string, students: number, amount: string | number | null): Record<string, string | number | null>;
  /** The numerator (count, m² or yuan), as delivered; null when not delivered. */
  amount(f: StageFacts): string | number | null;
  /** Why the numerator is missing. */
  missing: Message;
  /** Unit of the shortfall (its wording is the catalogue's ENGINE_R_NEEDS). */
  unit: string;
}

const NO_POSTINGS = msg('ENGINE_R_NO_POSTINGS', {});
const notDelivered = (indicator: ResourceCode) => msg('ENGINE_R_INPUT_MISSING', { indicator });

const SPECS: Record<ResourceCode, ResourceSpec> = {
  R1: { code: 'R1', input: 'teachersAboveMinimumDegree', inputs: (stage, students, teachersAboveMinimumDegree) => ({ stage, students, teachersAboveMinimumDegree }),
    amount: (f) => f.teachers?.aboveMinimumDegree ?? null, missing: NO_POSTINGS,
    unit: 'teachers' },
  R2: { code: 'R2', input: 'backboneTeachersCountyPlus', inputs: (stage, students, backboneTeachersCountyPlus) => ({ stage, students, backboneTeachersCountyPlus }),
    amount: (f) => f.teachers?.backboneCountyPlus ?? null, missing: NO_POSTINGS,
    unit: 'teachers' },
  R3: { code: 'R3', input: 'peArtsTeachers', inputs: (stage, students, peArtsTeachers) => ({ stage, students, peArtsTeachers }),
    amount: (f) => f.teachers?.peArts ?? null, missing: NO_POSTINGS,
    unit: 'teachers' },
  R4: { code: 'R4', input: 'teachingAuxAreaM2', inputs: (stage, students, teachingAuxAreaM2) => ({ stage, students, teachingAuxAreaM2 }),
    amount: (f) => f.teachingAuxAreaM2, missing: notDelivered('R4'),
    unit: 'm²' },
  R5: { code: 'R5', input: 'sportsAreaM2', inputs: (stage, students, sportsAreaM2) => ({ stage, students, sportsAreaM2 }),
    amount: (f) => f.sportsAreaM2, missing: notDelivered('R5'),
    unit: 'm²' },
  R6: { code: 'R6', input: 'equipmentValueYuan', inputs: (stage, students, equipmentValueYuan) => ({ stage, students, equipmentValueYuan }),
    amount: (f) => f.equipmentValueYuan, missing: notDelivered('R6'),
    unit: 'yuan' },
  R7: { code: 'R7', input: 'multimediaRooms', inputs: (stage, students, multimediaRooms) => ({ stage, students, multimediaRooms }),
    amount: (f) => f.multimediaRooms, missing: notDelivered('R7'),
    unit: 'classrooms' },
};

/** The numerator as delivered (count, m² or yuan); null when not delivered. */
export function resourceAmount(code: ResourceCode, facts: StageFacts): string | number | null {
  return SPECS[code].amount(facts);
}

/** The indicator's value for a stage's statistics, exactly (amount × per ÷ students); null when missing. */
export function resourceValue(code: ResourceCode, facts: StageFacts | null, standard: Standard): Rational | null {
  if (!facts || facts.students <= 0) return null;
  const amount = SPECS[code].amount(facts);
  if (amount === null) return null;
  return valueOf(code, facts, amount, indicatorDef(standard, code).per ?? 1);
}

/**
 * amount × per ÷ students, remembered per statistics row, indicator and `per` (Rationals are immutable): the school
 * rule and the spreads (and their evidence) of a stage ask for the same value, and the facts are kept across requests.
 */
const VALUES = new WeakMap<StageFacts, ({ per: number; value: Rational } | undefined)[]>();
function valueOf(code: ResourceCode, facts: StageFacts, amount: string | number, per: number): Rational {
  let memo = VALUES.get(facts);
  if (!memo) VALUES.set(facts, (memo = []));
  const i = code.charCodeAt(1) - 49; // R1 → 0 … R7 → 6
  const m = memo[i];
  if (m && m.per === per) return m.value;
  const value = Rational.from(amount).mul(per).div(facts.students);
  memo[i] = { per, value };
  return value;
}

function measure(spec: ResourceSpec, part: StagePart, standard: Standard): ResourceMeasurement {
  const def = indicatorDef(standard, spec.code);
  const thresholdNumber = def.thresholds[part.stage];
  if (thresholdNumber === undefined) {
    throw new StandardNotApplicableError(`${standard.code} sets no per-school threshold for ${spec.code}`);
  }
  const { school, stage, facts } = part;
  const none = (message: Message, inputs: Record<string, string | number | null>): ResourceMeasurement => ({
    result: noData(def, message, evidence({ stage, ...inputs }, school.sources, facts?.sources)),
    value: null,
    threshold: null,
  });
  if (!facts) return none(msg('ENGINE_NO_STAGE_STATS', { stage }), { students: null });
  if (facts.students <= 0) return none(msg('ENGINE_NO_STAGE_STUDENTS', { stage }), { students: facts.students });
  const amount = spec.amount(facts);
  const inputs = spec.inputs(stage, facts.students, amount);
  if (amount === null) return none(spec.missing, inputs);

  const per = def.per ?? 1;
  const threshold = Rational.from(thresholdNumber);
  const value = valueOf(spec.code, facts, amount, per);
  const met = value.ge(threshold); // exact: 21 × 100 / 500 = 4.2 meets 4.2
  // The ratio to the threshold is shown on the right side of 1 and of the school rule's minimum share (85%).
  const ratioMarks = standard.schoolRule ? [Rational.from(standard.schoolRule.minShareOfThreshold)] : [];
  const versus = msg('ENGINE_R_VALUE', { indicator: spec.code, value: dec(value, threshold), threshold: dec(threshold), met });
  if (met) {
    return { result: judged(def, { value, threshold, met, message: versus, ratioMarks, evidence: evidence(inputs, school.sources, facts.sources) }), value, threshold };
  }
  // Shortfall in whole units: ceil(threshold × students ÷ per − current).
  const needed = missingUnits(threshold.mul(facts.students).div(per), amount);
  const description = msg('ENGINE_R_NEEDS', { indicator: spec.code, amount: Number(needed) });
  return {
    result: judged(def, {
      value, threshold, met, ratioMarks,
      shortfall: shortfall(needed, spec.unit, description),
      message: joined(versus, description),
      evidence: evidence(inputs, school.sources, facts.sources),
    }),
    value,
    threshold,
  };
}

/** 每百名学生拥有高于规定学历教师数 */
export const r1: ResourceIndicator = (part, standard) => measure(SPECS.R1, part, standard);
/** 每百名学生拥有县级以上骨干教师数 */
export const r2: ResourceIndicator = (part, standard) => measure(SPECS.R2, part, standard);
/** 每百名学生拥有体育、艺术专任教师数 */
export const r3: ResourceIndicator = (part, standard) => measure(SPECS.R3, part, standard);
/** 生均教学及辅助用房面积 */
export const r4: ResourceIndicator = (part, standard) => measure(SPECS.R4, part, standard);
/** 生均体育运动场馆面积 */
export const r5: ResourceIndicator = (part, standard) => measure(SPECS.R5, part, standard);
/** 生均教学仪器设备值 */
export const r6: ResourceIndicator = (part, standard) => measure(SPECS.R6, part, standard);
/** 每百名学生拥有网络多媒体教室数 */
export const r7: ResourceIndicator = (part, standard) => measure(SPECS.R7, part, standard);
