import { expect, test, type Page } from '@playwright/test';

import { hasSeed } from '../lib/testing/shared';

// What share cards and search engines read: titles, descriptions, canonical URLs, OpenGraph,
// Twitter cards, feed links and the article's JSON-LD (SITE_URL is https://news.example.test).
const SITE = 'https://news.example.test';

const meta = (page: Page, key: string) =>
  page
    .locator(`head meta[property="${key}"], head meta[name="${key}"]`)
    .first()
    .getAttribute('content');
const metas = (page: Page, key: string) =>
  page
    .locator(`head meta[property="${key}"]`)
    .evaluateAll((els) => els.map((el) => el.getAttribute('content')));
const canonical = (page: Page) => page.locator('head link[rel="canonical"]').getAttribute('href');
const feeds = (page: Page) =>
  page
    .locator('head link[rel="alternate"][type="application/atom+xml"]')
    .evaluateAll((els) => els.map((el) => el.getAttribute('href')));

async function jsonLd(page: Page) {
  const text = await page.locator('script[type="application/ld+json"]').textContent();
  return JSON.parse(text ?? 'null') as Record<string, unknown>;
}

test('a sample article carries its share card, canonical URL and NewsArticle data', async ({
  page,
  request,
}) => {
  const url = '/gongxinweibao/2026/11/27/NW202611273198509973.html';
  await page.goto(url);
  await expect(page).toHaveTitle('全国中小企业发展环境评估报告发布，营商环境持续优化 - 财经快讯');
  const description = (await meta(page, 'description')) ?? '';
  expect(
    description.startsWith(
      '11月27日，工业和信息化部中小企业局发布2026年度全国中小企业发展环境评估报告。',
    ),
  ).toBe(true);
  expect(Array.from(description).length).toBeLessThanOrEqual(120);
  expect(await canonical(page)).toBe(`${SITE}${url}`);
  expect(await meta(page, 'og:type')).toBe('article');
  expect(await meta(page, 'og:url')).toBe(`${SITE}${url}`);
  expect(await meta(page, 'og:title')).toBe('全国中小企业发展环境评估报告发布，营商环境持续优化');
  expect(await meta(page, 'article:published_time')).toBe('2026-11-27T21:59:01+08:00');
  expect(await meta(page, 'article:section')).toBe('工信微报');
  expect(await metas(page, 'article:tag')).toEqual(['工信微报新闻']);
  expect(await meta(page, 'twitter:card')).toBe('summary_large_image');
  // No image in the body: the site's own card image, which is really there.
  expect(await meta(page, 'og:image')).toBe(`${SITE}/og-default.png`);
  const image = await request.get('/og-default.png');
  expect(image.status()).toBe(200);
  expect(image.headers()['content-type']).toBe('image/png');
  expect(await feeds(page)).toEqual([
    `${SITE}/feed.xml`,
    `${SITE}/category/gongxinweibao/feed.xml`,
  ]);

  expect(await jsonLd(page)).toMatchObject({
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: '全国中小企业发展环境评估报告发布，营商环境持续优化',
    datePublished: '2026-11-27T21:59:01+08:00',
    // Written by the source it names, at the story it links; published by the site, with its logo.
    author: {
      '@type': 'Organization',
      name: '工信微报',
      url: 'http://finance.eastmoney.com/a/202611273198509973.html',
    },
    publisher: {
      '@type': 'Organization',
      name: '财经快讯',
      url: `${SITE}/`,
      logo: { '@type': 'ImageObject', url: `${SITE}/logo.png` },
    },
    image: [`${SITE}/og-default.png`],
    mainEntityOfPage: `${SITE}${url}`,
  });
  const logo = await request.get('/logo.png');
  expect(logo.status()).toBe(200);
  expect(logo.headers()['content-type']).toBe('image/png');
  // A card's image is described for readers who cannot see it, on Twitter as on OpenGraph:
  // the site's own image, by the site's name.
  expect(await meta(page, 'twitter:image:alt')).toBe('财经快讯');
  expect(await meta(page, 'og:image:alt')).toBe('财经快讯');
});

test.describe('the seed article', () => {
  if (!hasSeed) return;

  test('shares its first image, its Beijing time and its source', async ({ page }) => {
    const url = '/gongxinweibao/2021/12/20/NW202112202219885661.html';
    await page.goto(url);
    const firstImage = await page
      .getByRole('article')
      .locator('.prose img')
      .first()
      .getAttribute('src');
    expect(firstImage).toMatch(/^https:\/\/webquoteklinepic\.eastmoney\.com\/GetPic\.aspx\?/);
    expect(await meta(page, 'og:image')).toBe(firstImage);
    expect(await meta(page, 'twitter:image')).toBe(firstImage);
    expect(await meta(page, 'article:published_time')).toBe('2021-12-20T19:02:33+08:00');
    expect(await meta(page, 'article:section')).toBe('工信微报');
    expect(await metas(page, 'article:tag')).toEqual(['工信微报新闻']);
    const description = (await meta(page, 'description')) ?? '';
    expect(description.startsWith('12月20日，全国工业和信息化工作会议在北京以视频形式召开。')).toBe(
      true,
    );
    expect(Array.from(description).length).toBeLessThanOrEqual(120);
    expect(await canonical(page)).toBe(`${SITE}${url}`);
    expect(await jsonLd(page)).toMatchObject({
      '@type': 'NewsArticle',
      headline: '工信部：明年要扩大新能源汽车、绿色智能家电、绿色建材消费',
      datePublished: '2021-12-20T19:02:33+08:00',
      author: { name: '工信微报' },
      publisher: { name: '财经快讯' },
      image: [firstImage],
    });
  });
});

