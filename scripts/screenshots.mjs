// Takes desktop and phone screenshots of each page type from a running server, for a person to look at.
//   node scripts/screenshots.mjs [baseUrl] [outDir]
import fs from 'node:fs';

import { chromium } from '@playwright/test';

const base = process.argv[2] ?? 'http://127.0.0.1:3000';
const out = process.argv[3] ?? 'test-results/screenshots';
const pages = (
  process.env.PAGES ?? '/,/page/2,/categories,/tags,/category/emnews,/tag/新能源,/does-not-exist'
).split(',');
fs.mkdirSync(out, { recursive: true });
const executablePath = fs.existsSync(chromium.executablePath()) ? undefined : '/usr/bin/chromium';
const browser = await chromium.launch({
  executablePath,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
for (const [label, viewport] of [
  ['desktop', { width: 1280, height: 900 }],
  ['phone', { width: 390, height: 844 }],
]) {
  const page = await browser.newPage({ viewport });
  for (const p of pages) {
    await page.goto(base + encodeURI(p), { waitUntil: 'networkidle' }).catch(() => {});
    const name = `${label}${p.replace(/[^\w一-龥]+/g, '_')}.png`;
    await page.screenshot({ path: `${out}/${name}`, fullPage: true });
    console.log(`${out}/${name}`);
  }
  await page.close();
}
await browser.close();
