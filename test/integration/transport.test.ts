import http from 'node:http';
import zlib from 'node:zlib';
import { DataSource } from 'typeorm';
import { Role } from '../../src/auth/roles';
import { loadConfig } from '../../src/config';
import { openTestDataSource, truncateAll } from '../helpers/database';
import { buildDistrict } from '../helpers/district-fixture';
import { Fixtures } from '../helpers/fixtures';
import { rawRequest } from '../helpers/raw-http';
import { TestHub } from '../helpers/server';

/**
 * The HTTP transport as clients meet it: CORS for a front-end on another origin (#12.5), compressed responses
 * (#12.6), keep-alive above proxies' idle timeouts (#11.8), the client's language (Accept-Language), and what
 * production turns off (introspection, the IDE).
 */
let ds: DataSource;
let hub: TestHub;
const DASHBOARD = 'http://dashboard:3000';
const env = (extra: Record<string, string>) => loadConfig({ ...process.env, ...extra });

beforeAll(async () => {
  ds = await openTestDataSource();
  await truncateAll(ds);
  const fx = new Fixtures(ds);
  for (const code of ['A01', 'B02', 'C03', 'D04']) await buildDistrict(fx, { code });
  hub = await TestHub.start(ds, env({ CORS_ORIGINS: `${DASHBOARD}, https://bi.example.gov.cn` }));
});
afterAll(async () => {
  await hub?.stop();
  await ds?.destroy();
});

describe('CORS: a front-end on another origin', () => {
  const PREFLIGHT_HEADERS = 'authorization, content-type, accept-language, apollo-require-preflight, x-request-id';

  test.each(['/graphql', '/imports/schools', '/reports/city/2024.xlsx'])('a preflight to %s is answered 204 without a token', async (path) => {
    const res = await rawRequest(`${hub.url}${path}`, {
      method: 'OPTIONS',
      headers: { origin: DASHBOARD, 'access-control-request-method': 'POST', 'access-control-request-headers': PREFLIGHT_HEADERS },
    });
    expect(res.status).toBe(204);
    expect(res.body).toBe('');
    expect(res.headers['access-control-allow-origin']).toBe(DASHBOARD);
    expect(res.headers['access-control-allow-methods']).toMatch(/POST/);
    const allowed = String(res.headers['access-control-allow-headers']).toLowerCase().split(/,\s*/);
    for (const h of PREFLIGHT_HEADERS.split(', ')) expect(allowed).toContain(h);
    expect(res.headers['access-control-allow-credentials']).toBeUndefined();
    expect(String(res.headers.vary)).toMatch(/Origin/);
  });

  test('the actual request carries the allowed origin and the headers a front-end may read', async () => {
    const res = await fetch(`${hub.url}/graphql`, {
      method: 'POST',
      headers: hub.headers({ origin: DASHBOARD, 'content-type': 'application/json' }),
      body: JSON.stringify({ query: '{ districts { totalCount } }' }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(DASHBOARD);
    expect(res.headers.get('access-control-expose-headers')).toMatch(/Retry-After/);
    expect(res.headers.get('vary')).toMatch(/Origin/);
    expect(((await res.json()) as any).data.districts.totalCount).toBe(4);
  });

  test('an origin not on the list: its preflight is refused with 403 and a code, no Access-Control header', async () => {
    const res = await rawRequest(`${hub.url}/graphql`, {
      method: 'OPTIONS',
      headers: { origin: 'http://evil.example:3000', 'access-control-request-method': 'POST', 'accept-language': 'en' },
    });
    expect(res.status).toBe(403);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    const body = JSON.parse(res.body);
    expect(body.errors[0].extensions).toMatchObject({ code: 'CORS_ORIGIN_NOT_ALLOWED', messageCode: 'CORS_ORIGIN_NOT_ALLOWED' });
    expect(body.errors[0].message).toMatch(/CORS_ORIGINS/);
    // Its actual requests are served to token holders, but without Access-Control-Allow-Origin its browser hides them.
    const actual = await fetch(`${hub.url}/graphql`, { method: 'POST', headers: hub.headers({ origin: 'http://evil.example:3000', 'content-type': 'application/json' }), body: '{"query":"{ __typename }"}' });
    expect(actual.headers.get('access-control-allow-origin')).toBeNull();
  });

  test('by default no origin is allowed; * is allowed outside production only', async () => {
    const closed = await TestHub.start(ds);
    try {
      const res = await rawRequest(`${closed.url}/graphql`, { method: 'OPTIONS', headers: { origin: DASHBOARD, 'access-control-request-method': 'POST' } });
      expect(res.status).toBe(403);
    } finally {
      await closed.stop();
    }
    const open = await TestHub.start(ds, env({ CORS_ORIGINS: '*' }));
    try {
      const res = await rawRequest(`${open.url}/graphql`, { method: 'OPTIONS', headers: { origin: 'http://anything:1', 'access-control-request-method': 'POST' } });
      expect(res.status).toBe(204);
      expect(res.headers['access-control-allow-origin']).toBe('*');
    } finally {
      await open.stop();
    }
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), CORS_ORIGINS: '*' })).toThrow(/CORS_ORIGINS=\*/);
    expect(() => loadConfig({ CORS_ORIGINS: 'http://dashboard:3000/app' })).toThrow(/no path/);
  });
});

