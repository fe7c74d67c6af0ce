// Hostile posts: every payload in xss-payloads.txt becomes a post (its body,
// part of its title, a category), built by the real builder into a copy of
// the release app. Opening each in Chromium must run no script and leave no
// injected element or attribute behind.
import { test, expect } from './fixtures.mjs';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { XSS_PORT } from './playwright.config.mjs';

const root = path.resolve(import.meta.dirname, '../..');
const work = path.join(root, 'target/xss');
const site = path.join(root, 'target/dist-xss');

const payloads = fs.readFileSync(path.join(import.meta.dirname, 'xss-payloads.txt'), 'utf8')
  .split('\n').filter((l) => l && !l.startsWith('%%')).map((l) => l.replaceAll('\\n', '\n'));

test.describe.configure({ mode: 'serial' });
// The pages' Content-Security-Policy would stop a script that got past the
// HTML filter; these tests switch it off, so they test the filter alone.
test.use({ baseURL: `http://127.0.0.1:${XSS_PORT}`, bypassCSP: true });

test.beforeAll(() => {
  fs.rmSync(work, { recursive: true, force: true });
  fs.rmSync(site, { recursive: true, force: true });
  fs.mkdirSync(path.join(work, 'posts'), { recursive: true });
  payloads.forEach((payload, i) => {
    const front = [
      '---',
      `title: ${JSON.stringify(`Payload ${i} ${payload}`)}`,
      'date: 2024-01-01',
      `categories: [${JSON.stringify(payload)}, Hostile]`,
      `tags: [${JSON.stringify(payload)}]`,
      `author: ${JSON.stringify(payload)}`,
      '---',
    ].join('\n');
    fs.writeFileSync(path.join(work, 'posts', `xss-${i}.md`), `${front}\nBefore.\n\n${payload}\n\nAfter ${i}.\n`);
  });
  // The release app, with the hostile posts as its data and its pages.
  fs.mkdirSync(site, { recursive: true });
  for (const file of fs.readdirSync(path.join(root, 'dist'))) {
    if (/\.(js|wasm|css)$/.test(file)) fs.copyFileSync(path.join(root, 'dist', file), path.join(site, file));
  }
  fs.copyFileSync(path.join(root, 'dist', 'app-shell.html'), path.join(site, 'index.html'));
  const folio = (...args) => execFileSync('cargo', ['run', '--quiet', '--profile', 'builder', '--bin', 'folio', '--', ...args,
    '--config', path.join(work, 'none.toml')], { cwd: root, stdio: 'inherit' });
  folio('build', '--posts', path.join(work, 'posts'), '--public', path.join(work, 'posts'), '--out', site, '--no-cache');
  folio('pages', '--site', site);
});

/** Fails the test if script ran or markup was injected on the current page. */
async function expectNothingRan(page, where) {
  await page.waitForTimeout(150); // let failing images fire their error events
  const fired = await page.evaluate(() => window.__xss);
  expect(fired, `${where}: script ran`).toEqual([]);
  expect(await injectedMarkup(page), `${where}: injected markup`).toEqual([]);
}

/** Elements and attributes on the page that could run script. */
function injectedMarkup(page) {
  return page.evaluate(() => {
    const found = [];
    const bad = 'main script, main iframe, main object, main embed, main form, main input, main textarea, ' +
      'main select, main button:not(.retry):not(.more-results), main style, main link, main meta, main base, main svg, ' +
      'main template, main noscript, main frame';
    for (const el of document.querySelectorAll(bad)) found.push(`<${el.localName}>`);
    // Formulas are MathML the renderer makes (math.rs): only its elements
    // and attributes, never an author's.
    const mathml = new Set(['math', 'semantics', 'annotation', 'mrow', 'mi', 'mn', 'mo', 'mtext', 'mspace', 'msub',
      'msup', 'msubsup', 'munder', 'mover', 'munderover', 'mfrac', 'msqrt', 'mroot', 'mtable', 'mtr', 'mtd',
      'merror', 'mphantom']);
    const mathAttributes = new Set(['display', 'mathvariant', 'largeop', 'fence', 'minsize', 'maxsize', 'width',
      'accent', 'accentunder', 'columnalign', 'linethickness', 'encoding']);
    for (const el of document.querySelectorAll('main math, main math *')) {
      if (!mathml.has(el.localName)) found.push(`<${el.localName}> in a formula`);
      for (const attr of el.attributes) {
        if (!mathAttributes.has(attr.name)) found.push(`<${el.localName} ${attr.name}> in a formula`);
      }
    }
    for (const el of document.querySelectorAll('body *')) {
      for (const attr of el.attributes) {
        const value = attr.value.replace(/[\s\u0000-\u001f]/g, '').toLowerCase();
        if (attr.name.startsWith('on') || attr.name === 'style' || attr.name === 'srcdoc' || attr.name === 'formaction'
          // Text a reader reads (`alt="javascript: the good parts"`) is not followed.
          || (!['alt', 'title', 'aria-label'].includes(attr.name) && /^(javascript|vbscript|data):/.test(value))) {
          found.push(`<${el.localName} ${attr.name}="${attr.value}">`);
        }
      }
    }
    return found;
  });
}

