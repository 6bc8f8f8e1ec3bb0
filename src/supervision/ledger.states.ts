/**
 * The ledger's (台账) state machine as data: which action moves a finding from which states to which, who may take
 * it, and what it needs. Pure functions over plain values — no database, no GraphQL — so the rules are read and
 * tested in one place; the service only loads the finding, asks `decide`, and writes what it answers.
 */
import { Role } from '../auth/roles';
import { msg, type Message } from '../messages';
import { RuleError, UserErrorCode } from '../mutations/rule-error';

export { UserErrorCode };
export type { RuleError };

/** Where a finding stands. Stored as the lower-case values. */
export enum FindingState {
  /** Raised on a visit, not yet answered by the district. */
  OPEN = 'open',
  /** The district is rectifying (整改中): it answered with a plan, or a submission was returned. */
  RECTIFYING = 'rectifying',
  /** The district reports the rectification done, awaiting the supervisor's check. */
  SUBMITTED = 'submitted',
  /** Closed (销号) by a supervisor. */
  CLOSED = 'closed',
  /** A re-check (回头看) found it again after closing: the district must answer again. */
  REOPENED = 'reopened',
}

/** What can happen to a finding; each is one kept event of its history. */
export enum FindingAction {
  RAISE = 'raise',
  RESPOND = 'respond',
  SUBMIT = 'submit',
  RETURN = 'return',
  CLOSE = 'close',
  REOPEN = 'reopen',
}

export enum FindingSeverity {
  /** 一般 */
  MINOR = 'minor',
  /** 较重 */
  MAJOR = 'major',
  /** 严重 */
  SERIOUS = 'serious',
}

/** The inputs an action may need, as the mutation inputs name them. */
export type ActionField = 'plan' | 'report' | 'reason' | 'newDueOn';

export interface TransitionRule {
  action: FindingAction;
  from: readonly FindingState[];
  to: FindingState;
  /** Roles that may take the action; a district officer only on findings of their own district. */
  by: readonly Role[];
  requires: readonly ActionField[];
}

/** The ledger's transitions (docs/supervision.md draws them). Raising is not a transition: it creates the finding. */
export const TRANSITIONS: readonly TransitionRule[] = Object.freeze([
  { action: FindingAction.RESPOND, from: [FindingState.OPEN, FindingState.REOPENED], to: FindingState.RECTIFYING, by: [Role.DISTRICT_OFFICER], requires: ['plan'] },
  { action: FindingAction.SUBMIT, from: [FindingState.RECTIFYING], to: FindingState.SUBMITTED, by: [Role.DISTRICT_OFFICER], requires: ['report'] },
  { action: FindingAction.RETURN, from: [FindingState.SUBMITTED], to: FindingState.RECTIFYING, by: [Role.SUPERVISOR], requires: ['reason'] },
  { action: FindingAction.CLOSE, from: [FindingState.SUBMITTED], to: FindingState.CLOSED, by: [Role.SUPERVISOR], requires: [] },
  { action: FindingAction.REOPEN, from: [FindingState.CLOSED], to: FindingState.REOPENED, by: [Role.SUPERVISOR], requires: ['reason', 'newDueOn'] },
] satisfies TransitionRule[]);

/** Who raises findings and records visits, ratings and surveys. */
export const RAISERS: readonly Role[] = [Role.SUPERVISOR];
/** Who takes part in the ledger at all (writes, evidence uploads). */
export const LEDGER_WRITERS: readonly Role[] = [Role.SUPERVISOR, Role.DISTRICT_OFFICER];

export function ruleOf(action: FindingAction): TransitionRule {
  const rule = TRANSITIONS.find((r) => r.action === action);
  if (!rule) throw new Error(`no transition rule for ${action}`);
  return rule;
}

export interface Actor {
  role: Role;
  district: string | null;
}

export interface FindingFacts {
  state: FindingState;
  districtCode: string;
  raisedOn: string;
  dueOn: string | null;
  version: number;
}

export interface TransitionRequest {
  expectedVersion: number;
  plan?: string | null;
  report?: string | null;
  reason?: string | null;
  newDueOn?: string | null;
  plannedCompletionOn?: string | null;
  closedOn?: string | null;
}

export type Decision =
  | { ok: true; to: FindingState; dueOn: string | null; closedOn: string | null }
  | { ok: false; error: RuleError };

const fail = (field: string[], code: UserErrorCode, message: Message): Decision => ({ ok: false, error: { field, code, message } });

/** Whether `actor` may take `rule` on a finding of `districtCode` (role, and for district officers the district). */
function permitted(rule: TransitionRule, actor: Actor, districtCode: string): boolean {
  if (!rule.by.includes(actor.role)) return false;
  return actor.role !== Role.DISTRICT_OFFICER || actor.district === districtCode;
}

/**
 * Decides one transition. Checked in this order, so the first answer is the one the user can act on: the role may
 * take the action; the finding is in the actor's district; the version the actor saw is still current (else they
 * must reload before anything else means something); the state allows it; the required inputs are there; the dates
 * keep the due-date rules. `today` is the calendar date in the hub's time zone (YYYY-MM-DD).
 */
