/**
 * Lets one owner at a time through, fairly between parties. An owner (e.g. "this request, this year") re-enters
 * freely while it holds the gate, so every piece of its work shares one pass (and one batch); the others wait. When the
 * gate frees, the next owner comes from the party that has had the fewest passes so far, oldest first: a request that
 * queued twenty years of work cannot make another request wait behind all twenty.
 */
export class FairGate {
  private holder: string | null = null;
  private holds = 0;
  private holderParty: string | null = null;
  private sequence = 0;
  private readonly waiting: { owner: string; party: string; seq: number; admit: () => void }[] = [];
  /** Passes taken per party, kept while the party holds or waits. */
  private readonly passes = new Map<string, number>();

  /** Runs `work` once `owner` (of `party`) holds the gate. */
  async run<T>(owner: string, party: string, work: () => Promise<T>): Promise<T> {
    await this.enter(owner, party);
    try {
      return await work();
    } finally {
      this.leave();
    }
  }

  /** Owners waiting (for tests and logs). */
  get queued(): number {
    return this.waiting.length;
  }

  private enter(owner: string, party: string): Promise<void> {
    if (this.holder === null || this.holder === owner) {
      if (this.holder === null) this.grant(owner, party);
      this.holds += 1;
      return Promise.resolve();
    }
    return new Promise((admit) => this.waiting.push({ owner, party, seq: this.sequence++, admit }));
  }

  private grant(owner: string, party: string): void {
    this.holder = owner;
    this.holderParty = party;
    this.passes.set(party, (this.passes.get(party) ?? 0) + 1);
  }

  private leave(): void {
    this.holds -= 1;
    if (this.holds > 0) return;
    const party = this.holderParty!;
    this.holder = null;
    this.holderParty = null;
    if (!this.waiting.some((w) => w.party === party)) this.passes.delete(party);
    if (this.waiting.length === 0) return;
    let next = this.waiting[0]!;
    for (const w of this.waiting) {
      const fewer = (this.passes.get(w.party) ?? 0) - (this.passes.get(next.party) ?? 0);
      if (fewer < 0 || (fewer === 0 && w.seq < next.seq)) next = w;
    }
    this.grant(next.owner, next.party);
    // Everyone waiting as the same owner comes in together (they would re-enter freely anyway).
    const admitted = this.waiting.filter((w) => w.owner === next.owner);
    for (let i = this.waiting.length - 1; i >= 0; i--) if (this.waiting[i]!.owner === next.owner) this.waiting.splice(i, 1);
    this.holds = admitted.length;
    for (const w of admitted) w.admit();
  }
}

/** Lets the event loop serve other requests (I/O, timers) before continuing a long computation. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
