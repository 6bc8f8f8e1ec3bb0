import ExcelJS from 'exceljs';
import { Readable } from 'node:stream';
import { FileFormatError, ReadOptions, SheetRow, isBlank } from './types';

/**
 * A number as the plain decimal text Excel shows: 15 significant digits (Excel's own precision), so binary float
 * artefacts (0.30000000000000004) disappear; never exponent notation; integers without a decimal point.
 */
export function plainDecimal(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Number.isInteger(n) && Math.abs(n) < 1e15) return String(n === 0 ? 0 : n);
  const [mantissa, exponent = '0'] = n.toPrecision(15).split('e');
  const negative = mantissa.startsWith('-');
  const [intPart, fracPart = ''] = mantissa.replace('-', '').split('.');
  const digits = intPart + fracPart;
  const point = intPart.length + Number(exponent);
  let text: string;
  if (point <= 0) text = `0.${'0'.repeat(-point)}${digits}`;
  else if (point >= digits.length) text = digits + '0'.repeat(point - digits.length);
  else text = `${digits.slice(0, point)}.${digits.slice(point)}`;
  if (text.includes('.')) text = text.replace(/0+$/, '').replace(/\.$/, '');
  text = text.replace(/^0+(?=\d)/, '');
  if (/^0(\.0*)?$/.test(text)) return '0';
  return negative ? `-${text}` : text;
}

/** A date cell as YYYY-MM-DD. ExcelJS builds the Date in UTC from the serial, so the UTC fields are Excel's date. */
function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** Whether a number format displays a date (d, m, y outside quoted text and [colour] sections). */
export function isDateFormat(numFmt: string | undefined): boolean {
  if (!numFmt) return false;
  const bare = numFmt.replace(/"[^"]*"/g, '').replace(/\[[^\]]*\]/g, '').replace(/\\./g, '');
  return /[dmy]/i.test(bare) && !/^general$/i.test(bare.trim());
}

// Excel's serial day 25569 is 1970-01-01 (1900 date system).
const serialToDate = (serial: number) => new Date(Math.round((serial - 25569) * 86400000));

type CellValue = ExcelJS.CellValue;

/** The text of a cell as the official typed it: numbers in plain decimal, dates as YYYY-MM-DD, booleans true/false. */
export function cellText(value: CellValue | undefined, numFmt?: string): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return isDateFormat(numFmt) ? isoDate(serialToDate(value)) : plainDecimal(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return isoDate(value);
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('formula' in value || 'sharedFormula' in value) return cellText(value.result as CellValue, numFmt);
  if ('error' in value) return String(value.error);
  if ('text' in value) return cellText(value.text as CellValue);
  return String(value);
}

type SheetReader = AsyncIterable<ExcelJS.Row> & { name?: string };

/** The name of the first sheet in tab order, from xl/workbook.xml (read before the sheets by ExcelJS). */
function firstSheetName(workbook: ExcelJS.stream.xlsx.WorkbookReader): string | undefined {
  const model = (workbook as unknown as { model?: { sheets?: Array<{ name: string }> } }).model;
  return model?.sheets?.[0]?.name;
}

/**
 * Reads the first sheet of an XLSX workbook as rows keyed by header, streaming (shared strings and styles are
 * cached, cells are not). Row numbers are Excel's own.
 */
export async function* readXlsx(input: Readable, options: ReadOptions = {}): AsyncGenerator<SheetRow> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  let header: string[] | null = null;
  let sheetSeen = false;
  try {
    for await (const sheet of workbook as AsyncIterable<SheetReader>) {
      const first = firstSheetName(workbook);
      if (first !== undefined && sheet.name !== undefined && sheet.name !== first) continue;
      sheetSeen = true;
      for await (const row of sheet) {
        if (header === null) {
          const cells = rowCells(row, row.cellCount);
          if (isBlank(cells)) continue;
          header = cells.map((h) => h.trim());
          options.onHeader?.(header, row.number);
          continue;
        }
        const cells = rowCells(row, header.length);
        if (isBlank(cells)) continue;
        yield { rowNumber: row.number, values: keyed(header, cells) };
      }
      break;
    }
  } catch (err) {
    if (err instanceof FileFormatError || !looksLikeXlsxFailure(err)) throw err;
    throw new FileFormatError(`the file is not a readable XLSX workbook (${(err as Error).message})`);
  } finally {
    input.destroy();
  }
  if (!sheetSeen) throw new FileFormatError('the workbook has no worksheet');
  if (header === null) throw new FileFormatError('the first sheet is empty: expected a header row');
}

function rowCells(row: ExcelJS.Row, width: number): string[] {
  const cells: string[] = new Array(width);
  for (let c = 1; c <= width; c++) {
    const cell = row.findCell(c);
    cells[c - 1] = cell ? cellText(cell.value, cell.numFmt) : '';
  }
  return cells;
}

function keyed(header: readonly string[], cells: readonly string[]): Record<string, string> {
  const values: Record<string, string> = {};
  for (let i = 0; i < header.length; i++) {
    const name = header[i];
    if (name !== '' && values[name] === undefined) values[name] = cells[i];
  }
  return values;
}

/** Errors from unzipping and XML parsing (a CSV renamed .xlsx, a truncated upload); not our own bugs. */
function looksLikeXlsxFailure(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  return !(err instanceof TypeError || err instanceof ReferenceError || err instanceof RangeError);
}
