// The test object the reader-journey specs use: `page.goto` returns once the
// app has taken over from the page the builder prerendered into the HTML,
// so a locator never matches both the prerendered copy and the app's
// (unless told `{ beforeTheApp: true }`, for tests of the page before it).
import { test as base, expect } from '@playwright/test';

export { expect };

export const test = base.extend({
  page: async ({ page, javaScriptEnabled }, use) => {
    const goto = page.goto.bind(page);
    page.goto = async (url, { beforeTheApp, ...options } = {}) => {
      const response = await goto(url, options);
      if (javaScriptEnabled !== false && !beforeTheApp) {
        await page.waitForFunction(() => !document.getElementById('prerender'), null, { timeout: 20_000 });
      }
      return response;
    };
    await use(page);
  },
});
