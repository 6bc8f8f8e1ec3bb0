/**
 * The engine's sentences through GraphQL: rendered in the request's language (Accept-Language), with their code and
 * figures beside them; figures at the edge of a threshold shown on the decided side, and exact as Decimal strings.
 */
import { DataSource } from 'typeorm';
import { openTestDataSource, truncateAll } from '../helpers/database';
import { buildDistrict } from '../helpers/district-fixture';
import { Fixtures } from '../helpers/fixtures';
import { TestHub } from '../helpers/server';

let ds: DataSource;
let hub: TestHub;

const QUERY = `query($code: String!) {
  district(code: $code) {
    evaluation(year: 2024) {
      verdict
      precondition { message messageCode messageParams }
      blockers { code message messageCode messageParams }
      resourceAllocation {
        stage
        schoolRules { schoolCode status message messageCode
          indicators { code status value valueExact threshold thresholdExact unit unitName message messageCode messageParams
            shortfall { amount unitName description descriptionCode descriptionParams } } }
        spread { code cv cvExact status message messageCode }
      }
      governmentGuarantee { code status message schools { schoolCode message messageCode } }
      educationQuality { code status message }
      socialRecognition { code status message }
    }
  }
}`;

const ENGLISH_PHRASE = /[A-Za-z]{2,}[ ,]+[A-Za-z]{2,}[ ,]+[A-Za-z]{2,}/;
const CJK = /[\u4e00-\u9fff]/;

beforeAll(async () => {
  ds = await openTestDataSource();
  await truncateAll(ds);
  const fx = new Fixtures(ds);
  // F06: the third primary school's sports area is 3,749.99 m² for 500 students = 7.49998 m² < 7.5 (7.5 at 4 places).
  await buildDistrict(fx, { code: 'F06', thirdPrimarySportsAreaM2: '3749.99' });
  // C03: a class of 56 in the first primary school (G05 fails); Q06 not rated (no data).
  await buildDistrict(fx, { code: 'C03', firstPrimaryMaxClassSize: 56, withoutRatings: ['Q06'] });
  hub = await TestHub.start(ds);
});
afterAll(async () => {
  await hub.stop();
  await ds.destroy();
});

async function evaluate(code: string, language: string) {
  const res = await fetch(`${hub.url}/graphql`, {
    method: 'POST',
    headers: hub.headers({ 'content-type': 'application/json', 'accept-language': language }),
    body: JSON.stringify({ query: QUERY, variables: { code } }),
  });
  const body = (await res.json()) as { data?: any; errors?: unknown[] };
  expect(body.errors).toBeUndefined();
  return body.data.district.evaluation;
}

/** Every `message` / `description` string in a response. */
function sentences(x: unknown, out: string[] = []): string[] {
  if (Array.isArray(x)) x.forEach((v) => sentences(v, out));
  else if (x && typeof x === 'object') {
    for (const [k, v] of Object.entries(x)) {
      if ((k === 'message' || k === 'description') && typeof v === 'string') out.push(v);
      else if (!k.endsWith('Params')) sentences(v, out);
    }
  }
  return out;
}

test.each(['F06', 'C03'])('%s: no English sentence reaches a zh-CN reader; no Chinese one an English reader', async (code) => {
  const zh = sentences(await evaluate(code, 'zh-CN,zh;q=0.9'));
  const en = sentences(await evaluate(code, 'en'));
  expect(zh.length).toBeGreaterThan(20);
  expect(en).toHaveLength(zh.length);
  for (const s of zh) expect({ s, english: ENGLISH_PHRASE.test(s) }).toEqual({ s, english: false });
  // Names are data (学校F06P3, 区F06): the sentence around them is English.
  for (const s of en) expect({ s, cjk: CJK.test(s.replace(/学校\w+|区\w+/g, '')) }).toEqual({ s, cjk: false });
});

test('a value a hair under its threshold: shown under it, exact as a Decimal, with code and figures', async () => {
  const [zh, en] = [await evaluate('F06', 'zh-CN'), await evaluate('F06', 'en')];
  const r5Of = (e: any) => e.resourceAllocation[0].schoolRules.find((r: any) => r.schoolCode === 'F06P3').indicators.find((i: any) => i.code === 'R5');
  const r5 = r5Of(zh);
  expect(r5).toMatchObject({ status: 'NOT_MET', value: 7.49998, valueExact: '7.49998', threshold: 7.5, thresholdExact: '7.5' });
  expect(r5.message).toBe('7.49998平方米，未达到标准值7.5平方米；还需增加体育运动场馆面积1平方米');
  expect(r5Of(en).message).toBe('7.49998 < 7.5 m² per student; needs 1 m² more sports area');
  expect(r5.messageCode).toBe('ENGINE_JOIN');
  expect(r5).toMatchObject({ unit: 'm² per student', unitName: '平方米/生' });
  expect(r5Of(en).unitName).toBe('m² per student');
  expect(r5.shortfall).toEqual({
    amount: 1, unitName: '平方米', description: '还需增加体育运动场馆面积1平方米', descriptionCode: 'ENGINE_R_NEEDS', descriptionParams: { indicator: 'R5', amount: 1 },
  });
  // The school still meets the rule (6 of 7, the seventh at 99.99973% ≥ 85%), and says so without rounding to 100%.
  const rule = zh.resourceAllocation[0].schoolRules.find((r: any) => r.schoolCode === 'F06P3');
  expect(rule.status).toBe('MET');
  expect(rule.message).toBe('7项指标中6项达标；R5达到标准值的99.9997%（不低于85%，符合要求）');
  // The CVs are exact decimals too; a zero spread is "0".
  const cvR1 = zh.resourceAllocation[0].spread.find((s: any) => s.code === 'CV_R1');
  expect(cvR1).toMatchObject({ cv: 0, cvExact: '0', status: 'MET', message: '小学每百名学生拥有高于规定学历教师数差异系数（3所学校）为0，不高于0.5' });
});

test('blockers carry their code and figures; the precondition too', async () => {
  const e = await evaluate('C03', 'zh-CN');
  expect(e.verdict).toBe('NOT_QUALIFIED');
  const g05 = e.blockers.find((b: any) => b.code === 'G05');
  expect(g05.messageCode).toBe('ENGINE_BLOCKER_FINDING');
  expect(g05.messageParams).toMatchObject({ indicator: 'G05', schoolCode: 'C03P1', noData: false, detail: { code: 'ENGINE_JOIN' } });
  expect(g05.message).toBe('G05 小学、初中所有班级学生数分别不超过45人、50人：学校C03P1（C03P1）未达标：小学最大班额56人，超过45人；小学最大班额需减少11人（至45人）');
  const q06 = e.blockers.find((b: any) => b.code === 'Q06');
  expect(q06.message).toMatch(/^Q06 德育工作、校园文化建设水平达到良好以上：数据不足，督导评估组尚未评定$/);
  expect(e.precondition).toEqual({ message: '通过基本均衡督导评估认定的年份不详', messageCode: 'ENGINE_PRECONDITION_UNKNOWN', messageParams: {} });
});
