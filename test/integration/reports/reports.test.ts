import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { DataSource } from 'typeorm';
import { openTestDataSource, truncateAll } from '../../helpers/database';
import { buildDistrict } from '../../helpers/district-fixture';
import { Fixtures } from '../../helpers/fixtures';
import { Department } from '../../../src/common/vocabulary';
import { TestHub } from '../../helpers/server';
import { unzip } from '../../helpers/zip';

/**
 * The XLSX and CSV reports over real HTTP, opened with exceljs (and their XML read as written) and checked cell by
 * cell against fixtures whose figures are worked out in test/helpers/district-fixture.ts; in both languages.
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
  // The ledger of C03: one overdue finding at its failing school, one closed at the district level.
  const batch = await fx.batch(Department.SUPERVISION);
  await ds.query(`INSERT INTO supervision_visits (visit_id, school_code, district_code, visited_on, batch_id) VALUES ('V-C03', 'C03P3', 'C03', '2024-03-01', $1)`, [batch]);
  await ds.query(
    `INSERT INTO supervision_findings (batch_id, visit_id, district_code, school_code, indicator_code, description, severity, inspectors, raised_on, due_on, state, closed_on, raised_by)
     VALUES ($1, 'V-C03', 'C03', 'C03P3', 'R5', '运动场地面积不足', 'major', '{王督学,李督学}', '2024-03-01', '2024-06-30', 'rectifying', NULL, 'x'),
            ($1, 'V-C03', 'C03', NULL, NULL, '教师交流轮岗台账不全', NULL, '{王督学}', '2024-03-01', '2024-05-31', 'closed', '2024-05-20', 'x')`,
    [batch],
  );
  hub = await TestHub.start(ds);
});
afterAll(async () => {
  await hub.stop();
  await ds.destroy();
});

async function get(path: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${hub.url}${path}`, { headers: hub.headers(headers) });
  return { res, body: Buffer.from(await res.arrayBuffer()) };
}

async function download(path: string, headers: Record<string, string> = {}): Promise<{ wb: ExcelJS.Workbook; body: Buffer; res: Response }> {
  const { res, body } = await get(path, headers);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  return { wb, body, res };
}
const workbook = async (path: string, headers: Record<string, string> = {}) => (await download(path, headers)).wb;

/** The row of the table's header: the last frozen row (the title block is above it). */
const headerRowOf = (ws: ExcelJS.Worksheet) => (ws.views[0] as { ySplit: number }).ySplit;

/** The rows of a worksheet's table as arrays of cell values (header first), without exceljs's leading empty slot. */
function rowsOf(ws: ExcelJS.Worksheet): unknown[][] {
  const rows: unknown[][] = [];
  const first = headerRowOf(ws);
  ws.eachRow((row, n) => {
    if (n >= first) rows.push(Array.from((row.values as unknown[]).slice(1), (v) => (v === undefined ? null : v)));
  });
  return rows;
}

/** Table rows as objects keyed by header ("Verdict", "Education expenditure (yuan)") or by the R code. */
function records(ws: ExcelJS.Worksheet): Record<string, unknown>[] {
  const [header, ...rows] = rowsOf(ws);
  const keys = header.map((h) => /^(R\d) /.exec(String(h))?.[1] ?? String(h));
  return rows.map((r) => Object.fromEntries(keys.map((k, i) => [k, r[i] ?? null])));
}

function expectPrintable(ws: ExcelJS.Worksheet): void {
  const header = headerRowOf(ws);
  expect(ws.views[0]).toMatchObject({ state: 'frozen' });
  expect(ws.getRow(header).getCell(1).font).toMatchObject({ bold: true });
  expect(ws.pageSetup).toMatchObject({ paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: `${header}:${header}` });
  expect(ws.autoFilter).toBeTruthy();
  for (let c = 1; c <= ws.columnCount; c++) expect(ws.getColumn(c).width).toBeGreaterThan(5);
  // A wrapped row is as tall as its text needs: no row keeps Excel's default height under a long text.
  ws.eachRow((row, n) => {
    if (n <= header) return;
    let longest = 1;
    row.eachCell((cell) => {
      if (typeof cell.value === 'string') longest = Math.max(longest, cell.value.split('\n').length);
    });
    expect(row.height ?? 15).toBeGreaterThanOrEqual(Math.min(409, longest * 14));
  });
}

