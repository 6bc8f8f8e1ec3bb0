/**
 * The cost to qualify (一校一策 with a budget): pure functions that price a school part's R1–R7 shortfalls and
 * choose the cheapest set of actions that makes it pass the school rule (6 of 7 met, the seventh at ≥ 85%).
 * No database, no GraphQL. Money is exact (Decimal); quantities are whole units (ceil), as the shortfalls are.
 */
import { Decimal } from '../common/decimal';
import { Rational, type RationalLike } from './exact';
import { msg } from '../messages';
import { missingUnits } from './result';
import { pricingOf } from './school-rule';
import { type ResourceCode, type Standard } from './standards';
import type { Message, SchoolRuleResult, SourceRef, Stage } from './types';

export type CostKind = 'ONE_OFF' | 'YEARLY';

export interface UnitCost {
  /** Yuan per unit (per teacher per year, per m², per yuan of equipment, per classroom). */
  amount: Decimal;
  /** The unit priced: teachers, m², yuan, classrooms (the shortfall's unit). */
  unit: string;
  kind: CostKind;
  /** True while the figure is this module's default and not a delivered unit cost. */
  isDefault: boolean;
  /** Where the figure comes from (the catalogue's PRICING_SOURCE_* sentence). */
  source: UnitCostSource;
  /** A delivered figure's budget year and row (batch, department, file); null for a default. */
  delivered?: { year: number; ref: SourceRef } | null;
}

/**
 * FINANCE_PLACEHOLDER / PLANNING_PLACEHOLDER: a default standing in for the figure the finance department (财政局,
 * 教委计财处) or the planning department (发改委, 教委发展规划处) is to deliver; FACE_VALUE: 1 yuan per yuan by
 * definition; DELIVERED: a delivered figure.
 */
export type UnitCostSource = 'FINANCE_PLACEHOLDER' | 'PLANNING_PLACEHOLDER' | 'FACE_VALUE' | 'DELIVERED';

export type UnitCosts = Readonly<Record<Stage, Readonly<Record<ResourceCode, UnitCost>>>>;

const PLACEHOLDER: UnitCostSource = 'FINANCE_PLACEHOLDER';
const PLACEHOLDER_PLANNING: UnitCostSource = 'PLANNING_PLACEHOLDER';

function cost(amount: string, unit: string, kind: CostKind, source: UnitCostSource): UnitCost {
  return Object.freeze({ amount: Decimal.of(amount), unit, kind, isDefault: true, source });
}

/**
 * DEFAULTS, flagged isDefault. Except R6 (equipment is priced at face value by definition: the indicator counts yuan),
 * every figure is an order-of-magnitude placeholder chosen for planning discussions, NOT an official price: teachers
 * at a yearly employer cost (salary, social insurance, housing fund), buildings at a construction cost per m².
 * Junior-secondary teachers cost more than primary ones (higher pay grades on average).
 */
export const DEFAULT_UNIT_COSTS: UnitCosts = Object.freeze({
  primary: Object.freeze({
    R1: cost('120000', 'teachers', 'YEARLY', PLACEHOLDER),
    R2: cost('150000', 'teachers', 'YEARLY', PLACEHOLDER),
    R3: cost('120000', 'teachers', 'YEARLY', PLACEHOLDER),
    R4: cost('3500', 'm²', 'ONE_OFF', PLACEHOLDER_PLANNING),
    R5: cost('600', 'm²', 'ONE_OFF', PLACEHOLDER_PLANNING),
    R6: cost('1', 'yuan', 'ONE_OFF', 'FACE_VALUE'),
    R7: cost('50000', 'classrooms', 'ONE_OFF', PLACEHOLDER_PLANNING),
  }),
  junior: Object.freeze({
    R1: cost('130000', 'teachers', 'YEARLY', PLACEHOLDER),
    R2: cost('160000', 'teachers', 'YEARLY', PLACEHOLDER),
    R3: cost('130000', 'teachers', 'YEARLY', PLACEHOLDER),
    R4: cost('3500', 'm²', 'ONE_OFF', PLACEHOLDER_PLANNING),
    R5: cost('600', 'm²', 'ONE_OFF', PLACEHOLDER_PLANNING),
    R6: cost('1', 'yuan', 'ONE_OFF', 'FACE_VALUE'),
    R7: cost('50000', 'classrooms', 'ONE_OFF', PLACEHOLDER_PLANNING),
  }),
});

/**
 * The rule to compare a one-off cost with a yearly one: yearly × COMPARISON_YEARS + one-off (no discounting).
 * Five years is one planning period (五年规划) and the span of a certification cycle's re-check.
 */
