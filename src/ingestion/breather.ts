import { performance } from 'node:perf_hooks';
import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * Lets other requests in while an import works through a file on the event loop: `breathe()` yields to the event
 * loop when the work since the last yield has taken more than `everyMs`. Parsing and validating a large upload
 * takes seconds; without this, `/healthz` and every other user wait for all of it.
 */
export class Breather {
  private last = performance.now();

  constructor(private readonly everyMs = 10) {}

  /** Cheap to call per row: only reads the clock. */
  async breathe(): Promise<void> {
    const now = performance.now();
    if (now - this.last < this.everyMs) return;
    await nextTurn();
    this.last = performance.now();
  }
}
