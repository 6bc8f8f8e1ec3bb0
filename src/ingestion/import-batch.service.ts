import { EntityManager } from 'typeorm';
import { equals } from '../db/batch';
import { badInput } from '../graphql/errors';
import { msg } from '../messages';
import { fromGlobalId } from '../graphql/node';
import { Page, PageSource } from '../graphql/pagination';
import { ImportBatch } from './import-batch.entity';
import { ImportBatchFilter } from './import-batch.inputs';

/** Import batches, newest first; the count runs only when asked for. */
export function listImportBatches(db: EntityManager, filter: ImportBatchFilter | null | undefined, page: Page): PageSource<ImportBatch> {
  const where = equals({ dataset: filter?.dataset, department: filter?.department, status: filter?.status });
  const query = () => db.getRepository(ImportBatch).createQueryBuilder('t').where(where.sql, where.params);
  return {
    page,
    rows: () => query().orderBy('t.createdAt', 'DESC').addOrderBy('t.batchId', 'DESC').offset(page.offset).limit(page.limit + 1).getMany(),
    count: () => query().getCount(),
  };
}

/**
 * The batch number from `importBatch(id:)`: the global id (ImportBatch.id), or the plain number the CLI, the HTTP
 * summary and evidence (`SourceRef.batchId`) show.
 */
export function batchNumberOf(id: string): string {
  if (/^\d{1,18}$/.test(id)) return id;
  const parsed = fromGlobalId(id);
  if (parsed?.type === 'ImportBatch' && /^\d{1,18}$/.test(parsed.key)) return parsed.key;
  throw badInput('id', msg('IMPORT_BATCH_ID_UNKNOWN', { id }));
}
