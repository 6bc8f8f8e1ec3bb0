import { DataSource } from 'typeorm';
import type { Viewer } from '../auth/roles';
import { log } from '../common/logger';
import type { ImportSummary } from '../ingestion/pipeline';
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

/** The audit entry of one import, from its summary (HTTP route and CLI alike). */
export function importAuditEntry(viewer: Viewer, summary: ImportSummary, target: string, requestId: string | null = null): AuditEntry {
  return {
    viewer,
    action: AuditAction.IMPORT,
    target,
    outcome: summary.status === 'succeeded' ? AuditOutcome.SUCCEEDED : summary.status === 'rejected' ? AuditOutcome.REJECTED : AuditOutcome.FAILED,
    detail: {
      batchId: summary.batchId,
      fileName: summary.fileName,
      sha256: summary.sha256,
      rows: summary.rowsTotal,
      errors: summary.errorCount,
      alreadyImported: summary.alreadyImported,
      dryRun: summary.dryRun,
    },
    requestId,
  };
}
