import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { DataSource } from 'typeorm';
import { openTestDataSource, truncateAll } from '../../helpers/database';
import { buildDistrict } from '../../helpers/district-fixture';
import { Fixtures } from '../../helpers/fixtures';
import { TestHub } from '../../helpers/server';

/**
 * The XLSX and CSV reports over real HTTP, opened with exceljs and checked cell by cell against fixtures whose
 * figures are worked out in test/helpers/district-fixture.ts.
 */
let ds: DataSource;
let hub: TestHub;

beforeAll(async () => {
  ds = await openTestDataSource();
  await truncateAll(ds);
  const fx = new Fixtures(ds);
  await buildDistrict(fx, { code: 'A01', plannedCertificationYear: 2024 });
  // Sports area per student 8, 8, 80: CV_R5 = 1.0607 > 0.5.
  await buildDistrict(fx, { code: 'B02', thirdPrimarySportsAreaM2: '40000', plannedCertificationYear: 2025 });
  // Third primary school: 3000 m² for 500 students = 6.0 < 7.5 and below 85% of it: the school rule fails,
  // shortfall 7.5 × 500 − 3000 = 750 m².
  await buildDistrict(fx, { code: 'C03', thirdPrimarySportsAreaM2: '3000', plannedCertificationYear: 2025 });
  await fx.districts({ code: 'E05', name: '已认定区', plannedCertificationYear: 2023, certified: true, certifiedYear: 2023 });
  await fx.districtEducation({ districtCode: 'A01', year: 2023, totalStudents: 3000 }, { districtCode: 'B02', year: 2023, totalStudents: 3000 });
  await fx.expenditure(
    { districtCode: 'A01', year: 2023, generalBudgetEducationYuan: '100000000.00' },
    { districtCode: 'A01', year: 2024, generalBudgetEducationYuan: '105000000.50' },
    { districtCode: 'B02', year: 2023, generalBudgetEducationYuan: '90000000' },
    { districtCode: 'B02', year: 2024, generalBudgetEducationYuan: '89999999.99' },
  );
  hub = await TestHub.start(ds);
});
afterAll(async () => {
  await hub.stop();
  await ds.destroy();
});

async function get(path: string) {
  const res = await fetch(`${hub.url}${path}`, { headers: hub.headers() });
  return { res, body: Buffer.from(await res.arrayBuffer()) };
}

async function workbook(path: string): Promise<ExcelJS.Workbook> {
  const { res, body } = await get(path);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  return wb;
}

/** The rows of a worksheet as arrays of cell values (header first), without exceljs's leading empty slot. */
function rowsOf(ws: ExcelJS.Worksheet): unknown[][] {
  const rows: unknown[][] = [];
  ws.eachRow((row) => rows.push(Array.from((row.values as unknown[]).slice(1), (v) => (v === undefined ? null : v))));
  return rows;
}

/** Rows as objects keyed by the English part of each header ("Verdict", "Education expenditure") or the R code. */
function records(ws: ExcelJS.Worksheet): Record<string, unknown>[] {
  const [header, ...rows] = rowsOf(ws);
  const keys = header.map((h) => /^(R\d) /.exec(String(h))?.[1] ?? String(h).replace(/^\S+ /, '').replace(/ \(.*\)$/, ''));
  return rows.map((r) => Object.fromEntries(keys.map((k, i) => [k, r[i] ?? null])));
}

function expectHeaderFrozenAndSized(ws: ExcelJS.Worksheet): void {
  expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  expect(ws.getRow(1).font).toMatchObject({ bold: true });
  for (let c = 1; c <= ws.columnCount; c++) expect(ws.getColumn(c).width).toBeGreaterThan(5);
}

