import { parse } from 'csv-parse';
import { Readable, Transform, TransformCallback, pipeline } from 'node:stream';
import { FileFormatError, ReadOptions, SheetRow, isBlank } from './types';

/**
 * Passes bytes through unchanged while checking they are UTF-8. Excel's plain "CSV" on a Chinese Windows writes
 * GBK; decoding that as UTF-8 would silently turn names into replacement characters.
 */
class Utf8Check extends Transform {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    try {
      this.decoder.decode(chunk, { stream: true });
      callback(null, chunk);
    } catch {
      callback(notUtf8());
    }
  }

  override _flush(callback: TransformCallback): void {
    try {
      this.decoder.decode();
      callback();
    } catch {
      callback(notUtf8());
    }
  }
}

function notUtf8(): FileFormatError {
  return new FileFormatError(
    'the file is not UTF-8 text (Excel\'s plain "CSV" saves GBK): save it as "CSV UTF-8 (逗号分隔)" or as .xlsx',
  );
}

const CSV_ERRORS: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: 'a quoted value is never closed (a " is missing)',
  CSV_INVALID_CLOSING_QUOTE: 'a quoted value is followed by other characters before the next comma',
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: 'a quoted value is followed by other characters before the next comma',
};

function toFormatError(err: unknown): unknown {
  const { code, records } = err as { code?: string; records?: number };
  if (!code || !code.startsWith('CSV_')) return err;
  // The parser runs ahead of the rows we have taken: its own record count locates the broken one.
  const rowNumber = typeof records === 'number' ? records + 1 : null;
  return new FileFormatError(`the CSV is malformed: ${CSV_ERRORS[code] ?? (err as Error).message}`, rowNumber);
}

/**
 * Reads a CSV file (UTF-8, with or without BOM, comma-separated, header row) as rows keyed by header. Streams:
 * memory does not grow with the file. Blank rows are skipped but still counted, so row numbers match Excel's.
 */
export async function* readCsv(input: Readable, options: ReadOptions = {}): AsyncGenerator<SheetRow> {
  const parser = parse({ bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: false });
  // Errors reach the loop below through the parser, which pipeline() destroys with them.
  pipeline(input, new Utf8Check(), parser, () => undefined);
  let header: string[] | null = null;
  let rowNumber = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      rowNumber += 1;
      if (isBlank(record)) continue;
      if (header === null) {
        header = record.map((h) => h.trim());
        options.onHeader?.(header, rowNumber);
        continue;
      }
      yield toRow(header, record, rowNumber);
    }
  } catch (err) {
    throw toFormatError(err);
  } finally {
    input.destroy();
  }
  if (header === null) throw new FileFormatError('the file is empty: expected a header row');
}

function toRow(header: readonly string[], record: readonly string[], rowNumber: number): SheetRow {
  const values: Record<string, string> = {};
  for (let i = 0; i < header.length; i++) {
    const name = header[i];
    if (name !== '' && values[name] === undefined) values[name] = record[i] ?? '';
  }
  const overflow = record.length > header.length && !isBlank(record.slice(header.length));
  return overflow ? { rowNumber, values, overflow } : { rowNumber, values };
}
