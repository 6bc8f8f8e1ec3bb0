/**
 * Inputs and outputs of the compliance engine (县域义务教育优质均衡发展督导评估).
 * The engine is pure: the service gathers these facts through loaders and passes them in.
 * Decimal amounts arrive as decimal strings (PostgreSQL numeric), counts as numbers, rates as fractions 0–1.
 */

export type Stage = 'primary' | 'junior';
export type SchoolType = 'primary' | 'junior' | 'nine_year' | 'twelve_year' | 'complete_secondary' | 'teaching_point' | 'special';
export type Location = 'urban' | 'town' | 'rural';
export type Ownership = 'public' | 'private';
export type StandardCode = 'YJ2017' | 'JB2012';

/**
 * A sentence for people, as data: catalogue code + exact figures (rendered in the reader's locale outside the engine).
 * The structural type of `define.ts`, not the catalogue's: the catalogue's types must not depend on the engine's.
 */
import type { NestedMessage } from '../messages/define';
export type Message = NestedMessage;

/** Where a figure came from: passed through untouched into evidence. */
export interface SourceRef { dataset: string; batchId: string | null; department: string | null; fileName: string | null; rowKey: string }

/** One school's statistics for one stage and year (dataset school_stats) + teacher counts. */
export interface StageFacts {
  stage: Stage;
  students: number; classes: number; maxClassSize: number;
  teachingAuxAreaM2: string; sportsAreaM2: string; equipmentValueYuan: string;
  multimediaRooms: number; musicRooms: number; musicRoomMinAreaM2: string | null; artRooms: number; artRoomMinAreaM2: string | null;
  /** From teacher_postings of that school, year and stage, aggregated in SQL; null when no posting was delivered for the school that year. */
  teachers: { total: number; aboveMinimumDegree: number; backboneCountyPlus: number; peArts: number } | null;
  sources: SourceRef[];
}

/**
 * All postings of one school in the year (both stages), counted in SQL; the engine sums the schools an indicator
 * is about (G08/G11: public schools in scope; G09/G12: every school in scope, DOMAIN §2.3).
 */
export interface SchoolTeacherAggregate {
  teachers: number; fullTime: number; payTotalYuan: string; trainingCompleted360: number;
  /** Full-time teachers holding a certificate (G12 counts full-time teachers). */
  certifiedFullTime: number;
  rotationEligible: number; rotated: number; rotatedBackboneCountyPlus: number; sources: SourceRef[];
}

export interface SchoolFacts {
  code: string; name: string; schoolType: SchoolType; location: Location; ownership: Ownership; boarding: boolean;
  /** 0, 1 or 2 entries (no entry = no statistics delivered for that stage). */
  stages: StageFacts[];
  /** The school's postings in the year; null when none was delivered. */
  teachers: SchoolTeacherAggregate | null;
  funds: { publicFundsBudgetYuan: string; benchmarkPerStudentYuan: string; teacherTrainingYuan: string; sources: SourceRef[] } | null;
  sources: SourceRef[];
}

/** The postings of a set of the district's schools (summed by the engine from SchoolFacts.teachers). */
export interface DistrictTeacherAggregate {
  teachers: number; fullTime: number; payTotalYuan: string; trainingCompleted360: number;
  /** Full-time teachers holding a certificate. */
  certified: number;
  rotationEligible: number; rotated: number; rotatedBackboneCountyPlus: number; sources: SourceRef[];
}

export interface QualityMonitoringFacts { schoolCode: string; subject: string; grade: number; studentsTested: number; meanScore: string; scoreVariance: string; level3PlusRate: string; sources: SourceRef[] }

export interface DistrictFacts {
  districtCode: string; districtName: string; year: number;
  /** Every school of the district (all types, public and private). */
  schools: SchoolFacts[];
  civilServantPay: { averageAnnualPayYuan: string; sources: SourceRef[] } | null;
  education: { totalStudents: number; juniorRetentionRate: string | null; disabledEnrolmentRate: string | null; catchmentRatePrimary: string | null;
               catchmentRateJunior: string | null; qualityHsQuotaRate: string | null; migrantPublicRate: string | null; sources: SourceRef[] } | null;
  ratings: { indicator: string; met: boolean; note: string | null; sources: SourceRef[] }[];
  survey: { respondents: number; satisfied: number; sources: SourceRef[] } | null;
  qualityMonitoring: QualityMonitoringFacts[];
  /** Year the district passed basic balance, when known (precondition, not an indicator). */
  basicBalancePassedYear: number | null;
}