const CJK = /[\u4e00-\u9fff]/;
const LATIN_WORD = /[A-Za-z]{2,}/;

describe('GET /reports/evaluation/<district>/<year>.xlsx', () => {
  test('in Chinese by default: Chinese sheet and file names, title block, one language per verdict cell', async () => {
    const { wb, res } = await download('/reports/evaluation/B02/2024.xlsx');
    expect(res.headers.get('content-language')).toBe('zh-CN');
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="evaluation-B02-2024.xlsx"; filename*=UTF-8''${encodeURIComponent('区B02-2024年优质均衡评估.xlsx')}`,
    );
    expect(wb.worksheets.map((w) => w.name)).toEqual(['结论', '指标', '一校一策', '差异系数', '数据来源']);
    for (const ws of wb.worksheets) expectPrintable(ws);

    const verdict = wb.getWorksheet('结论')!;
    expect(verdict.getCell('A1').value).toBe('区B022024年县域义务教育优质均衡发展督导评估报告');
    const block = [2, 3, 4, 5].map((r) => String(verdict.getCell(`A${r}`).value));
    expect(block[0]).toContain('区县：区B02（B02）');
    expect(block[0]).toContain('年度：2024年');
    expect(block[0]).toContain('结论：未达标');
    expect(block[2]).toContain('教督〔2017〕6号');
    // Data as of: when the fixtures' batch was loaded, Beijing time.
    expect(block[3]).toMatch(/数据截至：\d{4}-\d\d-\d\d \d\d:\d\d/);
    expect(verdict.getCell('A2').isMerged).toBe(true);

    const rows = records(verdict);
    expect(rows).toEqual([expect.objectContaining({ 区县代码: 'B02', 区县: '区B02', 年度: 2024, 问题代码: 'CV_R5', 学段: '小学' })]);
    expect(rows[0]).toMatchObject({ 结论: '未达标', 达标情况: '未达标' });
    for (const ws of wb.worksheets) {
      const header = rowsOf(ws)[0] as string[];
      for (const h of header) expect(CJK.test(h) || /^R\d /.test(h)).toBe(true);
    }
    const statuses = records(wb.getWorksheet('指标')!).map((r) => r['达标情况']);
    expect(new Set(statuses)).toEqual(new Set(['达标']));
  });

  test('in English with ?lang=en or Accept-Language: en, values as numbers', async () => {
    const { wb, res } = await download('/reports/evaluation/B02/2024.xlsx?lang=en');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="evaluation-B02-2024.xlsx"; filename*=UTF-8''evaluation-B02-2024.xlsx`);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Verdict', 'Indicators', 'Schools', 'Spreads', 'Sources']);
    const viaHeader = await workbook('/reports/evaluation/B02/2024.xlsx', { 'accept-language': 'en-GB,en;q=0.9' });
    expect(viaHeader.worksheets.map((w) => w.name)).toEqual(['Verdict', 'Indicators', 'Schools', 'Spreads', 'Sources']);

    const verdict = wb.getWorksheet('Verdict')!;
    expect(verdict.getCell('A1').value).toBe('区B02: supervision and evaluation of quality-balanced compulsory education, 2024');
    expect(records(verdict)).toEqual([
      expect.objectContaining({ 'District code': 'B02', Year: 2024, Verdict: 'Not qualified', Item: 'CV_R5', Status: 'Not met', Stage: 'Primary' }),
    ]);

    const indicators = records(wb.getWorksheet('Indicators')!);
    expect(indicators.map((r) => r.Code)).toEqual([
      'G01', 'G02', 'G03', 'G04', 'G05', 'G06', 'G07', 'G08', 'G09', 'G10', 'G11', 'G12', 'G13', 'G14', 'G15',
      'Q01', 'Q02', 'Q03', 'Q04', 'Q05', 'Q06', 'Q07', 'Q08', 'Q09', 'S01', 'V01', 'V02', 'V03',
    ]);
    const s01 = indicators.find((r) => r.Code === 'S01')!;
    // 900 satisfied of 1000: numbers as numbers.
    expect(s01).toMatchObject({ Part: 'Social recognition', Value: 0.9, Threshold: 0.85, Unit: 'share of respondents', Status: 'Met' });
    expect(String(s01.Inputs)).toMatch(/respondents=1000/);
    expect(String(s01.Sources)).toMatch(/^supervision office · surveys · .* \(1 row\)$/);
    // G08: teachers' pay 120,000 ≥ civil servants' 110,000.
    expect(indicators.find((r) => r.Code === 'G08')).toMatchObject({ Value: 120000, Threshold: 110000, Status: 'Met' });
    for (const r of indicators) expect(['Met', 'Not met', 'No data']).toContain(r.Status);

    const schools = records(wb.getWorksheet('Schools')!);
    expect(schools.map((r) => r['School code'])).toEqual(['B02P1', 'B02P2', 'B02P3', 'B02J1', 'B02J2']);
    const header = rowsOf(wb.getWorksheet('Schools')!)[0] as string[];
    expect(header).toContain('R5 Sports ground and hall area per student (m² per student)');
    expect(schools[2]).toMatchObject({ Stage: 'Primary', 'School rule': 'Met', 'Indicators met (of 7)': 7, R5: 80 });
    expect(schools[3]).toMatchObject({ Stage: 'Junior secondary', R1: 6.25 });

    const spreads = records(wb.getWorksheet('Spreads')!);
    expect(spreads).toHaveLength(14);
    const r5 = spreads.find((r) => r.Code === 'CV_R5' && r.Stage === 'Primary')!;
    expect(r5.CV as number).toBeCloseTo(1.0607, 4);
    expect(r5).toMatchObject({ Limit: 0.5, Schools: 3, Status: 'Not met' });
    expect(spreads.find((r) => r.Code === 'CV_R1' && r.Stage === 'Junior secondary')).toMatchObject({ CV: 0, Limit: 0.45, Status: 'Met' });
  });

  test('the Sources sheet lists every departmental row used, once, with the figures it feeds', async () => {
    const wb = await workbook('/reports/evaluation/B02/2024.xlsx?lang=en');
    const sources = records(wb.getWorksheet('Sources')!);
    const keysOf = (dataset: string) => sources.filter((s) => s.Dataset === dataset).flatMap((s) => String(s['Rows (keys)']).split('; '));
    expect(keysOf('schools').sort()).toEqual(['B02J1', 'B02J2', 'B02P1', 'B02P2', 'B02P3']);
    const stats = keysOf('school_stats');
    expect(new Set(stats).size).toBe(stats.length);
    expect(stats).toHaveLength(5);
    for (const s of sources) expect(s.Rows).toBe(String(s['Rows (keys)']).split('; ').length);
    const p3stats = sources.find((s) => s.Dataset === 'school_stats' && String(s['Rows (keys)']).includes('B02P3'))!;
    expect(String(p3stats['Used by']).split(', ')).toEqual(expect.arrayContaining(['R4', 'R5', 'CV_R5', 'G03', 'G04', 'G05']));
  });

  test('a failing school carries its "one school, one plan" shortfall; its name is beside its blocker', async () => {
    const wb = await workbook('/reports/evaluation/C03/2024.xlsx?lang=en');
    expect(records(wb.getWorksheet('Verdict')!)).toEqual([expect.objectContaining({ Verdict: 'Not qualified', Item: 'R5', 'School code': 'C03P3' })]);
    const p3 = records(wb.getWorksheet('Schools')!).find((r) => r['School code'] === 'C03P3')!;
    expect(p3).toMatchObject({ 'School rule': 'Not met', 'Indicators met (of 7)': 6, R5: 6, 'Below threshold': 'R5' });
    expect(String(p3['Shortfalls (one school, one plan)'])).toMatch(/^R5: .*750 m²/);
    // Its cheapest priced plan: R5 to 85% (3,187.5 m² → +188 m² × 600 yuan); the passing schools have none.
    expect(p3['Cheapest plan to qualify (estimate; unit costs in the header)']).toBe(
      'cheapest plan: R5 raised to at least 85% of its threshold, the others met; 112800 yuan once and 0 yuan a year, 112800 yuan over 5 years (R5 at default unit costs)');
    const p1 = records(wb.getWorksheet('Schools')!).find((r) => r['School code'] === 'C03P1')!;
    expect(p1['Cheapest plan to qualify (estimate; unit costs in the header)'] ?? null).toBeNull();
  });

  test('in zh-CN the engine\'s sentences are Chinese too: shortfalls, notes and what fails', async () => {
    const wb = (await download('/reports/evaluation/C03/2024.xlsx')).wb;
    const p3 = records(wb.getWorksheet('一校一策')!).find((r) => Object.values(r).includes('C03P3'))!;
    const cells = Object.values(p3).filter((v): v is string => typeof v === 'string');
    expect(cells.some((c) => /^R5：还需增加体育运动场馆面积750平方米/.test(c))).toBe(true);
    // No English sentence (three Latin words in a row) in any cell the engine wrote.
    for (const ws of wb.worksheets) {
      for (const row of rowsOf(ws)) {
        for (const cell of row) if (typeof cell === 'string') expect({ sheet: ws.name, cell, english: /[A-Za-z]{2,}[ ,]+[A-Za-z]{2,}[ ,]+[A-Za-z]{2,}/.test(cell) }).toMatchObject({ english: false });
      }
    }
  });

  test('a qualified district: one verdict row saying nothing fails', async () => {
    expect(records((await workbook('/reports/evaluation/A01/2024.xlsx')).getWorksheet('结论')!)).toEqual([
      expect.objectContaining({ 结论: '达标', 问题代码: null, 说明: '各项指标均达标，无问题项' }),
    ]);
  });

  test('the XML says A4, fit to one page wide, header rows repeated, autofilter, page-numbered footer', async () => {
    const { body } = await download('/reports/evaluation/B02/2024.xlsx');
    const files = unzip(body);
    const book = files.get('xl/workbook.xml')!;
    const sheets = [...files.keys()].filter((f) => /^xl\/worksheets\/sheet\d+\.xml$/.test(f)).sort();
    expect(sheets).toHaveLength(5);
    for (const [i, name] of ['结论', '指标', '一校一策', '差异系数', '数据来源'].entries()) {
      expect(book).toContain(`<definedName name="_xlnm.Print_Titles" localSheetId="${i}">&apos;${name}&apos;!$7:$7</definedName>`);
    }
    for (const f of sheets) {
      const xml = files.get(f)!;
      expect(xml).toContain('<pageSetUpPr fitToPage="1"/>');
      expect(xml).toMatch(/<pageSetup paperSize="9" orientation="(landscape|portrait)"[^>]* fitToWidth="1" fitToHeight="0"/);
      expect(xml).toMatch(/<autoFilter ref="A7:[A-Z]+\d+"\/>/);
      expect(xml).toContain('<oddFooter>');
      expect(xml).toMatch(/&amp;P[^<]*&amp;N/);
    }
  });
});

