// Publishing like a real blog: every URL is a real page (readable without
// JavaScript, with its own title and link-preview tags), feeds are linked
// from every page, and the app adds instant navigation on top: posts are
// fetched on hover, Back restores the scroll position, and trailing
// slashes and index.html from static hosts are tidied away.
import { test, expect } from './fixtures.mjs';

const POST = '/post/three-days-at-rustfest-lisbon';

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('every kind of page has its content', async ({ page }) => {
    await page.goto('/');
    // Nothing that needs a script is offered.
    await expect(page.getByRole('searchbox')).toBeHidden();
    await expect(page.locator('.theme-toggle')).toBeHidden();
    await expect(page.locator('.post-list > li')).toHaveCount(10);
    await expect(page.locator('.pager')).toContainText('Page 1 of 2');
    await page.getByRole('link', { name: 'Older posts' }).click();
    await expect(page).toHaveURL(/\/page\/2\/?$/);
    await expect(page.locator('.post-list > li')).toHaveCount(4);

    await page.goto(POST);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Three days at RustFest Lisbon');
    await expect(page.locator('.post-body table tr')).toHaveCount(5);
    await expect(page.locator('.toc li')).toHaveCount(4);
    await expect(page.locator('.post-body pre.highlight code.language-rust span[class^="hl-"]').first()).toBeVisible();
    await expect(page.locator('.footnote-definition')).toContainText('16-core CI machine');

    await page.goto('/category/baking');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Category: Baking');
    await expect(page.locator('.post-list > li')).toHaveCount(3);
    // An older year's months are reached through its page, as in the app.
    await page.locator('.widget.archives').getByRole('link', { name: '2024', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Archive: 2024');
    await page.locator('.archive-months').getByRole('link', { name: 'May' }).click();
    await expect(page).toHaveURL(/\/archive\/2024\/05\/?$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Archive: May 2024');
    await expect(page.locator('.archive-months [aria-current="page"]')).toHaveText('May');
    const missing = await page.goto('/no/such/page');
    expect(missing.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
  });

  test('pages carry their title, description, canonical URL and preview tags', async ({ page }) => {
    await page.goto(POST);
    await expect(page).toHaveTitle('Three days at RustFest Lisbon · Field Notes');
    const meta = (selector) => page.locator(selector).first();
    await expect(meta('link[rel="canonical"]')).toHaveAttribute('href', `https://fieldnotes.example${POST}`);
    await expect(meta('meta[property="og:type"]')).toHaveAttribute('content', 'article');
    await expect(meta('meta[property="og:title"]')).toHaveAttribute('content', 'Three days at RustFest Lisbon');
    await expect(meta('meta[name="description"]')).toHaveAttribute('content', /RustFest/);
    await expect(meta('meta[property="article:published_time"]')).toHaveAttribute('content', /^2024-02-06T\d\d:\d\d:\d\dZ$/);
    await page.goto('/blog/category/baking');
    await expect(page).toHaveTitle('Category: Baking · Field Notes');
    await expect(meta('link[rel="canonical"]')).toHaveAttribute('href', 'https://fieldnotes.example/blog/category/baking');
    await expect(meta('link[type="application/atom+xml"][href$="category/baking/feed.xml"]')).toHaveCount(1);
    await expect(page.locator('.post-list > li').first().getByRole('link').first()).toHaveAttribute('href', /^\/blog\/post\//);
    // What the app will fetch first, which its loader preloads: a tag's
    // page needs the tags file beside its list's chunk.
    await page.goto('/tag/bread');
    const data = await page.locator('meta[name="folio-data"]').evaluateAll((metas) => metas.map((m) => m.content));
    expect(data).toEqual(['/index.json', expect.stringMatching(/^\/lists\/tag\/bread\/newest\.[0-9a-f]+\.json$/),
      expect.stringMatching(/^\/lists\/tags\.[0-9a-f]+\.json$/)]);
  });
});

test('a Content-Security-Policy lets the app, its workers and search run, and nothing else', async ({ page }) => {
  const violations = [];
  page.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) violations.push(m.text()); });
  await page.goto(POST);
  const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(policy).toContain("script-src 'self' 'wasm-unsafe-eval' 'sha256-");
  expect(policy).not.toContain("'unsafe-inline' 'sha256");
  await expect(page.locator('.app .post-body')).toBeVisible();
  // The post renderer's worker, then the search worker.
  await page.goto('/');
  await page.locator('.app .post-list > li').first().getByRole('heading').getByRole('link').click();
  await expect(page.locator('.app .post-body')).toBeVisible();
  await page.goto('/search?q=sourdough');
  await expect(page.locator('#search-results > li').first()).toBeVisible();
  expect(violations, 'the site itself breaks no rule').toEqual([]);
  // A script written into the page now is refused.
  const ran = await page.evaluate(() => new Promise((resolve) => {
    window.__ran = false;
    document.addEventListener('securitypolicyviolation', () => resolve(window.__ran), { once: true });
    const s = document.createElement('script');
    s.textContent = 'window.__ran = true';
    document.body.append(s);
  }));
  expect(ran).toBe(false);
});

