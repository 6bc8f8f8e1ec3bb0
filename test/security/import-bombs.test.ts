import http from 'node:http';
import { DataSource } from 'typeorm';
import { readXlsxRaw } from '../../src/ingestion/readers/xlsx';
import { FileFormatError } from '../../src/ingestion/readers/types';
import { Limits, XLSX_LIMITS } from '../../src/ingestion/readers/zip';
import { CONTENT_TYPES } from '../../src/ingestion/sources';
import { openTestDataSource, truncateAll } from '../helpers/database';
import { TestHub } from '../helpers/server';
import { repeated, workbook, ZipEntry } from '../helpers/zip';
import { tableChecksums } from '../integration/ingestion/fixtures';

/**
 * #11.3: a 1 MB XLSX used to take the server out of heap in ~10 s (one inline cell or one shared string expanding to
 * 1 GiB). Each variant below is a real zip bomb, built streaming (a ~1 MB file that inflates to 1 GiB or more); each
 * is refused fast, with the limit in the message, a 4xx, nothing changed, and the heap barely moved.
 */

const GIB = 1024 * 1024 * 1024;
const SHEET_HEAD = '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
const SHEET_TAIL = '</sheetData></worksheet>';

const bombs: Record<string, () => { sheet?: ZipEntry; sharedStrings?: ZipEntry; sheetXml?: string }> = {
  'one inline-string cell of 1 GiB': () => ({
    sheet: repeated('xl/worksheets/sheet1.xml', `${SHEET_HEAD}<row r="1"><c r="A1" t="inlineStr"><is><t>`, 'A', GIB, `</t></is></c></row>${SHEET_TAIL}`),
  }),
  'one shared string of 1 GiB': () => ({
    sharedStrings: repeated('xl/sharedStrings.xml', '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>', 'A', GIB, '</t></si></sst>'),
    sheetXml: `${SHEET_HEAD}<row r="1"><c r="A1" t="s"><v>0</v></c></row>${SHEET_TAIL}`,
  }),
  'a billion rows': () => ({
    sheet: repeated('xl/worksheets/sheet1.xml', SHEET_HEAD, '<row><c><v>1</v></c></row>', GIB, SHEET_TAIL),
  }),
  'a sheet of 1 GiB of markup between the cells': () => ({
    sheet: repeated('xl/worksheets/sheet1.xml', `${SHEET_HEAD}<row r="1">`, ' ', GIB, `</row>${SHEET_TAIL}`),
  }),
};

/** The bomb as a workbook; `lie`: its directory declares 100 KB for the huge part. */
function bombFile(name: string, lie = false): Buffer {
  const parts = bombs[name]();
  const shrink = (e: ZipEntry): ZipEntry => (lie ? { ...e, declaredSize: 100 * 1024 } : e);
  return workbook({
    sheets: [{ name: 'Sheet1', part: 'worksheets/sheet1.xml', xml: parts.sheetXml }],
    sharedStrings: parts.sharedStrings ? shrink(parts.sharedStrings) : undefined,
    extra: parts.sheet ? [shrink(parts.sheet)] : [],
  });
}

/**
 * A POST on a connection of its own: building each bomb takes seconds, longer than the server keeps an idle
 * keep-alive socket (Node's 5 s default), and a reused socket the server already closed fails as ECONNRESET, which
 * says nothing about the bomb.
 */
function postOnFreshConnection(url: string, headers: Record<string, string>, body: Buffer): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', headers: { ...headers, 'content-length': String(body.length) }, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

function withoutAudit(sums: Record<string, string>): Record<string, string> {
  const { audit_event: _a, ...rest } = sums;
  return rest;
}

/** Runs `work` while sampling the heap; returns its result, the time it took and the heap's largest growth. */
async function measured<T>(work: () => Promise<T>): Promise<{ result: T; ms: number; heapGrowthMb: number }> {
  const before = process.memoryUsage().heapUsed;
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 20);
  const t0 = Date.now();
  try {
    const result = await work();
    peak = Math.max(peak, process.memoryUsage().heapUsed);
    return { result, ms: Date.now() - t0, heapGrowthMb: (peak - before) / (1024 * 1024) };
  } finally {
    clearInterval(sampler);
  }
}

