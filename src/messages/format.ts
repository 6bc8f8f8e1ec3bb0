/** Numbers, lists and quotes as each locale writes them; every message formats its figures through these. */
import type { Locale } from './locale';

const numberFormats = new Map<string, Intl.NumberFormat>();
function numberFormat(locale: Locale, maxDecimals: number, minDecimals = 0): Intl.NumberFormat {
  const key = `${locale}/${maxDecimals}/${minDecimals}`;
  let f = numberFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale === 'zh-CN' ? 'zh-CN' : 'en-US', { maximumFractionDigits: maxDecimals, minimumFractionDigits: minDecimals });
    numberFormats.set(key, f);
  }
  return f;
}

/**
 * A number for a sentence: 184000 → "184,000", 4.2 → "4.2" (at most `maxDecimals`). A decimal string is
 * formatted from its digits, never through a float, so money keeps every digit.
 */
export function num(locale: Locale, value: number | bigint | string, maxDecimals = 4): string {
  if (typeof value === 'string') return decimalString(locale, value);
  // Whole numbers (most figures of a sentence: teachers, schools, yuan) grouped by hand, as both locales' formats
  // write them ("1,234,567"): Intl.NumberFormat.format was most of the time of rendering a city evaluation's messages.
  if (typeof value === 'bigint') return value < 0n ? `-${grouped(String(-value))}` : grouped(String(value));
  if (Number.isSafeInteger(value) && !Object.is(value, -0)) return value < 0 ? `-${grouped(String(-value))}` : grouped(String(value));
  return numberFormat(locale, maxDecimals).format(value);
}

/** Digits of a whole number (no sign, no leading zero) grouped by threes with commas, as zh-CN and en-US write them. */
function grouped(digits: string): string {
  if (digits.length <= 3) return digits;
  const head = digits.length % 3 || 3;
  let out = digits.slice(0, head);
  for (let i = head; i < digits.length; i += 3) out += `,${digits.slice(i, i + 3)}`;
  return out;
}

/** An exact decimal string ("-1234567.50") with digit grouping, every given decimal kept. */
function decimalString(locale: Locale, value: string): string {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(value.trim());
  if (!m) return value;
  const whole = grouped(m[2]!.replace(/^0+(?=\d)/, ''));
  return `${m[1]}${whole}${m[3] ? `.${m[3]}` : ''}`;
}

/** A fraction 0–1 as a percentage: 0.965 → "96.5%". */
export function pct(locale: Locale, fraction: number, maxDecimals = 2): string {
  return `${numberFormat(locale, maxDecimals).format(fraction * 100)}%`;
}

/** "A、B和C" / "A, B and C". */
export function list(locale: Locale, items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  if (locale === 'zh-CN') return `${items.slice(0, -1).join('、')}和${items[items.length - 1]}`;
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** A value quoted as delivered (“…” in Chinese, "…" in English), shortened when long. */
export function quoted(locale: Locale, value: string, maxChars = 60): string {
  const shown = value.length > maxChars ? `${value.slice(0, maxChars - 3)}…` : value;
  return locale === 'zh-CN' ? `“${shown}”` : `"${shown}"`;
}

/** English plural; Chinese has none. */
export function plural(n: number | bigint, one: string, many: string): string {
  return n === 1 || n === 1n ? one : many;
}
