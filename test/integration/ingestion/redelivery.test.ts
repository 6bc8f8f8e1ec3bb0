import fs from 'node:fs';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { exampleFile } from '../../../src/ingestion/contract-doc';
import { importFile } from '../../../src/ingestion/pipeline';
import { openTestDataSource, truncateAll } from '../../helpers/database';
import { importExample, loadReferenceData, readCsvFile, tableChecksums, tempDir, writeCsv } from './fixtures';

let ds: DataSource;
let dir: string;
beforeAll(async () => {
  ds = await openTestDataSource();
  dir = tempDir();
});
afterAll(() => ds.destroy());
beforeEach(async () => {
  await truncateAll(ds);
  await loadReferenceData(ds);
});

/** The example file with some cells changed: `edits` maps a key's first cell to column → new value. */
function exampleWith(dataset: string, fileName: string, edits: Record<string, Record<string, string>>, extraRows: string[][] = []): string {
  const { header, rows } = readCsvFile(exampleFile(dataset));
  const changed = rows.map((r) => {
    const edit = edits[r[0]];
    return edit ? r.map((v, i) => edit[header[i]] ?? v) : r;
  });
  return writeCsv(path.join(dir, fileName), header, [...changed, ...extraRows]);
}

const payOf = async (teacherId: string) =>
  (await ds.query(`SELECT annual_pay_yuan::text AS pay, batch_id::text AS batch FROM teacher_postings WHERE teacher_id = $1`, [teacherId]))[0];

test('a re-delivery with one changed value: the new value is live, the old one is in history naming both batches', async () => {
  const first = await importExample(ds, 'teacher_postings');
  const second = await importFile(ds, {
    dataset: 'teacher_postings',
    filePath: exampleWith('teacher_postings', 'postings-corrected.csv', { T7314914d: { annual_pay_yuan: '165000.00' } }),
    loadedBy: 'hr-officer',
  });

  expect(second).toMatchObject({ status: 'succeeded', rowsTotal: 18, rowsInserted: 0, rowsUpdated: 1, rowsUnchanged: 17 });
  expect(await payOf('T7314914d')).toEqual({ pay: '165000.00', batch: second.batchId });
  // Unchanged rows keep the batch that delivered their values.
  expect(await payOf('T4c33f2d8')).toEqual({ pay: '135621.60', batch: first.batchId });

  const history = await ds.query(`SELECT dataset, key, "values", delivered_by_batch_id::text AS delivered, replaced_by_batch_id::text AS replaced FROM row_history`);
  expect(history).toEqual([
    {
      dataset: 'teacher_postings',
      key: { teacher_id: 'T7314914d', year: '2024' },
      values: {
        school_code: '5001060003',
        stage: 'primary',
        subject: 'chinese',
        degree: 'associate',
        backbone_level: 'none',
        certified: 'true',
        training_hours_5y: '443.0',
        annual_pay_yuan: '138791.46',
        rotation_eligible: 'false',
        rotated: 'false',
        full_time: 'true',
      },
      delivered: first.batchId,
      replaced: second.batchId,
    },
  ]);
});

test('the same file again is reported as already imported and changes nothing', async () => {
  const first = await importExample(ds, 'teacher_postings');
  const before = await tableChecksums(ds);
  const again = await importFile(ds, { dataset: 'teacher_postings', filePath: exampleFile('teacher_postings'), loadedBy: 'test' });
  expect(again).toMatchObject({ status: 'succeeded', alreadyImported: true, batchId: first.batchId, rowsInserted: 0, rowsUpdated: 0 });
  expect(await tableChecksums(ds)).toEqual(before);

  // The same bytes under another name are the same delivery.
  const copy = path.join(dir, 'copy-of-postings.csv');
  fs.copyFileSync(exampleFile('teacher_postings'), copy);
  expect((await importFile(ds, { dataset: 'teacher_postings', filePath: copy, loadedBy: 'test' })).alreadyImported).toBe(true);
  expect(await tableChecksums(ds)).toEqual(before);
});

test('the same content in a different file (other line endings) changes nothing but is a new delivery', async () => {
  const first = await importExample(ds, 'surveys');
  const crlf = path.join(dir, 'surveys-crlf.csv');
  fs.writeFileSync(crlf, fs.readFileSync(exampleFile('surveys'), 'utf8').replace(/\n/g, '\r\n'));
  const second = await importFile(ds, { dataset: 'surveys', filePath: crlf, loadedBy: 'test' });
  expect(second).toMatchObject({ status: 'succeeded', alreadyImported: false, rowsUnchanged: 3, rowsUpdated: 0, rowsInserted: 0 });
  const batches = await ds.query(`SELECT DISTINCT batch_id::text AS b FROM surveys`);
  expect(batches).toEqual([{ b: first.batchId }]);
});

