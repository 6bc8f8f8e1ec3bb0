import { DataSource } from 'typeorm';
import { openTestDataSource, truncateAll } from '../../helpers/database';
import { TestHub } from '../../helpers/server';
import { actors, Actors, dayFromToday, RAISE, RESPOND, SUBMIT, twoDistricts } from './ledger-helpers';

/**
 * The `supervision_visits` dataset keeps working for bulk loads and writes the ledger the API writes: a row is a
 * visit and its finding; re-deliveries close and reopen findings as steps of their history; replaced values go to
 * row_history; files and API writes serialise on one lock and agree on the same tables.
 */
let ds: DataSource;
let hub: TestHub;
let who: Actors;

beforeAll(async () => {
  ds = await openTestDataSource();
  await truncateAll(ds);
  await twoDistricts(ds);
  hub = await TestHub.start(ds);
  who = actors(hub);
});
afterAll(async () => {
  await hub?.stop();
  await ds?.destroy();
});

const HEADER = 'visit_id,school_code,visited_on,finding,status,rectified_on';

async function deliver(name: string, lines: string[]) {
  const res = await fetch(`${hub.url}/imports/supervision_visits?fileName=${name}`, {
    method: 'POST',
    headers: who.supervisor.headers({ 'content-type': 'text/csv' }),
    body: [HEADER, ...lines].join('\n') + '\n',
  });
  return (await res.json()) as Record<string, any>;
}

const HISTORY = `query ($school: String!) { findings(filter: { schoolCode: $school }, orderBy: [{ field: RAISED_ON }]) { nodes {
  id description state version closedOn source { kind fileName } visit { visitId status rectifiedOn }
  history { action fromState toState version actor actorRole effectiveOn batch { fileName } } } } }`;

let batchOfFirstFile: string;

test('a delivered file becomes visits and findings, with the history its rows imply', async () => {
  const summary = await deliver('visits-1.csv', [
    `SV-1,3500106001,${dayFromToday(-60)},操场面积不足,open,`,
    `SV-2,3500106001,${dayFromToday(-50)},缺少音乐教室,rectified,${dayFromToday(-20)}`,
  ]);
  expect(summary).toMatchObject({ status: 'succeeded', rowsInserted: 2, rowsUpdated: 0 });
  batchOfFirstFile = summary.batchId;
  const res = await who.officer.graphql(HISTORY, { school: '3500106001' });
  expect(res.errors).toBeUndefined();
  const [open, closed] = res.data!.findings.nodes;
  expect(open).toMatchObject({ description: '操场面积不足', state: 'OPEN', version: 1, source: { kind: 'FILE', fileName: 'visits-1.csv' }, visit: { visitId: 'SV-1', status: 'OPEN', rectifiedOn: null } });
  expect(open.history).toEqual([{ action: 'RAISE', fromState: null, toState: 'OPEN', version: 1, actor: 'inspector-wang', actorRole: null, effectiveOn: dayFromToday(-60), batch: { fileName: 'visits-1.csv' } }]);
  expect(closed).toMatchObject({ state: 'CLOSED', version: 2, closedOn: dayFromToday(-20), visit: { visitId: 'SV-2', status: 'RECTIFIED', rectifiedOn: dayFromToday(-20) } });
  expect(closed.history.map((h: { action: string }) => h.action)).toEqual(['RAISE', 'CLOSE']);
});

test('the API works on delivered findings; a re-delivery that says rectified closes it, after the API steps', async () => {
  const [{ id }] = (await who.officer.graphql(HISTORY, { school: '3500106001' })).data!.findings.nodes;
  const responded = await who.officer.graphql(RESPOND, { input: { findingId: id, expectedVersion: 1, plan: '扩建操场' } });
  expect(responded.data!.respondToFinding.finding).toMatchObject({ state: 'RECTIFYING', version: 2 });

  const summary = await deliver('visits-2.csv', [
    `SV-1,3500106001,${dayFromToday(-60)},操场面积不足,rectified,${dayFromToday(-1)}`,
    `SV-2,3500106001,${dayFromToday(-50)},缺少音乐教室,rectified,${dayFromToday(-20)}`,
  ]);
  expect(summary).toMatchObject({ status: 'succeeded', rowsInserted: 0, rowsUpdated: 1, rowsUnchanged: 1 });
  const [first] = (await who.officer.graphql(HISTORY, { school: '3500106001' })).data!.findings.nodes;
  expect(first).toMatchObject({ state: 'CLOSED', version: 3, closedOn: dayFromToday(-1) });
  expect(first.history.map((h: { action: string; fromState: string; version: number; actor: string }) => [h.action, h.fromState, h.version, h.actor])).toEqual([
    ['RAISE', null, 1, 'inspector-wang'],
    ['RESPOND', 'OPEN', 2, 'officer-shapingba'],
    ['CLOSE', 'RECTIFYING', 3, 'inspector-wang'],
  ]);

  // The officer's next step was read before the file arrived: a conflict, never a lost update.
  const stale = await who.officer.graphql(SUBMIT, { input: { findingId: id, expectedVersion: 2, report: '已完成' } });
  expect(stale.data!.submitRectification.userErrors[0]).toMatchObject({ code: 'CONFLICT', messageParams: { expected: 2, current: 3 } });

  // The values the re-delivery replaced are kept, as for every dataset.
  const history = await ds.query(`SELECT key, "values", delivered_by_batch_id::text AS delivered_by FROM row_history WHERE dataset = 'supervision_visits'`);
  expect(history).toEqual([
    {
      key: { visit_id: 'SV-1' },
      values: { school_code: '3500106001', visited_on: dayFromToday(-60), finding: '操场面积不足', status: 'open', rectified_on: null },
      delivered_by: batchOfFirstFile,
    },
  ]);
});

