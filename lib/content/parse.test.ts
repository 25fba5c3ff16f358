import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterAll, describe, expect, it } from 'vitest';

import { parsePost } from '@/lib/content/parse';
import type { ContentError, ParseResult, Post } from '@/lib/types';

const TZ = 'Asia/Shanghai';
const FIXTURES = fileURLToPath(new URL('./fixtures/bad/_posts', import.meta.url));

function parseBytes(name: string, bytes: Uint8Array): ParseResult {
  return parsePost(`_posts/${name}`, bytes, { timeZone: TZ });
}

function parseFixture(name: string): ParseResult {
  return parseBytes(name, fs.readFileSync(path.join(FIXTURES, name)));
}

function postOf(result: ParseResult): Post {
  if (!result.ok)
    throw new Error(`expected a post, got ${result.error.line}: ${result.error.message}`);
  return result.post;
}

function errorOf(result: ParseResult): ContentError {
  if (result.ok) throw new Error(`expected an error, got the post ${result.post.url}`);
  return result.error;
}

const fixture = (name: string) => postOf(parseFixture(name));
const rejected = (name: string) => errorOf(parseFixture(name));
const iso = (ms: number) => new Date(ms).toISOString();

/** A post file from front-matter lines and a body, parsed as `_posts/<name>`. */
function parseText(
  frontMatter: string[],
  body = '<p>正文。</p>',
  name = '2024-03-01-sample.md',
): ParseResult {
  return parseBytes(
    name,
    new TextEncoder().encode(['---', ...frontMatter, '---', body].join('\n')),
  );
}
const inline = (frontMatter: string[], body?: string, name?: string) =>
  postOf(parseText(frontMatter, body, name));

describe('the fixture folder', () => {
  it('has exactly the files these tests describe, so a new fixture needs a test', () => {
    expect(fs.readdirSync(FIXTURES).sort()).toEqual(
      [
        '-202403011234567890.md',
        '2024-03-01-a b&c%20d.md',
        '2024-03-01-blank-date.md',
        '2024-03-01-blank-line-before.md',
        '2024-03-01-crlf-bom.md',
        '2024-03-01-dup-a.md',
        '2024-03-01-dup-b.md',
        '2024-03-01-empty-title.md',
        '2024-03-01-fallback-text.md',
        '2024-03-01-hidden-text.md',
        '2024-03-01-invalid-utf8.md',
        '2024-03-01-iso-date.md',
        '2024-03-01-late-no-zone.md',
        '2024-03-01-list-taxonomies.md',
        '2024-03-01-malformed-date.md',
        '2024-03-01-no-front-matter.md',
        '2024-03-01-no-zone.md',
        '2024-03-01-permalink-override.md',
        '2024-03-01-published-false.md',
        '2024-03-01-quote-in-title.md',
        '2024-03-01-script-body.md',
        '2024-03-01-singular-keys.md',
        '2024-03-01-slug-override.md',
        '2024-03-01-svg-then-jpg.md',
        '2024-03-01-traversal-category.md',
        '2024-03-01-two-categories.md',
        '2024-03-01-unclosed-front-matter.md',
        '2024-03-01-uppercase-category.md',
        '2024-03-01-utc-date.md',
        '2024-03-01-yaml-bomb.md',
        '2024-03-01-央行降准.md',
        '2099-01-01-future-post.md',
      ].sort(),
    );
  });
});

describe('text of what readers are shown', () => {
  it('leaves hidden elements out of the excerpt and the search text', () => {
    const post = fixture('2024-03-01-hidden-text.md');
    expect(post.text).not.toContain('XYZHIDDEN');
    expect(post.excerpt.startsWith('读者看得见的第一段：两市早盘震荡走高')).toBe(true);
    expect(post.text).toContain('读者看得见的第二段：北向资金小幅净流入。');
  });

  it('reads a body of images and text for its text only', () => {
    expect(fixture('2024-03-01-svg-then-jpg.md').text).toBe(
      '分享卡片只能显示位图，应选用正文中的第一张照片。',
    );
  });
});

