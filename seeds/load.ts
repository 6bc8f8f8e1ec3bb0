import { DataSource } from 'typeorm';
import { log } from '../src/common/logger';
import { importRows, ImportSummary } from '../src/ingestion/pipeline';
import { t } from '../src/messages';
import { DATASET_ORDER, DatasetName, generate, GeneratorOptions } from './generator';

export interface SeedProgress {
  dataset: DatasetName;
  summary: ImportSummary;
}

/**
 * Loads the generated demo (or city-scale) data through the importer, one batch per dataset, exactly as a
 * department's files would be: validated, staged with COPY, upserted, recorded as batches loaded by "seed".
 */
/** The file name a generated dataset's batch is recorded under: how a later start recognises what is loaded. */
export function generatedFileName(options: GeneratorOptions, dataset: DatasetName): string {
  return `seed-${options.scale}-${options.seed ?? 'default'}/${dataset}.csv`;
}

export interface LoadHooks {
  /** Datasets already loaded: their rows are generated (the generator's state runs on) but not imported. */
  skip?: ReadonlySet<DatasetName>;
  onDatasetStart?: (dataset: DatasetName) => void;
  onRowsRead?: (dataset: DatasetName, rows: number) => void;
}

export async function loadGenerated(ds: DataSource, options: GeneratorOptions, onDataset?: (p: SeedProgress) => void, hooks: LoadHooks = {}): Promise<ImportSummary[]> {
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
    if (hooks.skip?.has(dataset)) {
      for (const _ of run());
      continue;
    }
    hooks.onDatasetStart?.(dataset);
    const summary = await importRows(ds, {
      dataset,
      rows: run(),
      fileName: generatedFileName(options, dataset),
      loadedBy: 'seed',
      onProgress: hooks.onRowsRead && ((p) => p.phase === 'reading' && hooks.onRowsRead!(dataset, p.rowsRead)),
    });
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

export type DemoState =
  | { kind: 'empty' }
  | { kind: 'complete' }
  /** Part of the demo is loaded and nothing else was imported: an interrupted first start. */
  | { kind: 'partial'; loaded: ReadonlySet<DatasetName> }
  /** Part of the demo, and imports of other files since: not completed behind the user's back. */
  | { kind: 'partial-with-other-data'; loaded: ReadonlySet<DatasetName> }
  /** Data of the user's own, no demo. */
  | { kind: 'own-data' };

const DEMO: GeneratorOptions = { scale: 'demo' };

/**
 * What the database holds of the demo. Each dataset of the demo is imported in a transaction of its own (an import
 * is all-or-nothing), so a dataset's succeeded seed batch marks it loaded, and the batch of the last dataset is the
 * completion marker: a start interrupted during the load leaves a prefix of the datasets, which the next start sees.
 */
export async function demoState(ds: DataSource): Promise<DemoState> {
  const rows: { file_name: string; loaded_by: string }[] = await ds.query(`SELECT DISTINCT file_name, loaded_by FROM import_batch WHERE status = 'succeeded'`);
  const demoFiles = new Map(DATASET_ORDER.map((d) => [generatedFileName(DEMO, d), d]));
  const loaded = new Set<DatasetName>();
  let other = 0;
  for (const row of rows) {
    const dataset = row.loaded_by === 'seed' ? demoFiles.get(row.file_name) : undefined;
    if (dataset) loaded.add(dataset);
    else other++;
  }
  if (loaded.size === DATASET_ORDER.length) return { kind: 'complete' };
  if (loaded.size > 0) return other === 0 ? { kind: 'partial', loaded } : { kind: 'partial-with-other-data', loaded };
  return (await holdings(ds)).districts > 0 || other > 0 ? { kind: 'own-data' } : { kind: 'empty' };
}

/**
 * What `npm start` does before serving: on an empty database loads the demo data, and after an interrupted first
 * start loads the datasets it had not reached; says so on `out` as it goes (zh-CN unless told), one line per
 * dataset. Statements of the bulk load are slow by nature: the "slow sql" warnings are off while it runs.
 */
export async function ensureDemo(ds: DataSource, out: (line: string) => void = () => undefined): Promise<DemoState['kind']> {
  const state = await demoState(ds);
  const total = DATASET_ORDER.length;
  if (state.kind === 'partial-with-other-data') {
    out(t('LIFECYCLE_DEMO_INCOMPLETE_KEPT', { loaded: state.loaded.size, total }));
    log.warn('demo data incomplete, not completed: other imports exist', { loaded: [...state.loaded] });
  }
  if (state.kind !== 'empty' && state.kind !== 'partial') return state.kind;
  const skip = state.kind === 'partial' ? state.loaded : new Set<DatasetName>();
  out(state.kind === 'partial' ? t('LIFECYCLE_DEMO_RESUME', { loaded: skip.size, total }) : t('LIFECYCLE_DEMO_START', { datasets: total }));
  const started = Date.now();
  const slowMs = ds.options.maxQueryExecutionTime;
  ds.setOptions({ maxQueryExecutionTime: 0 });
  let lastReadLine = 0;
  try {
    await loadGenerated(
      ds,
      DEMO,
      ({ dataset, summary }) => {
        out(t('LIFECYCLE_DEMO_DATASET', { index: DATASET_ORDER.indexOf(dataset) + 1, total, dataset, rows: summary.rowsTotal, seconds: (summary.durationMs / 1000).toFixed(1) }));
        log.debug('seeded', { dataset, rows: summary.rowsTotal, ms: Math.round(summary.durationMs) });
      },
      {
        skip,
        onDatasetStart: () => (lastReadLine = Date.now()),
        // A big dataset says where it is every few seconds: a silent minute looks like a hang.
        onRowsRead: (dataset, rows) => {
          if (Date.now() - lastReadLine < 5000) return;
          lastReadLine = Date.now();
          out(t('LIFECYCLE_DEMO_READING', { dataset, rows }));
        },
      },
    );
  } finally {
    ds.setOptions({ maxQueryExecutionTime: slowMs });
  }
  out(t('LIFECYCLE_DEMO_DONE', { seconds: ((Date.now() - started) / 1000).toFixed(1) }));
  log.info('demo data loaded', { ms: Date.now() - started });
  return state.kind;
}
