/**
 * The ledger's writes (台账): recording visits, raising findings, and moving findings through the transitions of
 * `ledger.states.ts`. Each function runs inside a mutation's write transaction (src/mutations/run.ts) on the
 * writer role, so row-level security bounds it whatever it does; it checks the rules, writes the rows, the history
 * step and the evidence links, and returns the ids it wrote. Expected failures are thrown as Rejections.
 */
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { Viewer } from '../auth/roles';
import { Department } from '../common/vocabulary';
import { lockDatasetForWrite, openApiBatch } from '../db/write-scope';
import { fromGlobalId } from '../graphql/node';
import { msg } from '../messages';
import { reject, Rejection } from '../mutations/user-error';
import { attachEvidence } from './evidence.service';
import { INDICATOR_CODE_PATTERN } from './finding.entity';
import { checkRaise, decide, FindingAction, FindingSeverity, FindingState, hubToday, RuleError, UserErrorCode } from './ledger.states';

/** The dataset a visit and its findings belong to: API writes and file deliveries of it take turns (one lock). */
export const VISITS_DATASET = 'supervision_visits';

export const LIMITS = { text: 2000, inspectors: 20, inspectorName: 50, round: 100, findingsPerVisit: 50, evidence: 20 } as const;

export interface Writer {
  viewer: Viewer;
  requestId: string;
}

export interface NewFinding {
  schoolCode?: string | null;
  indicatorCode?: string | null;
  description: string;
  severity: FindingSeverity;
  dueOn: string;
  inspectors?: string[] | null;
  evidenceIds?: string[] | null;
}

export interface VisitCommand {
  schoolCode?: string | null;
  districtCode?: string | null;
  visitedOn: string;
  round?: string | null;
  inspectors: string[];
  note?: string | null;
  findings?: NewFinding[] | null;
}

export interface TransitionCommand {
  findingId: string;
  expectedVersion: number;
  plan?: string | null;
  report?: string | null;
  reason?: string | null;
  note?: string | null;
  newDueOn?: string | null;
  plannedCompletionOn?: string | null;
  closedOn?: string | null;
  evidenceIds?: string[] | null;
}

// ---- input checks ---------------------------------------------------------------------------------------------

function textError(field: string[], value: string | null | undefined, max: number, required: boolean): RuleError | null {
  if (value === null || value === undefined) return null;
  if (required && value.trim() === '') return { field, code: UserErrorCode.REQUIRED, message: msg('LEDGER_TEXT_EMPTY', { field: field[field.length - 1]! }) };
  if (value.length > max) return { field, code: UserErrorCode.TOO_LONG, message: msg('VALUE_TOO_LONG', { field: field[field.length - 1]!, max, length: value.length }) };
  return null;
}

function listError(field: string[], list: readonly unknown[] | null | undefined, max: number): RuleError | null {
  if (!list || list.length <= max) return null;
  return { field, code: UserErrorCode.TOO_LONG, message: msg('LEDGER_TOO_MANY', { field: field[field.length - 1]!, max, count: list.length }) };
}

function inspectorErrors(path: string[], inspectors: readonly string[] | null | undefined): RuleError[] {
  const errors = [listError(path, inspectors, LIMITS.inspectors)];
  (inspectors ?? []).forEach((name, i) => errors.push(textError([...path, String(i)], name, LIMITS.inspectorName, true)));
  return errors.filter((e): e is RuleError => e !== null);
}

