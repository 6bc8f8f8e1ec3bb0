import zlib from 'node:zlib';

/**
 * A minimal zip writer for hand-made workbooks (parts in any order, cells without references…) and for zip bombs:
 * an entry's content can be a huge repetition that is never held in memory — deflate output of a repeated pattern is
 * produced once per MiB with a sync flush and concatenated, which is valid deflate (back-references stay inside each
 * piece) — so a test can build a 1 GiB part in about a megabyte and a second.
 */
export interface ZipEntry {
  name: string;
  /** Compressed bytes (raw deflate), or stored when `method` is 0. */
  data: Buffer;
  crc: number;
  size: number;
  /** What the directory says the uncompressed size is (a bomb may lie); defaults to `size`. */
  declaredSize?: number;
  method?: 0 | 8;
}

export function deflated(name: string, content: string | Buffer): ZipEntry {
  const buf = Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8');
  return { name, data: zlib.deflateRawSync(buf), crc: zlib.crc32(buf), size: buf.length };
}

/** `prefix` + `pattern` repeated to `fillBytes` + `suffix`, deflated without ever being held whole. */
export function repeated(name: string, prefix: string, pattern: string, fillBytes: number, suffix: string): ZipEntry {
  const unit = Buffer.from(pattern, 'utf8');
  // Whole patterns per piece, so that markup is never cut where two pieces meet.
  const piece = Buffer.alloc(Math.floor((1 << 20) / unit.length) * unit.length);
  for (let i = 0; i < piece.length; i += unit.length) unit.copy(piece, i, 0, Math.min(unit.length, piece.length - i));
  const pieces = Math.floor(fillBytes / piece.length);
  const head = Buffer.from(prefix, 'utf8');
  const tail = Buffer.from(suffix, 'utf8');
  const sync = (b: Buffer) => zlib.deflateRawSync(b, { level: 9, finishFlush: zlib.constants.Z_SYNC_FLUSH });
  const first = sync(Buffer.concat([head, piece]));
  const middle = sync(piece);
  const last = zlib.deflateRawSync(tail);
  const parts = [first, ...Array.from({ length: pieces - 1 }, () => middle), last];
  let crc = zlib.crc32(head);
  for (let i = 0; i < pieces; i++) crc = zlib.crc32(piece, crc);
  crc = zlib.crc32(tail, crc);
  return { name, data: Buffer.concat(parts), crc, size: head.length + pieces * piece.length + tail.length };
}

function u16(n: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeUInt16LE(n);
  return b;
}
function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n >>> 0);
  return b;
}

/** The zip file (no ZIP64: sizes up to 4 GiB). */
export function zip(entries: ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const method = e.method ?? 8;
    const declared = e.declaredSize ?? e.size;
    const common = [u16(20), u16(0x0800), u16(method), u16(0), u16(0x21), u32(e.crc), u32(e.data.length), u32(declared), u16(name.length), u16(0)];
    const local = Buffer.concat([u32(0x04034b50), ...common, name]);
    locals.push(local, e.data);
    central.push(Buffer.concat([u32(0x02014b50), u16(20), ...common, u16(0), u16(0), u16(0), u32(0), u32(offset), name]));
    offset += local.length + e.data.length;
  }
  const dir = Buffer.concat(central);
  const end = Buffer.concat([u32(0x06054b50), u16(0), u16(0), u16(entries.length), u16(entries.length), u32(dir.length), u32(offset), u16(0)]);
  return Buffer.concat([...locals, dir, end]);
}

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>`;
const ROOT_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/**
 * A workbook from hand-written parts: `sheets` in tab order, each naming the part that holds it (so the first tab
 * can live in sheet2.xml), plus optional shared strings and styles; `extra` entries are added as they are.
 */
export function workbook(options: {
  sheets: Array<{ name: string; part: string; xml?: string }>;
  /** The shared strings' XML, or a ready entry (a bomb). */
  sharedStrings?: string | ZipEntry;
  styles?: string;
  extra?: ZipEntry[];
}): Buffer {
  const rels = options.sheets.map((s, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="${s.part}"/>`);
  if (options.sharedStrings !== undefined) rels.push(`<Relationship Id="rIdS" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>`);
  if (options.styles !== undefined) rels.push(`<Relationship Id="rIdT" Type="${REL}/styles" Target="styles.xml"/>`);
  const entries: ZipEntry[] = [
    deflated('[Content_Types].xml', CONTENT_TYPES),
    deflated('_rels/.rels', ROOT_RELS),
    deflated(
      'xl/workbook.xml',
      `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${REL}"><sheets>${options.sheets
        .map((s, i) => `<sheet name="${s.name}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
        .join('')}</sheets></workbook>`,
    ),
    deflated('xl/_rels/workbook.xml.rels', `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join('')}</Relationships>`),
  ];
  for (const s of options.sheets) if (s.xml !== undefined) entries.push(deflated(`xl/${s.part}`, s.xml));
  if (typeof options.sharedStrings === 'string') entries.push(deflated('xl/sharedStrings.xml', options.sharedStrings));
  else if (options.sharedStrings) entries.push({ ...options.sharedStrings, name: 'xl/sharedStrings.xml' });
  if (options.styles !== undefined) entries.push(deflated('xl/styles.xml', options.styles));
  return zip([...entries, ...(options.extra ?? [])]);
}

export const sheetXml = (rows: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows}</sheetData></worksheet>`;

/** A row of inline-string cells without any r= reference (positions implied, as the format allows). */
export const inlineRow = (cells: string[]) => `<row>${cells.map((c) => (c === '' ? '<c/>' : `<c t="inlineStr"><is><t>${c}</t></is></c>`)).join('')}</row>`;

/**
 * The files of a ZIP archive (an XLSX) by name, read from its central directory: enough to look at the XML a
 * workbook writer produced without another dependency. Stored and deflated entries only (what XLSX writers use).
 */
export function unzip(buf: Buffer): Map<string, string> {
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error('not a ZIP archive');
  const entries = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const files = new Map<string, string>();
  for (let i = 0; i < entries; i++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error('bad central directory');
    const method = buf.readUInt16LE(p + 10);
    const compressed = buf.readUInt32LE(p + 20);
    const nameLength = buf.readUInt16LE(p + 28);
    const extraLength = buf.readUInt16LE(p + 30);
    const commentLength = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLength);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(start, start + compressed);
    files.set(name.replace(/^\//, ''), (method === 8 ? zlib.inflateRawSync(data) : data).toString('utf8'));
    p += 46 + nameLength + extraLength + commentLength;
  }
  return files;
}
