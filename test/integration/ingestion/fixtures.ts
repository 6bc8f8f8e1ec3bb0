import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { entities } from '../../../src/db/entities';
import { columnOf, getDataset } from '../../../src/ingestion/datasets';
import { exampleFile } from '../../../src/ingestion/contract-doc';
import { ImportSummary, importFile } from '../../../src/ingestion/pipeline';

export function tempDir(prefix = 'junheng-import-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export async function importExample(ds: DataSource, dataset: string): Promise<ImportSummary> {
  const summary = await importFile(ds, { dataset, filePath: exampleFile(dataset), loadedBy: 'test' });
  if (summary.status !== 'succeeded') throw new Error(`example ${dataset} was ${summary.status}: ${summary.errors.map((e) => e.message).join('; ')}`);
  return summary;
}

/** The example districts and schools, which every other dataset refers to. */
export async function loadReferenceData(ds: DataSource): Promise<void> {
  await importExample(ds, 'districts');
  await importExample(ds, 'schools');
}

/** md5 of every table's rows in a fixed order: equal before and after means byte-for-byte unchanged. */
export async function tableChecksums(ds: DataSource): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entity of entities) {
    const table = ds.getMetadata(entity).tableName;
    const [row] = await ds.query(`SELECT md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) AS sum, count(*)::int AS n FROM "${table}" t`);
    out[table] = `${row.n}:${row.sum}`;
  }
  return out;
}

export function withoutBatchTables(sums: Record<string, string>): Record<string, string> {
  const { import_batch: _b, import_error: _e, ...rest } = sums;
  return rest;
}

export function writeCsv(file: string, header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const cell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  fs.writeFileSync(file, [header, ...rows].map((r) => r.map(cell).join(',')).join('\n') + '\n');
  return file;
}

export function readCsvFile(file: string): { header: string[]; rows: string[][] } {
  const [header, ...rows] = parse(fs.readFileSync(file), { bom: true, relax_column_count: true }) as string[][];
  return { header, rows };
}

/**
 * The same table as an XLSX the way an official's Excel holds it: numbers as numbers, booleans as booleans,
 * dates as date cells, text as text.
 */
export async function csvToXlsx(dataset: string, csvFile: string, xlsxFile: string): Promise<string> {
  const definition = getDataset(dataset);
  const { header, rows } = readCsvFile(csvFile);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(dataset);
  ws.addRow(header);
  for (const row of rows) {
    const added = ws.addRow(
      row.map((text, i) => {
        if (text === '') return null;
        const kind = definition.columns.find((c) => c.name === header[i])?.type.kind;
        if (kind === 'int' || kind === 'decimal') return Number(text);
        if (kind === 'bool') return text === 'true';
        if (kind === 'date') return new Date(`${text}T00:00:00Z`);
        return text;
      }),
    );
    header.forEach((name, i) => {
      if (definition.columns.some((c) => c.name === name) && columnOf(definition, name).type.kind === 'date') added.getCell(i + 1).numFmt = 'yyyy-mm-dd';
    });
  }
  wb.addWorksheet('notes').addRow(['this sheet is not read']);
  await wb.xlsx.writeFile(xlsxFile);
  return xlsxFile;
}

const SCHOOL_STAGES: Array<[string, string]> = [
  ['5001060003', 'primary'],
  ['5001060008', 'junior'],
  ['5001060001', 'primary'],
  ['5001060001', 'junior'],
  ['5001540002', 'primary'],
  ['5001540010', 'junior'],
  ['LJXQ000003', 'junior'],
  ['LJXQ000001', 'primary'],
];
const SUBJECTS = ['chinese', 'maths', 'english', 'pe', 'music', 'art', 'science'];
const DEGREES = ['postgraduate', 'bachelor', 'associate', 'secondary', 'other'];
const LEVELS = ['none', 'school', 'county', 'city', 'province', 'national'];

export const TEACHER_HEADER = getDataset('teacher_postings').columns.map((c) => c.name);

/** A valid teacher posting for row i, posted to the example schools. */
export function teacherPosting(i: number, year = 2024): string[] {
  const [school, stage] = SCHOOL_STAGES[i % SCHOOL_STAGES.length];
  const eligible = i % 3 === 0;
  return [
    `T${String(i).padStart(7, '0')}`,
    String(year),
    school,
    stage,
    SUBJECTS[i % SUBJECTS.length],
    DEGREES[i % DEGREES.length],
    LEVELS[i % LEVELS.length],
    String(i % 10 !== 0),
    `${300 + (i % 200)}.5`,
    `${100000 + (i % 50000)}.25`,
    String(eligible),
    String(eligible && i % 2 === 0),
    'true',
  ];
}

export function teacherPostings(count: number): string[][] {
  return Array.from({ length: count }, (_, i) => teacherPosting(i));
}
