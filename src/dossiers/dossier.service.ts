import type { Context } from '../graphql/context';
import { DomainError, ErrorCode } from '../graphql/errors';
import { fromGlobalId } from '../graphql/node';
import { YEAR_MAX, YEAR_MIN } from '../graphql/years';
import { msg } from '../messages';
import { UserErrorCode } from '../mutations/rule-error';
import { reject } from '../mutations/user-error';
import { districtEvaluation, districtEvaluationAsOf } from '../compliance/evaluation.service';
import { batchesOf, diffEvaluations, EvaluationDiff } from '../compliance/diff';
import type { DistrictEvaluationResult } from '../compliance/types';
import { EvaluationDossier } from './dossier.entity';
import { freezePlan, setFrozenPlan, setPricingContext, thawPlan, totalOf, type FrozenPlan } from '../compliance/pricing';
import { planFor } from '../funding/unit-costs.service';
import type { FreezeEvaluationDossierInput } from './dossier.types';

const NOTE_MAX = 2000;

/**
 * Checks the input and computes the evaluation to freeze, before the write transaction (reading as the viewer):
 * exactly `evaluation(year, asOf: T)`, with T = the input's instant or now.
 */
export async function evaluationToFreeze(ctx: Context, input: FreezeEvaluationDossierInput): Promise<{ asOf: Date; result: DistrictEvaluationResult; plans: FrozenPlan[] }> {
  if (!Number.isInteger(input.year) || input.year < YEAR_MIN || input.year > YEAR_MAX) {
    reject(['year'], UserErrorCode.INVALID, msg('YEAR_OUT_OF_RANGE', { argument: 'year', min: YEAR_MIN, max: YEAR_MAX, got: String(input.year) }));
  }
  if (input.note != null && input.note.length > NOTE_MAX) {
    reject(['note'], UserErrorCode.TOO_LONG, msg('VALUE_TOO_LONG', { field: 'note', max: NOTE_MAX, length: input.note.length }));
  }
  const now = new Date();
  const asOf = input.asOf ?? now;
  if (asOf.getTime() > now.getTime()) reject(['asOf'], UserErrorCode.INVALID, msg('DOSSIER_AS_OF_IN_FUTURE', { asOf: asOf.toISOString() }));
  const [district] = await ctx.db.query(`SELECT code FROM districts WHERE code = $1`, [input.districtCode]);
  if (!district) reject(['districtCode'], UserErrorCode.NOT_FOUND, msg('LEDGER_DISTRICT_NOT_FOUND', { code: input.districtCode }));
  const result = await districtEvaluationAsOf(ctx, input.districtCode, input.year, input.standard, asOf);
  if (!result) reject(['asOf'], UserErrorCode.NOT_FOUND, msg('DOSSIER_NOTHING_TO_FREEZE', { code: input.districtCode, asOf: asOf.toISOString() }));
  return { asOf, result, plans: await plansOf(ctx, result) };
}

/** The cheapest plan of every failing school part of a result that has a price (unit costs as of the result's instant). */
export async function plansOf(ctx: Context, result: DistrictEvaluationResult): Promise<FrozenPlan[]> {
  const failing = result.resourceAllocation.flatMap((s) => s.failingSchools);
  const plans = await Promise.all(failing.map(async (r) => {
    const p = await planFor(ctx, r);
    return p ? freezePlan(r.schoolCode, p) : null;
  }));
  return plans.filter((p): p is FrozenPlan => !!p);
}

/** A dossier's result with its frozen plans attached to its failing school parts (so costToQualify answers as frozen). */
export function resultWithPlans(d: EvaluationDossier): DistrictEvaluationResult {
  if (!d.plans) return d.result;
  // The totals' unit-cost note: the costs as of the dossier's instant, as its plans were priced.
  setPricingContext(d.result, { year: d.year, asOf: d.asOf });
  for (const stage of d.result.resourceAllocation) setPricingContext(stage, { year: d.year, asOf: d.asOf });
  const byPart = new Map(d.plans.map((p) => [`${p.schoolCode}|${p.stage}`, p]));
  for (const stage of d.result.resourceAllocation) {
    for (const r of [...stage.schoolRules, ...stage.failingSchools]) {
      const p = byPart.get(`${r.schoolCode}|${r.stage}`);
      setFrozenPlan(r, p ? thawPlan(p) : null);
    }
  }
  return d.result;
}

/** One failing school part's plan that differs between two evaluations (null: no plan on that side). */
export interface PlanChange { schoolCode: string; stage: string; from: FrozenPlan | null; to: FrozenPlan | null }

