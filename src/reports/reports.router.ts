/**
 * Reports people read (issue #8): the evaluation and city workbooks as XLSX (streamed) and CSV, and the overview
 * page at `/`. URLs in docs/reports.md.
 *
 * Authentication and scoping: /reports is behind the bearer token (src/server.ts); every report request reads
 * through its own scoped, read-only transaction (`withContext`), exactly as /graphql does, and the figures come only
 * from the services the graph uses: a district outside the viewer's scope is "not found" here as in the graph, and
 * a DomainError (FORBIDDEN, …) thrown by a service is answered with its status code. The page at `/` is public;
 * it reads /graphql with the token typed into it.
 */
import { randomUUID } from 'node:crypto';
import express, { NextFunction, Request, Response } from 'express';
import { DataSource } from 'typeorm';
import { log } from '../common/logger';
import type { VerifiedViewer } from '../auth/verified';
import { openRequestScope } from '../db/request-scope';
import { Context, createContext } from '../graphql/context';
import { DomainError, ErrorCode } from '../graphql/errors';
import { cityReport } from './city-workbook';
import { toCsv } from './csv';
import { evaluationReport, Report } from './evaluation-workbook';
import { overviewPage } from './overview';
import { writeWorkbook } from './sheets';

/** Years the hub accepts (as the districts table does). */
const MIN_YEAR = 2000;
const MAX_YEAR = 2100;

/** An error answered as JSON `{ error: { code, message } }` with an HTTP status. */
class ReportError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const HTTP_STATUS: Partial<Record<ErrorCode, number>> = {
  [ErrorCode.BAD_USER_INPUT]: 400,
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.NOT_FOUND]: 404,
};

function requestIdOf(req: Request): string {
  return (req.headers['x-request-id'] as string | undefined)?.slice(0, 64) || randomUUID();
}

/**
 * Runs `work` with a fresh context of the services for this request, as /graphql builds one. This is the one place
 * where the viewer (set by an auth middleware in front of this router) and its database scope are to be attached:
 * the reports are gathered inside, and streamed only after `work` has returned.
 */
export interface ReportScoping {
  /** The authenticated viewer of the request (set by the authentication in front of /reports). */
  viewerOf(res: Response): VerifiedViewer;
  statementTimeoutMs: number;
}

async function withContext<T>(ds: DataSource, scoping: ReportScoping, req: Request, res: Response, work: (ctx: Context) => Promise<T>): Promise<T> {
  res.locals.requestId = requestIdOf(req);
  const viewer = scoping.viewerOf(res);
  const scope = await openRequestScope(ds, viewer, scoping.statementTimeoutMs);
  try {
    return await work(createContext(scope.db, res.locals.requestId, viewer));
  } finally {
    await scope.finish();
  }
}

function parseYear(text: string): number {
  const year = /^\d{4}$/.test(text) ? Number(text) : NaN;
  if (!(year >= MIN_YEAR && year <= MAX_YEAR)) throw new ReportError(400, ErrorCode.BAD_USER_INPUT, `year must be a year from ${MIN_YEAR} to ${MAX_YEAR}, got "${text}"`);
  return year;
}

/** "2024.xlsx" → "2024", "verdict.csv" → "verdict"; a file with another ending is not a report. */
function baseName(file: string, ext: 'xlsx' | 'csv'): string {
  const suffix = `.${ext}`;
  if (!file.endsWith(suffix)) throw new ReportError(404, ErrorCode.NOT_FOUND, `no such report: ${file} (reports end in ${suffix})`);
  return file.slice(0, -suffix.length);
}

function notFoundDistrict(code: string): ReportError {
  return new ReportError(404, ErrorCode.NOT_FOUND, `no district with code "${code}"`);
}

function contentDisposition(fileName: string): string {
  return `attachment; filename="${fileName}"`;
}

