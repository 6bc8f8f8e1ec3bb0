import { Arg, Args, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { Stage } from '../common/vocabulary';
import { EducationExpenditure } from '../funding/education-expenditure.entity';
import { TransferPayment } from '../funding/transfer-payment.entity';
import type { Context } from '../graphql/context';
import { ConnectionType, PageArgs, toPage } from '../graphql/pagination';
import { SchoolConnection } from '../schools/school.resolver';
import { SchoolFilter, SchoolOrder } from '../schools/school.inputs';
import { districtSchools } from '../schools/school.service';
import { CivilServantPay } from '../staffing/civil-servant-pay.entity';
import { Rating } from '../supervision/rating.entity';
import { Survey } from '../supervision/survey.entity';
import { DistrictEducation } from './district-education.entity';
import { District } from './district.entity';
import { DistrictFilter, DistrictOrder } from './district.inputs';
import { listDistricts } from './district.service';

export const DistrictConnection = ConnectionType(District);

@Resolver(() => District)
export class DistrictResolver {
  @Query(() => DistrictConnection, { description: 'The districts (区县), filtered, ordered and paged' })
  districts(
    @Ctx() ctx: Context,
    @Args() pageArgs: PageArgs,
    @Arg('filter', () => DistrictFilter, { nullable: true }) filter?: DistrictFilter,
    @Arg('orderBy', () => [DistrictOrder], { nullable: true }) orderBy?: DistrictOrder[],
  ) {
    return new DistrictConnection(listDistricts(ctx.db, filter, orderBy, toPage(pageArgs)));
  }

  @Query(() => District, { nullable: true })
  district(@Ctx() ctx: Context, @Arg('code', () => String) code: string): Promise<District | null> {
    return ctx.loaders.districts.byCode().load(code);
  }

  @FieldResolver(() => SchoolConnection)
  schools(
    @Root() district: District,
    @Ctx() ctx: Context,
    @Args() pageArgs: PageArgs,
    @Arg('filter', () => SchoolFilter, { nullable: true }) filter?: SchoolFilter,
    @Arg('orderBy', () => [SchoolOrder], { nullable: true }) orderBy?: SchoolOrder[],
  ) {
    const scoped = { ...filter, districtCode: undefined };
    return new SchoolConnection(districtSchools(ctx.db, ctx.loaders.registry, district.code, scoped, orderBy, toPage(pageArgs)));
  }

  @FieldResolver(() => Int, { description: 'Number of schools registered in the district' })
  schoolCount(@Root() district: District, @Ctx() ctx: Context): Promise<number> {
    return ctx.loaders.districts.schoolCount().load(district.code);
  }

  @FieldResolver(() => Int, { description: 'Students in the district\'s schools (school statistics) in a school year, optionally of one stage' })
  studentCount(
    @Root() district: District,
    @Ctx() ctx: Context,
    @Arg('year', () => Int) year: number,
    @Arg('stage', () => Stage, { nullable: true }) stage?: Stage,
  ): Promise<number> {
    return ctx.loaders.districts.studentCount({ year, stage }).load(district.code);
  }

  @FieldResolver(() => [EducationExpenditure], { description: 'General public budget education expenditure, final and budget rows' })
  educationExpenditure(
    @Root() district: District,
    @Ctx() ctx: Context,
    @Arg('fromYear', () => Int, { nullable: true }) fromYear?: number,
    @Arg('toYear', () => Int, { nullable: true }) toYear?: number,
  ): Promise<EducationExpenditure[]> {
    return ctx.loaders.funding.expenditure({ fromYear, toYear }).load(district.code);
  }

  @FieldResolver(() => [DistrictEducation])
  districtEducation(@Root() district: District, @Ctx() ctx: Context, @Arg('year', () => Int, { nullable: true }) year?: number) {
    return ctx.loaders.districts.education({ year }).load(district.code);
  }

  @FieldResolver(() => [TransferPayment])
  transferPayments(@Root() district: District, @Ctx() ctx: Context, @Arg('year', () => Int, { nullable: true }) year?: number) {
    return ctx.loaders.funding.transferPayments({ year }).load(district.code);
  }

  @FieldResolver(() => [CivilServantPay])
  civilServantPay(@Root() district: District, @Ctx() ctx: Context, @Arg('year', () => Int, { nullable: true }) year?: number) {
    return ctx.loaders.staffing.civilServantPay({ year }).load(district.code);
  }

  @FieldResolver(() => [Rating], { description: 'Inspectors\' ratings and disqualifying events (V01–V03)' })
  ratings(@Root() district: District, @Ctx() ctx: Context, @Arg('year', () => Int, { nullable: true }) year?: number) {
    return ctx.loaders.supervision.ratings({ year }).load(district.code);
  }

  @FieldResolver(() => [Survey])
  surveys(@Root() district: District, @Ctx() ctx: Context, @Arg('year', () => Int, { nullable: true }) year?: number) {
    return ctx.loaders.supervision.surveys({ year }).load(district.code);
  }
}
