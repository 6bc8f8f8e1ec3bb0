import { DataSource } from 'typeorm';
import { importFile } from '../../src/ingestion/pipeline';
import { exampleFile } from '../../src/ingestion/contract-doc';
import { DATASET_ORDER } from '../../seeds/generator';
import { demoState, ensureDemo, loadGenerated } from '../../seeds/load';
import { openTestDataSource, truncateAll } from '../helpers/database';

/**
 * Issue 12.7: what a start does with what the database holds of the demo. A prefix of the demo (an interrupted first
 * start) is completed; data of the user's own is never touched, and a partial demo with other imports since is only
 * reported (test/integration/first-start.test.ts kills a real first start).
 */
let ds: DataSource;
beforeAll(async () => {
  ds = await openTestDataSource();
});
beforeEach(() => truncateAll(ds));
afterAll(() => ds.destroy());

const onlyDistricts = new Set(DATASET_ORDER.filter((d) => d !== 'districts'));

test('empty, then a prefix of the demo: partial', async () => {
  expect(await demoState(ds)).toEqual({ kind: 'empty' });
  await loadGenerated(ds, { scale: 'demo' }, undefined, { skip: onlyDistricts });
  expect(await demoState(ds)).toEqual({ kind: 'partial', loaded: new Set(['districts']) });
}, 120_000);

test('a partial demo with another import since: reported, not completed', async () => {
  await loadGenerated(ds, { scale: 'demo' }, undefined, { skip: onlyDistricts });
  await importFile(ds, { dataset: 'schools', filePath: exampleFile('schools'), loadedBy: 'clerk' });
  const lines: string[] = [];
  expect(await ensureDemo(ds, (l) => lines.push(l))).toBe('partial-with-other-data');
  expect(lines).toEqual([expect.stringMatching(/^演示数据不完整（已载入 1\/14 个数据集），但库中已有其他导入，未自动补载/)]);
  const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM import_batch WHERE loaded_by = 'seed'`);
  expect(n).toBe(1);
}, 120_000);

test('data of the user’s own and no demo: left alone', async () => {
  await importFile(ds, { dataset: 'districts', filePath: exampleFile('districts'), loadedBy: 'clerk' });
  const lines: string[] = [];
  expect(await ensureDemo(ds, (l) => lines.push(l))).toBe('own-data');
  expect(lines).toEqual([]);
  const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM districts`);
  expect(n).toBe(3);
});
