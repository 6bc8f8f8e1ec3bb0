import path from 'node:path/posix';
import { msg } from '../../messages';
import { keyedRows } from './sheet';
import { FileFormatError, RawRow, ReadOptions, SheetRow } from './types';
import { parseXml, parseXmlText } from './xml';
import { Limits, WorkbookZip, XLSX_LIMITS } from './zip';

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

/** Whether a number format displays a date (d, m, y outside quoted text and [colour] sections). */
export function isDateFormat(numFmt: string | undefined): boolean {
  if (!numFmt) return false;
  const bare = numFmt.replace(/"[^"]*"/g, '').replace(/\[[^\]]*\]/g, '').replace(/\\./g, '');
  return /[dmy]/i.test(bare) && !/^general$/i.test(bare.trim());
}

/** Built-in number formats that show a date (ECMA-376 §18.8.30, with the ids Chinese Excel uses for 年月日). */
const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 22, 27, 28, 29, 30, 31, 36, 50, 51, 52, 53, 54, 57, 58]);

/** Excel's serial day as YYYY-MM-DD: serial 25569 is 1970-01-01 in the 1900 date system (1462 days later in 1904's). */
export function serialDate(serial: number, date1904 = false): string {
  const days = serial + (date1904 ? 1462 : 0) - 25569;
  return new Date(Math.round(days * 86400000)).toISOString().slice(0, 10);
}

/** "BC12" → 55 (1-based); 0 when the reference has no letters. */
export function columnOf(ref: string): number {
  let col = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 65 && c <= 90) col = col * 26 + (c - 64);
    else if (c >= 97 && c <= 122) col = col * 26 + (c - 96);
    else break;
    if (col > 1_000_000) break;
  }
  return col;
}

function rowOf(ref: string): number {
  const m = /\d+$/.exec(ref);
  return m ? Number(m[0]) : 0;
}

// ---- the workbook's structure ------------------------------------------------------------------------------------

interface Relationship {
  type: string;
  target: string;
}

const RELATIONSHIP = {
  officeDocument: /\/officeDocument$/,
  worksheet: /\/worksheet$/,
  sharedStrings: /\/sharedStrings$/,
  styles: /\/styles$/,
};

/** The relationships of a part (`xl/_rels/workbook.xml.rels` for `xl/workbook.xml`), targets resolved to zip paths. */
async function relationships(zip: WorkbookZip, ofPart: string): Promise<Map<string, Relationship>> {
  const relsPath = path.join(path.dirname(ofPart), '_rels', `${path.basename(ofPart)}.rels`);
  const out = new Map<string, Relationship>();
  if (!zip.has(relsPath)) return out;
  await parseXmlText(await zip.open(relsPath, zip.limits.metadataBytes), relsPath, {
    open(name, a) {
      if (name !== 'Relationship' || !a.Id || !a.Target) return;
      if (a.TargetMode === 'External') return;
      const target = a.Target.startsWith('/') ? a.Target.slice(1) : path.normalize(path.join(path.dirname(ofPart), a.Target));
      out.set(a.Id, { type: a.Type ?? '', target });
    },
    close() {},
    text() {},
  }, zip.limits.cellChars);
  return out;
}

interface WorkbookInfo {
  sheetName: string;
  sheetPath: string;
  sharedStringsPath: string | null;
  stylesPath: string | null;
  date1904: boolean;
}

/** Where the first worksheet in tab order is (workbook.xml's order, whatever the order of the parts in the zip). */
async function workbookInfo(zip: WorkbookZip): Promise<WorkbookInfo> {
  const rootRels = await relationships(zip, '');
  const office = [...rootRels.values()].find((r) => RELATIONSHIP.officeDocument.test(r.type));
  const workbookPath = office?.target ?? 'xl/workbook.xml';
  if (!zip.has(workbookPath)) throw new FileFormatError(msg('IMPORT_XLSX_NOT_WORKBOOK', { part: workbookPath }));
  const rels = await relationships(zip, workbookPath);
  const sheets: Array<{ name: string; rid: string }> = [];
  let date1904 = false;
  await parseXmlText(await zip.open(workbookPath, zip.limits.metadataBytes), workbookPath, {
    open(name, a) {
      if (name === 'workbookPr') date1904 = a.date1904 === '1' || a.date1904 === 'true';
      if (name !== 'sheet') return;
      // The relationship id is r:id, whatever prefix the writer gave the relationships namespace.
      const ridKey = Object.keys(a).find((k) => k.endsWith(':id'));
      sheets.push({ name: a.name ?? '', rid: ridKey ? a[ridKey] : '' });
    },
    close() {},
    text() {},
  }, zip.limits.cellChars);
  // The first tab that is a worksheet (a chart sheet in front holds no data).
  const first = sheets.map((s) => ({ ...s, rel: rels.get(s.rid) })).find((s) => s.rel && RELATIONSHIP.worksheet.test(s.rel.type) && zip.has(s.rel.target));
  if (!first) throw new FileFormatError(msg('IMPORT_XLSX_NO_SHEET', {}));
  const byType = (re: RegExp) => [...rels.values()].find((r) => re.test(r.type) && zip.has(r.target))?.target ?? null;
  return { sheetName: first.name, sheetPath: first.rel!.target, sharedStringsPath: byType(RELATIONSHIP.sharedStrings), stylesPath: byType(RELATIONSHIP.styles), date1904 };
}

