import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable, Transform, TransformCallback, pipeline as pipe } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DatasetDefinition } from './datasets';
import { readCsv } from './readers/csv';
import { FileFormatError, ReadOptions, SheetRow } from './readers/types';
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
  rows(options: ReadOptions): AsyncIterable<SheetRow>;
}

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/** What a file looks like; `xls` (the old binary format) cannot be read and is refused with advice. */
export type DetectedFormat = SheetFormat | 'xls';

/** By extension, else by content (an XLSX is a zip). */
export function detectFormat(fileName: string, firstBytes: Buffer): DetectedFormat {
  const ext = path.extname(fileName).toLowerCase();
  if (ext === '.xls') return 'xls';
  if (ext === '.xlsx') return 'xlsx';
  if (ext === '.csv' || ext === '.txt') return 'csv';
  return firstBytes.subarray(0, 4).equals(ZIP_MAGIC) ? 'xlsx' : 'csv';
}

function readSheet(format: DetectedFormat, input: Readable, options: ReadOptions): AsyncIterable<SheetRow> {
  if (format === 'xlsx') return readXlsx(input, options);
  if (format === 'csv') return readCsv(input, options);
  input.destroy();
  return refuse(new FileFormatError('the old Excel .xls format is not accepted: save the sheet as .xlsx or as CSV UTF-8'));
}

// eslint-disable-next-line require-yield
async function* refuse(err: Error): AsyncGenerator<SheetRow> {
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

export async function sha256OfFile(filePath: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(fs.createReadStream(filePath), hash);
  return hash.digest('hex');
}

/** A file on disk: hashed first (to recognise a repeated delivery without reading it), then streamed. */
export async function fileSource(filePath: string, fileName = path.basename(filePath)): Promise<RowSource & { format: DetectedFormat }> {
  const handle = await fs.promises.open(filePath, 'r');
  let head: Buffer;
  let size: number;
  try {
    size = (await handle.stat()).size;
    head = Buffer.alloc(Math.min(4, size));
    await handle.read(head, 0, head.length, 0);
  } finally {
    await handle.close();
  }
  const format = detectFormat(fileName, head);
  const sha256 = await sha256OfFile(filePath);
  let tap: Tap | null = null;
  return {
    fileName,
    format,
    isFile: true,
    bytesTotal: size,
    sha256: () => sha256,
    bytesRead: () => tap?.bytes ?? 0,
    rows(options) {
      const current = (tap = new Tap());
      // pipeline() passes read errors on (pipe() would not); the reader sees them as a destroyed stream.
      pipe(fs.createReadStream(filePath), current, () => undefined);
      return verifyUnchanged(readSheet(format, current, options), current, sha256);
    },
  };
}

/** The bytes read must be the bytes hashed: a file rewritten during the import is refused, not half-read. */
async function* verifyUnchanged(rows: AsyncIterable<SheetRow>, tap: Tap, sha256: string): AsyncGenerator<SheetRow> {
  yield* rows;
  if (tap.hash.digest('hex') !== sha256) throw new FileFormatError('the file changed while it was being imported: import it again');
}

/** A file received in memory (HTTP upload). */
export function bufferSource(content: Buffer, fileName: string, format: SheetFormat): RowSource {
  const sha256 = createHash('sha256').update(content).digest('hex');
  let consumed = 0;
  return {
    fileName,
    isFile: true,
    bytesTotal: content.length,
    sha256: () => sha256,
    bytesRead: () => consumed,
    rows(options) {
      consumed = content.length;
      return readSheet(format, Readable.from([content]), options);
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
    sha256: () => digest,
    bytesRead: () => bytes,
    async *rows(options) {
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
    },
  };
}
