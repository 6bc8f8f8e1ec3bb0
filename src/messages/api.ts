import { defineMessages } from './define';
import { num, quoted } from './format';

/** Refusals of a GraphQL or HTTP request: arguments, pages, ids. */
export const apiMessages = defineMessages({
  PAGE_SIZE_OUT_OF_RANGE: {
    'zh-CN': (p: { max: number; got: string }) => `first 须在 0 到 ${num('zh-CN', p.max)} 之间（实为 ${p.got}）；更长的列表请用 after 分页`,
    en: (p) => `first must be between 0 and ${num('en', p.max)} (got ${p.got}); page through larger lists with after`,
    example: { max: 500, got: '501' },
  },
  CURSOR_UNKNOWN: {
    'zh-CN': (p: { cursor: string }) => `after 不是本列表给出的游标：${quoted('zh-CN', p.cursor)}`,
    en: (p) => `after is not a cursor returned by this list: ${quoted('en', p.cursor)}`,
    example: { cursor: 'b2Zmc2V0OjQ5' },
  },
  GLOBAL_ID_UNKNOWN: {
    'zh-CN': (p: { id: string }) => `${quoted('zh-CN', p.id)} 不是本接口签发的全局 id`,
    en: (p) => `${quoted('en', p.id)} is not a global id issued by this API`,
    example: { id: 'U2Nob29sOjk5' },
  },
  IMPORT_BATCH_ID_UNKNOWN: {
    'zh-CN': (p: { id: string }) => `${quoted('zh-CN', p.id)} 既不是导入批次的 id，也不是批次号`,
    en: (p) => `${quoted('en', p.id)} is neither an import batch's id nor its number`,
    example: { id: 'abc' },
  },
  YEAR_RANGE_REVERSED: {
    'zh-CN': (p: { fromYear: number; toYear: number }) => `起始年份 fromYear（${p.fromYear}）不能晚于截止年份 toYear（${p.toYear}）`,
    en: (p) => `fromYear (${p.fromYear}) must not be after toYear (${p.toYear})`,
    example: { fromYear: 2024, toYear: 2019 },
  },
  YEAR_RANGE_TOO_LONG: {
    'zh-CN': (p: { max: number; got: number }) => `年份范围最多 ${p.max} 年（实为 ${p.got} 年）`,
    en: (p) => `a range covers at most ${p.max} years (got ${p.got})`,
    example: { max: 30, got: 45 },
  },
  STANDARD_WITHOUT_VERDICT: {
    'zh-CN': (p: { standard: string }) => `${p.standard} 标准本身不作达标结论：其综合差异系数见 basicBalance / basicBalanceMonitoring`,
    en: (p) => `${p.standard} has no verdict of its own: its composite CVs are in basicBalance / basicBalanceMonitoring`,
    example: { standard: 'JB2012' },
  },
});
