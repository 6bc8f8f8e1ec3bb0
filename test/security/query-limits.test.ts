import { DataSource } from 'typeorm';
import { config } from '../../src/config';
import { MAX_NESTING } from '../../src/graphql/limits';
import { processSqlTally } from '../../src/db/sql-counter';
import { openTestDataSource, truncateAll } from '../helpers/database';
import { buildDistrict } from '../helpers/district-fixture';
import { Fixtures } from '../helpers/fixtures';
import { SCOPE_STATEMENTS, TestHub } from '../helpers/server';

/**
 * Every limit of docs/access.md, over real HTTP: one code (QUERY_LIMIT_EXCEEDED), HTTP 400, the limit, the query's
 * value and the maximum in extensions, the sentence from the catalogue; and the requests that used to take the
 * server down (a fragment bomb, twenty evaluations) refused at once while it keeps serving.
 */
let ds: DataSource;
let hub: TestHub;
const limits = config().limits;

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

interface Answer {
  status: number;
  json: { data?: any; errors?: { message: string; path?: unknown[]; extensions: Record<string, any> }[] };
  ms: number;
}

async function post(body: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const started = performance.now();
  const res = await fetch(`${hub.url}/graphql`, {
    method: 'POST',
    headers: hub.headers({ 'content-type': 'application/json', ...headers }),
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const json = (await res.json()) as Answer['json'];
  return { status: res.status, json, ms: performance.now() - started };
}

function expectLimit(answer: Answer, limit: string, max: number, value?: number): void {
  expect(answer.status).toBe(400);
  expect(answer.json.data).toBeUndefined();
  expect(answer.json.errors).toHaveLength(1);
  const e = answer.json.errors![0]!;
  expect(e.extensions).toMatchObject({ code: 'QUERY_LIMIT_EXCEEDED', limit, max, ...(value === undefined ? {} : { value }) });
  expect(e.extensions.messageCode).toMatch(/^QUERY_[A-Z_]+_EXCEEDED$/);
  expect(e.message).toMatch(/[\u4e00-\u9fff]/); // zh-CN by default
}

/** `fragment Fi on Query { ...F(i-1) ...F(i-1) }`: 2^n copies of F0 in under a kilobyte (n = 23). */
function fragmentBomb(n: number, leaf: string): string {
  let text = `query Bomb { ...F${n} }\nfragment F0 on Query { ${leaf} }\n`;
  for (let i = 1; i <= n; i++) text += `fragment F${i} on Query { ...F${i - 1} ...F${i - 1} }\n`;
  return text;
}

describe('each limit: QUERY_LIMIT_EXCEEDED, HTTP 400, with the limit, the value and the maximum', () => {
  test('depth', async () => {
    let q = 'code';
    for (let i = 0; i < 10; i++) q = `schools(first: 1) { nodes { district { ${q} } } }`;
    const answer = await post({ query: `{ district(code: "A01") { ${q} } }` });
    expectLimit(answer, 'depth', limits.maxDepth, 32);
    expect(answer.json.errors![0]!.extensions.messageParams).toEqual({ value: 32, max: limits.maxDepth });
  });

  test('aliases', async () => {
    const aliases = Array.from({ length: 1000 }, (_, i) => `a${i}: districts { totalCount }`).join(' ');
    expectLimit(await post({ query: `{ ${aliases} }` }), 'aliases', limits.maxAliases, 1000);
  });

  test('root fields, counted through fragments', async () => {
    const answer = await post({ query: `{ ...R ...R } fragment R on Query { ${'districts { totalCount } '.repeat(limits.maxRootFields / 2 + 1)} }` });
    expectLimit(answer, 'rootFields', limits.maxRootFields, limits.maxRootFields + 2);
  });

  test('cost', async () => {
    const answer = await post({ query: '{ districts(first: 500) { nodes { schools(first: 500) { nodes { teacherPostings(first: 500) { nodes { stage } } } } } } }' });
    expectLimit(answer, 'cost', limits.maxCost);
    expect(answer.json.errors![0]!.extensions.value).toBeGreaterThan(limits.maxCost);
  });

  test('tokens: refused before parsing, in the client\'s language', async () => {
    const query = `{ ${'__typename '.repeat(limits.maxTokens)}}`;
    const zh = await post({ query });
    expectLimit(zh, 'tokens', limits.maxTokens);
    const en = await post({ query }, { 'accept-language': 'en' });
    expect(en.json.errors![0]!.message).toBe(`the query text has more than ${limits.maxTokens.toLocaleString('en-US')} tokens and was not parsed: send a shorter query`);
  });

  test('nesting: a text too deep for the parser is refused, not a stack overflow', async () => {
    const deep = `{ ${'district(code: "A01") { schools { nodes { '.repeat(1000)}code${' } } }'.repeat(1000)} }`;
    const answer = await post({ query: deep });
    expect(answer.status).toBe(400);
    expect(answer.json.errors![0]!.extensions.code).toBe('QUERY_LIMIT_EXCEEDED');
    const nested = `{ ${'a { '.repeat(MAX_NESTING)}b${' }'.repeat(MAX_NESTING)} }`;
    expectLimit(await post({ query: nested }), 'nesting', MAX_NESTING);
    // GET carries the query in the URL: the same refusal, in the same shape.
    const res = await fetch(`${hub.url}/graphql?query=${encodeURIComponent(nested)}`, { headers: hub.headers({ 'apollo-require-preflight': '1' }) });
    expect(res.status).toBe(400);
    expect(((await res.json()) as Answer['json']).errors![0]!.extensions).toMatchObject({ code: 'QUERY_LIMIT_EXCEEDED', limit: 'nesting', max: MAX_NESTING });
  });
});

describe('fragment bombs are refused in linear time while the server keeps serving', () => {
  test.each([
    [23, 'districts { totalCount }', 'rootFields'],
    [60, 'districts { totalCount }', 'rootFields'],
    [23, 'a: districts { totalCount }', 'aliases'],
    [60, 'a: districts { totalCount }', 'aliases'],
  ])('n = %i, %s → %s', async (n, leaf, limit) => {
    const body = { query: fragmentBomb(n, leaf) };
    expect(JSON.stringify(body).length).toBeLessThan(3000);
    // /healthz is asked while the bomb is in flight: it must answer, and soon.
    const bomb = post(body);
    const healthStarted = performance.now();
    const health = await fetch(`${hub.url}/healthz`);
    const healthMs = performance.now() - healthStarted;
    const answer = await bomb;
    expect(health.status).toBe(200);
    expect(healthMs).toBeLessThan(2000);
    expect(answer.status).toBe(400);
    expect(answer.json.errors![0]!.extensions).toMatchObject({ code: 'QUERY_LIMIT_EXCEEDED', limit, value: Math.min(2 ** n, Number.MAX_SAFE_INTEGER) });
    expect(answer.ms).toBeLessThan(1000);
  });
});

describe('variables: graphql\'s own coercion speaks, as 400 BAD_USER_INPUT naming the variable', () => {
  const QUERY = 'query($y: Int!) { cityEvaluation(year: $y) { qualifiedCount } }';
  test.each([
    ['missing', {}, 'VARIABLE_MISSING'],
    ['a string', { y: '2024' }, 'VARIABLE_INVALID'],
    ['null', { y: null }, 'VARIABLE_INVALID'],
    ['a float', { y: 2024.5 }, 'VARIABLE_INVALID'],
  ])('%s', async (_name, variables, messageCode) => {
    const answer = await post({ query: QUERY, variables });
    expect(answer.status).toBe(400);
    expect(answer.json.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: '$y', messageCode });
    expect(answer.json.errors![0]!.message).toContain('$y');
  });

  test('an input object variable with a wrong field', async () => {
    const answer = await post({ query: 'query($f: SchoolFilter) { schools(filter: $f) { totalCount } }', variables: { f: { stage: 'COLLEGE' } } });
    expect(answer.status).toBe(400);
    expect(answer.json.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: '$f' });
  });
});

