// The test object the reader-journey specs use: `page.goto` returns once the
// app has taken over from the page the builder prerendered into the HTML,
// so a locator never matches both the prerendered copy and the app's.
import { test as base, expect } from '@playwright/test';

export { expect };

export const test = base.extend({
  page: async ({ page, javaScriptEnabled }, use) => {
    const goto = page.goto.bind(page);
    page.goto = async (url, options) => {
      const response = await goto(url, options);
      if (javaScriptEnabled !== false) {
        await page.waitForFunction(() => !document.getElementById('prerender'), null, { timeout: 20_000 });
      }
      return response;
    };
    await use(page);
  },
});