export const COMPARISON_YEARS = 5;

/** What the pricing needs of one R indicator of a school part: the delivered numerator and its threshold. */
export interface PricingInput {
  code: ResourceCode;
  /** The numerator as delivered (teachers, m², yuan, classrooms); null when not delivered. */
  amount: RationalLike | null;
  students: number;
  /** 100 for "per 100 students", 1 for "per student". */
  per: number;
  threshold: RationalLike;
}

export interface PlanItem {
  code: ResourceCode;
  /** Whole units to add. */
  quantity: Decimal;
  unit: string;
  unitCost: Decimal;
  cost: Decimal;
  kind: CostKind;
  isDefault: boolean;
  /** The share of the threshold the action reaches: 1, or the school rule's minimum share (0.85). */
  targetShare: Decimal;
  source: UnitCostSource;
  /** The delivered unit cost's budget year and row; null for a default. */
  delivered: { year: number; ref: SourceRef } | null;
}

export interface PricedPlan {
  stage: Stage;
  /** The indicator allowed to stay below its threshold (at ≥ 85% of it); null when none is. */
  keptBelow: ResourceCode | null;
  items: PlanItem[];
  oneOff: Decimal;
  yearly: Decimal;
  /** oneOff + yearly × years: what plans are compared on. */
  comparable: Decimal;
  years: number;
}

/** Whole units to add so that the indicator reaches `share` of its threshold: ceil(share × threshold × students ÷ per − amount). */
export function unitsToReach(input: PricingInput, share: RationalLike = 1): bigint {
  if (input.amount === null || input.students <= 0) throw new RangeError(`${input.code}: no data to price`);
  const target = Rational.from(input.threshold).mul(share).mul(input.students).div(input.per);
  return missingUnits(target, input.amount);
}

function item(input: PricingInput, stage: Stage, share: RationalLike, costs: UnitCosts): PlanItem | null {
  const quantity = unitsToReach(input, share);
  if (quantity === 0n) return null;
  const uc = costs[stage][input.code];
  const q = Decimal.of(quantity);
  return {
    code: input.code, quantity: q, unit: uc.unit, unitCost: uc.amount, cost: q.mul(uc.amount), kind: uc.kind,
    isDefault: uc.isDefault, targetShare: Decimal.of(Rational.from(share).toDecimal(10)), source: uc.source, delivered: uc.delivered ?? null,
  };
}

function plan(stage: Stage, keptBelow: ResourceCode | null, items: PlanItem[], years: number): PricedPlan {
  let oneOff = Decimal.ZERO;
  let yearly = Decimal.ZERO;
  for (const i of items) {
    if (i.kind === 'ONE_OFF') oneOff = oneOff.add(i.cost);
    else yearly = yearly.add(i.cost);
  }
  return { stage, keptBelow, items, oneOff, yearly, comparable: oneOff.add(yearly.mul(years)), years };
}

function complete(inputs: readonly PricingInput[]): boolean {
  return inputs.length > 0 && inputs.every((i) => i.amount !== null && i.students > 0);
}

/** Every shortfall priced to 100% of its threshold (what each failing indicator costs on its own); null without data. */
export function priceShortfalls(stage: Stage, inputs: readonly PricingInput[], costs: UnitCosts = DEFAULT_UNIT_COSTS,
  years = COMPARISON_YEARS): PricedPlan | null {
  if (!complete(inputs)) return null;
  return plan(stage, null, inputs.map((i) => item(i, stage, 1, costs)).filter((x): x is PlanItem => !!x), years);
}

/**
 * The cheapest plan that makes the part pass the school rule. For each choice of the indicator(s) allowed to stay
 * below the threshold (7 − minIndicatorsMet of them), those must reach minShareOfThreshold and the others 100%; the
 * plans are compared on `comparable`, ties by the smaller one-off cost, then by the order R1…R7 of the kept indicator.
 * Null when an input lacks data (an unknown gap has no price). A part that already passes gets an empty plan.
 * Actions are priced independently (a new PE teacher holding a degree is not also credited to R1): an upper bound.
 */