async function sendXlsx(res: Response, report: Report): Promise<void> {
  res.status(200);
  res.setHeader('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  res.setHeader('content-disposition', contentDisposition(`${report.fileName}.xlsx`));
  res.setHeader('cache-control', 'no-store');
  await writeWorkbook(res, report.tables);
}

function sendCsv(res: Response, report: Report, sheet: string): void {
  const table = report.tables.find((t) => t.slug === sheet);
  if (!table) {
    throw new ReportError(404, ErrorCode.NOT_FOUND, `no sheet "${sheet}"; sheets: ${report.tables.map((t) => t.slug).join(', ')}`);
  }
  res.setHeader('content-type', 'text/csv; charset=utf-8');
  res.setHeader('content-disposition', contentDisposition(`${report.fileName}-${sheet}.csv`));
  res.setHeader('cache-control', 'no-store');
  res.send(toCsv(table));
}

export function reportsRouter(ds: DataSource, scoping: ReportScoping): express.Router {
  const router = express.Router();

  router.get('/', async (req, res) => {
    // The page opens on the latest year with school statistics; it reads everything else from /graphql.
    const [row]: { year: number | null }[] = await ds.query('SELECT max(year) AS year FROM school_stats');
    const defaultYear = row?.year ?? new Date().getFullYear() - 1;
    const { html, nonce } = overviewPage(defaultYear);
    res.setHeader(
      'content-security-policy',
      `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
    );
    res.setHeader('cache-control', 'no-store');
    res.type('html').send(html);
  });

  // /reports/evaluation/<districtCode>/<year>.xlsx
  router.get('/reports/evaluation/:code/:file', async (req, res) => {
    const year = parseYear(baseName(req.params.file, 'xlsx'));
    const report = await withContext(ds, scoping, req, res, (ctx) => evaluationReport(ctx, req.params.code, year));
    if (!report) throw notFoundDistrict(req.params.code);
    await sendXlsx(res, report);
  });

  // /reports/evaluation/<districtCode>/<year>/<sheet>.csv
  router.get('/reports/evaluation/:code/:year/:file', async (req, res) => {
    const sheet = baseName(req.params.file, 'csv');
    const year = parseYear(req.params.year);
    const report = await withContext(ds, scoping, req, res, (ctx) => evaluationReport(ctx, req.params.code, year));
    if (!report) throw notFoundDistrict(req.params.code);
    sendCsv(res, report, sheet);
  });

  // /reports/city/<year>.xlsx
  router.get('/reports/city/:file', async (req, res) => {
    const year = parseYear(baseName(req.params.file, 'xlsx'));
    await sendXlsx(res, await withContext(ds, scoping, req, res, (ctx) => cityReport(ctx, year)));
  });

  // /reports/city/<year>/<sheet>.csv
  router.get('/reports/city/:year/:file', async (req, res) => {
    const sheet = baseName(req.params.file, 'csv');
    const year = parseYear(req.params.year);
    sendCsv(res, await withContext(ds, scoping, req, res, (ctx) => cityReport(ctx, year)), sheet);
  });

  router.use('/reports', (req, _res, next) => next(new ReportError(404, ErrorCode.NOT_FOUND, `no such report: ${req.originalUrl}`)));

  // Errors of this router as JSON; an error after the workbook started streaming can only cut the response.
  router.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    if (res.headersSent) {
      log.error('report failed while streaming', { url: req.originalUrl, error: err instanceof Error ? err.message : String(err) });
      res.destroy(err instanceof Error ? err : undefined);
      return;
    }
    if (err instanceof ReportError) {
      res.status(err.status).json({ error: { code: err.code, message: err.message } });
    } else if (err instanceof DomainError) {
      res.status(HTTP_STATUS[err.code] ?? 400).json({ error: { code: err.code, message: err.message, ...err.details } });
    } else {
      const requestId: string = res.locals.requestId ?? requestIdOf(req);
      log.error('report failed', { requestId, url: req.originalUrl, error: err instanceof Error ? err.message : String(err) });
      res.status(500).json({ error: { code: ErrorCode.INTERNAL_SERVER_ERROR, message: 'the report could not be produced', requestId } });
    }
  });

  return router;
}
