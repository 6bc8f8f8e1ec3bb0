import ExcelJS from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { Role } from '../../src/auth/roles';
import { importFile } from '../../src/ingestion/pipeline';
import { openTestDataSource, truncateAll } from '../helpers/database';
import { buildDistrict } from '../helpers/district-fixture';
import { Fixtures } from '../helpers/fixtures';
import { TestHub } from '../helpers/server';
import { tempDir } from './ingestion/fixtures';

let ds: DataSource;
let hub: TestHub;
const dir = tempDir('junheng-unit-costs-');

// P02's third primary school has 3000 m² of sports ground for 500 students (6 m² against 7.5, 80%): its cheapest
// plan lifts R5 to 85%, 3187.5 → 188 m². At the default 600 yuan/m²: 112,800 yuan; delivered costs change that.
beforeAll(async () => {
  ds = await openTestDataSource();
  await truncateAll(ds);
  const fx = new Fixtures(ds);
  await buildDistrict(fx, { code: 'P02', thirdPrimarySportsAreaM2: '3000' });
  hub = await TestHub.start(ds);
});
afterAll(async () => {
  await hub.stop();
  await ds.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
});

const HEADER = 'year,item,stage,amount_yuan,unit,note';
function file(name: string, ...rows: string[]): string {
  const p = path.join(dir, name);
  fs.writeFileSync(p, [HEADER, ...rows].join('\n') + '\n');
  return p;
}
const deliver = (name: string, ...rows: string[]) => importFile(ds, { dataset: 'unit_costs', filePath: file(name, ...rows), loadedBy: 'finance-clerk' });

const PLAN = `query { school(code: "P02P3") { schoolRule(year: 2024, stage: PRIMARY) { costToQualify {
  oneOff usesDefaults items { indicator quantity unitCost cost isDefault unitCostSource unitCostYear unitCostEvidence { dataset department fileName rowKey batchId } } } } } }`;
async function plan() {
  const res = await hub.graphql(PLAN);
  expect(res.errors).toBeUndefined();
  return res.data!.school.schoolRule.costToQualify;
}

test('a file with an unknown item, a negative cost or the wrong unit is refused with row and column, and changes nothing', async () => {
  const summary = await deliver('bad.csv',
    '2024,equipment,primary,1.00,yuan_per_m2,',
    '2024,sports_ground,primary,-5.00,yuan_per_m2,',
    '2024,teacher_degree,junior,120000.00,yuan_per_m2,');
  expect(summary.status).toBe('rejected');
  const problems = summary.errors.map((e) => [e.rowNumber, e.column, e.code]);
  expect(problems).toEqual(expect.arrayContaining([[2, 'item', 'IMPORT_NOT_IN_LIST'], [4, 'unit', 'IMPORT_UNIT_COST_WRONG_UNIT']]));
  expect(problems.find(([row, column]) => row === 3 && column === 'amount_yuan')).toBeDefined();
  expect(await ds.query(`SELECT count(*)::int AS n FROM unit_costs`)).toEqual([{ n: 0 }]);
});

test('the department that may not deliver unit costs gets the documented 403', async () => {
  const res = await fetch(`${hub.url}/imports/unit_costs`, {
    method: 'POST',
    headers: hub.as({ role: Role.PLANNING }).headers({ 'content-type': 'text/csv' }),
    body: `${HEADER}\n2024,sports_ground,primary,800.00,yuan_per_m2,\n`,
  });
  expect(res.status).toBe(403);
  const body = (await res.json()) as { errors: Array<{ extensions: { code: string } ; message: string }> };
  expect(body.errors[0]!.extensions.code).toBe('FORBIDDEN');
  expect(await ds.query(`SELECT count(*)::int AS n FROM unit_costs`)).toEqual([{ n: 0 }]);
});

