/**
 * Which schools, and which parts of them, an indicator looks at (参评学校).
 *
 * R1–R7 and their spreads cover every compulsory school, public and private, except special-education
 * schools and teaching points (教学点) under 50 students; a teaching point of 50 or more counts as a
 * primary school. Nine- and twelve-year schools (九年一贯制、十二年一贯制) count as a primary part and a
 * junior part; a complete secondary school (完全中学) by its junior part only.
 */
import { sum } from '../common/decimal';
import { aggregateKey, mergeSources } from './result';
import type { Standard } from './standards';
import type { DistrictFacts, DistrictTeacherAggregate, SchoolFacts, SchoolType, Stage, StageFacts } from './types';

export const STAGES: readonly Stage[] = ['primary', 'junior'];

/** The compulsory stages a school type offers; special schools are outside the stage structure. */
export function typeStages(type: SchoolType): readonly Stage[] {
  switch (type) {
    case 'primary':
    case 'teaching_point':
      return ['primary'];
    case 'junior':
    case 'complete_secondary':
      return ['junior'];
    case 'nine_year':
    case 'twelve_year':
      return STAGES;
    case 'special':
      return [];
  }
}

/** The school's statistics for a stage, or null when none were delivered. */
export function stageFactsOf(school: SchoolFacts, stage: Stage): StageFacts | null {
  return school.stages.find((s) => s.stage === stage) ?? null;
}

/** One school in one stage; facts null means the statistics were not delivered. */
export interface StagePart {
  school: SchoolFacts;
  stage: Stage;
  facts: StageFacts | null;
}

/**
 * The part of a school counted for R1–R7 and the spreads in a stage, or null when the school is left out
 * there: special school, stage not offered by its type, no students in the stage, small teaching point.
 * A teaching point without statistics is kept (as missing data): its size is unknown.
 */
export function resourcePart(school: SchoolFacts, stage: Stage, standard: Standard): StagePart | null {
  if (!typeStages(school.schoolType).includes(stage)) return null;
  const facts = stageFactsOf(school, stage);
  if (facts && facts.students === 0) return null;
  if (school.schoolType === 'teaching_point' && facts && facts.students < standard.scope.teachingPointMinStudents) return null;
  return { school, stage, facts };
}

/** Whether this school's part in this stage is counted in resource allocation (for per-school fields). */
export function countsInResourceAllocation(school: SchoolFacts, stage: Stage, standard: Standard): boolean {
  return resourcePart(school, stage, standard) !== null;
}

/** Schools with at least one counted part: those the school-level conditions G03–G05 apply to. */
export function countedSchools(schools: readonly SchoolFacts[], standard: Standard): SchoolFacts[] {
  // Asked by G03–G05 and every teacher aggregate of the same district's facts: decided once per list (facts are not
  // changed once gathered), a copy handed out each time.
  let byStandard = COUNTED.get(schools);
  if (!byStandard) COUNTED.set(schools, (byStandard = new Map()));
  let counted = byStandard.get(standard);
  if (!counted) byStandard.set(standard, (counted = schools.filter((s) => STAGES.some((st) => resourcePart(s, st, standard) !== null))));
  return counted.slice();
}
const COUNTED = new WeakMap<readonly SchoolFacts[], Map<Standard, SchoolFacts[]>>();

/** Students in the stages the school's type offers; null when a stage's statistics are missing. */
export function compulsoryStudents(school: SchoolFacts): number | null {
  let total = 0;
  for (const stage of typeStages(school.schoolType)) {
    const f = stageFactsOf(school, stage);
    if (!f) return null;
    total += f.students;
  }
  return total;
}

/** Students over every delivered stage row (special schools); null when no row was delivered. */
export function deliveredStudents(school: SchoolFacts): number | null {
  if (school.stages.length === 0) return null;
  return school.stages.reduce((s, f) => s + f.students, 0);
}

/** The delivered stage rows for the stages the school's type offers (null entries are missing). */
export function typeStageFacts(school: SchoolFacts): { stage: Stage; facts: StageFacts | null }[] {
  return typeStages(school.schoolType).map((stage) => ({ stage, facts: stageFactsOf(school, stage) }));
}

/**
 * Whose teachers a district-level staffing indicator counts (DOMAIN §2.3): G09 (training) and G12 (certificates)
 * every teacher of the compulsory schools in scope (the schools counted for R1–R7, public and private); G08 (pay)
 * and G11 (rotation) the teachers the government employs, i.e. those of the public schools among them.
 */
export type TeacherScope = 'inScope' | 'publicInScope';

/** The postings of the schools a staffing indicator counts, summed; null when none of them delivered any. */
export function districtTeachers(facts: DistrictFacts, standard: Standard, scope: TeacherScope): DistrictTeacherAggregate | null {
  // G08 and G11 ask for the public schools' aggregate, G09 and G12 for all: built once per facts, standard and scope.
  let byKey = TEACHERS.get(facts);
  if (!byKey) TEACHERS.set(facts, (byKey = new Map()));
  const key = `${standard.code}|${scope}`;
  if (!byKey.has(key)) byKey.set(key, teachersOf(facts, standard, scope));
  return byKey.get(key)!;
}
const TEACHERS = new WeakMap<DistrictFacts, Map<string, DistrictTeacherAggregate | null>>();

function teachersOf(facts: DistrictFacts, standard: Standard, scope: TeacherScope): DistrictTeacherAggregate | null {
  const schools = countedSchools(facts.schools, standard).filter((s) => s.teachers && (scope === 'inScope' || s.ownership === 'public'));
  if (schools.length === 0) return null;
  const rows = schools.map((s) => s.teachers!);
  const total = (pick: (t: (typeof rows)[number]) => number) => rows.reduce((n, t) => n + pick(t), 0);
  const teachers = total((t) => t.teachers);
  // One source per delivery, as for a district aggregate: one per school would list hundreds of rows of one file.
  const rowKey = aggregateKey(`${facts.districtCode}/${facts.year}`, teachers);
  const sources = mergeSources(...rows.map((t) => t.sources.map((src) => ({ ...src, rowKey }))));
  return {
    teachers,
    fullTime: total((t) => t.fullTime),
    // Pay is numeric(14,2): the exact sum keeps its two decimals, as SQL's sum did.
    payTotalYuan: sum(rows.map((t) => t.payTotalYuan)).toFixed(2),
    trainingCompleted360: total((t) => t.trainingCompleted360),
    certified: total((t) => t.certifiedFullTime),
    rotationEligible: total((t) => t.rotationEligible),
    rotated: total((t) => t.rotated),
    rotatedBackboneCountyPlus: total((t) => t.rotatedBackboneCountyPlus),
    sources,
  };
}
