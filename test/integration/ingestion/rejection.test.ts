import fs from 'node:fs';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { importFile } from '../../../src/ingestion/pipeline';
import { openTestDataSource, truncateAll } from '../../helpers/database';
import { TEACHER_HEADER, loadReferenceData, tableChecksums, teacherPosting, teacherPostings, tempDir, withoutBatchTables, writeCsv } from './fixtures';

let ds: DataSource;
let dir: string;
beforeAll(async () => {
  ds = await openTestDataSource();
  await truncateAll(ds);
  await loadReferenceData(ds);
  dir = tempDir();
  // Live postings that a bad re-delivery would change if anything slipped through.
  const first = await importFile(ds, { dataset: 'teacher_postings', filePath: writeCsv(path.join(dir, 'first.csv'), TEACHER_HEADER, teacherPostings(10000)), loadedBy: 'test', locale: 'en' });
  expect(first.status).toBe('succeeded');
});
afterAll(() => ds.destroy());

const columnIndex = (name: string) => TEACHER_HEADER.indexOf(name);

test('one bad row among 10,000 rejects the file, names the row and column, and changes no data at all', async () => {
  const rows = teacherPostings(10000).map((r) => {
    const changed = [...r];
    changed[columnIndex('annual_pay_yuan')] = '130000.00';
    return changed;
  });
  rows[4810][columnIndex('degree')] = 'Bachelor'; // spreadsheet row 4,812: header is row 1
  const file = writeCsv(path.join(dir, 'teacher_postings.csv'), TEACHER_HEADER, rows);
  const before = await tableChecksums(ds);
  const [{ n: batchesBefore }] = await ds.query(`SELECT count(*)::int AS n FROM import_batch`);

  const summary = await importFile(ds, { dataset: 'teacher_postings', filePath: file, loadedBy: 'test', locale: 'en' });

  expect(summary).toMatchObject({ status: 'rejected', rowsTotal: 10000, rowsRejected: 1, errorCount: 1, rowsInserted: 0, rowsUpdated: 0 });
  expect(summary.errors).toEqual([
    {
      rowNumber: 4812,
      column: 'degree',
      value: 'Bachelor',
      code: 'IMPORT_NOT_IN_LIST',
      params: { value: 'Bachelor', allowed: ['postgraduate', 'bachelor', 'associate', 'secondary', 'other'] },
      reason: '"Bachelor" is not one of postgraduate, bachelor, associate, secondary, other',
      message: 'teacher_postings.csv row 4,812, column degree: "Bachelor" is not one of postgraduate, bachelor, associate, secondary, other',
    },
  ]);
  const after = await tableChecksums(ds);
  expect(withoutBatchTables(after)).toEqual(withoutBatchTables(before));
  // The only trace is the record of the rejected delivery and its error.
  const batches = await ds.query(`SELECT * FROM import_batch WHERE id > $1 ORDER BY id`, [batchesBefore]);
  expect(batches).toHaveLength(1);
  expect(batches[0]).toMatchObject({ id: summary.batchId, status: 'rejected', rows_total: 10000, rows_rejected: 1, error_count: 1, file_name: 'teacher_postings.csv' });
  const errors = await ds.query(`SELECT row_number, column_name, value, reason, message_code, message_params FROM import_error WHERE batch_id = $1`, [summary.batchId]);
  expect(errors).toEqual([
    {
      row_number: 4812,
      column_name: 'degree',
      value: 'Bachelor',
      reason: '“Bachelor” 不是允许的取值，应为以下之一：postgraduate、bachelor、associate、secondary、other',
      message_code: 'IMPORT_NOT_IN_LIST',
      message_params: summary.errors[0].params,
    },
  ]);
});

test('every kind of problem is collected in one pass, in spreadsheet order', async () => {
  const header = [...TEACHER_HEADER, 'remarks'];
  const rows = teacherPostings(8).map((r) => [...r, 'ignored']);
  const set = (i: number, column: string, value: string) => (rows[i][columnIndex(column)] = value);
  set(1, 'school_code', '9999999999'); // row 3: unknown school
  rows[3][columnIndex('teacher_id')] = rows[2][columnIndex('teacher_id')]; // row 5 repeats row 4's key
  set(4, 'school_code', '5001060008'); // row 6: a junior school…
  set(4, 'stage', 'primary'); //            …has no primary stage
  set(6, 'rotated', 'true'); // row 8: rotated without being eligible
  set(6, 'rotation_eligible', 'false');
  set(7, 'training_hours_5y', '-3'); // row 9
  const file = writeCsv(path.join(dir, 'many.csv'), header, rows);

  const summary = await importFile(ds, { dataset: 'teacher_postings', filePath: file, loadedBy: 'test', locale: 'en' });

  expect(summary.status).toBe('rejected');
  expect(summary.errors.map((e) => e.message)).toEqual([
    'many.csv row 3, column school_code: "9999999999" is not a known school code (it is not in the schools dataset)',
    `many.csv row 5, columns teacher_id, year: the key (teacher_id ${rows[2][0]}, year 2024) is already on row 4`,
    'many.csv row 6, column stage: school 5001060008 is a junior secondary school: it has no primary stage',
    'many.csv row 8, column rotated: rotated is true but rotation_eligible is false',
    'many.csv row 9, column training_hours_5y: "-3" is negative',
  ]);
  expect(summary).toMatchObject({ rowsTotal: 8, rowsRejected: 5, errorCount: 5 });
});

