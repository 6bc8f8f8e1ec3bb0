import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { openTestDataSource, truncateAll } from '../../helpers/database';
import { buildDistrict } from '../../helpers/district-fixture';
import { Fixtures } from '../../helpers/fixtures';
import { TestHub } from '../../helpers/server';

/**
 * The reports as an official prints them: each workbook rendered to PDF by LibreOffice (`soffice --headless
 * --convert-to pdf`, what a clerk's "print to PDF" does) and its pages read back with poppler (pdfinfo, pdftotext,
 * pdftoppm). Skipped only on a machine without LibreOffice outside CI; a page image is saved in test/artifacts.
 */
const SOFFICE = '/usr/bin/soffice';
const runs = (fs.existsSync(SOFFICE) && fs.existsSync('/usr/bin/pdfinfo')) || Boolean(process.env.CI);
if (!runs) console.warn('print.test.ts skipped: LibreOffice or poppler-utils is absent (apt-get install -y libreoffice-calc poppler-utils)');
const ARTIFACTS = path.join(__dirname, '..', '..', 'artifacts');

let ds: DataSource;
let hub: TestHub;
let dir: string;

/** Downloads reports and prints them to PDF in one LibreOffice run (its start-up is most of the time). */
async function printAll(reports: Record<string, string>): Promise<void> {
  const files: string[] = [];
  for (const [name, url] of Object.entries(reports)) {
    const res = await fetch(`${hub.url}${url}`, { headers: hub.headers() });
    expect(res.status).toBe(200);
    files.push(path.join(dir, `${name}.xlsx`));
    fs.writeFileSync(files[files.length - 1]!, Buffer.from(await res.arrayBuffer()));
  }
  // A profile of its own, so a LibreOffice already running on the machine does not take the job.
  execFileSync(SOFFICE, [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'pdf', '--outdir', dir, ...files], { stdio: 'ignore', timeout: 180_000 });
}
const printed = (name: string) => path.join(dir, `${name}.pdf`);

function pdfPages(pdf: string): { count: number; sizes: string[]; text: string[] } {
  const info = execFileSync('pdfinfo', ['-l', '1000', pdf]).toString();
  const count = Number(/^Pages:\s+(\d+)/m.exec(info)![1]);
  const sizes = [...info.matchAll(/^Page\s+\d+ size:\s+(.*)$/gm)].map((m) => m[1]!);
  const text = Array.from({ length: count }, (_, i) => execFileSync('pdftotext', ['-layout', '-f', String(i + 1), '-l', String(i + 1), pdf, '-']).toString());
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  fs.writeFileSync(path.join(ARTIFACTS, `${path.basename(pdf, '.pdf')}-pages.txt`), text.map((p, i) => `--- page ${i + 1}\n${p}`).join('\n'));
  return { count, sizes, text };
}

(runs ? describe : describe.skip)('printed reports (LibreOffice → PDF)', () => {
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'junheng-print-'));
    ds = await openTestDataSource();
    await truncateAll(ds);
    const fx = new Fixtures(ds);
    await buildDistrict(fx, { code: 'C03', thirdPrimarySportsAreaM2: '3000', plannedCertificationYear: 2025 });
    await buildDistrict(fx, { code: 'A01', plannedCertificationYear: 2024 });
    hub = await TestHub.start(ds);
    await printAll({ district: '/reports/evaluation/C03/2024.xlsx', city: '/reports/city/2024.xlsx?lang=en' });
  }, 240_000);
  afterAll(async () => {
    await hub?.stop();
    await ds?.destroy();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  test('a district evaluation prints on A4, each sheet one page wide, the header on every page', async () => {
    const pdf = printed('district');
    const { count, sizes, text } = pdfPages(pdf);
    // Five sheets of a five-school district: one page each, the 28 indicators on two.
    expect(count).toBe(6);
    for (const size of sizes) expect(size).toMatch(/^(595\.\d+ x 841\.\d+|841\.\d+ x 595\.\d+) pts \(A4\)/);
    // Fitted to the width: the first and the last column of each table on the same page.
    const firstAndLast: [string, string][] = [['区县代码', '说明'], ['部分', '数据来源'], ['部分', '数据来源'], ['学段', '说明'], ['学段', '说明'], ['部门', '行数']];
    firstAndLast.forEach(([first, last], i) => {
      expect(text[i]).toContain(first);
      expect(text[i]).toContain(last);
      expect(text[i]).toMatch(new RegExp(`第 ${i + 1} 页，共 6 页`));
    });
    // The title block on the first page of each sheet; the header row repeated on the indicators' second page.
    for (const i of [0, 1, 3, 4, 5]) expect(text[i]).toContain('区C032024年县域义务教育优质均衡发展督导评估报告');
    expect(text[2]).not.toContain('评估依据');
    expect(text[2]).toContain('Q05');
    expect(text[3]).toContain('C03P3');

    fs.mkdirSync(ARTIFACTS, { recursive: true });
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '3', '-l', '3', pdf, path.join(ARTIFACTS, 'district-report-page')]);
    expect(fs.readdirSync(ARTIFACTS).some((f) => f.startsWith('district-report-page'))).toBe(true);
  });

  test('the city report prints on A4 pages, one page wide', async () => {
    const { count, sizes, text } = pdfPages(printed('city'));
    expect(count).toBe(4);
    for (const size of sizes) expect(size).toContain('(A4)');
    expect(text[0]).toContain('District');
    expect(text[0]).toContain('Per-student');
    expect(text[1]).toContain('Notes');
  });
});
