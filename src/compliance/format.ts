/** Plain-English formatting for messages and shortfalls. */
import { Rational, type RationalLike } from './exact';

const NUMBER = new Intl.NumberFormat('en-US', { maximumFractionDigits: 4 });
const PERCENT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

/** 184000 → "184,000"; 4.2 → "4.2"; at most 4 decimals. */
export function fmt(x: RationalLike): string {
  const n = x instanceof Rational ? x.toFixedNumber(4) : typeof x === 'number' ? x : Rational.from(x).toFixedNumber(4);
  return NUMBER.format(n);
}

/** A fraction 0–1 as a percentage: "0.965" → "96.5%". */
export function pct(x: RationalLike): string {
  return `${PERCENT.format(Rational.from(x).mul(100).toFixedNumber(2))}%`;
}

export function plural(n: number | bigint, one: string, many: string): string {
  return n === 1 || n === 1n ? one : many;
}

/** "A, B and C". */
export function list(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** Lower-cases the first letter for use mid-sentence, unless the first word is an acronym ("PE and arts"). */
export function lowerFirst(s: string): string {
  return /^[A-Z][a-z]/.test(s) ? s[0]!.toLowerCase() + s.slice(1) : s;
}
