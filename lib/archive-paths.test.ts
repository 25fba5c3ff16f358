import { describe, expect, it } from 'vitest';

import { archiveHref, archiveHrefs, dayHref, parseArchivePath } from '@/lib/archive-paths';
import { day, month, year } from '@/lib/testing/ranges';

describe('date archive URLs', () => {
  it('are read back from the path, site-wide or under one category, with a day’s pages', () => {
    expect(parseArchivePath('/2021')).toEqual({ range: year(2021), category: null, page: 1 });
    expect(parseArchivePath('/2021/12')).toEqual({
      range: month(2021, 12),
      category: null,
      page: 1,
    });
    expect(parseArchivePath('/2021/12/20/')).toEqual({
      range: day(2021, 12, 20),
      category: null,
      page: 1,
    });
    expect(parseArchivePath('/gongxinweibao/2021/12/20/page/3')).toEqual({
      range: day(2021, 12, 20),
      category: 'gongxinweibao',
      page: 3,
    });
    expect(parseArchivePath(archiveHref(year(2021), '财经/快讯'))).toMatchObject({
      category: '财经/快讯',
    });
  });

  it('are no archive for impossible dates, other years, other shapes', () => {
    for (const url of [
      '/2021/13',
      '/2021/00',
      '/2021/02/30',
      '/1969',
      '/2101/01',
      '/0000',
      '/abcd',
      '/2021/1/5',
      '/20211',
      '/2021/12/20/x.html',
      '/2021/12/page/2',
      '/2021/page/2',
      '/2021/12/20/page/0',
      '/2021/12/20/page/x',
      '/gongxinweibao',
      '/gongxinweibao/page/2',
      '/a/b/2021/12/20',
      '/',
      '/%E0%A4%A/2021',
    ]) {
      expect(parseArchivePath(url), url).toBeNull();
    }
  });

  it('are written with two-digit months and days, categories lower-cased and encoded', () => {
    expect(archiveHref(year(2021))).toBe('/2021');
    expect(archiveHref(month(2021, 3))).toBe('/2021/03');
    expect(archiveHref(day(2021, 3, 5), 'GongXinWeiBao')).toBe('/gongxinweibao/2021/03/05');
    expect(archiveHref(day(2021, 3, 5), null, 2)).toBe('/2021/03/05/page/2');
    expect(archiveHref(month(2021, 3), null, 2)).toBe('/2021/03');
    expect(archiveHref(year(2021), '财经')).toBe(`/${encodeURIComponent('财经')}/2021`);
  });

  it('of an instant’s day are where an article’s date links to, in the site zone', () => {
    expect(dayHref(Date.parse('2021-12-20T15:59:00Z'), 'Asia/Shanghai')).toBe('/2021/12/20');
    expect(dayHref(Date.parse('2021-12-20T16:30:00Z'), 'Asia/Shanghai')).toBe('/2021/12/21');
    expect(dayHref(Date.parse('1960-01-01T00:00:00Z'))).toBeNull();
  });

  it('that publishing revalidates are every page of a day and one past its end', () => {
    expect(archiveHrefs({ range: day(2021, 12, 20), category: 'a', pages: 2 })).toEqual([
      '/a/2021/12/20',
      '/a/2021/12/20/page/2',
      '/a/2021/12/20/page/3',
    ]);
    expect(archiveHrefs({ range: month(2021, 12), category: null, pages: 1 })).toEqual([
      '/2021/12',
    ]);
  });
});
