import fs from 'node:fs';
import { Writable } from 'node:stream';
import { ProgressDisplay, parseCliArgs, problemTable } from '../../../src/ingestion/cli';
import { CONTRACT_DOC, renderDataContract } from '../../../src/ingestion/contract-doc';

class Capture extends Writable {
  text = '';
  constructor(readonly isTTY: boolean) {
    super();
  }
  override _write(chunk: Buffer, _enc: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

test('the problem table lines up Chinese values (two columns wide on a terminal)', () => {
  const table = problemTable([
    { rowNumber: 4812, column: 'name', value: '沙坪坝区', reason: 'x', message: '' },
    { rowNumber: 12, column: 'kind', value: 'abc', reason: 'y', message: '' },
  ]);
  expect(table.split('\n')).toEqual(['  row    column  value     problem', '  4,812  name    沙坪坝区  x', '  12     kind    abc       y']);
});

test('progress: a bar on a terminal, sparse plain lines elsewhere', () => {
  const tty = new Capture(true);
  const bar = new ProgressDisplay(tty, 'f.csv');
  bar.update({ phase: 'reading', rowsRead: 10000, bytesRead: 50, bytesTotal: 100 });
  bar.finish();
  expect(tty.text).toBe('\r\x1b[Kf.csv [#############............]  50% 10,000 rows read\r\x1b[K');

  const plain = new Capture(false);
  const lines = new ProgressDisplay(plain, 'f.csv', 60000);
  lines.update({ phase: 'reading', rowsRead: 10000, bytesRead: 50, bytesTotal: 100 });
  lines.update({ phase: 'reading', rowsRead: 20000, bytesRead: 60, bytesTotal: 100 });
  lines.update({ phase: 'checking', rowsRead: 30000, bytesRead: 100, bytesTotal: 100 });
  lines.update({ phase: 'done', rowsRead: 30000, bytesRead: 100, bytesTotal: 100 });
  expect(plain.text).toBe('f.csv: 10,000 rows read (50%)\nf.csv: 30,000 rows, checking…\n');
});

test('arguments', () => {
  expect(parseCliArgs(['schools', 'a.csv', '--dry-run'])).toEqual({ dataset: 'schools', file: 'a.csv', dryRun: true, localAdmin: false, token: null });
  expect(parseCliArgs(['schools', 'a.csv', '--token', 'abc']).token).toBe('abc');
  expect(() => parseCliArgs(['schools', 'a.csv', '--token', 'abc', '--local-admin'])).toThrow('Pass either --token or --local-admin, not both.');
  expect(() => parseCliArgs(['schools'])).toThrow('Expected a dataset and a file.');
  expect(() => parseCliArgs(['schools', 'a.csv', '--force'])).toThrow(/Unknown option '--force'/);
});

test('docs/data-contract.md is the contract the code enforces (regenerate: npx ts-node --transpile-only src/ingestion/contract-doc.ts)', () => {
  expect(fs.readFileSync(CONTRACT_DOC, 'utf8')).toBe(renderDataContract());
});
