/**
 * Evidence files over HTTP (docs/supervision.md): `POST /evidence?fileName=…` with the raw bytes as the body, and
 * `GET /evidence/<id>`. Both behind the bearer token (src/server.ts). Uploads are checked before they are stored —
 * the role, the size (EVIDENCE_MAX_BYTES), the kind read from the bytes against the file name — and stored in one
 * write transaction as the writer role. Downloads read through the viewer's scoped transaction: a file is served
 * only to those who may read what it is attached to; anything else is 404, as for a file that does not exist.
 */
import { randomUUID } from 'node:crypto';
import express, { NextFunction, Request, Response } from 'express';
import type { DataSource } from 'typeorm';
import { AuditAction, AuditOutcome } from '../audit/audit-event.entity';
import { recordAudit } from '../audit/audit.service';
import type { Viewer } from '../auth/roles';
import { sendError } from '../common/http-errors';
import { openRequestScope } from '../db/request-scope';
import { writeScope } from '../db/write-scope';
import { ErrorCode } from '../graphql/errors';
import { fromGlobalId, toGlobalId } from '../graphql/node';
import { DEFAULT_LOCALE, Message, msg, render } from '../messages';
import { ACCEPTED_EXTENSIONS, sniffEvidence } from './evidence-content';
import { readEvidence, storeEvidence } from './evidence.service';
import { LEDGER_WRITERS } from './ledger.states';

export interface EvidenceRouting {
  viewerOf(res: Response): Viewer;
  /** Largest upload accepted (EVIDENCE_MAX_BYTES). */
  maxBytes: number;
  statementTimeoutMs: number;
}

const MAX_FILE_NAME = 200;
const UNSUPPORTED = 'UNSUPPORTED_MEDIA_TYPE';

function requestIdOf(req: Request): string {
  return (req.headers['x-request-id'] as string | undefined)?.slice(0, 64) || randomUUID();
}

/** The upload's file name: the fileName query parameter, or an URL-encoded X-File-Name header. */
function fileNameOf(req: Request): string | null {
  const fromQuery = typeof req.query.fileName === 'string' ? req.query.fileName : null;
  const header = req.headers['x-file-name'];
  let fromHeader: string | null = null;
  if (typeof header === 'string') {
    try {
      fromHeader = decodeURIComponent(header);
    } catch {
      fromHeader = header;
    }
  }
  const name = (fromQuery ?? fromHeader)?.trim().normalize('NFC');
  return name ? name : null;
}

const validFileName = (name: string) =>
  name.length <= MAX_FILE_NAME && !/[\\/\u0000-\u001f\u007f]/.test(name) && name !== '.' && name !== '..';

/** `attachment` with the name for every browser: an ASCII fallback and the UTF-8 name (RFC 6266 / 5987). */
function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

