import { expect, test } from '@playwright/test';

// Every page type, on the bundled samples (content/_posts) served by the production build.

test('home lists the newest posts first and pages on', async ({ page }) => {
  const response = await page.goto('/');
  expect(response?.status()).toBe(200);
  await expect(page.getByRole('heading', { level: 1, name: '最新文章' })).toBeVisible();
  const titles = page.locator('main ol > li h2');
  await expect(titles).toHaveCount(10);
  await expect(titles.first()).toHaveText('全国中小企业发展环境评估报告发布，营商环境持续优化');
  await expect(titles.nth(1)).toHaveText('人民币对美元中间价报7.0652，上调38个基点');

  const times = await page
    .locator('main ol > li time')
    .evaluateAll((els) => els.map((el) => Date.parse(el.getAttribute('datetime') ?? '')));
  expect(times).toEqual([...times].sort((a, b) => b - a));

  await page.getByRole('link', { name: '下一页' }).click();
  await expect(page).toHaveURL(/\/page\/2$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('第 2 页');
  const second = await page.locator('main ol > li h2').allTextContents();
  expect(second).not.toContain('全国中小企业发展环境评估报告发布，营商环境持续优化');
  await page.getByRole('link', { name: '上一页' }).click();
  await expect(page).toHaveURL(/\/$/);
});

test('a page number past the end is a 404, /page/1 is home', async ({ page, request }) => {
  expect((await page.goto('/page/999'))?.status()).toBe(404);
  const first = await request.get('/page/1', { maxRedirects: 0 });
  expect(first.status()).toBe(308);
  expect(first.headers().location).toBe('/');
});

test('article page: title, Beijing time, categories, tags, body and source link', async ({
  page,
}) => {
  const url = '/gongxinweibao/2026/11/27/NW202611273198509973.html';
  expect((await page.goto(url))?.status()).toBe(200);
  const article = page.getByRole('article');
  await expect(article.getByRole('heading', { level: 1 })).toHaveText(/\S/);
  const time = article.locator('header time');
  await expect(time).toHaveText('2026-11-27 21:59');
  await expect(time).toHaveAttribute('datetime', '2026-11-27T21:59:01+08:00');
  await expect(article.getByRole('link', { name: '工信微报', exact: true })).toHaveAttribute(
    'href',
    '/category/gongxinweibao',
  );
  await expect(article.getByRole('link', { name: '#工信微报新闻' })).toBeVisible();
  const source = article.getByRole('link', { name: '阅读原文' });
  await expect(source).toHaveAttribute('href', /^https?:\/\/finance\.eastmoney\.com\//);
  await expect(source).toHaveAttribute('rel', 'noopener noreferrer nofollow');
  // The old site's back-link now leads to this site's category page.
  await expect(article.getByRole('link', { name: '返回工信微报新闻' })).toHaveAttribute(
    'href',
    '/category/gongxinweibao',
  );
});

test('a zone-less date is Beijing time, and the URL Jekyll generated redirects to ours', async ({
  page,
  request,
}) => {
  const ours = '/gongxinweibao/2026/11/08/NW202611083193248819.html';
  const jekylls = '/gongxinweibao/2026/11/09/NW202611083193248819.html';
  const old = await request.get(jekylls, { maxRedirects: 0 });
  expect(old.status()).toBe(308);
  expect(new URL(old.headers().location ?? '', old.url()).pathname).toBe(ours);
  await page.goto(jekylls);
  await expect(page).toHaveURL(ours);
  await expect(page.getByRole('article').locator('header time')).toHaveText('2026-11-08 17:30');
  await expect(page.getByRole('article').locator('header time')).toHaveAttribute(
    'datetime',
    '2026-11-08T17:30:00+08:00',
  );
});

test('category page, its pagination and the old .html URL', async ({ page, request }) => {
  const old = await request.get('/category/emnews.html', { maxRedirects: 0 });
  expect(old.status()).toBe(308);
  expect(old.headers().location).toBe('/category/emnews');

  await page.goto('/category/emnews.html');
  await expect(page).toHaveURL(/\/category\/emnews$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('分类：东方财富');
  await expect(page.locator('main ol > li')).toHaveCount(10);
  for (const link of await page
    .locator('main ol > li')
    .getByRole('link', { name: '东方财富' })
    .all()) {
    await expect(link).toHaveAttribute('href', '/category/emnews');
  }
  await page.getByRole('link', { name: '下一页' }).click();
  await expect(page).toHaveURL(/\/category\/emnews\/page\/2$/);
  await expect(page.locator('main ol > li').first()).toBeVisible();
});

test('tag page with a Chinese tag, paginated', async ({ page }) => {
  const response = await page.goto(`/tag/${encodeURIComponent('东财滚动新闻')}`);
  expect(response?.status()).toBe(200);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('标签：东财滚动新闻');
  await expect(page.locator('main ol > li')).toHaveCount(10);
  await page.getByRole('link', { name: '下一页' }).click();
  await expect(page).toHaveURL(new RegExp(`/tag/${encodeURIComponent('东财滚动新闻')}/page/2$`));
  await expect(page.locator('main ol > li').first()).toBeVisible();

  await page.goto(`/tag/${encodeURIComponent('新能源')}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('标签：新能源');
  await expect(page.locator('main ol > li')).toHaveCount(7);
});

test('all categories and all tags, with counts', async ({ page }) => {
  await page.goto('/categories');
  await expect(page.getByRole('heading', { level: 1, name: '全部分类' })).toBeVisible();
  const caixin = page.getByRole('link', { name: /^财新 \(\d+\)$/ });
  await expect(caixin).toHaveText('财新 (6)');
  await caixin.click();
  await expect(page).toHaveURL(/\/category\/caixin$/);
  await expect(page.locator('main ol > li')).toHaveCount(6);

  await page.goto('/tags');
  await expect(page.getByRole('heading', { level: 1, name: '全部标签' })).toBeVisible();
  await expect(page.getByRole('link', { name: '新能源 (7)' })).toBeVisible();
});

test('unknown URLs get a helpful 404', async ({ page }) => {
  for (const url of [
    '/no/such/page.html',
    '/category/no-such-source',
    `/tag/${encodeURIComponent('不存在的标签')}`,
  ]) {
    const response = await page.goto(url);
    expect(response?.status(), url).toBe(404);
    await expect(page.getByRole('heading', { name: '页面不存在' })).toBeVisible();
    await expect(page.getByRole('link', { name: '返回首页' })).toHaveAttribute('href', '/');
    await expect(page.getByRole('link', { name: '浏览分类' })).toHaveAttribute(
      'href',
      '/categories',
    );
  }
});

/** URLs of every shape that no post, term or page answers. */
const MISSING = [
  '/no-such-page',
  '/no/such/page.html',
  '/gongxinweibao/2026/11/27/no-such-post.html',
  '/category/no-such-source',
  `/tag/${encodeURIComponent('不存在的标签')}`,
  '/page/999',
  '/category/emnews/page/99',
];

test('a 404 is server HTML: title, text and links reach a reader without JavaScript', async ({
  request,
  browser,
}) => {
  for (const url of MISSING) {
    // What curl, a crawler or a reader mode gets.
    const response = await request.get(url);
    expect(response.status(), url).toBe(404);
    const html = await response.text();
    expect(html, url).toMatch(/<html[^>]* lang="zh-CN"/);
    expect(html, url).toContain('<title>页面不存在 - 财经快讯</title>');
    expect(html, url).toMatch(/<h1[^>]*>页面不存在<\/h1>/);
    expect(html, url).toMatch(/<a[^>]* href="\/"[^>]*>返回首页<\/a>/);
    expect(html, url).toMatch(/<a[^>]* href="\/categories"[^>]*>浏览分类<\/a>/);
    expect(html, url).toContain('<meta name="robots" content="noindex"/>');
    expect(html, url).not.toContain('__next_error__');
  }
  // And what a browser with JavaScript turned off shows.
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  for (const url of MISSING.slice(0, 3)) {
    expect((await page.goto(url))?.status(), url).toBe(404);
    await expect(page).toHaveTitle('页面不存在 - 财经快讯');
    await expect(page.getByRole('heading', { level: 1, name: '页面不存在' })).toBeVisible();
    await expect(page.getByRole('link', { name: '返回首页' })).toHaveAttribute('href', '/');
  }
  await context.close();
});

for (const theme of ['light', 'dark'] as const) {
  test(`the 404's server HTML shows in the ${theme} theme before any bundle runs`, async ({
    page,
  }) => {
    await page.emulateMedia({ colorScheme: theme });
    // The site's bundles never arrive: only the server's HTML and its inline theme script.
    await page.route('**/_next/static/**/*.js', (route) => route.abort());
    expect((await page.goto('/gongxinweibao/2026/11/27/no-such-post.html'))?.status()).toBe(404);
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    await expect(page.getByRole('heading', { level: 1, name: '页面不存在' })).toBeVisible();
    await expect(page.getByRole('link', { name: '浏览分类' })).toBeVisible();
    const background = await page
      .locator('body')
      .evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(background).toBe(theme === 'dark' ? 'rgb(12, 10, 9)' : 'rgb(250, 250, 249)');
  });
}

test('an image served from public/ shows inside the column', async ({ page }) => {
  await page.goto('/zhengquanshibao/2026/11/23/weekly-fund-flow.html');
  const img = page.getByRole('article').locator('img').first();
  await expect(img).toHaveAttribute('src', '/images/sample-chart.svg');
  await expect(img).toHaveAttribute('loading', 'lazy');
  await expect(img).toHaveAttribute('referrerpolicy', 'no-referrer');
  await img.scrollIntoViewIfNeeded();
  await expect
    .poll(() => img.evaluate((el) => (el as HTMLImageElement).naturalWidth))
    .toBeGreaterThan(0);
});