describe('GET /reports/evaluation/<district>/<year>.xlsx', () => {
  test('four sheets: verdict and blockers, indicators, schools, spreads', async () => {
    const wb = await workbook('/reports/evaluation/B02/2024.xlsx');
    expect(wb.worksheets.map((w) => w.name)).toEqual(['结论 Verdict', '指标 Indicators', '一校一策 Schools', '差异系数 Spreads']);
    for (const ws of wb.worksheets) expectHeaderFrozenAndSized(ws);

    const verdict = wb.getWorksheet('结论 Verdict')!;
    expect(verdict.getRow(1).getCell(1).value).toBe('区县代码 District code');
    expect(records(verdict)).toEqual([
      expect.objectContaining({ 'District code': 'B02', District: '区B02', Year: 2024, Standard: 'YJ2017', Verdict: '未达标 NOT_QUALIFIED', Blocker: 'CV_R5', Status: '未达标 NOT_MET', Stage: '小学 primary' }),
    ]);

    const indicators = records(wb.getWorksheet('指标 Indicators')!);
    expect(indicators.map((r) => r.Code)).toEqual([
      'G01', 'G02', 'G03', 'G04', 'G05', 'G06', 'G07', 'G08', 'G09', 'G10', 'G11', 'G12', 'G13', 'G14', 'G15',
      'Q01', 'Q02', 'Q03', 'Q04', 'Q05', 'Q06', 'Q07', 'Q08', 'Q09', 'S01', 'V01', 'V02', 'V03',
    ]);
    const s01 = indicators.find((r) => r.Code === 'S01')!;
    // 900 satisfied of 1000: numbers as numbers.
    expect(s01).toMatchObject({ Part: '社会认可度 Social recognition', Value: 0.9, Threshold: 0.85, Unit: 'share of respondents', Status: '达标 MET' });
    expect(String(s01['Evidence inputs'])).toMatch(/respondents=1000/);
    expect(String(s01['Sources'])).toMatch(/SUPERVISION|supervision/);
    // G08: teachers' pay 120,000 ≥ civil servants' 110,000.
    expect(indicators.find((r) => r.Code === 'G08')).toMatchObject({ Value: 120000, Threshold: 110000, Status: '达标 MET' });

    const schools = records(wb.getWorksheet('一校一策 Schools')!);
    expect(schools.map((r) => r['School code'])).toEqual(['B02P1', 'B02P2', 'B02P3', 'B02J1', 'B02J2']);
    // The R columns carry their unit in the header and hold numbers.
    const header = rowsOf(wb.getWorksheet('一校一策 Schools')!)[0] as string[];
    expect(header).toContain('R5 生均体育运动场馆面积 Sports ground and hall area per student (平方米/生 m² per student)');
    const p3 = schools[2];
    expect(p3).toMatchObject({ Stage: '小学 primary', 'School rule': '达标 MET', 'Indicators met': 7, R5: 80 });
    expect(schools[3]).toMatchObject({ Stage: '初中 junior', R1: 6.25 });

    const spreads = records(wb.getWorksheet('差异系数 Spreads')!);
    expect(spreads).toHaveLength(14);
    const r5 = spreads.find((r) => r.Code === 'CV_R5' && r.Stage === '小学 primary')!;
    expect(r5.CV as number).toBeCloseTo(1.0607, 4);
    expect(r5).toMatchObject({ Limit: 0.5, Schools: 3, Status: '未达标 NOT_MET' });
    expect(spreads.find((r) => r.Code === 'CV_R1' && r.Stage === '初中 junior')).toMatchObject({ CV: 0, Limit: 0.45, Status: '达标 MET' });
  });

  test('a failing school carries its "one school, one plan" shortfall', async () => {
    const wb = await workbook('/reports/evaluation/C03/2024.xlsx');
    const verdict = records(wb.getWorksheet('结论 Verdict')!);
    expect(verdict).toEqual([expect.objectContaining({ Verdict: '未达标 NOT_QUALIFIED', Blocker: 'R5', 'School code': 'C03P3' })]);
    const p3 = records(wb.getWorksheet('一校一策 Schools')!).find((r) => r['School code'] === 'C03P3')!;
    expect(p3).toMatchObject({ 'School rule': '未达标 NOT_MET', 'Indicators met': 6, R5: 6, 'Below threshold': 'R5' });
    expect(String(p3['Shortfalls'])).toMatch(/^R5: .*750 m²/);
  });

  test('a qualified district: one verdict row without blockers', async () => {
    const wb = await workbook('/reports/evaluation/A01/2024.xlsx');
    expect(records(wb.getWorksheet('结论 Verdict')!)).toEqual([expect.objectContaining({ Verdict: '达标 QUALIFIED', Blocker: null, 'What fails or is missing': null })]);
  });

  test('the download is named after the district and year', async () => {
    const { res } = await get('/reports/evaluation/A01/2024.xlsx');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="evaluation-A01-2024.xlsx"');
  });
});

