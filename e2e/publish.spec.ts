import fs from 'node:fs';
import path from 'node:path';

import { expect, test, type Page } from '@playwright/test';

import { e2eEnv } from '../playwright.config';
import { d, day, m, postsDir, push, signature, writePost, y } from './support/push';

// Editors publish by committing: these tests write files into the running server's content
// folder and announce them the way GitHub does. They run after every other spec (see the
// `publish` project), so the posts they add disturb no other test.
test.describe.configure({ mode: 'serial' });

async function listed(page: Page, url: string) {
  await page.goto(url);
  return (await page.locator('main ol > li h2').allTextContents()).map((t) => t.trim());
}

test('a new post is live on its URL, home, category and tag after one signed push', async ({
  page,
  request,
}) => {
  const title = '测试发布：新快讯上线';
  const url = `/kuaixun/${y}/${m}/${d}/e2e-new-post.html`;
  expect((await page.goto(url))?.status()).toBe(404);
  const file = writePost('e2e-new-post', { title, categories: 'kuaixun', tags: '测试标签' });
  const response = await push(request, { added: [file] });
  expect(response.status()).toBe(200);

  expect((await page.goto(url))?.status()).toBe(200);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  expect((await listed(page, '/'))[0]).toBe(title);
  expect(await listed(page, '/category/kuaixun')).toEqual([title]);
  expect(await listed(page, `/tag/${encodeURIComponent('测试标签')}`)).toEqual([title]);
});

test('a pushed post is on its day at once; today stays short-lived, a past day waits for a push', async ({
  page,
  request,
}) => {
  const today = `/${y}/${m}/${d}`;
  expect(await listed(page, today)).toContain('测试发布：新快讯上线');
  expect(await listed(page, `/kuaixun${today}`)).toEqual(['测试发布：新快讯上线']);
  const cacheControl = async (url: string) => (await request.get(url)).headers()['cache-control'];
  expect(await cacheControl(today)).toMatch(/^s-maxage=60,/);

  // A day that is over is cached for a day: a push of a post dated on it shows there at once.
  const past = '/2026/11/20';
  expect(await listed(page, past)).toEqual(['工信部部署推进制造业数字化转型行动']);
  expect(await cacheControl(past)).toMatch(/^s-maxage=86400,/);
  const title = '测试发布：补发的旧闻';
  const file = writePost(
    'e2e-backdated',
    { title, categories: 'gongxinweibao', tags: '测试标签' },
    Date.parse('2026-11-20T04:00:00Z'),
  );
  expect((await push(request, { added: [file] })).status()).toBe(200);
  expect(await listed(page, past)).toEqual(['工信部部署推进制造业数字化转型行动', title]);
  expect(await listed(page, `/gongxinweibao${past}`)).toContain(title);
  await page.goto('/2026/11');
  await expect(page.getByRole('link', { name: '20 日 2 篇' })).toBeVisible();

  fs.rmSync(path.join(postsDir, `${day}-e2e-backdated.md`));
  expect((await push(request, { removed: [file] })).status()).toBe(200);
  expect(await listed(page, past)).toEqual(['工信部部署推进制造业数字化转型行动']);
});

test('an article whose URL is a date wins over that date archive', async ({ page, request }) => {
  const url = '/2026/11/21';
  await page.goto(url);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('2026年11月21日 的文章');
  const rel = `${day}-e2e-date-permalink.md`;
  fs.writeFileSync(
    path.join(postsDir, rel),
    `---\ntitle: "测试发布：网址像日期的文章"\ndate: 2026-11-21 12:00:00 +0800\ncategories: kuaixun\npermalink: ${url}/\n---\n<p>正文。</p>\n`,
  );
  const file = `content/_posts/published-by-test/${rel}`;
  expect((await push(request, { added: [file] })).status()).toBe(200);
  await page.goto(url);
  await expect(page.getByRole('article').getByRole('heading', { level: 1 })).toHaveText(
    '测试发布：网址像日期的文章',
  );
  fs.rmSync(path.join(postsDir, rel));
  expect((await push(request, { removed: [file] })).status()).toBe(200);
  await page.goto(url);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('2026年11月21日 的文章');
});

