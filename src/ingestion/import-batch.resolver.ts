import { Arg, Args, ClassType, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { mayReadTeacherLevel } from '../auth/roles';
import { entities } from '../db/entities';
import type { Context } from '../graphql/context';
import { DomainError, ErrorCode } from '../graphql/errors';
import { msg } from '../messages';
import { ConnectionType, PageArgs, toPage } from '../graphql/pagination';
import { DepartmentalRow } from './departmental-row';
import { ImportBatch } from './import-batch.entity';
import { ImportBatchFilter } from './import-batch.inputs';
import { batchNumberOf, listImportBatches } from './import-batch.service';
import { ImportRowError } from './import-error.entity';
import { RowHistory } from './row-history.entity';

export const ImportBatchConnection = ConnectionType(ImportBatch);
export const ImportErrorConnection = ConnectionType(ImportRowError, 'ImportError');
export const RowHistoryConnection = ConnectionType(RowHistory);

/** Rejected cells and replaced values of teacher postings are teacher-level data (pay, pseudonyms). */
function checkTeacherLevel(batch: ImportBatch, ctx: Context, field: string): void {
  if (batch.dataset === 'teacher_postings' && !mayReadTeacherLevel(ctx.viewer)) {
    throw new DomainError(ErrorCode.FORBIDDEN, msg('IMPORT_BATCH_TEACHER_LEVEL', { field, role: ctx.viewer.role }), {
      field: `ImportBatch.${field}`,
    });
  }
}

@Resolver(() => ImportBatch)
export class ImportBatchResolver {
  @Query(() => ImportBatchConnection, { description: 'Deliveries of departmental data, newest first' })
  importBatches(
    @Ctx() ctx: Context,
    @Args() pageArgs: PageArgs,
    @Arg('filter', () => ImportBatchFilter, { nullable: true }) filter?: ImportBatchFilter,
  ) {
    return new ImportBatchConnection(listImportBatches(ctx.db, filter, toPage(pageArgs)));
  }

  @Query(() => ImportBatch, { nullable: true, description: 'One delivery, by its id or by its number (as the CLI and evidence show it)' })
  importBatch(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<ImportBatch | null> {
    return ctx.loaders.ingestion.batchById().load(batchNumberOf(id));
  }

  // errors and history are nullable: FORBIDDEN on a teacher_postings batch (teacher-level data) nulls only themselves.
  @FieldResolver(() => ImportErrorConnection, {
    nullable: true,
    description: 'Problems of a rejected file in spreadsheet order: the first ones kept (errorCount counts them all)',
  })
  errors(@Root() batch: ImportBatch, @Ctx() ctx: Context, @Args() pageArgs: PageArgs) {
    checkTeacherLevel(batch, ctx, 'errors');
    const page = toPage(pageArgs);
    return new ImportErrorConnection({
      page,
      rows: () => ctx.loaders.ingestion.errorsPage(page).load(batch.batchId),
      count: () => ctx.loaders.ingestion.errorCount().load(batch.batchId),
    });
  }

  @FieldResolver(() => RowHistoryConnection, { nullable: true, description: 'The values this delivery replaced, each with the batch that had delivered them' })
  history(@Root() batch: ImportBatch, @Ctx() ctx: Context, @Args() pageArgs: PageArgs) {
    checkTeacherLevel(batch, ctx, 'history');
    const page = toPage(pageArgs);
    return new RowHistoryConnection({
      page,
      rows: () => ctx.loaders.ingestion.historyPage(page).load(batch.batchId),
      count: () => ctx.loaders.ingestion.historyCount().load(batch.batchId),
    });
  }
}

@Resolver(() => RowHistory)
export class RowHistoryResolver {
  @FieldResolver(() => ImportBatch, { description: 'The batch that had delivered these values' })
  deliveredBy(@Root() entry: RowHistory, @Ctx() ctx: Context): Promise<ImportBatch> {
    return batchOf(ctx, entry.deliveredByBatchId);
  }

  @FieldResolver(() => ImportBatch, { description: 'The batch that replaced them' })
  replacedBy(@Root() entry: RowHistory, @Ctx() ctx: Context): Promise<ImportBatch> {
    return batchOf(ctx, entry.replacedByBatchId);
  }
}

async function batchOf(ctx: Context, batchId: string): Promise<ImportBatch> {
  const batch = await ctx.loaders.ingestion.batchById().load(batchId);
  if (!batch) throw new Error(`import batch ${batchId} is missing`); // foreign keys make this impossible
  return batch;
}

/** `source: ImportBatch!` on one departmental type: the delivery of the row's current values, batched per request. */
function sourceResolver(type: ClassType<DepartmentalRow>) {
  @Resolver(() => type)
  class SourceResolver {
    @FieldResolver(() => ImportBatch, { description: "The import batch that delivered this row's current values" })
    source(@Root() row: DepartmentalRow, @Ctx() ctx: Context): Promise<ImportBatch> {
      return batchOf(ctx, row.batchId);
    }
  }
  Object.defineProperty(SourceResolver, 'name', { value: `${type.name}SourceResolver` });
  return SourceResolver;
}

/** Every entity delivered by a department gets `source`: a new dataset's entity gets it without an edit here. */
const departmentalTypes = (entities as Function[]).filter((e): e is ClassType<DepartmentalRow> => e.prototype instanceof DepartmentalRow);

export const ingestionResolvers: Function[] = [ImportBatchResolver, RowHistoryResolver, ...departmentalTypes.map(sourceResolver)];
