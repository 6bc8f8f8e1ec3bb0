/**
 * Exact rational arithmetic on BigInt, so that "does this value reach its threshold?" is decided without
 * floating-point error (21 teachers for 500 students is exactly 4.2 per 100, not 4.199999…).
 *
 * Fractions are not reduced after each operation: sums over hundreds of schools stay cheap because the
 * denominators only grow by multiplication with small numbers. Comparisons never need a reduced form.
 */
import { ComplianceInputError } from './errors';

const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

export type RationalLike = Rational | bigint | number | string;

/** Rationals of the non-integer numbers read so far (thresholds and limits are a few constants read ~10⁵ times). */
const FROM_NUMBER = new Map<number, Rational>();

const POWERS_OF_TEN: readonly bigint[] = Array.from({ length: 13 }, (_, i) => 10n ** BigInt(i));

export class Rational {
  /** Numerator and denominator; the denominator is always positive. */
  readonly n: bigint;
  readonly d: bigint;

  private constructor(n: bigint, d: bigint) {
    if (d === 0n) throw new RangeError('Rational with zero denominator');
    if (d < 0n) {
      n = -n;
      d = -d;
    }
    this.n = n;
    this.d = d;
    this.halfMemo = null;
  }

  /** scaled(places, 'half') for the last `places` asked: a threshold is written ~10⁵ times in a cold city evaluation. */
  private halfMemo: { places: number; q: bigint } | null;

  static readonly ZERO = new Rational(0n, 1n);
  static readonly ONE = new Rational(1n, 1n);

  static fraction(n: bigint, d: bigint): Rational {
    return new Rational(n, d);
  }

  /**
   * From a decimal string ("2250.50", "-0.9650", "1e-3"), an integer, a bigint or a JS number.
   * A non-integer JS number is read through its shortest decimal representation, so 4.2 means 42/10.
   */
  static from(x: RationalLike): Rational {
    if (x instanceof Rational) return x;
    if (typeof x === 'bigint') return new Rational(x, 1n);
    if (typeof x === 'number') {
      if (!Number.isFinite(x)) throw new ComplianceInputError(`not a finite number: ${x}`);
      if (Number.isInteger(x) && Number.isSafeInteger(x)) return new Rational(BigInt(x), 1n);
      let r = FROM_NUMBER.get(x);
      if (!r) {
        r = Rational.parse(String(x));
        if (FROM_NUMBER.size < 1024) FROM_NUMBER.set(x, r); // the engine's constants; a bound, not an eviction policy
      }
      return r;
    }
    return Rational.parse(x);
  }

  /** Parses a decimal string exactly. */
  static parse(text: string): Rational {
    const m = DECIMAL.exec(text.trim());
    if (!m || (m[2] === '' && (m[3] === undefined || m[3] === ''))) {
      throw new ComplianceInputError(`not a decimal number: "${text}"`);
    }
    const [, sign, intPart, fracPart = '', expPart] = m;
    let n = BigInt((intPart || '0') + fracPart);
    let d = 10n ** BigInt(fracPart.length);
    const exp = expPart === undefined ? 0 : Number(expPart);
    if (exp > 0) n *= 10n ** BigInt(exp);
    if (exp < 0) d *= 10n ** BigInt(-exp);
    if (sign === '-') n = -n;
    return new Rational(n, d);
  }

  add(o: RationalLike): Rational {
    const b = Rational.from(o);
    if (this.d === b.d) return new Rational(this.n + b.n, this.d);
    // Keep denominators from growing when one divides the other (decimal inputs, repeated sums).
    if (this.d % b.d === 0n) return new Rational(this.n + b.n * (this.d / b.d), this.d);
    if (b.d % this.d === 0n) return new Rational(this.n * (b.d / this.d) + b.n, b.d);
    return new Rational(this.n * b.d + b.n * this.d, this.d * b.d);
  }

  sub(o: RationalLike): Rational {
    const b = Rational.from(o);
    return this.add(new Rational(-b.n, b.d));
  }

  mul(o: RationalLike): Rational {
    const b = Rational.from(o);
    return new Rational(this.n * b.n, this.d * b.d);
  }

  div(o: RationalLike): Rational {
    const b = Rational.from(o);
    if (b.n === 0n) throw new RangeError('division by zero');
    return new Rational(this.n * b.d, this.d * b.n);
  }

  neg(): Rational {
    return new Rational(-this.n, this.d);
  }

  cmp(o: RationalLike): -1 | 0 | 1 {
    const b = Rational.from(o);
    const l = this.n * b.d;
    const r = b.n * this.d;
    return l < r ? -1 : l > r ? 1 : 0;
  }

  eq(o: RationalLike): boolean { return this.cmp(o) === 0; }
  lt(o: RationalLike): boolean { return this.cmp(o) < 0; }
  le(o: RationalLike): boolean { return this.cmp(o) <= 0; }
  gt(o: RationalLike): boolean { return this.cmp(o) > 0; }
  ge(o: RationalLike): boolean { return this.cmp(o) >= 0; }

