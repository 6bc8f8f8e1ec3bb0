import { DataSource } from 'typeorm';
import { getDataset } from '../../../src/ingestion/datasets';
import { ImportProgress, importRows } from '../../../src/ingestion/pipeline';
import { createStaging } from '../../../src/ingestion/staging';
import { skipRowForeignKeyChecks } from '../../../src/ingestion/upsert';
import { openTestDataSource, truncateAll } from '../../helpers/database';
import { TEACHER_HEADER, loadReferenceData, teacherPosting } from './fixtures';

let ds: DataSource;
beforeAll(async () => {
  ds = await openTestDataSource();
});
afterAll(() => ds.destroy());
beforeEach(async () => {
  await truncateAll(ds);
  await loadReferenceData(ds);
});

const postings = (count: number, from = 0) =>
  Array.from({ length: count }, (_, i) => Object.fromEntries(TEACHER_HEADER.map((h, j) => [h, teacherPosting(from + i)[j]])));

test('the writing phase reports rows written as it goes, up to every staged row (issue #15.4)', async () => {
  const seen: ImportProgress[] = [];
  const summary = await importRows(ds, {
    dataset: 'teacher_postings', rows: postings(400), fileName: 'seed:teacher_postings', loadedBy: 'test', writeChunkRows: 100,
    onProgress: (p) => seen.push({ ...p }),
  });
  expect(summary).toMatchObject({ status: 'succeeded', rowsInserted: 400 });
  const written = seen.filter((p) => p.phase === 'writing' && p.rowsToWrite !== undefined).map((p) => p.rowsWritten!);
  // 0 first, then one report per range of staging pages (~100 rows each), rising to every staged row.
  expect(written[0]).toBe(0);
  expect(written[written.length - 1]).toBe(400);
  expect(written.length).toBeGreaterThanOrEqual(4);
  expect(written.every((w, i) => i === 0 || w > written[i - 1])).toBe(true);
  expect(seen.filter((p) => p.phase === 'writing').every((p) => p.rowsToWrite === undefined || p.rowsToWrite === 400)).toBe(true);
  expect(seen[seen.length - 1].phase).toBe('done');
  const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM teacher_postings WHERE batch_id = $1`, [summary.batchId]);
  expect(n).toBe(400);
});

test('chunked writes keep the counts, the history and the district versions of one statement', async () => {
  await importRows(ds, { dataset: 'teacher_postings', rows: postings(30), fileName: 'a', loadedBy: 'test', writeChunkRows: 7 });
  const before: Array<{ district_code: string; version: string }> = await ds.query(`SELECT district_code, version FROM district_data_version`);
  // 10 changed, 20 unchanged, 15 new.
  const rows = postings(45).map((r, i) => (i < 10 ? { ...r, subject: 'zz_changed' } : r));
  const summary = await importRows(ds, { dataset: 'teacher_postings', rows, fileName: 'b', loadedBy: 'test', writeChunkRows: 7 });
  expect(summary).toMatchObject({ status: 'succeeded', rowsInserted: 15, rowsUpdated: 10, rowsUnchanged: 20 });
  const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM row_history WHERE dataset = 'teacher_postings' AND replaced_by_batch_id = $1`, [summary.batchId]);
  expect(n).toBe(10);
  const after: Array<{ district_code: string; version: string }> = await ds.query(`SELECT district_code, version FROM district_data_version`);
  // Every district the postings' schools belong to moved; no other did.
  const touched: Array<{ district_code: string }> = await ds.query(
    `SELECT DISTINCT s.district_code FROM teacher_postings t JOIN schools s ON s.code = t.school_code ORDER BY 1`,
  );
  const moved = after.filter((a) => before.find((b) => b.district_code === a.district_code)?.version !== a.version).map((a) => a.district_code).sort();
  expect(moved).toEqual(touched.map((t) => t.district_code));
});

test('the foreign keys still hold: the triggers fire ALWAYS, and a posting cannot point at a missing school', async () => {
  const [{ n }] = await ds.query(
    `SELECT count(*)::int AS n FROM pg_trigger WHERE tgrelid = 'teacher_postings'::regclass AND NOT tgisinternal AND tgenabled <> 'A'`,
  );
  expect(n).toBe(0);
  await importRows(ds, { dataset: 'teacher_postings', rows: postings(5), fileName: 'a', loadedBy: 'test' });
  // Outside the importer the per-row check is as before.
  await expect(ds.query(`UPDATE teacher_postings SET school_code = 'NO-SUCH-SCHOOL'`)).rejects.toThrow(/foreign key/);
  // And the schools referenced are protected as before.
  await expect(ds.query(`DELETE FROM schools WHERE code IN (SELECT school_code FROM teacher_postings)`)).rejects.toThrow(/foreign key/);
});

test('the per-row checks stay when the role may not skip them, or when a trigger would be skipped with them', async () => {
  const definition = getDataset('teacher_postings');
  const runner = ds.createQueryRunner();
  await runner.connect();
  try {
    await runner.startTransaction();
    await createStaging(runner, definition);
    expect(await skipRowForeignKeyChecks(runner, definition)).toBe(true);
    await runner.query(`SET LOCAL session_replication_role = origin`);
    // A role that may not set session_replication_role: refused in a savepoint, the transaction goes on.
    await runner.query(`SET LOCAL ROLE junheng_reader`);
    expect(await skipRowForeignKeyChecks(runner, definition)).toBe(false);
    const [{ role }] = await runner.query(`SELECT current_setting('session_replication_role') AS role`);
    expect(role).toBe('origin');
    await runner.rollbackTransaction();
    // A trigger that would not fire in replica mode (added without ENABLE ALWAYS): the ordinary path.
    await runner.startTransaction();
    await runner.query(`ALTER TABLE teacher_postings ENABLE TRIGGER teacher_postings_data_version`);
    await createStaging(runner, definition);
    expect(await skipRowForeignKeyChecks(runner, definition)).toBe(false);
    await runner.rollbackTransaction();
  } finally {
    if (runner.isTransactionActive) await runner.rollbackTransaction();
    await runner.release();
  }
  // The import itself goes on either way.
  const summary = await importRows(ds, { dataset: 'teacher_postings', rows: postings(3), fileName: 'c', loadedBy: 'test' });
  expect(summary).toMatchObject({ status: 'succeeded', rowsInserted: 3 });
});
