import { catalogue, catalogueParts } from '../../../src/messages/catalogue';
import { LOCALES, MessageCode, negotiateLocale, parseLocale, t, withLocale, currentLocale } from '../../../src/messages';
import type { MessageParams } from '../../../src/messages/define';

/** Parameter values are data (names, file names, cell values): they may be in any language, the sentence may not. */
function withoutParams(text: string, params: MessageParams): string {
  let out = text;
  const values = Object.values(params)
    .flatMap((v) => (Array.isArray(v) ? v : [v]))
    .filter((v): v is string => typeof v === 'string' && v.length > 0)
    .sort((a, b) => b.length - a.length);
  for (const v of values) out = out.split(v).join(' ');
  return out;
}

/** Three English words in a row is a sentence, not a code, a unit or a column name. */
const ENGLISH_PHRASE = /[A-Za-z]{2,}[ ,]+[A-Za-z]{2,}[ ,]+[A-Za-z]{2,}/;
const CJK = /[\u4e00-\u9fff]/;

describe('the message catalogue', () => {
  const codes = Object.keys(catalogue) as MessageCode[];

  it('has each code once across its parts', () => {
    const seen = new Map<string, string>();
    for (const [part, entries] of Object.entries(catalogueParts)) {
      for (const code of Object.keys(entries)) {
        expect(seen.get(code) ?? part).toBe(part);
        seen.set(code, part);
      }
    }
    expect(seen.size).toBe(codes.length);
  });

  it.each(codes)('%s reads as Chinese in zh-CN and as English in en', (code) => {
    const example = (catalogue[code] as unknown as { example: MessageParams }).example;
    const zh = t(code, example as never, 'zh-CN');
    const en = t(code, example as never, 'en');
    expect(zh.trim().length).toBeGreaterThan(0);
    expect(CJK.test(withoutParams(zh, example))).toBe(true);
    expect(withoutParams(zh, example)).not.toMatch(ENGLISH_PHRASE);
    expect(en.trim().length).toBeGreaterThan(0);
    expect(CJK.test(withoutParams(en, example).replace(/（[^）]*）|\([^)]*\)/g, ''))).toBe(false);
    expect(zh).not.toBe(en);
  });
});

describe('locale negotiation', () => {
  it.each([
    [undefined, 'zh-CN'],
    ['', 'zh-CN'],
    ['en', 'en'],
    ['en-US,en;q=0.9', 'en'],
    ['zh-CN,zh;q=0.9,en;q=0.8', 'zh-CN'],
    ['zh-Hans', 'zh-CN'],
    ['en;q=0.5, zh;q=0.9', 'zh-CN'],
    ['fr-FR, en;q=0.3', 'en'],
    ['fr-FR', 'zh-CN'],
    ['*', 'zh-CN'],
    ['en;q=0', 'zh-CN'],
  ])('%s → %s', (header, locale) => {
    expect(negotiateLocale(header)).toBe(locale);
  });

  it('reads --lang values and refuses others', () => {
    expect(parseLocale('zh')).toBe('zh-CN');
    expect(parseLocale('EN')).toBe('en');
    expect(parseLocale('de')).toBeNull();
  });

  it('renders in the locale of the run in progress, zh-CN outside any', async () => {
    expect(currentLocale()).toBe('zh-CN');
    const inside = await withLocale('en', async () => {
      await new Promise((r) => setTimeout(r, 1));
      return t('VALUE_TOO_LONG', { field: 'orderBy', max: 100, length: 240 });
    });
    expect(inside).toBe('orderBy is limited to 100 characters (got 240)');
    expect(t('VALUE_TOO_LONG', { field: 'orderBy', max: 100, length: 240 })).toBe('orderBy最多 100 个字符（实为 240 个）');
    expect(LOCALES).toEqual(['zh-CN', 'en']);
  });
});