/** Every problem of a new finding at once (the official fixes them in one go). */
function findingErrors(path: string[], f: NewFinding, raisedOn: string, today: string): RuleError[] {
  const at = (name: string) => [...path, name];
  const errors: (RuleError | null)[] = [
    textError(at('description'), f.description, LIMITS.text, true),
    f.indicatorCode != null && !new RegExp(INDICATOR_CODE_PATTERN).test(f.indicatorCode)
      ? { field: at('indicatorCode'), code: UserErrorCode.INVALID, message: msg('LEDGER_INDICATOR_UNKNOWN', { code: f.indicatorCode }) }
      : null,
    listError(at('evidenceIds'), f.evidenceIds, LIMITS.evidence),
    ...inspectorErrors(at('inspectors'), f.inspectors),
  ];
  const dates = checkRaise({ raisedOn, dueOn: f.dueOn }, today);
  if (dates) errors.push({ ...dates, field: dates.field[0] === 'dueOn' ? at('dueOn') : dates.field });
  return errors.filter((e): e is RuleError => e !== null);
}

function throwAll(errors: RuleError[]): void {
  if (errors.length > 0) throw new Rejection(errors);
}

/** The key of a global id of `type`, or a NOT_FOUND rejection naming `field`. */
export function keyOf(id: string, type: string, field: string[], notFound: RuleError['message']): string {
  const parsed = fromGlobalId(id);
  if (!parsed || parsed.type !== type) reject(field, UserErrorCode.NOT_FOUND, notFound);
  return parsed.key;
}

// ---- places ---------------------------------------------------------------------------------------------------

interface Place {
  districtCode: string;
  schoolCode: string | null;
}

/** The school (and its district) or the district named, as the writer may see them. */
async function placeOf(db: EntityManager, schoolCode: string | null | undefined, districtCode: string | null | undefined, path: string[]): Promise<Place> {
  if (schoolCode) {
    const [school] = await db.query(`SELECT code, district_code FROM schools WHERE code = $1`, [schoolCode]);
    if (!school) reject([...path, 'schoolCode'], UserErrorCode.NOT_FOUND, msg('LEDGER_SCHOOL_NOT_FOUND', { code: schoolCode }));
    if (districtCode && districtCode !== school.district_code) {
      reject([...path, 'schoolCode'], UserErrorCode.INVALID, msg('LEDGER_SCHOOL_OUTSIDE_DISTRICT', { school: schoolCode, district: districtCode }));
    }
    return { districtCode: school.district_code, schoolCode };
  }
  if (!districtCode) reject(path, UserErrorCode.REQUIRED, msg('LEDGER_VISIT_TARGET', {}));
  const [district] = await db.query(`SELECT code FROM districts WHERE code = $1`, [districtCode]);
  if (!district) reject([...path, 'districtCode'], UserErrorCode.NOT_FOUND, msg('LEDGER_DISTRICT_NOT_FOUND', { code: districtCode }));
  return { districtCode, schoolCode: null };
}

interface VisitRow {
  visit_id: string;
  school_code: string | null;
  district_code: string;
  visited_on: string;
  inspectors: string[];
}

// ---- writes ---------------------------------------------------------------------------------------------------

const XID = `pg_current_xact_id()::text::bigint`;

/** Inserts a finding, its RAISE step and its evidence links; returns their ids. */
async function insertFinding(db: EntityManager, w: Writer, batchId: string, visit: VisitRow, f: NewFinding, place: Place, path: string[]): Promise<{ findingId: string; eventId: string }> {
  const inspectors = f.inspectors?.length ? f.inspectors : visit.inspectors;
  const [row] = await db.query(
    `WITH finding AS (
       INSERT INTO supervision_findings (batch_id, visit_id, district_code, school_code, indicator_code, description, severity, inspectors,
                                         raised_on, due_on, state, raised_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'open', $11) RETURNING id, district_code, raised_on, due_on
     )
     INSERT INTO supervision_finding_events (finding_id, district_code, action, from_state, to_state, version, actor, actor_role, effective_on,
                                             due_on, request_id, batch_id, xid)
     SELECT id, district_code, 'raise', NULL, 'open', 1, $11, $12, raised_on, due_on, $13, $1, ${XID} FROM finding
     RETURNING finding_id::text AS finding_id, id::text AS event_id`,
    [batchId, visit.visit_id, place.districtCode, place.schoolCode, f.indicatorCode ?? null, f.description.trim(), f.severity, inspectors,
      visit.visited_on, f.dueOn, w.viewer.subject, w.viewer.role, w.requestId],
  );
  await attachEvidence(db, w, f.evidenceIds, { districtCode: place.districtCode, findingId: row.finding_id, eventId: row.event_id }, [...path, 'evidenceIds']);
  return { findingId: row.finding_id, eventId: row.event_id };
}

