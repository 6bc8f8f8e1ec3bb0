import { DataSource } from 'typeorm';
import { log } from '../src/common/logger';
import { importRows, ImportSummary } from '../src/ingestion/pipeline';
import { DatasetName, generate, GeneratorOptions } from './generator';

export interface SeedProgress {
  dataset: DatasetName;
  summary: ImportSummary;
}

/**
 * Loads the generated demo (or city-scale) data through the importer, one batch per dataset, exactly as a
 * department's files would be: validated, staged with COPY, upserted, recorded as batches loaded by "seed".
 */
export async function loadGenerated(ds: DataSource, options: GeneratorOptions, onDataset?: (p: SeedProgress) => void): Promise<ImportSummary[]> {
  const rows = generate(options)[Symbol.iterator]();
  let next = rows.next();
  const summaries: ImportSummary[] = [];
  while (!next.done) {
    const dataset = next.value.dataset;
    // The generator streams dataset after dataset: each run of one dataset becomes one import.
    const run = function* () {
      while (!next.done && next.value.dataset === dataset) {
        yield next.value.row;
        next = rows.next();
      }
    };
    const summary = await importRows(ds, { dataset, rows: run(), fileName: `seed-${options.scale}-${options.seed ?? 'default'}/${dataset}.csv`, loadedBy: 'seed' });
    for (const _ of run()); // an import that stopped early leaves rows of its dataset: skip them
    if (summary.status !== 'succeeded') {
      const first = summary.errors[0]?.message ?? 'no detail';
      throw new Error(`seeding ${dataset} was ${summary.status}: ${summary.errorCount} problem(s), first: ${first}`);
    }
    summaries.push(summary);
    onDataset?.({ dataset, summary });
  }
  return summaries;
}

export async function holdings(ds: DataSource): Promise<{ districts: number; schools: number; teacherPostings: number }> {
  const [row] = await ds.query(
    `SELECT (SELECT count(*) FROM districts)::int AS districts, (SELECT count(*) FROM schools)::int AS schools,
            (SELECT count(*) FROM teacher_postings)::int AS "teacherPostings"`,
  );
  return row;
}

/** On a database without districts, loads the demo data (what `npm start` does on first run). */
export async function loadDemoIfEmpty(ds: DataSource): Promise<void> {
  if ((await holdings(ds)).districts > 0) return;
  const started = Date.now();
  log.info('empty database: loading the demo data through the importer');
  await loadGenerated(ds, { scale: 'demo' }, ({ dataset, summary }) =>
    log.info('seeded', { dataset, rows: summary.rowsTotal, ms: Math.round(summary.durationMs) }),
  );
  log.info('demo data loaded', { ms: Date.now() - started });
}
