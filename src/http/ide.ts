import fs from 'node:fs';
import path from 'node:path';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import express, { NextFunction, Request, Response, Router } from 'express';
import { Role } from '../auth/roles';
import { signToken } from '../auth/tokens';
import { Config, DEVELOPMENT_SECRET, usesDevelopmentSecret } from '../config';
import { Locale, negotiateLocale, t } from '../messages';

/**
 * The GraphQL IDE a browser gets at `GET /graphql`. GraphiQL by default: its script and styles (fonts inlined) come
 * from node_modules through the hub at /ide/…, so it works on an intranet without internet. Apollo Sandbox stays as
 * an option (`?ide=sandbox`, or `GRAPHQL_IDE=sandbox`); it loads from Apollo's CDN. Off by default in production.
 *
 * This handler only ever answers with a page: it never reads data and never hands the request to Apollo. A request
 * that is not a browser asking for HTML goes on to authentication like any other.
 */
export type IdeMode = Config['graphql']['ide'];

/** The packages the page loads, as `npm install` put them (exact versions pinned in package.json). */
function packageFile(pkg: string, file: string): string {
  // graphiql and react do not export these paths: find them beside their package.json.
  return path.join(path.dirname(require.resolve(`${pkg}/package.json`)), file);
}

const ASSETS: Record<string, { file: () => string; type: string }> = {
  'graphiql.min.js': { file: () => packageFile('graphiql', 'graphiql.min.js'), type: 'text/javascript; charset=utf-8' },
  'graphiql.min.css': { file: () => packageFile('graphiql', 'graphiql.min.css'), type: 'text/css; charset=utf-8' },
  'react.production.min.js': { file: () => packageFile('react', 'umd/react.production.min.js'), type: 'text/javascript; charset=utf-8' },
  'react-dom.production.min.js': { file: () => packageFile('react-dom', 'umd/react-dom.production.min.js'), type: 'text/javascript; charset=utf-8' },
};

/** Mounts GraphiQL: reads its settings from the page, never from the URL, and keeps headers out of local storage. */
const START_SCRIPT = `(function () {
  'use strict';
  var settings = JSON.parse(document.getElementById('junheng-ide').textContent);
  // The demo token also goes with requests GraphiQL makes before its headers editor exists (the schema's
  // introspection at start); headers typed in the editor take precedence.
  var props = {
    fetcher: GraphiQL.createFetcher({ url: settings.endpoint, headers: settings.headers ? JSON.parse(settings.headers) : {} }),
    defaultQuery: settings.defaultQuery,
    shouldPersistHeaders: false,
    defaultEditorToolsVisibility: 'headers'
  };
  if (settings.headers) { props.headers = settings.headers; props.defaultHeaders = settings.headers; }
  ReactDOM.createRoot(document.getElementById('graphiql')).render(React.createElement(GraphiQL, props));
})();
`;

const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  // GraphiQL sets style attributes from script.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Whether a request is a browser asking for a page (HTML preferred over JSON), not a GraphQL client. */
export function wantsIdePage(req: Request): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  // Negotiated as Apollo does: `application/json, text/html;q=0.1` prefers JSON and is a GraphQL request.
  return req.accepts(['application/json', 'application/graphql-response+json', 'text/html']) === 'text/html';
}