describe('which operation to run', () => {
  const TWO = 'query A { districts { totalCount } } query B { schools { totalCount } }';
  test('two operations without operationName → 400 OPERATION_RESOLUTION_FAILURE', async () => {
    const answer = await post({ query: TWO });
    expect(answer.status).toBe(400);
    expect(answer.json.errors![0]!.extensions.code).toBe('OPERATION_RESOLUTION_FAILURE');
  });

  test('an unknown operationName → 400 OPERATION_RESOLUTION_FAILURE', async () => {
    const answer = await post({ query: TWO, operationName: 'C' });
    expect(answer.status).toBe(400);
    expect(answer.json.errors![0]!.extensions.code).toBe('OPERATION_RESOLUTION_FAILURE');
  });

  test('a named one runs (twice: the second from the response cache)', async () => {
    for (let i = 0; i < 2; i++) {
      const answer = await post({ query: TWO, operationName: 'B' });
      expect(answer.status).toBe(200);
      expect(answer.json.data).toEqual({ schools: { totalCount: 5 } });
    }
  });
});

describe('years are bounded to 2000–2100 in every argument, before any work', () => {
  test.each([
    ['{ cityEvaluation(year: -2147483648) { qualifiedCount } }', 'year'],
    ['{ certificationProgress(year: 3000) { year } }', 'year'],
    ['{ basicBalanceMonitoring(year: 1999) { districtCode } }', 'year'],
    ['{ cityFundingSummary(year: 2147483647) { districtCount } }', 'year'],
    ['{ fundingCheckViolations(year: 0) { districtCode } }', 'year'],
    ['{ cityTransferPayments(year: 99999) { year } }', 'year'],
    ['{ district(code: "A01") { evaluation(year: 20240) { verdict } } }', 'year'],
    ['{ district(code: "A01") { fundingChecks(fromYear: 2019, toYear: 9999) { year } } }', 'toYear'],
    ['{ school(code: "A01P1") { stats(year: 1) { students } } }', 'year'],
    ['{ districts(filter: { plannedCertificationYear: -1 }) { totalCount } }', 'filter.plannedCertificationYear'],
  ])('%s', async (query, argument) => {
    const before = processSqlTally.count;
    const answer = await post({ query });
    expect(answer.status).toBe(400);
    expect(answer.json.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: argument, messageCode: 'YEAR_OUT_OF_RANGE' });
    // Refused before any work: at most the request's own transaction was opened and closed.
    expect(processSqlTally.count - before).toBeLessThanOrEqual(SCOPE_STATEMENTS);
  });

  test('the ends of the range are years', async () => {
    const answer = await post({ query: '{ a: cityEvaluation(year: 2000) { qualifiedCount } b: cityEvaluation(year: 2100) { qualifiedCount } }' });
    expect(answer.status).toBe(200);
    expect(answer.json.errors).toBeUndefined();
  });
});

