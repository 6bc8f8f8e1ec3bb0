import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Stage } from '../common/vocabulary';
import { SourceRef } from '../graphql/evidence';
import { DecimalScalar } from '../graphql/scalars';
import type { Message } from './types';

/** Status of one indicator: NO_DATA is never a pass. */
export enum IndicatorStatus {
  MET = 'MET',
  NOT_MET = 'NOT_MET',
  NO_DATA = 'NO_DATA',
}
registerEnumType(IndicatorStatus, { name: 'IndicatorStatus', description: 'MET, NOT_MET, or NO_DATA (an input is missing: never a pass)' });

export enum Verdict {
  QUALIFIED = 'QUALIFIED',
  NOT_QUALIFIED = 'NOT_QUALIFIED',
  INSUFFICIENT_DATA = 'INSUFFICIENT_DATA',
}
registerEnumType(Verdict, { name: 'Verdict' });

export enum Standard {
  YJ2017 = 'YJ2017',
  JB2012 = 'JB2012',
}
registerEnumType(Standard, {
  name: 'Standard',
  description: 'YJ2017 = 县域义务教育优质均衡发展督导评估办法 (教督〔2017〕6号); JB2012 = basic balance (基本均衡, 教督〔2012〕3号)',
});

@ObjectType({ simpleResolvers: true, description: '"One school, one plan" (一校一策): what must be added to reach the threshold, in the indicator\'s own unit' })
export class Shortfall {
  @Field(() => Float)
  amount: number;
  @Field()
  unit: string;
  // `description` (e.g. 还需增加体育、艺术专任教师2人), `descriptionCode`, `descriptionParams`: see engine-message.ts.
  description: Message;
}

@ObjectType({ simpleResolvers: true })
export class Evidence {
  @Field(() => [SourceRef])
  sources: SourceRef[];
  // `inputs` is resolved from the engine's record (see EvidenceResolver).
}

@ObjectType({ simpleResolvers: true, description: 'The finding for one school of a school-level indicator (G03–G07, Q04)' })
export class SchoolFinding {
  @Field()
  schoolCode: string;
  @Field()
  schoolName: string;
  @Field(() => IndicatorStatus)
  status: IndicatorStatus;
  @Field(() => Float, { nullable: true })
  value: number | null;
  @Field(() => Float, { nullable: true })
  threshold: number | null;
  @Field(() => DecimalScalar, { nullable: true, description: 'The value as an exact decimal (10 places, rounded away from the threshold, when it does not end)' })
  valueExact: string | null;
  @Field(() => DecimalScalar, { nullable: true })
  thresholdExact: string | null;
  @Field()
  unit: string;
  @Field(() => Shortfall, { nullable: true })
  shortfall: Shortfall | null;
  message: Message;
  @Field(() => Evidence)
  evidence: Evidence;
}

@ObjectType({ simpleResolvers: true, description: 'One indicator evaluated: value against threshold, with shortfall and evidence' })
export class IndicatorResult {
  @Field({ description: 'Stable code, e.g. R1, G05, Q09, S01, V02' })
  code: string;
  @Field()
  name: string;
  @Field({ description: 'Name in the official text' })
  nameZh: string;
  @Field()
  unit: string;
  @Field(() => Float, { nullable: true, description: 'Computed value, rounded for display (4 places, more when needed to stay on the decided side of the threshold); the comparison is exact' })
  value: number | null;
  @Field(() => Float, { nullable: true })
  threshold: number | null;
  @Field(() => DecimalScalar, { nullable: true, description: 'The value as an exact decimal (10 places, rounded away from the threshold, when it does not end)' })
  valueExact: string | null;
  @Field(() => DecimalScalar, { nullable: true })
  thresholdExact: string | null;
  @Field(() => Boolean, { nullable: true })
  met: boolean | null;
  @Field(() => Float, { nullable: true, description: 'value / threshold' })
  ratioToThreshold: number | null;
  @Field(() => Shortfall, { nullable: true })
  shortfall: Shortfall | null;
  @Field(() => IndicatorStatus)
  status: IndicatorStatus;
  @Field(() => Evidence)
  evidence: Evidence;
  message?: Message;
  @Field(() => [SchoolFinding], { nullable: true, description: 'School-level indicators: one finding per applicable school' })
  schools?: SchoolFinding[];
}

