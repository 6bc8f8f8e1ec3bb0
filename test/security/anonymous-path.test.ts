import fs from 'node:fs';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { Role } from '../../src/auth/roles';
import { inProcessViewer } from '../../src/auth/verified';
import { loadConfig } from '../../src/config';
import { createContext } from '../../src/graphql/context';
import { openTestDataSource, truncateAll } from '../helpers/database';
import { buildDistrict } from '../helpers/district-fixture';
import { Fixtures } from '../helpers/fixtures';
import { rawRequest } from '../helpers/raw-http';
import { TestHub } from '../helpers/server';

/**
 * Issue #11.1: a GET /graphql whose Accept mentioned text/html skipped the token check and ran as the system viewer,
 * outside row-level security. Every method × Accept × preflight header × query place × token is tried here, on the
 * test configuration and on a production one: no data ever comes back without a verified token, and a district
 * officer on any path sees only their district.
 */
let ds: DataSource;

/** The issue's query: the audit log and teachers' pay, plus every district. No district code appears in it. */
const QUERY = '{ districts { totalCount nodes { code name } } auditEvents(first: 1) { totalCount } schools(first: 1) { nodes { teacherPostings(first: 2) { nodes { teacherId annualPayYuan } } } } }';
/** What a district officer may ask (the audit log and pay are FORBIDDEN to them, and would null the whole answer). */
const OFFICER_QUERY = '{ districts { totalCount nodes { code name } } schools(first: 50) { totalCount nodes { code district { code } } } }';

const METHODS = ['GET', 'POST', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'DELETE'];
const ACCEPTS: Record<string, string | null> = {
  'text/html alone': 'text/html',
  'html preferred (a browser)': 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
  'json preferred, html;q=0.1': 'application/json, text/html;q=0.1',
  '*/*': '*/*',
  none: null,
};
const TOKENS = ['none', 'garbage', 'district officer'] as const;

beforeAll(async () => {
  ds = await openTestDataSource();
  await truncateAll(ds);
  const fx = new Fixtures(ds);
  await buildDistrict(fx, { code: 'A01' });
  await buildDistrict(fx, { code: 'B02' });
});
afterAll(async () => {
  await ds?.destroy();
});

interface Attempt {
  method: string;
  accept: string | null;
  preflight: boolean;
  queryIn: 'url' | 'body';
  token: (typeof TOKENS)[number];
}

function attempts(method: string, token: Attempt['token']): Attempt[] {
  const out: Attempt[] = [];
  for (const accept of Object.values(ACCEPTS)) for (const preflight of [false, true]) for (const queryIn of ['url', 'body'] as const) out.push({ method, accept, preflight, queryIn, token });
  return out;
}

async function send(hub: TestHub, a: Attempt) {
  const headers: Record<string, string> = {};
  if (a.accept) headers.accept = a.accept;
  if (a.preflight) headers['apollo-require-preflight'] = '1';
  if (a.token === 'garbage') headers.authorization = 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4Iiwicm9sZSI6InN1cGVydmlzb3IifQ.garbage';
  if (a.token === 'district officer') Object.assign(headers, hub.as({ role: Role.DISTRICT_OFFICER, district: 'A01' }).headers());
  const query = a.token === 'district officer' ? OFFICER_QUERY : QUERY;
  let url = `${hub.url}/graphql`;
  let body: string | undefined;
  if (a.queryIn === 'url') url += `?query=${encodeURIComponent(query)}`;
  else {
    headers['content-type'] = 'application/json';
    body = JSON.stringify({ query });
  }
  return rawRequest(url, { method: a.method, headers, body });
}

