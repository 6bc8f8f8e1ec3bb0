import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { DataSource } from 'typeorm';
import { exampleFile } from '../../../src/ingestion/contract-doc';
import { importFile, importRows } from '../../../src/ingestion/pipeline';
import { openTestDataSource, truncateAll } from '../../helpers/database';
import { TEACHER_HEADER, loadReferenceData, readCsvFile, tableChecksums, teacherPosting } from './fixtures';

let ds: DataSource;
beforeAll(async () => {
  ds = await openTestDataSource();
});
afterAll(() => ds.destroy());
beforeEach(async () => {
  await truncateAll(ds);
});

const records = (dataset: string) => {
  const { header, rows } = readCsvFile(exampleFile(dataset));
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
};

test('generated rows load through the same checks and are identified by the CSV they make', async () => {
  const summary = await importRows(ds, { dataset: 'districts', rows: records('districts'), fileName: 'seed:districts', loadedBy: 'seed' });
  expect(summary).toMatchObject({ status: 'succeeded', rowsInserted: 3, fileName: 'seed:districts' });
  // The example file is exactly that CSV, so its hash is the same.
  expect(summary.sha256).toBe(createHash('sha256').update(fs.readFileSync(exampleFile('districts'))).digest('hex'));
  const before = await tableChecksums(ds);
  const again = await importRows(ds, { dataset: 'districts', rows: records('districts'), fileName: 'seed:districts', loadedBy: 'seed' });
  expect(again).toMatchObject({ alreadyImported: true, batchId: summary.batchId });
  expect(await tableChecksums(ds)).toEqual(before);
  expect((await importFile(ds, { dataset: 'districts', filePath: exampleFile('districts'), loadedBy: 'test' })).alreadyImported).toBe(true);
});

test('an async generator of many rows streams through, with the given sha256 recorded', async () => {
  await loadReferenceData(ds);
  async function* postings() {
    for (let i = 0; i < 50000; i++) yield Object.fromEntries(TEACHER_HEADER.map((h, j) => [h, teacherPosting(i)[j]]));
  }
  const sha256 = 'a'.repeat(64);
  const summary = await importRows(ds, { dataset: 'teacher_postings', rows: postings(), fileName: 'seed:teacher_postings', loadedBy: 'seed', sha256 });
  expect(summary).toMatchObject({ status: 'succeeded', rowsTotal: 50000, rowsInserted: 50000, sha256 });
  const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM teacher_postings WHERE batch_id = $1`, [summary.batchId]);
  expect(n).toBe(50000);
});

test('generated rows with a missing column or a bad value are rejected like a file', async () => {
  const missing = records('districts').map(({ kind: _kind, ...rest }) => rest);
  const noKind = await importRows(ds, { dataset: 'districts', rows: missing, fileName: 'seed:districts', loadedBy: 'seed' });
  expect(noKind.errors.map((e) => e.message)).toEqual(['seed:districts 第 1 行，kind 列：表头缺少必填列 kind']);

  const bad = records('districts');
  bad[1].kind = 'province';
  const wrong = await importRows(ds, { dataset: 'districts', rows: bad, fileName: 'seed:districts', loadedBy: 'seed', locale: 'en' });
  expect(wrong.errors.map((e) => e.message)).toEqual([
    'seed:districts row 3, column kind: "province" is not one of district, county, autonomous_county, functional_zone',
  ]);
});

test('no rows is nothing to load', async () => {
  const summary = await importRows(ds, { dataset: 'surveys', rows: [], fileName: 'seed:surveys', loadedBy: 'seed' });
  expect(summary).toMatchObject({ status: 'succeeded', rowsTotal: 0, rowsInserted: 0 });
});

test('two deliveries of the same file at once: one applies it, the other finds it applied', async () => {
  await loadReferenceData(ds);
  const run = () => importFile(ds, { dataset: 'teacher_postings', filePath: exampleFile('teacher_postings'), loadedBy: 'test' });
  const [a, b] = await Promise.all([run(), run()]);
  expect([a.alreadyImported, b.alreadyImported].sort()).toEqual([false, true]);
  expect(a.batchId).toBe(b.batchId);
  const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM import_batch WHERE dataset = 'teacher_postings'`);
  expect(n).toBe(1);
});

test('a delivery that breaks for another reason is recorded as failed, and changes nothing', async () => {
  const before = await tableChecksums(ds);
  function* broken() {
    yield records('districts')[0];
    throw new Error('the generator broke');
  }
  await expect(importRows(ds, { dataset: 'districts', rows: broken(), fileName: 'seed:districts', loadedBy: 'seed' })).rejects.toThrow('the generator broke');
  const batches = await ds.query(`SELECT b.status, e.reason FROM import_batch b JOIN import_error e ON e.batch_id = b.id`);
  expect(batches).toEqual([{ status: 'failed', reason: '导入因服务器内部原因失败，未作任何更改（the generator broke）' }]);
  expect((await tableChecksums(ds)).districts).toBe(before.districts);
});
