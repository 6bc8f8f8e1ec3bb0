import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { ObjectLiteral, EntityTarget } from 'typeorm';
import { AuditEvent } from '../audit/audit-event.entity';
import { forbidden } from '../auth/auth-checker';
import { mayReadTeacherRows, TEACHER_ROW_READERS } from '../auth/roles';
import { rowsBy } from '../db/batch';
import { District } from '../districts/district.entity';
import { EvaluationDossier } from '../dossiers/dossier.entity';
import { ImportBatch } from '../ingestion/import-batch.entity';
import { SchoolStat } from '../schools/school-stat.entity';
import { School } from '../schools/school.entity';
import { TeacherPosting } from '../staffing/teacher-posting.entity';
import { SupervisionVisit } from '../supervision/supervision-visit.entity';
import { Evidence } from '../supervision/evidence.entity';
import { FindingEvent } from '../supervision/finding-event.entity';
import { Finding } from '../supervision/finding.entity';
import type { Context } from './context';
import { badInput } from './errors';
import { msg } from '../messages';
import { fromGlobalId, Node } from './node';

const NUMERIC = /^\d{1,18}$/;
const CODE = /^[\w-]{1,64}$/;

/** The types `node(id:)` can fetch: entity, key property, and what a valid key looks like. */
const NODE_TYPES: Record<string, { entity: EntityTarget<ObjectLiteral>; key: string; pattern: RegExp }> = {
  District: { entity: District, key: 'code', pattern: CODE },
  School: { entity: School, key: 'code', pattern: CODE },
  SchoolStat: { entity: SchoolStat, key: 'rowId', pattern: NUMERIC },
  TeacherPosting: { entity: TeacherPosting, key: 'rowId', pattern: NUMERIC },
  SupervisionVisit: { entity: SupervisionVisit, key: 'visitId', pattern: CODE },
  Finding: { entity: Finding, key: 'findingId', pattern: NUMERIC },
  FindingEvent: { entity: FindingEvent, key: 'eventId', pattern: NUMERIC },
  EvidenceFile: { entity: Evidence, key: 'evidenceId', pattern: NUMERIC },
  ImportBatch: { entity: ImportBatch, key: 'batchId', pattern: NUMERIC },
  AuditEvent: { entity: AuditEvent, key: 'eventId', pattern: NUMERIC },
  EvaluationDossier: { entity: EvaluationDossier, key: 'number', pattern: NUMERIC },
};

@Resolver()
export class NodeResolver {
  @Query(() => Node, { nullable: true, description: 'Any object with a global id; null when it does not exist' })
  async node(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<Node | null> {
    const parsed = fromGlobalId(id);
    const type = parsed && NODE_TYPES[parsed.type];
    if (!parsed || !type || !type.pattern.test(parsed.key)) throw badInput('id', msg('GLOBAL_ID_UNKNOWN', { id }));
    if (parsed.type === 'TeacherPosting' && !mayReadTeacherRows(ctx.viewer)) {
      throw forbidden(ctx, 'Query.node(TeacherPosting)', msg('TEACHER_ROWS_COUNTS_ONLY', { role: ctx.viewer.role }), TEACHER_ROW_READERS);
    }
    if (parsed.type === 'AuditEvent') ctx.uncacheable = true; // outside the response cache's versions (D21)
    const loader = ctx.loaders.registry.get<string, ObjectLiteral | null>(`node.${parsed.type}`, undefined, (keys) =>
      rowsBy(ctx.db, type.entity, type.key, keys),
    );
    return (await loader.load(parsed.key)) as Node | null;
  }
}
