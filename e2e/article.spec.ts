import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { expect, test, type Page } from '@playwright/test';

// The article page's own links and tools: older/newer in its category, related posts, sharing
// (copy link, WeChat QR code), back to top, and what it prints.

const canonical = (page: Page) =>
  page.locator('link[rel="canonical"]').getAttribute('href') as Promise<string>;

/** A category's articles, newest first (it fits on one page). */
async function articlesOf(page: Page, category: string): Promise<string[]> {
  await page.goto(`/category/${category}`);
  return page
    .locator('main ol > li h2 a')
    .evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
}

test('older and newer links stay in the category, and stop at its ends', async ({ page }) => {
  const urls = await articlesOf(page, 'zhengquanshibao');
  expect(urls.length).toBeGreaterThanOrEqual(3);
  const nav = page.getByRole('navigation', { name: '同分类的上一篇和下一篇' });
  const older = nav.getByRole('link', { name: /^上一篇/ });
  const newer = nav.getByRole('link', { name: /^下一篇/ });

  await page.goto(urls[0]!);
  await expect(older).toHaveAttribute('href', urls[1]!);
  await expect(newer).toHaveCount(0);

  await page.goto(urls[1]!);
  await expect(older).toHaveAttribute('href', urls[2]!);
  await expect(newer).toHaveAttribute('href', urls[0]!);

  await page.goto(urls.at(-1)!);
  await expect(older).toHaveCount(0);
  await expect(newer).toHaveAttribute('href', urls.at(-2)!);
  await newer.click();
  await expect(page).toHaveURL(urls.at(-2)!);
});

test('related posts share a tag with the article, at most five, never itself', async ({ page }) => {
  const url = '/gongxinweibao/2026/11/27/NW202611273198509973.html';
  await page.goto(url);
  const tags = await page.getByRole('list', { name: '标签' }).getByRole('link').allTextContents();
  // Each related post is a list item: its title's link first, then its date's (to its day).
  const related = page.getByRole('region', { name: '相关文章' }).getByRole('listitem');
  const hrefs = await related.evaluateAll((items) =>
    items.map((li) => li.querySelector('a')?.getAttribute('href')),
  );
  expect(hrefs.length).toBeGreaterThan(0);
  expect(hrefs.length).toBeLessThanOrEqual(5);
  expect(hrefs).not.toContain(url);
  for (const href of hrefs) {
    await page.goto(href!);
    const theirs = await page
      .getByRole('list', { name: '标签' })
      .getByRole('link')
      .allTextContents();
    expect(
      theirs.some((tag) => tags.includes(tag)),
      href!,
    ).toBe(true);
  }
});

test('the QR code scans to the canonical URL of the article', async ({ page }) => {
  await page.goto('/gongxinweibao/2026/11/27/NW202611273198509973.html');
  const qr = page.getByRole('img', { name: /^本文链接的二维码/ });
  await expect(qr).toBeVisible();
  const png = PNG.sync.read(await qr.screenshot());
  const read = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  expect(read?.data).toBe(await canonical(page));
  expect(read?.data).toBe(
    'https://news.example.test/gongxinweibao/2026/11/27/NW202611273198509973.html',
  );
});

test('copy link puts the canonical URL on the clipboard and says so', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/gongxinweibao/2026/11/27/NW202611273198509973.html');
  await page.getByRole('button', { name: '复制链接' }).click();
  await expect(page.getByRole('status').filter({ hasText: '链接已复制' })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await canonical(page));
});

test('a long article offers a way back to the top; a short one does not', async ({ page }) => {
  await page.goto('/gongxinweibao/2026/11/20/NW202611203196630712.html');
  await page.mouse.wheel(0, 5000);
  await page.getByRole('link', { name: /回到顶部/ }).click();
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBe(0);

  await page.goto('/emnews/2024/03/01/empty-title.html');
  await expect(page.getByRole('link', { name: /回到顶部/ })).toHaveCount(0);
});

test('printing shows the article and its URL, without the site around it', async ({ page }) => {
  await page.goto('/gongxinweibao/2026/11/27/NW202611273198509973.html');
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('article').getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByText(`本文链接：${await canonical(page)}`)).toBeVisible();
  for (const hidden of [
    page.getByRole('banner'),
    page.getByRole('contentinfo'),
    page.getByRole('region', { name: '分享' }),
    page.getByRole('region', { name: '相关文章' }),
  ]) {
    await expect(hidden).toBeHidden();
  }
  await page.emulateMedia({ media: 'screen' });
  await expect(page.getByText(`本文链接：${await canonical(page)}`)).toBeHidden();
});
