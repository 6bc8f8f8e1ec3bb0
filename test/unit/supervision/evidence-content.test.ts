import { sniffEvidence } from '../../../src/supervision/evidence-content';
import { PDF, PNG } from '../../helpers/evidence-files';

/** A minimal ZIP (stored entries, no compression) holding the given names: enough for the OOXML sniffing. */
function zip(names: string[], { descriptor = false } = {}): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const name of names) {
    const n = Buffer.from(name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(descriptor ? 0x08 : 0, 6);
    local.writeUInt32LE(0, 18);
    local.writeUInt16LE(n.length, 26);
    locals.push(local, n);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(n.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, n);
    offset += 30 + n.length;
  }
  return Buffer.concat([...locals, ...centrals]);
}

describe('evidence files: the kind is read from the bytes', () => {
  test.each([
    ['report.pdf', PDF, 'pdf'],
    ['site.PNG', PNG, 'png'],
    ['photo.jpg', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46]), 'jpeg'],
    ['photo.jpeg', Buffer.from([0xff, 0xd8, 0xff, 0xe1, 0, 0x10]), 'jpeg'],
    ['表.xlsx', zip(['[Content_Types].xml', '_rels/.rels', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml']), 'xlsx'],
    ['报告.docx', zip(['[Content_Types].xml', 'word/document.xml'], { descriptor: true }), 'docx'],
    ['名单.csv', Buffer.from('学校,问题\n沙坪坝区第一小学,"运动场, 不足"\n', 'utf8'), 'csv'],
    ['说明.txt', Buffer.from('\ufeff整改说明\r\n第一条\t完成\n', 'utf8'), 'text'],
  ])('%s is accepted as %s', (name, bytes, kind) => {
    expect(sniffEvidence(bytes, name)).toEqual({ ok: true, kind });
  });

  test.each([
    ['setup.exe', Buffer.from('MZ\x90\x00\x03', 'latin1'), 'refused', 'Windows executable'],
    ['report.pdf', Buffer.from('MZ\x90\x00\x03', 'latin1'), 'refused', 'Windows executable'],
    ['tool.pdf', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1]), 'refused', 'ELF executable'],
    ['run.txt', Buffer.from('#!/bin/sh\nrm -rf /\n'), 'refused', 'script (#!)'],
    ['archive.xlsx', zip(['evil.exe', 'readme.txt']), 'refused', 'ZIP archive'],
    ['macro.xlsx', zip(['[Content_Types].xml', 'xl/workbook.xml', 'xl/vbaProject.bin']), 'refused', 'macro-enabled Office file'],
    ['old.xlsx', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), 'refused', 'legacy Office file (xls/doc)'],
    ['data.txt', Buffer.from([0x00, 0x01, 0x02, 0x9f, 0xff]), 'refused', 'binary data of an unknown kind'],
    ['photo.pdf', PNG, 'mismatch', 'PNG'],
    ['notes.csv', PDF, 'mismatch', 'PDF'],
    ['page.html', Buffer.from('<html><script>alert(1)</script></html>'), 'extension', 'text'],
    ['noextension', PDF, 'extension', 'PDF'],
    ['empty.pdf', Buffer.alloc(0), 'empty', 'empty file'],
  ])('%s is refused (%s: %s)', (name, bytes, reason, detected) => {
    expect(sniffEvidence(bytes, name)).toEqual({ ok: false, reason, detected });
  });
});