describe('files that are skipped and reported', () => {
  it('reports invalid YAML (an unescaped " in the title) at the title line, with what to do', () => {
    const error = rejected('2024-03-01-quote-in-title.md');
    expect(error).toMatchObject({
      file: '_posts/2024-03-01-quote-in-title.md',
      line: 3,
      severity: 'error',
    });
    expect(error.message).toMatch(/not valid YAML/);
    expect(error.message).toMatch(/single quotes|escape/);
  });

  it('skips a file whose name is not YYYY-MM-DD-slug.md with a warning, as Jekyll ignores it', () => {
    const error = rejected('-202403011234567890.md');
    expect(error).toMatchObject({ line: 1, severity: 'warning' });
    expect(error.message).toMatch(/YYYY-MM-DD-slug\.md/);
    expect(error.message).toMatch(/Rename/);
  });

  it('rejects a file without front matter', () => {
    const error = rejected('2024-03-01-no-front-matter.md');
    expect(error.line).toBe(1);
    expect(error.message).toMatch(/no front matter/);
  });

  it('rejects front matter that is never closed, pointing at its opening line', () => {
    const error = rejected('2024-03-01-unclosed-front-matter.md');
    expect(error.line).toBe(1);
    expect(error.message).toMatch(/never closed: add a --- line/);
  });

  it('rejects a YAML alias bomb quickly, at the first alias', { timeout: 2_000 }, () => {
    const error = rejected('2024-03-01-yaml-bomb.md');
    expect(error.line).toBe(5);
    expect(error.message).toMatch(/aliases/);
  });

  it('hints at tabs when the YAML error is a tab-indented line', () => {
    const error = errorOf(parseText(['title: 标题', 'tags:', '\t- 宏观']));
    expect(error.line).toBe(4);
    expect(error.message).toMatch(/tabs/);
  });

  it('rejects a file-name date that does not exist', () => {
    const error = errorOf(parseText(['title: 标题'], '正文', '2024-13-01-x.md'));
    expect(error.message).toMatch(/not a real date/);
  });
});

describe('awkward files that are still published', () => {
  it('derives an empty title from the first sentence of the body, leaving out the source links', () => {
    const post = fixture('2024-03-01-empty-title.md');
    expect(post.title).toBe('沪深两市早盘小幅高开，半导体板块领涨。');
    expect(post.excerpt).not.toMatch(/eastmoney|返回/);
    expect(post.warnings).toContainEqual(expect.objectContaining({ line: 3, severity: 'note' }));
  });

  it('uses the file-name date at midnight Beijing time when the date holds only a zone, with a warning', () => {
    const post = fixture('2024-03-01-blank-date.md');
    expect(iso(post.date)).toBe('2024-02-29T16:00:00.000Z');
    expect(post.url).toBe('/emnews/2024/03/01/blank-date.html');
    expect(post.jekyllUrl).toBeNull();
    expect(post.warnings).toEqual([
      expect.objectContaining({
        line: 4,
        severity: 'warning',
        message: expect.stringContaining('"+0800"'),
      }),
    ]);
  });

  it('falls back to the file-name date, with a warning, for a date that does not exist', () => {
    const post = fixture('2024-03-01-malformed-date.md');
    expect(iso(post.date)).toBe('2024-02-29T16:00:00.000Z');
    expect(post.warnings).toEqual([
      expect.objectContaining({
        line: 4,
        severity: 'warning',
        message: expect.stringContaining('2024-13-45 99:00'),
      }),
    ]);
  });

  it('decodes invalid UTF-8 with replacement characters and warns at the first bad line', () => {
    const post = fixture('2024-03-01-invalid-utf8.md');
    expect(post.title).toBe('\uFFFD\uFFFD 含有非法字节的标题');
    expect(post.url).toBe('/emnews/2024/03/01/invalid-utf8.html');
    expect(post.warnings).toEqual([
      expect.objectContaining({
        line: 3,
        severity: 'warning',
        message: expect.stringMatching(/save the file as UTF-8/),
      }),
    ]);
  });

  it('reads a UTF-8 BOM and CRLF line endings like any other post', () => {
    const bytes = fs.readFileSync(path.join(FIXTURES, '2024-03-01-crlf-bom.md'));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.includes('\r\n')).toBe(true);

    const post = fixture('2024-03-01-crlf-bom.md');
    expect(post).toMatchObject({
      title: 'Windows 记事本保存的稿件',
      categories: ['emnews'],
      tags: ['东财滚动新闻'],
    });
    expect(iso(post.date)).toBe('2024-03-01T07:20:00.000Z');
    expect(post.body).not.toContain('\r');
    expect(post.warnings).toEqual([]);
  });

  it('keeps a post whose file starts with a blank line, and remembers the URL Jekyll gave it', () => {
    const post = fixture('2024-03-01-blank-line-before.md');
    expect(post.title).toBe('前言之前多了一个空行');
    expect(post.url).toBe('/emnews/2024/03/01/blank-line-before.html');
    // Jekyll only sees front matter on the very first line: it published this post without categories.
    expect(post.jekyllUrl).toBe('/2024/03/01/blank-line-before.html');
  });

  it('marks published: false as unpublished, with a note', () => {
    const post = fixture('2024-03-01-published-false.md');
    expect(post.published).toBe(false);
    expect(post.warnings).toContainEqual(expect.objectContaining({ line: 7, severity: 'note' }));
  });

  it('parses a future post with its real date, which the index hides until then', () => {
    const post = fixture('2099-01-01-future-post.md');
    expect(post.published).toBe(true);
    expect(iso(post.date)).toBe('2099-01-01T01:00:00.000Z');
    expect(post.date).toBeGreaterThan(Date.now());
  });

  it('keeps the prose of a script-laden body, and the words of the link and form it unwraps', () => {
    const post = fixture('2024-03-01-script-body.md');
    expect(post.text).toBe(
      '第一段：两市成交额突破一万亿元。\n第二段：北向资金全天净买入超过五十亿元。\n点此查看详情 提交\n第三段：创业板指数收涨百分之一点二。',
    );
  });

  it('keeps the text after broken markup, and warns where a script took part of a paragraph', () => {
    const post = fixture('2024-03-01-fallback-text.md');
    expect(post.text).toBe(
      '居中的图片说明。\n对象之后的文字：浏览器把它当作替代内容显示。\n网址 http://www.\n<scr\n脚本之后的段落仍然可见。\nSVG 之外的外来对象文字。\n最后一段。',
    );
    expect(post.warnings.map((w) => [w.line, w.severity])).toEqual([
      [14, 'warning'],
      [16, 'warning'],
    ]);
  });

  it('gives two posts claiming the same permalink the same URL, for the checker to report', () => {
    const a = fixture('2024-03-01-dup-a.md');
    const b = fixture('2024-03-01-dup-b.md');
    expect(a.url).toBe('/emnews/2024/03/01/same-story.html');
    expect(b.url).toBe(a.url);
    expect(a.path).not.toBe(b.path);
  });
});