describe('GET /reports/city/<year>.xlsx', () => {
  test('one row per district with verdict, counts, blockers and funding checks', async () => {
    const wb = await workbook('/reports/city/2024.xlsx');
    expect(wb.worksheets.map((w) => w.name)).toEqual(['区县 Districts', '两个只增不减 Funding checks', '认定进度 Certification progress', '监测预警 Early warnings']);
    for (const ws of wb.worksheets) expectHeaderFrozenAndSized(ws);

    const districts = records(wb.getWorksheet('区县 Districts')!);
    expect(districts.map((d) => d['District code'])).toEqual(['A01', 'B02', 'C03', 'E05']);
    expect(districts[0]).toMatchObject({
      District: '区A01', 'Planned certification year': 2024, Verdict: '达标 QUALIFIED', 'Not met': 0, 'No data': 0, Blockers: null,
      'Total expenditure check': '未减少 MET', 'Per-student check': '未减少 MET',
    });
    expect(districts[1]).toMatchObject({ Verdict: '未达标 NOT_QUALIFIED', 'Not met': 1, Blockers: 'CV_R5', 'Total expenditure check': '减少 VIOLATED' });
    expect(districts[3]).toMatchObject({ District: '已认定区', 'Certified in': 2023, Verdict: '数据不足 INSUFFICIENT_DATA', 'Total expenditure check': '无数据 NO_DATA' });
    expect(districts[3]['No data'] as number).toBeGreaterThan(0);

    const funding = records(wb.getWorksheet('两个只增不减 Funding checks')!);
    expect(funding[0]).toMatchObject({
      'District code': 'A01', Year: 2024, Basis: '决算 final accounts', 'Education expenditure': 105000000.5, Enrolment: 3000,
      'Per student': 35000, 'Previous year expenditure': 100000000, 'Expenditure change': 0.05, 'Total expenditure check': '未减少 MET',
    });
    expect(funding[1]).toMatchObject({ 'District code': 'B02', 'Education expenditure': 89999999.99, 'Total expenditure check': '减少 VIOLATED', 'Per-student check': '减少 VIOLATED' });
    expect(funding[2]).toMatchObject({ 'District code': 'C03', 'Education expenditure': null, 'Total expenditure check': '无数据 NO_DATA' });
    // Units in the header, money with a number format.
    expect(wb.getWorksheet('两个只增不减 Funding checks')!.getRow(1).getCell(5).value).toBe('一般公共预算教育支出 Education expenditure (元 yuan)');
    expect(wb.getWorksheet('两个只增不减 Funding checks')!.getRow(2).getCell(5).numFmt).toBe('#,##0.00');

    expect(records(wb.getWorksheet('认定进度 Certification progress')!)).toEqual([
      { 'Planned year': 2023, Planned: 1, 'Qualified on the data': 0, Certified: 1, 'Planned, cumulative': 1, 'Qualified on the data, cumulative': 0, 'Certified, cumulative': 1 },
      { 'Planned year': 2024, Planned: 1, 'Qualified on the data': 1, Certified: 0, 'Planned, cumulative': 2, 'Qualified on the data, cumulative': 1, 'Certified, cumulative': 1 },
      { 'Planned year': 2025, Planned: 2, 'Qualified on the data': 0, Certified: 0, 'Planned, cumulative': 4, 'Qualified on the data, cumulative': 1, 'Certified, cumulative': 1 },
    ]);
    expect(records(wb.getWorksheet('监测预警 Early warnings')!).map((w) => [w['District code'], w.Blockers])).toEqual([
      ['B02', 'CV_R5'],
      ['C03', 'R5'],
    ]);
  });
});

