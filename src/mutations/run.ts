import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { AuditAction, AuditOutcome } from '../audit/audit-event.entity';
import { LOCK_NOT_AVAILABLE, RollbackWith } from '../db/write-scope';
import type { Context } from '../graphql/context';
import { msg } from '../messages';
import { UserErrorCode } from './rule-error';
import { Rejection, UserError } from './user-error';

/** Longest idempotency key accepted (clients use UUIDs or "<what>-<date>-<n>"). */
export const MAX_IDEMPOTENCY_KEY = 200;

export interface MutationSpec<R extends Record<string, unknown>> {
  /** The mutation's GraphQL name, e.g. "raiseFinding": audit target `Mutation.raiseFinding`, receipts, batch file names. */
  name: string;
  /** The input as sent; its idempotency key, if any, is not part of what a retry must repeat. */
  input: { idempotencyKey?: string | null };
  /** The work, inside the write transaction: returns the ids of what it wrote (kept as the receipt), or throws a Rejection. */
  run(db: EntityManager): Promise<R>;
  /** What the audit entry records besides the ids. */
  audit?(result: R): Record<string, unknown>;
}

export interface MutationOutcome<R> {
  /** Ids of what was written (or, for a retry, what the first call wrote); null with userErrors. */
  result: R | null;
  userErrors: UserError[];
  /** The idempotency key had been used by an earlier call with the same input: this is its result, nothing was written. */
  replayed: boolean;
}

/** JSON with sorted keys and without null/undefined members: the same input always hashes the same. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(
      Object.keys(value)
        .filter((k) => (value as Record<string, unknown>)[k] !== null && (value as Record<string, unknown>)[k] !== undefined)
        .sort()
        .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

export function inputHash(input: Record<string, unknown>): string {
  const { idempotencyKey: _key, ...rest } = input;
  return createHash('sha256').update(JSON.stringify(canonical(rest))).digest('hex');
}

const prefixed = (errors: Rejection['errors']) => errors.map((e) => new UserError({ ...e, field: ['input', ...e.field] }));

function sqlState(err: unknown): string | undefined {
  const e = err as { code?: string; driverError?: { code?: string } };
  return e?.driverError?.code ?? e?.code;
}

/**
 * Runs one mutation the same way every time: in one write transaction (ctx.write), first claiming its idempotency
 * key — a retry with the same key and input gets the first call's result and writes nothing, the same key with
 * another input is refused — then the service's work, then the receipt and the audit entry, all committed together.
 * Expected failures (a Rejection) roll everything back and come back as userErrors, audited as rejected after the
 * request. A lock held too long (an import of the same dataset) is a BUSY userError; anything else is an error.
 */
export async function mutate<R extends Record<string, unknown>>(ctx: Context, spec: MutationSpec<R>): Promise<MutationOutcome<R>> {
  const key = spec.input.idempotencyKey ?? null;
  const target = `Mutation.${spec.name}`;
  const rejected = (userErrors: UserError[]): MutationOutcome<R> => {
    ctx.audited.push({
      viewer: ctx.viewer,
      action: AuditAction.WRITE,
      target,
      outcome: AuditOutcome.REJECTED,
      detail: { userErrors: userErrors.map((e) => ({ field: e.field, code: e.code, messageCode: e.messageCode })) },
      requestId: ctx.requestId,
    });
    return { result: null, userErrors, replayed: false };
  };
  if (key !== null && (key.trim().length === 0 || key.length > MAX_IDEMPOTENCY_KEY)) {
    const message = key.trim().length === 0
      ? msg('LEDGER_TEXT_EMPTY', { field: 'idempotencyKey' })
      : msg('VALUE_TOO_LONG', { field: 'idempotencyKey', max: MAX_IDEMPOTENCY_KEY, length: key.length });
    return rejected([new UserError({ field: ['input', 'idempotencyKey'], code: UserErrorCode.INVALID, message })]);
  }
  const sha256 = inputHash(spec.input as Record<string, unknown>);
  const { subject } = ctx.viewer;
  try {
    return await ctx.write(async (db): Promise<MutationOutcome<R>> => {
      if (key !== null) {
        const claimed = await db.query(
          `INSERT INTO mutation_receipts (subject, idempotency_key, mutation, input_sha256, request_id) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (subject, idempotency_key) DO NOTHING RETURNING 1`,
          [subject, key, spec.name, sha256, ctx.requestId],
        );
        if (claimed.length === 0) {
          // Taken by a committed call (a concurrent one is waited for by the INSERT above).
          const [first] = await db.query(`SELECT mutation, input_sha256, result FROM mutation_receipts WHERE subject = $1 AND idempotency_key = $2`, [subject, key]);
          if (first.mutation !== spec.name || first.input_sha256 !== sha256) {
            throw new Rejection([{ field: ['idempotencyKey'], code: UserErrorCode.IDEMPOTENCY_KEY_REUSED, message: msg('LEDGER_IDEMPOTENCY_KEY_REUSED', { key, mutation: first.mutation }) }]);
          }
          throw new RollbackWith<MutationOutcome<R>>({ result: first.result as R, userErrors: [], replayed: true });
        }
      }
      const result = await spec.run(db);
      if (key !== null) {
        await db.query(`UPDATE mutation_receipts SET result = $3 WHERE subject = $1 AND idempotency_key = $2`, [subject, key, JSON.stringify(result)]);
      }
      await db.query(
        `INSERT INTO audit_event (subject, role, district, action, target, outcome, detail, request_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [subject, ctx.viewer.role, ctx.viewer.district, AuditAction.WRITE, target, AuditOutcome.SUCCEEDED, JSON.stringify({ ...result, ...spec.audit?.(result), idempotencyKey: key }), ctx.requestId],
      );
      return { result, userErrors: [], replayed: false };
    });
  } catch (err) {
    if (err instanceof Rejection) return rejected(prefixed(err.errors));
    if (sqlState(err) === LOCK_NOT_AVAILABLE) {
      return rejected([new UserError({ field: [], code: UserErrorCode.BUSY, message: msg('LEDGER_WRITE_BUSY', {}) })]);
    }
    throw err;
  }
}