/** GET with Accept-Encoding, the body as sent (not decoded). */
function getRaw(url: string, headers: Record<string, string>, body?: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; bytes: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: body ? 'POST' : 'GET', headers: body ? { ...headers, 'content-length': String(Buffer.byteLength(body)) } : headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, bytes: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('compression', () => {
  const QUERY = '{ schools(first: 20) { nodes { code name schoolType teacherPostings(first: 30) { nodes { teacherId stage degree subject rotationEligible } } } } }';

  test('a large GraphQL response comes back gzipped and decodes to the same JSON', async () => {
    const body = JSON.stringify({ query: QUERY });
    const plain = await getRaw(`${hub.url}/graphql`, hub.headers({ 'content-type': 'application/json' }), body);
    const gzipped = await getRaw(`${hub.url}/graphql`, hub.headers({ 'content-type': 'application/json', 'accept-encoding': 'gzip' }), body);
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    const decoded = JSON.parse(zlib.gunzipSync(gzipped.bytes).toString('utf8'));
    expect(decoded).toEqual(JSON.parse(plain.bytes.toString('utf8')));
    expect(decoded.data.schools.nodes).toHaveLength(20);
    expect(plain.bytes.length).toBeGreaterThan(50_000);
    expect(gzipped.bytes.length).toBeLessThan(plain.bytes.length / 5);
  });

  test('/healthz still answers; an XLSX report still streams (already compressed: sent as it is), a CSV gzipped', async () => {
    const health = await getRaw(`${hub.url}/healthz`, { 'accept-encoding': 'gzip' });
    expect(health.status).toBe(200);
    expect(JSON.parse(health.headers['content-encoding'] === 'gzip' ? zlib.gunzipSync(health.bytes).toString() : health.bytes.toString())).toEqual({ status: 'ok' });

    const xlsx = await getRaw(`${hub.url}/reports/evaluation/A01/2024.xlsx`, hub.headers({ 'accept-encoding': 'gzip' }));
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers['content-encoding']).toBeUndefined();
    expect(xlsx.bytes.subarray(0, 2).toString()).toBe('PK');

    // The indicators sheet: well above compression's 1 KB threshold (the schools sheet, in Chinese, is now below it).
    const csv = await getRaw(`${hub.url}/reports/evaluation/A01/2024/indicators.csv`, hub.headers({ 'accept-encoding': 'gzip' }));
    expect(csv.status).toBe(200);
    expect(csv.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(csv.bytes).toString('utf8')).toContain('G05');
  });
});

describe('keep-alive', () => {
  test('idle sockets are kept longer than common proxies keep theirs (60 s), headers timeout above it', () => {
    const server = hub.server.httpServer;
    expect(server.keepAliveTimeout).toBe(75_000);
    expect(server.headersTimeout).toBeGreaterThan(server.keepAliveTimeout);
    expect(env({ HTTP_KEEP_ALIVE_TIMEOUT_MS: '120000' }).http).toMatchObject({ keepAliveTimeoutMs: 120_000, headersTimeoutMs: 125_000 });
  });

  test('a socket idle for 6 s (past Node’s 5 s default) is reused without a reset', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const ports: number[] = [];
    const get = () =>
      new Promise<number>((resolve, reject) => {
        const req = http.get(`${hub.url}/healthz`, { agent }, (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode!));
        });
        req.on('socket', (s) => s.once('connect', () => ports.push(s.localPort!)));
        req.on('error', reject);
      });
    try {
      expect(await get()).toBe(200);
      await new Promise((r) => setTimeout(r, 6000));
      expect(await get()).toBe(200);
      // One connection made: the second request went over the first socket.
      expect(ports).toHaveLength(1);
    } finally {
      agent.destroy();
    }
  }, 20_000);
});

