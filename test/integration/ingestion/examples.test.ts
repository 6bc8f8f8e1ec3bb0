import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { Decimal } from '../../../src/common/decimal';
import { exampleFile } from '../../../src/ingestion/contract-doc';
import { DatasetDefinition, datasets } from '../../../src/ingestion/datasets';
import { importFile } from '../../../src/ingestion/pipeline';
import { openTestDataSource, truncateAll } from '../../helpers/database';
import { csvToXlsx, readCsvFile, tempDir } from './fixtures';

let ds: DataSource;
beforeAll(async () => {
  ds = await openTestDataSource();
});
afterAll(() => ds.destroy());

/** Where a dataset's live rows are: its table, or the file-shaped query of a dataset whose table is not (supervision_visits). */
const source = (definition: DatasetDefinition) => (definition.live ? `(${definition.live}) AS live` : `"${definition.table}"`);

/** Live rows of a dataset as cell text in file column order, sorted by key. */
async function liveRows(definition: DatasetDefinition): Promise<string[][]> {
  const select = definition.columns
    .map((c) => (c.type.kind === 'date' ? `to_char("${c.column}", 'YYYY-MM-DD')` : `"${c.column}"::text`) + ` AS "${c.name}"`)
    .join(', ');
  const order = definition.key.map((k) => `"${definition.columns.find((c) => c.name === k)!.column}"`).join(', ');
  const rows: Array<Record<string, string | null>> = await ds.query(`SELECT ${select} FROM ${source(definition)} ORDER BY ${order}`);
  return rows.map((r) => definition.columns.map((c) => r[c.name] ?? ''));
}

/** Equal as the contract means it: decimals by value (0.9980 = 0.998000), booleans in any case. */
function sameCell(definition: DatasetDefinition, index: number, a: string, b: string): boolean {
  const kind = definition.columns[index].type.kind;
  if (a === '' || b === '') return a === b;
  if (kind === 'decimal' || kind === 'int') return Decimal.of(a).eq(b);
  if (kind === 'bool') return a.toLowerCase() === b.toLowerCase();
  return a === b;
}

describe.each(datasets.map((d) => [d.name, d] as const))('example %s', (name, definition) => {
  beforeAll(async () => {
    await truncateAll(ds);
    for (const d of datasets) {
      const summary = await importFile(ds, { dataset: d.name, filePath: exampleFile(d.name), loadedBy: 'test' });
      expect(summary.errors).toEqual([]);
      if (d.name === name) break;
    }
  });

  test('is imported and reads back exactly', async () => {
    const { header, rows } = readCsvFile(exampleFile(name));
    expect(header).toEqual(definition.columns.map((c) => c.name));
    const live = await liveRows(definition);
    expect(live).toHaveLength(rows.length);
    const byKey = (r: readonly string[]) => definition.key.map((k) => r[header.indexOf(k)]).join('|');
    const fileRows = new Map(rows.map((r) => [byKey(r), r]));
    for (const row of live) {
      const expected = fileRows.get(byKey(row));
      expect(expected).toBeDefined();
      row.forEach((cell, i) => {
        if (!sameCell(definition, i, cell, expected![i])) throw new Error(`${name}.${header[i]}: ${cell} ≠ ${expected![i]}`);
      });
    }
  });

  test('every row points to the batch that delivered it, which records the delivery', async () => {
    const batches = await ds.query(`SELECT * FROM import_batch WHERE dataset = $1`, [name]);
    expect(batches).toHaveLength(1);
    const [batch] = batches;
    const sha256 = createHash('sha256').update(fs.readFileSync(exampleFile(name))).digest('hex');
    const rows = readCsvFile(exampleFile(name)).rows.length;
    expect(batch).toMatchObject({
      department: definition.department,
      file_name: `${name}.csv`,
      sha256,
      status: 'succeeded',
      loaded_by: 'test',
      rows_total: rows,
      rows_inserted: rows,
      rows_updated: 0,
      rows_unchanged: 0,
      rows_rejected: 0,
      error_count: 0,
    });
    expect(batch.finished_at.getTime()).toBeGreaterThanOrEqual(batch.started_at.getTime());
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM ${source(definition)} WHERE batch_id = $1`, [batch.id]);
    expect(n).toBe(rows);
  });
});

describe('XLSX and CSV', () => {
  async function dumpAll(): Promise<Record<string, string[][]>> {
    const out: Record<string, string[][]> = {};
    for (const d of datasets) out[d.name] = await liveRows(d);
    return out;
  }

  test('the same tables delivered as XLSX give exactly the same data as CSV', async () => {
    await truncateAll(ds);
    for (const d of datasets) await importFile(ds, { dataset: d.name, filePath: exampleFile(d.name), loadedBy: 'test' });
    const fromCsv = await dumpAll();

    await truncateAll(ds);
    const dir = tempDir();
    for (const d of datasets) {
      const xlsx = await csvToXlsx(d.name, exampleFile(d.name), path.join(dir, `${d.name}.xlsx`));
      const summary = await importFile(ds, { dataset: d.name, filePath: xlsx, loadedBy: 'test' });
      expect({ dataset: d.name, status: summary.status, errors: summary.errors }).toEqual({ dataset: d.name, status: 'succeeded', errors: [] });
      expect(summary.rowsInserted).toBe(fromCsv[d.name].length);
    }
    expect(await dumpAll()).toEqual(fromCsv);
  });
});
