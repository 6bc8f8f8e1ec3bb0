import ExcelJS from 'exceljs';
import { Readable } from 'node:stream';
import { readCsv } from '../../../src/ingestion/readers/csv';
import { FileFormatError, SheetRow } from '../../../src/ingestion/readers/types';
import { cellText, isDateFormat, plainDecimal, readXlsx } from '../../../src/ingestion/readers/xlsx';

async function collect(rows: AsyncIterable<SheetRow>): Promise<SheetRow[]> {
  const out: SheetRow[] = [];
  for await (const r of rows) out.push(r);
  return out;
}

const bytes = (text: string | Buffer) => Readable.from([Buffer.isBuffer(text) ? text : Buffer.from(text, 'utf8')]);

describe('CSV reader', () => {
  test('header trimmed, extra and unnamed columns ignored, BOM and CRLF handled', async () => {
    const headers: string[][] = [];
    const rows = await collect(
      readCsv(bytes('\ufeff code , name,,notes\r\n500101,万州区,x,hello\r\n'), { onHeader: (h) => headers.push([...h]) }),
    );
    expect(headers).toEqual([['code', 'name', '', 'notes']]);
    expect(rows).toEqual([{ rowNumber: 2, values: { code: '500101', name: '万州区', notes: 'hello' } }]);
  });

  test('row numbers are the spreadsheet rows: quoted line breaks stay in one row, blank rows count', async () => {
    const text = 'id,finding\n1,"two\nlines"\n\n2,"a ""quoted"", comma"\n,\n3,last';
    const rows = await collect(readCsv(bytes(text)));
    expect(rows.map((r) => [r.rowNumber, r.values.finding])).toEqual([
      [2, 'two\nlines'],
      [4, 'a "quoted", comma'],
      [6, 'last'],
    ]);
  });

  test('short rows read as empty cells; long rows are flagged', async () => {
    const rows = await collect(readCsv(bytes('a,b,c\n1\n1,2,3,4\n1,2,3,\n')));
    expect(rows).toEqual([
      { rowNumber: 2, values: { a: '1', b: '', c: '' } },
      { rowNumber: 3, values: { a: '1', b: '2', c: '3' }, overflow: true },
      { rowNumber: 4, values: { a: '1', b: '2', c: '3' } },
    ]);
  });

  test('GBK text (Excel\'s plain CSV) is refused, not garbled', async () => {
    const gbk = Buffer.from([0x63, 0x6f, 0x64, 0x65, 0x0a, 0xcd, 0xf2, 0xd6, 0xdd, 0x0a]); // "code\n万州\n" in GBK
    await expect(collect(readCsv(bytes(gbk)))).rejects.toThrow(/not UTF-8 text .*CSV UTF-8/);
  });

  test('a quote never closed is reported with its row', async () => {
    const err = await collect(readCsv(bytes('a,b\n1,2\n3,"open\n5,6\n'))).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FileFormatError);
    expect((err as FileFormatError).message).toBe('the CSV is malformed: a quoted value is never closed (a " is missing)');
    expect((err as FileFormatError).rowNumber).toBe(3);
  });

  test('an empty file has no header', async () => {
    await expect(collect(readCsv(bytes('\n\n')))).rejects.toThrow('the file is empty: expected a header row');
  });

  test('rejecting the header stops before any row is read', async () => {
    let rowsSeen = 0;
    const reading = (async () => {
      for await (const _ of readCsv(bytes('x\n1\n2\n'), { onHeader: () => { throw new Error('no'); } })) rowsSeen += 1;
    })();
    await expect(reading).rejects.toThrow('no');
    expect(rowsSeen).toBe(0);
  });
});

