// Every way a fetch can fail, for the site index and for a post file: the
// reader gets a clear message and a Retry button, never a blank page, and
// Retry recovers once the network does.
import { test, expect } from '@playwright/test';

/** Each fault answers the request badly; `message` is what the reader reads. */
const FAULTS = {
  'not found (404)': {
    answer: (route) => route.fulfill({ status: 404, body: 'Not Found' }),
    message: 'was not found on the server (404)',
    missing: true,
  },
  'server error (500)': {
    answer: (route) => route.fulfill({ status: 500, body: 'oops' }),
    message: 'answered with an error (500)',
  },
  'no connection': {
    answer: (route) => route.abort('internetdisconnected'),
    message: 'could not be reached',
  },
  'no answer (timeout)': {
    answer: () => {}, // never answers; the app gives up on its own
    message: 'took too long to answer',
  },
  'truncated JSON': {
    answer: async (route) => {
      const body = await (await route.fetch()).text();
      await route.fulfill({ status: 200, contentType: 'application/json', body: body.slice(0, body.length / 2) });
    },
    message: 'could not be read',
  },
  'corrupt JSON': {
    answer: (route) => route.fulfill({ status: 200, contentType: 'application/json', body: '{"version": 1, "posts": [tru' }),
    message: 'could not be read',
  },
  'data from another Folio version': {
    answer: async (route) => {
      const data = await (await route.fetch()).json();
      await route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ ...data, version: 0 }) });
    },
    message: 'built by a different version of Folio',
  },
  'a web page instead of data': {
    answer: (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<!DOCTYPE html><title>x</title>' }),
    message: 'sent a web page where data was expected',
    missing: true,
  },
};

/** `absentMeansNotFound`: a post whose file is missing does not exist. */
const TARGETS = {
  'site index': { pattern: '**/index.json', url: '/', ready: '.post-list' },
  'list page': { pattern: '**/lists/**/*.json', url: '/category/baking', ready: '.app .post-list' },
  'post file': { pattern: '**/data/posts/*.json', url: '/post/summer-baguettes', ready: '.post-body', absentMeansNotFound: true },
  // A tag's name and count are in the tags file, which only tag pages and the search page fetch.
  'tags file': { pattern: '**/lists/tags.*.json', url: '/tag/bread', ready: '.app .post-list' },
};

for (const [targetName, target] of Object.entries(TARGETS)) {
  for (const [faultName, fault] of Object.entries(FAULTS)) {
    if (fault.missing && target.absentMeansNotFound) {
      test(`${targetName}: ${faultName} shows the not-found page`, async ({ page }) => {
        await page.route(target.pattern, (route) => fault.answer(route));
        await page.goto(target.url);
        await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found', { timeout: 20_000 });
        await expect(page).toHaveTitle(/^Page not found/);
      });
      continue;
    }
    test(`${targetName}: ${faultName} shows a message and Retry recovers`, async ({ page }) => {
      const errors = [];
      page.on('pageerror', (e) => errors.push(e.message));
      let failing = true;
      await page.route(target.pattern, (route) => (failing ? fault.answer(route) : route.continue()));
      await page.goto(target.url);
      const alert = page.getByRole('alert');
      await expect(alert).toContainText(fault.message, { timeout: 20_000 });
      await expect(alert.getByRole('button', { name: 'Retry' })).toBeVisible();
      failing = false;
      await alert.getByRole('button', { name: 'Retry' }).click();
      await expect(page.locator(target.ready)).toBeVisible();
      await expect(page.getByRole('alert')).toHaveCount(0);
      expect(errors, 'no uncaught errors or panics').toEqual([]);
    });
  }
}

test('while a post loads the reader sees it loading, then the post', async ({ page }) => {
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  // Opened from the list: a deep link shows the prerendered post instead.
  await page.goto('/');
  await expect(page.locator('#prerender')).toHaveCount(0);
  await page.route('**/data/posts/*.json', async (route) => { await held; await route.continue(); });
  await page.getByRole('main').getByRole('link', { name: 'Summer baguettes in a hot kitchen', exact: true }).click();
  await expect(page.getByRole('status')).toHaveText('Loading…');
  release();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Summer baguettes in a hot kitchen');
  await expect(page.locator('.post-body')).toContainText('colder water');
});

