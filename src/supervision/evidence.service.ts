/**
 * Evidence files (证明材料): stored in PostgreSQL once per content (sha256), one `evidence` row per upload, attached
 * to findings, history steps, ratings and surveys by links that carry the district (row-level security decides
 * who may download: whoever may read something a file is attached to).
 */
import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { AuditAction, AuditOutcome } from '../audit/audit-event.entity';
import { fromGlobalId } from '../graphql/node';
import { msg } from '../messages';
import { UserErrorCode } from '../mutations/rule-error';
import { Rejection } from '../mutations/user-error';
import { EVIDENCE_KINDS, EvidenceKindName } from './evidence-content';
import type { Writer } from './ledger.service';

export interface LinkTarget {
  districtCode: string;
  findingId?: string | null;
  eventId?: string | null;
  ratingId?: string | null;
  surveyId?: string | null;
  batchId?: string | null;
}

/**
 * Attaches evidence (global ids) to a target in one statement: only files the writer may see can be attached (the
 * SELECT runs under row-level security), so an unknown or foreign id is a NOT_FOUND rejection naming its position.
 */
export async function attachEvidence(db: EntityManager, w: Writer, ids: readonly string[] | null | undefined, target: LinkTarget, path: string[]): Promise<void> {
  if (!ids || ids.length === 0) return;
  const keys = ids.map((id, i) => {
    const parsed = fromGlobalId(id);
    if (!parsed || parsed.type !== 'EvidenceFile' || !/^\d{1,18}$/.test(parsed.key)) {
      throw new Rejection([{ field: [...path, String(i)], code: UserErrorCode.NOT_FOUND, message: msg('LEDGER_EVIDENCE_NOT_FOUND', { id }) }]);
    }
    return parsed.key;
  });
  const linked: { evidence_id: string }[] = await db.query(
    `INSERT INTO evidence_links (evidence_id, district_code, finding_id, event_id, rating_id, survey_id, batch_id, linked_by)
     SELECT e.id, $2, $3, $4, $5, $6, $7, $8 FROM evidence e WHERE e.id = ANY($1::bigint[])
     RETURNING evidence_id::text AS evidence_id`,
    [[...new Set(keys)], target.districtCode, target.findingId ?? null, target.eventId ?? null, target.ratingId ?? null, target.surveyId ?? null, target.batchId ?? null, w.viewer.subject],
  );
  const found = new Set(linked.map((l) => l.evidence_id));
  const missing = keys.findIndex((k) => !found.has(k));
  if (missing >= 0) {
    throw new Rejection([{ field: [...path, String(missing)], code: UserErrorCode.NOT_FOUND, message: msg('LEDGER_EVIDENCE_NOT_FOUND', { id: ids[missing]! }) }]);
  }
}

export interface StoredEvidence {
  evidenceId: string;
  fileName: string;
  contentType: string;
  byteSize: number;
  sha256: string;
}

/**
 * Stores one upload in the writer's transaction: the bytes once per sha256 (junheng_store_evidence_file, migration
 * SupervisionWriter), the upload's row with the uploader's district, and the audit entry — one commit.
 */
export async function storeEvidence(db: EntityManager, w: Writer, upload: { bytes: Buffer; fileName: string; kind: EvidenceKindName }): Promise<StoredEvidence> {
  const sha256 = createHash('sha256').update(upload.bytes).digest('hex');
  const { contentType } = EVIDENCE_KINDS[upload.kind];
  const [row] = await db.query(
    `INSERT INTO evidence (file_id, file_name, district_code, uploaded_by, request_id)
     SELECT junheng_store_evidence_file($1, $2, $3), $4, $5, $6, $7
     RETURNING id::text AS id`,
    [sha256, upload.bytes, contentType, upload.fileName, w.viewer.district, w.viewer.subject, w.requestId],
  );
  const stored = { evidenceId: row.id, fileName: upload.fileName, contentType, byteSize: upload.bytes.length, sha256 };
  await db.query(
    `INSERT INTO audit_event (subject, role, district, action, target, outcome, detail, request_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [w.viewer.subject, w.viewer.role, w.viewer.district, AuditAction.WRITE, 'POST /evidence', AuditOutcome.SUCCEEDED, JSON.stringify(stored), w.requestId],
  );
  return stored;
}

export interface EvidenceDownload {
  fileName: string;
  contentType: string;
  byteSize: number;
  sha256: string;
  content: Buffer;
}

/** One evidence file with its bytes, if the reader may see it (row-level security on evidence and evidence_files). */
export async function readEvidence(db: EntityManager, evidenceKey: string): Promise<EvidenceDownload | null> {
  const [row] = await db.query(
    `SELECT e.file_name, f.content_type, f.byte_size, f.sha256, f.content
     FROM evidence e JOIN evidence_files f ON f.id = e.file_id WHERE e.id = $1`,
    [evidenceKey],
  );
  return row ? { fileName: row.file_name, contentType: row.content_type, byteSize: row.byte_size, sha256: row.sha256, content: row.content } : null;
}
