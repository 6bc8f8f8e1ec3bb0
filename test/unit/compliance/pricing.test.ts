import { schoolRule, standardOf } from '../../../src/compliance';
import { pricingOf } from '../../../src/compliance/school-rule';
import {
  anyDefault, cheapestPlan, DEFAULT_UNIT_COSTS, effectiveUnitCosts, freezePlan, priceShortfalls, thawPlan, totalOf, unitCostsNote, unitsToReach,
  type PricedPlan, type UnitCosts,
} from '../../../src/compliance/pricing';
import { diffPlans } from '../../../src/dossiers/dossier.service';
import { Decimal } from '../../../src/common/decimal';
import type { StageFacts } from '../../../src/compliance';
import { school, stage } from './fixtures';

// The fixture's stage: 500 primary students, all seven thresholds met (R1 30 teachers, R4 3000 m², R5 5500 m², R7 13 rooms…).
const YJ = standardOf('YJ2017');
function inputs(over: Partial<StageFacts>) {
  const r = schoolRule(school('S1', { schoolType: 'primary', stages: [stage('primary', over)] }), 'primary');
  return { rule: r, inputs: pricingOf(r)!.inputs };
}
const items = (p: PricedPlan | null) => p!.items.map((i) => [i.code, i.quantity.toString(), i.cost.toString(), i.kind]);

