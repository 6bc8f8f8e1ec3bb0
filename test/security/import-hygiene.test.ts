import fs from 'node:fs';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { writeProblemsCsv } from '../../src/ingestion/cli';
import { exampleFile } from '../../src/ingestion/contract-doc';
import { importFile } from '../../src/ingestion/pipeline';
import { openTestDataSource, truncateAll } from '../helpers/database';
import { TestHub } from '../helpers/server';
import { loadReferenceData, tableChecksums, tempDir, withoutBatchTables, writeCsv } from '../integration/ingestion/fixtures';

/**
 * #11.9: a 5 MB school name was accepted and stored; the CLI's errors.csv wrote delivered values as they were, so a
 * value like =HYPERLINK(…) ran as a formula when the clerk opened the list in Excel.
 */

let ds: DataSource;
let hub: TestHub;
let dir: string;
beforeAll(async () => {
  ds = await openTestDataSource();
  await truncateAll(ds);
  await loadReferenceData(ds);
  hub = await TestHub.start(ds);
  dir = tempDir();
});
afterAll(async () => {
  await hub.stop();
  await ds.destroy();
});

/** Every table but the records of deliveries and the audit log (a refusal is recorded there, by design). */
function dataTables(sums: Record<string, string>): Record<string, string> {
  const { audit_event: _a, ...rest } = withoutBatchTables(sums);
  return rest;
}

const SCHOOL_HEADER = ['school_code', 'name', 'district_code', 'school_type', 'location', 'boarding', 'ownership'];

test('a long school name is refused with its length, and only a 200-character excerpt is kept with the problem', async () => {
  const before = dataTables(await tableChecksums(ds));
  const name = '长'.repeat(200_000);
  const body = [SCHOOL_HEADER.join(','), `S-LONG,${name},500106,primary,urban,false,public`].join('\n');
  const res = await fetch(`${hub.url}/imports/schools`, { method: 'POST', headers: hub.headers({ 'content-type': 'text/csv', 'accept-language': 'en' }), body });
  expect(res.status).toBe(400);
  const summary = (await res.json()) as { errors: Array<{ column: string; reason: string; value: string }>; batchId: string };
  expect(summary.errors).toHaveLength(1);
  expect(summary.errors[0]).toMatchObject({ column: 'name', reason: 'too long: at most 100 characters, got 200,000' });
  expect(summary.errors[0].value.length).toBe(200);
  const [stored] = await ds.query(`SELECT char_length(value) AS n FROM import_error WHERE batch_id = $1`, [summary.batchId]);
  expect(stored.n).toBe(200);
  expect(dataTables(await tableChecksums(ds))).toEqual(before);

  // 5 MB in one cell is beyond any row a CSV may hold: refused before it is held, as over a limit (413).
  const huge = [SCHOOL_HEADER.join(','), `S-HUGE,${'长'.repeat(5 * 1024 * 1024)},500106,primary,urban,false,public`].join('\n');
  const refused = await fetch(`${hub.url}/imports/schools`, { method: 'POST', headers: hub.headers({ 'content-type': 'text/csv', 'accept-language': 'en' }), body: huge });
  expect(refused.status).toBe(413);
  const refusal = (await refused.json()) as { errors: Array<{ code: string; rowNumber: number }>; overLimit: boolean };
  expect(refusal).toMatchObject({ overLimit: true, errors: [{ code: 'IMPORT_ROW_TOO_LONG', rowNumber: 2 }] });
  expect(dataTables(await tableChecksums(ds))).toEqual(before);
});

test('the database holds the same limits: a write that bypasses the importer is refused', async () => {
  const [{ id }] = await ds.query(`SELECT id FROM import_batch LIMIT 1`);
  await expect(
    ds.query(`INSERT INTO schools (code, name, district_code, school_type, location, boarding, ownership, batch_id) VALUES ('S-X', repeat('长', 101), '500106', 'primary', 'urban', false, 'public', $1)`, [id]),
  ).rejects.toThrow(/schools_text_length_check/);
  // A delivered finding lives in the ledger (supervision_findings.description) since the ledger.
  await expect(ds.query(`UPDATE supervision_findings SET description = repeat('x', 2001)`)).resolves.toBeDefined(); // no rows yet: nothing to refuse
  await importFile(ds, { dataset: 'supervision_visits', filePath: exampleFile('supervision_visits'), loadedBy: 'test' });
  await expect(ds.query(`UPDATE supervision_findings SET description = repeat('x', 2001)`)).rejects.toThrow(/supervision_findings_text_length_check/);
});

test('errors.csv neutralises formulas in delivered values (the reports\' own CSV writer)', async () => {
  const hostile = ['=HYPERLINK("http://evil.example","click")', '+1+cmd|\' /C calc\'!A0', '-2+3', '@SUM(A1)', '\tTAB', '\rCR'];
  const rows = hostile.map((v, i) => [`S${i}`, '某校', '500106', v, 'urban', 'false', 'public']);
  const file = writeCsv(path.join(dir, 'hostile.csv'), SCHOOL_HEADER, rows);
  const summary = await importFile(ds, { dataset: 'schools', filePath: file, loadedBy: 'test', locale: 'en' });
  expect(summary.errors).toHaveLength(hostile.length);
  const written = writeProblemsCsv(file, summary.errors, 'en');
  const text = fs.readFileSync(written, 'utf8');
  const lines = text.replace(/^\ufeff/, '').trimEnd().split('\r\n');
  expect(lines[0]).toBe('row,column,value,problem');
  // No cell of the list starts with a character a spreadsheet would evaluate.
  for (const line of lines.slice(1)) {
    for (const cell of line.split(',')) expect(cell.replace(/^"/, '')).not.toMatch(/^[=+\-@\t\r]/);
  }
  expect(lines[1]).toBe(`2,school_type,"'=HYPERLINK(""http://evil.example"",""click"")","""=HYPERLINK(""http://evil.example"",""click"")"" is not one of primary, junior, nine_year, twelve_year, complete_secondary, teaching_point, special"`);
});