/** Which cell styles (the `s` of a cell) show a date. */
async function dateStyles(zip: WorkbookZip, stylesPath: string | null): Promise<boolean[]> {
  if (!stylesPath) return [];
  const custom = new Map<number, string>();
  const styles: boolean[] = [];
  let inCellXfs = false;
  await parseXmlText(await zip.open(stylesPath, zip.limits.metadataBytes), stylesPath, {
    open(name, a) {
      if (name === 'numFmt') custom.set(Number(a.numFmtId), a.formatCode ?? '');
      else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) {
        const id = Number(a.numFmtId ?? 0);
        styles.push(custom.has(id) ? isDateFormat(custom.get(id)) : BUILTIN_DATE_FORMATS.has(id));
      }
    },
    close(name) {
      if (name === 'cellXfs') inCellXfs = false;
    },
    text() {},
  }, zip.limits.cellChars);
  return styles;
}

/** The shared strings, bounded in bytes (the part's size) and count; phonetic runs (<rPh>) are not text. */
async function sharedStrings(zip: WorkbookZip, part: string | null): Promise<string[]> {
  if (!part) return [];
  const limits = zip.limits;
  const strings: string[] = [];
  let current: string[] | null = null;
  let inT = false;
  let phonetic = 0;
  await parseXmlText(await zip.open(part, limits.sharedStringsBytes), part, {
    open(name) {
      if (name === 'si') {
        if (strings.length >= limits.sharedStringsCount) {
          throw new FileFormatError(msg('IMPORT_XLSX_TOO_MANY_STRINGS', { limit: limits.sharedStringsCount }), null, true);
        }
        current = [];
      } else if (name === 'rPh') phonetic += 1;
      else if (name === 't') inT = true;
    },
    close(name) {
      if (name === 'si' && current) {
        const text = current.join('');
        if (text.length > limits.cellChars) throw new FileFormatError(msg('IMPORT_CELL_TOO_LONG', { limit: limits.cellChars }), null, true);
        strings.push(text);
        current = null;
      } else if (name === 'rPh') phonetic -= 1;
      else if (name === 't') inT = false;
    },
    text(text) {
      if (current && inT && phonetic === 0) current.push(text);
    },
  }, limits.cellChars);
  return strings;
}

// ---- the sheet -----------------------------------------------------------------------------------------------------

/**
 * Streams the rows of one worksheet part. Cells and rows without `r=` references are placed by position (the
 * format allows it: openpyxl and others write them so); typed cells become the text the official sees.
 */
