import { expect, test, type Page } from '@playwright/test';

// Dark mode: follows the system, a toggle that is remembered, and the right theme from the first
// paint (set by an inline script before any bundle runs).

const DARK_PAGE = 'rgb(12, 10, 9)';
const LIGHT_PAGE = 'rgb(250, 250, 249)';

const background = (page: Page) =>
  page.locator('body').evaluate((el) => getComputedStyle(el).backgroundColor);

test.describe('with a dark system theme', () => {
  test.use({ colorScheme: 'dark' });

  test('pages are dark', async ({ page }) => {
    await page.goto('/');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    expect(await background(page)).toBe(DARK_PAGE);
    await expect(page.getByRole('button', { name: '深色模式' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
  });
});

test('the toggle switches the theme and the choice outlives a reload and other pages', async ({
  page,
}) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('/');
  expect(await background(page)).toBe(LIGHT_PAGE);
  const toggle = page.getByRole('button', { name: '深色模式' });
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  expect(await background(page)).toBe(DARK_PAGE);

  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.goto('/categories');
  expect(await background(page)).toBe(DARK_PAGE);

  await page.getByRole('button', { name: '深色模式' }).click();
  await page.reload();
  expect(await background(page)).toBe(LIGHT_PAGE);
});

test('no flash: the saved theme is applied before any script bundle runs', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.addInitScript(() => localStorage.setItem('finews-theme', 'dark'));
  // No bundle ever arrives: what the reader sees comes from the HTML and its inline script alone.
  await page.route('**/_next/static/**/*.js', (route) => route.abort());
  await page.goto('/gongxinweibao/2026/11/27/NW202611273198509973.html');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(await background(page)).toBe(DARK_PAGE);
});
