import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { expressMiddleware } from '@as-integrations/express5';
import express, { NextFunction, Request, Response } from 'express';
import { DataSource } from 'typeorm';
import { AuditAction, AuditOutcome } from './audit/audit-event.entity';
import { importAuditEntry, recordAudit } from './audit/audit.service';
import { authenticate, isLandingPageRequest, viewerOf } from './auth/http';
import { mayImport, Role } from './auth/roles';
import { DEVELOPMENT_SECRET, signToken, tokenKey } from './auth/tokens';
import { log } from './common/logger';
import { DEFAULT_LOCALE, msg, render } from './messages';
import { sendError } from './common/http-errors';
import { Config, config as loadedConfig } from './config';
import { openRequestScope, RequestScope } from './db/request-scope';
import { Context, createContext } from './graphql/context';
import { ErrorCode, errorStatusPlugin, formatError } from './graphql/errors';
import { lexicalLimits, queryLimitsPlugin } from './graphql/limits';
import { responseCachePlugin } from './graphql/response-cache';
import { buildGraphQLSchema } from './graphql/schema';
import { findDataset } from './ingestion/datasets';
import { importRouter } from './ingestion/http';
import { reportsRouter } from './reports/reports.router';

export interface HubServer {
  app: express.Express;
  httpServer: http.Server;
  /** Starts listening; resolves with the bound port (0 = any free port). */
  listen(port: number, host?: string): Promise<number>;
  stop(): Promise<void>;
}

/**
 * In development (the well-known development secret, never in production) Sandbox opens with a supervisor's demo
 * token in its headers, so the demo answers at once; otherwise the user pastes their own.
 */
function sandboxEmbed(cfg: Config): true | { initialState: { sharedHeaders: Record<string, string> } } {
  if (cfg.auth.secret !== DEVELOPMENT_SECRET || cfg.nodeEnv === 'production') return true;
  const token = signToken(DEVELOPMENT_SECRET, { subject: 'demo-sandbox', role: Role.SUPERVISOR });
  return { initialState: { sharedHeaders: { Authorization: `Bearer ${token}` } } };
}

/** The transaction of one GraphQL request, and whether its client has gone. */
interface ScopeHolder {
  scope: RequestScope | null;
  closed: boolean;
}

function requestIdOf(req: Request): string {
  return (req.headers['x-request-id'] as string | undefined)?.slice(0, 64) || randomUUID();
}

/**
 * The hub's HTTP server: GraphQL at /graphql (Apollo Sandbox on a browser's GET), imports, reports, the overview
 * page and health probes. Every data route is behind a bearer token; every GraphQL request reads through its own
 * scoped, read-only transaction. Reused by tests.
 */
export async function createServer(ds: DataSource, cfg: Config = loadedConfig()): Promise<HubServer> {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  const httpServer = http.createServer(app);
  const schema = await buildGraphQLSchema();
  const key = tokenKey(cfg);
  const requireToken = authenticate(ds, key);
  const scopes = new WeakMap<Context, RequestScope>();

  const apollo = new ApolloServer<Context>({
    schema,
    introspection: true,
    includeStacktraceInErrorResponses: false,
    // CSRF prevention stays on (Apollo's default): browsers must send a JSON content type or a preflight header.
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    formatError: (formatted, error) => formatError(formatted, error),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageLocalDefault({ embed: sandboxEmbed(cfg), includeCookies: false }),
      queryLimitsPlugin(schema, cfg.limits),
      errorStatusPlugin,
      responseCachePlugin(cfg.limits.responseCacheBytes),
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
              await recordAudit(ds, contextValue.denied);
              log.info('graphql', { requestId: contextValue.requestId, subject: contextValue.viewer.subject, ms: Date.now() - started, errors: errors?.length ?? 0 });
            },
          };
        },
      },
    ],
  });
  await apollo.start();

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    try {
      await ds.query('SELECT 1');
      res.json({ status: 'ready' });
    } catch (err) {
      log.warn('readiness check failed', { error: err instanceof Error ? err.message : String(err) });
      res.status(503).json({ status: 'unavailable', reason: 'database unreachable' });
    }
  });

  // Imports: the dataset's department or the supervision office; every outcome is audited.
  app.post('/imports/:dataset', requireToken, (req: Request, res: Response, next: NextFunction) => {
    const viewer = viewerOf(res);
    const dataset = findDataset(String(req.params.dataset));
    if (dataset && !mayImport(viewer, dataset.department)) {
      const refusal = msg('IMPORT_FORBIDDEN', { role: viewer.role, dataset: dataset.name, department: dataset.department });
      void recordAudit(ds, [{ viewer, action: AuditAction.DENIED, target: `POST /imports/${dataset.name}`, outcome: AuditOutcome.DENIED, detail: { reason: render(refusal, DEFAULT_LOCALE) }, requestId: requestIdOf(req) }]);
      sendError(req, res, 403, ErrorCode.FORBIDDEN, refusal);
      return;
    }
    next();
  });
  app.use(
    importRouter(() => ds, {
      maxBodyBytes: cfg.limits.importBodyBytes,
      loadedBy: (req) => viewerOf(req.res!).subject,
      onSummary: (req, summary) => recordAudit(ds, [importAuditEntry(viewerOf(req.res!), summary, `POST /imports/${summary.dataset}`, requestIdOf(req))]),
    }),
  );

  app.use('/reports', requireToken);
  app.use(reportsRouter(ds, { viewerOf, statementTimeoutMs: cfg.limits.statementTimeoutMs }));

  app.use(
    '/graphql',
    (req: Request, res: Response, next: NextFunction) => (isLandingPageRequest(req) ? next() : requireToken(req, res, next)),
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
    lexicalLimits(cfg.limits),
    expressMiddleware(apollo, {
      context: async ({ req, res }) => {
        const viewer = res.locals.viewer ?? null;
        const requestId = requestIdOf(req);
        if (!viewer) return createContext(ds.manager, requestId); // the landing page: no data is read
        const holder = res.locals.scopeHolder as ScopeHolder;
        const scope = await openRequestScope(ds, viewer, cfg.limits.statementTimeoutMs);
        holder.scope = scope;
        if (holder.closed) {
          await scope.finish();
          throw new Error('the client closed the connection before the request started');
        }
        const context = createContext(scope.db, requestId, viewer);
        scopes.set(context, scope);
        return context;
      },
    }),
  );

  // Malformed or oversized bodies answer in JSON, never an HTML stack page.
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
    log.error('http error', { error: err instanceof Error ? err.stack : String(err) });
    res.status(500).json({ errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
  });

  return {
    app,
    httpServer,
    listen(port, host = '0.0.0.0') {
      return new Promise((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => resolve((httpServer.address() as { port: number }).port));
      });
    },
    async stop() {
      await apollo.stop();
      if (httpServer.listening) await new Promise<void>((resolve) => httpServer.close(() => resolve()));
    },
  };
}
