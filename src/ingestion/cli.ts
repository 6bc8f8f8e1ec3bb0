import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { importAuditEntry, recordAudit } from '../audit/audit.service';
import { mayImport, SYSTEM_VIEWER, Viewer } from '../auth/roles';
import { tokenKey, verifyBearer } from '../auth/tokens';
import { config } from '../config';
import { openDatabase } from '../db/open';
import { DEFAULT_LOCALE, Locale, Message, msg, parseLocale, render, t, withLocale } from '../messages';
import { num } from '../messages/format';
import { csvCell as safeCsvCell } from '../reports/csv';
import { ImportLockedError, formatTime } from './batches';
import { datasets, findDataset } from './datasets';
import { ImportStatus } from './import-batch.entity';
import { ImportProgress, ImportSummary, ReportedProblem, importFile } from './pipeline';

/**
 * `npm run import -- <dataset> <file> [--dry-run] [--token <JWT> | --local-admin] [--lang zh|en]`
 * Exit codes: 0 applied (or already applied, or a clean dry run), 1 rejected, 2 wrong usage, 3 failed,
 * 4 the dataset is being imported by someone else (nothing was done: try again).
 */
const usage = () => t('IMPORT_CLI_USAGE', { command: 'npm run import --', datasets: datasets.map((d) => d.name) });

const SHOWN_PROBLEMS = 20;

class UsageError extends Error {
  constructor(readonly problem: Message) {
    super(problem.code);
  }
}

interface Args {
  dataset: string;
  file: string;
  dryRun: boolean;
  localAdmin: boolean;
  token: string | null;
  locale: Locale;
}

/** The --lang of an argument list, read before anything else so that even a usage error is in that language. */
export function langOf(argv: readonly string[]): Locale {
  const i = argv.findIndex((a) => a === '--lang' || a.startsWith('--lang='));
  if (i < 0) return DEFAULT_LOCALE;
  const value = argv[i].includes('=') ? argv[i].slice('--lang='.length) : argv[i + 1];
  return parseLocale(value) ?? DEFAULT_LOCALE;
}

export function parseCliArgs(argv: string[]): Args {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        'dry-run': { type: 'boolean', default: false },
        'local-admin': { type: 'boolean', default: false },
        token: { type: 'string' },
        lang: { type: 'string' },
      },
    });
  } catch (err) {
    throw new UsageError(msg('IMPORT_CLI_BAD_OPTION', { detail: (err as Error).message }));
  }
  const lang = parsed.values.lang;
  const locale = lang === undefined ? DEFAULT_LOCALE : parseLocale(lang);
  if (locale === null) throw new UsageError(msg('IMPORT_CLI_BAD_LANG', { value: lang ?? '' }));
  const [dataset, file, ...rest] = parsed.positionals;
  if (!dataset || !file || rest.length > 0) throw new UsageError(msg('IMPORT_CLI_EXPECTED_ARGS', {}));
  if (!findDataset(dataset)) throw new UsageError(msg('IMPORT_UNKNOWN_DATASET', { dataset, datasets: datasets.map((d) => d.name) }));
  if (parsed.values.token !== undefined && parsed.values['local-admin']) throw new UsageError(msg('IMPORT_CLI_TOKEN_AND_LOCAL', {}));
  return {
    dataset,
    file,
    dryRun: parsed.values['dry-run'] === true,
    localAdmin: parsed.values['local-admin'] === true,
    token: parsed.values.token ?? null,
    locale,
  };
}

/**
 * Who is loading: the token's viewer (allowed only for the dataset's department and supervisors, as over HTTP),
 * the operating-system user with --local-admin, or nobody for a dry run.
 */
function loader(args: Args): Viewer | null {
  if (args.token !== null) {
    let viewer: Viewer;
    try {
      viewer = verifyBearer(`Bearer ${args.token}`, tokenKey(config()));
    } catch (err) {
      const reason = (err as { text?: Message }).text ? render((err as { text: Message }).text) : (err as Error).message;
      throw new UsageError(msg('IMPORT_CLI_TOKEN_REFUSED', { reason }));
    }
    const department = findDataset(args.dataset)!.department;
    if (!mayImport(viewer, department)) throw new UsageError(msg('IMPORT_FORBIDDEN', { role: viewer.role, dataset: args.dataset, department }));
    return viewer;
  }
  if (args.localAdmin) return { ...SYSTEM_VIEWER, subject: `local:${os.userInfo().username}` };
  if (args.dryRun) return null;
  throw new UsageError(msg('IMPORT_CLI_WHO', {}));
}

// ---- progress ---------------------------------------------------------------------------------------------------

/** A bar on a terminal; elsewhere (CI, logs, a parent process) a plain line every few seconds. */
export class ProgressDisplay {
  private lastDraw = 0;
  private lastPhase: ImportProgress['phase'] | null = null;
  private drawn = false;

  constructor(
    private readonly out: NodeJS.WritableStream & { isTTY?: boolean },
    private readonly label: string,
    private readonly plainEveryMs = 2000,
    private readonly dataset = '',
  ) {}

