import { Decimal } from '../common/decimal';
import { Message, msg } from '../messages';
import { ColumnDefinition, ColumnType, YEAR_MAX, YEAR_MIN } from './datasets';

/** A cell that does not fit its column, and why. */
export class Invalid {
  constructor(readonly problem: Message) {}
}

/**
 * Turns the (trimmed) text of a cell into its canonical text for PostgreSQL — `null` for an empty optional cell —
 * or an `Invalid`. Returning instead of throwing keeps the hot path free of allocations for valid cells.
 */
export type CellParser = (text: string) => string | null | Invalid;

/** Full-width forms (Ｕ+FF01–FF5E: ０１２３．－) as typed with a Chinese input method, and the ideographic space. */
const FULL_WIDTH = /[\uff01-\uff5e\u3000]/;

/**
 * The ASCII a full-width text stands for: "１８２０．５" is 1820.5. Done only where it cannot change a meaning —
 * numbers, dates, booleans, vocabularies and codes — never in names or free text.
 */
export function halfWidth(text: string): string {
  if (!FULL_WIDTH.test(text)) return text;
  return text.replace(/[\uff01-\uff5e\u3000]/g, (c) => (c === '\u3000' ? ' ' : String.fromCharCode(c.charCodeAt(0) - 0xfee0))).trim();
}

/** Characters as PostgreSQL's char_length counts them (code points), cheaply for the usual short cell. */
export function charLength(text: string): number {
  let n = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n -= 1;
        i += 1;
      }
    }
  }
  return n;
}

/** Whether a column holds words people write (names, notes, findings) rather than a value with one spelling. */
export function isFreeText(column: ColumnDefinition, key: readonly string[]): boolean {
  return column.type.kind === 'text' && !column.type.pattern && !column.references && !key.includes(column.name);
}

export function cellParser(column: ColumnDefinition, freeText = column.type.kind === 'text'): CellParser {
  const parse = typeParser(column.type, column.name);
  const required = column.required;
  const fallback = column.default ?? null;
  const normalise = !freeText;
  return (text) => {
    if (normalise) text = halfWidth(text);
    if (text === '') return required ? new Invalid(msg('IMPORT_VALUE_REQUIRED', {})) : fallback;
    return parse(text);
  };
}

