import type { Message } from '../messages';

/** Codes of mutations' `userErrors` (docs/supervision.md explains each). */
export enum UserErrorCode {
  /** The object does not exist, or is outside what the viewer may see (the two are not told apart). */
  NOT_FOUND = 'NOT_FOUND',
  /** The viewer's role may not take this action. */
  NOT_ALLOWED = 'NOT_ALLOWED',
  /** A district officer acting on another district's object. */
  NOT_YOUR_DISTRICT = 'NOT_YOUR_DISTRICT',
  /** expectedVersion is not the current version: someone changed it since the viewer read it. */
  CONFLICT = 'CONFLICT',
  /** The object's state does not allow the action. */
  INVALID_TRANSITION = 'INVALID_TRANSITION',
  REQUIRED = 'REQUIRED',
  INVALID = 'INVALID',
  TOO_LONG = 'TOO_LONG',
  /** A due-date rule: due before raised, a new due date in the past, a plan after the due date. */
  DUE_DATE = 'DUE_DATE',
  /** The idempotency key was used before for a different input or mutation. */
  IDEMPOTENCY_KEY_REUSED = 'IDEMPOTENCY_KEY_REUSED',
  /** An import of the same data, or another writer, held the lock too long: retry. */
  BUSY = 'BUSY',
}

/** An expected failure: the input field at fault, a code, and the catalogue message that explains it. */
export interface RuleError {
  field: string[];
  code: UserErrorCode;
  message: Message;
}
