/** Names of the hub's closed vocabularies as people read them, per locale (used inside messages). */
import type { Locale } from './locale';

const DEPARTMENTS: Record<string, { 'zh-CN': string; en: string }> = {
  education: { 'zh-CN': '教育部门', en: 'education department' },
  finance: { 'zh-CN': '财政部门', en: 'finance department' },
  staffing: { 'zh-CN': '人社（编制）部门', en: 'staffing department' },
  planning: { 'zh-CN': '规划部门', en: 'planning department' },
  supervision: { 'zh-CN': '督导部门', en: 'supervision office' },
};

const ROLES: Record<string, { 'zh-CN': string; en: string }> = {
  supervisor: { 'zh-CN': '市督导人员', en: 'supervisor' },
  district_officer: { 'zh-CN': '区县教育督导人员', en: 'district officer' },
  education: { 'zh-CN': '教育部门用户', en: 'education department user' },
  finance: { 'zh-CN': '财政部门用户', en: 'finance department user' },
  staffing: { 'zh-CN': '人社部门用户', en: 'staffing department user' },
  planning: { 'zh-CN': '规划部门用户', en: 'planning department user' },
  analyst: { 'zh-CN': '分析人员', en: 'analyst' },
};

/** 教育部门 / education department; an unknown value is shown as it is. */
export function departmentName(locale: Locale, department: string): string {
  return DEPARTMENTS[department]?.[locale] ?? department;
}

/** 分析人员（analyst） / analyst: the role's name, with the token's spelling in Chinese so it can be matched. */
export function roleName(locale: Locale, role: string): string {
  const name = ROLES[role]?.[locale];
  if (!name) return role;
  return locale === 'zh-CN' ? `${name}（${role}）` : name;
}
