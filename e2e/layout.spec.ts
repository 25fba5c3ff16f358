import { expect, test } from '@playwright/test';

import { PAGE_TYPES } from './support/pages';

// Runs at desktop and phone widths: nothing may overflow the viewport sideways.
for (const url of PAGE_TYPES) {
  test(`no horizontal overflow on ${decodeURIComponent(url)}`, async ({ page }) => {
    await page.goto(url);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await expect(page.getByRole('navigation', { name: '主导航' })).toBeVisible();
  });
}
