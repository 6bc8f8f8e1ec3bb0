import { setPricingContext } from './pricing';
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, FieldResolver, Info, Int, Query, Resolver, Root } from 'type-graphql';
import { cityDistrictsProjection } from './projection';
import { Stage } from '../common/vocabulary';
import { DomainError, ErrorCode } from '../graphql/errors';
import { msg } from '../messages';
import { District } from '../districts/district.entity';
import type { Context } from '../graphql/context';
import { EvidenceInput, evidenceInputs } from '../graphql/evidence';
import { School } from '../schools/school.entity';
import { resourceIndicators, schoolRule } from './index';
import { typeStages } from './scope';
import { visibleDistrictCodes } from '../districts/district.service';
import { certificationProgress, cityEvaluation, districtBasicBalance, districtEvaluation, districtEvaluationAsOf, schoolFacts } from './evaluation.service';
import { messageFieldsOf, unitNameOf } from '../graphql/engine-message';
import { plainResolver } from '../graphql/plain-resolvers';
import {
  BasicBalanceDistrict,
  BasicBalanceStage,
  Blocker,
  CertificationProgress,
  CityEvaluation,
  DistrictEvaluation,
  EarlyWarning,
  Evidence,
  IndicatorResult,
  Precondition,
  SchoolFinding,
  SchoolRuleResult,
  Shortfall,
  SpreadResult,
  Standard,
} from './evaluation.types';
import type { Evidence as EngineEvidence } from './types';

const AS_OF = 'Compute from the data as it stood at this instant (可追溯): every dataset at its state then; absent: today\'s data';
const AS_OF_SCHOOL = 'Compute from the data as it stood at this instant (可追溯); null (or empty) when the school had not been delivered by then';

async function districtOrThrow(ctx: Context, code: string): Promise<District> {
  const district = await ctx.loaders.districts.byCode().load(code);
  if (!district) throw new Error(`evaluation refers to missing district ${code}`);
  return district;
}

async function schoolOrThrow(ctx: Context, code: string): Promise<School> {
  const school = await ctx.loaders.schools.byCode().load(code);
  if (!school) throw new Error(`evaluation refers to missing school ${code}`);
  return school;
}

@Resolver()
export class ComplianceQueryResolver {
  @Query(() => CityEvaluation, { description: 'Every district evaluated against YJ2017 for a year' })
  async cityEvaluation(
    @Ctx() ctx: Context,
    @Arg('year', () => Int) year: number,
    @Arg('asOf', () => Date, { nullable: true, description: 'Evaluate the data as it stood at this instant (可追溯); absent: today\'s data' }) asOf?: Date | null,
    @Info() info?: GraphQLResolveInfo,
  ): Promise<CityEvaluation> {
    // Each district keeps only what the query selects of it (D123): a province's full results do not fit the heap.
    const projection = info ? cityDistrictsProjection(info.schema, info.fieldNodes, info.fragments) : null;
    return (await cityEvaluation(ctx, year, asOf ?? undefined, projection)) as unknown as CityEvaluation;
  }

  @Query(() => CertificationProgress, { description: 'Planned vs qualified per planned year, and the early-warning list (监测预警)' })
  async certificationProgress(@Ctx() ctx: Context, @Arg('year', () => Int) year: number): Promise<CertificationProgress> {
    return (await certificationProgress(ctx, year)) as unknown as CertificationProgress;
  }

  @Query(() => [BasicBalanceDistrict], { description: 'Basic-balance monitoring (JB2012 CVs and composites) of every district' })
  async basicBalanceMonitoring(
    @Ctx() ctx: Context,
    @Arg('year', () => Int) year: number,
    @Arg('asOf', () => Date, { nullable: true, description: AS_OF }) asOf?: Date | null,
  ): Promise<BasicBalanceDistrict[]> {
    const codes = await visibleDistrictCodes(ctx);
    // As of an instant a district not yet delivered then is left out, as in cityEvaluation.
    const results = await Promise.all(codes.map((c) => districtBasicBalance(ctx, c, year, asOf ?? undefined)));
    return results.filter((r) => r !== null) as unknown as BasicBalanceDistrict[];
  }
}

@Resolver(() => District)
export class DistrictEvaluationFieldResolver {
  @FieldResolver(() => DistrictEvaluation, { description: 'The verdict for a year, with every indicator, spread, shortfall and its evidence' })
  async evaluation(
    @Root() district: District,
    @Ctx() ctx: Context,
    @Arg('year', () => Int) year: number,
    @Arg('standard', () => Standard, { defaultValue: Standard.YJ2017 }) standard: Standard,
    @Arg('asOf', () => Date, { nullable: true, description: 'Evaluate the data as it stood at this instant (可追溯): every dataset at its state then; absent: today\'s data' }) asOf?: Date | null,
  ): Promise<DistrictEvaluation> {
    if (!asOf) return (await districtEvaluation(ctx, district.code, year, standard)) as unknown as DistrictEvaluation;
    const then = await districtEvaluationAsOf(ctx, district.code, year, standard, asOf);
    // The district is visible today but was not delivered yet then: said so (404), not a null in a non-null field.
    if (!then) throw new DomainError(ErrorCode.NOT_FOUND, msg('EVALUATION_NOT_DELIVERED_YET', { code: district.code, asOf: asOf.toISOString() }), { argumentName: 'asOf' });
    return then as unknown as DistrictEvaluation;
  }

