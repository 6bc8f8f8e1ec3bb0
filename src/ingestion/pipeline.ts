import { performance } from 'node:perf_hooks';
import type { PoolClient } from 'pg';
import type { DataSource, QueryRunner } from 'typeorm';
import { Department } from '../common/vocabulary';
import { Locale, currentLocale, msg } from '../messages';
import { BatchCounts, BatchRecord, ImportLockedError, LockHolder, closeBatch, findAppliedDelivery, lockDataset, openBatch, recordUnapplied } from './batches';
import { Breather } from './breather';
import { DatasetDefinition, getDataset } from './datasets';
import { ImportStatus } from './import-batch.entity';
import { DEFAULT_MAX_PROBLEMS, FileRejectedError, ProblemLog, ReportedProblem, reportProblem } from './problems';
import { FileFormatError, ReadInfo, newReadInfo } from './readers/types';
import { RowSource, bufferSource, fileSource, generatedSource } from './sources';
import { StagingWriter, createStaging, runSetChecks } from './staging';
import { upsertFromStaging } from './upsert';
import { RowValidator, checkHeader } from './validate';

export interface ImportProgress {
  phase: 'waiting' | 'reading' | 'checking' | 'writing' | 'done';
  rowsRead: number;
  bytesRead: number;
  /** Size of the file; null for generated rows. */
  bytesTotal: number | null;
  /** While waiting: the import that holds the dataset (null if it could not be seen), and how long we wait. */
  holder?: LockHolder | null;
  timeoutMs?: number;
  /** While writing: staged rows applied so far, of all of them (the bar moves during the final write too). */
  rowsWritten?: number;
  rowsToWrite?: number;
}

export type { ReportedProblem };

/** How long an import waits for another import of the same dataset to finish (IMPORT_LOCK_TIMEOUT_MS). */
export const DEFAULT_LOCK_TIMEOUT_MS = 30_000;

/** What became of one delivery. */
export interface ImportSummary {
  /** The new batch; for an already-imported file, the batch that applied it; null for a dry run. */
  batchId: string | null;
  dataset: string;
  department: Department;
  fileName: string;
  sha256: string;
  status: ImportStatus;
  /** The same bytes were already applied to this dataset: nothing was read or changed. */
  alreadyImported: boolean;
  /** Everything was checked and applied, then rolled back: nothing changed. */
  dryRun: boolean;
  rowsTotal: number;
  rowsInserted: number;
  rowsUpdated: number;
  rowsUnchanged: number;
  rowsRejected: number;
  /** All problems found; `errors` holds the first of them (see maxErrors), in the summary's language. */
  errorCount: number;
  errors: ReportedProblem[];
  /** The file was refused for its size (a limit of the contract), not its contents: HTTP answers 413. */
  overLimit: boolean;
  /** Text encoding of a CSV (utf-8, gb18030); null for a workbook or generated rows. */
  encoding: string | null;
  /** Rows above the header taken for a title and skipped (empty when the header is the first row). */
  titleRows: number[];
  durationMs: number;
}

interface CommonOptions {
  dataset: string;
  /** Who loads it (user name, or "seed"); recorded on the batch. */
  loadedBy: string;
  /** Check and apply everything, then roll back. */
  dryRun?: boolean;
  /** How many problems to keep (store and return); all are counted. */
  maxErrors?: number;
  onProgress?: (progress: ImportProgress) => void;
  /** Language of the summary's sentences (default: the current request's or run's). Stored problems keep codes. */
  locale?: Locale;
  /** How long to wait for another import of the same dataset (default 30 s). */
  lockTimeoutMs?: number;
  /** Rows per INSERT of new keys, one progress report each (default 50,000; tests use a few). */
  writeChunkRows?: number;
}

export interface ImportFileOptions extends CommonOptions {
  filePath: string;
  /** Name recorded on the batch and used in messages; defaults to the file's base name. */
  fileName?: string;
}

export interface ImportBufferOptions extends CommonOptions {
  content: Buffer;
  fileName: string;
}

export interface ImportRowsOptions extends CommonOptions {
  rows: AsyncIterable<Record<string, string>> | Iterable<Record<string, string>>;
  fileName: string;
  sha256?: string;
}

/** Imports a CSV or XLSX file (by extension, else by content). */
export async function importFile(ds: DataSource, options: ImportFileOptions): Promise<ImportSummary> {
  const definition = getDataset(options.dataset);
  const clock = startClock(); // hashing the file is part of the import
  return new Delivery(ds, definition, await fileSource(options.filePath, options.fileName), options, clock).run();
}

/** Imports a file received in memory (the HTTP route); what it is (CSV, XLSX) is read from its bytes. */
export async function importBuffer(ds: DataSource, options: ImportBufferOptions): Promise<ImportSummary> {
  const definition = getDataset(options.dataset);
  const clock = startClock();
  return new Delivery(ds, definition, await bufferSource(options.content, options.fileName), options, clock).run();
}

