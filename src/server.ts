import http from 'node:http';
import { detectNameCollation } from './db/collation';
import { randomUUID } from 'node:crypto';
import { ApolloServer, HeaderMap } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import compression from 'compression';
import express, { NextFunction, Request, Response } from 'express';
import { GraphQLError } from 'graphql';
import { DataSource } from 'typeorm';
import { importAuditEntry, recordAudit } from './audit/audit.service';
import { DenialLog } from './audit/denials';
import { authenticate, viewerOf } from './auth/http';
import { mayImport } from './auth/roles';
import { tokenKey } from './auth/tokens';
import { isVerifiedViewer } from './auth/verified';
import { log } from './common/logger';
import { msg } from './messages';
import { sendDomainError, sendError } from './common/http-errors';
import { Config, config as loadedConfig } from './config';
import { primeVersions } from './db/data-version';
import { mayWrite } from './db/read-routing';
import { openRequestScope, RequestScope } from './db/request-scope';
import { databaseUnavailable, isDatabaseUnavailable, RETRY_AFTER_SECONDS } from './db/unavailable';
import { Context, createContext } from './graphql/context';
import { DomainError, ErrorCode, errorStatusPlugin, formatError } from './graphql/errors';
import { introspectionDisabled } from './graphql/introspection';
import { cors } from './http/cors';
import { developmentToken, ideRouter } from './http/ide';
import { localeOf, requestLocale } from './http/locale';
import { readinessProbe } from './http/readiness';
import { lexicalLimits, queryLimitsPlugin } from './graphql/limits';
import { responseCachePlugin } from './graphql/response-cache';
import { buildGraphQLSchema } from './graphql/schema';
import { findDataset } from './ingestion/datasets';
import { importRouter } from './ingestion/http';
import { langParameter, reportsRouter } from './reports/reports.router';
import { evidenceRouter } from './supervision/evidence.router';

export interface HubServer {
  app: express.Express;
  httpServer: http.Server;
  /** Starts listening; resolves with the bound port (0 = any free port). */
  listen(port: number, host?: string): Promise<number>;
  stop(): Promise<void>;
}

/** The transaction of one GraphQL request, and whether its client has gone. */
interface ScopeHolder {
  scope: RequestScope | null;
  closed: boolean;
}

function requestIdOf(req: Request): string {
  return (req.headers['x-request-id'] as string | undefined)?.slice(0, 64) || randomUUID();
}

/** A refusal raised while building a GraphQL context, answered with its own HTTP status (Apollo would say 500). */
function contextRefusal(err: DomainError, status: number): GraphQLError {
  const headers = new HeaderMap();
  if (typeof err.details.retryAfterSeconds === 'number') headers.set('retry-after', String(err.details.retryAfterSeconds));
  return new GraphQLError(err.message, { originalError: err, extensions: { http: { status, headers } } });
}

/** Responses whose errors say the database is unreachable are 503 with Retry-After, whatever else they hold. */
function databaseUnavailableStatus() {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }: { response: { http: { status?: number; headers: HeaderMap }; body: { kind: string; singleResult?: { errors?: readonly { extensions?: Record<string, unknown> }[] } } } }) {
          const errors = response.body.kind === 'single' ? response.body.singleResult?.errors : undefined;
          if (!errors?.some((e) => e.extensions?.code === ErrorCode.DATABASE_UNAVAILABLE)) return;
          response.http.status = 503;
          response.http.headers.set('retry-after', String(RETRY_AFTER_SECONDS));
        },
      };
    },
  };
}

/**
 * The hub's HTTP server: GraphQL at /graphql (an IDE page on a browser's GET), imports, reports, the overview
 * page and health probes. Every data route is behind a bearer token; every GraphQL request reads through its own
 * scoped, read-only transaction opened for its verified viewer. Reused by tests.
 */
