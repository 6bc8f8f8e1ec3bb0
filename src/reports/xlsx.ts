/**
 * Writes a report as an XLSX workbook meant to be read on screen and printed: each sheet starts with a title block
 * (report title, district, year, standard, data as of, units, what a row is), then the table with a bold header
 * row that is frozen, filtered (autofilter) and repeated on every printed page; A4, fitted to the page width
 * (fitToPage + fitToWidth 1 + fitToHeight 0), landscape for wide tables, a footer with the page number. Column
 * widths and row heights are worked out from the text (a CJK character takes two character widths), so wrapped
 * text never runs under the next row. Streamed row by row with exceljs's WorkbookWriter.
 */
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { t, type Locale } from '../messages';
import type { Cell, Report, Table } from './sheets';

/** Points per line of 11-point text (Excel's default row is 15 pt; CJK fonts need a little more). */
const LINE_PT = 14.5;
/** Excel's tallest row. */
const MAX_ROW_PT = 409;
const A4 = 9;
const BORDER: Partial<ExcelJS.Borders> = (() => {
  const side: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FFB8C4D0' } };
  return { top: side, left: side, bottom: side, right: side };
})();
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF4' } };

/** Width of text in Excel character widths: East Asian wide characters count two. */
export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    // CJK radicals … Hangul, CJK compatibility, full-width forms; the rest counts one.
    w += (cp >= 0x2e80 && cp <= 0xa4cf) || (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60) || (cp >= 0xffe0 && cp <= 0xffe6) || cp >= 0x20000 ? 2 : 1;
  }
  return w;
}

/** Lines a text takes in a column `width` characters wide when wrapped. */
export function wrappedLines(text: string, width: number): number {
  const usable = Math.max(1, width - 1.5);
  return text.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil(displayWidth(line) / usable)), 0);
}

/** A cell as it is shown, to size its column. */
function shown(cell: Cell, numFmt: string | undefined): string {
  if (cell === null) return '';
  if (typeof cell === 'string') return cell;
  if (numFmt === '0.00%') return `${(cell * 100).toFixed(2)}%`;
  if (numFmt === '#,##0.00') return cell.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  if (numFmt === '#,##0') return cell.toLocaleString('en-US', { maximumFractionDigits: 0 });
  return cell.toLocaleString('en-US', { maximumFractionDigits: 4, useGrouping: false });
}

/**
 * Column widths: wide enough for the longest line of any cell up to the column's maximum (beyond which text
 * wraps), and for the header on at most two lines.
 */
export function columnWidths(table: Table): number[] {
  return table.columns.map((c, i) => {
    let widest = 0;
    for (const row of table.rows) for (const line of shown(row[i] ?? null, c.numFmt).split('\n')) widest = Math.max(widest, displayWidth(line));
    const header = Math.max(Math.ceil(displayWidth(c.header) / 2), ...c.header.split(/\s+/).map(displayWidth));
    return Math.min(c.max, Math.max(widest, header, 4)) + 2;
  });
}

function heightOf(cells: readonly string[], widths: readonly number[]): number {
  const lines = cells.reduce((n, text, i) => Math.max(n, text ? wrappedLines(text, widths[i]!) : 1), 1);
  return Math.min(MAX_ROW_PT, lines * LINE_PT + 3);
}

/** `&` starts a code in Excel's header and footer text. */
const footerText = (s: string) => s.replace(/&/g, '&&');

/** Streams `report` to `stream` (an HTTP response): one worksheet per table, each row committed as it is written. */
export async function writeWorkbook(stream: Writable, report: Report, locale: Locale): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  wb.creator = 'Junheng 均衡';
  wb.title = report.title;
  for (const table of report.tables) writeSheet(wb, report, table, locale);
  await wb.commit();
}

function writeSheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, report: Report, table: Table, locale: Locale): void {
  const widths = columnWidths(table);
  const n = table.columns.length;
  const total = widths.reduce((a, b) => a + b, 0);
  const block = [report.title, ...report.meta];
  const headerRow = block.length + 2;
  const lastRow = headerRow + Math.max(table.rows.length, 1);

  const ws = wb.addWorksheet(table.name, {
    views: [{ state: 'frozen', ySplit: headerRow, xSplit: 0 }],
    pageSetup: {
      paperSize: A4,
      orientation: table.orientation,
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.4, right: 0.4, top: 0.55, bottom: 0.6, header: 0.3, footer: 0.3 },
      printTitlesRow: `${headerRow}:${headerRow}`,
    },
    headerFooter: {
      oddFooter: `&L&8${footerText(report.title)}&R&8${footerText(t('REPORT_PAGE_OF', { page: '\u0001', pages: '\u0002' }, locale)).replace('\u0001', '&P').replace('\u0002', '&N')}`,
    },
    autoFilter: { from: { row: headerRow, column: 1 }, to: { row: lastRow, column: n } },
  } as Partial<ExcelJS.AddWorksheetOptions>);
  ws.columns = widths.map((width) => ({ width }));

  // Title block: each line merged across the table, wrapped, sized to its text.
  block.forEach((text, i) => {
    const row = ws.addRow([text]);
    row.getCell(1).font = i === 0 ? { bold: true, size: 14 } : { size: 10, color: { argb: 'FF3E4C59' } };
    row.getCell(1).alignment = { wrapText: true, vertical: 'middle' };
    const lines = wrappedLines(text, total * (i === 0 ? 0.8 : 1.05));
    row.height = Math.min(MAX_ROW_PT, lines * (i === 0 ? 20 : 14) + 4);
    ws.mergeCells(i + 1, 1, i + 1, n);
    row.commit();
  });
  const note = ws.addRow([{ richText: [{ text: table.name, font: { bold: true, size: 11 } }, { text: `${locale === 'zh-CN' ? '：' : ': '}${table.note}`, font: { size: 10, italic: true, color: { argb: 'FF52606D' } } }] }]);
  note.getCell(1).alignment = { wrapText: true, vertical: 'top' };
  note.height = Math.min(MAX_ROW_PT, wrappedLines(`${table.name}：${table.note}`, total * 1.05) * 14 + 4);
  ws.mergeCells(headerRow - 1, 1, headerRow - 1, n);
  note.commit();

  const header = ws.addRow(table.columns.map((c) => c.header));
  header.height = heightOf(table.columns.map((c) => c.header), widths);
  header.eachCell((cell) => {
    cell.font = { bold: true };
    cell.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
    cell.fill = HEADER_FILL;
    cell.border = BORDER;
  });
  header.commit();

  for (const cells of table.rows) {
    const row = ws.addRow(cells);
    row.height = heightOf(cells.map((c, i) => shown(c, table.columns[i]!.numFmt)), widths);
    table.columns.forEach((c, i) => {
      const cell = row.getCell(i + 1);
      if (c.numFmt && typeof cells[i] === 'number') cell.numFmt = c.numFmt;
      cell.alignment = { wrapText: true, vertical: 'top' };
      cell.border = BORDER;
    });
    row.commit();
  }
  ws.commit();
}