  update = (p: ImportProgress): void => {
    const now = Date.now();
    if (p.phase === 'waiting') {
      // Said at once, on its own line: the clerk must know why nothing moves.
      const holder = p.holder ?? null;
      const waiting = t('IMPORT_WAITING_FOR_LOCK', {
        dataset: this.dataset,
        since: formatTime(holder?.since ?? null),
        holder: holder?.loadedBy ?? null,
        timeoutSeconds: Math.round((p.timeoutMs ?? 0) / 1000),
      });
      this.out.write(`${this.out.isTTY ? '\r\x1b[K' : ''}${this.label}: ${waiting}\n`);
      return;
    }
    // While writing, the bar is the share of staged rows applied; before, the share of the file read.
    const writing = p.phase === 'writing' && p.rowsToWrite !== undefined && p.rowsToWrite > 0;
    const percent = writing
      ? Math.min(100, Math.floor((100 * (p.rowsWritten ?? 0)) / p.rowsToWrite!))
      : p.bytesTotal ? Math.min(100, Math.floor((100 * p.bytesRead) / p.bytesTotal)) : null;
    const what = p.phase === 'reading' ? t('IMPORT_PROGRESS_READING', { rows: p.rowsRead }) : t('IMPORT_PROGRESS_PHASE', { rows: p.rowsRead, phase: p.phase });
    // Repeated reports of one phase (reading, writing) are throttled; a new phase is shown at once.
    const repeated = p.phase === this.lastPhase;
    this.lastPhase = p.phase;
    if (this.out.isTTY) {
      if (now - this.lastDraw < 100 && repeated) return;
      const bar = percent === null ? '' : `[${'#'.repeat(Math.round(percent / 4)).padEnd(25, '.')}] ${String(percent).padStart(3)}% `;
      this.out.write(`\r\x1b[K${this.label} ${bar}${what}`);
      this.drawn = true;
    } else {
      // Small files say nothing: later phases are only announced once the reading was worth announcing.
      if (repeated && this.lastDraw !== 0 && now - this.lastDraw < this.plainEveryMs) return;
      if (p.phase === 'done' || (p.phase !== 'reading' && this.lastDraw === 0)) return;
      const shown = percent !== null && (p.phase === 'reading' || writing) ? ` (${percent}%)` : '';
      this.out.write(`${this.label}: ${what}${shown}\n`);
    }
    this.lastDraw = now;
  };

  finish(): void {
    if (this.drawn) this.out.write('\r\x1b[K');
  }
}

// ---- report -----------------------------------------------------------------------------------------------------

/** Columns of Chinese text take two cells on a terminal. */
function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(ch) ? 2 : 1;
  return width;
}

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

function clip(text: string, max: number): string {
  return [...text].length > max ? `${[...text].slice(0, max - 1).join('')}…` : text;
}

/** The four headings of the problem table and of errors.csv, in the run's language. */
function headings(locale?: Locale): string[] {
  return [t('IMPORT_HEADING_ROW', {}, locale), t('IMPORT_HEADING_COLUMN', {}, locale), t('IMPORT_HEADING_VALUE', {}, locale), t('IMPORT_HEADING_PROBLEM', {}, locale)];
}

export function problemTable(problems: readonly ReportedProblem[], locale?: Locale): string {
  const rows = problems.map((p) => [
    p.rowNumber === null ? '' : num(locale ?? DEFAULT_LOCALE, p.rowNumber),
    p.column ?? '',
    clip((p.value ?? '').replace(/\s+/g, ' '), 24),
    p.reason,
  ]);
  const header = headings(locale);
  const widths = header.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i]))));
  widths[3] = 0; // the last column is not padded
  const line = (cells: string[]) => '  ' + cells.map((c, i) => (i === 3 ? c : pad(c, widths[i]))).join('  ');
  return [line(header), ...rows.map(line)].join('\n');
}

/**
 * The problems as a CSV beside the file, with a BOM so that Excel opens the Chinese text correctly. Cells go through
 * the reports' own CSV writer, which neutralises formulas: a delivered value such as `=HYPERLINK(…)` or `@SUM(…)`
 * must not run when the clerk opens the list in Excel.
 */
export function writeProblemsCsv(filePath: string, problems: readonly ReportedProblem[], locale?: Locale): string {
  const target = path.join(path.dirname(filePath), `${path.parse(filePath).name}.errors.csv`);
  const line = (cells: string[]) => cells.map(safeCsvCell).join(',');
  const lines = [line(headings(locale)), ...problems.map((p) => line([p.rowNumber === null ? '' : String(p.rowNumber), p.column ?? '', p.value ?? '', p.reason]))];
  fs.writeFileSync(target, '\ufeff' + lines.join('\r\n') + '\r\n');
  return target;
}

