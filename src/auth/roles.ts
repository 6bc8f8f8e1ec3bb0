import { registerEnumType } from 'type-graphql';

/** Who may do what (docs/access.md has the full role × dataset matrix). */
export enum Role {
  /** Municipal supervision office (督导室): reads everything; writes ratings, surveys, visits; may import any dataset. */
  SUPERVISOR = 'supervisor',
  /** A district's officer: reads everything about their own district only. */
  DISTRICT_OFFICER = 'district_officer',
  EDUCATION = 'education',
  FINANCE = 'finance',
  STAFFING = 'staffing',
  PLANNING = 'planning',
  /** Read-only ad-hoc queries; teachers only as aggregates. */
  ANALYST = 'analyst',
}
registerEnumType(Role, { name: 'Role' });

export interface Viewer {
  /** The token's `sub`. */
  subject: string;
  role: Role;
  /** District code for district officers; null for every other role. */
  district: string | null;
}

/** The system itself (seeds, local CLI with --local-admin): not a network identity. */
export const SYSTEM_VIEWER: Viewer = { subject: 'system', role: Role.SUPERVISOR, district: null };

/** Roles that may read teacher-level fields (teacher id, pay). */
export const TEACHER_LEVEL_READERS: readonly Role[] = [Role.STAFFING, Role.SUPERVISOR];

/** The department a role writes for (its own datasets), if any. */
export const ROLE_DEPARTMENT: Partial<Record<Role, string>> = {
  [Role.EDUCATION]: 'education',
  [Role.FINANCE]: 'finance',
  [Role.STAFFING]: 'staffing',
  [Role.PLANNING]: 'planning',
  [Role.SUPERVISOR]: 'supervision',
};

/** Imports: a dataset's own department, or the supervision office for any dataset. */
export function mayImport(viewer: Viewer, datasetDepartment: string): boolean {
  return viewer.role === Role.SUPERVISOR || ROLE_DEPARTMENT[viewer.role] === datasetDepartment;
}

export function mayReadTeacherLevel(viewer: Viewer): boolean {
  return TEACHER_LEVEL_READERS.includes(viewer.role);
}

/** Roles that may list teacher postings (analysts see counts only). */
export const TEACHER_ROW_READERS: readonly Role[] = Object.values(Role).filter((r) => r !== Role.ANALYST);

export function mayReadTeacherRows(viewer: Viewer): boolean {
  return TEACHER_ROW_READERS.includes(viewer.role);
}