  @FieldResolver(() => BasicBalanceDistrict, { description: 'Basic-balance monitoring: JB2012 CVs and composite per stage' })
  async basicBalance(
    @Root() district: District,
    @Ctx() ctx: Context,
    @Arg('year', () => Int) year: number,
    @Arg('asOf', () => Date, { nullable: true, description: AS_OF }) asOf?: Date | null,
  ): Promise<BasicBalanceDistrict> {
    const result = await districtBasicBalance(ctx, district.code, year, asOf ?? undefined);
    if (!result && asOf) throw new DomainError(ErrorCode.NOT_FOUND, msg('EVALUATION_NOT_DELIVERED_YET', { code: district.code, asOf: asOf.toISOString() }), { argumentName: 'asOf' });
    return result as unknown as BasicBalanceDistrict;
  }
}

@Resolver(() => School)
export class SchoolEvaluationFieldResolver {
  @FieldResolver(() => [IndicatorResult], { description: 'R1–R7 of one stage of the school, with shortfalls' })
  async resourceIndicators(
    @Root() school: School,
    @Ctx() ctx: Context,
    @Arg('year', () => Int) year: number,
    @Arg('stage', () => Stage) stage: Stage,
    @Arg('asOf', () => Date, { nullable: true, description: AS_OF_SCHOOL }) asOf?: Date | null,
  ): Promise<IndicatorResult[]> {
    const facts = await schoolFacts(ctx, school.districtCode, school.code, year, asOf ?? undefined);
    return (facts ? resourceIndicators(facts, stage) : []) as unknown as IndicatorResult[];
  }

  @FieldResolver(() => SchoolRuleResult, { nullable: true, description: '校校达标 for one stage of the school; null when the school does not teach that stage' })
  async schoolRule(
    @Root() school: School,
    @Ctx() ctx: Context,
    @Arg('year', () => Int) year: number,
    @Arg('stage', () => Stage) stage: Stage,
    @Arg('asOf', () => Date, { nullable: true, description: AS_OF_SCHOOL }) asOf?: Date | null,
  ): Promise<SchoolRuleResult | null> {
    if (!asOf && !typeStages(school.schoolType).includes(stage)) return null;
    const facts = await schoolFacts(ctx, school.districtCode, school.code, year, asOf ?? undefined);
    // As of an instant the school's type is the one delivered then (it may have been corrected since).
    if (!facts || !typeStages(facts.schoolType).includes(stage)) return null;
    const rule = schoolRule(facts, stage);
    // Priced with the unit costs as they stood at the same instant.
    if (rule) setPricingContext(rule, { year, asOf: asOf ?? null });
    return rule as unknown as SchoolRuleResult | null;
  }
}

@Resolver(() => DistrictEvaluation)
export class DistrictEvaluationResolver {
  @FieldResolver(() => District)
  district(@Root() e: DistrictEvaluation, @Ctx() ctx: Context): Promise<District> {
    return districtOrThrow(ctx, e.districtCode);
  }
}

@Resolver(() => BasicBalanceDistrict)
export class BasicBalanceDistrictResolver {
  @FieldResolver(() => District)
  district(@Root() e: BasicBalanceDistrict, @Ctx() ctx: Context): Promise<District> {
    return districtOrThrow(ctx, e.districtCode);
  }
}

@Resolver(() => EarlyWarning)
export class EarlyWarningResolver {
  @FieldResolver(() => District)
  district(@Root() e: EarlyWarning, @Ctx() ctx: Context): Promise<District> {
    return districtOrThrow(ctx, e.districtCode);
  }
}

// Asked once per school part, finding and evidence of an evaluation: plain functions (src/graphql/plain-resolvers.ts).
plainResolver(SchoolRuleResult, 'school', (r: SchoolRuleResult, _args, ctx) => schoolOrThrow(ctx, r.schoolCode));
plainResolver(SchoolFinding, 'school', (r: SchoolFinding, _args, ctx) => schoolOrThrow(ctx, r.schoolCode));
plainResolver(Evidence, 'inputs', (e: EngineEvidence) => evidenceInputs(e.inputs));

@Resolver(() => SchoolRuleResult)
export class SchoolRuleResultResolver {
  @FieldResolver(() => School)
  school(@Root() r: SchoolRuleResult, @Ctx() ctx: Context): Promise<School> {
    return schoolOrThrow(ctx, r.schoolCode);
  }
}

@Resolver(() => SchoolFinding)
export class SchoolFindingResolver {
  @FieldResolver(() => School)
  school(@Root() r: SchoolFinding, @Ctx() ctx: Context): Promise<School> {
    return schoolOrThrow(ctx, r.schoolCode);
  }
}

@Resolver(() => Evidence)
export class EvidenceResolver {
  @FieldResolver(() => [EvidenceInput], { description: 'The numbers the figure was computed from' })
  inputs(@Root() e: EngineEvidence): EvidenceInput[] {
    return evidenceInputs(e.inputs);
  }
}

export const complianceResolvers = [
  messageFieldsOf(IndicatorResult, 'message', { nullable: true }),
  messageFieldsOf(SchoolFinding, 'message', { nullable: false }),
  messageFieldsOf(Shortfall, 'description', { nullable: false, description: 'What is missing, in the indicator\'s own unit (一校一策), in the reader\'s language' }),
  messageFieldsOf(SchoolRuleResult, 'message', { nullable: true }),
  messageFieldsOf(SpreadResult, 'message', { nullable: true }),
  messageFieldsOf(Blocker, 'message', { nullable: false }),
  messageFieldsOf(Precondition, 'message', { nullable: false }),
  messageFieldsOf(BasicBalanceStage, 'message', { nullable: false }),
  unitNameOf(IndicatorResult),
  unitNameOf(SchoolFinding),
  unitNameOf(Shortfall),
  ComplianceQueryResolver,
  DistrictEvaluationFieldResolver,
  SchoolEvaluationFieldResolver,
  DistrictEvaluationResolver,
  BasicBalanceDistrictResolver,
  EarlyWarningResolver,
  SchoolRuleResultResolver,
  SchoolFindingResolver,
  EvidenceResolver,
] as const;
