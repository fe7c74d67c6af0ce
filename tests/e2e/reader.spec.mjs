// The reader's journeys through the sample blog, in Chromium, against the
// release build served like a static host.
import { test, expect } from './fixtures.mjs';

const NEWEST = "Notes from a maintainers' summit";
const CONFERENCE = 'Three days at RustFest Lisbon';

const cards = (page) => page.locator('.post-list > li');
const heading = (page) => page.getByRole('heading', { level: 1 });

test('home lists the newest posts, ten to a page, with paging', async ({ page }) => {
  await page.goto('/');
  await expect(cards(page)).toHaveCount(10);
  await expect(cards(page).first().getByRole('heading')).toHaveText(NEWEST);
  await expect(cards(page).first()).toContainText('October 5, 2025');
  await expect(cards(page).first()).toContainText('Conferences');
  await expect(cards(page).first().locator('.excerpt')).toContainText('Forty maintainers');
  await expect(page).toHaveTitle('Field Notes');
  await expect(page.locator('.pager')).toContainText('Page 1 of 2');
  // The app reads a page from the list's chunks, counted from the oldest
  // post (here four in the newest, ten in the one before): each post
  // comes once, newest first, across the pages.
  const listed = async () => {
    await expect(page.locator('#prerender')).toHaveCount(0);
    return cards(page).evaluateAll((cards) => cards.map((c) => [c.querySelector('h2').textContent, c.querySelector('time').dateTime]));
  };
  const first = await listed();

  await page.getByRole('link', { name: 'Older posts' }).click();
  await expect(page).toHaveURL('/page/2');
  await expect(cards(page)).toHaveCount(4);
  await expect(cards(page).last().getByRole('heading')).toHaveText('Hello again, blog');
  const all = [...first, ...(await listed())];
  expect(new Set(all.map(([title]) => title)).size).toBe(14);
  expect(all.map(([, date]) => date)).toEqual(all.map(([, date]) => date).sort().reverse());
  await page.getByRole('link', { name: 'Newer posts' }).click();
  await expect(page).toHaveURL('/');
  await expect(cards(page)).toHaveCount(10);
});

test('opening a post by click renders its Markdown', async ({ page }) => {
  await page.goto('/page/2');
  await page.getByRole('main').getByRole('link', { name: CONFERENCE, exact: true }).click();
  await expect(page).toHaveURL('/post/three-days-at-rustfest-lisbon');
  await expect(heading(page)).toHaveText(CONFERENCE);
  await expect(page).toHaveTitle(`${CONFERENCE} · Field Notes`);
  const body = page.locator('.post-body');
  await expect(body.locator('table tr')).toHaveCount(5);
  await expect(body.locator('h2#day-one-workshops-and-a-dinner')).toBeVisible();
  await expect(body.locator('pre code')).toContainText('include!(concat!');
  await expect(body.locator('.footnote-definition')).toContainText('16-core CI machine');
  await expect(page.locator('.byline').first()).toContainText('by Robin Hale');
  await expect(page.locator('.byline').first()).toContainText('min read');
  await expect(page.locator('.post-footer .tags')).toContainText('rustfest');
  // Neighbours, newest-first order.
  await expect(page.locator('.post-nav .newer')).toContainText('Why a folder of static files is enough');
  await expect(page.locator('.post-nav .older')).toContainText('Crème brûlée for a crowd');
  await page.locator('.post-nav .older a').click();
  await expect(heading(page)).toHaveText('Crème brûlée for a crowd');
  await expect(page).toHaveURL('/post/cr%C3%A8me-br%C3%BBl%C3%A9e');
});

test('a footnote link stays on the post', async ({ page }) => {
  await page.goto('/post/three-days-at-rustfest-lisbon');
  await page.locator('.footnote-reference a').click();
  await expect(page).toHaveURL('/post/three-days-at-rustfest-lisbon#fn-numbers');
  await expect(heading(page)).toHaveText(CONFERENCE);
});

// TeX math is MathML the browser draws, in the page before the app and
// in the app's own rendering alike.
test('math in a post is drawn as formulas', async ({ page }) => {
  for (const beforeTheApp of [true, false]) {
    await page.goto('/post/sourdough-for-programmers', { beforeTheApp });
    const block = page.locator('.post-body math[display="block"]');
    await expect(block).toHaveCount(1);
    await expect(block.locator('mfrac')).toHaveCount(1);
    // Measured once laid out (the app may be taking the page over).
    await expect.poll(async () => (await block.boundingBox())?.height ?? 0, { message: 'a fraction is two lines high' })
      .toBeGreaterThan(30);
    await expect(page.locator('.post-body p math:not([display])').first()).toHaveText(/^f/);
    await expect(page.locator('.post-body')).not.toContainText('$$');
  }
});

// No frame or script runs in a post: an embedded video is a link to it.
test('an embedded video shows as a link to it', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('main').getByRole('link', { name: "Notes from a maintainers' summit", exact: true }).click();
  const embed = page.locator('.post-body a.embed');
  await expect(embed).toHaveText('Recording of the closing session');
  await expect(embed).toHaveAttribute('href', 'https://video.example.org/embed/maintainers-summit-closing');
  await expect(page.locator('.post-body iframe')).toHaveCount(0);
});

