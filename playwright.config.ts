import { defineConfig, devices } from '@playwright/test';

import { launchOptions } from './scripts/chromium.mjs';

const PORT = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${PORT}`;
const ARCHIVE_PORT = PORT + 1;
export const ARCHIVE_URL = `http://127.0.0.1:${ARCHIVE_PORT}`;
export const ARCHIVE_POSTS = 3000;

export const e2eEnv = {
  CONTENT_DIR: '.data/e2e-content',
  GITHUB_WEBHOOK_SECRET: 'e2e-webhook-secret',
  REVALIDATE_TOKEN: 'e2e-revalidate-token',
  SCAN_INTERVAL_MS: '5000',
  INDEX_FILE: '.data/e2e-index.sqlite',
  PAGE_SIZE: '10',
  SITE_URL: 'https://news.example.test',
  NEXT_TELEMETRY_DISABLED: '1',
  DRAFT_SECRET: 'e2e-draft-secret',
  // Open list pages ask for news every 2 s, so a test sees a push without waiting 20 s.
  LIVE_POLL_SECONDS: '2',
};

export default defineConfig({
  testDir: 'e2e',
  // Specs only: e2e/support keeps Vitest unit tests of its own helpers beside them.
  testMatch: /\.spec\.ts$/,
  fullyParallel: true,
  workers: 2,
  forbidOnly: true,
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  timeout: 30_000,
  // Every process a test starts is recorded and stopped here at the latest (e2e/support/processes.ts).
  globalSetup: './e2e/support/global-setup.ts',
  globalTeardown: './e2e/support/global-teardown.ts',
  use: { baseURL, trace: 'retain-on-failure', launchOptions: launchOptions() },
  projects: [
    {
      name: 'desktop',
      use: { ...devices['Desktop Chrome'], launchOptions: launchOptions() },
      testIgnore: [/publish\.spec\.ts/, /live\.spec\.ts/],
    },
    {
      name: 'phone',
      use: { ...devices['Pixel 7'], launchOptions: launchOptions() },
      testMatch: /layout\.spec\.ts/,
    },
    {
      // Changes the content under the running server: runs once everything else is done.
      name: 'publish',
      use: { ...devices['Desktop Chrome'], launchOptions: launchOptions() },
      testMatch: /publish\.spec\.ts/,
      dependencies: ['desktop', 'phone'],
    },
    {
      // Live news counts the posts published while a page is open: nothing else may publish then.
      name: 'live',
      use: { ...devices['Desktop Chrome'], launchOptions: launchOptions() },
      testMatch: /live\.spec\.ts/,
      dependencies: ['publish'],
    },
  ],
  webServer: [
    {
      // The production build on a content folder made of the samples plus the test fixtures,
      // served by the standalone server a deployment runs (tests start more of it themselves).
      command: `node scripts/e2e-content.mjs && npm run build:standalone && node .next/standalone/server.js`,
      url: `${baseURL}/categories`,
      env: { ...e2eEnv, PORT: String(PORT), HOSTNAME: '127.0.0.1' },
      timeout: 300_000,
      reuseExistingServer: false,
      stdout: 'pipe',
      stderr: 'pipe',
    },
    {
      // A second build on a generated archive of a few thousand posts, for paging at scale.
      // Built and served the ordinary way (`next build`, `next start`).
      command: `node scripts/gen-posts.mjs --out .data/e2e-archive --count ${ARCHIVE_POSTS} && npm run build && npx next start -H 127.0.0.1 -p ${ARCHIVE_PORT}`,
      url: `${ARCHIVE_URL}/categories`,
      env: {
        CONTENT_DIR: '.data/e2e-archive',
        INDEX_FILE: '.data/e2e-archive-index.sqlite',
        NEXT_DIST_DIR: '.next-e2e-archive',
        PAGE_SIZE: '20',
        NEXT_TELEMETRY_DISABLED: '1',
      },
      timeout: 300_000,
      reuseExistingServer: false,
      stdout: 'pipe',
      stderr: 'pipe',
    },
  ],
});
