// At 10,000 posts, a search fetches only the pieces of the index it needs:
// the manifest, a few shards and the shown results, never the whole index.
import { test, expect } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { LARGE_PORT } from './playwright.config.mjs';

const SITE = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../target/dist-10k');

function folderBytes(dir) {
  return fs.readdirSync(dir, { withFileTypes: true })
    .reduce((sum, e) => sum + (e.isDirectory() ? folderBytes(path.join(dir, e.name)) : fs.statSync(path.join(dir, e.name)).size), 0);
}

test('a search of a 10,000-post blog fetches a sliver of the index', async ({ page }) => {
  const index = JSON.parse(fs.readFileSync(path.join(SITE, 'index.json'), 'utf8'));
  expect(index.posts).toBe(10000);
  // The whole index: the manifest, shards, spelling lists and per-post
  // files (search-index/d/).
  const searchDir = path.join(SITE, 'search-index');
  expect(path.join(SITE, index.search).startsWith(searchDir)).toBe(true);
  const indexBytes = folderBytes(searchDir);
  const fetched = [];
  // The app's worker fetches the index; the context sees its requests.
  page.context().on('requestfinished', (request) => {
    const url = new URL(request.url());
    if (url.pathname.startsWith('/search-index/')) fetched.push(decodeURIComponent(url.pathname));
  });
  await page.goto(`http://127.0.0.1:${LARGE_PORT}/search`);
  await expect(page.locator('.summary')).toContainText('Type in the search box');
  for (const q of ['static site', 'compiler errors', 'benchmrk', 'rou']) {
    await page.getByRole('searchbox', { name: 'Search' }).fill(q);
    await expect(page.locator('.summary')).toContainText(`match “${q}”`);
    await expect(page.locator('.search-results')).toHaveAttribute('aria-busy', 'false');
  }
  expect(fetched.length, 'the search files were seen').toBeGreaterThan(0);
  const bytes = fetched.reduce((sum, p) => sum + fs.statSync(path.join(SITE, p)).size, 0);
  const shards = fetched.filter((p) => p.includes('/t/'));
  const totalShards = fs.readdirSync(path.join(searchDir, 't')).length;
  console.log(`4 queries fetched ${fetched.length} files, ${bytes} of ${indexBytes} bytes; ${shards.length} of ${totalShards} shards`);
  expect(new Set(fetched).size).toBe(fetched.length); // nothing fetched twice
  expect(bytes).toBeLessThan(indexBytes / 100);
  expect(shards.length).toBeLessThan(totalShards / 10);
  expect(fetched.filter((p) => p.includes('/d/')).length).toBeLessThanOrEqual(40);
});
