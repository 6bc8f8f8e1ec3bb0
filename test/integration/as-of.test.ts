import { DataSource } from 'typeorm';
import { loadConfig } from '../../src/config';
import { Role } from '../../src/auth/roles';
import { importRows } from '../../src/ingestion/pipeline';
import { toGlobalId } from '../../src/graphql/node';
import { openTestDataSource, truncateAll } from '../helpers/database';
import { buildDistrict } from '../helpers/district-fixture';
import { Fixtures } from '../helpers/fixtures';
import { SCOPE_STATEMENTS, TestHub } from '../helpers/server';

/**
 * Evaluations as they stood (可追溯, #16.3): `evaluation(asOf:)` reads every dataset as it stood at the instant, so an
 * evaluation before a re-delivery keeps the old verdict and one after it gives the new one (the live answer).
 */
let ds: DataSource;
let hub: TestHub;
const times: Record<string, string> = {};
let redeliveryBatch = '';

const EVAL = `query($code: String!, $asOf: DateTimeISO) { district(code: $code) { evaluation(year: 2024, asOf: $asOf) {
  districtCode verdict blockers { code schoolCode }
  resourceAllocation { stage schoolCount schoolsMeetingRule spread { code cv status } }
  governmentGuarantee { code status } } } }`;

const pause = () => new Promise((r) => setTimeout(r, 20));
const stamp = async (name: string) => {
  await pause();
  times[name] = new Date().toISOString();
  await pause();
};

async function evaluation(code: string, asOf?: string, client = hub) {
  const res = await client.graphql(EVAL, { code, asOf });
  expect(res.errors).toBeUndefined();
  return res.data!.district?.evaluation ?? null;
}

const STATS_HEADER = ['school_code', 'year', 'stage', 'students', 'classes', 'max_class_size', 'teaching_aux_area_m2', 'sports_area_m2',
  'equipment_value_yuan', 'multimedia_rooms', 'music_rooms', 'music_room_min_area_m2', 'art_rooms', 'art_room_min_area_m2'];
const primaryStats = (school: string, sports: string) =>
  Object.fromEntries(STATS_HEADER.map((h, i) => [h, [school, '2024', 'primary', '500', '12', '42', '2500', sports, '1100000', '12', '1', '100', '1', '95'][i]]));

beforeAll(async () => {
  ds = await openTestDataSource();
  await truncateAll(ds);
  const fx = new Fixtures(ds);
  await buildDistrict(fx, { code: 'A01' });
  await buildDistrict(fx, { code: 'B02' });
  hub = await TestHub.start(ds, loadConfig({ ...process.env, RESPONSE_CACHE_BYTES: '0' }));
  await stamp('before');
  // The re-delivery: A01P3's sports area falls to 3000 m² (6.0 < 85% of 7.5) and a school A01P4 appears.
  await importRows(ds, { dataset: 'schools', fileName: 'schools-A01P4.csv', loadedBy: 'test', rows: [
    { school_code: 'A01P4', name: '学校A01P4', district_code: 'A01', school_type: 'primary', location: 'urban', boarding: 'false', ownership: 'public' },
  ] });
  const redelivery = await importRows(ds, { dataset: 'school_stats', fileName: 'school_stats-2024-corrected.csv', loadedBy: 'test',
    rows: [primaryStats('A01P3', '3000'), primaryStats('A01P4', '4000')] });
  expect(redelivery).toMatchObject({ status: 'succeeded', rowsUpdated: 1, rowsInserted: 1 });
  redeliveryBatch = toGlobalId('ImportBatch', redelivery.batchId!);
  await stamp('after');
  // An API write (a batch of kind 'api'): B02's G01 rating is withdrawn.
  const rated = await hub.graphql(`mutation { setRating(input: { districtCode: "B02", year: 2024, indicator: "G01", met: false, expectedVersion: 1 }) {
    userErrors { code message } } }`);
  expect(rated.errors).toBeUndefined();
  expect(rated.data!.setRating.userErrors).toEqual([]);
  await stamp('rated');
});
afterAll(async () => {
  await hub?.stop();
  await ds?.destroy();
});

