import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable, Transform, TransformCallback, pipeline as pipe } from 'node:stream';
import { msg } from '../messages';
import { Breather } from './breather';
import { DatasetDefinition } from './datasets';
import { readCsvBatches } from './readers/csv';
import { Sniffed, Sniffer } from './readers/sniff';
import { FileFormatError, RawRow, ReadOptions, SheetBatch, SheetRow } from './readers/types';
import { readXlsx } from './readers/xlsx';

export type SheetFormat = 'csv' | 'xlsx';

export const CONTENT_TYPES: Readonly<Record<SheetFormat, string>> = {
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** Where the rows of one delivery come from: a file, an uploaded body, or generated rows (the seed). */
export interface RowSource {
  fileName: string;
  /** Known before reading for files and bodies; for generated rows, known once they have all been read. */
  sha256(): string | null;
  bytesRead(): number;
  bytesTotal: number | null;
  /** Whether a header without rows is a mistake (files) or simply nothing to load (generated rows). */
  isFile: boolean;
  /** The text encoding of a CSV (`utf-8`, `gb18030`), null for a workbook or generated rows. */
  encoding: string | null;
  /** The data rows in batches (see SheetBatch). */
  batches(options: ReadOptions): AsyncIterable<SheetBatch>;
}

/** Bytes hashed and judged (sniff.ts) between two yields to the event loop. */
const SLICE = 1 << 20;

/** What the bytes are decides how they are read: the name and Content-Type only say what the sender thought. */
function readSheet(sniffed: Sniffed, open: () => Readable, workbook: Buffer | string, options: ReadOptions): AsyncIterable<SheetBatch> {
  switch (sniffed.kind) {
    case 'xlsx':
      return inBatches(readXlsx(workbook, options));
    case 'xls':
      return refuse(new FileFormatError(msg('IMPORT_XLS_FORMAT', {})));
    case 'utf16':
      return refuse(new FileFormatError(msg('IMPORT_UTF16', { variant: sniffed.variant })));
    case 'binary':
      return refuse(new FileFormatError(msg('IMPORT_NOT_TEXT', {})));
    case 'text':
      if (sniffed.damagedUtf8AtLine !== undefined) return refuse(new FileFormatError(msg('IMPORT_DAMAGED_UTF8', {}), sniffed.damagedUtf8AtLine));
      return readCsvBatches(open(), options, sniffed.encoding);
  }
}

/** Rows per batch when rows come one at a time (a workbook, generated rows). */
const BATCH_ROWS = 1000;

/** Keyed rows as batches: the header is the rows' own keys (the same for every row of a sheet). */
async function* inBatches(rows: AsyncIterable<SheetRow>): AsyncGenerator<SheetBatch> {
  let header: string[] | null = null;
  let batch: RawRow[] = [];
  for await (const row of rows) {
    const keys = Object.keys(row.values);
    if (header !== null && (keys.length !== header.length || keys.some((k, i) => k !== header![i]))) {
      if (batch.length > 0) yield { header, rows: batch, flagOverflow: false };
      batch = [];
      header = null;
    }
    header ??= keys;
    batch.push({ rowNumber: row.rowNumber, cells: keys.map((k) => row.values[k]), overflow: row.overflow === true });
    if (batch.length >= BATCH_ROWS) {
      yield { header, rows: batch, flagOverflow: false };
      batch = [];
    }
  }
  if (header !== null && batch.length > 0) yield { header, rows: batch, flagOverflow: false };
}

const encodingOf = (sniffed: Sniffed) => (sniffed.kind === 'text' ? sniffed.encoding : null);

// eslint-disable-next-line require-yield
async function* refuse(err: Error): AsyncGenerator<SheetBatch> {
  throw err;
}

/** Counts and hashes the bytes flowing through it. */
class Tap extends Transform {
  bytes = 0;
  readonly hash = createHash('sha256');
  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.bytes += chunk.length;
    this.hash.update(chunk);
    callback(null, chunk);
  }
}

/** Hashes a file and judges what it is, in one pass. */
async function examineFile(filePath: string): Promise<{ sha256: string; sniffed: Sniffed; size: number; mtimeMs: number }> {
  const hash = createHash('sha256');
  const sniffer = new Sniffer();
  const stat = await fs.promises.stat(filePath);
  for await (const chunk of fs.createReadStream(filePath, { highWaterMark: SLICE })) {
    hash.update(chunk as Buffer);
    sniffer.update(chunk as Buffer);
  }
  return { sha256: hash.digest('hex'), sniffed: sniffer.result(), size: stat.size, mtimeMs: stat.mtimeMs };
}

export async function sha256OfFile(filePath: string): Promise<string> {
  return (await examineFile(filePath)).sha256;
}