describe('CSV variants', () => {
  test('each sheet of the city workbook as CSV: same headers and cells, UTF-8 with BOM', async () => {
    const wb = await workbook('/reports/city/2024.xlsx');
    for (const [slug, name] of [['districts', '区县 Districts'], ['funding', '两个只增不减 Funding checks'], ['progress', '认定进度 Certification progress'], ['early-warnings', '监测预警 Early warnings']]) {
      const { res, body } = await get(`/reports/city/2024/${slug}.csv`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(res.headers.get('content-disposition')).toBe(`attachment; filename="city-2024-${slug}.csv"`);
      const text = body.toString('utf8');
      expect(text.startsWith('\uFEFF')).toBe(true);
      const csv: string[][] = parse(text.slice(1), { relax_column_count: false });
      const xlsx = rowsOf(wb.getWorksheet(name)!).map((r) => r.map((v) => (v === null ? '' : String(v))));
      // exceljs drops trailing empty cells of a row; the CSV keeps every column.
      expect(csv.map((r) => r.slice(0, xlsx[0].length))).toEqual(xlsx.map((r) => [...r, ...Array(xlsx[0].length - r.length).fill('')]));
    }
  });

  test('the evaluation sheets as CSV', async () => {
    const { res, body } = await get('/reports/evaluation/C03/2024/schools.csv');
    expect(res.status).toBe(200);
    const [header, ...rows]: string[][] = parse(body.toString('utf8').slice(1));
    expect(header[0]).toBe('学段 Stage');
    const p3 = rows.find((r) => r[1] === 'C03P3')!;
    expect(p3[header.indexOf('R5 生均体育运动场馆面积 Sports ground and hall area per student (平方米/生 m² per student)')]).toBe('6');
    for (const sheet of ['verdict', 'indicators', 'spreads']) expect((await get(`/reports/evaluation/C03/2024/${sheet}.csv`)).res.status).toBe(200);
  });
});

describe('errors are JSON', () => {
  test.each([
    ['/reports/evaluation/ZZ9/2024.xlsx', 404, 'NOT_FOUND', /ZZ9/],
    ['/reports/evaluation/ZZ9/2024/verdict.csv', 404, 'NOT_FOUND', /ZZ9/],
    ['/reports/evaluation/A01/20x4.xlsx', 400, 'BAD_USER_INPUT', /year/],
    ['/reports/evaluation/A01/1999.xlsx', 400, 'BAD_USER_INPUT', /year/],
    ['/reports/evaluation/A01/99999/verdict.csv', 400, 'BAD_USER_INPUT', /year/],
    ['/reports/city/abcd.xlsx', 400, 'BAD_USER_INPUT', /year/],
    ['/reports/city/2024/nope.csv', 404, 'NOT_FOUND', /sheets: districts, funding, progress, early-warnings/],
    ['/reports/evaluation/A01/2024/nope.csv', 404, 'NOT_FOUND', /sheets: verdict, indicators, schools, spreads/],
    ['/reports/city/2024.pdf', 404, 'NOT_FOUND', /\.xlsx/],
    ['/reports/elsewhere', 404, 'NOT_FOUND', /no such report/],
  ])('%s → %i', async (path, status, code, message) => {
    const { res, body } = await get(path);
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const json = JSON.parse(body.toString('utf8'));
    expect(json.error.code).toBe(code);
    expect(json.error.message).toMatch(message);
  });
});

test('the overview page is served at / with its script allowed by a nonce, and /graphql still answers', async () => {
  const { res, body } = await get('/');
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/html/);
  const html = body.toString('utf8');
  const nonce = /script-src 'nonce-([^']+)'/.exec(res.headers.get('content-security-policy') ?? '')![1];
  expect(html).toContain(`<script nonce="${nonce}">`);
  expect(html).toContain('data-default-year="2024"');
  expect(html).not.toMatch(/<script[^>]+src=/);
  expect((await hub.graphql('{ cityEvaluation(year: 2024) { qualifiedCount } }')).data).toEqual({ cityEvaluation: { qualifiedCount: 1 } });
});
