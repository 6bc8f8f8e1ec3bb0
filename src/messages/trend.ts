import { defineMessages } from './define';
import type { Locale } from './locale';

/** The gaps a projection names: a CV of a stage, the school rule, the G/Q/S indicators. */
function gapName(locale: Locale, gap: string): string {
  if (gap === 'SCHOOL_RULE') return locale === 'zh-CN' ? '校校达标' : 'the school rule';
  if (gap === 'INDICATORS') return locale === 'zh-CN' ? '政府保障程度、教育质量及社会认可度指标' : 'the guarantee, quality and recognition indicators';
  const [code, stage] = gap.split('/');
  const stageName = stage === 'primary' ? (locale === 'zh-CN' ? '小学' : 'primary') : locale === 'zh-CN' ? '初中' : 'junior';
  return locale === 'zh-CN' ? `${code}（${stageName}）` : `${code} (${stageName})`;
}
const gaps = (locale: Locale, list: string[]) => list.map((g) => gapName(locale, g)).join(locale === 'zh-CN' ? '、' : ', ');

/** Trends and the projection of the year a district would qualify at its pace (#16.2, docs/planning.md). */
export const trendMessages = defineMessages({
  PROJECTION_MET: {
    'zh-CN': (p: { year: number }) => `${p.year} 年已达标`,
    en: (p) => `qualified in ${p.year}`,
    example: { year: 2024 },
  },
  PROJECTION_PACE: {
    'zh-CN': (p: { fromYear: number; toYear: number; year: number; planned: number | null; limiting: string[] }) =>
      `按 ${p.fromYear}—${p.toYear} 年的进度，预计 ${p.year} 年达标` +
      (p.planned === null ? '' : p.year > p.planned ? `，晚于计划的 ${p.planned} 年` : `（计划 ${p.planned} 年）`) +
      `；最慢的是${gaps('zh-CN', p.limiting)}`,
    en: (p) =>
      `at the pace of ${p.fromYear}–${p.toYear}, qualifies in ${p.year}` +
      (p.planned === null ? '' : p.year > p.planned ? ` instead of ${p.planned}` : ` (planned ${p.planned})`) +
      `; slowest: ${gaps('en', p.limiting)}`,
    example: { fromYear: 2022, toYear: 2024, year: 2029, planned: 2026 as number | null, limiting: ['CV_R5/primary', 'SCHOOL_RULE'] },
  },
  PROJECTION_NO_PROGRESS: {
    'zh-CN': (p: { fromYear: number; toYear: number; limiting: string[] }) =>
      p.limiting.length
        ? `按 ${p.fromYear}—${p.toYear} 年的进度无法达标：${gaps('zh-CN', p.limiting)}未见改善`
        : `${p.toYear} 年未达标的原因（一票否决事项或基本均衡前提）无法按进度推算`,
    en: (p) =>
      p.limiting.length
        ? `at the pace of ${p.fromYear}–${p.toYear} it does not qualify: ${gaps('en', p.limiting)} not improving`
        : `what keeps it from qualifying in ${p.toYear} (a disqualifying event or the basic-balance precondition) has no pace`,
    example: { fromYear: 2022, toYear: 2024, limiting: ['INDICATORS'] },
  },
  PROJECTION_TOO_FEW_YEARS: {
    'zh-CN': (p: { fromYear: number; toYear: number }) => `${p.fromYear}—${p.toYear} 年中有数据的年份不足两年，无法推算进度`,
    en: (p) => `fewer than two years with data in ${p.fromYear}–${p.toYear}: no pace to project`,
    example: { fromYear: 2022, toYear: 2024 },
  },
  PROJECTION_NO_DATA: {
    'zh-CN': (p: { toYear: number }) => `${p.toYear} 年数据不足，无法推算`,
    en: (p) => `${p.toYear} lacks data: nothing to project`,
    example: { toYear: 2024 },
  },
});
