import { describe, expect, it } from 'vitest';

import { highlight, MAX_QUERY_CHARS, parseQuery, snippetAround } from '@/lib/search-query';

describe('parseQuery', () => {
  it('splits on any whitespace, trims and drops repeated terms', () => {
    expect(parseQuery('  新能源\u3000汽车  Apple apple\t')).toEqual({
      ok: true,
      text: '新能源 汽车 Apple apple',
      terms: ['新能源', '汽车', 'Apple'],
    });
    expect(parseQuery(['经济', '银行'])).toMatchObject({ ok: true, terms: ['经济'] });
  });

  it('refuses empty, over-long and many-term queries with a reason', () => {
    expect(parseQuery(undefined)).toMatchObject({ ok: false, reason: 'empty' });
    expect(parseQuery(' \u0000 ')).toMatchObject({ ok: false, reason: 'empty' });
    expect(parseQuery('长'.repeat(MAX_QUERY_CHARS))).toMatchObject({ ok: true });
    expect(parseQuery('长'.repeat(MAX_QUERY_CHARS + 1))).toMatchObject({
      ok: false,
      reason: 'too-long',
    });
    expect(parseQuery('a b c d e f g h i')).toMatchObject({ ok: false, reason: 'too-many-terms' });
  });
});

describe('highlight', () => {
  it('marks every case-insensitive occurrence, merging overlaps', () => {
    expect(highlight('Apple 和 apple 的新能源汽车', ['APPLE', '能源', '源汽'])).toEqual([
      { text: 'Apple', mark: true },
      { text: ' 和 ', mark: false },
      { text: 'apple', mark: true },
      { text: ' 的新', mark: false },
      { text: '能源汽', mark: true },
      { text: '车', mark: false },
    ]);
    expect(highlight('没有匹配', ['xyz'])).toEqual([{ text: '没有匹配', mark: false }]);
    expect(highlight('', ['a'])).toEqual([]);
  });

  it('keeps markup-like text as text', () => {
    const segments = highlight('<script>alert(1)</script>', ['<script>']);
    expect(segments.map((s) => s.text).join('')).toBe('<script>alert(1)</script>');
    expect(segments[0]).toEqual({ text: '<script>', mark: true });
  });
});

describe('snippetAround', () => {
  it('cuts a window around the first match on code points, with ellipses', () => {
    const text = `${'前'.repeat(200)}关键词${'后'.repeat(200)}`;
    const snippet = snippetAround(text, ['关键词'], 40);
    expect(snippet).toMatch(/^…前+关键词后+…$/);
    expect(Array.from(snippet).length).toBe(42);
    expect(snippetAround('短文本', ['文本'], 40)).toBe('短文本');
    expect(snippetAround(`😀${'字'.repeat(100)}`, ['没有'], 10)).toBe(`😀${'字'.repeat(9)}…`);
  });
});
