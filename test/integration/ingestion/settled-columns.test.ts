import path from 'node:path';
import { DataSource } from 'typeorm';
import { importFile } from '../../../src/ingestion/pipeline';
import { openTestDataSource, truncateAll } from '../../helpers/database';
import { TEACHER_HEADER, loadReferenceData, teacherPosting, tempDir, writeCsv } from './fixtures';

/**
 * The columns DOMAIN §4 added (issue 13, item 6): teacher_postings.full_time (optional, empty or absent = true),
 * quality_monitoring.grade (4 or 8, part of the key) and districts.basic_balance_year (optional).
 */
let ds: DataSource;
let dir: string;
beforeAll(async () => {
  ds = await openTestDataSource();
  await truncateAll(ds);
  await loadReferenceData(ds);
  dir = tempDir();
});
afterAll(() => ds.destroy());

const load = (dataset: string, name: string, header: readonly string[], rows: string[][], locale: 'en' | 'zh-CN' = 'en') =>
  importFile(ds, { dataset, filePath: writeCsv(path.join(dir, name), header, rows), loadedBy: 'test', locale });

const fullTime = async () =>
  Object.fromEntries((await ds.query(`SELECT teacher_id, full_time FROM teacher_postings ORDER BY teacher_id`)).map((r: { teacher_id: string; full_time: boolean }) => [r.teacher_id, r.full_time]));

describe('teacher_postings.full_time', () => {
  test('a file without the column is read as full-time teachers', async () => {
    const header = TEACHER_HEADER.filter((c) => c !== 'full_time');
    const summary = await load('teacher_postings', 'no-column.csv', header, [0, 1].map((i) => teacherPosting(i).slice(0, header.length)));
    expect(summary).toMatchObject({ status: 'succeeded', rowsInserted: 2 });
    expect(await fullTime()).toEqual({ T0000000: true, T0000001: true });
  });

  test('false is kept, an empty cell is true, anything else is refused with the catalogue message', async () => {
    const rows = [0, 1].map((i) => teacherPosting(i));
    rows[0][TEACHER_HEADER.indexOf('full_time')] = 'false';
    rows[1][TEACHER_HEADER.indexOf('full_time')] = '';
    expect(await load('teacher_postings', 'with-column.csv', TEACHER_HEADER, rows)).toMatchObject({ status: 'succeeded', rowsUpdated: 1 });
    expect(await fullTime()).toEqual({ T0000000: false, T0000001: true });

    rows[1][TEACHER_HEADER.indexOf('full_time')] = '兼任';
    const bad = await load('teacher_postings', 'bad.csv', TEACHER_HEADER, rows, 'zh-CN');
    expect(bad).toMatchObject({ status: 'rejected', errorCount: 1 });
    expect(bad.errors[0]).toMatchObject({ rowNumber: 3, column: 'full_time', value: '兼任', code: 'IMPORT_NOT_BOOLEAN' });
    expect(bad.errors[0]!.reason).toMatch(/[\u4e00-\u9fff]/);
  });

  test('a re-delivery without the column makes its teachers full-time again (it replaces those keys\' rows)', async () => {
    const header = TEACHER_HEADER.filter((c) => c !== 'full_time');
    await load('teacher_postings', 'again.csv', header, [teacherPosting(0).slice(0, header.length)]);
    expect((await fullTime()).T0000000).toBe(true);
  });
});

describe('quality_monitoring.grade', () => {
  const header = ['school_code', 'year', 'subject', 'grade', 'students_tested', 'mean_score', 'score_variance', 'level3_plus_rate'];
  const row = (grade: string, mean = '500') => ['5001060001', '2024', 'mathematics', grade, '30', mean, '6000', '0.75'];

  test('a nine-year school delivers both grades of a subject: two rows of one file, two keys', async () => {
    const summary = await load('quality_monitoring', 'grades.csv', header, [row('4', '480'), row('8', '520')]);
    expect(summary).toMatchObject({ status: 'succeeded', rowsInserted: 2 });
    const rows = await ds.query(`SELECT grade, mean_score::text AS mean FROM quality_monitoring ORDER BY grade`);
    expect(rows).toEqual([{ grade: 4, mean: '480.000' }, { grade: 8, mean: '520.000' }]);
  });

  test('a grade other than 4 or 8 is refused in the reader\'s language', async () => {
    for (const [locale, pattern] of [['en', /grades 4 and 8/], ['zh-CN', /四年级和八年级/]] as const) {
      const summary = await load('quality_monitoring', 'grade6.csv', header, [row('6')], locale);
      expect(summary).toMatchObject({ status: 'rejected', errorCount: 1 });
      expect(summary.errors[0]).toMatchObject({ rowNumber: 2, column: 'grade', code: 'IMPORT_GRADE_NOT_MONITORED', params: { grade: '6' } });
      expect(summary.errors[0]!.reason).toMatch(pattern);
    }
  });

  test('the grade is required: a file without it is refused before any row is read', async () => {
    const summary = await load('quality_monitoring', 'no-grade.csv', header.filter((c) => c !== 'grade'), [row('8').filter((_, i) => i !== 3)]);
    expect(summary).toMatchObject({ status: 'rejected' });
    expect(summary.errors[0]).toMatchObject({ column: 'grade', code: 'IMPORT_COLUMN_MISSING' });
  });
});

describe('districts.basic_balance_year', () => {
  const header = ['code', 'name', 'kind', 'planned_certification_year', 'certified', 'certified_year', 'basic_balance_year'];

  test('optional; a year is kept, an implausible one refused', async () => {
    const ok = await load('districts', 'bb.csv', header, [['500106', '沙坪坝区', 'district', '2024', 'true', '', '2013'], ['LJXQ', '两江新区', 'functional_zone', '2024', 'true', '', '']]);
    expect(ok.status).toBe('succeeded');
    const rows = await ds.query(`SELECT code, basic_balance_year FROM districts WHERE code IN ('500106', 'LJXQ') ORDER BY code`);
    expect(rows).toEqual([{ code: '500106', basic_balance_year: 2013 }, { code: 'LJXQ', basic_balance_year: null }]);
    const bad = await load('districts', 'bb-bad.csv', header, [['500106', '沙坪坝区', 'district', '2024', 'true', '', '1987']]);
    expect(bad).toMatchObject({ status: 'rejected', errorCount: 1 });
    expect(bad.errors[0]).toMatchObject({ column: 'basic_balance_year', value: '1987' });
  });
});
