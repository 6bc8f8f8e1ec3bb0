import { msg } from '../../messages';
import { FileFormatError, RawRow, ReadOptions, SheetBatch, SheetRow, isBlank } from './types';

/** How many non-blank rows below a title are searched for the header. */
export const TITLE_LOOKAHEAD = 5;

const nonEmpty = (cells: readonly string[]) => cells.filter((c) => c.trim() !== '');

/** A row holding at least two of the dataset's column names (or all of them, for a dataset of one). */
function looksLikeHeader(cells: readonly string[], columns: ReadonlySet<string>): boolean {
  let found = 0;
  for (const c of cells) if (columns.has(c.trim())) found += 1;
  return found >= Math.min(2, columns.size);
}

/** One or two filled cells, none of them a column name: "2024年学校统计表" in A1, maybe a unit or date beside it. */
function looksLikeTitle(cells: readonly string[], columns: ReadonlySet<string>): boolean {
  const filled = nonEmpty(cells);
  return filled.length <= 2 && !filled.some((c) => columns.has(c.trim()));
}

/**
 * Finds the header among the first rows. The header is the first non-blank row — unless that row looks like a
 * title (one or two cells, no column name) and a row below it (within a few rows) holds the dataset's column
 * names: then the rows above the header are skipped as titles and recorded in `options.info`. A title with no
 * header below it is refused with a message that names it.
 */
class HeaderFinder {
  header: string[] | null = null;
  private readonly columns: ReadonlySet<string>;
  private pending: RawRow[] = []; // a title and the rows read below it while looking for the header

  constructor(private readonly options: ReadOptions) {
    this.columns = new Set(options.columns ?? []);
  }

  /** Takes one row read before the header was found. */
  take(row: RawRow): void {
    if (isBlank(row.cells)) return;
    if (this.pending.length === 0) {
      if (this.columns.size > 0 && looksLikeTitle(row.cells, this.columns)) this.pending.push(row);
      else this.accept(row, []);
      return;
    }
    if (looksLikeHeader(row.cells, this.columns)) {
      this.accept(row, this.pending);
      this.pending = [];
      return;
    }
    this.pending.push(row);
    if (this.pending.length > TITLE_LOOKAHEAD) throw titleWithoutHeader(this.pending[0]);
  }

  /** At the end of the sheet: a title seen without a header below it is refused. */
  finish(): void {
    if (this.header === null && this.pending.length > 0) throw titleWithoutHeader(this.pending[0]);
  }

  private accept(row: RawRow, titles: RawRow[]): void {
    const header = row.cells.map((h) => h.trim());
    this.header = header;
    if (this.options.info) {
      this.options.info.titleRows = titles.map((t) => t.rowNumber);
      this.options.info.headerRow = row.rowNumber;
    }
    this.options.onHeader?.(header, row.rowNumber);
  }
}

/** Turns raw rows into rows keyed by header (see HeaderFinder); blank rows are skipped. */
export async function* keyedRows(raw: AsyncIterable<RawRow>, options: ReadOptions, flagOverflow: boolean): AsyncGenerator<SheetRow> {
  const finder = new HeaderFinder(options);
  for await (const row of raw) {
    if (finder.header === null) finder.take(row);
    else if (!isBlank(row.cells)) yield keyed(finder.header, row, flagOverflow);
  }
  finder.finish();
}

/**
 * The same over batches of raw rows, without keying them: the data rows of each batch (blank rows dropped) with the
 * header they are read against. One object per batch instead of one keyed object and one await per row.
 */
export async function* headedBatches(raw: AsyncIterable<RawRow[]>, options: ReadOptions, flagOverflow: boolean): AsyncGenerator<SheetBatch> {
  const finder = new HeaderFinder(options);
  for await (const batch of raw) {
    const rows: RawRow[] = [];
    for (const row of batch) {
      if (finder.header === null) finder.take(row);
      else if (!isBlank(row.cells)) rows.push(row);
    }
    if (rows.length > 0) yield { header: finder.header!, rows, flagOverflow };
  }
  finder.finish();
}

function titleWithoutHeader(title: RawRow): FileFormatError {
  return new FileFormatError(msg('IMPORT_TITLE_ROW', { title: nonEmpty(title.cells).join(' ').trim(), row: title.rowNumber }), title.rowNumber);
}

export function keyed(header: readonly string[], row: RawRow, flagOverflow: boolean): SheetRow {
  const values: Record<string, string> = {};
  const { cells } = row;
  for (let i = 0; i < header.length; i++) {
    const name = header[i];
    if (name !== '' && values[name] === undefined) values[name] = cells[i] ?? '';
  }
  const overflow = flagOverflow && cells.length > header.length && !isBlank(cells.slice(header.length));
  return overflow ? { rowNumber: row.rowNumber, values, overflow } : { rowNumber: row.rowNumber, values };
}
