import { DataSource } from 'typeorm';
import { openTestDataSource, truncateAll } from '../helpers/database';
import { Fixtures } from '../helpers/fixtures';
import { SCOPE_STATEMENTS, TestHub } from '../helpers/server';
import { SchoolType, Stage } from '../../src/common/vocabulary';

let ds: DataSource;
let hub: TestHub;

/** n districts × m schools × 2 stats × k postings, deterministic. */
async function buildCity(fx: Fixtures, districts: number, schoolsPer: number, postingsPer: number): Promise<void> {
  await fx.districts(...Array.from({ length: districts }, (_, d) => ({ code: `50${String(d).padStart(4, '0')}`, name: `测试区${d}` })));
  const schools = [];
  for (let d = 0; d < districts; d++) {
    for (let s = 0; s < schoolsPer; s++) {
      schools.push({ code: `50${String(d).padStart(4, '0')}${String(s).padStart(4, '0')}`, districtCode: `50${String(d).padStart(4, '0')}`, schoolType: SchoolType.NINE_YEAR });
    }
  }
  await fx.schools(...schools);
  await fx.stats(...schools.flatMap((s) => [
    { schoolCode: s.code, year: 2024, stage: Stage.PRIMARY, students: 600 },
    { schoolCode: s.code, year: 2024, stage: Stage.JUNIOR, students: 300 },
  ]));
  await fx.postings(...schools.flatMap((s) => Array.from({ length: postingsPer }, (_, i) => ({
    teacherId: `T${s.code}${i}`, schoolCode: s.code, year: 2024, stage: i % 2 ? Stage.JUNIOR : Stage.PRIMARY,
  }))));
}

const CITY_QUERY = `
  query City {
    districts(first: 50) {
      totalCount
      nodes {
        code name schoolCount studentCount(year: 2024)
        schools(first: 100) {
          totalCount
          nodes {
            code
            district { code }
            stats(year: 2024) { stage students }
            teacherPostings(year: 2024, first: 2) { totalCount nodes { teacherId school { code } } }
          }
        }
      }
    }
  }`;

beforeAll(async () => {
  ds = await openTestDataSource();
  hub = await TestHub.start(ds);
});
afterAll(async () => {
  await hub.stop();
  await ds.destroy();
});