test('a re-delivery that says open reopens a closed finding; the same file twice changes nothing', async () => {
  const lines = [`SV-1,3500106001,${dayFromToday(-60)},操场面积不足,rectified,${dayFromToday(-1)}`, `SV-2,3500106001,${dayFromToday(-50)},缺少音乐教室,open,`];
  expect(await deliver('visits-3.csv', lines)).toMatchObject({ status: 'succeeded', rowsUpdated: 1 });
  const nodes = (await who.officer.graphql(HISTORY, { school: '3500106001' })).data!.findings.nodes;
  expect(nodes[1]).toMatchObject({ state: 'REOPENED', closedOn: null, visit: { status: 'OPEN' } });
  expect(nodes[1].history.at(-1)).toMatchObject({ action: 'REOPEN', fromState: 'CLOSED', toState: 'REOPENED', effectiveOn: dayFromToday(0) });
  expect(await deliver('visits-3-again.csv', lines)).toMatchObject({ alreadyImported: true });
});

test('files and the API write the same tables: both in the lists, the batches and the evidence of provenance', async () => {
  const [visit] = await ds.query(`SELECT visit_id FROM supervision_visits WHERE visit_id = 'SV-1'`);
  const visitId = Buffer.from(`SupervisionVisit:${visit.visit_id}`).toString('base64url');
  const raised = await who.supervisor.graphql(RAISE, { input: { visitId, description: '跑道破损', severity: 'MINOR', dueOn: dayFromToday(10) } });
  expect(raised.data!.raiseFinding.userErrors).toEqual([]);
  const res = await who.supervisor.graphql(`{
    findings(filter: { schoolCode: "3500106001" }) { totalCount nodes { description source { kind fileName } } }
    importBatches(filter: { dataset: "supervision_visits" }) { nodes { kind fileName loadedBy requestId rowsInserted } }
    school(code: "3500106001") { visits { visitId finding findings { description } } }
  }`);
  expect(res.errors).toBeUndefined();
  expect(res.data!.findings.totalCount).toBe(3);
  expect(res.data!.findings.nodes.map((n: { source: { kind: string } }) => n.source.kind).sort()).toEqual(['API', 'FILE', 'FILE']);
  const batches = res.data!.importBatches.nodes;
  expect(batches[0]).toMatchObject({ kind: 'API', fileName: 'api:raiseFinding', loadedBy: 'inspector-wang', requestId: expect.any(String), rowsInserted: 1 });
  expect(batches.filter((b: { kind: string }) => b.kind === 'FILE')).toHaveLength(3);
  const sv1 = res.data!.school.visits.find((v: { visitId: string }) => v.visitId === 'SV-1');
  expect(sv1).toEqual({ visitId: 'SV-1', finding: '操场面积不足', findings: [{ description: '操场面积不足' }, { description: '跑道破损' }] });
});

test('a delivery waits for a mutation of the same dataset, and a mutation for a delivery (one lock)', async () => {
  const runner = ds.createQueryRunner();
  await runner.startTransaction();
  // Hold the lock imports of supervision_visits take (src/ingestion/batches.ts lockDataset).
  await runner.query(`SELECT pg_advisory_xact_lock(hashtext('junheng.import'), hashtext('supervision_visits'))`);
  const [visit] = await ds.query(`SELECT visit_id FROM supervision_visits WHERE visit_id = 'SV-2'`);
  const visitId = Buffer.from(`SupervisionVisit:${visit.visit_id}`).toString('base64url');
  const started = Date.now();
  const pending = who.supervisor.graphql(RAISE, { input: { visitId, description: '消防通道堵塞', severity: 'SERIOUS', dueOn: dayFromToday(3) } });
  await new Promise((r) => setTimeout(r, 400));
  await runner.commitTransaction();
  await runner.release();
  const res = await pending;
  expect(res.data!.raiseFinding.userErrors).toEqual([]);
  expect(Date.now() - started).toBeGreaterThanOrEqual(400);
});
