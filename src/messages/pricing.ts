import { defineMessages } from './define';
import type { Locale } from './locale';

/** The unit an action adds, as the sentence needs it (the shortfall's unit: teachers, m², yuan, classrooms). */
function unitName(locale: Locale, unit: string): string {
  const zh: Record<string, string> = { teachers: '人', 'm²': '平方米', yuan: '元', classrooms: '间' };
  const en: Record<string, string> = { teachers: 'teachers', 'm²': 'm²', yuan: 'yuan', classrooms: 'classrooms' };
  return (locale === 'zh-CN' ? zh : en)[unit] ?? unit;
}
const WHAT_ZH: Record<string, string> = {
  R1: '高于规定学历教师', R2: '县级以上骨干教师', R3: '体育、艺术专任教师', R4: '教学及辅助用房',
  R5: '体育运动场馆面积', R6: '教学仪器设备', R7: '网络多媒体教室',
};
const WHAT_EN: Record<string, string> = {
  R1: 'teachers with a degree above the minimum', R2: 'backbone teachers', R3: 'PE and arts teachers', R4: 'teaching and auxiliary space',
  R5: 'sports ground', R6: 'teaching equipment', R7: 'networked multimedia classrooms',
};
const percent = (share: string) => `${(Number(share) * 100).toString()}%`;

/** The cost to qualify (一校一策 with a budget, #16.1, docs/planning.md). Figures are exact decimal strings. */
export const pricingMessages = defineMessages({
  PRICING_ITEM: {
    'zh-CN': (p: { indicator: string; quantity: string; unit: string; unitCost: string; cost: string; yearly: boolean; isDefault: boolean; targetShare: string }) =>
      `${p.indicator}：增加${WHAT_ZH[p.indicator] ?? p.indicator} ${p.quantity} ${unitName('zh-CN', p.unit)}（达到标准值的 ${percent(p.targetShare)}），` +
      `单价 ${p.unitCost} 元${p.yearly ? '/人·年' : ''}${p.isDefault ? '（默认单价）' : ''}，${p.yearly ? '每年' : '一次性'} ${p.cost} 元`,
    en: (p) =>
      `${p.indicator}: add ${p.quantity} ${unitName('en', p.unit)} of ${WHAT_EN[p.indicator] ?? p.indicator} (to ${percent(p.targetShare)} of the threshold), ` +
      `at ${p.unitCost} yuan${p.yearly ? ' per teacher per year' : ' each'}${p.isDefault ? ' (default unit cost)' : ''}: ${p.cost} yuan ${p.yearly ? 'a year' : 'once'}`,
    example: { indicator: 'R5', quantity: '188', unit: 'm²', unitCost: '600', cost: '112800', yearly: false as boolean, isDefault: true as boolean, targetShare: '0.85' },
  },
  PRICING_SOURCE: {
    'zh-CN': (p: { source: string }) =>
      ({
        FINANCE_PLACEHOLDER: '默认单价（占位值），待财政部门提供',
        PLANNING_PLACEHOLDER: '默认单价（占位值），待发展规划部门提供',
        FACE_VALUE: '按账面价值计（每元设备值 1 元）',
        DELIVERED: '部门报送的单价',
      })[p.source] ?? p.source,
    en: (p) =>
      ({
        FINANCE_PLACEHOLDER: 'default (placeholder) unit cost, to be delivered by the finance department',
        PLANNING_PLACEHOLDER: 'default (placeholder) unit cost, to be delivered by the planning department',
        FACE_VALUE: 'at face value (1 yuan per yuan of equipment)',
        DELIVERED: 'unit cost delivered by a department',
      })[p.source] ?? p.source,
    example: { source: 'FINANCE_PLACEHOLDER' },
  },
  PRICING_COSTS_NOTE: {
    'zh-CN': (p: { delivered: number; defaults: number }) =>
      p.defaults === 0
        ? `单位成本：${p.delivered} 项均为财政部门报送的单价（设备按账面价值计）`
        : `单位成本：${p.delivered} 项为财政部门报送的单价，${p.defaults} 项为默认单价（占位值，仅供规划讨论，见 docs/planning.md）；设备按账面价值计`,
    en: (p) =>
      p.defaults === 0
        ? `Unit costs: all ${p.delivered} delivered by the finance department (equipment at face value)`
        : `Unit costs: ${p.delivered} delivered by the finance department, ${p.defaults} at the hub's default (placeholders for planning discussions, see docs/planning.md); equipment at face value`,
    example: { delivered: 4, defaults: 8 },
  },
  PRICING_PLAN: {
    'zh-CN': (p: { keptBelow: string | null; oneOff: string; yearly: string; years: number; comparable: string }) =>
      (p.keptBelow ? `最省方案：${p.keptBelow} 提升至标准值的 85% 以上，其余指标达标` : '最省方案：各项指标均达标') +
      `；一次性投入 ${p.oneOff} 元，每年 ${p.yearly} 元，按 ${p.years} 年计共 ${p.comparable} 元`,
    en: (p) =>
      (p.keptBelow ? `cheapest plan: ${p.keptBelow} raised to at least 85% of its threshold, the others met` : 'cheapest plan: every indicator met') +
      `; ${p.oneOff} yuan once and ${p.yearly} yuan a year, ${p.comparable} yuan over ${p.years} years`,
    example: { keptBelow: 'R5' as string | null, oneOff: '212800', yearly: '0', years: 5, comparable: '212800' },
  },
});
