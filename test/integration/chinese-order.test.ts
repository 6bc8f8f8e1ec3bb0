import { DataSource } from 'typeorm';
import { detectNameCollation, nameCollation, orderExpression } from '../../src/db/collation';
import { openTestDataSource, truncateAll } from '../helpers/database';
import { Fixtures } from '../helpers/fixtures';
import { TestHub } from '../helpers/server';

/**
 * `orderBy: NAME` sorts Chinese names by pinyin through PostgreSQL's ICU collation (issue 13, item 5), on whichever
 * server the tests run: the embedded one (`env -u DATABASE_URL npx jest …`) or the one given by DATABASE_URL.
 */
let ds: DataSource;
let hub: TestHub;

// Code-point order would be 万 4E07, 云 4E91, 北 5317, 城 57CE, 巴 5DF4, 渝 6E1D.
const DISTRICTS = [['500101', '万州区'], ['500235', '云阳县'], ['500109', '北碚区'], ['500229', '城口县'], ['500113', '巴南区'], ['500103', '渝中区']];
const PINYIN = ['巴南区', '北碚区', '城口县', '万州区', '渝中区', '云阳县'];
// 三 4E09, 云 4E91, 巴 5DF4, 望 671B: the order the issue quotes.
const SCHOOLS = ['三峡小学', '云阳小学', '巴南小学', '望江小学'];
const SCHOOLS_PINYIN = ['巴南小学', '三峡小学', '望江小学', '云阳小学'];

beforeAll(async () => {
  ds = await openTestDataSource();
  await truncateAll(ds);
  const fx = new Fixtures(ds);
  await fx.districts(...DISTRICTS.map(([code, name]) => ({ code, name })));
  await fx.schools(...SCHOOLS.map((name, i) => ({ code: `S${i}`, name, districtCode: '500101' })));
  await fx.schools({ code: 'B1', name: '北碚中学', districtCode: '500109' }, { code: 'B2', name: '澄江小学', districtCode: '500109' });
  hub = await TestHub.start(ds);
});
afterAll(async () => {
  await hub?.stop();
  await ds?.destroy();
});

test('the test server has the ICU collation for Chinese', async () => {
  // Both the embedded PostgreSQL and Debian's server are built with ICU; a server without it would fall back (below).
  expect(await detectNameCollation(ds)).toBe('zh-x-icu');
});

test('districts ordered by name come out in pinyin order, both ways, and page in that order', async () => {
  const q = `query($dir: SortDirection!, $first: Int, $after: String) {
    districts(orderBy: [{ field: NAME, direction: $dir }], first: $first, after: $after) { nodes { name } pageInfo { endCursor } } }`;
  const names = async (dir: string, first?: number, after?: string) => {
    const res = await hub.graphql(q, { dir, first, after });
    expect(res.errors).toBeUndefined();
    return res.data!.districts as { nodes: { name: string }[]; pageInfo: { endCursor: string } };
  };
  expect((await names('ASC')).nodes.map((n) => n.name)).toEqual(PINYIN);
  expect((await names('DESC')).nodes.map((n) => n.name)).toEqual([...PINYIN].reverse());
  const first = await names('ASC', 4);
  const second = await names('ASC', 4, first.pageInfo.endCursor);
  expect([...first.nodes, ...second.nodes].map((n) => n.name)).toEqual(PINYIN);
});

test('schools ordered by name, at the top and nested under their district (one statement for all districts)', async () => {
  const top = await hub.graphql(`{ schools(orderBy: [{ field: NAME }], filter: { districtCode: "500101" }) { nodes { name } } }`);
  expect(top.errors).toBeUndefined();
  expect(top.data!.schools.nodes.map((n: { name: string }) => n.name)).toEqual(SCHOOLS_PINYIN);
  const base = await hub.counted(`{ districts(orderBy: [{ field: NAME }]) { nodes { code } } }`);
  const counted = await hub.counted(`{ districts(orderBy: [{ field: NAME }]) { nodes { code schools(orderBy: [{ field: NAME, direction: DESC }], first: 3) { nodes { name } } } } }`);
  const nested = counted.response;
  expect(nested.errors).toBeUndefined();
  expect(counted.statements - base.statements).toBe(1);
  const schoolsOf = (code: string) => nested.data!.districts.nodes.find((d: { code: string }) => d.code === code).schools.nodes.map((n: { name: string }) => n.name);
  expect(schoolsOf('500101')).toEqual([...SCHOOLS_PINYIN].reverse().slice(0, 3));
  // 北 bei before 澄 cheng; descending
  expect(schoolsOf('500109')).toEqual(['澄江小学', '北碚中学']);
});

test('without ICU, names keep the database order (the expression has no collation)', async () => {
  const noIcu = { query: async () => [] } as unknown as DataSource;
  expect(await detectNameCollation(noIcu)).toBeNull();
  expect(nameCollation(noIcu)).toBeNull();
  expect(orderExpression(noIcu, 't', 'name')).toBe('t.name');
  expect(orderExpression(ds, 't', 'name')).toBe('t.name COLLATE "zh-x-icu"');
  expect(orderExpression(ds, 't', 'code')).toBe('t.code');
});
