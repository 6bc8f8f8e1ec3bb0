import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Info, Int, Query, Resolver, Root } from 'type-graphql';
import { QualityMonitoring } from '../assessment/quality-monitoring.entity';
import { forbidden } from '../auth/auth-checker';
import { msg } from '../messages';
import { mayReadTeacherRows, TEACHER_ROW_READERS } from '../auth/roles';
import { Stage } from '../common/vocabulary';
import { District } from '../districts/district.entity';
import { SchoolFunds } from '../funding/school-funds.entity';
import type { Context } from '../graphql/context';
import { ConnectionType, PageArgs, selectedConnectionParts, toPage } from '../graphql/pagination';
import { TeacherPostingConnection } from '../staffing/teacher-posting.resolver';
import { SupervisionVisit } from '../supervision/supervision-visit.entity';
import { SchoolStat } from './school-stat.entity';
import { School } from './school.entity';
import { SchoolFilter, SchoolOrder } from './school.inputs';
import { listSchools } from './school.service';

export const SchoolConnection = ConnectionType(School);

@Resolver(() => School)
export class SchoolResolver {
  @Query(() => SchoolConnection, { description: 'Schools, filtered, ordered and paged' })
  schools(
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
    @Args() pageArgs: PageArgs,
    @Arg('filter', () => SchoolFilter, { nullable: true }) filter?: SchoolFilter,
    @Arg('orderBy', () => [SchoolOrder], { nullable: true }) orderBy?: SchoolOrder[],
  ) {
    return new SchoolConnection(listSchools(ctx.db, filter, orderBy, toPage(pageArgs), selectedConnectionParts(info)));
  }

  @Query(() => School, { nullable: true })
  school(@Ctx() ctx: Context, @Arg('code', () => String) code: string): Promise<School | null> {
    return ctx.loaders.schools.byCode().load(code);
  }

  @FieldResolver(() => District)
  async district(@Root() school: School, @Ctx() ctx: Context): Promise<District> {
    const district = await ctx.loaders.districts.byCode().load(school.districtCode);
    if (!district) throw new Error(`school ${school.code} refers to missing district ${school.districtCode}`);
    return district;
  }

  @FieldResolver(() => [SchoolStat], { description: 'Annual statistics per stage' })
  stats(
    @Root() school: School,
    @Ctx() ctx: Context,
    @Arg('year', () => Int, { nullable: true }) year?: number,
    @Arg('stage', () => Stage, { nullable: true }) stage?: Stage,
  ): Promise<SchoolStat[]> {
    return ctx.loaders.schools.stats({ year, stage }).load(school.code);
  }

  @FieldResolver(() => TeacherPostingConnection)
  teacherPostings(
    @Root() school: School,
    @Ctx() ctx: Context,
    @Args() pageArgs: PageArgs,
    @Arg('year', () => Int, { nullable: true }) year?: number,
  ) {
    const page = toPage(pageArgs);
    return new TeacherPostingConnection({
      page,
      rows: async () => {
        if (!mayReadTeacherRows(ctx.viewer)) {
          throw forbidden(ctx, 'School.teacherPostings.nodes', msg('TEACHER_ROWS_COUNTS_ONLY', { role: ctx.viewer.role }), TEACHER_ROW_READERS);
        }
        return ctx.loaders.staffing.postingsPage({ year, page }).load(school.code);
      },
      count: () => ctx.loaders.staffing.postingCount({ year }).load(school.code),
    });
  }

  @FieldResolver(() => [SchoolFunds])
  funds(@Root() school: School, @Ctx() ctx: Context, @Arg('year', () => Int, { nullable: true }) year?: number) {
    return ctx.loaders.funding.schoolFunds({ year }).load(school.code);
  }

  @FieldResolver(() => [QualityMonitoring])
  qualityMonitoring(@Root() school: School, @Ctx() ctx: Context, @Arg('year', () => Int, { nullable: true }) year?: number) {
    return ctx.loaders.assessment.qualityMonitoring({ year }).load(school.code);
  }

  @FieldResolver(() => [SupervisionVisit], { description: 'Process supervision visits (过程督导) and their findings' })
  visits(@Root() school: School, @Ctx() ctx: Context): Promise<SupervisionVisit[]> {
    return ctx.loaders.supervision.visits().load(school.code);
  }
}
