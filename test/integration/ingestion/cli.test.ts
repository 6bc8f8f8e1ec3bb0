import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { projectRoot } from '../../../src/config';
import { exampleFile } from '../../../src/ingestion/contract-doc';
import { Role } from '../../../src/auth/roles';
import { openTestDataSource, testDatabaseUrl, truncateAll } from '../../helpers/database';
import { tokenFor } from '../../helpers/server';
import { TEACHER_HEADER, loadReferenceData, tableChecksums, teacherPostings, tempDir, writeCsv } from './fixtures';
import { nodeArgs } from '../../helpers/entry';

let ds: DataSource;
let dir: string;
beforeAll(async () => {
  ds = await openTestDataSource();
  dir = tempDir();
});
afterAll(() => ds.destroy());
beforeEach(async () => {
  await truncateAll(ds);
});

interface Run {
  child: ChildProcess;
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
  stderrLines: (predicate: (line: string) => boolean) => Promise<string>;
}

/** The CLI as an official runs it (`npm run import -- …`), against the test database. */
function startCli(args: string[]): Run {
  const child = spawn(process.execPath, [...nodeArgs('src/ingestion/cli.ts'), ...args], {
    cwd: projectRoot,
    env: { ...process.env, DATABASE_URL: testDatabaseUrl(), LOG_LEVEL: 'silent' },
  });
  let stdout = '';
  let stderr = '';
  const waiters: Array<{ predicate: (l: string) => boolean; resolve: (l: string) => void }> = [];
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => {
    stderr += d.toString();
    for (const line of d.toString().split('\n')) {
      for (const w of waiters.splice(0)) (w.predicate(line) ? w.resolve(line) : waiters.push(w));
    }
  });
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return {
    child,
    done,
    stderrLines: (predicate) => new Promise((resolve) => waiters.push({ predicate, resolve })),
  };
}

const runCli = (args: string[]) => startCli(args).done;
/** As an English-reading operator runs it. */
const runCliEn = (args: string[]) => startCli([...args, '--lang', 'en']).done;

test('a valid file: exit 0 and a summary', async () => {
  const result = await runCliEn(['districts', exampleFile('districts'), '--local-admin']);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  expect(result.stdout).toMatch(/^districts\.csv → districts \(planning\): applied as batch \d+\n {2}3 rows: 3 inserted, 0 updated, 0 unchanged\n {2}sha256 [0-9a-f]{64}, [\d.]+ s, [\d,]+ rows\/s, encoding UTF-8\n$/);
  const [batch] = await ds.query(`SELECT loaded_by, status FROM import_batch`);
  expect(batch).toEqual({ loaded_by: `local:${os.userInfo().username}`, status: 'succeeded' });

  const again = await runCliEn(['districts', exampleFile('districts'), '--local-admin']);
  expect(again.code).toBe(0);
  expect(again.stdout).toMatch(/already imported by batch \d+; nothing changed/);

  // In Chinese by default, the clerk's language.
  const zh = await runCli(['districts', exampleFile('districts'), '--local-admin']);
  expect(zh.code).toBe(0);
  expect(zh.stdout).toMatch(/^districts\.csv → 区县名录（districts），规划部门：该文件已由批次 \d+ 导入，未作任何更改\n$/);
}, 180_000); // three CLI processes

