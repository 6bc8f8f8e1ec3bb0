// The teacher-posting import alone (issue #15.4), reproducible in a minute: the demo (or city) files from the seed
// generator, every dataset before teacher_postings imported untimed, then teacher_postings.csv (or its first --rows
// rows) imported through `importFile`, timed end to end with the time of each phase, and the raw COPY of the same file
// into a bare table beside it. Usage (see bench/README.md):
//   npx ts-node --transpile-only bench/import.ts [--scale demo|city] [--rows N] [--runs K] [--keep] [--no-vacuum]
import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { ImportProgress, importFile } from '../src/ingestion/pipeline';
import { DATASET_ORDER } from '../seeds/generator';
import { openBenchDatabase, openMigrated } from './database';
import { generateFiles, rawCopy } from './load-data';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

/** The first `rows` data rows of a CSV (header kept), written beside it. */
function headOf(file: string, rows: number): string {
  const out = file.replace(/\.csv$/, `.${rows}.csv`);
  if (fs.existsSync(out)) return out;
  const lines = fs.readFileSync(file, 'utf8').split('\r\n');
  fs.writeFileSync(out, lines.slice(0, rows + 1).join('\r\n') + '\r\n');
  return out;
}

async function main(): Promise<void> {
  const scale = arg('scale', 'demo') as 'demo' | 'city';
  const rows = Number(arg('rows', '0'));
  const runs = Number(arg('runs', '1'));
  const say = (line: string) => process.stderr.write(line + '\n');
  const dir = path.join(os.tmpdir(), `junheng-import-bench-${scale}`);
  if (!fs.existsSync(path.join(dir, 'teacher_postings.csv'))) {
    say(`generating the ${scale} files in ${dir}`);
    generateFiles(dir, scale);
  }
  let teacherFile = path.join(dir, 'teacher_postings.csv');
  if (rows > 0) teacherFile = headOf(teacherFile, rows);
  for (let run = 1; run <= runs; run++) {
    const db = await openBenchDatabase(process.env.DATABASE_URL ?? null, say);
    const ds = await openMigrated(db.url);
    try {
      for (const dataset of DATASET_ORDER) {
        if (dataset === 'teacher_postings') break;
        await importFile(ds, { dataset, filePath: path.join(dir, `${dataset}.csv`), loadedBy: 'bench' });
      }
      // As autovacuum would leave it: teacher_postings analysed while empty (--no-vacuum: never analysed).
      if (!process.argv.includes('--no-vacuum')) await ds.query('VACUUM (ANALYZE)');
      const phases: Array<[string, number]> = [];
      let writes = 0;
      const t0 = performance.now();
      const cpu0 = process.cpuUsage();
      const summary = await importFile(ds, {
        dataset: 'teacher_postings',
        filePath: teacherFile,
        loadedBy: 'bench',
        onProgress: (p: ImportProgress) => {
          if (phases.length === 0 || phases[phases.length - 1][0] !== p.phase) phases.push([p.phase, performance.now() - t0]);
          if (p.phase === 'writing') writes += 1;
        },
      });
      const ms = performance.now() - t0;
      // The importer's own CPU (reading, parsing, validating, building COPY text); the rest is PostgreSQL and waiting.
      const cpu = process.cpuUsage(cpu0);
      const jsMs = (cpu.user + cpu.system) / 1000;
      if (summary.status !== 'succeeded') throw new Error(`import ${summary.status}: ${summary.errors[0]?.message ?? ''}`);
      const copy = await rawCopy(ds, path.dirname(teacherFile), path.basename(teacherFile));
      const rate = Math.round((summary.rowsTotal / ms) * 1000);
      const timeline = phases.map(([p, t]) => `${p}@${(t / 1000).toFixed(2)}s`).join(' ');
      console.log(
        `teacher_postings ${summary.rowsTotal} rows: import ${(ms / 1000).toFixed(2)} s = ${rate.toLocaleString('en')} rows/s (target ≥ 100,000); ` +
          `raw COPY ${(copy.ms / 1000).toFixed(2)} s = ${copy.rowsPerSecond.toLocaleString('en')} rows/s; ratio ${(ms / copy.ms).toFixed(1)}× (target ≤ 7×); ` +
          `phases ${timeline}; importer CPU ${(jsMs / 1000).toFixed(2)} s (${Math.round((summary.rowsTotal / jsMs) * 1000).toLocaleString('en')} rows/s of JS); ` +
          `writing-phase progress reports ${writes}`,
      );
    } finally {
      await ds.destroy();
      // --keep: leave the database for EXPLAIN ANALYZE by hand (DATABASE_URL mode only).
      if (!process.argv.includes('--keep')) await db.dispose();
    }
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
