/**
 * Ratings, disqualifying events and surveys entered by the supervision office through the API. They write the
 * same tables as the `ratings` and `surveys` imports, each write as its own API batch, the replaced values kept in
 * row_history exactly as a re-delivery keeps them (same dataset, key and cell text), so the import and the API
 * agree and the evaluation (cached by data version) reflects a new value on the next request.
 */
import type { EntityManager } from 'typeorm';
import { YEAR_MAX, YEAR_MIN } from '../graphql/years';
import { Department } from '../common/vocabulary';
import { standardOf } from '../compliance/standards';
import { lockDatasetForWrite, openApiBatch } from '../db/write-scope';
import { msg } from '../messages';
import { UserErrorCode } from '../mutations/rule-error';
import { reject } from '../mutations/user-error';
import { attachEvidence, LinkTarget } from './evidence.service';
import { LIMITS, type Writer } from './ledger.service';


const indicators = () => Object.values(standardOf('YJ2017').indicators);
/** Indicators judged by inspectors (G15 for its left-behind-care half): from the standards table, not a list here. */
export const RATED_INDICATORS: readonly string[] = indicators().filter((d) => d.source !== 'computed' && d.kind !== 'veto').map((d) => d.code).sort();
/** The disqualifying events (一票否决), recorded in `ratings` with met = false when the event occurred. */
export const DISQUALIFYING_EVENTS: readonly string[] = indicators().filter((d) => d.kind === 'veto').map((d) => d.code).sort();

export interface RatingCommand {
  districtCode: string;
  year: number;
  indicator: string;
  met: boolean;
  note?: string | null;
  evidenceIds?: string[] | null;
  expectedVersion?: number | null;
}

export interface SurveyCommand {
  districtCode: string;
  year: number;
  respondents: number;
  satisfied: number;
  evidenceIds?: string[] | null;
  expectedVersion?: number | null;
}

export interface Written {
  id: string;
  version: number;
  /** The API batch of this write; null when the value was already the one recorded (nothing changed). */
  batchId: string | null;
}

async function checkDistrictAndYear(db: EntityManager, districtCode: string, year: number): Promise<void> {
  if (!Number.isInteger(year) || year < YEAR_MIN || year > YEAR_MAX) {
    reject(['year'], UserErrorCode.INVALID, msg('YEAR_OUT_OF_RANGE', { argument: 'year', min: YEAR_MIN, max: YEAR_MAX, got: String(year) }));
  }
  const [district] = await db.query(`SELECT code FROM districts WHERE code = $1`, [districtCode]);
  if (!district) reject(['districtCode'], UserErrorCode.NOT_FOUND, msg('LEDGER_DISTRICT_NOT_FOUND', { code: districtCode }));
}

/** The optimistic-concurrency rule for a keyed row: replace only the version read; create only when none was read. */
function checkVersion(current: { version: number } | undefined, expected: number | null | undefined): void {
  if (current && expected !== current.version) {
    if (expected == null) reject(['expectedVersion'], UserErrorCode.CONFLICT, msg('RATING_ALREADY_RECORDED', { current: current.version }));
    reject(['expectedVersion'], UserErrorCode.CONFLICT, msg('LEDGER_VERSION_CONFLICT', { expected, current: current.version }));
  }
  if (!current && expected != null) reject(['expectedVersion'], UserErrorCode.CONFLICT, msg('RATING_NOT_RECORDED', { expected }));
}

interface VersionedWrite<Row extends { id: string; version: number; batch_id: string }> {
  dataset: 'ratings' | 'surveys';
  mutation: string;
  districtCode: string;
  expectedVersion: number | null | undefined;
  evidenceIds: string[] | null | undefined;
  link: (id: string, batchId: string) => LinkTarget;
  /** The current row, locked. */
  current(): Promise<Row | undefined>;
  unchanged(row: Row): boolean;
  /** Copies the current row's values to row_history, as the importer does ($1 = row id, $2 = the new batch). */
  historySql: string;
  update(id: string, batchId: string): Promise<{ id: string; version: number }>;
  insert(batchId: string): Promise<{ id: string; version: number }>;
}

async function writeVersioned<Row extends { id: string; version: number; batch_id: string }>(db: EntityManager, w: Writer, spec: VersionedWrite<Row>): Promise<Written> {
  // Deliveries of the same dataset and API writes take turns: a file never interleaves with a mutation.
  await lockDatasetForWrite(db, spec.dataset, 'exclusive');
  const current = await spec.current();
  checkVersion(current, spec.expectedVersion);
  if (current && spec.unchanged(current)) {
    // The value recorded already: like the same file twice, nothing changes (evidence may still be added to it).
    await attachEvidence(db, w, spec.evidenceIds, spec.link(current.id, current.batch_id), ['evidenceIds']);
    return { id: current.id, version: current.version, batchId: null };
  }
  const batchId = await openApiBatch(db, {
    department: Department.SUPERVISION, dataset: spec.dataset, mutation: spec.mutation, subject: w.viewer.subject, requestId: w.requestId,
    rowsInserted: current ? 0 : 1, rowsUpdated: current ? 1 : 0,
  });
  let written: { id: string; version: number };
  if (current) {
    await db.query(spec.historySql, [current.id, batchId]);
    written = await spec.update(current.id, batchId);
  } else {
    written = await spec.insert(batchId);
  }
  await attachEvidence(db, w, spec.evidenceIds, spec.link(written.id, batchId), ['evidenceIds']);
  return { ...written, batchId };
}

