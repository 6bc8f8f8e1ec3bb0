import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'graphql';
import { DataSource } from 'typeorm';
import { openTestDataSource, truncateAll } from '../helpers/database';
import { buildDistrict } from '../helpers/district-fixture';
import { Fixtures } from '../helpers/fixtures';
import { As, TestHub } from '../helpers/server';
import { Role } from '../../src/auth/roles';
import { dayFromToday, RAISE, RESPOND, SUBMIT, CLOSE, RECORD_VISIT } from './supervision/ledger-helpers';

/** The sample operations the README quotes must keep working: each runs against a fixture district. */
const DIR = path.join(__dirname, '../../schema/operations');
const VARIABLES: Record<string, Record<string, unknown>> = {
  SchoolDrillDown: { code: 'OPS01P1', year: 2024 },
  DistrictEvaluation: { code: 'OPS01', year: 2024 },
  CityDashboard: { year: 2024 },
  FundingChecks: { code: 'OPS01' },
  Evidence: { school: 'OPS01P1', year: 2024 },
  BasicBalance: { year: 2024 },
  Ledger: { year: 2024 },
  DistrictTrend: { code: 'OPS01', year: 2024 },
  DistrictCostToQualify: { code: 'OPS01', year: 2024 },
  UnitCosts: { year: 2024 },
  ChangedSince: { cursor: null },
  RecordVisit: {
    input: {
      schoolCode: 'OPS01P1', visitedOn: '2024-03-12', round: '2024年春季过程督导', inspectors: ['王督学', '李督学'], idempotencyKey: 'ops-visit-2024-03-12',
      findings: [{ indicatorCode: 'R5', description: '运动场地面积不足', severity: 'MAJOR', dueOn: '2024-06-30' }],
    },
  },
  SetRating: { input: { districtCode: 'OPS01', year: 2024, indicator: 'G01', met: true, note: '布局合理，服务半径适中', expectedVersion: 1 } },
  RecordDisqualifyingEvent: { input: { districtCode: 'OPS01', year: 2024, event: 'V02', occurred: false, note: '未发现违规择校' } },
  SetSurveyResult: { input: { districtCode: 'OPS01', year: 2024, respondents: 1200, satisfied: 1080, expectedVersion: 1 } },
  RecordCertificationStage: { input: { districtCode: 'OPS01', stage: 'SELF_EVALUATION', reachedOn: '2024-03-01', note: '县级自评报告已报送' } },
  FreezeEvaluationDossier: { input: { districtCode: 'OPS01', year: 2024, stage: 'SELF_EVALUATION', note: '2024 年县级自评', idempotencyKey: 'ops-dossier-self-2024' } },
};

/** The district officer of the fixture district: the district's side of the ledger's mutations. */
const OFFICER: As = { role: Role.DISTRICT_OFFICER, district: 'OPS01', subject: 'officer-ops01' };

/**
 * Mutations on a finding need one in the right state: each is prepared through the API (raise, then the steps
 * before), and sent by whoever takes that step.
 */
const PREPARED: Record<string, () => Promise<{ variables: Record<string, unknown>; as?: As }>> = {
  RaiseFinding: async () => ({ variables: { input: { visitId: await visit(), indicatorCode: 'G05', description: '有 2 个班额超过 45 人', severity: 'MINOR', dueOn: dayFromToday(30), idempotencyKey: 'ops-raise-1' } } }),
  RespondToFinding: async () => {
    const { id, version } = await findingAfter([]);
    return { as: OFFICER, variables: { input: { findingId: id, expectedVersion: version, plan: '新建运动场 1,200 平方米', plannedCompletionOn: dayFromToday(20) } } };
  },
  SubmitRectification: async () => {
    const { id, version } = await findingAfter(['respond']);
    return { as: OFFICER, variables: { input: { findingId: id, expectedVersion: version, report: '运动场已建成并投入使用' } } };
  },
  ReturnFinding: async () => {
    const { id, version } = await findingAfter(['respond', 'submit']);
    return { variables: { input: { findingId: id, expectedVersion: version, reason: '照片未显示跑道', newDueOn: dayFromToday(15) } } };
  },
  CloseFinding: async () => {
    const { id, version } = await findingAfter(['respond', 'submit']);
    return { variables: { input: { findingId: id, expectedVersion: version, note: '现场核查通过' } } };
  },
  // The instant is the test's own (the fixtures are delivered when it starts); the diff needs a dossier first.
  DistrictEvaluationAsOf: async () => ({ variables: { code: 'OPS01', year: 2024, asOf: new Date().toISOString() } }),
  SchoolAsOf: async () => ({ variables: { code: 'OPS01P1', year: 2024, asOf: new Date().toISOString() } }),
  DistrictAsOf: async () => ({ variables: { code: 'OPS01', year: 2024, asOf: new Date().toISOString() } }),
  DossierDiff: async () => {
    const res = await hub.graphql(`mutation($input: FreezeEvaluationDossierInput!) { freezeEvaluationDossier(input: $input) { dossier { id } } }`,
      { input: { districtCode: 'OPS01', year: 2024, stage: 'MUNICIPAL_REVIEW' } });
    return { variables: { from: res.data!.freezeEvaluationDossier.dossier.id } };
  },
  ReopenFinding: async () => {
    const { id, version } = await findingAfter(['respond', 'submit', 'close']);
    return { variables: { input: { findingId: id, expectedVersion: version, reason: '回头看：运动场被挪作停车场', newDueOn: dayFromToday(30) } } };
  },
};

async function visit(): Promise<string> {
  const res = await hub.graphql(RECORD_VISIT, { input: { schoolCode: 'OPS01P2', visitedOn: dayFromToday(-7), inspectors: ['王督学'] } });
  return res.data!.recordVisit.visit.id;
}

/** A new finding taken through `steps` by whoever takes each; its id and version after them. */
async function findingAfter(steps: ('respond' | 'submit' | 'close')[]): Promise<{ id: string; version: number }> {
  const raised = await hub.graphql(RAISE, { input: { visitId: await visit(), description: '运动场地面积不足', severity: 'MAJOR', dueOn: dayFromToday(25) } });
  let finding = raised.data!.raiseFinding.finding as { id: string; version: number };
  const officer = hub.as(OFFICER);
  for (const step of steps) {
    const input = { findingId: finding.id, expectedVersion: finding.version };
    const res =
      step === 'respond' ? await officer.graphql(RESPOND, { input: { ...input, plan: '方案' } })
      : step === 'submit' ? await officer.graphql(SUBMIT, { input: { ...input, report: '完成' } })
      : await hub.graphql(CLOSE, { input });
    finding = Object.values(res.data!)[0].finding;
  }
  return finding;
}

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
  const op = parse(text).definitions[0] as { name?: { value: string }; operation: string };
  const name = op.name!.value;
  const prepared = PREPARED[name] ? await PREPARED[name]() : { variables: VARIABLES[name] ?? {} };
  const res = await (prepared.as ? hub.as(prepared.as) : hub).graphql(text, prepared.variables);
  expect(res.errors).toBeUndefined();
  expect(Object.values(res.data!).every((v) => v !== null)).toBe(true);
  // A mutation's sample must succeed: no userErrors.
  if (op.operation === 'mutation') for (const payload of Object.values(res.data!)) expect(payload.userErrors).toEqual([]);
});