describe("the client's language", () => {
  test('a missing token: zh-CN by default, English with Accept-Language: en', async () => {
    const zh = await fetch(`${hub.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' });
    const en = await fetch(`${hub.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', 'accept-language': 'en-US,en;q=0.9' }, body: '{"query":"{ __typename }"}' });
    expect(zh.status).toBe(401);
    expect(((await zh.json()) as any).errors[0].message).toMatch(/未提供令牌/);
    expect(((await en.json()) as any).errors[0].message).toMatch(/^no token/);
  });

  test('a refusal inside GraphQL (a forbidden field): the same code, the sentence in the language asked for', async () => {
    const analyst = hub.as({ role: Role.ANALYST });
    const ask = async (lang?: string) => {
      const res = await fetch(`${hub.url}/graphql`, {
        method: 'POST',
        headers: analyst.headers({ 'content-type': 'application/json', ...(lang ? { 'accept-language': lang } : {}) }),
        body: JSON.stringify({ query: '{ school(code: "A01P1") { teacherPostings(first: 1) { nodes { stage } } } }' }),
      });
      return ((await res.json()) as any).errors[0];
    };
    const zh = await ask();
    const en = await ask('en');
    expect(zh.extensions.code).toBe('FORBIDDEN');
    expect(en.extensions.code).toBe('FORBIDDEN');
    expect(zh.extensions.messageCode).toBe(en.extensions.messageCode);
    expect(zh.message).toMatch(/分析人员/);
    expect(en.message).toMatch(/^role analyst sees teachers only as counts/);
  });

  test('body errors (413, unreadable JSON) in the one error shape, in the language asked for', async () => {
    const big = await fetch(`${hub.url}/graphql`, { method: 'POST', headers: hub.headers({ 'content-type': 'application/json', 'accept-language': 'en' }), body: JSON.stringify({ query: 'x'.repeat(2 * 1024 * 1024) }) });
    expect(big.status).toBe(413);
    expect(((await big.json()) as any).errors[0]).toMatchObject({ message: 'the request body is too large: the limit is 1,048,576 bytes', extensions: { code: 'PAYLOAD_TOO_LARGE', messageCode: 'REQUEST_BODY_TOO_LARGE' } });
    const broken = await fetch(`${hub.url}/graphql`, { method: 'POST', headers: hub.headers({ 'content-type': 'application/json' }), body: '{"query": ' });
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as any).errors[0]).toMatchObject({ extensions: { code: 'BAD_REQUEST', messageCode: 'REQUEST_BODY_UNREADABLE' } });
  });

  test('the response cache keeps one answer per language', async () => {
    const ask = (lang: string) =>
      fetch(`${hub.url}/graphql`, { method: 'POST', headers: hub.headers({ 'content-type': 'application/json', 'accept-language': lang }), body: JSON.stringify({ query: '{ schools(first: 3) { totalCount } }' }) });
    await ask('zh-CN');
    expect((await ask('zh-CN')).headers.get('x-junheng-cache')).toBe('hit');
    expect((await ask('en')).headers.get('x-junheng-cache')).toBeNull();
    expect((await ask('en')).headers.get('x-junheng-cache')).toBe('hit');
  });
});

describe('production defaults', () => {
  let prod: TestHub;
  beforeAll(async () => {
    prod = await TestHub.start(ds, loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'a-production-secret-of-enough-length-0123456789', LOG_LEVEL: 'silent' }));
  });
  afterAll(() => prod?.stop());

  test('introspection is refused, in the client language; __typename still answers', async () => {
    const res = await fetch(`${prod.url}/graphql`, { method: 'POST', headers: prod.headers({ 'content-type': 'application/json' }), body: JSON.stringify({ query: '{ __schema { types { name } } }' }) });
    expect(res.status).toBe(400);
    const error = ((await res.json()) as any).errors[0];
    expect(error.extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', messageCode: 'INTROSPECTION_DISABLED' });
    expect(error.message).toMatch(/自省/);
    expect((await prod.graphql('{ __typename }')).data).toEqual({ __typename: 'Query' });
  });

  test('no IDE: a browser GET meets the token check', async () => {
    const res = await rawRequest(`${prod.url}/graphql`, { method: 'GET', headers: { accept: 'text/html' } });
    expect(res.status).toBe(401);
    expect((await rawRequest(`${prod.url}/ide/graphiql.min.js`, { method: 'GET' })).status).toBe(404);
  });

  test('GRAPHQL_IDE and GRAPHQL_INTROSPECTION turn them back on; never a demo token in production', async () => {
    const cfg = loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'a-production-secret-of-enough-length-0123456789', LOG_LEVEL: 'silent', GRAPHQL_IDE: 'graphiql', GRAPHQL_INTROSPECTION: 'true' });
    expect(cfg.graphql).toEqual({ ide: 'graphiql', introspection: true });
    const open = await TestHub.start(ds, cfg);
    try {
      const page = await rawRequest(`${open.url}/graphql`, { method: 'GET', headers: { accept: 'text/html' } });
      expect(page.status).toBe(200);
      expect(page.body).not.toMatch(/Bearer ey/);
      expect(page.body).toMatch(/Authorization/); // the note saying where to put one
    } finally {
      await open.stop();
    }
  });
});

