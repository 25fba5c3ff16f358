import { expect, test } from '@playwright/test';

import { watchDialogs } from './support/pages';

// A post whose body carries scripts, handlers, javascript: links, frames, forms, meta refresh,
// base and style: only its normal paragraphs reach the reader, and nothing of the rest runs.

test('a hostile post renders its paragraphs and runs nothing', async ({ page }) => {
  const dialogs = watchDialogs(page);
  const url = '/emnews/2024/03/01/script-body.html';
  expect((await page.goto(url))?.status()).toBe(200);
  const body = page.getByRole('article').locator('.prose');
  await expect(body).toContainText('第一段：两市成交额突破一万亿元。');
  await expect(body).toContainText('第二段：北向资金全天净买入超过五十亿元。');
  await expect(body).toContainText('第三段：创业板指数收涨百分之一点二。');

  // Give anything that could run a chance to: hover, click every link in the article.
  await body.hover();
  for (const link of await body.getByRole('link').all())
    await link.click({ trial: true }).catch(() => {});

  expect(
    await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned),
  ).toBeUndefined();
  expect(dialogs).toEqual([]);
  await expect(page).toHaveTitle(/正文夹带脚本和危险标签/);
  await expect(page).toHaveURL(new RegExp(`${url}$`));
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

  const leftovers = await body.evaluate((el) => ({
    dangerous: el.querySelectorAll(
      'script, iframe, object, embed, form, input, button, meta, base, style, svg',
    ).length,
    handlers: Array.from(el.querySelectorAll('*'))
      .flatMap((n) => n.getAttributeNames())
      .filter((a) => a.startsWith('on')),
    scriptLinks: Array.from(el.querySelectorAll('a')).filter((a) =>
      /^\s*javascript:/i.test(a.getAttribute('href') ?? ''),
    ).length,
    text: el.textContent ?? '',
  }));
  expect(leftovers.dangerous).toBe(0);
  expect(leftovers.handlers).toEqual([]);
  expect(leftovers.scriptLinks).toBe(0);
  expect(leftovers.text).not.toContain('window.__pwned');
  expect(await page.locator('base').count()).toBe(0);
  // The page's own styles survive: the body is not hidden by the post's <style>.
  await expect(page.locator('body')).toBeVisible();
});

test('broken markup keeps the text a browser would show: object fallback, a mistyped script end, <center>', async ({
  page,
}) => {
  const dialogs = watchDialogs(page);
  expect((await page.goto('/shenhe/2024/03/01/fallback-text.html'))?.status()).toBe(200);
  const body = page.getByRole('article').locator('.prose');
  // An unclosed <object>'s fallback content, a stray <foreignObject>'s text, and what follows
  // two scripts whose end tags markdown could not read.
  for (const shown of [
    '对象之后的文字：浏览器把它当作替代内容显示。',
    '脚本之后的段落仍然可见。',
    'SVG 之外的外来对象文字。',
    '最后一段。',
  ]) {
    await expect(body).toContainText(shown);
  }
  // <center> is the centred block it meant, not an obsolete element.
  const caption = body.getByText('居中的图片说明。');
  expect(await caption.evaluate((el) => getComputedStyle(el).textAlign)).toBe('center');
  expect(
    await body.evaluate(
      (el) => el.querySelectorAll('center, object, foreignobject, script').length,
    ),
  ).toBe(0);
  await page.waitForLoadState('networkidle');
  expect(dialogs).toEqual([]);
});
