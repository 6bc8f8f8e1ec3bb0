import express from 'express';
import fs from 'node:fs';
import { AddressInfo } from 'node:net';
import { Server } from 'node:http';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { exampleFile } from '../../../src/ingestion/contract-doc';
import { importRouter } from '../../../src/ingestion/http';
import { CONTENT_TYPES } from '../../../src/ingestion/sources';
import { openTestDataSource, truncateAll } from '../../helpers/database';
import { csvToXlsx, tableChecksums, tempDir } from './fixtures';

let ds: DataSource;
let server: Server;
let base: string;

beforeAll(async () => {
  ds = await openTestDataSource();
  const app = express();
  app.use(importRouter(() => ds, { loadedBy: () => 'district-officer' }));
  app.use('/small', importRouter(() => ds, { maxBodyBytes: 64 }));
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await ds.destroy();
});
beforeEach(async () => {
  await truncateAll(ds);
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const json = async (res: Response): Promise<any> => res.json();

const post = (url: string, body: Buffer | string, contentType: string, language?: string) =>
  fetch(`${base}${url}`, { method: 'POST', body, headers: { 'content-type': contentType, ...(language ? { 'accept-language': language } : {}) } });

test('a CSV body is imported and the batch summary returned', async () => {
  const res = await post('/imports/districts?fileName=规划局-districts.csv', fs.readFileSync(exampleFile('districts')), 'text/csv; charset=utf-8');
  expect(res.status).toBe(200);
  const summary = await json(res);
  expect(summary).toMatchObject({ dataset: 'districts', department: 'planning', status: 'succeeded', rowsInserted: 3, fileName: '规划局-districts.csv', errors: [] });
  const [batch] = await ds.query(`SELECT id::text AS id, loaded_by, file_name FROM import_batch`);
  expect(batch).toEqual({ id: summary.batchId, loaded_by: 'district-officer', file_name: '规划局-districts.csv' });

  const again = await post('/imports/districts', fs.readFileSync(exampleFile('districts')), 'text/csv');
  expect(again.status).toBe(200);
  expect(await json(again)).toMatchObject({ alreadyImported: true, batchId: summary.batchId });
});

test('an XLSX body is imported like its CSV', async () => {
  await post('/imports/districts', fs.readFileSync(exampleFile('districts')), 'text/csv');
  const xlsx = await csvToXlsx('schools', exampleFile('schools'), path.join(tempDir(), 'schools.xlsx'));
  const res = await post('/imports/schools', fs.readFileSync(xlsx), CONTENT_TYPES.xlsx);
  expect(res.status).toBe(200);
  expect(await json(res)).toMatchObject({ status: 'succeeded', rowsInserted: 9, fileName: 'schools.xlsx' });
});

test('a rejected file: 400 with the summary and its errors, in the client\'s language; nothing written', async () => {
  const before = await tableChecksums(ds);
  const file = 'code,name,kind,planned_certification_year,certified\nX,某区,province,2028,false\n';
  const res = await post('/imports/districts', file, 'text/csv', 'en');
  expect(res.status).toBe(400);
  const body = await json(res);
  expect(body).toMatchObject({ status: 'rejected', errorCount: 1, rowsRejected: 1 });
  expect(body.errors).toEqual([
    {
      rowNumber: 2,
      column: 'kind',
      value: 'province',
      code: 'IMPORT_NOT_IN_LIST',
      params: { value: 'province', allowed: ['district', 'county', 'autonomous_county', 'functional_zone'] },
      reason: '"province" is not one of district, county, autonomous_county, functional_zone',
      message: 'districts.csv row 2, column kind: "province" is not one of district, county, autonomous_county, functional_zone',
    },
  ]);
  const zh = await json(await post('/imports/districts', file, 'text/csv'));
  expect(zh.errors[0].message).toBe('districts.csv 第 2 行，kind 列：“province” 不是允许的取值，应为以下之一：district、county、autonomous_county、functional_zone');
  const after = await tableChecksums(ds);
  expect(after.districts).toBe(before.districts);
});

test('a dry run answers without writing', async () => {
  const before = await tableChecksums(ds);
  const res = await post('/imports/districts?dryRun=true', fs.readFileSync(exampleFile('districts')), 'text/csv');
  expect(res.status).toBe(200);
  expect(await json(res)).toMatchObject({ dryRun: true, batchId: null, rowsInserted: 3 });
  expect(await tableChecksums(ds)).toEqual(before);
});

test('unknown dataset 404, other content types 415, empty body 400, too large 413 — the common error shape, localized', async () => {
  const unknown = await post('/imports/pupils', 'a\n1\n', 'text/csv', 'en');
  expect(unknown.status).toBe(404);
  const body = await json(unknown);
  expect(body.errors[0].message).toMatch(/^there is no dataset "pupils"; expected one of districts, schools, /);
  expect(body.errors[0].extensions).toMatchObject({ code: 'UNKNOWN_DATASET', messageCode: 'IMPORT_UNKNOWN_DATASET', messageParams: { dataset: 'pupils' } });
  expect((await json(await post('/imports/pupils', 'a\n1\n', 'text/csv'))).errors[0].message).toMatch(/^没有名为 “pupils” 的数据集/);

  const asJson = await post('/imports/districts', '{}', 'application/json');
  expect(asJson.status).toBe(415);
  expect((await json(asJson)).errors[0].extensions.code).toBe('UNSUPPORTED_MEDIA_TYPE');

  const empty = await post('/imports/districts', '', 'text/csv');
  expect(empty.status).toBe(400);
  expect((await json(empty)).errors[0]).toMatchObject({ message: '请求体中没有文件', extensions: { code: 'EMPTY_BODY' } });

  const large = await post('/small/imports/districts', fs.readFileSync(exampleFile('districts')), 'text/csv');
  expect(large.status).toBe(413);
  expect((await json(large)).errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
});

test('what a body is comes from its bytes: an XLSX sent as text/csv is read as the workbook it is', async () => {
  const xlsx = await csvToXlsx('districts', exampleFile('districts'), path.join(tempDir(), 'districts.xlsx'));
  const res = await post('/imports/districts?dryRun=true', fs.readFileSync(xlsx), 'text/csv');
  expect(res.status).toBe(200);
  expect(await json(res)).toMatchObject({ status: 'succeeded', rowsInserted: 3, encoding: null });
});
