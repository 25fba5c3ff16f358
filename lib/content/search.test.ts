import { afterEach, describe, expect, it } from 'vitest';

import type { ContentIndex } from '@/lib/content/db';
import { completeFill } from '@/lib/content/fill';
import { scanContent } from '@/lib/content/scan';
import { searchBacklog } from '@/lib/content/search-schema';
import { RESULT_CAP, searchPosts } from '@/lib/content/search';
import { contentFixture, type ContentFixture } from '@/lib/testing/content-fixture';

const NOW = Date.parse('2030-01-01T00:00:00Z');

let fixture: ContentFixture;
afterEach(() => fixture?.cleanup());

function titles(
  index: ContentIndex,
  q: string,
  opts: { page?: number; size?: number; now?: number; maxExpansion?: number } = {},
) {
  const result = searchPosts(index, {
    terms: q.split(' '),
    page: opts.page ?? 1,
    size: opts.size ?? 50,
    now: opts.now ?? NOW,
    maxExpansion: opts.maxExpansion,
  });
  return result?.items.map((hit) => hit.title) ?? null;
}

function sample(): Promise<ContentIndex> {
  fixture = contentFixture();
  fixture.write('_posts/2024-03-01-a.md', {
    title: '工信部：明年要扩大新能源汽车消费',
    body: '<p>会议强调，要扩大新能源汽车、绿色智能家电消费。</p>',
  });
  fixture.write('_posts/2024-03-02-b.md', {
    title: '人民币中间价上调',
    date: '2024-03-02 09:00:00 +0800',
    body: '<p>外汇市场上，新能源汽车出口带动结汇需求。银行间市场交投平稳。</p>',
  });
  fixture.write('_posts/2024-03-03-c.md', {
    title: 'Apple 发布财报',
    date: '2024-03-03 09:00:00 +0800',
    body: '<p>苹果公司公布季度业绩，iPhone 销量增长。</p>',
  });
  fixture.write('_posts/2024-03-04-d.md', {
    title: '央行开展逆回购操作稳经济',
    date: '2024-03-04 09:00:00 +0800',
    body: '<p>公开市场操作保持流动性合理充裕。</p>',
  });
  fixture.write('_posts/2099-01-01-future.md', {
    title: '未来的新能源汽车新闻',
    date: '2099-01-01 09:00:00 +0800',
  });
  fixture.write('_posts/2024-03-05-draft.md', {
    title: '草稿：新能源汽车',
    extra: ['published: false'],
  });
  return fixture.scanned();
}

