import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { ContentIndex } from '@/lib/content/db';
import { listSource, META_COLUMNS } from '@/lib/content/rows';
import { countBefore, listPosts, listTerms } from '@/lib/content/reads';
import { bulkScanInWorker, closeWorkers } from '@/lib/workers/pool';
import { contentFixture, type ContentFixture } from '@/lib/testing/content-fixture';
import type { TermKind } from '@/lib/types';

const NOW = Date.parse('2024-03-20T12:00:00Z');
const SIZE = 7;

let fx: ContentFixture;
let index: ContentIndex;

/**
 * 150 posts over 40 days (some days empty, several posts in one minute, late-evening posts on
 * the day's edge), 3 scheduled after NOW, and 2 duplicate permalinks (one post of each pair is
 * shadowed), in 3 categories and 4 tags.
 */
beforeAll(async () => {
  fx = contentFixture();
  const day = (n: number) => String(n).padStart(2, '0');
  for (let i = 0; i < 150; i++) {
    const d = 1 + ((i * 7) % 40 >= 30 ? (i % 10) + 1 : (i * 7) % 40);
    const month = d > 31 ? 4 : 3;
    const dd = d > 31 ? d - 31 : d;
    const hour = i % 5 === 0 ? '23:59:59' : `${day(8 + (i % 12))}:0${i % 3}:00`;
    fx.write(`_posts/2024-${day(month)}-${day(dd)}-p${i}.md`, {
      title: `P${i}`,
      date: `2024-${day(month)}-${day(dd)} ${hour} +0800`,
      categories: ['wire', 'desk', 'flash'][i % 3],
      tags: ['甲', '乙', '丙', '丁'][i % 4],
    });
  }
  for (const [i, date] of ['2024-03-25', '2024-04-02', '2024-03-20'].entries()) {
    fx.write(`_posts/${date}-later${i}.md`, {
      title: `Later${i}`,
      date: `${date} 21:00:00 +0800`,
      categories: 'wire',
      tags: '甲',
    });
  }
  for (const name of ['a', 'b']) {
    fx.write(`_posts/2024-03-05-dup-${name}.md`, {
      title: `Dup ${name}`,
      date: '2024-03-05 10:00:00 +0800',
      categories: 'desk',
      tags: '乙',
      extra: ['slug: same'],
    });
  }
  index = fx.open();
  // In bulk, as a cold archive is loaded: the counts are made at the end, not by the triggers.
  await bulkScanInWorker({
    dbFile: index.db.name,
    contentDir: index.contentDir,
    timeZone: index.timeZone,
    aliasZones: [],
  });
}, 60_000);

afterAll(async () => {
  await closeWorkers();
  fx.cleanup();
});

/** Every visible post of a list in order, the plain (and slow) way: OFFSET over everything. */
function reference(term: { kind: TermKind; name: string } | null, offset: number, limit: number) {
  const { from, order, params } = listSource(term, NOW);
  return (
    index.db
      .prepare(`SELECT ${META_COLUMNS} ${from} ORDER BY ${order} LIMIT @limit OFFSET @offset`)
      .all({ ...params, limit, offset }) as { path: string }[]
  ).map((r) => r.path);
}

describe('list pages located by the per-day counts', () => {
  const lists: ({ kind: TermKind; name: string } | null)[] = [
    null,
    { kind: 'category', name: 'wire' },
    { kind: 'category', name: 'desk' },
    { kind: 'tag', name: '乙' },
  ];

  it('are the pages OFFSET gives, whatever the page, for home, categories and tags', () => {
    for (const term of lists) {
      const first = listPosts(index, { page: 1, size: SIZE, now: NOW, term });
      expect(first).not.toBeNull();
      const all = reference(term, 0, 10_000);
      expect(first?.total).toBe(all.length);
      for (let page = 1; page <= (first?.pages ?? 0); page++) {
        const got = listPosts(index, { page, size: SIZE, now: NOW, term });
        expect(
          got?.items.map((p) => p.path),
          `${term?.name ?? 'home'} page ${page}`,
        ).toEqual(reference(term, (page - 1) * SIZE, SIZE));
      }
      expect(
        listPosts(index, { page: (first?.pages ?? 0) + 1, size: SIZE, now: NOW, term }),
      ).toBeNull();
    }
  });

  it('count what comes before a post as OFFSET would', () => {
    for (const term of lists) {
      const all = reference(term, 0, 10_000);
      const rows = index.db
        .prepare('SELECT path, date FROM posts WHERE path IN (SELECT value FROM json_each(?))')
        .all(JSON.stringify(all)) as { path: string; date: number }[];
      for (const row of rows) {
        expect(countBefore(index, term, row, NOW)).toBe(all.indexOf(row.path));
      }
    }
  });

  it('hide what is hidden at the time of reading, and show it once its time has come', () => {
    const later = Date.parse('2024-05-01T00:00:00Z');
    expect(listPosts(index, { page: 1, size: 1000, now: NOW })?.total).toBe(
      reference(null, 0, 1000).length,
    );
    // Every post by then, but the one whose permalink the other of its pair serves.
    expect(listPosts(index, { page: 1, size: 1000, now: later })?.total).toBe(150 + 3 + 2 - 1);
    const wire = listTerms(index, 'category', NOW).find((t) => t.key === 'wire');
    expect(wire?.count).toBe(reference({ kind: 'category', name: 'wire' }, 0, 10_000).length);
  });
});
