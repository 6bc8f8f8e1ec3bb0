import { generateKeyPairSync } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { Role } from '../../../src/auth/roles';
import { signToken, tokenKey, verifyBearer } from '../../../src/auth/tokens';
import { ConfigError, loadConfig } from '../../../src/config';

const SECRET = 'a-test-secret-that-is-long-enough-123';

test('HS256: a signed token gives its viewer; the district claim is kept only for district officers', () => {
  const key = { algorithm: 'HS256' as const, secret: SECRET };
  expect(verifyBearer(`Bearer ${signToken(SECRET, { subject: 'u1', role: Role.DISTRICT_OFFICER, district: '500106' })}`, key)).toEqual({
    subject: 'u1', role: Role.DISTRICT_OFFICER, district: '500106',
  });
  const finance = jwt.sign({ sub: 'f', role: 'finance', district: '500106' }, SECRET, { expiresIn: '1h' });
  expect(verifyBearer(`Bearer ${finance}`, key)).toEqual({ subject: 'f', role: Role.FINANCE, district: null });
});

test('RS256: verified with the public key from configuration; an HS256 token signed with the PEM is refused', () => {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const cfg = loadConfig({ JWT_PUBLIC_KEY: pem });
  const key = tokenKey(cfg);
  expect(key.algorithm).toBe('RS256');
  const good = jwt.sign({ sub: 'sup', role: 'supervisor' }, privateKey, { algorithm: 'RS256', expiresIn: '1h' });
  expect(verifyBearer(`Bearer ${good}`, key)).toEqual({ subject: 'sup', role: Role.SUPERVISOR, district: null });
  // The classic confusion attack: the public key used as an HMAC secret.
  const forged = jwt.sign({ sub: 'x', role: 'supervisor' }, SECRET, { algorithm: 'HS256', expiresIn: '1h' });
  expect(() => verifyBearer(`Bearer ${forged}`, key)).toThrow(/令牌被拒绝|令牌签名无效/);
});

test('production refuses to start without a key or with the development secret', () => {
  expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(ConfigError);
  expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'junheng-development-secret-not-for-production' })).toThrow(/development secret/);
  expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: SECRET }).auth.secret).toBe(SECRET);
  expect(() => loadConfig({ JWT_SECRET: 'short' })).toThrow(/at least 32 characters/);
});

describe('token lifetime (#11.9): exp required and bounded outside development', () => {
  const strict = tokenKey(loadConfig({ NODE_ENV: 'production', JWT_SECRET: SECRET }));
  const bearer = (claims: object, options: jwt.SignOptions = {}) => `Bearer ${jwt.sign(claims, SECRET, options)}`;
  const refusal = (fn: () => unknown) => {
    try {
      fn();
    } catch (err) {
      return (err as { text?: { code: string; params: unknown } }).text;
    }
    throw new Error('accepted');
  };

  test('a token without exp is refused, saying what is accepted', () => {
    expect(refusal(() => verifyBearer(bearer({ sub: 'a', role: 'supervisor' }), strict))).toEqual({ code: 'TOKEN_EXPIRY_MISSING', params: { maxHours: 24 } });
  });

  test('a token living longer than the maximum is refused, by iat→exp or, without iat, now→exp', () => {
    expect(refusal(() => verifyBearer(bearer({ sub: 'a', role: 'supervisor' }, { expiresIn: '30d' }), strict))).toMatchObject({ code: 'TOKEN_LIFETIME_TOO_LONG', params: { maxHours: 24, hours: 720 } });
    const farExp = Math.floor(Date.now() / 1000) + 48 * 3600;
    expect(refusal(() => verifyBearer(bearer({ sub: 'a', role: 'supervisor', exp: farExp }, { noTimestamp: true }), strict))).toMatchObject({ code: 'TOKEN_LIFETIME_TOO_LONG' });
    // An iat in the future does not stretch the window: what counts is also now→exp.
    const iat = Math.floor(Date.now() / 1000) + 40 * 3600;
    expect(refusal(() => verifyBearer(bearer({ sub: 'a', role: 'supervisor', iat, exp: iat + 3600 }), strict))).toMatchObject({ code: 'TOKEN_LIFETIME_TOO_LONG' });
  });

  test('within the maximum it is accepted; the maximum is configurable', () => {
    expect(verifyBearer(bearer({ sub: 'a', role: 'supervisor' }, { expiresIn: '8h' }), strict).subject).toBe('a');
    const week = tokenKey(loadConfig({ NODE_ENV: 'production', JWT_SECRET: SECRET, JWT_MAX_LIFETIME_SECONDS: String(7 * 24 * 3600) }));
    expect(verifyBearer(bearer({ sub: 'a', role: 'supervisor' }, { expiresIn: '6d' }), week).subject).toBe('a');
    expect(() => loadConfig({ JWT_MAX_LIFETIME_SECONDS: '10' })).toThrow(/JWT_MAX_LIFETIME_SECONDS/);
  });

  test('the test environment is strict too; development accepts hand-made tokens without exp', () => {
    const test = tokenKey(loadConfig({ NODE_ENV: 'test', JWT_SECRET: SECRET }));
    expect(refusal(() => verifyBearer(bearer({ sub: 'a', role: 'supervisor' }), test))).toMatchObject({ code: 'TOKEN_EXPIRY_MISSING' });
    const dev = tokenKey(loadConfig({ NODE_ENV: 'development' }));
    const devSecret = (dev as { secret: string }).secret;
    expect(verifyBearer(`Bearer ${jwt.sign({ sub: 'a', role: 'supervisor' }, devSecret)}`, dev).subject).toBe('a');
  });

  test('the demo tokens (12 hours, signed with signToken) pass the strict rule', () => {
    expect(verifyBearer(`Bearer ${signToken(SECRET, { subject: 'demo', role: Role.SUPERVISOR })}`, strict).subject).toBe('demo');
  });
});
