/**
 * Exact decimal arithmetic for money and other PostgreSQL `numeric` values.
 *
 * A `Decimal` is `unscaled × 10^(−scale)` with a BigInt `unscaled` and a non-negative integer `scale`.
 * It is immutable; every operation returns a new value. No floating point is used anywhere except in
 * `toNumber()`, which exists for display and charting only.
 *
 * Canonical form: values are normalised to the MINIMAL scale, i.e. trailing fractional zeros are
 * removed. So `Decimal.of('17570000000.00').toString() === '17570000000'`, `'0.30'` becomes `'0.3'`,
 * and `'-0.0'` becomes `'0'` (there is no negative zero). Two equal values therefore always have the
 * same internal representation and the same `toString()`. Use `toFixed(n)` when a fixed number of
 * places is wanted for display (e.g. yuan with 2 places).
 *
 * Accepted input:
 *  - strings matching `^[+-]?\d+(\.\d+)?$` (what PostgreSQL prints for `numeric`, and plain decimal
 *    CSV values). Exponents (`1e5`), `NaN`, `Infinity`, empty strings, whitespace, thousands
 *    separators, `.5` and `5.` are rejected with an Error naming the input;
 *  - `bigint`;
 *  - `number` only when it is a safe integer (a non-integer JS number is already inexact: pass a string);
 *  - another `Decimal`.
 *
 * Rounding modes (names as in java.math.RoundingMode); for negative values they are symmetric where
 * the name says so:
 *  - `HALF_UP`   — to nearest, ties AWAY FROM ZERO (2.5 → 3, −2.5 → −3). The default everywhere.
 *  - `HALF_EVEN` — to nearest, ties to the even neighbour (banker's rounding).
 *  - `HALF_DOWN` — to nearest, ties towards zero.
 *  - `UP`        — away from zero.  `DOWN` — towards zero (truncation).
 *  - `CEILING`   — towards +∞.      `FLOOR` — towards −∞.
 */

export type RoundingMode = 'HALF_UP' | 'HALF_EVEN' | 'HALF_DOWN' | 'UP' | 'DOWN' | 'CEILING' | 'FLOOR';

export type DecimalLike = Decimal | string | bigint | number;

const DECIMAL_PATTERN = /^([+-])?(\d+)(?:\.(\d+))?$/;

function describe(input: string): string {
  const shown = input.length > 40 ? `${input.slice(0, 40)}…` : input;
  return JSON.stringify(shown);
}

function pow10(n: number): bigint {
  return 10n ** BigInt(n);
}

function checkScale(scale: number, what = 'scale'): void {
  if (!Number.isSafeInteger(scale) || scale < 0) {
    throw new RangeError(`${what} must be a non-negative integer, got ${String(scale)}`);
  }
}

/** Integer division n / d rounded according to `mode`. */
function roundDiv(n: bigint, d: bigint, mode: RoundingMode): bigint {
  if (d === 0n) throw new RangeError('Division by zero');
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  const q = n / d; // truncates towards zero
  const r = n % d; // has the sign of n
  if (r === 0n) return q;
  const away = n < 0n ? q - 1n : q + 1n;
  const twiceR = (r < 0n ? -r : r) * 2n;
  switch (mode) {
    case 'DOWN':
      return q;
    case 'UP':
      return away;
    case 'FLOOR':
      return n < 0n ? q - 1n : q;
    case 'CEILING':
      return n > 0n ? q + 1n : q;
    case 'HALF_UP':
      return twiceR >= d ? away : q;
    case 'HALF_DOWN':
      return twiceR > d ? away : q;
    case 'HALF_EVEN':
      if (twiceR > d) return away;
      if (twiceR < d) return q;
      return q % 2n === 0n ? q : away;
    default: {
      const never: never = mode;
      throw new RangeError(`Unknown rounding mode ${String(never)}`);
    }
  }
}

export class Decimal {
  static readonly ZERO = new Decimal(0n, 0);
  static readonly ONE = new Decimal(1n, 0);

  /** The digits, as an integer. Normalised: `scale === 0 || unscaled % 10n !== 0n`. */
  readonly unscaled: bigint;
  /** Number of fractional digits (minimal, see the module comment). */
  readonly scale: number;

