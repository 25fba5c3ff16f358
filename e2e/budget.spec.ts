import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

import { build } from 'esbuild';
import { expect, test } from '@playwright/test';

// Client JavaScript stays small: all of it on the article page (framework included) within
// 150 KB gzip, and the project's own client components within 10 KB gzip. Sizes, not timings.

const KB = 1024;
const gzip = (bytes: Buffer | string) => zlib.gzipSync(bytes, { level: 9 }).length;

test('the article page loads at most 150 KB of JavaScript, gzipped', async ({ page }) => {
  const scripts = new Map<string, Promise<Buffer>>();
  page.on('response', (response) => {
    if (response.request().resourceType() === 'script')
      scripts.set(response.url(), response.body());
  });
  await page.goto('/gongxinweibao/2026/11/27/NW202611273198509973.html');
  await page.waitForLoadState('networkidle');
  const sizes = await Promise.all([...scripts.values()].map(async (body) => gzip(await body)));
  const total = sizes.reduce((a, b) => a + b, 0);
  console.log(`article page JavaScript: ${scripts.size} files, ${total} bytes gzipped`);
  expect(scripts.size).toBeGreaterThan(0);
  expect(total).toBeLessThanOrEqual(150 * KB);
});

/** Every module of app/ and components/ that starts with 'use client'. */
function clientModules(): string[] {
  return ['app', 'components'].flatMap((dir) =>
    fs
      .readdirSync(dir, { recursive: true })
      .map((file) => path.join(dir, String(file)))
      .filter(
        (file) => file.endsWith('.tsx') && /^'use client'/.test(fs.readFileSync(file, 'utf8')),
      ),
  );
}

test("the project's own client code is at most 10 KB, gzipped", async () => {
  // Every 'use client' module of the project, bundled as the browser gets it, minus React and Next.
  const result = await build({
    entryPoints: clientModules(),
    bundle: true,
    minify: true,
    write: false,
    format: 'esm',
    outdir: 'out',
    jsx: 'automatic',
    external: ['react', 'react/*', 'react-dom', 'next', 'next/*'],
    alias: { '@': '.' },
    logLevel: 'silent',
  });
  expect(result.outputFiles.length).toBeGreaterThanOrEqual(3);
  const total = result.outputFiles.reduce((sum, file) => sum + gzip(file.text), 0);
  console.log(`own client code: ${total} bytes gzipped`);
  expect(total).toBeLessThanOrEqual(10 * KB);
});
