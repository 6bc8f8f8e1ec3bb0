import fs from 'node:fs';
import path from 'node:path';
import { chromium, Browser, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { openTestDataSource, truncateAll } from '../../helpers/database';
import { buildDistrict } from '../../helpers/district-fixture';
import { Fixtures } from '../../helpers/fixtures';
import { Role } from '../../../src/auth/roles';
import { signToken } from '../../../src/auth/tokens';
import { Department, DistrictKind } from '../../../src/common/vocabulary';
import { config } from '../../../src/config';
import { createServer, HubServer } from '../../../src/server';
import { TestHub, tokenFor } from '../../helpers/server';

/**
 * The overview page in a real browser (Debian's chromium driven by playwright-core) at a desk's and a phone's
 * width: sign-in, the city (cards, map, progress, early warning, table), a district's drill-down, both languages.
 * Every request that would leave the hub is aborted and counted (none may); console errors fail the test;
 * nothing may be wider than the window or than its card. Screenshots go to test/artifacts/. Skipped only on a
 * machine without chromium outside CI; in CI (.ci/run installs chromium) it always runs.
 */
const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const ARTIFACTS = path.join(__dirname, '..', '..', 'artifacts');
const runs = fs.existsSync(CHROMIUM) || Boolean(process.env.CI);
if (!runs) console.warn(`overview.browser.test.ts skipped: ${CHROMIUM} is absent (apt-get install -y chromium); in CI it runs`);

let ds: DataSource;
let hub: TestHub;
let browser: Browser;

interface Watched { page: Page; problems: string[]; outside: string[]; authorizations: (string | undefined)[] }

/** A fresh page (its own storage) that aborts and records any request not addressed to the hub. */
async function open(width: number, options: { locale?: string; base?: string } = {}): Promise<Watched> {
  const context = await browser.newContext({ viewport: { width, height: width < 500 ? 844 : 900 }, locale: options.locale ?? 'zh-CN' });
  const page = await context.newPage();
  const w: Watched = { page, problems: [], outside: [], authorizations: [] };
  const origin = new URL(options.base ?? hub.url).origin;
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(origin) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
    w.outside.push(url);
    return route.abort();
  });
  page.on('pageerror', (e) => w.problems.push(e.message));
  page.on('console', (m) => m.type() === 'error' && w.problems.push(m.text()));
  page.on('request', (r) => r.url().endsWith('/graphql') && w.authorizations.push(r.headers().authorization));
  return w;
}

async function signIn(page: Page, token?: string): Promise<void> {
  await page.waitForSelector('body[data-state="signin"]');
  if (token !== undefined) await page.fill('#token', token);
  await page.click('#signin-form button[type="submit"]');
}

/** Nothing wider than the window, and nothing inside a card reaching past the card's edges. */
async function overflow(page: Page): Promise<string[]> {
  // A string: the test is compiled without the DOM's types.
  return page.evaluate(`(() => {
    const out = [];
    if (document.documentElement.scrollWidth > window.innerWidth) out.push('page ' + document.documentElement.scrollWidth + ' > ' + window.innerWidth);
    document.querySelectorAll('section.card').forEach((card) => {
      const c = card.getBoundingClientRect();
      if (c.width === 0) return;
      card.querySelectorAll('*').forEach((el) => {
        const b = el.getBoundingClientRect();
        if (b.width > 0 && (b.right > c.right + 1 || b.left < c.left - 1)) out.push(el.tagName + '#' + el.id + '.' + el.className + ' ' + Math.round(b.left) + '–' + Math.round(b.right) + ' outside ' + Math.round(c.left) + '–' + Math.round(c.right));
      });
    });
    return out.slice(0, 5);
  })()`);
}

/** Waits for the view to be drawn; says what the page shows if it ends in an error instead. */
async function ready(w: Watched, timeout = 30_000): Promise<void> {
  await w.page.waitForSelector('body[data-state="ready"], body[data-state="error"]', { timeout });
  const state = await w.page.getAttribute('body', 'data-state');
  if (state !== 'ready') throw new Error(`the page shows: ${await w.page.textContent('#status')} (${w.problems.join('; ')})`);
}

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(ARTIFACTS, name), fullPage: true });