test('a modified title shows up everywhere; unsigned, wrongly signed and replayed pushes change nothing', async ({
  page,
  request,
}) => {
  const url = `/kuaixun/${y}/${m}/${d}/e2e-new-post.html`;
  const file = writePost('e2e-new-post', {
    title: '测试发布：标题已修改',
    categories: 'kuaixun',
    tags: '测试标签',
  });

  for (const sign of ['none', 'wrong'] as const) {
    expect((await push(request, { modified: [file] }, { sign })).status()).toBe(401);
  }
  await page.goto(url);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('测试发布：新快讯上线');

  const delivery = `e2e-replay-${Date.now()}`;
  expect((await push(request, { modified: [file] }, { delivery })).status()).toBe(200);
  await page.goto(url);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('测试发布：标题已修改');
  // Live within seconds: Next applies a publish's revalidations just after the webhook's answer
  // (`pendingWaitUntil`), so a list read at that very moment may still be the one before.
  const live = { timeout: 5_000 };
  await expect.poll(async () => (await listed(page, '/'))[0], live).toBe('测试发布：标题已修改');
  await expect
    .poll(() => listed(page, '/category/kuaixun'), live)
    .toEqual(['测试发布：标题已修改']);

  // The same delivery again (GitHub's redelivery, or a replay) is acknowledged and ignored.
  writePost('e2e-new-post', {
    title: '测试发布：重放不应生效',
    categories: 'kuaixun',
    tags: '测试标签',
  });
  const replay = await push(request, { modified: [file] }, { delivery });
  expect(replay.status()).toBe(200);
  expect(await replay.json()).toMatchObject({ duplicate: delivery });
  await page.goto(url);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('测试发布：标题已修改');
});

test('a post moved to another category answers on its new URL', async ({ page, request }) => {
  const oldUrl = `/kuaixun/${y}/${m}/${d}/e2e-new-post.html`;
  const newUrl = `/yaowen/${y}/${m}/${d}/e2e-new-post.html`;
  const file = writePost('e2e-new-post', {
    title: '测试发布：改了分类',
    categories: 'yaowen',
    tags: '测试标签',
  });
  expect((await push(request, { modified: [file] })).status()).toBe(200);
  expect((await page.goto(newUrl))?.status()).toBe(200);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('测试发布：改了分类');
  expect((await page.goto(oldUrl))?.status()).toBe(404);
  expect((await page.goto('/category/kuaixun'))?.status()).toBe(404);
  expect(await listed(page, '/category/yaowen')).toEqual(['测试发布：改了分类']);
});

test('a deleted post is a 404 and leaves every list', async ({ page, request }) => {
  const url = `/yaowen/${y}/${m}/${d}/e2e-new-post.html`;
  const file = `content/_posts/published-by-test/${day}-e2e-new-post.md`;
  fs.rmSync(path.join(postsDir, `${day}-e2e-new-post.md`));
  expect((await push(request, { removed: [file] })).status()).toBe(200);
  expect((await page.goto(url))?.status()).toBe(404);
  expect(await listed(page, '/')).not.toContain('测试发布：改了分类');
  expect((await page.goto(`/tag/${encodeURIComponent('测试标签')}`))?.status()).toBe(404);
  await page.goto('/tags');
  await expect(page.getByRole('link', { name: /^测试标签/ })).toHaveCount(0);
});

test('a broken post pushed beside a good one is reported and skipped; the good one goes live', async ({
  page,
  request,
}) => {
  const good = writePost('e2e-good', {
    title: '测试发布：好稿件',
    categories: 'kuaixun',
    tags: '测试标签',
  });
  fs.writeFileSync(
    path.join(postsDir, `${day}-e2e-broken.md`),
    '---\ntitle: "坏"稿件"\ndate: 2024-01-01 10:00:00 +0800\n---\n正文\n',
  );
  const bad = `content/_posts/published-by-test/${day}-e2e-broken.md`;
  const response = await push(request, { added: [good, bad] });
  expect(response.status()).toBe(200);
  const result = (await response.json()) as { problems: string[] };
  expect(result.problems.join('\n')).toContain(
    `_posts/published-by-test/${day}-e2e-broken.md:2: error`,
  );
  expect((await page.goto(`/kuaixun/${y}/${m}/${d}/e2e-good.html`))?.status()).toBe(200);
  expect((await listed(page, '/'))[0]).toBe('测试发布：好稿件');
  expect((await page.goto('/categories'))?.status()).toBe(200);
});

