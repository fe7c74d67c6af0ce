// End-to-end tests: the release builds in dist/ (site at /) and
// target/dist-blog/ (site at /blog/), served like a static host, in Chromium.
import { defineConfig } from '@playwright/test';

export const PORT = 4178;
/** The hostile-posts site that xss.spec.mjs builds into target/dist-xss. */
export const XSS_PORT = 4179;
/** The generated 10,000-post blog that scripts/test builds into target/dist-10k. */
export const LARGE_PORT = 4180;

export default defineConfig({
  testDir: '.',
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: 2,
  forbidOnly: !!process.env.CI,
  // Once in CI, Chromium itself went away mid-run ("Target page, context or
  // browser has been closed" on a page.goto) and failed a test it had not
  // started. One retry in CI rides that out; the report still lists any
  // test that needed it as flaky, to be looked into.
  retries: process.env.CI ? 1 : 0,
  reporter: 'list',
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    browserName: 'chromium',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
  webServer: [
    {
      command: `node serve.mjs ${PORT} ../../dist /blog/=../../target/dist-blog`,
      url: `http://127.0.0.1:${PORT}/index.json`,
      reuseExistingServer: !process.env.CI,
    },
    {
      command: `node serve.mjs ${LARGE_PORT} ../../target/dist-10k`,
      port: LARGE_PORT,
      reuseExistingServer: !process.env.CI,
    },
    {
      // Serves whatever xss.spec.mjs builds there; files are read per request.
      command: `node serve.mjs ${XSS_PORT} ../../target/dist-xss`,
      port: XSS_PORT,
      reuseExistingServer: !process.env.CI,
    },
  ],
});
