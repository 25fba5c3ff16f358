import { describe, expect, it } from 'vitest';

import { newsIn } from '@/lib/news';

/** Posts newest first, `key@minute` of one day. */
const posts = (...specs: string[]) =>
  specs.map((spec) => {
    const [key, minute] = spec.split('@');
    return { key: key!, datetime: `2026-12-01T08:${minute}:00+08:00` };
  });
const keys = (items: { key: string }[]) => items.map((item) => item.key);

describe('newsIn', () => {
  it('is the posts above the newest one the reader has', () => {
    expect(keys(newsIn(posts('c@30', 'b@20', 'a@10'), new Set(['b', 'a'])))).toEqual(['c']);
  });

  it('is nothing when the reader has the newest post', () => {
    expect(newsIn(posts('b@20', 'a@10'), new Set(['b', 'a']))).toEqual([]);
  });

  it('keeps a new post of the same minute as the newest known one, sorted below it', () => {
    // Equal dates sort by file name: the new `a-second` comes after the known `b-first`.
    const items = posts('b-first@20', 'a-second@20', 'old@10');
    expect(keys(newsIn(items, new Set(['b-first', 'old'])))).toEqual(['a-second']);
    expect(keys(newsIn(items.slice(0, 2), new Set(['b-first'])))).toEqual(['a-second']);
  });

  it('keeps a post backdated between two known ones', () => {
    expect(keys(newsIn(posts('c@30', 'x@25', 'b@20'), new Set(['c', 'b'])))).toEqual(['x']);
  });

  it('does not take an older post below everything known for news', () => {
    // A deleted post lets an older one into the newest few: it is not news.
    expect(newsIn(posts('b@20', 'a@10', 'older@05'), new Set(['b', 'a']))).toEqual([]);
  });

  it('is every post when the reader has none of them', () => {
    expect(keys(newsIn(posts('z@50', 'y@40'), new Set(['a'])))).toEqual(['z', 'y']);
  });
});
