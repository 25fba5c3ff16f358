import { describe, expect, it } from 'vitest';

import { excerptOf, firstSentence, plainText, readBody } from '@/lib/content/text';
import { truncate } from '@/lib/format';

describe('plainText', () => {
  it('keeps a bare < that is not a tag', () => {
    expect(plainText('精度满足<1%，视场角达到120度以上')).toBe('精度满足<1%，视场角达到120度以上');
  });

  it('decodes entities after removing tags', () => {
    expect(plainText('<p>A&amp;B《&lt;蒙特利尔议定书&gt;》&nbsp;第&#x4e00;条</p>')).toBe(
      'A&B《<蒙特利尔议定书>》 第一条',
    );
  });

  it('leaves out source autolinks, empty autolinks and back-links to the old site', () => {
    const body = [
      '欧菲光发布中长距TOF模组。',
      '',
      '<http://finance.eastmoney.com/news/1354,202112082206796814.html>',
      '',
      '<>',
      '',
      '[返回东财滚动新闻](../emnews/)',
      '[返回首页](../)',
      '[返回东财滚动新闻](//finews.withounder.com/emnews/)｜[返回首页](//finews.withounder.com/)',
    ].join('\n');
    expect(plainText(body)).toBe('欧菲光发布中长距TOF模组。');
  });

  it('keeps the text of a link inside a sentence and drops images', () => {
    expect(
      plainText('详见[公告原文](http://example.com/a)。![图片](http://example.com/a.jpg)'),
    ).toBe('详见公告原文。');
  });

  it('turns block elements into lines and table cells into words', () => {
    expect(
      plainText(
        '<p>第一段</p><div>第二段<br/>第三行</div><table><tr><td>A股</td><td>B股</td></tr></table>',
      ),
    ).toBe('第一段\n第二段\n第三行\nA股 B股');
  });

  it('strips markdown quote, heading, list and bold markers', () => {
    expect(plainText('> 引用一句。\n## 小标题\n- **要点**一\n* 要点二')).toBe(
      '引用一句。\n小标题\n要点一\n要点二',
    );
  });

  it('leaves out what the article hides: display:none, visibility:hidden, the hidden attribute, nested or not', () => {
    const body = [
      '<p>看得见的第一段。</p>',
      '<div style="display:none">XYZHIDDEN<div>内层</div>仍然隐藏</div>',
      '<p style="color:red; VISIBILITY: hidden">隐藏二</p><section hidden><p>隐藏三</p></section>',
      '<p>看得见的<span style="display: none">隐藏四</span>第二段。</p>',
    ].join('\n');
    for (const format of ['markdown', 'html'] as const) {
      expect(plainText(body, format)).toBe('看得见的第一段。\n看得见的第二段。');
    }
  });

  it('drops comments, scripts, styles, frames and SVG with their content; keeps the words of what is unwrapped', () => {
    const body = [
      '<p>正文一。</p><!-- EM_StockImg_Start --><script>alert(1)</script><style>p{}</style>',
      '<form><button>提交</button></form><iframe>框架</iframe><svg><text>图形</text></svg>',
      '<a href="javascript:alert(1)">点我</a><a href="http://example.com/">来源</a>',
      '<p>正文二。</p><!-- never closed <p>隐藏</p>',
    ].join('\n');
    expect(plainText(body)).toBe('正文一。\n提交 点我来源\n正文二。');
  });

  it('collapses full-width spaces, no-break spaces and blank lines', () => {
    expect(plainText('甲\u3000\u3000乙\u00a0 丙\n\n\n  丁  ')).toBe('甲 乙 丙\n丁');
  });

  it(
    'stays linear on a long line of autolinks followed by text (no regex backtracking blow-up)',
    { timeout: 2_000 },
    () => {
      const line = `${Array.from({ length: 2_000 }, (_, i) => `<http://example.com/${i}>`).join(' ')} 正文`;
      const text = plainText(line);
      // Autolinks inside a sentence are shown, so their text counts; the line is read once.
      expect(text.startsWith('http://example.com/0 http://example.com/1 ')).toBe(true);
      expect(text.endsWith('http://example.com/1999 正文')).toBe(true);
    },
  );

  it('stays fast on unclosed comments, scripts, tags and brackets', { timeout: 2_000 }, () => {
    const hostile = ['<!--', '<script>', '<p', '[', '[a](', '**']
      .map((s) => s.repeat(5_000))
      .join('\n');
    expect(plainText(`${hostile}\n${'正文'.repeat(100_000)}`)).not.toContain('<!--');
  });
});

