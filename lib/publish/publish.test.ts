import { afterEach, describe, expect, it } from 'vitest';

import { scanContent } from '@/lib/content/scan';
import { publishChanges } from '@/lib/publish/publish';
import { contentFixture, type ContentFixture } from '@/lib/testing/content-fixture';

const NOW = Date.parse('2030-01-01T00:00:00Z');
const enc = encodeURIComponent;
let fx: ContentFixture;
afterEach(() => fx.cleanup());

/** Five posts in emnews (one a day, 1–5 March), two of them also in cls. */
async function seeded() {
  fx = contentFixture();
  for (let d = 1; d <= 5; d++) {
    fx.write(`_posts/2024-03-0${d}-p${d}.md`, {
      title: `P${d}`,
      date: `2024-03-0${d} 10:00:00 +0800`,
      categories: d % 2 ? 'emnews cls' : 'emnews',
      tags: '快讯',
    });
  }
  return fx.scanned();
}

/** Writes a post dated by its file name at 10:00 Beijing time. */
function post(rel: string, categories: string, tags: string) {
  const day = /(\d{4}-\d{2}-\d{2})/.exec(rel)?.[1] ?? '';
  return fx.write(rel, { title: rel, date: `${day} 10:00:00 +0800`, categories, tags });
}

describe('publishChanges', () => {
  it('indexes a new post and names its article, each of its lists from page 1 on, feeds and indexes', async () => {
    const index = await seeded();
    const file = post('_posts/2024-03-06-new.md', 'cls', '新能源');
    const result = await publishChanges(index, [file], { pageSize: 2, now: NOW });
    expect(result.scan).toMatchObject({ added: 1, changed: 0, removed: 0 });
    expect(result.patterns).toEqual([]);
    expect(result.paths).toEqual(
      expect.arrayContaining([
        '/cls/2024/03/06/new.html',
        '/',
        '/page/2',
        '/page/3',
        '/page/4',
        '/category/cls',
        '/category/cls/page/2',
        '/category/cls/feed.xml',
        `/tag/${enc('新能源')}`,
        `/tag/${enc('新能源')}/feed.xml`,
        '/categories',
        '/tags',
        '/feed.xml',
        '/sitemap.xml',
      ]),
    );
    // Lists the post is not in are left alone.
    expect(result.paths.filter((p) => p.startsWith('/category/emnews'))).toEqual([]);
    expect(result.problems).toEqual([]);
  });

  it('names the pages a post left when it moves to another category, from the page it was on', async () => {
    const index = await seeded();
    const file = post('_posts/2024-03-01-p1.md', 'yaowen', '快讯');
    const result = await publishChanges(index, [file], { pageSize: 2, now: NOW });
    expect(result.paths).toEqual(
      expect.arrayContaining([
        '/emnews/cls/2024/03/01/p1.html',
        '/yaowen/2024/03/01/p1.html',
        '/category/emnews/page/3',
        '/category/cls/page/2',
        '/category/yaowen',
      ]),
    );
    // P1 was the oldest post: earlier pages of its old lists kept their entries.
    expect(result.paths).not.toContain('/category/emnews/page/2');
  });

  it('names the pages of a deleted post even when a background scan removed it first', async () => {
    const index = await seeded();
    fx.remove('_posts/2024-03-05-p5.md');
    await scanContent(index);
    const result = await publishChanges(index, ['_posts/2024-03-05-p5.md'], {
      pageSize: 2,
      now: NOW,
    });
    expect(result.scan).toMatchObject({ added: 0, changed: 0, removed: 0 });
    expect(result.paths).toEqual(
      expect.arrayContaining([
        '/emnews/cls/2024/03/05/p5.html',
        '/category/cls',
        '/category/emnews',
      ]),
    );
  });

  it('reports a broken file it was given and publishes the good one beside it', async () => {
    const index = await seeded();
    const good = fx.write('_posts/2024-03-07-good.md', { date: '2024-03-07 10:00:00 +0800' });
    const bad = fx.writeRaw('_posts/2024-03-07-bad.md', '---\ntitle: "坏"稿"\n---\n正文\n');
    const result = await publishChanges(index, [good, bad], { pageSize: 2, now: NOW });
    expect(result.paths).toContain('/emnews/2024/03/07/good.html');
    expect(result.problems).toEqual([
      expect.objectContaining({ file: bad, line: 2, severity: 'error' }),
    ]);
  });

  it('names the date archives of a new post and the days, months and years beside them', async () => {
    const index = await seeded();
    const file = post('_posts/2024-03-06-new.md', 'cls', '新能源');
    const result = await publishChanges(index, [file], { pageSize: 2, now: NOW });
    expect(result.paths).toEqual(
      expect.arrayContaining([
        // Its day (one page past the end, for a day that shrank), month and year ...
        '/2024/03/06',
        '/2024/03/06/page/2',
        '/2024/03',
        '/2024',
        // ... under its category too ...
        '/cls/2024/03/06',
        '/cls/2024/03',
        '/cls/2024',
        // ... and the day before it, which now links to it as the next day.
        '/2024/03/05',
        '/cls/2024/03/05',
      ]),
    );
    expect(result.paths.filter((p) => p.startsWith('/emnews/2024'))).toEqual([]);
    expect(result.paths).not.toContain('/2024/03/04');
  });

  it('names both days of a post moved to another date, and every page of a full day', async () => {
    const index = await seeded();
    for (const n of [1, 2, 3]) {
      fx.write(`_posts/2024-03-09-m${n}.md`, { date: '2024-03-09 12:00:00 +0800' });
    }
    await scanContent(index);
    const file = fx.write('_posts/2024-03-01-p1.md', {
      title: 'P1',
      date: '2024-03-09 10:00:00 +0800',
      categories: 'emnews cls',
      tags: '快讯',
    });
    const result = await publishChanges(index, [file], { pageSize: 2, now: NOW });
    expect(result.paths).toEqual(
      expect.arrayContaining([
        // The day it left, and the day after that, whose link back to it is gone.
        '/2024/03/01',
        '/2024/03/02',
        '/cls/2024/03/01',
        // The day it joined: four posts now, two pages, and one past the end.
        '/2024/03/09',
        '/2024/03/09/page/2',
        '/2024/03/09/page/3',
        '/cls/2024/03/09',
      ]),
    );
  });
});