describe('dates: zone-less means Beijing time', () => {
  it('reads 2024-03-01 10:46:18 as 02:46:18Z, on the same day as Jekyll', () => {
    const post = fixture('2024-03-01-no-zone.md');
    expect(iso(post.date)).toBe('2024-03-01T02:46:18.000Z');
    expect(post.url).toBe('/emnews/2024/03/01/no-zone.html');
    expect(post.jekyllUrl).toBeNull();
  });

  it('keeps the old next-day URL of a zone-less post dated after 16:00 (Jekyll read it as UTC)', () => {
    const post = fixture('2024-03-01-late-no-zone.md');
    expect(iso(post.date)).toBe('2024-03-01T09:05:00.000Z');
    expect(post.url).toBe('/emnews/2024/03/01/late-no-zone.html');
    expect(post.jekyllUrl).toBe('/emnews/2024/03/02/late-no-zone.html');
  });

  it.each([
    ['2024-03-01 15:59:59', null],
    ['2024-03-01 16:00:00', '/emnews/2024/03/02/sample.html'],
    ['2024-03-01 23:59:59', '/emnews/2024/03/02/sample.html'],
  ])('zone-less %s: Jekyll URL %s', (date, jekyllUrl) => {
    expect(inline([`date: ${date}`, 'categories: emnews']).jekyllUrl).toBe(jekyllUrl);
  });

  it.each([
    ['a quoted timestamp', 'date: "2024-03-01 17:05:00"'],
    ['a time without seconds', 'date: 2024-03-01 17:05'],
    ['a zoned time', 'date: 2024-03-01 17:05:00 +0800'],
  ])('has no old Jekyll URL for %s: Jekyll read it in the site zone', (_, line) => {
    const post = inline([line, 'categories: emnews']);
    expect(iso(post.date)).toBe('2024-03-01T09:05:00.000Z');
    expect(post.jekyllUrl).toBeNull();
  });

  it('shifts the old URL of a date-based front-matter permalink too', () => {
    const post = inline([
      'date: 2024-03-01 20:00:00',
      'permalink: /news/:year/:month/:day/:title.html',
    ]);
    expect(post.url).toBe('/news/2024/03/01/sample.html');
    expect(post.jekyllUrl).toBe('/news/2024/03/02/sample.html');
  });

  it('reads an ISO date with an offset', () => {
    const post = fixture('2024-03-01-iso-date.md');
    expect(iso(post.date)).toBe('2024-03-01T02:00:00.000Z');
    expect(post.jekyllUrl).toBeNull();
  });

  it('reads a Z date and puts the Beijing day in the URL', () => {
    const post = fixture('2024-03-01-utc-date.md');
    expect(iso(post.date)).toBe('2024-02-29T18:30:00.000Z');
    expect(post.url).toBe('/emnews/2024/03/01/utc-date.html');
  });

  it('ignores a capitalised Date: key, as Jekyll does', () => {
    const post = inline(['Date: 2024-05-05 10:00:00 +0800']);
    expect(iso(post.date)).toBe('2024-02-29T16:00:00.000Z');
  });
});

