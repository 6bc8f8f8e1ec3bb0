import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../graphql/context';
import { School } from '../schools/school.entity';
import { SupervisionVisit } from './supervision-visit.entity';

@Resolver(() => SupervisionVisit)
export class SupervisionVisitResolver {
  @FieldResolver(() => School)
  async school(@Root() visit: SupervisionVisit, @Ctx() ctx: Context): Promise<School> {
    const school = await ctx.loaders.schools.byCode().load(visit.schoolCode);
    if (!school) throw new Error(`visit ${visit.visitId} refers to missing school ${visit.schoolCode}`);
    return school;
  }
}
