import type { Context } from '../graphql/context';
import { DomainError, ErrorCode } from '../graphql/errors';
import { fromGlobalId } from '../graphql/node';
import { YEAR_MAX, YEAR_MIN } from '../graphql/years';
import { msg } from '../messages';
import { UserErrorCode } from '../mutations/rule-error';
import { reject } from '../mutations/user-error';
import { districtEvaluation, districtEvaluationAsOf } from '../compliance/evaluation.service';
import { batchesOf, diffEvaluations, EvaluationDiff } from '../compliance/diff';
import type { DistrictEvaluationResult } from '../compliance/types';
import { EvaluationDossier } from './dossier.entity';
import type { FreezeEvaluationDossierInput } from './dossier.types';

const NOTE_MAX = 2000;

/**
 * Checks the input and computes the evaluation to freeze, before the write transaction (reading as the viewer):
 * exactly `evaluation(year, asOf: T)`, with T = the input's instant or now.
 */
export async function evaluationToFreeze(ctx: Context, input: FreezeEvaluationDossierInput): Promise<{ asOf: Date; result: DistrictEvaluationResult }> {
  if (!Number.isInteger(input.year) || input.year < YEAR_MIN || input.year > YEAR_MAX) {
    reject(['year'], UserErrorCode.INVALID, msg('YEAR_OUT_OF_RANGE', { argument: 'year', min: YEAR_MIN, max: YEAR_MAX, got: String(input.year) }));
  }
  if (input.note != null && input.note.length > NOTE_MAX) {
    reject(['note'], UserErrorCode.TOO_LONG, msg('VALUE_TOO_LONG', { field: 'note', max: NOTE_MAX, length: input.note.length }));
  }
  const now = new Date();
  const asOf = input.asOf ?? now;
  if (asOf.getTime() > now.getTime()) reject(['asOf'], UserErrorCode.INVALID, msg('DOSSIER_AS_OF_IN_FUTURE', { asOf: asOf.toISOString() }));
  const [district] = await ctx.db.query(`SELECT code FROM districts WHERE code = $1`, [input.districtCode]);
  if (!district) reject(['districtCode'], UserErrorCode.NOT_FOUND, msg('LEDGER_DISTRICT_NOT_FOUND', { code: input.districtCode }));
  const result = await districtEvaluationAsOf(ctx, input.districtCode, input.year, input.standard, asOf);
  if (!result) reject(['asOf'], UserErrorCode.NOT_FOUND, msg('DOSSIER_NOTHING_TO_FREEZE', { code: input.districtCode, asOf: asOf.toISOString() }));
  return { asOf, result };
}

/** Inside the write transaction: the immutable row. Returns its id. */
export async function insertDossier(
  db: import('typeorm').EntityManager, ctx: Context, input: FreezeEvaluationDossierInput, frozen: { asOf: Date; result: DistrictEvaluationResult },
): Promise<string> {
  const batchIds = [...batchesOf(frozen.result)];
  const [row] = await db.query(
    `INSERT INTO evaluation_dossiers (district_code, year, stage, standard, as_of, verdict, result, batch_ids, note, frozen_by, request_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8::bigint[], $9, $10, $11) RETURNING id::text AS id`,
    [input.districtCode, input.year, input.stage, input.standard, frozen.asOf, frozen.result.verdict, JSON.stringify(frozen.result), batchIds,
      input.note?.trim() || null, ctx.viewer.subject, ctx.requestId],
  );
  return row.id;
}

/** A dossier by its global id (or, for the mutation's own result, its number); null when none is visible. */
export async function dossierById(ctx: Context, id: string): Promise<EvaluationDossier | null> {
  const parsed = fromGlobalId(id);
  const number = /^\d{1,18}$/.test(id) ? id : parsed?.type === 'EvaluationDossier' ? parsed.key : null;
  if (!number || !/^\d{1,18}$/.test(number)) return null;
  return ctx.loaders.dossiers.byId().load(number);
}

async function dossierOrThrow(ctx: Context, id: string, argumentName: string): Promise<EvaluationDossier> {
  const dossier = await dossierById(ctx, id);
  if (!dossier) throw new DomainError(ErrorCode.NOT_FOUND, msg('DOSSIER_NOT_FOUND', { id }), { argumentName });
  return dossier;
}

/** The diff from one dossier to another of the same district, or (no `toId`) to today's evaluation of its year. */
export async function dossierDiff(ctx: Context, fromId: string, toId: string | null): Promise<{ from: EvaluationDossier; to: EvaluationDossier | null; diff: EvaluationDiff }> {
  const from = await dossierOrThrow(ctx, fromId, 'from');
  const to = toId ? await dossierOrThrow(ctx, toId, 'to') : null;
  if (to && to.districtCode !== from.districtCode) {
    throw new DomainError(ErrorCode.BAD_USER_INPUT, msg('DOSSIER_DIFFERENT_DISTRICTS', { from: from.districtCode, to: to.districtCode }), { argumentName: 'to' });
  }
  const today = to ? to.result : await districtEvaluation(ctx, from.districtCode, from.year, from.standard);
  if (!today) throw new DomainError(ErrorCode.NOT_FOUND, msg('DOSSIER_NOT_FOUND', { id: fromId }), { argumentName: 'from' });
  return { from, to, diff: diffEvaluations(from.result, today) };
}
