import { CellParser, Invalid, cellParser, isFreeText } from './cells';
import { DatasetDefinition, ParsedRow } from './datasets';
import { msg } from '../messages';
import { ImportProblem, ProblemLog } from './problems';
import { SheetBatch, SheetRow, isBlank } from './readers/types';

/** A value kept with a problem (stored, answered) is cut to this many characters: a 5 MB cell is not repeated. */
export const SHOWN_VALUE_CHARS = 200;

export function shownValue(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  return value.length > SHOWN_VALUE_CHARS ? `${value.slice(0, SHOWN_VALUE_CHARS - 1)}…` : value;
}

/** The header's problems: required columns missing, a known column given twice. Extra columns are fine. */
export function checkHeader(definition: DatasetDefinition, header: readonly string[], rowNumber = 1): ImportProblem[] {
  const problems: ImportProblem[] = [];
  const present = new Set<string>();
  for (const name of header) {
    if (present.has(name) && definition.columns.some((c) => c.name === name)) {
      problems.push({ rowNumber, column: name, value: name, problem: msg('IMPORT_COLUMN_TWICE', { column: name }) });
    }
    present.add(name);
  }
  const missing = definition.columns.filter((c) => c.required && !present.has(c.name));
  for (const c of missing) {
    const similar = closeMatch(c.name, header) ?? null;
    problems.push({ rowNumber, column: c.name, value: null, problem: msg('IMPORT_COLUMN_MISSING', { column: c.name, similar }) });
  }
  return problems;
}

/** A header cell that differs from a wanted name only in case, spaces or dashes: the usual hand-made header. */
function closeMatch(wanted: string, header: readonly string[]): string | undefined {
  const norm = (s: string) => s.toLowerCase().replace(/[\s\-_]+/g, '');
  return header.find((h) => h !== wanted && norm(h) === norm(wanted));
}

/** A dataset's validation, prepared once per file. */
export class RowValidator {
  private readonly names: string[];
  private readonly parsers: CellParser[];

  constructor(private readonly definition: DatasetDefinition) {
    this.names = definition.columns.map((c) => c.name);
    this.parsers = definition.columns.map((c) => cellParser(c, isFreeText(c, definition.key)));
  }

  /**
   * The row's canonical values in column order, or null when the row has problems (all of them are logged).
   * Rows with bad cells skip the cross-column checks: those would only repeat the same mistake.
   */
  validate(row: SheetRow, problems: ProblemLog): Array<string | null> | null {
    const cells = this.names.map((name) => row.values[name]);
    const at = cells.map((c, i) => (c === undefined ? -1 : i));
    const out: Array<string | null> = new Array(this.names.length);
    return this.validateCells(row.rowNumber, cells as string[], at, row.overflow === true, problems, out) ? out : null;
  }

  /**
   * Validates a batch of rows read against a header and hands each valid row's values to `write` (the staging
   * COPY): the column positions are found once per header, and the values array is reused (write copies it out).
   */
  validateBatch(batch: SheetBatch, problems: ProblemLog, write: (rowNumber: number, values: ReadonlyArray<string | null>) => void): void {
    const at = this.positionsIn(batch.header);
    const width = batch.header.length;
    const out: Array<string | null> = new Array(this.names.length);
    for (const row of batch.rows) {
      const { cells } = row;
      const overflow = row.overflow ?? (batch.flagOverflow && cells.length > width && !isBlank(cells.slice(width)));
      if (this.validateCells(row.rowNumber, cells, at, overflow, problems, out)) write(row.rowNumber, out);
    }
  }

  private lastHeader: readonly string[] | null = null;
  private lastPositions: number[] = [];

  /** Where each column's cell is in a row read against `header` (-1: not in the file); the first of a repeated name. */
  private positionsIn(header: readonly string[]): number[] {
    if (header !== this.lastHeader) {
      this.lastHeader = header;
      this.lastPositions = this.names.map((name) => header.indexOf(name));
    }
    return this.lastPositions;
  }

  private validateCells(
    rowNumber: number,
    cells: readonly string[],
    at: readonly number[],
    overflow: boolean,
    problems: ProblemLog,
    out: Array<string | null>,
  ): boolean {
    let ok = true;
    if (overflow) {
      ok = false;
      problems.add({ rowNumber, column: null, value: null, problem: msg('IMPORT_ROW_OVERFLOW', {}) });
    }
    for (let i = 0; i < this.parsers.length; i++) {
      const p = at[i];
      // A column the file lacks reads as empty; a row shorter than its header has empty cells.
      const raw = p < 0 ? undefined : (cells[p] ?? '');
      const parsed = this.parsers[i](raw === undefined ? '' : raw.trim());
      if (parsed instanceof Invalid) {
        ok = false;
        problems.add({ rowNumber, column: this.names[i], value: shownValue(raw), problem: parsed.problem });
      } else {
        out[i] = parsed;
      }
    }
    return ok && this.checkRow(rowNumber, out, problems);
  }

  private checkRow(rowNumber: number, values: ReadonlyArray<string | null>, problems: ProblemLog): boolean {
    if (this.definition.rowChecks.length === 0) return true;
    const parsed: Record<string, string | null> = {};
    this.names.forEach((name, i) => (parsed[name] = values[i]));
    let ok = true;
    for (const check of this.definition.rowChecks) {
      const problem = check.test(parsed as ParsedRow);
      if (problem !== null) {
        ok = false;
        problems.add({ rowNumber, column: check.column, value: parsed[check.column] ?? null, problem });
      }
    }
    return ok;
  }
}