export function decide(finding: FindingFacts, action: FindingAction, actor: Actor, input: TransitionRequest, today: string): Decision {
  const rule = ruleOf(action);
  if (!rule.by.includes(actor.role)) {
    return fail([], UserErrorCode.NOT_ALLOWED, msg('LEDGER_ACTION_NOT_ALLOWED', { action, role: actor.role, roles: [...rule.by] }));
  }
  if (!permitted(rule, actor, finding.districtCode)) {
    return fail(['findingId'], UserErrorCode.NOT_YOUR_DISTRICT, msg('LEDGER_NOT_YOUR_DISTRICT', { district: finding.districtCode, own: actor.district ?? '' }));
  }
  if (input.expectedVersion !== finding.version) {
    return fail(['expectedVersion'], UserErrorCode.CONFLICT, msg('LEDGER_VERSION_CONFLICT', { expected: input.expectedVersion, current: finding.version }));
  }
  if (!rule.from.includes(finding.state)) {
    return fail([], UserErrorCode.INVALID_TRANSITION, msg('LEDGER_INVALID_TRANSITION', { action, state: finding.state, from: [...rule.from] }));
  }
  for (const field of rule.requires) {
    const value = input[field];
    if (value === null || value === undefined || (typeof value === 'string' && value.trim() === '')) {
      return fail([field], UserErrorCode.REQUIRED, msg('LEDGER_FIELD_REQUIRED', { field, action }));
    }
  }
  let dueOn = finding.dueOn;
  let closedOn: string | null = null;
  if (input.newDueOn != null) {
    if (action !== FindingAction.RETURN && action !== FindingAction.REOPEN) {
      return fail(['newDueOn'], UserErrorCode.INVALID, msg('LEDGER_DUE_NOT_CHANGEABLE', { action }));
    }
    if (input.newDueOn < today) return fail(['newDueOn'], UserErrorCode.DUE_DATE, msg('LEDGER_DUE_IN_PAST', { dueOn: input.newDueOn, today }));
    dueOn = input.newDueOn;
  }
  if (action === FindingAction.RESPOND && input.plannedCompletionOn != null) {
    if (input.plannedCompletionOn < today) {
      return fail(['plannedCompletionOn'], UserErrorCode.DUE_DATE, msg('LEDGER_PLAN_IN_PAST', { plannedOn: input.plannedCompletionOn, today }));
    }
    if (dueOn !== null && input.plannedCompletionOn > dueOn) {
      return fail(['plannedCompletionOn'], UserErrorCode.DUE_DATE, msg('LEDGER_PLAN_AFTER_DUE', { plannedOn: input.plannedCompletionOn, dueOn }));
    }
  }
  if (action === FindingAction.CLOSE) {
    closedOn = input.closedOn ?? today;
    if (closedOn < finding.raisedOn || closedOn > today) {
      return fail(['closedOn'], UserErrorCode.INVALID, msg('LEDGER_CLOSED_OUT_OF_RANGE', { closedOn, raisedOn: finding.raisedOn, today }));
    }
  } else if (input.closedOn != null) {
    return fail(['closedOn'], UserErrorCode.INVALID, msg('LEDGER_CLOSED_ON_ONLY_CLOSE', { action }));
  }
  return { ok: true, to: rule.to, dueOn, closedOn };
}

/** The actions `actor` may take on a finding now (for front-ends: which buttons to show). */
export function allowedActions(finding: Pick<FindingFacts, 'state' | 'districtCode'>, actor: Actor): FindingAction[] {
  return TRANSITIONS.filter((rule) => rule.from.includes(finding.state) && permitted(rule, actor, finding.districtCode)).map((r) => r.action);
}

/** The states in which a finding waits for someone of `role` (a district officer's "to do" list, a supervisor's). */
export function statesAwaiting(role: Role): FindingState[] {
  return [...new Set(TRANSITIONS.filter((r) => r.by.includes(role) && r.action !== FindingAction.REOPEN).flatMap((r) => r.from))];
}

/** Overdue (逾期未整改): not closed and past its due date. Computed, never stored. */
export function isOverdue(finding: Pick<FindingFacts, 'state' | 'dueOn'>, today: string): boolean {
  return finding.state !== FindingState.CLOSED && finding.dueOn !== null && finding.dueOn < today;
}

/** Rules for raising a finding: the visit is not in the future; the due date is not before the finding was raised. */
export function checkRaise(input: { raisedOn: string; dueOn: string | null }, today: string): RuleError | null {
  if (input.raisedOn > today) {
    return { field: ['visitedOn'], code: UserErrorCode.DUE_DATE, message: msg('LEDGER_VISIT_IN_FUTURE', { visitedOn: input.raisedOn, today }) };
  }
  if (input.dueOn !== null && input.dueOn < input.raisedOn) {
    return { field: ['dueOn'], code: UserErrorCode.DUE_DATE, message: msg('LEDGER_DUE_BEFORE_RAISED', { dueOn: input.dueOn, raisedOn: input.raisedOn }) };
  }
  return null;
}

export { hubToday } from '../common/calendar';
