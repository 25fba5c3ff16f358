import { expect, test } from '@playwright/test';

// What a reader notices first: names instead of slugs, an icon, untitled posts, the 404 page,
// keyboard use and a page that does not shift or leave its footer mid-screen.

test('categories show their names everywhere, and a category without one its slug', async ({
  page,
}) => {
  await page.goto('/');
  const first = page.locator('main ol > li').first();
  await expect(first.getByRole('link', { name: '工信微报', exact: true })).toHaveAttribute(
    'href',
    '/category/gongxinweibao',
  );
  await expect(page.locator('main')).not.toContainText('gongxinweibao');

  await page.goto('/category/zhengquanshibao');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('分类：证券时报');
  await expect(page).toHaveTitle('分类：证券时报 - 财经快讯');

  await page.goto('/categories');
  await expect(page.getByRole('link', { name: /^东方财富 \(\d+\)$/ })).toHaveAttribute(
    'href',
    '/category/emnews',
  );
  // `shenhe` has no line in _data/categories.yml: its slug stands in.
  await expect(page.getByRole('link', { name: /^shenhe \(\d+\)$/ })).toBeVisible();

  await page.goto('/gongxinweibao/2026/11/27/NW202611273198509973.html');
  const jsonLd = JSON.parse(
    (await page.locator('script[type="application/ld+json"]').textContent()) ?? '{}',
  ) as { articleSection?: string };
  expect(jsonLd.articleSection).toBe('工信微报');
});

test('the site has an icon and a home page without console errors', async ({ page, request }) => {
  const errors: string[] = [];
  page.on('console', (m) => (m.type() === 'error' ? errors.push(m.text()) : undefined));
  await page.goto('/');
  await page.waitForLoadState('networkidle');
  for (const link of await page.locator('link[rel="icon"], link[rel="apple-touch-icon"]').all()) {
    const href = (await link.getAttribute('href')) ?? '';
    expect((await request.get(href)).status(), href).toBe(200);
  }
  await expect(page.locator('link[rel="icon"][type="image/svg+xml"]')).toHaveCount(1);
  expect((await request.get('/favicon.ico')).status()).toBe(200);
  expect(errors).toEqual([]);
});

test('a post without a title does not repeat its first sentence as its excerpt', async ({
  page,
}) => {
  await page.goto(`/tag/${encodeURIComponent('东财滚动新闻')}/page/2`);
  let card = page.locator('main ol > li', { hasText: '沪深两市早盘小幅高开，半导体板块领涨。' });
  for (let n = 3; (await card.count()) === 0 && n < 8; n++) {
    await page.goto(`/tag/${encodeURIComponent('东财滚动新闻')}/page/${n}`);
    card = page.locator('main ol > li', { hasText: '沪深两市早盘小幅高开，半导体板块领涨。' });
  }
  await expect(card.getByRole('heading')).toHaveText('沪深两市早盘小幅高开，半导体板块领涨。');
  await expect(card.locator('p')).toHaveText(/^随后券商板块跟进/);
});

test('the 404 page fits any address and has its own title', async ({ page }) => {
  for (const url of ['/no/such/page.html', '/category/no-such-source']) {
    expect((await page.goto(url))?.status()).toBe(404);
    await expect(page).toHaveTitle('页面不存在 - 财经快讯');
    await expect(page.locator('main')).not.toContainText('这篇文章');
  }
});

test('keyboard: a skip link first, then visible focus, also on the search box', async ({
  page,
}) => {
  await page.goto('/categories');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: '跳到正文' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#main$/);
  await expect(page.locator('main')).toBeFocused();

  const box = page.getByRole('searchbox', { name: '搜索标题和正文' });
  await box.focus();
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Tab');
  await expect(box).toBeFocused();
  const outline = await box.evaluate((el) => {
    const style = getComputedStyle(el);
    return { style: style.outlineStyle, width: parseFloat(style.outlineWidth) };
  });
  expect(outline.style).not.toBe('none');
  expect(outline.width).toBeGreaterThan(0);
});

test('the footer sits at the bottom of a short page', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 1200 });
  await page.goto('/no/such/page.html');
  const bottom = await page
    .locator('body > footer')
    .evaluate((el) => el.getBoundingClientRect().bottom);
  expect(Math.round(bottom)).toBe(1200);
});

test("the site's own image reserves its box before it loads", async ({ page }) => {
  await page.route('**/images/sample-chart.svg', () => undefined); // never answers
  await page.goto('/zhengquanshibao/2026/11/23/weekly-fund-flow.html', {
    waitUntil: 'domcontentloaded',
  });
  const img = page.getByRole('article').locator('.prose img').first();
  await expect(img).toHaveAttribute('width', '600');
  await expect(img).toHaveAttribute('height', '300');
  const box = await img.boundingBox();
  expect(box?.height ?? 0).toBeGreaterThan(100);
});
