import { describe, expect, it } from 'vitest';

import { MAX_LIST_PAGES, pagesToRevalidate } from '@/lib/publish/pages';
import { day, month, year } from '@/lib/testing/ranges';

describe('pagesToRevalidate', () => {
  const place = (url: string, categories: string[], tags: string[]) => ({
    path: `_posts${url}`,
    url,
    date: 1,
    categories,
    tags,
  });

  it('names the article (old and new URL), every list page from the change to the end, and the indexes', () => {
    const { paths, patterns } = pagesToRevalidate(
      [
        place('/a/2024/01/01/x.html', ['a'], ['新能源']),
        place('/b/2024/01/01/x.html', ['b'], ['新能源']),
      ],
      [
        { list: null, fromPage: 3, pages: 4 },
        { list: { kind: 'category', name: 'a' }, fromPage: 1, pages: 2 },
        { list: { kind: 'tag', name: '新能源' }, fromPage: 2, pages: 2 },
      ],
    );
    expect(patterns).toEqual([]);
    expect(paths.sort()).toEqual(
      [
        '/',
        '/categories',
        '/tags',
        '/feed.xml',
        '/sitemap.xml',
        '/category/a/feed.xml',
        `/tag/${encodeURIComponent('新能源')}/feed.xml`,
        '/a/2024/01/01/x.html',
        '/b/2024/01/01/x.html',
        '/page/3',
        '/page/4',
        '/page/5',
        '/category/a',
        '/category/a/page/2',
        '/category/a/page/3',
        `/tag/${encodeURIComponent('新能源')}`,
        `/tag/${encodeURIComponent('新能源')}/page/2`,
        `/tag/${encodeURIComponent('新能源')}/page/3`,
      ].sort(),
    );
  });

  it('encodes article URLs with Chinese slugs', () => {
    const { paths } = pagesToRevalidate([place('/emnews/2024/03/01/央行降准.html', [], [])], []);
    expect(paths).toContain(encodeURI('/emnews/2024/03/01/央行降准.html'));
  });

  it('falls back to the route pattern for a list too long to name page by page', () => {
    const { paths, patterns } = pagesToRevalidate(
      [],
      [
        { list: null, fromPage: 1, pages: MAX_LIST_PAGES + 10 },
        { list: { kind: 'tag', name: 't' }, fromPage: 1, pages: MAX_LIST_PAGES * 2 },
      ],
    );
    expect(patterns.sort()).toEqual(['/page/[n]', '/tag/[term]/page/[n]']);
    expect(paths).toContain('/');
    expect(paths).toContain('/tag/t');
    expect(paths.filter((p) => p.startsWith('/page/'))).toEqual([]);
  });

  it('names every page of each changed date archive', () => {
    const { paths } = pagesToRevalidate(
      [],
      [],
      [
        { range: day(2024, 1, 1), category: null, pages: 2 },
        { range: month(2024, 1), category: 'a', pages: 1 },
        { range: year(2024), category: '财经', pages: 1 },
      ],
    );
    expect(paths).toEqual(
      expect.arrayContaining([
        '/2024/01/01',
        '/2024/01/01/page/2',
        '/2024/01/01/page/3',
        '/a/2024/01',
        `/${encodeURIComponent('财经')}/2024`,
      ]),
    );
  });
});
