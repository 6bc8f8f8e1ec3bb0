import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, BrowserContext } from 'playwright-core';
import { DataSource } from 'typeorm';
import { openTestDataSource, truncateAll } from '../helpers/database';
import { buildDistrict } from '../helpers/district-fixture';
import { Fixtures } from '../helpers/fixtures';
import { TestHub } from '../helpers/server';

/**
 * Issue #12.4: `/graphql` in a browser on a network without internet. Every request that does not go to the hub is
 * aborted and recorded; the GraphiQL page must render from the hub alone, with the development demo token in its
 * headers, run a query and show the data — and never try to reach anything else (no CDN script, no web font).
 */
const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const ARTIFACTS = path.join(__dirname, '..', 'artifacts');
const runs = fs.existsSync(CHROMIUM) || Boolean(process.env.CI);
if (!runs) console.warn(`ide.browser.test.ts skipped: ${CHROMIUM} is absent (apt-get install -y chromium); in CI it runs`);

let ds: DataSource;
let hub: TestHub;
let context: BrowserContext;
let profile: string;

(runs ? describe : describe.skip)('GraphiQL offline in headless Chromium', () => {
  beforeAll(async () => {
    ds = await openTestDataSource();
    await truncateAll(ds);
    await buildDistrict(new Fixtures(ds), { code: '500106' });
    hub = await TestHub.start(ds);
    profile = fs.mkdtempSync(path.join(os.tmpdir(), 'junheng-ide-chromium-'));
    context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, args: ARGS, viewport: { width: 1400, height: 900 }, locale: 'zh-CN' });
  });
  afterAll(async () => {
    await context?.close();
    await hub?.stop();
    await ds?.destroy();
    if (profile) fs.rmSync(profile, { recursive: true, force: true });
  });

  test('renders from the hub alone, runs the sample query with the demo token and shows the data', async () => {
    const hubOrigin = new URL(hub.url).origin;
    const outside: string[] = [];
    const fromHub: string[] = [];
    // The network is cut: anything but the hub is aborted (and remembered).
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(`${hubOrigin}/`)) {
        fromHub.push(new URL(url).pathname);
        return route.continue();
      }
      outside.push(url);
      return route.abort('internetdisconnected');
    });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));

    await page.goto(`${hub.url}/graphql`);
    await page.waitForSelector('.graphiql-container', { timeout: 30_000 });
    expect(await page.title()).toBe('均衡 GraphQL 查询工具');

    // The demo token is in the headers editor (development secret only).
    await page.getByRole('button', { name: /headers/i }).first().click().catch(() => undefined);
    await page.waitForFunction(() => (globalThis as any).document.body.innerText.includes('Authorization'), null, { timeout: 10_000 });

    // Run the sample query (Ctrl-Enter in the editor, or the run button).
    await page.locator('.graphiql-execute-button').click();
    await page.waitForFunction(() => (globalThis as any).document.querySelector('.result-window')?.textContent?.includes('"totalCount": 1'), null, { timeout: 20_000 });
    const result = await page.locator('.result-window').textContent();
    expect(result).toContain('500106');
    expect(result).not.toContain('errors');

    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'graphiql-offline.png') });

    expect(outside).toEqual([]);
    expect(fromHub).toEqual(expect.arrayContaining(['/graphql', '/ide/graphiql.min.js', '/ide/graphiql.min.css', '/ide/react.production.min.js', '/ide/start.js']));
    expect(problems).toEqual([]);
  });

  test('Apollo Sandbox stays available as an option (it needs the internet)', async () => {
    const res = await fetch(`${hub.url}/graphql?ide=sandbox`, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('embeddable-sandbox.cdn.apollographql.com');
    // The demo token goes into Sandbox's shared headers too (development secret only).
    expect(html).toContain('Authorization');
  });
});
