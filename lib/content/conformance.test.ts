// The parser against the shared reference data (read-only, next to the project): the 100 real
// posts of the old Jekyll site, the seed article and the bad-post corpus with its EXPECTED.md.
import fs from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { parsePost } from '@/lib/content/parse';
import { hasShared, SHARED } from '@/lib/testing/shared';
import type { ContentError, ParseResult, Post } from '@/lib/types';

const TZ = 'Asia/Shanghai';
const exists = hasShared;
const REAL = path.join(SHARED, 'corpus/real/_posts');
const BAD = path.join(SHARED, 'corpus/bad/_posts');
const HOURS_8 = 8 * 3600 * 1000;
/** The one real file without a date in its name: Jekyll never read it, so it is not a post. */
const UNDATED_REAL = '-202205262391921712.md';

function parseFile(dir: string, name: string): ParseResult {
  return parsePost(`_posts/${name}`, fs.readFileSync(path.join(dir, name)), { timeZone: TZ });
}

function postOf(result: ParseResult): Post {
  if (!result.ok)
    throw new Error(
      `expected a post, got ${result.error.file}:${result.error.line}: ${result.error.message}`,
    );
  return result.post;
}

function errorOf(result: ParseResult): ContentError {
  if (result.ok) throw new Error(`expected an error, got the post ${result.post.url}`);
  return result.error;
}

const list = (dir: string) => (exists ? fs.readdirSync(dir).sort() : []);
const iso = (ms: number) => new Date(ms).toISOString();

describe.runIf(exists)('the 100 real posts of the old site', () => {
  const names = list(REAL);
  const dated = names.filter((name) => name !== UNDATED_REAL);

  it('are all there', () => {
    expect(names).toHaveLength(100);
    expect(names).toContain(UNDATED_REAL);
  });

  it.each(dated)('%s parses as a published post with its Jekyll URL', (name) => {
    const post = postOf(parseFile(REAL, name));
    const [, y, m, d, slug] = /^(\d{4})-(\d{2})-(\d{2})-(.+)\.md$/.exec(name) ?? [];
    expect(post.published).toBe(true);
    expect(post.title).not.toBe('');
    expect(post.categories).toHaveLength(1);
    // Every real post is dated before 16:00 Beijing time, so even Jekyll's UTC misreading kept its day.
    expect(post.url).toBe(`/${post.categories[0]}/${y}/${m}/${d}/${slug}.html`);
    expect(post.warnings).toEqual([]);
  });

  it(`${UNDATED_REAL} has no date in its file name: not a post (Jekyll ignored it), reported at line 1`, () => {
    const error = errorOf(parseFile(REAL, UNDATED_REAL));
    // A warning, not an error: the real archive holds it, and a file Jekyll ignores fails no commit.
    expect(error).toMatchObject({ file: `_posts/${UNDATED_REAL}`, line: 1, severity: 'warning' });
    expect(error.message).toMatch(/YYYY-MM-DD-slug\.md/);
  });

  it('read every zone-less date as Beijing time: the naive time as UTC minus 8 hours', () => {
    let zoneless = 0;
    for (const name of dated) {
      const raw = fs.readFileSync(path.join(REAL, name), 'utf8');
      const naive = /^date:\s*(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})\s*$/m.exec(raw);
      if (!naive) continue;
      zoneless++;
      expect(postOf(parseFile(REAL, name)).date, name).toBe(
        Date.parse(`${naive[1]}T${naive[2]}Z`) - HOURS_8,
      );
    }
    expect(zoneless).toBe(95);
  });

  it('read dates with a zone at that zone', () => {
    let zoned = 0;
    for (const name of dated) {
      const raw = fs.readFileSync(path.join(REAL, name), 'utf8');
      const m = /^date:\s*(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}) ([+-]\d{2})(\d{2})\s*$/m.exec(
        raw,
      );
      if (!m) continue;
      zoned++;
      expect(postOf(parseFile(REAL, name)).date, name).toBe(
        Date.parse(`${m[1]}T${m[2]}${m[3]}:${m[4]}`),
      );
    }
    expect(zoned).toBe(4);
  });

  it('keep the site-launch post', () => {
    const post = postOf(parseFile(REAL, '2021-12-01-init.md'));
    expect(post).toMatchObject({
      url: '/sitenews/2021/12/01/init.html',
      title: '开站大吉',
      tags: ['站长消息'],
    });
    expect(iso(post.date)).toBe('2021-12-01T05:33:50.000Z');
  });

  it('keep the post with a blank line before its front matter, and the URL Jekyll gave it without one', () => {
    const post = postOf(parseFile(REAL, '2021-12-08-202112082206703990.md'));
    expect(post.title).toBe('FF：有充足的现金支持到FF 91完成投产');
    expect(post.url).toBe('/emnews/2021/12/08/202112082206703990.html');
    expect(post.jekyllUrl).toBe('/2021/12/08/202112082206703990.html');
  });

  it('keep a bare < in the text', () => {
    expect(postOf(parseFile(REAL, '2021-12-08-202112082206796814.md')).text).toContain(
      '精度满足<1%，视场角',
    );
  });

  it('leave source autolinks, <> and back-links to the old site out of every text', () => {
    for (const name of dated) {
      const text = postOf(parseFile(REAL, name)).text;
      expect(text, name).not.toMatch(/https?:|<>|返回首页|返回东财滚动新闻|finews\./);
    }
  });
});

