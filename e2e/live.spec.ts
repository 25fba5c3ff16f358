import { expect, test } from '@playwright/test';

import { push, writePost } from './support/push';

test.describe.configure({ mode: 'serial' });

// Live news: a page left open learns of a post published meanwhile, says so in a status region,
// and shows it on request without reloading; while the tab is hidden it does not ask at all.
// Runs in the `live` project, after `publish` (it changes the content under the running server).

test('a push while home is open shows "有 1 条新快讯", and activating it shows the post on top', async ({
  page,
  request,
}) => {
  await page.goto('/');
  await page.evaluate(() => Object.assign(window, { stillTheSamePage: true }));
  const status = page.getByRole('status').filter({ hasText: /新快讯/ });
  await expect(status).toHaveCount(0);

  const title = '实时推送：打开的首页收到新快讯';
  const file = writePost('e2e-live-news', { title, categories: 'kuaixun', tags: '实时' });
  expect((await push(request, { added: [file] })).status()).toBe(200);

  await expect(status).toHaveText('有 1 条新快讯，点击查看', { timeout: 15_000 });
  await status.getByRole('button').click();
  const fresh = page.getByRole('list', { name: '新快讯' }).getByRole('link', { name: title });
  await expect(fresh).toBeVisible();
  await expect(fresh).toBeFocused();
  const titles = await page.locator('main ol > li h2').allTextContents();
  expect(titles[0]).toBe(title);
  expect(titles.filter((t) => t === title)).toHaveLength(1);
  await expect(status).toHaveCount(0);
  expect(await page.evaluate(() => 'stillTheSamePage' in window)).toBe(true);
});

test('a category page hears of its own news only; a hidden tab stops asking', async ({
  page,
  request,
}) => {
  await page.goto('/category/kuaixun');
  const asked: string[] = [];
  page.on('request', (r) => (r.url().includes('/api/live') ? asked.push(r.url()) : undefined));
  await expect.poll(() => asked.length, { timeout: 10_000 }).toBeGreaterThan(0);
  expect(asked[0]).toContain(`list=${encodeURIComponent('category/kuaixun')}`);

  await page.evaluate(() => {
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
    document.dispatchEvent(new Event('visibilitychange'));
  });
  // Dated the same minute as the post of the test before (writePost's default): sorted below it
  // by file name, it is news all the same.
  const title = '实时推送：隐藏时不打扰';
  const file = writePost('e2e-live-hidden', { title, categories: 'kuaixun', tags: '实时' });
  expect((await push(request, { added: [file] })).status()).toBe(200);
  const before = asked.length;
  await page.waitForTimeout(6_000);
  expect(asked.length - before).toBeLessThanOrEqual(1);

  await page.evaluate(() => {
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => false });
    document.dispatchEvent(new Event('visibilitychange'));
  });
  await expect(page.getByRole('status').filter({ hasText: '有 1 条新快讯' })).toBeVisible();
});

test('the live endpoint answers 304 to its own ETag and is cacheable for a moment', async ({
  request,
}) => {
  const first = await request.get('/api/live?list=home');
  expect(first.status()).toBe(200);
  const etag = first.headers().etag ?? '';
  expect(etag).toMatch(/^"[\w-]+"$/);
  expect(first.headers()['cache-control']).toMatch(/public, max-age=0, s-maxage=\d/);
  const again = await request.get('/api/live?list=home', { headers: { 'if-none-match': etag } });
  expect(again.status()).toBe(304);
  expect((await request.get('/api/live?list=nothing')).status()).toBe(400);
});
