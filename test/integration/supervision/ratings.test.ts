import { DataSource } from 'typeorm';
import { Role } from '../../../src/auth/roles';
import { openTestDataSource, truncateAll } from '../../helpers/database';
import { buildDistrict } from '../../helpers/district-fixture';
import { Fixtures } from '../../helpers/fixtures';
import { TestHub } from '../../helpers/server';
import { PDF, upload } from './ledger-helpers';

/**
 * Ratings, disqualifying events and surveys through the API: the next evaluation reflects them (the caches are keyed
 * by data version), and an import of ratings and the API agree — same table, both in the history.
 */
let ds: DataSource;
let hub: TestHub;
let supervisor: TestHub;

beforeAll(async () => {
  ds = await openTestDataSource();
  await truncateAll(ds);
  await buildDistrict(new Fixtures(ds), { code: 'RT01' });
  hub = await TestHub.start(ds);
  supervisor = hub.as({ role: Role.SUPERVISOR, subject: 'inspector-zhao' });
});
afterAll(async () => {
  await hub?.stop();
  await ds?.destroy();
});

const EVALUATION = `{ district(code: "RT01") { evaluation(year: 2024) { verdict blockers { code }
  governmentGuarantee { code status evidence { sources { dataset department fileName batchId } } }
  socialRecognition { status value } vetoes { code status } } } }`;
const SET_RATING = `mutation ($input: SetRatingInput!) { setRating(input: $input) {
  rating { indicator met note version source { kind fileName loadedBy } evidence { fileName } }
  userErrors { field code messageCode messageParams } replayed } }`;
const EVENT = `mutation ($input: RecordDisqualifyingEventInput!) { recordDisqualifyingEvent(input: $input) { rating { indicator met version } userErrors { code } } }`;
const SURVEY = `mutation ($input: SetSurveyResultInput!) { setSurveyResult(input: $input) { survey { respondents satisfied version source { kind } } userErrors { field code messageCode } } }`;

async function evaluation() {
  const res = await supervisor.graphql(EVALUATION);
  expect(res.errors).toBeUndefined();
  return res.data!.district.evaluation;
}

let apiBatch: string;

test('a rating set through the API changes the evaluation on the next request', async () => {
  expect((await evaluation()).verdict).toBe('QUALIFIED'); // now cached under this data version
  const evidence = await upload(supervisor, '布局规划核查.pdf', PDF);
  const res = await supervisor.graphql(SET_RATING, {
    input: { districtCode: 'RT01', year: 2024, indicator: 'G01', met: false, note: '两所小学服务半径过大', evidenceIds: [evidence.body.evidence.id], expectedVersion: 1 },
  });
  expect(res.errors).toBeUndefined();
  expect(res.data!.setRating).toMatchObject({
    rating: { indicator: 'G01', met: false, note: '两所小学服务半径过大', version: 2, source: { kind: 'API', fileName: 'api:setRating', loadedBy: 'inspector-zhao' }, evidence: [{ fileName: '布局规划核查.pdf' }] },
    userErrors: [],
  });
  const e = await evaluation();
  expect(e.verdict).toBe('NOT_QUALIFIED');
  expect(e.blockers.map((b: { code: string }) => b.code)).toContain('G01');
  const g01 = e.governmentGuarantee.find((i: { code: string }) => i.code === 'G01');
  expect(g01.status).toBe('NOT_MET');
  expect(g01.evidence.sources).toEqual([{ dataset: 'ratings', department: 'SUPERVISION', fileName: 'api:setRating', batchId: expect.any(String) }]);
  apiBatch = g01.evidence.sources[0].batchId;
});