describe('searchPosts', () => {
  it('finds a Chinese phrase anywhere in title or text, title hits first, hidden posts never', async () => {
    const index = await sample();
    expect(titles(index, '新能源汽车')).toEqual([
      '工信部：明年要扩大新能源汽车消费',
      '人民币中间价上调',
    ]);
    expect(titles(index, '绿色智能家电')).toEqual(['工信部：明年要扩大新能源汽车消费']);
    expect(titles(index, '新能源汽车', { now: Date.parse('2100-01-01T00:00:00Z') })).toContain(
      '未来的新能源汽车新闻',
    );
  });

  it('finds one- and two-character terms, also at the very end of a title or text', async () => {
    const index = await sample();
    expect(titles(index, '经济')).toEqual(['央行开展逆回购操作稳经济']);
    expect(titles(index, '银行')).toEqual(['人民币中间价上调']);
    expect(titles(index, '裕')).toEqual(['央行开展逆回购操作稳经济']);
    expect(titles(index, '央')).toEqual(['央行开展逆回购操作稳经济']);
    expect(titles(index, '鑫')).toEqual([]);
  });

  it('treats a very common short term as a filter and still finds every match', async () => {
    const index = await sample();
    const expanded = titles(index, '市场');
    expect(titles(index, '市场', { maxExpansion: 0 })?.sort()).toEqual(expanded?.sort());
    expect(expanded?.sort()).toEqual(['人民币中间价上调', '央行开展逆回购操作稳经济'].sort());
    expect(titles(index, '市场 汽车', { maxExpansion: 0 })).toEqual(['人民币中间价上调']);
    expect(titles(index, '新能源 市场', { maxExpansion: 0 })).toEqual(['人民币中间价上调']);
  });

  it('matches Latin letters case-insensitively and every term of a multi-term query', async () => {
    const index = await sample();
    expect(titles(index, 'apple')).toEqual(['Apple 发布财报']);
    expect(titles(index, 'IPHONE')).toEqual(['Apple 发布财报']);
    expect(titles(index, 'ip')).toEqual(['Apple 发布财报']);
    expect(titles(index, 'iphone 销量')).toEqual(['Apple 发布财报']);
    expect(titles(index, 'iphone 新能源')).toEqual([]);
  });

  it('takes FTS syntax and quotes as plain text', async () => {
    const index = await sample();
    for (const q of [
      '"',
      '"新能源',
      'AND',
      'OR NOT',
      '*',
      '(新能源',
      'NEAR(a b)',
      "'; DROP TABLE posts; --",
    ]) {
      expect(() => titles(index, q), q).not.toThrow();
    }
    expect(titles(index, '"新能源"')).toEqual([]);
  });

  it('returns a snippet around the first match, and pages', async () => {
    fixture = contentFixture();
    const filler = '这是一段与检索无关的填充文字。'.repeat(20);
    for (let i = 1; i <= 5; i++) {
      fixture.write(`_posts/2024-03-0${i}-p${i}.md`, {
        title: `第${i}篇`,
        date: `2024-03-0${i} 09:00:00 +0800`,
        body: `<p>${filler}</p><p>关键字稀土永磁出现在这里。</p><p>${filler}</p>`,
      });
    }
    const index = await fixture.scanned();
    const first = searchPosts(index, { terms: ['稀土永磁'], page: 1, size: 2, now: NOW });
    expect(first).toMatchObject({ page: 1, pages: 3, total: 5, capped: false });
    expect(first?.items).toHaveLength(2);
    const snippet = first?.items[0]?.snippet ?? '';
    expect(snippet).toContain('关键字稀土永磁出现在这里');
    expect(snippet.startsWith('…')).toBe(true);
    expect(snippet.endsWith('…')).toBe(true);
    expect(Array.from(snippet).length).toBeLessThanOrEqual(124);

    const all = [1, 2, 3].flatMap((page) =>
      (searchPosts(index, { terms: ['稀土永磁'], page, size: 2, now: NOW })?.items ?? []).map(
        (h) => h.title,
      ),
    );
    expect(new Set(all).size).toBe(5);
    expect(searchPosts(index, { terms: ['稀土永磁'], page: 4, size: 2, now: NOW })).toBeNull();
    expect(searchPosts(index, { terms: ['不存在'], page: 1, size: 2, now: NOW })).toMatchObject({
      total: 0,
      items: [],
    });
    expect(searchPosts(index, { terms: ['不存在'], page: 2, size: 2, now: NOW })).toBeNull();
  });

  it('follows the scanner: edited, added and deleted posts', async () => {
    const index = await sample();
    fixture.write('_posts/2024-03-01-a.md', { title: '工信部：推动稀土产业升级' });
    fixture.remove('_posts/2024-03-02-b.md');
    fixture.write('_posts/2024-03-06-e.md', { title: '新能源汽车下乡活动启动' });
    await scanContent(index);
    expect(titles(index, '新能源汽车')).toEqual(['新能源汽车下乡活动启动']);
    expect(titles(index, '稀土')).toEqual(['工信部：推动稀土产业升级']);
    expect(titles(index, '银行')).toEqual([]);
  });

  it('sets up the search index again when its trigger went missing', async () => {
    const index = await sample();
    index.db.exec('DROP TRIGGER posts_fts_d');
    index.db.close();
    const reopened = await fixture.scanned();
    await completeFill(reopened, 'texts');
    fixture.remove('_posts/2024-03-02-b.md');
    await scanContent(reopened);
    expect(titles(reopened, '新能源汽车')).toEqual(['工信部：明年要扩大新能源汽车消费']);
    const trigger = "SELECT COUNT(*) FROM sqlite_schema WHERE name = 'posts_fts_d'";
    expect(reopened.db.prepare(trigger).pluck().get()).toBe(1);
  });

  it('fills the search index of an index built before search existed', async () => {
    const index = await sample();
    index.db.exec(`DROP TRIGGER posts_fts_d; DROP TABLE posts_fts;
      DELETE FROM meta WHERE key = 'search_schema'`);
    index.db.close();
    const reopened = await fixture.scanned();
    // Every stored post, the scheduled one too.
    expect(searchBacklog(reopened.db).pending).toBe(5);
    await completeFill(reopened, 'texts');
    expect(titles(reopened, '新能源汽车')).toEqual([
      '工信部：明年要扩大新能源汽车消费',
      '人民币中间价上调',
    ]);
  });

  it('caps the count of a very common term', async () => {
    fixture = contentFixture();
    for (let i = 0; i < RESULT_CAP + 5; i++) {
      fixture.write(`_posts/2024-03-01-p${i}.md`, { title: `标题${i}`, body: '<p>共同的正文</p>' });
    }
    const index = await fixture.scanned();
    expect(searchBacklog(index.db)).toEqual({ pending: 0, posts: RESULT_CAP + 5 });
    const result = searchPosts(index, { terms: ['共同的'], page: 1, size: 20, now: NOW });
    expect(result).toMatchObject({ total: RESULT_CAP, capped: true, pages: RESULT_CAP / 20 });
  }, 60_000);
});