  sign(): -1 | 0 | 1 {
    return this.n < 0n ? -1 : this.n > 0n ? 1 : 0;
  }

  isZero(): boolean { return this.n === 0n; }

  max(o: RationalLike): Rational {
    const b = Rational.from(o);
    return this.ge(b) ? this : b;
  }

  /** Largest integer ≤ this. */
  floor(): bigint {
    const q = this.n / this.d; // truncates toward zero
    return this.n < 0n && q * this.d !== this.n ? q - 1n : q;
  }

  /** Smallest integer ≥ this. */
  ceil(): bigint {
    return -new Rational(-this.n, this.d).floor();
  }

  /** Lowest terms (only needed for display). */
  reduce(): Rational {
    const g = gcd(this.n < 0n ? -this.n : this.n, this.d);
    return g <= 1n ? this : new Rational(this.n / g, this.d / g);
  }

  /** Nearest double (to within a unit in the last place); for reporting, never for deciding. */
  toNumber(): number {
    if (this.n === 0n) return 0;
    const neg = this.n < 0n;
    const a = neg ? -this.n : this.n;
    const shift = bitLength(this.d) - bitLength(a) + 64;
    const q = shift >= 0 ? (a << BigInt(shift)) / this.d : a / (this.d << BigInt(-shift));
    const x = Number(q) * Math.pow(2, -shift);
    return neg ? -x : x;
  }

  /** Rounded half away from zero to `places` decimals, returned as the double nearest that decimal. */
  toFixedNumber(places: number): number {
    const scale = POWERS_OF_TEN[places] ?? 10n ** BigInt(places);
    const neg = this.n < 0n;
    const a = neg ? -this.n : this.n;
    const q = (2n * a * scale + this.d) / (2n * this.d);
    const x = Number(q) / Number(scale);
    return neg && x !== 0 ? -x : x;
  }

  /**
   * Decimal digits: exact when the fraction ends within `maxPlaces` decimals, else `maxPlaces` decimals rounded
   * down ('floor'), up ('ceil') or half away from zero ('half').
   */
  toDecimal(maxPlaces: number, mode: 'floor' | 'ceil' | 'half' = 'half'): string {
    return decimalDigits(this.scaled(maxPlaces, mode), maxPlaces);
  }

  scaledHalf(places: number): bigint {
    const m = this.halfMemo;
    if (m && m.places === places) return m.q;
    const q = this.scaled(places, 'half');
    this.halfMemo = { places, q };
    return q;
  }

  /** The integer q with q / 10^places as toDecimal rounds it (one BigInt division: the cold evaluation makes ~10⁵). */
  scaled(places: number, mode: 'floor' | 'ceil' | 'half' = 'half'): bigint {
    const num = this.n * (POWERS_OF_TEN[places] ?? 10n ** BigInt(places));
    let q = num / this.d; // truncated toward zero; the remainder has the sign of num (d > 0)
    const r = num - q * this.d;
    if (r === 0n) return q;
    if (mode === 'floor') return r < 0n ? q - 1n : q;
    if (mode === 'ceil') return r > 0n ? q + 1n : q;
    // half away from zero: away when |r| ≥ d/2
    const twice = r < 0n ? -2n * r : 2n * r;
    if (twice >= this.d) q += r < 0n ? -1n : 1n;
    return q;
  }

  toString(): string {
    const r = this.reduce();
    return r.d === 1n ? r.n.toString() : `${r.n}/${r.d}`;
  }
}

/** Shorthand for Rational.from. */
export function q(x: RationalLike): Rational {
  return Rational.from(x);
}

/** Sum of rationals (0 for an empty list). */
export function sum(xs: Iterable<RationalLike>): Rational {
  let acc = Rational.ZERO;
  for (const x of xs) acc = acc.add(x);
  return acc;
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

function bitLength(x: bigint): number {
  return x.toString(2).length;
}

/** q / 10^places as a decimal string, trailing zeros dropped. */
export function decimalDigits(q: bigint, places: number): string {
  const neg = q < 0n;
  const digits = (neg ? -q : q).toString().padStart(places + 1, '0');
  let end = digits.length;
  const point = digits.length - places;
  while (end > point && digits.charCodeAt(end - 1) === 48 /* 0 */) end -= 1;
  const out = end > point ? `${digits.slice(0, point)}.${digits.slice(point, end)}` : digits.slice(0, point);
  return neg && out !== '0' ? `-${out}` : out;
}

/** Largest integer whose square is ≤ n (n ≥ 0). */
export function isqrt(n: bigint): bigint {
  if (n < 0n) throw new RangeError('square root of a negative number');
  if (n < 2n) return n;
  let x = BigInt(Math.floor(Math.sqrt(Number(n))));
  // Newton steps from the float estimate, then settle exactly.
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x) break;
    x = y;
  }
  while (x * x > n) x -= 1n;
  while ((x + 1n) * (x + 1n) <= n) x += 1n;
  return x;
}
