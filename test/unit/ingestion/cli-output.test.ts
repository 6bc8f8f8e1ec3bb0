import fs from 'node:fs';
import { Writable } from 'node:stream';
import { ProgressDisplay, langOf, parseCliArgs, problemTable } from '../../../src/ingestion/cli';
import { render, withLocale } from '../../../src/messages';
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
  const problems = [
    { rowNumber: 4812, column: 'name', value: '沙坪坝区', code: 'X', params: {}, reason: 'x', message: '' },
    { rowNumber: 12, column: 'kind', value: 'abc', code: 'Y', params: {}, reason: 'y', message: '' },
  ];
  expect(problemTable(problems, 'en').split('\n')).toEqual(['  row    column  value     problem', '  4,812  name    沙坪坝区  x', '  12     kind    abc       y']);
  expect(problemTable(problems, 'zh-CN').split('\n')).toEqual(['  行号   列    值        问题', '  4,812  name  沙坪坝区  x', '  12     kind  abc       y']);
});

test('progress: a bar on a terminal, sparse plain lines elsewhere, in the run\'s language', () => {
  withLocale('en', () => {
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
  const zh = new Capture(false);
  const lines = new ProgressDisplay(zh, 'f.csv', 60000, 'schools');
  lines.update({ phase: 'waiting', rowsRead: 0, bytesRead: 0, bytesTotal: 100, holder: { pid: 1, since: new Date(2026, 11, 2, 8, 0, 5), loadedBy: 'local:clerk', state: 'active' }, timeoutMs: 30000 });
  lines.update({ phase: 'reading', rowsRead: 10000, bytesRead: 50, bytesTotal: 100 });
  lines.update({ phase: 'checking', rowsRead: 30000, bytesRead: 100, bytesTotal: 100 });
  expect(zh.text).toBe(
    'f.csv: 学校基本信息（schools）正由另一导入写入（自 2026-12-02 08:00:05 起，导入人 local:clerk），最多等待 30 秒…\n' +
      'f.csv: 已读取 10,000 行 (50%)\nf.csv: 共 30,000 行，正在核对…\n',
  );
});

test('progress: the bar moves while writing, by rows written (issue #15.4)', () => {
  withLocale('en', () => {
    const tty = new Capture(true);
    const bar = new ProgressDisplay(tty, 'f.csv');
    bar.update({ phase: 'writing', rowsRead: 300000, bytesRead: 100, bytesTotal: 100, rowsWritten: 150000, rowsToWrite: 300000 });
    expect(tty.text).toBe('\r\x1b[Kf.csv [#############............]  50% 300,000 rows, writing…');

    const plain = new Capture(false);
    const lines = new ProgressDisplay(plain, 'f.csv', 60000);
    lines.update({ phase: 'reading', rowsRead: 10000, bytesRead: 50, bytesTotal: 100 });
    lines.update({ phase: 'writing', rowsRead: 30000, bytesRead: 100, bytesTotal: 100, rowsWritten: 0, rowsToWrite: 30000 });
    // Repeated writing reports are as sparse as reading ones.
    lines.update({ phase: 'writing', rowsRead: 30000, bytesRead: 100, bytesTotal: 100, rowsWritten: 15000, rowsToWrite: 30000 });
    expect(plain.text).toBe('f.csv: 10,000 rows read (50%)\nf.csv: 30,000 rows, writing… (0%)\n');
  });
});

test('arguments, and --lang read first so that even a usage error is in that language', () => {
  expect(parseCliArgs(['schools', 'a.csv', '--dry-run'])).toEqual({ dataset: 'schools', file: 'a.csv', dryRun: true, localAdmin: false, token: null, locale: 'zh-CN' });
  expect(parseCliArgs(['schools', 'a.csv', '--token', 'abc', '--lang', 'en'])).toMatchObject({ token: 'abc', locale: 'en' });
  const problem = (argv: string[]) => {
    try {
      parseCliArgs(argv);
    } catch (err) {
      return render((err as { problem: never }).problem, langOf(argv));
    }
    return null;
  };
  expect(problem(['schools', 'a.csv', '--token', 'abc', '--local-admin', '--lang=en'])).toBe('pass either --token or --local-admin, not both');
  expect(problem(['schools', 'a.csv', '--token', 'abc', '--local-admin'])).toBe('--token 与 --local-admin 只能选一个');
  expect(problem(['schools'])).toBe('需要给出数据集和文件');
  expect(problem(['schools', 'a.csv', '--force', '--lang', 'en'])).toMatch(/^wrong arguments: Unknown option '--force'/);
  expect(problem(['schools', 'a.csv', '--lang', 'de'])).toBe('--lang 只能是 zh 或 en（实为 “de”）');
});

test('docs/data-contract.md is the contract the code enforces (regenerate: npx ts-node --transpile-only src/ingestion/contract-doc.ts)', () => {
  expect(fs.readFileSync(CONTRACT_DOC, 'utf8')).toBe(renderDataContract());
});
