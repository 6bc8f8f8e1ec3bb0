import { parse } from 'csv-parse';
import iconv from 'iconv-lite';
import { Readable } from 'node:stream';
import { msg } from '../../messages';
import { headedBatches, keyed } from './sheet';
import { TextEncoding } from './sniff';
import { FileFormatError, RawRow, ReadOptions, SheetBatch, SheetRow } from './types';

/** A CSV row (all its cells, in bytes as read) longer than this is refused before it is held: no real row comes near. */
export const MAX_CSV_RECORD_CHARS = 1024 * 1024;

/**
 * Decodes GB18030 (a superset of GBK, what Excel on a Chinese Windows saves as "CSV"), refusing the file at the
 * first byte sequence that is not GB18030 rather than turning it into replacement characters.
 */
class Gb18030Decoder {
  private readonly decoder = iconv.getDecoder('gb18030');
  private line = 1;

  private check(text: string): Buffer {
    const bad = text.indexOf('\ufffd');
    if (bad >= 0) {
      const before = text.slice(0, bad);
      throw new FileFormatError(msg('IMPORT_NOT_TEXT', {}), this.line + (before.match(/\n/g)?.length ?? 0));
    }
    this.line += text.match(/\n/g)?.length ?? 0;
    return Buffer.from(text, 'utf8');
  }

  write(chunk: Buffer): Buffer {
    return this.check(this.decoder.write(chunk));
  }

  end(): Buffer {
    return this.check(this.decoder.end() ?? '');
  }
}

/** csv-parse's parser core: the same state machine its stream runs, called directly on each chunk. */
interface ParserCore {
  parse(chunk: Buffer | undefined, end: boolean, push: (record: string[]) => void, close: () => void): Error | undefined;
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

const CSV_OPTIONS = { bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: false, max_record_size: MAX_CSV_RECORD_CHARS };

/**
 * The raw records of a CSV in `encoding` (a UTF-8 BOM is dropped), with spreadsheet row numbers, one batch per chunk
 * of input (64 KB: a few hundred rows, a few milliseconds of work). csv-parse's own parser does the splitting, so
 * quoting, BOM and error semantics are csv-parse's; only its stream wrapper (one object-mode push and one await
 * per record) is left out.
 */
async function* csvRecordBatches(input: Readable, encoding: TextEncoding): AsyncGenerator<RawRow[]> {
  // The stream's `api` is its parser core (csv-parse does not export it by another path).
  const core = (parse(CSV_OPTIONS) as unknown as { api: ParserCore }).api;
  const decoder = encoding === 'gb18030' ? new Gb18030Decoder() : null;
  let rowNumber = 0;
  let batch: RawRow[] = [];
  const push = (record: string[]) => {
    rowNumber += 1;
    batch.push({ rowNumber, cells: record });
  };
  const close = () => undefined;
  // A chunk that fails (broken quoting, bytes that are not GB18030) yields none of its rows, as the stream did.
  const feed = (chunk: Buffer | undefined, end: boolean): RawRow[] => {
    batch = [];
    const err = core.parse(chunk, end, push, close);
    if (err !== undefined) throw err;
    return batch;
  };
  try {
    for await (const chunk of input as AsyncIterable<Buffer>) {
      const rows = feed(decoder ? decoder.write(chunk) : chunk, false);
      if (rows.length > 0) yield rows;
    }
    if (decoder) {
      const rows = feed(decoder.end(), false);
      if (rows.length > 0) yield rows;
    }
    const rows = feed(undefined, true);
    if (rows.length > 0) yield rows;
  } catch (err) {
    throw toFormatError(err);
  } finally {
    input.destroy();
  }
}

/**
 * Reads a CSV file (comma-separated, header row, UTF-8 with or without BOM, or GB18030) in batches of data rows
 * read against the header. Streams: memory does not grow with the file. Blank rows are skipped but still counted,
 * so row numbers match Excel's; a title row above the header is recognised (sheet.ts).
 */
export async function* readCsvBatches(input: Readable, options: ReadOptions = {}, encoding: TextEncoding = 'utf-8'): AsyncGenerator<SheetBatch> {
  let header = false;
  const onHeader = (h: readonly string[], row: number) => {
    header = true;
    options.onHeader?.(h, row);
  };
  yield* headedBatches(csvRecordBatches(input, encoding), { ...options, onHeader }, true);
  if (!header) throw new FileFormatError(msg('IMPORT_FILE_EMPTY', {}));
}

/** The same as rows keyed by header (one object per row). */
export async function* readCsv(input: Readable, options: ReadOptions = {}, encoding: TextEncoding = 'utf-8'): AsyncGenerator<SheetRow> {
  for await (const batch of readCsvBatches(input, options, encoding)) {
    for (const row of batch.rows) yield keyed(batch.header, row, batch.flagOverflow);
  }
}