test('concurrency and rules: no blind overwrite, a stale version, an indicator that is not rated', async () => {
  const input = { districtCode: 'RT01', year: 2024, indicator: 'G01', met: true };
  const blind = await supervisor.graphql(SET_RATING, { input });
  expect(blind.data!.setRating.userErrors).toEqual([expect.objectContaining({ code: 'CONFLICT', field: ['input', 'expectedVersion'], messageCode: 'RATING_ALREADY_RECORDED', messageParams: { current: 2 } })]);
  const stale = await supervisor.graphql(SET_RATING, { input: { ...input, expectedVersion: 1 } });
  expect(stale.data!.setRating.userErrors).toEqual([expect.objectContaining({ code: 'CONFLICT', messageParams: { expected: 1, current: 2 } })]);
  const computed = await supervisor.graphql(SET_RATING, { input: { ...input, indicator: 'G05', expectedVersion: 1 } });
  expect(computed.data!.setRating.userErrors).toEqual([expect.objectContaining({ code: 'INVALID', field: ['input', 'indicator'], messageCode: 'RATING_INDICATOR_NOT_RATED' })]);
  const fresh = await supervisor.graphql(SET_RATING, { input: { ...input, indicator: 'Q05', year: 2023, expectedVersion: 3 } });
  expect(fresh.data!.setRating.userErrors).toEqual([expect.objectContaining({ code: 'CONFLICT', messageCode: 'RATING_NOT_RECORDED' })]);
  const officer = await hub.as({ role: Role.DISTRICT_OFFICER, district: 'RT01' }).graphql(SET_RATING, { input: { ...input, expectedVersion: 2 } });
  expect(officer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  // The same value again changes nothing: no batch, no new version.
  const same = await supervisor.graphql(SET_RATING, { input: { ...input, met: false, note: '两所小学服务半径过大', expectedVersion: 2 } });
  expect(same.data!.setRating.rating).toMatchObject({ version: 2, source: { fileName: 'api:setRating' } });
  expect((await ds.query(`SELECT count(*)::int AS n FROM import_batch WHERE kind = 'api' AND dataset = 'ratings'`))[0].n).toBe(1);
});

test('an import of ratings and the API agree: same table, both in the history', async () => {
  const csv = 'district_code,year,indicator,met,note\nRT01,2024,G01,true,复核后达标\n';
  const res = await fetch(`${hub.url}/imports/ratings?fileName=ratings-2024.csv`, { method: 'POST', headers: supervisor.headers({ 'content-type': 'text/csv' }), body: csv });
  const summary = (await res.json()) as Record<string, any>;
  expect(summary).toMatchObject({ status: 'succeeded', rowsUpdated: 1 });
  expect((await evaluation()).verdict).toBe('QUALIFIED');

  const history = await supervisor.graphql(`query ($api: ID!, $file: ID!) {
    api: importBatch(id: $api) { kind history { nodes { dataset key values deliveredBy { fileName kind } } } }
    file: importBatch(id: $file) { kind history { nodes { dataset key values deliveredBy { fileName kind } } } }
    district(code: "RT01") { ratings(year: 2024) { indicator met note version source { fileName } } } }`, { api: apiBatch, file: summary.batchId });
  expect(history.errors).toBeUndefined();
  const key = { district_code: 'RT01', year: '2024', indicator: 'G01' };
  // The API's write replaced the fixture's value; the file replaced the API's: one history, whoever wrote.
  expect(history.data!.api).toEqual({ kind: 'API', history: { nodes: [{ dataset: 'ratings', key, values: { met: 'true', note: null }, deliveredBy: { fileName: 'fixture-supervision.csv', kind: 'FILE' } }] } });
  expect(history.data!.file).toEqual({ kind: 'FILE', history: { nodes: [{ dataset: 'ratings', key, values: { met: 'false', note: '两所小学服务半径过大' }, deliveredBy: { fileName: 'api:setRating', kind: 'API' } }] } });
  expect(history.data!.district.ratings.find((r: { indicator: string }) => r.indicator === 'G01')).toEqual({ indicator: 'G01', met: true, note: '复核后达标', version: 3, source: { fileName: 'ratings-2024.csv' } });
});

test('a disqualifying event recorded through the API makes the district not qualified; recording it did not occur undoes that', async () => {
  const occurred = await supervisor.graphql(EVENT, { input: { districtCode: 'RT01', year: 2024, event: 'V02', occurred: true, note: '违规择校' } });
  expect(occurred.data!.recordDisqualifyingEvent).toEqual({ rating: { indicator: 'V02', met: false, version: 1 }, userErrors: [] });
  let e = await evaluation();
  expect(e.verdict).toBe('NOT_QUALIFIED');
  expect(e.vetoes.find((v: { code: string }) => v.code === 'V02').status).toBe('NOT_MET');
  const cleared = await supervisor.graphql(EVENT, { input: { districtCode: 'RT01', year: 2024, event: 'V02', occurred: false, expectedVersion: 1 } });
  expect(cleared.data!.recordDisqualifyingEvent.rating).toEqual({ indicator: 'V02', met: true, version: 2 });
  e = await evaluation();
  expect(e.verdict).toBe('QUALIFIED');
  const unknown = await supervisor.graphql(EVENT, { input: { districtCode: 'RT01', year: 2024, event: 'G01', occurred: true } });
  expect(unknown.data!.recordDisqualifyingEvent.userErrors).toEqual([{ code: 'INVALID' }]);
});

test('a survey result set through the API decides S01 on the next request', async () => {
  const low = await supervisor.graphql(SURVEY, { input: { districtCode: 'RT01', year: 2024, respondents: 1000, satisfied: 820, expectedVersion: 1 } });
  expect(low.data!.setSurveyResult).toEqual({ survey: { respondents: 1000, satisfied: 820, version: 2, source: { kind: 'API' } }, userErrors: [] });
  const e = await evaluation();
  expect(e.socialRecognition).toEqual({ status: 'NOT_MET', value: 0.82 });
  const impossible = await supervisor.graphql(SURVEY, { input: { districtCode: 'RT01', year: 2024, respondents: 10, satisfied: 11, expectedVersion: 2 } });
  expect(impossible.data!.setSurveyResult.userErrors).toEqual([{ field: ['input', 'satisfied'], code: 'INVALID', messageCode: 'SURVEY_SATISFIED_ABOVE_RESPONDENTS' }]);
  const nowhere = await supervisor.graphql(SURVEY, { input: { districtCode: 'XX99', year: 2024, respondents: 10, satisfied: 9 } });
  expect(nowhere.data!.setSurveyResult.userErrors).toEqual([{ field: ['input', 'districtCode'], code: 'NOT_FOUND', messageCode: 'LEDGER_DISTRICT_NOT_FOUND' }]);
});

test('one rating write is a fixed number of statements', async () => {
  const { response, statements } = await supervisor.counted(`mutation ($input: SetRatingInput!) { setRating(input: $input) { rating { version } userErrors { code } } }`, {
    input: { districtCode: 'RT01', year: 2024, indicator: 'Q06', met: false, expectedVersion: 1 },
  });
  expect(response.data!.setRating).toEqual({ rating: { version: 2 }, userErrors: [] });
  // BEGIN+settings, end reads+begin write, district, dataset lock, rating FOR UPDATE, batch, history, update, audit,
  // commit+new reads, payload, ROLLBACK.
  expect(statements).toBe(12);
});
