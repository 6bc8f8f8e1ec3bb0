import { DataSource } from 'typeorm';
import type { Viewer } from '../auth/roles';
import { log } from '../common/logger';
import { AuditAction, AuditEvent, AuditOutcome } from './audit-event.entity';

export interface AuditEntry {
  viewer: Viewer | null;
  action: AuditAction;
  target: string;
  outcome: AuditOutcome;
  detail?: Record<string, unknown>;
  requestId?: string | null;
}

/**
 * Writes audit events through the owner connection (requests read as a read-only role). A failure to audit is
 * logged, never shown to the client, and never undoes what it records.
 */
export async function recordAudit(ds: DataSource, entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  try {
    await ds.getRepository(AuditEvent).insert(
      entries.map((e) => ({
        subject: e.viewer?.subject ?? 'anonymous',
        role: e.viewer?.role ?? null,
        district: e.viewer?.district ?? null,
        action: e.action,
        target: e.target,
        outcome: e.outcome,
        detail: (e.detail ?? {}) as Record<string, never>,
        requestId: e.requestId ?? null,
      })),
    );
  } catch (err) {
    log.error('audit write failed', { error: err instanceof Error ? err.message : String(err), entries: entries.length });
  }
}
