import { GraphQLLocalDate } from 'graphql-scalars';
import { Arg, Authorized, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, ObjectType, Resolver, Root } from 'type-graphql';
import { Role } from '../auth/roles';
import { hubToday } from '../common/calendar';
import { District } from '../districts/district.entity';
import { EarlyWarning } from '../compliance/evaluation.types';
import type { Context } from '../graphql/context';
import { msg } from '../messages';
import { mutate } from '../mutations/run';
import { UserErrorCode } from '../mutations/rule-error';
import { reject, UserError } from '../mutations/user-error';
import { CertificationStage, CertificationStageKind } from './certification-stage.entity';
import { EvaluationDossier } from './dossier.entity';
import { dossierById } from './dossier.service';

@InputType({ description: 'A certification stage a district reached, on a date' })
export class RecordCertificationStageInput {
  @Field()
  districtCode: string;
  @Field(() => CertificationStageKind)
  stage: CertificationStageKind;
  @Field(() => GraphQLLocalDate, { description: 'The day it was reached (not after today)' })
  reachedOn: string;
  @Field(() => ID, { nullable: true, description: 'The dossier submitted for it (its id or number), of the same district' })
  dossierId?: string | null;
  @Field(() => String, { nullable: true, description: '≤ 2,000 characters' })
  note?: string | null;
  @Field(() => String, { nullable: true, description: 'Send the same key when retrying: the first result comes back and nothing is written twice (≤ 200 characters)' })
  idempotencyKey?: string | null;
}

@ObjectType()
export class CertificationStagePayload {
  @Field(() => CertificationStage, { nullable: true })
  certificationStage: CertificationStage | null;
  @Field()
  replayed: boolean;
  @Field(() => [UserError])
  userErrors: UserError[];
}

@ObjectType({ description: 'Where a district stands on the way to certification, against the plan' })
export class CertificationStatus {
  @Field(() => CertificationStageKind, { nullable: true, description: 'The latest stage reached; null before the self-evaluation' })
  stage: CertificationStageKind | null;
  @Field(() => GraphQLLocalDate, { nullable: true })
  reachedOn: string | null;
  @Field(() => Int, { description: 'The year the municipal plan schedules the national assessment' })
  plannedCertificationYear: number;
  @Field(() => Int, { nullable: true, description: 'The year certified: from the CERTIFIED stage, else from the planning data' })
  certifiedYear: number | null;
  @Field({ description: 'Certified after the planned year, or not certified and the planned year is past' })
  late: boolean;
}

/** The status of a district from its stages and the plan: a pure function of both and today. */
export function certificationStatus(district: District, stages: readonly CertificationStage[], today: string): CertificationStatus {
  const latest = stages[stages.length - 1] ?? null;
  const certifiedStage = [...stages].reverse().find((s) => s.stage === CertificationStageKind.CERTIFIED);
  const certifiedYear = certifiedStage ? Number(certifiedStage.reachedOn.slice(0, 4)) : district.certified ? district.certifiedYear : null;
  const planned = district.plannedCertificationYear;
  const late = certifiedYear !== null ? certifiedYear > planned : Number(today.slice(0, 4)) > planned;
  return { stage: latest?.stage ?? null, reachedOn: latest?.reachedOn ?? null, plannedCertificationYear: planned, certifiedYear, late };
}

