import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'graphql';
import { DataSource } from 'typeorm';
import { openTestDataSource, truncateAll } from '../helpers/database';
import { buildDistrict } from '../helpers/district-fixture';
import { Fixtures } from '../helpers/fixtures';
import { TestHub } from '../helpers/server';

/** The sample operations the README quotes must keep working: each runs against a fixture district. */
const DIR = path.join(__dirname, '../../schema/operations');
const VARIABLES: Record<string, Record<string, unknown>> = {
  SchoolDrillDown: { code: 'OPS01P1', year: 2024 },
  DistrictEvaluation: { code: 'OPS01', year: 2024 },
  CityDashboard: { year: 2024 },
  FundingChecks: { code: 'OPS01' },
  Evidence: { school: 'OPS01P1', year: 2024 },
  BasicBalance: { year: 2024 },
};

let ds: DataSource;
let hub: TestHub;
beforeAll(async () => {
  ds = await openTestDataSource();
  await truncateAll(ds);
  await buildDistrict(new Fixtures(ds), { code: 'OPS01', plannedCertificationYear: 2025 });
  hub = await TestHub.start(ds);
});
afterAll(async () => {
  await hub?.stop();
  await ds.destroy();
});

const files = fs.readdirSync(DIR).filter((f) => f.endsWith('.graphql'));

test('there are sample operations', () => {
  expect(files.length).toBeGreaterThanOrEqual(5);
});

test.each(files)('%s runs without errors and returns data', async (file) => {
  const text = fs.readFileSync(path.join(DIR, file), 'utf8');
  const op = parse(text).definitions[0] as { name?: { value: string } };
  const res = await hub.graphql(text, VARIABLES[op.name!.value] ?? {});
  expect(res.errors).toBeUndefined();
  expect(Object.values(res.data!).every((v) => v !== null)).toBe(true);
});
