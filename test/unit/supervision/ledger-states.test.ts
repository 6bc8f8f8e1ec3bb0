import { Role } from '../../../src/auth/roles';
import { hubToday } from '../../../src/common/calendar';
import {
  allowedActions, checkRaise, decide, FindingAction, FindingFacts, FindingState, isOverdue, statesAwaiting, TRANSITIONS, UserErrorCode,
} from '../../../src/supervision/ledger.states';

const TODAY = '2025-03-10';
const supervisor = { role: Role.SUPERVISOR, district: null };
const officer = { role: Role.DISTRICT_OFFICER, district: '500106' };
const otherOfficer = { role: Role.DISTRICT_OFFICER, district: '500103' };
const finding = (state: FindingState, extra: Partial<FindingFacts> = {}): FindingFacts => ({
  state, districtCode: '500106', raisedOn: '2025-02-01', dueOn: '2025-04-30', version: 3, ...extra,
});
/** Inputs that satisfy every action's requirements. */
const full = { expectedVersion: 3, plan: '方案', report: '报告', reason: '理由', newDueOn: '2025-05-31' };

describe('the transitions as data', () => {
  test('each action is taken from the documented states to one state, by the documented role', () => {
    expect(TRANSITIONS.map((t) => [t.action, t.from, t.to, t.by])).toEqual([
      ['respond', ['open', 'reopened'], 'rectifying', ['district_officer']],
      ['submit', ['rectifying'], 'submitted', ['district_officer']],
      ['return', ['submitted'], 'rectifying', ['supervisor']],
      ['close', ['submitted'], 'closed', ['supervisor']],
      ['reopen', ['closed'], 'reopened', ['supervisor']],
    ]);
  });

  // Every (action, state, actor) combination: allowed exactly when the table says so.
  const actors = { supervisor, officer, otherOfficer, analyst: { role: Role.ANALYST, district: null } };
  const cases = TRANSITIONS.flatMap((rule) =>
    Object.values(FindingState).flatMap((state) => Object.entries(actors).map(([name, actor]) => [rule.action, state, name, actor] as const)),
  );
  test.each(cases)('%s from %s by %s', (action, state, _name, actor) => {
    const rule = TRANSITIONS.find((r) => r.action === action)!;
    const decision = decide(finding(state), action, actor, { ...full, newDueOn: action === 'return' || action === 'reopen' ? full.newDueOn : null }, TODAY);
    const roleMay = rule.by.includes(actor.role);
    const inDistrict = actor.role !== Role.DISTRICT_OFFICER || actor.district === '500106';
    if (!roleMay) expect(decision).toMatchObject({ ok: false, error: { code: UserErrorCode.NOT_ALLOWED } });
    else if (!inDistrict) expect(decision).toMatchObject({ ok: false, error: { code: UserErrorCode.NOT_YOUR_DISTRICT } });
    else if (!rule.from.includes(state)) expect(decision).toMatchObject({ ok: false, error: { code: UserErrorCode.INVALID_TRANSITION } });
    else expect(decision).toMatchObject({ ok: true, to: rule.to });
  });
});

