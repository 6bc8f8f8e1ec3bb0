import { DataSource } from 'typeorm';
import { Ownership } from '../../src/common/vocabulary';
import { openTestDataSource, truncateAll } from '../helpers/database';
import { buildDistrict } from '../helpers/district-fixture';
import { Fixtures } from '../helpers/fixtures';
import { TestHub } from '../helpers/server';

/**
 * The readings DOMAIN §2.3, §2.4 and §4 settled (issue 13, item 6), through GraphQL on real PostgreSQL: whose teachers
 * G08/G09/G11/G12 count, R3 and G12 full-time only, G15 without a care rating, Q09 per subject and grade, and the
 * basic-balance year beside the verdict.
 */
let ds: DataSource;
let hub: TestHub;

const EVALUATION = `query($code: String!, $year: Int!) {
  district(code: $code) {
    basicBalanceYear
    evaluation(year: $year) {
      verdict
      precondition { basicBalancePassedYear met message }
      blockers { code schoolCode status message }
      resourceAllocation { stage failingSchools { school { code } failing { code value shortfall { amount unit } } } }
      governmentGuarantee { code status value message evidence { inputs { name value } } }
      educationQuality { code status value message evidence { inputs { name value } } }
    }
  }
}`;

type Indicator = { code: string; status: string; value: number | null; message: string; evidence: { inputs: { name: string; value: string | null }[] } };

beforeAll(async () => {
  ds = await openTestDataSource();
  await truncateAll(ds);
  const fx = new Fixtures(ds);
  // S01: every reading in play. T02: the fixture district as built, with a basic-balance year long enough ago.
  await buildDistrict(fx, { code: 'S01', withoutRatings: ['G15'] });
  await buildDistrict(fx, { code: 'T02' });
  await ds.query(`UPDATE districts SET basic_balance_year = CASE code WHEN 'S01' THEN 2022 ELSE 2021 END`);
  // R3: four of S01P1's six PE/arts teachers (T6–T9) are not full-time: 2 × 100 / 500 = 0.4 < 0.9. One of them has no
  // certificate: G12 counts full-time teachers only, so it still holds.
  await ds.query(`UPDATE teacher_postings SET full_time = false WHERE teacher_id IN ('S01P1-T6', 'S01P1-T7', 'S01P1-T8', 'S01P1-T9')`);
  await ds.query(`UPDATE teacher_postings SET certified = false WHERE teacher_id = 'S01P1-T6'`);
  // S01J2 becomes private, its 30 teachers paid 50,000 and 3 of them short of 360 training hours. Counted with the
  // public teachers, average pay would be (120 × 120,000 + 30 × 50,000) / 150 = 106,000 < 110,000.
  await ds.query(`UPDATE schools SET ownership = $1 WHERE code = 'S01J2'`, [Ownership.PRIVATE]);
  await ds.query(`UPDATE teacher_postings SET annual_pay_yuan = 50000 WHERE school_code = 'S01J2'`);
  await ds.query(`UPDATE teacher_postings SET training_hours_5y = 100 WHERE teacher_id IN ('S01J2-T1', 'S01J2-T2', 'S01J2-T3')`);
  // Q09: the fixture's grade-8 mathematics (means 500 and 505) and grade-4 results of two primary schools (means 400
  // and 405). Pooled, the four schools' between-school share would be 2506.25 / 5006.25 = 0.50; per grade it is 0.0025.
  await fx.qualityMonitoring(
    { schoolCode: 'S01P1', year: 2024, subject: 'mathematics', grade: 4, meanScore: '400', scoreVariance: '2500' },
    { schoolCode: 'S01P2', year: 2024, subject: 'mathematics', grade: 4, meanScore: '405', scoreVariance: '2500' },
  );
  hub = await TestHub.start(ds);
}, 60_000);
afterAll(async () => {
  await hub?.stop();
  await ds?.destroy();
});

