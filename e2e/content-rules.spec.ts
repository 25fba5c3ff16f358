import { expect, test } from '@playwright/test';

// Each awkward post of corpus/bad/EXPECTED.md, as the project's own fixture
// (lib/content/fixtures/bad/_posts), seen through the production site.

const enc = (path: string) => encodeURI(path);

test('posts that cannot be read are skipped, and the site keeps serving', async ({ page }) => {
  for (const url of [
    '/emnews/2024/03/01/quote-in-title.html',
    '/emnews/2024/03/01/no-front-matter.html',
    '/emnews/2024/03/01/unclosed-front-matter.html',
    '/emnews/2024/03/01/yaml-bomb.html',
    '/emnews/2024/03/01/202403011234567890.html',
  ]) {
    expect((await page.goto(url))?.status(), url).toBe(404);
  }
  expect((await page.goto('/category/emnews'))?.status()).toBe(200);
  const listed = (await page.locator('main ol > li h2').allTextContents()).join('\n');
  for (const title of [
    '央行行长称',
    '前言忘了收尾的稿件',
    '前言里藏着别名炸弹',
    '文件名里没有日期的稿件',
  ]) {
    expect(listed).not.toContain(title);
  }
});

test('an empty title shows the first sentence of the body, in lists and on the page', async ({
  page,
}) => {
  await page.goto('/emnews/2024/03/01/empty-title.html');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    '沪深两市早盘小幅高开，半导体板块领涨。',
  );
  await page.goto('/category/emnews/page/2');
  await page.goto('/tag/' + encodeURIComponent('东财滚动新闻'));
  const links = page.locator('main ol > li h2 a');
  for (const text of await links.allTextContents()) expect(text.trim()).not.toBe('');
});

test('dates: zone-less is Beijing time, blank and malformed fall back to the file-name date', async ({
  page,
}) => {
  await page.goto('/emnews/2024/03/01/no-zone.html');
  const time = page.getByRole('article').locator('header time');
  await expect(time).toHaveText('2024-03-01 10:46');
  const machine = await time.getAttribute('datetime');
  expect(new Date(machine ?? '').toISOString()).toBe('2024-03-01T02:46:18.000Z');

  for (const slug of ['blank-date', 'malformed-date']) {
    await page.goto(`/emnews/2024/03/01/${slug}.html`);
    await expect(page.getByRole('article').locator('header time')).toHaveText('2024-03-01 00:00');
  }
  await page.goto('/emnews/2024/03/01/utc-date.html');
  await expect(page.getByRole('article').locator('header time')).toHaveText('2024-03-01 02:30');
});

test('the URL Jekyll gave a zone-less evening post redirects to ours', async ({ request }) => {
  const old = await request.get('/emnews/2024/03/02/late-no-zone.html', { maxRedirects: 0 });
  expect(old.status()).toBe(308);
  expect(new URL(old.headers().location ?? '', old.url()).pathname).toBe(
    '/emnews/2024/03/01/late-no-zone.html',
  );
});

test('space-separated categories: both list the post, the URL holds both in order', async ({
  page,
}) => {
  const url = '/zhengquan/hongguan/2024/03/01/two-categories.html';
  expect((await page.goto(url))?.status()).toBe(200);
  for (const category of ['zhengquan', 'hongguan']) {
    await page.goto(`/category/${category}`);
    await expect(page.getByRole('link', { name: '两个分类写在同一行' })).toHaveAttribute(
      'href',
      url,
    );
  }
});

test('list taxonomies are taken whole, a tag with a space included', async ({ page }) => {
  await page.goto('/gongxinbu/zhengce/2024/03/01/list-taxonomies.html');
  const tag = page.getByRole('link', { name: '#产业 政策' });
  await expect(tag).toHaveAttribute('href', `/tag/${encodeURIComponent('产业 政策')}`);
  await tag.click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('标签：产业 政策');
  await expect(page.getByRole('link', { name: '分类与标签写成 YAML 列表' })).toBeVisible();
});

test('odd slugs get working, correctly encoded URLs', async ({ page }) => {
  const cases: [string, string][] = [
    ['/emnews/2024/03/01/央行降准.html', '央行宣布下调存款准备金率'],
    ['/emnews/2024/03/01/a-b&c-20d.html', '文件名里有空格、& 与百分号'],
    ['/emnews/2024/03/01/LPR-Cut_March.html', '用 slug 覆盖文件名里的标识'],
    ['/wind/2024/03/01/uppercase-category.html', '分类名带大写字母'],
    ['/hongguan/permalink-override', '用 permalink 指定网址'],
  ];
  for (const [url, title] of cases) {
    const response = await page.goto(enc(url));
    expect(response?.status(), url).toBe(200);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  }
  // Lists link to the encoded URL and the link works.
  await page.goto(`/tag/${encodeURIComponent('东财滚动新闻')}`);
  const link = page.getByRole('link', { name: '央行宣布下调存款准备金率' });
  for (let p = 2; (await link.count()) === 0 && p < 5; p++) {
    await page.goto(`/tag/${encodeURIComponent('东财滚动新闻')}/page/${p}`);
  }
  await expect(link).toHaveAttribute('href', encodeURI('/emnews/2024/03/01/央行降准.html'));
  await link.click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('央行宣布下调存款准备金率');
  // `categories: Wind` is the category `wind`, named by _data/categories.yml whatever its case.
  await page.goto('/category/wind');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('分类：万得资讯');
});

