import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { Readable } from 'node:stream';
import { readCsv } from '../../../src/ingestion/readers/csv';
import { sniffBuffer } from '../../../src/ingestion/readers/sniff';
import { FileFormatError, SheetRow, newReadInfo } from '../../../src/ingestion/readers/types';
import { isDateFormat, plainDecimal, readXlsx, serialDate } from '../../../src/ingestion/readers/xlsx';
import { render } from '../../../src/messages';
import { inlineRow, sheetXml, workbook } from '../../helpers/zip';

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

  test('a quote never closed is reported with its row', async () => {
    const err = await collect(readCsv(bytes('a,b\n1,2\n3,"open\n5,6\n'))).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FileFormatError);
    expect(render((err as FileFormatError).problem, 'en')).toBe('the CSV is malformed: a quoted value is never closed (a " is missing)');
    expect((err as FileFormatError).rowNumber).toBe(3);
  });

  test('an empty file has no header', async () => {
    await expect(collect(readCsv(bytes('\n\n')))).rejects.toThrow('IMPORT_FILE_EMPTY');
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

describe('what a file is, from its bytes', () => {
  const gbk = (text: string) => iconv.encode(text, 'gb18030');

  test('UTF-8 (with or without BOM), GB18030, UTF-16, zip, OLE2, binary', () => {
    expect(sniffBuffer(Buffer.from('code,name\n500106,沙坪坝区\n'))).toEqual({ kind: 'text', encoding: 'utf-8' });
    expect(sniffBuffer(Buffer.from('\ufeffcode\n'))).toEqual({ kind: 'text', encoding: 'utf-8' });
    expect(sniffBuffer(gbk('code,name\n500106,沙坪坝区\n'))).toEqual({ kind: 'text', encoding: 'gb18030' });
    expect(sniffBuffer(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('code\tname\n', 'utf16le')]))).toEqual({ kind: 'utf16', variant: 'UTF-16LE' });
    expect(sniffBuffer(Buffer.from([0xfe, 0xff, 0, 0x63]))).toEqual({ kind: 'utf16', variant: 'UTF-16BE' });
    expect(sniffBuffer(Buffer.from('PK\u0003\u0004rest'))).toEqual({ kind: 'xlsx' });
    expect(sniffBuffer(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0]))).toEqual({ kind: 'xls' });
    expect(sniffBuffer(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]))).toEqual({ kind: 'binary' });
  });

  test('UTF-8 damaged in one place is not mistaken for GB18030 (which would decode it to nonsense)', () => {
    const text = Buffer.from('code,name\n500106,沙坪坝区\n500107,九龙坡区\n');
    const damaged = Buffer.concat([text, Buffer.from([0xe4, 0x0a])]); // a sequence cut off on line 4
    expect(sniffBuffer(damaged)).toEqual({ kind: 'text', encoding: 'utf-8', damagedUtf8AtLine: 4 });
  });

  test('judged the same when the bytes arrive in pieces that split characters', () => {
    const { Sniffer } = jest.requireActual('../../../src/ingestion/readers/sniff');
    const all = Buffer.from('名称,学校\n'.repeat(1000));
    const s = new Sniffer();
    for (let i = 0; i < all.length; i += 7) s.update(all.subarray(i, i + 7));
    expect(s.result()).toEqual({ kind: 'text', encoding: 'utf-8' });
  });

  test('GB18030 (Excel\'s plain "CSV" on a Chinese Windows) is decoded', async () => {
    const rows = await collect(readCsv(bytes(gbk('code,name\n500106,沙坪坝区\n500107,九龙坡区\n')), {}, 'gb18030'));
    expect(rows.map((r) => r.values)).toEqual([{ code: '500106', name: '沙坪坝区' }, { code: '500107', name: '九龙坡区' }]);
  });

  test('bytes that are not GB18030 either are refused at their line, not turned into replacement characters', async () => {
    const bad = Buffer.concat([gbk('code,name\n500106,沙坪坝区\n'), Buffer.from([0x81, 0x0a])]);
    const err = (await collect(readCsv(bytes(bad), {}, 'gb18030')).catch((e: unknown) => e)) as FileFormatError;
    expect(err.problem.code).toBe('IMPORT_NOT_TEXT');
    expect(err.rowNumber).toBe(3);
  });
});

