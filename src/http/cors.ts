import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { sendError } from '../common/http-errors';
import { msg } from '../messages';

/** Headers a browser front-end sends to the hub (checked in preflights). */
export const CORS_ALLOWED_HEADERS = ['Authorization', 'Content-Type', 'Accept', 'Accept-Language', 'apollo-require-preflight', 'x-request-id'];
/** Response headers a front-end may read besides the CORS-safelisted ones. */
export const CORS_EXPOSED_HEADERS = ['Retry-After', 'WWW-Authenticate', 'Content-Disposition', 'X-Junheng-Cache'];
const ALLOWED_METHODS = 'GET, POST, OPTIONS';
/** Browsers may reuse a preflight's answer this long (seconds). */
const PREFLIGHT_MAX_AGE = 600;

/**
 * Cross-origin access for front-ends on other origins (CORS_ORIGINS): exact origins, or '*' outside production.
 * A preflight (OPTIONS) is answered here, before authentication — browsers never send a token with it — with 204
 * and the allowed methods and headers, or 403 `CORS_ORIGIN_NOT_ALLOWED` for an origin not on the list. Actual
 * requests go on to authentication as usual; an allowed origin gets `Access-Control-Allow-Origin` on the answer,
 * any other none (so its browser withholds the answer from the page). The token travels in `Authorization`, never
 * in cookies, so credentials are not allowed.
 */
export function cors(origins: readonly string[] | '*'): RequestHandler {
  const allows = (origin: string) => origins === '*' || origins.includes(origin);
  return (req: Request, res: Response, next: NextFunction) => {
    const origin = typeof req.headers.origin === 'string' ? req.headers.origin : null;
    // The answer depends on the Origin: shared caches must keep one per origin.
    res.vary('Origin');
    const allowed = origin !== null && allows(origin);
    if (allowed) {
      res.set('Access-Control-Allow-Origin', origins === '*' ? '*' : origin);
      res.set('Access-Control-Expose-Headers', CORS_EXPOSED_HEADERS.join(', '));
    }
    if (req.method !== 'OPTIONS') return next();
    const preflight = origin !== null && typeof req.headers['access-control-request-method'] === 'string';
    if (preflight && !allowed) {
      sendError(req, res, 403, 'CORS_ORIGIN_NOT_ALLOWED', msg('CORS_ORIGIN_NOT_ALLOWED', { origin }));
      return;
    }
    if (preflight) {
      res.set('Access-Control-Allow-Methods', ALLOWED_METHODS);
      res.set('Access-Control-Allow-Headers', CORS_ALLOWED_HEADERS.join(', '));
      res.set('Access-Control-Max-Age', String(PREFLIGHT_MAX_AGE));
    }
    // Any OPTIONS is answered without a token: it never reads data.
    res.set('Allow', ALLOWED_METHODS);
    res.status(204).end();
  };
}