test("a link to another post's Markdown file opens that post", async ({ page }) => {
  await page.goto('/');
  await page.getByRole('main').getByRole('link', { name: 'Testing a WebAssembly app in a real browser', exact: true }).click();
  const link = page.locator('.post-body').getByRole('link', { name: 'good error messages' });
  await expect(link).toHaveAttribute('href', '/post/error-messages-that-help#what-now');
  await link.click();
  await expect(heading(page)).toHaveText('Error messages that tell you what to do next');
  await expect(page).toHaveURL('/post/error-messages-that-help#what-now');
});

test('an Obsidian wikilink opens the post of that name', async ({ page }) => {
  await page.goto('/post/reviewing-pull-requests-kindly');
  await page.locator('.post-body').getByRole('link', { name: 'my notes on error messages' }).click();
  await expect(heading(page)).toHaveText('Error messages that tell you what to do next');
  await expect(page).toHaveURL('/post/error-messages-that-help');
});

test('deep links open directly, images load', async ({ page }) => {
  for (const [path, title] of [
    ['/post/why-static-files-are-enough', 'Why a folder of static files is enough for a blog'],
    ['/post/night-train-to-devconf', 'Taking the night train to DevConf'],
  ]) {
    await page.goto(path);
    await expect(heading(page)).toHaveText(title);
    const img = page.locator('.post-body img');
    await expect(img).toBeVisible();
    await expect.poll(() => img.evaluate((el) => el.naturalWidth)).toBeGreaterThan(0);
  }
  await page.goto('/post/unicode-in-urls');
  await expect(heading(page)).toContainText('Unicode in URLs');
  // A slug made from a non-ASCII file name, opened by its encoded URL.
  await page.goto('/post/cr%C3%A8me-br%C3%BBl%C3%A9e');
  await expect(heading(page)).toHaveText('Crème brûlée for a crowd');
  await expect(page.locator('.post-body')).toContainText('Twelve ramekins');
});

test('on a phone, long words wrap instead of widening the page', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  // A post whose first paragraph has a 60-letter class name: in its body,
  // and in its excerpt on the home page.
  for (const path of ['/', '/post/error-messages-that-help', '/category/tooling']) {
    await page.goto(path);
    await expect(page.locator('.app')).toBeVisible();
    await expect(page.getByText('BeanDefinitionStoreException', { exact: false }).first()).toBeVisible();
    const [scrollWidth, width] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
    expect(scrollWidth, path).toBeLessThanOrEqual(width);
  }
});

test('back and forward move between list and post', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('main').getByRole('link', { name: NEWEST, exact: true }).click();
  await expect(heading(page)).toHaveText(NEWEST);
  await page.goBack();
  await expect(page).toHaveURL('/');
  await expect(cards(page)).toHaveCount(10);
  await page.goForward();
  await expect(heading(page)).toHaveText(NEWEST);
});

test('sidebar shows archive and category counts', async ({ page }) => {
  await page.goto('/');
  const categories = page.locator('.widget.categories li');
  await expect(categories).toHaveText(['Baking (3)', 'Conferences (3)', 'Notes (2)', 'Open Source (2)', 'Rust (3)', 'Tooling (4)']);
  // The newest year's months are listed under it; older years are links.
  const years = page.locator('.widget.archives > ul > li > a');
  await expect(years).toHaveText(['2025', '2024', '2023']);
  await expect(page.locator('.widget.archives > ul > li > .count')).toHaveText(['(6)', '(6)', '(2)']);
  const months = page.locator('.widget.archives li li');
  await expect(months.first()).toHaveText('October (1)');
  await expect(months.last()).toHaveText('January (1)');
  const total = await page.locator('.widget.archives > ul > li > .count').evaluateAll((counts) =>
    counts.reduce((sum, count) => sum + Number(count.textContent.match(/\((\d+)\)/)[1]), 0));
  expect(total).toBe(14); // every published post, the draft left out
  await expect(page.locator('.widget.recent li')).toHaveCount(5);
});

test('a category page lists its posts', async ({ page }) => {
  await page.goto('/');
  await page.locator('.widget.categories').getByRole('link', { name: 'Tooling' }).click();
  await expect(page).toHaveURL('/category/tooling');
  await expect(heading(page)).toHaveText('Category: Tooling');
  await expect(cards(page)).toHaveCount(4);
  await expect(page).toHaveTitle('Category: Tooling · Field Notes');
  await page.goto('/tag/bread');
  await expect(heading(page)).toHaveText('Tag: bread');
  await expect(cards(page)).toHaveCount(2);
});

