/**
 * Student-weighted coefficient of variation (差异系数), DOMAIN §2.2:
 *
 *   X̄ = Σ PᵢXᵢ / P      S = sqrt( Σ Pᵢ (Xᵢ − X̄)² / P )      CV = S / X̄
 *
 * Schools with no students are left out; with fewer than two schools, or X̄ = 0, the CV is undefined.
 * Whether a CV is within a limit is decided exactly: CV ≤ L ⟺ S² ≤ L²X̄² (for X̄ > 0), all rational.
 */
import { ComplianceInputError } from './errors';
import { decimalDigits, isqrt, Rational, type RationalLike } from './exact';

export interface CvPoint {
  value: RationalLike;
  students: number;
}

export type CvUndefinedReason = 'FEWER_THAN_TWO_SCHOOLS' | 'ZERO_MEAN';

export type CvResult =
  | { status: 'DEFINED'; cv: number; mean: number; stdDev: number; schoolCount: number; students: number }
  | { status: 'UNDEFINED'; reason: CvUndefinedReason; schoolCount: number; students: number };

/** The sums the CV needs, exactly: P = ΣPᵢ, B = ΣPᵢXᵢ, A = ΣPᵢXᵢ². */
interface Moments {
  count: number;
  p: bigint;
  b: Rational;
  a: Rational;
}

function moments(points: readonly CvPoint[]): Moments {
  let count = 0;
  let p = 0n;
  let b = Rational.ZERO;
  let a = Rational.ZERO;
  for (const pt of points) {
    if (!Number.isSafeInteger(pt.students) || pt.students < 0) {
      throw new ComplianceInputError(`students must be a non-negative integer, got ${pt.students}`);
    }
    if (pt.students === 0) continue; // a school with no students of the stage is left out
    const x = Rational.from(pt.value).reduce();
    const w = BigInt(pt.students);
    count += 1;
    p += w;
    b = b.add(x.mul(w));
    a = a.add(x.mul(x).mul(w));
  }
  return { count, p, b, a };
}

/** Σ Pᵢ(Xᵢ − X̄)² · P = A·P − B² (never negative; the identity avoids summing huge fractions). */
function spreadTimesP(m: Moments): Rational {
  return m.a.mul(m.p).sub(m.b.mul(m.b));
}

function undefinedReason(m: Moments): CvUndefinedReason | null {
  if (m.count < 2) return 'FEWER_THAN_TWO_SCHOOLS';
  if (m.b.isZero()) return 'ZERO_MEAN';
  return null;
}

/** The weighted CV with its mean and standard deviation (as doubles, unrounded). */
export function weightedCv(points: readonly CvPoint[]): CvResult {
  return cvOf(moments(points));
}

function cvOf(m: Moments): CvResult {
  const students = Number(m.p);
  const reason = undefinedReason(m);
  if (reason) return { status: 'UNDEFINED', reason, schoolCount: m.count, students };
  const spreadP = spreadTimesP(m);
  const p2 = Rational.fraction(m.p * m.p, 1n);
  const variance = spreadP.div(p2); // S²
  const mean = m.b.div(m.p);
  const cvSquared = spreadP.div(m.b.mul(m.b));
  const sign = mean.sign();
  return {
    status: 'DEFINED',
    cv: sign * Math.sqrt(cvSquared.toNumber()),
    mean: mean.toNumber(),
    stdDev: Math.sqrt(variance.toNumber()),
    schoolCount: m.count,
    students,
  };
}

/** Whether CV ≤ limit, decided exactly; null when the CV is undefined. */
export function cvWithin(points: readonly CvPoint[], limit: RationalLike): boolean | null {
  return withinOf(moments(points), limit);
}

function withinOf(m: Moments, limit: RationalLike): boolean | null {
  if (undefinedReason(m)) return null;
  if (m.b.sign() < 0) return Rational.from(limit).sign() >= 0; // negative CV; not met in practice (values ≥ 0)
  const l = Rational.from(limit);
  if (l.sign() < 0) return false;
  // S ≤ L·X̄  ⟺  S²P² ≤ L²X̄²P²  ⟺  A·P − B² ≤ L²·B²
  return spreadTimesP(m).le(l.mul(l).mul(m.b).mul(m.b));
}

/** Decimals of a CV written as a decimal string (a square root rarely ends). */
export const CV_DECIMALS = 10;

/**
 * The CV as a decimal string of CV_DECIMALS places, computed exactly from the sums (no float): rounded down when it
 * is within `limit` and up when it is not, so the string lies on the decided side of the limit (0.5 + 1.4e-9 against
 * 0.5 reads 0.500000001401, never 0.5). Without a limit, rounded down. Null when the CV is undefined.
 */
export function cvDecimal(points: readonly CvPoint[], limit?: RationalLike | null): string | null {
  const m = moments(points);
  return decimalOf(m, limit === undefined || limit === null ? true : withinOf(m, limit));
}

function decimalOf(m: Moments, within: boolean | null): string | null {
  if (undefinedReason(m)) return null;
  const cvSquared = spreadTimesP(m).div(m.b.mul(m.b)); // ≥ 0
  const scaled = cvSquared.mul(10n ** BigInt(2 * CV_DECIMALS));
  let root = isqrt(scaled.floor());
  if (!within && !Rational.fraction(root * root, 1n).eq(scaled)) root += 1n;
  return decimalDigits(m.b.sign() < 0 ? -root : root, CV_DECIMALS);
}

/**
 * weightedCv, cvWithin (against `limit`) and cvDecimal of the same points from one pass over them: the sums are
 * exact rationals whose denominators grow with every school, and a spread needs all three (4 passes before).
 */
export function cvFigures(points: readonly CvPoint[], limit?: RationalLike | null): { cv: CvResult; within: boolean | null; decimal: string | null } {
  const m = moments(points);
  const within = limit === undefined || limit === null ? null : withinOf(m, limit);
  return { cv: cvOf(m), within, decimal: decimalOf(m, limit === undefined || limit === null ? true : within) };
}

/**
 * Composite CV of basic balance (综合差异系数): the plain mean of the per-indicator CVs.
 * Null when any CV is undefined or the list is empty.
 */
export function compositeCv(cvs: readonly (number | null)[]): number | null {
  if (cvs.length === 0 || cvs.some((c) => c === null || !Number.isFinite(c))) return null;
  return (cvs as number[]).reduce((s, c) => s + c, 0) / cvs.length;
}