describe('zip bombs, read directly (every guard, each with the others relaxed)', () => {
  // The other guards opened wide; the row limit lowered from Excel's 1,048,576 so the test stays quick on a busy machine.
  const relaxed = { ...XLSX_LIMITS, totalBytes: 4 * GIB, sharedStringsBytes: 4 * GIB, maxRatio: 1e9, rows: 100_000 };
  const codeOf = async (file: Buffer, limits: Limits = XLSX_LIMITS) => {
    try {
      for await (const _ of readXlsxRaw(file, limits));
    } catch (err) {
      if (err instanceof FileFormatError) return { code: err.problem.code, overLimit: err.overLimit };
      throw err;
    }
    return null;
  };

  test.each([
    ['one inline-string cell of 1 GiB', 'IMPORT_CELL_TOO_LONG'],
    ['one shared string of 1 GiB', 'IMPORT_CELL_TOO_LONG'],
    ['a billion rows', 'IMPORT_TOO_MANY_ROWS'],
    ['a sheet of 1 GiB of markup between the cells', 'IMPORT_CELL_TOO_LONG'],
  ])('%s: the streaming guard refuses it (%s) with the heap bounded', async (name, code) => {
    const file = bombFile(name);
    expect(file.length).toBeLessThan(4 * 1024 * 1024); // a small file…
    const { result, ms, heapGrowthMb } = await measured(() => codeOf(file, relaxed));
    expect(result).toEqual({ code, overLimit: true });
    expect(heapGrowthMb).toBeLessThan(150);
    expect(ms).toBeLessThan(30000);
  });

  test.each(Object.keys(bombs))('%s: refused by its declared size before a byte is inflated', async (name) => {
    const file = bombFile(name);
    const { result, ms } = await measured(() => codeOf(file));
    expect(result?.overLimit).toBe(true);
    expect(['IMPORT_XLSX_PART_TOO_LARGE', 'IMPORT_XLSX_TOO_LARGE']).toContain(result?.code);
    expect(ms).toBeLessThan(2000);
  });

  test.each(Object.keys(bombs))('%s, lying about its size: inflation stops at the declared size', async (name) => {
    const file = bombFile(name, true);
    const { result, ms, heapGrowthMb } = await measured(() => codeOf(file));
    expect(result?.code).toBe('IMPORT_XLSX_DAMAGED');
    expect(heapGrowthMb).toBeLessThan(150);
    expect(ms).toBeLessThan(5000);
  });

  test('an archive of more parts than any workbook has is refused before its directory is walked', async () => {
    const { zip, deflated } = jest.requireActual('../helpers/zip') as typeof import('../helpers/zip');
    const file = zip(Array.from({ length: 10_001 }, (_, i) => deflated(`p/${i}.xml`, '<x/>')));
    const { result } = await measured(() => codeOf(file));
    expect(result).toEqual({ code: 'IMPORT_XLSX_TOO_MANY_PARTS', overLimit: true });
  });

  test('a part compressed beyond any real sheet is refused by its ratio', async () => {
    const sheet = repeated('xl/worksheets/sheet1.xml', `${SHEET_HEAD}<row r="1"><c r="A1" t="inlineStr"><is><t>`, 'A', 256 * 1024 * 1024, `</t></is></c></row>${SHEET_TAIL}`);
    const file = workbook({ sheets: [{ name: 'Sheet1', part: 'worksheets/sheet1.xml' }], extra: [sheet] });
    const { result, ms } = await measured(() => codeOf(file));
    expect(result).toEqual({ code: 'IMPORT_XLSX_RATIO', overLimit: true });
    expect(ms).toBeLessThan(2000);
  });
});

describe('zip bombs over HTTP', () => {
  let ds: DataSource;
  let hub: TestHub;
  beforeAll(async () => {
    ds = await openTestDataSource();
    await truncateAll(ds);
    hub = await TestHub.start(ds);
  });
  afterAll(async () => {
    await hub.stop();
    await ds.destroy();
  });

  test.each([...Object.keys(bombs).map((n) => [n, false] as const), ...Object.keys(bombs).map((n) => [n, true] as const)])(
    '%s (lying: %s): 4xx with the limit named, nothing changed, the server alive',
    async (name, lie) => {
      const before = withoutAudit(await tableChecksums(ds));
      const file = bombFile(name, lie);
      const { result: res, ms, heapGrowthMb } = await measured(() =>
        postOnFreshConnection(`${hub.url}/imports/schools?dryRun=true`, hub.headers({ 'content-type': CONTENT_TYPES.xlsx, 'accept-language': 'en' }), file),
      );
      const body = res.body as { status: string; overLimit: boolean; errors: Array<{ code: string; message: string }> };
      // Lying about its size, a bomb is cut off at the size it declared and read as the damaged file it is (or
      // refused earlier for what the first rows show); honest, it is refused for its size before it is inflated.
      expect(res.status).toBe(lie ? 400 : 413);
      expect(body.status).toBe('rejected');
      expect(body.errors).toHaveLength(1);
      if (!lie) expect(body.errors[0].message).toMatch(/limit/);
      expect(ms).toBeLessThan(5000);
      expect(heapGrowthMb).toBeLessThan(150);
      const health = await fetch(`${hub.url}/healthz`);
      expect(health.status).toBe(200);
      expect(withoutAudit(await tableChecksums(ds))).toEqual(before); // the refusal is audited; nothing else moved
    },
  );
});
