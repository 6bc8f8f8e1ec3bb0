import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { decimal } from '../common/decimal';
import { District } from '../districts/district.entity';
import type { Context } from '../graphql/context';
import { messageListFieldsOf } from '../graphql/engine-message';
import { EvidenceInput, evidenceInputs } from '../graphql/evidence';
import { DecimalScalar } from '../graphql/scalars';
import { SchoolFunds } from './school-funds.entity';
import { cityFundingSummary, cityTransferPayments, districtFundingChecks, fundingCheckViolations } from './funding.service';
import { CityFundingSummary, CityTransferPayments, FundingCheckYear, FundingEvidence, FundingViolation } from './funding.types';
import type { FundingCheckYear as RuleYear } from './never-decrease';

const AS_OF = 'Check the figures as they stood at this instant (可追溯): both datasets at their state then; absent: today\'s data';

@Resolver()
export class FundingQueryResolver {
  @Query(() => [FundingViolation], { description: 'Districts violating either never-decrease check in a year, with the figures' })
  async fundingCheckViolations(
    @Ctx() ctx: Context,
    @Arg('year', () => Int) year: number,
    @Arg('asOf', () => Date, { nullable: true, description: AS_OF }) asOf?: Date | null,
  ): Promise<FundingViolation[]> {
    return (await fundingCheckViolations(ctx, year, asOf ?? undefined)) as unknown as FundingViolation[];
  }

  @Query(() => CityFundingSummary, { description: 'Totals, per-student average and check counts over all districts' })
  async cityFundingSummary(
    @Ctx() ctx: Context,
    @Arg('year', () => Int) year: number,
    @Arg('asOf', () => Date, { nullable: true, description: AS_OF }) asOf?: Date | null,
  ): Promise<CityFundingSummary> {
    return (await cityFundingSummary(ctx, year, asOf ?? undefined)) as unknown as CityFundingSummary;
  }

  @Query(() => CityTransferPayments, { description: 'Transfer payments of a year by programme and by district, with the change on the year before' })
  cityTransferPayments(@Ctx() ctx: Context, @Arg('year', () => Int) year: number): Promise<CityTransferPayments> {
    return cityTransferPayments(ctx, year);
  }
}

@Resolver(() => District)
export class DistrictFundingResolver {
  @FieldResolver(() => [FundingCheckYear], { description: '两个只增不减 per year of the range, each against the year before' })
  async fundingChecks(
    @Root() district: District,
    @Ctx() ctx: Context,
    @Arg('fromYear', () => Int) fromYear: number,
    @Arg('toYear', () => Int) toYear: number,
    @Arg('asOf', () => Date, { nullable: true, description: AS_OF }) asOf?: Date | null,
  ): Promise<FundingCheckYear[]> {
    return (await districtFundingChecks(ctx, district.code, fromYear, toYear, asOf ?? undefined)) as unknown as FundingCheckYear[];
  }

  @FieldResolver(() => DecimalScalar, { description: 'Sum of the district\'s transfer payments in a year, yuan' })
  async transferPaymentTotal(@Root() district: District, @Ctx() ctx: Context, @Arg('year', () => Int) year: number): Promise<string> {
    const rows = await ctx.loaders.funding.transferPayments({ year }).load(district.code);
    return rows.reduce((acc, r) => acc.add(r.amountYuan), decimal('0')).toFixed(2);
  }
}

@Resolver(() => FundingEvidence)
export class FundingEvidenceResolver {
  @FieldResolver(() => [EvidenceInput])
  inputs(@Root() e: RuleYear['evidence']): EvidenceInput[] {
    return evidenceInputs(e.inputs);
  }
}

@Resolver(() => SchoolFunds)
export class SchoolFundsResolver {
  @FieldResolver(() => DecimalScalar, { nullable: true, description: 'Public-funds budget per student of the year\'s statistics, yuan (2 places)' })
  async perStudentPublicFundsYuan(@Root() funds: SchoolFunds, @Ctx() ctx: Context): Promise<string | null> {
    const stats = await ctx.loaders.schools.stats({ year: funds.year }).load(funds.schoolCode);
    const students = stats.reduce((n, s) => n + s.students, 0);
    return students > 0 ? decimal(funds.publicFundsBudgetYuan).divToScale(decimal(students), 2).toFixed(2) : null;
  }

  @FieldResolver(() => DecimalScalar, { nullable: true, description: 'Teacher training / public-funds budget, a fraction (4 places); Q04 asks ≥ 0.05' })
  trainingShare(@Root() funds: SchoolFunds): string | null {
    const budget = decimal(funds.publicFundsBudgetYuan);
    return budget.isZero() ? null : decimal(funds.teacherTrainingYuan).divToScale(budget, 4).toFixed(4);
  }
}

export const fundingResolvers = [
  FundingQueryResolver, DistrictFundingResolver, FundingEvidenceResolver, SchoolFundsResolver,
  messageListFieldsOf(FundingEvidence, 'notes', 'noteMessages', 'Basis used (决算/预算), missing figures, rounding remarks, in the reader\'s language'),
  messageListFieldsOf(CityFundingSummary, 'notes', 'noteMessages', 'What the totals cover, in the reader\'s language'),
] as const;
