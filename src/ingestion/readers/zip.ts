import { Readable } from 'node:stream';
import yauzl from 'yauzl';
import { msg } from '../../messages';
import { FileFormatError } from './types';

/**
 * Limits on what a workbook may unpack to. A 1 MB zip can hold a 1 GiB part (deflate reaches ~1000:1), so every
 * part is checked against its declared size and compression ratio before a byte is inflated, and yauzl refuses a
 * part that inflates to more than it declared. What is read is then streamed (see xml.ts), never held whole,
 * except the shared strings, which are bounded by their own size and count.
 */
export const XLSX_LIMITS = {
  /** All the parts read (workbook, relationships, styles, shared strings, the sheet), uncompressed. */
  totalBytes: 512 * 1024 * 1024,
  /** The shared-strings part, uncompressed: it is held in memory. */
  sharedStringsBytes: 64 * 1024 * 1024,
  sharedStringsCount: 2_000_000,
  /** Workbook, relationships and styles: small by nature. */
  metadataBytes: 16 * 1024 * 1024,
  /** Uncompressed / compressed size of a part above `ratioFloorBytes`; real sheets stay far below. */
  maxRatio: 200,
  ratioFloorBytes: 1024 * 1024,
  /** Entries in the zip's directory (a workbook has a few dozen). */
  maxEntries: 10_000,
  /** Excel's own limits: 32,767 characters in a cell, 1,048,576 rows, 16,384 columns. */
  cellChars: 32_767,
  rows: 1_048_576,
  columns: 16_384,
} as const;

export type Limits = { -readonly [K in keyof typeof XLSX_LIMITS]: number };

function damaged(part: string): FileFormatError {
  return new FileFormatError(msg('IMPORT_XLSX_DAMAGED', { part }));
}

/** The entries of a zip (an XLSX), read by name with a byte budget. */
export class WorkbookZip {
  private spent = 0;

  private constructor(
    private readonly zip: yauzl.ZipFile,
    private readonly entries: Map<string, yauzl.Entry>,
    readonly limits: Limits,
  ) {}

  /** Opens a zip held in memory or on disk and lists its entries; anything that is not a complete zip is refused. */
  static async open(source: Buffer | string, limits: Limits = XLSX_LIMITS): Promise<WorkbookZip> {
    const options = { lazyEntries: true, validateEntrySizes: true, decodeStrings: true, autoClose: false };
    const zip = await new Promise<yauzl.ZipFile>((resolve, reject) => {
      const done = (err: Error | null, z: yauzl.ZipFile) => (err ? reject(new FileFormatError(msg('IMPORT_XLSX_NOT_ZIP', {}))) : resolve(z));
      if (typeof source === 'string') yauzl.open(source, options, done);
      else yauzl.fromBuffer(source, options, done);
    });
    if (zip.entryCount > limits.maxEntries) {
      zip.close();
      throw new FileFormatError(msg('IMPORT_XLSX_TOO_MANY_PARTS', { limit: limits.maxEntries }), null, true);
    }
    const entries = new Map<string, yauzl.Entry>();
    try {
      await new Promise<void>((resolve, reject) => {
        zip.on('entry', (entry: yauzl.Entry) => {
          entries.set(entry.fileName.replace(/^\/+/, '').toLowerCase(), entry);
          zip.readEntry();
        });
        zip.once('end', () => resolve());
        zip.once('error', () => reject(new FileFormatError(msg('IMPORT_XLSX_NOT_ZIP', {}))));
        zip.readEntry();
      });
    } catch (err) {
      zip.close();
      throw err;
    }
    return new WorkbookZip(zip, entries, limits);
  }

  has(name: string): boolean {
    return this.entries.has(name.toLowerCase());
  }

  /**
   * A part as a stream of text, after checking its declared size against `maxBytes` and the workbook's budget, and
   * its compression ratio. yauzl stops the stream if it inflates beyond the declared size.
   */
  async open(name: string, maxBytes: number): Promise<Readable> {
    const entry = this.entries.get(name.toLowerCase());
    if (!entry) throw new FileFormatError(msg('IMPORT_XLSX_NOT_WORKBOOK', { part: name }));
    if (entry.isEncrypted()) throw new FileFormatError(msg('IMPORT_XLSX_ENCRYPTED', {}));
    const size = entry.uncompressedSize;
    if (size > maxBytes) throw new FileFormatError(msg('IMPORT_XLSX_PART_TOO_LARGE', { part: name, limit: maxBytes }), null, true);
    if (this.spent + size > this.limits.totalBytes) throw new FileFormatError(msg('IMPORT_XLSX_TOO_LARGE', { limit: this.limits.totalBytes }), null, true);
    if (size > this.limits.ratioFloorBytes) {
      const ratio = Math.round(size / Math.max(1, entry.compressedSize));
      if (ratio > this.limits.maxRatio) throw new FileFormatError(msg('IMPORT_XLSX_RATIO', { part: name, ratio, limit: this.limits.maxRatio }), null, true);
    }
    this.spent += size;
    const stream = await new Promise<Readable>((resolve, reject) => {
      this.zip.openReadStream(entry, (err, s) => (err || !s ? reject(damaged(name)) : resolve(s)));
    });
    // Inflation errors (bad data, more bytes than declared) become "damaged", whatever zlib or yauzl called them.
    const out = new Readable({ read() {} });
    stream.on('data', (chunk: Buffer) => {
      if (!out.push(chunk)) stream.pause();
    });
    out._read = () => stream.resume();
    stream.once('end', () => out.push(null));
    stream.once('error', () => out.destroy(damaged(name)));
    out.once('close', () => stream.destroy());
    return out;
  }

  /** A small part whole, as text. */
  async text(name: string, maxBytes: number = this.limits.metadataBytes): Promise<string> {
    const chunks: Buffer[] = [];
    for await (const chunk of await this.open(name, maxBytes)) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  }

  close(): void {
    this.zip.close();
  }
}
