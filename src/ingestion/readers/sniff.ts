import { isUtf8 } from 'node:buffer';

/**
 * What a delivered file is, judged from its bytes (never from its name or Content-Type, which clerks get wrong):
 * an XLSX (a zip), the old .xls or a password-protected workbook (an OLE2 compound file), UTF-16 text (Excel's
 * "Unicode Text"), or text in UTF-8 or GB18030 (what Excel on a Chinese Windows saves as "CSV").
 */
export type Sniffed =
  | { kind: 'xlsx' }
  | { kind: 'xls' }
  | { kind: 'utf16'; variant: 'UTF-16LE' | 'UTF-16BE' }
  | { kind: 'binary' }
  | { kind: 'text'; encoding: TextEncoding; damagedUtf8AtLine?: number };

export type TextEncoding = 'utf-8' | 'gb18030';

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const ZIP_EMPTY = [0x50, 0x4b, 0x05, 0x06];
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const startsWith = (head: Buffer, sig: number[]) => head.length >= sig.length && sig.every((b, i) => head[i] === b);

/** How many bytes at the end of `buf` begin a UTF-8 sequence that the next chunk completes. */
function incompleteTail(buf: Buffer): number {
  for (let back = 1; back <= Math.min(3, buf.length); back++) {
    const b = buf[buf.length - back];
    if ((b & 0xc0) === 0x80) continue; // a continuation byte: look further back
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > back ? back : 0;
  }
  return 0;
}

/**
 * Fed the file's bytes in order (while they are hashed), decides what the file is. Checking UTF-8 is native and
 * fast; only a file that is not UTF-8 is scanned byte by byte, to tell damaged UTF-8 (mostly valid multi-byte
 * sequences, a few broken ones) from GB18030 (whose two-byte characters rarely form valid UTF-8).
 */
export class Sniffer {
  private head: Buffer | null = null;
  private carry: Buffer = Buffer.alloc(0);
  private utf8 = true;
  private validMulti = 0;
  private invalid = 0;
  private nul = false;
  private lines = 1;
  private firstInvalidLine: number | null = null;

  update(chunk: Buffer): void {
    if (this.head === null) this.head = Buffer.from(chunk.subarray(0, 8));
    else if (this.head.length < 8) this.head = Buffer.concat([this.head, chunk.subarray(0, 8 - this.head.length)]);
    let buf = this.carry.length > 0 ? Buffer.concat([this.carry, chunk]) : chunk;
    const tail = incompleteTail(buf);
    this.carry = tail > 0 ? Buffer.from(buf.subarray(buf.length - tail)) : Buffer.alloc(0);
    buf = tail > 0 ? buf.subarray(0, buf.length - tail) : buf;
    if (buf.indexOf(0) >= 0) this.nul = true;
    if (this.utf8 && isUtf8(buf)) {
      this.countLines(buf);
      return;
    }
    this.utf8 = false;
    this.scan(buf);
  }

  private countLines(buf: Buffer): void {
    let i = buf.indexOf(10);
    while (i >= 0) {
      this.lines += 1;
      i = buf.indexOf(10, i + 1);
    }
  }

  /** Counts valid multi-byte UTF-8 sequences and invalid bytes. */
  private scan(buf: Buffer): void {
    let i = 0;
    while (i < buf.length) {
      const b = buf[i];
      if (b < 0x80) {
        if (b === 10) this.lines += 1;
        i += 1;
        continue;
      }
      const need = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
      let ok = need > 0 && i + need <= buf.length;
      for (let k = 1; ok && k < need; k++) ok = (buf[i + k] & 0xc0) === 0x80;
      if (ok) {
        this.validMulti += 1;
        i += need;
      } else {
        this.invalid += 1;
        this.firstInvalidLine ??= this.lines;
        i += 1;
      }
    }
  }

  result(): Sniffed {
    const head = this.head ?? Buffer.alloc(0);
    if (startsWith(head, ZIP) || startsWith(head, ZIP_EMPTY)) return { kind: 'xlsx' };
    if (startsWith(head, OLE2)) return { kind: 'xls' };
    if (head[0] === 0xff && head[1] === 0xfe) return { kind: 'utf16', variant: 'UTF-16LE' };
    if (head[0] === 0xfe && head[1] === 0xff) return { kind: 'utf16', variant: 'UTF-16BE' };
    if (this.carry.length > 0) {
      this.utf8 = false;
      this.invalid += 1;
      this.firstInvalidLine ??= this.lines;
    }
    if (this.nul) return { kind: 'binary' };
    if (this.utf8) return { kind: 'text', encoding: 'utf-8' };
    const bom = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf;
    // A UTF-8 BOM, or mostly valid UTF-8: a damaged UTF-8 file, not GB18030 (which would decode it to nonsense).
    if (bom || this.validMulti > this.invalid) return { kind: 'text', encoding: 'utf-8', damagedUtf8AtLine: this.firstInvalidLine ?? 1 };
    return { kind: 'text', encoding: 'gb18030' };
  }
}

export function sniffBuffer(content: Buffer): Sniffed {
  const s = new Sniffer();
  s.update(content);
  return s.result();
}
