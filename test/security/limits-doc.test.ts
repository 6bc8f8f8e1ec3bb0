import fs from 'node:fs';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { config, loadConfig } from '../../src/config';
import { MAX_NESTING } from '../../src/graphql/limits';
import { MAX_PAGE_SIZE } from '../../src/graphql/pagination';
import { YEAR_MAX, YEAR_MIN } from '../../src/graphql/years';
import { createServer, HubServer } from '../../src/server';
import { openTestDataSource, truncateAll } from '../helpers/database';
import { buildDistrict } from '../helpers/district-fixture';
import { Fixtures } from '../helpers/fixtures';
import { TestHub } from '../helpers/server';

/**
 * docs/access.md's table of limits, read and held against the server: every row's default is the configuration's,
 * and the hub refuses a request over it with the row's code and HTTP status.
 */
const DOC = fs.readFileSync(path.join(__dirname, '../../docs/access.md'), 'utf8');

interface Row {
  limit: string;
  setting: string | null;
  defaultText: string;
  code: string;
  detail: Record<string, string | true>;
  status: number;
}

function limitRows(): Row[] {
  const section = DOC.slice(DOC.indexOf('## Limits on ad-hoc queries'));
  const table = section.slice(section.indexOf('| limit |'));
  // The table ends at its first line that is not a row.
  const all = table.split('\n');
  const end = all.findIndex((l) => !l.startsWith('|'));
  const lines = all.slice(0, end === -1 ? all.length : end).slice(2);
  return lines.map((line) => {
    const [limit, setting, defaultText, code, status] = line.split('|').slice(1, -1).map((c) => c.trim()) as [string, string, string, string, string];
    const detail: Record<string, string | true> = {};
    for (const m of [...code.matchAll(/`(\w+)(?:: "([^"]*)")?`/g)].slice(1)) detail[m[1]!] = m[2] ?? true;
    return { limit, setting: setting.match(/`(\w+)`/)?.[1] ?? null, defaultText, code: code.match(/`(\w+)`/)![1]!, detail, status: Number(status) };
  });
}

/** The default a row states, in the configuration's unit. */
function parseDefault(text: string): number | string {
  const m = /^([\d,]+)\s*(MiB|s)?$/.exec(text);
  if (!m) return text;
  const n = Number(m[1]!.replace(/,/g, ''));
  return m[2] === 'MiB' ? n * 1024 * 1024 : m[2] === 's' ? n * 1000 : n;
}

const SETTINGS: Record<string, (c: ReturnType<typeof loadConfig>) => number> = {
  GRAPHQL_MAX_TOKENS: (c) => c.limits.maxTokens,
  GRAPHQL_MAX_DEPTH: (c) => c.limits.maxDepth,
  GRAPHQL_MAX_ALIASES: (c) => c.limits.maxAliases,
  GRAPHQL_MAX_ROOT_FIELDS: (c) => c.limits.maxRootFields,
  GRAPHQL_MAX_COST: (c) => c.limits.maxCost,
  GRAPHQL_MAX_WORK: (c) => c.limits.maxWork,
  BODY_LIMIT_BYTES: (c) => c.limits.bodyBytes,
  IMPORT_BODY_LIMIT_BYTES: (c) => c.limits.importBodyBytes,
  STATEMENT_TIMEOUT_MS: (c) => c.limits.statementTimeoutMs,
};

let ds: DataSource;
let hub: TestHub;
/** The same hub with a 2 KiB import limit, to go over it without sending 200 MiB, and little evaluation work. */
let small: HubServer;
let smallUrl: string;
const limits = config().limits;

beforeAll(async () => {
  ds = await openTestDataSource();
  await truncateAll(ds);
  await buildDistrict(new Fixtures(ds), { code: 'A01' });
  hub = await TestHub.start(ds);
  small = await createServer(ds, { ...config(), limits: { ...limits, importBodyBytes: 2048, maxWork: 100 } });
  smallUrl = `http://127.0.0.1:${await small.listen(0, '127.0.0.1')}`;
});
afterAll(async () => {
  await small?.stop();
  await hub?.stop();
  await ds?.destroy();
});

type Answer = { status: number; extensions: Record<string, unknown> };

async function graphql(body: unknown, base = hub.url): Promise<Answer> {
  const res = await fetch(`${base}/graphql`, { method: 'POST', headers: hub.headers({ 'content-type': 'application/json' }), body: JSON.stringify(body) });
  const json = (await res.json()) as { errors?: { extensions: Record<string, unknown> }[]; error?: { code: string } };
  return { status: res.status, extensions: json.errors?.[0]?.extensions ?? (json.error ? { code: json.error.code } : {}) };
}