describe('the cost to qualify (pricing.ts)', () => {
  test('units to reach a share of the threshold are whole and exact', () => {
    const { inputs: xs } = inputs({ sportsAreaM2: '3000' });
    const r5 = xs.find((i) => i.code === 'R5')!;
    // 7.5 m² × 500 = 3750 m²: 750 missing; 85% of 3750 = 3187.5 → 188 m² (rounded up).
    expect(unitsToReach(r5, 1)).toBe(750n);
    expect(unitsToReach(r5, 0.85)).toBe(188n);
    // R7: 2.3 per 100 × 500 = 11.5 → 12 rooms; the fixture has 13.
    expect(unitsToReach(xs.find((i) => i.code === 'R7')!, 1)).toBe(0n);
  });

  test('a passing school gets an empty plan', () => {
    const { rule, inputs: xs } = inputs({});
    expect(pricingOf(rule)!.schoolRule).toEqual({ minIndicatorsMet: 6, ofIndicators: 7, minShareOfThreshold: 0.85 });
    // Under a symbol: results stored as JSON are unchanged.
    expect(Object.keys(rule)).not.toContain('pricingInputs');
    expect(JSON.parse(JSON.stringify(rule))).not.toHaveProperty('pricingInputs');
    expect(rule.status).toBe('MET');
    const p = cheapestPlan('primary', xs, YJ)!;
    expect(p.items).toEqual([]);
    expect(p.comparable.toString()).toBe('0');
  });

  test('one indicator far below: raised to 85% only', () => {
    // R4 1800 m² of 2250 (80%): 85% = 1912.5 → 113 m² × 3500 = 395,500 yuan one-off.
    const { rule, inputs: xs } = inputs({ teachingAuxAreaM2: '1800' });
    expect(rule.status).toBe('NOT_MET');
    const p = cheapestPlan('primary', xs, YJ)!;
    expect(p.keptBelow).toBe('R4');
    expect(items(p)).toEqual([['R4', '113', '395500', 'ONE_OFF']]);
    expect(p.items[0]!.targetShare.toString()).toBe('0.85');
    expect([p.oneOff.toString(), p.yearly.toString()]).toEqual(['395500', '0']);
    // Priced to 100% on its own: 450 m² × 3500 = 1,575,000.
    expect(items(priceShortfalls('primary', xs))).toEqual([['R4', '450', '1575000', 'ONE_OFF']]);
  });

  test('the cheapest fix is not the worst indicator: R5 (80%) only lifted to 85%, R7 (87%) fixed fully', () => {
    // R5 3000 of 3750 m² (80%, the worst); R7 10 of 11.5 rooms (86.96%). Two misses: NOT_MET.
    // Keep R5 below: R5 +188 m² × 600 = 112,800 and R7 +2 rooms × 50,000 = 100,000 → 212,800.
    // Keep R7 below (already ≥ 85%, nothing to add): R5 +750 m² × 600 = 450,000.
    const { rule, inputs: xs } = inputs({ sportsAreaM2: '3000', multimediaRooms: 10 });
    expect(rule.status).toBe('NOT_MET');
    const p = cheapestPlan('primary', xs, YJ)!;
    expect(p.keptBelow).toBe('R5');
    expect(items(p)).toEqual([['R5', '188', '112800', 'ONE_OFF'], ['R7', '2', '100000', 'ONE_OFF']]);
    expect(p.oneOff.toString()).toBe('212800');
  });

  test('one-off against yearly: yearly × the stated years', () => {
    // R1 20 of 21 teachers (95.2%), R4 2000 of 2250 m² (88.9%, the worst): two misses.
    // Keep R4 below: +1 degree teacher, 120,000 a year → 600,000 over 5 years.
    // Keep R1 below: +250 m² × 3500 = 875,000 one-off.
    const { inputs: xs } = inputs({ teachingAuxAreaM2: '2000', teachers: { total: 40, aboveMinimumDegree: 20, backboneCountyPlus: 6, peArts: 5 } });
    const p = cheapestPlan('primary', xs, YJ)!;
    expect(p.keptBelow).toBe('R4');
    expect(items(p)).toEqual([['R1', '1', '120000', 'YEARLY']]);
    expect([p.oneOff.toString(), p.yearly.toString(), p.comparable.toString(), p.years]).toEqual(['0', '120000', '600000', 5]);
    // Over 10 years the teacher costs 1,200,000: building is cheaper.
    const ten = cheapestPlan('primary', xs, YJ, DEFAULT_UNIT_COSTS, 10)!;
    expect(ten.keptBelow).toBe('R1');
    expect(items(ten)).toEqual([['R4', '250', '875000', 'ONE_OFF']]);
  });

  test('delivered unit costs replace the defaults and are flagged as such', () => {
    const { inputs: xs } = inputs({ teachingAuxAreaM2: '1800' });
    const costs: UnitCosts = { ...DEFAULT_UNIT_COSTS, primary: { ...DEFAULT_UNIT_COSTS.primary,
      R4: { amount: Decimal.of('4200.50'), unit: 'm²', kind: 'ONE_OFF', isDefault: false, source: 'DELIVERED' } } };
    const p = cheapestPlan('primary', xs, YJ, costs)!;
    // 113 × 4200.50 = 474,656.5 exactly.
    expect(p.items[0]).toMatchObject({ isDefault: false });
    expect(p.items[0]!.cost.toString()).toBe('474656.5');
    expect(cheapestPlan('primary', xs, YJ)!.items[0]!.isDefault).toBe(true);
  });

  test('no data: no price', () => {
    const { inputs: xs } = inputs({ teachers: null as unknown as StageFacts['teachers'] });
    expect(xs.find((i) => i.code === 'R1')!.amount).toBeNull();
    expect(cheapestPlan('primary', xs, YJ)).toBeNull();
    expect(priceShortfalls('primary', xs)).toBeNull();
  });

  test('totals add the plans, one-off and yearly apart', () => {
    const a = cheapestPlan('primary', inputs({ teachingAuxAreaM2: '1800' }).inputs, YJ)!;
    const b = cheapestPlan('primary', inputs({ teachingAuxAreaM2: '2000', teachers: { total: 40, aboveMinimumDegree: 20, backboneCountyPlus: 6, peArts: 5 } }).inputs, YJ)!;
    const t = totalOf([a, b]);
    expect([t.oneOff.toString(), t.yearly.toString(), t.comparable.toString()]).toEqual(['395500', '120000', '995500']);
  });
});

