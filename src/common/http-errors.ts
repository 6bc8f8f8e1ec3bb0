import type { Request, Response } from 'express';
import { DomainError, HTTP_STATUS } from '../graphql/errors';
import { Message, negotiateLocale, render } from '../messages';

/**
 * The one error shape of every HTTP route, the same as GraphQL's: `{"errors":[{"message", "extensions":{"code",
 * "messageCode", "messageParams", …}}]}`, the sentence in the client's language (Accept-Language, zh-CN by default).
 */
export function sendError(req: Request, res: Response, status: number, code: string, message: Message, extra: Record<string, unknown> = {}): void {
  const locale = negotiateLocale(req.headers['accept-language']);
  res.status(status).json({
    errors: [{ message: render(message, locale), extensions: { code, messageCode: message.code, messageParams: message.params, ...extra } }],
  });
}

/** A DomainError thrown by a service, answered with its code's status. */
export function sendDomainError(req: Request, res: Response, err: DomainError, status: number = HTTP_STATUS[err.code] ?? 400): void {
  // A retryable refusal (DATABASE_UNAVAILABLE) says when to come back.
  if (typeof err.details.retryAfterSeconds === 'number') res.set('Retry-After', String(err.details.retryAfterSeconds));
  sendError(req, res, status, err.code, err.text, err.details);
}