test('pricing uses the delivered cost of the year (or the latest earlier year), the default elsewhere, and a new delivery changes the next answer', async () => {
  // Nothing delivered: the default, flagged.
  expect(await plan()).toMatchObject({ oneOff: '112800', usesDefaults: true,
    items: [{ indicator: 'R5', quantity: '188', unitCost: '600', isDefault: true, unitCostSource: 'PLANNING_PLACEHOLDER', unitCostYear: null, unitCostEvidence: null }] });

  // A 2023 budget prices 2024 until 2024's comes; a later year's (2025) never prices 2024.
  const y2023 = await deliver('unit-costs-2023.csv', '2023,sports_ground,primary,700.00,yuan_per_m2,渝财教〔2023〕1号', '2025,sports_ground,primary,990.00,yuan_per_m2,');
  expect(y2023.status).toBe('succeeded');
  const p2023 = await plan();
  expect(p2023).toMatchObject({ oneOff: '131600', usesDefaults: false,
    items: [{ unitCost: '700', cost: '131600', isDefault: false, unitCostSource: 'DELIVERED', unitCostYear: 2023,
      unitCostEvidence: { dataset: 'unit_costs', department: 'FINANCE', fileName: 'unit-costs-2023.csv', rowKey: 'unit_costs 2023/sports_ground/primary', batchId: y2023.batchId } }] });

  const y2024 = await deliver('unit-costs-2024.csv', '2024,sports_ground,primary,800.00,yuan_per_m2,');
  expect((await plan()).items[0]).toMatchObject({ unitCost: '800', cost: '150400', unitCostYear: 2024, unitCostEvidence: { batchId: y2024.batchId } });

  // Totals follow, at district and city level; the note says which costs are delivered.
  const totals = await hub.graphql(`{ cityEvaluation(year: 2024) { costToQualify { oneOff usesDefaults unitCostsNote } } }`);
  expect(totals.errors).toBeUndefined();
  expect(totals.data!.cityEvaluation.costToQualify).toEqual({
    oneOff: '150400', usesDefaults: false, unitCostsNote: '单位成本：1 项为财政部门报送的单价，11 项为默认单价（占位值，仅供规划讨论，见 docs/planning.md）；设备按账面价值计',
  });
});

test('the evaluation workbook says which unit costs are delivered, and the plan cell names only the items at a default', async () => {
  const res = await fetch(`${hub.url}/reports/evaluation/P02/2024.xlsx?lang=en`, { headers: hub.headers() });
  expect(res.status).toBe(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await res.arrayBuffer()) as ArrayBuffer);
  const texts: string[] = [];
  wb.getWorksheet('Schools')!.eachRow((row) => row.eachCell((c) => texts.push(String(c.text))));
  wb.worksheets[0]!.eachRow((row) => row.eachCell((c) => texts.push(String(c.text))));
  expect(texts.some((t) => t.includes('Unit costs: 1 delivered by the finance department, 11 at the hub\'s default'))).toBe(true);
  const plans = texts.filter((t) => t.startsWith('cheapest plan:'));
  expect(plans).toEqual(['cheapest plan: R5 raised to at least 85% of its threshold, the others met; 150400 yuan once and 0 yuan a year, 150400 yuan over 5 years']);
  // The district's total in the title block: the sum of its plans, one-off and yearly apart, the same as GraphQL's.
  expect(texts).toContain('Estimated cost to qualify (sum of the cheapest plans, 5-year basis): 150,400 yuan, of which 150,400 yuan one-off and 0 yuan a year; 1 failing school stages priced');
});

