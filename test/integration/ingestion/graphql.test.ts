import { graphql } from 'graphql';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { Decimal } from '../../../src/common/decimal';
import { exampleFile } from '../../../src/ingestion/contract-doc';
import { DatasetDefinition, datasets } from '../../../src/ingestion/datasets';
import { importFile } from '../../../src/ingestion/pipeline';
import { Role } from '../../../src/auth/roles';
import { createContext } from '../../../src/graphql/context';
import { inProcessViewer } from '../../../src/auth/verified';
import { toGlobalId } from '../../../src/graphql/node';
import { buildGraphQLSchema } from '../../../src/graphql/schema';
import { openTestDataSource, truncateAll } from '../../helpers/database';
import { SCOPE_STATEMENTS, TestHub } from '../../helpers/server';
import { readCsvFile, tempDir, writeCsv } from './fixtures';

let ds: DataSource;
let hub: TestHub;

const TYPE_OF: Record<string, string> = {
  districts: 'District',
  schools: 'School',
  school_stats: 'SchoolStat',
  district_education: 'DistrictEducation',
  teacher_postings: 'TeacherPosting',
  civil_servant_pay: 'CivilServantPay',
  education_expenditure: 'EducationExpenditure',
  school_funds: 'SchoolFunds',
  transfer_payments: 'TransferPayment',
  quality_monitoring: 'QualityMonitoring',
  ratings: 'Rating',
  surveys: 'Survey',
  supervision_visits: 'SupervisionVisit',
  unit_costs: 'UnitCost',
};

const camel = (name: string) => name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
/** Fields the graph names differently from the file. */
const RENAMED: Record<string, Record<string, string>> = { schools: { school_code: 'code' } };
const fieldOf = (dataset: string, column: string) => RENAMED[dataset]?.[column] ?? camel(column);

let typeFields: Map<string, Set<string>>;

/** The dataset's columns the graph exposes on its type, plus where the row came from. */
function selection(dataset: string): string {
  const fields = typeFields.get(TYPE_OF[dataset])!;
  const definition = datasets.find((d) => d.name === dataset)!;
  const exposed = definition.columns.map((c) => fieldOf(dataset, c.name)).filter((f) => fields.has(f));
  return `${exposed.join(' ')} source { dataset fileName department }`;
}

beforeAll(async () => {
  ds = await openTestDataSource();
  hub = await TestHub.start(ds);
  await truncateAll(ds);
  for (const d of datasets) await importFile(ds, { dataset: d.name, filePath: exampleFile(d.name), loadedBy: 'test' });
  const types = await hub.graphql<{ __schema: { types: Array<{ name: string; fields: Array<{ name: string }> | null }> } }>(
    '{ __schema { types { name fields { name } } } }',
  );
  typeFields = new Map(types.data!.__schema.types.map((t) => [t.name, new Set((t.fields ?? []).map((f) => f.name))]));
});
afterAll(async () => {
  await hub.stop();
  await ds.destroy();
});

type Row = Record<string, unknown>;

/** Every dataset's rows as the graph returns them, with the parent codes the graph gives by nesting. */
async function readEverything(): Promise<Record<string, Row[]>> {
  const s = selection;
  // Pages larger than the example files (3 districts, 8 schools, 12 postings), within the cost limit (docs/access.md).
  const query = `{
    districts(first: 10) { nodes { ${s('districts')}
      districtEducation { ${s('district_education')} }
      civilServantPay { ${s('civil_servant_pay')} }
      educationExpenditure { ${s('education_expenditure')} }
      transferPayments { ${s('transfer_payments')} }
      ratings { ${s('ratings')} }
      surveys { ${s('surveys')} }
      schools(first: 20) { nodes { ${s('schools')}
        stats { ${s('school_stats')} }
        teacherPostings(first: 20) { nodes { ${s('teacher_postings')} } }
        funds { ${s('school_funds')} }
        qualityMonitoring { ${s('quality_monitoring')} }
        visits { ${s('supervision_visits')} }
      } }
    } }
    deliveredUnitCosts { ${s('unit_costs')} }
  }`;
  const res = await hub.graphql(query);
  expect(res.errors).toBeUndefined();
  const out: Record<string, Row[]> = Object.fromEntries(datasets.map((d) => [d.name, []]));
  out.unit_costs.push(...res.data!.deliveredUnitCosts);
  for (const d of res.data!.districts.nodes) {
    out.districts.push(d);
    for (const [field, dataset] of [
      ['districtEducation', 'district_education'],
      ['civilServantPay', 'civil_servant_pay'],
      ['educationExpenditure', 'education_expenditure'],
      ['transferPayments', 'transfer_payments'],
      ['ratings', 'ratings'],
      ['surveys', 'surveys'],
    ]) out[dataset].push(...d[field]);
    for (const school of d.schools.nodes) {
      out.schools.push({ ...school, districtCode: d.code });
      out.school_stats.push(...school.stats);
      out.teacher_postings.push(...school.teacherPostings.nodes.map((p: Row) => ({ ...p, schoolCode: school.code })));
      out.school_funds.push(...school.funds);
      out.quality_monitoring.push(...school.qualityMonitoring);
      out.supervision_visits.push(...school.visits.map((v: Row) => ({ ...v, schoolCode: school.code })));
    }
  }
  return out;
}

