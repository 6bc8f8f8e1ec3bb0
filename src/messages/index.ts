/**
 * Sentences for people, from one catalogue. Code renders a message by its code and figures:
 * `t('VALUE_TOO_LONG', { field, max, length })` in the locale of the request or run in progress (zh-CN unless the
 * client asked for English), or `render(message, locale)` for a `Message` kept as data (engine results, stored
 * import problems) and rendered when it is read.
 */
import { catalogue, Catalogue } from './catalogue';
import { setNestedRenderer, type MessageEntry, type MessageParams } from './define';
import { currentLocale, Locale } from './locale';

export type MessageCode = keyof Catalogue & string;
export type ParamsOf<C extends MessageCode> = Catalogue[C] extends MessageEntry<infer P> ? P : never;

/** A message kept as data: its code and figures. Render it when it reaches a person; expose both to front-ends. */
export interface Message<C extends MessageCode = MessageCode> {
  code: C;
  params: ParamsOf<C>;
}

export function msg<C extends MessageCode>(code: C, params: ParamsOf<C>): Message<C> {
  return { code, params };
}

/** The sentence of `code` with `params`, in `locale` (default: the current request's or run's). */
export function t<C extends MessageCode>(code: C, params: ParamsOf<C>, locale: Locale = currentLocale()): string {
  const entry = catalogue[code] as unknown as { [L in Locale]: (p: MessageParams) => string } | undefined;
  if (!entry) throw new Error(`message ${String(code)} is not in the catalogue`);
  return entry[locale](params as MessageParams);
}

export function render(message: Message, locale: Locale = currentLocale()): string {
  return t(message.code, message.params as never, locale);
}

setNestedRenderer((m, locale) => render(m as Message, locale));

/** Whether a stored code is still in the catalogue (stored messages outlive code changes). */
export function isMessageCode(code: string): code is MessageCode {
  return Object.prototype.hasOwnProperty.call(catalogue, code);
}

export { currentLocale, DEFAULT_LOCALE, LOCALES, negotiateLocale, parseLocale, withLocale } from './locale';
export type { Locale } from './locale';
export type { MessageParams, NestedMessage } from './define';
