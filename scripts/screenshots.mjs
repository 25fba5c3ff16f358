// Takes screenshots of each page type, light and dark, at desktop (1280) and phone (390) widths,
// from a running server, for a person to look at.
//   node scripts/screenshots.mjs [baseUrl] [outDir]
// PAGES (comma-separated paths) replaces the page list; with DRAFT_SECRET and PREVIEW_PATH
// (`_posts/…`) an editor's preview of that file is taken too.
import fs from 'node:fs';

import { chromium } from '@playwright/test';

import { launchOptions } from './chromium.mjs';

const base = process.argv[2] ?? 'http://127.0.0.1:3000';
const out = process.argv[3] ?? 'test-results/screenshots';
const pages = (
  process.env.PAGES ??
  '/,/page/2,/categories,/tags,/category/emnews,/tag/新能源,/gongxinweibao/2026/11/27/NW202611273198509973.html,/zhengquanshibao/2026/11/23/weekly-fund-flow.html,/search?q=新能源,/does-not-exist'
).split(',');
fs.mkdirSync(out, { recursive: true });
const browser = await chromium.launch(launchOptions());

async function shoot(page, url, name) {
  await page.goto(url, { waitUntil: 'networkidle' }).catch(() => {});
  await page.screenshot({ path: `${out}/${name}.png`, fullPage: true });
  console.log(`${out}/${name}.png`);
}

const preview = process.env.DRAFT_SECRET && process.env.PREVIEW_PATH;
for (const colorScheme of ['light', 'dark']) {
  for (const [label, viewport] of [
    ['desktop', { width: 1280, height: 900 }],
    ['phone', { width: 390, height: 844 }],
  ]) {
    const context = await browser.newContext({ viewport, colorScheme });
    const page = await context.newPage();
    for (const p of pages) {
      await shoot(
        page,
        base + encodeURI(p),
        `${colorScheme}-${label}${p.replace(/[^\w一-龥]+/g, '_')}`,
      );
    }
    if (preview) {
      const query = new URLSearchParams({
        secret: process.env.DRAFT_SECRET,
        path: process.env.PREVIEW_PATH,
      });
      await shoot(page, `${base}/api/draft?${query}`, `${colorScheme}-${label}_preview`);
    }
    await context.close();
  }
}
await browser.close();