/** A graph value as the cell text of the contract: enums lower-case, numbers and booleans as text, null empty. */
function asCell(definition: DatasetDefinition, column: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '';
  const kind = definition.columns.find((c) => c.name === column)!.type.kind;
  if (kind === 'enum') return String(value).toLowerCase();
  if (kind === 'decimal' || kind === 'int') return Decimal.of(String(value)).toString();
  return String(value);
}

test('every example file reads back through the graph, each row naming its delivery', async () => {
  const graph = await readEverything();
  for (const definition of datasets) {
    const { header, rows } = readCsvFile(exampleFile(definition.name));
    const expected = rows
      .map((r) => header.map((column, i) => asCell(definition, column, r[i])).join('|'))
      .sort();
    const actual = graph[definition.name]
      .map((g) => header.map((column) => asCell(definition, column, g[fieldOf(definition.name, column)])).join('|'))
      .sort();
    expect({ dataset: definition.name, rows: actual }).toEqual({ dataset: definition.name, rows: expected });
    for (const g of graph[definition.name]) {
      expect(g.source).toEqual({ dataset: definition.name, fileName: `${definition.name}.csv`, department: definition.department.toUpperCase() });
    }
  }
});

test('source is batched: one lookup for all the rows of a level', async () => {
  const { response, statements } = await hub.counted(`{ schools(first: 500) { nodes { code source { fileName } } } }`);
  expect(response.errors).toBeUndefined();
  expect(response.data!.schools.nodes).toHaveLength(9);
  expect(statements).toBe(2 + SCOPE_STATEMENTS);
});

