import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { DataSource } from 'typeorm';
import { AuditAction, AuditOutcome } from '../audit/audit-event.entity';
import { recordAudit } from '../audit/audit.service';
import { DomainError } from '../graphql/errors';
import { sendDomainError } from '../common/http-errors';
import type { Viewer } from './roles';
import { TokenKey, verifyBearer } from './tokens';

/** The authenticated viewer of a request (set by `authenticate`). */
export function viewerOf(res: Response): Viewer {
  const viewer = res.locals.viewer as Viewer | undefined;
  if (!viewer) throw new Error('viewerOf: the route is not behind authenticate()');
  return viewer;
}

/**
 * Verifies the bearer token; without a valid one the request ends here with 401 and a JSON body in the shape of
 * a GraphQL error (so GraphQL clients read it too), and the refusal is audited.
 */
export function authenticate(ds: DataSource, key: TokenKey): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    try {
      res.locals.viewer = verifyBearer(req.headers.authorization, key);
      next();
    } catch (err) {
      if (!(err instanceof DomainError)) return next(err);
      void recordAudit(ds, [
        {
          viewer: null,
          action: AuditAction.DENIED,
          target: `${req.method} ${req.path}`,
          outcome: AuditOutcome.DENIED,
          detail: { reason: err.message, ip: req.ip },
          requestId: (req.headers['x-request-id'] as string | undefined)?.slice(0, 64) ?? null,
        },
      ]);
      res.set('WWW-Authenticate', 'Bearer');
      sendDomainError(req, res, err, 401);
    }
  };
}

/** The Sandbox landing page is served without a token: a browser's GET asking for HTML. */
export function isLandingPageRequest(req: Request): boolean {
  return req.method === 'GET' && typeof req.headers.accept === 'string' && req.headers.accept.includes('text/html');
}