test('a key three times and another twice: every repeat points at the key\'s first row (hash aggregate, D122)', async () => {
  const rows = teacherPostings(12);
  const id = (i: number) => rows[i][columnIndex('teacher_id')];
  rows[6][columnIndex('teacher_id')] = id(1); // rows 3, 8 and 11 share a key
  rows[9][columnIndex('teacher_id')] = id(1);
  rows[11][columnIndex('teacher_id')] = id(4); // rows 6 and 13 share another
  const file = writeCsv(path.join(dir, 'repeats.csv'), TEACHER_HEADER, rows);

  const summary = await importFile(ds, { dataset: 'teacher_postings', filePath: file, loadedBy: 'test', locale: 'en' });

  expect(summary.errors.map((e) => e.message)).toEqual([
    `repeats.csv row 8, columns teacher_id, year: the key (teacher_id ${id(1)}, year 2024) is already on row 3`,
    `repeats.csv row 11, columns teacher_id, year: the key (teacher_id ${id(1)}, year 2024) is already on row 3`,
    `repeats.csv row 13, columns teacher_id, year: the key (teacher_id ${id(4)}, year 2024) is already on row 6`,
  ]);
  expect(summary).toMatchObject({ status: 'rejected', rowsTotal: 12, rowsRejected: 3, errorCount: 3 });
});

test('a missing required column rejects the file before any row is read', async () => {
  const header = TEACHER_HEADER.filter((c) => c !== 'degree' && c !== 'stage');
  const file = writeCsv(path.join(dir, 'columns.csv'), header, [teacherPosting(1).filter((_, i) => TEACHER_HEADER[i] !== 'degree' && TEACHER_HEADER[i] !== 'stage')]);
  const summary = await importFile(ds, { dataset: 'teacher_postings', filePath: file, loadedBy: 'test', locale: 'en' });
  expect(summary).toMatchObject({ status: 'rejected', rowsTotal: 0 });
  expect(summary.errors.map((e) => e.message)).toEqual([
    'columns.csv row 1, column stage: the required column stage is missing from the header',
    'columns.csv row 1, column degree: the required column degree is missing from the header',
  ]);
});

test('problems beyond the cap are counted, not kept', async () => {
  const rows = teacherPostings(1500).map((r) => {
    const bad = [...r];
    bad[columnIndex('degree')] = 'phd';
    return bad;
  });
  const file = writeCsv(path.join(dir, 'cap.csv'), TEACHER_HEADER, rows);
  const summary = await importFile(ds, { dataset: 'teacher_postings', filePath: file, loadedBy: 'test', locale: 'en' });
  expect(summary).toMatchObject({ status: 'rejected', rowsTotal: 1500, rowsRejected: 1500, errorCount: 1500 });
  expect(summary.errors).toHaveLength(1000);
  expect(summary.errors[999].rowNumber).toBe(1001);
  const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM import_error WHERE batch_id = $1`, [summary.batchId]);
  expect(n).toBe(1000);
});

test('files that are not sheets are rejected with advice', async () => {
  const utf16 = path.join(dir, 'unicode.txt');
  fs.writeFileSync(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('school_code\tname\n', 'utf16le')]));
  const unicode = await importFile(ds, { dataset: 'schools', filePath: utf16, loadedBy: 'test', locale: 'en' });
  expect(unicode.status).toBe('rejected');
  expect(unicode.errors[0].message).toBe(
    'unicode.txt: the file is UTF-16LE text (Excel\'s "Unicode Text", tab-separated), not CSV: save it as "CSV UTF-8 (Comma delimited)" or as .xlsx',
  );

  const xls = path.join(dir, 'old.xls');
  fs.writeFileSync(xls, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]));
  const old = await importFile(ds, { dataset: 'schools', filePath: xls, loadedBy: 'test', locale: 'en' });
  expect(old.errors[0].message).toBe('old.xls: the file is in the old Excel 97-2003 .xls format (or a password-protected workbook): save it as .xlsx or as CSV UTF-8, without a password');

  const headerOnly = await importFile(ds, { dataset: 'schools', filePath: writeCsv(path.join(dir, 'empty.csv'), ['school_code', 'name', 'district_code', 'school_type', 'location', 'boarding', 'ownership'], []), loadedBy: 'test', locale: 'en' });
  expect(headerOnly.errors[0].message).toBe('empty.csv: the file has a header but no data rows');

  const broken = path.join(dir, 'broken.xlsx');
  fs.writeFileSync(broken, 'PK\u0003\u0004 not really a zip');
  const notXlsx = await importFile(ds, { dataset: 'schools', filePath: broken, loadedBy: 'test' });
  expect(notXlsx.status).toBe('rejected');
  expect(notXlsx.errors[0].message).toBe('broken.xlsx：文件不是可读取的 XLSX 工作簿（不是完整的 zip 压缩包，可能已损坏或未传完）：请在 Excel 中重新保存为 .xlsx');
  expect(notXlsx.errors[0].code).toBe('IMPORT_XLSX_NOT_ZIP');
});

test('a dry run of a bad file reports the problems and records nothing', async () => {
  const rows = teacherPostings(3);
  rows[0][columnIndex('year')] = '1999';
  const before = await tableChecksums(ds);
  const summary = await importFile(ds, { dataset: 'teacher_postings', filePath: writeCsv(path.join(dir, 'dry.csv'), TEACHER_HEADER, rows), loadedBy: 'test', dryRun: true });
  expect(summary).toMatchObject({ status: 'rejected', dryRun: true, batchId: null, errorCount: 1 });
  expect(await tableChecksums(ds)).toEqual(before);
});