describe('import batches', () => {
  let corrected: string;
  let rejected: string;
  let original: string;

  beforeAll(async () => {
    const dir = tempDir();
    const { header, rows } = readCsvFile(exampleFile('surveys'));
    const edited = rows.map((r) => (r[0] === '500154' ? r.map((v, i) => (header[i] === 'satisfied' ? '1300' : v)) : r));
    const good = await importFile(ds, { dataset: 'surveys', filePath: writeCsv(path.join(dir, 'surveys-2.csv'), header, edited), loadedBy: 'inspector' });
    const bad = await importFile(ds, {
      dataset: 'surveys',
      filePath: writeCsv(path.join(dir, 'surveys-3.csv'), header, [['500106', '2024', '100', '120'], ['NOPE', '2024', '1', '1']]),
      loadedBy: 'inspector',
    });
    corrected = good.batchId!;
    rejected = bad.batchId!;
    original = (await ds.query(`SELECT id::text AS id FROM import_batch WHERE file_name = 'surveys.csv'`))[0].id;
  });

  test('importBatches filters by dataset, department and status, newest first, paged', async () => {
    const res = await hub.graphql(`{
      all: importBatches(first: 2) { totalCount pageInfo { hasNextPage endCursor } nodes { dataset } }
      surveys: importBatches(filter: { dataset: "surveys" }) { totalCount nodes { fileName status loadedBy rowsUpdated rowsUnchanged } }
      rejected: importBatches(filter: { department: SUPERVISION, status: REJECTED }) { nodes { fileName errorCount rowsRejected } }
    }`);
    expect(res.errors).toBeUndefined();
    expect(res.data!.all).toMatchObject({ totalCount: 16, pageInfo: { hasNextPage: true }, nodes: [{ dataset: 'surveys' }, { dataset: 'surveys' }] });
    expect(res.data!.surveys).toEqual({
      totalCount: 3,
      nodes: [
        { fileName: 'surveys-3.csv', status: 'REJECTED', loadedBy: 'inspector', rowsUpdated: 0, rowsUnchanged: 0 },
        { fileName: 'surveys-2.csv', status: 'SUCCEEDED', loadedBy: 'inspector', rowsUpdated: 1, rowsUnchanged: 2 },
        { fileName: 'surveys.csv', status: 'SUCCEEDED', loadedBy: 'test', rowsUpdated: 0, rowsUnchanged: 0 },
      ],
    });
    expect(res.data!.rejected.nodes).toEqual([{ fileName: 'surveys-3.csv', errorCount: 2, rowsRejected: 2 }]);
  });

  test('importBatch by number or global id: errors of a rejected file, paged', async () => {
    const query = `query($id: ID!, $after: String) { importBatch(id: $id) { id status errors(first: 1, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } nodes { rowNumber column value reason } } } }`;
    const page1 = await hub.graphql(query, { id: rejected });
    expect(page1.errors).toBeUndefined();
    expect(page1.data!.importBatch).toMatchObject({
      id: toGlobalId('ImportBatch', rejected),
      status: 'REJECTED',
      errors: { totalCount: 2, pageInfo: { hasNextPage: true }, nodes: [{ rowNumber: 2, column: 'satisfied', value: '120', reason: '满意人数 120 多于答卷人数 100' }] },
    });
    const page2 = await hub.graphql(query, { id: toGlobalId('ImportBatch', rejected), after: page1.data!.importBatch.errors.pageInfo.endCursor });
    expect(page2.data!.importBatch.errors.nodes).toEqual([
      { rowNumber: 3, column: 'district_code', value: 'NOPE', reason: '“NOPE” 不是已有的区县代码（区县名录（districts）中没有），请先导入区县名录（districts）' },
    ]);
    expect(page2.data!.importBatch.errors.pageInfo.hasNextPage).toBe(false);
  });

  test('stored problems keep their code and figures: rendered in the reader\'s language, exposed for front-ends', async () => {
    const query = `query($id: ID!) { importBatch(id: $id) { errors { nodes { rowNumber reason messageCode messageParams } } } }`;
    const ask = async (language: string) => {
      const res = await fetch(`${hub.url}/graphql`, {
        method: 'POST',
        headers: hub.headers({ 'content-type': 'application/json', 'accept-language': language }),
        body: JSON.stringify({ query, variables: { id: rejected } }),
      });
      return ((await res.json()) as { data: { importBatch: { errors: { nodes: unknown[] } } } }).data.importBatch.errors.nodes;
    };
    const en = await ask('en-US,en;q=0.9');
    expect(en).toEqual([
      { rowNumber: 2, reason: '120 satisfied is more than the 100 respondents', messageCode: 'IMPORT_SATISFIED_ABOVE_RESPONDENTS', messageParams: { satisfied: '120', respondents: '100' } },
      { rowNumber: 3, reason: '"NOPE" is not a known district code (it is not in the districts dataset)', messageCode: 'IMPORT_UNKNOWN_REFERENCE', messageParams: { value: 'NOPE', dataset: 'districts' } },
    ]);
    const zh = await ask('zh-CN,zh;q=0.9');
    expect((zh[0] as { reason: string }).reason).toBe('满意人数 120 多于答卷人数 100');
    // A problem stored before codes existed reads as it was stored.
    await ds.query(`INSERT INTO import_error (batch_id, row_number, column_name, value, reason) VALUES ($1, 9, 'x', 'y', 'an old English reason')`, [rejected]);
    const old = (await ask('zh-CN')) as Array<{ rowNumber: number; reason: string; messageCode: string | null }>;
    expect(old.find((e) => e.rowNumber === 9)).toEqual({ rowNumber: 9, reason: 'an old English reason', messageCode: null, messageParams: null });
    await ds.query(`DELETE FROM import_error WHERE batch_id = $1 AND row_number = 9`, [rejected]);
  });

  test('history: the replaced values with the batches that delivered and replaced them', async () => {
    const res = await hub.graphql(`query($id: ID!) { importBatch(id: $id) { history { totalCount nodes {
      dataset key values replacedAt deliveredBy { fileName } replacedBy { fileName } } } } }`, { id: corrected });
    expect(res.errors).toBeUndefined();
    expect(res.data!.importBatch.history).toMatchObject({
      totalCount: 1,
      nodes: [
        {
          dataset: 'surveys',
          key: { district_code: '500154', year: '2024' },
          values: { respondents: '2023', satisfied: '1769' },
          deliveredBy: { fileName: 'surveys.csv' },
          replacedBy: { fileName: 'surveys-2.csv' },
        },
      ],
    });
    const live = await hub.graphql(`{ district(code: "500154") { surveys { satisfied source { id fileName } } } }`);
    expect(live.data!.district.surveys).toEqual([{ satisfied: 1300, source: { id: toGlobalId('ImportBatch', corrected), fileName: 'surveys-2.csv' } }]);
    const untouched = await hub.graphql(`{ district(code: "500106") { surveys { source { id } } } }`);
    expect(untouched.data!.district.surveys[0].source.id).toBe(toGlobalId('ImportBatch', original));
  });

  test('unknown batches are null; ids that are not batch ids are BAD_USER_INPUT', async () => {
    const missing = await hub.graphql(`{ importBatch(id: "999999") { id } }`);
    expect(missing.data!.importBatch).toBeNull();
    const wrong = await hub.graphql(`{ importBatch(id: "${toGlobalId('School', '3500106001')}") { id } }`);
    expect(wrong.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
  });
});

test('rejected cells and replaced values of teacher postings are for staffing and supervision only', async () => {
  const schema = await buildGraphQLSchema();
  const [{ id }] = await ds.query(`SELECT id::text AS id FROM import_batch WHERE dataset = 'teacher_postings' LIMIT 1`);
  const run = (role: Role) =>
    graphql({
      schema,
      source: `query($id: ID!) { importBatch(id: $id) { fileName history { totalCount } } }`,
      variableValues: { id },
      contextValue: createContext(ds.manager, 'test', inProcessViewer({ subject: 't', role, district: null })),
    });
  const analyst = await run(Role.ANALYST);
  expect(analyst.errors?.[0].message).toBe('教师任职（teacher_postings）批次的 ImportBatch.history 含教师个人数据，当前角色分析人员（analyst）无权读取');
  const staffing = await run(Role.STAFFING);
  expect(staffing.errors).toBeUndefined();
  expect(staffing.data).toEqual({ importBatch: { fileName: 'teacher_postings.csv', history: { totalCount: 0 } } });
});
