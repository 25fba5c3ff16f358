import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';

import { e2eEnv } from '../playwright.config';
import { PAGE_TYPES } from './support/pages';

// axe-core finds no violation on any page type, in the light theme and in the dark one.

const preview = `/api/draft?${new URLSearchParams({
  secret: e2eEnv.DRAFT_SECRET,
  path: '_posts/fixtures/2099-01-01-future-post.md',
})}`;
const pages = [...PAGE_TYPES, preview];

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`${colorScheme} theme`, () => {
    test.use({ colorScheme });
    for (const url of pages) {
      test(`${url === preview ? "an editor's preview" : url} has no axe violations`, async ({
        page,
      }) => {
        await page.goto(url);
        await expect(page.locator('html')).toHaveAttribute('data-theme', colorScheme);
        await page.waitForLoadState('networkidle');
        const { violations } = await new AxeBuilder({ page }).analyze();
        const summary = violations.map((v) => ({
          id: v.id,
          nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary ?? ''}`),
        }));
        expect(summary).toEqual([]);
      });
    }
  });
}
