import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { DataSource } from 'typeorm';
import { log } from './common/logger';
import { Context, createContext } from './graphql/context';
import { formatError } from './graphql/errors';
import { buildGraphQLSchema } from './graphql/schema';
import { reportsRouter } from './reports/reports.router';

export interface HubServer {
  app: express.Express;
  httpServer: http.Server;
  /** Starts listening; resolves with the bound port (0 = any free port). */
  listen(port: number, host?: string): Promise<number>;
  stop(): Promise<void>;
}

/** The hub's HTTP server: GraphQL at /graphql (Apollo Sandbox on GET), health probes. Reused by tests. */
export async function createServer(ds: DataSource): Promise<HubServer> {
  const app = express();
  app.disable('x-powered-by');
  const httpServer = http.createServer(app);
  const schema = await buildGraphQLSchema();
  const apollo = new ApolloServer<Context>({
    schema,
    introspection: true,
    includeStacktraceInErrorResponses: false,
    // CSRF prevention stays on (Apollo's default): browsers must send a JSON content type or a preflight header.
    csrfPrevention: true,
    formatError: (formatted, error) => formatError(formatted, error),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageLocalDefault({ embed: true, includeCookies: false }),
      {
        // Errors are logged with the request id; the id is also put on masked errors (see formatError).
        async requestDidStart({ contextValue }) {
          const started = Date.now();
          return {
            async willSendResponse({ response, errors }) {
              if (response.body.kind === 'single' && response.body.singleResult.errors) {
                for (const e of response.body.singleResult.errors) {
                  if (e.extensions?.code === 'INTERNAL_SERVER_ERROR') (e.extensions as Record<string, unknown>).requestId = contextValue.requestId;
                }
              }
              log.info('graphql', { requestId: contextValue.requestId, ms: Date.now() - started, errors: errors?.length ?? 0 });
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
  app.use(reportsRouter(ds));
  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, {
      context: async ({ req }) => createContext(ds.manager, (req.headers['x-request-id'] as string | undefined)?.slice(0, 64) || randomUUID()),
    }),
  );

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
