import { loadConfig } from '../../../src/config';

/** The transport settings (docs/access.md, README "Configuration"). */
const PROD = { NODE_ENV: 'production', JWT_SECRET: 'a-production-secret-of-enough-length-0123456789' };

test('HOST: loopback while the public development secret signs tokens, every interface with a real key; HOST overrides', () => {
  expect(loadConfig({}).host).toBe('127.0.0.1');
  expect(loadConfig({ JWT_SECRET: 'a-real-secret-of-enough-length-0123456789' }).host).toBe('0.0.0.0');
  expect(loadConfig(PROD).host).toBe('0.0.0.0');
  expect(loadConfig({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
  expect(loadConfig({ ...PROD, HOST: '10.1.2.3' }).host).toBe('10.1.2.3');
  expect(loadConfig({ HOST: '::' }).host).toBe('::');
  expect(() => loadConfig({ HOST: 'a b' })).toThrow(/HOST/);
});

test('introspection and the IDE: on in development and test, off in production unless asked for', () => {
  expect(loadConfig({}).graphql).toEqual({ introspection: true, ide: 'graphiql' });
  expect(loadConfig({ NODE_ENV: 'test' }).graphql).toEqual({ introspection: true, ide: 'graphiql' });
  expect(loadConfig(PROD).graphql).toEqual({ introspection: false, ide: 'off' });
  expect(loadConfig({ ...PROD, GRAPHQL_IDE: 'sandbox', GRAPHQL_INTROSPECTION: 'true' }).graphql).toEqual({ introspection: true, ide: 'sandbox' });
  expect(loadConfig({ GRAPHQL_IDE: 'off', GRAPHQL_INTROSPECTION: 'false' }).graphql).toEqual({ introspection: false, ide: 'off' });
  expect(() => loadConfig({ GRAPHQL_IDE: 'playground' })).toThrow(/GRAPHQL_IDE/);
});

test('CORS_ORIGINS: none by default, exact origins normalised, * outside production only', () => {
  expect(loadConfig({}).http.corsOrigins).toEqual([]);
  expect(loadConfig({ CORS_ORIGINS: 'http://Dashboard:3000, https://bi.example.gov.cn' }).http.corsOrigins).toEqual(['http://dashboard:3000', 'https://bi.example.gov.cn']);
  expect(loadConfig({ CORS_ORIGINS: '*' }).http.corsOrigins).toBe('*');
  expect(() => loadConfig({ ...PROD, CORS_ORIGINS: '*' })).toThrow(/refused under NODE_ENV=production/);
  expect(() => loadConfig({ CORS_ORIGINS: 'dashboard:3000' })).toThrow(/CORS_ORIGINS/);
  expect(() => loadConfig({ CORS_ORIGINS: 'http://dashboard:3000/' })).toThrow(/no path/);
});

test('keep-alive: 75 s by default (above 60 s proxies), headers timeout 5 s above it', () => {
  expect(loadConfig({}).http).toMatchObject({ keepAliveTimeoutMs: 75_000, headersTimeoutMs: 80_000 });
  expect(() => loadConfig({ HTTP_KEEP_ALIVE_TIMEOUT_MS: '10' })).toThrow(/HTTP_KEEP_ALIVE_TIMEOUT_MS/);
});
