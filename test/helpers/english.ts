/**
 * The engine returns catalogue messages (code + figures); tests written against its English wording read them
 * through these: every message in a result is rendered in English, everything else is left as it is.
 */
import { isMessageCode, render, type Message } from '../../src/messages';

function isMessage(x: unknown): x is Message {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return false;
  const keys = Object.keys(x);
  return keys.length === 2 && 'code' in x && 'params' in x && typeof (x as { code: unknown }).code === 'string' && isMessageCode((x as { code: string }).code);
}

/** `x` with each message replaced by its English sentence (copied where something changed, so identity is kept elsewhere). */
export function english<T>(x: T): T {
  if (isMessage(x)) return render(x, 'en') as T;
  if (Array.isArray(x)) {
    const out = x.map(english);
    return (out.some((v, i) => v !== x[i]) ? out : x) as T;
  }
  if (typeof x === 'object' && x !== null && Object.getPrototypeOf(x) === Object.prototype) {
    const entries = Object.entries(x);
    const mapped = entries.map(([k, v]) => [k, english(v)] as const);
    return (mapped.some(([, v], i) => v !== entries[i]![1]) ? Object.fromEntries(mapped) : x) as T;
  }
  return x;
}

/** The module's functions (lower-case names; classes and data are left alone) returning their results in English. */
export function inEnglish<M extends object>(module: M): M {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(module)) {
    out[k] = typeof v === 'function' && /^[a-z]/.test(k) ? (...args: unknown[]) => english((v as (...a: unknown[]) => unknown)(...args)) : v;
  }
  return out as M;
}