/** A file on disk: hashed first (to recognise a repeated delivery without reading it), then streamed. */
export async function fileSource(filePath: string, fileName = path.basename(filePath)): Promise<RowSource> {
  const { sha256, sniffed, size, mtimeMs } = await examineFile(filePath);
  let tap: Tap | null = null;
  let workbookRead = false;
  return {
    fileName,
    isFile: true,
    bytesTotal: size,
    encoding: encodingOf(sniffed),
    sha256: () => sha256,
    bytesRead: () => tap?.bytes ?? (workbookRead ? size : 0),
    batches(options) {
      if (sniffed.kind === 'xlsx') {
        workbookRead = true;
        return verifyStat(readSheet(sniffed, () => Readable.from([]), filePath, options), filePath, size, mtimeMs);
      }
      const open = () => {
        const current = (tap = new Tap());
        // pipeline() passes read errors on (pipe() would not); the reader sees them as a destroyed stream.
        pipe(fs.createReadStream(filePath), current, () => undefined);
        return current;
      };
      return verifyUnchanged(readSheet(sniffed, open, filePath, options), () => tap, sha256);
    },
  };
}

const changed = () => new FileFormatError(msg('IMPORT_FILE_CHANGED', {}));

/** The bytes read must be the bytes hashed: a file rewritten during the import is refused, not half-read. */
async function* verifyUnchanged<T>(rows: AsyncIterable<T>, tap: () => Tap | null, sha256: string): AsyncGenerator<T> {
  yield* rows;
  const t = tap();
  if (t && t.hash.digest('hex') !== sha256) throw changed();
}

/** A workbook is read by random access (its directory is at the end): a rewrite shows in its size or time. */
async function* verifyStat<T>(rows: AsyncIterable<T>, filePath: string, size: number, mtimeMs: number): AsyncGenerator<T> {
  yield* rows;
  const stat = await fs.promises.stat(filePath);
  if (stat.size !== size || stat.mtimeMs !== mtimeMs) throw changed();
}

function* slices(content: Buffer, size = 1 << 16): Generator<Buffer> {
  for (let offset = 0; offset < content.length; offset += size) yield content.subarray(offset, offset + size);
}

/**
 * A file received in memory (HTTP upload). Hashed and judged in slices with yields between them: hashing 200 MB in
 * one call would hold the event loop for most of a second.
 */
export async function bufferSource(content: Buffer, fileName: string): Promise<RowSource> {
  const hash = createHash('sha256');
  const sniffer = new Sniffer();
  const breather = new Breather();
  for (const slice of slices(content, SLICE)) {
    hash.update(slice);
    sniffer.update(slice);
    await breather.breathe();
  }
  const sha256 = hash.digest('hex');
  const sniffed = sniffer.result();
  let consumed = 0;
  return {
    fileName,
    isFile: true,
    bytesTotal: content.length,
    encoding: encodingOf(sniffed),
    sha256: () => sha256,
    bytesRead: () => consumed,
    batches(options) {
      consumed = content.length;
      // Small chunks: the CSV parser works through one chunk at a time without yielding.
      return readSheet(sniffed, () => Readable.from(slices(content)), content, options);
    },
  };
}

function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * Generated rows (the demo seed) through the same pipeline. Unless a sha256 is given, the delivery is identified by
 * the hash of the CSV text the rows would make — the dataset's columns in contract order — computed as they stream.
 */
export function generatedSource(
  definition: DatasetDefinition,
  rows: AsyncIterable<Record<string, string>> | Iterable<Record<string, string>>,
  fileName: string,
  givenSha256?: string,
): RowSource {
  const names = definition.columns.map((c) => c.name);
  const hash = givenSha256 ? null : createHash('sha256');
  let digest: string | null = givenSha256 ?? null;
  let bytes = 0;
  return {
    fileName,
    isFile: false,
    bytesTotal: null,
    encoding: null,
    sha256: () => digest,
    bytesRead: () => bytes,
    batches(options) {
      return inBatches(rowsOf(options));
    },
  };

  async function* rowsOf(options: ReadOptions): AsyncGenerator<SheetRow> {
    let pending = '';
    const feed = (text: string) => {
      bytes += text.length;
      if (!hash) return;
      pending += text;
      if (pending.length >= 1 << 16) {
        hash.update(pending);
        pending = '';
      }
    };
    let rowNumber = 1;
    for await (const record of rows as AsyncIterable<Record<string, string>>) {
      if (rowNumber === 1) {
        options.onHeader?.(Object.keys(record), 1);
        feed(names.join(',') + '\n');
      }
      rowNumber += 1;
      const values: Record<string, string> = {};
      let line = '';
      for (let i = 0; i < names.length; i++) {
        const raw = record[names[i]];
        const text = raw === undefined || raw === null ? '' : String(raw);
        values[names[i]] = text;
        line += (i === 0 ? '' : ',') + csvCell(text);
      }
      feed(line + '\n');
      yield { rowNumber, values };
    }
    if (hash) {
      hash.update(pending);
      digest = hash.digest('hex');
    }
  }
}