describe('URLs, as Jekyll 4.3 generated them', () => {
  it.each([
    ['2024-03-01-two-categories.md', '/zhengquan/hongguan/2024/03/01/two-categories.html'],
    ['2024-03-01-list-taxonomies.md', '/gongxinbu/zhengce/2024/03/01/list-taxonomies.html'],
    ['2024-03-01-uppercase-category.md', '/wind/2024/03/01/uppercase-category.html'],
    ['2024-03-01-singular-keys.md', '/hongguan/2024/03/01/singular-keys.html'],
    ['2024-03-01-traversal-category.md', '/etc/2024/03/01/traversal-category.html'],
    ['2024-03-01-央行降准.md', '/emnews/2024/03/01/央行降准.html'],
    ['2024-03-01-a b&c%20d.md', '/emnews/2024/03/01/a-b&c-20d.html'],
    ['2024-03-01-slug-override.md', '/emnews/2024/03/01/LPR-Cut_March.html'],
    ['2024-03-01-permalink-override.md', '/hongguan/permalink-override/'],
  ])('%s → %s', (name, url) => {
    const post = fixture(name);
    expect(post.url).toBe(url);
    expect(post.jekyllUrl).toBeNull();
  });

  it('keeps the slug of an overridden or odd file name as written, for old share links', () => {
    expect(fixture('2024-03-01-slug-override.md').slug).toBe('LPR-Cut_March');
    expect(fixture('2024-03-01-a b&c%20d.md').slug).toBe('a b&c%20d');
  });

  it('drops trailing dots of the file-name slug, as Jekyll does', () => {
    expect(inline(['categories: emnews'], '正文', '2024-03-01-v1.2..md').url).toBe(
      '/emnews/2024/03/01/v1.2.html',
    );
  });

  it('ignores sub-folders of _posts in the URL and accepts upper-case extensions', () => {
    const result = parsePost(
      '_posts/2024/03/2024-03-01-Report.MD',
      new TextEncoder().encode('---\ncategories: emnews\n---\n正文'),
      {
        timeZone: TZ,
      },
    );
    expect(postOf(result)).toMatchObject({
      url: '/emnews/2024/03/01/Report.html',
      format: 'markdown',
    });
  });

  it('treats an .html post as raw HTML', () => {
    expect(inline([], '<p>正文</p>', '2024-03-01-page.html').format).toBe('html');
  });
});

