// Every kind of page, in light and dark mode, must be clean under axe-core
// (WCAG 2.1 A and AA rules), and the skip link must reach the content.
import { test, expect } from './fixtures.mjs';
import AxeBuilder from '@axe-core/playwright';

const PAGES = {
  home: ['/', '.post-list'],
  'older page': ['/page/2', '.post-list'],
  post: ['/post/three-days-at-rustfest-lisbon', '.post-body table'],
  'post with image': ['/post/night-train-to-devconf', '.post-body img'],
  'post with math': ['/post/sourdough-for-programmers', '.post-body math'],
  category: ['/category/tooling', '.post-list'],
  tag: ['/tag/bread', '.post-list'],
  'month archive': ['/archive/2025/03', '.post-list'],
  search: ['/search?q=bread', '#search-results mark'],
  'empty search': ['/search', '.summary'],
  'not found': ['/no/such/page', '.not-found'],
};

for (const scheme of ['light', 'dark']) {
  for (const [name, [url, ready]] of Object.entries(PAGES)) {
    test(`${name} (${scheme}) has no accessibility violations`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(url);
      await expect(page.locator(ready).first()).toBeVisible();
      await expect(page.locator('.widget.categories')).toBeVisible();
      const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
      const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
      expect(summary).toEqual([]);
      expect(results.passes.length, 'axe must have checked the rendered page').toBeGreaterThan(15);
    });
  }
}

test('the skip link moves focus to the content', async ({ page }) => {
  await page.goto('/post/summer-baguettes');
  await expect(page.locator('.post-body')).toBeVisible();
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.locator('main')).toBeFocused();
  await expect(page).toHaveURL(/\/post\/summer-baguettes/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Summer baguettes in a hot kitchen');
});