function checkNote(note: string | null | undefined): void {
  if (note != null && note.length > LIMITS.text) reject(['note'], UserErrorCode.TOO_LONG, msg('VALUE_TOO_LONG', { field: 'note', max: LIMITS.text, length: note.length }));
}

/** setRating / recordDisqualifyingEvent: one row of `ratings` for (district, year, indicator). */
export async function setRating(db: EntityManager, w: Writer, input: RatingCommand, mutation: string): Promise<Written> {
  checkNote(input.note);
  await checkDistrictAndYear(db, input.districtCode, input.year);
  const note = input.note?.trim() || null;
  type Row = { id: string; version: number; batch_id: string; met: boolean; note: string | null };
  return writeVersioned<Row>(db, w, {
    dataset: 'ratings',
    mutation,
    districtCode: input.districtCode,
    expectedVersion: input.expectedVersion,
    evidenceIds: input.evidenceIds,
    link: (id, batchId) => ({ districtCode: input.districtCode, ratingId: id, batchId }),
    current: async () =>
      (await db.query(
        `SELECT id::text AS id, version, batch_id::text AS batch_id, met, note FROM ratings WHERE district_code = $1 AND year = $2 AND indicator = $3 FOR UPDATE`,
        [input.districtCode, input.year, input.indicator],
      ))[0],
    unchanged: (row) => row.met === input.met && row.note === note,
    historySql: `INSERT INTO row_history (dataset, key, "values", delivered_by_batch_id, replaced_by_batch_id, replaced_at)
                 SELECT 'ratings', jsonb_build_object('district_code', t.district_code, 'year', t.year::text, 'indicator', t.indicator),
                        jsonb_build_object('met', t.met::text, 'note', t.note), t.batch_id, $2, now()
                 FROM ratings t WHERE t.id = $1`,
    update: async (id, batchId) =>
      (await db.query(`UPDATE ratings SET met = $2, note = $3, batch_id = $4 WHERE id = $1 RETURNING id::text AS id, version`, [id, input.met, note, batchId]))[0][0],
    insert: async (batchId) =>
      (await db.query(
        `INSERT INTO ratings (district_code, year, indicator, met, note, batch_id) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id::text AS id, version`,
        [input.districtCode, input.year, input.indicator, input.met, note, batchId],
      ))[0],
  });
}

/** setSurveyResult: the district's satisfaction survey (S01) for a year. */
export async function setSurvey(db: EntityManager, w: Writer, input: SurveyCommand): Promise<Written> {
  for (const field of ['respondents', 'satisfied'] as const) {
    if (input[field] < 0) reject([field], UserErrorCode.INVALID, msg('LEDGER_NOT_NEGATIVE', { field, value: input[field] }));
  }
  if (input.satisfied > input.respondents) {
    reject(['satisfied'], UserErrorCode.INVALID, msg('SURVEY_SATISFIED_ABOVE_RESPONDENTS', { satisfied: input.satisfied, respondents: input.respondents }));
  }
  await checkDistrictAndYear(db, input.districtCode, input.year);
  type Row = { id: string; version: number; batch_id: string; respondents: number; satisfied: number };
  return writeVersioned<Row>(db, w, {
    dataset: 'surveys',
    mutation: 'setSurveyResult',
    districtCode: input.districtCode,
    expectedVersion: input.expectedVersion,
    evidenceIds: input.evidenceIds,
    link: (id, batchId) => ({ districtCode: input.districtCode, surveyId: id, batchId }),
    current: async () =>
      (await db.query(
        `SELECT id::text AS id, version, batch_id::text AS batch_id, respondents, satisfied FROM surveys WHERE district_code = $1 AND year = $2 FOR UPDATE`,
        [input.districtCode, input.year],
      ))[0],
    unchanged: (row) => row.respondents === input.respondents && row.satisfied === input.satisfied,
    historySql: `INSERT INTO row_history (dataset, key, "values", delivered_by_batch_id, replaced_by_batch_id, replaced_at)
                 SELECT 'surveys', jsonb_build_object('district_code', t.district_code, 'year', t.year::text),
                        jsonb_build_object('respondents', t.respondents::text, 'satisfied', t.satisfied::text), t.batch_id, $2, now()
                 FROM surveys t WHERE t.id = $1`,
    update: async (id, batchId) =>
      (await db.query(`UPDATE surveys SET respondents = $2, satisfied = $3, batch_id = $4 WHERE id = $1 RETURNING id::text AS id, version`, [
        id, input.respondents, input.satisfied, batchId,
      ]))[0][0],
    insert: async (batchId) =>
      (await db.query(
        `INSERT INTO surveys (district_code, year, respondents, satisfied, batch_id) VALUES ($1, $2, $3, $4, $5) RETURNING id::text AS id, version`,
        [input.districtCode, input.year, input.respondents, input.satisfied, batchId],
      ))[0],
  });
}

/** Which indicators setRating takes, and which codes recordDisqualifyingEvent takes. */
export function checkRatedIndicator(indicator: string): void {
  if (!RATED_INDICATORS.includes(indicator)) {
    reject(['indicator'], UserErrorCode.INVALID, msg('RATING_INDICATOR_NOT_RATED', { indicator, rated: [...RATED_INDICATORS] }));
  }
}

export function checkEventCode(code: string): void {
  if (!DISQUALIFYING_EVENTS.includes(code)) reject(['event'], UserErrorCode.INVALID, msg('RATING_EVENT_UNKNOWN', { code, codes: [...DISQUALIFYING_EVENTS] }));
}