test('a district with findings gets its ledger (督导台账) as a sheet: those not closed first, overdue marked', async () => {
  const { wb } = await download('/reports/evaluation/C03/2024.xlsx');
  expect(wb.worksheets.map((w) => w.name)).toEqual(['结论', '指标', '一校一策', '差异系数', '督导台账', '数据来源']);
  const ledger = wb.getWorksheet('督导台账')!;
  expectPrintable(ledger);
  expect(records(ledger)).toEqual([
    expect.objectContaining({ 学校代码: 'C03P3', 代码: 'R5', 问题描述: '运动场地面积不足', 严重程度: '较重', 整改状态: '整改中', 发现日期: '2024-03-01', 整改期限: '2024-06-30', 逾期: '是', 销号日期: null, 督学: '王督学、李督学' }),
    expect.objectContaining({ 学校代码: null, 问题描述: '教师交流轮岗台账不全', 整改状态: '已销号', 逾期: null, 销号日期: '2024-05-20' }),
  ]);
  const en = await download('/reports/evaluation/C03/2024.xlsx?lang=en');
  expect(records(en.wb.getWorksheet('Supervision ledger')!)[0]).toMatchObject({ Severity: 'major', State: 'rectifying', Overdue: 'Yes', Inspectors: '王督学, 李督学' });
  const csv = await get('/reports/evaluation/C03/2024/ledger.csv');
  expect(csv.res.status).toBe(200);
  expect(csv.body.toString('utf8')).toContain('运动场地面积不足');
});

