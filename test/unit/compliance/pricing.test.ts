import { schoolRule, standardOf } from '../../../src/compliance';
import { pricingOf } from '../../../src/compliance/school-rule';
import { cheapestPlan, DEFAULT_UNIT_COSTS, priceShortfalls, totalOf, unitsToReach, type PricedPlan, type UnitCosts } from '../../../src/compliance/pricing';
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