describe('decide', () => {
  test('a stale version is a conflict before anything else about the finding', () => {
    const d = decide(finding(FindingState.OPEN), FindingAction.CLOSE, supervisor, { expectedVersion: 2 }, TODAY);
    expect(d).toEqual({ ok: false, error: { field: ['expectedVersion'], code: UserErrorCode.CONFLICT, message: { code: 'LEDGER_VERSION_CONFLICT', params: { expected: 2, current: 3 } } } });
  });

  test('required inputs: a plan to respond, a report to submit, a reason to return, a reason and a due date to reopen', () => {
    const missing = (action: FindingAction, state: FindingState, actor: typeof supervisor | typeof officer, input: object) =>
      decide(finding(state), action, actor, { expectedVersion: 3, ...input }, TODAY);
    expect(missing(FindingAction.RESPOND, FindingState.OPEN, officer, { plan: ' ' })).toMatchObject({ ok: false, error: { code: 'REQUIRED', field: ['plan'] } });
    expect(missing(FindingAction.SUBMIT, FindingState.RECTIFYING, officer, {})).toMatchObject({ ok: false, error: { code: 'REQUIRED', field: ['report'] } });
    expect(missing(FindingAction.RETURN, FindingState.SUBMITTED, supervisor, {})).toMatchObject({ ok: false, error: { code: 'REQUIRED', field: ['reason'] } });
    expect(missing(FindingAction.REOPEN, FindingState.CLOSED, supervisor, { reason: '回头看' })).toMatchObject({ ok: false, error: { code: 'REQUIRED', field: ['newDueOn'] } });
  });

  test('due-date rules: a new due date is today or later; a plan is not after the due date nor before today', () => {
    expect(decide(finding(FindingState.SUBMITTED), FindingAction.RETURN, supervisor, { ...full, newDueOn: '2025-03-09' }, TODAY)).toMatchObject({ ok: false, error: { code: 'DUE_DATE', field: ['newDueOn'] } });
    expect(decide(finding(FindingState.SUBMITTED), FindingAction.RETURN, supervisor, { ...full, newDueOn: TODAY }, TODAY)).toMatchObject({ ok: true, dueOn: TODAY });
    expect(decide(finding(FindingState.OPEN), FindingAction.RESPOND, officer, { ...full, newDueOn: null, plannedCompletionOn: '2025-05-01' }, TODAY)).toMatchObject({ ok: false, error: { code: 'DUE_DATE', field: ['plannedCompletionOn'], message: { code: 'LEDGER_PLAN_AFTER_DUE' } } });
    expect(decide(finding(FindingState.OPEN), FindingAction.RESPOND, officer, { ...full, newDueOn: null, plannedCompletionOn: '2025-03-01' }, TODAY)).toMatchObject({ ok: false, error: { message: { code: 'LEDGER_PLAN_IN_PAST' } } });
    expect(decide(finding(FindingState.OPEN), FindingAction.RESPOND, officer, { ...full, newDueOn: null, plannedCompletionOn: '2025-04-30' }, TODAY)).toMatchObject({ ok: true, to: 'rectifying', dueOn: '2025-04-30' });
    // Only returning and reopening set a new due date.
    expect(decide(finding(FindingState.OPEN), FindingAction.RESPOND, officer, full, TODAY)).toMatchObject({ ok: false, error: { field: ['newDueOn'], message: { code: 'LEDGER_DUE_NOT_CHANGEABLE' } } });
  });

  test('closing: today by default, or a date between raised and today', () => {
    expect(decide(finding(FindingState.SUBMITTED), FindingAction.CLOSE, supervisor, { expectedVersion: 3 }, TODAY)).toEqual({ ok: true, to: 'closed', dueOn: '2025-04-30', closedOn: TODAY });
    expect(decide(finding(FindingState.SUBMITTED), FindingAction.CLOSE, supervisor, { expectedVersion: 3, closedOn: '2025-02-15' }, TODAY)).toMatchObject({ ok: true, closedOn: '2025-02-15' });
    expect(decide(finding(FindingState.SUBMITTED), FindingAction.CLOSE, supervisor, { expectedVersion: 3, closedOn: '2025-01-31' }, TODAY)).toMatchObject({ ok: false, error: { field: ['closedOn'] } });
    expect(decide(finding(FindingState.SUBMITTED), FindingAction.CLOSE, supervisor, { expectedVersion: 3, closedOn: '2025-03-11' }, TODAY)).toMatchObject({ ok: false, error: { field: ['closedOn'] } });
    expect(decide(finding(FindingState.RECTIFYING), FindingAction.SUBMIT, officer, { ...full, newDueOn: null, closedOn: TODAY }, TODAY)).toMatchObject({ ok: false, error: { message: { code: 'LEDGER_CLOSED_ON_ONLY_CLOSE' } } });
  });

  test('raising: the visit is not in the future, the due date not before the visit', () => {
    expect(checkRaise({ raisedOn: '2025-03-01', dueOn: '2025-03-31' }, TODAY)).toBeNull();
    expect(checkRaise({ raisedOn: '2025-03-11', dueOn: '2025-03-31' }, TODAY)).toMatchObject({ field: ['visitedOn'], code: 'DUE_DATE' });
    expect(checkRaise({ raisedOn: '2025-03-01', dueOn: '2025-02-28' }, TODAY)).toMatchObject({ field: ['dueOn'], code: 'DUE_DATE' });
  });
});

describe('what each role sees to do', () => {
  test('allowed actions per state and actor', () => {
    expect(allowedActions(finding(FindingState.OPEN), officer)).toEqual(['respond']);
    expect(allowedActions(finding(FindingState.OPEN), otherOfficer)).toEqual([]);
    expect(allowedActions(finding(FindingState.OPEN), supervisor)).toEqual([]);
    expect(allowedActions(finding(FindingState.SUBMITTED), supervisor)).toEqual(['return', 'close']);
    expect(allowedActions(finding(FindingState.CLOSED), supervisor)).toEqual(['reopen']);
    expect(allowedActions(finding(FindingState.REOPENED), officer)).toEqual(['respond']);
  });

  test('a district officer waits on open, rectifying and reopened findings; a supervisor on submitted ones', () => {
    expect(statesAwaiting(Role.DISTRICT_OFFICER).sort()).toEqual(['open', 'rectifying', 'reopened']);
    expect(statesAwaiting(Role.SUPERVISOR)).toEqual(['submitted']);
    expect(statesAwaiting(Role.ANALYST)).toEqual([]);
  });

  test('overdue: not closed and past its due date; never without a due date', () => {
    expect(isOverdue({ state: FindingState.RECTIFYING, dueOn: '2025-03-09' }, TODAY)).toBe(true);
    expect(isOverdue({ state: FindingState.RECTIFYING, dueOn: TODAY }, TODAY)).toBe(false);
    expect(isOverdue({ state: FindingState.CLOSED, dueOn: '2025-01-01' }, TODAY)).toBe(false);
    expect(isOverdue({ state: FindingState.OPEN, dueOn: null }, TODAY)).toBe(false);
  });

  test("today is the date in China Standard Time, whatever the server's zone", () => {
    expect(hubToday(new Date('2025-03-09T16:30:00Z'))).toBe('2025-03-10');
    expect(hubToday(new Date('2025-03-09T15:59:59Z'))).toBe('2025-03-09');
  });
});
