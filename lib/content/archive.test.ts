import { afterEach, describe, expect, it } from 'vitest';

import {
  archiveDays,
  dayPosts,
  monthDays,
  rangeCount,
  rangeNeighbours,
  rangeTerms,
  yearMonths,
  type ArchiveTerm,
} from '@/lib/content/archive';
import type { ContentIndex } from '@/lib/content/db';
import { scanContent } from '@/lib/content/scan';
import { rangeLabel, type DateRange, type DayRange } from '@/lib/date-range';
import { contentFixture, type ContentFixture, type PostSpec } from '@/lib/testing/content-fixture';
import { day, month, year } from '@/lib/testing/ranges';

const NOW = Date.parse('2030-01-01T00:00:00Z');
const GX: ArchiveTerm = { kind: 'category', name: 'gongxinweibao' };

let fixture: ContentFixture;
afterEach(() => fixture?.cleanup());

const label = (range: DateRange | null) => (range ? rangeLabel(range) : null);

/** The fixture archive, in Beijing time: posts around midnight, hidden posts, empty days. */
const POSTS: Record<string, PostSpec> = {
  '2019-06-01-old': { date: '2019-06-01 10:00:00 +0800', categories: 'gongxinweibao' },
  // 16:30 UTC on New Year's Eve is 00:30 on 1 January in Beijing: 2021's, not 2020's.
  '2020-12-31-new-year': { date: '2020-12-31T16:30:00Z' },
  '2021-03-05-spring': { date: '2021-03-05 10:00:00 +0800' },
  '2021-12-18-a': { date: '2021-12-18 10:00:00 +0800', categories: 'gongxinweibao' },
  '2021-12-19-draft': { date: '2021-12-19 10:00:00 +0800', extra: ['published: false'] },
  '2021-12-20-morning': { date: '2021-12-20 00:00:00 +0800', categories: 'caixin zhengce' },
  '2021-12-20-utc-early': { date: '2021-12-20T15:30:00Z' },
  '2021-12-20-late': { date: '2021-12-20 23:59:00 +0800', categories: 'GongXinWeiBao' },
  '2021-12-21-midnight': { date: '2021-12-21 00:00:00 +0800' },
  '2021-12-21-utc-late': { date: '2021-12-20T16:30:00Z' },
  // Two posts claim one URL: the first path keeps it, the other is hidden.
  '2021-12-22-dup-a': { date: '2021-12-22 09:00:00 +0800', extra: ['permalink: /dup/x.html'] },
  '2021-12-22-dup-b': { date: '2021-12-22 10:00:00 +0800', extra: ['permalink: /dup/x.html'] },
  '2021-12-23-a': { date: '2021-12-23 10:00:00 +0800', categories: 'gongxinweibao' },
  '2099-01-01-future': { date: '2099-01-01 10:00:00 +0800' },
};

async function archive(): Promise<ContentIndex> {
  fixture = contentFixture();
  for (const [slug, spec] of Object.entries(POSTS)) {
    fixture.write(`_posts/${slug}.md`, { title: slug.slice(11), categories: 'emnews', ...spec });
  }
  return fixture.scanned();
}

function titles(index: ContentIndex, d: DayRange, opts: { term?: ArchiveTerm; now?: number } = {}) {
  const list = dayPosts(index, { day: d, page: 1, size: 100, now: NOW, ...opts });
  return list?.items.map((p) => p.title) ?? null;
}

describe('a day', () => {
  it('lists exactly the posts of that day in the site zone, newest first', async () => {
    const index = await archive();
    expect(titles(index, day(2021, 12, 20))).toEqual(['late', 'utc-early', 'morning']);
    expect(titles(index, day(2021, 12, 21))).toEqual(['utc-late', 'midnight']);
    expect(titles(index, day(2021, 1, 1))).toEqual(['new-year']);
    expect(titles(index, day(2020, 12, 31))).toBeNull();
  });

  it('never lists hidden posts: unpublished, scheduled, or shadowed by another on its URL', async () => {
    const index = await archive();
    expect(titles(index, day(2021, 12, 19))).toBeNull();
    expect(titles(index, day(2021, 12, 22))).toEqual(['dup-a']);
    expect(titles(index, day(2099, 1, 1))).toBeNull();
    // Before its time the post of the 23rd is hidden, at its time it shows.
    const before = Date.parse('2021-12-23T01:59:59Z');
    expect(titles(index, day(2021, 12, 23), { now: before })).toBeNull();
    expect(titles(index, day(2021, 12, 23), { now: before + 1000 })).toEqual(['a']);
  });

  it('is paginated, and a page past its end does not exist', async () => {
    const index = await archive();
    const page = (n: number) =>
      dayPosts(index, { day: day(2021, 12, 20), page: n, size: 2, now: NOW });
    expect(page(1)).toMatchObject({ page: 1, pages: 2, total: 3 });
    expect(page(1)?.items.map((p) => p.title)).toEqual(['late', 'utc-early']);
    expect(page(2)?.items.map((p) => p.title)).toEqual(['morning']);
    expect(page(3)).toBeNull();
    expect(page(0)).toBeNull();
  });

  it('of one category lists only its posts (category names in any case)', async () => {
    const index = await archive();
    expect(titles(index, day(2021, 12, 20), { term: GX })).toEqual(['late']);
    expect(titles(index, day(2021, 12, 21), { term: GX })).toBeNull();
    expect(
      titles(index, day(2021, 12, 20), { term: { kind: 'category', name: 'Zhengce' } }),
    ).toEqual(['morning']);
  });

  it('names the categories of its posts with their numbers, most first', async () => {
    const index = await archive();
    const terms = rangeTerms(index, { range: day(2021, 12, 20), kind: 'category', now: NOW });
    expect(terms.map((t) => [t.key, t.count])).toEqual([
      ['caixin', 1],
      ['emnews', 1],
      ['gongxinweibao', 1],
      ['zhengce', 1],
    ]);
    const december = rangeTerms(index, { range: month(2021, 12), kind: 'category', now: NOW });
    expect(december[0]).toMatchObject({ key: 'emnews', count: 4 });
  });
});

