/** One data row of a delivered sheet. */
export interface SheetRow {
  /** Row number as the official sees it in their spreadsheet: the header is row 1 (blank rows count too). */
  rowNumber: number;
  /** Cell text by (trimmed) header name; cells under an empty header are dropped. */
  values: Record<string, string>;
  /** A CSV row with non-empty cells beyond the header: usually a value with an unquoted comma. */
  overflow?: boolean;
}

export interface ReadOptions {
  /** Called with the trimmed header before any data row is read; throw to reject the file. */
  onHeader?: (header: readonly string[], rowNumber: number) => void;
}

/** The file cannot be read as a sheet (not UTF-8, broken quoting, not an XLSX workbook…). */
export class FileFormatError extends Error {
  constructor(
    message: string,
    readonly rowNumber: number | null = null,
  ) {
    super(message);
    this.name = 'FileFormatError';
  }
}

export function isBlank(cells: readonly string[]): boolean {
  for (const c of cells) if (c.trim() !== '') return false;
  return true;
}
