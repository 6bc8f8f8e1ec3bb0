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

const post = (url: string, body: Buffer | string, contentType: string) =>
  fetch(`${base}${url}`, { method: 'POST', body, headers: { 'content-type': contentType } });

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
  expect(await json(res)).toMatchObject({ status: 'succeeded', rowsInserted: 8, fileName: 'schools.xlsx' });
});

test('a rejected file: 400 with the summary and its errors; nothing written', async () => {
  const before = await tableChecksums(ds);
  const res = await post('/imports/districts', 'code,name,kind,planned_certification_year,certified\nX,某区,province,2028,false\n', 'text/csv');
  expect(res.status).toBe(400);
  const body = await json(res);
  expect(body).toMatchObject({ status: 'rejected', errorCount: 1, rowsRejected: 1 });
  expect(body.errors).toEqual([
    {
      rowNumber: 2,
      column: 'kind',
      value: 'province',
      reason: '"province" is not one of district, county, autonomous_county, functional_zone',
      message: 'districts.csv row 2, column kind: "province" is not one of district, county, autonomous_county, functional_zone',
    },
  ]);
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

test('unknown dataset 404, other content types 415, empty body 400, too large 413 — all JSON', async () => {
  const unknown = await post('/imports/pupils', 'a\n1\n', 'text/csv');
  expect(unknown.status).toBe(404);
  expect(await json(unknown)).toEqual({ error: { code: 'UNKNOWN_DATASET', message: 'There is no dataset "pupils".' } });

  const asJson = await post('/imports/districts', '{}', 'application/json');
  expect(asJson.status).toBe(415);
  expect((await json(asJson)).error.code).toBe('UNSUPPORTED_MEDIA_TYPE');

  const empty = await post('/imports/districts', '', 'text/csv');
  expect(empty.status).toBe(400);
  expect((await json(empty)).error.code).toBe('EMPTY_BODY');

  const large = await post('/small/imports/districts', fs.readFileSync(exampleFile('districts')), 'text/csv');
  expect(large.status).toBe(413);
  expect((await json(large)).error.code).toBe('PAYLOAD_TOO_LARGE');
});
