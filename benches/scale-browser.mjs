// Folio's first view and navigation in Chromium, beside a plain static page
// listing the same newest posts (the floor no site can beat), and beside
// Folio's own home page with the app's script taken out (what the page's
// HTML and CSS cost before the app adds anything).
//
// usage: node benches/scale-browser.mjs SITE PLAIN_PAGE_DIR [ROUNDS]
// Prints one JSON object. Both are served by tests/e2e/serve.mjs (gzip for
// text, JSON and wasm, like GitHub Pages).
import { chromium } from 'playwright-core';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const [site, plain, roundsArg] = process.argv.slice(2);
const ROUNDS = Number(roundsArg || 5);
const here = path.dirname(new URL(import.meta.url).pathname);
const serve = path.join(here, '..', 'tests', 'e2e', 'serve.mjs');
const NO_APP = 'bench-no-app.html';
const home = fs.readFileSync(path.join(site, 'index.html'), 'utf8');
fs.writeFileSync(path.join(site, NO_APP), home
  .replace(/<script type="module"[^>]*>[\s\S]*?<\/script>/g, '')
  .replace(/<link rel="(modulepreload|preload)"[^>]*>/g, ''));
const servers = [spawn('node', [serve, '4394', site]), spawn('node', [serve, '4395', plain])];
await new Promise((r) => setTimeout(r, 500));
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu',
  '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });

/** A fresh page (empty cache) that counts the bytes of every response. */
async function freshPage() {
  const context = await browser.newContext();
  const page = await context.newPage();
  const responses = [];
  page.on('requestfinished', async (request) => {
    const entry = { url: request.url(), bytes: 0 };
    responses.push(entry);
    const sizes = await request.sizes().catch(() => null);
    if (sizes) entry.bytes = sizes.responseBodySize + sizes.responseHeadersSize;
  });
  return { context, page, responses };
}

/** The post renderer's files (src/app/worker.rs), fetched after the first view. */
const RENDERER = '/folio-render-';
/** What the page's loader fetches once the page has painted: the app, its first data and the whole stylesheet. */
const appStyles = [...home.matchAll(/<meta name="folio-stylesheet" content="([^"]+)"/g)].map((m) => new URL(m[1], 'http://x/').pathname);
const isApp = (url) => /\/folio-app-|\.json$/.test(url) || appStyles.includes(new URL(url).pathname);
const bytesOf = (responses, counted) => responses.filter((r) => counted(r.url)).reduce((a, r) => a + r.bytes, 0);
const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
const paint = (page) => page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN);

/** Time from a click on the first element matching `selector` until `done()` holds. */
function clickAndWait(page, selector, done) {
  return page.evaluate(async ({ selector, done }) => {
    const check = new Function(`return (${done})();`);
    const t0 = performance.now();
    document.querySelector(selector).click();
    await new Promise((resolve) => {
      if (check()) return resolve();
      const observer = new MutationObserver(() => { if (check()) { observer.disconnect(); resolve(); } });
      observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    });
    return performance.now() - t0;
  }, { selector, done: done.toString() });
}

const folio = { paint: [], settled: [], pageBytes: [], bytes: [], bytesWithRenderer: [], openPost: [], openCategory: [], heap: [] };
const floor = { paint: [], bytes: [] };
const noApp = { paint: [] };
const slow = { homePaint: [], home: [], post: [] };
const SLOW_LINK = { offline: false, latency: 100, downloadThroughput: 1.6e6 / 8, uploadThroughput: 0.75e6 / 8 };
// The newest post, opened by its address on the slow link.
const postPath = new URL(/<ol class="post-list">.*?<a href="([^"]+)"/s.exec(home)[1], 'http://x/').pathname;
for (let round = 0; round < ROUNDS; round++) {
  {
    const { context, page, responses } = await freshPage();
    await page.goto('http://127.0.0.1:4394/');
    await page.waitForFunction(() => !document.getElementById('prerender'));
    folio.settled.push(await page.evaluate(() => performance.now()));
    await page.waitForTimeout(300);
    folio.paint.push(await paint(page));
    folio.pageBytes.push(bytesOf(responses, (url) => !url.includes(RENDERER) && !isApp(url)));
    folio.bytes.push(bytesOf(responses, (url) => !url.includes(RENDERER)));
    // The post renderer loads once the first view has settled and the
    // browser is idle; a reader takes longer than that to pick a post.
    await page.waitForLoadState('networkidle');
    folio.bytesWithRenderer.push(bytesOf(responses, () => true));
    folio.openPost.push(await clickAndWait(page, '.app .post-list .post-card h2 a',
      () => !!document.querySelector('.app .post-body')));
    await page.goBack();
    await page.waitForSelector('.app .post-list');
    folio.openCategory.push(await clickAndWait(page, '.app .widget.categories a',
      () => (document.querySelector('.app .listing-title')?.textContent || '').startsWith('Category:')));
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const { metrics } = await cdp.send('Performance.getMetrics');
    folio.heap.push(metrics.find((m) => m.name === 'JSHeapUsedSize').value);
    await context.close();
  }
  {
    const { context, page, responses } = await freshPage();
    await page.goto('http://127.0.0.1:4395/');
    await page.waitForTimeout(300);
    floor.paint.push(await paint(page));
    floor.bytes.push(bytesOf(responses, () => true));
    await context.close();
  }
  {
    // On a slow link (1.6 Mbit/s down, 100 ms round trips), where the
    // order of the downloads shows: when the home page paints, when the
    // app takes it over, and a post opened by its address.
    const { context, page } = await freshPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', SLOW_LINK);
    for (const [figure, url] of [['home', '/'], ['post', postPath]]) {
      await page.goto(`http://127.0.0.1:4394${url}`);
      await page.waitForFunction(() => !document.getElementById('prerender'), null, { timeout: 60_000 });
      slow[figure].push(await page.evaluate(() => performance.now()));
      if (figure === 'home') slow.homePaint.push(await paint(page));
      await cdp.send('Network.clearBrowserCache');
    }
    await context.close();
  }
  {
    const { context, page } = await freshPage();
    await page.goto(`http://127.0.0.1:4394/${NO_APP}`);
    await page.waitForTimeout(300);
    noApp.paint.push(await paint(page));
    await context.close();
  }
}
fs.rmSync(path.join(site, NO_APP));
const summary = (o) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, median(v)]));
console.log(JSON.stringify({ folio: summary(folio), plain: summary(floor), noApp: summary(noApp), slow: summary(slow) }));
await browser.close();
servers.forEach((s) => s.kill());
