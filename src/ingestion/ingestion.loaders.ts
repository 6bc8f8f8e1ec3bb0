import { EntityManager } from 'typeorm';
import { countsBy, pagedGroups, rowsBy } from '../db/batch';
import { LoaderRegistry } from '../graphql/loader-registry';
import { Page } from '../graphql/pagination';
import { ImportBatch } from './import-batch.entity';
import { ImportRowError } from './import-error.entity';
import { RowHistory } from './row-history.entity';

export function createIngestionLoaders(db: EntityManager, registry: LoaderRegistry) {
  return {
    batchById: () => registry.get<string, ImportBatch | null>('ingestion.batchById', undefined, (ids) => rowsBy(db, ImportBatch, 'batchId', ids)),
    /** One page of a batch's kept errors, in spreadsheet order (the order they were stored in). */
    errorsPage: (page: Page) =>
      registry.get<string, ImportRowError[]>('ingestion.errorsPage', page, (ids) =>
        pagedGroups(db, ImportRowError, 'batchId', ids, { orderBy: [['errorId', 'ASC']], offset: page.offset, limit: page.limit + 1 }),
      ),
    errorCount: () => registry.get<string, number>('ingestion.errorCount', undefined, (ids) => countsBy(db, ImportRowError, 'batchId', ids)),
    /** One page of the values a batch replaced. */
    historyPage: (page: Page) =>
      registry.get<string, RowHistory[]>('ingestion.historyPage', page, (ids) =>
        pagedGroups(db, RowHistory, 'replacedByBatchId', ids, { orderBy: [['historyId', 'ASC']], offset: page.offset, limit: page.limit + 1 }),
      ),
    historyCount: () =>
      registry.get<string, number>('ingestion.historyCount', undefined, (ids) => countsBy(db, RowHistory, 'replacedByBatchId', ids)),
  };
}
