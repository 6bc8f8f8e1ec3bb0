/**
 * GraphQL of the cost to qualify (#16.1): the cheapest priced plan of a failing school part, and the totals of a
 * stage, a district and the city. Priced from the engine's own school-rule results (pricing.ts): no query, no loader.
 */
import { Arg, Ctx, Field, FieldResolver, Int, ObjectType, Query, registerEnumType, Resolver, Root } from 'type-graphql';
import { hubToday } from '../common/calendar';
import type { Context } from '../graphql/context';
import { SourceRef } from '../graphql/evidence';
import { RowHistory } from '../ingestion/row-history.entity';
import { UnitCost } from '../funding/unit-cost.entity';
import { planFor, unitCostsFor, unitCostHistory } from '../funding/unit-costs.service';
import { Stage } from '../common/vocabulary';
import { messageFieldsOf } from '../graphql/engine-message';
import { DecimalScalar } from '../graphql/scalars';
import { msg } from '../messages';
import { CityEvaluation, DistrictEvaluation, SchoolRuleResult, StageAllocation } from './evaluation.types';
import { COMPARISON_YEARS, planSummary, costTotalOf, pricingContextOf, unitCostsNote, type PricedPlan, type UnitCostSource } from './pricing';
import { RESOURCE_CODES } from './standards';
import type { Message, SchoolRuleResult as EngineSchoolRule, StageAllocation as EngineStage } from './types';

export enum CostKind {
  ONE_OFF = 'ONE_OFF',
  YEARLY = 'YEARLY',
}
registerEnumType(CostKind, { name: 'CostKind', description: 'ONE_OFF (building, equipment, classrooms) or YEARLY (a teacher\'s employer cost each year)' });

@ObjectType({ description: 'One action of a priced plan: what to add to one R indicator, and what it costs' })
export class CostPlanItem {
  @Field({ description: 'R1–R7' })
  indicator: string;
  @Field(() => DecimalScalar, { description: 'Whole units to add' })
  quantity: string;
  @Field({ description: 'teachers, m², yuan or classrooms' })
  unit: string;
  @Field(() => DecimalScalar, { description: 'Yuan per unit (per teacher per year for YEARLY)' })
  unitCost: string;
  @Field(() => DecimalScalar, { description: 'quantity × unitCost, yuan (per year for YEARLY)' })
  cost: string;
  @Field(() => CostKind)
  kind: CostKind;
  @Field({ description: 'Whether the unit cost is the hub\'s documented default, not a delivered figure' })
  isDefault: boolean;
  @Field(() => DecimalScalar, { description: 'The share of the threshold reached: 1, or 0.85 for the indicator kept below' })
  targetShare: string;
  @Field({ description: 'Where the unit cost comes from: DELIVERED, FINANCE_PLACEHOLDER, PLANNING_PLACEHOLDER or FACE_VALUE' })
  unitCostSource: string;
  @Field(() => Int, { nullable: true, description: 'The budget year of the delivered unit cost (the latest at or before the evaluated year); null for a default' })
  unitCostYear: number | null;
  @Field(() => SourceRef, { nullable: true, description: 'The delivered unit-cost row (batch, department, file, row); null for a default' })
  unitCostEvidence: SourceRef | null;
  description: Message;
}

@ObjectType({ description: '一校一策 with a budget: the cheapest set of actions that makes the school part pass the school rule' })
export class CostToQualify {
  @Field(() => Stage)
  stage: Stage;
  @Field(() => String, { nullable: true, description: 'The indicator left below its threshold (at ≥ 85% of it); null when all seven are met' })
  keptBelow: string | null;
  @Field(() => [CostPlanItem])
  items: CostPlanItem[];
  @Field(() => DecimalScalar, { description: 'One-off cost, yuan' })
  oneOff: string;
  @Field(() => DecimalScalar, { description: 'Yearly cost, yuan a year' })
  yearly: string;
  @Field(() => Int, { description: 'Years a yearly cost is counted to compare plans' })
  years: number;
  @Field(() => DecimalScalar, { description: 'oneOff + yearly × years: what the plans are compared on' })
  comparable: string;
  @Field({ description: 'Whether any unit cost of the plan is a default' })
  usesDefaults: boolean;
  summary: Message;
}

