import { AsyncLocalStorage } from 'node:async_hooks';

/** The languages the hub writes: Chinese first (the officials who use it), English on request. */
export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh-CN';

/**
 * The locale an `Accept-Language` header (or a `--lang` flag) asks for: the first of its ranges, by quality, that the
 * hub writes; zh-CN when nothing matches. `zh`, `zh-Hans`, `zh-CN`, `zh-SG` read Chinese; `en`, `en-US`… English.
 */
export function negotiateLocale(header: string | null | undefined): Locale {
  if (!header) return DEFAULT_LOCALE;
  const ranges = header
    .slice(0, 500)
    .split(',')
    .map((part, index) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q\s*=\s*([0-9.]+)\s*$/.exec(p)).find(Boolean);
      return { tag: (tag ?? '').trim().toLowerCase(), q: q ? Number(q[1]) : 1, index };
    })
    .filter((r) => r.tag && Number.isFinite(r.q) && r.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of ranges) {
    if (tag === 'zh' || tag.startsWith('zh-')) return 'zh-CN';
    if (tag === 'en' || tag.startsWith('en-')) return 'en';
    if (tag === '*') return DEFAULT_LOCALE;
  }
  return DEFAULT_LOCALE;
}

/** A `--lang` value or a `lang` query parameter: only the two locales, spelled loosely. */
export function parseLocale(value: string | null | undefined): Locale | null {
  if (!value) return null;
  const v = value.trim().toLowerCase();
  if (v === 'zh' || v === 'zh-cn' || v === 'zh_cn' || v === 'zh-hans') return 'zh-CN';
  if (v === 'en' || v === 'en-us' || v === 'en_us' || v === 'en-gb') return 'en';
  return null;
}

const current = new AsyncLocalStorage<Locale>();

/** Runs `fn` with `locale` as the locale of every message rendered inside it (a request, a CLI run). */
export function withLocale<T>(locale: Locale, fn: () => T): T {
  return current.run(locale, fn);
}

/** The locale of the request or run in progress; zh-CN outside any. */
export function currentLocale(): Locale {
  return current.getStore() ?? DEFAULT_LOCALE;
}