describe('HTTP statuses of requests that ran', () => {
  const as = (role: string) => (query: string) =>
    fetch(`${hub.url}/graphql`, { method: 'POST', headers: hub.as({ role: role as never }).headers({ 'content-type': 'application/json' }), body: JSON.stringify({ query }) });

  test('no data at all: the status of its errors (a bad argument on a non-null root field → 400)', async () => {
    const answer = await post({ query: '{ districts { totalCount } schools(first: 100000) { totalCount } }' });
    expect(answer.status).toBe(400);
    expect(answer.json.data).toBeNull();
    expect(answer.json.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'first' });
  });

  test('every root field refused → 403; partial data with a refusal → 200', async () => {
    const forbidden = await as('analyst')('{ auditEvents { totalCount } }');
    expect(forbidden.status).toBe(403);
    expect(((await forbidden.json()) as Answer['json']).data).toEqual({ auditEvents: null });
    const partial = await as('analyst')('{ auditEvents { totalCount } districts { totalCount } }');
    expect(partial.status).toBe(200);
    expect(((await partial.json()) as Answer['json']).data).toEqual({ auditEvents: null, districts: { totalCount: 1 } });
  });
});

describe('twenty evaluations in one query (the query that exhausted the heap)', () => {
  beforeAll(async () => {
    // A city the size of the demo: 41 districts, 1,500 schools (the cost model reads the sizes, not the rows' details).
    const fx = new Fixtures(ds);
    await fx.districts(...Array.from({ length: 40 }, (_, i) => ({ code: `C${String(i).padStart(2, '0')}` })));
    await fx.schools(...Array.from({ length: 1495 }, (_, i) => ({ code: `C${String(i % 40).padStart(2, '0')}S${i}`, districtCode: `C${String(i % 40).padStart(2, '0')}` })));
  });

  const years = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `y${2005 + i}: cityEvaluation(year: ${2005 + i}) { qualifiedCount }`).join(' ')} }`;

  test('is refused at once with QUERY_LIMIT_EXCEEDED, before gathering anything', async () => {
    const before = processSqlTally.count;
    const answer = await post({ query: years(20) });
    expectLimit(answer, 'work', limits.maxWork);
    expect(answer.ms).toBeLessThan(1000);
    // The transaction, the table versions and the sizes in scope: no facts were read.
    expect(processSqlTally.count - before).toBeLessThanOrEqual(SCOPE_STATEMENTS + 1);
  });

  test('a few years are answered, one at a time, with the same figures as one by one', async () => {
    const together = await post({ query: years(4) });
    expect(together.status).toBe(200);
    for (let i = 0; i < 4; i++) {
      const alone = await post({ query: `{ cityEvaluation(year: ${2005 + i}) { qualifiedCount } }` });
      expect(together.json.data[`y${2005 + i}`]).toEqual(alone.json.data.cityEvaluation);
    }
  });
});
