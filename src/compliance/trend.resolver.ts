import { GraphQLJSONObject } from 'graphql-scalars';
import { Arg, Ctx, Field, FieldResolver, Float, Int, ObjectType, registerEnumType, Resolver, Root } from 'type-graphql';
import { Stage } from '../common/vocabulary';
import { District } from '../districts/district.entity';
import type { Context } from '../graphql/context';
import { DecimalScalar } from '../graphql/scalars';
import { render } from '../messages';
import { EarlyWarning, IndicatorStatus, Verdict } from './evaluation.types';
import type { ProjectionBasis } from './trend';
import { districtTrend, PACE_YEARS, projectionMessage, type DistrictTrend as TrendResult } from './trend.service';

enum ProjectionBasisEnum {
  MET = 'MET',
  PACE = 'PACE',
  NO_PROGRESS = 'NO_PROGRESS',
  TOO_FEW_YEARS = 'TOO_FEW_YEARS',
  NO_DATA = 'NO_DATA',
}
registerEnumType(ProjectionBasisEnum, {
  name: 'ProjectionBasis',
  description: 'MET: qualified in the last year; PACE: every gap closes at its pace; NO_PROGRESS: a gap does not; TOO_FEW_YEARS: under two years with data; NO_DATA: the last year lacks data',
});

@ObjectType({ description: 'A coefficient of variation of one year' })
class TrendSpread {
  @Field() code: string;
  @Field(() => Stage) stage: Stage;
  @Field(() => Float, { nullable: true }) cv: number | null;
  @Field(() => Float) limit: number;
  @Field(() => IndicatorStatus) status: IndicatorStatus;
}

@ObjectType({ description: 'A government-guarantee, education-quality or social-recognition indicator of one year' })
class TrendIndicator {
  @Field({ description: 'G01–G15, Q01–Q09, S01' }) code: string;
  @Field(() => IndicatorStatus) status: IndicatorStatus;
  @Field(() => Float, { nullable: true, description: 'For display; valueExact is the exact figure' }) value: number | null;
  @Field(() => String, { nullable: true, description: 'The exact value as a decimal string' }) valueExact: string | null;
}

@ObjectType({ description: 'A district\'s figures in one year' })
class TrendYear {
  @Field(() => Int) year: number;
  @Field(() => Verdict) verdict: Verdict;
  @Field(() => Int, { description: 'School parts evaluated (a nine-year school counts in both stages)' }) schoolCount: number;
  @Field(() => Int) schoolsMeetingRule: number;
  @Field(() => Int, { description: 'Government-guarantee, education-quality and social-recognition indicators not met' }) indicatorsNotMet: number;
  @Field(() => Int, { description: 'Those indicators without data' }) indicatorsNoData: number;
  @Field(() => [TrendSpread], { description: 'R1–R7 CVs per stage' }) spreads: TrendSpread[];
  @Field(() => [TrendIndicator], { description: 'The G/Q/S indicators: status and value each year' }) indicators: TrendIndicator[];
  @Field(() => DecimalScalar, { nullable: true, description: 'Education expenditure per student, yuan (display rounding of 两个只增不减)' })
  perStudentExpenditure: string | null;
}

@ObjectType({ description: 'The year the district would qualify at its pace (the change over the last three years with data)' })
class QualifyingProjection {
  @Field(() => ProjectionBasisEnum) basis: ProjectionBasis;
  @Field(() => Int, { nullable: true, description: 'Projected year; null when it cannot be said' }) year: number | null;
  @Field(() => Int) fromYear: number;
  @Field(() => Int) toYear: number;
  @Field(() => [String], { description: 'The gaps that decide the year or do not close: CV_Rn/stage, SCHOOL_RULE, INDICATORS' }) limiting: string[];
  @Field(() => Int, { nullable: true }) plannedCertificationYear: number | null;
  @Field(() => Boolean, { nullable: true, description: 'Whether the projected year is after the planned certification year' }) late: boolean | null;
  @Field({ description: 'The projection in the request\'s language' }) message: string;
  @Field() messageCode: string;
  @Field(() => GraphQLJSONObject) messageParams: Record<string, unknown>;
}

@ObjectType({ description: 'A district over the years: its figures and the year it would qualify at its pace' })
class DistrictTrend {
  @Field(() => [TrendYear]) years: TrendYear[];
  @Field(() => QualifyingProjection) projection: QualifyingProjection;
}

function shown(t: TrendResult): DistrictTrend {
  const m = projectionMessage(t.projection);
  return { years: t.years as TrendYear[], projection: { ...t.projection, message: render(m), messageCode: m.code, messageParams: m.params as Record<string, unknown> } };
}

@Resolver(() => District)
export class DistrictTrendResolver {
  @FieldResolver(() => DistrictTrend, {
    nullable: true,
    description: 'Figures per year of the range (at most 10) and the year the district would qualify at the pace of its last three',
  })
  async trend(
    @Root() district: District,
    @Ctx() ctx: Context,
    @Arg('toYear', () => Int) toYear: number,
    @Arg('fromYear', () => Int, { nullable: true, description: 'Default: two years before toYear' }) fromYear?: number,
    @Arg('asOf', () => Date, {
      nullable: true,
      description: 'Every year from the data as it stood at this instant (可追溯), the plan included; null when the district had not been delivered by then',
    }) asOf?: Date | null,
  ): Promise<DistrictTrend | null> {
    const t = await districtTrend(ctx, district, fromYear ?? toYear - PACE_YEARS + 1, toYear, asOf ?? undefined);
    return t && shown(t);
  }
}

@Resolver(() => EarlyWarning)
export class EarlyWarningProjectionResolver {
  @FieldResolver(() => QualifyingProjection, { nullable: true, description: 'At this pace: the year it would qualify, against its plan' })
  async projection(@Root() w: EarlyWarning & { year: number }, @Ctx() ctx: Context): Promise<QualifyingProjection | null> {
    const district = await ctx.loaders.districts.byCode().load(w.districtCode);
    if (!district) return null;
    const t = await districtTrend(ctx, district, w.year - PACE_YEARS + 1, w.year);
    return t && shown(t).projection;
  }
}

export const trendResolvers = [DistrictTrendResolver, EarlyWarningProjectionResolver];
