import { Readable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { MAX_CSV_RECORD_CHARS, csvRecordBatches } from '../../../src/ingestion/readers/csv';
import { FileFormatError } from '../../../src/ingestion/readers/types';

// The reader splits plain text itself and hands the rest of a file to csv-parse's core (readers/csv.ts). Whatever
// the text and however it is cut into chunks, the records (and the row of a refusal) must be csv-parse's own.
const OPTIONS = { bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: false, max_record_size: MAX_CSV_RECORD_CHARS };

function reference(bytes: Buffer): string {
  try {
    return JSON.stringify(parse(bytes, OPTIONS));
  } catch (err) {
    return `refused at row ${(err as { records: number }).records + 1}`;
  }
}

async function read(chunks: Buffer[]): Promise<string> {
  const records: string[][] = [];
  try {
    for await (const batch of csvRecordBatches(Readable.from(chunks), 'utf-8')) {
      batch.forEach((row) => {
        expect(row.rowNumber).toBe(records.length + 1); // numbered in order, from 1
        records.push(row.cells);
      });
    }
    return JSON.stringify(records);
  } catch (err) {
    expect(err).toBeInstanceOf(FileFormatError);
    return `refused at row ${(err as FileFormatError).rowNumber}`;
  }
}

/** A small deterministic generator (the same cases every run). */
function random(seed: number): (n: number) => number {
  let state = seed;
  return (n) => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state % n;
  };
}

const PIECES = ['a', 'b', '学校', ',', ',', '\n', '\r\n', '\r', '"', '""', ' ', 'x,y', '\ufeff', '１２'];

describe('CSV records: the plain-text fast path reads exactly what csv-parse reads', () => {
  it('agrees on 3,000 random texts cut into random chunks (quotes, BOMs, CR, LF and CRLF mixed)', async () => {
    const next = random(7);
    let refused = 0;
    for (let t = 0; t < 3000; t++) {
      let text = '';
      for (let k = next(30); k > 0; k--) text += PIECES[next(PIECES.length)];
      const bytes = Buffer.from(text, 'utf8');
      const chunks: Buffer[] = [];
      for (let at = 0; at < bytes.length; ) {
        const size = 1 + next(12);
        chunks.push(bytes.subarray(at, at + size));
        at += size;
      }
      const expected = reference(bytes);
      if (expected.startsWith('refused')) refused += 1;
      expect({ text, records: await read(chunks) }).toEqual({ text, records: expected });
    }
    expect(refused).toBeGreaterThan(100); // the cases include broken quoting
  });

  it('switches to csv-parse after many plain rows: quoted cells and row numbers continue', async () => {
    const plain = Array.from({ length: 5000 }, (_, i) => `T${i},2024,学校${i}\r\n`).join('');
    const bytes = Buffer.from('\ufeffid,year,name\r\n' + plain + 'T9,2024,"a, ""quoted"" name"\r\nT10,2024,b\r\n', 'utf8');
    const chunks = [bytes.subarray(0, 70_000), bytes.subarray(70_000)];
    const records = JSON.parse(await read(chunks)) as string[][];
    expect(records).toEqual(parse(bytes, OPTIONS));
    expect(records[5001]).toEqual(['T9', '2024', 'a, "quoted" name']);
    const broken = Buffer.from('id,year\r\n' + plain + 'T9,"2024\r\n', 'utf8');
    expect(await read([broken.subarray(0, 100_000), broken.subarray(100_000)])).toBe(reference(broken));
  });

  it('refuses a plain line over the record limit at the same row as csv-parse', async () => {
    const bytes = Buffer.from('id,note\nT1,short\nT2,' + 'x'.repeat(MAX_CSV_RECORD_CHARS + 10) + '\nT3,ok\n', 'utf8');
    const chunks: Buffer[] = [];
    for (let at = 0; at < bytes.length; at += 1 << 16) chunks.push(bytes.subarray(at, at + (1 << 16)));
    expect(await read(chunks)).toBe(reference(bytes));
    expect(reference(bytes)).toBe('refused at row 3');
  });
});
