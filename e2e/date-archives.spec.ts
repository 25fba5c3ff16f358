import { expect, test, type Page } from '@playwright/test';

import { ARTICLE } from './support/pages';

// Date archives on the e2e content (the samples are of November 2026, most fixtures of 1 March
// 2024): a day's posts in Beijing time, a month as a calendar, a year by month, the ways between
// them, and how long each may be cached.

const SITE = 'https://news.example.test';

function titles(page: Page) {
  return page.locator('main ol > li h2').allTextContents();
}

/** The `datetime` of every post time on the page. */
function times(page: Page) {
  return page
    .locator('main ol > li time')
    .evaluateAll((els) => els.map((el) => el.getAttribute('datetime') ?? ''));
}

test('a day lists exactly its posts in Beijing time, with ways up, across and to its neighbours', async ({
  page,
}) => {
  expect((await page.goto('/2026/11/21'))?.status()).toBe(200);
  await expect(page).toHaveTitle('2026年11月21日 的文章 - 财经快讯');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('2026年11月21日 的文章');
  expect(await titles(page)).toEqual([
    '个人养老金产品扩容：新增指数基金和储蓄国债',
    'A股开盘：三大指数集体高开，创业板指涨0.8%',
  ]);
  for (const time of await times(page)) expect(time).toMatch(/^2026-11-21T.*\+08:00$/);

  const trail = page.getByRole('navigation', { name: '日期导航' });
  await expect(trail.getByRole('link', { name: '2026年' })).toHaveAttribute('href', '/2026');
  await expect(trail.getByRole('link', { name: '11月' })).toHaveAttribute('href', '/2026/11');
  await expect(page.getByRole('link', { name: '财新 (1)' })).toHaveAttribute(
    'href',
    '/caixin/2026/11/21',
  );

  // 00:15 on the 22nd in Beijing is still the 21st in UTC: it is the 22nd's.
  await page
    .getByRole('navigation', { name: '前后日期' })
    .getByRole('link', { name: /更晚/ })
    .click();
  await expect(page).toHaveURL(/\/2026\/11\/22$/);
  expect(await titles(page)).toEqual(['海外储能订单放量，多家企业披露大额合同']);
  await page
    .getByRole('navigation', { name: '前后日期' })
    .getByRole('link', { name: /更早/ })
    .click();
  await expect(page).toHaveURL(/\/2026\/11\/21$/);
});