@ObjectType({ simpleResolvers: true, description: '校校达标: at least 6 of the 7 resource indicators met and the seventh at ≥ 85% of its threshold' })
export class SchoolRuleResult {
  @Field()
  schoolCode: string;
  @Field(() => Stage)
  stage: Stage;
  @Field(() => IndicatorStatus)
  status: IndicatorStatus;
  @Field(() => Boolean, { nullable: true })
  met: boolean | null;
  @Field(() => Int)
  indicatorsMet: number;
  @Field(() => [IndicatorResult])
  indicators: IndicatorResult[];
  @Field(() => [IndicatorResult], { description: 'Indicators below threshold or without data' })
  failing: IndicatorResult[];
  message?: Message;
}

@ObjectType({ simpleResolvers: true, description: '差异系数: the student-weighted coefficient of variation of one indicator across a stage\'s schools' })
export class SpreadResult {
  @Field({ description: 'e.g. CV_R1' })
  code: string;
  @Field(() => String, { nullable: true })
  indicator?: string;
  @Field(() => Stage)
  stage: Stage;
  @Field(() => Float, { nullable: true, description: 'null when undefined (fewer than two schools, zero mean, missing data); 4 places, more when needed to stay on the decided side of the limit' })
  cv: number | null;
  @Field(() => DecimalScalar, { nullable: true, description: 'The CV as a decimal of 10 places, rounded down when within the limit and up when not (a square root rarely ends)' })
  cvExact: string | null;
  @Field(() => Float)
  limit: number;
  @Field(() => IndicatorStatus)
  status: IndicatorStatus;
  @Field(() => String, { nullable: true })
  reason?: string;
  @Field(() => Int)
  schoolCount: number;
  @Field(() => Float, { nullable: true })
  mean: number | null;
  @Field(() => [String], { nullable: true })
  missingSchools?: string[];
  message?: Message;
}

@ObjectType({ simpleResolvers: true, description: 'Resource allocation (资源配置) of one stage' })
export class StageAllocation {
  @Field(() => Stage)
  stage: Stage;
  @Field(() => Int)
  schoolCount: number;
  @Field(() => Int)
  schoolsMeetingRule: number;
  @Field(() => [SchoolRuleResult])
  failingSchools: SchoolRuleResult[];
  @Field(() => [SchoolRuleResult], { description: 'Every school of the stage' })
  schoolRules: SchoolRuleResult[];
  @Field(() => [SpreadResult])
  spread: SpreadResult[];
}

@ObjectType({ simpleResolvers: true, description: 'Something that stands between the district and QUALIFIED' })
export class Blocker {
  @Field()
  code: string;
  message: Message;
  @Field(() => String, { nullable: true })
  schoolCode?: string;
  @Field(() => Stage, { nullable: true })
  stage?: Stage;
  @Field(() => IndicatorStatus, { nullable: true })
  status?: IndicatorStatus;
}

@ObjectType({ simpleResolvers: true, description: 'Only districts that passed basic balance at least three years earlier may apply (shown, not judged)' })
export class Precondition {
  @Field(() => Int, { nullable: true })
  basicBalancePassedYear: number | null;
  @Field(() => Boolean, { nullable: true })
  met: boolean | null;
  message: Message;
}

