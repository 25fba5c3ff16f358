import { describe, expect, it } from 'vitest';

import type { DateParts } from '@/lib/content/dates';
import {
  buildPermalink,
  encodePath,
  sanitizeUrl,
  slugifyDefault,
  slugifyPretty,
  urlKey,
} from '@/lib/content/permalink';

const MARCH_1: DateParts = {
  year: '2024',
  month: '03',
  day: '01',
  hour: '09',
  minute: '05',
  second: '07',
};

function url(categories: string[], slug: string, permalink?: string): string {
  return buildPermalink({ categories, date: MARCH_1, slug, permalink });
}

describe('slugifyPretty (the :title of a post URL)', () => {
  it.each([
    ['a b&c%20d', 'a-b&c-20d'],
    ['NW202112202219885661', 'NW202112202219885661'],
    ['央行降准', '央行降准'],
    ["a.b_c~d!e$f&g'h(i)j+k,l;m=n@o", "a.b_c~d!e$f&g'h(i)j+k,l;m=n@o"],
    ['a / b ? c # d', 'a-b-c-d'],
    ['  --hello--  ', 'hello'],
    ['央行，降准！', '央行-降准'],
    ['cafe\u0301 crème', 'cafe\u0301-crème'],
    ['x² ٣', 'x-٣'],
  ])('%j → %j', (input, slug) => {
    expect(slugifyPretty(input)).toBe(slug);
  });
});

describe('slugifyDefault (the :slug placeholder)', () => {
  it('keeps letters and digits only, lower-cased', () => {
    expect(slugifyDefault('LPR Cut_March.2024')).toBe('lpr-cut-march-2024');
    expect(slugifyDefault('央行(降准)')).toBe('央行-降准');
  });
});

describe('buildPermalink: the default date style', () => {
  it('joins lower-cased categories, the date and the slug', () => {
    expect(url(['gongxinweibao'], 'NW202112202219885661')).toBe(
      '/gongxinweibao/2024/03/01/NW202112202219885661.html',
    );
    expect(url(['Wind', 'Solar Power'], 'x')).toBe('/wind/solar power/2024/03/01/x.html');
  });

  it('drops categories that only differ in case, keeping the first', () => {
    expect(url(['Wind', 'wind', 'WIND'], 'x')).toBe('/wind/2024/03/01/x.html');
  });

  it('leaves the categories out when there are none', () => {
    expect(url([], 'x')).toBe('/2024/03/01/x.html');
  });

  it('slugifies the file-name slug but keeps its case and Chinese', () => {
    expect(url(['emnews'], 'a b&c%20d')).toBe('/emnews/2024/03/01/a-b&c-20d.html');
    expect(url(['emnews'], '央行 降准')).toBe('/emnews/2024/03/01/央行-降准.html');
  });

  it('sanitizes ../ in a category the way Jekyll did', () => {
    expect(url(['../../etc'], 'x')).toBe('/etc/2024/03/01/x.html');
  });
});

describe('buildPermalink: front-matter permalinks', () => {
  it.each([
    ['/:categories/:title/', '/hongguan/LPR-Cut/'],
    ['/:categories/:year/:month/:day/:title:output_ext', '/hongguan/2024/03/01/LPR-Cut.html'],
    ['/:year/:i_month/:i_day/:short_year/', '/2024/3/1/24/'],
    ['/:year/:y_day/', '/2024/061/'],
    ['/:hour:minute:second/', '/090507/'],
    ['/:collection/:slug', '/posts/lpr-cut'],
    ['/:month_:day/:title', '/03_01/LPR-Cut'],
    ['news/:title.html', '/news/LPR-Cut.html'],
  ])('%s → %s', (permalink, expected) => {
    expect(url(['Hongguan'], 'LPR Cut', permalink)).toBe(expected);
  });

  it('leaves a placeholder Jekyll does not know as written', () => {
    expect(url(['a'], 'x', '/:nope/:title')).toBe('/:nope/x');
    expect(url(['a'], 'x', '/:constructor/:title')).toBe('/:constructor/x');
  });

  it('sanitizes ../ in a permalink', () => {
    expect(url(['a'], 'x', '/../../etc/:title/')).toBe('/etc/x/');
  });

  it('uses the default style for an empty permalink', () => {
    expect(url(['a'], 'x', '  ')).toBe('/a/2024/03/01/x.html');
  });
});

describe('sanitizeUrl (Jekyll URL#sanitize_url)', () => {
  it.each([
    ['/../../etc/2024/03/01/x.html', '/etc/2024/03/01/x.html'],
    ['a//b///c', '/a/b/c'],
    ['/a/./b', '/a/b'],
    ['./x', '/x'],
    ['/v1..2.html', '/v1/2.html'],
    ['/', '/'],
  ])('%s → %s', (input, expected) => {
    expect(sanitizeUrl(input)).toBe(expected);
  });
});

describe('encodePath and urlKey', () => {
  it('percent-encodes Chinese, spaces, % ? and #, keeping / and sub-delimiters', () => {
    expect(encodePath('/emnews/2024/03/01/央行降准.html')).toBe(
      '/emnews/2024/03/01/%E5%A4%AE%E8%A1%8C%E9%99%8D%E5%87%86.html',
    );
    expect(encodePath('/emnews/2024/03/01/a-b&c-20d.html')).toBe(
      '/emnews/2024/03/01/a-b&c-20d.html',
    );
    expect(encodePath('/a b/100%/x?y#z')).toBe('/a%20b/100%25/x%3Fy%23z');
    expect(encodePath("/!$&'()+,;=@:~")).toBe("/!$&'()+,;=@:~");
  });

  it('round-trips through decodeURIComponent', () => {
    const decoded = '/wind power/2024/03/01/央行 降准&100%.html';
    expect(decodeURIComponent(encodePath(decoded))).toBe(decoded);
  });

  it('makes URLs with and without a trailing slash, and NFC and NFD spellings, one key', () => {
    expect(urlKey('/hongguan/permalink-override/')).toBe('/hongguan/permalink-override');
    expect(urlKey('/')).toBe('/');
    expect(urlKey('/cafe\u0301.html')).toBe(urlKey('/caf\u00e9.html'));
  });
});