test('every page links its feeds, and the feeds, sitemap and robots.txt are served', async ({ page, request }) => {
  for (const path of ['/', POST, '/tag/bread', '/search?q=x', '/no/such/page']) {
    await page.goto(path);
    await expect(page.locator('link[rel="alternate"][type="application/atom+xml"]').first(), path).toHaveAttribute('href', /feed\.xml$/);
  }
  const feed = await request.get('/feed.xml');
  expect(feed.status()).toBe(200);
  const atom = await feed.text();
  expect(atom.match(/<entry>/g)).toHaveLength(14);
  expect(atom).toContain('<link rel="alternate" type="text/html" href="https://fieldnotes.example/post/maintainers-summit-notes"/>');
  expect((await request.get('/rss.xml')).status()).toBe(200);
  expect(await (await request.get('/category/baking/feed.xml')).text()).toContain('<title>Field Notes: Baking</title>');
  expect(await (await request.get('/sitemap.xml')).text()).toContain(`<loc>https://fieldnotes.example${POST}</loc>`);
  expect(await (await request.get('/robots.txt')).text()).toContain('Sitemap: https://fieldnotes.example/sitemap.xml');
});

test('a trailing slash from the host is tidied away', async ({ page }) => {
  await page.goto(`${POST}/`);
  await expect(page).toHaveURL(POST);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Three days at RustFest Lisbon');
  await expect(page.locator('.post-body table tr')).toHaveCount(5);
});

test("a link to a page's index.html opens that page", async ({ page }) => {
  await page.goto(`${POST}/index.html`);
  await expect(page).toHaveURL(POST);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Three days at RustFest Lisbon');
  await expect(page.locator('.post-body table tr')).toHaveCount(5);
  await page.goto('/index.html');
  await expect(page).toHaveURL('/');
  await expect(page.locator('.app .post-list > li')).toHaveCount(10);
  await page.goto('/blog/page/2/index.html');
  await expect(page).toHaveURL('/blog/page/2');
  await expect(page.locator('.app .post-list > li')).toHaveCount(4);
});

test('pointing at a post fetches it, so opening it needs no request', async ({ page }) => {
  await page.goto('/');
  const fetched = [];
  page.on('request', (r) => { if (r.url().includes('/data/posts/')) fetched.push(new URL(r.url()).pathname); });
  const card = page.locator('.post-list > li').nth(2);
  await card.hover();
  await expect.poll(() => fetched.length).toBe(1);
  await card.getByRole('heading').getByRole('link').click();
  await expect(page.locator('.post-body')).toBeVisible();
  expect(fetched).toHaveLength(1);
});

test('Back returns to where the reader was in the list', async ({ page }) => {
  await page.setViewportSize({ width: 1000, height: 500 });
  await page.goto('/');
  const last = page.locator('.post-list > li').last();
  await last.scrollIntoViewIfNeeded();
  const y = await page.evaluate(() => window.scrollY);
  expect(y).toBeGreaterThan(500);
  await last.getByRole('heading').getByRole('link').click();
  await expect(page.locator('.post-body')).toBeVisible();
  await page.goBack();
  await expect(page.locator('.post-list > li')).toHaveCount(10);
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(y - 50);
});

test('the table of contents leads to its sections', async ({ page }) => {
  await page.goto(POST);
  await page.locator('.toc').getByRole('link', { name: 'Day three: hallway track' }).click();
  await expect(page).toHaveURL(`${POST}#day-three-hallway-track`);
  await expect(page.locator('#day-three-hallway-track')).toBeInViewport();
});

// Each page names the app's first fetches (the index and the page's own
// data), which the loader preloads beside the app's wasm; the app then
// uses those answers instead of asking again.
// The home page's ten posts are in two chunks of the list of all posts:
// its newest four and the ten before them.
for (const [what, url, data] of [['the home page', '/', ['/lists/all/newest.', '/lists/all/1.']], ['a post', POST, ['/data/posts/']]]) {
  test(`${what} preloads its data, and the app uses it without a second request`, async ({ page }) => {
    const requested = [];
    page.on('request', (r) => requested.push(new URL(r.url()).pathname));
    await page.goto(url);
    await expect(page.locator('#prerender')).toHaveCount(0);
    const preloads = await page.locator('link[rel="preload"][as="fetch"][href$=".json"]').evaluateAll((links) => links.map((l) => new URL(l.href).pathname));
    expect(preloads).toHaveLength(1 + data.length);
    expect(preloads[0]).toBe('/index.json');
    data.forEach((name, i) => expect(preloads[1 + i]).toContain(name));
    for (const file of preloads) {
      expect(requested.filter((path) => path === file), file).toHaveLength(1);
    }
  });
}