/** Imports generated rows (cell text by column name) through the same checks and upsert as a file: the seed. */
export async function importRows(ds: DataSource, options: ImportRowsOptions): Promise<ImportSummary> {
  const definition = getDataset(options.dataset);
  return new Delivery(ds, definition, generatedSource(definition, options.rows, options.fileName, options.sha256), options).run();
}

// ---- the pipeline ---------------------------------------------------------------------------------------------

interface Clock {
  startedAt: Date;
  t0: number;
}

const startClock = (): Clock => ({ startedAt: new Date(), t0: performance.now() });

interface Outcome {
  batchId: string | null;
  status: ImportStatus;
  alreadyImported?: boolean;
  counts: BatchCounts;
}

const NO_ROWS: BatchCounts = { total: 0, inserted: 0, updated: 0, unchanged: 0, rejected: 0, errors: 0 };

/**
 * One delivery through the pipeline:
 *   already applied? → stream rows through validation into a staging table (COPY) → set checks in SQL →
 *   any problem: roll back, then record the batch and its problems in a short transaction of their own →
 *   else upsert with history, close the batch, commit (or roll back for a dry run).
 * Everything that writes data happens in one transaction on one connection, so an interrupted import leaves nothing.
 */
class Delivery {
  private readonly problems: ProblemLog;
  private readonly info: ReadInfo = newReadInfo();
  private overLimit = false;

  constructor(
    private readonly ds: DataSource,
    private readonly definition: DatasetDefinition,
    private readonly source: RowSource,
    private readonly options: CommonOptions,
    private readonly clock: Clock = startClock(),
  ) {
    this.problems = new ProblemLog(options.maxErrors ?? DEFAULT_MAX_PROBLEMS);
  }