test('before a re-delivery the old verdict, after it the new one, and asOf now equals the live answer', async () => {
  const before = await evaluation('A01', times.before);
  expect(before.verdict).toBe('QUALIFIED');
  // The school first delivered after the instant is absent from it.
  expect(before.resourceAllocation.find((s: any) => s.stage === 'PRIMARY').schoolCount).toBe(3);

  const after = await evaluation('A01', times.after);
  expect(after.verdict).toBe('NOT_QUALIFIED');
  expect(after.resourceAllocation.find((s: any) => s.stage === 'PRIMARY').schoolCount).toBe(4);
  expect(after.blockers.map((b: any) => b.schoolCode)).toContain('A01P3');

  expect(await evaluation('A01')).toEqual(after);
  expect(await evaluation('A01', new Date().toISOString())).toEqual(after);
});

test('an API write (a rating through a mutation) is seen from its instant on', async () => {
  const g01 = (e: any) => e.governmentGuarantee.find((g: any) => g.code === 'G01').status;
  expect(g01(await evaluation('B02', times.after))).toBe('MET');
  expect((await evaluation('B02', times.after)).verdict).toBe('QUALIFIED');
  const rated = await evaluation('B02', times.rated);
  expect(g01(rated)).toBe('NOT_MET');
  expect(rated.verdict).toBe('NOT_QUALIFIED');
  expect(rated).toEqual(await evaluation('B02'));
});

