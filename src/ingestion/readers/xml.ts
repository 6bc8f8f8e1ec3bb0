import { StringDecoder } from 'node:string_decoder';
import type { Readable } from 'node:stream';
import { SaxesParser, SaxesTagPlain } from 'saxes';
import { msg } from '../../messages';
import { FileFormatError } from './types';

/** Markup (a tag with its attributes, a comment, CDATA) longer than this is not a spreadsheet's. */
const MAX_MARKUP_CHARS = 64 * 1024;

export interface XmlHandlers {
  open(name: string, attributes: Record<string, string>): void;
  close(name: string): void;
  text(text: string): void;
}

/** A tag's local name: `x:row` and `row` are the same element (some writers prefix the main namespace). */
export const localName = (name: string): string => {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
};

/**
 * Streams an XML part through saxes, calling the handlers, and yields control after every chunk so the caller can
 * hand out what the handlers collected. saxes holds a text run or a tag whole until it ends, so the text between
 * two tags and the markup of one tag are bounded here, on the raw text, before saxes ever holds them: a 1 GiB cell
 * is refused after reading `maxTextChars`, not after allocating it.
 */
export async function* parseXml(stream: Readable, part: string, handlers: XmlHandlers, maxTextChars: number): AsyncGenerator<void> {
  const parser = new SaxesParser({ xmlns: false, position: false });
  let failure: unknown = null;
  parser.on('opentag', (tag: SaxesTagPlain) => handlers.open(localName(tag.name), tag.attributes as Record<string, string>));
  parser.on('closetag', (tag: SaxesTagPlain) => handlers.close(localName(tag.name)));
  parser.on('text', (text: string) => handlers.text(text));
  parser.on('cdata', (text: string) => handlers.text(text));
  parser.on('error', (err: unknown) => (failure ??= err));

  const decoder = new StringDecoder('utf8');
  let inMarkup = false;
  let run = 0; // characters since the last '<' (text) or '>' (markup)
  // Entities make the raw text longer than the value (&quot; is six characters for one): allow for that here and
  // check the value itself where it is used.
  const maxRaw = maxTextChars * 10;
  const guard = (chunk: string) => {
    let i = 0;
    while (i < chunk.length) {
      const next = chunk.indexOf(inMarkup ? '>' : '<', i);
      const end = next < 0 ? chunk.length : next;
      run += end - i;
      if (inMarkup ? run > MAX_MARKUP_CHARS : run > maxRaw) {
        throw inMarkup
          ? new FileFormatError(msg('IMPORT_XML_MARKUP_TOO_LONG', { part }), null, true)
          : new FileFormatError(msg('IMPORT_CELL_TOO_LONG', { limit: maxTextChars }), null, true);
      }
      if (next < 0) break;
      inMarkup = !inMarkup;
      run = 0;
      i = next + 1;
    }
  };

  try {
    for await (const chunk of stream) {
      const text = decoder.write(chunk as Buffer);
      guard(text);
      parser.write(text);
      if (failure) break;
      yield;
    }
    if (!failure) {
      const rest = decoder.end();
      guard(rest);
      parser.write(rest);
      parser.close();
    }
  } catch (err) {
    if (err instanceof FileFormatError) throw err;
    failure ??= err;
  } finally {
    stream.destroy();
  }
  if (failure) throw failure instanceof FileFormatError ? failure : new FileFormatError(msg('IMPORT_XLSX_DAMAGED', { part }));
  yield;
}

/** Parses a small part whole (relationships, workbook, styles). */
export async function parseXmlText(stream: Readable, part: string, handlers: XmlHandlers, maxTextChars: number): Promise<void> {
  for await (const _ of parseXml(stream, part, handlers, maxTextChars));
}
