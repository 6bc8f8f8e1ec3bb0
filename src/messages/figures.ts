/**
 * The display rule for a figure judged against a threshold (used by the catalogue, the engine's float values and
 * so the GraphQL layer and the reports): round to the usual number of decimals, but never so far that the shown
 * value lands on the other side of the threshold (or on it) from the exact value. 0.5 + 1.4e-9 against a limit of
 * 0.5 shows as 0.5000000014, not 0.5; 84.99999% against 85% as 84.99999%, not 85%; an exact 85% stays 85%.
 *
 * Values are decimal strings (exact, or — for a repeating fraction or a square root — rounded by the engine away
 * from the threshold, so the string itself is already on the right side); no float is involved in the decision.
 */

interface Dec {
  /** Unscaled digits with sign: value = n / 10^scale. */
  n: bigint;
  scale: number;
}

const DECIMAL = /^([+-]?)(\d+)(?:\.(\d*))?$/;

function parse(text: string): Dec | null {
  const m = DECIMAL.exec(text.trim());
  if (!m) return null;
  const frac = m[3] ?? '';
  const n = BigInt(m[2]! + frac);
  return { n: m[1] === '-' ? -n : n, scale: frac.length };
}

function toDec(x: string | number): Dec | null {
  if (typeof x === 'number') {
    if (!Number.isFinite(x)) return null;
    // Shortest round-trip form; exponent forms are rare here (thresholds, limits) and expanded.
    const s = Math.abs(x) < 1e-6 || Math.abs(x) >= 1e21 ? x.toFixed(20) : String(x);
    return parse(s);
  }
  return parse(x);
}

function cmp(a: Dec, b: Dec): -1 | 0 | 1 {
  const s = Math.max(a.scale, b.scale);
  const l = a.n * 10n ** BigInt(s - a.scale);
  const r = b.n * 10n ** BigInt(s - b.scale);
  return l < r ? -1 : l > r ? 1 : 0;
}

/** Rounded half away from zero to `places` decimals. */
function roundTo(x: Dec, places: number): Dec {
  if (x.scale <= places) return x;
  const div = 10n ** BigInt(x.scale - places);
  const neg = x.n < 0n;
  const a = neg ? -x.n : x.n;
  const q = (2n * a + div) / (2n * div);
  return { n: neg ? -q : q, scale: places };
}

function text(x: Dec): string {
  const neg = x.n < 0n;
  let digits = (neg ? -x.n : x.n).toString();
  if (x.scale > 0) {
    digits = digits.padStart(x.scale + 1, '0');
    const int = digits.slice(0, digits.length - x.scale);
    const frac = digits.slice(digits.length - x.scale).replace(/0+$/, '');
    digits = frac ? `${int}.${frac}` : int;
  }
  return neg && digits !== '0' ? `-${digits}` : digits;
}

/**
 * `value` rounded to `decimals` places (trailing zeros dropped), with as many more places as it takes for the
 * shown value to compare with each threshold exactly as the exact value does. A value that is not a decimal is
 * returned as it is.
 */
export function shownAgainst(value: string | number, thresholds: readonly (string | number | null | undefined)[] | string | number | null | undefined, decimals = 4): string {
  const v = toDec(value);
  if (!v) return String(value);
  const list = (Array.isArray(thresholds) ? thresholds : [thresholds])
    .map((t) => (t === null || t === undefined ? null : toDec(t as string | number)))
    .filter((t): t is Dec => t !== null);
  for (let places = decimals; ; places += 1) {
    const shown = roundTo(v, places);
    if (places >= v.scale || list.every((t) => cmp(shown, t) === cmp(v, t))) return text(shown);
  }
}

/** `shownAgainst` as a number (for the GraphQL floats and the reports' numeric cells); null stays null. */
export function shownNumber(value: string | number | null | undefined, thresholds: Parameters<typeof shownAgainst>[1], decimals = 4): number | null {
  if (value === null || value === undefined) return null;
  return Number(shownAgainst(value, thresholds, decimals));
}

/** Moves the decimal point two places right: a fraction as percent, exactly ("0.849999" → "84.9999"). */
export function percentOf(value: string | number): string {
  const d = toDec(value);
  if (!d) return String(value);
  return d.scale >= 2 ? text({ n: d.n, scale: d.scale - 2 }) : text({ n: d.n * 10n ** BigInt(2 - d.scale), scale: 0 });
}

/**
 * A fraction 0–1 shown as a percentage against fractional thresholds: `decimals` places of percent (2 by default),
 * more when the threshold needs it. Returns the number without the % sign, as a decimal string.
 */
export function percentAgainst(fraction: string | number, thresholds: Parameters<typeof shownAgainst>[1], decimals = 2): string {
  const list = (Array.isArray(thresholds) ? thresholds : [thresholds]).map((t) => (t === null || t === undefined ? null : percentOf(t as string | number)));
  return shownAgainst(percentOf(fraction), list, decimals);
}