test('history chains through successive corrections; new keys are inserted; rows left out stay', async () => {
  const a = await importExample(ds, 'teacher_postings');
  const b = await importFile(ds, {
    dataset: 'teacher_postings',
    filePath: exampleWith('teacher_postings', 'b.csv', { T7314914d: { annual_pay_yuan: '165000.00' } }, [
      ['T000099', '2024', '5001060003', 'primary', 'art', 'bachelor', 'none', 'true', '361.0', '120000.00', 'false', 'false'],
    ]),
    loadedBy: 'test',
  });
  expect(b).toMatchObject({ rowsInserted: 1, rowsUpdated: 1, rowsUnchanged: 17 });
  const only = writeCsv(path.join(dir, 'c.csv'), readCsvFile(exampleFile('teacher_postings')).header, [
    ['T7314914d', '2024', '5001060008', 'junior', 'chinese', 'associate', 'province', 'true', '443', '166000.00', 'false', 'false'],
  ]);
  const c = await importFile(ds, { dataset: 'teacher_postings', filePath: only, loadedBy: 'test' });
  expect(c).toMatchObject({ rowsTotal: 1, rowsUpdated: 1 });

  const chain = await ds.query(
    `SELECT "values"->>'annual_pay_yuan' AS pay, "values"->>'backbone_level' AS level, delivered_by_batch_id::text AS delivered, replaced_by_batch_id::text AS replaced
     FROM row_history WHERE dataset = 'teacher_postings' AND key = $1::jsonb ORDER BY id`,
    [JSON.stringify({ teacher_id: 'T7314914d', year: '2024' })],
  );
  expect(chain).toEqual([
    { pay: '138791.46', level: 'none', delivered: a.batchId, replaced: b.batchId },
    { pay: '165000.00', level: 'none', delivered: b.batchId, replaced: c.batchId },
  ]);
  const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM teacher_postings`);
  expect(n).toBe(19);
});

test('empty optional values replace and are replaced like any other', async () => {
  await importExample(ds, 'district_education');
  const cleared = await importFile(ds, {
    dataset: 'district_education',
    filePath: exampleWith('district_education', 'cleared.csv', { '500106': { migrant_public_rate: '' }, '500154': { migrant_public_rate: '0.8800' } }),
    loadedBy: 'test',
  });
  expect(cleared).toMatchObject({ rowsUpdated: 2, rowsUnchanged: 1 });
  const live = await ds.query(`SELECT district_code, migrant_public_rate::text AS rate FROM district_education ORDER BY district_code`);
  expect(live).toEqual([
    { district_code: '500106', rate: null },
    { district_code: '500154', rate: '0.880000' },
    { district_code: 'LJXQ', rate: '0.933500' },
  ]);
  const history = await ds.query(`SELECT key->>'district_code' AS d, "values"->'migrant_public_rate' AS rate FROM row_history ORDER BY 1`);
  expect(history).toEqual([
    { d: '500106', rate: '0.911800' },
    { d: '500154', rate: '0.804200' },
  ]);
});

test('a table keyed by its own code (schools) keeps history by the file\'s key name', async () => {
  const renamed = await importFile(ds, {
    dataset: 'schools',
    filePath: exampleWith('schools', 'schools-renamed.csv', { '5001060003': { name: '沙坪坝区第一小学校' } }),
    loadedBy: 'test',
  });
  expect(renamed).toMatchObject({ rowsUpdated: 1, rowsUnchanged: 8 });
  const [entry] = await ds.query(`SELECT key, "values"->>'name' AS name FROM row_history WHERE dataset = 'schools'`);
  expect(entry).toEqual({ key: { school_code: '5001060003' }, name: '沙坪坝区第一小学' });
});

test('a dry run reports what would change and changes nothing', async () => {
  await importExample(ds, 'teacher_postings');
  const before = await tableChecksums(ds);
  const dry = await importFile(ds, {
    dataset: 'teacher_postings',
    filePath: exampleWith('teacher_postings', 'dry.csv', { T4c33f2d8: { degree: 'postgraduate' } }),
    loadedBy: 'test',
    dryRun: true,
  });
  expect(dry).toMatchObject({ status: 'succeeded', dryRun: true, batchId: null, rowsUpdated: 1, rowsUnchanged: 17 });
  expect(await tableChecksums(ds)).toEqual(before);
});
