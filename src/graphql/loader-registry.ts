import DataLoader from 'dataloader';

/**
 * The per-request home of every DataLoader. A loader is identified by a name and the arguments that shape its
 * query (e.g. `school.stats` with `{ year: 2024 }`), created on first use and reused for the rest of the request,
 * so sibling fields with the same arguments share one batch.
 */
export class LoaderRegistry {
  private readonly loaders = new Map<string, DataLoader<unknown, unknown>>();

  get<K, V>(name: string, params: unknown, batch: (keys: readonly K[]) => Promise<V[]>): DataLoader<K, V> {
    const id = params === undefined ? name : `${name}:${JSON.stringify(params)}`;
    let loader = this.loaders.get(id) as DataLoader<K, V> | undefined;
    if (!loader) {
      loader = new DataLoader<K, V>(batch, { maxBatchSize: 5000 });
      this.loaders.set(id, loader as DataLoader<unknown, unknown>);
    }
    return loader;
  }
}
