import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { Locale, negotiateLocale, withLocale } from '../messages';

/**
 * Runs the rest of the request inside the client's locale (Accept-Language; zh-CN by default), so every message
 * rendered while serving it — a DomainError in formatError, a resolver's text — reads in the client's language.
 * Place it after the body parser: a parser's stream callbacks run outside this request's async context.
 */
export function requestLocale(): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const locale = negotiateLocale(req.headers['accept-language']);
    res.locals.locale = locale;
    withLocale(locale, () => next());
  };
}

/** The locale `requestLocale` chose, or the one the request asks for. */
export function localeOf(req: Request, res: Response): Locale {
  return (res.locals.locale as Locale | undefined) ?? negotiateLocale(req.headers['accept-language']);
}
