import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { XMLParser } from 'fast-xml-parser';

// Feeds, sitemaps and robots.txt, read the way feed readers and crawlers read them: parsed as
// XML and followed. SITE_URL is https://news.example.test in the end-to-end build.
const SITE = 'https://news.example.test';
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  isArray: (name) => ['entry', 'link', 'category', 'url', 'sitemap'].includes(name),
});

type Entry = {
  id: string;
  link: { href: string }[];
  title: { '#text': string } | string;
  published: string;
  updated: string;
  category?: { term: string; label?: string }[];
};

async function atom(request: APIRequestContext, path: string) {
  const response = await request.get(path);
  expect(response.status(), path).toBe(200);
  expect(response.headers()['content-type']).toBe('application/atom+xml; charset=utf-8');
  const feed = parser.parse(await response.text()).feed;
  return { feed, entries: (feed.entry ?? []) as Entry[] };
}

const titleOf = (e: Entry) => (typeof e.title === 'string' ? e.title : e.title['#text']);
const linkOf = (e: Entry) => e.link[0]?.href ?? '';

/** Titles and absolute links of the first `pages` list pages, as a reader sees them. */
async function listed(page: Page, path: (n: number) => string, pages: number) {
  const out: { title: string; href: string }[] = [];
  for (let n = 1; n <= pages; n++) {
    await page.goto(path(n));
    for (const link of await page.locator('main ol > li h2 a').all()) {
      out.push({
        title: (await link.textContent()) ?? '',
        href: `${SITE}${await link.getAttribute('href')}`,
      });
    }
  }
  return out;
}

test('/feed.xml is the newest 20 posts with jekyll-feed ids, .html links and dates', async ({
  page,
  request,
}) => {
  const { feed, entries } = await atom(request, '/feed.xml');
  expect(feed.id).toBe(`${SITE}/feed.xml`);
  expect(entries).toHaveLength(20);
  const newest = await listed(page, (n) => (n === 1 ? '/' : `/page/${n}`), 2);
  expect(entries.map(linkOf)).toEqual(newest.map((p) => p.href));
  // A post dated 23:48 without a zone: Jekyll read it as UTC, so its URL and id carry the next day.
  const late = `${SITE}/emnews/2026/11/15/NW202611153195210984.html`;
  expect(entries.find((e) => linkOf(e) === late)?.id).toBe(
    `${SITE}/emnews/2026/11/16/NW202611153195210984`,
  );
  for (const entry of entries) {
    expect(linkOf(entry)).toMatch(/^https:\/\/news\.example\.test\/.+\.html$/);
    if (linkOf(entry) !== late) expect(entry.id).toBe(linkOf(entry).replace(/\.html$/, ''));
    expect(entry.updated).toBe(entry.published);
    expect(Number.isNaN(Date.parse(entry.published))).toBe(false);
  }
  const dates = entries.map((e) => Date.parse(e.published));
  expect(dates).toEqual([...dates].sort((a, b) => b - a));
  expect(titleOf(entries[0]!)).toBe('全国中小企业发展环境评估报告发布，营商环境持续优化');
  // The entry's time is the post's Beijing time.
  expect(Date.parse(entries[0]!.published)).toBe(Date.parse('2026-11-27T21:59:01+08:00'));
  // Every link leads to the article.
  const first = await request.get(new URL(linkOf(entries[0]!)).pathname);
  expect(first.status()).toBe(200);
});

test('a category feed keeps the id Jekyll gave a zone-less post, and links to our URL', async ({
  page,
  request,
}) => {
  await page.goto('/categories');
  const label = (await page.getByRole('link', { name: /^工信微报 \(\d+\)$/ }).textContent()) ?? '';
  const count = Number(/\((\d+)\)/.exec(label)?.[1]);
  const { feed, entries } = await atom(request, '/category/gongxinweibao/feed.xml');
  expect(feed.id).toBe(`${SITE}/category/gongxinweibao/feed.xml`);
  expect(entries).toHaveLength(Math.min(20, count));
  const zoneless = entries.find((e) => linkOf(e).endsWith('/NW202611083193248819.html'));
  expect(zoneless?.id).toBe(`${SITE}/gongxinweibao/2026/11/09/NW202611083193248819`);
  expect(linkOf(zoneless!)).toBe(`${SITE}/gongxinweibao/2026/11/08/NW202611083193248819.html`);
  for (const entry of entries)
    expect(entry.category).toContainEqual(
      expect.objectContaining({ term: 'gongxinweibao', label: '工信微报' }),
    );
});

test('a Chinese tag has its own feed, linked from its page', async ({ page, request }) => {
  const tag = encodeURIComponent('新能源');
  await page.goto(`/tag/${tag}`);
  const href = await page
    .locator('head link[rel="alternate"][type="application/atom+xml"]')
    .first()
    .getAttribute('href');
  expect(href).toBe(`${SITE}/tag/${tag}/feed.xml`);
  const { entries } = await atom(request, new URL(href ?? '').pathname);
  const onPage = await listed(page, (n) => (n === 1 ? `/tag/${tag}` : `/tag/${tag}/page/${n}`), 1);
  expect(entries.map(linkOf)).toEqual(onPage.map((p) => p.href));
  expect(entries).toHaveLength(7);
  for (const entry of entries) expect(entry.category?.map((c) => c.term)).toContain('新能源');

  expect((await request.get(`/tag/${encodeURIComponent('不存在的标签')}/feed.xml`)).status()).toBe(
    404,
  );
  expect((await request.get('/category/no-such-source/feed.xml')).status()).toBe(404);
});

