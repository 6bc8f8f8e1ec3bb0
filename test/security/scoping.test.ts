import { DataSource } from 'typeorm';
import { Role } from '../../src/auth/roles';
import { openTestDataSource, truncateAll } from '../helpers/database';
import { buildDistrict } from '../helpers/district-fixture';
import { Fixtures } from '../helpers/fixtures';
import { TestHub } from '../helpers/server';

/**
 * A district officer of A01 tries to reach district B02's data through every path. Each attempt is denied or
 * returns nothing of B02 — the scope is enforced by PostgreSQL row-level security under every resolver.
 */
let ds: DataSource;
let hub: TestHub;
let officer: TestHub;
const ids: Record<string, string> = {};

beforeAll(async () => {
  ds = await openTestDataSource();
  await truncateAll(ds);
  const fx = new Fixtures(ds);
  await buildDistrict(fx, { code: 'A01', plannedCertificationYear: 2025 });
  await buildDistrict(fx, { code: 'B02', plannedCertificationYear: 2025 });
  await fx.expenditure(
    { districtCode: 'A01', year: 2023, generalBudgetEducationYuan: '100' },
    { districtCode: 'A01', year: 2024, generalBudgetEducationYuan: '99' },
    { districtCode: 'B02', year: 2023, generalBudgetEducationYuan: '100' },
    { districtCode: 'B02', year: 2024, generalBudgetEducationYuan: '98' },
  );
  await fx.transferPayments({ districtCode: 'A01', year: 2024, program: 'p', amountYuan: '1' }, { districtCode: 'B02', year: 2024, program: 'p', amountYuan: '2' });
  hub = await TestHub.start(ds);
  officer = hub.as({ role: Role.DISTRICT_OFFICER, district: 'A01' });
  // Global ids of B02's objects, as a supervisor sees them: the officer will guess them.
  const res = await hub.graphql(`{ district(code: "B02") { id schools(first: 1) { nodes { id stats { id } teacherPostings(first: 1) { nodes { id } } } } } }`);
  const school = res.data!.district.schools.nodes[0];
  Object.assign(ids, { district: res.data!.district.id, school: school.id, stat: school.stats[0].id, posting: school.teacherPostings.nodes[0].id });
});
afterAll(async () => {
  await hub?.stop();
  await ds?.destroy();
});

const NOTHING_OF_B = /B02/;

test('top-level lists hold only the own district', async () => {
  const res = await officer.graphql(`{
    districts { totalCount nodes { code } }
    schools(first: 100) { totalCount nodes { code } }
    b: schools(filter: { districtCode: "B02" }) { totalCount }
  }`);
  expect(res.errors).toBeUndefined();
  expect(res.data!.districts).toEqual({ totalCount: 1, nodes: [{ code: 'A01' }] });
  expect(res.data!.schools.totalCount).toBe(5);
  expect(res.data!.b.totalCount).toBe(0);
  expect(JSON.stringify(res.data)).not.toMatch(NOTHING_OF_B);
});

test('fetching B02 by code or by guessed global id returns nothing', async () => {
  const res = await officer.graphql(
    `query($d: ID!, $s: ID!, $st: ID!, $p: ID!) {
      district(code: "B02") { code } school(code: "B02P1") { code }
      d: node(id: $d) { id } s: node(id: $s) { id } st: node(id: $st) { id } p: node(id: $p) { id } }`,
    { d: ids.district, s: ids.school, st: ids.stat, p: ids.posting },
  );
  expect(res.errors).toBeUndefined();
  expect(res.data).toEqual({ district: null, school: null, d: null, s: null, st: null, p: null });
});

test('nested fields under a permitted object reach nothing of B02', async () => {
  const res = await officer.graphql(`{ district(code: "A01") {
    schools(filter: { districtCode: "B02" }, first: 100) { nodes { code district { code } stats { schoolCode } teacherPostings { totalCount } } }
    studentCount(year: 2024) schoolCount
  } }`);
  expect(res.errors).toBeUndefined();
  expect(JSON.stringify(res.data)).not.toMatch(NOTHING_OF_B);
  expect(res.data!.district.schoolCount).toBe(5);
  expect(res.data!.district.studentCount).toBe(3 * 500 + 2 * 400);
});

