/**
 * Reports people read: the evaluation and city workbooks as XLSX (streamed) and CSV, in the reader's language, and
 * the overview page at `/` with its assets. URLs in docs/reports.md.
 *
 * Authentication and scoping: /reports is behind the bearer token (src/server.ts); every report request reads
 * through its own scoped, read-only transaction (`withContext`), exactly as /graphql does, and the figures come only
 * from the services the graph uses: a district outside the viewer's scope is "not found" here as in the graph, and
 * a DomainError (FORBIDDEN, …) thrown by a service is answered with its status code. The page at `/` and its
 * assets are public; the page reads /graphql with the token the user signs in with.
 *
 * Language: `?lang=zh-CN|en`, else `Accept-Language`, zh-CN by default: file and sheet names, headers, labels,
 * notes and error messages all follow it.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import express, { NextFunction, Request, RequestHandler, Response } from 'express';
import { DataSource } from 'typeorm';
import { log } from '../common/logger';
import type { VerifiedViewer } from '../auth/verified';
import { sendDomainError, sendError } from '../common/http-errors';
import { projectRoot } from '../config';
import { primeVersions } from '../db/data-version';
import { openRequestScope } from '../db/request-scope';
import { Context, createContext } from '../graphql/context';
import { DomainError, ErrorCode } from '../graphql/errors';
import { Locale, msg, negotiateLocale, parseLocale } from '../messages';
import { cityReport } from './city-workbook';
import { toCsv } from './csv';
import { evaluationReport } from './evaluation-workbook';
import { overviewPage } from './overview';
import type { Report } from './sheets';
import { writeWorkbook } from './xlsx';

/** Years the hub accepts (as the districts table does). */
const MIN_YEAR = 2000;
const MAX_YEAR = 2100;

const ECHARTS_FILE = require.resolve('echarts/dist/echarts.min.js');
const MAP_FILE = path.join(projectRoot, 'src', 'reports', 'assets', 'chongqing-districts.geojson');

function requestIdOf(req: Request): string {
  return (req.headers['x-request-id'] as string | undefined)?.slice(0, 64) || randomUUID();
}

/**
 * `?lang=` stands for the request's Accept-Language, so everything answered on the way (the token check's refusal
 * included) reads in the language asked for; a `lang` the hub does not write is refused.
 */
export const langParameter: RequestHandler = (req, res, next) => {
  const raw = req.query.lang;
  if (raw === undefined) return next();
  const locale = typeof raw === 'string' ? parseLocale(raw) : null;
  if (!locale) {
    sendError(req, res, 400, ErrorCode.BAD_USER_INPUT, msg('REPORT_LANG_INVALID', { got: String(raw).slice(0, 40) }), { argumentName: 'lang' });
    return;
  }
  req.headers['accept-language'] = locale;
  next();
};

const localeOf = (req: Request): Locale => negotiateLocale(req.headers['accept-language']);

/** How the report routes learn who asks and how long a statement may run. */
export interface ReportScoping {
  /** The authenticated viewer of the request (set by the authentication in front of /reports). */
  viewerOf(res: Response): VerifiedViewer;
  statementTimeoutMs: number;
  /** A ready token the page may offer in development (the development secret only); null otherwise. */
  developmentToken?: () => string | null;
}

/**
 * Runs `work` with a fresh context of the services for this request, as /graphql builds one: the viewer's scoped,
 * read-only transaction is opened and finished around the gathering; reports are streamed only after it.
 */
async function withContext<T>(ds: DataSource, scoping: ReportScoping, req: Request, res: Response, work: (ctx: Context) => Promise<T>): Promise<T> {
  res.locals.requestId = requestIdOf(req);
  const viewer = scoping.viewerOf(res);
  const scope = await openRequestScope(ds, viewer, scoping.statementTimeoutMs);
  try {
    const context = createContext(scope.db, res.locals.requestId, viewer);
    primeVersions(context.db, context.loaders.registry, scope.versions);
    return await work(context);
  } finally {
    await scope.finish();
  }
}

function parseYear(text: string): number {
  const year = /^\d{4}$/.test(text) ? Number(text) : NaN;
  if (!(year >= MIN_YEAR && year <= MAX_YEAR)) {
    throw new DomainError(ErrorCode.BAD_USER_INPUT, msg('REPORT_YEAR_INVALID', { got: text.slice(0, 40), min: MIN_YEAR, max: MAX_YEAR }), { argumentName: 'year' });
  }
  return year;
}

/** "2024.xlsx" → "2024", "verdict.csv" → "verdict"; a file with another ending is not a report. */
function baseName(file: string, ext: 'xlsx' | 'csv'): string {
  const suffix = `.${ext}`;
  if (!file.endsWith(suffix)) throw new DomainError(ErrorCode.NOT_FOUND, msg('REPORT_WRONG_EXTENSION', { file: file.slice(0, 80), ext }));
  return file.slice(0, -suffix.length);
}

function notFoundDistrict(code: string): DomainError {
  return new DomainError(ErrorCode.NOT_FOUND, msg('REPORT_DISTRICT_NOT_FOUND', { code: code.slice(0, 40) }));
}

