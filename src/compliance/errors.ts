/** Errors the engine raises; each carries a stable code for the service's error mapper. */

/** An input that should be a decimal string or a non-negative count is not (a data-contract breach). */
export class ComplianceInputError extends Error {
  readonly code = 'INVALID_COMPLIANCE_INPUT';
  constructor(message: string) {
    super(message);
    this.name = 'ComplianceInputError';
  }
}

/** The requested evaluation does not exist in the chosen standard (e.g. a school rule under JB2012). */
export class StandardNotApplicableError extends Error {
  readonly code = 'STANDARD_NOT_APPLICABLE';
  constructor(message: string) {
    super(message);
    this.name = 'StandardNotApplicableError';
  }
}