describe('delivered unit costs (D117)', () => {
  const ref = (year: number, item: string) => ({ dataset: 'unit_costs', batchId: `b${year}`, department: 'finance', fileName: `uc-${year}.csv`, rowKey: `unit_costs ${year}/${item}/primary` });
  const delivered = [
    { code: 'R7' as const, stage: 'primary' as const, year: 2022, amount: '180000', ref: ref(2022, 'multimedia_classroom') },
    { code: 'R7' as const, stage: 'primary' as const, year: 2023, amount: '200000', ref: ref(2023, 'multimedia_classroom') },
    { code: 'R7' as const, stage: 'primary' as const, year: 2026, amount: '999999', ref: ref(2026, 'multimedia_classroom') },
  ];

  test('the latest budget year at or before the evaluated one; a later year never; the default where nothing is delivered', () => {
    const costs = effectiveUnitCosts(delivered, 2024);
    expect(costs.primary.R7).toMatchObject({ isDefault: false, source: 'DELIVERED', unit: 'classrooms', kind: 'ONE_OFF', delivered: { year: 2023, ref: ref(2023, 'multimedia_classroom') } });
    expect(costs.primary.R7.amount.toString()).toBe('200000');
    expect(effectiveUnitCosts(delivered, 2022).primary.R7.amount.toString()).toBe('180000');
    expect(effectiveUnitCosts(delivered, 2021).primary.R7).toBe(DEFAULT_UNIT_COSTS.primary.R7);
    expect(costs.junior.R7).toBe(DEFAULT_UNIT_COSTS.junior.R7);
    expect(costs.primary.R5).toBe(DEFAULT_UNIT_COSTS.primary.R5);
    expect(anyDefault(costs)).toBe(true);
    // 12 priced items (R6 is at face value): 1 delivered, 11 defaults.
    expect(unitCostsNote(costs)).toEqual({ code: 'PRICING_COSTS_NOTE', params: { delivered: 1, defaults: 11 } });
  });

  test('a delivered cost can move the cheapest plan to another indicator', () => {
    // R5 3000 of 3750 m² (80%), R7 10 of 11.5 rooms (86.96%). At the defaults, keeping R5 below is cheapest (212,800,
    // above). With multimedia classrooms delivered at 200,000 yuan a room: keep R5 below → 188 × 600 + 2 × 200,000 =
    // 512,800; keep R7 below (nothing to add) → R5 fully, 750 × 600 = 450,000: now the cheapest.
    const { inputs: xs } = inputs({ sportsAreaM2: '3000', multimediaRooms: 10 });
    const p = cheapestPlan('primary', xs, YJ, effectiveUnitCosts(delivered, 2024))!;
    expect(p.keptBelow).toBe('R7'); // left at 86.96%, above the 85% floor: nothing to add
    expect(items(p)).toEqual([['R5', '750', '450000', 'ONE_OFF']]);
    expect(p.items[0]).toMatchObject({ isDefault: true, source: 'PLANNING_PLACEHOLDER', delivered: null });
    const dearer = cheapestPlan('primary', xs, YJ, effectiveUnitCosts(delivered, 2022))!; // 180,000 a room: 112,800 + 360,000 = 472,800 > 450,000
    expect(items(dearer)).toEqual([['R5', '750', '450000', 'ONE_OFF']]);
    const cheap = effectiveUnitCosts([{ ...delivered[0]!, amount: '160000' }], 2024); // 112,800 + 320,000 = 432,800 < 450,000
    const p2 = cheapestPlan('primary', xs, YJ, cheap)!;
    expect(items(p2)).toEqual([['R5', '188', '112800', 'ONE_OFF'], ['R7', '2', '320000', 'ONE_OFF']]);
    expect(p2.items[1]).toMatchObject({ isDefault: false, source: 'DELIVERED', delivered: { year: 2022 } });
  });

  test('a plan frozen as JSON comes back exactly; the diff names the parts whose price changed', () => {
    const { inputs: xs } = inputs({ sportsAreaM2: '3000', multimediaRooms: 10 });
    const p = cheapestPlan('primary', xs, YJ, effectiveUnitCosts(delivered, 2024))!;
    const frozen = freezePlan('S1', p);
    expect(thawPlan(JSON.parse(JSON.stringify(frozen)))).toEqual(p);
    const atDefaults = freezePlan('S1', cheapestPlan('primary', xs, YJ)!);
    const d = diffPlans([atDefaults], [frozen]);
    expect(d.totalFrom).toEqual({ oneOff: '212800', yearly: '0', comparable: '212800' });
    expect(d.totalTo).toEqual({ oneOff: '450000', yearly: '0', comparable: '450000' });
    expect(d.changes.map((c) => [c.schoolCode, c.from?.comparable, c.to?.comparable])).toEqual([['S1', '212800', '450000']]);
    expect(diffPlans([frozen], [frozen]).changes).toEqual([]);
    expect(diffPlans(null, [frozen])).toMatchObject({ totalFrom: null, changes: [] });
  });
});