describe('readBody', () => {
  it('says where content readers would have seen is removed with the element holding it', () => {
    const body =
      '<p>第一段。</p>\n<iframe src="x">\n<p>第二段被框架吞掉。</p>\n<script>x()</script><p style="display:none">有意隐藏</p>';
    const read = readBody(body, 'html');
    expect(read.text).toBe('第一段。');
    // Hidden on purpose and script code are not reported; the swallowed paragraph is.
    expect(read.dropped).toEqual([
      {
        tag: 'iframe',
        line: 2,
        excerpt: expect.stringMatching(/^<p>第二段被框架吞掉。<\/p>/),
        how: 'unclosed',
      },
    ]);
  });

  it('reports a script that is never closed, with what it takes, but not a closed one', () => {
    const body =
      '<p>第一段。</p>\n<script>track()</script>\n<p>第二段。</p>\n<script>x()\n<p>第三段被脚本吞掉。</p>';
    const read = readBody(body, 'html');
    expect(read.text).toBe('第一段。\n第二段。');
    expect(read.dropped).toEqual([
      {
        tag: 'script',
        line: 4,
        excerpt: expect.stringContaining('第三段被脚本吞掉。'),
        how: 'unclosed',
      },
    ]);
  });

  it('reports an inline script markdown had to close at the end of its paragraph', () => {
    const body = '第一段。\n\n网址 http://www.<script>alert(1)</script .com 的说明\n\n第三段还在。';
    const read = readBody(body, 'markdown');
    expect(read.text).toBe('第一段。\n网址 http://www.\n第三段还在。');
    expect(read.dropped).toEqual([
      { tag: 'script', line: 3, excerpt: 'alert(1)</script .com 的说明', how: 'paragraph' },
    ]);
  });

  it('keeps the fallback text of an object and of a stray foreignObject, as a browser shows it', () => {
    const read = readBody(
      '<p>前文。</p><object data="javascript:alert(1)"><p>对象的替代文字。</p>\n\n<foreignObject><p>外来文字。</p></foreignObject><p>后文。</p>',
      'markdown',
    );
    expect(read.text).toBe('前文。\n对象的替代文字。\n外来文字。\n后文。');
    expect(read.dropped).toEqual([]);
  });
});

describe('truncate', () => {
  it('returns short text unchanged', () => {
    expect(truncate('开站大吉', 4)).toBe('开站大吉');
  });

  it('cuts to at most max characters, ellipsis included', () => {
    expect(truncate('一二三四五六', 4)).toBe('一二三…');
    expect(truncate('ab cd ef', 4)).toBe('ab…');
  });

  it('never splits a character outside the BMP', () => {
    expect(truncate('😀😀😀', 2)).toBe('😀…');
  });

  it('returns nothing for a non-positive max', () => {
    expect(truncate('文本', 0)).toBe('');
  });
});

describe('firstSentence', () => {
  it('takes the first line up to the first sentence end', () => {
    expect(firstSentence('\n沪指高开。随后回落！\n第二行。')).toBe('沪指高开。');
    expect(firstSentence('Markets rallied! Then fell.')).toBe('Markets rallied!');
  });

  it('takes the whole first line when it has no sentence end, shortened to max', () => {
    expect(firstSentence('没有句号的一行\n第二行')).toBe('没有句号的一行');
    expect(Array.from(firstSentence('长'.repeat(100)))).toHaveLength(60);
    expect(firstSentence('长'.repeat(100)).endsWith('…')).toBe(true);
  });
});

describe('excerptOf', () => {
  it('joins lines with spaces and stops at 160 characters', () => {
    expect(excerptOf('第一行\n\n第二行')).toBe('第一行 第二行');
    const long = excerptOf('字'.repeat(500));
    expect(Array.from(long)).toHaveLength(160);
    expect(long.endsWith('…')).toBe(true);
  });
});
