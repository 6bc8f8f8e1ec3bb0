import { Message, render, type Locale, type NestedMessage } from '../messages';

/**
 * The one place where the reports show a sentence written by the compliance engine or the funding rule (indicator
 * messages, blockers, shortfalls, funding notes, the precondition): catalogue messages (code + figures), rendered in
 * the report's locale. A plain string (a message stored before codes) is shown as it is.
 */
export function engineText(text: string | Message | NestedMessage | null | undefined, locale: Locale): string | null {
  if (text === null || text === undefined) return null;
  return typeof text === 'string' ? text : render(text as Message, locale);
}
