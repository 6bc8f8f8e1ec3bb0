import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { DataSource } from 'typeorm';
import { exampleFile } from '../../../src/ingestion/contract-doc';
import { importFile } from '../../../src/ingestion/pipeline';
import { openTestDataSource, truncateAll } from '../../helpers/database';
import { TestHub } from '../../helpers/server';
import { inlineRow, sheetXml, workbook } from '../../helpers/zip';
import { tempDir } from './fixtures';

/**
 * #11.9: what clerks really send, accepted where it is unambiguous: Excel's plain "CSV" on a Chinese Windows
 * (GB18030/GBK), a title row above the header, digits typed in full width. The encoding read is on the batch.
 */
let ds: DataSource;
let hub: TestHub;
let dir: string;
beforeAll(async () => {
  ds = await openTestDataSource();
  await truncateAll(ds);
  await importFile(ds, { dataset: 'districts', filePath: exampleFile('districts'), loadedBy: 'test' });
  hub = await TestHub.start(ds);
  dir = tempDir();
});
afterAll(async () => {
  await hub.stop();
  await ds.destroy();
});

test('a GBK "CSV" from Excel with a title row and full-width digits is read as meant, and the batch names its encoding', async () => {
  const text = [
    '2024年学校基本信息表,,,,,,',
    'school_code,name,district_code,school_type,location,boarding,ownership',
    'G001,沙坪坝区树人小学,５００１０６,primary,urban,ＦＡＬＳＥ,public',
    'G002,开州区汉丰第一中学,500154,junior,town,true,public',
  ].join('\r\n');
  const file = path.join(dir, '学校.csv');
  fs.writeFileSync(file, iconv.encode(text, 'gbk'));
  const summary = await importFile(ds, { dataset: 'schools', filePath: file, loadedBy: 'test' });
  expect(summary).toMatchObject({ status: 'succeeded', rowsInserted: 2, encoding: 'gb18030', titleRows: [1], errors: [] });
  const rows = await ds.query(`SELECT code, name, district_code, boarding FROM schools ORDER BY code`);
  expect(rows).toEqual([
    { code: 'G001', name: '沙坪坝区树人小学', district_code: '500106', boarding: false },
    { code: 'G002', name: '开州区汉丰第一中学', district_code: '500154', boarding: true },
  ]);
  const res = await hub.graphql(`query($id: ID!) { importBatch(id: $id) { encoding fileName } }`, { id: summary.batchId });
  expect(res.data!.importBatch).toEqual({ encoding: 'gb18030', fileName: '学校.csv' });

  // The same upload over HTTP: the problems of a row name the spreadsheet's row (the title counts).
  const bad = iconv.encode(text.replace('G002', 'G003').replace(',junior,', ',中学,'), 'gbk');
  const http = await fetch(`${hub.url}/imports/schools?dryRun=true`, { method: 'POST', headers: hub.headers({ 'content-type': 'text/csv' }), body: bad });
  const body = (await http.json()) as { encoding: string; errors: Array<{ rowNumber: number; message: string }> };
  expect(body.encoding).toBe('gb18030');
  expect(body.errors.map((e) => e.message)).toEqual([
    'schools.csv 第 4 行，school_type 列：“中学” 不是允许的取值，应为以下之一：primary、junior、nine_year、twelve_year、complete_secondary、teaching_point、special',
  ]);
});

test('a UTF-8 file damaged in one place is refused at its line, not decoded as GBK into other characters', async () => {
  const good = Buffer.from('school_code,name,district_code,school_type,location,boarding,ownership\nG9,沙坪坝区某校,500106,primary,urban,false,public\n');
  const file = path.join(dir, 'damaged.csv');
  fs.writeFileSync(file, Buffer.concat([good, Buffer.from([0xe6, 0xb2]), Buffer.from(',x\n')]));
  const summary = await importFile(ds, { dataset: 'schools', filePath: file, loadedBy: 'test', locale: 'en' });
  expect(summary.status).toBe('rejected');
  expect(summary.errors.map((e) => e.message)).toEqual(['damaged.csv row 3: the file is UTF-8 text but has invalid bytes here (damaged or cut off): export it again']);
});

test('a workbook\'s header problems are reported per column, like a CSV\'s (not as "unreadable workbook")', async () => {
  const xml = sheetXml(inlineRow(['school_code', 'Name', 'district_code', 'school_type', 'location', 'boarding', 'ownership']) + inlineRow(['G5', '某校', '500106', 'primary', 'urban', 'false', 'public']));
  const file = path.join(dir, 'header.xlsx');
  fs.writeFileSync(file, workbook({ sheets: [{ name: '学校', part: 'worksheets/sheet1.xml', xml }] }));
  const summary = await importFile(ds, { dataset: 'schools', filePath: file, loadedBy: 'test', locale: 'en' });
  expect(summary.errors.map((e) => [e.rowNumber, e.column, e.code, e.reason])).toEqual([
    [1, 'name', 'IMPORT_COLUMN_MISSING', 'the required column name is missing from the header (is "Name" meant to be name?)'],
  ]);
});