describe('title rows above the header', () => {
  const columns = ['school_code', 'name', 'district_code'];

  test('a title in A1 (and a blank row) above the header is skipped and recorded', async () => {
    const info = newReadInfo();
    const headers: number[] = [];
    const text = '2024年学校统计表,,\n,,\nschool_code,name,district_code\nS1,一中,500106\n';
    const rows = await collect(readCsv(bytes(text), { columns, info, onHeader: (_h, r) => headers.push(r) }));
    expect(headers).toEqual([3]);
    expect(info).toMatchObject({ titleRows: [1], headerRow: 3 });
    expect(rows).toEqual([{ rowNumber: 4, values: { school_code: 'S1', name: '一中', district_code: '500106' } }]);
  });

  test('two title lines (a name and a unit) are both skipped', async () => {
    const info = newReadInfo();
    const text = '重庆市2024年学校统计表\n填报单位：教育局,2025-01-10\nschool_code,name,district_code\nS1,一中,500106\n';
    const rows = await collect(readCsv(bytes(text), { columns, info }));
    expect(info.titleRows).toEqual([1, 2]);
    expect(rows).toHaveLength(1);
  });

  test('a title with no header below it is named in the refusal', async () => {
    const text = '2024年学校统计表\n学校代码,名称,区县\nS1,一中,500106\n';
    const err = (await collect(readCsv(bytes(text), { columns })).catch((e: unknown) => e)) as FileFormatError;
    expect(render(err.problem, 'zh-CN')).toBe('第 1 行 “2024年学校统计表” 看来是标题，但其下几行中没有找到表头：表头（列名）须在标题行之后的第一行');
    expect(err.rowNumber).toBe(1);
  });

  test('a header in the first row is taken as it is, even with unknown names (its problems are reported per column)', async () => {
    const headers: string[][] = [];
    await collect(readCsv(bytes('学校代码,名称,区县\nS1,一中,500106\n'), { columns, onHeader: (h) => headers.push([...h]) }));
    expect(headers).toEqual([['学校代码', '名称', '区县']]);
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

  test('serial days in both date systems', () => {
    expect(serialDate(45363)).toBe('2024-03-12');
    expect(serialDate(45363 - 1462, true)).toBe('2024-03-12');
  });
});

describe('XLSX reader', () => {
  async function exceljs(build: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
    const wb = new ExcelJS.Workbook();
    build(wb);
    return Buffer.from(await wb.xlsx.writeBuffer());
  }

  test('reads the first sheet with typed cells as contract text, Excel row numbers', async () => {
    const input = await exceljs((wb) => {
      const ws = wb.addWorksheet('Data');
      ws.addRow([]); // a blank first row: the header is row 2
      ws.addRow([' visit_id ', 'visited_on', 'score', 'open', 'count', 'note']);
      ws.addRow(['V1', new Date(Date.UTC(2024, 2, 12)), 0.1 + 0.2, true, 2024, { richText: [{ text: 'a' }, { text: 'b' }] }]);
      ws.getCell('B3').numFmt = 'yyyy-mm-dd';
      ws.addRow([]);
      ws.addRow(['V2', '2024-04-01', { formula: '1/4', result: 0.25 }, false, 12, null]);
      ws.addRow(['V3', { formula: 'A1', result: 45363 }, { error: '#N/A' }, null, null, null]);
      ws.getCell('B6').numFmt = 'yyyy"年"m"月"d"日"';
      wb.addWorksheet('Notes').addRow(['ignored']);
    });
    const headers: string[][] = [];
    const rows = await collect(readXlsx(input, { onHeader: (h) => headers.push([...h]) }));
    expect(headers).toEqual([['visit_id', 'visited_on', 'score', 'open', 'count', 'note']]);
    expect(rows).toEqual([
      { rowNumber: 3, values: { visit_id: 'V1', visited_on: '2024-03-12', score: '0.3', open: 'true', count: '2024', note: 'ab' } },
      { rowNumber: 5, values: { visit_id: 'V2', visited_on: '2024-04-01', score: '0.25', open: 'false', count: '12', note: '' } },
      { rowNumber: 6, values: { visit_id: 'V3', visited_on: '2024-03-12', score: '#N/A', open: '', count: '', note: '' } },
    ]);
  });

  test('"first sheet" is the first tab, even when it is not the first sheet stored in the file', async () => {
    const input = await exceljs((wb) => {
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

  test('the first tab is found through workbook.xml and its relationships, whatever the part is called', async () => {
    const input = workbook({
      sheets: [
        { name: '学校', part: 'worksheets/data.xml', xml: sheetXml(inlineRow(['code', 'name']) + inlineRow(['S1', '一中'])) },
        { name: 'Sheet1', part: 'worksheets/sheet1.xml', xml: sheetXml(inlineRow(['other'])) },
      ],
    });
    expect(await collect(readXlsx(input))).toEqual([{ rowNumber: 2, values: { code: 'S1', name: '一中' } }]);
  });

  test('rows and cells without r= references are read by position (openpyxl and others write them so)', async () => {
    const rows = sheetXml(
      inlineRow(['code', 'name', 'note']) + inlineRow(['S1', '', 'x']) + '<row><c><v>42</v></c><c t="b"><v>1</v></c></row>' + '<row r="7"><c r="C7" t="inlineStr"><is><t>late</t></is></c></row>',
    );
    const input = workbook({ sheets: [{ name: 'S', part: 'worksheets/sheet1.xml', xml: rows }] });
    expect(await collect(readXlsx(input))).toEqual([
      { rowNumber: 2, values: { code: 'S1', name: '', note: 'x' } },
      { rowNumber: 3, values: { code: '42', name: 'true', note: '' } },
      { rowNumber: 7, values: { code: '', name: '', note: 'late' } },
    ]);
  });

  test('shared strings with rich text runs; phonetic guides are not text; prefixed element names', async () => {
    const sst = `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>code</t></si><si><r><t>沙坪</t></r><r><t>坝区</t></r><rPh sb="0" eb="2"><t>shapingba</t></rPh></si></sst>`;
    const xml = `<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData><x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c></x:row><x:row r="2"><x:c r="A2" t="s"><x:v>1</x:v></x:c></x:row></x:sheetData></x:worksheet>`;
    const input = workbook({ sheets: [{ name: 'S', part: 'worksheets/sheet1.xml', xml }], sharedStrings: sst });
    expect(await collect(readXlsx(input))).toEqual([{ rowNumber: 2, values: { code: '沙坪坝区' } }]);
  });

  test('dates by built-in and custom number formats, in the 1904 date system too', async () => {
    const styles = `<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy/m/d"/></numFmts><cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs><cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="31"/></cellXfs></styleSheet>`;
    const xml = sheetXml(inlineRow(['a', 'b', 'c', 'd']) + '<row><c><v>45363</v></c><c s="1"><v>45363</v></c><c s="2"><v>45363</v></c><c s="3"><v>45363</v></c></row>');
    const input = workbook({ sheets: [{ name: 'S', part: 'worksheets/sheet1.xml', xml }], styles });
    expect(await collect(readXlsx(input))).toEqual([{ rowNumber: 2, values: { a: '45363', b: '2024-03-12', c: '2024-03-12', d: '2024-03-12' } }]);
  });

  test('a header problem in a workbook is the header problem, not "unreadable workbook"', async () => {
    const input = workbook({ sheets: [{ name: 'S', part: 'worksheets/sheet1.xml', xml: sheetXml(inlineRow(['code']) + inlineRow(['1'])) }] });
    const reading = collect(readXlsx(input, { onHeader: () => { throw new Error('header refused'); } }));
    await expect(reading).rejects.toThrow('header refused');
  });

  test('files that are not workbooks are refused with what they are', async () => {
    const code = async (input: Buffer) => ((await collect(readXlsx(input)).catch((e: unknown) => e)) as FileFormatError).problem.code;
    expect(await code(Buffer.from('code,name\n1,x\n'))).toBe('IMPORT_XLSX_NOT_ZIP');
    expect(await code(Buffer.from('PK\u0003\u0004 not really a zip'))).toBe('IMPORT_XLSX_NOT_ZIP');
    expect(await code(workbook({ sheets: [] }))).toBe('IMPORT_XLSX_NO_SHEET');
    const brokenXml = workbook({ sheets: [{ name: 'S', part: 'worksheets/sheet1.xml', xml: '<worksheet><sheetData><row><c><v>1</v></row>' }] });
    expect(await code(brokenXml)).toBe('IMPORT_XLSX_DAMAGED');
    const empty = await exceljs((wb) => wb.addWorksheet('Empty'));
    expect(await code(empty)).toBe('IMPORT_SHEET_EMPTY');
    // A workbook cut off in transit (unzipper used to say FILE_ENDED or "invalid signature: 0x…").
    const whole = await exceljs((wb) => wb.addWorksheet('S').addRow(['code']));
    expect(await code(whole.subarray(0, Math.floor(whole.length / 2)))).toBe('IMPORT_XLSX_NOT_ZIP');
  });
});
