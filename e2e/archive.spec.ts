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
