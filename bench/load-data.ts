// Phase 1: the dataset as department files, imported through the real importer (validation, COPY staging, set
// checks, upsert with history, batches), one timed import per dataset; then the physical limit: a raw COPY of the
// same teacher file into a bare table (same column types, no key, no index, no check).
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pipeline } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { DataSource } from 'typeorm';
import { getDataset } from '../src/ingestion/datasets';
import { importFile } from '../src/ingestion/pipeline';
import { quoteIdent, sqlType } from '../src/ingestion/staging';
import { DATASET_ORDER, DatasetName } from '../seeds/generator';
import { writeDatasetFiles } from '../seeds/generator/csv';

export interface DatasetImport {
  dataset: DatasetName;
  rows: number;
  fileBytes: number;
  ms: number;
  rowsPerSecond: number;
  inserted: number;
  status: string;
}

export interface LoadResult {
  generateMs: number;
  rowCounts: Record<DatasetName, number>;
  imports: DatasetImport[];
  importTotalMs: number;
  /** The raw COPY of teacher_postings.csv into a bare table. */
  rawCopy: { rows: number; ms: number; rowsPerSecond: number };
  /** Importer time ÷ raw COPY time for the teacher file. */
  teacherImportToCopyRatio: number;
  vacuumAnalyzeMs: number;
  /** Highest RSS of the bench process (which runs the importer) sampled during the imports, bytes. */
  importerPeakRssBytes: number;
}

export function generateFiles(dir: string, scale: 'demo' | 'city' | 'province'): { ms: number; counts: Record<DatasetName, number> } {
  const t0 = performance.now();
  const counts = writeDatasetFiles(dir, { scale });
  return { ms: performance.now() - t0, counts };
}

const rate = (rows: number, ms: number) => (ms > 0 ? Math.round((rows / ms) * 1000) : 0);

/** Imports every generated file, in the order in which references point backwards, through `importFile`. */
export async function importAll(ds: DataSource, dir: string, progress: (line: string) => void): Promise<{ imports: DatasetImport[]; totalMs: number; peakRssBytes: number }> {
  const imports: DatasetImport[] = [];
  let peak = process.memoryUsage.rss();
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 100);
  const t0 = performance.now();
  try {
    for (const dataset of DATASET_ORDER) {
      const filePath = path.join(dir, `${dataset}.csv`);
      const fileBytes = fs.statSync(filePath).size;
      let lastReport = performance.now();
      const started = performance.now();
      const summary = await importFile(ds, {
        dataset,
        filePath,
        loadedBy: 'bench',
        onProgress: (p) => {
          const now = performance.now();
          if (p.phase === 'reading' && now - lastReport > 5000) {
            lastReport = now;
            progress(`    ${dataset}: ${p.rowsRead.toLocaleString('en')} rows read (${Math.round((100 * p.bytesRead) / fileBytes)} %)`);
          } else if (p.phase === 'checking' || p.phase === 'writing') {
            progress(`    ${dataset}: ${p.phase} (${((now - started) / 1000).toFixed(1)} s)`);
          }
        },
      });
      const ms = performance.now() - started;
      if (summary.status !== 'succeeded') {
        throw new Error(`importing ${dataset} was ${summary.status}: ${summary.errorCount} problem(s), first: ${summary.errors[0]?.message ?? 'no detail'}`);
      }
      const row: DatasetImport = { dataset, rows: summary.rowsTotal, fileBytes, ms: Math.round(ms), rowsPerSecond: rate(summary.rowsTotal, ms), inserted: summary.rowsInserted, status: summary.status };
      imports.push(row);
      progress(`  ${dataset.padEnd(22)} ${String(row.rows).padStart(8)} rows  ${(ms / 1000).toFixed(2).padStart(7)} s  ${row.rowsPerSecond.toLocaleString('en').padStart(9)} rows/s`);
    }
  } finally {
    clearInterval(sampler);
  }
  return { imports, totalMs: Math.round(performance.now() - t0), peakRssBytes: peak };
}

const RAW_TABLE = 'bench_raw_teacher_postings';

/**
 * The physical limit of loading the teacher file: COPY (CSV, header) straight from the file into a table with the
 * dataset's column types and nothing else, committed. The table is created beforehand (its own transaction, so
 * PostgreSQL cannot skip the WAL) and dropped afterwards.
 */
export async function rawCopy(ds: DataSource, dir: string, file = 'teacher_postings.csv'): Promise<{ rows: number; ms: number; rowsPerSecond: number }> {
  const definition = getDataset('teacher_postings');
  const columns = definition.columns.map((c) => `${quoteIdent(c.name)} ${sqlType(c.type)}`).join(', ');
  await ds.query(`DROP TABLE IF EXISTS ${RAW_TABLE}`);
  await ds.query(`CREATE TABLE ${RAW_TABLE} (${columns})`);
  const runner = ds.createQueryRunner();
  try {
    const client = (await runner.connect()) as PoolClient;
    const t0 = performance.now();
    await client.query('BEGIN');
    const names = definition.columns.map((c) => quoteIdent(c.name)).join(', ');
    const stream = client.query(copyFrom(`COPY ${RAW_TABLE} (${names}) FROM STDIN WITH (FORMAT csv, HEADER true)`));
    await pipeline(fs.createReadStream(path.join(dir, file), { highWaterMark: 1 << 20 }), stream);
    await client.query('COMMIT');
    const ms = performance.now() - t0;
    const rows = Number(stream.rowCount);
    return { rows, ms: Math.round(ms), rowsPerSecond: rate(rows, ms) };
  } finally {
    await runner.release();
    await ds.query(`DROP TABLE IF EXISTS ${RAW_TABLE}`);
  }
}

/** A settled database, as autovacuum leaves it: visibility map and planner statistics up to date. */
export async function vacuumAnalyze(ds: DataSource): Promise<number> {
  const t0 = performance.now();
  await ds.query('VACUUM (ANALYZE)');
  return Math.round(performance.now() - t0);
}
