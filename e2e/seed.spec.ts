import { expect, test } from '@playwright/test';

import { hasSeed } from '../lib/testing/shared';

// The post the product was designed from, laid into the test content by scripts/e2e-content.mjs
// when ../shared/seed holds it (it does in CI); a plain clone has no seed to show.

test.describe('the seed article', () => {
  test.describe.configure({ mode: 'serial' });
  if (!hasSeed) return;

  test('is served at its Jekyll URL with its heading, time and sanitized body', async ({
    page,
  }) => {
    const url = '/gongxinweibao/2021/12/20/NW202112202219885661.html';
    expect((await page.goto(url))?.status()).toBe(200);
    const article = page.getByRole('article');
    await expect(article.getByRole('heading', { level: 1 })).toHaveText(
      '工信部：明年要扩大新能源汽车、绿色智能家电、绿色建材消费',
    );
    const time = article.locator('header time');
    await expect(time).toHaveText('2021-12-20 19:02');
    expect(new Date((await time.getAttribute('datetime')) ?? '').toISOString()).toBe(
      '2021-12-20T11:02:33.000Z',
    );
    await expect(article.getByRole('link', { name: '工信微报', exact: true })).toHaveAttribute(
      'href',
      '/category/gongxinweibao',
    );
    await expect(article.getByRole('link', { name: '#工信微报新闻' })).toBeVisible();
    await expect(article).toContainText('全国工业和信息化工作会议在北京以视频形式召开');

    const prose = article.locator('.prose');
    const leftovers = await prose.evaluate((el) => ({
      hidden: Array.from(el.querySelectorAll('[style]')).filter((n) =>
        /display\s*:\s*none/i.test(n.getAttribute('style') ?? ''),
      ).length,
      styles: Array.from(el.querySelectorAll('[style]')).map((n) => n.getAttribute('style')),
      images: Array.from(el.querySelectorAll('img')).map((img) => [
        img.getAttribute('loading'),
        img.getAttribute('referrerpolicy'),
      ]),
      overflow: Array.from(el.querySelectorAll('img')).some(
        (img) => img.getBoundingClientRect().width > el.getBoundingClientRect().width + 1,
      ),
    }));
    expect(leftovers.hidden).toBe(0);
    for (const style of leftovers.styles) expect(style).toMatch(/^text-align:\s*\w+$/);
    expect(leftovers.images.length).toBeGreaterThan(0);
    for (const img of leftovers.images) expect(img).toEqual(['lazy', 'no-referrer']);
    expect(leftovers.overflow).toBe(false);

    // Links to the old site's pages lead to this site's pages.
    await expect(article.getByRole('link', { name: '返回工信微报新闻' })).toHaveAttribute(
      'href',
      '/category/gongxinweibao',
    );
    await expect(article.getByRole('link', { name: '返回首页' })).toHaveAttribute('href', '/');
  });

  test('its old share link redirects to it', async ({ request }) => {
    const response = await request.get('/html_News/NewsShare.html?infoCode=NW202112202219885661', {
      maxRedirects: 0,
    });
    expect(response.status()).toBe(308);
    expect(response.headers().location).toBe('/gongxinweibao/2021/12/20/NW202112202219885661.html');
  });
});
