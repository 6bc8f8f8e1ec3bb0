/**
 * A least-recently-used cache bounded by weight (e.g. the schools an evaluation describes, or a response's bytes),
 * not by count: a city district weighs a hundred times a small county's. The hub's caches key their entries by
 * data version (src/db/data-version.ts), so entries are never stale and never need invalidating by hand.
 */
export class LruCache<V> {
  private readonly entries = new Map<string, { value: V; weight: number }>();
  private totalWeight = 0;
  private currentGeneration: string | null = null;
  hits = 0;
  misses = 0;

  constructor(
    private readonly maxWeight: number,
    private readonly weigh: (value: V) => number = () => 1,
  ) {}

  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) {
      this.misses += 1;
      return undefined;
    }
    this.hits += 1;
    // Re-insert: Map keeps insertion order, so the first key is always the least recently used.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  set(key: string, value: V): void {
    this.delete(key);
    const weight = Math.max(1, this.weigh(value));
    if (weight > this.maxWeight) return;
    this.entries.set(key, { value, weight });
    this.totalWeight += weight;
    while (this.totalWeight > this.maxWeight) this.delete(this.entries.keys().next().value as string);
  }

  private delete(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.totalWeight -= entry.weight;
  }

  /**
   * Entries computed from another data version are dead weight once the data has moved on: a new generation
   * empties the cache (a reader still on an older snapshot only recomputes).
   */
  generation(generation: string): void {
    if (generation === this.currentGeneration) return;
    this.currentGeneration = generation;
    this.clear();
  }

  clear(): void {
    this.entries.clear();
    this.totalWeight = 0;
  }

  get weight(): number {
    return this.totalWeight;
  }

  get size(): number {
    return this.entries.size;
  }
}
