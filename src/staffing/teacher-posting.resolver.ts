import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../graphql/context';
import { ConnectionType } from '../graphql/pagination';
import { School } from '../schools/school.entity';
import { TeacherPosting } from './teacher-posting.entity';

/** Analysts may count postings but not list them (docs/access.md): the rows may be forbidden, the count never. */
export const TeacherPostingConnection = ConnectionType(TeacherPosting, 'TeacherPosting', { rowsMayBeForbidden: true });

@Resolver(() => TeacherPosting)
export class TeacherPostingResolver {
  @FieldResolver(() => School)
  async school(@Root() posting: TeacherPosting, @Ctx() ctx: Context): Promise<School> {
    const school = await ctx.loaders.schools.byCode().load(posting.schoolCode);
    if (!school) throw new Error(`posting ${posting.rowId} refers to missing school ${posting.schoolCode}`);
    return school;
  }
}