// ---------------------------------------------------------------------------------------------------
// Outputs

export type IndicatorStatus = 'MET' | 'NOT_MET' | 'NO_DATA';

/** "One school, one plan" (一校一策): how much is missing, in the indicator's own unit. */
export interface Shortfall { amount: number; unit: string; description: Message }

export interface Evidence { inputs: Record<string, string | number | null>; sources: SourceRef[] }

/** The finding for one school of a school-level G/Q indicator (G03–G07, Q04). */
export interface SchoolFinding {
  schoolCode: string; schoolName: string; status: IndicatorStatus;
  value: number | null; threshold: number | null; unit: string;
  /** The exact value and threshold as decimal strings (see result.ts exactText); the floats above are for display. */
  valueExact: string | null; thresholdExact: string | null;
  shortfall: Shortfall | null; message: Message; evidence: Evidence;
}

export interface IndicatorResult {
  code: string; name: string; nameZh: string; unit: string;
  value: number | null; threshold: number | null; met: boolean | null; ratioToThreshold: number | null;
  /** The exact value and threshold as decimal strings (see result.ts exactText); the floats above are for display. */
  valueExact: string | null; thresholdExact: string | null;
  shortfall: Shortfall | null; status: IndicatorStatus; evidence: Evidence; message?: Message;
  /** School-level indicators only: one finding per applicable school (failing and missing ones first). */
  schools?: SchoolFinding[];
}

export interface SchoolRuleResult {
  schoolCode: string; stage: Stage; status: IndicatorStatus; met: boolean | null; indicatorsMet: number;
  indicators: IndicatorResult[]; failing: IndicatorResult[];
  /** School name, for messages. */
  schoolName?: string;
  /** Why the rule has its status. */
  message?: Message;
}

export interface SpreadResult {
  code: string; stage: Stage; cv: number | null; limit: number; status: IndicatorStatus; reason?: string; schoolCount: number; mean: number | null;
  /** The CV as a decimal string, rounded away from the limit at its last place (cv.ts cvDecimal); null when undefined. */
  cvExact: string | null;
  /** The R indicator the spread is about (e.g. 'R1' for 'CV_R1'). */
  indicator?: string;
  /** Schools whose value is missing, when reason is MISSING_SCHOOL_DATA. */
  missingSchools?: string[];
  message?: Message;
  /** Each school's value (`<schoolCode>.value`) and students (`<schoolCode>.students`), with their sources. */
  evidence?: Evidence;
}

export interface StageAllocation { stage: Stage; schoolCount: number; schoolsMeetingRule: number; schoolRules: SchoolRuleResult[]; failingSchools: SchoolRuleResult[]; spread: SpreadResult[] }

export interface Blocker {
  code: string; message: Message; schoolCode?: string; stage?: Stage;
  /** NOT_MET: fails; NO_DATA: cannot be decided for want of data. */
  status?: 'NOT_MET' | 'NO_DATA';
}

export interface DistrictEvaluationResult {
  districtCode: string; year: number; standard: StandardCode;
  verdict: 'QUALIFIED' | 'NOT_QUALIFIED' | 'INSUFFICIENT_DATA';
  resourceAllocation: StageAllocation[]; governmentGuarantee: IndicatorResult[]; educationQuality: IndicatorResult[];
  socialRecognition: IndicatorResult; vetoes: IndicatorResult[]; blockers: Blocker[];
  precondition: { basicBalancePassedYear: number | null; met: boolean | null; message: Message };
}

/** One R indicator's coefficient of variation in basic-balance monitoring (no per-indicator limit). */
export interface IndicatorCv {
  code: string; stage: Stage; cv: number | null; mean: number | null; schoolCount: number;
  /** The CV as a decimal string (cv.ts cvDecimal); null when undefined. */
  cvExact: string | null;
  reason?: 'FEWER_THAN_TWO_SCHOOLS' | 'ZERO_MEAN' | 'MISSING_SCHOOL_DATA';
  missingSchools?: string[];
}

/** Basic-balance monitoring (基本均衡差异系数监测) of one stage: the seven CVs and their composite. */
export interface BasicBalanceStage {
  stage: Stage; schoolCount: number; cvs: IndicatorCv[];
  /** Plain mean of the CVs; null when any CV is undefined. */
  composite: number | null; limit: number; status: IndicatorStatus; met: boolean | null; message: Message;
}

export interface BasicBalanceResult { districtCode: string; year: number; standard: 'JB2012'; stages: BasicBalanceStage[] }
