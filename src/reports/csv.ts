import type { Cell, Table } from './sheets';

/** Excel opens a UTF-8 CSV with Chinese text correctly only when it starts with a byte-order mark. */
export const BOM = '\uFEFF';

/**
 * One cell as RFC 4180 text: quoted when it holds a comma, quote or line break. A text cell starting with
 * = + - @ (or a tab/CR) gets a leading apostrophe so a spreadsheet never runs it as a formula; numbers are
 * written as they are.
 */
export function csvCell(value: Cell): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The table as CSV: BOM, the header row (same headers as the XLSX), one line per row, CRLF line ends. */
export function toCsv(table: Table): string {
  const lines = [table.columns.map((c) => c.header), ...table.rows].map((cells) => cells.map(csvCell).join(','));
  return BOM + lines.join('\r\n') + '\r\n';
}