test('a plain JSON call with the bearer token publishes too; a bad body gets a clear answer', async ({
  page,
  request,
}) => {
  const file = writePost('e2e-bearer', {
    title: '测试发布：脚本调用',
    categories: 'kuaixun',
    tags: '测试标签',
  });
  const auth = { authorization: `Bearer ${e2eEnv.REVALIDATE_TOKEN}` };
  expect(
    (
      await request.post('/api/revalidate', {
        data: { files: [file] },
        headers: { authorization: 'Bearer nope' },
      })
    ).status(),
  ).toBe(401);
  expect(
    (
      await request.post('/api/revalidate', {
        data: '{not json',
        headers: { ...auth, 'content-type': 'application/json' },
      })
    ).status(),
  ).toBe(400);
  const big = await request.post('/api/revalidate', {
    data: 'x'.repeat(6 * 1024 * 1024),
    headers: auth,
  });
  expect(big.status()).toBe(413);
  expect(
    (await request.post('/api/revalidate', { data: { files: [file] }, headers: auth })).status(),
  ).toBe(200);
  expect((await page.goto(`/kuaixun/${y}/${m}/${d}/e2e-bearer.html`))?.status()).toBe(200);
  expect(await listed(page, '/category/kuaixun')).toContain('测试发布：脚本调用');
});

// Bounded by the background scan (SCAN_INTERVAL_MS) plus the pages' ISR lifetime (60 s).
test('without any webhook, the server notices a new file by itself', async ({ page }) => {
  test.setTimeout(180_000);
  writePost('e2e-unannounced', {
    title: '测试发布：没有通知的稿件',
    categories: 'kuaixun',
    tags: '测试标签',
  });
  const url = `/kuaixun/${y}/${m}/${d}/e2e-unannounced.html`;
  await expect
    .poll(async () => (await page.request.get(url)).status(), {
      timeout: 150_000,
      intervals: [5_000],
    })
    .toBe(200);
  await page.goto(url);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('测试发布：没有通知的稿件');
});

test('ping is answered, other events and branches are ignored', async ({ request }) => {
  const deliver = (event: string, body: string) =>
    request.post('/api/revalidate', {
      data: body,
      headers: {
        'x-github-event': event,
        'x-hub-signature-256': signature(body),
        'content-type': 'application/json',
      },
    });
  const ping = '{"zen":"Keep it logically awesome."}';
  expect((await deliver('ping', ping)).status()).toBe(200);
  expect((await deliver('push', '{"ref":"refs/heads/feature","commits":[]}')).status()).toBe(202);
  expect((await deliver('issues', ping)).status()).toBe(202);
});

/** Ordinary Chinese sentences with inline markdown, `bytes` of them: a body that once took a
 * server out of its heap (its rendered copies in the page, the RSC payload and the ISR entry). */
function longMarkdown(bytes: number): string {
  const sentence =
    '央行今日开展**逆回购操作**，*市场流动性*保持合理充裕，`代码123`显示利率持平。\n\n';
  return `开头第一段：这是一篇极长的稿件。\n\n${sentence.repeat(Math.ceil(bytes / Buffer.byteLength(sentence)))}`;
}

for (const [slug, megabytes] of [
  ['e2e-long-markdown', 3.5],
  ['e2e-twenty-megabytes', 20],
] as const) {
  test(`a ${megabytes} MB body is published and shown as the start of its text; the server keeps serving`, async ({
    page,
    request,
  }) => {
    test.setTimeout(120_000);
    const title = `测试发布：${megabytes} MB 的长稿`;
    const file = writePost(slug, {
      title,
      categories: 'kuaixun',
      tags: '测试标签',
      body: longMarkdown(megabytes * 1024 * 1024),
    });
    expect((await push(request, { added: [file] })).status()).toBe(200);
    const url = `/kuaixun/${y}/${m}/${d}/${slug}.html`;
    const answers = await Promise.all(Array.from({ length: 4 }, () => request.get(url)));
    for (const answer of answers) {
      expect(answer.status()).toBe(200);
      // The start of its text, never a multi-megabyte page.
      expect((await answer.body()).length).toBeLessThan(1024 * 1024);
    }
    await page.goto(url);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
    await expect(page.getByText('开头第一段：这是一篇极长的稿件。')).toBeVisible();
    await expect(page.getByText('正文过长，以上仅显示开头部分。')).toBeVisible();
    expect((await request.get('/')).status()).toBe(200);
    expect(await (await request.get('/api/health')).json()).toMatchObject({ status: 'ok' });
  });
}