export function evidenceRouter(ds: DataSource, routing: EvidenceRouting): express.Router {
  const router = express.Router();

  const refuse = (req: Request, res: Response, status: number, code: string, message: Message, denied = false) => {
    const viewer = res.locals.viewer as Viewer | undefined;
    void recordAudit(ds, [
      {
        viewer: viewer ?? null,
        action: denied ? AuditAction.DENIED : AuditAction.WRITE,
        target: `${req.method} ${req.baseUrl}${req.path}`,
        outcome: denied ? AuditOutcome.DENIED : AuditOutcome.REJECTED,
        detail: { reason: render(message, DEFAULT_LOCALE), code },
        requestId: requestIdOf(req),
      },
    ]);
    sendError(req, res, status, code, message);
  };

  router.post(
    '/evidence',
    // Refused roles and missing names are answered before a byte of the body is read.
    (req: Request, res: Response, next: NextFunction) => {
      const viewer = routing.viewerOf(res);
      if (!LEDGER_WRITERS.includes(viewer.role)) return refuse(req, res, 403, ErrorCode.FORBIDDEN, msg('EVIDENCE_UPLOAD_FORBIDDEN', { role: viewer.role }), true);
      const fileName = fileNameOf(req);
      if (!fileName) return refuse(req, res, 400, ErrorCode.BAD_USER_INPUT, msg('EVIDENCE_FILE_NAME_MISSING', {}));
      if (!validFileName(fileName)) return refuse(req, res, 400, ErrorCode.BAD_USER_INPUT, msg('EVIDENCE_FILE_NAME_INVALID', { fileName, max: MAX_FILE_NAME }));
      res.locals.evidenceFileName = fileName;
      next();
    },
    express.raw({ type: () => true, limit: routing.maxBytes }),
    async (req: Request, res: Response) => {
      const viewer = routing.viewerOf(res);
      const fileName = res.locals.evidenceFileName as string;
      const bytes = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const kind = sniffEvidence(bytes, fileName);
      if (!kind.ok) {
        if (kind.reason === 'empty') return refuse(req, res, 400, ErrorCode.BAD_USER_INPUT, msg('EVIDENCE_EMPTY', {}));
        if (kind.reason === 'extension') {
          return refuse(req, res, 415, UNSUPPORTED, msg('EVIDENCE_EXTENSION_REFUSED', { fileName, allowed: [...ACCEPTED_EXTENSIONS] }));
        }
        if (kind.reason === 'mismatch') return refuse(req, res, 415, UNSUPPORTED, msg('EVIDENCE_CONTENT_MISMATCH', { fileName, detected: kind.detected }));
        return refuse(req, res, 415, UNSUPPORTED, msg('EVIDENCE_CONTENT_REFUSED', { fileName, detected: kind.detected }));
      }
      const requestId = requestIdOf(req);
      const write = writeScope({ db: ds.manager, viewer, requestId }, () => undefined, {
        statementTimeoutMs: routing.statementTimeoutMs,
        lockTimeoutMs: Math.min(routing.statementTimeoutMs, 5000),
      });
      const stored = await write((db) => storeEvidence(db, { viewer, requestId }, { bytes, fileName, kind: kind.kind }));
      const id = toGlobalId('EvidenceFile', stored.evidenceId);
      res.status(201).json({
        evidence: { id, fileName, contentType: stored.contentType, byteSize: stored.byteSize, sha256: stored.sha256, downloadPath: `/evidence/${id}` },
      });
    },
  );

  router.get('/evidence/:id', async (req: Request, res: Response) => {
    const viewer = routing.viewerOf(res);
    const id = String(req.params.id);
    const parsed = fromGlobalId(id);
    const notFound = () => sendError(req, res, 404, ErrorCode.NOT_FOUND, msg('EVIDENCE_NOT_FOUND', { id }));
    if (!parsed || parsed.type !== 'EvidenceFile' || !/^\d{1,18}$/.test(parsed.key)) return notFound();
    const scope = await openRequestScope(ds, viewer, routing.statementTimeoutMs);
    let file;
    try {
      file = await readEvidence(scope.db, parsed.key);
    } finally {
      await scope.finish();
    }
    if (!file) return notFound();
    res.status(200);
    res.set({
      'content-type': file.contentType,
      'content-length': String(file.byteSize),
      'content-disposition': contentDisposition(file.fileName),
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; sandbox",
      'cache-control': 'private, no-store',
      etag: `"${file.sha256}"`,
    });
    res.end(file.content);
  });

  // The body parser's refusal of an oversized upload, in the hub's error shape.
  router.use('/evidence', (err: unknown, req: Request, res: Response, next: NextFunction) => {
    const e = err as { status?: number; type?: string };
    if (res.headersSent || (e.status !== 413 && e.type !== 'entity.too.large')) return next(err);
    refuse(req, res, 413, 'PAYLOAD_TOO_LARGE', msg('EVIDENCE_TOO_LARGE', { max: routing.maxBytes }));
  });

  return router;
}
