import { XMLParser } from 'fast-xml-parser';
import { afterEach, describe, expect, it } from 'vitest';

import type { ContentIndex } from '@/lib/content/db';
import { dayOf } from '@/lib/content/days';
import { SITEMAP_MAX_URLS, sitemapPlan, sitemapUrls } from '@/lib/content/sitemap';
import { sitemapFilePath, sitemapIndexXml, urlsetXml } from '@/lib/sitemap-xml';
import { contentFixture, type ContentFixture } from '@/lib/testing/content-fixture';

const NOW = Date.parse('2030-01-01T00:00:00Z');
const DAY = 86_400_000;
const parser = new XMLParser({ isArray: (name) => name === 'url' || name === 'sitemap' });

let fixture: ContentFixture;
afterEach(() => fixture?.cleanup());

/** Inserts `count` posts straight into the index: category `cat<i % 40>`, tag `标签<i % 300>`. */
function archive(index: ContentIndex, count: number) {
  const post = index.db.prepare(
    `INSERT INTO posts (path, url, url_key, slug, title, date, day, categories, tags, excerpt,
       format, body_line, body_hash, shadowed_from)
     VALUES (@path, @url, @url, @slug, @slug, @date, @day, @cats, @tags, '', 'html', 5, '', @shadowed)`,
  );
  const term = index.db.prepare(
    'INSERT INTO terms (kind, key, name, path, date, day) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const start = Date.parse('2021-01-01T00:00:00Z');
  index.db.transaction(() => {
    for (let i = 0; i < count; i++) {
      const path = `_posts/p${i}.md`;
      const cat = `cat${i % 40}`;
      const tag = `标签${i % 300}`;
      // Every 1000th post is scheduled for after NOW, every 1000th + 1 lost its URL to another.
      const date = i % 1000 === 0 ? NOW + DAY : start + i * 60_000;
      const shadowed = i % 1000 === 1 ? start : null;
      const day = dayOf(date, index.timeZone);
      post.run({
        path,
        url: `/${cat}/NW${i}.html`,
        slug: `NW${i}`,
        date,
        day,
        cats: JSON.stringify([cat]),
        tags: JSON.stringify([tag]),
        shadowed,
      });
      term.run('category', cat, cat, path, date, day);
      term.run('tag', tag, tag, path, date, day);
    }
  })();
}

describe('sitemaps', () => {
  it('splits a 100,000-post archive into files of at most 45,000 URLs that add up', async () => {
    fixture = contentFixture();
    const index = await fixture.scanned();
    archive(index, 100_000);
    const hidden = 200;
    // The posts span 1 January to 11 March 2021 (Beijing): one year, three months, 70 days.
    const datePages = 1 + 3 + 70;
    const expected = 3 + 40 + 300 + datePages + 100_000 - hidden;

    const plan = sitemapPlan(index, NOW);
    expect(plan.total).toBe(expected);
    expect(plan.files).toHaveLength(Math.ceil(expected / SITEMAP_MAX_URLS));
    expect(plan.files.length).toBeGreaterThan(1);

    const seen = new Set<string>();
    plan.files.forEach((file, i) => {
      const urls = sitemapUrls(index, {
        now: NOW,
        offset: i * SITEMAP_MAX_URLS,
        limit: SITEMAP_MAX_URLS,
      });
      expect(urls.length).toBeGreaterThan(0);
      expect(urls.length).toBeLessThanOrEqual(SITEMAP_MAX_URLS);
      expect(file.lastmod).toBe(Math.max(...urls.map((u) => u.lastmod)));
      for (const u of urls) seen.add(u.path);

      const doc = parser.parse(urlsetXml(urls, 'https://news.example.test'));
      expect(doc.urlset.url).toHaveLength(urls.length);
    });
    expect(seen.size).toBe(expected);
    expect(seen.has('/')).toBe(true);
    expect(seen.has('/category/cat7')).toBe(true);
    expect(seen.has(`/tag/${encodeURIComponent('标签299')}`)).toBe(true);
    expect(seen.has('/cat2/NW2.html')).toBe(true);
    expect(seen.has('/2021/03/11')).toBe(true);
    expect(seen.has('/2021/03/12')).toBe(false);
    // Scheduled and shadowed posts are not listed.
    expect(seen.has('/cat0/NW1000.html')).toBe(false);
    expect(seen.has('/cat1/NW1001.html')).toBe(false);

    const index_ = parser.parse(
      sitemapIndexXml(
        plan.files.map((f, i) => ({ path: sitemapFilePath(i + 1), lastmod: f.lastmod })),
        'https://news.example.test',
      ),
    );
    expect(index_.sitemapindex.sitemap.map((s: { loc: string }) => s.loc)).toEqual([
      'https://news.example.test/sitemap-1.xml',
      'https://news.example.test/sitemap-2.xml',
      'https://news.example.test/sitemap-3.xml',
    ]);
  });

  it('lists home, term pages, date pages and articles with lastmod in one small file', async () => {
    fixture = contentFixture();
    fixture.write('_posts/2024-03-01-a.md', { title: 'A', categories: 'Wind', tags: '新能源 A&B' });
    fixture.write('_posts/2024-03-02-b.md', { title: 'B', date: '2024-03-02 09:00:00 +0800' });
    fixture.write('_posts/2099-01-01-c.md', {
      title: 'C',
      date: '2099-01-01 09:00:00 +0800',
      categories: 'future',
    });
    const index = await fixture.scanned();
    const plan = sitemapPlan(index, NOW);
    expect(plan.files).toHaveLength(1);
    const urls = sitemapUrls(index, { now: NOW, offset: 0, limit: SITEMAP_MAX_URLS });
    expect(urls.map((u) => u.path)).toEqual([
      '/',
      '/categories',
      '/tags',
      '/category/emnews',
      '/category/wind',
      `/tag/${encodeURIComponent('A&B')}`,
      `/tag/${encodeURIComponent('东财滚动新闻')}`,
      `/tag/${encodeURIComponent('新能源')}`,
      '/2024',
      '/2024/03',
      '/2024/03/01',
      '/2024/03/02',
      '/wind/2024/03/01/a.html',
      '/emnews/2024/03/02/b.html',
    ]);
    expect(plan.total).toBe(urls.length);
    const b = Date.parse('2024-03-02T01:00:00Z');
    expect(urls[0]?.lastmod).toBe(b);
    const a = Date.parse('2024-03-01T02:00:00Z');
    expect(urls.find((u) => u.path === '/category/wind')?.lastmod).toBe(a);
    // A date page's lastmod is its newest post's date; the scheduled post's 2099 has none.
    const lastmod = (path: string) => urls.find((u) => u.path === path)?.lastmod;
    expect([lastmod('/2024'), lastmod('/2024/03'), lastmod('/2024/03/01')]).toEqual([b, b, a]);

    const xml = urlsetXml(urls, 'https://news.example.test');
    const doc = parser.parse(xml);
    expect(doc.urlset.url[0]).toEqual({
      loc: 'https://news.example.test/',
      lastmod: '2024-03-02T01:00:00Z',
    });
    expect(xml).toContain('<loc>https://news.example.test/tag/A%26B</loc>');
  });
});