describe('GET /reports/city/<year>.xlsx', () => {
  test('one row per district with verdict, counts, blockers and funding checks', async () => {
    const { wb, res } = await download('/reports/city/2024.xlsx?lang=en');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="city-2024.xlsx"; filename*=UTF-8''city-2024.xlsx`);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Districts', 'Funding checks', 'Certification progress', 'Early warnings']);
    for (const ws of wb.worksheets) expectPrintable(ws);

    const districts = records(wb.getWorksheet('Districts')!);
    expect(districts.map((d) => d['District code'])).toEqual(['A01', 'B02', 'C03', 'E05']);
    expect(districts[0]).toMatchObject({
      District: '区A01', 'Planned certification year': 2024, Verdict: 'Qualified', 'Not met (items)': 0, 'No data (items)': 0,
      'Items failing or without data': null, 'Total expenditure check': 'Not decreased', 'Per-student check': 'Not decreased',
    });
    expect(districts[1]).toMatchObject({ Verdict: 'Not qualified', 'Not met (items)': 1, 'Items failing or without data': 'CV_R5', 'Total expenditure check': 'Decreased' });
    expect(districts[3]).toMatchObject({ District: '已认定区', 'Certified in': 2023, Verdict: 'Insufficient data', 'Total expenditure check': 'No data' });
    expect(districts[3]['No data (items)'] as number).toBeGreaterThan(0);

    const funding = records(wb.getWorksheet('Funding checks')!);
    expect(funding[0]).toMatchObject({
      'District code': 'A01', Year: 2024, Basis: 'Final accounts', 'Education expenditure (yuan)': 105000000.5, 'Enrolment (students)': 3000,
      'Per student (yuan)': 35000, 'Previous year expenditure (yuan)': 100000000, 'Expenditure change': 0.05, 'Total expenditure check': 'Not decreased',
    });
    expect(funding[1]).toMatchObject({ 'District code': 'B02', 'Education expenditure (yuan)': 89999999.99, 'Total expenditure check': 'Decreased', 'Per-student check': 'Decreased' });
    expect(funding[2]).toMatchObject({ 'District code': 'C03', 'Education expenditure (yuan)': null, 'Total expenditure check': 'No data' });
    const ws = wb.getWorksheet('Funding checks')!;
    expect(ws.getRow(headerRowOf(ws) + 1).getCell(5).numFmt).toBe('#,##0.00');

    expect(records(wb.getWorksheet('Certification progress')!)).toEqual([
      { 'Planned certification year': 2023, 'Planned (districts)': 1, 'Qualified on the data (districts)': 0, 'Certified (districts)': 1, 'Planned, cumulative': 1, 'Qualified on the data, cumulative': 0, 'Certified, cumulative': 1 },
      { 'Planned certification year': 2024, 'Planned (districts)': 1, 'Qualified on the data (districts)': 1, 'Certified (districts)': 0, 'Planned, cumulative': 2, 'Qualified on the data, cumulative': 1, 'Certified, cumulative': 1 },
      { 'Planned certification year': 2025, 'Planned (districts)': 2, 'Qualified on the data (districts)': 0, 'Certified (districts)': 0, 'Planned, cumulative': 4, 'Qualified on the data, cumulative': 1, 'Certified, cumulative': 1 },
    ]);
    expect(records(wb.getWorksheet('Early warnings')!).map((w) => [w['District code'], w['Items failing or without data']])).toEqual([
      ['B02', 'CV_R5'],
      ['C03', 'R5'],
    ]);
  });

  test('in Chinese: 区县, 两个只增不减 with 决算, 未减少/减少/数据不足', async () => {
    const { wb, res } = await download('/reports/city/2024.xlsx');
    expect(res.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('2024年全市优质均衡概况.xlsx')}`);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['区县', '两个只增不减', '认定进度', '监测预警']);
    const funding = records(wb.getWorksheet('两个只增不减')!);
    expect(funding.map((f) => [f['口径'], f['教育支出只增不减']])).toEqual([['决算', '未减少'], ['决算', '减少'], [null, '数据不足'], [null, '数据不足']]);
    const districts = records(wb.getWorksheet('区县')!);
    expect(districts.map((d) => d['结论'])).toEqual(['达标', '未达标', '未达标', '数据不足']);
    for (const d of districts) expect(LATIN_WORD.test(String(d['结论']))).toBe(false);
  });
});