/** A supervisor's demo token for a page (the IDE, the overview), only with the public development secret and never in production. */
export function developmentToken(cfg: Config, subject: string): string | null {
  if (!usesDevelopmentSecret(cfg.auth) || cfg.nodeEnv === 'production') return null;
  return signToken(DEVELOPMENT_SECRET, { subject, role: Role.SUPERVISOR });
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const SAMPLE_QUERY = `query Districts {
  districts(first: 5) {
    totalCount
    nodes { code name }
  }
}
`;

/** The GraphiQL page, in the client's language; nothing from the request is echoed into it. */
export function graphiqlPage(locale: Locale, token: string | null): string {
  const note = token ? t('IDE_DEMO_TOKEN', { role: Role.SUPERVISOR }, locale) : t('IDE_SIGN_IN', {}, locale);
  // One comment line per sentence: the editor does not wrap.
  const comment = note.split(/(?<=[。.])\s*/).filter(Boolean).map((line) => `# ${line}`).join('\n');
  const settings = {
    endpoint: '/graphql',
    headers: token ? JSON.stringify({ Authorization: `Bearer ${token}` }, null, 2) : null,
    defaultQuery: `${comment}\n\n${SAMPLE_QUERY}`,
  };
  // JSON inside <script>: no "<" may survive, or "</script>" in a value would end the block.
  const json = JSON.stringify(settings).replace(/</g, '\\u003c');
  return `<!DOCTYPE html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(t('IDE_TITLE', {}, locale))}</title>
<link rel="stylesheet" href="/ide/graphiql.min.css">
<link rel="stylesheet" href="/ide/ide.css">
</head>
<body>
<div id="graphiql">${escapeHtml(t('IDE_LOADING', {}, locale))}</div>
<script id="junheng-ide" type="application/json">${json}</script>
<script src="/ide/react.production.min.js"></script>
<script src="/ide/react-dom.production.min.js"></script>
<script src="/ide/graphiql.min.js"></script>
<script src="/ide/start.js"></script>
</body>
</html>
`;
}

const PAGE_CSS = 'html, body, #graphiql { height: 100%; margin: 0; }\n';

/** Apollo Sandbox's page as Apollo's own landing-page plugin renders it (CDN scripts: needs the internet). */
async function sandboxRenderer(token: () => string | null): Promise<() => Promise<string>> {
  return async () => {
    const value = token();
    const embed = value ? { initialState: { sharedHeaders: { Authorization: `Bearer ${value}` } } } : true;
    const plugin = ApolloServerPluginLandingPageLocalDefault({ embed, includeCookies: false });
    const listener = await plugin.serverWillStart!({} as never);
    const landing = await listener!.renderLandingPage!();
    return typeof landing.html === 'string' ? landing.html : landing.html();
  };
}

/**
 * The IDE: `GET /graphql` from a browser, and its assets under /ide/. Mounted before authentication; with
 * `GRAPHQL_IDE=off` nothing is mounted and a browser's GET meets the token check like any request.
 */
export async function ideRouter(cfg: Config): Promise<Router> {
  const router = express.Router();
  const mode: IdeMode = cfg.graphql.ide;
  if (mode === 'off') return router;
  const token = () => developmentToken(cfg, 'demo-ide');
  const sandbox = await sandboxRenderer(token);

  for (const [name, asset] of Object.entries(ASSETS)) {
    const file = asset.file();
    if (!fs.existsSync(file)) throw new Error(`GraphiQL asset missing: ${file} (run npm install)`);
    router.get(`/ide/${name}`, (_req, res) => {
      res.type(asset.type);
      res.sendFile(file, { maxAge: '1d' });
    });
  }
  router.get('/ide/start.js', (_req, res) => {
    res.type('text/javascript; charset=utf-8').set('cache-control', 'no-cache').send(START_SCRIPT);
  });
  router.get('/ide/ide.css', (_req, res) => {
    res.type('text/css; charset=utf-8').set('cache-control', 'no-cache').send(PAGE_CSS);
  });

  router.get('/graphql', async (req: Request, res: Response, next: NextFunction) => {
    if (!wantsIdePage(req)) return next();
    const asked = req.query.ide;
    const which = asked === 'sandbox' || asked === 'graphiql' ? asked : mode;
    res.set('cache-control', 'no-store');
    if (which === 'sandbox') {
      res.type('html').send(await sandbox());
      return;
    }
    res.set('content-security-policy', CSP);
    res.type('html').send(graphiqlPage(negotiateLocale(req.headers['accept-language']), token()));
  });
  return router;
}