/** What each answer may be; returns the broken rule, or null. */
function verdict(a: Attempt, res: { status: number; headers: Record<string, unknown>; body: string }): string | null {
  const json = (() => {
    try {
      return JSON.parse(res.body);
    } catch {
      return null;
    }
  })();
  if (a.token !== 'district officer') {
    // Nothing of any district, school or teacher; no `data` at all.
    if (/A01|B02/.test(res.body)) return `data leaked (${res.status})`;
    if (json && json.data != null) return `a data member (${res.status})`;
    const html = String(res.headers['content-type'] ?? '').startsWith('text/html');
    const ok = res.status === 401 || res.status === 204 || (res.status === 200 && html && (a.method === 'GET' || a.method === 'HEAD'));
    return ok ? null : `status ${res.status} ${res.headers['content-type'] ?? ''}`;
  }
  if (/B02/.test(res.body)) return `another district leaked (${res.status})`;
  if (json?.data?.districts && json.data.districts.totalCount !== 1) return `districts.totalCount ${json.data.districts.totalCount}`;
  if (json?.data?.schools && json.data.schools.nodes.some((s: { district: { code: string } }) => s.district.code !== 'A01')) return 'a school of another district';
  return null;
}

describe.each([
  ['the test configuration', () => undefined],
  ['NODE_ENV=production', () => loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'a-production-secret-of-enough-length-0123456789', LOG_LEVEL: 'silent' })],
])('%s', (_name, cfgOf) => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await TestHub.start(ds, cfgOf());
  });
  afterAll(async () => {
    await hub?.stop();
  });

  test("the issue's curl answers 401", async () => {
    const res = await rawRequest(`${hub.url}/graphql?query=${encodeURIComponent(QUERY)}`, {
      method: 'GET',
      headers: { 'apollo-require-preflight': '1', accept: 'application/json, text/html;q=0.1' },
    });
    expect(res.status).toBe(401);
    expect(JSON.parse(res.body).errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  test.each(METHODS.flatMap((m) => TOKENS.map((t) => [m, t] as const)))('%s with token: %s — no data without a verified token, own district only', async (method, token) => {
    const broken: string[] = [];
    let answeredWithData = 0;
    for (const a of attempts(method, token)) {
      const res = await send(hub, a);
      const why = verdict(a, res);
      if (why) broken.push(`${JSON.stringify(a)}: ${why}`);
      if (/"districts":\{"totalCount":1/.test(res.body)) answeredWithData++;
    }
    expect(broken).toEqual([]);
    // The officer's token does reach data on the paths GraphQL serves (GET with the preflight header, POST).
    if (token === 'district officer' && (method === 'GET' || method === 'POST')) expect(answeredWithData).toBeGreaterThan(0);
    else expect(answeredWithData).toBe(0);
  });
});

test('a context cannot be built without a verified viewer', () => {
  const plain = { subject: 'system', role: Role.SUPERVISOR, district: null };
  expect(() => createContext(ds.manager, 'r', plain as never)).toThrow(/not verified/);
  expect(() => createContext(ds.manager, 'r', undefined as never)).toThrow(/not verified/);
  // A verified viewer copied or altered is a plain object again.
  const copy = { ...inProcessViewer(plain), district: 'B02' };
  expect(() => createContext(ds.manager, 'r', copy as never)).toThrow(/not verified/);
  expect(createContext(ds.manager, 'r', inProcessViewer(plain)).viewer.subject).toBe('system');
});

test('no module that serves HTTP names the system viewer or makes an in-process viewer', () => {
  const root = path.join(__dirname, '../../src');
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (p.endsWith('.ts')) files.push(p);
    }
  };
  walk(root);
  // Allowed: where they are defined (and the context's check), and the command-line tools (run by an operator on the
  // machine itself).
  const allowed = ['auth/roles.ts', 'auth/verified.ts', 'graphql/context.ts', 'cli/', 'ingestion/cli.ts'];
  const offenders = files
    .filter((f) => !allowed.some((a) => path.relative(root, f).startsWith(a)))
    .filter((f) => /\bSYSTEM_VIEWER\b|\binProcessViewer\b|\bviewerFromVerifiedToken\b/.test(fs.readFileSync(f, 'utf8')))
    .map((f) => path.relative(root, f));
  // tokens.ts alone turns a checked token into a verified viewer.
  expect(offenders).toEqual(['auth/tokens.ts']);
});
