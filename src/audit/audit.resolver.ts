import { Arg, Args, Authorized, Ctx, Field, InputType, Query, Resolver } from 'type-graphql';
import { Role } from '../auth/roles';
import { andFilters, equals, noFilter } from '../db/batch';
import type { Context } from '../graphql/context';
import { ConnectionType, PageArgs, toPage } from '../graphql/pagination';
import { AuditAction, AuditEvent, AuditOutcome } from './audit-event.entity';

@InputType()
export class AuditEventFilter {
  @Field(() => AuditAction, { nullable: true })
  action?: AuditAction | null;

  @Field(() => AuditOutcome, { nullable: true })
  outcome?: AuditOutcome | null;

  @Field(() => String, { nullable: true, description: 'Token subject' })
  subject?: string | null;

  @Field(() => Date, { nullable: true })
  from?: Date | null;

  @Field(() => Date, { nullable: true })
  to?: Date | null;
}

export const AuditEventConnection = ConnectionType(AuditEvent);

@Resolver(() => AuditEvent)
export class AuditResolver {
  @Authorized([Role.SUPERVISOR])
  // Nullable: another role gets null with FORBIDDEN here, and the rest of its query still answers.
  @Query(() => AuditEventConnection, { nullable: true, description: 'Imports, writes and denied accesses, newest first (supervisors only)' })
  auditEvents(@Ctx() ctx: Context, @Args() pageArgs: PageArgs, @Arg('filter', () => AuditEventFilter, { nullable: true }) filter?: AuditEventFilter) {
    // The audit log is not in the table versions that key the response cache (D21): never cache what reads it.
    ctx.uncacheable = true;
    const page = toPage(pageArgs);
    const where = andFilters(
      equals({ action: filter?.action, outcome: filter?.outcome, subject: filter?.subject }),
      filter?.from ? { sql: 't.at >= :from', params: { from: filter.from } } : noFilter,
      filter?.to ? { sql: 't.at < :to', params: { to: filter.to } } : noFilter,
    );
    const query = () => ctx.db.getRepository(AuditEvent).createQueryBuilder('t').where(where.sql, where.params);
    return new AuditEventConnection({
      page,
      rows: () => query().orderBy('t.at', 'DESC').addOrderBy('t.eventId', 'DESC').offset(page.offset).limit(page.limit + 1).getMany(),
      count: () => query().getCount(),
    });
  }
}