/** Characters no file system takes in a name. */
const unsafeInFileName = /[\\/:*?"<>|\u0000-\u001f\u007f]/g;

/**
 * `attachment` with the name in the report's language as RFC 5987/6266 `filename*` (UTF-8, percent-encoded) and an
 * ASCII `filename` for clients that do not read it.
 */
export function contentDisposition(name: string, asciiName: string): string {
  const encoded = encodeURIComponent(name.replace(unsafeInFileName, '_')).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  const ascii = asciiName.replace(/[^A-Za-z0-9._-]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

function setReportHeaders(res: Response, req: Request, contentType: string, disposition: string): void {
  res.status(200);
  res.setHeader('content-type', contentType);
  res.setHeader('content-disposition', disposition);
  res.setHeader('content-language', localeOf(req));
  res.setHeader('cache-control', 'no-store');
}

async function sendXlsx(req: Request, res: Response, report: Report): Promise<void> {
  setReportHeaders(res, req, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', contentDisposition(`${report.fileName}.xlsx`, `${report.asciiFileName}.xlsx`));
  await writeWorkbook(res, report, localeOf(req));
}

function sendCsv(req: Request, res: Response, report: Report, sheet: string): void {
  const table = report.tables.find((t) => t.slug === sheet);
  if (!table) throw new DomainError(ErrorCode.NOT_FOUND, msg('REPORT_SHEET_NOT_FOUND', { sheet: sheet.slice(0, 40), sheets: report.tables.map((t) => t.slug) }));
  setReportHeaders(res, req, 'text/csv; charset=utf-8', contentDisposition(`${report.fileName}-${table.name}.csv`, `${report.asciiFileName}-${table.slug}.csv`));
  res.send(toCsv(table));
}

export function reportsRouter(ds: DataSource, scoping: ReportScoping): express.Router {
  const router = express.Router();

  router.get('/', langParameter, async (req, res) => {
    // The page opens on the latest year with school statistics and offers every year with school statistics or
    // expenditure; it reads everything else from /graphql with the user's token. (Years are not scoped data.)
    const years: { year: number; school: boolean }[] = await ds.query(
      `SELECT year, bool_or(school) AS school FROM (SELECT DISTINCT year, true AS school FROM school_stats
         UNION SELECT DISTINCT year, false FROM education_expenditure) y GROUP BY year ORDER BY year`,
    );
    const schoolYears = years.filter((y) => y.school).map((y) => Number(y.year));
    const { html, nonce } = overviewPage({
      defaultYear: schoolYears[schoolYears.length - 1] ?? new Date().getFullYear() - 1,
      years: years.map((y) => Number(y.year)),
      schoolYears,
      locale: localeOf(req),
      developmentToken: scoping.developmentToken?.() ?? null,
    });
    res.setHeader(
      'content-security-policy',
      `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
    );
    res.setHeader('cache-control', 'no-store');
    res.setHeader('content-language', localeOf(req));
    res.type('html').send(html);
  });

  // Browser assets from node_modules and the repository, never from a CDN (the hub runs on intranets).
  router.get('/assets/echarts.min.js', (_req, res) => {
    res.setHeader('cache-control', 'public, max-age=86400');
    res.sendFile(ECHARTS_FILE);
  });
  router.get('/assets/chongqing-districts.geojson', (_req, res) => {
    res.setHeader('cache-control', 'public, max-age=86400');
    res.type('application/json').sendFile(MAP_FILE);
  });

  // (src/server.ts also mounts it in front of the token check, so a refusal there reads in the same language.)
  router.use('/reports', langParameter);

  // /reports/evaluation/<districtCode>/<year>.xlsx
  router.get('/reports/evaluation/:code/:file', async (req, res) => {
    const year = parseYear(baseName(req.params.file, 'xlsx'));
    const report = await withContext(ds, scoping, req, res, (ctx) => evaluationReport(ctx, req.params.code, year, localeOf(req)));
    if (!report) throw notFoundDistrict(req.params.code);
    await sendXlsx(req, res, report);
  });

  // /reports/evaluation/<districtCode>/<year>/<sheet>.csv
  router.get('/reports/evaluation/:code/:year/:file', async (req, res) => {
    const sheet = baseName(req.params.file, 'csv');
    const year = parseYear(req.params.year);
    const report = await withContext(ds, scoping, req, res, (ctx) => evaluationReport(ctx, req.params.code, year, localeOf(req)));
    if (!report) throw notFoundDistrict(req.params.code);
    sendCsv(req, res, report, sheet);
  });

  // /reports/city/<year>.xlsx
  router.get('/reports/city/:file', async (req, res) => {
    const year = parseYear(baseName(req.params.file, 'xlsx'));
    await sendXlsx(req, res, await withContext(ds, scoping, req, res, (ctx) => cityReport(ctx, year, localeOf(req))));
  });

  // /reports/city/<year>/<sheet>.csv
  router.get('/reports/city/:year/:file', async (req, res) => {
    const sheet = baseName(req.params.file, 'csv');
    const year = parseYear(req.params.year);
    sendCsv(req, res, await withContext(ds, scoping, req, res, (ctx) => cityReport(ctx, year, localeOf(req))), sheet);
  });

  router.use('/reports', (req, _res, next) =>
    next(new DomainError(ErrorCode.NOT_FOUND, msg('REPORT_NOT_FOUND', { path: req.originalUrl.split('?')[0]!.slice(0, 200) }))),
  );

  // Errors of this router in the one error shape; an error after the workbook started streaming can only cut it.
  router.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    if (res.headersSent) {
      log.error('report failed while streaming', { url: req.originalUrl, error: err instanceof Error ? err.message : String(err) });
      res.destroy(err instanceof Error ? err : undefined);
      return;
    }
    if (err instanceof DomainError) {
      sendDomainError(req, res, err);
      return;
    }
    const requestId: string = res.locals.requestId ?? requestIdOf(req);
    log.error('report failed', { requestId, url: req.originalUrl, error: err instanceof Error ? err.message : String(err) });
    sendError(req, res, 500, ErrorCode.INTERNAL_SERVER_ERROR, msg('INTERNAL_ERROR', { requestId }), { requestId });
  });

  return router;
}