async function* sheetRows(zip: WorkbookZip, info: WorkbookInfo, strings: readonly string[], dates: readonly boolean[]): AsyncGenerator<RawRow> {
  const limits = zip.limits;
  const ready: RawRow[] = [];
  let rowNumber = 0;
  let cells: string[] | null = null;
  let column = 0;
  // the cell being read
  let type = '';
  let style = 0;
  let value: string[] = [];
  let inline: string[] = [];
  let into: 'v' | 't' | null = null;
  let inInline = false;
  let phonetic = 0;

  const cellText = (): string => {
    const v = value.join('');
    switch (type) {
      case 's': {
        const s = strings[Number(v)];
        return s ?? '';
      }
      case 'inlineStr':
        return inline.join('');
      case 'str':
      case 'e':
        return v;
      case 'b':
        return v === '1' || v.toLowerCase() === 'true' ? 'true' : v === '' ? '' : 'false';
      case 'd':
        return /^\d{4}-\d{2}-\d{2}/.test(v) ? v.slice(0, 10) : v;
      default: {
        if (v.trim() === '') return '';
        const n = Number(v);
        if (!Number.isFinite(n)) return v;
        return dates[style] ? serialDate(n, info.date1904) : plainDecimal(n);
      }
    }
  };

  const generator = parseXml(await zip.open(info.sheetPath, limits.totalBytes), info.sheetPath, {
    open(name, a) {
      switch (name) {
        case 'row': {
          const r = a.r ? Number(a.r) : rowNumber + 1;
          rowNumber = Number.isInteger(r) && r > 0 ? r : rowNumber + 1;
          if (rowNumber > limits.rows) throw new FileFormatError(msg('IMPORT_TOO_MANY_ROWS', { limit: limits.rows }), null, true);
          cells = [];
          column = 0;
          break;
        }
        case 'c': {
          if (!cells) {
            // A cell outside any row element: not valid, but placed in a row of its own rather than lost.
            rowNumber = a.r ? rowOf(a.r) || rowNumber + 1 : rowNumber + 1;
            cells = [];
            column = 0;
          }
          const c = a.r ? columnOf(a.r) : 0;
          column = c > 0 ? c : column + 1;
          if (column > limits.columns) throw new FileFormatError(msg('IMPORT_TOO_MANY_COLUMNS', { limit: limits.columns }), null, true);
          type = a.t ?? 'n';
          style = a.s ? Number(a.s) : 0;
          value = [];
          inline = [];
          break;
        }
        case 'v':
          into = 'v';
          break;
        case 'is':
          inInline = true;
          break;
        case 'rPh':
          phonetic += 1;
          break;
        case 't':
          if (inInline) into = 't';
          break;
      }
    },
    close(name) {
      switch (name) {
        case 'c': {
          if (!cells) break;
          const text = cellText();
          if (text.length > limits.cellChars) throw new FileFormatError(msg('IMPORT_CELL_TOO_LONG', { limit: limits.cellChars }), rowNumber, true);
          while (cells.length < column - 1) cells.push('');
          cells[column - 1] = text;
          break;
        }
        case 'row':
          if (cells) ready.push({ rowNumber, cells });
          cells = null;
          break;
        case 'v':
        case 't':
          into = null;
          break;
        case 'is':
          inInline = false;
          break;
        case 'rPh':
          phonetic -= 1;
          break;
      }
    },
    text(text) {
      if (into === 'v') value.push(text);
      else if (into === 't' && phonetic === 0) inline.push(text);
    },
  }, limits.cellChars);

  for await (const _ of generator) {
    if (ready.length === 0) continue;
    const batch = ready.splice(0); // not shift(): thousands of rows per chunk
    for (const row of batch) yield row;
  }
  if (cells) yield { rowNumber, cells };
}

/**
 * Reads the first worksheet (in tab order) of an XLSX workbook, held in memory or on disk, as raw rows. Every part
 * is bounded before it is inflated (zip.ts) and while it is parsed (xml.ts).
 */
export async function* readXlsxRaw(source: Buffer | string, limits: Limits = XLSX_LIMITS): AsyncGenerator<RawRow> {
  const zip = await WorkbookZip.open(source, limits);
  try {
    const info = await workbookInfo(zip);
    const dates = await dateStyles(zip, info.stylesPath);
    const strings = await sharedStrings(zip, info.sharedStringsPath);
    let any = false;
    for await (const row of sheetRows(zip, info, strings, dates)) {
      any = true;
      yield row;
    }
    if (!any) throw new FileFormatError(msg('IMPORT_SHEET_EMPTY', { sheet: info.sheetName }));
  } finally {
    zip.close();
  }
}

/** The first worksheet's rows keyed by its header (title rows above the header skipped, see sheet.ts). */
export async function* readXlsx(source: Buffer | string, options: ReadOptions = {}, limits: Limits = XLSX_LIMITS): AsyncGenerator<SheetRow> {
  let header = false;
  const onHeader = (h: readonly string[], row: number) => {
    header = true;
    options.onHeader?.(h, row);
  };
  yield* keyedRows(readXlsxRaw(source, limits), { ...options, onHeader }, false);
  if (!header) throw new FileFormatError(msg('IMPORT_FILE_EMPTY', {}));
}
