import { DataSource } from 'typeorm';
import { rowsBy } from '../db/batch';
import { LoaderRegistry } from '../graphql/loader-registry';
import { ImportBatch } from './import-batch.entity';

export function createIngestionLoaders(ds: DataSource, registry: LoaderRegistry) {
  return {
    batchById: () => registry.get<string, ImportBatch | null>('ingestion.batchById', undefined, (ids) => rowsBy(ds, ImportBatch, 'batchId', ids)),
  };
}
