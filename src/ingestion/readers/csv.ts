import { parse } from 'csv-parse';
import iconv from 'iconv-lite';
import { Readable, Transform, TransformCallback, pipeline } from 'node:stream';
import { msg } from '../../messages';
import { keyedRows } from './sheet';
import { TextEncoding } from './sniff';
import { FileFormatError, RawRow, ReadOptions, SheetRow } from './types';

/** A CSV row (all its cells, in bytes as read) longer than this is refused before it is held: no real row comes near. */
export const MAX_CSV_RECORD_CHARS = 1024 * 1024;

/**
 * Decodes GB18030 (a superset of GBK, what Excel on a Chinese Windows saves as "CSV"), refusing the file at the
 * first byte sequence that is not GB18030 rather than turning it into replacement characters.
 */
class Gb18030Decode extends Transform {
  private readonly decoder = iconv.getDecoder('gb18030');
  private line = 1;

  constructor() {
    super({ readableObjectMode: false, decodeStrings: true, encoding: 'utf8' });
  }

  private check(text: string): void {
    const bad = text.indexOf('\ufffd');
    if (bad >= 0) {
      const before = text.slice(0, bad);
      throw new FileFormatError(msg('IMPORT_NOT_TEXT', {}), this.line + (before.match(/\n/g)?.length ?? 0));
    }
    this.line += text.match(/\n/g)?.length ?? 0;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    try {
      const text = this.decoder.write(chunk);
      this.check(text);
      callback(null, text);
    } catch (err) {
      callback(err as Error);
    }
  }

  override _flush(callback: TransformCallback): void {
    try {
      const text = this.decoder.end() ?? '';
      this.check(text);
      callback(null, text);
    } catch (err) {
      callback(err as Error);
    }
  }
}

const CSV_ERRORS = {
  CSV_QUOTE_NOT_CLOSED: 'IMPORT_CSV_QUOTE_NOT_CLOSED',
  CSV_INVALID_CLOSING_QUOTE: 'IMPORT_CSV_AFTER_QUOTE',
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: 'IMPORT_CSV_AFTER_QUOTE',
} as const;

function toFormatError(err: unknown): unknown {
  if (err instanceof FileFormatError) return err;
  const { code, records } = err as { code?: string; records?: number };
  if (!code || !code.startsWith('CSV_')) return err;
  // The parser runs ahead of the rows we have taken: its own record count locates the broken one.
  const rowNumber = typeof records === 'number' ? records + 1 : null;
  if (code === 'CSV_MAX_RECORD_SIZE') return new FileFormatError(msg('IMPORT_ROW_TOO_LONG', { limit: MAX_CSV_RECORD_CHARS }), rowNumber, true);
  const known = CSV_ERRORS[code as keyof typeof CSV_ERRORS];
  return new FileFormatError(known ? msg(known, {}) : msg('IMPORT_CSV_MALFORMED', { detail: code }), rowNumber);
}

/** The raw records of a CSV in `encoding` (a UTF-8 BOM is dropped), with spreadsheet row numbers. */
async function* csvRecords(input: Readable, encoding: TextEncoding): AsyncGenerator<RawRow> {
  const parser = parse({ bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: false, max_record_size: MAX_CSV_RECORD_CHARS });
  // Errors reach the loop below through the parser, which pipeline() destroys with them.
  if (encoding === 'gb18030') pipeline(input, new Gb18030Decode(), parser, () => undefined);
  else pipeline(input, parser, () => undefined);
  let rowNumber = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      rowNumber += 1;
      yield { rowNumber, cells: record };
    }
  } catch (err) {
    throw toFormatError(err);
  } finally {
    input.destroy();
  }
}

/**
 * Reads a CSV file (comma-separated, header row, UTF-8 with or without BOM, or GB18030) as rows keyed by header.
 * Streams: memory does not grow with the file. Blank rows are skipped but still counted, so row numbers match
 * Excel's; a title row above the header is recognised (sheet.ts).
 */
export async function* readCsv(input: Readable, options: ReadOptions = {}, encoding: TextEncoding = 'utf-8'): AsyncGenerator<SheetRow> {
  let header = false;
  const onHeader = (h: readonly string[], row: number) => {
    header = true;
    options.onHeader?.(h, row);
  };
  yield* keyedRows(csvRecords(input, encoding), { ...options, onHeader }, true);
  if (!header) throw new FileFormatError(msg('IMPORT_FILE_EMPTY', {}));
}
