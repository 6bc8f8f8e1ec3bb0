import jwt from 'jsonwebtoken';
import { Config } from '../config';
import { DomainError, ErrorCode } from '../graphql/errors';
import { Message, msg } from '../messages';
import { Role, Viewer } from './roles';

export { DEVELOPMENT_SECRET } from '../config';

export type TokenKey = { algorithm: 'HS256'; secret: string } | { algorithm: 'RS256'; publicKey: string };

export function tokenKey(cfg: Config): TokenKey {
  if (cfg.auth.publicKey) return { algorithm: 'RS256', publicKey: cfg.auth.publicKey };
  if (!cfg.auth.secret) throw new Error('no token key configured');
  return { algorithm: 'HS256', secret: cfg.auth.secret };
}

function unauthenticated(message: Message): DomainError {
  return new DomainError(ErrorCode.UNAUTHENTICATED, message);
}

/** Verifies `Authorization: Bearer <JWT>` and returns the viewer; every refusal says why. */
export function verifyBearer(header: string | undefined, key: TokenKey): Viewer {
  if (!header) throw unauthenticated(msg('TOKEN_MISSING', {}));
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  if (!match) throw unauthenticated(msg('TOKEN_HEADER_MALFORMED', {}));
  let claims: jwt.JwtPayload;
  try {
    const verified = jwt.verify(match[1], key.algorithm === 'HS256' ? key.secret : key.publicKey, { algorithms: [key.algorithm] });
    if (typeof verified === 'string') throw unauthenticated(msg('TOKEN_NOT_OBJECT', {}));
    claims = verified;
  } catch (err) {
    if (err instanceof DomainError) throw err;
    if (err instanceof jwt.TokenExpiredError) throw unauthenticated(msg('TOKEN_EXPIRED', { at: err.expiredAt.toISOString() }));
    if (err instanceof jwt.NotBeforeError) throw unauthenticated(msg('TOKEN_NOT_YET_VALID', {}));
    const reason = err instanceof Error ? err.message : String(err);
    throw unauthenticated(reason === 'invalid signature' ? msg('TOKEN_BAD_SIGNATURE', {}) : msg('TOKEN_REJECTED', { reason }));
  }
  const subject = typeof claims.sub === 'string' && claims.sub.length > 0 ? claims.sub : null;
  if (!subject) throw unauthenticated(msg('TOKEN_NO_SUBJECT', {}));
  const role = Object.values(Role).find((r) => r === claims.role);
  if (!role) throw unauthenticated(msg('TOKEN_ROLE_UNKNOWN', { role: JSON.stringify(claims.role ?? null), roles: Object.values(Role) }));
  const district = typeof claims.district === 'string' && claims.district ? claims.district : null;
  if (role === Role.DISTRICT_OFFICER && !district) throw unauthenticated(msg('TOKEN_DISTRICT_MISSING', {}));
  return { subject, role, district: role === Role.DISTRICT_OFFICER ? district : null };
}

/** Signs a token (HS256 only): the demo tokens printed at start and the tests' tokens. */
export function signToken(secret: string, viewer: { subject: string; role: Role; district?: string | null }, expiresInSeconds = 12 * 3600): string {
  const payload: Record<string, unknown> = { sub: viewer.subject, role: viewer.role };
  if (viewer.district) payload.district = viewer.district;
  return jwt.sign(payload, secret, { algorithm: 'HS256', expiresIn: expiresInSeconds });
}
