// The hostile requests of issue #11, as the soak (bench/soak.ts) sends them: each was reproduced against the hub and
// each either stopped it, froze it for others, or read what it should not. Built once per run (the XLSX bomb is
// cached in the system's temporary folder: deflating 1 GiB takes a few seconds).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';

export interface HostileRequest {
  /** Short name for the report. */
  kind: string;
  /** What the issue reported and which branch fixes it. */
  about: string;
  /** The statuses that mean "refused or answered correctly"; anything else is reported as unexpected. */
  expected: number[];
  method: 'GET' | 'POST';
  path: string;
  /** Headers, or a function giving fresh ones for every send (a new garbage token each time). */
  headers: Record<string, string> | (() => Record<string, string>);
  body?: Buffer | string;
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** `fragment Fi on Query { ...F(i-1) ...F(i-1) }`: 2^n copies of F0 (n = 23: under a kilobyte). */
export function fragmentBomb(n: number): string {
  let text = `query Bomb { ...F${n} }\nfragment F0 on Query { districts { totalCount } }\n`;
  for (let i = 1; i <= n; i++) text += `fragment F${i} on Query { ...F${i - 1} ...F${i - 1} }\n`;
  return text;
}

/** Twenty city evaluations of different years, each with every district's findings: exhausted the 384 MB heap in ~34 s. */
export function twentyEvaluations(): string {
  const selection = `qualifiedCount districts { districtCode verdict blockers { code status message schoolCode stage }
    resourceAllocation { stage schoolCount schoolsMeetingRule schoolRules { schoolCode status indicators { code value threshold status } } spread { code cv limit status } }
    governmentGuarantee { code status value message schools { schoolCode status message } } educationQuality { code status value } }`;
  return `{ ${Array.from({ length: 20 }, (_, i) => `y${2005 + i}: cityEvaluation(year: ${2005 + i}) { ${selection} }`).join('\n')} }`;
}

// ---- a minimal ZIP writer (stored names, deflated data, no ZIP64: every part stays under 4 GiB) ---------------

interface ZipPart {
  name: string;
  /** Uncompressed bytes, produced in chunks (a bomb is never held whole). */
  chunks: () => Iterable<Buffer>;
}

async function deflatePart(part: ZipPart): Promise<{ data: Buffer; crc: number; size: number }> {
  const deflate = zlib.createDeflateRaw({ level: 9, memLevel: 9 });
  const out: Buffer[] = [];
  deflate.on('data', (chunk: Buffer) => out.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    deflate.on('end', resolve);
    deflate.on('error', reject);
  });
  let crc = 0;
  let size = 0;
  for (const chunk of part.chunks()) {
    crc = zlib.crc32(chunk, crc);
    size += chunk.length;
    if (!deflate.write(chunk)) await new Promise((r) => deflate.once('drain', r));
  }
  deflate.end();
  await done;
  return { data: Buffer.concat(out), crc, size };
}