describe("graphql-js's and Apollo's refusals in the client's language, with a code and parameters", () => {
  async function refusal(init: { method?: string; headers?: Record<string, string>; body?: string; path?: string }) {
    const res = await fetch(`${hub.url}${init.path ?? '/graphql'}`, { method: init.method ?? 'POST', headers: hub.headers(init.headers ?? {}), body: init.body });
    const body = (await res.json()) as { errors: { message: string; extensions: Record<string, unknown> }[] };
    return { status: res.status, error: body.errors[0]! };
  }
  const json = { 'content-type': 'application/json' };
  const query = (q: string) => JSON.stringify({ query: q });
  const CHINESE = /[\u4e00-\u9fff]/;

  test.each([
    ['{ nope }', 'GRAPHQL_UNKNOWN_FIELD', '类型 Query 没有字段 “nope”', { field: 'nope', type: 'Query', suggestions: ['node'] }],
    ['{ district { name } }', 'GRAPHQL_ARGUMENT_REQUIRED', '字段 district 缺少必填参数 code（类型 String!）', { field: 'district', argument: 'code', type: 'String!' }],
    ['{ districts(top: 1) { totalCount } }', 'GRAPHQL_UNKNOWN_ARGUMENT', '字段 Query.districts 没有参数 top', { argument: 'top' }],
    ['{ districts(first: "x") { totalCount } }', 'GRAPHQL_VALUE_INVALID', '值 "x" 不是合法的 Int', { type: 'Int', value: '"x"' }],
    ['{ districts }', 'GRAPHQL_SELECTION_REQUIRED', '字段 districts（类型 DistrictConnection!）须选择子字段', {}],
    ['{ districts { totalCount { x } } }', 'GRAPHQL_SELECTION_NOT_ALLOWED', '字段 totalCount 的类型 Int! 没有子字段', {}],
    ['{ districts { ', 'GRAPHQL_SYNTAX_ERROR', 'GraphQL 查询语法错误（第 1 行第 15 列）', { line: 1, column: 15 }],
  ])('%s → %s', async (q, messageCode, zh, params) => {
    const { status, error } = await refusal({ headers: json, body: query(q) });
    expect(status).toBe(400);
    expect(error.message).toContain(zh);
    expect(error.extensions).toMatchObject({ messageCode, messageParams: params });
    const en = await refusal({ headers: { ...json, 'accept-language': 'en' }, body: query(q) });
    expect(en.error.extensions.messageCode).toBe(messageCode);
    expect(en.error.message).not.toMatch(CHINESE);
  });

  test('an unrecognised validation error keeps graphql-js\'s detail inside a Chinese sentence', async () => {
    const { status, error } = await refusal({ headers: json, body: query('query { a: __typename } query { b: __typename }') });
    expect(status).toBe(400);
    expect(error.message).toMatch(/^GraphQL 查询不符合本接口的定义（graphql-js 的说明：.*anonymous operation/);
    expect(error.extensions.messageCode).toBe('GRAPHQL_QUERY_INVALID');
  });

  test.each([
    ['a simple POST (CSRF)', { headers: { 'content-type': 'text/plain' }, body: query('{ __typename }') }, 400, 'HTTP_PREFLIGHT_REQUIRED', '跨站请求伪造'],
    ['an Accept without JSON', { headers: { ...json, accept: 'text/xml' }, body: query('{ __typename }') }, 406, 'HTTP_NOT_ACCEPTABLE', 'Accept'],
    ['PUT', { method: 'PUT', headers: json, body: query('{ __typename }') }, 405, 'HTTP_METHOD_NOT_ALLOWED', '只接受 GET 和 POST'],
    ['no query', { headers: json, body: JSON.stringify({ quer: '{ __typename }' }) }, 400, 'HTTP_GRAPHQL_REQUEST_INVALID', '格式不正确'],
    [
      'a persisted query',
      { headers: json, body: JSON.stringify({ query: '{ __typename }', extensions: { persistedQuery: { version: 1, sha256Hash: 'abc' } } }) },
      400, 'HTTP_PERSISTED_QUERY_NOT_SUPPORTED', '持久化查询',
    ],
    ['a persisted query by GET', { method: 'GET', path: '/graphql?query=%7B__typename%7D&extensions=%7B%22persistedQuery%22%3A%7B%7D%7D', headers: { 'apollo-require-preflight': '1' } }, 400, 'HTTP_PERSISTED_QUERY_NOT_SUPPORTED', '持久化查询'],
  ] as const)('%s', async (_name, init, status, messageCode, zh) => {
    const res = await refusal(init as Parameters<typeof refusal>[0]);
    expect(res.status).toBe(status);
    expect(res.error.extensions.messageCode).toBe(messageCode);
    expect(res.error.message).toContain(zh);
  });
});