test("a category's day lists its posts only, steps over its empty days, and leads to the site's day", async ({
  page,
}) => {
  await page.goto('/gongxinweibao/2026/11/20');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('工信微报 · 2026年11月20日');
  expect(await titles(page)).toEqual(['工信部部署推进制造业数字化转型行动']);
  const around = page.getByRole('navigation', { name: '前后日期' });
  await expect(around.getByRole('link', { name: /更早/ })).toHaveAttribute(
    'href',
    '/gongxinweibao/2026/11/17',
  );
  await expect(around.getByRole('link', { name: /更晚/ })).toHaveAttribute(
    'href',
    '/gongxinweibao/2026/11/24',
  );
  await page.getByRole('link', { name: '全站当天的全部文章' }).click();
  await expect(page).toHaveURL(/\/2026\/11\/20$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('2026年11月20日 的文章');
});

test('the URL trimmed from an article answers, with or without its trailing slash', async ({
  page,
  request,
}) => {
  const trimmed = await request.get('/gongxinweibao/2026/11/20/', { maxRedirects: 0 });
  expect(trimmed.status()).toBe(308);
  expect(trimmed.headers().location).toBe('/gongxinweibao/2026/11/20');
  for (const url of ['/2026/11/21/', '/2026/11/', '/2026/', '/gongxinweibao/2026/']) {
    expect((await page.goto(url))?.status(), url).toBe(200);
    expect(new URL(page.url()).pathname, url).toBe(url.slice(0, -1));
  }
});

test('a full day is paginated and never shows a hidden post', async ({ page, request }) => {
  await page.goto('/2024/03/01');
  await expect(page.getByText('共 26 篇')).toBeVisible();
  const seen = [...(await titles(page))];
  await page.getByRole('link', { name: '下一页' }).click();
  await expect(page).toHaveURL(/\/2024\/03\/01\/page\/2$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('2024年3月1日 的文章 · 第 2 页');
  seen.push(...(await titles(page)));
  await page.getByRole('link', { name: '下一页' }).click();
  await expect(page).toHaveURL(/\/2024\/03\/01\/page\/3$/);
  seen.push(...(await titles(page)));
  expect(seen).toHaveLength(26);
  expect(new Set(seen).size).toBe(26);
  // 18:30 UTC on 29 February is 02:30 on 1 March in Beijing.
  expect(seen).toContain('以 Z 结尾的协调世界时');
  expect(seen).toContain('同一网址的第一篇');
  expect(seen).not.toContain('同一网址的第二篇');
  expect(seen).not.toContain('尚未定稿的草稿');

  const first = await request.get('/2024/03/01/page/1', { maxRedirects: 0 });
  expect(first.status()).toBe(308);
  expect(first.headers().location).toBe('/2024/03/01');
  expect((await page.goto('/2024/03/01/page/4'))?.status()).toBe(404);
});

test('a month is a calendar: Monday-first weeks, each day with posts links to it with its count', async ({
  page,
}) => {
  await page.goto('/2026/11');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('2026年11月 的文章');
  const calendar = page.getByRole('table', { name: '2026年11月每天的文章数' });
  await expect(calendar.getByRole('columnheader')).toHaveText([
    '一',
    '二',
    '三',
    '四',
    '五',
    '六',
    '日',
  ]);
  // 1 November 2026 is a Sunday.
  await expect(calendar.locator('tbody tr').first().locator('td')).toHaveText([
    ...Array<string>(6).fill(''),
    '1日 1 篇',
  ]);
  await expect(calendar.getByRole('link', { name: '21 日 2 篇' })).toHaveAttribute(
    'href',
    '/2026/11/21',
  );
  // The 28th has no post: plain text.
  await expect(calendar.getByRole('cell', { name: '28', exact: true })).toBeVisible();
  await expect(calendar.getByRole('link', { name: /^28 / })).toHaveCount(0);
  const counts = await calendar
    .getByRole('link')
    .allTextContents()
    .then((cells) => cells.map((c) => Number(/(\d+) 篇/.exec(c)?.[1])));
  const total = Number(/共 (\d+) 篇/.exec((await page.locator('main').textContent()) ?? '')?.[1]);
  expect(counts.reduce((a, b) => a + b, 0)).toBe(total);

  await expect(
    page.getByRole('navigation', { name: '前后月份' }).getByRole('link', { name: /更早/ }),
  ).toHaveAttribute('href', '/2024/03');
  await calendar.getByRole('link', { name: '21 日 2 篇' }).click();
  await expect(page).toHaveURL(/\/2026\/11\/21$/);
});

test('a year lists its twelve months with their counts', async ({ page }) => {
  await page.goto('/2026/11');
  const november = Number(
    /共 (\d+) 篇/.exec((await page.locator('main').textContent()) ?? '')?.[1],
  );
  await page
    .getByRole('navigation', { name: '日期导航' })
    .getByRole('link', { name: '2026年' })
    .click();
  await expect(page).toHaveURL(/\/2026$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('2026年 的文章');
  await expect(page.getByRole('list', { name: '各月的文章数' }).getByRole('listitem')).toHaveCount(
    12,
  );
  await expect(page.getByRole('link', { name: `11月 ${november} 篇` })).toHaveAttribute(
    'href',
    '/2026/11',
  );
  await expect(page.getByRole('link', { name: /^10月/ })).toHaveCount(0);
  await expect(
    page.getByRole('navigation', { name: '前后年份' }).getByRole('link', { name: /更早/ }),
  ).toHaveAttribute('href', '/2024');
});

test('empty, impossible and out-of-range dates are the ordinary 404', async ({ page }) => {
  for (const url of [
    '/2026/11/28',
    '/2026/10',
    '/2030',
    '/2026/13',
    '/2026/00',
    '/2026/02/30',
    '/2026/1/5',
    '/1969',
    '/2101/01/01',
    '/abcd/11',
    '/gongxinweibao/2026/11/21',
    '/no-such-source/2026/11/21',
    '/2026/11/21/page/2',
    '/2026/11/page/2',
  ]) {
    expect((await page.goto(url))?.status(), url).toBe(404);
    await expect(page.getByRole('heading', { name: '页面不存在' })).toBeVisible();
  }
});

test("an article's date leads to its day; home and category lists lead into the archive by date", async ({
  page,
}) => {
  await page.goto(ARTICLE);
  await page.getByRole('article').getByRole('link', { name: '2026-11-20 19:02' }).click();
  await expect(page).toHaveURL(/\/2026\/11\/20$/);
  expect(await titles(page)).toEqual(['工信部部署推进制造业数字化转型行动']);

  await page.goto('/');
  await expect(
    page
      .locator('main ol > li')
      .first()
      .getByRole('link', { name: /^2026-11-27/ }),
  ).toHaveAttribute('href', '/2026/11/27');
  await page.getByRole('link', { name: '按日期浏览' }).click();
  await expect(page).toHaveURL(/\/2026\/11$/);

  await page.goto('/category/gongxinweibao');
  await page.getByRole('link', { name: '按日期浏览' }).click();
  await expect(page).toHaveURL(/\/gongxinweibao\/2026\/11$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('工信微报 · 2026年11月');
});

test('a date page names itself and links the feed of what it shows', async ({ page }) => {
  const feeds = () =>
    page
      .locator('head link[rel="alternate"][type="application/atom+xml"]')
      .evaluateAll((els) => els.map((el) => el.getAttribute('href')));
  const canonical = () => page.locator('head link[rel="canonical"]').getAttribute('href');
  await page.goto('/2026/11/21');
  expect(await feeds()).toEqual([`${SITE}/feed.xml`]);
  expect(await canonical()).toBe(`${SITE}/2026/11/21`);
  await page.goto('/gongxinweibao/2026/11');
  await expect(page).toHaveTitle('工信微报 · 2026年11月 - 财经快讯');
  expect(await feeds()).toEqual([`${SITE}/category/gongxinweibao/feed.xml`, `${SITE}/feed.xml`]);
  expect(await canonical()).toBe(`${SITE}/gongxinweibao/2026/11`);
});

test('the sitemap lists the site-wide year, month and day pages with their newest post', async ({
  request,
}) => {
  const xml = await (await request.get('/sitemap.xml')).text();
  for (const path of ['/2024', '/2024/03', '/2024/03/01', '/2026', '/2026/11']) {
    expect(xml).toContain(`<loc>${SITE}${path}</loc>`);
  }
  expect(xml).toContain(`<loc>${SITE}/2026/11/21</loc><lastmod>2026-11-21T12:18:44Z</lastmod>`);
  expect(xml).not.toContain(`<loc>${SITE}/2026/11/28</loc>`);
  // Date pages come before the articles, which stay oldest first.
  expect(xml.indexOf(`${SITE}/2026/11/27<`)).toBeLessThan(xml.indexOf('.html</loc>'));
});

test('a day that is over is cached for a day; what can still change, for a minute', async ({
  request,
}) => {
  const cacheControl = async (url: string) =>
    (await request.get(url, { maxRedirects: 0 })).headers()['cache-control'];
  const LONG = /^s-maxage=86400, stale-while-revalidate=\d+$/;
  const SHORT = /^s-maxage=60, stale-while-revalidate=\d+$/;
  // Over, and later dates have posts: only a push can change them.
  for (const url of [
    '/2026/11/20',
    '/gongxinweibao/2026/11/20',
    '/2024/03/01/page/2',
    '/2024/03',
    '/2024',
  ]) {
    expect(await cacheControl(url), url).toMatch(LONG);
  }
  // The newest day, month and year with posts: a later one may get its first post any moment.
  for (const url of ['/2026/11/27', '/2026/11', '/2026']) {
    expect(await cacheControl(url), url).toMatch(SHORT);
  }
  // Articles, redirects and 404s of the same route stay short-lived.
  for (const url of [ARTICLE, '/2024/03/01/page/1', '/2026/11/28', '/no/such/page.html']) {
    expect(await cacheControl(url), url).toMatch(SHORT);
  }
});
