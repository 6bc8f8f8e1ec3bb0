import { registerEnumType } from 'type-graphql';

/**
 * The closed vocabularies of the data contract (DOMAIN.md §4). Values are the contract's spellings, stored as
 * such in PostgreSQL (with CHECK constraints); GraphQL shows the upper-case keys.
 */
export enum DistrictKind {
  DISTRICT = 'district',
  COUNTY = 'county',
  AUTONOMOUS_COUNTY = 'autonomous_county',
  FUNCTIONAL_ZONE = 'functional_zone',
}
export enum SchoolType {
  PRIMARY = 'primary',
  JUNIOR = 'junior',
  NINE_YEAR = 'nine_year',
  TWELVE_YEAR = 'twelve_year',
  COMPLETE_SECONDARY = 'complete_secondary',
  TEACHING_POINT = 'teaching_point',
  SPECIAL = 'special',
}
export enum Location {
  URBAN = 'urban',
  TOWN = 'town',
  RURAL = 'rural',
}
export enum Ownership {
  PUBLIC = 'public',
  PRIVATE = 'private',
}
/** 学段: primary (小学, grades 1–6) and junior secondary (初中, 7–9). */
export enum Stage {
  PRIMARY = 'primary',
  JUNIOR = 'junior',
}
export enum Degree {
  POSTGRADUATE = 'postgraduate',
  BACHELOR = 'bachelor',
  ASSOCIATE = 'associate',
  SECONDARY = 'secondary',
  OTHER = 'other',
}
/** 骨干教师 level. */
export enum BackboneLevel {
  NONE = 'none',
  SCHOOL = 'school',
  COUNTY = 'county',
  CITY = 'city',
  PROVINCE = 'province',
  NATIONAL = 'national',
}
/** 决算 (final accounts) or 预算 (budget). */
export enum ExpenditureBasis {
  FINAL = 'final',
  BUDGET = 'budget',
}
export enum VisitStatus {
  OPEN = 'open',
  RECTIFIED = 'rectified',
}
export enum Department {
  EDUCATION = 'education',
  FINANCE = 'finance',
  STAFFING = 'staffing',
  PLANNING = 'planning',
  SUPERVISION = 'supervision',
}

registerEnumType(DistrictKind, { name: 'DistrictKind', description: '区 / 县 / 自治县 / 功能区' });
registerEnumType(SchoolType, { name: 'SchoolType' });
registerEnumType(Location, { name: 'Location', description: 'Urban (城区), town (镇区) or rural (乡村)' });
registerEnumType(Ownership, { name: 'Ownership', description: 'Public (公办) or private (民办)' });
registerEnumType(Stage, { name: 'Stage', description: '学段: primary (小学) or junior secondary (初中)' });
registerEnumType(Degree, { name: 'Degree' });
registerEnumType(BackboneLevel, { name: 'BackboneLevel', description: '骨干教师 level' });
registerEnumType(ExpenditureBasis, { name: 'ExpenditureBasis', description: 'FINAL = 决算, BUDGET = 预算' });
registerEnumType(VisitStatus, { name: 'VisitStatus', description: 'OPEN, or RECTIFIED (销号)' });
registerEnumType(Department, { name: 'Department' });

/** SQL for a CHECK constraint restricting a column to an enum's values. */
export function inList(column: string, values: Record<string, string>): string {
  return `"${column}" IN (${Object.values(values).map((v) => `'${v}'`).join(', ')})`;
}