/** `readDs`: where read-only requests go (DATABASE_READ_URL, a streaming replica); writes stay on `ds`. */
export async function createServer(ds: DataSource, cfg: Config = loadedConfig(), readDs: DataSource = ds): Promise<HubServer> {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  const httpServer = http.createServer(app);
  // Idle sockets outlive a proxy's (60 s on common ones), so the proxy never reuses one the hub has just closed.
  httpServer.keepAliveTimeout = cfg.http.keepAliveTimeoutMs;
  httpServer.headersTimeout = cfg.http.headersTimeoutMs;
  httpServer.requestTimeout = Math.max(httpServer.requestTimeout, cfg.http.headersTimeoutMs);
  const schema = await buildGraphQLSchema();
  await detectNameCollation(ds);
  const key = tokenKey(cfg);
  const denials = new DenialLog(ds);
  const requireToken = authenticate(denials, key);
  const ready = readinessProbe(ds);
  const scopes = new WeakMap<Context, RequestScope>();
  if (cfg.http.corsOrigins === '*') log.warn('CORS_ORIGINS=*: any web page may call this hub with a token it holds (allowed outside production only)');

  const responseCache = responseCachePlugin(cfg.limits.responseCacheBytes);
  const apollo = new ApolloServer<Context>({
    schema,
    // Apollo's serialisation (JSON.stringify + newline), through the response cache: it keeps the text it writes.
    stringifyResult: responseCache.stringifyResult,
    introspection: true, // refused by the validation rule below when GRAPHQL_INTROSPECTION=false, in the client's language
    includeStacktraceInErrorResponses: false,
    // CSRF prevention stays on (Apollo's default): browsers must send a JSON content type or a preflight header.
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    // No automatic persisted queries: every request carries its query, and the limits and the cost see it whole.
    persistedQueries: false,
    validationRules: cfg.graphql.introspection ? [] : [introspectionDisabled],
    formatError: (formatted, error) => formatError(formatted, error),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      // Apollo never answers with a page: the IDE has its own handler (src/http/ide.ts) that never runs a query.
      ApolloServerPluginLandingPageDisabled(),
      // No HTTP cache hints are used (the response cache keys by data versions): without this Apollo wraps every
      // field's resolver to collect them, ~10 % of a cold list request's CPU (D114).
      ApolloServerPluginCacheControlDisabled(),
      queryLimitsPlugin(schema, cfg.limits),
      errorStatusPlugin,
      responseCache,
      databaseUnavailableStatus(),
      {
        async requestDidStart({ contextValue }) {
          const started = Date.now();
          return {
            async willSendResponse({ response, errors }) {
              await scopes.get(contextValue)?.finish();
              if (response.body.kind === 'single' && response.body.singleResult.errors) {
                for (const e of response.body.singleResult.errors) {
                  if (e.extensions?.code === 'INTERNAL_SERVER_ERROR') (e.extensions as Record<string, unknown>).requestId = contextValue.requestId;
                }
              }
              await Promise.all(contextValue.denied.map((denial) => denials.record(denial)));
              if (contextValue.audited.length) await recordAudit(ds, contextValue.audited);
              log.info('graphql', { requestId: contextValue.requestId, subject: contextValue.viewer.subject, ms: Date.now() - started, errors: errors?.length ?? 0 });
            },
          };
        },
      },
    ],
  });
  await apollo.start();

  // Compressed when the client accepts it (gzip, deflate, br); already-compressed XLSX streams pass as they are.
  app.use(compression());

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  // Its own short-timeout connection, never queued behind the request pool (src/http/readiness.ts).
  app.get('/readyz', async (_req, res) => {
    const { ready: isReady, ms } = await ready();
    res.set('x-readiness-ms', String(ms));
    if (isReady) {
      res.json({ status: 'ready' });
      return;
    }
    res.set('Retry-After', String(RETRY_AFTER_SECONDS));
    res.status(503).json({ status: 'unavailable', reason: 'database unreachable' });
  });
  /** REST data paths answer 503 DATABASE_UNAVAILABLE at once while PostgreSQL is down, instead of failing later. */
  const requireDatabase = async (req: Request, res: Response, next: NextFunction) => {
    if ((await ready()).ready) return next();
    sendDomainError(req, res, databaseUnavailable());
  };

  // Browsers on other origins (CORS_ORIGINS): preflights are answered here, before any token is asked for.
  app.use(['/graphql', '/imports', '/reports'], cors(cfg.http.corsOrigins));
  // A browser's GET /graphql gets the IDE page (and /ide/ its assets), never data: see src/http/ide.ts.
  app.use(await ideRouter(cfg));

  // Imports: the dataset's department or the supervision office; every outcome is audited.
  app.post('/imports/:dataset', requireToken, (req: Request, res: Response, next: NextFunction) => {
    const viewer = viewerOf(res);
    const dataset = findDataset(String(req.params.dataset));
    if (dataset && !mayImport(viewer, dataset.department)) {
      const refusal = msg('IMPORT_FORBIDDEN', { role: viewer.role, dataset: dataset.name, department: dataset.department });
      void denials.record({ viewer, ip: req.ip ?? null, target: `POST /imports/${dataset.name}`, reason: refusal, requestId: requestIdOf(req) });
      sendError(req, res, 403, ErrorCode.FORBIDDEN, refusal);
      return;
    }
    next();
  }, requireDatabase);
  app.use(
    importRouter(() => ds, {
      maxBodyBytes: cfg.limits.importBodyBytes,
      lockTimeoutMs: cfg.limits.importLockTimeoutMs,
      loadedBy: (req) => viewerOf(req.res!).subject,
      onSummary: (req, summary) => recordAudit(ds, [importAuditEntry(viewerOf(req.res!), summary, `POST /imports/${summary.dataset}`, requestIdOf(req))]),
    }),
  );

  // Evidence files of the supervision ledger (docs/supervision.md): upload and download, behind the bearer token.
  app.use('/evidence', requireToken, requireDatabase);
  app.use(evidenceRouter(ds, { viewerOf, maxBytes: cfg.limits.evidenceBytes, statementTimeoutMs: cfg.limits.statementTimeoutMs }));

  app.use('/reports', langParameter, requireToken, requireDatabase, requestLocale());
  app.use(reportsRouter(readDs, { viewerOf, statementTimeoutMs: cfg.limits.statementTimeoutMs, developmentToken: () => developmentToken(cfg, 'demo-overview') }));

  app.use(
    '/graphql',
    // Every request past this point carries a verified token: the IDE page was answered above, or nothing was.
    requireToken,
    // Registered before any await: a client that hangs up at any moment still ends its transaction.
    (_req: Request, res: Response, next: NextFunction) => {
      const holder: ScopeHolder = { scope: null, closed: false };
      res.locals.scopeHolder = holder;
      res.once('close', () => {
        holder.closed = true;
        void holder.scope?.finish();
      });
      next();
    },
    express.json({ limit: cfg.limits.bodyBytes }),
    // After the body parser (its callbacks run outside the request's async context): DomainErrors in the client's language.
    requestLocale(),
    // Automatic persisted queries are off; Apollo would refuse them with a 200, a client can rely on a 400.
    (req: Request, res: Response, next: NextFunction) => {
      const ext = (req.body as { extensions?: { persistedQuery?: unknown } } | undefined)?.extensions;
      const inQuery = typeof req.query.extensions === 'string' && req.query.extensions.includes('persistedQuery');
      if (inQuery || (ext && typeof ext === 'object' && ext.persistedQuery !== undefined)) {
        return sendError(req, res, 400, 'PERSISTED_QUERY_NOT_SUPPORTED', msg('HTTP_PERSISTED_QUERY_NOT_SUPPORTED', {}));
      }
      next();
    },
    lexicalLimits(cfg.limits),
    expressMiddleware(apollo, {
      context: async ({ req, res }) => {
        const viewer: unknown = res.locals.viewer;
        // Unreachable behind requireToken; should a route ever skip it, no context (hence no resolver) without a viewer.
        if (!isVerifiedViewer(viewer)) throw contextRefusal(new DomainError(ErrorCode.UNAUTHENTICATED, msg('TOKEN_MISSING', {})), 401);
        const requestId = requestIdOf(req);
        const holder = res.locals.scopeHolder as ScopeHolder;
        let scope: RequestScope;
        try {
          // GET carries queries only (Apollo refuses a mutation over GET).
          const reads = readDs !== ds && (req.method === 'GET' || !mayWrite(req.body)) ? readDs : ds;
          scope = await openRequestScope(reads, viewer, cfg.limits.statementTimeoutMs);
        } catch (err) {
          if (err instanceof DomainError && err.code === ErrorCode.DATABASE_UNAVAILABLE) throw contextRefusal(err, 503);
          throw err;
        }
        holder.scope = scope;
        if (holder.closed) {
          await scope.finish();
          throw new Error('the client closed the connection before the request started');
        }
        const context = createContext(scope.db, requestId, viewer, localeOf(req, res));
        context.signal = scope.signal;
        primeVersions(context.db, context.loaders.registry, scope.versions);
        scopes.set(context, scope);
        return context;
      },
    }),
  );

  // Malformed or oversized bodies answer in JSON (the one error shape), never an HTML stack page.
  app.use((err: unknown, req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(err);
    const status = (err as { status?: number }).status;
    if (status === 413) {
      sendError(req, res, 413, 'PAYLOAD_TOO_LARGE', msg('REQUEST_BODY_TOO_LARGE', { max: cfg.limits.bodyBytes }), { limit: 'body', max: cfg.limits.bodyBytes });
      return;
    }
    if (status && status >= 400 && status < 500) {
      sendError(req, res, status, 'BAD_REQUEST', msg('REQUEST_BODY_UNREADABLE', {}));
      return;
    }
    if (err instanceof DomainError) return sendDomainError(req, res, err);
    if (isDatabaseUnavailable(err)) return sendDomainError(req, res, databaseUnavailable());
    const requestId = requestIdOf(req);
    log.error('http error', { requestId, error: err instanceof Error ? err.stack : String(err) });
    sendError(req, res, 500, ErrorCode.INTERNAL_SERVER_ERROR, msg('INTERNAL_ERROR', { requestId }), { requestId });
  });

  return {
    app,
    httpServer,
    listen(port, host = cfg.host) {
      return new Promise((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => resolve((httpServer.address() as { port: number }).port));
      });
    },
    async stop() {
      await apollo.stop();
      if (httpServer.listening) await new Promise<void>((resolve) => httpServer.close(() => resolve()));
      // The counts of the denials of the last window, before the database goes.
      await denials.flush();
      denials.stop();
    },
  };
}
