import express, { NextFunction, Request, Response, Router } from 'express';
import type { DataSource } from 'typeorm';
import { log } from '../common/logger';
import { sendError } from '../common/http-errors';
import { msg, negotiateLocale } from '../messages';
import { ImportLockedError, formatTime } from './batches';
import { datasets, findDataset } from './datasets';
import { ImportStatus } from './import-batch.entity';
import { importBuffer, ImportSummary } from './pipeline';
import { CONTENT_TYPES } from './sources';

export interface ImportRouterOptions {
  /** Largest accepted body, in bytes (default 100 MB). */
  maxBodyBytes?: number;
  /** Who is loading (the token's subject behind authentication; else the caller's address). */
  loadedBy?: (req: Request) => string;
  /** Called with every summary before it is answered (the audit log). */
  onSummary?: (req: Request, summary: ImportSummary) => Promise<void> | void;
  /** How long an upload waits for another import of the same dataset before answering 409. */
  lockTimeoutMs?: number;
}

const DEFAULT_MAX_BODY = 100 * 1024 * 1024;

/** Error codes of the import route (docs/data-contract.md, "Loading over HTTP"). */
export const IMPORT_ERROR_CODES = {
  UNKNOWN_DATASET: 404,
  UNSUPPORTED_MEDIA_TYPE: 415,
  EMPTY_BODY: 400,
  PAYLOAD_TOO_LARGE: 413,
  BAD_REQUEST: 400,
  IMPORT_IN_PROGRESS: 409,
  IMPORT_FAILED: 500,
} as const;

type ImportErrorCode = keyof typeof IMPORT_ERROR_CODES;

function isSheetType(req: Request): boolean {
  return Boolean(req.is(CONTENT_TYPES.xlsx) || req.is(CONTENT_TYPES.csv));
}

/** A safe name for the batch record: `?fileName=`, else the dataset's name. */
function fileNameOf(req: Request, dataset: string): string {
  const given = typeof req.query.fileName === 'string' ? req.query.fileName : '';
  const base = given.split(/[\\/]/).pop()?.trim().slice(0, 255) ?? '';
  return base || `${dataset}.${req.is(CONTENT_TYPES.xlsx) ? 'xlsx' : 'csv'}`;
}

/**
 * `POST /imports/:dataset` with the file as the body (`text/csv` or the XLSX content type; what the file is, CSV or
 * XLSX, is read from its bytes; `?dryRun=true` to only check; `?fileName=` to name it). 200 with the batch summary;
 * 400 with the summary and its problems when the file is rejected, 413 when it was refused for a size limit; errors
 * in the common shape (`{"errors":[…]}`): 404 UNKNOWN_DATASET, 415 UNSUPPORTED_MEDIA_TYPE, 400 EMPTY_BODY,
 * 413 PAYLOAD_TOO_LARGE, 409 IMPORT_IN_PROGRESS, 500 IMPORT_FAILED. Sentences follow Accept-Language.
 */
export function importRouter(getDataSource: () => DataSource, options: ImportRouterOptions = {}): Router {
  const router = Router();
  const loadedBy = options.loadedBy ?? ((req: Request) => `http:${req.ip ?? 'unknown'}`);
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY;
  const body = express.raw({ type: Object.values(CONTENT_TYPES), limit: maxBodyBytes });
  const fail = (req: Request, res: Response, code: ImportErrorCode, message: Parameters<typeof sendError>[4], extra?: Record<string, unknown>) =>
    sendError(req, res, IMPORT_ERROR_CODES[code], code, message, extra);

  router.post(
    '/imports/:dataset',
    (req: Request, res: Response, next: NextFunction) => {
      const dataset = String(req.params.dataset);
      if (!findDataset(dataset)) {
        fail(req, res, 'UNKNOWN_DATASET', msg('IMPORT_UNKNOWN_DATASET', { dataset, datasets: datasets.map((d) => d.name) }));
        return;
      }
      if (!isSheetType(req)) {
        fail(req, res, 'UNSUPPORTED_MEDIA_TYPE', msg('IMPORT_UNSUPPORTED_MEDIA_TYPE', { csv: CONTENT_TYPES.csv, xlsx: CONTENT_TYPES.xlsx }));
        return;
      }
      next();
    },
    body,
    async (req: Request, res: Response, next: NextFunction) => {
      const dataset = String(req.params.dataset);
      // The locale is read from the request here, explicitly: body parsing loses the per-request context.
      const locale = negotiateLocale(req.headers['accept-language']);
      try {
        const content = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
        if (content.length === 0) {
          fail(req, res, 'EMPTY_BODY', msg('IMPORT_EMPTY_BODY', {}));
          return;
        }
        const summary = await importBuffer(getDataSource(), {
          dataset,
          content,
          fileName: fileNameOf(req, dataset),
          loadedBy: loadedBy(req),
          dryRun: req.query.dryRun === 'true',
          locale,
          lockTimeoutMs: options.lockTimeoutMs,
        });
        await options.onSummary?.(req, summary);
        const status = summary.status === ImportStatus.SUCCEEDED ? 200 : summary.overLimit ? 413 : 400;
        res.status(status).json(summary);
      } catch (err) {
        if (err instanceof ImportLockedError) {
          fail(req, res, 'IMPORT_IN_PROGRESS', err.problem, {
            dataset,
            heldSince: err.holder?.since ? formatTime(err.holder.since) : null,
            heldBy: err.holder?.loadedBy ?? null,
            waitedMs: err.waitedMs,
          });
          return;
        }
        next(err);
      }
    },
  );

  // Errors of this router answer in the common shape; internals (SQL, stack traces) never reach the client.
  router.use((err: unknown, req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(err);
    const status = (err as { status?: number }).status;
    if (status === 413) {
      fail(req, res, 'PAYLOAD_TOO_LARGE', msg('IMPORT_BODY_TOO_LARGE', { limit: maxBodyBytes }));
      return;
    }
    if (status === 400) {
      fail(req, res, 'BAD_REQUEST', msg('IMPORT_BODY_UNREADABLE', {}));
      return;
    }
    log.error('import failed', { error: err instanceof Error ? err.message : String(err) });
    fail(req, res, 'IMPORT_FAILED', msg('IMPORT_FAILED', {}));
  });

  return router;
}
