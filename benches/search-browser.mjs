// Search in Chromium, Folio beside Pagefind, on the same posts: time from
// a query to its first ten results (with excerpts), and bytes fetched.
//
// usage: node benches/search-browser.mjs FOLIO_SITE PAGEFIND_SITE [ROUNDS]
// Prints one JSON object. Both sites are served by tests/e2e/serve.mjs
// (gzip for text, JSON and wasm, like GitHub Pages).
import { chromium } from 'playwright-core';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const [folioSite, pagefindSite, roundsArg] = process.argv.slice(2);
const ROUNDS = Number(roundsArg || 3);
const QUERIES = ['static site', 'rust', 'sourdough bread', 'search index', 'conference talk', 'maintainers',
  'deploy server', 'compiler errors', 'coffee morning', 'rou', 'benchmrk', '東京'];
const here = path.dirname(new URL(import.meta.url).pathname);
const serve = path.join(here, '..', 'tests', 'e2e', 'serve.mjs');

fs.writeFileSync(path.join(pagefindSite, 'bench.html'), `<!doctype html><meta charset="utf-8"><title>bench</title>
<script type="module">window.pagefind = await import('/pagefind/pagefind.js'); window.ready = true;</script>`);

const servers = [spawn('node', [serve, '4391', folioSite]), spawn('node', [serve, '4392', pagefindSite])];
await new Promise((r) => setTimeout(r, 500));
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu',
  '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });

/** Opens a fresh page and counts the bytes of every response, by URL and
 * by the phase (`state.phase`) it finished in. */
async function openPage(url) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const state = { phase: 'load', fetched: [] };
  // The context sees the search worker's requests too.
  context.on('requestfinished', async (request) => {
    const entry = { url: request.url(), phase: state.phase, bytes: 0 };
    state.fetched.push(entry);
    const sizes = await request.sizes().catch(() => null);
    if (sizes) entry.bytes = sizes.responseBodySize;
  });
  await page.goto(url);
  return { page, context, state };
}

const settle = (page) => page.waitForTimeout(200);
const sum = (list) => list.reduce((a, f) => a + f.bytes, 0);

async function folioQuery(page, q) {
  return page.evaluate(async (q) => {
    const input = document.getElementById('search-input');
    const done = () => {
      const section = document.querySelector('.search-results');
      const summary = document.querySelector('.summary');
      return section && section.getAttribute('aria-busy') === 'false' && summary && summary.textContent.includes(q);
    };
    const t0 = performance.now();
    input.value = q;
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await new Promise((resolve) => {
      if (done()) return resolve();
      const observer = new MutationObserver(() => { if (done()) { observer.disconnect(); resolve(); } });
      observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    });
    return performance.now() - t0;
  }, q);
}

async function pagefindQuery(page, q) {
  return page.evaluate(async (q) => {
    const t0 = performance.now();
    const search = await window.pagefind.search(q);
    await Promise.all(search.results.slice(0, 10).map((r) => r.data()));
    return performance.now() - t0;
  }, q);
}

/** `isEngine`: the search engine's own files that a site loads before the
 * first query (Folio's search worker, fetched as the search page opens),
 * counted in that query's "all" bytes, as Pagefind's wasm is. */
async function run(name, url, ready, query, isSearchData, isEngine) {
  const times = [];
  let first = 0, tenth = 0, later = 0, firstAll = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const { page, context, state } = await openPage(url);
    await page.waitForFunction(ready);
    await settle(page);
    for (let i = 0; i < QUERIES.length; i++) {
      state.phase = i;
      times.push(await query(page, QUERIES[i]));
      await settle(page);
    }
    await page.waitForTimeout(300);
    if (round === 0) {
      const of = (i) => state.fetched.filter((f) => f.phase === i);
      first = sum(of(0).filter((f) => isSearchData(f.url)));
      firstAll = sum(of(0)) + sum(of('load').filter((f) => isEngine(f.url)));
      tenth = sum(of(9));
      // One query's bytes turn on where shard cuts fall among its words:
      // the median of the queries after the first says more.
      const afterFirst = QUERIES.slice(1).map((_, i) => sum(of(i + 1))).sort((a, b) => a - b);
      later = afterFirst[Math.floor(afterFirst.length / 2)];
    }
    await context.close();
  }
  times.sort((a, b) => a - b);
  const pct = (p) => times[Math.round((times.length - 1) * p)];
  return { name, p50_ms: pct(0.5), p95_ms: pct(0.95), first_query_bytes: firstAll, first_query_data_bytes: first, tenth_query_bytes: tenth, later_query_bytes: later };
}

const folio = await run('folio', 'http://127.0.0.1:4391/search', () => !!document.querySelector('.summary'),
  folioQuery, () => true, (url) => url.includes('/folio-search-'));
const pagefind = await run('pagefind', 'http://127.0.0.1:4392/bench.html', () => window.ready === true,
  pagefindQuery, (url) => !/pagefind\.js$|\.pagefind$/.test(url), () => false);
console.log(JSON.stringify({ folio, pagefind }));
await browser.close();
servers.forEach((s) => s.kill());