async function evaluate(code: string) {
  const res = await hub.graphql(EVALUATION, { code, year: 2024 });
  expect(res.errors).toBeUndefined();
  return res.data!.district as { basicBalanceYear: number | null; evaluation: any };
}
const inputs = (i: Indicator) => Object.fromEntries(i.evidence.inputs.map((x) => [x.name, x.value]));
const find = (list: Indicator[], code: string) => list.find((i) => i.code === code)!;

test('R3 counts full-time PE and arts teachers only: the school needs 3 more', async () => {
  const { evaluation } = await evaluate('S01');
  const failing = evaluation.resourceAllocation.flatMap((s: any) => s.failingSchools);
  expect(failing).toEqual([{ school: { code: 'S01P1' }, failing: [{ code: 'R3', value: 0.4, shortfall: { amount: 3, unit: 'teachers' } }] }]);
  expect(evaluation.blockers.filter((b: any) => b.code === 'R3')).toEqual([expect.objectContaining({ schoolCode: 'S01P1', status: 'NOT_MET' })]);
});

test('G08 and G11 count the public schools\' teachers; G09 and G12 every school\'s, G12 the full-time ones', async () => {
  const gg: Indicator[] = (await evaluate('S01')).evaluation.governmentGuarantee;
  const g08 = find(gg, 'G08');
  expect(g08).toMatchObject({ status: 'MET', value: 120000 });
  expect(inputs(g08)).toMatchObject({ teachers: '120', payTotalYuan: '14400000.00' });
  // the fixture's 10 eligible and 2 rotated per school, public schools only: 8 of 40
  expect(inputs(find(gg, 'G11'))).toMatchObject({ rotationEligible: '40', rotated: '8' });
  const g09 = find(gg, 'G09');
  expect(g09).toMatchObject({ status: 'NOT_MET', value: 0.98 });
  expect(inputs(g09)).toMatchObject({ teachers: '150', trainingCompleted360: '147' });
  const g12 = find(gg, 'G12');
  expect(g12).toMatchObject({ status: 'MET', value: 1 });
  expect(inputs(g12)).toMatchObject({ teachers: '146', certified: '146' });
});

test('G15 without the left-behind-care rating is no data, never a pass', async () => {
  const s = find((await evaluate('S01')).evaluation.governmentGuarantee, 'G15');
  expect(s).toMatchObject({ status: 'NO_DATA', value: null });
  expect(inputs(s)).toMatchObject({ migrantPublicRate: '0.900000', leftBehindCareRating: null });
  const t = find((await evaluate('T02')).evaluation.governmentGuarantee, 'G15');
  expect(t).toMatchObject({ status: 'MET' });
});

test('Q09 is judged per subject and grade', async () => {
  const q09 = find((await evaluate('S01')).evaluation.educationQuality, 'Q09');
  expect(q09).toMatchObject({ status: 'MET', value: 0.0025 });
  expect(inputs(q09)).toMatchObject({
    subjects: 'mathematics/4, mathematics/8',
    'mathematics/4.schools': '2', 'mathematics/4.differenceRate': '0.0025',
    'mathematics/8.schools': '2', 'mathematics/8.differenceRate': '0.0025',
  });
});

test('the basic-balance year feeds the precondition beside the verdict, and does not change the verdict', async () => {
  const s = await evaluate('S01');
  expect(s.basicBalanceYear).toBe(2022);
  expect(s.evaluation.precondition).toMatchObject({ basicBalancePassedYear: 2022, met: false });
  expect(s.evaluation.precondition.message).toMatch(/2025/);
  const t = await evaluate('T02');
  expect(t.evaluation.precondition).toMatchObject({ basicBalancePassedYear: 2021, met: true });
  expect(t.evaluation.verdict).toBe('QUALIFIED');
  // S01 fails R3 and G09 and lacks G15: not qualified, whatever the precondition says
  expect(s.evaluation.verdict).toBe('NOT_QUALIFIED');
});
