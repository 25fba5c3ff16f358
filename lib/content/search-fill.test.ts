import { afterAll, describe, expect, it } from 'vitest';

import { searchPosts } from '@/lib/content/search';
import { updateSearch } from '@/lib/content/search-fill';
import { searchBacklog } from '@/lib/content/search-schema';
import { contentFixture } from '@/lib/testing/content-fixture';
import { closeWorkers } from '@/lib/workers/pool';

const NOW = Date.parse('2030-01-01T00:00:00Z');
const fx = contentFixture();
afterAll(async () => {
  await closeWorkers();
  fx.cleanup();
});

const found = (index: Parameters<typeof searchPosts>[0]) =>
  searchPosts(index, { terms: ['稀土永磁'], page: 1, size: 10, now: NOW })?.total ?? 0;

describe('the full-text index of a cold archive', () => {
  it('is filled in the background after the lists are served, then finds every post', async () => {
    for (let i = 0; i < 260; i++) {
      const day = String((i % 28) + 1).padStart(2, '0');
      fx.write(`_posts/2024-02-${day}-p${i}.md`, {
        title: `第${i}篇`,
        body: `<p>第${i}篇：稀土永磁板块走强。</p>`,
      });
    }
    const index = await fx.scanned();
    // Listed at once; searchable once the fill has run.
    expect(index.db.prepare('SELECT COUNT(*) FROM posts').pluck().get()).toBe(260);
    expect(searchBacklog(index.db)).toEqual({ pending: 260, posts: 260 });
    expect(found(index)).toBe(0);
    await updateSearch(index);
    expect(searchBacklog(index.db).pending).toBe(0);
    expect(found(index)).toBe(260);

    // Later changes are indexed with the scan that finds them.
    fx.write('_posts/2024-03-01-new.md', { title: '新稿', body: '<p>稀土永磁再度走强。</p>' });
    fx.remove('_posts/2024-02-01-p0.md');
    const { scanContent } = await import('@/lib/content/scan');
    await scanContent(index);
    expect(searchBacklog(index.db).pending).toBe(0);
    expect(found(index)).toBe(260);
  }, 60_000);
});