/** recordVisit: a visit (to a school or a district) and the findings raised on it, as one API batch. */
export async function recordVisit(db: EntityManager, w: Writer, input: VisitCommand): Promise<{ visitId: string; findingIds: string[] }> {
  const today = hubToday();
  const findings = input.findings ?? [];
  throwAll(
    [
      input.visitedOn > today ? { field: ['visitedOn'], code: UserErrorCode.DUE_DATE, message: msg('LEDGER_VISIT_IN_FUTURE', { visitedOn: input.visitedOn, today }) } : null,
      textError(['round'], input.round, LIMITS.round, false),
      textError(['note'], input.note, LIMITS.text, false),
      ...inspectorErrors(['inspectors'], input.inspectors),
      listError(['findings'], findings, LIMITS.findingsPerVisit),
      ...findings.flatMap((f, i) => findingErrors(['findings', String(i)], f, input.visitedOn, today)),
    ].filter((e): e is RuleError => e !== null),
  );
  const place = await placeOf(db, input.schoolCode, input.districtCode, []);
  const placesOfFindings = await Promise.all(
    findings.map((f, i) => (f.schoolCode && f.schoolCode !== place.schoolCode ? placeOf(db, f.schoolCode, place.districtCode, ['findings', String(i)]) : place)),
  );
  await lockDatasetForWrite(db, VISITS_DATASET, 'shared');
  const batchId = await openApiBatch(db, {
    department: Department.SUPERVISION, dataset: VISITS_DATASET, mutation: 'recordVisit', subject: w.viewer.subject, requestId: w.requestId,
    rowsInserted: 1 + findings.length, rowsUpdated: 0,
  });
  // API visits get ids of their own ("api-…"), so a delivered file's visit ids (its own numbering) never collide with them.
  const visitId = `api-${randomUUID()}`;
  const [visit]: VisitRow[] = await db.query(
    `INSERT INTO supervision_visits (visit_id, school_code, district_code, visited_on, round, inspectors, note, batch_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING visit_id, school_code, district_code, to_char(visited_on, 'YYYY-MM-DD') AS visited_on, inspectors`,
    [visitId, place.schoolCode, place.districtCode, input.visitedOn, input.round ?? null, input.inspectors, input.note ?? null, batchId],
  );
  const findingIds: string[] = [];
  for (const [i, f] of findings.entries()) {
    findingIds.push((await insertFinding(db, w, batchId, visit, f, placesOfFindings[i]!, ['findings', String(i)])).findingId);
  }
  return { visitId, findingIds };
}

/** raiseFinding: one more finding on an existing visit, as one API batch. */
export async function raiseFinding(db: EntityManager, w: Writer, input: NewFinding & { visitId: string }): Promise<{ findingId: string; eventId: string }> {
  const visitKey = keyOf(input.visitId, 'SupervisionVisit', ['visitId'], msg('LEDGER_VISIT_NOT_FOUND', { id: input.visitId }));
  const [visit]: VisitRow[] = await db.query(
    `SELECT visit_id, school_code, district_code, to_char(visited_on, 'YYYY-MM-DD') AS visited_on, inspectors FROM supervision_visits WHERE visit_id = $1`,
    [visitKey],
  );
  if (!visit) reject(['visitId'], UserErrorCode.NOT_FOUND, msg('LEDGER_VISIT_NOT_FOUND', { id: input.visitId }));
  throwAll(findingErrors([], input, visit.visited_on, hubToday()));
  const place =
    input.schoolCode && input.schoolCode !== visit.school_code
      ? await placeOf(db, input.schoolCode, visit.district_code, [])
      : { districtCode: visit.district_code, schoolCode: visit.school_code };
  await lockDatasetForWrite(db, VISITS_DATASET, 'shared');
  const batchId = await openApiBatch(db, {
    department: Department.SUPERVISION, dataset: VISITS_DATASET, mutation: 'raiseFinding', subject: w.viewer.subject, requestId: w.requestId,
    rowsInserted: 1, rowsUpdated: 0,
  });
  return insertFinding(db, w, batchId, visit, input, place, []);
}