// The first view is the page alone: its styles are in it, and the app,
// with the whole stylesheet for the pages it draws, is fetched only once
// the page has loaded and painted, so neither delays the paint or
// competes with the page for the network.
test('the page paints with its own styles before the app is fetched', async ({ page }) => {
  await page.goto(POST);
  await expect(page.locator('#prerender')).toHaveCount(0);
  const order = await page.evaluate(() => {
    const started = (pattern) => performance.getEntriesByType('resource').find((r) => pattern.test(r.name))?.startTime;
    const painted = performance.getEntriesByName('first-contentful-paint')[0];
    return {
      app: started(/\/folio-app-[^/]*\.js$/),
      css: started(/\.css$/),
      painted: painted?.startTime,
      loaded: performance.getEntriesByType('navigation')[0].loadEventEnd,
    };
  });
  expect(order.painted).toBeGreaterThan(0);
  for (const file of [order.app, order.css]) {
    expect(file).toBeGreaterThanOrEqual(order.painted);
    expect(file).toBeGreaterThanOrEqual(order.loaded);
  }
  await expect(page.locator('.app .post-body')).toContainText('RustFest');
});

/** Holds back the app's script until the returned function is called. */
async function holdTheApp(page) {
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route(/\/folio-app-[^/]*\.js$/, async (route) => { await held; await route.continue(); });
  return release;
}

const PARTS = ['.site-title', '.theme-toggle', 'h1', '.widget.search', '.widget.recent', '.widget.archives'];
for (const [url, parts] of [[POST, ['.byline', '.post-body p']], ['/archive/2024/05', ['.archive-months', '.post-list > li']]]) {
  test(`nothing on screen moves when the app takes over ${url}`, async ({ page }) => {
    await page.setViewportSize({ width: 375, height: 800 });
    const release = await holdTheApp(page);
    await page.goto(url, { beforeTheApp: true });
    // Where each part of the page is, in whichever copy is shown.
    const boxes = () => page.evaluate((selectors) => selectors.map((selector) => {
      const shown = [...document.querySelectorAll(selector)].find((el) => el.offsetParent !== null);
      const box = shown?.getBoundingClientRect();
      return `${selector} ${box?.x} ${box?.y} ${box?.width} ${box?.height} ${shown?.textContent}`;
    }), [...PARTS, ...parts]);
    const before = await boxes();
    expect(before.filter((b) => b.includes('undefined')), 'every part is on the page').toEqual([]);
    await expect(page.locator('#prerender .theme-toggle')).toHaveAccessibleName('Theme: System');
    release();
    await expect(page.locator('#prerender')).toHaveCount(0);
    expect(await boxes()).toEqual(before);
  });
}

test('what a reader types before the app is in is searched once it is', async ({ page }) => {
  const release = await holdTheApp(page);
  await page.goto('/', { beforeTheApp: true });
  await page.locator('#prerender').getByRole('searchbox', { name: 'Search' }).pressSequentially('sourdough');
  release();
  await expect(page).toHaveURL('/search?q=sourdough');
  const box = page.locator('#search-input');
  await expect(box).toBeFocused();
  await expect(box).toHaveValue('sourdough');
  await expect(page.locator('#search-results > li').first()).toContainText('Sourdough for programmers');
});

// Each page carries only the rules of the stylesheet that can apply to it
// (src/build/css_rules.rs). Kept from the app and from the whole
// stylesheet, every page must look exactly as it does with all of it:
// every element's and pseudo-element's computed style the same. (Custom
// properties are left out: they keep the stylesheet's own spacing, which
// the page's copy has not, and what they give is in the rest.)
for (const url of ['/', POST, '/post/sourdough-for-programmers', '/post/a-tiny-makefile-for-every-project', '/archive/2024', '/search', '/no-such-page']) {
  test(`${url} has every rule of the stylesheet that applies to it`, async ({ page }) => {
    await page.route(/\/folio-app-[^/]*\.js$|\.css$/, (route) => route.abort());
    await page.goto(url, { beforeTheApp: true });
    const styles = () => page.evaluate(() => [...document.body.querySelectorAll('*')].flatMap((element, i) =>
      [null, '::before', '::after', '::marker'].flatMap((pseudo) => {
        const style = getComputedStyle(element, pseudo);
        const name = `${i} ${element.localName}.${element.className}${pseudo ?? ''}`;
        return [...style].filter((property) => !property.startsWith('--')).map((property) => `${name} ${property}: ${style.getPropertyValue(property)}`);
      })));
    const own = await styles();
    const stylesheet = await page.locator('meta[name="folio-stylesheet"]').getAttribute('content');
    const whole = await (await page.request.get(stylesheet)).text();
    const inline = await page.locator('head style').first().textContent();
    // The test means something only if the page left rules out.
    expect(inline.length).toBeLessThan(whole.length * 0.8);
    await page.addStyleTag({ content: whole });
    const all = await styles();
    expect(all.length).toBe(own.length);
    expect(own.filter((style, i) => style !== all[i]).slice(0, 5)).toEqual([]);
  });
}
