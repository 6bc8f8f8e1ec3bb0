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
import { datasets, findDataset } from './datasets';
import { ImportStatus } from './import-batch.entity';
import { ImportProgress, ImportSummary, ReportedProblem, importFile } from './pipeline';
import { formatCount } from './problems';

/**
 * `npm run import -- <dataset> <file> [--dry-run] [--token <JWT> | --local-admin]`
 * Exit codes: 0 applied (or already applied, or a clean dry run), 1 rejected, 2 wrong usage, 3 failed.
 */
const USAGE = `Usage: npm run import -- <dataset> <file> [--dry-run] [--token <JWT> | --local-admin]

  <dataset>      one of: ${datasets.map((d) => d.name).join(', ')}
  <file>         a CSV (UTF-8) or XLSX file (first sheet), header in row 1
  --dry-run      check and apply everything, then roll back: shows what would change
  --token JWT    load as the token's subject; its role must be the dataset's department or supervisor
  --local-admin  load as the operating-system user, on this machine's database (no token)`;

const SHOWN_PROBLEMS = 20;

class UsageError extends Error {}

interface Args {
  dataset: string;
  file: string;
  dryRun: boolean;
  localAdmin: boolean;
  token: string | null;
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
      },
    });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const [dataset, file, ...rest] = parsed.positionals;
  if (!dataset || !file || rest.length > 0) throw new UsageError('Expected a dataset and a file.');
  if (!findDataset(dataset)) throw new UsageError(`Unknown dataset "${dataset}".`);
  if (parsed.values.token !== undefined && parsed.values['local-admin']) throw new UsageError('Pass either --token or --local-admin, not both.');
  return {
    dataset,
    file,
    dryRun: parsed.values['dry-run'] === true,
    localAdmin: parsed.values['local-admin'] === true,
    token: parsed.values.token ?? null,
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
      throw new UsageError(`The token is refused: ${(err as Error).message}`);
    }
    const department = findDataset(args.dataset)!.department;
    if (!mayImport(viewer, department)) throw new UsageError(`Role ${viewer.role} may not import ${args.dataset} (a ${department} dataset).`);
    return viewer;
  }
  if (args.localAdmin) return { ...SYSTEM_VIEWER, subject: `local:${os.userInfo().username}` };
  if (args.dryRun) return null;
  throw new UsageError('Say who is loading: pass --token <JWT>, or --local-admin (loads as the operating-system user), or use --dry-run.');
}

// ---- progress ---------------------------------------------------------------------------------------------------

/** A bar on a terminal; elsewhere (CI, logs, a parent process) a plain line every few seconds. */
export class ProgressDisplay {
  private lastDraw = 0;
  private drawn = false;

  constructor(
    private readonly out: NodeJS.WritableStream & { isTTY?: boolean },
    private readonly label: string,
    private readonly plainEveryMs = 2000,
  ) {}

  update = (p: ImportProgress): void => {
    const now = Date.now();
    const percent = p.bytesTotal ? Math.min(100, Math.floor((100 * p.bytesRead) / p.bytesTotal)) : null;
    const what = p.phase === 'reading' ? `${formatCount(p.rowsRead)} rows read` : `${formatCount(p.rowsRead)} rows, ${p.phase}…`;
    if (this.out.isTTY) {
      if (now - this.lastDraw < 100 && p.phase === 'reading') return;
      const bar = percent === null ? '' : `[${'#'.repeat(Math.round(percent / 4)).padEnd(25, '.')}] ${String(percent).padStart(3)}% `;
      this.out.write(`\r\x1b[K${this.label} ${bar}${what}`);
      this.drawn = true;
    } else {
      // Small files say nothing: later phases are only announced once the reading was worth announcing.
      if (p.phase === 'reading' && this.lastDraw !== 0 && now - this.lastDraw < this.plainEveryMs) return;
      if (p.phase === 'done' || (p.phase !== 'reading' && this.lastDraw === 0)) return;
      this.out.write(`${this.label}: ${what}${percent !== null && p.phase === 'reading' ? ` (${percent}%)` : ''}\n`);
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

export function problemTable(problems: readonly ReportedProblem[]): string {
  const rows = problems.map((p) => [
    p.rowNumber === null ? '' : formatCount(p.rowNumber),
    p.column ?? '',
    clip((p.value ?? '').replace(/\s+/g, ' '), 24),
    p.reason,
  ]);
  const header = ['row', 'column', 'value', 'problem'];
  const widths = header.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i]))));
  widths[3] = 0; // the last column is not padded
  const line = (cells: string[]) => '  ' + cells.map((c, i) => (i === 3 ? c : pad(c, widths[i]))).join('  ');
  return [line(header), ...rows.map(line)].join('\n');
}

