import { expect, test } from '@playwright/test';

import { e2eEnv } from '../playwright.config';

// Editors' preview: draft mode behind DRAFT_SECRET shows a post file as its article page, even
// when readers cannot see it; nobody else sees it, nothing caches it, and a link leaves it.

const future = '_posts/fixtures/2099-01-01-future-post.md';
const futureUrl = '/emnews/2099/01/01/future-post.html';
const draft = (secret: string, file: string) =>
  `/api/draft?${new URLSearchParams({ secret, path: file })}`;

test('a wrong or missing secret gets 401 and changes nothing', async ({ page, context }) => {
  for (const secret of ['wrong', '']) {
    const response = await page.goto(draft(secret, future));
    expect(response?.status()).toBe(401);
  }
  expect(await context.cookies()).toEqual([]);
  expect((await page.goto(futureUrl))?.status()).toBe(404);
});

test('an editor previews a future post as its article page, marked, uncached, and can leave', async ({
  page,
  browser,
}) => {
  const seen = page.waitForResponse((r) => new URL(r.url()).pathname === futureUrl);
  await page.goto(draft(e2eEnv.DRAFT_SECRET, future));
  await expect(page).toHaveURL(futureUrl);
  expect((await seen).headers()['cache-control']).toMatch(/private.*no-store|no-store.*private/);
  const banner = page.getByRole('complementary', { name: '预览模式' });
  await expect(banner).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('预约在未来发布的文章');
  await expect(page.locator('meta[name="robots"]')).toHaveAttribute('content', /noindex/);

  // Another reader, at the same moment: still nothing there.
  const other = await browser.newPage();
  expect((await other.goto(futureUrl))?.status()).toBe(404);
  await other.close();

  await banner.getByRole('link', { name: '退出预览' }).click();
  await expect(page).toHaveURL(futureUrl);
  await expect(page.getByRole('heading', { name: '页面不存在' })).toBeVisible();
});

test('an unpublished draft previews too; a path outside _posts does not', async ({ page }) => {
  await page.goto(draft(e2eEnv.DRAFT_SECRET, '_posts/fixtures/2024-03-01-published-false.md'));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('尚未定稿的草稿');
  await expect(page.getByRole('complementary', { name: '预览模式' })).toBeVisible();

  const response = await page.request.get(draft(e2eEnv.DRAFT_SECRET, '../package.json'));
  expect(response.status()).toBe(404);
  expect(await response.text()).toMatch(/_posts\//);
});

test('a published article viewed in preview mode is marked and not cached either', async ({
  page,
}) => {
  await page.goto(draft(e2eEnv.DRAFT_SECRET, '_posts/samples/2026-11-23-weekly-fund-flow.md'));
  await expect(page).toHaveURL('/zhengquanshibao/2026/11/23/weekly-fund-flow.html');
  await expect(page.getByRole('complementary', { name: '预览模式' })).toBeVisible();
  const again = await page.request.get('/zhengquanshibao/2026/11/23/weekly-fund-flow.html');
  expect(again.headers()['cache-control']).toMatch(/no-store/);
});