export interface PlanDiff {
  /** The district totals (null: the dossier was frozen before plans were kept). */
  totalFrom: { oneOff: string; yearly: string; comparable: string } | null;
  totalTo: { oneOff: string; yearly: string; comparable: string };
  changes: PlanChange[];
}

const totalText = (plans: readonly FrozenPlan[]) => {
  const t = totalOf(plans.map(thawPlan));
  return { oneOff: t.oneOff.toString(), yearly: t.yearly.toString(), comparable: t.comparable.toString() };
};
const sameMoney = (a: FrozenPlan | null, b: FrozenPlan | null) =>
  !!a && !!b && a.oneOff === b.oneOff && a.yearly === b.yearly && a.comparable === b.comparable && a.keptBelow === b.keptBelow;

/** What changed in the priced plans: each school part whose plan (or its price) differs, and the totals. */
export function diffPlans(from: readonly FrozenPlan[] | null, to: readonly FrozenPlan[]): PlanDiff {
  const key = (p: FrozenPlan) => `${p.schoolCode}|${p.stage}`;
  const a = new Map((from ?? []).map((p) => [key(p), p]));
  const b = new Map(to.map((p) => [key(p), p]));
  const changes: PlanChange[] = [];
  if (from) {
    for (const k of [...new Set([...a.keys(), ...b.keys()])].sort()) {
      const x = a.get(k) ?? null;
      const y = b.get(k) ?? null;
      if (!sameMoney(x, y)) {
        const [schoolCode, stage] = k.split('|') as [string, string];
        changes.push({ schoolCode, stage, from: x, to: y });
      }
    }
  }
  return { totalFrom: from ? totalText(from) : null, totalTo: totalText(to), changes };
}

/** Inside the write transaction: the immutable row. Returns its id. */
export async function insertDossier(
  db: import('typeorm').EntityManager, ctx: Context, input: FreezeEvaluationDossierInput, frozen: { asOf: Date; result: DistrictEvaluationResult; plans: FrozenPlan[] },
): Promise<string> {
  const batchIds = [...batchesOf(frozen.result)];
  const [row] = await db.query(
    `INSERT INTO evaluation_dossiers (district_code, year, stage, standard, as_of, verdict, result, batch_ids, note, frozen_by, request_id, plans)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8::bigint[], $9, $10, $11, $12) RETURNING id::text AS id`,
    [input.districtCode, input.year, input.stage, input.standard, frozen.asOf, frozen.result.verdict, JSON.stringify(frozen.result), batchIds,
      input.note?.trim() || null, ctx.viewer.subject, ctx.requestId, JSON.stringify(frozen.plans)],
  );
  return row.id;
}

/** A dossier by its global id (or, for the mutation's own result, its number); null when none is visible. */
export async function dossierById(ctx: Context, id: string): Promise<EvaluationDossier | null> {
  const parsed = fromGlobalId(id);
  const number = /^\d{1,18}$/.test(id) ? id : parsed?.type === 'EvaluationDossier' ? parsed.key : null;
  if (!number || !/^\d{1,18}$/.test(number)) return null;
  return ctx.loaders.dossiers.byId().load(number);
}

async function dossierOrThrow(ctx: Context, id: string, argumentName: string): Promise<EvaluationDossier> {
  const dossier = await dossierById(ctx, id);
  if (!dossier) throw new DomainError(ErrorCode.NOT_FOUND, msg('DOSSIER_NOT_FOUND', { id }), { argumentName });
  return dossier;
}

/** The diff from one dossier to another of the same district, or (no `toId`) to today's evaluation of its year. */
export async function dossierDiff(ctx: Context, fromId: string, toId: string | null): Promise<{ from: EvaluationDossier; to: EvaluationDossier | null; diff: EvaluationDiff; plans: PlanDiff }> {
  const from = await dossierOrThrow(ctx, fromId, 'from');
  const to = toId ? await dossierOrThrow(ctx, toId, 'to') : null;
  if (to && to.districtCode !== from.districtCode) {
    throw new DomainError(ErrorCode.BAD_USER_INPUT, msg('DOSSIER_DIFFERENT_DISTRICTS', { from: from.districtCode, to: to.districtCode }), { argumentName: 'to' });
  }
  const today = to ? to.result : await districtEvaluation(ctx, from.districtCode, from.year, from.standard);
  if (!today) throw new DomainError(ErrorCode.NOT_FOUND, msg('DOSSIER_NOT_FOUND', { id: fromId }), { argumentName: 'from' });
  // Today's plans are priced with today's unit costs; a dossier's are as it froze them (null before D117: none kept).
  const plansTo = to ? to.plans ?? [] : await plansOf(ctx, today);
  return { from, to, diff: diffEvaluations(from.result, today), plans: diffPlans(from.plans, plansTo) };
}