test('aggregates, evaluations and funding checks cover the own district only', async () => {
  const res = await officer.graphql(`{
    cityEvaluation(year: 2024) { qualifiedCount districts { districtCode } }
    certificationProgress(year: 2024) { plannedYears { plannedCount districtCodes } earlyWarnings { districtCode } }
    basicBalanceMonitoring(year: 2024) { districtCode }
    fundingCheckViolations(year: 2024) { districtCode }
    cityFundingSummary(year: 2024) { districtCount totalExpenditure violatingDistricts }
    cityTransferPayments(year: 2024) { totalYuan byDistrict { key } }
    b: district(code: "B02") { evaluation(year: 2024) { verdict } }
  }`);
  expect(res.errors).toBeUndefined();
  expect(res.data!.cityEvaluation.districts).toEqual([{ districtCode: 'A01' }]);
  expect(res.data!.certificationProgress.plannedYears).toEqual([{ plannedCount: 1, districtCodes: ['A01'] }]);
  expect(res.data!.basicBalanceMonitoring).toEqual([{ districtCode: 'A01' }]);
  expect(res.data!.fundingCheckViolations).toEqual([{ districtCode: 'A01' }]);
  expect(res.data!.cityFundingSummary).toMatchObject({ districtCount: 1, totalExpenditure: '99', violatingDistricts: ['A01'] });
  expect(res.data!.cityTransferPayments).toEqual({ totalYuan: '1.00', byDistrict: [{ key: 'A01' }] });
  expect(res.data!.b).toBeNull();
});

test('import history: errors hidden, superseded values only of the own district', async () => {
  const [batch] = await ds.query(`SELECT id FROM import_batch ORDER BY id LIMIT 1`);
  await ds.query(
    `INSERT INTO row_history (dataset, key, values, delivered_by_batch_id, replaced_by_batch_id) VALUES
       ('districts', '{"code":"A01"}', '{"name":"old A"}', $1, $1), ('districts', '{"code":"B02"}', '{"name":"old B"}', $1, $1),
       ('school_stats', '{"school_code":"B02P1","year":"2024","stage":"primary"}', '{"students":"1"}', $1, $1)`,
    [batch.id],
  );
  await ds.query(`INSERT INTO import_error (batch_id, row_number, column_name, value, reason) VALUES ($1, 2, 'name', 'B02 secret', 'test')`, [batch.id]);
  const res = await officer.graphql(`query($id: ID!) { importBatch(id: $id) { errors { totalCount } history(first: 50) { totalCount nodes { key } } } }`, { id: batch.id });
  expect(res.errors).toBeUndefined();
  expect(res.data!.importBatch.errors.totalCount).toBe(0);
  expect(res.data!.importBatch.history.nodes).toEqual([{ key: { code: 'A01' } }]);
  const sup = await hub.graphql(`query($id: ID!) { importBatch(id: $id) { errors { totalCount } history(first: 50) { totalCount } } }`, { id: batch.id });
  expect(sup.data!.importBatch).toEqual({ errors: { totalCount: 1 }, history: { totalCount: 3 } });
});

test('reports: B02 is not found, the city report lists A01 only', async () => {
  const b = await fetch(`${officer.url}/reports/evaluation/B02/2024.xlsx`, { headers: officer.headers() });
  expect(b.status).toBe(404);
  const city = await fetch(`${officer.url}/reports/city/2024/districts.csv`, { headers: officer.headers() });
  expect(city.status).toBe(200);
  const text = await city.text();
  expect(text).toMatch(/A01/);
  expect(text).not.toMatch(NOTHING_OF_B);
});

test('teacher-level fields are FORBIDDEN on the field, not a silent null', async () => {
  const res = await officer.graphql(`{ school(code: "A01P1") { teacherPostings(first: 1) { nodes { stage annualPayYuan } } } }`);
  expect(res.errors).toHaveLength(1);
  expect(res.errors![0]).toMatchObject({ path: ['school', 'teacherPostings', 'nodes', 0, 'annualPayYuan'], extensions: { code: 'FORBIDDEN' } });
  const audit = await hub.graphql(`{ auditEvents(filter: { action: DENIED }) { nodes { subject role district target } } }`);
  expect(audit.data!.auditEvents.nodes).toContainEqual({ subject: 'test-district_officer', role: 'district_officer', district: 'A01', target: 'TeacherPosting.annualPayYuan' });
});

test('the audit log is for supervisors only', async () => {
  const res = await officer.graphql(`{ auditEvents { totalCount } }`);
  expect(res.errors![0].extensions!.code).toBe('FORBIDDEN');
});

test('the stage of a posting cannot widen the scope either', async () => {
  // A posting of A01's school in a stage it teaches is visible; B02's never.
  const res = await officer.graphql(`{ schools(first: 100) { nodes { teacherPostings(first: 500) { nodes { stage school { code } } } } } }`);
  expect(res.errors).toBeUndefined();
  const schools = res.data!.schools.nodes.flatMap((s: any) => s.teacherPostings.nodes.map((p: any) => p.school.code));
  expect(new Set(schools)).toEqual(new Set(['A01P1', 'A01P2', 'A01P3', 'A01J1', 'A01J2']));
});
