import { EntityManager } from 'typeorm';
import { rowsBy } from '../db/batch';
import { LoaderRegistry } from '../graphql/loader-registry';
import { ImportBatch } from './import-batch.entity';

export function createIngestionLoaders(db: EntityManager, registry: LoaderRegistry) {
  return {
    batchById: () => registry.get<string, ImportBatch | null>('ingestion.batchById', undefined, (ids) => rowsBy(db, ImportBatch, 'batchId', ids)),
  };
}