@ObjectType({ simpleResolvers: true, description: 'A district\'s evaluation against a standard for a year, computed on demand from the departments\' data' })
export class DistrictEvaluation {
  @Field()
  districtCode: string;
  @Field(() => Int)
  year: number;
  @Field(() => Standard)
  standard: Standard;
  @Field(() => Verdict)
  verdict: Verdict;
  @Field(() => [StageAllocation])
  resourceAllocation: StageAllocation[];
  @Field(() => [IndicatorResult], { description: '政府保障程度 G01–G15' })
  governmentGuarantee: IndicatorResult[];
  @Field(() => [IndicatorResult], { description: '教育质量 Q01–Q09' })
  educationQuality: IndicatorResult[];
  @Field(() => IndicatorResult, { nullable: true, description: '社会认可度 S01' })
  socialRecognition: IndicatorResult | null;
  @Field(() => [IndicatorResult], { description: '一票否决 V01–V03' })
  vetoes: IndicatorResult[];
  @Field(() => [Blocker])
  blockers: Blocker[];
  @Field(() => Precondition, { nullable: true })
  precondition: Precondition | null;
}

@ObjectType({ simpleResolvers: true })
export class CityEvaluation {
  @Field(() => Int)
  year: number;
  @Field(() => [DistrictEvaluation])
  districts: DistrictEvaluation[];
  @Field(() => Int)
  qualifiedCount: number;
  @Field(() => Int)
  notQualifiedCount: number;
  @Field(() => Int)
  insufficientDataCount: number;
}

@ObjectType({ simpleResolvers: true, description: 'One R indicator\'s CV in basic-balance monitoring' })
export class IndicatorCv {
  @Field()
  code: string;
  @Field(() => Stage)
  stage: Stage;
  @Field(() => Float, { nullable: true })
  cv: number | null;
  @Field(() => DecimalScalar, { nullable: true, description: 'The CV as a decimal of 10 places (rounded down)' })
  cvExact: string | null;
  @Field(() => Float, { nullable: true })
  mean: number | null;
  @Field(() => Int)
  schoolCount: number;
  @Field(() => String, { nullable: true })
  reason?: string;
}

@ObjectType({ simpleResolvers: true, description: '基本均衡差异系数监测 for one stage: the seven CVs and their composite (plain mean)' })
export class BasicBalanceStage {
  @Field(() => Stage)
  stage: Stage;
  @Field(() => Int)
  schoolCount: number;
  @Field(() => [IndicatorCv])
  cvs: IndicatorCv[];
  @Field(() => Float, { nullable: true })
  composite: number | null;
  @Field(() => Float)
  limit: number;
  @Field(() => IndicatorStatus)
  status: IndicatorStatus;
  @Field(() => Boolean, { nullable: true })
  met: boolean | null;
  message: Message;
}

@ObjectType({ simpleResolvers: true })
export class BasicBalanceDistrict {
  @Field()
  districtCode: string;
  @Field(() => Int)
  year: number;
  @Field(() => [BasicBalanceStage])
  stages: BasicBalanceStage[];
}

@ObjectType({ simpleResolvers: true, description: 'Districts the plan schedules for one year, and how many qualify on today\'s data' })
export class PlannedYear {
  @Field(() => Int)
  plannedYear: number;
  @Field(() => Int)
  plannedCount: number;
  @Field(() => Int)
  qualifiedOnDataCount: number;
  @Field(() => Int)
  certifiedCount: number;
  @Field(() => [String])
  districtCodes: string[];
}

@ObjectType({ simpleResolvers: true, description: '监测预警: a district planned to pass by next year that does not qualify now' })
export class EarlyWarning {
  @Field()
  districtCode: string;
  @Field(() => Int)
  plannedCertificationYear: number;
  @Field(() => Verdict)
  verdict: Verdict;
  @Field(() => [Blocker])
  blockers: Blocker[];
}

@ObjectType({ simpleResolvers: true })
export class CertificationProgress {
  @Field(() => Int)
  year: number;
  @Field(() => [PlannedYear])
  plannedYears: PlannedYear[];
  @Field(() => [EarlyWarning])
  earlyWarnings: EarlyWarning[];
}
