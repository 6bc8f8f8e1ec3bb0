import express, { NextFunction, Request, Response, Router } from 'express';
import type { DataSource } from 'typeorm';
import { log } from '../common/logger';
import { findDataset } from './datasets';
import { ImportStatus } from './import-batch.entity';
import { importBuffer, ImportSummary } from './pipeline';
import { CONTENT_TYPES, SheetFormat } from './sources';

export interface ImportRouterOptions {
  /** Largest accepted body, in bytes (default 100 MB). */
  maxBodyBytes?: number;
  /** Who is loading (the token's subject behind authentication; else the caller's address). */
  loadedBy?: (req: Request) => string;
  /** Called with every summary before it is answered (the audit log). */
  onSummary?: (req: Request, summary: ImportSummary) => Promise<void> | void;
}

const DEFAULT_MAX_BODY = 100 * 1024 * 1024;

function errorBody(code: string, message: string) {
  return { error: { code, message } };
}

function formatOf(req: Request): SheetFormat | null {
  if (req.is(CONTENT_TYPES.xlsx)) return 'xlsx';
  if (req.is(CONTENT_TYPES.csv)) return 'csv';
  return null;
}

/** A safe name for the batch record: `?fileName=`, else the dataset with the format's extension. */
function fileNameOf(req: Request, dataset: string, format: SheetFormat): string {
  const given = typeof req.query.fileName === 'string' ? req.query.fileName : '';
  const base = given.split(/[\\/]/).pop()?.trim().slice(0, 200) ?? '';
  return base || `${dataset}.${format}`;
}

/**
 * `POST /imports/:dataset` with the file as the body (`text/csv` or the XLSX content type; `?dryRun=true` to only
 * check; `?fileName=` to name it). 200 with the batch summary; 400 with the summary and its errors when the file is
 * rejected; 404 for an unknown dataset; 415 for another content type; 413 when too large.
 */
export function importRouter(getDataSource: () => DataSource, options: ImportRouterOptions = {}): Router {
  const router = Router();
  const loadedBy = options.loadedBy ?? ((req: Request) => `http:${req.ip ?? 'unknown'}`);
  const body = express.raw({ type: Object.values(CONTENT_TYPES), limit: options.maxBodyBytes ?? DEFAULT_MAX_BODY });

  router.post(
    '/imports/:dataset',
    (req: Request, res: Response, next: NextFunction) => {
      const dataset = String(req.params.dataset);
      if (!findDataset(dataset)) {
        res.status(404).json(errorBody('UNKNOWN_DATASET', `There is no dataset "${dataset}".`));
        return;
      }
      if (!formatOf(req)) {
        res.status(415).json(errorBody('UNSUPPORTED_MEDIA_TYPE', `Send the file as ${CONTENT_TYPES.csv} or ${CONTENT_TYPES.xlsx}.`));
        return;
      }
      next();
    },
    body,
    async (req: Request, res: Response, next: NextFunction) => {
      try {
        const dataset = String(req.params.dataset);
        const format = formatOf(req) as SheetFormat;
        const content = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
        if (content.length === 0) {
          res.status(400).json(errorBody('EMPTY_BODY', 'The request has no file in its body.'));
          return;
        }
        const summary = await importBuffer(getDataSource(), {
          dataset,
          content,
          format,
          fileName: fileNameOf(req, dataset, format),
          loadedBy: loadedBy(req),
          dryRun: req.query.dryRun === 'true',
        });
        await options.onSummary?.(req, summary);
        res.status(summary.status === ImportStatus.SUCCEEDED ? 200 : 400).json(summary);
      } catch (err) {
        next(err);
      }
    },
  );

  // Errors of this router answer in JSON; internals (SQL, stack traces) never reach the client.
  router.use((err: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(err);
    const status = (err as { status?: number }).status;
    if (status === 413) {
      res.status(413).json(errorBody('PAYLOAD_TOO_LARGE', 'The file is larger than this server accepts.'));
      return;
    }
    if (status === 400) {
      res.status(400).json(errorBody('BAD_REQUEST', 'The request body could not be read.'));
      return;
    }
    log.error('import failed', { error: err instanceof Error ? err.message : String(err) });
    res.status(500).json(errorBody('IMPORT_FAILED', 'The import failed unexpectedly; nothing was changed. The batch records the cause.'));
  });

  return router;
}
