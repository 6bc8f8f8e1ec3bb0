/**
 * Which schools, and which parts of them, an indicator looks at (参评学校).
 *
 * R1–R7 and their spreads cover every compulsory school, public and private, except special-education
 * schools and teaching points (教学点) under 50 students; a teaching point of 50 or more counts as a
 * primary school. Nine- and twelve-year schools (九年一贯制、十二年一贯制) count as a primary part and a
 * junior part; a complete secondary school (完全中学) by its junior part only.
 */
import type { Standard } from './standards';
import type { SchoolFacts, SchoolType, Stage, StageFacts } from './types';

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
  return schools.filter((s) => STAGES.some((st) => resourcePart(s, st, standard) !== null));
}

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
