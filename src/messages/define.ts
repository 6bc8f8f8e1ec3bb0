import type { Locale } from './locale';

/** The figures a message is written with: plain JSON values, so a front-end can render its own text from them. */
export type MessageParams = Record<string, string | number | boolean | null | readonly (string | number)[]>;

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