// A reader who loaded the index before the blog was rebuilt and deployed
// asks for list chunks and posts under names the deploy removed: the app
// loads the index again and finds them under their new names.
for (const [what, url, ready] of [
  ['a list page', '/', '.app .post-list .post-card'],
  ['a post', '/post/summer-baguettes', '.app .post-body'],
]) {
  test(`an index from before a rebuild still finds ${what}`, async ({ page }) => {
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    let indexes = 0;
    await page.route('**/index.json', async (route) => {
      indexes += 1;
      if (indexes > 1) return route.continue();
      const index = await (await route.fetch()).json();
      index.versions = index.versions.map(() => '000000000000');
      await route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(index) });
    });
    await page.goto(url);
    await expect(page.locator(ready).first()).toBeVisible();
    await expect(page.locator('#prerender')).toHaveCount(0);
    await expect(page.getByRole('alert')).toHaveCount(0);
    expect(indexes, 'the index was loaded again').toBe(2);
    expect(errors, 'no uncaught errors or panics').toEqual([]);
  });
}

// Posts are rendered, and searches answered, by web workers the app starts
// from their own files (see src/app/worker.rs): when they do not load, the
// page says so, and Retry starts the worker again.
for (const file of ['script', 'wasm']) {
  for (const faultName of ['not found (404)', 'no connection']) {
    test(`the post renderer's ${file}: ${faultName} shows a message and Retry recovers`, async ({ page }) => {
      const errors = [];
      page.on('pageerror', (e) => errors.push(e.message));
      let failing = true;
      const pattern = file === 'wasm' ? '**/folio-render-*_bg.wasm' : '**/folio-render-*.js';
      await page.context().route(pattern, (route) => (failing ? FAULTS[faultName].answer(route) : route.continue()));
      // Opened from the list: a post opened by its address needs no renderer.
      await page.goto('/');
      await expect(page.locator('#prerender')).toHaveCount(0);
      await page.getByRole('main').getByRole('link', { name: 'Summer baguettes in a hot kitchen', exact: true }).click();
      const alert = page.getByRole('alert');
      await expect(alert).toContainText('This part of the app failed to load', { timeout: 20_000 });
      // The post's own data came in: its title and tags are there.
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Summer baguettes in a hot kitchen');
      failing = false;
      await alert.getByRole('button', { name: 'Retry' }).click();
      await expect(page.locator('.post-body')).toContainText('colder water');
      await expect(page.getByRole('alert')).toHaveCount(0);
      expect(errors, 'no uncaught errors or panics').toEqual([]);
    });
  }
}

test('a post opened by its address shows without the renderer; the next post needs it', async ({ page }) => {
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.context().route('**/folio-render-*', (route) => route.abort('internetdisconnected'));
  await page.goto('/post/summer-baguettes');
  await expect(page.locator('#prerender')).toHaveCount(0);
  // The app took the builder's copy of the body over.
  await expect(page.locator('.app .post-body')).toContainText('colder water');
  await expect(page.getByRole('alert')).toHaveCount(0);
  await page.locator('.app .post-nav a').first().click();
  await expect(page.getByRole('alert')).toContainText('This part of the app failed to load', { timeout: 20_000 });
  expect(errors, 'no uncaught errors or panics').toEqual([]);
});

test('the search worker not loading shows a message on the search page and Retry recovers', async ({ page }) => {
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  let failing = true;
  await page.context().route('**/folio-search-*', (route) => (failing ? route.abort('internetdisconnected') : route.continue()));
  await page.goto('/search?q=sourdough');
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('This part of the app failed to load', { timeout: 20_000 });
  failing = false;
  await alert.getByRole('button', { name: 'Retry' }).click();
  await expect(page.locator('#search-results > li').first()).toContainText('Sourdough for programmers');
  await expect(page.getByRole('alert')).toHaveCount(0);
  expect(errors, 'no uncaught errors or panics').toEqual([]);
});
