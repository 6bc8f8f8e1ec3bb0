import { DataSource } from 'typeorm';
import { Role } from '../../../src/auth/roles';
import { openTestDataSource, truncateAll } from '../../helpers/database';
import { TestHub } from '../../helpers/server';
import {
  actors, Actors, CLOSE, dayFromToday, download, FINDING_FIELDS, PDF, PNG, RAISE, RECORD_VISIT, REOPEN, RESPOND, RETURN, SUBMIT, twoDistricts, upload,
} from './ledger-helpers';

/**
 * The acceptance story of issue 14, over real HTTP on real PostgreSQL: a supervisor raises a finding at a school of
 * 500106; that district's officer responds with evidence and submits; the supervisor returns it once, then closes it;
 * a re-check reopens it; the history shows every step; the officer of 500103 can neither see nor touch it.
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

let visitId: string;
let findingId: string;
let evidenceId: string;
let evidencePath: string;

function ok<T extends Record<string, any>>(res: { data?: Record<string, any>; errors?: unknown[] }, field: string): T {
  expect(res.errors).toBeUndefined();
  const payload = res.data![field];
  expect(payload.userErrors).toEqual([]);
  return payload as T;
}

test('a supervisor records a visit to a school of 500106', async () => {
  const res = await who.supervisor.graphql(RECORD_VISIT, {
    input: { schoolCode: '3500106001', visitedOn: dayFromToday(-40), round: '2025年春季过程督导', inspectors: ['王督学', '李督学'] },
  });
  const payload = ok(res, 'recordVisit');
  expect(payload.visit).toMatchObject({ visitedOn: dayFromToday(-40), round: '2025年春季过程督导', inspectors: ['王督学', '李督学'], district: { code: '500106' }, school: { code: '3500106001' }, findings: [] });
  visitId = payload.visit.id;
});

test('the supervisor raises a finding on it; a retry with the same idempotency key creates nothing more', async () => {
  const input = {
    visitId, indicatorCode: 'R5', description: '运动场地面积不足，生均 6.1 平方米', severity: 'MAJOR', dueOn: dayFromToday(25), idempotencyKey: 'raise-3500106001-01',
  };
  const first = ok(await who.supervisor.graphql(RAISE, { input }), 'raiseFinding');
  expect(first.replayed).toBe(false);
  expect(first.finding).toMatchObject({ state: 'OPEN', version: 1, indicatorCode: 'R5', severity: 'MAJOR', districtCode: '500106', school: { code: '3500106001' }, overdue: false, dueOn: dayFromToday(25) });
  expect(first.finding.history).toEqual([expect.objectContaining({ action: 'RAISE', fromState: null, toState: 'OPEN', version: 1, actor: 'inspector-wang', actorRole: 'supervisor' })]);
  findingId = first.finding.id;

  const retry = ok(await who.supervisor.graphql(RAISE, { input }), 'raiseFinding');
  expect(retry.replayed).toBe(true);
  expect(retry.finding.id).toBe(findingId);
  const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM supervision_findings`);
  expect(n).toBe(1);
  const batches = await ds.query(`SELECT kind, file_name, loaded_by, dataset FROM import_batch WHERE kind = 'api' ORDER BY id`);
  expect(batches).toEqual([
    { kind: 'api', file_name: 'api:recordVisit', loaded_by: 'inspector-wang', dataset: 'supervision_visits' },
    { kind: 'api', file_name: 'api:raiseFinding', loaded_by: 'inspector-wang', dataset: 'supervision_visits' },
  ]);

  // The same key with another input is refused, and writes nothing.
  const reused = await who.supervisor.graphql(RAISE, { input: { ...input, description: '另一个问题' } });
  expect(reused.data!.raiseFinding.userErrors).toEqual([expect.objectContaining({ code: 'IDEMPOTENCY_KEY_REUSED', field: ['input', 'idempotencyKey'] })]);
  expect((await ds.query(`SELECT count(*)::int AS n FROM supervision_findings`))[0].n).toBe(1);
});

test("that district's officer uploads evidence and responds with a plan", async () => {
  const up = await upload(who.officer, '整改方案.pdf', PDF);
  expect(up.status).toBe(201);
  expect(up.body.evidence).toMatchObject({ fileName: '整改方案.pdf', contentType: 'application/pdf', byteSize: PDF.length });
  evidenceId = up.body.evidence.id;
  evidencePath = up.body.evidence.downloadPath;

  const res = await who.officer.graphql(RESPOND, {
    input: { findingId, expectedVersion: 1, plan: '改造东侧空地为运动场，新增 1,200 平方米', plannedCompletionOn: dayFromToday(20), evidenceIds: [evidenceId] },
  });
  const payload = ok(res, 'respondToFinding');
  expect(payload.finding).toMatchObject({ state: 'RECTIFYING', version: 2, allowedActions: ['SUBMIT'] });
  expect(payload.event).toMatchObject({ action: 'RESPOND', version: 2 });
  expect(payload.finding.evidence.map((e: { id: string }) => e.id)).toEqual([evidenceId]);
});

test('a stale expectedVersion is a conflict and changes nothing', async () => {
  const res = await who.officer.graphql(SUBMIT, { input: { findingId, expectedVersion: 1, report: '已完成' } });
  expect(res.errors).toBeUndefined();
  expect(res.data!.submitRectification.finding).toBeNull();
  expect(res.data!.submitRectification.userErrors).toEqual([
    expect.objectContaining({ code: 'CONFLICT', field: ['input', 'expectedVersion'], messageCode: 'LEDGER_VERSION_CONFLICT', messageParams: { expected: 1, current: 2 } }),
  ]);
  expect(res.data!.submitRectification.userErrors[0].message).toContain('当前版本为 2');
  const [row] = await ds.query(`SELECT state, version FROM supervision_findings`);
  expect(row).toEqual({ state: 'rectifying', version: 2 });
});

test('the officer submits; the supervisor returns it once with a reason, then closes the resubmission', async () => {
  ok(await who.officer.graphql(SUBMIT, { input: { findingId, expectedVersion: 2, report: '运动场已改造完成', evidenceIds: [evidenceId] } }), 'submitRectification');
  const returned = ok(await who.supervisor.graphql(RETURN, { input: { findingId, expectedVersion: 3, reason: '照片未显示跑道，请补充', newDueOn: dayFromToday(15) } }), 'returnFinding');
  expect(returned.finding).toMatchObject({ state: 'RECTIFYING', version: 4, dueOn: dayFromToday(15), overdue: false });
  ok(await who.officer.graphql(SUBMIT, { input: { findingId, expectedVersion: 4, report: '已补充跑道照片' } }), 'submitRectification');
  const closed = ok(await who.supervisor.graphql(CLOSE, { input: { findingId, expectedVersion: 5, note: '现场核查通过' } }), 'closeFinding');
  expect(closed.finding).toMatchObject({ state: 'CLOSED', version: 6, closedOn: dayFromToday(0), overdue: false, allowedActions: ['REOPEN'] });
});

test('a re-check (回头看) reopens it with a new due date; the history shows every step', async () => {
  const reopened = ok(await who.supervisor.graphql(REOPEN, { input: { findingId, expectedVersion: 6, reason: '回头看：跑道再次被占用', newDueOn: dayFromToday(30) } }), 'reopenFinding');
  expect(reopened.finding).toMatchObject({ state: 'REOPENED', version: 7, closedOn: null, dueOn: dayFromToday(30) });
  const history = reopened.finding.history;
  expect(history.map((h: { action: string; fromState: string | null; toState: string; version: number; actor: string }) => [h.action, h.fromState, h.toState, h.version, h.actor])).toEqual([
    ['RAISE', null, 'OPEN', 1, 'inspector-wang'],
    ['RESPOND', 'OPEN', 'RECTIFYING', 2, 'officer-shapingba'],
    ['SUBMIT', 'RECTIFYING', 'SUBMITTED', 3, 'officer-shapingba'],
    ['RETURN', 'SUBMITTED', 'RECTIFYING', 4, 'inspector-wang'],
    ['SUBMIT', 'RECTIFYING', 'SUBMITTED', 5, 'officer-shapingba'],
    ['CLOSE', 'SUBMITTED', 'CLOSED', 6, 'inspector-wang'],
    ['REOPEN', 'CLOSED', 'REOPENED', 7, 'inspector-wang'],
  ]);
  expect(history[1]).toMatchObject({ plan: '改造东侧空地为运动场，新增 1,200 平方米', evidence: [{ id: evidenceId }] });
  expect(history[3]).toMatchObject({ reason: '照片未显示跑道，请补充', dueOn: dayFromToday(15) });
  expect(history[5]).toMatchObject({ note: '现场核查通过', effectiveOn: dayFromToday(0) });
  expect(history[6]).toMatchObject({ reason: '回头看：跑道再次被占用', dueOn: dayFromToday(30) });
  for (const step of history) expect(step.requestId).toEqual(expect.any(String));
});

test("the officer can download the evidence; every write is in the audit log", async () => {
  const file = await download(who.officer, evidencePath);
  expect(file.status).toBe(200);
  expect(file.bytes.equals(PDF)).toBe(true);
  expect(file.headers.get('content-type')).toBe('application/pdf');
  expect(file.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('整改方案.pdf')}`);
  expect(file.headers.get('x-content-type-options')).toBe('nosniff');

  const audit = await ds.query(`SELECT subject, target, outcome FROM audit_event WHERE action = 'write' ORDER BY id`);
  expect(audit.filter((a: { outcome: string }) => a.outcome === 'succeeded').map((a: { target: string }) => a.target)).toEqual([
    'Mutation.recordVisit', 'Mutation.raiseFinding', 'POST /evidence', 'Mutation.respondToFinding', 'Mutation.submitRectification',
    'Mutation.returnFinding', 'Mutation.submitRectification', 'Mutation.closeFinding', 'Mutation.reopenFinding',
  ]);
  expect(audit.filter((a: { outcome: string }) => a.outcome === 'rejected').map((a: { target: string }) => a.target)).toEqual(['Mutation.raiseFinding', 'Mutation.submitRectification']);
});

describe("a second district's officer can neither see nor touch it", () => {
  test('node(id) is null for the finding, its visit and the evidence', async () => {
    const res = await who.otherOfficer.graphql(`query ($f: ID!, $v: ID!, $e: ID!) { f: node(id: $f) { id } v: node(id: $v) { id } e: node(id: $e) { id } }`, { f: findingId, v: visitId, e: evidenceId });
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ f: null, v: null, e: null });
    const own = await who.officer.graphql(`query ($f: ID!) { node(id: $f) { ... on Finding { state } } }`, { f: findingId });
    expect(own.data!.node).toEqual({ state: 'REOPENED' });
  });

  test('lists, summaries and changes hold nothing of 500106', async () => {
    const q = `{ findings(first: 50) { totalCount nodes { id } } ledger { summary { total } districts { districtCode } }
                 school: schools(filter: { districtCode: "500106" }) { totalCount }
                 changes: changedSince(cursor: null) { cursor } }`;
    const res = await who.otherOfficer.graphql(q);
    expect(res.errors).toBeUndefined();
    expect(res.data!.findings).toEqual({ totalCount: 0, nodes: [] });
    expect(res.data!.ledger).toEqual({ summary: { total: 0 }, districts: [] });
    expect(res.data!.school.totalCount).toBe(0);
    const mine = await who.officer.graphql(q);
    expect(mine.data!.findings.totalCount).toBe(1);
    expect(mine.data!.ledger.districts).toEqual([{ districtCode: '500106' }]);
  });

  test('the evidence download is 404, as for a file that does not exist', async () => {
    const res = await download(who.otherOfficer, evidencePath);
    expect(res.status).toBe(404);
    expect(JSON.parse(res.bytes.toString()).errors[0].extensions.code).toBe('NOT_FOUND');
    expect((await download(who.analyst, evidencePath)).status).toBe(200);
  });

  test('every transition is NOT_FOUND for them, and nothing changes', async () => {
    const before = await ds.query(`SELECT state, version FROM supervision_findings`);
    const res = await who.otherOfficer.graphql(RESPOND, { input: { findingId, expectedVersion: 7, plan: '冒名整改' } });
    expect(res.data!.respondToFinding.userErrors).toEqual([expect.objectContaining({ code: 'NOT_FOUND', field: ['input', 'findingId'] })]);
    const raise = await who.otherOfficer.graphql(RAISE, { input: { visitId, description: 'x', severity: 'MINOR', dueOn: dayFromToday(1) } });
    expect(raise.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // Even their own district's evidence cannot be attached to a finding they cannot see.
    const attach = await who.otherOfficer.graphql(SUBMIT, { input: { findingId, expectedVersion: 7, report: 'x', evidenceIds: [evidenceId] } });
    expect(attach.data!.submitRectification.userErrors[0].code).toBe('NOT_FOUND');
    expect(await ds.query(`SELECT state, version FROM supervision_findings`)).toEqual(before);
  });
});

describe('the rules of the state machine, as userErrors', () => {
  let second: string;
  beforeAll(async () => {
    const res = await who.supervisor.graphql(RAISE, { input: { visitId, description: '音乐教室不足', severity: 'MINOR', dueOn: dayFromToday(60), indicatorCode: 'G03' } });
    second = res.data!.raiseFinding.finding.id;
  });

  test('a supervisor cannot close an OPEN finding; a district officer cannot close at all', async () => {
    const closing = await who.supervisor.graphql(CLOSE, { input: { findingId: second, expectedVersion: 1 } });
    expect(closing.data!.closeFinding.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_TRANSITION', messageParams: { action: 'close', state: 'open', from: ['submitted'] } })]);
    const officer = await who.officer.graphql(CLOSE, { input: { findingId: second, expectedVersion: 1 } });
    expect(officer.data!.closeFinding.userErrors).toEqual([expect.objectContaining({ code: 'NOT_ALLOWED' })]);
  });

  test('a plan after the due date, an empty plan and a due date before the visit are refused', async () => {
    const late = await who.officer.graphql(RESPOND, { input: { findingId: second, expectedVersion: 1, plan: '下学期', plannedCompletionOn: dayFromToday(90) } });
    expect(late.data!.respondToFinding.userErrors).toEqual([expect.objectContaining({ code: 'DUE_DATE', field: ['input', 'plannedCompletionOn'] })]);
    const empty = await who.officer.graphql(RESPOND, { input: { findingId: second, expectedVersion: 1, plan: '  ' } });
    expect(empty.data!.respondToFinding.userErrors).toEqual([expect.objectContaining({ code: 'REQUIRED', field: ['input', 'plan'] })]);
    const early = await who.supervisor.graphql(RAISE, { input: { visitId, description: 'x', severity: 'MINOR', dueOn: dayFromToday(-50) } });
    expect(early.data!.raiseFinding.userErrors).toEqual([expect.objectContaining({ code: 'DUE_DATE', field: ['input', 'dueOn'] })]);
  });

  test('an analyst never writes: FORBIDDEN, audited', async () => {
    const res = await who.analyst.graphql(RESPOND, { input: { findingId: second, expectedVersion: 1, plan: 'x' } });
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const [denied] = await ds.query(`SELECT subject, target FROM audit_event WHERE action = 'denied' ORDER BY id DESC LIMIT 1`);
    expect(denied).toEqual({ subject: 'analyst-li', target: 'Mutation.respondToFinding' });
  });
});

describe('what users see', () => {
  test("the district officer's own items: awaitingMyAction", async () => {
    const q = `{ findings(filter: { awaitingMyAction: true }) { nodes { description state } } }`;
    const officer = await who.officer.graphql(q);
    expect(officer.data!.findings.nodes.map((n: { state: string }) => n.state).sort()).toEqual(['OPEN', 'REOPENED']);
    const supervisor = await who.supervisor.graphql(q);
    expect(supervisor.data!.findings.nodes).toEqual([]);
  });

  test('open, overdue and closed per district and school, closing rate and time to close', async () => {
    // A third finding, raised long ago and closed through the whole cycle, to give a closing time.
    const raised = await who.supervisor.graphql(RECORD_VISIT, {
      input: {
        schoolCode: '3500106002', visitedOn: dayFromToday(-30), inspectors: ['王督学'],
        findings: [{ description: '班额超标', severity: 'SERIOUS', dueOn: dayFromToday(-5), indicatorCode: 'G05' }, { description: '功能室不足', severity: 'MINOR', dueOn: dayFromToday(-1) }],
      },
    });
    const [a, b] = raised.data!.recordVisit.findings.map((f: { id: string }) => f.id);
    ok(await who.officer.graphql(RESPOND, { input: { findingId: a, expectedVersion: 1, plan: '分班' } }), 'respondToFinding');
    ok(await who.officer.graphql(SUBMIT, { input: { findingId: a, expectedVersion: 2, report: '已分班' } }), 'submitRectification');
    ok(await who.supervisor.graphql(CLOSE, { input: { findingId: a, expectedVersion: 3, closedOn: dayFromToday(-2) } }), 'closeFinding');
    expect(b).toBeDefined();

    const res = await who.supervisor.graphql(`{
      ledger { summary { total open overdue closed closingRate averageDaysToClose medianDaysToClose oldestOverdueDueOn }
               districts { districtCode summary { total overdue } district { name } } }
      district(code: "500106") { ledger { total open overdue closed awaitingResponse rectifying submitted reopened closingRate averageDaysToClose }
        schools(first: 5) { nodes { code ledger { total open overdue closed } } } }
      overdue: findings(filter: { overdue: true }) { totalCount }
      certificationProgress(year: 2024) { rectificationWarnings { districtCode summary { overdue } } earlyWarnings { districtCode overdueFindings } }
    }`);
    expect(res.errors).toBeUndefined();
    const d = res.data!;
    // 4 findings: the reopened one (due in 30 days), the music rooms (due in 60), 班额 (closed, 28 days), 功能室 (overdue).
    expect(d.ledger.summary).toEqual({ total: 4, open: 3, overdue: 1, closed: 1, closingRate: 0.25, averageDaysToClose: 28, medianDaysToClose: 28, oldestOverdueDueOn: dayFromToday(-1) });
    expect(d.ledger.districts).toEqual([{ districtCode: '500106', summary: { total: 4, overdue: 1 }, district: { name: '沙坪坝区' } }]);
    expect(d.district.ledger).toEqual({ total: 4, open: 3, overdue: 1, closed: 1, awaitingResponse: 2, rectifying: 0, submitted: 0, reopened: 1, closingRate: 0.25, averageDaysToClose: 28 });
    expect(d.district.schools.nodes).toEqual([
      { code: '3500106001', ledger: { total: 2, open: 2, overdue: 0, closed: 0 } },
      { code: '3500106002', ledger: { total: 2, open: 1, overdue: 1, closed: 1 } },
    ]);
    expect(d.overdue.totalCount).toBe(1);
    expect(d.certificationProgress.rectificationWarnings).toEqual([{ districtCode: '500106', summary: { overdue: 1 } }]);
    // Both fixture districts are planned for 2025 without data: on the early-warning list, with their overdue count.
    expect(d.certificationProgress.earlyWarnings).toEqual([{ districtCode: '500103', overdueFindings: 0 }, { districtCode: '500106', overdueFindings: 1 }]);
  });

  test('changedSince: a polling cursor sees new steps once, in commit order, and only the viewer\'s district', async () => {
    const q = `query ($cursor: String) { changedSince(cursor: $cursor) { cursor hasMore events { action version finding { id } actor } } }`;
    const start = await who.officer.graphql(q, { cursor: null });
    const other = await who.otherOfficer.graphql(q, { cursor: null });
    const cursor = start.data!.changedSince.cursor;
    expect(start.data!.changedSince.events).toEqual([]);

    const raised = await who.supervisor.graphql(RAISE, { input: { visitId, description: '图书不足', severity: 'MINOR', dueOn: dayFromToday(20) } });
    const id = raised.data!.raiseFinding.finding.id;
    ok(await who.officer.graphql(RESPOND, { input: { findingId: id, expectedVersion: 1, plan: '采购图书' } }), 'respondToFinding');

    const next = await who.officer.graphql(q, { cursor });
    expect(next.data!.changedSince.events).toEqual([
      { action: 'RAISE', version: 1, finding: { id }, actor: 'inspector-wang' },
      { action: 'RESPOND', version: 2, finding: { id }, actor: 'officer-shapingba' },
    ]);
    const again = await who.officer.graphql(q, { cursor: next.data!.changedSince.cursor });
    expect(again.data!.changedSince.events).toEqual([]);
    const theirs = await who.otherOfficer.graphql(q, { cursor: other.data!.changedSince.cursor });
    expect(theirs.data!.changedSince.events).toEqual([]);

    const bad = await who.officer.graphql(q, { cursor: 'bm9wZQ' });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', messageCode: 'CHANGES_CURSOR_UNKNOWN' });
  });

  test('changedSince misses no step committed late by a transaction that started early, and pages a window', async () => {
    const q = `query ($cursor: String, $first: Int!) { changedSince(cursor: $cursor, first: $first) { cursor hasMore events { action version note } } }`;
    const start = (await who.supervisor.graphql(q, { cursor: null, first: 10 })).data!.changedSince.cursor;
    // A writer that takes its transaction id now, and writes its step and commits only after a later writer's commit.
    const [finding] = await ds.query(`SELECT id, district_code FROM supervision_findings ORDER BY id LIMIT 1`);
    const early = ds.createQueryRunner();
    await early.startTransaction();
    const [{ xid }] = await early.query(`SELECT pg_current_xact_id()::text AS xid`);
    const late = await who.supervisor.graphql(RAISE, { input: { visitId, description: '晚到的问题', severity: 'MINOR', dueOn: dayFromToday(9) } });
    expect(late.data!.raiseFinding.userErrors).toEqual([]);
    const first = (await who.supervisor.graphql(q, { cursor: start, first: 10 })).data!.changedSince;
    expect(first.events).toEqual([{ action: 'RAISE', version: 1, note: null }]);
    await early.query(
      `INSERT INTO supervision_finding_events (finding_id, district_code, action, from_state, to_state, version, actor, effective_on, note, xid)
       VALUES ($1, $2, 'respond', 'open', 'rectifying', 1000, 'early', current_date, 'early writer', $3)`,
      [finding.id, finding.district_code, xid],
    );
    await early.commitTransaction();
    await early.release();
    const second = (await who.supervisor.graphql(q, { cursor: first.cursor, first: 10 })).data!.changedSince;
    expect(second.events).toEqual([{ action: 'RESPOND', version: 1000, note: 'early writer' }]);

    // Both steps again from the start, one page at a time.
    const page1 = (await who.supervisor.graphql(q, { cursor: start, first: 1 })).data!.changedSince;
    expect(page1).toMatchObject({ hasMore: true, events: [{ action: 'RESPOND' }] });
    const page2 = (await who.supervisor.graphql(q, { cursor: page1.cursor, first: 1 })).data!.changedSince;
    expect(page2).toMatchObject({ hasMore: false, events: [{ action: 'RAISE' }] });
    expect((await who.supervisor.graphql(q, { cursor: page2.cursor, first: 1 })).data!.changedSince.events).toEqual([]);
  });
});

describe('concurrent writers', () => {
  test('two officers answering the same version at the same moment: one wins, the other gets a conflict', async () => {
    const raised = await who.supervisor.graphql(RAISE, { input: { visitId, description: '课桌椅破损', severity: 'MINOR', dueOn: dayFromToday(12) } });
    const id = raised.data!.raiseFinding.finding.id;
    const second = hub.as({ role: Role.DISTRICT_OFFICER, district: '500106', subject: 'officer-shapingba-2' });
    const answers = await Promise.all(
      [who.officer, second, who.officer, second].map((client, i) => client.graphql(RESPOND, { input: { findingId: id, expectedVersion: 1, plan: `方案 ${i}` } })),
    );
    const errors = answers.map((a) => a.data!.respondToFinding.userErrors.map((e: { code: string }) => e.code));
    expect(errors.filter((e) => e.length === 0)).toHaveLength(1);
    expect(errors.filter((e) => e[0] === 'CONFLICT')).toHaveLength(3);
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM supervision_finding_events WHERE finding_id = $1`, [Buffer.from(id, 'base64url').toString().split(':')[1]]);
    expect(n).toBe(2); // RAISE and the one RESPOND: no lost update, no double step
  });
});

describe('the response cache', () => {
  test('a repeated list is served from the cache until a write changes the ledger, then never stale', async () => {
    const query = `{ findings(filter: { states: [SUBMITTED] }) { totalCount } }`;
    const ask = async () => {
      const res = await fetch(`${hub.url}/graphql`, { method: 'POST', headers: who.supervisor.headers({ 'content-type': 'application/json' }), body: JSON.stringify({ query }) });
      return { cached: res.headers.get('x-junheng-cache') === 'hit', total: ((await res.json()) as any).data.findings.totalCount };
    };
    const first = await ask();
    expect(await ask()).toEqual({ cached: true, total: first.total });
    const raised = await who.supervisor.graphql(RAISE, { input: { visitId, description: '厕所改造', severity: 'MINOR', dueOn: dayFromToday(9) } });
    const id = raised.data!.raiseFinding.finding.id;
    ok(await who.officer.graphql(RESPOND, { input: { findingId: id, expectedVersion: 1, plan: '改造' } }), 'respondToFinding');
    ok(await who.officer.graphql(SUBMIT, { input: { findingId: id, expectedVersion: 2, report: '完成' } }), 'submitRectification');
    expect(await ask()).toEqual({ cached: false, total: first.total + 1 });
  });
});

describe('cost', () => {
  test('one transition is one write transaction of a fixed number of statements', async () => {
    const raised = await who.supervisor.graphql(RAISE, { input: { visitId, description: '饮水设施老化', severity: 'MINOR', dueOn: dayFromToday(20) } });
    const id = raised.data!.raiseFinding.finding.id;
    const plain = await who.officer.counted(`mutation ($input: RespondToFindingInput!) { respondToFinding(input: $input) { finding { state version } userErrors { code } } }`, {
      input: { findingId: id, expectedVersion: 1, plan: '更换' },
    });
    expect(plain.response.data!.respondToFinding.finding).toEqual({ state: 'RECTIFYING', version: 2 });
    // BEGIN+settings, end reads+begin write, dataset lock, finding FOR UPDATE, update+history step, audit, commit+new reads, payload, ROLLBACK.
    expect(plain.statements).toBe(9);
    const up = await upload(who.officer, 'photo.png', PNG);
    const full = await who.officer.counted(`mutation ($input: SubmitRectificationInput!) { submitRectification(input: $input) { finding { state } userErrors { code } } }`, {
      input: { findingId: id, expectedVersion: 2, report: '已更换', evidenceIds: [up.body.evidence.id], idempotencyKey: 'submit-water-1' },
    });
    expect(full.response.data!.submitRectification).toEqual({ finding: { state: 'SUBMITTED' }, userErrors: [] });
    // + the idempotency key (claim, result) and the evidence links.
    expect(full.statements).toBe(12);
  });

  test('a finding list with history and evidence is a fixed number of statements, however many findings', async () => {
    const q = `{ findings(first: 100) { nodes { ${FINDING_FIELDS} } } }`;
    const { response, statements } = await who.supervisor.counted(q);
    expect(response.errors).toBeUndefined();
    expect(response.data!.findings.nodes.length).toBeGreaterThanOrEqual(6);
    // scope (3) + list + schools + visits + history + evidence of findings + evidence of steps + evidence files.
    expect(statements).toBeLessThanOrEqual(10);
  });
});
