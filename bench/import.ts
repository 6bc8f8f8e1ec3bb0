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
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';

/** --statements: the time of every statement the import sends through its query runner, summed by its first words,
 * with the server backend's CPU time when the server runs on this machine (read from /proc; else 0). */
let lastBackend: number | undefined;
const statementTimes = new Map<string, { n: number; ms: number; cpuMs: number }>();
function backendCpuMs(pid: number | undefined): number {
  try {
    const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(f[11]) + Number(f[12])) * 10; // clock ticks of 10 ms
  } catch {
    return 0;
  }
}
function timeStatements(): void {
  const proto = PostgresQueryRunner.prototype as unknown as { query: (...args: unknown[]) => Promise<unknown> };
  const original = proto.query;
  proto.query = async function (this: { databaseConnection?: { processID?: number } }, ...args: unknown[]) {
    const t = performance.now();
    const pid = this.databaseConnection?.processID;
    if (pid) lastBackend = pid;
    const c0 = backendCpuMs(pid);
    try {
      return await original.apply(this, args);
    } finally {
      const key = String(args[0]).replace(/\s+/g, ' ').trim().slice(0, 70);
      const e = statementTimes.get(key) ?? { n: 0, ms: 0, cpuMs: 0 };
      e.n += 1;
      e.ms += performance.now() - t;
      e.cpuMs += backendCpuMs(pid) - c0;
      statementTimes.set(key, e);
    }
  };
}

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
  const statements = process.argv.includes('--statements');
  if (statements) timeStatements();
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
      statementTimes.clear();
      const phases: Array<[string, number]> = [];
      const serverCpu: number[] = [];
      let writes = 0;
      const t0 = performance.now();
      const cpu0 = process.cpuUsage();
      const summary = await importFile(ds, {
        dataset: 'teacher_postings',
        filePath: teacherFile,
        loadedBy: 'bench',
        onProgress: (p: ImportProgress) => {
          if (phases.length === 0 || phases[phases.length - 1][0] !== p.phase) {
            phases.push([p.phase, performance.now() - t0]);
            serverCpu.push(backendCpuMs(lastBackend));
          }
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
      if (statements) {
        const cpuEnd = backendCpuMs(lastBackend);
        say(`  server CPU by phase: ${phases.map(([p], i) => `${p} ${(((serverCpu[i + 1] ?? cpuEnd) - serverCpu[i]) / 1000).toFixed(2)} s`).join(', ')}`);
        for (const [sql, e] of [...statementTimes].sort((a, b) => b[1].ms - a[1].ms).filter(([, e]) => e.ms >= 20)) {
          say(`  ${(e.ms / 1000).toFixed(2).padStart(7)} s (server CPU ${(e.cpuMs / 1000).toFixed(2)} s) ×${String(e.n).padEnd(3)} ${sql}`);
        }
      }
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