@Resolver()
export class CertificationStageResolver {
  @Authorized([Role.SUPERVISOR])
  @Mutation(() => CertificationStagePayload, { description: 'Records a certification stage a district reached, on a date (supervisors; append-only, audited)' })
  async recordCertificationStage(@Ctx() ctx: Context, @Arg('input', () => RecordCertificationStageInput) input: RecordCertificationStageInput): Promise<CertificationStagePayload> {
    const outcome = await mutate(ctx, {
      name: 'recordCertificationStage',
      input,
      run: async (db) => {
        const today = hubToday();
        if (input.reachedOn > today) reject(['reachedOn'], UserErrorCode.INVALID, msg('CERTIFICATION_STAGE_IN_FUTURE', { reachedOn: input.reachedOn, today }));
        if (input.note != null && input.note.length > 2000) reject(['note'], UserErrorCode.TOO_LONG, msg('VALUE_TOO_LONG', { field: 'note', max: 2000, length: input.note.length }));
        const [district] = await db.query(`SELECT code FROM districts WHERE code = $1`, [input.districtCode]);
        if (!district) reject(['districtCode'], UserErrorCode.NOT_FOUND, msg('LEDGER_DISTRICT_NOT_FOUND', { code: input.districtCode }));
        let dossierNumber: string | null = null;
        if (input.dossierId != null) {
          const dossier = await dossierById(ctx, input.dossierId);
          if (!dossier) reject(['dossierId'], UserErrorCode.NOT_FOUND, msg('DOSSIER_NOT_FOUND', { id: input.dossierId }));
          if (dossier.districtCode !== input.districtCode) {
            reject(['dossierId'], UserErrorCode.INVALID, msg('CERTIFICATION_DOSSIER_OTHER_DISTRICT', { dossier: dossier.number, code: input.districtCode }));
          }
          dossierNumber = dossier.number;
        }
        const [row] = await db.query(
          `INSERT INTO certification_stages (district_code, stage, reached_on, dossier_id, note, recorded_by, request_id)
           VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id::text AS id`,
          [input.districtCode, input.stage, input.reachedOn, dossierNumber, input.note?.trim() || null, ctx.viewer.subject, ctx.requestId],
        );
        return { stageId: row.id as string };
      },
    });
    if (!outcome.result) return { certificationStage: null, userErrors: outcome.userErrors, replayed: false };
    const [stage] = await ctx.db.getRepository(CertificationStage).findBy({ stageId: outcome.result.stageId });
    return { certificationStage: stage ?? null, userErrors: [], replayed: outcome.replayed };
  }
}

@Resolver(() => CertificationStage)
export class CertificationStageFieldResolver {
  @FieldResolver(() => EvaluationDossier, { nullable: true, description: 'The dossier submitted for this stage' })
  dossier(@Root() s: CertificationStage, @Ctx() ctx: Context): Promise<EvaluationDossier | null> {
    return s.dossierId ? ctx.loaders.dossiers.byId().load(s.dossierId) : Promise.resolve(null);
  }
}

@Resolver(() => District)
export class DistrictCertificationResolver {
  @FieldResolver(() => [CertificationStage], { description: 'The certification stages the district reached, oldest first' })
  certificationStages(@Root() d: District, @Ctx() ctx: Context): Promise<CertificationStage[]> {
    return ctx.loaders.certification.byDistrict().load(d.code);
  }

  @FieldResolver(() => CertificationStatus, { description: 'The latest stage reached, shown against the planned certification year' })
  async certificationStatus(@Root() d: District, @Ctx() ctx: Context): Promise<CertificationStatus> {
    return certificationStatus(d, await ctx.loaders.certification.byDistrict().load(d.code), hubToday());
  }
}

@Resolver(() => EarlyWarning)
export class EarlyWarningCertificationResolver {
  @FieldResolver(() => CertificationStatus, { nullable: true, description: 'The district\'s latest certification stage and its date, against its planned year (late marked)' })
  async certificationStatus(@Root() w: EarlyWarning, @Ctx() ctx: Context): Promise<CertificationStatus | null> {
    const [district, stages] = await Promise.all([
      ctx.loaders.districts.byCode().load(w.districtCode),
      ctx.loaders.certification.byDistrict().load(w.districtCode),
    ]);
    return district ? certificationStatus(district, stages, hubToday()) : null;
  }
}

export const certificationResolvers = [CertificationStageResolver, CertificationStageFieldResolver, DistrictCertificationResolver, EarlyWarningCertificationResolver] as const;
