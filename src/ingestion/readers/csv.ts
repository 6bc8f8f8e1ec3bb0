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

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;
const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);
/** An unfinished line longer than this goes to csv-parse, which owns the row-too-long refusal (MAX_CSV_RECORD_CHARS). */
const PLAIN_CARRY_LIMIT = 1 << 16;

/**
 * The fast path for the usual delivery: as long as the text has no double quote and its lines end the same way,
 * a CSV record is a line and its cells are the line split at commas. That is exactly what csv-parse makes of such
 * text (no quoting to undo; its record delimiter is the first line ending in the file, as here), at a fraction of
 * the cost: one string per line instead of a Buffer slice and a string per cell. At the first chunk that is not
 * plain (a quote, a lone CR or LF, a line too long) the rest of the file, from the start of the unfinished line, goes
 * to csv-parse: the two never see the same bytes, and row numbers continue.
 */
class PlainLines {
  /** The line ending, once seen: CRLF or LF (a file with CR alone goes to csv-parse). */
  private crlf: boolean | null = null;
  private carry: Buffer = Buffer.alloc(0);
  private first = true;

  /** The records of `chunk` (with the unfinished line carried over), or null if this text is not plain. */
  take(chunk: Buffer): string[][] | null {
    let buf = this.carry.length > 0 ? Buffer.concat([this.carry, chunk]) : chunk;
    if (this.first) {
      // As csv-parse: the BOM is looked for once three bytes are there.
      if (buf.length < 3) {
        this.carry = buf;
        return [];
      }
      this.first = false;
      if (buf.subarray(0, 3).equals(UTF8_BOM)) buf = buf.subarray(3);
    }
    if (buf.indexOf(QUOTE) >= 0) return this.refuse(buf);
    const records: string[][] = [];
    let start = 0;
    for (let nl = buf.indexOf(LF); nl >= 0; nl = buf.indexOf(LF, start)) {
      const cr = nl > start && buf[nl - 1] === CR;
      if (this.crlf === null) {
        const firstCr = buf.indexOf(CR, start);
        if (firstCr >= 0 && firstCr < nl - 1) return this.refuse(buf, start, records); // CR alone ends a line first
        this.crlf = cr;
      }
      if (cr !== this.crlf) return this.refuse(buf, start, records);
      records.push(buf.toString('utf8', start, cr ? nl - 1 : nl).split(','));
      start = nl + 1;
    }
    this.carry = buf.subarray(start);
    // A long unfinished line, or a CR with no LF yet in a file whose line ending is not known: csv-parse's case.
    if (this.carry.length > PLAIN_CARRY_LIMIT || (this.crlf === null && this.carry.indexOf(CR) >= 0 && this.carry.indexOf(CR) < this.carry.length - 1)) {
      return this.refuse(this.carry, 0, records);
    }
    return records;
  }

  /** The last line (a file need not end with a line ending), or null if csv-parse should see it. */
  end(): string[][] | null {
    if (this.carry.length === 0) return [];
    if (this.carry.indexOf(CR) >= 0 || this.carry.indexOf(QUOTE) >= 0) return this.refuse(this.carry);
    const last = [this.carry.toString('utf8').split(',')];
    this.carry = Buffer.alloc(0);
    return last;
  }

  /** What csv-parse must read from here on (set when `take` or `end` returned null), and the line ending seen. */
  rest: Buffer = Buffer.alloc(0);
  restRecords: string[][] = [];

  get lineEnding(): string | undefined {
    return this.crlf === null ? undefined : this.crlf ? '\r\n' : '\n';
  }

  private refuse(buf: Buffer, from = 0, records: string[][] = []): null {
    this.rest = buf.subarray(from);
    this.restRecords = records;
    this.carry = Buffer.alloc(0);
    return null;
  }
}

/**
 * The raw records of a CSV in `encoding` (a UTF-8 BOM is dropped), with spreadsheet row numbers, one batch per chunk
 * of input (64 KB: a few hundred rows, a few milliseconds of work). Plain text takes the fast path (PlainLines);
 * anything else is split by csv-parse's own parser core, so quoting, BOM and error semantics are csv-parse's; only its
 * stream wrapper (one object-mode push and one await per record) is left out.
 */
export async function* csvRecordBatches(input: Readable, encoding: TextEncoding): AsyncGenerator<RawRow[]> {
  const decoder = encoding === 'gb18030' ? new Gb18030Decoder() : null;
  let plain: PlainLines | null = new PlainLines();
  let core: ParserCore | null = null;
  let rowNumber = 0;
  // Records read before csv-parse took over: its own count (in its errors) starts after them.
  let plainRecords = 0;
  let batch: RawRow[] = [];
  const push = (record: string[]) => {
    rowNumber += 1;
    batch.push({ rowNumber, cells: record });
  };
  const close = () => undefined;
  const takeOver = () => {
    const lineEnding = plain!.lineEnding;
    // The stream's `api` is its parser core (csv-parse does not export it by another path). The BOM is behind us.
    const options = { ...CSV_OPTIONS, bom: false, ...(lineEnding ? { record_delimiter: lineEnding } : {}) };
    core = (parse(options) as unknown as { api: ParserCore }).api;
    const rest = plain!.rest;
    plain = null;
    return rest;
  };
  // A chunk that fails (broken quoting, bytes that are not GB18030) yields none of its rows, as the stream did.
  const feed = (chunk: Buffer | undefined, end: boolean): RawRow[] => {
    batch = [];
    if (plain) {
      const records = chunk === undefined ? plain.end() : plain.take(chunk);
      if (records !== null) {
        records.forEach(push);
        plainRecords += records.length;
        return batch;
      }
      plain.restRecords.forEach(push);
      plainRecords += plain.restRecords.length;
      chunk = takeOver();
    }
    const err = core!.parse(chunk, end, push, close);
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
    const e = err as { records?: number };
    if (core !== null && typeof e.records === 'number') e.records += plainRecords;
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
