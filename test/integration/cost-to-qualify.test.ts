import { DataSource } from 'typeorm';
import { openTestDataSource, truncateAll } from '../helpers/database';
import { buildDistrict } from '../helpers/district-fixture';
import { Fixtures } from '../helpers/fixtures';
import { TestHub } from '../helpers/server';

let ds: DataSource;
let hub: TestHub;

// P01 meets everything. P02's third primary school has 3000 m² of sports ground for 500 students: 6 m² against 7.5
// (80%, below 85%): NOT_MET with one miss. Its cheapest plan lifts R5 to 85%: 3187.5 → 188 m² × 600 = 112,800 yuan.
beforeAll(async () => {
  ds = await openTestDataSource();
  await truncateAll(ds);
  const fx = new Fixtures(ds);
  await buildDistrict(fx, { code: 'P01' });
  await buildDistrict(fx, { code: 'P02', thirdPrimarySportsAreaM2: '3000' });
  hub = await TestHub.start(ds);
});
afterAll(async () => {
  await hub.stop();
  await ds.destroy();
});

const TOTAL = 'oneOff yearly years comparable schoolsPriced schoolsUnpriced usesDefaults';
const PLAN = `costToQualify { stage keptBelow oneOff yearly years comparable usesDefaults summary summaryCode
  items { indicator quantity unit unitCost cost kind isDefault targetShare description } }`;
const QUERY = `query($year: Int!) {
  cityEvaluation(year: $year) {
    costToQualify { ${TOTAL} }
    districts { districtCode costToQualify { ${TOTAL} }
      resourceAllocation { stage costToQualify { ${TOTAL} } failingSchools { schoolCode ${PLAN} } } }
  }
  school(code: "P01P1") { schoolRule(year: $year, stage: PRIMARY) { status costToQualify { oneOff } } }
}`;

test('the cheapest plan of a failing school and the district and city totals, through GraphQL', async () => {
  const { response: res, statements } = await hub.counted(QUERY, { year: 2024 });
  expect(res.errors).toBeUndefined();
  const city = res.data!.cityEvaluation;
  const byCode = (c: string) => city.districts.find((d: { districtCode: string }) => d.districtCode === c);
  const p02 = byCode('P02');
  const primary = p02.resourceAllocation.find((s: { stage: string }) => s.stage === 'PRIMARY');
  expect(primary.failingSchools).toHaveLength(1);
  expect(primary.failingSchools[0].costToQualify).toEqual({
    stage: 'PRIMARY', keptBelow: 'R5', oneOff: '112800', yearly: '0', years: 5, comparable: '112800', usesDefaults: true,
    summary: '最省方案：R5 提升至标准值的 85% 以上，其余指标达标；一次性投入 112800 元，每年 0 元，按 5 年计共 112800 元',
    summaryCode: 'PRICING_PLAN',
    items: [{
      indicator: 'R5', quantity: '188', unit: 'm²', unitCost: '600', cost: '112800', kind: 'ONE_OFF', isDefault: true, targetShare: '0.85',
      description: 'R5：增加体育运动场馆面积 188 平方米（达到标准值的 85%），单价 600 元（默认单价），一次性 112800 元',
    }],
  });
  const one = { oneOff: '112800', yearly: '0', years: 5, comparable: '112800', schoolsPriced: 1, schoolsUnpriced: 0, usesDefaults: true };
  expect(primary.costToQualify).toEqual(one);
  expect(p02.costToQualify).toEqual(one);
  expect(byCode('P01').costToQualify).toEqual({ oneOff: '0', yearly: '0', years: 5, comparable: '0', schoolsPriced: 0, schoolsUnpriced: 0, usesDefaults: false });
  expect(city.costToQualify).toEqual(one);
  // A passing school has no plan.
  expect(res.data!.school.schoolRule).toEqual({ status: 'MET', costToQualify: null });

  // With the evaluation warm, the cost fields cost one SQL statement: the unit costs of the year (D117), however many
  // parts, districts and totals are priced.
  const bare = `query($year: Int!) { cityEvaluation(year: $year) { districts { districtCode
    resourceAllocation { stage failingSchools { schoolCode } } } }
    school(code: "P01P1") { schoolRule(year: $year, stage: PRIMARY) { status } } }`;
  const without = await hub.counted(bare, { year: 2024 });
  expect(without.response.errors).toBeUndefined();
  const withCost = await hub.counted(QUERY.replace('cityEvaluation(year: $year) {', 'cityEvaluation(year: $year) { year'), { year: 2024 });
  expect(withCost.response.errors).toBeUndefined();
  expect(withCost.statements).toBe(without.statements + 1);
  expect(statements).toBeGreaterThan(0);
});

test('in English on request', async () => {
  const res = await fetch(`${hub.url}/graphql`, {
    method: 'POST',
    headers: hub.headers({ 'content-type': 'application/json', 'accept-language': 'en' }),
    body: JSON.stringify({ query: `{ school(code: "P02P3") { schoolRule(year: 2024, stage: PRIMARY) { costToQualify { summary items { description } } } } }` }),
  });
  const body = (await res.json()) as { data: { school: { schoolRule: { costToQualify: { summary: string; items: { description: string }[] } } } } };
  expect(body.data.school.schoolRule.costToQualify).toEqual({
    summary: 'cheapest plan: R5 raised to at least 85% of its threshold, the others met; 112800 yuan once and 0 yuan a year, 112800 yuan over 5 years',
    items: [{ description: 'R5: add 188 m² of sports ground (to 85% of the threshold), at 600 yuan each (default unit cost): 112800 yuan once' }],
  });
});

test('the unit costs the plans use, defaults flagged, with their source in the reader\'s language', async () => {
  const res = await hub.graphql(`{ unitCosts { stage indicator amount unit kind isDefault sourceCode source } }`);
  expect(res.errors).toBeUndefined();
  const rows = res.data!.unitCosts as { stage: string; indicator: string }[];
  expect(rows).toHaveLength(14);
  const at = (stage: string, indicator: string) => rows.find((r) => r.stage === stage && r.indicator === indicator);
  expect(at('PRIMARY', 'R5')).toEqual({ stage: 'PRIMARY', indicator: 'R5', amount: '600', unit: 'm²', kind: 'ONE_OFF', isDefault: true,
    sourceCode: 'PLANNING_PLACEHOLDER', source: '默认单价（占位值），待发展规划部门提供' });
  expect(at('JUNIOR', 'R2')).toMatchObject({ amount: '160000', unit: 'teachers', kind: 'YEARLY', isDefault: true, sourceCode: 'FINANCE_PLACEHOLDER' });
  expect(at('JUNIOR', 'R6')).toMatchObject({ amount: '1', unit: 'yuan', kind: 'ONE_OFF', sourceCode: 'FACE_VALUE', source: '按账面价值计（每元设备值 1 元）' });
});