test('before any delivery there is nothing to evaluate: the district was not known then', async () => {
  const res = await hub.graphql(`query($asOf: DateTimeISO) { cityEvaluation(year: 2024, asOf: $asOf) { districts { districtCode } qualifiedCount } }`,
    { asOf: '2001-01-01T00:00:00Z' });
  expect(res.errors).toBeUndefined();
  expect(res.data!.cityEvaluation).toEqual({ districts: [], qualifiedCount: 0 });
  const one = await hub.graphql(EVAL, { code: 'A01', asOf: '2001-01-01T00:00:00Z' });
  expect(one.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', messageCode: 'EVALUATION_NOT_DELIVERED_YET' });
});

test('cityEvaluation as of an instant gives each district its verdict then', async () => {
  const q = `query($asOf: DateTimeISO) { cityEvaluation(year: 2024, asOf: $asOf) { districts { districtCode verdict } } }`;
  const at = async (asOf: string) => (await hub.graphql(q, { asOf })).data!.cityEvaluation.districts;
  expect(await at(times.before)).toEqual([{ districtCode: 'A01', verdict: 'QUALIFIED' }, { districtCode: 'B02', verdict: 'QUALIFIED' }]);
  expect(await at(times.rated)).toEqual([{ districtCode: 'A01', verdict: 'NOT_QUALIFIED' }, { districtCode: 'B02', verdict: 'NOT_QUALIFIED' }]);
});

test('as of an instant the city is a fixed handful of set-based queries, whatever the number of districts', async () => {
  const q = `query($asOf: DateTimeISO) { cityEvaluation(year: 2024, asOf: $asOf) { districts { districtCode verdict } } }`;
  const { response, statements } = await hub.counted(q, { asOf: times.after });
  expect(response.errors).toBeUndefined();
  // The ten datasets (districts, schools, statistics, the postings in one aggregate (D119), funds, monitoring, four
  // district tables) each read once for all districts, plus the visible districts and the batches named in the evidence
  // (12 when the whole file runs, 13 when this test runs alone: the earlier requests leave one look-up less to do), and
  // 3 for the postings' read beside the request (the snapshot exported, the second connection's BEGIN and ROLLBACK).
  expect(statements - SCOPE_STATEMENTS).toBeLessThanOrEqual(16);
  expect(statements - SCOPE_STATEMENTS).toBeGreaterThanOrEqual(15);
});

test('row-level security holds as of an instant: a district officer sees only their district then too', async () => {
  const officer = hub.as({ role: Role.DISTRICT_OFFICER, district: 'A01' });
  const res = await officer.graphql(`query($asOf: DateTimeISO) { cityEvaluation(year: 2024, asOf: $asOf) { districts { districtCode verdict } } }`,
    { asOf: times.before });
  expect(res.errors).toBeUndefined();
  expect(res.data!.cityEvaluation.districts).toEqual([{ districtCode: 'A01', verdict: 'QUALIFIED' }]);
  expect(await evaluation('B02', times.before, officer)).toBeNull();
});

// ---- dossiers and diffs ----------------------------------------------------------------------------------------

const EVALUATION_FIELDS = `districtCode verdict blockers { code schoolCode stage status message }
  resourceAllocation { stage schoolCount schoolsMeetingRule spread { code cv cvExact status } schoolRules { schoolCode status indicatorsMet } }
  governmentGuarantee { code status valueExact } educationQuality { code status } socialRecognition { code status } vetoes { code status }`;
const FREEZE = `mutation($input: FreezeEvaluationDossierInput!) { freezeEvaluationDossier(input: $input) {
  replayed userErrors { field code message } dossier { id number districtCode year stage asOf verdict frozenBy batches { id } evaluation { ${EVALUATION_FIELDS} } } } }`;

async function freeze(input: Record<string, unknown>, client = hub) {
  const res = await client.graphql(FREEZE, { input: { year: 2024, stage: 'SELF_EVALUATION', ...input } });
  expect(res.errors).toBeUndefined();
  return res.data!.freezeEvaluationDossier;
}
async function evaluationFull(code: string, asOf: string) {
  const res = await hub.graphql(`query($code: String!, $asOf: DateTimeISO) { district(code: $code) { evaluation(year: 2024, asOf: $asOf) { ${EVALUATION_FIELDS} } } }`, { code, asOf });
  expect(res.errors).toBeUndefined();
  return res.data!.district.evaluation;
}

const dossiers: Record<string, string> = {};

test('a dossier frozen at an instant equals the evaluation as of that instant, and rests on its batches', async () => {
  const old = await freeze({ districtCode: 'A01', asOf: times.before, note: '县级自评材料', idempotencyKey: 'A01-self-2024' });
  expect(old.userErrors).toEqual([]);
  expect(old.dossier).toMatchObject({ districtCode: 'A01', year: 2024, stage: 'SELF_EVALUATION', verdict: 'QUALIFIED', frozenBy: 'test-supervisor' });
  expect(old.dossier.asOf).toBe(times.before);
  expect(old.dossier.evaluation).toEqual(await evaluationFull('A01', times.before));
  expect(old.dossier.batches.map((b: any) => b.id)).not.toContain(redeliveryBatch);
  dossiers.old = old.dossier.id;

  const now = await freeze({ districtCode: 'A01', stage: 'MUNICIPAL_REVIEW' });
  expect(now.dossier.verdict).toBe('NOT_QUALIFIED');
  expect(now.dossier.evaluation).toEqual(await evaluationFull('A01', now.dossier.asOf));
  expect(now.dossier.batches.map((b: any) => b.id)).toContain(redeliveryBatch);
  dossiers.now = now.dossier.id;

  // A retry with the same key answers the first result and writes nothing.
  const again = await freeze({ districtCode: 'A01', asOf: times.before, note: '县级自评材料', idempotencyKey: 'A01-self-2024' });
  expect(again).toMatchObject({ replayed: true, dossier: { id: dossiers.old } });
  const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM evaluation_dossiers`);
  expect(n).toBe(2);
  // Audited, and immutable even for the owner.
  const [audit] = await ds.query(`SELECT detail FROM audit_event WHERE target = 'Mutation.freezeEvaluationDossier' AND outcome = 'succeeded' ORDER BY id LIMIT 1`);
  expect(audit.detail).toMatchObject({ dossierId: old.dossier.number, districtCode: 'A01', verdict: 'QUALIFIED' });
  await expect(ds.query(`UPDATE evaluation_dossiers SET verdict = 'QUALIFIED' WHERE id = $1`, [now.dossier.number])).rejects.toThrow(/immutable/);
  await expect(ds.query(`DELETE FROM evaluation_dossiers WHERE id = $1`, [old.dossier.number])).rejects.toThrow(/immutable/);
  // Citable by its number too, and fetchable as a node.
  const cited = await hub.graphql(`query($n: ID!, $id: ID!) { dossier(id: $n) { id } node(id: $id) { ... on EvaluationDossier { number verdict } } }`,
    { n: old.dossier.number, id: dossiers.old });
  expect(cited.data).toEqual({ dossier: { id: dossiers.old }, node: { number: old.dossier.number, verdict: 'QUALIFIED' } });
});

test('freezing refuses an instant in the future, a district without data then, and anyone but a supervisor', async () => {
  const future = await freeze({ districtCode: 'A01', asOf: '2999-01-01T00:00:00Z' });
  expect(future.userErrors).toEqual([expect.objectContaining({ field: ['input', 'asOf'], code: 'INVALID' })]);
  const empty = await freeze({ districtCode: 'A01', asOf: '2001-01-01T00:00:00Z' });
  expect(empty.userErrors).toEqual([expect.objectContaining({ field: ['input', 'asOf'], code: 'NOT_FOUND' })]);
  const officer = await hub.as({ role: Role.DISTRICT_OFFICER, district: 'A01' }).graphql(FREEZE, { input: { districtCode: 'A01', year: 2024, stage: 'SELF_EVALUATION' } });
  expect(officer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
});

const DIFF = `query($from: ID!, $to: ID) { dossierDiff(from: $from, to: $to) { verdictFrom verdictTo from { id } to { id }
  changes { kind code stage schoolCode statusFrom statusTo valueFrom valueTo batches { id fileName } }
  blockersAdded { code schoolCode } blockersRemoved { code } batchesAdded { id fileName } batchesDropped { id } } }`;

test('the diff between a dossier and today, or two dossiers, names the figures changed and the re-delivered batch', async () => {
  const res = await hub.graphql(DIFF, { from: dossiers.old });
  expect(res.errors).toBeUndefined();
  const diff = res.data!.dossierDiff;
  expect(diff).toMatchObject({ verdictFrom: 'QUALIFIED', verdictTo: 'NOT_QUALIFIED', to: null });
  const rule = diff.changes.find((c: any) => c.kind === 'SCHOOL_RULE' && c.schoolCode === 'A01P3');
  expect(rule).toMatchObject({ stage: 'PRIMARY', statusFrom: 'MET', statusTo: 'NOT_MET', valueFrom: '7', valueTo: '6' });
  expect(rule.batches).toEqual([{ id: redeliveryBatch, fileName: 'school_stats-2024-corrected.csv' }]);
  expect(diff.changes).toContainEqual(expect.objectContaining({ kind: 'SCHOOL_COUNT', stage: 'PRIMARY', valueFrom: '3', valueTo: '4' }));
  const r5 = diff.changes.find((c: any) => c.kind === 'SPREAD' && c.code === 'CV_R5' && c.stage === 'PRIMARY');
  expect(r5.batches.map((b: any) => b.id)).toContain(redeliveryBatch);
  expect(diff.blockersAdded).toContainEqual(expect.objectContaining({ schoolCode: 'A01P3' }));
  expect(diff.batchesAdded.map((b: any) => b.id)).toContain(redeliveryBatch);
  // Unchanged figures are not listed.
  expect(diff.changes.find((c: any) => c.kind === 'INDICATOR' && c.code === 'G01')).toBeUndefined();

  const two = await hub.graphql(DIFF, { from: dossiers.old, to: dossiers.now });
  expect(two.errors).toBeUndefined();
  expect(two.data!.dossierDiff.to).toEqual({ id: dossiers.now });
  expect(two.data!.dossierDiff.changes).toEqual(diff.changes);
});

test('a district officer reads their district\'s dossiers and never another district\'s', async () => {
  const own = hub.as({ role: Role.DISTRICT_OFFICER, district: 'A01' });
  const other = hub.as({ role: Role.DISTRICT_OFFICER, district: 'B02' });
  const q = `query($id: ID!) { dossier(id: $id) { id verdict } }`;
  expect((await own.graphql(q, { id: dossiers.old })).data!.dossier).toEqual({ id: dossiers.old, verdict: 'QUALIFIED' });
  const denied = await other.graphql(q, { id: dossiers.old });
  expect(denied.errors).toBeUndefined();
  expect(denied.data!.dossier).toBeNull();
  const diff = await other.graphql(DIFF, { from: dossiers.old });
  expect(diff.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  const listed = await own.graphql(`{ district(code: "A01") { dossiers(year: 2024) { id stage } } }`);
  expect(listed.data!.district.dossiers).toEqual([{ id: dossiers.old, stage: 'SELF_EVALUATION' }, { id: dossiers.now, stage: 'MUNICIPAL_REVIEW' }]);
});

// ---- certification stages -------------------------------------------------------------------------------------

const RECORD = `mutation($input: RecordCertificationStageInput!) { recordCertificationStage(input: $input) {
  replayed userErrors { field code } certificationStage { districtCode stage reachedOn recordedBy dossier { number stage } } } }`;
const STATUS = `query($code: String!) { district(code: $code) { plannedCertificationYear
  certificationStatus { stage reachedOn plannedCertificationYear certifiedYear late } certificationStages { stage reachedOn } } }`;

test('certification stages are recorded with their dates and shown against the plan', async () => {
  const status = async () => (await hub.graphql(STATUS, { code: 'A01' })).data!.district;
  // Planned for 2025, nothing recorded, today after 2025: late.
  expect((await status()).certificationStatus).toEqual({ stage: null, reachedOn: null, plannedCertificationYear: 2025, certifiedYear: null, late: true });

  const self = await hub.graphql(RECORD, { input: { districtCode: 'A01', stage: 'SELF_EVALUATION', reachedOn: '2024-03-01', dossierId: dossiers.old } });
  expect(self.errors).toBeUndefined();
  expect(self.data!.recordCertificationStage).toMatchObject({
    userErrors: [], certificationStage: { stage: 'SELF_EVALUATION', reachedOn: '2024-03-01', recordedBy: 'test-supervisor', dossier: { stage: 'SELF_EVALUATION' } },
  });
  const certified = await hub.graphql(RECORD, { input: { districtCode: 'A01', stage: 'CERTIFIED', reachedOn: '2025-11-20', idempotencyKey: 'A01-certified' } });
  expect(certified.data!.recordCertificationStage.userErrors).toEqual([]);
  const after = await status();
  expect(after.certificationStatus).toEqual({ stage: 'CERTIFIED', reachedOn: '2025-11-20', plannedCertificationYear: 2025, certifiedYear: 2025, late: false });
  expect(after.certificationStages).toEqual([{ stage: 'SELF_EVALUATION', reachedOn: '2024-03-01' }, { stage: 'CERTIFIED', reachedOn: '2025-11-20' }]);

  // Refused: a date in the future, another district's dossier, a district officer.
  const future = await hub.graphql(RECORD, { input: { districtCode: 'A01', stage: 'RECHECK', reachedOn: '2999-01-01' } });
  expect(future.data!.recordCertificationStage.userErrors).toEqual([{ field: ['input', 'reachedOn'], code: 'INVALID' }]);
  const foreign = await hub.graphql(RECORD, { input: { districtCode: 'B02', stage: 'SELF_EVALUATION', reachedOn: '2024-03-01', dossierId: dossiers.old } });
  expect(foreign.data!.recordCertificationStage.userErrors).toEqual([{ field: ['input', 'dossierId'], code: 'INVALID' }]);
  const officer = await hub.as({ role: Role.DISTRICT_OFFICER, district: 'A01' }).graphql(RECORD, { input: { districtCode: 'A01', stage: 'RECHECK', reachedOn: '2026-01-05' } });
  expect(officer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  // The district's own officer reads them; another district's officer does not see the district at all.
  const own = await hub.as({ role: Role.DISTRICT_OFFICER, district: 'A01' }).graphql(STATUS, { code: 'A01' });
  expect(own.data!.district.certificationStages).toHaveLength(2);
  const other = await hub.as({ role: Role.DISTRICT_OFFICER, district: 'B02' }).graphql(STATUS, { code: 'A01' });
  expect(other.data!.district).toBeNull();
  const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM certification_stages WHERE district_code = 'B02'`);
  expect(n).toBe(0);
});