describe('CSV variants', () => {
  test('each sheet of the city workbook as CSV: same headers and cells, UTF-8 with BOM, named in the language', async () => {
    const wb = await workbook('/reports/city/2024.xlsx');
    for (const [slug, name] of [['districts', '区县'], ['funding', '两个只增不减'], ['progress', '认定进度'], ['early-warnings', '监测预警']]) {
      const { res, body } = await get(`/reports/city/2024/${slug}.csv`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(res.headers.get('content-disposition')).toBe(
        `attachment; filename="city-2024-${slug}.csv"; filename*=UTF-8''${encodeURIComponent(`2024年全市优质均衡概况-${name}.csv`)}`,
      );
      const text = body.toString('utf8');
      expect(text.startsWith('\uFEFF')).toBe(true);
      const csv: string[][] = parse(text.slice(1), { relax_column_count: false });
      const xlsx = rowsOf(wb.getWorksheet(name)!).map((r) => r.map((v) => (v === null ? '' : String(v))));
      // exceljs drops trailing empty cells of a row; the CSV keeps every column.
      expect(csv.map((r) => r.slice(0, xlsx[0].length))).toEqual(xlsx.map((r) => [...r, ...Array(xlsx[0].length - r.length).fill('')]));
    }
  });

  test('the evaluation sheets as CSV, headers in the language asked for', async () => {
    const { res, body } = await get('/reports/evaluation/C03/2024/schools.csv?lang=en');
    expect(res.status).toBe(200);
    const [header, ...rows]: string[][] = parse(body.toString('utf8').slice(1));
    expect(header[0]).toBe('Stage');
    const p3 = rows.find((r) => r[1] === 'C03P3')!;
    expect(p3[header.indexOf('R5 Sports ground and hall area per student (m² per student)')]).toBe('6');
    const zh: string[][] = parse((await get('/reports/evaluation/C03/2024/schools.csv')).body.toString('utf8').slice(1));
    expect(zh[0].slice(0, 4)).toEqual(['学段', '学校代码', '学校', '校校达标']);
    for (const sheet of ['verdict', 'indicators', 'spreads', 'sources']) expect((await get(`/reports/evaluation/C03/2024/${sheet}.csv`)).res.status).toBe(200);
  });
});

describe('errors in the one error shape, in the language asked for', () => {
  test.each([
    ['/reports/evaluation/ZZ9/2024.xlsx', 404, 'NOT_FOUND', 'REPORT_DISTRICT_NOT_FOUND', /ZZ9/],
    ['/reports/evaluation/ZZ9/2024/verdict.csv', 404, 'NOT_FOUND', 'REPORT_DISTRICT_NOT_FOUND', /ZZ9/],
    ['/reports/evaluation/A01/20x4.xlsx', 400, 'BAD_USER_INPUT', 'REPORT_YEAR_INVALID', /年度须为 2000 至 2100/],
    ['/reports/evaluation/A01/1999.xlsx', 400, 'BAD_USER_INPUT', 'REPORT_YEAR_INVALID', /1999/],
    ['/reports/evaluation/A01/99999/verdict.csv', 400, 'BAD_USER_INPUT', 'REPORT_YEAR_INVALID', /99999/],
    ['/reports/city/abcd.xlsx', 400, 'BAD_USER_INPUT', 'REPORT_YEAR_INVALID', /abcd/],
    ['/reports/city/2024/nope.csv', 404, 'NOT_FOUND', 'REPORT_SHEET_NOT_FOUND', /可选：districts、funding、progress和early-warnings/],
    ['/reports/evaluation/A01/2024/nope.csv', 404, 'NOT_FOUND', 'REPORT_SHEET_NOT_FOUND', /verdict、indicators、schools、spreads和sources/],
    ['/reports/city/2024.pdf', 404, 'NOT_FOUND', 'REPORT_WRONG_EXTENSION', /\.xlsx/],
    ['/reports/elsewhere', 404, 'NOT_FOUND', 'REPORT_NOT_FOUND', /没有这个报表/],
    ['/reports/city/2024.xlsx?lang=de', 400, 'BAD_USER_INPUT', 'REPORT_LANG_INVALID', /zh-CN（中文）或 en/],
  ])('%s → %i', async (path, status, code, messageCode, message) => {
    const { res, body } = await get(path);
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const json = JSON.parse(body.toString('utf8'));
    expect(json.errors).toHaveLength(1);
    expect(json.errors[0].extensions).toMatchObject({ code, messageCode });
    expect(json.errors[0].message).toMatch(message);
  });

  test('English on request, the token refusal included', async () => {
    const bad = JSON.parse((await get('/reports/city/20x4.xlsx?lang=en')).body.toString('utf8'));
    expect(bad.errors[0].message).toBe('the year must be a year from 2000 to 2100 (got "20x4")');
    const res = await fetch(`${hub.url}/reports/city/2024.xlsx?lang=en`);
    expect(res.status).toBe(401);
    expect(((await res.json()) as { errors: unknown[] }).errors[0]).toMatchObject({ message: 'no token: send Authorization: Bearer <JWT>', extensions: { code: 'UNAUTHENTICATED' } });
  });

  test('a district officer asking for another district gets "not found", like the graph', async () => {
    const officer = hub.as({ role: 'district_officer' as never, district: 'A01' });
    const res = await fetch(`${hub.url}/reports/evaluation/B02/2024.xlsx`, { headers: officer.headers() });
    expect(res.status).toBe(404);
    expect((await fetch(`${hub.url}/reports/evaluation/A01/2024.xlsx`, { headers: officer.headers() })).status).toBe(200);
  });
});

test('the overview page is served at / with its scripts allowed by a nonce, its assets from the hub, and /graphql still answers', async () => {
  const { res, body } = await get('/');
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/html/);
  const html = body.toString('utf8');
  const nonce = /script-src 'nonce-([^']+)'/.exec(res.headers.get('content-security-policy') ?? '')![1];
  expect(html).toContain(`<script nonce="${nonce}">`);
  expect(html).toContain('<html lang="zh-CN">');
  expect(html).toContain('data-default-year="2024"');
  // Every script is the hub's own: inline with the nonce, or from /assets (never another host).
  for (const src of html.match(/<script[^>]+src="[^"]*"/g) ?? []) expect(src).toMatch(/src="\/assets\//);
  const echarts = await get('/assets/echarts.min.js');
  expect(echarts.res.status).toBe(200);
  expect(echarts.body.length).toBeGreaterThan(500_000);
  const map = JSON.parse((await get('/assets/chongqing-districts.geojson')).body.toString('utf8'));
  expect(map.features).toHaveLength(38);
  expect((await get('/?lang=en')).body.toString('utf8')).toContain('<html lang="en">');
  expect((await hub.graphql('{ cityEvaluation(year: 2024) { qualifiedCount } }')).data).toEqual({ cityEvaluation: { qualifiedCount: 1 } });
});
