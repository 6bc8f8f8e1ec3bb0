// Writing new keys while the file is still read (EarlyInserts, docs/decisions.md D122): every outcome — the live rows,
// their batch, the history, the batch's counts, the problems of a rejected file — is the one of the import that writes
// only after its checks (earlyWriteRows: 0). Segments of 50 rows here: a reader's batch is one 64 KB chunk (~700 postings) and a segment
// starts only once the previous one is done, so a 3,000-row file writes early once or twice, the rest after the checks.
import { DataSource } from 'typeorm';
import { ImportBufferOptions, ImportProgress, ImportSummary, importBuffer } from '../../../src/ingestion/pipeline';
import { openTestDataSource, truncateAll } from '../../helpers/database';
import { TEACHER_HEADER, loadReferenceData, teacherPosting } from './fixtures';

let ds: DataSource;
beforeAll(async () => {
  ds = await openTestDataSource();
});
afterAll(() => ds.destroy());

const csv = (rows: ReadonlyArray<readonly string[]>) => Buffer.from([TEACHER_HEADER, ...rows].map((r) => r.join(',')).join('\n') + '\n');
const rowsOf = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => teacherPosting(from + i));
const changed = (row: string[]) => row.map((v, j) => (TEACHER_HEADER[j] === 'subject' ? 'zz_changed' : v));

interface Outcome {
  summary: Omit<ImportSummary, 'durationMs' | 'batchId'>;
  postings: string[];
  history: unknown[];
  batches: unknown[];
  writing: number[];
}

async function outcome(before: Buffer | null, file: Buffer, early: number, extra: Partial<ImportBufferOptions> = {}): Promise<Outcome> {
  await truncateAll(ds);
  await loadReferenceData(ds);
  if (before) await importBuffer(ds, { dataset: 'teacher_postings', content: before, fileName: 'before.csv', loadedBy: 'test', earlyWriteRows: 0 });
  const seen: ImportProgress[] = [];
  const { durationMs: _d, batchId: _b, ...summary } = await importBuffer(ds, {
    dataset: 'teacher_postings', content: file, fileName: 'file.csv', loadedBy: 'test', locale: 'en', earlyWriteRows: early, writeChunkRows: 64,
    onProgress: (p) => seen.push({ ...p }), ...extra,
  });
  const postings = (await ds.query(`SELECT (t.*)::text AS r FROM teacher_postings t ORDER BY teacher_id, year`)).map((r: { r: string }) => r.r.replace(/^\(\d+,\d+,/, '('));
  const withBatch = (await ds.query(`SELECT teacher_id, b.file_name FROM teacher_postings t JOIN import_batch b ON b.id = t.batch_id ORDER BY 1`)) as unknown[];
  const history = await ds.query(
    `SELECT h.dataset, h.key, h."values", d.file_name AS delivered, r.file_name AS replaced FROM row_history h
     JOIN import_batch d ON d.id = h.delivered_by_batch_id JOIN import_batch r ON r.id = h.replaced_by_batch_id ORDER BY h.key::text`,
  );
  const batches = await ds.query(
    `SELECT file_name, status, rows_total, rows_inserted, rows_updated, rows_unchanged, rows_rejected, error_count FROM import_batch ORDER BY id`,
  );
  const writing = seen.filter((p) => p.phase === 'writing' && p.rowsWritten !== undefined).map((p) => p.rowsWritten!);
  return { summary, postings: [...postings, ...withBatch.map((w) => JSON.stringify(w))], history, batches, writing };
}

async function same(before: Buffer | null, file: Buffer, extra: Partial<ImportBufferOptions> = {}): Promise<Outcome> {
  const plain = await outcome(before, file, 0, extra);
  const early = await outcome(before, file, 50, extra);
  expect(early.summary).toEqual(plain.summary);
  expect(early.postings).toEqual(plain.postings);
  expect(early.history).toEqual(plain.history);
  expect(early.batches).toEqual(plain.batches);
  return early;
}

test('all new keys: written while reading, the rest after the checks, the same rows, batch and counts', async () => {
  const early = await same(null, csv(rowsOf(0, 3000)));
  expect(early.summary).toMatchObject({ status: 'succeeded', rowsInserted: 3000, rowsUpdated: 0, rowsUnchanged: 0 });
  // The writing phase starts with the rows written early and rises to all of them.
  expect(early.writing[0]).toBeGreaterThan(0);
  expect(early.writing[0]).toBeLessThan(3000);
  expect(early.writing[early.writing.length - 1]).toBe(3000);
  expect(early.writing.every((w, i) => i === 0 || w > early.writing[i - 1])).toBe(true);
});

test('keys already live from the first row: the first early INSERT is undone, the upsert does everything', async () => {
  const file = csv([...rowsOf(0, 10).map(changed), ...rowsOf(10, 3000)]);
  const early = await same(csv(rowsOf(0, 30)), file);
  expect(early.summary).toMatchObject({ status: 'succeeded', rowsInserted: 2970, rowsUpdated: 10, rowsUnchanged: 20 });
  expect(early.history).toHaveLength(10);
  expect(early.writing[0]).toBe(0);
});

test('keys already live further down: the segments before them stay written, the rest is upserted', async () => {
  const file = csv([...rowsOf(0, 2000), ...rowsOf(2000, 2010).map(changed), ...rowsOf(2010, 3000)]);
  const early = await same(csv(rowsOf(2000, 2030)), file);
  expect(early.summary).toMatchObject({ status: 'succeeded', rowsInserted: 2970, rowsUpdated: 10, rowsUnchanged: 20 });
  expect(early.history).toHaveLength(10);
  expect(early.writing[0]).toBeGreaterThan(0);
  expect(early.writing[0]).toBeLessThan(2000);
});

test('a key twice in the file, far apart: rejected with the same problems, nothing written', async () => {
  const rows = rowsOf(0, 3000);
  rows[2900] = [...rows[5]];
  const early = await same(null, csv(rows));
  expect(early.summary).toMatchObject({ status: 'rejected', errorCount: 1 });
  expect(early.summary.errors[0].message).toContain('row 7');
  expect(early.postings).toEqual([]);
});

test('an unknown school near the end: rejected with the same problems, nothing written', async () => {
  const rows = rowsOf(0, 3000);
  rows[2950] = rows[2950].map((v, j) => (TEACHER_HEADER[j] === 'school_code' ? 'NO-SUCH-SCHOOL' : v));
  const early = await same(null, csv(rows));
  expect(early.summary).toMatchObject({ status: 'rejected' });
  expect(early.postings).toEqual([]);
});

test('a dry run writes early and rolls everything back', async () => {
  const early = await same(null, csv(rowsOf(0, 3000)), { dryRun: true });
  expect(early.summary).toMatchObject({ status: 'succeeded', dryRun: true, rowsInserted: 3000 });
  expect(early.postings).toEqual([]);
  expect(early.batches).toEqual([
    expect.objectContaining({ file_name: 'districts.csv' }),
    expect.objectContaining({ file_name: 'schools.csv' }),
  ]);
});