test('../ in a category or tag is only text', async ({ page }) => {
  const response = await page.goto('/etc/2024/03/01/traversal-category.html');
  expect(response?.status()).toBe(200);
  const category = page.getByRole('article').getByRole('link', { name: '../../etc' });
  await expect(category).toHaveAttribute('href', `/category/${encodeURIComponent('../../etc')}`);
  await category.click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('分类：../../etc');
  await expect(page.getByRole('link', { name: '分类和标签里带着上级目录' })).toBeVisible();
  const tag = await page.request.get(`/tag/${encodeURIComponent('../../passwd')}`);
  expect(tag.status()).toBe(200);
  expect(await tag.text()).not.toContain('root:');
});

test('unpublished and future posts are on no page and their URLs are 404', async ({ page }) => {
  for (const url of [
    '/emnews/2024/03/01/published-false.html',
    '/emnews/2099/01/01/future-post.html',
  ]) {
    expect((await page.goto(url))?.status(), url).toBe(404);
    await expect(page.getByRole('link', { name: '返回首页' })).toBeVisible();
  }
  for (const url of [
    '/',
    '/category/emnews',
    '/category/emnews/page/2',
    `/tag/${encodeURIComponent('东财滚动新闻')}`,
    `/tag/${encodeURIComponent('东财滚动新闻')}/page/2`,
  ]) {
    await page.goto(url);
    const text = await page.locator('main').textContent();
    expect(text, url).not.toContain('尚未定稿的草稿');
    expect(text, url).not.toContain('预约在未来发布的文章');
  }
});

test('BOM and CRLF, invalid UTF-8: both served', async ({ page }) => {
  await page.goto('/emnews/2024/03/01/crlf-bom.html');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Windows 记事本保存的稿件');
  await page.goto('/emnews/2024/03/01/invalid-utf8.html');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('含有非法字节的标题');
});

test('two posts with one permalink: one of them is served, always the same', async ({ page }) => {
  for (let i = 0; i < 2; i++) {
    await page.goto('/emnews/2024/03/01/same-story.html');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('同一网址的第一篇');
  }
  await page.goto('/category/emnews');
  await page.goto('/category/emnews/page/2');
});

test('a huge post is served, its title shortened in lists and meta tags', async ({ page }) => {
  test.setTimeout(60_000);
  const response = await page.goto('/emnews/2024/03/01/huge.html');
  expect(response?.status()).toBe(200);
  const title = await page.title();
  expect(Array.from(title).length).toBeLessThan(120);
  const description = await page.locator('meta[name="description"]').getAttribute('content');
  expect(Array.from(description ?? '').length).toBeLessThanOrEqual(120);
  await page.goto('/page/2');
  await page.goto('/category/emnews');
  const hrefs = page.locator('main ol > li h2 a[href="/emnews/2024/03/01/huge.html"]');
  for (let p = 2; (await hrefs.count()) === 0 && p < 5; p++)
    await page.goto(`/category/emnews/page/${p}`);
  await expect(hrefs).toHaveCount(1);
  expect(Array.from((await hrefs.textContent()) ?? '').length).toBeLessThanOrEqual(80);
});

test('a body too complex to render comes back as its text under a notice; other pages keep answering', async ({
  page,
  request,
}) => {
  const url = '/shenhe/2024/03/01/hostile-markup.html';
  const article = page.goto(url);
  // While it is being tried, the rest of the site answers.
  for (const other of ['/', '/categories', '/shenhe/2024/03/01/svg-then-jpg.html']) {
    expect((await request.get(other)).status(), other).toBe(200);
  }
  expect((await article)?.status()).toBe(200);
  const body = page.getByRole('article');
  await expect(body.getByRole('note')).toHaveText('正文排版过于复杂，暂以纯文本显示。');
  await expect(body).toContainText('开头一段<b>正常文字。');
  expect(await body.locator('font, b').count()).toBe(0);
  // Served from then on without trying again.
  expect((await page.reload())?.status()).toBe(200);
  await expect(page.getByRole('article').getByRole('note')).toBeVisible();
});