describe('numbers from XLSX', () => {
  test.each([
    [2024, '2024'],
    [0.1 + 0.2, '0.3'],
    [1234.56, '1234.56'],
    [17570000000.01, '17570000000.01'],
    [-0.5, '-0.5'],
    [0, '0'],
    [-0, '0'],
    [1e-7, '0.0000001'],
    [1.5e21, '1500000000000000000000'],
    [0.9712345678901234, '0.971234567890123'],
    [100, '100'],
  ])('%p → %s', (n, text) => {
    expect(plainDecimal(n)).toBe(text);
  });

  test('date formats are recognised', () => {
    expect(isDateFormat('yyyy-mm-dd')).toBe(true);
    expect(isDateFormat('[$-804]yyyy"年"m"月"d"日"')).toBe(true);
    expect(isDateFormat('0.00')).toBe(false);
    expect(isDateFormat('#,##0')).toBe(false);
    expect(isDateFormat('General')).toBe(false);
    expect(isDateFormat(undefined)).toBe(false);
  });

  test('cells of every kind become the text the official sees', () => {
    expect(cellText(true)).toBe('true');
    expect(cellText(new Date(Date.UTC(2024, 2, 12)))).toBe('2024-03-12');
    expect(cellText({ richText: [{ text: '沙坪坝' }, { text: '区' }] })).toBe('沙坪坝区');
    expect(cellText({ formula: 'A1+A2', result: 0.30000000000000004 })).toBe('0.3');
    expect(cellText({ formula: 'A1', result: 45363 }, 'yyyy-mm-dd')).toBe('2024-03-12');
    expect(cellText({ error: '#N/A' })).toBe('#N/A');
    expect(cellText(null)).toBe('');
  });
});

describe('XLSX reader', () => {
  async function workbook(build: (wb: ExcelJS.Workbook) => void): Promise<Readable> {
    const wb = new ExcelJS.Workbook();
    build(wb);
    return bytes(Buffer.from(await wb.xlsx.writeBuffer()));
  }

  test('reads the first sheet with typed cells as contract text, Excel row numbers', async () => {
    const input = await workbook((wb) => {
      const ws = wb.addWorksheet('Data');
      ws.addRow([]); // a blank first row: the header is row 2
      ws.addRow([' visit_id ', 'visited_on', 'score', 'open', 'count', 'note']);
      ws.addRow(['V1', new Date(Date.UTC(2024, 2, 12)), 0.1 + 0.2, true, 2024, { richText: [{ text: 'a' }, { text: 'b' }] }]);
      ws.getCell('B3').numFmt = 'yyyy-mm-dd';
      ws.addRow([]);
      ws.addRow(['V2', '2024-04-01', { formula: '1/4', result: 0.25 }, false, 12, null]);
      wb.addWorksheet('Notes').addRow(['ignored']);
    });
    const headers: string[][] = [];
    const rows = await collect(readXlsx(input, { onHeader: (h) => headers.push([...h]) }));
    expect(headers).toEqual([['visit_id', 'visited_on', 'score', 'open', 'count', 'note']]);
    expect(rows).toEqual([
      { rowNumber: 3, values: { visit_id: 'V1', visited_on: '2024-03-12', score: '0.3', open: 'true', count: '2024', note: 'ab' } },
      { rowNumber: 5, values: { visit_id: 'V2', visited_on: '2024-04-01', score: '0.25', open: 'false', count: '12', note: '' } },
    ]);
  });

  test('"first sheet" is the first tab, even when it is not the first sheet stored in the file', async () => {
    const input = await workbook((wb) => {
      const notes = wb.addWorksheet('Notes'); // stored as sheet1.xml
      notes.addRow(['note']);
      notes.addRow(['not data']);
      const data = wb.addWorksheet('Data'); // sheet2.xml, moved to the first tab
      data.addRow(['code']);
      data.addRow(['500101']);
      // ExcelJS writes tabs by orderNo (not in its typings).
      Object.assign(data, { orderNo: 0 });
      Object.assign(notes, { orderNo: 1 });
    });
    expect(await collect(readXlsx(input))).toEqual([{ rowNumber: 2, values: { code: '500101' } }]);
  });

  test('a file that is not a workbook is refused', async () => {
    await expect(collect(readXlsx(bytes('code,name\n1,x\n')))).rejects.toThrow(FileFormatError);
  });

  test('an empty workbook has no header', async () => {
    const input = await workbook((wb) => wb.addWorksheet('Empty'));
    await expect(collect(readXlsx(input))).rejects.toThrow(/empty|no worksheet/);
  });
});
