import type { Message } from '../../messages';

/** One row of a sheet as read, before the header is known: its cells in column order. */
export interface RawRow {
  /** Row number as the official sees it in their spreadsheet (blank rows count too). */
  rowNumber: number;
  cells: string[];
  /** Set by a reader that knows a row overflowed without its header's length (keyed rows turned into a batch). */
  overflow?: boolean;
}

/** One data row of a delivered sheet. */
export interface SheetRow {
  /** Row number as the official sees it in their spreadsheet: the header is row 1 (blank rows count too). */
  rowNumber: number;
  /** Cell text by (trimmed) header name; cells under an empty header are dropped. */
  values: Record<string, string>;
  /** A CSV row with non-empty cells beyond the header: usually a value with an unquoted comma. */
  overflow?: boolean;
}

/**
 * Data rows of a sheet in a batch, not keyed: each row's cells in file order, read against `header` (trimmed).
 * The importer reads files this way (one object per batch, not per row); `SheetRow` is the keyed form of one row.
 */
export interface SheetBatch {
  header: readonly string[];
  rows: RawRow[];
  /** Non-empty cells beyond the header make a row wrong (CSV: an unquoted comma), rather than being ignored. */
  flagOverflow: boolean;
}

/** What a reader learnt about the file while reading it (recorded on the batch, shown in the summary). */
export interface ReadInfo {
  /** The text encoding of a CSV (`utf-8`, `gb18030`); null for a workbook. */
  encoding: string | null;
  /** Rows above the header that were taken for a title and skipped. */
  titleRows: number[];
  headerRow: number | null;
}

export interface ReadOptions {
  /** Called with the trimmed header before any data row is read; throw to reject the file. */
  onHeader?: (header: readonly string[], rowNumber: number) => void;
  /** The dataset's column names: a first row holding none of them may be a title above the header. */
  columns?: readonly string[];
  /** Filled in while reading. */
  info?: ReadInfo;
}

/** The file cannot be read as a sheet (encoding, broken quoting, not an XLSX workbook, over a limit…). */
export class FileFormatError extends Error {
  constructor(
    readonly problem: Message,
    readonly rowNumber: number | null = null,
    /** The file was refused for its size (a limit), not its form: HTTP answers 413. */
    readonly overLimit = false,
  ) {
    super(problem.code);
    this.name = 'FileFormatError';
  }
}

export function isBlank(cells: readonly string[]): boolean {
  for (const c of cells) if (c.trim() !== '') return false;
  return true;
}

export function newReadInfo(): ReadInfo {
  return { encoding: null, titleRows: [], headerRow: null };
}