  private constructor(unscaled: bigint, scale: number) {
    while (scale > 0 && unscaled % 10n === 0n) {
      unscaled /= 10n;
      scale -= 1;
    }
    if (unscaled === 0n) scale = 0;
    this.unscaled = unscaled;
    this.scale = scale;
    Object.freeze(this);
  }

  /** Parse or convert a value; see the module comment for what is accepted. */
  static of(value: DecimalLike): Decimal {
    if (value instanceof Decimal) return value;
    if (typeof value === 'bigint') return new Decimal(value, 0);
    if (typeof value === 'number') {
      if (!Number.isSafeInteger(value)) {
        throw new TypeError(
          `Decimal.of: the number ${String(value)} is not a safe integer; pass non-integer amounts as strings`,
        );
      }
      return new Decimal(BigInt(value), 0);
    }
    if (typeof value === 'string') return Decimal.parse(value);
    throw new TypeError(`Decimal.of: unsupported value of type ${typeof value}`);
  }

  /** Parse a plain decimal string such as "17570000000.01", "-3", "+0.5". */
  static parse(text: string): Decimal {
    if (typeof text !== 'string') throw new TypeError('Decimal.parse expects a string');
    const m = DECIMAL_PATTERN.exec(text);
    if (!m) {
      let why = 'expected digits with an optional sign and an optional fractional part, e.g. "-1234.56"';
      if (text.length === 0) why = 'empty string';
      else if (/^[+-]?(nan|inf(inity)?)$/i.test(text.trim())) why = 'NaN and Infinity are not decimal numbers';
      else if (/^[+-]?[\d.]+e[+-]?\d+$/i.test(text.trim())) why = 'exponent notation is not accepted';
      else if (text.trim() !== text) why = 'leading or trailing whitespace';
      throw new SyntaxError(`Invalid decimal ${describe(text)}: ${why}`);
    }
    const [, sign, intPart, fracPart = ''] = m;
    let unscaled = BigInt(intPart + fracPart);
    if (sign === '-') unscaled = -unscaled;
    return new Decimal(unscaled, fracPart.length);
  }

  /** Like `of`, but returns false instead of throwing. */
  static isValid(text: string): boolean {
    return typeof text === 'string' && DECIMAL_PATTERN.test(text);
  }

  // ---- arithmetic -------------------------------------------------------------------------------

  add(other: DecimalLike): Decimal {
    const o = Decimal.of(other);
    const s = Math.max(this.scale, o.scale);
    return new Decimal(this.rescaled(s) + o.rescaled(s), s);
  }

  sub(other: DecimalLike): Decimal {
    const o = Decimal.of(other);
    const s = Math.max(this.scale, o.scale);
    return new Decimal(this.rescaled(s) - o.rescaled(s), s);
  }

  mul(other: DecimalLike): Decimal {
    const o = Decimal.of(other);
    return new Decimal(this.unscaled * o.unscaled, this.scale + o.scale);
  }

  /**
   * `this / other`, exact division rounded to `scale` fractional digits.
   * Throws RangeError on division by zero.
   */
  divToScale(other: DecimalLike, scale: number, rounding: RoundingMode = 'HALF_UP'): Decimal {
    checkScale(scale);
    const o = Decimal.of(other);
    if (o.unscaled === 0n) throw new RangeError('Division by zero');
    // (a/10^sa) / (b/10^sb) * 10^scale = a * 10^(sb+scale) / (b * 10^sa)
    const n = this.unscaled * pow10(o.scale + scale);
    const d = o.unscaled * pow10(this.scale);
    return new Decimal(roundDiv(n, d, rounding), scale);
  }

  /** Round to at most `scale` fractional digits. */
  round(scale: number, rounding: RoundingMode = 'HALF_UP'): Decimal {
    checkScale(scale);
    if (this.scale <= scale) return this;
    return new Decimal(roundDiv(this.unscaled, pow10(this.scale - scale), rounding), scale);
  }

  neg(): Decimal {
    return new Decimal(-this.unscaled, this.scale);
  }

  abs(): Decimal {
    return this.unscaled < 0n ? this.neg() : this;
  }

  // ---- comparison -------------------------------------------------------------------------------

