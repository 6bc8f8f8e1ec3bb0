import jwt from 'jsonwebtoken';
import { DataSource } from 'typeorm';
import { Role } from '../../src/auth/roles';
import { config } from '../../src/config';
import { openTestDataSource, truncateAll } from '../helpers/database';
import { buildDistrict } from '../helpers/district-fixture';
import { Fixtures } from '../helpers/fixtures';
import { TestHub } from '../helpers/server';

/** Bad tokens, abusive queries and hostile strings: each refused with a clear error, and the server keeps serving. */
let ds: DataSource;
let hub: TestHub;

beforeAll(async () => {
  ds = await openTestDataSource();
  await truncateAll(ds);
  await buildDistrict(new Fixtures(ds), { code: 'A01' });
  hub = await TestHub.start(ds);
});
afterAll(async () => {
  await hub?.stop();
  await ds?.destroy();
});

afterEach(async () => {
  // Whatever the previous request did, the server still answers.
  const res = await fetch(`${hub.url}/healthz`);
  expect(res.status).toBe(200);
});

async function post(headers: Record<string, string>, body: string): Promise<{ status: number; json: any }> {
  const res = await fetch(`${hub.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  return { status: res.status, json: await res.json().catch(() => null) };
}

const QUERY = JSON.stringify({ query: '{ districts { totalCount } }' });
const secret = () => config().auth.secret!;

describe('tokens', () => {
  test.each([
    ['no token', {}, /^TOKEN_MISSING$/],
    ['a malformed header', { authorization: 'Token abc' }, /^TOKEN_HEADER_MALFORMED$/],
    ['a malformed token', { authorization: 'Bearer not-a-jwt' }, /^TOKEN_REJECTED$/],
    ['an expired token', { authorization: `Bearer ${jwt.sign({ sub: 'x', role: 'supervisor', exp: Math.floor(Date.now() / 1000) - 60 }, 'placeholder')}` }, null],
    ['a wrongly signed token', { authorization: `Bearer ${jwt.sign({ sub: 'x', role: 'supervisor' }, 'another-secret-of-sufficient-length!!')}` }, /^TOKEN_BAD_SIGNATURE$/],
    ['a token without a role', { authorization: `Bearer ${jwt.sign({ sub: 'x' }, 'placeholder')}` }, null],
    ['a token with an unknown role', { authorization: `Bearer ${jwt.sign({ sub: 'x', role: 'root' }, 'placeholder')}` }, null],
    ['an officer token without a district', { authorization: `Bearer ${jwt.sign({ sub: 'x', role: 'district_officer' }, 'placeholder')}` }, null],
    ['an HS256 token with alg none', { authorization: `Bearer ${jwt.sign({ sub: 'x', role: 'supervisor' }, '', { algorithm: 'none' })}` }, /^TOKEN_REJECTED$/],
  ])('%s → 401 UNAUTHENTICATED', async (_name, headers, message) => {
    // Tokens marked 'placeholder' are re-signed with the real secret: only their claims are wrong.
    const auth = (headers as Record<string, string>).authorization;
    const fixed = auth?.includes('.') && !message
      ? { authorization: `Bearer ${jwt.sign({ exp: Math.floor(Date.now() / 1000) + 600, ...(jwt.decode(auth.slice(7)) as object) }, secret(), { algorithm: 'HS256' })}` }
      : headers;
    const { status, json } = await post(fixed as Record<string, string>, QUERY);
    expect(status).toBe(401);
    expect(json.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    // The sentence is Chinese by default; its code says which refusal it is.
    expect(json.errors[0].message).toMatch(/令牌|Authorization/);
    if (message) expect(json.errors[0].extensions.messageCode).toMatch(message);
    else expect(json.errors[0].extensions.messageCode).toMatch(/^TOKEN_(EXPIRED|ROLE_UNKNOWN|DISTRICT_MISSING)$/);
  });

  test('denied requests are audited', async () => {
    await post({}, QUERY);
    const res = await hub.graphql(`{ auditEvents(filter: { action: DENIED, subject: "anonymous" }, first: 1) { totalCount nodes { target outcome detail } } }`);
    expect(res.data!.auditEvents.totalCount).toBeGreaterThan(0);
    expect(res.data!.auditEvents.nodes[0]).toMatchObject({ target: 'POST /graphql', outcome: 'DENIED' });
  });
});

describe('query limits', () => {
  test('a 20-level deep query is refused, naming the limit and the excess', async () => {
    let q = 'code';
    for (let i = 0; i < 10; i++) q = `schools(first: 1) { nodes { district { ${q} } } }`;
    const res = await hub.graphql(`{ district(code: "A01") { ${q} } }`);
    // One code for every limit (docs/access.md), the depth and the limit as figures; test/security/query-limits.test.ts has them all.
    expect(res.errors![0].extensions).toMatchObject({ code: 'QUERY_LIMIT_EXCEEDED', limit: 'depth', value: 32, max: 12, messageCode: 'QUERY_DEPTH_EXCEEDED' });
    expect(res.data).toBeUndefined();
  });

  test('an alias bomb is refused', async () => {
    const aliases = Array.from({ length: 1000 }, (_, i) => `a${i}: districts { totalCount }`).join(' ');
    const res = await hub.graphql(`{ ${aliases} }`);
    const codes = res.errors!.map((e) => e.extensions?.limit);
    expect(codes).toContain('aliases');
    expect(res.errors!.find((e) => e.extensions?.limit === 'aliases')!.extensions).toMatchObject({ code: 'QUERY_LIMIT_EXCEEDED', value: 1000, max: 30 });
  });

  test('an expensive query is refused by its estimated cost', async () => {
    const res = await hub.graphql(`{ districts(first: 500) { nodes { schools(first: 500) { nodes { teacherPostings(first: 500) { nodes { stage } } } } } } }`);
    expect(res.errors![0].extensions).toMatchObject({ code: 'QUERY_LIMIT_EXCEEDED', limit: 'cost' });
  });

  test('first: 100000 is a BAD_USER_INPUT naming first', async () => {
    const res = await hub.graphql(`{ schools(first: 100000) { totalCount } }`);
    expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'first' });
  });

  test('batched operations are refused', async () => {
    const { status } = await post(hub.headers(), JSON.stringify([{ query: '{ districts { totalCount } }' }, { query: '{ districts { totalCount } }' }]));
    expect(status).toBe(400);
  });

  test('a 50 MB request body is refused with 413', async () => {
    const big = JSON.stringify({ query: '{ districts { totalCount } }', variables: { pad: 'x'.repeat(50 * 1024 * 1024) } });
    const { status, json } = await post(hub.headers(), big);
    expect(status).toBe(413);
    expect(json.errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
  });

  test('CSRF prevention: a simple (non-JSON) POST is refused', async () => {
    const res = await fetch(`${hub.url}/graphql`, { method: 'POST', headers: { ...hub.headers(), 'content-type': 'text/plain' }, body: QUERY });
    expect(res.status).toBe(400);
  });
});

describe('hostile strings in every filter', () => {
  const INJECTIONS = [`'; DROP TABLE districts; --`, `x' OR '1'='1`, `%`, `_`, `\\`, `500101') OR 1=1 --`];
  test.each(INJECTIONS)('%s matches nothing and changes nothing', async (s) => {
    const res = await hub.graphql(
      `query($s: String!) {
        districts(filter: { nameContains: $s }) { totalCount }
        schools(filter: { districtCode: $s, nameContains: $s }) { totalCount }
        district(code: $s) { code }
        school(code: $s) { code }
        importBatches(filter: { dataset: $s }) { totalCount }
        auditEvents(filter: { subject: $s }) { totalCount }
      }`,
      { s },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({
      districts: { totalCount: 0 }, schools: { totalCount: 0 }, district: null, school: null, importBatches: { totalCount: 0 }, auditEvents: { totalCount: 0 },
    });
    const [count] = await ds.query(`SELECT count(*)::int AS n FROM districts`);
    expect(count.n).toBe(1);
  });
});

test('analysts count teachers but cannot list them', async () => {
  const analyst = hub.as({ role: Role.ANALYST });
  const ok = await analyst.graphql(`{ school(code: "A01P1") { teacherPostings { totalCount } } }`);
  expect(ok.data!.school.teacherPostings.totalCount).toBe(30);
  const denied = await analyst.graphql(`{ school(code: "A01P1") { teacherPostings { nodes { stage } } } }`);
  expect(denied.errors![0].extensions!.code).toBe('FORBIDDEN');
});
