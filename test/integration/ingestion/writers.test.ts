import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { projectRoot } from '../../../src/config';
import { exampleFile } from '../../../src/ingestion/contract-doc';
import { DatasetDefinition, getDataset } from '../../../src/ingestion/datasets';
import { importFile } from '../../../src/ingestion/pipeline';
import { CONTENT_TYPES } from '../../../src/ingestion/sources';
import { openTestDataSource, testDatabaseUrl, truncateAll } from '../../helpers/database';
import { TestHub } from '../../helpers/server';
import { nodeArgs } from '../../helpers/entry';

/**
 * #12.3: workbooks written by openpyxl (and so pandas' to_excel) were rejected with "the workbook has no worksheet".
 * The fixtures in test/fixtures/xlsx were written by openpyxl, pandas and LibreOffice Calc from the example CSVs
 * (test/fixtures/xlsx/make.sh); each imports over HTTP and through the CLI to exactly the rows of its CSV.
 */
const FIXTURES = path.join(projectRoot, 'test', 'fixtures', 'xlsx');
const cases: Array<[writer: string, dataset: string, file: string]> = [
  ['LibreOffice Calc', 'districts', 'libreoffice-districts.xlsx'],
  ['openpyxl (a title row above the header, a Chinese sheet name)', 'schools', 'openpyxl-schools.xlsx'],
  ['pandas to_excel', 'school_stats', 'pandas-school_stats.xlsx'],
  ['openpyxl (date cells)', 'supervision_visits', 'openpyxl-supervision_visits.xlsx'],
];

let ds: DataSource;
let hub: TestHub;
beforeAll(async () => {
  ds = await openTestDataSource();
  hub = await TestHub.start(ds);
});
afterAll(async () => {
  await hub.stop();
  await ds.destroy();
});

/** Live rows of a dataset as text, by key, for comparing two deliveries of the same table. */
async function live(definition: DatasetDefinition): Promise<string[]> {
  // A dataset stored in another shape (the supervision ledger) lists its live rows in the file's columns.
  const from = definition.live ? `(${definition.live}) AS live` : `"${definition.table}"`;
  const rows: Array<{ r: string }> = await ds.query(`SELECT coalesce(${definition.columns.map((c) => `coalesce("${c.column}"::text, '')`).join(` || '|' || `)}, '') AS r FROM ${from} ORDER BY 1`);
  return rows.map((r) => r.r);
}

async function prerequisites(dataset: string): Promise<void> {
  await truncateAll(ds);
  for (const d of ['districts', 'schools']) {
    if (d === dataset) return;
    await importFile(ds, { dataset: d, filePath: exampleFile(d), loadedBy: 'test' });
  }
}

describe.each(cases)('a workbook written by %s', (_writer, dataset, file) => {
  const definition = getDataset(dataset);

  test('over HTTP: read exactly as its CSV', async () => {
    await prerequisites(dataset);
    await importFile(ds, { dataset, filePath: exampleFile(dataset), loadedBy: 'test' });
    const fromCsv = await live(definition);
    await prerequisites(dataset);
    const res = await fetch(`${hub.url}/imports/${dataset}?fileName=${encodeURIComponent(file)}`, {
      method: 'POST',
      headers: hub.headers({ 'content-type': CONTENT_TYPES.xlsx, 'accept-language': 'en' }),
      body: fs.readFileSync(path.join(FIXTURES, file)),
    });
    const summary = (await res.json()) as { status: string; errors: unknown[]; rowsInserted: number };
    expect({ status: res.status, errors: summary.errors }).toEqual({ status: 200, errors: [] });
    expect(summary.rowsInserted).toBe(fromCsv.length);
    expect(await live(definition)).toEqual(fromCsv);
  });

  test('through the CLI', async () => {
    await prerequisites(dataset);
    const result = await runCli([dataset, path.join(FIXTURES, file), '--dry-run', '--lang', 'en']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('would be applied (dry run: nothing changed)');
  });
});

function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs('src/ingestion/cli.ts'), ...args], {
    cwd: projectRoot,
    env: { ...process.env, DATABASE_URL: testDatabaseUrl(), LOG_LEVEL: 'silent' },
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
}
