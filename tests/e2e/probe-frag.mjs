import { chromium } from 'playwright-core';
import { spawn } from 'node:child_process';
const server = spawn('node', ['tests/e2e/serve.mjs', '4397', 'dist']);
await new Promise((r) => setTimeout(r, 500));
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: 1200, height: 700 } });
const errors = []; page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
for (const url of ['/post/three-days-at-rustfest-lisbon#day-one-workshops-and-a-dinner', '/post/three-days-at-rustfest-lisbon?utm_source=mastodon#day-one-workshops-and-a-dinner', '/post/three-days-at-rustfest-lisbon/', '/post/three-days-at-rustfest-lisbon/index.html', '/?utm_source=x', '/tag/rustfest/?ref=y']) {
  await page.goto('http://127.0.0.1:4397' + url);
  await page.waitForFunction(() => !document.getElementById('prerender'), null, { timeout: 10000 }).catch(() => {});
  await page.waitForTimeout(800);
  const info = await page.evaluate(() => {
    const h = document.getElementById('day-one-workshops-and-a-dinner');
    return { url: location.href, title: document.title, top: h ? Math.round(h.getBoundingClientRect().top) : null, scrollY: Math.round(scrollY), h1: document.querySelector('h1')?.textContent };
  });
  console.log(url, JSON.stringify(info));
}
await page.screenshot({ path: '/tmp/frag.png' });
console.log('errors', errors);
await browser.close(); server.kill();
