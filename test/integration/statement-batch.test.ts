import type { PoolClient } from 'pg';
import { DataSource } from 'typeorm';
import { Role } from '../../src/auth/roles';
import { inlineParameters, openRequestScope } from '../../src/db/request-scope';
import { SqlCounter, withSqlCounter } from '../../src/db/sql-counter';
import { openTestDataSource, truncateAll } from '../helpers/database';
import { Fixtures } from '../helpers/fixtures';

/**
 * Statements a request queues in one turn of the event loop go to PostgreSQL in one round trip, their parameters as
 * literals (D121): the same rows as one statement at a time, each statement still counted.
 */
let ds: DataSource;
beforeAll(async () => {
  ds = await openTestDataSource();
  await truncateAll(ds);
  await new Fixtures(ds).districts({ code: 'A01' }, { code: 'B02' });
});
afterAll(() => ds.destroy());

/** Awkward values: quotes, backslashes, braces and commas inside array elements, Chinese, NULL, numbers, booleans. */
const CASES: [string, unknown[]][] = [
  ['SELECT $1::text AS v', [`it's a \\ test; -- not a comment`]],
  ['SELECT $1::text[] AS v', [['a"b', 'c,d', '{e}', `f'g`, 'h\\i', null, '沙坪坝区']]],
  ['SELECT $1::int + $2::int AS v', [2024, -7]],
  ['SELECT $1::numeric AS v', ['12345678901234567890.123456789']],
  ['SELECT $1::boolean AS v, $2::text IS NULL AS n', [true, null]],
  ['SELECT code FROM districts t WHERE t.code IN ($1, $2) ORDER BY code', ['A01', 'B02']],
  ['SELECT code FROM districts t WHERE t.code = ANY($1) ORDER BY code', [['B02', 'Z99']]],
  ['SELECT count(*) AS n FROM districts t WHERE t.code > $1 LIMIT $2', ['A', 5]],
];

test('several statements in one round trip answer as each alone, and each is counted', async () => {
  const alone = [];
  for (const [sql, params] of CASES) alone.push(await ds.query(sql, params));
  const scope = await openRequestScope(ds, { subject: 's', role: Role.SUPERVISOR, district: null }, 5000);
  try {
    const client = (scope.db.queryRunner as unknown as { databaseConnection: PoolClient }).databaseConnection;
    const sent: string[] = [];
    const original = client.query.bind(client);
    (client as unknown as { query: unknown }).query = (...args: Parameters<PoolClient['query']>) => {
      sent.push(String(typeof args[0] === 'string' ? args[0] : (args[0] as { text: string }).text));
      return (original as (...a: unknown[]) => unknown)(...args);
    };
    const counter = new SqlCounter();
    const together = await withSqlCounter(counter, () => Promise.all(CASES.map(([sql, params]) => scope.db.query(sql, params))));
    expect(together).toEqual(alone);
    expect(sent).toHaveLength(1);
    expect(counter.count).toBe(CASES.length);
  } finally {
    await scope.finish();
  }
});

test('row-level security applies to batched statements as to any other', async () => {
  const scope = await openRequestScope(ds, { subject: 's', role: Role.DISTRICT_OFFICER, district: 'B02' }, 5000);
  try {
    const [a, b] = await Promise.all([
      scope.db.query('SELECT code FROM districts t WHERE t.code = $1', ['A01']),
      scope.db.query('SELECT code FROM districts t ORDER BY code'),
    ]);
    expect(a).toEqual([]);
    expect(b).toEqual([{ code: 'B02' }]);
  } finally {
    await scope.finish();
  }
});

test('a failing statement in a batch fails its callers, and the request ends cleanly', async () => {
  const scope = await openRequestScope(ds, { subject: 's', role: Role.SUPERVISOR, district: null }, 5000);
  try {
    const results = await Promise.allSettled([
      scope.db.query('SELECT code FROM districts t WHERE t.code = $1', ['A01']),
      scope.db.query('SELECT no_such_column FROM districts t WHERE t.code = $1', ['A01']),
    ]);
    expect(results.map((r) => r.status)).toContain('rejected');
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected')!;
    expect(String(failed.reason)).toMatch(/no_such_column/);
  } finally {
    await scope.finish();
  }
  expect(await ds.query('SELECT count(*)::int AS n FROM districts')).toEqual([{ n: 2 }]);
});

test('only plain SELECTs with plain parameters are inlined', () => {
  expect(inlineParameters('SELECT $1 AS v', [`a'b`])).toBe(`SELECT 'a''b' AS v`);
  expect(inlineParameters('SELECT $1 AS v', ['a\\b'])).toBe(`SELECT  E'a\\\\b' AS v`);
  expect(inlineParameters('SELECT $1::int[] AS v', [[1, 2]])).toBe(`SELECT '{"1","2"}'::int[] AS v`);
  expect(inlineParameters('SELECT $1 AS v', [null])).toBe('SELECT NULL AS v');
  expect(inlineParameters(`SELECT 'x' AS v`, [])).toBeNull();
  expect(inlineParameters('SELECT $2 AS v', ['a'])).toBeNull();
  expect(inlineParameters('SELECT $1 AS v', [{ a: 1 }])).toBeNull();
  expect(inlineParameters('SELECT $1 AS v', [Buffer.from('x')])).toBeNull();
  expect(inlineParameters('UPDATE districts SET name = $1', ['x'])).toBeNull();
  expect(inlineParameters('SELECT 1; SELECT 2', [])).toBeNull();
  expect(inlineParameters('SELECT 1 -- $1', ['x'])).toBeNull();
  expect(inlineParameters('SELECT $$x$$', [])).toBeNull();
  expect(inlineParameters('SELECT "t"."code" FROM "districts" "t" WHERE "t"."code" = $1', ['A01'])).toBe(
    `SELECT "t"."code" FROM "districts" "t" WHERE "t"."code" = 'A01'`,
  );
});
