import { DataSource } from 'typeorm';
import { DESIGNED } from '../../../seeds/generator';
import { loadGenerated } from '../../../seeds/load';
import { exampleFile } from '../../../src/ingestion/contract-doc';
import { datasets } from '../../../src/ingestion/datasets';
import { importFile } from '../../../src/ingestion/pipeline';
import { openTestDataSource, truncateAll } from '../../helpers/database';
import { TestHub } from '../../helpers/server';
import { tableChecksums, withoutBatchTables } from './fixtures';

/**
 * #12.9: the README invites trying seeds/examples/ on the demo. The examples used to re-deliver real district codes
 * with other figures, so trying them turned 沙坪坝区 from qualified to not qualified. They are now the demo's own rows
 * (seeds/examples/make.ts): every example imports with every row unchanged, and no district's verdict moves.
 */
let ds: DataSource;
let hub: TestHub;

beforeAll(async () => {
  ds = await openTestDataSource();
  await truncateAll(ds);
  await loadGenerated(ds, { scale: 'demo' });
  hub = await TestHub.start(ds);
}, 300_000);
afterAll(async () => {
  await hub?.stop();
  await ds.destroy();
});

async function verdicts(): Promise<Record<number, Record<string, string>>> {
  const out: Record<number, Record<string, string>> = {};
  for (const year of DESIGNED.schoolYears) {
    const res = await hub.graphql(`query($year: Int!) { cityEvaluation(year: $year) { districts { districtCode verdict } } }`, { year });
    expect(res.errors).toBeUndefined();
    out[year] = Object.fromEntries(res.data!.cityEvaluation.districts.map((d: { districtCode: string; verdict: string }) => [d.districtCode, d.verdict]));
  }
  return out;
}

test('every example imports onto the demo with every row unchanged, and every verdict stays as it was', async () => {
  const before = await verdicts();
  expect(before[2024]['500106']).toBe('QUALIFIED');
  const data = withoutBatchTables(await tableChecksums(ds));
  for (const d of datasets) {
    const summary = await importFile(ds, { dataset: d.name, filePath: exampleFile(d.name), loadedBy: 'test' });
    expect({ dataset: d.name, status: summary.status, inserted: summary.rowsInserted, updated: summary.rowsUpdated, errors: summary.errors }).toEqual({
      dataset: d.name,
      status: 'succeeded',
      inserted: 0,
      updated: 0,
      errors: [],
    });
    expect(summary.rowsUnchanged).toBeGreaterThan(0);
  }
  const { audit_event: _a, ...after } = withoutBatchTables(await tableChecksums(ds));
  const { audit_event: _b, ...expected } = data;
  expect(after).toEqual(expected);
  expect(await verdicts()).toEqual(before);
}, 300_000);