export function cheapestPlan(stage: Stage, inputs: readonly PricingInput[], standard: Pick<Standard, 'schoolRule'>,
  costs: UnitCosts = DEFAULT_UNIT_COSTS, years = COMPARISON_YEARS): PricedPlan | null {
  const rule = standard.schoolRule;
  if (!rule || !complete(inputs)) return null;
  const allowed = Math.max(0, inputs.length - rule.minIndicatorsMet);
  let best: PricedPlan | null = null;
  for (const kept of subsets(inputs.length, Math.min(allowed, inputs.length))) {
    const items = inputs
      .map((input, idx) => item(input, stage, kept.includes(idx) ? rule.minShareOfThreshold : 1, costs))
      .filter((x): x is PlanItem => !!x);
    // A kept indicator that already meets 100% is not "below": name it only when the plan leaves it short.
    const below = kept.map((idx) => inputs[idx]!).filter((i) => unitsToReach(i, 1) > 0n);
    const candidate = plan(stage, below[0]?.code ?? null, items, years);
    if (!best || better(candidate, best)) best = candidate;
  }
  return best;
}

function better(a: PricedPlan, b: PricedPlan): boolean {
  const c = a.comparable.cmp(b.comparable);
  if (c !== 0) return c < 0;
  return a.oneOff.lt(b.oneOff);
}

/** Index subsets of size k of 0…n−1, in lexicographic order. */
function* subsets(n: number, k: number, from = 0, acc: number[] = []): Generator<number[]> {
  if (acc.length === k) {
    yield acc;
    return;
  }
  for (let i = from; i < n; i++) yield* subsets(n, k, i + 1, [...acc, i]);
}

/** Sum of plans (a district's or the city's total); the plans without a price are counted apart by the caller. */
export function totalOf(plans: readonly PricedPlan[], years = COMPARISON_YEARS): { oneOff: Decimal; yearly: Decimal; comparable: Decimal; years: number } {
  let oneOff = Decimal.ZERO;
  let yearly = Decimal.ZERO;
  for (const p of plans) {
    oneOff = oneOff.add(p.oneOff);
    yearly = yearly.add(p.yearly);
  }
  return { oneOff, yearly, comparable: oneOff.add(yearly.mul(years)), years };
}

/**
 * The cost to qualify of a set of failing school parts (a stage's, a district's, the city's), given each part's plan
 * (null: an indicator lacks data, so the part has no price): the same figures for the API and the reports.
 */
export function costTotalOf(plans: readonly (PricedPlan | null)[], years = COMPARISON_YEARS) {
  const priced = plans.filter((p): p is PricedPlan => !!p);
  const t = totalOf(priced, years);
  return {
    oneOff: t.oneOff.toString(), yearly: t.yearly.toString(), years: t.years, comparable: t.comparable.toString(),
    schoolsPriced: priced.length, schoolsUnpriced: plans.length - priced.length,
    usesDefaults: priced.some((p) => p.items.some((i) => i.isDefault)),
  };
}

/** The cheapest plan of a judged school part; null when it passes, lacks data, or was not judged in this process. */
export function planOf(r: SchoolRuleResult, costs: UnitCosts = DEFAULT_UNIT_COSTS, years = COMPARISON_YEARS): PricedPlan | null {
  if (r.status !== 'NOT_MET') return null;
  const p = pricingOf(r);
  return p ? cheapestPlan(r.stage, p.inputs, { schoolRule: p.schoolRule }, costs, years) : null;
}

/** The plan in a sentence (the catalogue's PRICING_PLAN). */
export function planSummary(p: PricedPlan): Message {
  return msg('PRICING_PLAN', { keptBelow: p.keptBelow, oneOff: p.oneOff.toString(), yearly: p.yearly.toString(), years: p.years, comparable: p.comparable.toString() });
}

// ---- delivered unit costs (dataset unit_costs, D117) -------------------------------------------------------------

/** One delivered unit cost as read from the dataset: the R indicator it prices, its stage and budget year. */
export interface DeliveredUnitCost {
  code: ResourceCode;
  stage: Stage;
  year: number;
  /** Yuan per unit, exact text. */
  amount: string;
  ref: SourceRef;
}

/**
 * The unit costs to price year `year` with: for each stage and indicator, the delivered figure of the latest budget
 * year at or before `year` (a budget is set once and holds until revised: a 2025 table still prices 2026), else the
 * default. A figure delivered for a later year never prices an earlier one (an evaluation of 2024 is not repriced by
 * the 2026 budget). Unit and kind are the default's: the dataset refuses a file whose unit is not the item's.
 */
