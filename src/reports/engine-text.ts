import { Message, render, type Locale } from '../messages';

/**
 * The one place where the reports show a sentence written by the compliance engine or the funding rule (indicator
 * messages, blockers, shortfalls, funding notes, the precondition). Those are being turned from English strings
 * into catalogue messages (code + figures); this renders either form in the report's locale, so the switch
 * needs no other edit here.
 */
export function engineText(text: string | Message | null | undefined, locale: Locale): string | null {
  if (text === null || text === undefined) return null;
  return typeof text === 'string' ? text : render(text, locale);
}
