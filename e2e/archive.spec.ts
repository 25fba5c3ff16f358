import { expect, test } from '@playwright/test';

import { ARCHIVE_POSTS, ARCHIVE_URL } from '../playwright.config';

// On a generated archive of a few thousand posts (many sharing one timestamp), paging through
// a whole category and the home page shows every post exactly once, newest first.

async function collect(page: import('@playwright/test').Page, first: string) {
  const seen: string[] = [];
  const dates: number[] = [];
  let next: string | null = first;
  while (next) {
    const response = await page.goto(next);
    expect(response?.status(), next).toBe(200);
    const items = page.locator('main ol > li');
    seen.push(
      ...(await items
        .locator('h2 a')
        .evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''))),
    );
    dates.push(
      ...(await items
        .locator('time')
        .evaluateAll((ts) => ts.map((t) => Date.parse(t.getAttribute('datetime') ?? '')))),
    );
    const link = page.getByRole('link', { name: '下一页' });
    next = (await link.count())
      ? new URL((await link.getAttribute('href')) ?? '', ARCHIVE_URL).toString()
      : null;
  }
  return { seen, dates };
}

test('paging through the biggest category reaches its end without duplicates or gaps', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await page.goto(`${ARCHIVE_URL}/categories`);
  const top = page.locator('main ul li a').first();
  const [, name, count] = /^(.+) \((\d+)\)$/.exec((await top.textContent()) ?? '') ?? [];
  expect(Number(count)).toBeGreaterThan(200);

  const { seen, dates } = await collect(page, `${ARCHIVE_URL}/category/${name}`);
  expect(seen).toHaveLength(Number(count));
  expect(new Set(seen).size).toBe(seen.length);
  expect(dates).toEqual([...dates].sort((a, b) => b - a));
});

test('the home page of the archive counts every post and its last page ends the list', async ({
  page,
}) => {
  await page.goto(ARCHIVE_URL);
  await expect(page.getByText(`共 ${ARCHIVE_POSTS} 篇`)).toBeVisible();
  const pages = Math.ceil(ARCHIVE_POSTS / 20);
  await page.goto(`${ARCHIVE_URL}/page/${pages}`);
  await expect(page.getByRole('link', { name: '下一页' })).toHaveCount(0);
  await expect(page.locator('main ol > li')).toHaveCount(ARCHIVE_POSTS - (pages - 1) * 20 || 20);
  expect((await page.goto(`${ARCHIVE_URL}/page/${pages + 1}`))?.status()).toBe(404);
});

test("the archive by date adds up: a year's months, a month's days, each day's own posts", async ({
  page,
}) => {
  const total = async () =>
    Number(/共 (\d+) 篇/.exec((await page.locator('main').textContent()) ?? '')?.[1]);
  const countsOf = async (links: import('@playwright/test').Locator) =>
    (await links.evaluateAll((as) => as.map((a) => [a.getAttribute('href'), a.textContent]))).map(
      ([href, text]) => ({ href: href ?? '', count: Number(/(\d+) 篇/.exec(text ?? '')?.[1]) }),
    );

  await page.goto(`${ARCHIVE_URL}/2022`);
  const months = await countsOf(page.getByRole('list', { name: '各月的文章数' }).getByRole('link'));
  expect(months.reduce((sum, m) => sum + m.count, 0)).toBe(await total());
  const june = months.find((m) => m.href === '/2022/06');
  expect(june?.count).toBeGreaterThan(0);

  await page.goto(`${ARCHIVE_URL}/2022/06`);
  expect(await total()).toBe(june?.count);
  const days = await countsOf(page.getByRole('table').getByRole('link'));
  expect(days.reduce((sum, d) => sum + d.count, 0)).toBe(june?.count);
  expect(days.length).toBeGreaterThan(7);

  // The first week of days with posts: each lists exactly its own, and leads to the next.
  for (const [i, { href, count }] of days.slice(0, 7).entries()) {
    await page.goto(`${ARCHIVE_URL}${href}`);
    const date = href.slice(1).replaceAll('/', '-');
    const times = await page
      .locator('main ol > li time')
      .evaluateAll((ts) => ts.map((t) => t.getAttribute('datetime') ?? ''));
    expect(times, href).toHaveLength(count);
    for (const time of times) expect(time).toMatch(new RegExp(`^${date}T.*\\+08:00$`));
    const later = page.getByRole('navigation', { name: '前后日期' }).getByRole('link', {
      name: /更晚/,
    });
    await expect(later).toHaveAttribute('href', days[i + 1]?.href ?? '');
  }
});