function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** The problems as a CSV beside the file, with a BOM so that Excel opens the Chinese text correctly. */
export function writeProblemsCsv(filePath: string, problems: readonly ReportedProblem[]): string {
  const target = path.join(path.dirname(filePath), `${path.parse(filePath).name}.errors.csv`);
  const lines = ['row,column,value,problem', ...problems.map((p) => [p.rowNumber === null ? '' : String(p.rowNumber), p.column ?? '', p.value ?? '', p.reason].map(csvCell).join(','))];
  fs.writeFileSync(target, '\ufeff' + lines.join('\r\n') + '\r\n');
  return target;
}

export function summaryText(s: ImportSummary): string {
  const seconds = s.durationMs / 1000;
  const rate = seconds > 0 && s.rowsTotal > 0 ? `, ${formatCount(Math.round(s.rowsTotal / seconds))} rows/s` : '';
  const head = `${s.fileName} → ${s.dataset} (${s.department})`;
  if (s.alreadyImported) return `${head}: already imported by batch ${s.batchId}; nothing changed.\n`;
  const verdict =
    s.status === ImportStatus.SUCCEEDED
      ? s.dryRun
        ? 'would be applied (dry run: nothing changed)'
        : `applied as batch ${s.batchId}`
      : s.status === ImportStatus.REJECTED
        ? `REJECTED${s.dryRun ? ' (dry run)' : `, recorded as batch ${s.batchId}`}: nothing was changed`
        : 'FAILED: nothing was changed';
  const counts =
    s.status === ImportStatus.SUCCEEDED
      ? `${formatCount(s.rowsTotal)} rows: ${formatCount(s.rowsInserted)} inserted, ${formatCount(s.rowsUpdated)} updated, ${formatCount(s.rowsUnchanged)} unchanged`
      : `${formatCount(s.rowsTotal)} rows read, ${formatCount(s.rowsRejected)} rejected, ${formatCount(s.errorCount)} problem${s.errorCount === 1 ? '' : 's'}`;
  return `${head}: ${verdict}\n  ${counts}\n  sha256 ${s.sha256}, ${seconds.toFixed(1)} s${rate}\n`;
}

// ---- main -------------------------------------------------------------------------------------------------------

export async function main(argv: string[]): Promise<number> {
  let args: Args;
  let viewer: Viewer | null;
  try {
    args = parseCliArgs(argv);
    viewer = loader(args);
    if (!fs.existsSync(args.file)) throw new UsageError(`No such file: ${args.file}`);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`${err.message}\n\n${USAGE}\n`);
    return 2;
  }
  const db = await openDatabase(config(), { applicationName: 'junheng-import' });
  try {
    // Bulk statements are slow by nature; the summary reports the import's own timing.
    db.ds.setOptions({ maxQueryExecutionTime: 0 });
    const progress = new ProgressDisplay(process.stderr, path.basename(args.file));
    const loadedBy = viewer?.subject ?? 'dry-run';
    const summary = await importFile(db.ds, { dataset: args.dataset, filePath: args.file, loadedBy, dryRun: args.dryRun, onProgress: progress.update });
    progress.finish();
    if (viewer) await recordAudit(db.ds, [importAuditEntry(viewer, summary, `cli import ${args.dataset}`)]);
    process.stdout.write(summaryText(summary));
    if (summary.errors.length > 0) {
      process.stdout.write(`\n${problemTable(summary.errors.slice(0, SHOWN_PROBLEMS))}\n`);
      if (summary.errorCount > SHOWN_PROBLEMS) {
        const written = writeProblemsCsv(args.file, summary.errors);
        const which =
          summary.errors.length < summary.errorCount
            ? `The first ${formatCount(summary.errors.length)} of the ${formatCount(summary.errorCount)} problems are`
            : `All ${formatCount(summary.errorCount)} problems are`;
        process.stdout.write(`\n  … and ${formatCount(summary.errorCount - SHOWN_PROBLEMS)} more. ${which} in ${written}\n`);
      }
    }
    return summary.status === ImportStatus.SUCCEEDED ? 0 : summary.status === ImportStatus.REJECTED ? 1 : 3;
  } finally {
    await db.close();
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: unknown) => {
      process.stderr.write(`The import failed: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(3);
    },
  );
}