export function summaryText(s: ImportSummary, locale?: Locale): string {
  const seconds = s.durationMs / 1000;
  const rate = seconds > 0 && s.rowsTotal > 0 ? Math.round(s.rowsTotal / seconds) : null;
  const colon = (locale ?? DEFAULT_LOCALE) === 'zh-CN' ? '：' : ': ';
  const head = t('IMPORT_SUMMARY_HEAD', { file: s.fileName, dataset: s.dataset, department: s.department }, locale);
  if (s.alreadyImported) return `${head}${colon}${t('IMPORT_SUMMARY_ALREADY', { batch: String(s.batchId) }, locale)}\n`;
  const verdict =
    s.status === ImportStatus.SUCCEEDED
      ? s.dryRun
        ? t('IMPORT_SUMMARY_WOULD_APPLY', {}, locale)
        : t('IMPORT_SUMMARY_APPLIED', { batch: String(s.batchId) }, locale)
      : s.status === ImportStatus.REJECTED
        ? t('IMPORT_SUMMARY_REJECTED', { batch: s.dryRun ? null : s.batchId }, locale)
        : t('IMPORT_SUMMARY_FAILED', {}, locale);
  const counts =
    s.status === ImportStatus.SUCCEEDED
      ? t('IMPORT_SUMMARY_COUNTS_APPLIED', { total: s.rowsTotal, inserted: s.rowsInserted, updated: s.rowsUpdated, unchanged: s.rowsUnchanged }, locale)
      : t('IMPORT_SUMMARY_COUNTS_REJECTED', { total: s.rowsTotal, rejected: s.rowsRejected, problems: s.errorCount }, locale);
  const timing = t('IMPORT_SUMMARY_TIMING', { sha256: s.sha256, seconds: seconds.toFixed(1), rate, encoding: s.encoding }, locale);
  const title = s.titleRows.length > 0 ? `  ${t('IMPORT_SUMMARY_TITLE_SKIPPED', { rows: s.titleRows, header: Math.max(...s.titleRows) + 1 }, locale)}\n` : '';
  return `${head}${colon}${verdict}\n  ${counts}\n  ${timing}\n${title}`;
}

// ---- main -------------------------------------------------------------------------------------------------------

/** The run in the language of `--lang` (zh-CN unless told): every line it prints, and the errors.csv headings. */
export function main(argv: string[]): Promise<number> {
  return withLocale(langOf(argv), () => run(argv));
}

async function run(argv: string[]): Promise<number> {
  let args: Args;
  let viewer: Viewer | null;
  try {
    args = parseCliArgs(argv);
    viewer = loader(args);
    if (!fs.existsSync(args.file)) throw new UsageError(msg('IMPORT_CLI_NO_FILE', { file: args.file }));
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`${render(err.problem)}\n\n${usage()}\n`);
    return 2;
  }
  const db = await openDatabase(config(), { applicationName: 'junheng-import' });
  try {
    // Bulk statements are slow by nature; the summary reports the import's own timing.
    db.ds.setOptions({ maxQueryExecutionTime: 0 });
    const progress = new ProgressDisplay(process.stderr, path.basename(args.file), undefined, args.dataset);
    const loadedBy = viewer?.subject ?? 'dry-run';
    let summary: ImportSummary;
    try {
      summary = await importFile(db.ds, { dataset: args.dataset, filePath: args.file, loadedBy, dryRun: args.dryRun, onProgress: progress.update, locale: args.locale, lockTimeoutMs: config().limits.importLockTimeoutMs });
    } catch (err) {
      if (!(err instanceof ImportLockedError)) throw err;
      progress.finish();
      process.stderr.write(`${render(err.problem)}\n`);
      return 4;
    }
    progress.finish();
    if (viewer) await recordAudit(db.ds, [importAuditEntry(viewer, summary, `cli import ${args.dataset}`)]);
    process.stdout.write(summaryText(summary, args.locale));
    if (summary.errors.length > 0) {
      process.stdout.write(`\n${problemTable(summary.errors.slice(0, SHOWN_PROBLEMS), args.locale)}\n`);
      if (summary.errorCount > SHOWN_PROBLEMS) {
        const written = writeProblemsCsv(args.file, summary.errors, args.locale);
        const more = t('IMPORT_MORE_PROBLEMS', { more: summary.errorCount - SHOWN_PROBLEMS, kept: summary.errors.length, total: summary.errorCount, file: written });
        process.stdout.write(`\n  ${more}\n`);
      }
    }
    return summary.status === ImportStatus.SUCCEEDED ? 0 : summary.status === ImportStatus.REJECTED ? 1 : 3;
  } finally {
    await db.close();
  }
}

if (require.main === module) {
  const argv = process.argv.slice(2);
  // The clerk's terminal shows the CLI's own lines, not the hub's JSON logs (LOG_LEVEL=info brings them back).
  process.env.LOG_LEVEL ??= 'warn';
  // Ctrl-C ends the run through 'exit', so that an embedded PostgreSQL this run started is stopped (src/db/embedded.ts).
  process.once('SIGINT', () => process.exit(130));
  process.once('SIGTERM', () => process.exit(143));
  main(argv).then(
    (code) => process.exit(code),
    (err: unknown) => {
      const detail = err instanceof Error ? err.message : String(err);
      process.stderr.write(`${t('IMPORT_CLI_FAILED', { detail }, langOf(argv))}\n`);
      process.exit(3);
    },
  );
}
