import { msg } from '../messages';
import { badInput, DomainError } from './errors';

/**
 * Every year the hub is asked about lies here: the compulsory-education data begins well after 2000 and the
 * certification plan ends long before 2100. A year outside is a mistake (or an attack: `year: -2147483648` used to be
 * computed for seconds), refused before any work with BAD_USER_INPUT naming the argument (docs/access.md).
 */
export const YEAR_MIN = 2000;
export const YEAR_MAX = 2100;

/** Arguments and input fields that hold a year: `year`, `fromYear`, `toYear`, `plannedCertificationYear`, … */
export function isYearName(name: string): boolean {
  return name === 'year' || name.endsWith('Year');
}

/** The refusal of `value` for the year argument `argument`, or null when it is a year in range (or absent). */
export function yearRefusal(argument: string, value: unknown): DomainError | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' && Number.isInteger(value) && value >= YEAR_MIN && value <= YEAR_MAX) return null;
  return badInput(argument, msg('YEAR_OUT_OF_RANGE', { argument, min: YEAR_MIN, max: YEAR_MAX, got: String(value) }));
}

/** A `fromYear`–`toYear` range: in order, and at most `maxYears` long (each year is work). */
export function checkYearRange(fromYear: number, toYear: number, maxYears: number): void {
  if (fromYear > toYear) throw badInput('fromYear', msg('YEAR_RANGE_REVERSED', { fromYear, toYear }));
  if (toYear - fromYear >= maxYears) throw badInput('toYear', msg('YEAR_RANGE_TOO_LONG', { max: maxYears, got: toYear - fromYear + 1 }));
}