(runs ? describe : describe.skip)('overview page in headless Chromium', () => {
  beforeAll(async () => {
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    ds = await openTestDataSource();
    await truncateAll(ds);
    const fx = new Fixtures(ds);
    // 40 districts and a functional zone like the city: one meeting every indicator, one failing on the spread, one
    // with a school below the rule (一校一策), the rest without data (INSUFFICIENT_DATA), planned over 2022–2027,
    // those planned for 2022 already certified.
    await buildDistrict(fx, { code: '500101', plannedCertificationYear: 2024 });
    await buildDistrict(fx, { code: '500102', thirdPrimarySportsAreaM2: '40000', plannedCertificationYear: 2025 });
    await buildDistrict(fx, { code: '500103', thirdPrimarySportsAreaM2: '3000', plannedCertificationYear: 2025 });
    await fx.districts(
      ...Array.from({ length: 37 }, (_, i) => {
        const plannedCertificationYear = 2022 + (i % 6);
        const certified = plannedCertificationYear === 2022;
        return { code: String(500104 + i), name: `测试区${i + 4}`, plannedCertificationYear, certified, certifiedYear: certified ? 2022 : null };
      }),
      { code: 'LJXQ', name: '两江新区', kind: DistrictKind.FUNCTIONAL_ZONE, plannedCertificationYear: 2022, certified: true, certifiedYear: 2022 },
    );
    await fx.expenditure({ districtCode: '500103', year: 2023, generalBudgetEducationYuan: '90000000' }, { districtCode: '500103', year: 2024, generalBudgetEducationYuan: '95000000.5' });
    await fx.districtEducation({ districtCode: '500103', year: 2023, totalStudents: 3000 });
    // The ledger (督导台账) of 500103: one finding overdue at its failing school, one closed.
    const batch = await fx.batch(Department.SUPERVISION);
    await ds.query(`INSERT INTO supervision_visits (visit_id, school_code, district_code, visited_on, batch_id) VALUES ('V-500103', '500103P3', '500103', '2024-03-01', $1)`, [batch]);
    await ds.query(
      `INSERT INTO supervision_findings (batch_id, visit_id, district_code, school_code, indicator_code, description, raised_on, due_on, state, closed_on, raised_by)
       VALUES ($1, 'V-500103', '500103', '500103P3', 'R5', '运动场地面积不足，生均 6 平方米', '2024-03-01', '2024-06-30', 'rectifying', NULL, 'x'),
              ($1, 'V-500103', '500103', NULL, NULL, '教师交流轮岗台账不全', '2024-03-01', '2024-05-31', 'closed', '2024-05-20', 'x')`,
      [batch],
    );
    // Certification stages (#16.3): 500101 certified in its planned year, 500103 at the municipal review, 500105
    // (planned for 2023) stopped at its self-evaluation; the others have none recorded.
    await ds.query(
      `INSERT INTO certification_stages (district_code, stage, reached_on, recorded_by)
       VALUES ('500101', 'self_evaluation', '2023-10-09', 'x'), ('500101', 'municipal_review', '2024-03-12', 'x'),
              ('500101', 'provincial', '2024-06-18', 'x'), ('500101', 'national', '2024-10-22', 'x'), ('500101', 'certified', '2024-12-06', 'x'),
              ('500103', 'self_evaluation', '2024-04-15', 'x'), ('500103', 'municipal_review', '2024-09-20', 'x'),
              ('500105', 'self_evaluation', '2023-05-10', 'x')`,
    );
    hub = await TestHub.start(ds);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  });
  afterAll(async () => {
    await browser?.close();
    await hub?.stop();
    await ds?.destroy();
  });

  test.each([1440, 390])('at %i px: sign in with the development token, the city, then a district; nothing overflows, nothing leaves the hub', async (width) => {
    const w = await open(width);
    const { page } = w;
    await page.goto(`${hub.url}/`);
    // Development (the development secret): the sign-in step says what it needs and offers the demo token.
    await page.waitForSelector('body[data-state="signin"]');
    expect(await page.isVisible('#signin-dev')).toBe(true);
    expect((await page.inputValue('#token')).split('.')).toHaveLength(3);
    await signIn(page);
    await ready(w);
    expect(w.authorizations[0]).toMatch(/^Bearer ey/);
    expect(await page.evaluate('sessionStorage.getItem("junheng.token")')).toMatch(/^ey/);

    expect(await page.locator('#districts tbody tr').count()).toBe(41);
    expect(await page.locator('tr[data-district="500101"] .badge').first().textContent()).toBe('达标');
    expect(await page.locator('tr[data-district="500102"]').textContent()).toContain('CV_R5');
    expect(await page.locator('tr[data-district="500101"] .links a').first().getAttribute('href')).toBe('/reports/evaluation/500101/2024.xlsx');
    // The map: the districts drawn (the zone beside it, as a badge with its verdict), coloured by verdict.
    expect(Number(await page.getAttribute('#map', 'data-rendered'))).toBe(40);
    expect(await page.locator('#zones [data-zone="LJXQ"]').textContent()).toBe('两江新区 · 数据不足');
    expect(await page.evaluate(`echarts.getInstanceByDom(document.getElementById('map')).getOption().series[0].data.find((d) => d.name === '500101').itemStyle.areaColor`)).toBe('#48bb78');
    // Certification progress: planned years 2022–2027, cumulative.
    expect(await page.getAttribute('#progress-chart', 'data-rendered')).toBe('6');
    expect(JSON.parse((await page.getAttribute('#progress-chart', 'data-planned'))!)).toEqual([8, 14, 21, 29, 35, 41]);
    const chartBox = await page.locator('#progress-chart canvas').first().boundingBox();
    expect(chartBox!.width).toBeGreaterThan(width < 500 ? 300 : 500);
    // Planned by 2025, not certified, not qualified: 500102, 500103 and the districts without data planned 2023–2025.
    expect(await page.locator('#warnings-count').textContent()).toBe(String(await page.locator('#warnings li').count()));
    // The ledger: the city's counts and the district with an overdue rectification, also marked in the early warning.
    expect(await page.textContent('#ledger-summary')).toBe('问题 2 个：未销号 1 个（其中逾期 1 个），已销号 1 个，销号率 50%');
    expect(await page.textContent('#ledger-warnings')).toContain('区500103 逾期未整改 1 个');
    // The cost to qualify (#16.1): the city's total on a card, each district's in the table, one-off and yearly apart.
    expect(await page.locator('#cards .stat').last().textContent()).toContain('达标投入估算（5 年口径）');
    expect(await page.locator('tr[data-district="500103"] td.cost').textContent()).toContain('一次性 112,800 元，每年 0 元');
    expect(await page.locator('tr[data-district="500101"] td.cost').textContent()).toBe('—');
    expect(await overflow(page)).toEqual([]);
    await shot(page, `overview-${width}.png`);

    // Drill-down from the table: verdict, blockers, the failing school with its shortfall, funding, trend.
    await page.click('tr[data-district="500103"] a.district');
    await page.waitForSelector('#district:not([hidden])');
    await ready(w);
    expect(new URL(page.url()).searchParams.get('district')).toBe('500103');
    expect(await page.textContent('#d-title')).toBe('区500103 · 2024 年评估');
    expect(await page.textContent('#d-head')).toContain('未达标');
    expect(await page.textContent('#d-head')).toMatch(/达标投入估算.*一次性 112,800 元/);
    expect(await page.textContent('#d-blockers')).toContain('R5');
    const school = page.locator('#d-schools tr[data-school="500103P3"]');
    expect(await school.textContent()).toMatch(/R5：还需增加体育运动场馆面积750平方米/);
    // Its cheapest priced plan: R5 to 85% (3,187.5 → +188 m² × 600 yuan, a default unit cost).
    expect(await school.textContent()).toContain('最省方案：R5 提升至标准值的 85% 以上，其余指标达标；一次性投入 112800 元');
    // Whether the plans use delivered unit costs or defaults (D117): nothing delivered in this fixture.
    expect(await page.locator('#d-costs-note').textContent()).toBe('单位成本：0 项为财政部门报送的单价，12 项为默认单价（占位值，仅供规划讨论，见 docs/planning.md）；设备按账面价值计');
    expect(await page.textContent('#d-funding')).toContain('95,000,000.5');
    expect(await page.getAttribute('#trend-chart', 'data-rendered')).toBe('2');
    // At this pace (one year of data in the fixture): said, not a dead end.
    expect(await page.textContent('#d-pace')).toBe('2022—2024 年中有数据的年份不足两年，无法推算进度');
    expect(await page.locator('#d-ledger tbody tr').count()).toBe(1);
    expect(await page.locator('#d-links a[href$="/ledger.csv"]').count()).toBe(1);
    expect(await page.textContent('#d-ledger tbody tr')).toMatch(/运动场地面积不足.*整改中.*2024-06-30.*已逾期/);
    expect(await overflow(page)).toEqual([]);
    await shot(page, `district-${width}.png`);
    await page.click('#back');
    await page.waitForSelector('#city:not([hidden])');
    await ready(w);

    expect(w.outside).toEqual([]);
    expect(w.problems).toEqual([]);
    await page.context().close();
  });

  test('certification stages: each district\'s latest stage and date against its plan, late marked, in the table and the early warning', async () => {
    const w = await open(1440);
    const { page } = w;
    await page.goto(`${hub.url}/`);
    await signIn(page);
    await ready(w);
    const cert = (district: string) => page.locator(`tr[data-district="${district}"] .cert`);
    expect(await cert('500101').textContent()).toBe('2024-12-06 完成国家认定');
    expect(await cert('500101').getAttribute('data-late')).toBe('false');
    // Planned for 2025 and not certified: late once 2025 is past (the hub's today).
    const pastPlan = new Date().getFullYear() > 2025;
    expect(await cert('500103').textContent()).toBe(pastPlan ? '2024-09-20 完成地市复核 · 晚于计划' : '2024-09-20 完成地市复核');
    expect(await cert('500105').textContent()).toBe('2023-05-10 完成县级自评 · 晚于计划');
    expect(await cert('500105').getAttribute('class')).toBe('cert late');
    expect(await cert('500102').textContent()).toMatch(/^尚未自评/);
    // The early warning carries the same status beside the plan.
    const warning = page.locator('#warnings li', { hasText: '区500103' });
    expect(await warning.locator('.cert').textContent()).toBe(await cert('500103').textContent());
    expect(await page.locator('#warnings li .cert').count()).toBe(await page.locator('#warnings li').count());
    expect(await overflow(page)).toEqual([]);
    // The part that shows it (docs/overview-certification.png): the early warning, and a row of the table.
    await page.locator('section.card', { has: page.locator('#warnings') }).screenshot({ path: path.join(ARTIFACTS, 'overview-certification-1440.png') });
    await page.locator('tr[data-district="500103"]').screenshot({ path: path.join(ARTIFACTS, 'overview-certification-row-1440.png') });

    // In English, through the catalogue.
    await page.click('.lang a[data-lang="en"]');
    await page.waitForSelector('body[data-state="ready"]');
    expect(await cert('500105').textContent()).toBe('self-evaluation on 2023-05-10 · behind plan');
    expect(await cert('500102').textContent()).toMatch(/^no stage yet/);
    expect(w.outside).toEqual([]);
    expect(w.problems).toEqual([]);
    await page.context().close();
  });

  test('English on request: the switch and Accept-Language; the map badge and the table in English', async () => {
    const w = await open(1440, { locale: 'en-US' });
    const { page } = w;
    await page.goto(`${hub.url}/`);
    await signIn(page);
    await page.waitForSelector('body[data-state="ready"]');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.locator('tr[data-district="500101"] .badge').first().textContent()).toBe('Qualified');
    expect(await page.textContent('h1')).toBe('JunhengQuality-balanced compulsory education: city overview');
    // The switch to Chinese keeps the session (sessionStorage) and the view.
    await page.click('.lang a[data-lang="zh-CN"]');
    await page.waitForSelector('body[data-state="ready"]');
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    expect(await page.textContent('#zones')).toContain('数据不足');
    // Chinese: no English sentence in the page's own words (names, codes and the GraphQL link aside).
    const chrome = await page.evaluate<string>(`[...document.querySelectorAll('h1, h2, th, label, .stat, #status, footer, .legend')].map((e) => e.textContent).join(' ')`);
    expect(chrome).not.toMatch(/[A-Za-z]{2,}[ ,]+[A-Za-z]{2,}[ ,]+[A-Za-z]{2,}/);
    expect(w.outside).toEqual([]);
    expect(w.problems).toEqual([]);
    await page.context().close();
  });

  describe('outside development (no demo token offered)', () => {
    let server: HubServer;
    let base: string;
    const secret = 'a-production-secret-of-at-least-32-characters!';
    beforeAll(async () => {
      server = await createServer(ds, { ...config(), nodeEnv: 'production', auth: { ...config().auth, secret, publicKey: null } });
      base = `http://127.0.0.1:${await server.listen(0, '127.0.0.1')}`;
    });
    afterAll(() => server?.stop());

    test('a sign-in step, never a dead end: empty, wrong and expired tokens say so; a good one is kept for the tab', async () => {
      const w = await open(390, { base });
      const { page } = w;
      await page.goto(`${base}/`);
      await page.waitForSelector('body[data-state="signin"]');
      expect(await page.isVisible('#signin-dev')).toBe(false);
      expect(await page.inputValue('#token')).toBe('');
      expect(w.authorizations).toEqual([]);

      await signIn(page);
      expect(await page.textContent('#signin-error')).toBe('请先输入访问令牌');

      // Signed with another key (the development secret): refused, and the page asks to sign in again.
      await signIn(page, tokenFor({ role: Role.SUPERVISOR }));
      await page.waitForSelector('body[data-state="signin"] #signin-error:not(:empty)');
      expect(await page.textContent('#signin-error')).toBe('令牌未被接受：令牌签名无效。请重新登录。');
      expect(await page.evaluate('sessionStorage.getItem("junheng.token")')).toBeNull();

      const expired = signToken(secret, { subject: 'old', role: Role.SUPERVISOR }, -60);
      await signIn(page, expired);
      await page.waitForSelector('body[data-state="signin"] #signin-error:not(:empty)');
      expect(await page.textContent('#signin-error')).toMatch(/^令牌未被接受：令牌已于 .* 过期。请重新登录。$/);

      const good = signToken(secret, { subject: 'analyst', role: Role.ANALYST });
      await signIn(page, good);
      await page.waitForSelector('body[data-state="ready"]');
      expect(w.authorizations[w.authorizations.length - 1]).toBe(`Bearer ${good}`);
      await page.reload();
      await page.waitForSelector('body[data-state="ready"]');
      expect(w.authorizations[w.authorizations.length - 1]).toBe(`Bearer ${good}`);
      await page.click('#signout');
      await page.waitForSelector('body[data-state="signin"]');
      expect(await page.evaluate('sessionStorage.getItem("junheng.token")')).toBeNull();
      await shot(page, 'signin-390.png');

      expect(w.outside).toEqual([]);
      // The two refusals are 401 answers the browser logs as failed loads; nothing else.
      expect(w.problems.filter((p) => !/status of 401/.test(p))).toEqual([]);
      await page.context().close();
    });
  });
});
