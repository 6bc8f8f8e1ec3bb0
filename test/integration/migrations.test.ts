import { DataSource } from 'typeorm';
import { openTestDataSource, truncateAll } from '../helpers/database';

let ds: DataSource;
beforeAll(async () => {
  ds = await openTestDataSource();
});
afterAll(() => ds.destroy());

test('the migrations build exactly the schema the entities describe', async () => {
  const pending = await ds.driver.createSchemaBuilder().log();
  expect(pending.upQueries.map((q) => q.query)).toEqual([]);
});

test('every migration can be reverted and re-applied', async () => {
  await truncateAll(ds);
  const applied = await ds.query(`SELECT count(*)::int AS n FROM migrations`);
  for (let i = 0; i < applied[0].n; i++) await ds.undoLastMigration({ transaction: 'each' });
  const tables = await ds.query(`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'migrations'`);
  expect(tables[0].n).toBe(0);
  await ds.runMigrations({ transaction: 'each' });
  const pending = await ds.driver.createSchemaBuilder().log();
  expect(pending.upQueries).toHaveLength(0);
});

test('CHECK constraints reject out-of-contract values', async () => {
  await truncateAll(ds);
  await ds.query(`INSERT INTO import_batch (department, dataset, file_name, sha256, status, loaded_by) VALUES ('planning', 'districts', 't.csv', repeat('0', 64), 'succeeded', 'test')`);
  await ds.query(`INSERT INTO districts (code, name, kind, planned_certification_year, certified, batch_id) VALUES ('500101', '万州区', 'district', 2028, false, 1)`);
  await expect(
    ds.query(`INSERT INTO districts (code, name, kind, planned_certification_year, certified, batch_id) VALUES ('X', 'x', 'province', 2028, false, 1)`),
  ).rejects.toThrow(/districts_kind_check/);
  await expect(
    ds.query(`INSERT INTO district_education (district_code, year, total_students, junior_retention_rate, batch_id) VALUES ('500101', 2024, 100, 1.2, 1)`),
  ).rejects.toThrow(/district_education_rates_check/);
  await expect(
    ds.query(`INSERT INTO surveys (district_code, year, respondents, satisfied, batch_id) VALUES ('500101', 2024, 10, 11, 1)`),
  ).rejects.toThrow(/surveys_counts_check/);
  await expect(
    ds.query(`INSERT INTO district_education (district_code, year, total_students, batch_id) VALUES ('NOPE', 2024, 100, 1)`),
  ).rejects.toThrow(/district_education_district_fk/);
});

test('money columns are exact numeric', async () => {
  await truncateAll(ds);
  await ds.query(`INSERT INTO import_batch (department, dataset, file_name, sha256, status, loaded_by) VALUES ('planning', 'districts', 't.csv', repeat('0', 64), 'succeeded', 'test')`);
  await ds.query(`INSERT INTO districts (code, name, kind, planned_certification_year, certified, batch_id) VALUES ('500101', '万州区', 'district', 2028, false, 1)`);
  await ds.query(
    `INSERT INTO education_expenditure (district_code, year, basis, general_budget_education_yuan, batch_id) VALUES ('500101', 2023, 'final', '17570000000.01', 1), ('500101', 2024, 'final', '0.02', 1)`,
  );
  const [row] = await ds.query(`SELECT sum(general_budget_education_yuan)::text AS total FROM education_expenditure`);
  expect(row.total).toBe('17570000000.03');
});