test('the tags are fetched by the pages that show them, not by the first view', async ({ page }) => {
  const tagFiles = [];
  page.on('request', (request) => { if (/\/lists\/tags\.[0-9a-f]+\.json$/.test(request.url())) tagFiles.push(request.url()); });
  await page.goto('/');
  await page.waitForLoadState('networkidle');
  expect(tagFiles).toEqual([]);
  await page.goto('/post/summer-baguettes');
  await page.locator('.app .post-footer .terms').getByRole('link', { name: 'bread' }).click();
  await expect(page).toHaveURL('/tag/bread');
  await expect(heading(page)).toHaveText('Tag: bread');
  await expect(cards(page)).toHaveCount(2);
  expect(tagFiles).toHaveLength(1);
});

test('archive pages by month and by year', async ({ page }) => {
  await page.goto('/');
  const archives = page.locator('.widget.archives');
  // Only the newest year's months are in the sidebar.
  await archives.getByRole('link', { name: 'March', exact: true }).click();
  await expect(page).toHaveURL('/archive/2025/03');
  await expect(heading(page)).toHaveText('Archive: March 2025');
  await expect(cards(page)).toHaveCount(1);
  await expect(cards(page).first()).toContainText('Taking the night train to DevConf');
  // A month's page lists its year's months, itself marked as the one shown.
  const months = page.locator('.archive-months');
  await expect(months.locator('[aria-current="page"]')).toHaveText('March');
  // An older year's months are on its own page.
  await expect(archives.getByRole('link', { name: 'December', exact: true })).toHaveCount(0);
  await archives.getByRole('link', { name: '2023', exact: true }).click();
  await expect(page).toHaveURL('/archive/2023');
  await expect(heading(page)).toHaveText('Archive: 2023');
  await expect(months.locator('li')).toHaveText(['December (2)']);
  await expect(months.locator('[aria-current="page"]')).toHaveCount(0);
  await months.getByRole('link', { name: 'December' }).click();
  await expect(page).toHaveURL('/archive/2023/12');
  await expect(heading(page)).toHaveText('Archive: December 2023');
  await expect(cards(page)).toHaveCount(2);
  await page.goto('/archive/2024');
  await expect(heading(page)).toHaveText('Archive: 2024');
  await expect(cards(page)).toHaveCount(6);
  // Home and category pages list no months.
  await page.goto('/category/tooling');
  await expect(cards(page)).toHaveCount(4);
  await expect(months).toHaveCount(0);
});

test('unknown addresses show the not-found page with a way home', async ({ page }) => {
  for (const path of ['/no/such/page', '/post/no-such-post', '/category/no-such', '/tag/nope',
    '/archive/2019/05', '/archive/2024/13', '/page/9', '/page/zero']) {
    await page.goto(path);
    await expect(heading(page), path).toHaveText('Page not found');
    await expect(page).toHaveTitle('Page not found · Field Notes');
  }
  await page.getByRole('link', { name: 'Go to the home page' }).click();
  await expect(cards(page)).toHaveCount(10);
});

test('the site works under a sub-path', async ({ page }) => {
  await page.goto('/blog/');
  await expect(cards(page)).toHaveCount(10);
  await expect(page.locator('.widget.categories a').first()).toHaveAttribute('href', '/blog/category/baking');
  await page.goto('/blog/page/2');
  await page.getByRole('main').getByRole('link', { name: 'Why a folder of static files is enough for a blog', exact: true }).click();
  await expect(page).toHaveURL('/blog/post/why-static-files-are-enough');
  const img = page.locator('.post-body img');
  await expect.poll(() => img.evaluate((el) => el.naturalWidth)).toBeGreaterThan(0);
  await expect(img).toHaveAttribute('src', '/blog/images/build-pipeline.svg');
  // Deep links under the sub-path, including a post's own image.
  await page.goto('/blog/post/night-train-to-devconf');
  await expect.poll(() => page.locator('.post-body img').evaluate((el) => el.naturalWidth)).toBeGreaterThan(0);
  await page.goto('/blog/archive/2024/05');
  await expect(heading(page)).toHaveText('Archive: May 2024');
  await page.goBack();
  await expect(heading(page)).toHaveText('Taking the night train to DevConf');
});

test('the theme toggle cycles system, light and dark, and is remembered', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('/');
  await expect(cards(page)).toHaveCount(10);
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  // The theme's name in the label comes from the stylesheet: it is in the
  // button's accessible name, not in its text. (The app's button: after a
  // reload, the prerendered page has one too until the app takes over.)
  const toggle = page.locator('.app .theme-toggle');
  await expect(toggle).toHaveAccessibleName('Theme: System');
  const light = await background();
  await toggle.click();
  await expect(toggle).toHaveAccessibleName('Theme: Light');
  expect(await background()).toBe(light);
  await toggle.click();
  await expect(toggle).toHaveAccessibleName('Theme: Dark');
  const dark = await background();
  expect(dark).not.toBe(light);
  await page.reload();
  await expect(toggle).toHaveAccessibleName('Theme: Dark');
  expect(await background()).toBe(dark);
  await toggle.click();
  await expect(toggle).toHaveAccessibleName('Theme: System');
  expect(await background()).toBe(light);
  await page.reload();
  await expect(toggle).toHaveAccessibleName('Theme: System');
});