describe('taxonomies', () => {
  it('splits a space-separated categories string into categories, in order', () => {
    const post = fixture('2024-03-01-two-categories.md');
    expect(post.categories).toEqual(['zhengquan', 'hongguan']);
    expect(post.tags).toEqual(['证券', '宏观经济']);
  });

  it('takes list items whole, spaces included', () => {
    const post = fixture('2024-03-01-list-taxonomies.md');
    expect(post.categories).toEqual(['gongxinbu', 'zhengce']);
    expect(post.tags).toEqual(['工信部新闻', '产业 政策']);
  });

  it('reads the singular category: and tag: keys', () => {
    const post = fixture('2024-03-01-singular-keys.md');
    expect(post.categories).toEqual(['hongguan']);
    expect(post.tags).toEqual(['货币政策']);
  });

  it('keeps the case of a category for display and lower-cases it in the URL only', () => {
    expect(fixture('2024-03-01-uppercase-category.md').categories).toEqual(['Wind']);
  });

  it('keeps ../ in a category or tag as text', () => {
    const post = fixture('2024-03-01-traversal-category.md');
    expect(post.categories).toEqual(['../../etc']);
    expect(post.tags).toEqual(['../../passwd']);
  });

  it('takes a singular value whole and adds it after the plural ones (Jekyll pluralized_array_from_hash)', () => {
    const post = inline(['categories: a b', 'category: Wind Power', 'tags: x y', 'tag: 产业 政策']);
    expect(post.categories).toEqual(['a', 'b', 'Wind Power']);
    expect(post.tags).toEqual(['产业 政策']);
  });

  it('reads empty or null taxonomies as none', () => {
    const post = inline(['categories: ~', 'tags:']);
    expect(post.categories).toEqual([]);
    expect(post.tags).toEqual([]);
    expect(post.url).toBe('/2024/03/01/sample.html');
  });
});

describe('front-matter fields', () => {
  it('lets the last of two repeated keys win, as Jekyll does', () => {
    expect(inline(['title: 初稿标题', 'title: 定稿标题']).title).toBe('定稿标题');
  });

  it('derives the title when it is null', () => {
    expect(inline(['title: ~'], '<p>央行开展逆回购操作。随后市场利率回落。</p>').title).toBe(
      '央行开展逆回购操作。',
    );
  });

  it.each([
    ['published: false', false],
    ['published: no', false],
    ['published: "false"', false],
    ['published:', false],
    ['published: true', true],
    ['layout: post', true],
  ])('%s → published %s', (line, published) => {
    expect(inline([line]).published).toBe(published);
  });
});

describe('a huge post', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parse-huge-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it(
    'parses a 10,000-character title and a ~3 MB body in bounded time',
    { timeout: 10_000 },
    () => {
      const title = '超长标题'.repeat(2_500);
      const paragraph =
        '<p>这是一段很长的正文，用来检验解析器在大文件上的耗时。<a href="http://example.com/">来源</a></p>\n';
      const body = paragraph.repeat(Math.ceil((3 * 1024 * 1024) / Buffer.byteLength(paragraph)));
      const file = path.join(dir, '2024-03-01-huge.md');
      fs.writeFileSync(
        file,
        `---\nlayout: post\ntitle: "${title}"\ndate: 2024-03-01 16:30:00 +0800\ncategories: emnews\n---\n${body}`,
      );
      expect(fs.statSync(file).size).toBeGreaterThan(3_000_000);

      const post = postOf(parseBytes('2024-03-01-huge.md', fs.readFileSync(file)));
      expect(Array.from(post.title)).toHaveLength(10_000);
      expect(Array.from(post.excerpt).length).toBeLessThanOrEqual(160);
      expect(post.url).toBe('/emnews/2024/03/01/huge.html');
    },
  );
});

describe('aliases: other URLs that lead to a post', () => {
  const post = (text: string, opts: { timeZone: string; aliasZones?: string[] }) =>
    postOf(parsePost('_posts/2026-11-22-late.md', new TextEncoder().encode(text), opts));
  const file = (date: string) => `---\ntitle: 晚间\ndate: ${date}\ncategories: emnews\n---\n正文\n`;

  it('holds the URL Jekyll generated for a zone-less evening post', () => {
    const late = post(file('2026-11-22 19:30:00'), { timeZone: 'Asia/Shanghai' });
    expect(late.url).toBe('/emnews/2026/11/22/late.html');
    expect(late.aliases).toEqual(['/emnews/2026/11/23/late.html']);
  });

  it('holds the URL under each former zone, and never the URL itself', () => {
    const text = file('2026-11-22 00:15:00 +0800');
    expect(post(text, { timeZone: 'Asia/Shanghai' }).aliases).toEqual([]);
    const moved = post(text, { timeZone: 'UTC', aliasZones: ['Asia/Shanghai', 'Europe/London'] });
    expect(moved.url).toBe('/emnews/2026/11/21/late.html');
    expect(moved.aliases).toEqual(['/emnews/2026/11/22/late.html']);
  });
});