test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => {
    window.__xss = [];
    for (const name of ['alert', 'confirm', 'prompt', 'print', 'open']) {
      window[name] = (...args) => { window.__xss.push(`${name}(${args.join(',')})`); };
    }
  });
  page.on('dialog', (dialog) => { page.evaluate(() => window.__xss.push('dialog')).catch(() => {}); dialog.dismiss(); });
});

test(`${payloads.length} hostile posts render as text and run nothing`, async ({ page }) => {
  test.setTimeout(payloads.length * 2_000);
  expect(payloads.length).toBeGreaterThanOrEqual(50);
  for (let i = 0; i < payloads.length; i++) {
    await page.goto(`/post/xss-${i}`);
    await expect(page.locator('.post-body'), `payload ${i}`).toContainText(`After ${i}.`);
    await expect(page.locator('.post-header h1')).toContainText(`Payload ${i}`);
    await expectNothingRan(page, `payload ${i}: ${payloads[i]}`);
  }
});

test('lists and the sidebar show hostile titles and names as text', async ({ page }) => {
  for (const url of ['/', '/page/2', '/category/hostile', '/search?q=script']) {
    await page.goto(url);
    await expect(page.locator('.post-list, #search-results').first()).toBeVisible();
    await expectNothingRan(page, url);
  }
  // The raw payload is visible as text in a title, not interpreted.
  await page.goto('/post/xss-0');
  await expect(page.locator('.post-header h1')).toHaveText(`Payload 0 ${payloads[0]}`);
});

test('a link whose unsafe address was dropped reads as plain text', async ({ page }) => {
  const i = payloads.indexOf('[click](javascript:alert(1))');
  expect(i).toBeGreaterThanOrEqual(0);
  await page.goto(`/post/xss-${i}`);
  await page.waitForFunction(() => !document.getElementById('prerender'));
  const link = page.locator('.post-body a', { hasText: 'click' });
  await expect(link).toHaveCount(1);
  expect(await link.getAttribute('href')).toBeNull();
  const colors = await link.evaluate((a) => [getComputedStyle(a).color, getComputedStyle(a.parentElement).color]);
  expect(colors[0]).toBe(colors[1]);
});

test('the detectors fire when script does run (control)', async ({ page }) => {
  await page.goto('/post/xss-0');
  await expect(page.locator('.post-body')).toContainText('After 0.');
  // Bypass the app and inject a live payload, as a sanitizer bug would.
  await page.evaluate(() => {
    const div = document.createElement('div');
    div.innerHTML = '<img src="x" onerror="alert(1)">';
    document.querySelector('main').append(div);
  });
  await expect.poll(() => page.evaluate(() => window.__xss.length)).toBeGreaterThan(0);
  await expect(expectNothingRan(page, 'control')).rejects.toThrow();
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the prerendered pages of hostile posts carry nothing that could run', async ({ page }) => {
    for (const url of ['/', '/page/2', '/category/hostile', ...payloads.map((_, i) => `/post/xss-${i}`)]) {
      await page.goto(url);
      await expect(page.locator('#prerender main')).toBeVisible();
      expect(await injectedMarkup(page), url).toEqual([]);
    }
  });
});
