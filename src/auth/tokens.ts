import { createPublicKey, createSecretKey, KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { Config } from '../config';
import { DomainError, ErrorCode } from '../graphql/errors';
import { Message, msg } from '../messages';
import { Role } from './roles';
import { VerifiedViewer, viewerFromVerifiedToken } from './verified';

export { DEVELOPMENT_SECRET } from '../config';

/** How long a token may live: `exp` required, and at most this span from `iat` (or from now) to `exp`. */
export interface ExpiryRule {
  required: boolean;
  maxLifetimeSeconds: number;
}

/** Without a rule from configuration, the strict one (what production gets). */
const STRICT_EXPIRY: ExpiryRule = { required: true, maxLifetimeSeconds: 24 * 3600 };

export type TokenKey = ({ algorithm: 'HS256'; secret: string } | { algorithm: 'RS256'; publicKey: string }) & { expiry?: ExpiryRule };

export function tokenKey(cfg: Config): TokenKey {
  // Development accepts hand-made tokens without `exp`; every other environment requires a bounded lifetime.
  const expiry: ExpiryRule = { required: cfg.auth.requireExpiry, maxLifetimeSeconds: cfg.auth.maxTokenLifetimeSeconds };
  if (cfg.auth.publicKey) return { algorithm: 'RS256', publicKey: cfg.auth.publicKey, expiry };
  if (!cfg.auth.secret) throw new Error('no token key configured');
  return { algorithm: 'HS256', secret: cfg.auth.secret, expiry };
}

function unauthenticated(message: Message): DomainError {
  return new DomainError(ErrorCode.UNAUTHENTICATED, message);
}

/**
 * The key as a KeyObject, made once: given a string, jsonwebtoken first tries it as a PEM public key on every call
 * (an exception per request for a secret) — ~4 ms of CPU per request on the loaded 2-core machine (D114).
 */
const keyObjects = new Map<string, KeyObject>();
function keyObjectOf(key: TokenKey): KeyObject {
  const text = key.algorithm === 'HS256' ? key.secret : key.publicKey;
  let made = keyObjects.get(text);
  if (!made) {
    made = key.algorithm === 'HS256' ? createSecretKey(Buffer.from(text, 'utf8')) : createPublicKey(text);
    if (keyObjects.size > 16) keyObjects.clear();
    keyObjects.set(text, made);
  }
  return made;
}

/** Verifies `Authorization: Bearer <JWT>` and returns the viewer; every refusal says why. */
export function verifyBearer(header: string | undefined, key: TokenKey): VerifiedViewer {
  if (!header) throw unauthenticated(msg('TOKEN_MISSING', {}));
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  if (!match) throw unauthenticated(msg('TOKEN_HEADER_MALFORMED', {}));
  let claims: jwt.JwtPayload;
  try {
    const verified = jwt.verify(match[1], keyObjectOf(key), { algorithms: [key.algorithm] });
    if (typeof verified === 'string') throw unauthenticated(msg('TOKEN_NOT_OBJECT', {}));
    claims = verified;
  } catch (err) {
    if (err instanceof DomainError) throw err;
    if (err instanceof jwt.TokenExpiredError) throw unauthenticated(msg('TOKEN_EXPIRED', { at: err.expiredAt.toISOString() }));
    if (err instanceof jwt.NotBeforeError) throw unauthenticated(msg('TOKEN_NOT_YET_VALID', {}));
    const reason = err instanceof Error ? err.message : String(err);
    throw unauthenticated(reason === 'invalid signature' ? msg('TOKEN_BAD_SIGNATURE', {}) : msg('TOKEN_REJECTED', { reason }));
  }
  checkLifetime(claims, key.expiry ?? STRICT_EXPIRY);
  const subject = typeof claims.sub === 'string' && claims.sub.length > 0 ? claims.sub : null;
  if (!subject) throw unauthenticated(msg('TOKEN_NO_SUBJECT', {}));
  const role = Object.values(Role).find((r) => r === claims.role);
  if (!role) throw unauthenticated(msg('TOKEN_ROLE_UNKNOWN', { role: JSON.stringify(claims.role ?? null), roles: Object.values(Role) }));
  const district = typeof claims.district === 'string' && claims.district ? claims.district : null;
  if (role === Role.DISTRICT_OFFICER && !district) throw unauthenticated(msg('TOKEN_DISTRICT_MISSING', {}));
  return viewerFromVerifiedToken({ subject, role, district: role === Role.DISTRICT_OFFICER ? district : null });
}

/** Clock skew allowed between the issuer and the hub when measuring a lifetime. */
const SKEW_SECONDS = 60;

/** A token without `exp` would be valid for ever; one with a distant `exp` nearly so. */
function checkLifetime(claims: jwt.JwtPayload, rule: ExpiryRule): void {
  if (!rule.required) return;
  if (typeof claims.exp !== 'number') throw unauthenticated(msg('TOKEN_EXPIRY_MISSING', { maxHours: hours(rule.maxLifetimeSeconds) }));
  const now = Math.floor(Date.now() / 1000);
  const fromIssue = typeof claims.iat === 'number' ? claims.exp - claims.iat : 0;
  const fromNow = claims.exp - now;
  if (Math.max(fromIssue, fromNow - SKEW_SECONDS) > rule.maxLifetimeSeconds) {
    throw unauthenticated(msg('TOKEN_LIFETIME_TOO_LONG', { maxHours: hours(rule.maxLifetimeSeconds), hours: hours(Math.max(fromIssue, fromNow)) }));
  }
}

function hours(seconds: number): number {
  return Math.round((seconds / 3600) * 100) / 100;
}

/** Signs a token (HS256 only): the demo tokens printed at start and the tests' tokens. */
export function signToken(secret: string, viewer: { subject: string; role: Role; district?: string | null }, expiresInSeconds = 12 * 3600): string {
  const payload: Record<string, unknown> = { sub: viewer.subject, role: viewer.role };
  if (viewer.district) payload.district = viewer.district;
  return jwt.sign(payload, secret, { algorithm: 'HS256', expiresIn: expiresInSeconds });
}
