import { expect, test } from '@playwright/test';

// Links into the old site keep working: its share page and the folder links in post bodies.

test('the old share page redirects to the article with that code, or says there is none', async ({
  page,
  request,
}) => {
  const code = 'NW202611273198509973';
  const response = await request.get(`/html_News/NewsShare.html?infoCode=${code}`, {
    maxRedirects: 0,
  });
  expect(response.status()).toBe(308);
  expect(response.headers().location).toBe(`/gongxinweibao/2026/11/27/${code}.html`);

  await page.goto(`/html_News/NewsShare.html?infoCode=${code}`);
  await expect(page).toHaveURL(`/gongxinweibao/2026/11/27/${code}.html`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    '全国中小企业发展环境评估报告发布，营商环境持续优化',
  );

  for (const bad of ['NW000000000000000000', '', encodeURIComponent('<script>')]) {
    const missing = await request.get(`/html_News/NewsShare.html?infoCode=${bad}`, {
      maxRedirects: 0,
    });
    expect(missing.status(), bad).toBe(404);
  }
});

test('old folder links in bodies lead to the category page', async ({ page }) => {
  for (const url of [
    // `[返回东财滚动新闻](../emnews/)`
    '/emnews/2026/11/02/NW202611023191022748.html',
    // `[返回东财滚动新闻](//finews.withounder.com/emnews/)`
    '/emnews/2026/11/18/NW202611183196139826.html',
  ]) {
    await page.goto(url);
    await page.getByRole('article').getByRole('link', { name: '返回东财滚动新闻' }).click();
    await expect(page).toHaveURL(/\/category\/emnews$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('分类：东方财富');
    await expect(page.locator('main ol > li').first()).toBeVisible();
  }
});

test("Jekyll's next-day URL answers 308 with one Location, rendered or cached", async ({
  request,
}) => {
  const ours = '/gongxinweibao/2026/11/08/NW202611083193248819.html';
  const jekylls = '/gongxinweibao/2026/11/09/NW202611083193248819.html';
  // The first answer renders the redirect; the later ones come from the page cache.
  for (let i = 0; i < 3; i++) {
    const response = await request.get(jekylls, { maxRedirects: 0 });
    expect(response.status()).toBe(308);
    const locations = response.headersArray().filter((h) => h.name.toLowerCase() === 'location');
    expect(locations.map((h) => new URL(h.value, response.url()).pathname)).toEqual([ours]);
  }
});
