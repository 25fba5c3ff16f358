import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';

import { atomFeed, jekyllFeedId, type FeedItem } from '@/lib/feed';

const BASE = 'https://news.example.test';
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  isArray: (name) => ['entry', 'link', 'category'].includes(name),
});

function item(over: Partial<FeedItem> = {}): FeedItem {
  return {
    url: '/gongxinweibao/2021/12/20/NW202112202219885661.html',
    slug: 'NW202112202219885661',
    jekyllUrl: null,
    title: '工信部：明年要扩大新能源汽车消费',
    date: Date.parse('2021-12-20T11:02:33Z'),
    categories: ['gongxinweibao'],
    tags: ['工信微报新闻'],
    excerpt: '12月20日，全国工业和信息化工作会议召开。',
    html: '<p>正文 <a href="/category/gongxinweibao">返回</a> <img src="/images/a.png" alt=""></p>',
    ...over,
  };
}

function parse(xml: string) {
  expect(XMLValidator.validate(xml)).toBe(true);
  return parser.parse(xml).feed;
}

describe('jekyllFeedId', () => {
  it('is the URL Jekyll generated without its extension, absolute', () => {
    expect(jekyllFeedId(item(), BASE)).toBe(
      `${BASE}/gongxinweibao/2021/12/20/NW202112202219885661`,
    );
    // A zone-less post: Jekyll's URL (and so its feed id) carried the next day.
    expect(
      jekyllFeedId(
        item({
          url: '/emnews/2021/12/08/NW1.html',
          jekyllUrl: '/emnews/2021/12/09/NW1.html',
          slug: 'NW1',
        }),
        BASE,
      ),
    ).toBe(`${BASE}/emnews/2021/12/09/NW1`);
    expect(jekyllFeedId(item({ url: '/a/2024/03/01/中文.html', slug: '中文' }), BASE)).toBe(
      `${BASE}/a/2024/03/01/${encodeURIComponent('中文')}`,
    );
  });
});

describe('atomFeed', () => {
  it('writes an Atom feed with jekyll-feed ids, .html links, instants and categories', () => {
    const items = [
      item(),
      item({
        url: '/emnews/2021/12/08/NW2.html',
        jekyllUrl: '/emnews/2021/12/09/NW2.html',
        slug: 'NW2',
        date: Date.parse('2021-12-08T09:00:00Z'),
        categories: ['emnews'],
        tags: ['东财滚动新闻', '新能源'],
      }),
    ];
    const feed = parse(
      atomFeed({ title: '财经快讯', feedPath: '/feed.xml', pagePath: '/', items, base: BASE }),
    );
    expect(feed.xmlns).toBe('http://www.w3.org/2005/Atom');
    expect(feed.id).toBe(`${BASE}/feed.xml`);
    expect(feed.updated).toBe('2021-12-20T11:02:33.000Z');
    expect(feed.link).toEqual(
      expect.arrayContaining([
        { rel: 'alternate', href: `${BASE}/` },
        { rel: 'self', href: `${BASE}/feed.xml` },
      ]),
    );
    expect(feed.entry).toHaveLength(2);
    const [first, second] = feed.entry;
    expect(first.id).toBe(`${BASE}/gongxinweibao/2021/12/20/NW202112202219885661`);
    expect(first.link[0].href).toBe(`${BASE}/gongxinweibao/2021/12/20/NW202112202219885661.html`);
    expect(first.title['#text']).toBe('工信部：明年要扩大新能源汽车消费');
    expect(Date.parse(first.published)).toBe(Date.parse('2021-12-20T19:02:33+08:00'));
    expect(first.updated).toBe(first.published);
    expect(first.content['#text']).toContain(`href="${BASE}/category/gongxinweibao"`);
    expect(first.content['#text']).toContain(`src="${BASE}/images/a.png"`);
    expect(second.id).toBe(`${BASE}/emnews/2021/12/09/NW2`);
    expect(second.link[0].href).toBe(`${BASE}/emnews/2021/12/08/NW2.html`);
    expect(second.category.map((c: { term: string }) => c.term)).toEqual([
      'emnews',
      '东财滚动新闻',
      '新能源',
    ]);
  });

  it('stays well-formed XML whatever the titles, terms and bodies hold', () => {
    const hostile = item({
      title: '<script>alert("x")</script> & ]]> ]]> \u0001',
      excerpt: 'a ]]> b & <c>',
      tags: ['a<b', 'x&y', '"q"'],
      html: '<p>x ]]> y ]]> z</p>',
    });
    const feed = parse(
      atomFeed({
        title: 'T & <U>',
        feedPath: '/tag/a/feed.xml',
        pagePath: '/tag/a',
        items: [hostile],
        base: BASE,
      }),
    );
    expect(feed.title).toBe('T & <U>');
    const entry = feed.entry[0];
    expect(entry.title['#text']).toContain('&#60;script&#62;');
    expect(entry.title['#text']).not.toContain('\u0001');
    expect(entry.content['#text']).toContain('x ]]&gt; y ]]&gt; z');
    expect(entry.category.map((c: { term: string }) => c.term)).toEqual([
      'gongxinweibao',
      'a＜b',
      'x&y',
      '"q"',
    ]);
  });

  it('leaves out a body too big for a feed, keeping the summary', () => {
    const big = item({ html: `<p>${'长'.repeat(300_000)}</p>` });
    const entry = parse(
      atomFeed({ title: 't', feedPath: '/feed.xml', pagePath: '/', items: [big], base: BASE }),
    ).entry[0];
    expect(entry.content).toBeUndefined();
    expect(entry.summary['#text']).toBe('12月20日，全国工业和信息化工作会议召开。');
  });
});
