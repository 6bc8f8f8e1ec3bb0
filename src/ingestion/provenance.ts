import type { Context } from '../graphql/context';
import type { SourceRef } from '../compliance/types';
import { ImportBatch } from './import-batch.entity';

/** Where a figure came from, before and after its import batch is looked up. */
export interface RawSource {
  dataset: string;
  batchId: string;
  rowKey: string;
}

export function rawSource(dataset: string, batchId: string | number, rowKey: string): RawSource {
  return { dataset, batchId: String(batchId), rowKey };
}

/**
 * Names department and file for every source in one batched lookup, so evidence says which delivery each
 * figure came from (DOMAIN.md §2.6: "which inputs it came from: department, import batch, rows").
 */
export async function resolveSources(ctx: Context, raws: readonly RawSource[]): Promise<(ref: RawSource) => SourceRef> {
  const ids = [...new Set(raws.map((r) => r.batchId))];
  const batches = ids.length ? await ctx.loaders.ingestion.batchById().loadMany(ids) : [];
  const byId = new Map(ids.map((id, i) => [id, batches[i] instanceof ImportBatch ? (batches[i] as ImportBatch) : null]));
  return (ref) => {
    const b = byId.get(ref.batchId);
    return { dataset: ref.dataset, batchId: ref.batchId, department: b?.department ?? null, fileName: b?.fileName ?? null, rowKey: ref.rowKey };
  };
}
