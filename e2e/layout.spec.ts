import { expect, test } from '@playwright/test';

// Runs at desktop and phone widths: nothing may overflow the viewport sideways.
const pages = [
  '/',
  '/categories',
  '/tags',
  '/category/gongxinweibao',
  `/tag/${encodeURIComponent('新能源')}`,
  '/gongxinweibao/2026/11/20/NW202611203196630712.html',
  '/zhengquanshibao/2026/11/23/weekly-fund-flow.html',
];

for (const url of pages) {
  test(`no horizontal overflow on ${decodeURIComponent(url)}`, async ({ page }) => {
    await page.goto(url);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await expect(page.getByRole('navigation', { name: '主导航' })).toBeVisible();
  });
}
