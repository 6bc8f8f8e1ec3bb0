import type { Locale } from './locale';

/** A message inside another one's figures (the engine composes: a blocker quotes its indicator's message). */
export interface NestedMessage {
  code: string;
  params: MessageParams;
}

/** One figure: a plain JSON value, or a nested message (still JSON: `{code, params}`). */
export type MessageParam = string | number | boolean | null | readonly (string | number)[] | NestedMessage | readonly NestedMessage[];

/** The figures a message is written with: plain JSON values, so a front-end can render its own text from them. */
export type MessageParams = { [name: string]: MessageParam };

/**
 * One message of the catalogue: the sentence in each locale, written from the same parameters, and an example of
 * those parameters (the catalogue test renders every code in both locales from it).
 */
export interface MessageEntry<P extends MessageParams> {
  'zh-CN': (p: P) => string;
  en: (p: P) => string;
  example: P;
}

/** Declares a group of messages (one file per area of the hub) with their parameter types checked. */
export function defineMessages<T extends { [code: string]: MessageParams }>(entries: { [K in keyof T]: MessageEntry<T[K]> }): { [K in keyof T]: MessageEntry<T[K]> } {
  return entries;
}

export type RenderFn = (locale: Locale) => string;

let nestedRenderer: ((m: NestedMessage, locale: Locale) => string) | null = null;

/** Set once by the catalogue's index: how a nested message is rendered (kept here to avoid an import cycle). */
export function setNestedRenderer(fn: (m: NestedMessage, locale: Locale) => string): void {
  nestedRenderer = fn;
}

/** A nested message in `locale` (used by catalogue entries whose figures hold messages). */
export function nested(locale: Locale, m: NestedMessage): string {
  if (!nestedRenderer) throw new Error('message catalogue not loaded');
  return nestedRenderer(m, locale);
}