  /** −1, 0 or 1 as this is less than, equal to or greater than `other`. */
  cmp(other: DecimalLike): -1 | 0 | 1 {
    const o = Decimal.of(other);
    const s = Math.max(this.scale, o.scale);
    const a = this.rescaled(s);
    const b = o.rescaled(s);
    return a < b ? -1 : a > b ? 1 : 0;
  }

  eq(other: DecimalLike): boolean {
    return this.cmp(other) === 0;
  }

  lt(other: DecimalLike): boolean {
    return this.cmp(other) < 0;
  }

  lte(other: DecimalLike): boolean {
    return this.cmp(other) <= 0;
  }

  gt(other: DecimalLike): boolean {
    return this.cmp(other) > 0;
  }

  gte(other: DecimalLike): boolean {
    return this.cmp(other) >= 0;
  }

  sign(): -1 | 0 | 1 {
    return this.unscaled < 0n ? -1 : this.unscaled > 0n ? 1 : 0;
  }

  isZero(): boolean {
    return this.unscaled === 0n;
  }

  isNegative(): boolean {
    return this.unscaled < 0n;
  }

  isPositive(): boolean {
    return this.unscaled > 0n;
  }

  isInteger(): boolean {
    return this.scale === 0;
  }

  // ---- output -----------------------------------------------------------------------------------

  /** Canonical form: minimal scale, no exponent, no negative zero, e.g. "17570000000.01", "0.3", "-5". */
  toString(): string {
    return Decimal.format(this.unscaled, this.scale);
  }

  /**
   * Exactly `scale` fractional digits, rounded HALF_UP (ties away from zero) unless told otherwise.
   * A value that rounds to zero prints without a sign: (-0.001).toFixed(2) === "0.00".
   */
  toFixed(scale: number, rounding: RoundingMode = 'HALF_UP'): string {
    checkScale(scale);
    const r = this.round(scale, rounding);
    return Decimal.format(r.rescaled(scale), scale);
  }

  /** For display and charts only: may lose precision. Never compare or add the result. */
  toNumber(): number {
    return Number(this.toString());
  }

  toJSON(): string {
    return this.toString();
  }

  /**
   * Implicit conversion is allowed only to string (template literals, String(x)). `a + b`, `a < b`
   * etc. on Decimals would silently concatenate or compare strings, so they throw instead.
   */
  [Symbol.toPrimitive](hint: 'string' | 'number' | 'default'): string {
    if (hint === 'string') return this.toString();
    throw new TypeError('Decimal cannot be converted to a primitive implicitly; use add/cmp/toString/toNumber');
  }

  // ---- internals --------------------------------------------------------------------------------

  /** The unscaled value at a scale ≥ this.scale. */
  private rescaled(scale: number): bigint {
    return this.unscaled * pow10(scale - this.scale);
  }

  private static format(unscaled: bigint, scale: number): string {
    const negative = unscaled < 0n;
    let digits = (negative ? -unscaled : unscaled).toString();
    if (scale > 0) {
      digits = digits.padStart(scale + 1, '0');
      digits = `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
    }
    return negative ? `-${digits}` : digits;
  }
}

/** Shorthand for `Decimal.of`. */
export function decimal(value: DecimalLike): Decimal {
  return Decimal.of(value);
}

/** Exact sum; the sum of nothing is 0. */
export function sum(values: Iterable<DecimalLike>): Decimal {
  let total = Decimal.ZERO;
  for (const v of values) total = total.add(v);
  return total;
}

/**
 * Compare a/b with c/d exactly, by cross-multiplication (a·d vs c·b), never by dividing.
 * Both denominators must be strictly positive (RangeError otherwise).
 * Returns −1, 0 or 1 as a/b is less than, equal to or greater than c/d.
 */
export function compareRatios(a: DecimalLike, b: DecimalLike, c: DecimalLike, d: DecimalLike): -1 | 0 | 1 {
  const B = Decimal.of(b);
  const D = Decimal.of(d);
  if (!B.isPositive() || !D.isPositive()) {
    throw new RangeError(`compareRatios: denominators must be positive, got ${B.toString()} and ${D.toString()}`);
  }
  return Decimal.of(a).mul(D).cmp(Decimal.of(c).mul(B));
}