/**
 * One transition of a finding: locks it, asks the state machine, and writes the new state with its history step
 * and evidence. A stale expectedVersion, a state that does not allow the action, another district: Rejections.
 */
export async function transitionFinding(db: EntityManager, w: Writer, action: FindingAction, input: TransitionCommand): Promise<{ findingId: string; eventId: string; version: number }> {
  const findingKey = keyOf(input.findingId, 'Finding', ['findingId'], msg('LEDGER_FINDING_NOT_FOUND', { id: input.findingId }));
  throwAll(
    [
      ...(['plan', 'report', 'reason', 'note'] as const).map((f) => textError([f], input[f], LIMITS.text, false)),
      listError(['evidenceIds'], input.evidenceIds, LIMITS.evidence),
    ].filter((e): e is RuleError => e !== null),
  );
  await lockDatasetForWrite(db, VISITS_DATASET, 'shared');
  const [finding] = await db.query(
    `SELECT id::text AS id, state, district_code, to_char(raised_on, 'YYYY-MM-DD') AS raised_on, to_char(due_on, 'YYYY-MM-DD') AS due_on, version
     FROM supervision_findings WHERE id = $1 FOR UPDATE`,
    [/^\d{1,18}$/.test(findingKey) ? findingKey : '0'],
  );
  if (!finding) reject(['findingId'], UserErrorCode.NOT_FOUND, msg('LEDGER_FINDING_NOT_FOUND', { id: input.findingId }));
  const today = hubToday();
  const decision = decide(
    { state: finding.state as FindingState, districtCode: finding.district_code, raisedOn: finding.raised_on, dueOn: finding.due_on, version: finding.version },
    action,
    { role: w.viewer.role, district: w.viewer.district },
    input,
    today,
  );
  if (!decision.ok) throw new Rejection([decision.error]);
  const [changed] = await db.query(
    `WITH changed AS (
       UPDATE supervision_findings SET state = $2, due_on = $3, closed_on = $4, updated_at = now() WHERE id = $1
       RETURNING id, district_code, version
     )
     INSERT INTO supervision_finding_events (finding_id, district_code, action, from_state, to_state, version, actor, actor_role, effective_on,
                                             reason, plan, planned_completion_on, note, due_on, request_id, xid)
     SELECT id, district_code, $5, $6, $2, version, $7, $8, $9, $10, $11, $12, $13, $14, $15, ${XID} FROM changed
     RETURNING id::text AS event_id, version`,
    [
      finding.id, decision.to, decision.dueOn, decision.to === FindingState.CLOSED ? decision.closedOn : null,
      action, finding.state, w.viewer.subject, w.viewer.role, decision.closedOn ?? today,
      input.reason?.trim() || null, input.plan?.trim() || null, input.plannedCompletionOn ?? null, (input.report ?? input.note)?.trim() || null,
      decision.dueOn !== finding.due_on ? decision.dueOn : null, w.requestId,
    ],
  );
  await attachEvidence(db, w, input.evidenceIds, { districtCode: finding.district_code, findingId: finding.id, eventId: changed.event_id }, ['evidenceIds']);
  return { findingId: finding.id, eventId: changed.event_id, version: changed.version };
}
