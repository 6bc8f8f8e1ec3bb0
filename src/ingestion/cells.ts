import { Decimal } from '../common/decimal';
import { ColumnDefinition, ColumnType, YEAR_MAX, YEAR_MIN } from './datasets';
import { formatCount, quote } from './problems';

/** A cell that does not fit its column, and why. */
export class Invalid {
  constructor(readonly reason: string) {}
}

/**
 * Turns the (trimmed) text of a cell into its canonical text for PostgreSQL — `null` for an empty optional cell —
 * or an `Invalid`. Returning instead of throwing keeps the hot path free of allocations for valid cells.
 */
export type CellParser = (text: string) => string | null | Invalid;

export function cellParser(column: ColumnDefinition): CellParser {
  const parse = typeParser(column.type);
  const required = column.required;
  return (text) => {
    if (text === '') return required ? new Invalid('a value is required') : null;
    return parse(text);
  };
}

function typeParser(type: ColumnType): (text: string) => string | Invalid {
  switch (type.kind) {
    case 'text':
      return textParser(type.pattern, type.patternHint);
    case 'enum':
      return enumParser(type.values);
    case 'int':
      return intParser(type.min, type.max);
    case 'decimal':
      return decimalParser(type.precision, type.scale, type.min, type.max, type.round);
    case 'bool':
      return parseBool;
    case 'date':
      return dateParser(type.minYear, type.maxYear);
  }
}

function textParser(pattern: RegExp | undefined, hint: string | undefined): (text: string) => string | Invalid {
  return (text) => {
    // PostgreSQL text cannot hold NUL; it only appears in damaged exports.
    if (text.includes('\u0000')) return new Invalid(`${quote(text.replace(/\u0000/g, '\\0'))} contains a NUL character`);
    if (pattern && !pattern.test(text)) return new Invalid(`${quote(text)} is not allowed here: expected ${hint ?? pattern.source}`);
    return text;
  };
}

function enumParser(values: readonly string[]): (text: string) => string | Invalid {
  const allowed = new Set(values);
  const list = values.join(', ');
  return (text) => (allowed.has(text) ? text : new Invalid(`${quote(text)} is not one of ${list}`));
}

const INTEGER = /^([+-]?)(\d+)(?:\.0+)?$/;

/** Why a number-looking text is not a plain decimal number: the mistakes spreadsheets make. */
function notANumber(text: string, what: string): Invalid {
  if (/^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(text)) return new Invalid(`${quote(text)} has thousands separators: write it without commas`);
  if (/^[+-]?[\d.]+%$/.test(text)) return new Invalid(`${quote(text)} is a percentage: write shares as fractions from 0 to 1, e.g. 0.975`);
  if (/^[+-]?\d+(\.\d+)?e[+-]?\d+$/i.test(text)) return new Invalid(`${quote(text)} is in exponent notation: write the digits in full`);
  return new Invalid(`${quote(text)} is not ${what}`);
}

function intParser(min: number, max: number): (text: string) => string | Invalid {
  const isYear = min === YEAR_MIN && max === YEAR_MAX;
  return (text) => {
    const m = INTEGER.exec(text);
    if (!m) return /^[+-]?\d+\.\d+$/.test(text) ? new Invalid(`${quote(text)} is not a whole number`) : notANumber(text, 'a whole number');
    const value = Number(m[1] + m[2]);
    if (isYear && (value < min || value > max)) return new Invalid(`${value} is not a plausible year (${min}–${max})`);
    if (value < min) return new Invalid(min === 0 ? `${value} is negative` : `${value} is less than ${min}`);
    if (value > max) return new Invalid(`${formatCount(value)} is more than ${formatCount(max)}`);
    return String(value);
  };
}

const DECIMAL = /^([+-]?)(\d+)(?:\.(\d+))?$/;

function decimalParser(precision: number, scale: number, min: number, max: number | undefined, round: boolean) {
  const maxIntegerDigits = precision - scale;
  const bounds = max === undefined ? `${min} or more` : `between ${min} and ${max}`;
  return (text: string): string | Invalid => {
    const m = DECIMAL.exec(text);
    if (!m) return notANumber(text, 'a number');
    let canonical = m[1] === '+' ? text.slice(1) : text;
    const fraction = m[3] ?? '';
    if (fraction.length > scale) {
      if (!round) {
        return new Invalid(`${quote(text)} has ${fraction.length} decimal places; at most ${scale} ${scale === 1 ? 'is' : 'are'} allowed`);
      }
      canonical = Decimal.parse(canonical).round(scale, 'HALF_UP').toString();
    }
    const integerDigits = canonical.replace(/^-/, '').split('.')[0].replace(/^0+(?=\d)/, '');
    if (integerDigits.length > maxIntegerDigits) {
      return new Invalid(`${quote(text)} is too large: at most ${maxIntegerDigits} digits before the decimal point`);
    }
    const value = Decimal.parse(canonical);
    if (value.lt(min) || (max !== undefined && value.gt(max))) {
      if (max === undefined && min === 0) return new Invalid(`${quote(text)} is negative`);
      return new Invalid(`${quote(text)} is not ${bounds}`);
    }
    return canonical;
  };
}

function parseBool(text: string): string | Invalid {
  const lower = text.toLowerCase();
  if (lower === 'true' || lower === 'false') return lower;
  return new Invalid(`${quote(text)} is not true or false`);
}

const DATE = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/;

/** YYYY-MM-DD; also YYYY/M/D, which Excel writes in Chinese locales (year first, so never ambiguous). */
function dateParser(minYear: number, maxYear: number): (text: string) => string | Invalid {
  return (text) => {
    const m = DATE.exec(text);
    if (!m) return new Invalid(`${quote(text)} is not a date in the form YYYY-MM-DD`);
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const date = new Date(Date.UTC(y, mo - 1, d));
    if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) {
      return new Invalid(`${quote(text)} is not a valid date`);
    }
    if (y < minYear || y > maxYear) return new Invalid(`${quote(text)} is not a plausible date (years ${minYear}–${maxYear})`);
    return `${m[1]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  };
}