  async run(): Promise<ImportSummary> {
    // Files are hashed before reading: a repeated delivery is recognised without reading it.
    const earlier = await this.appliedBefore(this.ds);
    if (earlier) return this.summary({ batchId: earlier, status: ImportStatus.SUCCEEDED, alreadyImported: true, counts: NO_ROWS });
    const runner = this.ds.createQueryRunner();
    try {
      await runner.connect();
      await runner.startTransaction();
      // Room for the staging-to-table hash joins to stay in memory (this transaction only).
      await runner.query(`SET LOCAL work_mem = '64MB'`);
      const timeoutMs = this.options.lockTimeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS;
      await lockDataset(runner, this.ds, this.definition.name, this.options.loadedBy, timeoutMs, (holder) =>
        this.options.onProgress?.({ phase: 'waiting', rowsRead: 0, bytesRead: 0, bytesTotal: this.source.bytesTotal, holder, timeoutMs }),
      );
      const rowsRead = await this.stageAndCheck(runner);
      if (!this.problems.isEmpty) return await this.reject(runner, rowsRead);
      // Generated rows are only hashed once read; and a concurrent delivery may have applied these bytes meanwhile.
      const applied = await this.appliedBefore(runner);
      if (applied) {
        await runner.rollbackTransaction();
        return this.summary({ batchId: applied, status: ImportStatus.SUCCEEDED, alreadyImported: true, counts: NO_ROWS });
      }
      return await this.apply(runner, rowsRead);
    } catch (err) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      // A busy dataset is answered (409), not recorded: nothing was attempted.
      if (!this.options.dryRun && !(err instanceof ImportLockedError)) await this.recordFailure(err);
      throw err;
    } finally {
      await runner.release();
    }
  }

  private async appliedBefore(db: DataSource | QueryRunner): Promise<string | null> {
    const sha256 = this.source.sha256();
    return sha256 ? findAppliedDelivery(db, this.definition.name, sha256) : null;
  }

  /** Reads, validates and stages every row, then runs the set checks; all problems end up in `this.problems`. */
  private async stageAndCheck(runner: QueryRunner): Promise<number> {
    const { rowsRead, readToEnd } = await this.stage(runner);
    if (readToEnd && rowsRead === 0 && this.source.isFile) {
      this.problems.add({ rowNumber: null, column: null, value: null, problem: msg('IMPORT_NO_DATA_ROWS', {}) });
    }
    // The set checks also run when rows already failed: the official gets every problem in one go.
    if (readToEnd && rowsRead > 0) {
      this.report('checking', rowsRead);
      const found = await runSetChecks(runner, this.definition, this.problems.max);
      this.problems.merge(found.first, found.total, found.rows);
    }
    return rowsRead;
  }

  /**
   * Streams the rows through validation into the staging table. Returns how many data rows were read, and whether
   * the file could be read to its end (not so for a wrong header or a broken file).
   */
  private async stage(runner: QueryRunner): Promise<{ rowsRead: number; readToEnd: boolean }> {
    await createStaging(runner, this.definition);
    const writer = new StagingWriter((await runner.connect()) as PoolClient, this.definition);
    const validator = new RowValidator(this.definition);
    const onHeader = (header: readonly string[], rowNumber: number) => {
      const wrong = checkHeader(this.definition, header, rowNumber);
      if (wrong.length > 0) throw new FileRejectedError(wrong);
    };
    let rowsRead = 0;
    let readToEnd = true;
    // Reading and checking run on the event loop: let other requests in every few milliseconds.
    const breather = new Breather();
    const columns = this.definition.columns.map((c) => c.name);
    const write = (rowNumber: number, values: ReadonlyArray<string | null>) => writer.add(rowNumber, values);
    try {
      // A batch is one chunk of the file (a few hundred rows): validated into the COPY buffer in one go, which is
      // sent (with back-pressure) while the next chunk is parsed.
      for await (const batch of this.source.batches({ onHeader, columns, info: this.info })) {
        const before = rowsRead;
        rowsRead += batch.rows.length;
        validator.validateBatch(batch, this.problems, write);
        await writer.drain();
        if (Math.floor(rowsRead / 10000) !== Math.floor(before / 10000)) this.report('reading', rowsRead);
        await breather.breathe();
      }
    } catch (err) {
      if (err instanceof FileRejectedError) err.problems.forEach((p) => this.problems.add(p));
      else if (err instanceof FileFormatError) {
        this.problems.add({ rowNumber: err.rowNumber, column: null, value: null, problem: err.problem });
        this.overLimit ||= err.overLimit;
      } else {
        writer.abort();
        throw err;
      }
      readToEnd = false;
    }
    // Ending the COPY cleanly (even for a rejected file) keeps the connection usable for the rollback.
    await writer.end();
    return { rowsRead, readToEnd };
  }

  private async reject(runner: QueryRunner, rowsRead: number): Promise<ImportSummary> {
    await runner.rollbackTransaction();
    const counts = { ...NO_ROWS, total: rowsRead, rejected: this.problems.rejectedRows, errors: this.problems.total };
    const batchId = this.options.dryRun ? null : await recordUnapplied(this.ds, this.record(), ImportStatus.REJECTED, counts, this.problems.sorted());
    return this.summary({ batchId, status: ImportStatus.REJECTED, counts });
  }

  private async apply(runner: QueryRunner, rowsRead: number): Promise<ImportSummary> {
    this.report('writing', rowsRead);
    const batchId = await openBatch(runner, this.record());
    const apply = this.definition.apply ?? upsertFromStaging;
    const onWrite = (rowsWritten: number, rowsToWrite: number) =>
      this.options.onProgress?.({ phase: 'writing', rowsRead, bytesRead: this.source.bytesRead(), bytesTotal: this.source.bytesTotal, rowsWritten, rowsToWrite });
    const counts = { ...NO_ROWS, total: rowsRead, ...(await apply(runner, this.definition, batchId, onWrite, this.options.writeChunkRows)) };
    await closeBatch(runner, batchId, counts);
    if (this.options.dryRun) await runner.rollbackTransaction();
    else await runner.commitTransaction();
    this.report('done', rowsRead);
    return this.summary({ batchId: this.options.dryRun ? null : batchId, status: ImportStatus.SUCCEEDED, counts });
  }

  /** The delivery failed for a reason that is not the file's (database down, a bug): record it if we still can. */
  private async recordFailure(err: unknown): Promise<void> {
    const detail = (err instanceof Error ? err.message : String(err)).slice(0, 500);
    const problem = { rowNumber: null, column: null, value: null, problem: msg('IMPORT_FAILED_INTERNAL', { detail }) };
    await recordUnapplied(this.ds, this.record(), ImportStatus.FAILED, { ...NO_ROWS, errors: 1 }, [problem]).catch(() => undefined);
  }

  private record(): BatchRecord {
    return {
      definition: this.definition,
      fileName: this.source.fileName,
      sha256: this.source.sha256() ?? '',
      loadedBy: this.options.loadedBy,
      startedAt: this.clock.startedAt,
      encoding: this.source.encoding,
    };
  }

  private report(phase: ImportProgress['phase'], rowsRead: number): void {
    this.options.onProgress?.({ phase, rowsRead, bytesRead: this.source.bytesRead(), bytesTotal: this.source.bytesTotal });
  }

  private summary(outcome: Outcome): ImportSummary {
    const { counts } = outcome;
    return {
      batchId: outcome.batchId,
      dataset: this.definition.name,
      department: this.definition.department,
      fileName: this.source.fileName,
      sha256: this.source.sha256() ?? '',
      status: outcome.status,
      alreadyImported: outcome.alreadyImported ?? false,
      dryRun: this.options.dryRun ?? false,
      rowsTotal: counts.total,
      rowsInserted: counts.inserted,
      rowsUpdated: counts.updated,
      rowsUnchanged: counts.unchanged,
      rowsRejected: counts.rejected,
      errorCount: counts.errors,
      errors: this.problems.sorted().map((p) => reportProblem(this.source.fileName, p, this.options.locale ?? currentLocale())),
      overLimit: this.overLimit,
      encoding: this.source.encoding,
      titleRows: this.info.titleRows,
      durationMs: Math.round(performance.now() - this.clock.t0),
    };
  }
}