describe('the graph over districts → schools → stats → postings', () => {
  test('SQL statements per request do not grow with the number of rows', async () => {
    await truncateAll(ds);
    await buildCity(new Fixtures(ds), 2, 3, 4);
    const small = await hub.counted(CITY_QUERY);
    expect(small.response.errors).toBeUndefined();
    expect(small.response.data!.districts.totalCount).toBe(2);

    await truncateAll(ds);
    await buildCity(new Fixtures(ds), 6, 9, 7);
    const large = await hub.counted(CITY_QUERY);
    expect(large.response.errors).toBeUndefined();
    const districts = large.response.data!.districts.nodes;
    expect(districts).toHaveLength(6);
    expect(districts[0].schoolCount).toBe(9);
    expect(districts[0].studentCount).toBe(9 * 900);
    expect(districts[0].schools.totalCount).toBe(9);
    const school = districts[0].schools.nodes[0];
    expect(school.stats).toEqual([{ stage: 'PRIMARY', students: 600 }, { stage: 'JUNIOR', students: 300 }]);
    expect(school.teacherPostings.totalCount).toBe(7);
    expect(school.teacherPostings.nodes).toHaveLength(2);
    expect(school.teacherPostings.nodes[0].school.code).toBe(school.code);
    expect(school.district.code).toBe(districts[0].code);

    // 54 schools instead of 6, 378 postings instead of 24: the same statements.
    expect(large.statements).toBe(small.statements);
    // One statement per loader: district page + count, schoolCount, studentCount, school page + count,
    // district by code, stats, postings page + count, school by code; plus the request's own (SCOPE_STATEMENTS).
    expect(large.statements).toBe(11 + SCOPE_STATEMENTS);
  });

  test('nested connections page per parent', async () => {
    const q = `query($after: String) { district(code: "500000") { schools(first: 4, after: $after, orderBy: [{ field: CODE, direction: DESC }]) {
      totalCount pageInfo { hasNextPage hasPreviousPage endCursor } nodes { code } } } }`;
    const first = await hub.graphql(q);
    const page1 = first.data!.district.schools;
    expect(page1.nodes.map((n: { code: string }) => n.code)).toEqual(['5000000008', '5000000007', '5000000006', '5000000005']);
    expect(page1.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const second = await hub.graphql(q, { after: page1.pageInfo.endCursor });
    const page2 = second.data!.district.schools;
    expect(page2.nodes.map((n: { code: string }) => n.code)).toEqual(['5000000004', '5000000003', '5000000002', '5000000001']);
    expect(page2.pageInfo.hasPreviousPage).toBe(true);
  });

  test('top-level lists filter, order and count', async () => {
    const res = await hub.graphql(`{
      schools(filter: { districtCode: "500001", stage: JUNIOR, nameContains: "5000010003" }) { totalCount nodes { code schoolType } }
      none: schools(filter: { nameContains: "%" }) { totalCount }
      districts(orderBy: [{ field: NAME, direction: DESC }], first: 2) { totalCount nodes { name } pageInfo { hasNextPage } }
    }`);
    expect(res.errors).toBeUndefined();
    expect(res.data!.schools).toEqual({ totalCount: 1, nodes: [{ code: '5000010003', schoolType: 'NINE_YEAR' }] });
    expect(res.data!.none.totalCount).toBe(0);
    expect(res.data!.districts.nodes.map((d: { name: string }) => d.name)).toEqual(['测试区5', '测试区4']);
    expect(res.data!.districts.pageInfo.hasNextPage).toBe(true);
  });

  test('node(id) fetches any node by its global id', async () => {
    const res = await hub.graphql(`{ school(code: "5000010003") { id name } district(code: "500001") { id } }`);
    const { school, district } = res.data!;
    const nodes = await hub.graphql(`query($a: ID!, $b: ID!) {
      a: node(id: $a) { id ... on School { code } } b: node(id: $b) { id ... on District { code } } }`, { a: school.id, b: district.id });
    expect(nodes.data).toEqual({ a: { id: school.id, code: '5000010003' }, b: { id: district.id, code: '500001' } });
  });

  test('bad arguments are BAD_USER_INPUT naming the argument', async () => {
    const big = await hub.graphql(`{ districts(first: 100000) { totalCount } }`);
    expect(big.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'first' });
    expect(big.errors![0].message).toMatch(/first 须在 0 到 500 之间/);
    expect(big.errors![0].extensions).toMatchObject({ messageCode: 'PAGE_SIZE_OUT_OF_RANGE', messageParams: { max: 500 } });
    const cursor = await hub.graphql(`{ districts(after: "nonsense!") { totalCount } }`);
    expect(cursor.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'after' });
    const id = await hub.graphql(`{ node(id: "garbage") { id } }`);
    expect(id.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'id' });
    const enumValue = await hub.graphql(`{ schools(filter: { stage: HIGH }) { totalCount } }`);
    expect(enumValue.errors![0].extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  test('database errors are masked as INTERNAL_SERVER_ERROR with a request id', async () => {
    await ds.query(`ALTER TABLE schools RENAME COLUMN name TO name_hidden`);
    try {
      const res = await hub.graphql(`{ schools(first: 1) { nodes { code } } }`);
      expect(res.errors![0].message).toBe('Internal server error');
      expect(res.errors![0].extensions!.code).toBe('INTERNAL_SERVER_ERROR');
      expect(res.errors![0].extensions!.requestId).toEqual(expect.any(String));
      expect(JSON.stringify(res)).not.toMatch(/name_hidden|does not exist|relation/);
    } finally {
      await ds.query(`ALTER TABLE schools RENAME COLUMN name_hidden TO name`);
    }
  });

  test('health and readiness probes', async () => {
    expect(await (await fetch(`${hub.url}/healthz`)).json()).toEqual({ status: 'ok' });
    expect(await (await fetch(`${hub.url}/readyz`)).json()).toEqual({ status: 'ready' });
  });
});
