import { expect, test } from '@playwright/test';

import { watchDialogs } from './support/pages';

// Search from the header box: Chinese phrases and short words, highlighted, paginated; and
// queries that cannot be searched get a helpful page.

test('the header box finds a Chinese phrase and marks it in the results', async ({ page }) => {
  await page.goto('/');
  const box = page
    .getByRole('search', { name: '站内搜索' })
    .getByRole('searchbox', { name: '搜索标题和正文' });
  await box.fill('新能源汽车');
  await box.press('Enter');
  await expect(page).toHaveURL(`/search?q=${encodeURIComponent('新能源汽车')}`);
  await expect(page).toHaveTitle('搜索：新能源汽车 - 财经快讯');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('搜索：新能源汽车');
  const results = page.locator('main ol > li');
  await expect(results.first()).toBeVisible();
  expect(await results.count()).toBeGreaterThanOrEqual(2);
  for (const result of await results.all()) {
    await expect(result).toContainText('新能源汽车');
    await expect(result.locator('mark').first()).toHaveText('新能源汽车');
  }
  await expect(
    page.getByRole('link', { name: '1-10月新能源汽车产销分别完成1380万辆和1375万辆' }),
  ).toBeVisible();

  await results.first().getByRole('link').first().click();
  await expect(page.getByRole('article')).toContainText('新能源汽车');
});

test('a two-character word finds every post that holds it', async ({ page }) => {
  await page.goto(`/search?q=${encodeURIComponent('基金')}`);
  const results = page.locator('main ol > li');
  await expect(
    page.getByRole('link', { name: '公募基金三季报透视：科技持仓升至历史高位' }),
  ).toBeVisible();
  await expect(
    page.getByRole('link', { name: '个人养老金产品扩容：新增指数基金和储蓄国债' }),
  ).toBeVisible();
  for (const result of await results.all())
    await expect(result.locator('mark').first()).toHaveText('基金');

  // A single character works too.
  await page.goto(`/search?q=${encodeURIComponent('锂')}`);
  await expect(
    page.getByRole('link', { name: '锂价反弹：碳酸锂期货主力合约盘中涨超6%' }),
  ).toBeVisible();
});

test('results page on, and hidden posts are never found', async ({ page }) => {
  await page.goto(`/search?q=${encodeURIComponent('的')}`);
  await expect(page.locator('main ol > li')).toHaveCount(10);
  const first = await page.locator('main ol > li h2').allTextContents();
  await page.getByRole('link', { name: '下一页' }).click();
  await expect(page).toHaveURL(/[?&]page=2$/);
  await expect(page.locator('main ol > li').first()).toBeVisible();
  const second = await page.locator('main ol > li h2').allTextContents();
  expect(second.filter((t) => first.includes(t))).toEqual([]);

  for (const q of ['预约在未来发布', '尚未定稿的草稿']) {
    await page.goto(`/search?q=${encodeURIComponent(q)}`);
    await expect(page.getByText(`没有找到包含「${q}」的文章。`)).toBeVisible();
  }
});

test('a hostile query is shown as text and runs nothing', async ({ page }) => {
  const dialogs = watchDialogs(page);
  const q = '<script>alert(1)</script><img src=x onerror=alert(2)>';
  expect((await page.goto(`/search?q=${encodeURIComponent(q)}`))?.status()).toBe(200);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`搜索：${q}`);
  await expect(page.getByRole('search', { name: '搜索文章' }).getByRole('searchbox')).toHaveValue(
    q,
  );
  await expect(page).toHaveTitle(`搜索：${q} - 财经快讯`);
  expect(await page.locator('main script, main img').count()).toBe(0);
  expect(dialogs).toEqual([]);
});

test('empty and over-long queries get a helpful page, not an error', async ({ page }) => {
  expect((await page.goto('/search?q='))?.status()).toBe(200);
  await expect(page.getByText('请输入要搜索的词。')).toBeVisible();
  await expect(page.getByRole('search', { name: '搜索文章' })).toBeVisible();

  expect((await page.goto('/search'))?.status()).toBe(200);
  await expect(page.getByText('请输入要搜索的词。')).toBeVisible();

  expect((await page.goto(`/search?q=${'长'.repeat(101)}`))?.status()).toBe(200);
  await expect(page.getByText(/搜索词太长了/)).toBeVisible();

  expect((await page.goto(`/search?q=${encodeURIComponent('新能源')}&page=99`))?.status()).toBe(
    200,
  );
  await expect(page.getByText('没有更多结果了。')).toBeVisible();
  await page.getByRole('link', { name: '回到第一页结果' }).click();
  await expect(page.locator('main ol > li').first()).toBeVisible();
});