describe('neighbours', () => {
  it('are the nearest days with visible posts, skipping empty and hidden-only days', async () => {
    const index = await archive();
    const around = (d: DayRange, term?: ArchiveTerm, now = NOW) => {
      const { prev, next } = rangeNeighbours(index, { range: d, term, now });
      return [label(prev), label(next)];
    };
    expect(around(day(2021, 12, 20))).toEqual(['2021年12月18日', '2021年12月21日']);
    // The 19th holds only an unpublished post: the 18th leads straight to the 20th.
    expect(around(day(2021, 12, 18))).toEqual(['2021年3月5日', '2021年12月20日']);
    expect(around(day(2021, 12, 19))).toEqual(['2021年12月18日', '2021年12月20日']);
    expect(around(day(2021, 12, 23))).toEqual(['2021年12月22日', null]);
    expect(around(day(2021, 12, 22), undefined, Date.parse('2021-12-22T12:00:00Z'))).toEqual([
      '2021年12月21日',
      null,
    ]);
    expect(around(day(2021, 12, 20), GX)).toEqual(['2021年12月18日', '2021年12月23日']);
  });

  it('of months and years skip empty ones too, per category as well', async () => {
    const index = await archive();
    const around = (range: DateRange, term?: ArchiveTerm) => {
      const { prev, next } = rangeNeighbours(index, { range, term, now: NOW });
      return [label(prev), label(next)];
    };
    expect(around(month(2021, 12))).toEqual(['2021年3月', null]);
    expect(around(month(2021, 3))).toEqual(['2021年1月', '2021年12月']);
    expect(around(month(2021, 12), GX)).toEqual(['2019年6月', null]);
    expect(around(year(2021))).toEqual(['2019年', null]);
    expect(around(year(2020))).toEqual(['2019年', '2021年']);
  });
});

describe('counts', () => {
  it('of a month: every day with its number of visible posts', async () => {
    const index = await archive();
    const counts = (term?: ArchiveTerm) =>
      Object.fromEntries(
        monthDays(index, { month: month(2021, 12), term, now: NOW })
          .filter((d) => d.count > 0)
          .map((d) => [d.day.day, d.count]),
      );
    expect(monthDays(index, { month: month(2021, 12), now: NOW })).toHaveLength(31);
    expect(counts()).toEqual({ 18: 1, 20: 3, 21: 2, 22: 1, 23: 1 });
    expect(counts(GX)).toEqual({ 18: 1, 20: 1, 23: 1 });
    expect(rangeCount(index, { range: month(2021, 12), now: NOW })).toBe(8);
  });

  it('of a year: every month with its number of visible posts', async () => {
    const index = await archive();
    const counts = (y: number, term?: ArchiveTerm) =>
      yearMonths(index, { year: year(y), term, now: NOW }).map((m) => m.count);
    expect(counts(2021)).toEqual([1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 8]);
    expect(counts(2021, GX)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3]);
    expect(counts(2020)).toEqual(Array(12).fill(0));
    expect(counts(2099)).toEqual(Array(12).fill(0));
  });
});

describe('every day with posts', () => {
  it('oldest first, each with its newest post as lastmod', async () => {
    const index = await archive();
    const days = archiveDays(index, { now: NOW });
    expect(days.map((d) => label(d.day))).toEqual([
      '2019年6月1日',
      '2021年1月1日',
      '2021年3月5日',
      '2021年12月18日',
      '2021年12月20日',
      '2021年12月21日',
      '2021年12月22日',
      '2021年12月23日',
    ]);
    expect(days[4]?.lastmod).toBe(Date.parse('2021-12-20T15:59:00Z'));
    expect(archiveDays(index, { term: GX, now: NOW }).map((d) => label(d.day))).toEqual([
      '2019年6月1日',
      '2021年12月18日',
      '2021年12月20日',
      '2021年12月23日',
    ]);
  });
});

describe('in a zone with daylight saving time', () => {
  it('a day is as long as the clocks say (23 hours when they spring forward)', async () => {
    fixture = contentFixture();
    const posts: Record<string, string> = {
      early: '2021-03-14 00:30:00 -0500',
      late: '2021-03-14 23:30:00 -0400',
      next: '2021-03-15 00:10:00 -0400',
    };
    for (const [slug, date] of Object.entries(posts)) {
      fixture.write(`_posts/2021-03-14-${slug}.md`, { title: slug, date });
    }
    const index = fixture.open(undefined, undefined, 'America/New_York');
    await scanContent(index);
    expect(titles(index, day(2021, 3, 14))).toEqual(['late', 'early']);
    expect(titles(index, day(2021, 3, 15))).toEqual(['next']);
  });
});
