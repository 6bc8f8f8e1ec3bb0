/**
 * The delivered unit costs (dataset `unit_costs`, D117) as the pricing reads them: one statement per request (and
 * instant) for every year asked, the effective table computed by the pure engine (pricing.ts). Nothing is cached
 * across requests: a new delivery changes the next answer; the response cache is keyed by every table's version,
 * unit_costs included.
 */
import type { Context } from '../graphql/context';
import { asOfRelation } from '../ingestion/as-of';
import {
  DEFAULT_UNIT_COSTS, effectiveUnitCosts, frozenPlanOf, planOf, pricingContextOf, type DeliveredUnitCost, type PricedPlan, type UnitCosts,
} from '../compliance/pricing';
import type { SchoolRuleResult, Stage } from '../compliance/types';
import { RowHistory } from '../ingestion/row-history.entity';
import { UNIT_COST_ITEMS, type UnitCostItem } from './unit-cost.entity';

interface Row { year: number; item: string; stage: string; amount: string; batch_id: string; department: string | null; file_name: string | null }

/** The key of a delivered row as evidence names it, like other datasets' rows. */
export const unitCostRowKey = (year: number | string, item: string, stage: string) => `unit_costs ${year}/${item}/${stage}`;

/** Every delivered unit cost of a budget year ≤ `upTo`, as it stood at `asOf` (null: now), with its batch's department and file. */
async function deliveredUpTo(ctx: Context, upTo: number, asOf: Date | null): Promise<DeliveredUnitCost[]> {
  const relation = asOf ? asOfRelation('unit_costs', asOf) : 'unit_costs';
  const rows: Row[] = await ctx.db.query(
    `SELECT u.year, u.item, u.stage, u.amount_yuan::text AS amount, u.batch_id::text AS batch_id, b.department, b.file_name
       FROM ${relation} u JOIN import_batch b ON b.id = u.batch_id WHERE u.year <= $1`,
    [upTo],
  );
  return rows.map((r) => ({
    code: UNIT_COST_ITEMS[r.item as UnitCostItem].code, stage: r.stage as Stage, year: r.year, amount: r.amount,
    ref: { dataset: 'unit_costs', batchId: r.batch_id, department: r.department, fileName: r.file_name, rowKey: unitCostRowKey(r.year, r.item, r.stage) },
  }));
}

/** The unit costs that price `year` (as of `asOf`), batched over the years a request asks for. */
export function unitCostsFor(ctx: Context, year: number, asOf: Date | null = null): Promise<UnitCosts> {
  return ctx.loaders.registry
    .get<number, UnitCosts>('pricing.unitCosts', { asOf: asOf?.toISOString() ?? null }, async (years) => {
      const delivered = await deliveredUpTo(ctx, Math.max(...years), asOf);
      return years.map((y) => effectiveUnitCosts(delivered, y));
    })
    .load(year);
}

/**
 * The cheapest plan of a judged school rule: the plan a dossier froze, else priced with the unit costs of the rule's
 * year and instant. A rule without a pricing context (none should reach here) is priced at the defaults.
 */
export async function planFor(ctx: Context, r: SchoolRuleResult): Promise<PricedPlan | null> {
  if (r.status !== 'NOT_MET') return null;
  const frozen = frozenPlanOf(r);
  if (frozen !== undefined) return frozen;
  const context = pricingContextOf(r);
  return planOf(r, context ? await unitCostsFor(ctx, context.year, context.asOf) : DEFAULT_UNIT_COSTS);
}


/** The superseded values of delivered unit-cost rows (by their evidence row key), one statement per request. */
export function unitCostHistory(ctx: Context, rowKey: string): Promise<RowHistory[]> {
  return ctx.loaders.registry
    .get<string, RowHistory[]>('pricing.unitCostHistory', undefined, async (rowKeys) => {
      const keys = rowKeys.map((k) => k.replace(/^unit_costs /, '').split('/'));
      const rows = await ctx.db.getRepository(RowHistory).createQueryBuilder('h')
        .where(`h.dataset = 'unit_costs'`)
        .andWhere(`(h.key->>'year', h.key->>'item', h.key->>'stage') IN (SELECT * FROM unnest(:years::text[], :items::text[], :stages::text[]))`,
          { years: keys.map((k) => k[0]), items: keys.map((k) => k[1]), stages: keys.map((k) => k[2]) })
        .orderBy('h.historyId', 'ASC')
        .getMany();
      return rowKeys.map((k) => rows.filter((h) => unitCostRowKey(h.key.year ?? '', h.key.item ?? '', h.key.stage ?? '') === k));
    })
    .load(rowKey);
}
