// Search as a reader uses it: ranked results on every keystroke with the
// matched words marked, typos, phrases, exclusions and filters (typed or
// picked from the sidebar), the URL and Back, the keyboard, and a failed
// shard fetch.
import { test, expect } from './fixtures.mjs';

const results = (page) => page.locator('#search-results > li');
const summary = (page) => page.locator('.summary');
const box = (page) => page.getByRole('searchbox', { name: 'Search' });
const heading = (page) => page.getByRole('heading', { level: 1 });

test('typing shows ranked results with the matched words marked', async ({ page }) => {
  await page.goto('/post/hello-again');
  await expect(heading(page)).toHaveText('Hello again, blog');
  await box(page).pressSequentially('sourdough');
  await expect(page).toHaveURL('/search?q=sourdough');
  // The post with the word in its title ranks first.
  await expect(results(page).first().getByRole('heading')).toHaveText('Sourdough for programmers: a starter is a long-running process');
  await expect(results(page).first().locator('h2 mark')).toHaveText('Sourdough');
  // Stemming: "starters" finds "starter"; a typo in a long word is forgiven.
  await box(page).fill('starters');
  await expect(results(page).first()).toContainText('Sourdough for programmers');
  await expect(results(page).first().locator('.excerpt mark').first()).toHaveText(/^starter/i);
  await box(page).fill('sourdugh ');
  await expect(results(page).first()).toContainText('Sourdough for programmers');
  // The word being typed matches as a prefix.
  await box(page).fill('baguet');
  await expect(results(page).first()).toContainText('Summer baguettes');
  await box(page).fill('zzzz nothing');
  await expect(summary(page)).toHaveText('No posts match “zzzz nothing”.');
});

test('phrases, exclusions and filters combine, typed or picked in the sidebar', async ({ page }) => {
  // The phrase is in one post's title and in another's code block.
  await page.goto('/search?q=%22static%20files%22');
  await expect(results(page)).toHaveCount(2);
  await expect(results(page).first()).toContainText('Why a folder of static files is enough for a blog');
  await box(page).fill('"files static"');
  await expect(summary(page)).toHaveText('No posts match “"files static"”.');
  await box(page).fill('bread');
  await expect(results(page).filter({ hasText: 'Sourdough for programmers' })).toHaveCount(1);
  await box(page).fill('bread -sourdough');
  await expect(results(page).first()).toContainText('Summer baguettes');
  await expect(results(page).filter({ hasText: 'Sourdough for programmers' })).toHaveCount(0);
  await box(page).fill('category:baking year:2025');
  await expect(results(page)).toHaveCount(1);
  await expect(results(page).first()).toContainText('Summer baguettes');
  // Filters alone list their posts, newest first.
  await box(page).fill('tag:bread');
  await expect(summary(page)).toHaveText('2 posts match “tag:bread”.');
  await expect(results(page).first()).toContainText('Summer baguettes');
  // The sidebar's menus write the same filters into the query.
  await box(page).fill('bread');
  await page.getByLabel('Category').selectOption('baking');
  await expect(page).toHaveURL('/search?q=bread%20category%3Abaking');
  await page.getByLabel('Year').selectOption('2024');
  await expect(box(page)).toHaveValue('bread category:baking year:2024');
  await expect(results(page)).toHaveCount(1);
  await expect(results(page).first()).toContainText('Sourdough for programmers');
  await page.getByLabel('Year').selectOption('');
  await expect(box(page)).toHaveValue('bread category:baking');
  await expect(results(page)).toHaveCount(2);
  // The tag menu's names come from the tags file, fetched for this page.
  await page.getByLabel('Tag').selectOption('bread');
  await expect(box(page)).toHaveValue('bread category:baking tag:bread');
  await expect(results(page)).toHaveCount(2);
});

test('the query lives in the URL: shared links and Back work', async ({ page }) => {
  await page.goto('/search?q=train');
  await expect(box(page)).toHaveValue('train');
  await expect(results(page).first()).toContainText('night train');
  await results(page).first().getByRole('heading').getByRole('link').click();
  await expect(heading(page)).toHaveText('Taking the night train to DevConf');
  await page.goBack();
  await expect(page).toHaveURL('/search?q=train');
  await expect(results(page).first()).toContainText('night train');
  // Typing replaced history entries: one Back leaves the search.
  await page.goto('/post/hello-again');
  await box(page).pressSequentially('wasm');
  await expect(results(page)).not.toHaveCount(0);
  await page.goBack();
  await expect(heading(page)).toHaveText('Hello again, blog');
});

test('the keyboard: / focuses the box, arrows pick, Enter opens with the words marked', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('.post-list > li')).toHaveCount(10);
  await page.keyboard.press('/');
  await expect(box(page)).toBeFocused();
  await page.keyboard.type('wasm');
  await expect(summary(page)).toHaveText('1 post matches “wasm”.');
  await expect(results(page).first()).toContainText('Testing a WebAssembly app in a real browser');
  await page.keyboard.press('ArrowDown');
  await expect(results(page).first()).toHaveClass(/active/);
  await expect(box(page)).toHaveAttribute('aria-activedescendant', 'result-0');
  // Typing on keeps the pick on its post through the next answer, though
  // its link now marks one more word.
  await page.keyboard.type(' browser');
  await expect(summary(page)).toHaveText('1 post matches “wasm browser”.');
  await expect(results(page).first()).toHaveClass(/active/);
  await expect(box(page)).toHaveAttribute('aria-activedescendant', 'result-0');
  await page.keyboard.press('ArrowUp');
  await expect(results(page).first()).not.toHaveClass(/active/);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(heading(page)).toHaveText('Testing a WebAssembly app in a real browser');
  await expect(page).toHaveURL(/\/post\/testing-in-a-real-browser\?hl=/);
  const marks = page.locator('.post-body mark');
  await expect(marks.first()).toBeVisible();
  expect((await marks.allTextContents()).map((t) => t.toLowerCase())).toEqual(expect.arrayContaining(['wasm', 'browser']));
});

test('accented and Japanese words are found', async ({ page }) => {
  await page.goto('/search?q=naive');
  await expect(results(page).first()).toContainText('Unicode in URLs');
  await expect(results(page).first().locator('h2 mark')).toHaveText('naïve');
  await box(page).fill('日本');
  await expect(results(page).first()).toContainText('Unicode in URLs');
});

test('a failed shard fetch shows a message, and Retry recovers', async ({ page }) => {
  let fail = true;
  // Shards are fetched by the app's worker, whose requests only the
  // context's routes see.
  await page.context().route('**/search-index/t/*.bin', (route) => (fail ? route.fulfill({ status: 500, body: 'oops' }) : route.continue()));
  await page.goto('/search?q=sourdough');
  await expect(page.getByRole('alert')).toContainText('answered with an error (500)');
  fail = false;
  await page.getByRole('button', { name: 'Retry' }).click();
  await expect(results(page).first()).toContainText('Sourdough for programmers');
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('a page loaded before a deploy searches the new index', async ({ page }) => {
  // The first index names a search manifest the deploy has since removed.
  let indexes = 0;
  await page.route('**/index.json', async (route) => {
    indexes += 1;
    if (indexes > 1) return route.continue();
    const index = await (await route.fetch()).json();
    await route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ ...index, search: 'search-index/manifest.000000000000.json' }) });
  });
  await page.goto('/search?q=sourdough');
  await expect(results(page).first()).toContainText('Sourdough for programmers');
  await expect(page.getByRole('alert')).toHaveCount(0);
  expect(indexes, 'the index was loaded again').toBe(2);
});
