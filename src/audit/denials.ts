import { DataSource } from 'typeorm';
import type { Viewer } from '../auth/roles';
import { log } from '../common/logger';
import type { Message } from '../messages';
import { AuditAction, AuditEvent, AuditOutcome } from './audit-event.entity';

/** One refusal: who (a viewer, or nobody without a valid token), from where, what, and why (a catalogue message). */
export interface Denial {
  viewer: Viewer | null;
  ip: string | null;
  target: string;
  reason: Message;
  requestId?: string | null;
  /** More to keep beside the reason (e.g. the roles that may read a field). */
  detail?: Record<string, unknown>;
}

export interface DenialLogOptions {
  /** Length of an aggregation window. */
  windowMs?: number;
  /** Distinct (who, where from, what, why) per window before the rest are folded into one overflow row. */
  maxKeysPerWindow?: number;
}

interface Pending {
  id: Promise<string | null>;
  count: number;
  lastAt: Date;
}

/**
 * Denials in the audit log, aggregated: the first refusal of each (subject, IP, target, reason) in a window is
 * written at once, with `count: 1`; repeats in the same window only add to its count, written when the window
 * closes. Past `maxKeysPerWindow` distinct keys in one window, further refusals share one overflow row. So a flood
 * of garbage tokens writes at most `maxKeysPerWindow + 1` rows a window, never one row per request, and the rows
 * say how many there were.
 */
export class DenialLog {
  private readonly windowMs: number;
  private readonly maxKeys: number;
  private windowStart = 0;
  private pending = new Map<string, Pending>();
  private timer: NodeJS.Timeout | null = null;
  private writes = new Set<Promise<unknown>>();

  constructor(
    private readonly ds: DataSource,
    options: DenialLogOptions = {},
  ) {
    this.windowMs = options.windowMs ?? 60_000;
    this.maxKeys = options.maxKeysPerWindow ?? 100;
  }

  /** Resolves when the refusal is in the audit log (at once when it only adds to a count). */
  record(denial: Denial): Promise<void> {
    const now = new Date();
    if (now.getTime() - this.windowStart >= this.windowMs) this.rollWindow(now);
    const subject = denial.viewer?.subject ?? 'anonymous';
    let key = JSON.stringify([subject, denial.viewer?.role ?? null, denial.viewer?.district ?? null, denial.ip, denial.target, denial.reason.code]);
    let overflow = false;
    if (!this.pending.has(key) && this.pending.size >= this.maxKeys) {
      key = 'overflow';
      overflow = true;
    }
    const seen = this.pending.get(key);
    if (seen) {
      seen.count += 1;
      seen.lastAt = now;
      return Promise.resolve();
    }
    const detail = {
      ...(denial.detail ?? {}),
      reason: denial.reason.code,
      params: denial.reason.params,
      ip: overflow ? null : denial.ip,
      count: 1,
      firstAt: now.toISOString(),
      ...(overflow ? { overflow: true } : {}),
    };
    const id = this.track(
      this.ds
        .getRepository(AuditEvent)
        .insert({
          subject: overflow ? 'various' : subject,
          role: overflow ? null : (denial.viewer?.role ?? null),
          district: overflow ? null : (denial.viewer?.district ?? null),
          action: AuditAction.DENIED,
          target: overflow ? 'various' : denial.target,
          outcome: AuditOutcome.DENIED,
          detail: detail as unknown as Record<string, never>,
          requestId: denial.requestId ?? null,
        })
        .then((r) => String(r.identifiers[0]!.eventId))
        .catch((err: unknown) => {
          log.error('audit write failed', { error: err instanceof Error ? err.message : String(err) });
          return null;
        }),
    );
    this.pending.set(key, { id, count: 1, lastAt: now });
    return id.then(() => undefined);
  }

  /** Writes the counts of the window in progress (the server calls it when it stops). */
  async flush(): Promise<void> {
    this.rollWindow(new Date());
    while (this.writes.size) await Promise.all([...this.writes]);
  }

  private rollWindow(now: Date): void {
    const closing = this.pending;
    this.pending = new Map();
    this.windowStart = now.getTime();
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.rollWindow(new Date()), this.windowMs);
    this.timer.unref();
    for (const entry of closing.values()) {
      if (entry.count > 1) this.track(this.writeCount(entry));
    }
  }

  private async writeCount(entry: Pending): Promise<void> {
    const id = await entry.id;
    if (!id) return;
    try {
      await this.ds.query(
        `UPDATE audit_event SET detail = detail || jsonb_build_object('count', $2::int, 'lastAt', $3::text) WHERE id = $1`,
        [id, entry.count, entry.lastAt.toISOString()],
      );
    } catch (err) {
      log.error('audit write failed', { error: err instanceof Error ? err.message : String(err) });
    }
  }

  private track<T>(work: Promise<T>): Promise<T> {
    this.writes.add(work);
    void work.finally(() => this.writes.delete(work));
    return work;
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
