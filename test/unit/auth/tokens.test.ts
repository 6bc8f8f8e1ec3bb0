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
  const finance = jwt.sign({ sub: 'f', role: 'finance', district: '500106' }, SECRET);
  expect(verifyBearer(`Bearer ${finance}`, key)).toEqual({ subject: 'f', role: Role.FINANCE, district: null });
});

test('RS256: verified with the public key from configuration; an HS256 token signed with the PEM is refused', () => {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const cfg = loadConfig({ JWT_PUBLIC_KEY: pem });
  const key = tokenKey(cfg);
  expect(key.algorithm).toBe('RS256');
  const good = jwt.sign({ sub: 'sup', role: 'supervisor' }, privateKey, { algorithm: 'RS256' });
  expect(verifyBearer(`Bearer ${good}`, key)).toEqual({ subject: 'sup', role: Role.SUPERVISOR, district: null });
  // The classic confusion attack: the public key used as an HMAC secret.
  const forged = jwt.sign({ sub: 'x', role: 'supervisor' }, SECRET, { algorithm: 'HS256' });
  expect(() => verifyBearer(`Bearer ${forged}`, key)).toThrow(/令牌被拒绝|令牌签名无效/);
});

test('production refuses to start without a key or with the development secret', () => {
  expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(ConfigError);
  expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'junheng-development-secret-not-for-production' })).toThrow(/development secret/);
  expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: SECRET }).auth.secret).toBe(SECRET);
  expect(() => loadConfig({ JWT_SECRET: 'short' })).toThrow(/at least 32 characters/);
});
