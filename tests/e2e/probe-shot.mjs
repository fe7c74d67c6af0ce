import { chromium } from 'playwright-core';
import { spawn } from 'node:child_process';
const [dir, ...paths] = process.argv.slice(2);
const server = spawn('node', ['tests/e2e/serve.mjs', '4398', dir]);
await new Promise((r) => setTimeout(r, 500));
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: 375, height: 800 } });
let i = 0;
for (const p of paths) {
  await page.goto('http://127.0.0.1:4398' + p);
  await page.waitForFunction(() => !document.getElementById('prerender'), null, { timeout: 10000 }).catch(() => {});
  await page.waitForTimeout(500);
  const w = await page.evaluate(() => [document.documentElement.scrollWidth, innerWidth]);
  console.log(p, 'scrollWidth/innerWidth', w);
  await page.screenshot({ path: `/tmp/shot${i++}.png`, fullPage: false });
}
await browser.close(); server.kill();