/** For each row (by the start of its first column), a request just over the limit. */
const PROBES: [string, () => Promise<Answer>][] = [
  ['tokens in the query text', () => graphql({ query: `{ ${'__typename '.repeat(limits.maxTokens)}}` })],
  ['brackets nested', () => graphql({ query: `{ ${'a { '.repeat(MAX_NESTING)}b${' }'.repeat(MAX_NESTING)} }` })],
  ['query depth', () => graphql({ query: `{ district(code: "A01") { ${'schools(first: 1) { nodes { district { '.repeat(4)}code${' } } }'.repeat(4)} } }` })],
  ['aliases per document', () => graphql({ query: `{ ${Array.from({ length: limits.maxAliases + 1 }, (_, i) => `a${i}: districts { totalCount }`).join(' ')} }` })],
  ['root fields per operation', () => graphql({ query: `{ ${'districts { totalCount } '.repeat(limits.maxRootFields + 1)}}` })],
  ['estimated cost', () => graphql({ query: '{ districts(first: 500) { nodes { schools(first: 500) { nodes { teacherPostings(first: 500) { nodes { stage } } } } } } }' })],
  // Three years of one district of 5 schools: 150 of work, over the small hub's 100.
  ['evaluation work', () => graphql({ query: '{ a: cityEvaluation(year: 2022) { qualifiedCount } b: cityEvaluation(year: 2023) { qualifiedCount } c: cityEvaluation(year: 2024) { qualifiedCount } }' }, smallUrl)],
  ['year arguments', () => graphql({ query: `{ cityEvaluation(year: ${YEAR_MIN - 1}) { qualifiedCount } }` })],
  ['page size', () => graphql({ query: `{ schools(first: ${MAX_PAGE_SIZE + 1}) { totalCount } }` })],
  ['variables', () => graphql({ query: 'query($y: Int!) { cityEvaluation(year: $y) { qualifiedCount } }', variables: {} })],
  ['operation to run', () => graphql({ query: 'query A { districts { totalCount } } query B { districts { totalCount } }' })],
  ['batched HTTP requests', () => graphql([{ query: '{ districts { totalCount } }' }, { query: '{ districts { totalCount } }' }])],
  ['request body (GraphQL)', () => graphql({ query: '{ districts { totalCount } }', variables: { pad: 'x'.repeat(limits.bodyBytes) } })],
  ['request body (imports)', async () => {
    const res = await fetch(`${smallUrl}/imports/schools?dryRun=true`, { method: 'POST', headers: hub.headers({ 'content-type': 'text/csv' }), body: 'x'.repeat(4096) });
    const json = (await res.json()) as { errors?: { extensions: Record<string, unknown> }[]; error?: { code: string } };
    return { status: res.status, extensions: json.errors?.[0]?.extensions ?? (json.error ? { code: json.error.code } : {}) };
  }],
];
/** Rows no quick request can go over here, and why. */
const NOT_PROVOKED: Record<string, string> = {
  'SQL statement time': 'needs a statement running longer than the timeout; cancelled statements are tested in test/security/request-scope.test.ts',
};

const rows = limitRows();

test('the table lists every limit the hub has', () => {
  expect(rows.length).toBeGreaterThanOrEqual(14);
  for (const row of rows) {
    const probed = PROBES.some(([start]) => row.limit.startsWith(start)) || Object.keys(NOT_PROVOKED).some((start) => row.limit.startsWith(start));
    expect({ row: row.limit, probed }).toEqual({ row: row.limit, probed: true });
  }
});

test.each(rows.map((r) => [r.limit, r] as const))('%s: the default is the configuration\'s', (_name, row) => {
  const stated = parseDefault(row.defaultText);
  if (row.setting) {
    expect(SETTINGS[row.setting]).toBeDefined();
    expect(SETTINGS[row.setting]!(loadConfig({}))).toBe(stated);
  } else if (row.limit.startsWith('brackets nested')) expect(stated).toBe(MAX_NESTING);
  else if (row.limit.startsWith('year arguments')) expect(row.defaultText).toBe(`${YEAR_MIN}–${YEAR_MAX}`);
  else if (row.limit.startsWith('page size')) expect(stated).toBe(MAX_PAGE_SIZE);
  else expect(['—', 'off']).toContain(row.defaultText);
});

test.each(rows.filter((r) => !Object.keys(NOT_PROVOKED).some((s) => r.limit.startsWith(s))).map((r) => [r.limit, r] as const))(
  '%s: answered with the documented code and status',
  async (_name, row) => {
    const probe = PROBES.find(([start]) => row.limit.startsWith(start))![1];
    const answer = await probe();
    expect({ status: answer.status, code: answer.extensions.code }).toEqual({ status: row.status, code: row.code });
    for (const [key, value] of Object.entries(row.detail)) {
      if (value === true) expect(answer.extensions[key]).toBeDefined();
      else expect(String(answer.extensions[key])).toBe(value);
    }
  },
);