test('/sitemap.xml lists home, categories, tags and every visible article with lastmod', async ({
  page,
  request,
}) => {
  const response = await request.get('/sitemap.xml');
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toBe('application/xml; charset=utf-8');
  const urls = parser.parse(await response.text()).urlset.url as { loc: string; lastmod: string }[];
  const locs = urls.map((u) => u.loc);
  expect(new Set(locs).size).toBe(locs.length);
  for (const u of urls) {
    expect(u.loc.startsWith(`${SITE}/`)).toBe(true);
    expect(Number.isNaN(Date.parse(u.lastmod))).toBe(false);
  }

  await page.goto('/');
  const posts = Number(/共 (\d+) 篇/.exec((await page.locator('main').textContent()) ?? '')?.[1]);
  await page.goto('/categories');
  const categories = await page
    .locator('main li a')
    .evaluateAll((els) => els.map((el) => el.getAttribute('href')));
  await page.goto('/tags');
  const tags = await page
    .locator('main li a')
    .evaluateAll((els) => els.map((el) => el.getAttribute('href')));
  // The site-wide date archives (e2e/date-archives.spec.ts checks which).
  const dates = locs.filter((l) => /^\/\d{4}(\/\d{2}){0,2}$/.test(new URL(l).pathname));
  expect(dates.length).toBeGreaterThan(0);
  expect(urls).toHaveLength(3 + categories.length + tags.length + dates.length + posts);
  for (const href of [...categories, ...tags]) expect(locs).toContain(`${SITE}${href}`);
  expect(locs).toEqual(expect.arrayContaining([`${SITE}/`, `${SITE}/categories`, `${SITE}/tags`]));
  expect(locs).toContain(`${SITE}/gongxinweibao/2026/11/27/NW202611273198509973.html`);
  // Drafts and scheduled posts are on no sitemap.
  expect(locs.some((l) => l.includes('published-false') || l.includes('/2099/'))).toBe(false);

  // A sample of the listed URLs answer.
  for (const loc of [
    locs[0],
    locs[3],
    locs[locs.length - 1],
    locs.find((l) => l.includes('/tag/')),
  ]) {
    expect((await request.get(new URL(loc ?? '').pathname)).status(), loc).toBe(200);
  }

  // Sitemap files live at the root, beside the index: a sitemap may only list URLs below its
  // own folder. Their old address under /sitemaps/ moved for good.
  const file = await request.get('/sitemap-1.xml');
  expect(file.headers()['content-type']).toBe('application/xml; charset=utf-8');
  expect(parser.parse(await file.text()).urlset.url).toHaveLength(urls.length);
  expect((await request.get('/sitemap-2.xml')).status()).toBe(404);
  const old = await request.get('/sitemaps/1.xml', { maxRedirects: 0 });
  expect(old.status()).toBe(308);
  expect(old.headers()['location']).toBe('/sitemap-1.xml');
});

/** The robots.txt rules for every user agent: `[allow, path prefix]` in file order. */
function robotsRules(text: string): [boolean, string][] {
  return text
    .split('\n')
    .map((line) => /^(Allow|Disallow):\s*(\S*)/i.exec(line.trim()))
    .filter((m): m is RegExpExecArray => m !== null && m[2] !== '')
    .map((m) => [m[1]!.toLowerCase() === 'allow', m[2]!]);
}

/** RFC 9309: the longest matching path wins, Allow on a tie; nothing matching allows. */
function longestMatch(rules: [boolean, string][], path: string): boolean {
  const matching = rules.filter(([, prefix]) => path.startsWith(prefix));
  matching.sort((a, b) => b[1].length - a[1].length || Number(b[0]) - Number(a[0]));
  return matching[0]?.[0] ?? true;
}

/** The first matching line wins, as Python's urllib.robotparser reads it. */
function firstMatch(rules: [boolean, string][], path: string): boolean {
  return rules.find(([, prefix]) => path.startsWith(prefix))?.[0] ?? true;
}

test('/robots.txt points crawlers at the sitemap and means the same to every kind of parser', async ({
  request,
}) => {
  const robots = await request.get('/robots.txt');
  expect(robots.status()).toBe(200);
  const text = await robots.text();
  expect(text).toContain(`Sitemap: ${SITE}/sitemap.xml`);
  const rules = robotsRules(text);
  const paths = {
    '/': true,
    '/page/2': true,
    '/gongxinweibao/2026/11/27/NW202611273198509973.html': true,
    '/category/emnews': true,
    '/tags': true,
    '/feed.xml': true,
    '/search?q=%E6%96%B0': false,
    '/api/health': false,
  };
  for (const [path, allowed] of Object.entries(paths)) {
    expect({ path, rfc9309: longestMatch(rules, path) }).toEqual({ path, rfc9309: allowed });
    expect({ path, firstMatch: firstMatch(rules, path) }).toEqual({ path, firstMatch: allowed });
  }
});