@ObjectType({ description: 'The sum of the cheapest plans of the failing school parts in scope' })
export class CostTotal {
  @Field(() => DecimalScalar)
  oneOff: string;
  @Field(() => DecimalScalar)
  yearly: string;
  @Field(() => Int)
  years: number;
  @Field(() => DecimalScalar)
  comparable: string;
  @Field(() => Int, { description: 'Failing school parts priced' })
  schoolsPriced: number;
  @Field(() => Int, { description: 'Failing school parts not priced: an indicator lacks data (an unknown gap has no price)' })
  schoolsUnpriced: number;
  @Field({ description: 'Whether any unit cost used is a default' })
  usesDefaults: boolean;
  unitCostsNote: Message;
}

@ObjectType({ description: 'The unit cost the plans use for one R indicator in one stage' })
export class UnitCostEntry {
  @Field(() => Stage)
  stage: Stage;
  @Field({ description: 'R1–R7' })
  indicator: string;
  @Field(() => DecimalScalar, { description: 'Yuan per unit (per teacher per year for YEARLY)' })
  amount: string;
  @Field()
  unit: string;
  @Field(() => CostKind)
  kind: CostKind;
  @Field()
  isDefault: boolean;
  @Field({ description: 'FINANCE_PLACEHOLDER, PLANNING_PLACEHOLDER, FACE_VALUE or DELIVERED' })
  sourceCode: string;
  @Field(() => Int, { nullable: true, description: 'Budget year of the delivered figure (the latest at or before the year asked); null for a default' })
  year: number | null;
  @Field(() => SourceRef, { nullable: true, description: 'The delivered row (batch, department, file, row); null for a default' })
  evidence: SourceRef | null;
  source: Message;
}

function toGraphql(p: PricedPlan): CostToQualify {
  const items: CostPlanItem[] = p.items.map((i) => ({
    indicator: i.code, quantity: i.quantity.toString(), unit: i.unit, unitCost: i.unitCost.toString(), cost: i.cost.toString(),
    kind: i.kind as CostKind, isDefault: i.isDefault, targetShare: i.targetShare.toString(),
    unitCostSource: i.source, unitCostYear: i.delivered?.year ?? null, unitCostEvidence: (i.delivered?.ref as SourceRef | undefined) ?? null,
    description: msg('PRICING_ITEM', {
      indicator: i.code, quantity: i.quantity.toString(), unit: i.unit, unitCost: i.unitCost.toString(), cost: i.cost.toString(),
      yearly: i.kind === 'YEARLY', isDefault: i.isDefault, targetShare: i.targetShare.toString(),
    }),
  }));
  const [oneOff, yearly, comparable] = [p.oneOff.toString(), p.yearly.toString(), p.comparable.toString()];
  return {
    stage: p.stage as Stage, keptBelow: p.keptBelow, items, oneOff, yearly, years: p.years, comparable,
    usesDefaults: p.items.some((i) => i.isDefault),
    summary: planSummary(p),
  };
}

async function total(ctx: Context, rules: readonly EngineSchoolRule[], of: object, year: number): Promise<CostTotal> {
  const failing = rules.filter((r) => r.status === 'NOT_MET');
  const costs = await unitCostsFor(ctx, year, pricingContextOf(of)?.asOf ?? null);
  const plans = await Promise.all(failing.map((r) => planFor(ctx, r)));
  return { ...costTotalOf(plans, COMPARISON_YEARS), unitCostsNote: unitCostsNote(costs) };
}

/** The year a stage was evaluated for (marked by the evaluation service); the current year for one not marked. */
const yearOf = (s: object) => pricingContextOf(s)?.year ?? Number(hubToday().slice(0, 4));

const failingOf = (stages: readonly EngineStage[]) => stages.flatMap((s) => s.failingSchools);

