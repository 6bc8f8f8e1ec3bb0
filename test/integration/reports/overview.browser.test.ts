import fs from 'node:fs';
import path from 'node:path';
import { chromium, Browser } from 'playwright-core';
import { DataSource } from 'typeorm';
import { openTestDataSource, truncateAll } from '../../helpers/database';
import { buildDistrict } from '../../helpers/district-fixture';
import { Fixtures } from '../../helpers/fixtures';
import { Role } from '../../../src/auth/roles';
import { TestHub, tokenFor } from '../../helpers/server';

/**
 * The overview page in a real browser (Debian's chromium driven by playwright-core): the hub serves the page,
 * the page reads /graphql, draws the chart and fills the table. Skipped only on a machine without chromium
 * outside CI; in CI (.ci/run installs chromium) it always runs.
 */
const CHROMIUM = '/usr/bin/chromium';
/** Where the page keeps the viewer's token (src/reports/overview.ts). */
const TOKEN_STORAGE_KEY = 'junheng.token';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const ARTIFACTS = path.join(__dirname, '..', '..', 'artifacts');
const runs = fs.existsSync(CHROMIUM) || Boolean(process.env.CI);
if (!runs) console.warn(`overview.browser.test.ts skipped: ${CHROMIUM} is absent (apt-get install -y chromium); in CI it runs`);

let ds: DataSource;
let hub: TestHub;
let browser: Browser;

(runs ? describe : describe.skip)('overview page in headless Chromium', () => {
  beforeAll(async () => {
    ds = await openTestDataSource();
    await truncateAll(ds);
    const fx = new Fixtures(ds);
    // 41 districts like the city: one meeting every indicator, one failing on the spread, 39 without data
    // (INSUFFICIENT_DATA), planned over 2022–2027, those planned for 2022 already certified.
    await buildDistrict(fx, { code: '500101', plannedCertificationYear: 2024 });
    await buildDistrict(fx, { code: '500102', thirdPrimarySportsAreaM2: '40000', plannedCertificationYear: 2025 });
    await fx.districts(
      ...Array.from({ length: 39 }, (_, i) => {
        const plannedCertificationYear = 2022 + (i % 6);
        const certified = plannedCertificationYear === 2022;
        return { code: String(500103 + i), name: `测试区${i + 3}`, plannedCertificationYear, certified, certifiedYear: certified ? 2022 : null };
      }),
    );
    hub = await TestHub.start(ds);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  });
  afterAll(async () => {
    await browser?.close();
    await hub?.stop();
    await ds?.destroy();
  });

  test('shows the 41 districts, the chart and the early warning; saves a screenshot', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));

    // A supervisor who entered their token earlier (the page keeps it in localStorage).
    const token = tokenFor({ role: Role.SUPERVISOR });
    await page.addInitScript(
      ([key, value]) => (globalThis as unknown as { localStorage: { setItem(k: string, v: string): void } }).localStorage.setItem(key, value),
      [TOKEN_STORAGE_KEY, token],
    );
    await page.goto(`${hub.url}/`);
    await page.waitForSelector('body[data-state="ready"]', { timeout: 30_000 });

    expect(await page.locator('#districts tbody tr').count()).toBe(41);
    expect(await page.locator('tr[data-district="500101"] .badge').first().textContent()).toBe('达标 Qualified');
    expect(await page.locator('tr[data-district="500102"]').textContent()).toContain('CV_R5');
    expect(await page.locator('tr[data-district="500101"] a').first().getAttribute('href')).toBe('/reports/evaluation/500101/2024.xlsx');

    // Planned years 2022–2027, three cumulative bars each; the planned bars grow to all 41 districts.
    const chart = page.locator('#progress-chart');
    expect(await chart.getAttribute('data-rendered')).toBe('6');
    expect(await page.locator('#progress-chart rect.bar').count()).toBe(18);
    const planned = await page.locator('#progress-chart rect.bar.planned').evaluateAll((bars) => bars.map((b) => Number(b.getAttribute('data-value'))));
    expect(planned).toEqual([7, 14, 22, 29, 35, 41]);
    const box = await chart.boundingBox();
    expect(box!.width).toBeGreaterThan(300);
    expect(box!.height).toBeGreaterThan(100);
    const tallest = await page.locator('#progress-chart rect.bar.planned').last().boundingBox();
    expect(tallest!.height).toBeGreaterThan(50);

    // Planned by 2025, not certified, not qualified: 500102 and the 7 + 7 + 6 districts without data planned 2023–2025.
    expect(await page.locator('#warnings li').count()).toBe(21);
    expect(await page.locator('#warnings-count').textContent()).toBe('21');

    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'overview.png'), fullPage: true });
    expect(problems).toEqual([]);
    await page.close();
  });

  test('without a token the page says so; the token entered is kept and sent as a bearer token', async () => {
    const page = await browser.newPage();
    const authorizations: (string | undefined)[] = [];
    page.on('request', (r) => r.url().endsWith('/graphql') && authorizations.push(r.headers().authorization));

    await page.goto(`${hub.url}/?year=2024`);
    await page.waitForSelector('body[data-state="error"]');
    expect(authorizations).toEqual([undefined]);
    expect(await page.locator('#status').textContent()).toMatch(/no token/);

    const token = tokenFor({ role: Role.ANALYST });
    await page.fill('#token', token);
    await page.click('button[type="submit"]');
    await page.waitForSelector('body[data-state="ready"]');
    expect(authorizations[1]).toBe(`Bearer ${token}`);

    await page.reload();
    await page.waitForSelector('body[data-state="ready"]');
    expect(await page.inputValue('#token')).toBe(token);
    expect(authorizations[2]).toBe(`Bearer ${token}`);
    await page.close();
  });
});
