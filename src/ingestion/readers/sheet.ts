import { msg } from '../../messages';
import { FileFormatError, RawRow, ReadOptions, SheetRow, isBlank } from './types';

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
 * Turns raw rows into rows keyed by header. The header is the first non-blank row — unless that row looks like a
 * title (one or two cells, no column name) and a row below it (within a few rows) holds the dataset's column
 * names: then the rows above the header are skipped as titles and recorded in `options.info`. A title with no
 * header below it is refused with a message that names it.
 */
export async function* keyedRows(raw: AsyncIterable<RawRow>, options: ReadOptions, flagOverflow: boolean): AsyncGenerator<SheetRow> {
  const columns = new Set(options.columns ?? []);
  let header: string[] | null = null;
  let pending: RawRow[] = []; // a title and the rows read below it while looking for the header
  const accept = (row: RawRow, titles: RawRow[]) => {
    header = row.cells.map((h) => h.trim());
    if (options.info) {
      options.info.titleRows = titles.map((t) => t.rowNumber);
      options.info.headerRow = row.rowNumber;
    }
    options.onHeader?.(header, row.rowNumber);
  };
  const toRow = (row: RawRow): SheetRow => keyed(header!, row, flagOverflow);

  for await (const row of raw) {
    if (header !== null) {
      if (!isBlank(row.cells)) yield toRow(row);
      continue;
    }
    if (isBlank(row.cells)) continue;
    if (pending.length === 0) {
      if (columns.size > 0 && looksLikeTitle(row.cells, columns)) pending.push(row);
      else accept(row, []);
      continue;
    }
    if (looksLikeHeader(row.cells, columns)) {
      accept(row, pending);
      pending = [];
      continue;
    }
    pending.push(row);
    if (pending.length > TITLE_LOOKAHEAD) throw titleWithoutHeader(pending[0]);
  }
  if (header === null) {
    if (pending.length > 0) throw titleWithoutHeader(pending[0]);
    return;
  }
}

function titleWithoutHeader(title: RawRow): FileFormatError {
  return new FileFormatError(msg('IMPORT_TITLE_ROW', { title: nonEmpty(title.cells).join(' ').trim(), row: title.rowNumber }), title.rowNumber);
}

function keyed(header: readonly string[], row: RawRow, flagOverflow: boolean): SheetRow {
  const values: Record<string, string> = {};
  const { cells } = row;
  for (let i = 0; i < header.length; i++) {
    const name = header[i];
    if (name !== '' && values[name] === undefined) values[name] = cells[i] ?? '';
  }
  const overflow = flagOverflow && cells.length > header.length && !isBlank(cells.slice(header.length));
  return overflow ? { rowNumber: row.rowNumber, values, overflow } : { rowNumber: row.rowNumber, values };
}