@Resolver(() => UnitCostEntry)
export class UnitCostQueryResolver {
  @Query(() => [UnitCostEntry], { description: 'The unit costs that price a year: the delivered figure of the latest budget year at or before it, else the documented default (flagged)' })
  async unitCosts(
    @Ctx() ctx: Context,
    @Arg('year', () => Int, { nullable: true, description: 'The evaluated year; default: the current year' }) year?: number | null,
  ): Promise<UnitCostEntry[]> {
    const y = year ?? Number(hubToday().slice(0, 4));
    const table = await unitCostsFor(ctx, y);
    return (['primary', 'junior'] as const).flatMap((stage) => RESOURCE_CODES.map((code) => {
      const c = table[stage][code];
      return {
        stage: stage as Stage, indicator: code, amount: c.amount.toString(), unit: c.unit, kind: c.kind as CostKind,
        isDefault: c.isDefault, sourceCode: c.source, year: c.delivered?.year ?? null, evidence: (c.delivered?.ref as SourceRef | undefined) ?? null,
        source: msg('PRICING_SOURCE', { source: c.source as UnitCostSource }),
      };
    }));
  }

  @Query(() => [UnitCost], { description: 'The unit costs as the finance department delivered them (dataset unit_costs), of one budget year or all, each with its source' })
  deliveredUnitCosts(@Ctx() ctx: Context, @Arg('year', () => Int, { nullable: true }) year?: number | null): Promise<UnitCost[]> {
    return ctx.db.getRepository(UnitCost).find({ where: year == null ? {} : { year }, order: { year: 'ASC', item: 'ASC', stage: 'ASC' } });
  }

  @FieldResolver(() => [RowHistory], { description: 'Earlier values of the delivered row (each with the batch that delivered it and the one that replaced it); empty for a default' })
  history(@Root() e: UnitCostEntry, @Ctx() ctx: Context): Promise<RowHistory[]> {
    return e.evidence ? unitCostHistory(ctx, e.evidence.rowKey) : Promise.resolve([]);
  }
}

@Resolver(() => SchoolRuleResult)
export class SchoolRuleCostResolver {
  @FieldResolver(() => CostToQualify, { nullable: true, description: 'The cheapest priced plan to pass the school rule (一校一策); null when the part passes or an indicator lacks data' })
  async costToQualify(@Root() r: SchoolRuleResult, @Ctx() ctx: Context): Promise<CostToQualify | null> {
    const p = await planFor(ctx, r as unknown as EngineSchoolRule);
    return p ? toGraphql(p) : null;
  }
}

@Resolver(() => StageAllocation)
export class StageAllocationCostResolver {
  @FieldResolver(() => CostTotal, { description: 'Sum of the cheapest plans of the stage\'s failing schools' })
  costToQualify(@Root() s: StageAllocation, @Ctx() ctx: Context): Promise<CostTotal> {
    return total(ctx, (s as unknown as EngineStage).failingSchools, s, yearOf(s));
  }
}

@Resolver(() => DistrictEvaluation)
export class DistrictEvaluationCostResolver {
  @FieldResolver(() => CostTotal, { description: 'Sum of the cheapest plans of the district\'s failing school parts (both stages)' })
  costToQualify(@Root() e: DistrictEvaluation, @Ctx() ctx: Context): Promise<CostTotal> {
    return total(ctx, failingOf(e.resourceAllocation as unknown as EngineStage[]), e, e.year);
  }
}

@Resolver(() => CityEvaluation)
export class CityEvaluationCostResolver {
  @FieldResolver(() => CostTotal, { description: 'Sum of the cheapest plans of every failing school part of the districts in scope' })
  costToQualify(@Root() c: CityEvaluation, @Ctx() ctx: Context): Promise<CostTotal> {
    return total(ctx, c.districts.flatMap((d) => failingOf(d.resourceAllocation as unknown as EngineStage[])), c, c.year);
  }
}

export const pricingResolvers = [
  messageFieldsOf(CostPlanItem, 'description', { nullable: false, description: 'The action in a sentence, in the reader\'s language' }),
  messageFieldsOf(CostToQualify, 'summary', { nullable: false, description: 'The plan in a sentence, in the reader\'s language' }),
  messageFieldsOf(CostTotal, 'unitCostsNote', { nullable: false, description: 'Which unit costs are delivered and which are defaults, in the reader\'s language' }),
  messageFieldsOf(UnitCostEntry, 'source', { nullable: false, description: 'Where the unit cost comes from, in the reader\'s language' }),
  UnitCostQueryResolver,
  SchoolRuleCostResolver,
  StageAllocationCostResolver,
  DistrictEvaluationCostResolver,
  CityEvaluationCostResolver,
] as const;
