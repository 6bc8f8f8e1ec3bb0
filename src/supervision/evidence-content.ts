/**
 * What an uploaded evidence file is, read from its bytes (never from the name or the client's Content-Type): the
 * kinds the supervision office attaches — scans and reports (PDF), photos (PNG, JPEG), spreadsheets and documents
 * (XLSX, DOCX), tables and notes (CSV, plain text). Anything else, and executables in particular, is refused.
 * Pure: bytes in, a verdict out.
 */

export interface EvidenceKind {
  /** Stored and served as the download's Content-Type. */
  contentType: string;
  /** The file name endings this kind may carry. */
  extensions: readonly string[];
  label: string;
}

export const EVIDENCE_KINDS = {
  pdf: { contentType: 'application/pdf', extensions: ['pdf'], label: 'PDF' },
  png: { contentType: 'image/png', extensions: ['png'], label: 'PNG' },
  jpeg: { contentType: 'image/jpeg', extensions: ['jpg', 'jpeg'], label: 'JPEG' },
  xlsx: { contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extensions: ['xlsx'], label: 'XLSX' },
  docx: { contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extensions: ['docx'], label: 'DOCX' },
  csv: { contentType: 'text/csv; charset=utf-8', extensions: ['csv'], label: 'CSV' },
  text: { contentType: 'text/plain; charset=utf-8', extensions: ['txt'], label: 'text' },
} as const satisfies Record<string, EvidenceKind>;

export type EvidenceKindName = keyof typeof EVIDENCE_KINDS;

/** Every accepted file name ending, for messages and docs. */
export const ACCEPTED_EXTENSIONS: readonly string[] = Object.values(EVIDENCE_KINDS).flatMap((k) => [...k.extensions]);

export type Sniffed =
  | { ok: true; kind: EvidenceKindName }
  /** `detected` names what the bytes are, for the refusal ("Windows executable", "ZIP archive", "binary data"…). */
  | { ok: false; reason: 'refused'; detected: string }
  | { ok: false; reason: 'mismatch'; detected: string }
  | { ok: false; reason: 'extension'; detected: string }
  | { ok: false; reason: 'empty'; detected: string };

const startsWith = (bytes: Buffer, magic: readonly number[], at = 0) => magic.every((b, i) => bytes[at + i] === b);

/** Executables and scripts, named for the refusal. */
const EXECUTABLES: readonly { magic: readonly number[]; label: string }[] = [
  { magic: [0x4d, 0x5a], label: 'Windows executable' }, // MZ
  { magic: [0x7f, 0x45, 0x4c, 0x46], label: 'ELF executable' },
  { magic: [0xfe, 0xed, 0xfa, 0xce], label: 'Mach-O executable' },
  { magic: [0xfe, 0xed, 0xfa, 0xcf], label: 'Mach-O executable' },
  { magic: [0xce, 0xfa, 0xed, 0xfe], label: 'Mach-O executable' },
  { magic: [0xcf, 0xfa, 0xed, 0xfe], label: 'Mach-O executable' },
  { magic: [0xca, 0xfe, 0xba, 0xbe], label: 'Mach-O or Java class file' },
  { magic: [0x23, 0x21], label: 'script (#!)' },
];

/** The names stored in a ZIP's local headers (uncompressed), enough to tell an OOXML package from any archive. */
function zipEntryNames(bytes: Buffer, max = 2000): string[] {
  const names: string[] = [];
  let at = 0;
  while (at + 30 <= bytes.length && names.length < max && bytes.readUInt32LE(at) === 0x04034b50) {
    const flags = bytes.readUInt16LE(at + 6);
    const compressed = bytes.readUInt32LE(at + 18);
    const nameLength = bytes.readUInt16LE(at + 26);
    const extraLength = bytes.readUInt16LE(at + 28);
    names.push(bytes.toString('utf8', at + 30, Math.min(bytes.length, at + 30 + nameLength)));
    // With a data descriptor (bit 3) the size is only after the data: stop at the names read so far.
    if (flags & 0x08) break;
    at += 30 + nameLength + extraLength + compressed;
  }
  // The central directory lists every entry even when a data descriptor hid the sizes.
  const central = Buffer.from([0x50, 0x4b, 0x01, 0x02]);
  let c = bytes.indexOf(central);
  while (c >= 0 && c + 46 <= bytes.length && names.length < max) {
    const nameLength = bytes.readUInt16LE(c + 28);
    names.push(bytes.toString('utf8', c + 46, Math.min(bytes.length, c + 46 + nameLength)));
    c = bytes.indexOf(central, c + 46 + nameLength);
  }
  return names;
}

function sniffZip(bytes: Buffer): Sniffed {
  const names = new Set(zipEntryNames(bytes));
  if (!names.has('[Content_Types].xml')) return { ok: false, reason: 'refused', detected: 'ZIP archive' };
  if ([...names].some((n) => /vbaProject\.bin$/i.test(n))) return { ok: false, reason: 'refused', detected: 'macro-enabled Office file' };
  if (names.has('xl/workbook.xml')) return { ok: true, kind: 'xlsx' };
  if (names.has('word/document.xml')) return { ok: true, kind: 'docx' };
  return { ok: false, reason: 'refused', detected: 'Office package other than XLSX or DOCX' };
}

/** UTF-8 text (a BOM allowed) without NUL or control characters other than tab, line ends and form feed. */
function isText(bytes: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return false;
  }
  for (const b of bytes) {
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) return false;
    if (b === 0x7f) return false;
  }
  return true;
}

/** What the bytes are, independent of the name. */
function sniffBytes(bytes: Buffer): Sniffed {
  if (bytes.length === 0) return { ok: false, reason: 'empty', detected: 'empty file' };
  for (const e of EXECUTABLES) if (startsWith(bytes, e.magic)) return { ok: false, reason: 'refused', detected: e.label };
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return { ok: true, kind: 'pdf' }; // %PDF-
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { ok: true, kind: 'png' };
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return { ok: true, kind: 'jpeg' };
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return sniffZip(bytes);
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) return { ok: false, reason: 'refused', detected: 'legacy Office file (xls/doc)' };
  if (isText(bytes)) return { ok: true, kind: 'text' };
  return { ok: false, reason: 'refused', detected: 'binary data of an unknown kind' };
}

export function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot > 0 ? fileName.slice(dot + 1).toLowerCase() : '';
}

/**
 * The kind of an upload: its bytes decide, and the file name must end as that kind does (a PNG named .pdf is
 * refused rather than served as something it is not). Text is CSV when named .csv.
 */
export function sniffEvidence(bytes: Buffer, fileName: string): Sniffed {
  const ext = extensionOf(fileName);
  const found = sniffBytes(bytes);
  if (!found.ok) return found;
  if (!ACCEPTED_EXTENSIONS.includes(ext)) return { ok: false, reason: 'extension', detected: EVIDENCE_KINDS[found.kind].label };
  const kind: EvidenceKindName = found.kind === 'text' && ext === 'csv' ? 'csv' : found.kind;
  if (!(EVIDENCE_KINDS[kind].extensions as readonly string[]).includes(ext)) {
    return { ok: false, reason: 'mismatch', detected: EVIDENCE_KINDS[kind].label };
  }
  return { ok: true, kind };
}
