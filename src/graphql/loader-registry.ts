import DataLoader from 'dataloader';

/**
 * The per-request home of every DataLoader. A loader is identified by a name and the arguments that shape its
 * query (e.g. `school.stats` with `{ year: 2024 }`), created on first use and reused for the rest of the request,
 * so sibling fields with the same arguments share one batch.
 */
export class LoaderRegistry {
  private readonly loaders = new Map<string, DataLoader<unknown, unknown>>();

  /**
   * `memoise: false` batches without keeping the values for the rest of the request: for loaders of big per-year
   * data (facts, evaluations) that a bounded cache across requests keeps instead, so that a request asking for many
   * years does not hold all of them at once (D31). Such a loader also leaves the registry once its batch is done
   * (the next use makes a new one): a DataLoader keeps its last batch, callbacks and values included.
   */
  get<K, V>(name: string, params: unknown, batch: (keys: readonly K[]) => Promise<V[]>, options: { memoise?: boolean } = {}): DataLoader<K, V> {
    const id = params === undefined ? name : `${name}:${JSON.stringify(params)}`;
    let loader = this.loaders.get(id) as DataLoader<K, V> | undefined;
    if (!loader) {
      const memoise = options.memoise ?? true;
      const forget = async (keys: readonly K[]): Promise<V[]> => {
        try {
          return await batch(keys);
        } finally {
          if (this.loaders.get(id) === loader) this.loaders.delete(id);
        }
      };
      loader = new DataLoader<K, V>(memoise ? batch : forget, { maxBatchSize: 5000, cache: memoise });
      this.loaders.set(id, loader as DataLoader<unknown, unknown>);
    }
    return loader;
  }
}
