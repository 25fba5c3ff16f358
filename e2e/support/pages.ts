// What several specs visit: one URL of each page type on the e2e content, and a page's dialogs.
import type { Page } from '@playwright/test';

export const ARTICLE = '/gongxinweibao/2026/11/20/NW202611203196630712.html';

/**
 * One URL per page type (home, its pages, an article, category, tag, the indexes, search, the
 * date archives, 404).
 */
export const PAGE_TYPES = [
  '/',
  '/page/2',
  ARTICLE,
  '/zhengquanshibao/2026/11/23/weekly-fund-flow.html',
  '/category/gongxinweibao',
  `/tag/${encodeURIComponent('新能源')}`,
  '/categories',
  '/tags',
  `/search?q=${encodeURIComponent('人民币')}`,
  '/2026/11/21',
  '/gongxinweibao/2026/11/20',
  '/2026/11',
  '/2026',
  '/no-such-page',
];

/** Every dialog (alert, confirm) the page opens, dismissed: a script that ran leaves one here. */
export function watchDialogs(page: Page): string[] {
  const dialogs: string[] = [];
  page.on('dialog', async (dialog) => {
    dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  return dialogs;
}
