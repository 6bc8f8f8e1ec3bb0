import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { DenialLog } from '../audit/denials';
import { DomainError } from '../graphql/errors';
import { sendDomainError } from '../common/http-errors';
import { TokenKey, verifyBearer } from './tokens';
import { isVerifiedViewer, VerifiedViewer } from './verified';

/** The authenticated viewer of a request (set by `authenticate`); throws on a route that is not behind it. */
export function viewerOf(res: Response): VerifiedViewer {
  const viewer: unknown = res.locals.viewer;
  if (!isVerifiedViewer(viewer)) throw new Error('viewerOf: the route is not behind authenticate()');
  return viewer;
}

/**
 * Verifies the bearer token; without a valid one the request ends here with 401 and a JSON body in the shape of
 * a GraphQL error (so GraphQL clients read it too), and the refusal goes to the audit log, aggregated per client
 * and reason (src/audit/denials.ts).
 */
export function authenticate(denials: DenialLog, key: TokenKey): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    try {
      res.locals.viewer = verifyBearer(req.headers.authorization, key);
      next();
    } catch (err) {
      if (!(err instanceof DomainError)) return next(err);
      void denials.record({
        viewer: null,
        ip: req.ip ?? null,
        // The route, not the whole URL: a client cannot spread its denials over made-up paths.
        target: `${req.method} ${req.baseUrl || req.path}`,
        reason: err.text,
        requestId: (req.headers['x-request-id'] as string | undefined)?.slice(0, 64) ?? null,
      });
      res.set('WWW-Authenticate', 'Bearer');
      sendDomainError(req, res, err, 401);
    }
  };
}