export function effectiveUnitCosts(delivered: readonly DeliveredUnitCost[], year: number, defaults: UnitCosts = DEFAULT_UNIT_COSTS): UnitCosts {
  const best = new Map<string, DeliveredUnitCost>();
  for (const d of delivered) {
    if (d.year > year) continue;
    const key = `${d.stage}|${d.code}`;
    const seen = best.get(key);
    if (!seen || d.year > seen.year) best.set(key, d);
  }
  const table = {} as Record<Stage, Record<ResourceCode, UnitCost>>;
  for (const stage of Object.keys(defaults) as Stage[]) {
    table[stage] = { ...defaults[stage] };
    for (const code of Object.keys(defaults[stage]) as ResourceCode[]) {
      const d = best.get(`${stage}|${code}`);
      if (!d) continue;
      const base = defaults[stage][code];
      table[stage][code] = Object.freeze({ amount: Decimal.of(d.amount), unit: base.unit, kind: base.kind, isDefault: false, source: 'DELIVERED' as const, delivered: { year: d.year, ref: d.ref } });
    }
  }
  return table;
}

/** Which unit costs of a table are delivered and which defaults, in a sentence (equipment, at face value, in neither). */
export function unitCostsNote(costs: UnitCosts): Message {
  const all = Object.values(costs).flatMap((byCode) => Object.values(byCode)).filter((c) => c.source !== 'FACE_VALUE');
  const delivered = all.filter((c) => !c.isDefault).length;
  return msg('PRICING_COSTS_NOTE', { delivered, defaults: all.length - delivered });
}

/** Whether any unit cost of a table is a default (R6 at face value is not: it is no stand-in for a delivery). */
export function anyDefault(costs: UnitCosts): boolean {
  return Object.values(costs).some((byCode) => Object.values(byCode).some((c) => c.isDefault && c.source !== 'FACE_VALUE'));
}

// ---- what prices a judged school rule: its year and instant, or a plan frozen in a dossier -------------------------

/** The year a school rule was judged for and the instant its data stood at (null: today). */
export interface PricingContext { year: number; asOf: Date | null }

const PRICING_CONTEXT = Symbol('pricingContext');
const FROZEN_PLAN = Symbol('frozenPlan');

/** Marks a judged school rule with what prices it (a symbol: JSON leaves it out, type-graphql's copies keep it). */
export function setPricingContext(r: object, context: PricingContext): void {
  (r as unknown as Record<symbol, PricingContext>)[PRICING_CONTEXT] = context;
}

export function pricingContextOf(r: object): PricingContext | null {
  return (r as unknown as Record<symbol, PricingContext | undefined>)[PRICING_CONTEXT] ?? null;
}

/** A plan as a dossier keeps it: JSON, exact text. */
export interface FrozenPlan {
  schoolCode: string;
  stage: Stage;
  keptBelow: ResourceCode | null;
  items: Array<{
    code: ResourceCode; quantity: string; unit: string; unitCost: string; cost: string; kind: CostKind; isDefault: boolean;
    targetShare: string; source: UnitCostSource; delivered: { year: number; ref: SourceRef } | null;
  }>;
  oneOff: string;
  yearly: string;
  comparable: string;
  years: number;
}

export function freezePlan(schoolCode: string, p: PricedPlan): FrozenPlan {
  return {
    schoolCode, stage: p.stage, keptBelow: p.keptBelow, oneOff: p.oneOff.toString(), yearly: p.yearly.toString(), comparable: p.comparable.toString(), years: p.years,
    items: p.items.map((i) => ({
      code: i.code, quantity: i.quantity.toString(), unit: i.unit, unitCost: i.unitCost.toString(), cost: i.cost.toString(), kind: i.kind,
      isDefault: i.isDefault, targetShare: i.targetShare.toString(), source: i.source, delivered: i.delivered,
    })),
  };
}

export function thawPlan(f: FrozenPlan): PricedPlan {
  return {
    stage: f.stage, keptBelow: f.keptBelow, oneOff: Decimal.of(f.oneOff), yearly: Decimal.of(f.yearly), comparable: Decimal.of(f.comparable), years: f.years,
    items: f.items.map((i) => ({
      code: i.code, quantity: Decimal.of(i.quantity), unit: i.unit, unitCost: Decimal.of(i.unitCost), cost: Decimal.of(i.cost), kind: i.kind,
      isDefault: i.isDefault, targetShare: Decimal.of(i.targetShare), source: i.source, delivered: i.delivered,
    })),
  };
}

/** Marks a school rule read back from a dossier with its frozen plan (null: the dossier had no price for it). */
export function setFrozenPlan(r: SchoolRuleResult, plan: PricedPlan | null): void {
  (r as unknown as Record<symbol, PricedPlan | null>)[FROZEN_PLAN] = plan;
}

/** The frozen plan of a school rule read from a dossier; undefined when the rule was not read from one. */
export function frozenPlanOf(r: SchoolRuleResult): PricedPlan | null | undefined {
  return (r as unknown as Record<symbol, PricedPlan | null | undefined>)[FROZEN_PLAN];
}