describe.runIf(exists)('the seed article', () => {
  it('parsed as _posts/2021-12-20-NW202112202219885661.md gets the old URL, date and taxonomies', () => {
    const [seed] = list(path.join(SHARED, 'seed')).filter((name) => name.endsWith('.txt'));
    if (!seed) throw new Error('no seed document in ../shared/seed');
    const bytes = fs.readFileSync(path.join(SHARED, 'seed', seed));
    const post = postOf(
      parsePost('_posts/2021-12-20-NW202112202219885661.md', bytes, { timeZone: TZ }),
    );
    expect(post.url).toBe('/gongxinweibao/2021/12/20/NW202112202219885661.html');
    expect(iso(post.date)).toBe('2021-12-20T11:02:33.000Z');
    expect(post).toMatchObject({
      title: '工信部：明年要扩大新能源汽车、绿色智能家电、绿色建材消费',
      categories: ['gongxinweibao'],
      tags: ['工信微报新闻'],
      format: 'markdown',
      jekyllUrl: null,
    });
    expect(post.text).toMatch(/^12月20日，全国工业和信息化工作会议在北京以视频形式召开。/);
    expect(post.text).not.toMatch(/NewsShare|返回首页/);
  });
});

/** Each row of ../shared/corpus/bad/EXPECTED.md, at the parser level. */
const EXPECTED: Record<string, { row: string; check: (result: ParseResult) => void }> = {
  '2024-03-01-quote-in-title.md': {
    row: 'skipped; the YAML error is reported at the title line',
    check: (r) => {
      const error = errorOf(r);
      expect(error.line).toBe(3);
      expect(error.message).toMatch(/not valid YAML/);
    },
  },
  '2024-03-01-empty-title.md': {
    row: 'published with a title derived from the first sentence of the body',
    check: (r) => expect(postOf(r).title).toBe('标题为空的快讯：正文第一句可以当作标题使用。'),
  },
  '2024-03-01-blank-date.md': {
    row: 'published at the file-name date, midnight Beijing time, with a warning',
    check: (r) => {
      const post = postOf(r);
      expect(iso(post.date)).toBe('2024-02-29T16:00:00.000Z');
      expect(post.warnings.map((w) => w.severity)).toEqual(['warning']);
    },
  },
  '-202403011234567890.md': {
    row: 'not a post (Jekyll ignores it); reported',
    check: (r) =>
      expect(errorOf(r)).toMatchObject({
        severity: 'warning',
        message: expect.stringMatching(/YYYY-MM-DD-slug\.md/),
      }),
  },
  '2024-03-01-no-zone.md': {
    row: 'read in Asia/Shanghai: 10:46 Beijing, 02:46Z',
    check: (r) => expect(iso(postOf(r).date)).toBe('2024-03-01T02:46:18.000Z'),
  },
  '2024-03-01-no-front-matter.md': {
    row: 'not a post; reported',
    check: (r) => expect(errorOf(r).message).toMatch(/no front matter/),
  },
  '2024-03-01-unclosed-front-matter.md': {
    row: 'skipped; reported',
    check: (r) => expect(errorOf(r).message).toMatch(/never closed/),
  },
  '2024-03-01-two-categories.md': {
    row: 'two categories, both in the permalink, in order',
    check: (r) => {
      const post = postOf(r);
      expect(post.categories).toEqual(['21shijijingjibaodao', '21caijingAPP']);
      expect(post.url).toBe('/21shijijingjibaodao/21caijingapp/2024/03/01/two-categories.html');
    },
  },
  '2024-03-01-list-taxonomies.md': {
    row: 'list items are taken whole',
    check: (r) => {
      const post = postOf(r);
      expect(post.categories).toEqual(['gongxinweibao', 'zhengce']);
      expect(post.tags).toEqual(['工信微报新闻', '政策 解读']);
    },
  },
  '2024-03-01-script-body.md': {
    row: 'published; its text is the three paragraphs and the words of what is unwrapped',
    check: (r) =>
      expect(postOf(r).text).toBe('正常段落一。\n点我\n正常段落二。\n提交\n正常段落三。'),
  },
  '2024-03-01-traversal-category.md': {
    row: '../ treated as text, sanitized out of the URL',
    check: (r) => {
      const post = postOf(r);
      expect(post.categories).toEqual(['../../etc']);
      expect(post.tags).toEqual(['../../passwd']);
      expect(post.url).toBe('/etc/2024/03/01/traversal-category.html');
    },
  },
  '2024-03-01-中文文件名.md': {
    row: 'a Chinese slug kept in the URL',
    check: (r) => expect(postOf(r).url).toBe('/emnews/2024/03/01/中文文件名.html'),
  },
  '2024-03-01-a b&c%20d.md': {
    row: 'space and % slugified, & kept',
    check: (r) => expect(postOf(r).url).toBe('/emnews/2024/03/01/a-b&c-20d.html'),
  },
  '2024-03-01-published-false.md': {
    row: 'not published',
    check: (r) => expect(postOf(r).published).toBe(false),
  },
  '2099-01-01-future-post.md': {
    row: 'dated in the future (hidden by the index until then)',
    check: (r) => expect(postOf(r).date).toBeGreaterThan(Date.now()),
  },
  '2024-03-01-yaml-bomb.md': {
    row: 'rejected quickly and reported',
    check: (r) => expect(errorOf(r).message).toMatch(/alias/),
  },
  '2024-03-01-crlf-bom.md': {
    row: 'parses like any other post',
    check: (r) => {
      const post = postOf(r);
      expect(post.title).toBe('CRLF 换行与 BOM');
      expect(post.warnings).toEqual([]);
    },
  },
  '2024-03-01-invalid-utf8.md': {
    row: 'decoded with replacement characters and a warning, never a crash',
    check: (r) => {
      const post = postOf(r);
      expect(post.title).toContain('\uFFFD');
      expect(post.warnings).toEqual([expect.objectContaining({ line: 3, severity: 'warning' })]);
    },
  },
  '2024-03-01-dup-a.md': {
    row: 'claims /emnews/2024/03/01/duplicate.html (the checker reports the clash)',
    check: (r) => expect(postOf(r).url).toBe('/emnews/2024/03/01/duplicate.html'),
  },
  '2024-03-01-dup-b.md': {
    row: 'claims the same URL as dup-a',
    check: (r) => expect(postOf(r).url).toBe('/emnews/2024/03/01/duplicate.html'),
  },
  '2024-03-01-huge.md': {
    row: 'parsed, its 10,000-character title kept whole for pages to shorten',
    check: (r) => {
      const post = postOf(r);
      expect(Array.from(post.title)).toHaveLength(10_000);
      expect(Array.from(post.excerpt).length).toBeLessThanOrEqual(160);
    },
  },
};

describe.runIf(exists)('the bad-post corpus, row by row of EXPECTED.md', () => {
  it('has a row here for every file', () => {
    expect(list(BAD)).toEqual(Object.keys(EXPECTED).sort());
  });

  const rows = Object.entries(EXPECTED).map(
    ([name, { row, check }]) => [name, row, check] as const,
  );

  it.each(rows)('%s: %s', { timeout: 5_000 }, (name, _row, check) => {
    check(parseFile(BAD, name));
  });
});
