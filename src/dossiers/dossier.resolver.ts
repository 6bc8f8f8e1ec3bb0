import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Role } from '../auth/roles';
import { Stage } from '../common/vocabulary';
import { District } from '../districts/district.entity';
import { DistrictEvaluation } from '../compliance/evaluation.types';
import type { Context } from '../graphql/context';
import { ImportBatch } from '../ingestion/import-batch.entity';
import { mutate } from '../mutations/run';
import { DossierStage, EvaluationDossier } from './dossier.entity';
import { dossierById, dossierDiff, evaluationToFreeze, insertDossier, resultWithPlans } from './dossier.service';
import { EvaluationDiff, EvaluationDossierPayload, FigureChange, FigureKind, FreezeEvaluationDossierInput } from './dossier.types';
import { Rejection } from '../mutations/user-error';

async function batches(ctx: Context, ids: readonly string[]): Promise<ImportBatch[]> {
  const found = await ctx.loaders.ingestion.batchById().loadMany(ids);
  return found.filter((b): b is ImportBatch => b instanceof ImportBatch);
}

@Resolver()
export class DossierResolver {
  @Authorized([Role.SUPERVISOR])
  @Mutation(() => EvaluationDossierPayload, {
    description: 'Freezes a district\'s evaluation for a year, as the data stood at an instant (default now), as an immutable dossier of a certification stage (supervisors)',
  })
  async freezeEvaluationDossier(@Ctx() ctx: Context, @Arg('input', () => FreezeEvaluationDossierInput) input: FreezeEvaluationDossierInput): Promise<EvaluationDossierPayload> {
    // Computed before the write transaction, reading as the viewer; a check that fails is a userError like the write's.
    let frozen: Awaited<ReturnType<typeof evaluationToFreeze>> | null = null;
    let early: Rejection | null = null;
    try {
      frozen = await evaluationToFreeze(ctx, input);
    } catch (err) {
      if (!(err instanceof Rejection)) throw err;
      early = err;
    }
    const outcome = await mutate(ctx, {
      name: 'freezeEvaluationDossier',
      input,
      run: async (db) => {
        if (!frozen) throw early!;
        return { dossierId: await insertDossier(db, ctx, input, frozen) };
      },
      audit: () => ({ districtCode: input.districtCode, year: input.year, stage: input.stage, verdict: frozen?.result.verdict, asOf: frozen?.asOf.toISOString() }),
    });
    if (!outcome.result) return { dossier: null, userErrors: outcome.userErrors, replayed: false };
    return { dossier: await dossierById(ctx, outcome.result.dossierId), userErrors: [], replayed: outcome.replayed };
  }

  @Query(() => EvaluationDossier, { nullable: true, description: 'A dossier by its global id; null when there is none you may read' })
  dossier(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<EvaluationDossier | null> {
    return dossierById(ctx, id);
  }

  @Query(() => EvaluationDiff, { description: 'What changed between a dossier and today (no `to`) or another dossier of the district, and which deliveries changed it' })
  async dossierDiff(@Ctx() ctx: Context, @Arg('from', () => ID) from: string, @Arg('to', () => ID, { nullable: true }) to?: string | null): Promise<EvaluationDiff> {
    const { from: a, to: b, diff, plans } = await dossierDiff(ctx, from, to ?? null);
    const money = (p: { oneOff: string; yearly: string; comparable: string } | null) => (p ? { oneOff: p.oneOff, yearly: p.yearly, comparable: p.comparable } : null);
    return {
      from: a,
      to: b,
      verdictFrom: diff.verdictFrom,
      verdictTo: diff.verdictTo,
      changes: diff.changes.map((c) => ({ ...c, kind: c.kind as FigureKind })) as unknown as FigureChange[],
      blockersAdded: diff.blockersAdded as never,
      blockersRemoved: diff.blockersRemoved as never,
      batchesAddedIds: diff.batchesAdded,
      batchesDroppedIds: diff.batchesDropped,
      costToQualifyFrom: money(plans.totalFrom),
      costToQualifyTo: money(plans.totalTo)!,
      planChanges: plans.changes.map((c) => ({
        schoolCode: c.schoolCode, stage: c.stage as Stage, from: money(c.from), to: money(c.to), keptBelowFrom: c.from?.keptBelow ?? null, keptBelowTo: c.to?.keptBelow ?? null,
      })),
    } as EvaluationDiff;
  }
}

@Resolver(() => EvaluationDossier)
export class EvaluationDossierFieldResolver {
  @FieldResolver(() => DistrictEvaluation, { description: 'The evaluation as frozen: figures, verdict, blockers and evidence' })
  evaluation(@Root() d: EvaluationDossier): DistrictEvaluation {
    // costToQualify of a frozen evaluation answers with the plans frozen with it, not today's unit costs.
    return resultWithPlans(d) as unknown as DistrictEvaluation;
  }

  @FieldResolver(() => [ImportBatch], { description: 'The deliveries (files and API writes) the evaluation rests on' })
  batches(@Root() d: EvaluationDossier, @Ctx() ctx: Context): Promise<ImportBatch[]> {
    return batches(ctx, d.batchIds);
  }

  @FieldResolver(() => District)
  async district(@Root() d: EvaluationDossier, @Ctx() ctx: Context): Promise<District> {
    const district = await ctx.loaders.districts.byCode().load(d.districtCode);
    if (!district) throw new Error(`dossier refers to missing district ${d.districtCode}`);
    return district;
  }
}

@Resolver(() => District)
export class DistrictDossiersResolver {
  @FieldResolver(() => [EvaluationDossier], { description: 'The district\'s evaluation dossiers (评估档案), oldest first; of one year if given' })
  async dossiers(
    @Root() district: District,
    @Ctx() ctx: Context,
    @Arg('year', () => Int, { nullable: true }) year?: number | null,
    @Arg('stage', () => DossierStage, { nullable: true }) stage?: DossierStage | null,
  ): Promise<EvaluationDossier[]> {
    const all = await ctx.loaders.dossiers.byDistrict().load(district.code);
    return all.filter((d) => (year == null || d.year === year) && (stage == null || d.stage === stage));
  }
}

@Resolver(() => FigureChange)
export class FigureChangeResolver {
  @FieldResolver(() => [ImportBatch], { description: 'The deliveries behind the newer figure and not the older: what changed it' })
  batches(@Root() c: FigureChange, @Ctx() ctx: Context): Promise<ImportBatch[]> {
    return batches(ctx, c.batchIds);
  }
}

@Resolver(() => EvaluationDiff)
export class EvaluationDiffResolver {
  @FieldResolver(() => [ImportBatch], { description: 'Deliveries the newer evaluation rests on and the older does not' })
  batchesAdded(@Root() d: EvaluationDiff, @Ctx() ctx: Context): Promise<ImportBatch[]> {
    return batches(ctx, d.batchesAddedIds);
  }

  @FieldResolver(() => [ImportBatch], { description: 'Deliveries the older evaluation rested on that the newer no longer does (superseded)' })
  batchesDropped(@Root() d: EvaluationDiff, @Ctx() ctx: Context): Promise<ImportBatch[]> {
    return batches(ctx, d.batchesDroppedIds);
  }
}

export const dossierResolvers = [DossierResolver, EvaluationDossierFieldResolver, DistrictDossiersResolver, FigureChangeResolver, EvaluationDiffResolver] as const;