async function zip(parts: ZipPart[]): Promise<Buffer> {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const { data, crc, size } = await deflatePart(part);
    const name = Buffer.from(part.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0, 6); // flags
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(0, 10); // time, date
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size >>> 0, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(0, 8);
    entry.writeUInt16LE(8, 10);
    entry.writeUInt32LE(0, 12);
    entry.writeUInt32LE(crc >>> 0, 16);
    entry.writeUInt32LE(data.length, 20);
    entry.writeUInt32LE(size >>> 0, 24);
    entry.writeUInt16LE(name.length, 28);
    entry.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    central.push(entry, name);
    offset += local.length + name.length + data.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
const text = (s: string) => () => [Buffer.from(s, 'utf8')];

/**
 * A valid XLSX of `schools` whose second row holds one inline-string cell of `bombBytes` letters: ~1 MB on the wire,
 * 1 GiB once inflated (the bomb took the hub out of heap in ~10 s).
 */
export async function xlsxBomb(bombBytes = 1024 ** 3): Promise<Buffer> {
  const cached = path.join(os.tmpdir(), `junheng-soak-xlsx-bomb-${bombBytes}.xlsx`);
  if (fs.existsSync(cached)) return fs.readFileSync(cached);
  const header = ['school_code', 'name', 'district_code', 'school_type', 'location', 'boarding', 'ownership']
    .map((h, i) => `<c r="${String.fromCharCode(65 + i)}1" t="inlineStr"><is><t>${h}</t></is></c>`).join('');
  const block = Buffer.alloc(1 << 20, 'A');
  const sheet = function* (): Iterable<Buffer> {
    yield Buffer.from(`<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${NS}"><sheetData><row r="1">${header}</row><row r="2"><c r="A2" t="inlineStr"><is><t>`);
    for (let left = bombBytes; left > 0; left -= block.length) yield left >= block.length ? block : block.subarray(0, left);
    yield Buffer.from('</t></is></c></row></sheetData></worksheet>');
  };
  const file = await zip([
    {
      name: '[Content_Types].xml',
      chunks: text(`<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
        `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
        `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
        `<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`),
    },
    { name: '_rels/.rels', chunks: text(`<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`) },
    { name: 'xl/workbook.xml', chunks: text(`<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${NS}" xmlns:r="${REL}"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`) },
    { name: 'xl/_rels/workbook.xml.rels', chunks: text(`<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`) },
    { name: 'xl/worksheets/sheet1.xml', chunks: sheet },
  ]);
  fs.writeFileSync(cached, file);
  return file;
}

/** A `schools` CSV of `rows` valid rows over the given districts (~60 bytes a row): a department's big delivery. */
export function bigSchoolsCsv(rows: number, districtCodes: readonly string[]): Buffer {
  const lines = ['school_code,name,district_code,school_type,location,boarding,ownership'];
  for (let i = 0; i < rows; i++) {
    lines.push(`SOAK${String(i).padStart(7, '0')},压力测试学校${i},${districtCodes[i % districtCodes.length]},primary,rural,false,public`);
  }
  return Buffer.from(lines.join('\n') + '\n', 'utf8');
}

export interface HostileInputs {
  token: string;
  xlsxBomb: Buffer;
  bigCsv: Buffer;
}

/** Every hostile request of #11, in the order the soak cycles through them. */
export function hostileRequests(i: HostileInputs): HostileRequest[] {
  const json = { 'content-type': 'application/json', authorization: `Bearer ${i.token}` };
  const gql = (query: string, extra: Record<string, unknown> = {}) => JSON.stringify({ query, ...extra });
  return [
    {
      kind: 'anonymous-get',
      about: '#11.1 a GET preferring JSON but accepting HTML skipped the token check (a1): expect 401',
      expected: [401],
      method: 'GET',
      path: `/graphql?query=${encodeURIComponent('{ auditEvents(first:1){totalCount} schools(first:1){nodes{teacherPostings(first:2){nodes{teacherId annualPayYuan}}}} }')}`,
      headers: { 'apollo-require-preflight': '1', accept: 'application/json, text/html;q=0.1' },
    },
    {
      kind: 'twenty-evaluations',
      about: '#11.2 twenty cityEvaluation years exhausted the heap (a2): expect 400 QUERY_LIMIT_EXCEEDED',
      expected: [400],
      method: 'POST',
      path: '/graphql',
      headers: json,
      body: gql(twentyEvaluations()),
    },
    {
      kind: 'xlsx-bomb',
      about: '#11.3 a 1 MB XLSX inflating to 1 GiB took the hub out of heap (b): expect 400/413',
      expected: [400, 413, 422],
      method: 'POST',
      path: '/imports/schools?dryRun=true&fileName=bomb.xlsx',
      headers: { 'content-type': XLSX_TYPE, authorization: `Bearer ${i.token}` },
      body: i.xlsxBomb,
    },
    {
      kind: 'fragment-bomb',
      about: '#11.4 a 700-byte fragment bomb stalled every user for 33 s (a2): expect 400 QUERY_LIMIT_EXCEEDED',
      expected: [400],
      method: 'POST',
      path: '/graphql',
      headers: json,
      body: gql(fragmentBomb(23)),
    },
    {
      kind: 'csv-300k-rows',
      about: '#11.5 parsing and validating a big upload froze the event loop (b): expect 200 (dry run) without stalling others',
      expected: [200, 400],
      method: 'POST',
      path: '/imports/schools?dryRun=true&fileName=soak.csv',
      headers: { 'content-type': 'text/csv', authorization: `Bearer ${i.token}` },
      body: i.bigCsv,
    },
    {
      kind: 'two-operations',
      about: '#11.9 two operations without operationName answered 500 (a2): expect 400',
      expected: [400],
      method: 'POST',
      path: '/graphql',
      headers: json,
      body: gql('query A { districts { totalCount } } query B { schools { totalCount } }'),
    },
    {
      kind: 'unknown-operation',
      about: '#11.9 an unknown operationName answered 500 (a2): expect 400',
      expected: [400],
      method: 'POST',
      path: '/graphql',
      headers: json,
      body: gql('query A { districts { totalCount } }', { operationName: 'Nope' }),
    },
    {
      kind: 'huge-year',
      about: '#11.9 cityEvaluation(year: -2147483648) was computed for 2.7 s (a2): expect 400',
      expected: [400],
      method: 'POST',
      path: '/graphql',
      headers: json,
      body: gql('{ cityEvaluation(year: -2147483648) { qualifiedCount } }'),
    },
    {
      kind: 'garbage-token',
      about: '#11.9 each garbage token wrote an audit row and emptied the response cache (a1): expect 401',
      expected: [401],
      method: 'POST',
      path: '/graphql',
      headers: () => ({ 'content-type': 'application/json', authorization: `Bearer ${Math.random().toString(36).slice(2)}.garbage.token` }),
      body: gql('{ districts { totalCount } }'),
    },
  ];
}