test('home, category, tag and their later pages have their own titles, descriptions and canonicals', async ({
  page,
}) => {
  await page.goto('/');
  await expect(page).toHaveTitle('财经快讯：最新财经新闻与快讯');
  // Next writes the root URL without its slash; the two are the same URL.
  expect(await canonical(page)).toMatch(/^https:\/\/news\.example\.test\/?$/);
  expect(await meta(page, 'og:type')).toBe('website');
  expect(await feeds(page)).toEqual([`${SITE}/feed.xml`]);

  await page.goto('/page/2');
  await expect(page).toHaveTitle('最新文章 第 2 页 - 财经快讯');
  expect(await canonical(page)).toBe(`${SITE}/page/2`);
  expect(await meta(page, 'description')).toMatch(/第 2 \/ \d+ 页/);

  await page.goto('/category/emnews');
  await expect(page).toHaveTitle('分类：东方财富 - 财经快讯');
  expect(await meta(page, 'description')).toMatch(/「东方财富」分类下的 \d+ 篇文章/);
  expect(await canonical(page)).toBe(`${SITE}/category/emnews`);
  expect(await feeds(page)).toEqual([`${SITE}/category/emnews/feed.xml`, `${SITE}/feed.xml`]);

  await page.goto('/category/emnews/page/2');
  await expect(page).toHaveTitle('分类：东方财富 第 2 页 - 财经快讯');
  expect(await canonical(page)).toBe(`${SITE}/category/emnews/page/2`);

  const tag = encodeURIComponent('东财滚动新闻');
  await page.goto(`/tag/${tag}/page/2`);
  await expect(page).toHaveTitle('标签：东财滚动新闻 第 2 页 - 财经快讯');
  expect(await canonical(page)).toBe(`${SITE}/tag/${tag}/page/2`);
  expect(await meta(page, 'og:url')).toBe(`${SITE}/tag/${tag}/page/2`);
  expect(await feeds(page)).toEqual([`${SITE}/tag/${tag}/feed.xml`, `${SITE}/feed.xml`]);

  expect(await meta(page, 'twitter:image:alt')).toBe('财经快讯');

  await page.goto('/categories');
  await expect(page).toHaveTitle('全部分类 - 财经快讯');
  expect(await meta(page, 'description')).toMatch(/全部 \d+ 个分类/);
});

test('hidden text stays out of the share card, the JSON-LD, the excerpt and search', async ({
  page,
}) => {
  const url = '/shenhe/2024/03/01/hidden-text.html';
  await page.goto(url);
  await expect(page.getByRole('article')).toContainText('读者看得见的第一段');
  await expect(page.getByRole('article')).not.toContainText('XYZHIDDEN');
  const shown = [
    await meta(page, 'description'),
    await meta(page, 'og:description'),
    await meta(page, 'twitter:description'),
    JSON.stringify(await jsonLd(page)),
  ];
  for (const text of shown) {
    expect(text).toContain('读者看得见的第一段');
    expect(text).not.toContain('XYZHIDDEN');
  }
  expect(await meta(page, 'description')).toMatch(/^读者看得见的第一段：两市早盘震荡走高/);

  await page.goto('/category/shenhe');
  await expect(page.locator('main ol > li').first()).toBeVisible();
  await expect(page.locator('main')).not.toContainText('XYZHIDDEN');
  await page.goto('/search?q=XYZHIDDEN');
  await expect(page.getByText('没有找到包含「XYZHIDDEN」的文章。')).toBeVisible();
  await page.goto(`/search?q=${encodeURIComponent('读者看得见的第二段')}`);
  await expect(page.locator('main ol > li')).toHaveCount(1);
});

test('the share image is the first image a card can show: an SVG is skipped for the photo after it', async ({
  page,
}) => {
  await page.goto('/shenhe/2024/03/01/svg-then-jpg.html');
  const photo = 'https://img.example.test/photos/b.jpg';
  expect(await meta(page, 'og:image')).toBe(photo);
  expect(await meta(page, 'twitter:image')).toBe(photo);
  // The post's own image is described by the post's title.
  expect(await meta(page, 'twitter:image:alt')).toBe(await meta(page, 'og:title'));
  expect(await jsonLd(page)).toMatchObject({ image: [photo] });
});