test('Query.unitCosts(year): the effective table with provenance, and the history of a re-delivered cost', async () => {
  const revised = await deliver('unit-costs-2024-revised.csv', '2024,sports_ground,primary,820.00,yuan_per_m2,修订');
  expect(revised.rowsUpdated).toBe(1);
  expect((await plan()).oneOff).toBe('154160'); // 188 × 820

  const res = await hub.graphql(`{ unitCosts(year: 2024) { stage indicator amount isDefault sourceCode year source
    evidence { fileName department rowKey } history { values deliveredBy { fileName } replacedBy { fileName } } } }`);
  expect(res.errors).toBeUndefined();
  const rows = res.data!.unitCosts as Array<Record<string, unknown>>;
  const r5 = rows.find((r) => r.stage === 'PRIMARY' && r.indicator === 'R5');
  expect(r5).toEqual({
    stage: 'PRIMARY', indicator: 'R5', amount: '820', isDefault: false, sourceCode: 'DELIVERED', year: 2024, source: '部门报送的单价',
    evidence: { fileName: 'unit-costs-2024-revised.csv', department: 'FINANCE', rowKey: 'unit_costs 2024/sports_ground/primary' },
    history: [{ values: expect.objectContaining({ amount_yuan: '800.00' }), deliveredBy: { fileName: 'unit-costs-2024.csv' }, replacedBy: { fileName: 'unit-costs-2024-revised.csv' } }],
  });
  expect(rows.find((r) => r.stage === 'JUNIOR' && r.indicator === 'R5')).toMatchObject({ isDefault: true, year: null, evidence: null, history: [] });
  // 2023 is priced with 2023's figure, not with any later one.
  const earlier = await hub.graphql(`{ unitCosts(year: 2023) { stage indicator amount year } }`);
  expect((earlier.data!.unitCosts as Array<Record<string, unknown>>).find((r) => r.stage === 'PRIMARY' && r.indicator === 'R5')).toMatchObject({ amount: '700', year: 2023 });

  // A district officer reads the city's unit costs and their history too.
  const officer = await hub.as({ role: Role.DISTRICT_OFFICER, district: 'P02' }).graphql(`{ unitCosts(year: 2024) { indicator stage amount history { values } } }`);
  expect(officer.errors).toBeUndefined();
  expect((officer.data!.unitCosts as Array<Record<string, unknown>>).find((r) => r.stage === 'PRIMARY' && r.indicator === 'R5')).toMatchObject({ amount: '820', history: [{}] });
});

test('a dossier keeps its plans as priced at its instant; the diff reports the changed cost', async () => {
  const frozen = await hub.graphql(`mutation { freezeEvaluationDossier(input: { districtCode: "P02", year: 2024, stage: SELF_EVALUATION }) {
    userErrors { code } dossier { id evaluation { costToQualify { oneOff } resourceAllocation { failingSchools { schoolCode costToQualify { oneOff items { unitCost unitCostEvidence { fileName } } } } } } } } }`);
  expect(frozen.errors).toBeUndefined();
  const dossier = frozen.data!.freezeEvaluationDossier.dossier;
  expect(dossier.evaluation.costToQualify.oneOff).toBe('154160');

  await deliver('unit-costs-2024-third.csv', '2024,sports_ground,primary,900.00,yuan_per_m2,');
  expect((await plan()).oneOff).toBe('169200'); // today: 188 × 900

  const read = await hub.graphql(`query($id: ID!) { dossier(id: $id) { evaluation { costToQualify { oneOff unitCostsNote }
    resourceAllocation { failingSchools { schoolCode costToQualify { oneOff items { unitCost unitCostEvidence { fileName } } } } } } } }`, { id: dossier.id });
  expect(read.errors).toBeUndefined();
  const failing = read.data!.dossier.evaluation.resourceAllocation.flatMap((s: { failingSchools: unknown[] }) => s.failingSchools);
  expect(failing).toEqual([{ schoolCode: 'P02P3', costToQualify: { oneOff: '154160', items: [{ unitCost: '820', unitCostEvidence: { fileName: 'unit-costs-2024-revised.csv' } }] } }]);
  expect(read.data!.dossier.evaluation.costToQualify.oneOff).toBe('154160');
  expect(read.data!.dossier.evaluation.costToQualify.unitCostsNote).toMatch(/^单位成本：1 项为财政部门报送的单价，11 项为默认单价/);

  const diff = await hub.graphql(`query($id: ID!) { dossierDiff(from: $id) { verdictFrom verdictTo costToQualifyFrom { oneOff comparable } costToQualifyTo { oneOff comparable }
    planChanges { schoolCode stage from { oneOff } to { oneOff } keptBelowFrom keptBelowTo } } }`, { id: dossier.id });
  expect(diff.errors).toBeUndefined();
  expect(diff.data!.dossierDiff).toMatchObject({
    costToQualifyFrom: { oneOff: '154160', comparable: '154160' }, costToQualifyTo: { oneOff: '169200', comparable: '169200' },
    planChanges: [{ schoolCode: 'P02P3', stage: 'PRIMARY', from: { oneOff: '154160' }, to: { oneOff: '169200' }, keptBelowFrom: 'R5', keptBelowTo: 'R5' }],
  });
});