test('a rejected file: exit 1, the first problems as a table, all of them in a CSV beside the file', async () => {
  await loadReferenceData(ds);
  const degree = TEACHER_HEADER.indexOf('degree');
  const rows = teacherPostings(30).map((r, i) => (i % 2 ? r.map((v, j) => (j === degree ? 'Bachelor' : v)) : r));
  const repeated = rows.filter((_, i) => i % 2 === 0).slice(0, 10); // 10 keys delivered twice
  const file = writeCsv(path.join(dir, 'teacher_postings.csv'), TEACHER_HEADER, [...rows, ...repeated]);
  const result = await runCliEn(['teacher_postings', file, '--local-admin']);
  expect(result.code).toBe(1);
  expect(result.stdout).toContain('teacher_postings.csv → teacher_postings (staffing): REJECTED, recorded as batch');
  expect(result.stdout).toContain('40 rows read, 25 rejected, 25 problems');
  expect(result.stdout).toContain(
    '  row  column            value           problem\n' +
      '  3    degree            Bachelor        "Bachelor" is not one of postgraduate, bachelor, associate, secondary, other\n',
  );
  expect(result.stdout).toContain('  32   teacher_id, year  T0000000, 2024  the key (teacher_id T0000000, year 2024) is already on row 2\n');
  const written = path.join(dir, 'teacher_postings.errors.csv');
  expect(result.stdout).toContain(`… and 5 more. All 25 problems are in ${written}`);
  const csv = fs.readFileSync(written, 'utf8');
  expect(csv.startsWith('\ufeffrow,column,value,problem\r\n3,degree,Bachelor,"""Bachelor"" is not one of postgraduate, bachelor, associate, secondary, other"\r\n')).toBe(true);
  expect(csv.trimEnd().split('\r\n')).toHaveLength(26);
  const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM teacher_postings`);
  expect(n).toBe(0);
});

test('wrong usage: exit 2 with the usage', async () => {
  const noIdentity = await runCliEn(['districts', exampleFile('districts')]);
  expect(noIdentity.code).toBe(2);
  expect(noIdentity.stderr).toContain('--local-admin');
  const unknown = await runCliEn(['pupils', exampleFile('districts'), '--local-admin']);
  expect(unknown.code).toBe(2);
  expect(unknown.stderr).toContain('there is no dataset "pupils"; expected one of districts, schools');
  expect(unknown.stderr).toContain('Usage: npm run import -- <dataset> <file>');
  const zh = await runCli(['pupils', exampleFile('districts'), '--local-admin']);
  expect(zh.code).toBe(2);
  expect(zh.stderr).toContain('没有名为 “pupils” 的数据集');
  expect(zh.stderr).toContain('用法：npm run import -- <数据集> <文件>');
}, 180_000);

test('--dry-run needs no identity and changes nothing', async () => {
  const before = await tableChecksums(ds);
  const dry = await runCliEn(['districts', exampleFile('districts'), '--dry-run']);
  expect(dry.code).toBe(0);
  expect(dry.stdout).toContain('would be applied (dry run: nothing changed)');
  expect(await tableChecksums(ds)).toEqual(before);
});

test('killing the import mid-file leaves the database as before, and the next run succeeds', async () => {
  await loadReferenceData(ds);
  const file = writeCsv(path.join(dir, 'big.csv'), TEACHER_HEADER, teacherPostings(200000));
  const before = await tableChecksums(ds);

  const run = startCli(['teacher_postings', file, '--local-admin', '--lang', 'en']);
  // Progress lines go to stderr (not a terminal here): the first one comes 10,000 rows into the file.
  const line = await run.stderrLines((l) => /rows read/.test(l));
  expect(line).toMatch(/^big\.csv: [\d,]+ rows read \(\d+%\)$/);
  run.child.kill('SIGKILL');
  const killed = await run.done;
  expect(killed.signal).toBe('SIGKILL');
  expect(killed.stdout).toBe('');

  // PostgreSQL rolls the dead client's transaction back; wait for its backend to go.
  for (let i = 0; i < 100; i++) {
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'junheng-import'`);
    if (n === 0) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  expect(await tableChecksums(ds)).toEqual(before);
  const [{ n: running }] = await ds.query(`SELECT count(*)::int AS n FROM import_batch WHERE status = 'running'`);
  expect(running).toBe(0);

  const rerun = await runCliEn(['teacher_postings', file, '--local-admin']);
  expect(rerun.code).toBe(0);
  expect(rerun.stdout).toContain('200,000 rows: 200,000 inserted, 0 updated, 0 unchanged');
}, 120000);

test('with a token: the dataset\'s department may load, another department may not; both audited or refused', async () => {
  const planning = await runCliEn(['districts', exampleFile('districts'), '--token', tokenFor({ role: Role.PLANNING, subject: 'planner-1' })]);
  expect(planning.code).toBe(0);
  const [batch] = await ds.query(`SELECT loaded_by FROM import_batch WHERE dataset = 'districts'`);
  expect(batch.loaded_by).toBe('planner-1');
  const [audit] = await ds.query(`SELECT subject, action, outcome FROM audit_event WHERE subject = 'planner-1'`);
  expect(audit).toEqual({ subject: 'planner-1', action: 'import', outcome: 'succeeded' });

  const finance = await runCliEn(['districts', exampleFile('districts'), '--token', tokenFor({ role: Role.FINANCE })]);
  expect(finance.code).toBe(2);
  expect(finance.stderr).toContain('role finance may not import districts (a dataset of the planning department)');
  const forged = await runCliEn(['districts', exampleFile('districts'), '--token', 'not.a.jwt']);
  expect(forged.code).toBe(2);
  expect(forged.stderr).toContain('the token is refused');
}, 180_000);