function typeParser(type: ColumnType, name: string): (text: string) => string | Invalid {
  switch (type.kind) {
    case 'text':
      return textParser(type.maxLength, type.pattern, name);
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

function textParser(maxLength: number, pattern: RegExp | undefined, column: string): (text: string) => string | Invalid {
  return (text) => {
    // PostgreSQL text cannot hold NUL; it only appears in damaged exports.
    if (text.includes('\u0000')) return new Invalid(msg('IMPORT_NUL_CHARACTER', { value: text.replace(/\u0000/g, '\\0') }));
    if (text.length > maxLength) {
      const length = charLength(text);
      if (length > maxLength) return new Invalid(msg('IMPORT_TEXT_TOO_LONG', { max: maxLength, length }));
    }
    if (pattern && !pattern.test(text)) return new Invalid(msg('IMPORT_PATTERN_MISMATCH', { value: text, column, pattern: pattern.source }));
    return text;
  };
}

function enumParser(values: readonly string[]): (text: string) => string | Invalid {
  const allowed = new Set(values);
  return (text) => (allowed.has(text) ? text : new Invalid(msg('IMPORT_NOT_IN_LIST', { value: text, allowed: values })));
}

const INTEGER = /^([+-]?)(\d+)(?:\.0+)?$/;

/** Why a number-looking text is not a plain decimal number: the mistakes spreadsheets make. */
function notANumber(text: string, whole: boolean): Invalid {
  if (/^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(text)) return new Invalid(msg('IMPORT_THOUSANDS_SEPARATOR', { value: text }));
  if (/^[+-]?[\d.]+%$/.test(text)) return new Invalid(msg('IMPORT_PERCENTAGE', { value: text }));
  if (/^[+-]?\d+(\.\d+)?e[+-]?\d+$/i.test(text)) return new Invalid(msg('IMPORT_EXPONENT', { value: text }));
  return new Invalid(msg(whole ? 'IMPORT_NOT_WHOLE_NUMBER' : 'IMPORT_NOT_NUMBER', { value: text }));
}

function intParser(min: number, max: number): (text: string) => string | Invalid {
  const isYear = min === YEAR_MIN && max === YEAR_MAX;
  return (text) => {
    const m = INTEGER.exec(text);
    if (!m) return /^[+-]?\d+\.\d+$/.test(text) ? new Invalid(msg('IMPORT_NOT_WHOLE_NUMBER', { value: text })) : notANumber(text, true);
    const value = Number(m[1] + m[2]);
    if (isYear && (value < min || value > max)) return new Invalid(msg('IMPORT_YEAR_IMPLAUSIBLE', { value, min, max }));
    if (value < min) return new Invalid(min === 0 ? msg('IMPORT_NEGATIVE', { value: text }) : msg('IMPORT_LESS_THAN', { value: text, min }));
    if (value > max) return new Invalid(msg('IMPORT_MORE_THAN', { value: text, max }));
    return String(value);
  };
}

const DECIMAL = /^([+-]?)(\d+)(?:\.(\d+))?$/;

/** Digits of a whole number without its leading zeros ("007" has 1, "0" has 1): no string made per cell. */
function significantLength(digits: string): number {
  let i = 0;
  while (i < digits.length - 1 && digits.charCodeAt(i) === 48) i++;
  return digits.length - i;
}

function decimalParser(precision: number, scale: number, min: number, max: number | undefined, round: boolean) {
  const maxIntegerDigits = precision - scale;
  // At most 15 significant digits convert to a double exactly enough to compare with whole bounds: no Decimal needed.
  const exactAsNumber = precision <= 15 && Number.isInteger(min) && (max === undefined || Number.isInteger(max));
  const outOfRangeAsNumber = (value: number) => value < min || (max !== undefined && value > max);
  const outOfRange = (value: Decimal) => value.lt(min) || (max !== undefined && value.gt(max));
  return (text: string): string | Invalid => {
    const m = DECIMAL.exec(text);
    if (!m) return notANumber(text, false);
    let canonical = m[1] === '+' ? text.slice(1) : text;
    const fraction = m[3] ?? '';
    let integerDigits = significantLength(m[2]);
    if (fraction.length > scale) {
      if (!round) return new Invalid(msg('IMPORT_TOO_MANY_DECIMALS', { value: text, places: fraction.length, max: scale }));
      canonical = Decimal.parse(canonical).round(scale, 'HALF_UP').toString();
      integerDigits = significantLength(canonical.replace(/^-/, '').split('.')[0]); // rounding may carry into a digit
    }
    if (integerDigits > maxIntegerDigits) return new Invalid(msg('IMPORT_TOO_MANY_DIGITS', { value: text, max: maxIntegerDigits }));
    if (exactAsNumber ? outOfRangeAsNumber(Number(canonical)) : outOfRange(Decimal.parse(canonical))) {
      if (max === undefined && min === 0) return new Invalid(msg('IMPORT_NEGATIVE', { value: text }));
      if (max === undefined) return new Invalid(msg('IMPORT_LESS_THAN', { value: text, min }));
      return new Invalid(msg('IMPORT_OUT_OF_RANGE', { value: text, min, max }));
    }
    return canonical;
  };
}

function parseBool(text: string): string | Invalid {
  const lower = text.toLowerCase();
  if (lower === 'true' || lower === 'false') return lower;
  return new Invalid(msg('IMPORT_NOT_BOOLEAN', { value: text }));
}

const DATE = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/;

/** YYYY-MM-DD; also YYYY/M/D, which Excel writes in Chinese locales (year first, so never ambiguous). */
function dateParser(minYear: number, maxYear: number): (text: string) => string | Invalid {
  return (text) => {
    const m = DATE.exec(text);
    if (!m) return new Invalid(msg('IMPORT_NOT_DATE', { value: text }));
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const date = new Date(Date.UTC(y, mo - 1, d));
    if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) {
      return new Invalid(msg('IMPORT_INVALID_DATE', { value: text }));
    }
    if (y < minYear || y > maxYear) return new Invalid(msg('IMPORT_DATE_IMPLAUSIBLE', { value: text, min: minYear, max: maxYear }));
    return `${m[1]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  };
}
